"""Random sequences of edits, undos and redos on the demo file, through the window's own route.

After every step the file must hold exactly the state the sequence implies (an edit changes
what it names and nothing else; an undo returns the file to the state before that edit, ids
and places included; a redo to the state after it), and the window must show the file:
the document's records, the risk table's rows and the editor's fields and lists.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskdesk.core.model import ActionStatus, Score
from riskdesk.core.validation import ValidationError
from riskdesk.ui import commands
from riskdesk.ui.main_window import MainWindow
from riskdesk.ui.undo import edit_fields

TABLES = ("risks", "controls", "actions", "links", "registers")
HIDDEN = {"version", "changed_by", "changed_at", "created_at", "deleted"}
State = dict[str, dict[str, dict[str, Any]]]
KINDS = ("title", "residual", "add", "remove", "item text", "complete or convert", "delete", "duplicate",
         "link", "unlink", "reorder", "move", "new risk")
# Undo and redo often, as people do; "back and forth" undoes 1-3 steps then redoes them.
STEPS = (*KINDS, "undo", "undo", "redo", "back and forth", "back and forth")
WORDS = st.text(alphabet="abcdefghij KLM'&é\t", min_size=1, max_size=12).filter(lambda t: t.strip() != "")


def read_state(path: Path) -> State:
    """Every live record of the file, field by field, through a connection of its own."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {table: {row["id"]: {k: v for k, v in dict(row).items() if k not in HIDDEN}
                        for row in conn.execute(f"SELECT * FROM {table} WHERE deleted = 0")}
                for table in TABLES}
    finally:
        conn.close()


def live_ids(state: State, table: str, risk_id: str | None = None) -> list[str]:
    rows = state[table].items()
    return sorted(i for i, row in rows if risk_id is None or row.get("risk_id") == risk_id)


def pick(data: st.DataObject, choices: list[str]) -> str:
    """One of choices, drawn the same way whatever their number (so a failing run replays)."""
    return choices[data.draw(st.integers(0, 10_000)) % len(choices)]


def in_file_order(state: State, table: str, risk_id: str | None = None) -> list[str]:
    """Ids in the order the file holds them (not by id: ids are new in every run)."""
    return [i for i, row in state[table].items() if risk_id is None or row.get("risk_id") == risk_id]


def ordered(state: State, table: str, risk_id: str) -> list[str]:
    return [i for i, _ in sorted(((i, r) for i, r in state[table].items() if r["risk_id"] == risk_id),
                                 key=lambda pair: pair[1]["position"])]


def without(state: State, **gone: set[str]) -> State:
    return {t: {i: r for i, r in rows.items() if i not in gone.get(t, set())} for t, rows in state.items()}


def new_records(before: State, after: State, table: str) -> list[dict[str, Any]]:
    return [row for i, row in after[table].items() if i not in before[table]]


def assert_only(before: State, after: State, expected: State, added: dict[str, int] | None = None) -> None:
    """after equals expected apart from the records an edit adds, counted per table."""
    for table in TABLES:
        fresh = {i for i in after[table] if i not in before[table]}
        assert len(fresh) == (added or {}).get(table, 0), table
        kept = {i: r for i, r in after[table].items() if i not in fresh}
        assert kept == expected[table], table


def window_shows_file(window: MainWindow, path: Path, risk_id: str | None) -> None:
    document = window.document
    assert document is not None
    state = read_state(path)
    for table, records in (("risks", document.contents.risks), ("controls", document.contents.controls),
                           ("actions", document.contents.actions), ("links", document.contents.links)):
        assert sorted(r.id for r in records) == live_ids(state, table), table
    for risk in document.contents.risks:
        assert risk.title == state["risks"][risk.id]["title"]
    table_model = window.risk_panel.model
    assert sorted(table_model.risk_at(row).id for row in range(table_model.rowCount())) == live_ids(state, "risks")
    if risk_id is not None and risk_id in state["risks"] and window.risk_panel.select_risk(risk_id):
        editor = window.editor
        assert editor.risk is not None and editor.risk.id == risk_id
        assert editor.risk.title == state["risks"][risk_id]["title"]
        assert [c.id for c in editor.controls.records] == ordered(state, "controls", risk_id)
        assert [a.id for a in editor.action_list.records] == ordered(state, "actions", risk_id)


