"""Regenerate the report page images shown in the README from the demo registers.

Run from the project root: uv run python docs/make_report_images.py
Needs pdftoppm (poppler-utils) on the PATH.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from riskdesk.core.cover import Cover
from riskdesk.services.demo import write_demo
from riskdesk.services.reports import ReportOptions, write_report
from riskdesk.services.workspace import Workspace

IMAGES = Path(__file__).resolve().parent / "images"
RESOLUTION = "50"  # small enough for the repository, large enough to read the layout

# (image name, demo preset, report options, page number)
DEMO_COVER = Cover(
    committee="Audit and Governance Committee", meeting_date="23 July 2024", agenda_item="7",
    report_of="Executive Director of Children's Services", contact_officer="Risk and Insurance Manager",
    purpose="To report the strategic risks of Children's Services as they stood at the end of 2023/24.",
    recommendations="That the Committee notes the strategic risks and their direction of travel.")

PAGES = [
    ("committee-cover.png", "5x5", ReportOptions(kind="committee", cover=DEMO_COVER), 1),
    ("committee-contents.png", "5x5", ReportOptions(kind="committee", cover=DEMO_COVER), 2),
    ("committee-summary.png", "5x5", ReportOptions(kind="committee"), 1),
    ("committee-risk.png", "5x5", ReportOptions(kind="committee"), 3),
    ("profile-matrix.png", "3x3", ReportOptions(kind="profile"), 2),
    ("matrix.png", "5x5", ReportOptions(kind="matrix"), 1),
    ("actions.png", "5x5", ReportOptions(kind="actions"), 1),
]


def main() -> None:
    """Write every image in PAGES into docs/images."""
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is needed: install poppler-utils")
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, preset, options, page in PAGES:
            register = work / f"demo-{preset}.sqlite"
            if not register.exists():
                write_demo(register, preset)
            pdf = work / f"{Path(name).stem}.pdf"
            workspace = Workspace.open(register, read_only=True)
            try:
                write_report(workspace, options, pdf)
            finally:
                workspace.close()
            prefix = work / Path(name).stem
            subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(prefix)], check=True)
            shutil.copyfile(prefix.with_suffix(".png"), IMAGES / name)
            print(f"docs/images/{name}")


if __name__ == "__main__":
    main()
