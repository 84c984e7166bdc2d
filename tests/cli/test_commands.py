"""The command line contract: exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from riskdesk.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("preset", ["5x5", "3x3"])
def test_demo_check_and_export_work_end_to_end(preset: str, tmp_path: Path, capsys) -> None:
    register = tmp_path / f"demo-{preset}.sqlite"
    assert run(["demo", str(register), "--preset", preset], capsys)[0] == 0
    code, out, err = run(["check", str(register)], capsys)
    assert (code, err) == (0, "")
    assert "No problems found." in out
    target = tmp_path / "demo.json"
    code, out, err = run(["export", str(register), "-o", str(target)], capsys)
    assert code == 0 and err == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["scheme"]["name"] == preset
    assert len(data["risks"]) == (17 if preset == "5x5" else 28)


def test_demo_refuses_to_overwrite_a_file(tmp_path: Path, capsys) -> None:
    existing = tmp_path / "mine.sqlite"
    existing.write_bytes(b"precious")
    code, _, err = run(["demo", str(existing)], capsys)
    assert code == 2
    assert "already exists" in err and len(err.strip().splitlines()) == 1
    assert existing.read_bytes() == b"precious"


def test_check_finds_a_problem_and_exits_1(demo_5x5_path: Path, capsys) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_5x5_path)
    conn.execute("UPDATE risks SET residual_likelihood = 9 WHERE reference = 'SR 7.2'")
    conn.commit()
    conn.close()
    code, out, err = run(["check", str(demo_5x5_path)], capsys)
    assert code == 1
    assert "Risk SR 7.2: Residual likelihood must be 1 to 5; got 9" in err
    assert "1 problem(s) found." in out


def test_bad_usage_exits_2_in_one_line(tmp_path: Path, capsys) -> None:
    code, _, err = run(["demo"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run(["demo", str(tmp_path / "x.sqlite"), "--preset", "4x4"], capsys)
    assert code == 2 and "invalid choice: '4x4'" in err


def test_export_to_an_unknown_format_is_refused(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(["export", str(demo_5x5_path), "-o", str(tmp_path / "out.docx")], capsys)
    assert code == 2 and "out.docx" in err
    assert not (tmp_path / "out.docx").exists()


def test_export_into_a_missing_folder_is_one_line(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(["export", str(demo_5x5_path), "-o", str(tmp_path / "nope" / "out.json")], capsys)
    assert code == 2 and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["demo", "check", "report", "import", "export", "merge"])
def test_every_command_has_help(command: str, capsys) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0
    assert out.startswith(f"usage: riskdesk {command}")


def test_the_installed_script_runs_without_qt(tmp_path: Path) -> None:
    # Headless commands must not import Qt: run in a fresh interpreter and look.
    register = tmp_path / "demo.sqlite"
    probe = (
        "import sys; from riskdesk.cli import main; "
        f"code = main(['demo', {str(register)!r}]); "
        "print(code, any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-2:] == ["0", "False"]


def test_opening_the_window_without_a_screen_is_one_line(monkeypatch, capsys) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux machines can lack a display")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run([], capsys)
    assert code == 2
    assert err.strip() == ("riskdesk: there is no screen to open the window on; "
                           "the commands (riskdesk --help) work without one.")


def test_check_finds_duplicate_period_labels_and_two_open_periods(demo_5x5_path: Path, capsys) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_5x5_path)
    conn.execute("UPDATE periods SET label = 'Q1 2023/24' WHERE label = 'Q2 2023/24'")
    conn.execute("UPDATE periods SET closed_at = NULL WHERE label = 'Q3 2023/24'")
    conn.commit()
    conn.close()
    code, _, err = run(["check", str(demo_5x5_path)], capsys)
    assert code == 1
    assert "Period Q1 2023/24: the label is used 2 times" in err
    assert "More than one period is open (Q3 2023/24, Q1 2024/25); only one should be" in err


def test_a_mistyped_command_is_named_not_opened(capsys) -> None:
    code, _, err = run(["chek", "register.sqlite"], capsys)
    assert code == 2
    assert "there is no command or file called 'chek'" in err and "riskdesk --help" in err


def test_a_folder_that_cannot_be_written_is_one_plain_line(tmp_path: Path, capsys, monkeypatch) -> None:
    import riskdesk.services.demo as demo

    def refuse(*_args, **_kwargs):
        raise PermissionError(30, "Read-only file system", str(tmp_path / "new.sqlite.partial"))

    monkeypatch.setattr(demo, "build_demo", refuse)
    code, _, err = run(["demo", str(tmp_path / "new.sqlite")], capsys)
    assert code == 2
    assert err.strip() == f"riskdesk: {tmp_path / 'new.sqlite.partial'}: Read-only file system; nothing was written."
    assert not (tmp_path / "new.sqlite").exists()


def test_a_report_for_a_missing_period_lists_the_periods(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    code, _, err = run(["report", str(demo_5x5_path), "-o", str(tmp_path / "x.pdf"), "--period", "Q9 1999/00"],
                       capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "its periods are Q1 2023/24, Q2 2023/24, Q3 2023/24, Q4 2023/24, Q1 2024/25" in err
    code, _, err = run(["report", str(demo_5x5_path), "-o", str(tmp_path / "x.pdf"), "--register", "Nowhere"],
                       capsys)
    assert code == 2 and "its registers are Strategic Risk Register, " in err
    assert not (tmp_path / "x.pdf").exists()


def test_check_for_committee_prints_one_line_per_finding_and_exits_1(demo_5x5_path: Path, capsys) -> None:
    import hashlib

    before = hashlib.sha256(demo_5x5_path.read_bytes()).hexdigest()
    code, out, err = run(["check", str(demo_5x5_path), "--committee", "--period", "Q4 2023/24"], capsys)
    assert code == 1 and err == ""
    assert "CS 04: is a High departmental risk (20) not represented on any strategic risk" in out
    assert "Not ready for committee (Q4 2023/24)" in out
    assert hashlib.sha256(demo_5x5_path.read_bytes()).hexdigest() == before
    code, _, err = run(["check", str(demo_5x5_path), "--committee", "--period", "Q9"], capsys)
    assert code == 2 and 'no reporting period called "Q9"' in err and len(err.strip().splitlines()) == 1
    code, _, err = run(["check", str(demo_5x5_path), "--period", "Q4 2023/24"], capsys)
    assert code == 2 and "--committee" in err


def test_calendar_writes_an_ics_file_and_names_unknown_owners(demo_5x5_path: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "reminders.ics"
    code, out, err = run(["calendar", str(demo_5x5_path), "-o", str(target)], capsys)
    assert code == 0 and err == "" and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "reminders" in out
    code, _, err = run(["calendar", str(demo_5x5_path), "-o", str(target), "--owner", "Nobody Known"], capsys)
    assert code == 1 and 'nobody called "Nobody Known"' in err and "Director of Education" in err
    code, _, err = run(["calendar", str(demo_5x5_path), "-o", str(tmp_path / "x.txt")], capsys)
    assert code == 2 and "name the output file .ics" in err
