"""Export then import into an empty register rebuilds it: every record and field, unset values included,
and each earlier quarter's snapshots, so a pack for an earlier quarter reads the same."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from riskdesk.cli import main
from riskdesk.core.model import Score
from riskdesk.interchange.json_export import FORMAT_VERSION, build_document
from riskdesk.interchange.tabular_export import write_xlsx
from riskdesk.services.importing import import_risks
from riskdesk.services.queries import load_contents
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK

EARLIER = "Q2 2023/24"


@pytest.fixture
def original(demo_5x5_path: Path) -> Path:
    """The demo with what the demo lacks: a link, a risk with nothing chosen, an exempt paragraph."""
    workspace = Workspace.open(demo_5x5_path)
    try:
        risks = workspace.store.all(RISK)
        workspace.link_risks(risks[0].id, risks[1].id)
        workspace.create_risk(risks[0].register_id, "U 1", "Nothing chosen", status=None, residual=Score(2, 3))
        exempt = next(r for r in risks if r.reference == "SR 7.4")
        workspace.update_risk(exempt.id, exempt.version, exempt=True, exempt_paragraph="3")
    finally:
        workspace.close()
    return demo_5x5_path


def _new(path: Path) -> Path:
    assert main(["new", str(path)]) == 0
    return path


def _plain(records: list[Any], skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return sorted(({k: v for k, v in dataclasses.asdict(r).items() if k not in skip} for r in records),
                  key=lambda d: json.dumps(d, default=str, sort_keys=True))


def _pdf_text(workspace_path: Path, out: Path) -> str:
    workspace = Workspace.open(workspace_path, read_only=True)
    try:
        write_report(workspace, ReportOptions(kind="committee", period=EARLIER), out)
    finally:
        workspace.close()
    return subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_json_export_rebuilds_every_record_and_every_earlier_quarter(original: Path, tmp_path: Path,
                                                                         capsys) -> None:
    exported = tmp_path / "register.json"
    assert main(["export", str(original), "-o", str(exported)]) == 0
    rebuilt = _new(tmp_path / "rebuilt.sqlite")
    capsys.readouterr()
    assert main(["import", str(exported), "--into", str(rebuilt)]) == 0
    out = capsys.readouterr().out
    assert "Imported register.json: 18 new" in out, out

    source, target = Workspace.open(original, read_only=True), Workspace.open(rebuilt, read_only=True)
    try:
        before, after = load_contents(source, with_history=True), load_contents(target, with_history=True)
    finally:
        source.close()
        target.close()
    assert after.scheme == before.scheme and after.settings == before.settings
    assert after.appetite == before.appetite and after.cadence == before.cadence
    for name in ("registers", "risks", "controls", "actions", "periods", "people", "snapshots"):
        assert _plain(getattr(after, name)) == _plain(getattr(before, name)), name
    assert _plain(after.links) == _plain(before.links) and after.links
    unset = next(r for r in after.risks if r.reference == "U 1")
    assert (unset.status, unset.treatment, unset.exempt) == (None, None, False)
    assert any(r.exempt_paragraph == "3" for r in after.risks)
    lines = [dataclasses.astuple(h)[1:] for h in before.history]
    again = [dataclasses.astuple(h)[1:] for h in after.history]
    start = again.index(lines[0])
    assert again[start:start + len(lines)] == lines  # the whole history, in its order
    document, twin = build_document(before), build_document(after)
    for part in (document, twin):
        part.pop("history")
    assert twin == document

    # A committee pack for an earlier quarter reads the same from the rebuilt file.
    first, second = _pdf_text(original, tmp_path / "a.pdf"), _pdf_text(rebuilt, tmp_path / "b.pdf")
    assert EARLIER in first and "SR 7.2" in first
    assert second == first
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", str(tmp_path / "b.pdf"),
                    str(tmp_path / "rebuilt-page")], check=True)


def test_a_json_export_is_refused_by_a_register_that_has_risks(original: Path, tmp_path: Path, capsys) -> None:
    exported = tmp_path / "register.json"
    assert main(["export", str(original), "-o", str(exported)]) == 0
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["import", str(exported), "--into", str(original)]) == 2
    err = capsys.readouterr().err
    assert "register.json is a whole register" in err and "already holds 18 risk(s)" in err
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before


def _export_text(original: Path, tmp_path: Path) -> dict[str, Any]:
    exported = tmp_path / "good.json"
    assert main(["export", str(original), "-o", str(exported)]) == 0
    return json.loads(exported.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _impossible_score(data: dict[str, Any]) -> str:
    entry = next(r for r in data["risks"] if r["reference"] == "SR 7.2")
    entry["residual"]["likelihood"] = 9
    return json.dumps(data)


def _later(data: dict[str, Any]) -> str:
    data["format_version"] = FORMAT_VERSION + 1
    return json.dumps(data)


def _no_title(data: dict[str, Any]) -> str:
    del next(r for r in data["risks"] if r["reference"] == "SR 7.2")["title"]
    return json.dumps(data)


def _bad_status(data: dict[str, Any]) -> str:
    next(r for r in data["risks"] if r["reference"] == "SR 7.2")["status"] = "sleeping"
    return json.dumps(data)


def _bad_snapshot(data: dict[str, Any]) -> str:
    entry = next(r for r in data["risks"] if r["reference"] == "SR 7.2")
    entry["periods"][0]["residual"] = {"likelihood": 3, "impact": 0}
    return json.dumps(data)


BAD = [
    ("not json", lambda data: "{ this is not json", "bad.json is not a riskdesk export: it is not JSON (line 1"),
    ("a list", lambda data: "[1, 2, 3]", "bad.json is not a riskdesk export"),
    ("another format", lambda data: json.dumps({"format": "something else"}), "bad.json is not a riskdesk export"),
    ("later version", _later, f"bad.json was written by a later riskdesk (export format {FORMAT_VERSION + 1})"),
    ("impossible score", _impossible_score, "bad.json, risk SR 7.2: Residual likelihood must be"),
    ("missing title", _no_title, "bad.json, risk SR 7.2: the field \"title\" is missing"),
    ("unknown status", _bad_status, "bad.json, risk SR 7.2: status must be one of open, closed, escalated"),
    ("impossible snapshot", _bad_snapshot, "bad.json, risk SR 7.2, period Q1 2023/24: Residual impact must be"),
]


@pytest.mark.parametrize(("case", "spoil", "expected"), BAD, ids=[case for case, _, _ in BAD])
def test_a_bad_json_file_is_named_in_one_sentence_and_changes_nothing(original: Path, tmp_path: Path, capsys,
                                                                      case: str, spoil: Any, expected: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(spoil(_export_text(original, tmp_path)), encoding="utf-8")
    empty = _new(tmp_path / "empty.sqlite")
    before = hashlib.sha256(empty.read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["import", str(bad), "--into", str(empty)]) == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert hashlib.sha256(empty.read_bytes()).hexdigest() == before


def test_the_xlsx_export_rebuilds_risks_periods_and_unset_values(original: Path, tmp_path: Path) -> None:
    source = Workspace.open(original, read_only=True)
    try:
        before = load_contents(source)
    finally:
        source.close()
    exported = tmp_path / "register.xlsx"
    write_xlsx(before, exported)
    target = Workspace.open(_new(tmp_path / "rebuilt.sqlite"))
    try:
        result = import_risks(target, exported)
        assert not result.problems, result.problems
        after = load_contents(target)
        again = import_risks(target, exported, dry_run=True)
    finally:
        target.close()
    assert again.changed == 0 and not any(again.counts.values()), again.counts
    assert [(p.label, p.start, p.end, p.is_closed) for p in after.periods] == \
        [(p.label, p.start, p.end, p.is_closed) for p in before.periods]
    fields = [f.name for f in dataclasses.fields(RISK.cls)
              if f.name not in ("id", "register_id", "position", "version", "changed_by", "changed_at")]
    live = {r.reference: r for r in before.risks if not r.archived}
    rebuilt = {r.reference: r for r in after.risks}
    assert set(rebuilt) == set(live)
    for reference, risk in live.items():
        twin = rebuilt[reference]
        assert {f: getattr(twin, f) for f in fields} == {f: getattr(risk, f) for f in fields}, reference
        for kind, keep in (("controls_of", ("description", "owner", "effectiveness", "position")),
                           ("actions_of", ("description", "owner", "due_date", "status", "rag", "progress",
                                           "position"))):
            assert [{f: getattr(i, f) for f in keep} for i in getattr(after, kind)(twin.id)] == \
                [{f: getattr(i, f) for f in keep} for i in getattr(before, kind)(risk.id)], (reference, kind)

    def tree(contents: Any) -> list[tuple[Any, ...]]:
        names = {r.id: r.name for r in contents.registers}
        return sorted((r.name, names.get(r.parent_id or "", ""), r.kind, r.owner, r.description, r.commentary)
                      for r in contents.registers)

    assert tree(after) == tree(before)


def test_an_empty_register_of_the_same_name_is_used_not_doubled(original: Path, tmp_path: Path,
                                                                  workspace: Workspace) -> None:
    exported = tmp_path / "register.json"
    assert main(["export", str(original), "-o", str(exported)]) == 0
    result = import_risks(workspace, exported)  # the fixture's file holds an empty "Strategic Risk Register"
    contents = load_contents(workspace)
    names = [r.name for r in contents.registers]
    assert names.count("Strategic Risk Register") == 1 and len(names) == 5
    assert "Strategic Risk Register" not in result.new_registers and len(contents.risks) == 18


def test_a_rebuilt_register_merges_with_its_original_as_the_same_register(original: Path, tmp_path: Path) -> None:
    from riskdesk.services.merging import merge_copy

    exported = tmp_path / "register.json"
    assert main(["export", str(original), "-o", str(exported)]) == 0
    rebuilt = _new(tmp_path / "rebuilt.sqlite")
    assert main(["import", str(exported), "--into", str(rebuilt)]) == 0
    workspace = Workspace.open(rebuilt)
    try:
        result = merge_copy(workspace, original, dry_run=True)
    finally:
        workspace.close()
    assert result.summary() == ["Nothing new in the other copy."]
