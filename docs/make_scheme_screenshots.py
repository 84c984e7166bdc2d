"""Make the scheme pictures of the user guide in docs/guide/images/ at a laptop's 1366x768.

Run: uv run python docs/make_scheme_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM",
                      f"offscreen:configfile={Path(__file__).resolve().parents[1] / 'tests/screens/laptop.json'}")
os.environ.setdefault("RISKDESK_USER", "Business Support")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from riskdesk.core.presets import preset
from riskdesk.core.scheme import ScoringScheme
from riskdesk.services.demo import write_demo
from riskdesk.services.queries import load_contents
from riskdesk.services.scheme_change import LevelMapping, SchemeChangeResult
from riskdesk.services.workspace import Workspace

OUT = Path(__file__).resolve().parent / "guide" / "images"


def save(widget: QWidget, name: str) -> None:
    """Write one picture, once the widget has painted."""
    for _ in range(20):
        QApplication.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))


def pictures_only(new: ScoringScheme, mapping: LevelMapping) -> SchemeChangeResult:
    """The dialog's operation for pictures: never pressed."""
    raise RuntimeError("the pictures never change a scheme")


def main() -> int:
    """Write scheme-page (the wizard's scheme page) and scheme-change (the Scheme dialog's preview)."""
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        from riskdesk.ui.new_register_wizard import NewRegisterWizard
        from riskdesk.ui.scheme_dialog import SchemeDialog

        wizard = NewRegisterWizard(Path(scratch))
        wizard.council.setText("Moorgate Borough Council")
        wizard.show()
        wizard.next()
        wizard.editor.set_scheme(preset("4x4-weighted"))
        wizard.findChild(QWidget, "schemeTabs").setCurrentIndex(1)  # type: ignore[union-attr]
        save(wizard, "scheme-page")
        wizard.close()

        demo = Path(scratch) / "demo.sqlite"
        write_demo(demo, "5x5")
        workspace = Workspace.open(demo, read_only=True)
        contents = load_contents(workspace)
        workspace.close()
        dialog = SchemeDialog(contents.scheme, list(contents.risks), pictures_only, None)
        dialog.show()
        dialog.editor.set_scheme(preset("4x4-weighted"))
        dialog.show_mapping()
        save(dialog, "scheme-change")
        dialog.close()
    del app
    print(f"Scheme pictures written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
