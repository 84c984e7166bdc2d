"""A colleague's save is read back record by record, not by reloading the whole file."""

from __future__ import annotations

from pathlib import Path

from riskdesk.services.refresh import changes_after, last_history_id
from riskdesk.services.workspace import Workspace
from riskdesk.storage.records import RISK
from tests.ui.helpers import edit_elsewhere, select_register


def test_changes_after_names_only_what_the_colleague_touched(demo_5x5_path: Path) -> None:
    mine = Workspace.open(demo_5x5_path)
    try:
        seen = last_history_id(mine)
        edit_elsewhere(demo_5x5_path, "SR 7.2", title="Social care practice not yet consistently good")
        changes, newest = changes_after(mine, seen)
        sr72 = next(r for r in mine.store.all(RISK)
                    if r.reference == "SR 7.2")
        assert changes.risks == {sr72.id}
        assert not changes.scheme and not changes.reload
        assert newest > seen
        again = changes_after(mine, newest)[0]
        assert again.reload and not again.risks  # nothing new: reload to be safe
    finally:
        mine.close()


def test_the_window_refreshes_one_row_for_a_colleagues_edit(make_window, qtbot, demo_5x5_path: Path) -> None:
    window = make_window(demo_5x5_path)
    select_register(window, "Strategic Risk Register")
    model = window.risk_panel.model
    with qtbot.assertNotEmitted(model.modelReset):
        edit_elsewhere(demo_5x5_path, "SR 7.7", owner="Director of Commissioning")
        qtbot.waitUntil(lambda: any(model.risk_at(row).owner == "Director of Commissioning"
                                    for row in range(model.rowCount())), timeout=5000)


def test_the_status_bar_names_who_else_has_the_file_open(make_window, qtbot, demo_5x5_path) -> None:
    from riskdesk.services.presence import Presence, presence_dir

    window = make_window(demo_5x5_path)
    colleague = Presence(demo_5x5_path, "Colleague on the shared drive")
    colleague.note = colleague.note.with_name("colleague-" + colleague.note.name)
    colleague.announce()
    window.document.check_who_else()
    assert window.people_label.text() == "Also open: Colleague on the shared drive"
    colleague.leave()
    window.document.check_who_else()
    assert window.people_label.text() == ""
    window.close_file()
    assert not presence_dir(demo_5x5_path).exists()  # our own note is tidied away too
