"""Painting of cells and of the whole matrix, shared by the widget, export, print and clipboard."""

from __future__ import annotations

from dataclasses import dataclass
from math import atan2, cos, pi, sin

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from riskdesk.core.grid import Cell, Grid
from riskdesk.ui.heatmap.palette import PALETTE_NAMES, CellColours, PaletteMode, band_colours

KIND_TITLES = {"inherent": "Inherent risk", "residual": "Residual (current) risk", "target": "Target risk"}


@dataclass(frozen=True)
class PlacedReference:
    """Where one reference (or the "+N more" note) is drawn inside a cell."""

    index: int  # position in the cell's risks; -1 for the "+N more" note
    text: str
    rect: QRectF


@dataclass(frozen=True)
class CellLayout:
    """The parts of a cell: corner caption, count and references."""

    corner: QRectF
    count: QRectF
    references: QRectF
    corner_font: QFont
    count_font: QFont
    reference_font: QFont


def _font(base: QFont, pixels: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


_LAYOUTS: dict[tuple[float, float, float, float, str, float], CellLayout] = {}


def cell_layout(rect: QRectF, base: QFont, minimum_pixels: float = 0.0) -> CellLayout:
    """Split a cell into its parts; font sizes follow the cell size (so prints scale)."""
    key = (rect.x(), rect.y(), rect.width(), rect.height(), base.key(), minimum_pixels)
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) > 512:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = _cell_layout(rect, base, minimum_pixels)
    return found


def _cell_layout(rect: QRectF, base: QFont, minimum_pixels: float) -> CellLayout:
    unit = min(rect.width(), rect.height() * 1.4)
    pad = max(2.0, unit * 0.04)
    corner_px = max(minimum_pixels * 0.9, unit * 0.09)
    count_px = max(minimum_pixels * 1.5, unit * 0.18)
    reference_px = max(minimum_pixels, unit * 0.09)
    inner = rect.adjusted(pad, pad, -pad, -pad)
    corner_h = corner_px * 1.35
    count_h = count_px * 1.1
    corner = QRectF(inner.left(), inner.top(), inner.width(), corner_h)
    count = QRectF(inner.left(), corner.bottom(), inner.width(), count_h)
    references = QRectF(inner.left(), count.bottom(), inner.width(), max(0.0, inner.bottom() - count.bottom()))
    return CellLayout(
        corner, count, references,
        _font(base, corner_px), _font(base, count_px, bold=True), _font(base, reference_px),
    )


# References a cell looks at when laying itself out: more never fit in a cell, and
# taking only these keeps painting a cell of hundreds of risks as quick as one of ten.
MAX_LAID_OUT = 60


