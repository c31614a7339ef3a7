"""Fit stage: does every part of an edition land on the panel the fold gives it?

The body flows through the body panels by CSS pagination; the cover and the back each have
one panel. This stage reads where everything landed and turns "needs more panels" or "runs
out of its panel" into problems that name the section or field and say by how much.

How much is measured, not guessed: when something does not fit, the edition is laid out once
more with the overflowing panel made very tall (`tall_css`), and the height its content really
needs is compared with the height the panel has (`exact`). On the back panel that figure is
turned into how many therapists to leave out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes

from ..compose.edition import Edition
from ..fold import MM_PER_PX, Fold
from ..problems import Problem, shortened

TOLERANCE_PX = 0.5
TALL_MM = 5000  # a panel this tall holds whatever a leaflet could need
PANEL_NAMES = {"cover": "the cover", "back": "the back panel"}


@dataclass
class PageContent:
    """What landed on one laid-out page."""

    panel_role: str  # cover, back, body or filler
    sections: list[int] = field(default_factory=list)  # body section indices, in order
    used_px: float = 0.0  # height of the content area that is filled


@dataclass
class Fit:
    """Where the content landed and what does not fit."""

    pages: list[PageContent]
    body_panels_needed: int
    overflow_mm: float
    problems: list[Problem]
    overflowing: list[str] = field(default_factory=list)  # roles whose content needs more room: cover, back, body
    overflows: list[Problem] = field(default_factory=list)  # the problems that say so (among problems)

    @property
    def fits(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def panels(self, fold: Fold) -> list[str | None]:
        """The fold's panel name for each laid-out page (None for an empty filler), as legibility checks name them."""
        body = iter(panel.name for panel in fold.body)
        names: list[str | None] = []
        for page in self.pages:
            if page.panel_role in ("cover", "back"):
                # A second cover or back page is the overflow reported already, not a panel to read.
                names.append(None if page.panel_role in names else page.panel_role)
            elif page.panel_role == "filler":
                names.append(None)
            else:
                names.append(next(body, "extra body"))
        return names


def walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def measure(document, edition: Edition, fold: Fold) -> Fit:
    """Read the laid-out pages and check them against the fold (figures from this layout, see `exact`)."""
    pages = [_read_page(page._page_box) for page in document.pages]
    overflows: list[Problem] = []
    overflowing = []
    for role in ("cover", "back"):
        extra = [p for p in pages if p.panel_role == role][1:]
        if extra:
            overflowing.append(role)
            overflows.append(_single_overflow(role, edition, sum(p.used_px for p in extra) * MM_PER_PX))
    body_pages = [p for p in pages if p.panel_role == "body"]
    needed, available = len(body_pages), len(fold.body)
    overflow_mm = 0.0
    if needed > available:
        overflowing.append("body")
        overflow_mm = sum(p.used_px for p in body_pages[available:]) * MM_PER_PX
        overflows.append(_body_overflow(pages, edition, fold, needed, overflow_mm))
    problems = overflows + _check_edges(document, edition)
    if not body_pages and edition.sections:
        problems.append(_empty_body(edition))
    return Fit(pages, needed, overflow_mm, problems, overflowing, overflows)


def _empty_body(edition: Edition) -> Problem:
    """The body laid out on no panel though the condition has sections: a stylesheet hides them all."""
    first = edition.sections[0]
    return Problem(
        first.ref_file or first.file,
        first.ref_line or first.line,
        "sections",
        f"none of its {len(edition.sections)} sections is printed: the body's panels would be empty",
        "a stylesheet hides them (display: none on .section, main or the like): remove that rule",
    )


def tall_css(fold: Fold, roles: list[str]) -> str:
    """CSS that makes the panels of these roles very tall (the last body panel for the body), for `exact`."""
    numbers = {"cover": 1, "back": 2, "body": len(fold.layout_order)}  # layout order: cover, back, body panels
    rules = []
    for role in roles:
        panel = fold.layout_order[numbers[role] - 1]
        rules.append(f"@page :nth({numbers[role]}) {{ size: {panel.width}mm {TALL_MM}mm; }}")
    return "\n".join(rules)


def exact(fit: Fit, tall_document, document, edition: Edition, fold: Fold) -> Fit:
    """The fit's overflow problems again, with the millimetres the content really needs more (see module doc)."""
    pages = [_read_page(page._page_box) for page in tall_document.pages]
    short_pages = [page._page_box for page in document.pages]
    problems = [p for p in fit.problems if p not in fit.overflows]
    fit.overflows = []
    for role in fit.overflowing:
        index = next((i for i, p in enumerate(pages) if p.panel_role == role), None)
        if role == "body":
            body = [i for i, p in enumerate(pages) if p.panel_role == "body"]
            index = body[len(fold.body) - 1] if len(body) >= len(fold.body) else None
        if index is None:
            continue
        available = short_pages[index].height  # the content area the real panel has
        over_mm = max(pages[index].used_px - available, 0.0) * MM_PER_PX
        if role == "body":
            fit.overflow_mm = over_mm
            fit.overflows.append(_body_overflow(fit.pages, edition, fold, fit.body_panels_needed, over_mm))
        elif role == "back":
            fit.overflows.append(_back_overflow(edition, over_mm, _therapist_heights(tall_document.pages[index]._page_box)))
        else:
            fit.overflows.append(_single_overflow(role, edition, over_mm))
    fit.problems = fit.overflows + problems
    return fit


