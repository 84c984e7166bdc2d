"""The user guide: shipped Markdown pages opened offline by F1, Help > User guide and the start page."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from riskdesk.resources_path import guide_dir
from riskdesk.ui.guide import GuideDialog

LINK = re.compile(r"\]\(([^)\s]+)\)")
TOPICS = {"quarter.md": "The quarter, step by step", "bringing-in.md": "Bringing in a spreadsheet",
          "sharing.md": "Sharing the register file", "pack.md": "Making the committee pack",
          "scheme.md": "Your council's scoring scheme"}


def test_every_link_and_picture_in_the_guide_is_there() -> None:
    folder = guide_dir()
    pages = sorted(folder.glob("*.md"))
    assert {page.name for page in pages} >= {"index.md", *TOPICS}
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://")):
                continue
            assert (folder / target.split("#")[0]).is_file(), f"{page.name} links to {target}, which is missing"


def test_f1_opens_the_guide_at_its_contents(make_window, qtbot) -> None:
    window = make_window(None)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.page_name() == "index.md"
    text = dialog.browser.toPlainText()
    assert "riskdesk user guide" in text
    for heading in TOPICS.values():
        assert heading in text
    dialog.reject()


def test_the_guides_links_lead_to_its_pages_and_back(make_window, qtbot) -> None:
    window = make_window(None)
    window.actions_by_name["user_guide"].trigger()
    dialog = window.guide_dialog
    assert "User guide" in [a.text().replace("&", "") for a in window.menuBar().actions()[-1].menu().actions()]
    for page, heading in TOPICS.items():
        dialog.follow(QUrl(page))
        assert dialog.page_name() == page
        assert dialog.browser.toPlainText().startswith(heading)
        assert dialog.back_button.isEnabled()
        dialog.back_button.click()
        assert dialog.page_name() == "index.md"
    dialog.follow(QUrl("pack.md"))
    dialog.contents_button.click()
    assert dialog.page_name() == "index.md"
    # The pictures are found beside the pages: the browser loads them.
    picture = QUrl.fromLocalFile(str(guide_dir() / "images" / "main-window.png"))
    image = dialog.browser.document().resource(QTextDocument.ResourceType.ImageResource, picture)
    assert image is not None and not image.isNull()
    dialog.reject()


def test_the_start_page_points_to_the_guide(make_window, qtbot) -> None:
    window = make_window(None)
    link = window.start_page.guide_link
    assert "user guide" in link.text()
    link.linkActivated.emit("guide")
    qtbot.waitUntil(lambda: window.guide_dialog is not None and window.guide_dialog.isVisible())
    window.guide_dialog.reject()


def test_the_guide_is_shipped_with_the_app() -> None:
    root = Path(__file__).resolve().parents[2]
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"docs/guide" = "riskdesk/_resources/guide"' in pyproject
    assert "docs" in (root / "packaging" / "riskdesk.spec").read_text(encoding="utf-8")
