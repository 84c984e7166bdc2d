"""A quicker start: the window paints the register first and puts the heat map in just after."""

from __future__ import annotations

from pathlib import Path

from riskdesk.ui.app import create_main_window, finish_start_up


def test_the_heat_map_arrives_just_after_the_first_paint(qtbot, demo_5x5_path: Path) -> None:
    window = create_main_window(demo_5x5_path)
    qtbot.addWidget(window)
    assert window.heat_map is None  # not built for the first paint
    assert not window.heat_map_area.isHidden()  # its place is kept, so the table does not narrow later
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: window.heat_map is not None)
    heat_map = window.heat_map
    assert heat_map.heat_model().rowCount() == 5
    assert window.heat_map_area.width() > 300
    finish_start_up(window)  # once only
    assert window.heat_map is heat_map
    window.document.close()
    window.document = None


def test_the_start_page_also_gets_the_heat_map_after_it_has_painted(qtbot) -> None:
    window = create_main_window(None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.heat_map is not None)
