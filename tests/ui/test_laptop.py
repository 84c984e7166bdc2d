"""On a council laptop: every window fits 1366x768, dates read the UK way, a dark theme reads."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from riskdesk.core.dates import date_short
from riskdesk.ui.risk_table import LAST_REVIEWED, NEXT_REVIEW
from riskdesk.ui.screen_fit import FRAME, fitted_rect
from riskdesk.ui.start_page import StartPage

ROOT = Path(__file__).resolve().parents[2]
# 1366x768 less a 40 px taskbar: what a window may use on the smallest council laptops.
LAPTOP_AREA = QRect(0, 0, 1366, 728)
EVERY_WINDOW = {"start-page", "main-window", "report-dialog", "shortcuts-dialog", "import-dialog", "merge-dialog",
                "new-register-wizard", "action-dialog", "rescore-dialog", "conflict-dialog", "guide-dialog",
                "about-dialog", "scheme-dialog"}


def test_a_large_window_is_shrunk_and_moved_into_a_laptops_free_area() -> None:
    rect = fitted_rect(QRect(-40, 300, 1400, 900), LAPTOP_AREA)
    framed = rect.marginsAdded(FRAME)
    assert LAPTOP_AREA.contains(framed)
    assert framed.width() == 1366 and framed.height() == 728  # all the room there is, and no more
    small = fitted_rect(QRect(600, 600, 400, 300), LAPTOP_AREA)
    assert small.size() == QSize(400, 300) and LAPTOP_AREA.contains(small.marginsAdded(FRAME))


def test_a_window_whose_layout_needs_more_keeps_its_minimum() -> None:
    rect = fitted_rect(QRect(0, 0, 900, 900), LAPTOP_AREA, minimum=QSize(500, 800))
    assert rect.height() == 800 and rect.top() == LAPTOP_AREA.top() + FRAME.top()


def _tour(folder: Path, screen: str = "laptop.json") -> list[dict]:
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={ROOT / 'tests' / 'screens' / screen}")
    done = subprocess.run([sys.executable, "-m", "tests.ui.laptop_tour", str(folder)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(("screen", "height"), [("laptop.json", 768), ("laptop-taskbar.json", 728)])
def test_on_a_1366x768_screen_the_window_and_every_dialog_fit(tmp_path: Path, screen: str, height: int) -> None:
    """On the whole screen, and on the 1366x728 a 40 px taskbar leaves (offscreen Qt has no taskbar)."""
    shown = _tour(tmp_path, screen)
    assert {record["name"] for record in shown} >= EVERY_WINDOW
    for record in shown:
        area, frame = QRect(*record["area"]), QRect(*record["frame"])
        assert area.size() == QSize(1366, height)
        assert area.contains(frame), f"{record['name']} at {record['frame']} leaves the screen"
        # Even with a taskbar taking 40 px, the window can be made small enough to fit.
        needs = QSize(*record["minimum"]).grownBy(FRAME)
        assert needs.width() <= LAPTOP_AREA.width() and needs.height() <= LAPTOP_AREA.height(), record["name"]


# The least each part of the main window needs to be usable at 1366x768 (width, height).
USABLE = {"heat map": (380, 200), "risk table": (450, 200), "editor": (900, 200), "status bar": (900, 15),
          "register tree": (150, 300)}


def test_at_1366x768_the_heat_map_table_editor_and_status_bar_all_show(tmp_path: Path) -> None:
    main = next(record for record in _tour(tmp_path) if record["name"] == "main-window")
    window = QRect(0, 0, *main["size"])
    for part, (width, height) in USABLE.items():
        shown = QRect(*main["parts"][part])
        assert window.contains(shown), f"the {part} runs off the window: {shown}"
        assert shown.width() >= width and shown.height() >= height, f"the {part} shows only {shown}"


def test_the_main_window_opens_inside_the_screen_the_first_time(make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.close()
    from riskdesk.ui.app import create_main_window
    from riskdesk.ui.settings import app_settings

    app_settings().remove("window/geometry")
    fresh = create_main_window(None)
    try:
        area = fresh.screen().availableGeometry()
        assert area.contains(fresh.geometry().marginsAdded(FRAME))
    finally:
        fresh.close()


def test_a_dialog_opens_at_the_size_it_was_last_given(make_window, qtbot) -> None:
    window = make_window(None)
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(520, 610)
    dialog.reject()
    window.actions_by_name["shortcuts"].trigger()
    again = window.shortcuts_dialog
    assert again is not dialog
    qtbot.waitUntil(again.isVisible)
    assert again.size() == QSize(520, 610)
    again.reject()


def test_the_table_writes_review_dates_as_people_read_them_and_sorts_them_as_dates(
        make_window, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    model = window.risk_panel.model
    risks = [model.index(row, LAST_REVIEWED).data(Qt.ItemDataRole.UserRole + 1) for row in range(model.rowCount())]
    last = [model.index(row, LAST_REVIEWED).data() for row in range(model.rowCount())]
    assert any(risk.last_reviewed for risk in risks)
    assert last == [date_short(risk.last_reviewed) for risk in risks]
    following = [model.index(row, NEXT_REVIEW).data() for row in range(model.rowCount())]
    assert any(following)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", text) for text in last + following if text)
    assert date_short(date(2024, 3, 21)) == "21 Mar 2024"
    proxy = window.risk_panel.proxy
    proxy.sort(LAST_REVIEWED, Qt.SortOrder.AscendingOrder)
    in_order = [proxy.index(row, LAST_REVIEWED).data(Qt.ItemDataRole.UserRole + 1).last_reviewed or date.min
                for row in range(proxy.rowCount())]
    assert in_order == sorted(in_order)


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _best_contrast(image: QImage, background: QColor) -> float:
    return max(_contrast(image.pixelColor(x, y), background)
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


@pytest.mark.parametrize("window_colour", ["#efefef", "#2b2b2b"])
def test_the_start_pages_hint_reads_in_a_light_and_a_dark_theme(qtbot, tmp_path: Path, window_colour: str) -> None:
    page = StartPage()
    qtbot.addWidget(page)
    palette = QPalette(QColor(window_colour))  # every role worked out from the one colour, as a theme does
    page.setPalette(palette)
    page.resize(900, 600)
    page.show()
    background = palette.color(QPalette.ColorRole.Window)
    hint = page.hint.grab().toImage()
    page.grab().save(str(tmp_path / "start-page.png"))
    assert _best_contrast(hint, background) >= 3.0
    empty = page.empty.grab().toImage()
    assert _best_contrast(empty, background) >= 3.0


@pytest.fixture
def dark_theme(qapp) -> Iterator[QPalette]:
    """The whole application in a dark theme for one test, then as it was."""
    before = qapp.palette()
    dark = QPalette(QColor("#2b2b2b"))
    qapp.setPalette(dark)
    yield dark
    qapp.setPalette(before)


def test_in_a_dark_theme_overdue_dates_and_refusals_read(make_window, qtbot, demo_5x5_path: Path,
                                                         dark_theme: QPalette) -> None:
    window = make_window(demo_5x5_path)
    model = window.risk_panel.model
    overdue = [row for row in range(model.rowCount()) if model.is_overdue(row)]
    assert overdue, "the demo register has a risk whose review is overdue"
    colour = model.index(overdue[0], NEXT_REVIEW).data(Qt.ItemDataRole.ForegroundRole).color()
    assert _contrast(colour, dark_theme.color(QPalette.ColorRole.Base)) >= 4.5
    error = window.editor.errors["next_review"]
    shown = re.search(r"color: (#[0-9a-f]{6})", error.styleSheet())
    assert shown and _contrast(QColor(shown.group(1)), dark_theme.color(QPalette.ColorRole.Window)) >= 4.5
