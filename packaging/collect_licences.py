"""Write the licences folder shipped beside the program: every bundled part's licence text.

    python packaging/collect_licences.py DEST_FOLDER

Run in the environment the build uses, so the list is the one shipped. DEST_FOLDER/README.txt
lists each part with its version and licence (as the About box does); each part's licence
texts are copied into DEST_FOLDER/NAME/.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path

from riskdesk.services.components import Component, bundled_components

HERE = Path(__file__).resolve().parent


def qt_component() -> Component:
    """Qt, as PySide6 ships it, under the LGPL (whose text needs the GPL's beside it)."""
    from importlib import metadata

    version = metadata.version("PySide6")
    return Component("Qt (through PySide6)", version, "LGPL-3.0-only", "https://www.qt.io",
                     (HERE / "licences" / "Qt-LGPL-3.0.txt", HERE / "licences" / "Qt-GPL-3.0.txt"))


def python_licence() -> tuple[Path, ...]:
    """Python's own LICENSE.txt from the interpreter doing the build."""
    for folder in (Path(sys.base_prefix), Path(sysconfig.get_paths()["stdlib"])):
        if (folder / "LICENSE.txt").is_file():
            return (folder / "LICENSE.txt",)
    return ()


def write_licences(dest: Path) -> list[Component]:
    """Copy every part's licence texts into dest and write dest/README.txt; returns the parts."""
    dest.mkdir(parents=True, exist_ok=True)
    parts = bundled_components([qt_component()])
    lines = ["riskdesk is made of these parts, each under its own licence.",
             "Each folder here holds that part's licence text.", ""]
    for part in parts:
        files = part.licence_files or (python_licence() if part.name == "Python" else ())
        if part.name == "riskdesk":
            files = (HERE.parent / "LICENSE",) if (HERE.parent / "LICENSE").is_file() else ()
        folder = dest / part.name.replace(" ", "-").replace("(", "").replace(")", "")
        for source in files:
            folder.mkdir(exist_ok=True)
            shutil.copyfile(source, folder / source.name)
        note = f"  ({part.home})" if part.home else ""
        lines.append(f"{part.name} {part.version}: {part.licence}{note}")
    (dest / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return parts


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python packaging/collect_licences.py DEST_FOLDER", file=sys.stderr)
        sys.exit(2)
    written = write_licences(Path(sys.argv[1]))
    print(f"{len(written)} parts' licences written to {sys.argv[1]}")
