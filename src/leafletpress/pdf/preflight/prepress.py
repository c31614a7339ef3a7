"""Preflight's checks on what is painted, after the Ghent Workgroup's sheet-fed CMYK specification (GWG 2015).

Every sheet side is read through every form and pattern (paint.py): total ink, small black or
grey text built from more than black ink, lines too thin to print, colour that touches the
trim without running into the bleed, RGB or Lab where PDF/X-1a allows none, and pictures
with an alpha channel; and outside the bleed, the marks the print shop asked for and nothing else
(marks.py). Each finding names the panel and the position in mm from the trim's lower-left
corner, and says what to change. The registration colour (/Separation /All), in which the crop
and fold marks are drawn outside the bleed, is exempt from the ink checks by design.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import ImageCms

from ...fold import MM_PER_PT, Fold
from ...fold.sheet import PrintShop
from .. import paint
from ..colour import Press, is_black_or_grey, press
from .findings import MAX_INK, MIN_LINE_PT, RICH_BLACK_TEXT_PT, FileReport, side_of
from .marks import check_marks
from .pdfread import PdfResources, image_ink

BLEED_TOUCH_MM = 0.5  # colour ending this close to the trim (or beyond it) touches it
TOLERANCE_MM = 0.1
INK_CRUMB = 0.01  # less of an ink than 1 % prints no dots

Add = Callable[[str, str, str, int, str], None]  # check, severity, message, page, where


@dataclass(frozen=True)
class Sheet:
    """One sheet side: its number, fold side and boxes, to locate what is painted on it."""

    number: int
    side: str
    fold: Fold
    trim: paint.Box
    bleed: paint.Box
    shop: PrintShop = PrintShop()

    def place(self, box: paint.Box, x_pt: float | None = None, y_pt: float | None = None) -> str:
        """Where something is: the panel its middle is on, and a point of it (its lower-left corner unless given)."""
        x = ((box[0] if x_pt is None else x_pt) - self.trim[0]) * MM_PER_PT
        y = ((box[1] if y_pt is None else y_pt) - self.trim[1]) * MM_PER_PT
        return f"{self.panel(box)} at x {x:.1f} mm, y {y:.1f} mm".strip()

    def panel(self, box: paint.Box) -> str:
        return panel_at(self.fold, self.side, ((box[0] + box[2]) / 2 - self.trim[0]) * MM_PER_PT) if self.side else ""

    def outside(self, box: paint.Box) -> bool:
        """Entirely beyond the bleed: in the slug, where the marks are."""
        b = self.bleed
        return box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3]


def panel_at(fold: Fold, side: str, x_mm: float) -> str:
    for panel in fold.panels_on(side):
        if panel.x - 0.01 <= x_mm < panel.x + panel.width + 0.01:
            return panel.name
    return "outside the trim"


def check_painted(add: Add, content: bytes, resources, sheet: Sheet, standard: str, profile: Callable[[], bytes | None]) -> None:
    """Every painted-object check on one sheet side (content and resources as pypdf gives them).

    profile gives the output intent's profile, read only if a colour must be judged black or grey.
    """
    painted = paint.paints(content, PdfResources(resources))
    check_marks(add, painted, sheet, sheet.shop)
    drawn = [p for p in painted if not sheet.outside(p.box)]
    _check_ink(add, drawn, sheet)
    _check_rich_black(add, drawn, sheet, lambda: _press(profile()))
    _check_hairlines(add, drawn, sheet)
    _check_bleed(add, drawn, sheet)
    if standard.startswith("PDF/X-1"):
        _check_colour_spaces(add, drawn, sheet)
    _check_alpha(add, drawn, sheet, "error" if standard.startswith("PDF/X-1") else "warning")


def _press(profile: bytes | None) -> Press | None:
    if not profile:
        return None
    try:
        return press(profile)
    except (OSError, ValueError, ImageCms.PyCMSError):
        return None  # not a profile LittleCMS can read: black is then judged from the inks alone


def _first_per_panel(items: list[tuple[paint.Paint, object]], sheet: Sheet) -> dict[str, list]:
    panels: dict[str, list] = {}
    for item in items:
        panels.setdefault(sheet.panel(item[0].box), []).append(item)
    return panels


def _check_ink(add: Add, drawn: list[paint.Paint], sheet: Sheet) -> None:
    """Total area coverage of every colour and every CMYK picture's darkest pixel: at most MAX_INK."""
    over = []
    for item in drawn:
        if item.kind == "image":
            total = image_ink(item.image)
        else:
            ink = item.colour.ink if item.colour is not None else None
            total = ink * 100 if ink is not None and item.colour.space == "cmyk" else None
        if total is not None and total > MAX_INK + 0.5:
            over.append((item, total))
    for items in _first_per_panel(over, sheet).values():
        item, total = max(items, key=lambda pair: pair[1])
        what = "a picture whose darkest pixel carries" if item.kind == "image" else f"{_what(item)} in {_inks(item.colour)},"
        add(
            "ink",
            "error",
            f"{what} {total:.0f}% total ink; the press takes at most {MAX_INK}% before ink sets off and smears: "
            "use less ink (black text: black alone; dark areas: at most 300% together)"
            + (", or convert the picture with the print profile" if item.kind == "image" else ""),
            sheet.number,
            sheet.place(item.box),
        )


