"""Choice boxes that do not change by accident: no wheel unless focused, keyboard steps written once.

The editor scrolls, so a mouse wheel passing over a score box the user never clicked must
scroll the editor, not re-score the risk. Arrow keys on a closed box step through every
level; each step is not a decision, so the choice is written once it settles: when the
user stops for a moment, or leaves the box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

SETTLE_MS = 700  # a pause this long after the last key means the user has chosen
STEP_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home,
             Qt.Key.Key_End}


class CalmChoices(QObject):
    """Watches choice and spin boxes: ignores unfocused wheels, holds keyboard steps until settled.

    A box's own change handler asks stepping(box): when True the change came from a key or a
    wheel step and is held with hold(box); the box's settled callback runs once, after
    SETTLE_MS of quiet, on leaving the box, or on flush().
    """

    def __init__(self, parent: QObject | None = None, delay_ms: int = SETTLE_MS):
        super().__init__(parent)
        self._settled: dict[QWidget, Callable[[], None]] = {}
        self._stepping: set[QWidget] = set()
        self._held: set[QWidget] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def watch(self, box: QWidget, settled: Callable[[], None] | None = None) -> None:
        """Guard a box against the wheel; with settled, hold its keyboard steps until they settle."""
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel never gives it focus
        box.installEventFilter(self)
        if settled is not None:
            self._settled[box] = settled

    def stepping(self, box: QWidget) -> bool:
        """True while a key or wheel step of this box is being handled."""
        return box in self._stepping

    def hold(self, box: QWidget) -> None:
        """Keep this box's change until it settles (restarts the quiet period)."""
        self._held.add(box)
        self.timer.start()

    def is_held(self, box: QWidget) -> bool:
        """True when this box's choice is waiting to settle."""
        return box in self._held

    def pending(self) -> bool:
        """True when a choice is held, not yet written."""
        return bool(self._held)

    def flush(self) -> None:
        """Write every held choice now (the user paused, left the box, or the editor is closing)."""
        self.timer.stop()
        held, self._held = self._held, set()
        for box in held:
            callback = self._settled.get(box)
            if callback is not None:
                callback()

    def forget(self) -> None:
        """Drop held choices unwritten (the editor shows another risk's values in the boxes)."""
        self.timer.stop()
        self._held.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if not watched.hasFocus():
                self._scroll_instead(watched, event)
                return True
            self._step(watched)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup_open = isinstance(watched, QComboBox) and watched.view().isVisible()
            if not popup_open and (event.key() in STEP_KEYS or (event.text() != "" and event.text().isprintable())):
                self._step(watched)
        elif kind == QEvent.Type.FocusOut and watched in self._held:
            self.flush()
        return False

    @staticmethod
    def _scroll_instead(box: QWidget, event: QEvent) -> None:
        """Hand the wheel to the scrolling area around the box, as if the box were not there."""
        parent = box.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            event.ignore()
            return
        QApplication.sendEvent(parent.viewport(), event)
        event.accept()  # handled once, by the area: it must not travel on and scroll twice

    def _step(self, box: QWidget) -> None:
        self._stepping.add(box)
        # The box changes while this event is handled; the mark goes once it has been.
        QTimer.singleShot(0, lambda: self._stepping.discard(box))
