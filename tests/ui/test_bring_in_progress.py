"""The import and merge dialog shows real progress, and Cancel while writing leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_bring_in import Make, checked, digest, safety_copies, write_csv

ROWS = 3000


def many_rows(path: Path) -> Path:
    return write_csv(path, [[f"GEN {n}", f"Generated risk {n}", "", "Director of IT", 3, 4, "open"]
                            for n in range(1, ROWS + 1)])


def test_the_check_moves_the_bar_to_its_end(qtbot, make_window: Make, demo_5x5_path: Path, tmp_path: Path) -> None:
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(many_rows(tmp_path / "many.csv"))
    values: list[tuple[int, int]] = []
    bar = flow.dialog.progress_bar
    bar.valueChanged.connect(lambda value: values.append((value, bar.maximum())))
    checked(qtbot, flow)
    assert f"{ROWS} new" in flow.dialog.status_label.text()
    # Reading the rows moves it step by step (each later stage starts it again from nothing).
    drop = next((i for i in range(1, len(values)) if values[i][0] < values[i - 1][0]), len(values))
    assert drop >= 4
    assert values[drop - 1][0] == values[drop - 1][1] > 0  # a real bar that reached its end, not a busy one
    flow.dialog.cancel_button.click()


def test_cancel_while_writing_changes_nothing_and_says_so(qtbot, make_window: Make, demo_5x5_path: Path,
                                                          tmp_path: Path) -> None:
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(many_rows(tmp_path / "many.csv"))
    checked(qtbot, flow)
    dialog = flow.dialog
    with qtbot.waitSignal(flow.finished, timeout=15000):
        dialog.go_button.click()
        assert dialog.cancel_button.isEnabled()  # Cancel still works while the file is being written
        assert flow.columns_button is not None and not flow.columns_button.isEnabled()
        flow.check()  # a check asked for now (the register chosen, say) does not replace the write
        assert dialog.writing
        dialog.cancel_button.click()
        assert dialog.isVisible() and not dialog.cancel_button.isEnabled()  # it waits for the rollback
    assert flow.message == ""
    assert not dialog.isVisible()
    assert digest(demo_5x5_path) == before
    assert safety_copies(demo_5x5_path) == []
    assert window.statusBar().currentMessage() == "The import was stopped; nothing was changed."


def test_cancel_that_comes_after_the_write_is_too_late_and_the_message_says_so(
        qtbot, make_window: Make, demo_5x5_path: Path, tmp_path: Path) -> None:
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(many_rows(tmp_path / "many.csv"))
    checked(qtbot, flow)
    with qtbot.waitSignal(flow.finished, timeout=15000):
        flow.dialog.go_button.click()
        task = flow._task
        assert task is not None
        task.worker_thread.wait()  # the write has committed; its result waits for the window's thread
        flow.dialog.cancel_button.click()
    assert flow.message.startswith("Imported many.csv: 3000 new")
    assert flow.message.endswith("Cancel came after the file was written, so the import stands.")
    assert len(safety_copies(demo_5x5_path)) == 1


def test_cancel_while_merging_changes_nothing(qtbot, make_window: Make, demo_5x5_path: Path,
                                               tmp_path: Path) -> None:
    from tests.ui.test_bring_in import colleague_copy, edit_elsewhere

    theirs = colleague_copy(demo_5x5_path, tmp_path)
    edit_elsewhere(theirs, "SR 7.2", user="Colleague", title="Changed there")
    window = make_window(demo_5x5_path)
    before = digest(demo_5x5_path)
    flow = window.bring_in_actions.merge_copy(theirs)
    checked(qtbot, flow)
    with qtbot.waitSignal(flow.finished, timeout=15000):
        flow.dialog.go_button.click()
        flow.dialog.cancel_button.click()
    assert digest(demo_5x5_path) == before
    assert safety_copies(demo_5x5_path) == []
    assert window.statusBar().currentMessage() == "The merge was stopped; nothing was changed."


def test_the_writing_dialog_shows_its_bar_and_cancel(qtbot, make_window: Make, demo_5x5_path: Path,
                                                     tmp_path: Path) -> None:
    window = make_window(demo_5x5_path)
    flow = window.bring_in_actions.import_spreadsheet(many_rows(tmp_path / "many.csv"))
    checked(qtbot, flow)
    dialog = flow.dialog
    dialog.show_busy("Saving a safety copy, then importing many.csv…", writing=True)
    dialog.show_progress(400, 1000, "Writing 3,000 risks")
    assert dialog.status_label.text() == "Writing 3,000 risks…"
    assert dialog.progress_bar.value() == 400 and dialog.progress_bar.maximum() == 1000
    assert dialog.cancel_button.isEnabled() and dialog.cancel_button.isVisible()
    dialog.grab().save(str(tmp_path / "writing.png"))
    dialog.writing = False
    dialog.cancel_button.click()
