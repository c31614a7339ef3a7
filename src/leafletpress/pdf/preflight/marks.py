"""Preflight's marks check: what is drawn outside the bleed is exactly the marks the print shop asked for.

With marks: none nothing may be drawn beyond the bleed (online printers add their own marks,
and print what they find). With crop, a crop mark on each trim edge at each corner; with
crop+fold also a fold mark above and below each fold line the fold data gives for that side.
Every mark starts the asked offset from the trim and stays out of the bleed.
"""

from __future__ import annotations

from collections.abc import Callable

from ...fold import MM_PER_PT, Fold
from ...fold.sheet import MARK_LENGTH_MM, PrintShop
from .. import paint

TOLERANCE_MM = 0.1
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in mm from the trim's lower-left corner


def expected(fold: Fold, side: str, shop: PrintShop) -> dict[Segment, str]:
    """Every mark the shop asks for on a side, as a line in mm from the trim's lower-left corner, and its name."""
    if not shop.marks.crop:
        return {}
    width, height = fold.sheet_width, fold.sheet_height
    near, far = shop.mark_offset, shop.mark_offset + MARK_LENGTH_MM
    marks: dict[Segment, str] = {}
    for x, name, sign in ((0.0, "left", -1), (width, "right", 1)):
        for y, level in ((0.0, "bottom"), (height, "top")):
            marks[_line(x + sign * near, y, x + sign * far, y)] = f"the crop mark beside the {level} {name} corner"
    for y, level, sign in ((0.0, "bottom", -1), (height, "top", 1)):
        for x, name in ((0.0, "left"), (width, "right")):
            where = "below" if sign < 0 else "above"
            marks[_line(x, y + sign * near, x, y + sign * far)] = f"the crop mark {where} the {level} {name} corner"
    for x in fold.folds_on(side) if shop.marks.fold else ():
        marks[_line(x, -near, x, -far)] = f"the fold mark below the fold at {x:g} mm"
        marks[_line(x, height + near, x, height + far)] = f"the fold mark above the fold at {x:g} mm"
    return marks


def _line(x0: float, y0: float, x1: float, y1: float) -> Segment:
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def check_marks(add: Callable, painted: list[paint.Paint], sheet, shop: PrintShop) -> None:
    """Findings for what is drawn outside the bleed that the shop did not ask for, and for asked marks that are missing."""
    pt = 1 / MM_PER_PT
    tolerance = TOLERANCE_MM * pt
    b = sheet.bleed
    beyond = [p for p in painted if min(p.box[0] - b[0], p.box[1] - b[1], b[2] - p.box[2], b[3] - p.box[3]) < -tolerance]
    wanted = expected(sheet.fold, sheet.side, shop) if sheet.side else {}
    found = {_segment(p, sheet.trim) for p in beyond if p.kind == "stroke"}
    for item in beyond:
        segment = _segment(item, sheet.trim) if item.kind == "stroke" else None
        if segment is None or not any(_same(segment, mark) for mark in wanted):
            x, y = (item.box[0] - sheet.trim[0]) * MM_PER_PT, (item.box[1] - sheet.trim[1]) * MM_PER_PT
            what = "a line" if item.kind == "stroke" else "something"
            if wanted:
                message = (
                    f"{what} outside the bleed is none of the marks the print shop asked for "
                    f"(marks: {shop.marks}, {shop.mark_offset:g} mm from the trim)"
                )
            else:
                message = f"{what} is drawn outside the bleed, and the print shop asked for no marks: nothing may be drawn there"
            add("marks", "error", message, sheet.number, f"at x {x:.1f} mm, y {y:.1f} mm")
            return  # one finding per side: the rest is the same fault
    for mark, name in wanted.items():
        if not any(segment is not None and _same(segment, mark) for segment in found):
            add(
                "marks",
                "error",
                f"{name} is missing: the print shop asked for marks: {shop.marks}, starting {shop.mark_offset:g} mm "
                "from the trim",
                sheet.number,
                f"at x {mark[0]:.1f} mm, y {mark[1]:.1f} mm",
            )
            return


def _segment(item: paint.Paint, trim) -> Segment | None:
    """A stroke's centre line in mm from the trim's lower-left corner (its box less half the line width)."""
    half = item.width / 2
    x0, y0, x1, y1 = item.box
    return tuple(v * MM_PER_PT for v in (x0 + half - trim[0], y0 + half - trim[1], x1 - half - trim[0], y1 - half - trim[1]))


def _same(a: Segment, b: Segment) -> bool:
    return all(abs(p - q) <= TOLERANCE_MM for p, q in zip(a, b, strict=True))
