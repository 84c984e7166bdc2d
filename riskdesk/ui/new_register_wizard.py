"""A new register file in four steps: council, scoring scheme, first register, where to keep it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from riskdesk.core.periods import quarter_dates, quarter_label
from riskdesk.core.presets import preset
from riskdesk.core.scheme import ScoringScheme
from riskdesk.services.workspace import Workspace
from riskdesk.ui.colours import warning_style
from riskdesk.ui.scheme_editor import SchemeEditor
from riskdesk.ui.settings import history_name


class FilledPage(QWizardPage):
    """A page whose Next (or Finish) needs its boxes filled in; a default already there counts.

    Qt's own mandatory fields count a field as filled only once it differs from the text it
    started with, which left a page with a sensible default stuck.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.required: list[QLineEdit] = []
        self.check: Callable[[], str | None] | None = None  # a last look before Next or Finish
        self.problem = QLabel(self)
        self.problem.setObjectName("wizardProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(warning_style())

    def require(self, editor: QLineEdit) -> None:
        """Next waits until this box holds something other than spaces."""
        self.required.append(editor)
        editor.textChanged.connect(lambda _text: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return all(editor.text().strip() for editor in self.required) and super().isComplete()

    def validatePage(self) -> bool:
        # Said here, on the page, so the user keeps every answer given so far.
        message = self.check() if self.check is not None else None
        self.problem.setText(message or "")
        return message is None


class NewRegisterWizard(QWizard):
    """Ask what a new register file needs, then create it."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New register")
        self.setMinimumSize(640, 480)
        # Room for the scheme's tables beside its matrix, inside a 1366 x 768 screen.
        self.resize(1080, 660)
        self.created: Path | None = None
        self.council = QLineEdit(self)
        self.council.setPlaceholderText("e.g. Midshire County Council")
        self.editor = SchemeEditor(preset("5x5"), self)
        self.matrix = self.editor.matrix
        self.register = QLineEdit("Strategic Risk Register", self)
        self.location = QLineEdit(str(folder / "Risk register.sqlite"), self)
        browse = QPushButton("&Browse...", self)
        browse.clicked.connect(self._browse)

        self.addPage(self._page("Your council", "The name printed on the committee papers.",
                                [QLabel("Council &name:"), self.council], "council", self.council))
        scheme_page = self._page("Scoring scheme", "How risks are scored: likelihood times impact. Start from "
                                 "a preset or your own scheme file, then change anything.", [self.editor])
        scheme_page.check = self.editor.problem
        self.addPage(scheme_page)
        self.addPage(self._page("First register", "Usually the strategic register; add the others later.",
                                [QLabel("Register &name:"), self.register], "register", self.register))
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.location, 1)
        line.addWidget(browse)
        where = self._page("Where to keep it", "A shared drive lets colleagues open the same file.",
                           [QLabel("&File:"), row], "location", self.location)
        where.check = self.location_problem
        self.addPage(where)

    def _page(self, title: str, subtitle: str, widgets: list[QWidget], field: str = "",
              editor: QLineEdit | None = None) -> FilledPage:
        page = FilledPage(self)
        page.setTitle(title)
        page.setSubTitle(subtitle)
        layout = QVBoxLayout(page)
        for index, widget in enumerate(widgets):
            if isinstance(widget, QLabel) and index + 1 < len(widgets):
                widget.setBuddy(widgets[index + 1])
            layout.addWidget(widget, 1 if isinstance(widget, SchemeEditor) else 0)
        layout.addWidget(page.problem)
        if not any(isinstance(widget, SchemeEditor) for widget in widgets):
            layout.addStretch(1)
        if field and editor is not None:
            page.registerField(field, editor)
            page.require(editor)
        return page

    def chosen_scheme(self) -> ScoringScheme:
        """The scheme as the scheme page shows it."""
        return self.editor.scheme()

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Where to keep the register", self.location.text(),
                                                "Register files (*.sqlite)")
        if chosen:
            self.location.setText(chosen if chosen.endswith(".sqlite") else chosen + ".sqlite")

    def target_path(self) -> Path:
        """The file the answers name: a folder gets "Risk register.sqlite" in it; ".sqlite" is added."""
        path = Path(self.location.text().strip()).expanduser()
        if path.is_dir():
            return path / "Risk register.sqlite"
        return path if path.suffix == ".sqlite" else path.with_name(path.name + ".sqlite")

    def location_problem(self) -> str | None:
        """Why the file cannot be made where the answers say, or None."""
        path = self.target_path()
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist; choose another with Browse."
        if path.exists():
            return f"{path.name} already exists in {path.parent}; choose another name or folder."
        if not os.access(path.parent, os.W_OK):
            return f"The folder {path.parent} cannot be written to; choose another with Browse."
        return None

    def create_file(self) -> Path:
        """Write the new register file from the answers; returns its path."""
        path = self.target_path()
        if path.exists():
            raise FileExistsError(f"{path.name} already exists; choose another name or folder.")
        workspace = Workspace.create(path, self.chosen_scheme(), self.council.text().strip() or "Council",
                                     user=history_name())
        try:
            workspace.create_register(self.register.text().strip() or "Strategic Risk Register")
            # Work starts in the present quarter, so the first close has something to keep.
            label = quarter_label(date.today())
            workspace.create_period(label, *(quarter_dates(label) or (None, None)))
        finally:
            workspace.close()
        self.created = path
        return path
