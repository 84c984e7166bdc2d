"""Each part of the window is told what an operation really changed, and a refusal reads one way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from riskdesk.core.changes import OpChanges
from riskdesk.core.model import Score, ScoreKind
from riskdesk.ui.main_window import MainWindow
from tests.ui.helpers import edit_elsewhere, select_register, visible_references
from tests.ui.test_bring_in import checked, colleague_copy, confirm, write_csv

Make = Callable[[Path | None], MainWindow]
Told = dict[str, list[tuple[OpChanges, object]]]
PARTS = {"RegisterTreeView", "RiskPanel", "HeatMapFeed", "RiskEditor", "StatusLabels"}


def listen(window: MainWindow) -> Told:
    """Record what each part is told, then let it do its real work."""
    told: Told = {}
    for part in window.parts:
        heard = told.setdefault(type(part).__name__, [])
        original = part.op_executed

        def record(changes: OpChanges, initiator: object, heard=heard, original=original) -> None:
            heard.append((changes, initiator))
            original(changes, initiator)

        part.op_executed = record  # type: ignore[method-assign]
    return told


def test_closing_a_period_tells_each_part_the_real_changes(make_window: Make, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    document = window.document
    assert document is not None
    document.poll_timer.stop()  # only our own operation is under test
    select_register(window, "Strategic Risk Register")
    sr72 = next(r for r in document.contents.risks if r.reference == "SR 7.2")
    window.risk_panel.select_risk(sr72.id)
    assert window.editor.widgets["period_comment"].text() != ""  # type: ignore[attr-defined]
    q1 = document.contents.current_period()
    live = {r.id for r in document.contents.risks if not r.archived}
    told = listen(window)

    assert window.report_actions.close_period(ask_label=False)

    q2 = document.contents.current_period()
    assert q1 is not None and q2 is not None and q2.label == "Q2 2024/25"
    assert set(told) == PARTS
    for name, heard in told.items():
        assert len(heard) == 1, name
        changes, initiator = heard[0]
        assert not changes.reload and not changes.scheme and not changes.settings, name
        assert changes.periods == {q1.id, q2.id} and changes.risks == live, name
        assert initiator is window, name
    # ...and each drew what it shows from those changes alone.
    assert window.period_label.text() == "Period: Q2 2024/25"
    assert window.editor.widgets["period_comment"].text() == ""  # type: ignore[attr-defined]
    assert "Q2 2024/25" in window.editor.period_label.text()
    assert window.heat_map is not None and "Q2 2024/25" in window.heat_map.title()


def test_an_import_tells_each_part_the_real_changes(qtbot, make_window: Make, demo_5x5_path: Path,
                                                   tmp_path: Path) -> None:
    source = write_csv(tmp_path / "q1.csv", [
        ["SR 7.9", "Cyber attack on case records", "", "Director of IT", 3, 5, "open"],
        ["SR 7.2", "Ineffective Social Care Practice", "", "Executive Director", 2, 3, "open"],
    ])
    window = make_window(demo_5x5_path)
    document = window.document
    assert document is not None
    document.poll_timer.stop()  # the import writes on its own connection: not a colleague's change
    select_register(window, "Strategic Risk Register")
    flow = window.bring_in_actions.import_spreadsheet(source)
    checked(qtbot, flow)
    told = listen(window)

    confirm(qtbot, flow)

    by_reference = {r.reference: r for r in document.contents.risks}
    assert by_reference["SR 7.2"].residual == Score(2, 3)
    assert set(told) == PARTS
    for name, heard in told.items():
        assert len(heard) == 1, name
        changes, initiator = heard[0]
        assert not changes.reload and not changes.scheme and not changes.periods, name
        assert changes.risks == {by_reference["SR 7.9"].id, by_reference["SR 7.2"].id}, name
        assert initiator is flow, name
    assert "SR 7.9" in visible_references(window)
    row = window.risk_panel.model.row_of(by_reference["SR 7.2"].id)
    assert row is not None and window.risk_panel.model.risk_at(row).residual == Score(2, 3)


def test_a_merge_tells_each_part_the_real_changes(qtbot, make_window: Make, demo_5x5_path: Path,
                                                  tmp_path: Path) -> None:
    theirs = colleague_copy(demo_5x5_path, tmp_path)
    edit_elsewhere(theirs, "SR 7.2", user="Colleague", title="Social care practice under review")
    window = make_window(demo_5x5_path)
    document = window.document
    assert document is not None
    document.poll_timer.stop()
    select_register(window, "Strategic Risk Register")
    flow = window.bring_in_actions.merge_copy(theirs)
    checked(qtbot, flow)
    told = listen(window)

    confirm(qtbot, flow)

    sr72 = next(r for r in document.contents.risks if r.reference == "SR 7.2")
    assert sr72.title == "Social care practice under review"
    assert set(told) == PARTS
    for name, heard in told.items():
        assert len(heard) == 1, name
        changes, initiator = heard[0]
        assert not changes.reload and changes.risks == {sr72.id}, name
        assert initiator is flow, name
    row = window.risk_panel.model.row_of(sr72.id)
    assert row is not None and window.risk_panel.model.risk_at(row).title == sr72.title


def test_a_colleagues_close_is_read_from_what_it_changed(make_window: Make, demo_5x5_path: Path) -> None:
    from riskdesk.services.queries import load_contents
    from riskdesk.services.workspace import Workspace

    window = make_window(demo_5x5_path)
    document = window.document
    assert document is not None
    document.poll_timer.stop()  # looked at below, once
    select_register(window, "Strategic Risk Register")
    told = listen(window)
    colleague = Workspace.open(demo_5x5_path, user="A colleague")
    try:
        period = load_contents(colleague).current_period()
        assert period is not None
        colleague.close_period(period.id, next_label="Q2 2024/25")
        fresh = load_contents(colleague)
    finally:
        colleague.close()

    assert document.check_for_colleagues()

    for name, heard in told.items():
        assert len(heard) == 1, name
        changes, initiator = heard[0]
        assert not changes.reload and period.id in changes.periods and initiator is None, name
    assert window.period_label.text() == "Period: Q2 2024/25"
    ours = document.contents
    assert {r.id: r for r in ours.risks} == {r.id: r for r in fresh.risks}
    def keyed(snapshots: list) -> dict:
        return {(s.period_id, s.risk_id): s for s in snapshots}

    assert keyed(ours.snapshots) == keyed(fresh.snapshots)


def test_a_refused_score_reads_the_same_in_the_editor_and_from_the_heat_map(make_window: Make,
                                                                           demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    document = window.document
    assert document is not None
    select_register(window, "Strategic Risk Register")
    sr72 = next(r for r in document.contents.risks if r.reference == "SR 7.2")
    window.risk_panel.select_risk(sr72.id)

    window.risk_actions.rescore(sr72.id, "residual", 9, 3, "Audit results")  # as the heat map asks it
    box = window.last_message
    assert box is not None
    window.editor.scores.scoreChosen.emit("residual", Score(9, 3))  # as the editor's score box asks it
    beside = window.editor.scores.rows[ScoreKind.RESIDUAL].error

    assert box.text() == beside.text() == "Residual likelihood must be 1 to 5; got 9"
    assert box.windowTitle() == "That change was not made"
    assert document.risk(sr72.id).residual == sr72.residual  # nothing was written
