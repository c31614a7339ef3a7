"""Legibility: can every word of a laid-out edition be seen and read, and every picture print sharp?

Read from the layout, panel by panel (cover and back included), so each problem names the part
of the content it concerns and the stylesheet rule to change:

- text hidden under a shape painted over it (the cover's circle over a long title);
- text whose colour has too little contrast with what is behind it (WCAG 2.1 AA);
- text smaller than print allows;
- text closer to the trim or a fold than the safe margin;
- raster pictures below print resolution at the size they are placed.

What is behind or above a piece of text follows CSS's painting order, simplified to what
leaflets use: the page's background, then block backgrounds in document order, then text;
positioned elements above that, in document order, those with a positive z-index last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes

from ..compose.edition import Edition
from ..fold import MM_PER_PX
from ..limits import CONTRAST_LARGE, CONTRAST_NORMAL, MIN_TEXT_PT_ERROR, MIN_TEXT_PT_WARNING, PPI_ERROR, PPI_WARNING
from ..problems import Problem, Severity
from .cssorigin import Cascade, Origin
from .fit import PANEL_NAMES, where

PT_PER_PX = 0.75
# An ink (device-cmyk, 0..1) as the sRGB (0..1) it prints as on the edition's press (pdf/colour.py).
Light = Callable[[tuple[float, float, float, float]], tuple[float, float, float]]
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66  # 18 pt and 14 pt in CSS pixels
_SAMPLES_X, _SAMPLES_Y = 12, (0.3, 0.5, 0.7)  # where a line of text is probed: glyphs fill the middle of its box


@dataclass
class _Painter:
    """A box that paints a background: where, in what shape and colour, and when in the painting order."""

    box: object
    rect: tuple[float, float, float, float]  # border box: left, top, right, bottom (px)
    radii: tuple[float, float]  # horizontal and vertical corner radius (px), the same for every corner
    colour: tuple[float, float, float, float]  # sRGB 0..1 and alpha
    order: tuple

    def covers(self, x: float, y: float) -> bool:
        left, top, right, bottom = self.rect
        if not (left <= x <= right and top <= y <= bottom):
            return False
        rx, ry = self.radii
        if rx <= 0 or ry <= 0:
            return True
        # Inside a corner's square, the point must be inside the corner's ellipse.
        cx = left + rx if x < left + rx else right - rx if x > right - rx else x
        cy = top + ry if y < top + ry else bottom - ry if y > bottom - ry else y
        return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0


@dataclass
class _Text:
    box: object
    order: tuple
    source: str | None  # the template's data-src name, or None in the body
    section: int | None  # the body section it belongs to

    @property
    def text(self) -> str:
        return " ".join(self.box.text.split())


@dataclass
class _Panel:
    """What one laid-out page paints, in painting order."""

    name: str  # cover, back, or the fold's body panel
    page_box: object
    page_colour: tuple[float, float, float, float] | None
    painters: list[_Painter] = field(default_factory=list)
    texts: list[_Text] = field(default_factory=list)
    images: list[tuple[object, object, str | None]] = field(default_factory=list)  # (box, image, data-src)


@dataclass
class Legibility:
    """What the checks found, and which preflight checks they answered for which panel.

    Preflight finds small text, blurred pictures and text near the trim in the PDF too, but can
    only point at the PDF; where this module found the same kind of fault on the same panel,
    the build reports this module's finding, which names the content and the rule to change.
    """

    problems: list[Problem] = field(default_factory=list)
    covered: set[tuple[str, str]] = field(default_factory=set)  # (preflight check, panel name)

    def add(self, check: str | None, panel: str, problems: list[Problem]) -> None:
        self.problems += problems
        if check and problems:
            self.covered.add((check, panel))


def check(document, edition: Edition, panels: list[str | None], cascade: Cascade, light: Light | None = None) -> Legibility:
    """Every legibility problem of the laid-out pages whose panel is named (None: a page not to check).

    light: how the press prints a device-cmyk() colour, for its contrast (without one, the naive formula).
    """
    found = Legibility()
    contrasts: dict[tuple, tuple[float, Problem]] = {}  # one problem per rule and text colour: its worst background
    for page, name in zip(document.pages, panels, strict=True):
        if name is None or not cascade.knows(_root_element(page._page_box)):
            continue  # a body laid out for another edition (share.py): checked there
        panel = _read(page._page_box, name, light)
        found.add(None, name, _hidden(panel, edition, cascade))
        _contrast(panel, edition, cascade, contrasts, light)
        found.add("text size", name, _sizes(panel, edition, cascade))
        found.add("safe margin", name, _safe_margin(panel, edition))
        found.add("images", name, _resolution(panel, edition))
    found.problems = sorted(set(found.problems) | {problem for _, problem in contrasts.values()})
    return found


def _root_element(page_box):
    for child in page_box.children:
        if getattr(child, "element", None) is not None:
            return child.element
    return None


def _read(page_box, name: str, light: Light | None) -> _Panel:
    background = page_box.style["background_color"]
    panel = _Panel(name, page_box, _rgba(background, light) if background.alpha else None)
    counter = iter(range(1_000_000))

    def visit(box, stack: tuple, source: str | None, section: int | None) -> None:
        element = getattr(box, "element", None)
        if element is not None and not getattr(box, "element_tag", "").endswith(("::before", "::after", "::marker")):
            source = element.get("data-src") or source
            if element.get("data-section") is not None:
                section = int(element.get("data-section"))
        style = box.style
        if style["position"] in ("absolute", "relative", "fixed") and box is not page_box:
            z = style["z_index"]
            stack = (z if isinstance(z, int) else 0, next(counter))
        colour = style["background_color"]
        if colour.alpha and box is not page_box and not isinstance(box, boxes.TextBox):
            panel.painters.append(_Painter(box, _border_rect(box), _radii(box), _rgba(colour, light), (*stack, 0, next(counter))))
        if isinstance(box, boxes.TextBox) and box.text.strip():
            panel.texts.append(_Text(box, (*stack, 1, next(counter)), source, section))
        if isinstance(box, boxes.ReplacedBox):
            panel.images.append((box, box.replacement, source))
        background = getattr(box, "background", None)
        for layer in background.layers if background is not None else ():
            if layer.image is not None and box is not page_box:
                panel.images.append((box, layer, source))
        for child in getattr(box, "children", ()):
            visit(child, stack, source, section)

    visit(page_box, (0, -1), None, None)  # the root: in-flow content, below every positioned element
    return panel


def _border_rect(box) -> tuple[float, float, float, float]:
    x, y = box.border_box_x(), box.border_box_y()
    return x, y, x + box.border_width(), y + box.border_height()


def _radii(box) -> tuple[float, float]:
    horizontal, vertical = box.style["border_top_left_radius"]
    width, height = box.border_width(), box.border_height()

    def resolve(value, length):
        return value.value * length / 100 if value.unit == "%" else value.value

    return min(resolve(horizontal, width), width / 2), min(resolve(vertical, height), height / 2)


def _rgba(colour, light: Light | None = None) -> tuple[float, float, float, float]:
    """A CSS colour as sRGB components 0..1 and alpha; device-cmyk as the press prints it (light), else naively."""
    if colour.space == "device-cmyk":
        c, m, y, k = colour.coordinates
        if light is not None:
            return (*light((c, m, y, k)), colour.alpha)
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k), colour.alpha
    srgb = colour if colour.space == "srgb" else colour.to("srgb")
    r, g, b = (min(max(v, 0.0), 1.0) for v in srgb.coordinates)
    return r, g, b, colour.alpha


def _samples(box):
    x, y, width, height = box.position_x, box.position_y, box.width, box.height
    for fy in _SAMPLES_Y:
        for i in range(_SAMPLES_X):
            yield x + width * (i + 0.5) / _SAMPLES_X, y + height * fy


def _where(text: _Text, edition: Edition, panel: _Panel) -> tuple[str, int, str]:
    """(file, line, field) of the content a piece of text comes from."""
    return where(text.source, text.section, edition)


def _panel_name(panel: _Panel) -> str:
    return PANEL_NAMES.get(panel.name, f"the {panel.name} panel")


def _quoted(text: str, length: int = 30) -> str:
    return f"'{text if len(text) <= length else text[: length - 1] + '…'}'"


def _hidden(panel: _Panel, edition: Edition, cascade: Cascade) -> list[Problem]:
    """Text painted over by a shape: a fit error naming the field, how much of it and the shape's rule."""
    lines: dict[tuple, int] = {}
    hidden: dict[tuple, tuple[_Painter, list[_Text]]] = {}
    for text in panel.texts:
        where_from = _where(text, edition, panel)
        lines[where_from] = lines.get(where_from, 0) + 1
        above = [p for p in panel.painters if p.order > text.order]
        covering = next((p for p in above if any(p.covers(x, y) for x, y in _samples(text.box))), None)
        if covering is not None:
            hidden.setdefault(where_from, (covering, []))[1].append(text)
    problems = []
    for where_from, (covering, texts) in hidden.items():
        words = " ".join(t.text for t in texts)
        shape = _background_origin(panel, covering, cascade, follow_var=False)
        named = f"{shape.selector} ({shape.sheet}:{shape.line})" if shape else "the shape in the stylesheet"
        problems.append(
            Problem(
                *where_from,
                f"{_quoted(words)} is hidden under a shape on {_panel_name(panel)} "
                f"({len(texts)} of its {lines[where_from]} {'line' if lines[where_from] == 1 else 'lines'})",
                f"shorten the text, or move or shrink {named}",
            )
        )
    return problems


