"""riskdesk history: every change, one a line; a bad file or reference is one sentence, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskdesk.cli import main
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def _edit(path: Path, reference: str, user: str, reason: str, **changes: object) -> None:
    workspace = Workspace.open(path, user=user)
    try:
        risk = next(r for r in workspace.store.all(RISK) if r.reference == reference)
        workspace.update_risk(risk.id, risk.version, reason, **changes)
    finally:
        workspace.close()


def test_a_risks_history_lists_each_change_with_who_old_new_and_why(demo_5x5_path: Path, capsys) -> None:
    _edit(demo_5x5_path, "SR 7.4", "Priya Shah", "Agreed at DMT", title="EHCP demand outstrips places")
    _edit(demo_5x5_path, "SR 7.4", "Tom Reed", "", period_comment="Two line\nnote")
    code, lines, err = _run(["history", str(demo_5x5_path), "--risk", "sr 7.4"], capsys)
    assert code == 0 and err == ""
    title_line = next(line for line in lines if "title:" in line)
    assert "Priya Shah" in title_line and "SR 7.4" in title_line
    assert title_line.endswith("-> EHCP demand outstrips places (Agreed at DMT)")
    comment_line = lines[-1]
    assert "Tom Reed" in comment_line and "period comment:" in comment_line and "Two line note" in comment_line
    assert any("control of SR 7.4  created" in line for line in lines)  # its controls too
    assert not any("SR 7.5" in line for line in lines)


def test_a_registers_history_holds_its_risks_and_no_others(demo_5x5_path: Path, capsys) -> None:
    name = "Children's Services Departmental Risk Register"
    code, lines, _ = _run(["history", str(demo_5x5_path), "--register", name], capsys)
    assert code == 0
    assert any("  CS 01  created CS 01" in line for line in lines)
    assert any(f"register {name}  created" in line for line in lines)
    assert any("register Education and Inclusion  created" in line for line in lines)  # a register under it
    everything = _run(["history", str(demo_5x5_path)], capsys)[1]
    assert len(everything) > len(lines)
    strategic = [line for line in everything if "  SR 7.4  " in line]
    assert strategic and not any(line in lines for line in strategic)


@pytest.mark.parametrize("extra", [["--risk", "ZZ 99"], ["--register", "No such register"]])
def test_an_unknown_reference_or_register_is_one_sentence(demo_5x5_path: Path, capsys, extra: list[str]) -> None:
    code, lines, err = _run(["history", str(demo_5x5_path), *extra], capsys)
    assert code == 2 and lines == []
    assert len(err.strip().splitlines()) == 1
    assert demo_5x5_path.name in err and extra[1] in err and "Traceback" not in err


def test_a_file_that_is_not_a_register_is_one_sentence(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    code, lines, err = _run(["history", str(bad)], capsys)
    assert code == 2 and lines == []
    assert len(err.strip().splitlines()) == 1 and "notes.sqlite" in err