def _single_overflow(role: str, edition: Edition, mm: float) -> Problem:
    if role == "back":
        return _back_overflow(edition, mm, [])
    file, line, field_path = edition.source("title") or (edition.condition_file, 0, "")
    return Problem(
        file,
        line,
        field_path,
        f"the cover does not fit on one panel (about {max(1, round(mm))} mm too long)",
        "shorten the title or the subtitle",
    )


def _back_overflow(edition: Edition, mm: float, heights: list[float]) -> Problem:
    """The back panel's overflow, as how many therapists to leave out when that is what fills it."""
    file, line, field_path = edition.source("therapists") or (edition.back.file, 0, "")
    mm_rounded = max(1, math.ceil(mm))
    # The back text of the edition's language: a translation's edition prints project.<language>.yaml's.
    back_text = f"the back text under back: in {edition.back.file}" + (f":{edition.back.line}" if edition.back.line else "")
    hint = f"shorten {back_text}, or list fewer therapists"
    if heights:
        removed, freed = 0, 0.0
        for height in reversed(heights):  # the last ones listed go first
            if freed >= mm:
                break
            removed, freed = removed + 1, freed + height
        each = sum(heights) / len(heights)
        if freed >= mm and removed < len(heights):
            hint = (
                f"list at most {len(heights) - removed} of the {len(heights)} therapists here (each takes about "
                f"{each:.0f} mm), or shorten {back_text}"
            )
    return Problem(
        file,
        line,
        field_path,
        f"the back panel is {mm_rounded} mm too long for its panel",
        hint,
    )


def _therapist_heights(page_box) -> list[float]:
    """The height (mm) each therapist takes in the list on the back panel, margins included."""
    for box in walk(page_box):
        element = getattr(box, "element", None)
        if element is not None and element.get("data-src") == "therapists" and isinstance(box, boxes.BlockBox):
            items = [child for child in box.children if isinstance(child, boxes.BlockBox)]
            return [item.margin_height() * MM_PER_PX for item in items]
    return []


def _body_overflow(pages, edition: Edition, fold: Fold, needed: int, mm: float) -> Problem:
    available = len(fold.body)
    extra = [p for p in pages if p.panel_role == "body"][available:]
    first = next((index for p in extra for index in p.sections), len(edition.sections) - 1)
    section = edition.sections[first]
    # A shared section pushed off the end is not what grew: point at where this leaflet uses it.
    file, line = (section.ref_file, section.ref_line) if section.ref_file else (section.file, section.line)
    return Problem(
        file,
        line,
        "",
        f"'{section.heading}' does not fit: the text needs {needed} body panels, the {fold.label} has "
        f"{available} (about {max(1, math.ceil(mm))} mm too long)",
        "shorten the text, or remove a 'new_panel: true'",
    )


def _read_page(page_box) -> PageContent:
    top = page_box.content_box_y()
    content = PageContent("body")
    bottom = top
    for box in walk(page_box):
        element = getattr(box, "element", None)
        if element is not None:
            panel = element.get("data-panel")
            if panel:
                content.panel_role = panel
            index = element.get("data-section")
            if index is not None and int(index) not in content.sections:
                content.sections.append(int(index))
            if "panel-filler" in (element.get("class") or ""):
                content.panel_role = "filler"
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            bottom = max(bottom, box.position_y + box.margin_height())
    content.used_px = bottom - top
    return content


def where(source: str | None, section: int | None, edition: Edition) -> tuple[str, int, str]:
    """(file, line, field) of content: a part the template names (data-src), else its body section."""
    if source and edition.source(source):
        return edition.source(source)
    if section is not None and section < len(edition.sections):
        return edition.sections[section].file, edition.sections[section].line, ""
    return edition.condition_file, 0, ""


def _check_edges(document, edition: Edition) -> list[Problem]:
    """Text must not run past its panel's content area: that would be clipped or overlap a fold."""
    problems = []
    for page in document.pages:
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        found = _past_edge(page_box, (left + page_box.width, top + page_box.height), None, None, "the body")
        if found:
            source, section, panel, over, text = found
            file, line, field_path = where(source, section, edition)
            what = f"'{shortened(edition.sections[section].heading)}'" if section is not None and not source else panel
            problems.append(
                Problem(
                    file,
                    line,
                    field_path,
                    f"{what}: '{text[:30]}' runs {over * MM_PER_PX:.1f} mm past the edge of its panel",
                    "break up the long word or address, or make the image smaller",
                )
            )
    return problems


def _past_edge(box, edges: tuple[float, float], source, section, panel):
    """The first text or image that reaches past the right or bottom edge: (source, section, panel, px, text)."""
    element = getattr(box, "element", None)
    if element is not None and not getattr(box, "element_tag", "").endswith(("::before", "::after")):
        source = element.get("data-src") or source
        if element.get("data-section") is not None:
            section = int(element.get("data-section"))
        if element.get("data-panel"):
            panel = PANEL_NAMES.get(element.get("data-panel"), "the body")
    if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
        over = max(box.position_x + box.margin_width() - edges[0], box.position_y + box.margin_height() - edges[1])
        if over > TOLERANCE_PX:
            return source, section, panel, over, getattr(box, "text", "an image")
    for child in getattr(box, "children", ()):
        found = _past_edge(child, edges, source, section, panel)
        if found:
            return found
    return None
