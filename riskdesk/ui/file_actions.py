"""What the File menu does: open, make, copy and export register files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from riskdesk.services.files import save_copy as copy_file
from riskdesk.services.workspace import Workspace
from riskdesk.storage.errors import RegisterFileError
from riskdesk.ui import file_check
from riskdesk.ui.document import Document
from riskdesk.ui.settings import history_name, recent_files

if TYPE_CHECKING:
    from riskdesk.services.scheme_change import SchemeChangeResult
    from riskdesk.ui.background import BackgroundTask
    from riskdesk.ui.ports import FileHost, Notifier

FILE_FILTER = "Register files (*.sqlite);;All files (*)"
SCHEME_NOTE_MS = 60_000  # long enough to be read; the line names the file kept


def demo_path() -> Path:
    """Where the demo register is kept for this user."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("riskdesk", appauthor=False)) / "Demo register (5x5).sqlite"


class FileActions:
    """Opening, making, copying and exporting register files, for the window that shows them."""

    def __init__(self, host: FileHost, notifier: Notifier) -> None:
        self.host = host
        self.notifier = notifier

    def open_file(self, path: Path | str, read_only: bool = False) -> bool:
        """Open a register file; a file riskdesk cannot use is explained in a message box.

        A file that cannot be written (a read-only share) is offered to be opened to read
        and print only.
        """
        path = Path(path)
        self.host.commit_data()  # what is typed in the file open now is written before it closes
        check_later = not read_only and file_check.checked_later(path)
        try:
            workspace = Workspace.open(path, user=history_name(), read_only=read_only,
                                       check_integrity=not check_later)
        except RegisterFileError as error:
            if not read_only and "read-only" in str(error):
                if self.notifier.confirm("This file cannot be changed",
                                         f"{path.name} is read-only: you cannot change it from here.\n\n"
                                         "Open it to read and print only?"):
                    return self.open_file(path, read_only=True)
                return False
            self.notifier.show_message("This file cannot be opened", str(error))
            return False
        except OSError as error:
            self.notifier.show_message("This file cannot be opened",
                                       f"{path.name} could not be read: {error.strerror}.")
            return False
        try:
            document = Document(workspace, self.host.undo_stack, self.host.window())
        except RegisterFileError as error:  # a value in the file riskdesk cannot read: named
            workspace.close()
            self.notifier.show_message("This file cannot be opened", str(error))
            return False
        # Editable once the integrity check (when it runs after the first paint) has passed.
        self.host.show_document(document, read_only or check_later, check_later)
        if workspace.rolled_back_note:  # rare, and the last change may need making again: say it plainly
            self.notifier.show_message("An interrupted save was rolled back", workspace.rolled_back_note,
                                       information=True)
        return True

    def open_demo(self) -> None:
        """Write the demo into the user's data folder if absent, then open it."""
        from riskdesk.services.demo import write_demo  # loaded when asked for, not at start-up

        path = demo_path()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            self.notifier.show_status("Writing the demo register...")
            try:
                write_demo(path, "5x5")
            except (OSError, RegisterFileError) as error:
                self.notifier.show_message("The demo could not be written", str(error))
                return
        self.open_file(path)

    def open_dialog(self) -> None:
        """Choose a register file to open."""
        document = self.host.document
        start = str(document.workspace.path.parent) if document else str(Path.home())
        from PySide6.QtWidgets import QFileDialog  # the dialogs' classes load when first used: see app.py

        chosen, _ = QFileDialog.getOpenFileName(self.host.window(), "Open a register", start, FILE_FILTER)
        if chosen:
            self.open_file(chosen)

    def new_register(self) -> None:
        """Ask for a new register file (the wizard), create it and open it."""
        from riskdesk.ui.new_register_wizard import NewRegisterWizard  # loaded when asked for

        wizard = NewRegisterWizard(Path.home(), self.host.window())
        if wizard.exec() != wizard.DialogCode.Accepted:
            return
        try:
            path = wizard.create_file()
        except (FileExistsError, RegisterFileError, OSError) as error:
            self.notifier.show_message("The register was not created", str(error))
            return
        self.open_file(path)

    def save_copy(self) -> None:
        """Save a copy of the open file under another name."""
        document = self.host.document
        if document is None:
            return
        path = document.workspace.path
        suggestion = str(path.with_name(path.stem + " (copy).sqlite"))
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(self.host.window(), "Save a copy as", suggestion, FILE_FILTER)
        if not chosen:
            return
        try:
            written = copy_file(document.workspace, chosen)
        except RegisterFileError as error:
            self.notifier.show_message("The copy was not saved", str(error))
            return
        self.notifier.show_status(f"Saved a copy as {written.name}", 8000)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """List recent files under File > Open Recent."""
        menu.clear()
        for path in recent_files():
            action = menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_file(p))
        if not menu.actions():
            menu.addAction("No recent files").setEnabled(False)

    def export_register(self, target: Path | str | None = None) -> BackgroundTask | None:
        """File > Export...: the register as .xlsx, .csv or .json, written in the background."""
        document = self.host.document
        if document is None:
            return None
        from riskdesk.ui.export_actions import export_register

        self.host.commit_data()  # what is typed in the editor goes into the export too
        # Owned by the window, which stops it (leaving no half-written file) when the file closes.
        return export_register(self.host.window(), document.workspace, self.notifier.show_message,
                               lambda text: self.notifier.show_status(text, 8000),
                               Path(target) if target is not None else None, owner=self.host.window())

    def export_reminders(self) -> int | None:
        """File > Export reminders...: review and action dates as a calendar file."""
        document = self.host.document
        if document is None:
            return None
        from riskdesk.ui.reminders_export import export_reminders

        return export_reminders(document, self.host.window(), self.notifier)

    def edit_scheme(self) -> SchemeChangeResult | None:
        """View the file's scoring scheme, or change it with every risk's new score shown first."""
        document = self.host.document
        if document is None:
            return None
        from riskdesk.ui.scheme_actions import edit_scheme

        return edit_scheme(document, self.host.window(), self.host.read_only,
                           lambda text: self.notifier.show_status(text, SCHEME_NOTE_MS))