def _check_rich_black(add: Add, drawn: list[paint.Paint], sheet: Sheet, judge_of: Callable[[], Press | None]) -> None:
    """Black or grey text under RICH_BLACK_TEXT_PT built from more than black ink blurs when the plates are off."""
    rich = []
    judges: list[Press | None] = []
    for item in drawn:
        colour = item.colour
        if item.kind != "text" or item.width >= RICH_BLACK_TEXT_PT - 0.05 or colour is None or colour.space != "cmyk":
            continue
        c, m, y, k = colour.values
        if max(c, m, y) < INK_CRUMB:
            continue
        if not judges:
            judges.append(judge_of())
        judge = judges[0]
        neutral = is_black_or_grey(judge.lab_of_ink(colour.values)) if judge is not None else k > 0 and k >= max(c, m, y)
        if neutral:
            rich.append((item, None))
    for items in _first_per_panel(rich, sheet).values():
        item = items[0][0]
        more = f" (and {len(items) - 1} more runs)" if len(items) > 1 else ""
        add(
            "rich black",
            "error",
            f"{item.width:.1f} pt text in {_inks(item.colour)}: black or grey type under {RICH_BLACK_TEXT_PT} pt "
            f"in more inks than black blurs when the plates are a hair apart{more}; "
            "print it in black ink alone (C = M = Y = 0), e.g. color: device-cmyk(0 0 0 1)",
            sheet.number,
            sheet.place(item.box),
        )


def _check_hairlines(add: Add, drawn: list[paint.Paint], sheet: Sheet) -> None:
    """Strokes and filled rules thinner than MIN_LINE_PT, measured on the page through every matrix."""
    thin = []
    for item in drawn:
        if item.colour is None or item.colour.space == "registration":
            continue
        ink = item.colour.ink
        if item.kind == "stroke" and item.width < MIN_LINE_PT - 0.005:
            thin.append((item, item.width))
        elif item.kind == "fill" and 0.001 < item.width < MIN_LINE_PT - 0.005 and (ink is None or ink > 0):
            thin.append((item, item.width))
    for items in _first_per_panel(thin, sheet).values():
        item, width = min(items, key=lambda pair: pair[1])
        more = f" ({len(items)} lines)" if len(items) > 1 else ""
        add(
            "hairlines",
            "error",
            f"a line {width:.2f} pt ({width * MM_PER_PT:.2f} mm) thin{more}; lines under {MIN_LINE_PT} pt "
            f"({MIN_LINE_PT * MM_PER_PT:.2f} mm) break up or vanish on the plate: make it at least {MIN_LINE_PT} pt",
            sheet.number,
            sheet.place(item.box),
        )


def _check_bleed(add: Add, drawn: list[paint.Paint], sheet: Sheet) -> None:
    """Colour that touches the trim must run the full bleed beyond it, or a white edge shows where the cut wanders."""
    trim, bleed = sheet.trim, sheet.bleed
    pt = 1 / MM_PER_PT
    touch, tolerance = BLEED_TOUCH_MM * pt, TOLERANCE_MM * pt
    short: dict[tuple[str, str], tuple[paint.Paint, float]] = {}
    for item in drawn:
        if item.kind not in ("fill", "image", "shading"):
            continue
        if item.kind != "image" and not _inked(item.colour):
            continue
        x0, y0, x1, y1 = item.box
        across = x1 > trim[0] + touch and x0 < trim[2] - touch
        upright = y1 > trim[1] + touch and y0 < trim[3] - touch
        edges = []
        if upright and x0 <= trim[0] + touch and x0 > bleed[0] + tolerance:
            edges.append(("left", trim[0] - x0))
        if upright and x1 >= trim[2] - touch and x1 < bleed[2] - tolerance:
            edges.append(("right", x1 - trim[2]))
        if across and y0 <= trim[1] + touch and y0 > bleed[1] + tolerance:
            edges.append(("bottom", trim[1] - y0))
        if across and y1 >= trim[3] - touch and y1 < bleed[3] - tolerance:
            edges.append(("top", y1 - trim[3]))
        for edge, beyond in edges:
            key = (sheet.panel(item.box), edge)
            if key not in short or beyond < short[key][1]:
                short[key] = (item, beyond)
    need = (trim[0] - bleed[0]) * MM_PER_PT
    for (_panel, edge), (item, beyond) in sorted(short.items()):
        x0, y0, x1, y1 = item.box
        at = {
            "left": (x0, (y0 + y1) / 2),
            "right": (x1, (y0 + y1) / 2),
            "bottom": ((x0 + x1) / 2, y0),
            "top": ((x0 + x1) / 2, y1),
        }
        how = f"{beyond * MM_PER_PT:.1f} mm beyond the trim" if beyond > tolerance else "at the trim"
        add(
            "bleed",
            "error",
            f"{'a picture' if item.kind == 'image' else 'a background'} stops {how} on the {edge}; colour that touches "
            f"the trim must run {need:g} mm beyond it into the bleed, or a white edge shows where the cut wanders: "
            "extend it (a @page background does by itself)",
            sheet.number,
            sheet.place(item.box, *at[edge]),
        )


