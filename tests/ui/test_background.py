"""The one background task: result or one sentence back on the window's thread, progress, Cancel,
and a thread that outlives whoever started it."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from riskdesk.storage.errors import RegisterFileError
from riskdesk.ui.background import (
    BackgroundTask,
    TaskControl,
    TaskFailed,
    run_in_background,
    running_tasks,
    stop_tasks,
)

WAIT = 20_000


def _finish(qtbot: QtBot, task: BackgroundTask) -> None:
    qtbot.waitUntil(lambda: not task.is_running(), timeout=WAIT)


def test_the_result_and_progress_arrive_on_the_windows_thread(qtbot: QtBot) -> None:
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    seen: list[tuple[int, int, str, bool]] = []
    results: list[tuple[object, bool]] = []
    worked_in: list[threading.Thread] = []

    def work(control: TaskControl) -> str:
        worked_in.append(threading.current_thread())
        for step in range(1, 5):
            control.report(step, 4, f"Step {step} of 4")
        return "made"

    task = run_in_background(
        work, progressed=lambda done, total, sentence: seen.append(
            (done, total, sentence, QThread.currentThread() is gui)),
        succeeded=lambda result: results.append((result, QThread.currentThread() is gui)))
    _finish(qtbot, task)
    assert task.outcome == "succeeded" and results == [("made", True)]
    assert worked_in and worked_in[0] is not threading.main_thread()
    assert [(d, t, s) for d, t, s, _ in seen] == [(250, 1000, "Step 1 of 4"), (500, 1000, "Step 2 of 4"),
                                               (750, 1000, "Step 3 of 4"), (1000, 1000, "Step 4 of 4")]
    assert all(on_gui for *_, on_gui in seen)


def test_a_failure_is_one_sentence_never_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    def raising(error: Exception):  # type: ignore[no-untyped-def]
        def work(_control: TaskControl) -> None:
            raise error
        return work

    missing = tmp_path / "Quarter 3.xlsx"
    cases = [
        (RegisterFileError("Risk SR 4: the Status \"Opne\" is not one riskdesk knows."),
         "Risk SR 4: the Status \"Opne\" is not one riskdesk knows."),
        (TaskFailed("Finance register.sqlite could not be opened (Permission denied)."),
         "Finance register.sqlite could not be opened (Permission denied)."),
        (FileNotFoundError(2, "No such file or directory", str(missing)),
         "The export could not be finished: Quarter 3.xlsx could not be used (No such file or directory)."),
        (KeyError("owner"), "The export could not be finished: 'owner'"),
    ]
    for error, sentence in cases:
        told: list[str] = []
        task = run_in_background(raising(error), doing="The export", failed=told.append)
        _finish(qtbot, task)
        assert task.outcome == "failed" and told == [sentence] and task.sentence == sentence


def test_cancel_stops_the_work_at_its_next_check(qtbot: QtBot) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(control: TaskControl) -> int:
        started.set()
        for step in range(10_000):
            control.check()
            steps.append(step)
            threading.Event().wait(0.001)
        return len(steps)

    cancelled: list[bool] = []
    task = run_in_background(work, cancelled=lambda: cancelled.append(True))
    assert started.wait(5)
    task.cancel()
    _finish(qtbot, task)
    assert task.outcome == "cancelled" and cancelled == [True] and len(steps) < 10_000


def test_the_thread_outlives_its_owner_and_every_reference(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    ended: list[str] = []

    def work(control: TaskControl) -> str:
        release.wait(5)
        return "done"

    task = run_in_background(work, owner=owner, succeeded=ended.append)
    thread = task.worker_thread
    assert running_tasks(owner) == [task]
    del task, owner
    gc.collect()  # nothing outside holds the task now: it must keep itself until its thread ends
    release.set()
    qtbot.waitUntil(lambda: ended == ["done"], timeout=WAIT)
    qtbot.waitUntil(lambda: not running_tasks(), timeout=WAIT)
    assert thread.isFinished()


def test_stop_tasks_cancels_and_waits_for_an_owners_work(qtbot: QtBot) -> None:
    owner, other = QObject(), QObject()

    def slow(control: TaskControl) -> str:
        while not control.cancelled():
            threading.Event().wait(0.005)
        return "stopped by its flag"

    mine = run_in_background(slow, owner=owner)
    theirs = run_in_background(slow, owner=other)
    stop_tasks(owner)
    assert not mine.is_running() and mine.worker_thread.isFinished()
    assert mine.outcome == "succeeded" and mine.result == "stopped by its flag"  # the work decided
    assert theirs.is_running()
    stop_tasks()
    assert not running_tasks()


def test_a_quick_task_shows_no_progress_window_and_a_long_one_does(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    quick = run_in_background(lambda _control: 1, progress=(parent, "Export", "Exporting…"))
    assert quick.dialog is not None and not quick.dialog.isVisible()
    _finish(qtbot, quick)
    assert quick.dialog is None
    release = threading.Event()
    slow = run_in_background(lambda _control: release.wait(10), progress=(parent, "Export", "Exporting…"),
                             can_cancel=False)
    dialog = slow.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.label_text() == "Exporting…" and dialog.windowTitle() == "Export"
    release.set()
    _finish(qtbot, slow)
    assert slow.dialog is None
