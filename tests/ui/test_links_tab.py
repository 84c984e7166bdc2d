"""The Links tab lists the current links and starts its picker empty."""

from __future__ import annotations

from pathlib import Path

from riskdesk.services.queries import load_contents
from riskdesk.services.workspace import Workspace
from riskdesk.ui.risk_editor.links import CHOOSE


def _links_of(path: Path, reference: str) -> set[str]:
    workspace = Workspace.open(path)
    try:
        contents = load_contents(workspace)
        by_id = {r.id: r.reference for r in contents.risks}
        return {by_id[link.to_risk_id] for link in contents.links if by_id[link.from_risk_id] == reference}
    finally:
        workspace.close()


def test_the_links_tab_shows_links_and_starts_with_no_choice(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    cs01 = next(r.id for r in window.document.contents.risks if r.reference == "CS 01")
    window.risk_panel.select_risk(cs01)
    window.editor.tabs.setCurrentIndex(4)
    links = window.editor.links
    qtbot.waitUntil(links.isVisible)
    assert [links.list.item(i).text() for i in range(links.list.count())] == [
        f"Represented on SR 7.2: {next(r.title for r in window.document.contents.risks if r.reference == 'SR 7.2')}"]
    assert links.target.currentText() == CHOOSE and links.target.currentData() is None
    assert not links.link_button.isEnabled()
    assert not links.unlink_button.isEnabled()

    links.target.setCurrentIndex(next(i for i in range(links.target.count())
                                      if links.target.itemText(i).startswith("SR 7.4")))
    assert links.link_button.isEnabled()
    links.link_button.click()
    assert _links_of(demo_5x5_path, "CS 01") == {"SR 7.2", "SR 7.4"}
    assert links.list.count() == 2
    assert links.target.currentText() == CHOOSE

    links.list.setCurrentRow(0)
    assert links.unlink_button.isEnabled()
    removed = links.list.item(0).text()
    links.unlink_button.click()
    assert links.list.count() == 1 and links.list.item(0).text() != removed


def test_removing_a_link_a_colleague_removed_meanwhile_says_who_in_plain_words(make_window, qtbot,
                                                                               demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    window.document.poll_timer.stop()  # the colleague's change is not seen before the click
    cs01 = next(r.id for r in window.document.contents.risks if r.reference == "CS 01")
    window.risk_panel.select_risk(cs01)
    window.editor.tabs.setCurrentIndex(4)
    links = window.editor.links
    qtbot.waitUntil(links.isVisible)
    links.list.setCurrentRow(0)

    colleague = Workspace.open(demo_5x5_path, user="Priya Shah")
    try:
        link = next(link for link in load_contents(colleague).links if link.from_risk_id == cs01)
        colleague.unlink(link.id)
    finally:
        colleague.close()

    links.unlink_button.click()
    said = window.editor.problem.text()
    assert said.startswith("Someone else changed this: Priya Shah removed the link from CS 01 to SR 7.2"), said
    assert said.endswith("so nothing was changed.") and "id" not in said.split()
    assert _links_of(demo_5x5_path, "CS 01") == set()
    qtbot.waitUntil(lambda: links.list.count() == 0)  # the editor reads the file again
    assert window.undo_stack.count() == 0  # nothing to undo: nothing was done
