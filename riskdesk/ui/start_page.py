"""What the window shows when no register is open: recent files, new, open, the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from riskdesk.ui.settings import recent_files

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2
PADDING = 6


class RecentFileDelegate(QStyledItemDelegate):
    """One recent file as one entry: its name in bold, its folder in grey beneath."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        name = QFont(option.font)
        name.setBold(True)
        folder = QFont(option.font)
        folder.setPointSizeF(max(7.0, folder.pointSizeF() * 0.9))
        return name, folder

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        name, folder = self._fonts(option)
        height = QFontMetrics(name).height() + QFontMetrics(folder).height() + PADDING * 2 + 2
        width = max(QFontMetrics(name).horizontalAdvance(str(index.data())),
                    QFontMetrics(folder).horizontalAdvance(str(index.data(FOLDER_ROLE) or "")))
        return QSize(width + PADDING * 2, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        from PySide6.QtWidgets import QStyle  # with the start page's first paint, not the window's code

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:  # background, selection and focus as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        name_font, folder_font = self._fonts(option)
        rect: QRect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.save()
        painter.setFont(name_font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        name_height = QFontMetrics(name_font).height()
        painter.drawText(rect.adjusted(0, 0, 0, -(rect.height() - name_height)),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(name_font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        painter.setFont(folder_font)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected
                                     else QPalette.ColorRole.PlaceholderText))
        folder = str(index.data(FOLDER_ROLE) or "")
        painter.drawText(rect.adjusted(0, name_height + 2, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(folder_font).elidedText(folder, Qt.TextElideMode.ElideMiddle, rect.width()))
        painter.restore()


class StartPage(QWidget):
    """The first thing a user sees: where to begin."""

    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    fileChosen = Signal(object)  # Path
    guideRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startPage")
        self._built = False

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def build(self) -> None:
        """Make the page's contents, once: when it is first shown, so a start with a file goes without."""
        if self._built:
            return
        self._built = True
        title = QLabel("<h1>riskdesk</h1><p>Keep your risk registers and print the committee papers.</p>", self)
        title.setWordWrap(True)
        self.new_button = QPushButton("&New register...", self)
        self.new_button.setToolTip("Start a register file for your council with a 5x5 or 3x3 scoring scheme")
        self.open_button = QPushButton("&Open...", self)
        self.open_button.setToolTip("Open a register file (.sqlite) from your computer or a shared drive")
        self.demo_button = QPushButton("Open the &demo register", self)
        self.demo_button.setToolTip("A made-up Children's Services register to try things out safely")
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentFiles")
        self.recent.setAccessibleName("Recent files")
        self.recent.setMaximumHeight(360)
        self.recent.setItemDelegate(RecentFileDelegate(self.recent))
        self.recent.setUniformItemSizes(True)
        self.recent.itemActivated.connect(lambda item: self.fileChosen.emit(Path(item.data(PATH_ROLE))))
        self.empty = QLabel("Files you open will be listed here.", self)
        self.empty.setObjectName("noRecentFiles")
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quiet, in a light or dark theme
        buttons = QVBoxLayout()
        for button in (self.new_button, self.open_button, self.demo_button):
            buttons.addWidget(button)
        hint = QLabel(
            "Everything you change is saved at once and can be undone (Ctrl+Z). "
            "A register file can live on a shared drive: colleagues' changes appear as they save them, "
            "and you can drop a .sqlite file on this window to open it.", self)
        hint.setWordWrap(True)
        hint.setObjectName("startHint")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint = hint
        self.guide_link = QLabel(
            '<a href="guide">Read the user guide</a> (F1): the quarter step by step, bringing in a '
            "spreadsheet, sharing the file and making the committee pack.", self)
        self.guide_link.setObjectName("guideLink")
        self.guide_link.setWordWrap(True)
        self.guide_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.guide_link.linkActivated.connect(lambda _link: self.guideRequested.emit())
        buttons.addSpacing(12)
        buttons.addWidget(self.guide_link)
        buttons.addSpacing(8)
        buttons.addWidget(hint)
        buttons.addStretch(1)
        recent = QVBoxLayout()
        caption = QLabel("<b>Recent files</b>", self)
        caption.setBuddy(self.recent)
        recent.addWidget(caption)
        recent.addWidget(self.recent)
        recent.addWidget(self.empty)
        recent.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(buttons, 1)
        columns.addSpacing(24)
        columns.addLayout(recent, 2)
        inner = QWidget(self)
        inner.setMaximumWidth(900)
        body = QVBoxLayout(inner)
        body.addWidget(title)
        body.addSpacing(12)
        body.addLayout(columns, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        for child in (title, self.new_button, self.open_button, self.demo_button, self.recent, hint,
                      self.guide_link, caption, inner):
            child.setVisible(True)  # made after the page was shown: Qt shows them only when told
        outer.activate()  # placed now, before the first paint
        self.refresh()

    def refresh(self) -> None:
        """Re-read the recent files list (when the page has been made; it reads them as it is)."""
        if not self._built:
            return
        self.recent.clear()
        for path in recent_files():
            folder = _folder_text(path.parent)
            item = QListWidgetItem(path.name)
            item.setData(PATH_ROLE, str(path))
            item.setData(FOLDER_ROLE, folder)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, f"in {folder}")
            self.recent.addItem(item)
        self.empty.setVisible(self.recent.count() == 0)


def _folder_text(folder: Path) -> str:
    """A folder as users read it: "~/Documents" rather than the full home path."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)
