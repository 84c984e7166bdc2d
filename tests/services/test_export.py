"""The JSON export is complete and names things as the README says."""

from __future__ import annotations

import json
from pathlib import Path

from riskdesk.interchange.json_export import write_json
from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace


def test_export_has_every_record_and_the_documented_keys(demo_5x5: Workspace, tmp_path: Path) -> None:
    contents = load_contents(demo_5x5, with_history=True)
    target = tmp_path / "out.json"
    write_json(contents, target)
    data = json.loads(target.read_text(encoding="utf-8"))

    assert data["scheme"]["name"] == "5x5"
    assert len(data["scheme"]["likelihood"]) == 5
    assert {r["name"] for r in data["registers"]} == {r.name for r in contents.registers}
    assert all("parent" in r for r in data["registers"])
    assert [p["label"] for p in data["periods"]] == [p.label for p in contents.periods]
    assert len(data["risks"]) == len(contents.risks)
    assert len(data["history"]) == len(contents.history) > 0
    for entry in data["risks"]:
        for key in ("reference", "title", "register", "status", "direction", "controls", "actions"):
            assert key in entry
        for kind in ("inherent", "residual", "target"):
            if entry[kind] is not None:
                assert set(entry[kind]) == {"likelihood", "impact", "score", "band"}
                assert entry[kind]["score"] == entry[kind]["likelihood"] * entry[kind]["impact"]
    sr72 = next(r for r in data["risks"] if r["reference"] == "SR 7.2")
    assert sr72["residual"] == {"likelihood": 3, "impact": 3, "score": 9, "band": "Medium"}
    assert sr72["register"] == "Strategic Risk Register"
    assert len(sr72["actions"]) == 6
    assert [p["period"] for p in sr72["periods"]] == ["Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24"]
    total_controls = sum(len(r["controls"]) for r in data["risks"])
    assert total_controls == len(contents.controls)


def test_the_streamed_export_is_the_same_text_as_the_whole_document(demo_5x5: Workspace, tmp_path: Path) -> None:
    from riskdesk.interchange.json_export import build_document
    from riskdesk.services.exporting import export_json

    target = tmp_path / "streamed.json"
    count = export_json(demo_5x5, target)
    whole = json.dumps(build_document(load_contents(demo_5x5, with_history=True)), indent=2, ensure_ascii=False)
    streamed = target.read_text(encoding="utf-8")
    assert count == len(json.loads(streamed)["risks"]) > 0
    assert streamed == whole
    assert not (tmp_path / "streamed.json.partial").exists()


def test_an_empty_register_streams_empty_lists(workspace: Workspace, tmp_path: Path) -> None:
    from riskdesk.interchange.json_export import build_document
    from riskdesk.services.exporting import export_json

    target = tmp_path / "empty.json"
    export_json(workspace, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["risks"] == []
    assert target.read_text(encoding="utf-8") == json.dumps(
        build_document(load_contents(workspace, with_history=True)), indent=2, ensure_ascii=False)
