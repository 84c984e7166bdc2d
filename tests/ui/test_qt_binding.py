"""Guard against a Qt binding that leaks references to None and True (PySide6 6.12.0 on 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_and_emits_keep_none_and_true_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        widget.setWindowTitle("riskdesk")
        emitter.fired.emit(True)
    # A sound binding leaves both counts where they were, give or take a few
    # references held by the interpreter; the faulty one loses 500 of each.
    assert none_before - sys.getrefcount(None) < 50
    assert true_before - sys.getrefcount(True) < 50