class Sequence:
    """One random sequence: the file, the window, and the states the sequence implies."""

    def __init__(self, window: MainWindow, path: Path):
        assert window.open_file(path)
        assert window.document is not None
        window.document.poll_timer.stop()
        window.document.ensure_complete()
        self.window, self.document, self.path = window, window.document, path
        self.workspace = window.document.workspace
        self.states = [read_state(path)]
        self.index = 0
        self.problems: list[str] = []
        self.document.problem.connect(self.problems.append)
        self.focus: str | None = None

    def step(self, kind: str, data: st.DataObject) -> bool:
        """One step; False when there was nothing to do (no undo left, a refused value...)."""
        before = self.states[self.index]
        stack = self.window.undo_stack
        if kind == "undo":
            if not stack.canUndo():
                return False
            stack.undo()
            self.index -= 1
            assert read_state(self.path) == self.states[self.index]
        elif kind == "redo":
            if not stack.canRedo():
                return False
            stack.redo()
            self.index += 1
            assert read_state(self.path) == self.states[self.index]
        else:
            count = stack.count()
            self.edit(kind, before, data)
            after = read_state(self.path)
            done = after != before
            if not done:
                assert stack.count() == count  # nothing changed, nothing to undo
            else:
                assert stack.count() == self.index + 1
                self.states[self.index + 1:] = [after]
                self.index += 1
        assert stack.index() == self.index
        assert self.problems == []
        window_shows_file(self.window, self.path, self.focus)
        return kind in ("undo", "redo") or done

    def edit(self, kind: str, before: State, data: st.DataObject) -> None:
        ws, doc = self.workspace, self.document
        store = ws.store
        risks = live_ids(before, "risks")
        if not risks:
            return
        risk_id = pick(data, in_file_order(before, "risks"))
        self.focus = risk_id
        risk = store.get(store_spec("risk"), risk_id)
        item_kind = data.draw(st.sampled_from(["control", "action"]))
        items = ordered(before, f"{item_kind}s", risk_id)
        expected = before
        if kind == "title":
            title = data.draw(WORDS)
            edit_fields(doc, "risk", risk_id, risk.version, {"title": title}, "Title")
            expected = changed(before, "risks", risk_id, title=title)
        elif kind == "residual":
            score = Score(data.draw(st.integers(1, 5)), data.draw(st.integers(1, 5)))
            try:
                edit_fields(doc, "risk", risk_id, risk.version, {"residual": score}, "Residual")
            except ValidationError:
                return  # refused: the file must be as it was
            expected = changed(before, "risks", risk_id, residual_likelihood=score.likelihood,
                               residual_impact=score.impact)
        elif kind == "add":
            text = data.draw(WORDS)
            commands.add_item(doc, item_kind, risk, {"description": text})
            after = read_state(self.path)
            [made] = new_records(before, after, f"{item_kind}s")
            assert (made["risk_id"], made["description"]) == (risk_id, text.strip())
            assert_only(before, after, before, {f"{item_kind}s": 1})
            return
        elif kind in ("remove", "item text") and items:
            item_id = pick(data, items)
            version = store.get(store_spec(item_kind), item_id).version
            if kind == "remove":
                commands.remove_item(doc, item_kind, risk, item_id, version)
                expected = without(before, **{f"{item_kind}s": {item_id}})
            else:
                text = data.draw(WORDS)
                edit_fields(doc, item_kind, item_id, version, {"description": text}, "Text")
                expected = changed(before, f"{item_kind}s", item_id, description=text)
        elif kind == "complete or convert" and ordered(before, "actions", risk_id):
            action_id = pick(data, ordered(before, "actions", risk_id))
            action = store.get(store_spec("action"), action_id)
            if action.status != ActionStatus.COMPLETE:
                edit_fields(doc, "action", action_id, action.version, {"status": ActionStatus.COMPLETE}, "Done")
                expected = changed(before, "actions", action_id, status="complete")
            else:
                commands.action_to_control(doc, risk, action_id, action.version)
                after = read_state(self.path)
                [made] = new_records(before, after, "controls")
                assert (made["risk_id"], made["description"], made["owner"]) == (
                    risk_id, action.description, action.owner)
                assert_only(before, after, without(before, actions={action_id}), {"controls": 1})
                return
        elif kind == "delete":
            commands.delete_risk(doc, risk)
            links = {i for i, r in before["links"].items() if risk_id in (r["from_risk_id"], r["to_risk_id"])}
            expected = without(before, risks={risk_id}, controls=set(live_ids(before, "controls", risk_id)),
                               actions=set(live_ids(before, "actions", risk_id)), links=links)
        elif kind == "duplicate":
            copy = commands.duplicate_risk(doc, risk)
            after = read_state(self.path)
            controls, actions = live_ids(before, "controls", risk_id), live_ids(before, "actions", risk_id)
            assert_only(before, after, before, {"risks": 1, "controls": len(controls), "actions": len(actions)})
            assert len(live_ids(after, "controls", copy.id)) == len(controls)
            return
        elif kind == "link" and len(risks) > 1:
            other = pick(data, [r for r in in_file_order(before, "risks") if r != risk_id])
            commands.link_risks(doc, risk, store.get(store_spec("risk"), other))
            after = read_state(self.path)
            [made] = new_records(before, after, "links")
            assert (made["from_risk_id"], made["to_risk_id"]) == (risk_id, other)
            assert_only(before, after, before, {"links": 1})
            return
        elif kind == "unlink":
            links = [i for i, r in before["links"].items() if r["from_risk_id"] == risk_id]
            if not links:
                return
            link_id = pick(data, links)
            row = before["links"][link_id]
            commands.unlink_risks(doc, link_id, risk, store.get(store_spec("risk"), row["to_risk_id"]), row["kind"])
            expected = without(before, links={link_id})
        elif kind == "move":
            register_id = pick(data, [r for r in in_file_order(before, "registers") if r != risk.register_id])
            try:
                commands.move_risks(doc, [risk_id], register_id)
            except ValidationError:
                return  # its reference is taken there: refused, nothing written
            expected = changed(before, "risks", risk_id, register_id=register_id)
        elif kind == "new risk":
            reference = f"N {data.draw(st.integers(1, 30))}"
            try:
                made = commands.create_risk(doc, risk.register_id, reference, "A new risk")
            except ValidationError:
                return
            after = read_state(self.path)
            assert (after["risks"][made.id]["reference"], after["risks"][made.id]["register_id"]) == (
                reference, risk.register_id)
            assert_only(before, after, before, {"risks": 1})
            self.focus = made.id
            return
        elif kind == "reorder" and len(items) > 1:
            order = list(items)
            data.draw(st.randoms(use_true_random=False)).shuffle(order)
            commands.reorder_items(doc, item_kind, risk, items, list(order))
            expected = before
            for position, item_id in enumerate(order):
                expected = changed(expected, f"{item_kind}s", item_id, position=position)
        else:
            return
        assert_only(before, read_state(self.path), expected)


