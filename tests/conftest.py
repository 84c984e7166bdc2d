"""Shared fixtures: every test gets fresh register files on disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# The suite must pass on a machine with no screen; set before Qt is imported. Windows fit
# their screen as they open, so the screen is a desktop monitor's (laptop tests make their own).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _SCREEN = Path(__file__).resolve().parent / "screens" / "desktop.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("RISKDESK_USER", "Test User")

from riskdesk.services.demo import demo_written_for, write_demo
from riskdesk.services.workspace import Workspace


@pytest.fixture(scope="session")
def _demo_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo-cache")
    built = {}
    for preset_name in ("5x5", "3x3"):
        path = folder / f"demo-{preset_name}.sqlite"
        # Made for the day the definition was written for, so the labels and dates tests pin hold.
        write_demo(path, preset_name, today=demo_written_for(preset_name))
        built[preset_name] = path
    return built


@pytest.fixture
def demo_5x5_path(_demo_cache: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the 5x5 demo register for this test."""
    target = tmp_path / "demo-5x5.sqlite"
    shutil.copyfile(_demo_cache["5x5"], target)
    return target


@pytest.fixture
def demo_3x3_path(_demo_cache: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the 3x3 demo register for this test."""
    target = tmp_path / "demo-3x3.sqlite"
    shutil.copyfile(_demo_cache["3x3"], target)
    return target


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A new, empty 5x5 register file with one strategic register."""
    ws = Workspace.create(tmp_path / "register.sqlite", "5x5", "Test Council")
    ws.create_register("Strategic Risk Register")
    yield ws
    ws.close()


@pytest.fixture
def demo_5x5(demo_5x5_path: Path) -> Iterator[Workspace]:
    """The 5x5 demo, open."""
    ws = Workspace.open(demo_5x5_path)
    yield ws
    ws.close()


@pytest.fixture
def demo_3x3(demo_3x3_path: Path) -> Iterator[Workspace]:
    """The 3x3 demo, open."""
    ws = Workspace.open(demo_3x3_path)
    yield ws
    ws.close()
