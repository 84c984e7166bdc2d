"""Sorting, partial refresh, columns, new registers and copies of the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from riskdesk.core.model import Score
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import REGISTER
from riskdesk.ui.new_register_wizard import NewRegisterWizard
from riskdesk.ui.risk_table import SCORE
from tests.ui.helpers import select_register, visible_references


def test_sorting_by_score_puts_the_highest_first(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    window.risk_panel.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    proxy = window.risk_panel.proxy
    values = [proxy.index(row, SCORE).data(Qt.ItemDataRole.UserRole + 2) for row in range(proxy.rowCount())]
    assert values == sorted(values, reverse=True) and values[0] == 20
    window.risk_panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    references = visible_references(window)
    assert references.index("CS 13") < references.index("SR 7.2") < references.index("SR 7.4")


def test_an_edit_refreshes_rows_without_rebuilding_the_table(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    model = window.risk_panel.model
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        window.editor._write({"residual": Score(2, 2)}, "Change residual score of SR 7.4", "residual")
    assert model.index(model.row_of(risk.id), SCORE).data() == "Low 4"
    assert window.risk_panel.current_risk().id == risk.id


def test_hidden_columns_come_back_hidden(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    menu = window.risk_panel.table.column_menu()
    menu.actions()[SCORE].setChecked(False)
    assert window.risk_panel.table.horizontalHeader().isSectionHidden(SCORE)
    window.close()
    again = make_window(demo_5x5_path)
    assert again.risk_panel.table.horizontalHeader().isSectionHidden(SCORE)


def test_new_register_wizard_writes_a_3x3_file(qtbot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.council.setText("Midshire Council")
    start = wizard.editor.start
    start.setCurrentIndex(start.findData("3x3"))
    start.activated.emit(start.currentIndex())
    assert wizard.matrix.rowCount() == 3 and wizard.matrix.item(0, 2).text().startswith("9\n")
    wizard.register.setText("Children's Services Risk Profile")
    wizard.location.setText(str(tmp_path / "profile"))
    path = wizard.create_file()
    assert path == tmp_path / "profile.sqlite"
    workspace = Workspace.open(path)
    try:
        assert workspace.scheme.name == "3x3"
        assert workspace.settings.council_name == "Midshire Council"
        assert [r.name for r in workspace.store.all(REGISTER)] == ["Children's Services Risk Profile"]
        from datetime import date

        from riskdesk.core.periods import quarter_label
        from riskdesk.storage.records import PERIOD

        periods = workspace.store.all(PERIOD)
        assert [(p.label, p.is_closed) for p in periods] == [(quarter_label(date.today()), False)]
    finally:
        workspace.close()


def test_save_a_copy(make_window, demo_5x5_path: Path, tmp_path: Path) -> None:
    from riskdesk.services.files import save_copy

    window = make_window(demo_5x5_path)
    copy = save_copy(window.document.workspace, tmp_path / "copy.sqlite")
    other = make_window(copy)
    assert len(other.document.contents.risks) == len(window.document.contents.risks)


def test_a_rescored_risk_moves_to_its_place_in_a_sorted_table(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    window.risk_panel.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    risk = next(r for r in window.document.contents.risks if r.reference == "SR 7.4")
    window.risk_panel.select_risk(risk.id)
    assert visible_references(window)[0] != "SR 7.4"
    window.editor._write({"residual": Score(5, 5)}, "Change residual score of SR 7.4", "residual")
    assert visible_references(window)[0] == "SR 7.4"
    assert window.risk_panel.current_risk().id == risk.id  # the selection followed the row


def test_the_wizard_says_where_it_cannot_write_before_it_closes(qtbot, tmp_path: Path) -> None:
    wizard = NewRegisterWizard(tmp_path)
    qtbot.addWidget(wizard)
    (tmp_path / "taken.sqlite").write_bytes(b"someone's register")
    wizard.location.setText(str(tmp_path / "taken.sqlite"))
    assert wizard.location_problem() == f"taken.sqlite already exists in {tmp_path}; choose another name or folder."
    wizard.location.setText(str(tmp_path / "no such folder" / "new.sqlite"))
    assert "does not exist; choose another with Browse" in (wizard.location_problem() or "")
    wizard.location.setText(str(tmp_path))  # a folder: the file goes inside it
    assert wizard.target_path() == tmp_path / "Risk register.sqlite" and wizard.location_problem() is None
    wizard.location.setText(str(tmp_path / "notes.txt"))
    assert wizard.target_path() == tmp_path / "notes.txt.sqlite"
    # On the last page, Finish keeps the wizard open and says why.
    wizard.council.setText("Midshire Council")
    wizard.location.setText(str(tmp_path / "taken.sqlite"))
    wizard.show()
    for _ in range(3):
        wizard.next()
    last = wizard.currentPage()
    assert not last.validatePage()
    assert "already exists" in last.problem.text()
    assert (tmp_path / "taken.sqlite").read_bytes() == b"someone's register"
