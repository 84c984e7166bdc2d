"""The scheme in the window: set in the new-register wizard, seen and changed in the Scheme dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout

from riskdesk.core.presets import preset
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.new_register_wizard import NewRegisterWizard
from riskdesk.ui.scheme_actions import scheme_changer
from riskdesk.ui.scheme_dialog import SchemeDialog
from riskdesk.ui.scheme_editor import SchemeEditor


def _choose_preset(editor: SchemeEditor, name: str) -> None:
    index = editor.start.findData(name)
    editor.start.setCurrentIndex(index)
    editor.start.activated.emit(index)


def _set(table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    table.item(row, column).setText(text)


def test_the_wizard_makes_a_register_of_the_scheme_as_changed(qtbot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard(tmp_path)
    qtbot.addWidget(wizard)
    editor = wizard.editor
    _choose_preset(editor, "4x4-weighted")
    assert (editor.matrix.rowCount(), editor.matrix.columnCount()) == (4, 4)
    assert editor.matrix.item(0, 3).text().startswith("32\n"), "top right: 4 x 8"
    # Five likelihood levels, the new one named; impact level 2 renamed; the top band recoloured.
    editor.likelihood_count.setValue(5)
    _set(editor.likelihood, 4, 0, "Almost certain")
    _set(editor.likelihood, 4, 2, "Over 90%")
    _set(editor.impact, 1, 0, "Significant")
    _set(editor.bands, 2, 3, "#990000")
    editor.axis.setCurrentIndex(editor.axis.findData("impact"))
    editor.name.setText("Moorgate corporate")
    assert editor.problems.text() == ""
    assert (editor.matrix.rowCount(), editor.matrix.columnCount()) == (4, 5), "impact now runs down the side"
    top_right = editor.matrix.item(0, 4)
    assert top_right.text().startswith("40\nHigh"), "5 x 8, in the top band stretched to reach it"
    assert top_right.background().color().name() == "#990000"
    # A cell coloured by hand.
    editor.set_override((1, 4), "High")
    wizard.council.setText("City of London")
    wizard.location.setText(str(tmp_path / "moorgate"))
    path = wizard.create_file()
    workspace = Workspace.open(path)
    try:
        scheme = workspace.scheme
    finally:
        workspace.close()
    assert scheme.name == "Moorgate corporate"
    assert [lv.label for lv in scheme.likelihood][-1] == "Almost certain"
    assert scheme.likelihood_level(5).probability == "Over 90%"
    assert scheme.impact_level(2).label == "Significant"
    assert [lv.value for lv in scheme.impact] == [1, 2, 4, 8]
    assert scheme.band_named("High").colour == "#990000" and scheme.band_named("High").high == 40
    assert scheme.vertical_axis == "impact"
    assert scheme.cell_overrides == {(1, 4): "High"}
    assert scheme.problems() == []


def test_a_bad_box_is_said_and_the_wizard_stays_on_the_page(qtbot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.council.setText("Midshire")
    wizard.show()
    wizard.next()
    assert wizard.currentPage().title() == "Scoring scheme"
    editor = wizard.editor
    _set(editor.impact, 2, 1, "three")
    expected = "Impact level 3: the score must be a whole number of 1 or more; got 'three'"
    assert editor.problems.text().startswith(expected)
    assert not editor.matrix.isEnabled()
    wizard.next()
    assert wizard.currentPage().title() == "Scoring scheme", "Next refuses while a box cannot be read"
    _set(editor.impact, 2, 1, "2")
    assert "Impact values must rise from level to level" in editor.problems.text()
    _set(editor.impact, 2, 1, "3")
    assert editor.problems.text() == "" and editor.matrix.isEnabled()
    wizard.next()
    assert wizard.currentPage().title() == "First register"


def test_a_scheme_file_loads_into_the_editor_and_a_bad_one_is_one_sentence(qtbot, tmp_path: Path) -> None:
    from riskdesk.services.scheme_files import write_scheme_file

    editor = SchemeEditor(preset("5x5"))
    qtbot.addWidget(editor)
    good = write_scheme_file(preset("6x5"), tmp_path / "york.json")
    assert editor.load_file(good)
    assert editor.scheme() == preset("6x5")
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "likelihood": "none"}', encoding="utf-8")
    assert not editor.load_file(bad)
    assert editor.problems.text() == "bad.json: likelihood must be a list. Nothing was changed."
    assert editor.scheme() == preset("6x5")
    assert editor.save_file(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == good.read_text(encoding="utf-8")


def _form_combo(form: QFormLayout, row: int) -> QComboBox:
    widget = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
    assert isinstance(widget, QComboBox)
    return widget


def test_the_scheme_dialog_previews_every_score_then_changes_with_a_copy(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    document = window.document
    contents = document.contents
    dialog = SchemeDialog(contents.scheme, list(contents.risks), scheme_changer(document), window)
    assert not dialog.next_button.isEnabled(), "nothing to change yet"
    _choose_preset(dialog.editor, "6x5")
    assert dialog.next_button.isEnabled()
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1
    scored = sum(1 for r in contents.risks for kind in ("inherent", "residual", "target") if getattr(r, kind))
    assert dialog.preview.rowCount() == scored
    # Old likelihood 5 (Almost certain) goes to 5 instead of 6: the preview follows at once.
    combo = _form_combo(dialog.likelihood_form, 4)
    assert combo.currentData() == 6
    before = [dialog.preview.item(r, 4).text() for r in range(dialog.preview.rowCount())]
    combo.setCurrentIndex(combo.findData(5))
    after = [dialog.preview.item(r, 4).text() for r in range(dialog.preview.rowCount())]
    assert before != after
    assert "scores:" in dialog.summary.text()
    dialog.change_button.click()
    assert dialog.result_of_change is not None
    backup = dialog.result_of_change.backup
    assert backup is not None and backup.exists()
    assert document.contents.scheme == preset("6x5")
    assert window.heat_map.heat_model().rowCount() == 6, "the heat map redraws in the new shape"
    mapping = dialog.mapping()
    fresh = load_contents(Workspace.open(demo_5x5_path, read_only=True))
    old_by_id = {r.id: r for r in contents.risks}
    for risk in fresh.risks:
        assert risk.residual == mapping.apply(old_by_id[risk.id].residual)
    assert window.undo_stack.count() == 0


def test_the_file_menu_opens_the_scheme_read_only_for_a_read_only_file(make_window, demo_5x5_path: Path,
                                                                         qtbot) -> None:
    window = make_window(demo_5x5_path)
    action = window.actions_by_name["scheme"]
    assert action.isEnabled() and action.text().replace("&", "") == "Scoring scheme..."
    seen: list[SchemeDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SchemeDialog)
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(200, look)
    action.trigger()
    assert seen and seen[0].editor.scheme() == preset("5x5")
    window.read_only = True
    QTimer.singleShot(200, look)
    action.trigger()
    assert len(seen) == 2
    assert seen[1].next_button.isHidden() and not seen[1].editor.name.isEnabled()
    assert seen[1].editor.likelihood.editTriggers() == seen[1].editor.likelihood.EditTrigger.NoEditTriggers


def test_criteria_categories_can_be_added_and_removed(qtbot) -> None:
    editor = SchemeEditor(preset("3x3"))
    qtbot.addWidget(editor)
    before = editor.criteria.rowCount()
    editor.add_category.click()
    row = editor.criteria.rowCount() - 1
    assert row == before
    for column, text in enumerate(("Environment", "Local", "Regional", "National")):
        editor.criteria.setItem(row, column, type(editor.criteria.item(0, 0))(text))
    assert editor.scheme().criteria["Environment"] == ("Local", "Regional", "National")
    editor.criteria.setCurrentCell(0, 0)
    first = editor.criteria.item(0, 0).text()
    editor.remove_category.click()
    assert first not in editor.scheme().criteria and "Environment" in editor.scheme().criteria