def _luminance(colour) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (a foreground with alpha is blended first)."""
    alpha = foreground[3]
    blended = tuple(f * alpha + b * (1 - alpha) for f, b in zip(foreground[:3], background[:3], strict=True))
    lighter, darker = sorted((_luminance(blended), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _hex(colour) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in colour[:3])


def _shown(css_colour, rgba) -> str:
    """A colour as a message names it: its sRGB hex, and for an ink the ink as written too."""
    if css_colour is not None and css_colour.space == "device-cmyk":
        inks = " ".join(f"{v:g}" for v in css_colour.coordinates)
        return f"device-cmyk({inks}), printing as {_hex(rgba)}"
    return _hex(rgba)


def _behind(panel: _Panel, text: _Text, x: float, y: float) -> _Painter | None:
    """The last shape painted below the text at a point (None: the page's own background)."""
    below = [p for p in panel.painters if p.order < text.order and p.colour[3] > 0 and p.covers(x, y)]
    return max(below, key=lambda p: p.order) if below else None


def _contrast(
    panel: _Panel, edition: Edition, cascade: Cascade, found: dict[tuple, tuple[float, Problem]], light: Light | None
) -> None:
    """Text against what is painted behind it, WCAG 2.1 AA: one problem per rule and colour pair.

    The problem is located where the designer changes it (the later of the two colours'
    declarations, var() followed) and names the rule whose text it is, so it reads the same in
    every edition that shows it.
    """
    for text in panel.texts:
        style = text.box.style
        colour = _rgba(style["color"], light)
        large = style["font_size"] >= LARGE_PX or (style["font_size"] >= LARGE_BOLD_PX and style["font_weight"] >= 700)
        needed = CONTRAST_LARGE if large else CONTRAST_NORMAL
        for painter in {id(p): p for p in (_behind(panel, text, x, y) for x, y in _samples(text.box))}.values():
            background = painter.colour if painter is not None else panel.page_colour or (1.0, 1.0, 1.0, 1.0)
            ratio = contrast(colour, background)
            if ratio >= needed - 0.005:
                continue
            fore, back = _text_origin(text, cascade), _background_origin(panel, painter, cascade)
            origin = _later(fore, back)
            where_from = (origin.sheet, origin.line, origin.prop) if origin else _where(text, edition, panel)
            rule = _text_origin(text, cascade, follow_var=False)
            whose = f"'{rule.selector}' text" if rule else "text"
            behind = _background_origin(panel, painter, cascade, follow_var=False)
            css_background = (painter.box if painter is not None else panel.page_box).style["background_color"]
            shown = _shown(css_background if css_background.alpha else None, background)
            on = f"{shown} ({behind.selector})" if behind else shown
            key = (where_from, whose, _hex(colour))  # the worst background of a text colour speaks for all
            if key in found and found[key][0] <= ratio:
                continue
            found[key] = (
                ratio,
                Problem(
                    *where_from,
                    f"{whose} ({_shown(style['color'], colour)}) on {on} has a contrast of {ratio:.1f}:1, below the {needed:g}:1 "
                    f"WCAG 2.1 AA asks for {'large text' if large else 'text'}",
                    "choose a darker or lighter colour for the text or what is behind it",
                ),
            )


def _pseudo(box) -> str | None:
    tag = getattr(box, "element_tag", "")
    return tag.split("::", 1)[1] if "::" in tag else None


def _text_origin(text: _Text, cascade: Cascade, follow_var: bool = True) -> Origin | None:
    if text.box.element is None:
        return None
    return cascade.origin(text.box.element, "color", _pseudo(text.box), follow_var)


def _background_origin(panel: _Panel, painter: _Painter | None, cascade: Cascade, follow_var: bool = True) -> Origin | None:
    if painter is None:
        origin = cascade.page_origin(panel.page_box.page_type.name or "", "background-color")
        if origin is None or not follow_var:
            return origin
        return cascade.page_through_var(origin, _root_element(panel.page_box))
    return cascade.origin(painter.box.element, "background-color", _pseudo(painter.box), follow_var)


def _later(*origins: Origin | None) -> Origin | None:
    """Of two declarations, the one a designer changed last: in the later stylesheet (a team's), then further down."""
    present = [o for o in origins if o is not None]
    return max(present, key=lambda o: (o.sheet.startswith("styles/teams/"), o.sheet, o.line)) if present else None


def _sizes(panel: _Panel, edition: Edition, cascade: Cascade) -> list[Problem]:
    """Text below the smallest size print allows: one problem per rule that sets it, with an example."""
    smallest: dict[tuple, tuple[float, _Text]] = {}
    for text in panel.texts:
        points = text.box.style["font_size"] * PT_PER_PX
        if points >= MIN_TEXT_PT_WARNING - 0.05:
            continue
        origin = cascade.origin(text.box.element, "font-size", _pseudo(text.box))
        where = (origin.sheet, origin.line, origin.prop) if origin else _where(text, edition, panel)
        if where not in smallest or points < smallest[where][0]:
            smallest[where] = (points, text)
    problems = []
    for where, (points, text) in smallest.items():
        error = points < MIN_TEXT_PT_ERROR - 0.05
        limit = MIN_TEXT_PT_ERROR if error else MIN_TEXT_PT_WARNING
        problems.append(
            Problem(
                *where,
                f"text of {points:.1f} pt on {_panel_name(panel)} ({_quoted(text.text)}); "
                f"below {limit:g} pt print is {'unreadable' if error else 'hard to read, for patients all the more'}",
                f"make it at least {MIN_TEXT_PT_WARNING:g} pt",
                Severity.ERROR if error else Severity.WARNING,
            )
        )
    return problems


def _safe_margin(panel: _Panel, edition: Edition) -> list[Problem]:
    """Text closer to the trim or a fold than the safe margin the print shop asks: the cut or the fold may touch it."""
    page = panel.page_box
    safe = edition.shop.safe_margin
    margin = safe / MM_PER_PX
    width, height = page.margin_width(), page.margin_height()  # the panel's trim: its page box without bleed
    problems = {}
    for text in panel.texts:
        box = text.box
        if not box.text.strip():
            continue
        gaps = {
            "left": box.position_x,
            "top": box.position_y,
            "right": width - (box.position_x + box.width),
            "bottom": height - (box.position_y + box.height),
        }
        edge, gap = min(gaps.items(), key=lambda item: item[1])
        if gap >= margin - 0.2:
            continue
        where = _where(text, edition, panel)
        if where in problems:
            continue
        how = f"{gap * MM_PER_PX:.1f} mm from" if gap >= 0 else f"{-gap * MM_PER_PX:.1f} mm beyond"
        problems[where] = Problem(
            *where,
            f"{_quoted(text.text)} is {how} the {edge} edge of {_panel_name(panel)}; keep text "
            f"{safe:g} mm clear of the trim and the folds, or the cut or the fold may touch it",
            "shorten the text, or give the panel wider margins in the stylesheet",
        )
    return list(problems.values())


def _resolution(panel: _Panel, edition: Edition) -> list[Problem]:
    """Raster pictures at the size they are placed: 300 ppi for print, never below 150."""
    problems = []
    for box, image, source in panel.images:
        picture = getattr(image, "image", image)  # a background layer holds its image
        pixels = getattr(picture, "width", None), getattr(picture, "height", None)
        if not all(isinstance(v, int) for v in pixels):
            continue  # vector (SVG): sharp at any size
        if hasattr(image, "size") and image is not picture:
            placed_w, placed_h = image.size
        else:
            placed_w, placed_h = box.width, box.height
        if min(placed_w, placed_h) <= 0:
            continue
        ppi = min(pixels[0] / (placed_w / 96), pixels[1] / (placed_h / 96))
        if ppi >= PPI_WARNING - 0.5:
            continue
        file, line, field_path = where(source, None, edition)
        error = ppi < PPI_ERROR
        needed = PPI_WARNING * placed_w / 96
        problems.append(
            Problem(
                file,
                line,
                field_path,
                f"the picture prints at {ppi:.0f} ppi ({pixels[0]} x {pixels[1]} px placed at {placed_w * MM_PER_PX:.0f} x "
                f"{placed_h * MM_PER_PX:.0f} mm on {_panel_name(panel)}); print needs {PPI_WARNING} ppi"
                + (f", below {PPI_ERROR} it looks blurred" if error else ""),
                f"use a picture at least {needed:.0f} px wide, or an SVG",
                Severity.ERROR if error else Severity.WARNING,
            )
        )
    return problems