def _check_colour_spaces(add: Add, drawn: list[paint.Paint], sheet: Sheet) -> None:
    """PDF/X-1a: CMYK, grey and spot colours only; RGB (device or ICC) and Lab colours, pictures and gradients are refused."""
    found = []
    for item in drawn:
        space = item.image.space if item.kind == "image" else item.colour.space if item.colour is not None else ""
        if space in ("rgb", "lab"):
            found.append((item, f"{'RGB' if space == 'rgb' else 'Lab'} {_noun(item)}"))
    for items in _first_per_panel(found, sheet).values():
        counts: dict[str, int] = {}
        for _item, what in items:
            counts[what] = counts.get(what, 0) + 1
        listed = ", ".join(f"{n} {what}{'s' if n > 1 else ''}" for what, n in counts.items())
        first = items[0][0]
        add(
            "colour",
            "error",
            f"{listed}; PDF/X-1a allows CMYK and grey only: give colours as device-cmyk() "
            "and images in CMYK or grey, or use pdf/x-4",
            sheet.number,
            sheet.place(first.box),
        )


def _check_alpha(add: Add, drawn: list[paint.Paint], sheet: Sheet, severity: str) -> None:
    """A picture with an alpha channel makes the RIP flatten it with everything under it."""
    seen = set()
    for item in drawn:
        if item.kind == "image" and item.image.alpha and item.image.key not in seen:
            seen.add(item.image.key)
            add(
                "alpha",
                severity,
                f"a picture ({item.image.width} x {item.image.height} px) with an alpha channel (transparency): "
                "the RIP must flatten it with what is under it; give it without alpha, flattened onto its "
                "background colour, or as SVG",
                sheet.number,
                sheet.place(item.box),
            )


def _inked(colour: paint.Colour | None) -> bool:
    """Whether a colour puts anything on the paper (white, no ink and registration do not, for the art)."""
    if colour is None or colour.space == "registration":
        return False
    if colour.space in ("cmyk", "gray", "spot"):
        return (colour.ink or 0) > 0
    if colour.space == "rgb":
        return colour.values != (1.0, 1.0, 1.0)
    if colour.space == "lab":
        return colour.values[:1] != (100.0,)
    return True


def _what(item: paint.Paint) -> str:
    return {"text": f"{item.width:.1f} pt text", "stroke": "a line", "fill": "an area", "shading": "a gradient"}.get(
        item.kind, "a colour"
    )


def _noun(item: paint.Paint) -> str:
    return {"image": "picture", "shading": "gradient", "text": "text run"}.get(item.kind, "colour")


def _inks(colour: paint.Colour) -> str:
    if colour.space == "cmyk":
        return " ".join(f"{ink}{round(v * 100)}" for ink, v in zip("CMYK", colour.values, strict=True))
    return colour.space


def check_page(report: FileReport, page, number: int, fold: Fold, shop: PrintShop, profile) -> None:
    """Inks, lines, bleed, colour spaces and alpha of everything painted on a sheet side."""
    contents = page.get_contents()
    if contents is None:
        return
    trim = page.trimbox if "/TrimBox" in page else page.mediabox
    bleed = page.bleedbox if "/BleedBox" in page else trim
    box = lambda r: (float(r.left), float(r.bottom), float(r.right), float(r.top))  # noqa: E731
    sheet = Sheet(number, side_of(fold, number), fold, box(trim), box(bleed), shop)
    check_painted(report.add, contents.get_data(), page.get("/Resources"), sheet, report.standard, profile)
