"""What changed between periods, against what was really done to a real file."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskdesk.core.changes_since import word_diff
from riskdesk.core.model import ActionStatus, RegisterKind, Score
from riskdesk.services.what_changed import ChangesError, what_changed
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import ACTION, PERIOD, RISK

REFS = ("R1", "R2", "R3")
OWNERS = ("Ann", "Bob", "")
COMMENTS = ("", "Stable.", "Worse this quarter.", "Stable. New funding agreed.")


@dataclass
class RiskModel:
    """What the test did to one risk, kept independently of the file."""

    owner: str = "Ann"
    residual: Score = field(default_factory=lambda: Score(2, 2))
    comment: str = ""
    register: str = "A"
    actions: dict[int, str] = field(default_factory=dict)  # action number -> status
    controls: set[int] = field(default_factory=set)


def _state(models: dict[str, RiskModel]) -> dict[str, RiskModel]:
    return {ref: RiskModel(m.owner, m.residual, m.comment, m.register, dict(m.actions), set(m.controls))
            for ref, m in models.items()}


operations = st.lists(st.one_of(
    st.tuples(st.just("owner"), st.sampled_from(REFS), st.sampled_from(OWNERS)),
    st.tuples(st.just("residual"), st.sampled_from(REFS), st.tuples(st.integers(1, 5), st.integers(1, 5))),
    st.tuples(st.just("comment"), st.sampled_from(REFS), st.sampled_from(COMMENTS)),
    st.tuples(st.just("add_action"), st.sampled_from(REFS), st.none()),
    st.tuples(st.just("complete"), st.sampled_from(REFS), st.integers(0, 3)),
    st.tuples(st.just("add_control"), st.sampled_from(REFS), st.none()),
    st.tuples(st.just("move"), st.sampled_from(REFS), st.sampled_from(("A", "B"))),
    st.tuples(st.just("close"), st.none(), st.none()),
), max_size=14)


def _expected(then: dict[str, RiskModel], now: dict[str, RiskModel]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for ref in REFS:
        a, b = then[ref], now[ref]
        kinds = set()
        if a.residual != b.residual:
            kinds.add("scores")
        if a.owner != b.owner:
            kinds.add("owner")
        if b.comment.strip() and a.comment.strip() != b.comment.strip():
            kinds.add("comment")
        if a.register != b.register:
            kinds.add("moved")
        if set(b.actions) - set(a.actions):
            kinds.add("actions added")
        if any(status == "complete" and a.actions.get(n) not in (None, "complete") for n, status in b.actions.items()):
            kinds.add("actions completed")
        if b.controls - a.controls:
            kinds.add("controls added")
        if kinds:
            found[ref] = kinds
    return found


def _run(ops: list[tuple[str, object, object]], folder: Path) -> None:
    ws = Workspace.create(folder / "register.sqlite", "5x5", "Test Council")
    try:
        a, _ = ws.create_register("A")
        b, _ = ws.create_register("B", kind=RegisterKind.DIRECTORATE)
        registers = {"A": a.id, "B": b.id}
        ids: dict[str, str] = {}
        models = {ref: RiskModel() for ref in REFS}
        action_ids: dict[tuple[str, int], str] = {}
        first, _ = ws.create_period("Q1 2024/25")
        for ref in REFS:
            risk, _ = ws.create_risk(a.id, ref, f"Risk {ref}", owner="Ann", residual=Score(2, 2))
            ids[ref] = risk.id
        ws.close_period(first.id, "Q2 2024/25")
        states = [("Q1 2024/25", _state(models))]
        for kind, ref, value in ops:
            if kind == "close":
                open_period = next(p for p in ws.store.all(PERIOD) if not p.is_closed)
                number = len(states) + 1
                ws.close_period(open_period.id, f"Q{number + 1} 2024/25" if number < 4 else f"P{number + 1}")
                states.append((open_period.label, _state(models)))  # the snapshot keeps the comments...
                for model in models.values():
                    model.comment = ""  # ...and closing clears them for the next period
                continue
            assert isinstance(ref, str)
            model = models[ref]
            risk = ws.store.get(RISK, ids[ref])
            if kind == "owner":
                ws.update_risk(risk.id, risk.version, owner=value)
                model.owner = str(value)
            elif kind == "residual":
                assert isinstance(value, tuple)
                ws.update_risk(risk.id, risk.version, residual=Score(*value))
                model.residual = Score(*value)
            elif kind == "comment":
                ws.update_risk(risk.id, risk.version, period_comment=value)
                model.comment = str(value)
            elif kind == "move":
                ws.update_risk(risk.id, risk.version, register_id=registers[str(value)])
                model.register = str(value)
            elif kind == "add_action":
                number = len(model.actions)
                action, _ = ws.add_action(risk.id, f"Action {number} of {ref}", owner="Ann")
                action_ids[(ref, number)] = action.id
                model.actions[number] = "not started"
            elif kind == "complete":
                assert isinstance(value, int)
                if value in model.actions:
                    action = ws.store.get(ACTION, action_ids[(ref, value)])
                    ws.update_action(action.id, action.version, status=ActionStatus.COMPLETE)
                    model.actions[value] = "complete"
            elif kind == "add_control":
                ws.add_control(risk.id, f"Control {len(model.controls)} of {ref}")
                model.controls.add(len(model.controls))
        now = _state(models)
        for index, (label, then) in enumerate(states):
            report = what_changed(ws, label, today=date(2024, 1, 1))
            got = {c.reference: set(c.kinds) for c in report.changes}
            assert got == _expected(then, now), f"since {label}"
            for later_label, later in states[index + 1:]:
                report = what_changed(ws, label, later_label, today=date(2024, 1, 1))
                got = {c.reference: set(c.kinds) for c in report.changes}
                assert got == _expected(then, later), f"{label} to {later_label}"
    finally:
        ws.close()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_changes_agree_with_what_was_done(ops: list[tuple[str, object, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run(ops, Path(folder))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_changes_agree_with_what_was_done_at_length(ops: list[tuple[str, object, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run(ops, Path(folder))


def test_the_demo_since_the_last_closed_quarter_and_between_two(demo_5x5_path: Path) -> None:
    ws = Workspace.open(demo_5x5_path, read_only=True)
    try:
        report = what_changed(ws, "Q2 2023/24", "Q3 2023/24")
        assert report.heading == "Changes from Q2 2023/24 to Q3 2023/24"
        by_ref = {c.reference: c for c in report.changes}
        assert [m.kind for m in by_ref["CS 02"].scores] == ["residual"]
        assert (by_ref["CS 02"].scores[0].before, by_ref["CS 02"].scores[0].after) == (Score(4, 4), Score(5, 4))
        assert "Residual score 4x4 (16) to 5x4 (20)." in by_ref["CS 02"].lines()
        assert by_ref["CS 12"].new and by_ref["CS 12"].controls_added
        assert what_changed(ws).since_label == "Q4 2023/24"
    finally:
        ws.close()


def test_an_action_gone_overdue_is_named_once(workspace: Workspace) -> None:
    register = workspace.store.all(__import__("riskdesk.storage.records", fromlist=["REGISTER"]).REGISTER)[0]
    period, _ = workspace.create_period("Q1 2024/25", date(2024, 4, 1), date(2024, 6, 30))
    risk, _ = workspace.create_risk(register.id, "R1", "Risk", owner="Ann", residual=Score(2, 2))
    workspace.add_action(risk.id, "Already late", due_date=date(2024, 5, 1))
    workspace.close_period(period.id, "Q2 2024/25")
    workspace.add_action(risk.id, "Falls due this quarter", due_date=date(2024, 8, 1))
    done, _ = workspace.add_action(risk.id, "Done in time", due_date=date(2024, 8, 2))
    workspace.update_action(done.id, done.version, status=ActionStatus.COMPLETE)
    change = what_changed(workspace, today=date(2024, 9, 1)).changes[0]
    assert change.actions_overdue == ("Falls due this quarter",)
    assert set(change.actions_added) == {"Falls due this quarter", "Done in time"}


def test_asking_for_an_open_or_unknown_period_says_so(workspace: Workspace) -> None:
    with pytest.raises(ChangesError, match="no closed period yet"):
        what_changed(workspace)
    workspace.create_period("Q1 2024/25")
    with pytest.raises(ChangesError, match="Q1 2024/25 is still open"):
        what_changed(workspace, "Q1 2024/25")
    with pytest.raises(ChangesError, match='no reporting period called "Q9"'):
        what_changed(workspace, "Q9")


def test_word_diff_marks_added_and_removed_words() -> None:
    runs = word_diff("Placements remain costly and scarce.", "Placements remain costly but improving.")
    assert runs == [("same", "Placements remain costly"), ("removed", "and scarce."),
                    ("added", "but improving.")]
    assert word_diff("", "New text") == [("added", "New text")]