def _line_rooms(area: QRectF, line_height: float, keep_clear: QRectF | None) -> list[float]:
    """The width each line of an area may use: lines beside keep_clear stop short of it.

    A line left with less than half the width is not used at all.
    """
    rooms = []
    for number in range(max(1, int(area.height() // line_height))):
        line = QRectF(area.left(), area.top() + number * line_height, area.width(), line_height)
        room = area.width()
        if keep_clear is not None and line.intersects(keep_clear):
            room = max(0.0, keep_clear.left() - 3.0 - area.left())
        if room < area.width() / 2:
            break
        rooms.append(room)
    return rooms


def layout_references(area: QRectF, references: list[str], metrics: QFontMetricsF,
                      total: int | None = None, keep_clear: QRectF | None = None) -> list[PlacedReference]:
    """Flow references into lines; when they do not all fit the last line says "+N more".

    total is how many references the cell has when only the first few are passed;
    keep_clear is a rect at the right of the area (the path markers) that no line enters.
    """
    total = len(references) if total is None else total
    if not references or area.height() < metrics.height() * 0.9:
        return []
    line_height = metrics.height()
    rooms = _line_rooms(area, line_height, keep_clear)
    if not rooms:
        return []
    max_lines = len(rooms)
    gap = metrics.horizontalAdvance(" ")
    room = area.width()
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        if text not in widths:
            widths[text] = metrics.horizontalAdvance(text)
        return widths[text]

    def flow(shown: int) -> list[PlacedReference] | None:
        hidden = total - shown
        tokens = [(i, references[i] + ("," if i < shown - 1 or hidden else "")) for i in range(shown)]
        if hidden:
            tokens.append((-1, f"+{hidden} more"))
        lines: list[list[tuple[int, str, float]]] = [[]]
        line_widths = [0.0]
        for index, text in tokens:
            width = min(measure(text), rooms[len(lines) - 1])
            if lines[-1] and line_widths[-1] + gap + width > rooms[len(lines) - 1]:
                if len(lines) == max_lines:
                    return None
                lines.append([])
                line_widths.append(0.0)
                width = min(measure(text), rooms[len(lines) - 1])
            line_widths[-1] += (gap if lines[-1] else 0.0) + width
            lines[-1].append((index, text, width))
        placed = []
        for number, line in enumerate(lines):
            x = area.left() + (rooms[number] - line_widths[number]) / 2
            y = area.top() + number * line_height
            for index, text, width in line:
                if measure(text) > rooms[number]:
                    text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rooms[number])
                placed.append(PlacedReference(index, text, QRectF(x, y, width, line_height)))
                x += width + gap
        return placed

    # Count how many fit on their own in one pass, then give up references one
    # at a time until the "+N more" note fits too.
    fitting = 0
    x, lines_used = 0.0, 1
    for reference in references:
        width = min(measure(reference + ","), room)
        if x and x + gap + width > rooms[lines_used - 1]:
            lines_used += 1
            x = 0.0
        if lines_used > max_lines:
            break
        x += (gap if x else 0.0) + width
        fitting += 1
    for shown in range(fitting, -1, -1):
        result = flow(shown)
        if result is not None:
            return result
    return []


_LEFT_CENTRED = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_REFERENCE_LAYOUTS: dict[tuple[object, ...], list[PlacedReference]] = {}


def _cached_references(layout: CellLayout, cell: Cell, metrics: QFontMetricsF,
                       references: list[str], keep_clear: QRectF | None = None) -> list[PlacedReference]:
    """layout_references, remembered: a repaint usually lays out the same cells again."""
    area = layout.references
    clear = None if keep_clear is None else keep_clear.getRect()
    key = (tuple(references), cell.count, area.x(), area.y(), area.width(), area.height(),
           layout.reference_font.key(), clear)
    found = _REFERENCE_LAYOUTS.get(key)
    if found is None:
        if len(_REFERENCE_LAYOUTS) > 1024:
            _REFERENCE_LAYOUTS.clear()
        found = _REFERENCE_LAYOUTS[key] = layout_references(area, references, metrics, cell.count, keep_clear)
    return found


def placed_references(rect: QRectF, cell: Cell, base_font: QFont, minimum_pixels: float = 0.0,
                      references: list[str] | None = None,
                      keep_clear: QRectF | None = None) -> list[PlacedReference]:
    """Where a cell's references are drawn (as paint_cell draws them), clear of keep_clear."""
    if not cell.count:
        return []
    layout = cell_layout(rect, base_font, minimum_pixels)
    metrics = QFontMetricsF(layout.reference_font)
    return _cached_references(layout, cell, metrics,
                              cell_references(cell) if references is None else references, keep_clear)


def cell_references(cell: Cell) -> list[str]:
    """The references a cell lays out (the first MAX_LAID_OUT)."""
    return [risk.reference for risk in cell.risks[:MAX_LAID_OUT]]


def count_rect(layout: CellLayout, count: int, keep_clear: QRectF | None = None) -> QRectF:
    """Where a cell's count is drawn: centred, or centred left of keep_clear when it would touch it."""
    digits = QFontMetricsF(layout.count_font).horizontalAdvance(str(count))
    area = layout.count
    if keep_clear is not None and keep_clear.intersects(area) \
            and area.center().x() + digits / 2 + 2 > keep_clear.left():
        area = QRectF(area.left(), area.top(), max(digits, keep_clear.left() - 2 - area.left()), area.height())
    return QRectF(area.center().x() - digits / 2, area.top(), digits, area.height())


def corner_caption(cell: Cell, metrics: QFontMetricsF, width: float) -> str:
    """ "12 Medium" in a cell's corner, or just "12" when the band name does not fit."""
    caption = f"{cell.score} {cell.band.name}"
    return caption if metrics.horizontalAdvance(caption) <= width else str(cell.score)


def paint_cell(
    painter: QPainter,
    rect: QRectF,
    cell: Cell,
    colours: CellColours,
    base_font: QFont,
    *,
    selected: bool = False,
    current: bool = False,
    emphasise: str | None = None,
    minimum_pixels: float = 0.0,
    references: list[str] | None = None,
    keep_clear: QRectF | None = None,
) -> None:
    """Draw one cell: band colour, "score band" in the corner, the count large, the references.

    No reference is drawn inside keep_clear (where the path markers sit).
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(rect, colours.fill)
    if colours.pattern != Qt.BrushStyle.NoBrush:
        hatch = QColor("#6e6e6e") if colours.text.lightness() > 128 else QColor("#b0b0b0")
        painter.fillRect(rect, QBrush(hatch, colours.pattern))
    layout = cell_layout(rect, base_font, minimum_pixels)
    painter.setPen(colours.text)
    painter.setFont(layout.corner_font)
    painter.drawText(layout.corner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                     corner_caption(cell, QFontMetricsF(layout.corner_font), layout.corner.width()))
    if cell.count:
        painter.setFont(layout.count_font)
        painter.drawText(count_rect(layout, cell.count, keep_clear).adjusted(-6, 0, 6, 0),
                         int(Qt.AlignmentFlag.AlignCenter),
                         str(cell.count))
        painter.setFont(layout.reference_font)
        metrics = QFontMetricsF(layout.reference_font)
        bold = QFont(layout.reference_font)
        bold.setBold(True)
        bold.setUnderline(True)
        placed_all = _cached_references(layout, cell, metrics,
                                        cell_references(cell) if references is None else references,
                                        keep_clear)
        flags = _LEFT_CENTRED
        # One line of text is drawn at once unless it holds the emphasised reference.
        lines: dict[float, list[PlacedReference]] = {}
        for placed in placed_all:
            lines.setdefault(placed.rect.top(), []).append(placed)
        for line in lines.values():
            marked = [p.index >= 0 and cell.risks[p.index].id == emphasise for p in line]
            if not any(marked):
                painter.setFont(layout.reference_font)
                box = QRectF(line[0].rect.left(), line[0].rect.top(), layout.references.width(), line[0].rect.height())
                painter.drawText(box, flags, " ".join(p.text for p in line))
                continue
            for placed, emphasised in zip(line, marked, strict=True):
                painter.setFont(bold if emphasised else layout.reference_font)
                painter.drawText(placed.rect, flags, placed.text)
    if selected or current:
        width = max(2.0, min(rect.width(), rect.height()) * 0.045) if selected else 1.5
        pen = QPen(colours.text, width, Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(width / 2 + 1, width / 2 + 1, -width / 2 - 1, -width / 2 - 1))
    painter.restore()


def _text(painter: QPainter, rect: QRectF, text: str, pixels: float, flags: Qt.AlignmentFlag,
          bold: bool = False, colour: QColor | None = None) -> None:
    painter.setFont(_font(painter.font(), pixels, bold))
    painter.setPen(colour or QColor("#000000"))
    painter.drawText(rect, int(flags | Qt.AlignmentFlag.AlignVCenter) if not flags & Qt.AlignmentFlag.AlignTop
                     else int(flags), text)


def paint_matrix(
    painter: QPainter,
    rect: QRectF,
    grid: Grid,
    mode: PaletteMode = PaletteMode.SCHEME,
    title: str = "Risk matrix",
    subtitle: str = "",
) -> None:
    """Draw a whole matrix for print, export or clipboard: title, axes, cells and legend."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(rect, QColor("#ffffff"))
    unit = min(rect.width(), rect.height() * 1.41)
    margin = unit * 0.03
    area = rect.adjusted(margin, margin, -margin, -margin)
    title_px = unit * 0.026
    small_px = unit * 0.015
    align_left = Qt.AlignmentFlag.AlignLeft
    center = Qt.AlignmentFlag.AlignCenter
    _text(painter, QRectF(area.left(), area.top(), area.width(), title_px * 1.5), title, title_px, align_left, True)
    top = area.top() + title_px * 1.6
    kind_title = KIND_TITLES.get(grid.kind.value, grid.kind.value)
    parts = [subtitle] if subtitle else []
    if kind_title not in title:
        parts.append(kind_title)
    parts.append(f"{grid.total} {'risk' if grid.total == 1 else 'risks'}")
    parts.append(f"Colours: {PALETTE_NAMES[mode]}")
    parts.append("each cell shows its score and band, the number of risks and their references")
    kind_line = " · ".join(parts)
    _text(painter, QRectF(area.left(), top, area.width(), small_px * 1.8), kind_line, small_px * 1.1, align_left)
    top += small_px * 2.6

    legend_h = small_px * 2.6
    axis_w = small_px * 2.4
    header_w = area.width() * 0.16
    header_h = small_px * 3.4
    bottom_title_h = small_px * 2.2
    cells_rect = QRectF(
        area.left() + axis_w + header_w, top + header_h,
        area.width() - axis_w - header_w,
        area.bottom() - legend_h - bottom_title_h - (top + header_h),
    )
    cell_w = cells_rect.width() / grid.column_count
    cell_h = cells_rect.height() / grid.row_count
    base = QFont(painter.font())
    border = QPen(QColor("#000000"), max(1.0, unit * 0.0012))
    for row in range(grid.row_count):
        for column in range(grid.column_count):
            cell_rect = QRectF(cells_rect.left() + column * cell_w, cells_rect.top() + row * cell_h, cell_w, cell_h)
            cell = grid.cell_at(row, column)
            paint_cell(painter, cell_rect, cell, band_colours(mode, grid.scheme, cell.band), base)
            painter.setPen(border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell_rect)
    wrap = Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
    for column in range(grid.column_count):
        header = QRectF(cells_rect.left() + column * cell_w, top, cell_w, header_h)
        _text(painter, header.adjusted(2, 2, -2, -2), grid.column_level(column).caption, small_px * 1.05, wrap, True)
    for row in range(grid.row_count):
        header = QRectF(area.left() + axis_w, cells_rect.top() + row * cell_h, header_w, cell_h)
        _text(painter, header.adjusted(2, 2, -small_px, -2), grid.row_level(row).caption, small_px * 1.05,
              Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value), True)
    # Axis titles: the vertical one turned to read upwards.
    painter.save()
    painter.translate(area.left() + axis_w / 2, cells_rect.center().y())
    painter.rotate(-90)
    _text(painter, QRectF(-cells_rect.height() / 2, -axis_w / 2, cells_rect.height(), axis_w),
          f"{grid.vertical_title.upper()} →", small_px * 1.2, center, True)
    painter.restore()
    _text(painter, QRectF(cells_rect.left(), cells_rect.bottom(), cells_rect.width(), bottom_title_h),
          f"{grid.horizontal_title.upper()} →", small_px * 1.2, center, True)
    paint_legend(painter, QRectF(area.left(), area.bottom() - legend_h, area.width(), legend_h), grid, mode,
                 small_px)
    painter.restore()


def legend_text(grid: Grid, band_name: str) -> str:
    """The legend entry of a band: name, range and count."""
    band = grid.scheme.band_named(band_name)
    count = grid.count_in_band(band_name)
    noun = "risk" if count == 1 else "risks"
    return f"{band.name} {band.low}–{band.high}: {count} {noun}"


def legend_short_text(grid: Grid, band_name: str) -> str:
    """The legend entry of a band when room is short: name and count, no range."""
    return f"{grid.scheme.band_named(band_name).name}: {grid.count_in_band(band_name)}"


def header_parts(caption: str) -> tuple[str, str]:
    """A level caption split into its label and its number: ("Insignificant", "(1)")."""
    label, space, number = caption.rpartition(" ")
    if space and number.startswith("(") and number.endswith(")") and label:
        return label, number
    return caption, ""


def header_lines(caption: str, metrics: QFontMetricsF, width: float, max_lines: int = 2) -> list[str]:
    """The lines a header draws in width: the caption whole, else the label (wrapped by words
    when there is room for more lines) then the number; a label too long is elided at its end."""
    if metrics.horizontalAdvance(caption) <= width or max_lines <= 1:
        return [metrics.elidedText(caption, Qt.TextElideMode.ElideRight, width)]
    label, number = header_parts(caption)
    label_lines = max_lines - 1 if number else max_lines
    lines: list[str] = []
    for word in label.split(" "):
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > label_lines:
        lines = [*lines[:label_lines - 1], " ".join(lines[label_lines - 1:])]
    lines = [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
    return [*lines, number] if number else lines


def paint_legend(painter: QPainter, rect: QRectF, grid: Grid, mode: PaletteMode, pixels: float) -> None:
    """The bands in a row: swatch, name, range and count; then the colour mode."""
    x = rect.left()
    swatch = rect.height() * 0.6
    font = _font(painter.font(), pixels * 1.05)
    metrics = QFontMetricsF(font)
    for band in sorted(grid.scheme.bands, key=lambda b: b.low):
        colours = band_colours(mode, grid.scheme, band)
        box = QRectF(x, rect.center().y() - swatch / 2, swatch * 1.4, swatch)
        painter.fillRect(box, colours.fill)
        if colours.pattern != Qt.BrushStyle.NoBrush:
                painter.fillRect(box, QBrush(QColor("#b0b0b0"), colours.pattern))
        painter.setPen(QPen(QColor("#000000"), max(1.0, pixels * 0.08)))
        painter.drawRect(box)
        text = legend_text(grid, band.name)
        x = box.right() + pixels * 0.6
        width = metrics.horizontalAdvance(text) + pixels
        _text(painter, QRectF(x, rect.top(), width, rect.height()), text, pixels * 1.05, Qt.AlignmentFlag.AlignLeft)
        x += width + pixels * 1.5


MARKER_KEYS = ("I", "R", "T")


def marker_radius(cell_rect: QRectF) -> float:
    """The radius of a path marker in a cell of this size."""
    return max(6.5, min(8.5, min(cell_rect.width(), cell_rect.height()) * 0.14))


def marker_rects(cell_rect: QRectF, keys: list[str]) -> dict[str, QRectF]:
    """Where the path markers of one cell sit: a row in its bottom-right corner, I, R, T
    left to right, each clear of the others (and of the references, see marker_zone)."""
    radius = marker_radius(cell_rect)
    size = 2 * radius
    gap = 2.0
    ordered = [key for key in MARKER_KEYS if key in keys] or list(keys)
    inset = max(3.0, min(6.0, min(cell_rect.width(), cell_rect.height()) * 0.08))
    right = cell_rect.right() - inset
    top = cell_rect.bottom() - inset - size
    rects = {}
    for number, key in enumerate(reversed(ordered)):
        rects[key] = QRectF(right - size - number * (size + gap), top, size, size)
    return rects


TRAIL_DOT = -1  # a marker count meaning "only a dot of the past trail"


def trail_point(cell_rect: QRectF) -> QPointF:
    """Where the trail of past residual scores passes through a cell: where R would sit."""
    return marker_rects(cell_rect, ["R"])["R"].center()


def marker_zone(cell_rect: QRectF, count: int) -> QRectF | None:
    """The corner of a cell that count markers take (or a trail dot, TRAIL_DOT), which
    references keep clear of."""
    if count == TRAIL_DOT:
        centre = trail_point(cell_rect)
        return QRectF(centre.x() - 4.0, centre.y() - 4.0, 8.0, 8.0)
    if count <= 0:
        return None
    rects = list(marker_rects(cell_rect, list(MARKER_KEYS[:min(count, 3)])).values())
    zone = rects[0]
    for rect in rects[1:]:
        zone = zone.united(rect)
    return zone.adjusted(-1.0, -1.0, 1.0, 1.0)


def arrow_head(start: QPointF, end: QPointF, size: float) -> list[QPointF]:
    """The three corners of an arrow head at end, pointing away from start."""
    angle = atan2(end.y() - start.y(), end.x() - start.x())
    left = QPointF(end.x() - size * cos(angle - pi / 7), end.y() - size * sin(angle - pi / 7))
    right = QPointF(end.x() - size * cos(angle + pi / 7), end.y() - size * sin(angle + pi / 7))
    return [end, left, right]
