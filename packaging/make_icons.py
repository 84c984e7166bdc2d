"""Draw the application icon from resources/icons/riskdesk.svg in every size the builders need.

Run after changing the SVG (the results are kept in the repository, so builds need neither step):
    uv run --with pillow python packaging/make_icons.py

Writes riskdesk-16.png ... riskdesk-512.png (Linux desktops, the window icon), riskdesk.ico
(Windows: the program, the installer, the Start menu) and riskdesk.icns (macOS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn at size x size pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write the PNG sizes, the .ico and the .icns beside the SVG."""
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "riskdesk.svg"))
    if not renderer.isValid():
        print(f"{ICONS / 'riskdesk.svg'} could not be read as SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"riskdesk-{size}.png"))
    render(renderer, 1024).save(str(ICONS / "riskdesk-1024.png"))
    large = Image.open(ICONS / "riskdesk-1024.png")
    large.save(ICONS / "riskdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    large.save(ICONS / "riskdesk.icns")
    (ICONS / "riskdesk-1024.png").unlink()
    print(f"Icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
