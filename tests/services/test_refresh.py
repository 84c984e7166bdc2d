"""The window's copy of the file re-read from an operation's changes matches the file read afresh."""

from __future__ import annotations

from pathlib import Path

from riskdesk.core.changes import OpChanges
from riskdesk.core.direction import Direction
from riskdesk.core.model import Score
from riskdesk.services.queries import load_contents
from riskdesk.services.refresh import BULK_AT, load_first_view, load_the_rest, refresh_contents
from riskdesk.services.workspace import Workspace


def _same(ours, fresh) -> None:
    assert sorted(r.id for r in ours.risks) == sorted(r.id for r in fresh.risks)
    assert {r.id: r for r in ours.risks} == {r.id: r for r in fresh.risks}
    assert [p.id for p in ours.periods] == [p.id for p in fresh.periods]
    assert {(s.period_id, s.risk_id) for s in ours.snapshots} == {(s.period_id, s.risk_id) for s in fresh.snapshots}
    # The arrows compare with the period closed last, which the refreshed copy must know too.
    assert {r.id: ours.live_direction(r) for r in ours.risks} == {r.id: fresh.live_direction(r) for r in fresh.risks}


def test_closing_a_period_reread_from_its_changes_matches_the_file(demo_5x5_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path)
    try:
        ours = load_contents(ws)
        period = ours.current_period()
        assert period is not None
        changes = ws.close_period(period.id, next_label="Q2 2024/25")
        assert len(changes.risks) >= 1 and not changes.reload
        _same(refresh_contents(ws, ours, changes), load_contents(ws))
    finally:
        ws.close()


def test_many_changes_are_read_in_one_query_and_a_few_one_by_one(workspace: Workspace) -> None:
    ours = load_contents(workspace)
    register_id = ours.registers[0].id
    made = OpChanges()
    for number in range(BULK_AT + 1):  # past the bulk limit: the whole table is read again
        _, changes = workspace.create_risk(register_id, f"R {number}", f"Risk {number}")
        made.merge(changes)
    _same(refresh_contents(workspace, ours, made), load_contents(workspace))
    gone = ours.risks[3]
    few = workspace.delete_risk(gone.id, gone.version)  # one record: read on its own, and dropped
    after = refresh_contents(workspace, ours, few)
    assert gone.id not in {r.id for r in after.risks}
    _same(after, load_contents(workspace))


def test_a_merged_close_reread_from_its_changes_matches_the_file(demo_5x5_path: Path, tmp_path: Path) -> None:
    import shutil

    from riskdesk.services.merging import merge_copy

    theirs = tmp_path / "theirs.sqlite"
    shutil.copyfile(demo_5x5_path, theirs)
    colleague = Workspace.open(theirs, user="Colleague")
    try:
        period = load_contents(colleague).current_period()
        assert period is not None
        colleague.close_period(period.id, next_label="Q2 2024/25")
    finally:
        colleague.close()
    ws = Workspace.open(demo_5x5_path)
    try:
        ours = load_contents(ws)
        result = merge_copy(ws, theirs)
        assert result.outcome.snapshots_added and not result.changes.reload
        _same(refresh_contents(ws, ours, result.changes), load_contents(ws))
    finally:
        ws.close()


def test_the_first_view_gives_each_risk_the_direction_the_whole_file_gives(demo_5x5_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path)
    try:
        whole = load_contents(ws)
        risk = whole.risks[0]
        assert risk.residual is not None
        # One risk moves up after the last close, so not every arrow is "no change".
        ws.update_risk(risk.id, risk.version, residual=Score(5, 5))
        whole = load_contents(ws)
        first = load_first_view(ws)
        assert not first.snapshots and first.previous_residuals  # the arrows' scores alone, not the snapshots
        wanted = {r.id: whole.live_direction(r) for r in whole.risks}
        assert {r.id: first.live_direction(r) for r in first.risks} == wanted
        assert len(set(wanted.values())) > 1
        load_the_rest(ws, first)
        assert first.previous_residuals is None and first.snapshots
        assert {r.id: first.live_direction(r) for r in first.risks} == wanted
    finally:
        ws.close()


def test_after_a_close_the_arrows_compare_with_the_quarter_just_closed(demo_5x5_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path)
    try:
        ours = load_contents(ws)
        risk = ours.risks[0]
        ws.update_risk(risk.id, risk.version, residual=Score(5, 5))
        ours = load_contents(ws)
        assert ours.live_direction(next(r for r in ours.risks if r.id == risk.id)) != Direction.NO_CHANGE
        period = ours.current_period()
        assert period is not None
        changes = ws.close_period(period.id, next_label="Q2 2024/25")
        ours = refresh_contents(ws, ours, changes)
        moved = next(r for r in ours.risks if r.id == risk.id)
        assert ours.live_direction(moved) == load_contents(ws).live_direction(moved)
        assert ours.live_direction(moved) == Direction.NO_CHANGE  # against its score when the quarter closed
    finally:
        ws.close()
