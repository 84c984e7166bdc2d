"""Every window and dialog opens inside the screen's free area and remembers its size.

A laptop at 1366x768 with a taskbar leaves 1366x728; a dialog made for a large monitor
would put its buttons under the taskbar. One event filter on the application fits each
window as it is shown, whoever made it, and keeps the size the user gave each dialog. It is
put in just after the main window's first paint (Qt calls such a filter for every event of
every object); the main window fits itself as it is built.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from riskdesk.ui.settings import app_settings

# The title bar and borders a desktop adds outside a window's geometry (Windows 10/11 at 100%).
FRAME = QMargins(8, 31, 8, 8)
# Dialogs that size themselves to their text: fitted, but their size is not kept.
SELF_SIZED = (QMessageBox, QFileDialog, QInputDialog, QProgressDialog)
_FITTED = "_riskdeskSizeRestored"


def fitted_rect(rect: QRect, area: QRect, frame: QMargins = FRAME, minimum: QSize | None = None) -> QRect:
    """The rectangle moved and shrunk (never below `minimum`) so that it and its frame lie in `area`."""
    room = area.marginsRemoved(frame)
    width = min(rect.width(), room.width())
    height = min(rect.height(), room.height())
    if minimum is not None:
        width, height = max(width, minimum.width()), max(height, minimum.height())
    centre = rect.center()
    left = min(max(centre.x() - width // 2, room.left()), room.right() + 1 - width)
    top = min(max(centre.y() - height // 2, room.top()), room.bottom() + 1 - height)
    return QRect(max(left, room.left()), max(top, room.top()), width, height)


def screen_for(widget: QWidget) -> QScreen | None:
    """The screen a window opens on: its parent's, else its own, else the main one."""
    parent = widget.parentWidget()
    owner = parent.window() if parent is not None else widget
    return owner.screen() or QGuiApplication.primaryScreen()


def size_key(widget: QWidget) -> str:
    """The settings key for a dialog's size: its object name, else its class."""
    return f"dialogs/{widget.objectName() or type(widget).__name__}/size"


def fit_to_screen(widget: QWidget) -> None:
    """Shrink and move a window so that it lies in its screen's free area."""
    screen = screen_for(widget)
    if screen is None:
        return
    area = screen.availableGeometry()
    # The layout's minimum wins: such a window opens at the free area's top left corner.
    rect = fitted_rect(widget.geometry(), area, minimum=widget.minimumSize())
    if not widget.testAttribute(Qt.WidgetAttribute.WA_Moved):
        # Not placed yet: a dialog centres itself on its parent, inside the screen, as it shows.
        if rect.size() != widget.size():
            widget.resize(rect.size())
    elif rect != widget.geometry():
        widget.setGeometry(rect)


def _remembers(widget: QWidget) -> bool:
    return isinstance(widget, QDialog) and not isinstance(widget, SELF_SIZED)


class ScreenFitter(QObject):
    """Fits each window or dialog as it is shown; keeps dialogs' sizes when they are hidden."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget) and watched.isWindow():
            if not isinstance(watched, QDialog | QMainWindow):
                return False
            if kind == QEvent.Type.Show and not event.spontaneous():
                self._shown(watched)
            elif kind == QEvent.Type.Hide and not event.spontaneous() and _remembers(watched):
                app_settings().setValue(size_key(watched), watched.size())
        return False

    def _shown(self, widget: QWidget) -> None:
        if _remembers(widget) and not widget.property(_FITTED):
            widget.setProperty(_FITTED, True)
            size = app_settings().value(size_key(widget))
            if isinstance(size, QSize) and size.isValid():
                widget.resize(size)
        fit_to_screen(widget)


def install(app: QApplication) -> ScreenFitter:
    """Fit every window of this application to its screen (once; later calls return the same)."""
    existing = app.findChild(ScreenFitter, "screenFitter")
    if existing is not None:
        return existing
    fitter = ScreenFitter(app)
    fitter.setObjectName("screenFitter")
    app.installEventFilter(fitter)
    return fitter


def default_window_rect(wanted: QSize, screen: QScreen | None) -> QRect:
    """Where a first-time main window opens: `wanted`, or less, centred in the free area."""
    if screen is None:
        return QRect(QPoint(0, 0), wanted)
    area = screen.availableGeometry()
    rect = QRect(QPoint(0, 0), wanted)
    rect.moveCenter(area.center())
    return fitted_rect(rect, area)