def changed(state: State, table: str, record_id: str, **values: Any) -> State:
    copy = {t: dict(rows) for t, rows in state.items()}
    copy[table][record_id] = {**copy[table][record_id], **values}
    return copy


def store_spec(kind: str) -> Any:
    from riskdesk.storage.records import SPECS

    return SPECS[kind]


def run_sequences(make_window, demo: Path, folder: Path, examples: int, steps: int, tally: dict[str, int]) -> None:
    window = make_window(None)
    numbers = itertools.count()

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(kinds=st.lists(st.sampled_from(STEPS), min_size=steps // 2, max_size=steps), data=st.data())
    def sequence(kinds: list[str], data: st.DataObject) -> None:
        path = folder / f"run-{next(numbers)}.sqlite"
        shutil.copyfile(demo, path)
        run = Sequence(window, path)
        for kind in kinds:
            moves = [kind]
            if kind == "back and forth":
                n = data.draw(st.integers(1, 3))
                moves = ["undo"] * n + ["redo"] * n
            for move in moves:
                key = move if run.step(move, data) else "nothing to do"
                tally[key] = tally.get(key, 0) + 1
        tally["sequences"] = tally.get("sequences", 0) + 1
        window.close_file()
        path.unlink()

    sequence()


def test_random_edits_undos_and_redos_leave_file_and_window_as_implied(
    make_window, demo_5x5_path: Path, tmp_path: Path
) -> None:
    tally: dict[str, int] = {}
    run_sequences(make_window, demo_5x5_path, tmp_path, examples=15, steps=24, tally=tally)
    assert tally["sequences"] >= 15 and tally.get("undo", 0) >= 15 and tally.get("redo", 0) >= 8


@pytest.mark.slow
def test_hundreds_of_random_sequences(make_window, demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    tally: dict[str, int] = {}
    run_sequences(make_window, demo_5x5_path, tmp_path, examples=300, steps=40, tally=tally)
    steps = sum(v for k, v in tally.items() if k != "sequences")
    with capsys.disabled():
        print(f"\n{tally['sequences']} sequences, {steps} steps: {dict(sorted(tally.items()))}")
    assert tally["sequences"] >= 300
