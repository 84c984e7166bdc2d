"""The packaging scripts' pieces, quickly: the smoke test's steps, the Linux install and uninstall,
the Windows version numbers. (The builds themselves run in packaging/*/build.*, not here.)"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_smoke_test_runs_the_commands_and_checks_what_they_made(tmp_path: Path) -> None:
    smoke = _load(PACKAGING / "smoke.py")
    source = [sys.executable, "-m", "riskdesk.cli"]  # the programs as they run from the source
    chosen = smoke.steps(source, source, tmp_path, 10)
    assert [step.name for step in chosen] == ["--version", "demo", "check", "report", "window"]
    window = chosen[-1]
    assert window.env == {"QT_QPA_PLATFORM": "offscreen", "RISKDESK_QUIT_AFTER": "10"}
    lines: list[str] = []
    assert smoke.run_steps(chosen[:3], tmp_path, lines.append), lines
    assert all(" ok " in line for line in lines)
    assert (tmp_path / "demo.sqlite").is_file()


def test_the_smoke_test_fails_on_an_exit_status_or_a_missing_file(tmp_path: Path) -> None:
    smoke = _load(PACKAGING / "smoke.py")
    failing = [sys.executable, "-c", "import sys; sys.exit(3)"]
    lines: list[str] = []
    assert not smoke.run_steps(smoke.steps(failing, failing, tmp_path, 1)[:2], tmp_path, lines.append)
    assert "FAILED: exit status 3" in lines[0]
    silent = [sys.executable, "-c", "pass"]  # exits 0 but writes nothing
    lines.clear()
    assert not smoke.run_steps(smoke.steps(silent, silent, tmp_path, 1)[1:2], tmp_path, lines.append)
    assert "demo.sqlite was not written" in lines[0]


def test_windows_version_numbers_are_four_numbers() -> None:
    version_info = _load(PACKAGING / "windows" / "version_info.py")
    assert version_info.version_numbers("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_numbers("1.2.3.4.5") == (1, 2, 3, 4)
    assert version_info.version_numbers("2.0rc1") == (2, 0, 0, 0)


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux install script")
def test_the_linux_install_script_installs_the_menu_entry_and_icon_and_uninstall_removes_all(tmp_path: Path) -> None:
    stage = tmp_path / "riskdesk-linux"
    (stage / "riskdesk").mkdir(parents=True)
    for name in ("riskdesk", "riskdesk-cli"):  # stand-ins for the built programs
        program = stage / "riskdesk" / name
        program.write_text("#!/bin/sh\necho riskdesk 0.1.0\n")
        program.chmod(0o755)
    shutil.copytree(ROOT / "resources" / "icons", stage / "icons")
    for name in ("install.sh", "uninstall.sh", "riskdesk.desktop"):
        shutil.copy(PACKAGING / "linux" / name, stage / name)
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PREFIX=str(prefix))
    subprocess.run(["sh", str(stage / "install.sh")], env=env, check=True, capture_output=True)
    entry = (prefix / "share" / "applications" / "riskdesk.desktop").read_text()
    assert f'Exec="{prefix}/lib/riskdesk/riskdesk" %f' in entry
    assert "Icon=riskdesk" in entry and "MimeType=application/vnd.sqlite3;" in entry
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "riskdesk.png").is_file()
    done = subprocess.run([str(prefix / "bin" / "riskdesk-cli")], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "riskdesk 0.1.0"
    subprocess.run([str(prefix / "lib" / "riskdesk" / "uninstall.sh")], env=env, check=True, capture_output=True)
    # The icon theme's cache (where the desktop keeps one) belongs to every program's icons.
    left = [path for path in prefix.rglob("*")
            if (path.is_file() or path.is_symlink()) and path.name != "icon-theme.cache"]
    assert left == []
