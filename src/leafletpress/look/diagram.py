"""A fold drawn from its data: both sheet sides as an SVG, each panel with its place in the reading order.

Page 1 above page 2, each seen looking at it, panels to scale; the cover in the accent colour,
the back in its tint; fold lines as origami diagrams draw them, valley dashed and mountain
dot-dashed, as seen from that side. The README's pictures of the folds are these (`make docs`).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..fold import Fold

SCALE = 1.6  # px per mm
MARGIN, GAP, LABEL = 12, 30, 26  # px: around the drawing, between the sides, above each side
FILL = {"cover": "#0b6e69", "back": "#e3f1ef", "body": "#ffffff"}
INK = {"cover": "#ffffff", "back": "#1f2a30", "body": "#1f2a30"}
DASH = {"valley": "6 4", "mountain": "8 3 1.5 3"}


def _mm(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def fold_svg(fold: Fold) -> str:
    """The SVG of a fold's two sides: panels numbered in reading order, named, with their widths and fold lines."""
    width = fold.sheet_width * SCALE
    height = fold.sheet_height * SCALE * 0.5  # squat: the panels' order is the point, not their height
    total_w = width + 2 * MARGIN
    total_h = 2 * (LABEL + height) + GAP + 2 * MARGIN
    order = {panel.name: number for number, panel in enumerate(fold.panels, start=1)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w:.0f}" height="{total_h:.0f}" '
        f'viewBox="0 0 {total_w:.0f} {total_h:.0f}" font-family="Lato, Helvetica, Arial, sans-serif">',
        f"<title>{escape(fold.name)}: {escape(fold.label)}{' for right-to-left text' if fold.direction == 'rtl' else ''}, "
        "panels in reading order</title>",
        f'<rect width="{total_w:.0f}" height="{total_h:.0f}" fill="#ffffff"/>',
    ]
    for number, side in enumerate(fold.sides):
        top = MARGIN + number * (LABEL + height + GAP)
        parts.append(
            f'<text x="{MARGIN}" y="{top + 15}" font-size="13" fill="#1f2a30">page {number + 1}: the {escape(side)}'
            f" ({escape(fold.sheet_name)}, {_mm(fold.sheet_width)} x {_mm(fold.sheet_height)} mm)</text>"
        )
        parts += _side(fold, side, top + LABEL, height, order)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _side(fold: Fold, side: str, top: float, height: float, order: dict[str, int]) -> list[str]:
    parts = []
    for panel in fold.panels_on(side):
        x, w = MARGIN + panel.x * SCALE, panel.width * SCALE
        middle = x + w / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{w:.1f}" height="{height:.1f}" fill="{FILL[panel.role]}" '
            'stroke="#1f2a30" stroke-width="1"/>'
        )
        ink = INK[panel.role]
        parts.append(
            f'<text x="{middle:.1f}" y="{top + height / 2 - 4:.1f}" font-size="24" font-weight="bold" '
            f'text-anchor="middle" fill="{ink}">{order[panel.name]}</text>'
        )
        parts.append(
            f'<text x="{middle:.1f}" y="{top + height / 2 + 16:.1f}" font-size="11" text-anchor="middle" '
            f'fill="{ink}">{escape(panel.name)}</text>'
        )
        parts.append(
            f'<text x="{middle:.1f}" y="{top + height / 2 + 30:.1f}" font-size="10" text-anchor="middle" '
            f'fill="{ink}">{_mm(panel.width)} mm</text>'
        )
    for line in fold.fold_lines(side):
        x = MARGIN + line.x * SCALE
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 3:.1f}" x2="{x:.1f}" y2="{top + height + 3:.1f}" stroke="#f08a24" '
            f'stroke-width="2" stroke-dasharray="{DASH[line.direction]}"><title>{line.direction} fold, '
            f"folded {line.order}</title></line>"
        )
    return parts
