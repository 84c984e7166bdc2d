"""Merging a colleague's copy: their changes arrive, clashes keep ours and are reported, nothing is lost."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskdesk.cli import main
from riskdesk.core.model import Score
from riskdesk.services.merging import merge_copy
from riskdesk.services.queries import find_register, load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.storage.records import RISK


def risk_by_ref(ws: Workspace, reference: str):
    return next(r for r in ws.store.all(RISK) if r.reference == reference)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copies(demo_5x5_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    theirs = tmp_path / "colleague.sqlite"
    shutil.copyfile(demo_5x5_path, theirs)
    return demo_5x5_path, theirs


def test_their_new_risk_and_edits_arrive_beside_ours(copies, capsys) -> None:
    ours_path, theirs_path = copies
    theirs = Workspace.open(theirs_path, user="Colleague")
    sr72 = risk_by_ref(theirs, "SR 7.2")
    theirs.update_risk(sr72.id, sr72.version, "Q1 update", period_comment="Their Q1 comment on practice")
    register = find_register(load_contents(theirs), "Strategic Risk Register")
    new_risk, _ = theirs.create_risk(register.id, "SR 7.9", "Cyber attack on case records", residual=Score(3, 5))
    theirs.add_action(new_risk.id, "Test the recovery plan")
    theirs.close()
    ours = Workspace.open(ours_path, user="Me")
    sr74 = risk_by_ref(ours, "SR 7.4")
    ours.update_risk(sr74.id, sr74.version, "", title="SEND demand and capacity")
    ours.close()

    assert main(["merge", str(ours_path), str(theirs_path)]) == 0
    out = capsys.readouterr().out
    assert "1 new risk: SR 7.9" in out and "1 risk updated: SR 7.2" in out

    ours = Workspace.open(ours_path)
    try:
        contents = load_contents(ours)
        by_ref = {r.reference: r for r in contents.risks}
        assert by_ref["SR 7.2"].period_comment == "Their Q1 comment on practice"
        assert by_ref["SR 7.4"].title == "SEND demand and capacity"
        assert by_ref["SR 7.9"].residual == Score(3, 5)
        assert [a.description for a in contents.actions_of(by_ref["SR 7.9"].id)] == ["Test the recovery plan"]
        entries = [h for h in ours.store.history(by_ref["SR 7.2"].id) if h["field"] == "period_comment"]
        assert entries[-1]["changed_by"] == "Colleague"
    finally:
        ours.close()
    # Merging again brings nothing and changes nothing.
    before = digest(ours_path)
    assert main(["merge", str(ours_path), str(theirs_path)]) == 0
    assert "Nothing new in the other copy." in capsys.readouterr().out
    assert digest(ours_path) == before


def test_a_field_changed_in_both_keeps_ours_reports_and_keeps_theirs_in_history(copies, capsys) -> None:
    ours_path, theirs_path = copies
    for path, who, text in ((theirs_path, "Colleague", "Their words"), (ours_path, "Me", "My words")):
        ws = Workspace.open(path, user=who)
        risk = risk_by_ref(ws, "SR 7.5")
        ws.update_risk(risk.id, risk.version, "", period_comment=text)
        ws.close()

    assert main(["merge", str(ours_path), str(theirs_path)]) == 1
    captured = capsys.readouterr()
    assert "Risk SR 7.5: period comment was changed in both copies; yours was kept, Colleague's is in the history" \
        in captured.err
    ours = Workspace.open(ours_path)
    try:
        risk = risk_by_ref(ours, "SR 7.5")
        assert risk.period_comment == "My words"
        texts = [h["new"] for h in ours.store.history(risk.id)]
        assert "Their words" in texts  # not lost
    finally:
        ours.close()


def test_deleted_here_and_changed_there_is_a_conflict(copies, capsys) -> None:
    ours_path, theirs_path = copies
    theirs = Workspace.open(theirs_path, user="Colleague")
    risk = risk_by_ref(theirs, "CS 11")
    theirs.update_risk(risk.id, risk.version, "", title="Early years funding errors")
    theirs.close()
    ours = Workspace.open(ours_path, user="Me")
    risk = risk_by_ref(ours, "CS 11")
    ours.delete_risk(risk.id, risk.version, "Merged into CS 10")
    ours.close()
    assert main(["merge", str(ours_path), str(theirs_path)]) == 1
    assert "Risk CS 11: title was changed in both copies" in capsys.readouterr().err


def test_dry_run_reports_and_writes_nothing(copies, capsys) -> None:
    ours_path, theirs_path = copies
    theirs = Workspace.open(theirs_path, user="Colleague")
    risk = risk_by_ref(theirs, "SR 7.7")
    theirs.update_risk(risk.id, risk.version, "", residual=Score(2, 4))
    theirs.close()
    before = digest(ours_path)
    assert main(["merge", str(ours_path), str(theirs_path), "--dry-run"]) == 0
    assert "Would bring in from colleague.sqlite:" in capsys.readouterr().out
    assert digest(ours_path) == before


def test_refusals(copies, tmp_path: Path, capsys) -> None:
    ours_path, _ = copies
    other = tmp_path / "other-scheme.sqlite"
    Workspace.create(other, "3x3", "Elsewhere").close()
    text = tmp_path / "notes.sqlite"
    text.write_text("not a register")
    before = digest(ours_path)
    assert main(["merge", str(ours_path), str(other)]) == 2
    assert "uses a different scoring scheme" in capsys.readouterr().err
    assert main(["merge", str(ours_path), str(text)]) == 2
    assert "is not a riskdesk register" in capsys.readouterr().err
    ws = Workspace.open(ours_path)
    with pytest.raises(RegisterFileError, match="is the register itself"):
        merge_copy(ws, ours_path)
    ws.close()
    assert digest(ours_path) == before


FIELDS = ("title", "owner", "period_comment", "proximity")
# Text a user could type into any of those fields (a title may not be blank).
TEXT = st.from_regex(r"[A-Za-z0-9é£][A-Za-z0-9 ,.'é£&<>-]{0,11}", fullmatch=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ours_edits=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=3),
    theirs_edits=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=3),
)
def test_merge_takes_every_one_sided_edit_and_flags_every_two_sided_one(
    demo_5x5_path: Path, tmp_path_factory: pytest.TempPathFactory, ours_edits, theirs_edits
) -> None:
    folder = tmp_path_factory.mktemp("merge")
    ours_path, theirs_path = folder / "ours.sqlite", folder / "theirs.sqlite"
    shutil.copyfile(demo_5x5_path, ours_path)
    shutil.copyfile(demo_5x5_path, theirs_path)
    original = {}
    for path, edits, who in ((ours_path, ours_edits, "Me"), (theirs_path, theirs_edits, "Colleague")):
        ws = Workspace.open(path, user=who)
        risk = risk_by_ref(ws, "SR 7.2")
        original = {f: getattr(risk, f) for f in FIELDS}
        if edits:
            ws.update_risk(risk.id, risk.version, "", **edits)
        ws.close()
    ws = Workspace.open(ours_path, user="Me")
    try:
        result = merge_copy(ws, theirs_path)
        merged = risk_by_ref(ws, "SR 7.2")
    finally:
        ws.close()
    clashing = {f for f in set(ours_edits) & set(theirs_edits)
                if ours_edits[f] != theirs_edits[f]}
    for name in FIELDS:
        value = getattr(merged, name)
        if name in ours_edits:
            assert value == ours_edits[name]
        elif name in theirs_edits and theirs_edits[name] != original[name]:
            assert value == theirs_edits[name]
        else:
            assert value == original[name]
    reported = {c.field for c in result.outcome.conflicts}
    expected = {f for f in clashing if theirs_edits[f] != original[f] and ours_edits[f] != original[f]}
    assert reported == expected


def test_an_unrelated_register_is_refused_and_nothing_changes(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    from riskdesk.services.demo import demo_written_for, write_demo

    stranger = tmp_path / "another council.sqlite"
    write_demo(stranger, "5x5", today=demo_written_for("5x5"))  # same content, made separately: no record in common
    before = digest(demo_5x5_path)
    assert main(["merge", str(demo_5x5_path), str(stranger)]) == 2
    assert "is not a copy of demo-5x5.sqlite (they have no records in common)" in capsys.readouterr().err
    assert digest(demo_5x5_path) == before


def test_a_risk_deleted_in_their_copy_is_reported_as_deleted(copies, capsys) -> None:
    ours_path, theirs_path = copies
    theirs = Workspace.open(theirs_path, user="Colleague")
    risk = risk_by_ref(theirs, "CS 06")
    theirs.delete_risk(risk.id, risk.version, "Merged into CS 05")
    theirs.close()
    assert main(["merge", str(ours_path), str(theirs_path)]) == 0
    out = capsys.readouterr().out
    assert "1 risk deleted: CS 06" in out and "updated: CS 06" not in out
    ours = Workspace.open(ours_path)
    try:
        assert all(r.reference != "CS 06" for r in ours.store.all(RISK))
    finally:
        ours.close()


def test_a_clash_is_kept_in_history_as_plain_text(copies) -> None:
    ours_path, theirs_path = copies
    for path, who, text in ((theirs_path, "Colleague", "Their title"), (ours_path, "Me", "My title")):
        ws = Workspace.open(path, user=who)
        risk = risk_by_ref(ws, "CS 05")
        ws.update_risk(risk.id, risk.version, "", title=text)
        ws.close()
    ws = Workspace.open(ours_path, user="Me")
    try:
        merge_copy(ws, theirs_path)
        rows = [h for h in ws.store.history() if h["operation"] == "merge"]
        assert [(r["old"], r["new"]) for r in rows] == [("My title", "Their title")]
    finally:
        ws.close()


def test_a_copy_whose_scheme_was_written_before_levels_had_values_still_merges(copies) -> None:
    import json

    ours_path, theirs_path = copies
    theirs = Workspace.open(theirs_path, user="Colleague")
    stored = theirs.store.get_meta("scheme")
    for scale in ("likelihood", "impact"):
        for level in stored[scale]:
            level.pop("value", None)  # as a file made before schemes had values keeps it
    theirs.store.set_meta("scheme", stored)
    risk = risk_by_ref(theirs, "SR 7.7")
    theirs.update_risk(risk.id, risk.version, "", residual=Score(2, 4))
    theirs.close()
    ours = Workspace.open(ours_path)
    try:
        assert json.dumps(ours.store.get_meta("scheme"), sort_keys=True) != json.dumps(stored, sort_keys=True)
        merge_copy(ours, theirs_path)
        assert risk_by_ref(ours, "SR 7.7").residual == Score(2, 4)
    finally:
        ours.close()
