"""riskdesk new and riskdesk scheme: a council's scheme set up once, used for every register."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.core.presets import preset
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", ["5x5", "3x3", "4x4-weighted", "6x5", "6x6"])
def test_new_makes_an_empty_register_of_each_preset(name: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.sqlite"
    code, out, err = run(["new", str(path), "--preset", name, "--council", "Moorgate Borough"], capsys)
    assert (code, err) == (0, "")
    assert f"the {name} scheme" in out
    workspace = Workspace.open(path)
    try:
        assert workspace.scheme == preset(name)
        assert workspace.settings.council_name == "Moorgate Borough"
        assert workspace.store.all(RISK) == []
    finally:
        workspace.close()


def test_a_scheme_written_out_makes_the_same_scheme_in_a_new_register(tmp_path: Path, capsys) -> None:
    first, second, scheme_file = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "council.json"
    assert run(["new", str(first), "--preset", "4x4-weighted"], capsys)[0] == 0
    code, _out, err = run(["scheme", str(first), "-o", str(scheme_file)], capsys)
    assert (code, err) == (0, "")
    data = json.loads(scheme_file.read_text(encoding="utf-8"))
    assert [level["value"] for level in data["impact"]] == [1, 2, 4, 8]
    assert run(["new", str(second), "--scheme", str(scheme_file)], capsys)[0] == 0
    workspace = Workspace.open(second)
    try:
        assert workspace.scheme == preset("4x4-weighted")
    finally:
        workspace.close()


def test_an_export_can_be_used_as_a_scheme_file(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    export = tmp_path / "export.json"
    assert run(["export", str(demo_5x5_path), "-o", str(export)], capsys)[0] == 0
    made = tmp_path / "fresh.sqlite"
    assert run(["new", str(made), "--scheme", str(export)], capsys)[0] == 0
    workspace = Workspace.open(made)
    try:
        assert workspace.scheme == preset("5x5")
    finally:
        workspace.close()


@pytest.mark.parametrize(("content", "expected"), [
    ("{not json", "bad.json: the scheme file is not JSON (line 1:"),
    ('{"name": "x", "likelihood": [], "impact": [], "bands": "none"}', "bad.json: bands must be a list"),
    (None, "bad.json: the value of impact level 2 must be a whole number; got 'two'"),
    ("WEAK", "bad.json: a scheme needs 3 to 5 bands; got 2"),
])
def test_a_bad_scheme_file_is_one_sentence_and_no_register(content: str | None, expected: str,
                                                           tmp_path: Path, capsys) -> None:
    data = json.loads(json.dumps(_dict("5x5")))
    if content is None:
        data["impact"][1]["value"] = "two"
        content = json.dumps(data)
    elif content == "WEAK":
        data["bands"] = data["bands"][:2]
        content = json.dumps(data)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    made = tmp_path / "never.sqlite"
    code, _out, err = run(["new", str(made), "--scheme", str(bad)], capsys)
    assert code == 2
    assert err.startswith(f"riskdesk: {expected}")
    assert err.rstrip().endswith("no register was made.")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not made.exists()


def _dict(name: str) -> dict[str, object]:
    from riskdesk.core.serialise import scheme_to_dict

    return scheme_to_dict(preset(name))


def test_new_refuses_an_existing_file_and_a_missing_scheme_file(tmp_path: Path, capsys) -> None:
    existing = tmp_path / "mine.sqlite"
    existing.write_bytes(b"precious")
    code, _, err = run(["new", str(existing)], capsys)
    assert code == 2 and "already exists" in err
    assert existing.read_bytes() == b"precious"
    code, _, err = run(["new", str(tmp_path / "x.sqlite"), "--scheme", str(tmp_path / "gone.json")], capsys)
    assert code == 2 and "gone.json: there is no such scheme file" in err


def test_changing_the_scheme_previews_then_changes_with_a_backup(demo_5x5_path: Path, capsys) -> None:
    code, out, err = run(["scheme", str(demo_5x5_path), "--change", "6x5", "--dry-run"], capsys)
    assert (code, err) == (0, "")
    assert "5x5 to 6x5: likelihood" in out
    assert "SR 7.5 residual: " in out and " -> " in out
    assert "nothing was changed" in out
    assert list(demo_5x5_path.parent.glob("*before-scheme-change*")) == []
    workspace = Workspace.open(demo_5x5_path)
    assert workspace.scheme.name == "5x5"
    workspace.close()

    code, out, err = run(["scheme", str(demo_5x5_path), "--change", "6x5", "--map-likelihood", "5=6"], capsys)
    assert (code, err) == (0, "")
    backups = list(demo_5x5_path.parent.glob("*before-scheme-change*"))
    assert len(backups) == 1 and backups[0].name in out
    workspace = Workspace.open(demo_5x5_path)
    try:
        assert workspace.scheme == preset("6x5")
        assert any(h["reason"] == "Scoring scheme changed from 5x5 to 6x5" for h in workspace.store.history())
    finally:
        workspace.close()
    old = Workspace.open(backups[0], read_only=True)
    try:
        assert old.scheme.name == "5x5"
    finally:
        old.close()


def test_a_mapping_to_a_missing_level_changes_nothing(demo_5x5_path: Path, capsys) -> None:
    before = demo_5x5_path.read_bytes()
    code, _out, err = run(["scheme", str(demo_5x5_path), "--change", "3x3", "--map-impact", "5=4"], capsys)
    assert code == 1
    assert "Old impact 5 must map to a level 1 to 3; got 4" in err
    assert demo_5x5_path.read_bytes() == before
    code, _, err = run(["scheme", str(demo_5x5_path), "--change", "3x3", "--map-impact", "five"], capsys)
    assert code == 2 and "--map-impact: 'five' is not OLD=NEW" in err
