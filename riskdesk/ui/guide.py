"""The user guide, read offline: the Markdown pages shipped with the app in a browser window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QKeySequence,
    QPixmap,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from riskdesk.resources_path import guide_dir

START = "index.md"


class GuideDialog(QDialog):
    """The guide's pages with Contents, Back and Forward; web links open in the user's browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle("riskdesk user guide")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenLinks(False)  # followed here: the guide's pages inside, web links outside
        self.browser.anchorClicked.connect(self.follow)
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.sourceChanged.connect(lambda _url: self.fit_pictures())
        self.browser.viewport().installEventFilter(self)
        self.contents_button = QPushButton("&Contents", self)
        self.back_button = QPushButton("&Back", self)
        self.back_button.setShortcut(QKeySequence.StandardKey.Back)
        self.forward_button = QPushButton("&Forward", self)
        self.forward_button.setShortcut(QKeySequence.StandardKey.Forward)
        self.contents_button.clicked.connect(lambda: self.show_page(START))
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.contents_button, self.back_button, self.forward_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(760, 640)
        self.show_page(START)

    def show_page(self, name: str) -> None:
        """Show one page of the guide by its file name."""
        self.browser.setSource(QUrl.fromLocalFile(str(guide_dir() / name)), QTextDocument.ResourceType.MarkdownResource)

    def fit_pictures(self) -> None:
        """Draw each picture no wider than the page, keeping its shape (they are full-window screenshots)."""
        document = self.browser.document()
        room = max(200, self.browser.viewport().width() - 2 * int(document.documentMargin()) - 24)
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                it += 1
                if not fragment.charFormat().isImageFormat():
                    continue
                picture = fragment.charFormat().toImageFormat()
                image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.name()))
                size = image.size() if isinstance(image, QImage | QPixmap) else None
                if size is None or size.width() <= 0:
                    continue
                width = min(size.width(), room)
                picture.setWidth(width)
                picture.setHeight(size.height() * width / size.width())
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(picture)
            block = block.next()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_pictures()
        return super().eventFilter(watched, event)

    def page_name(self) -> str:
        """The file name of the page shown (for tests and the title)."""
        return self.browser.source().fileName()

    def follow(self, url: QUrl) -> None:
        """Follow a link: another page of the guide here, a web address in the user's browser."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        target = self.browser.source().resolved(url)
        kind = (QTextDocument.ResourceType.MarkdownResource if target.path().endswith(".md")
                else QTextDocument.ResourceType.UnknownResource)
        self.browser.setSource(target, kind)


def show_guide(window: QWidget) -> GuideDialog:
    """Open the guide beside the window (one guide per window, brought to the front if open)."""
    dialog = getattr(window, "guide_dialog", None)
    if not isinstance(dialog, GuideDialog):
        dialog = GuideDialog(window)
        window.guide_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
