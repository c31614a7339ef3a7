"""Fit stage: does every part of an edition land on the panel the fold gives it?

The body flows through the body panels by CSS pagination; this stage reads where each
section landed and turns "needs more panels" or "runs out of its panel" into problems
that name the section and say by how much.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from weasyprint.formatting_structure import boxes

from .compose import Edition
from .fold import MM_PER_PX, Fold
from .problems import Problem

TOLERANCE_PX = 0.5


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

    @property
    def fits(self) -> bool:
        return not any(p.is_error for p in self.problems)


def measure(document, edition: Edition, fold: Fold) -> Fit:
    """Read the laid-out pages and check them against the fold."""
    pages = [_read_page(page._page_box) for page in document.pages]
    problems: list[Problem] = []
    problems += _check_single(pages, "cover", edition, edition.condition_file, "the cover")
    problems += _check_single(pages, "back", edition, edition.back.file, "the back panel")
    body_pages = [p for p in pages if p.panel_role == "body"]
    needed = len(body_pages)
    available = len(fold.body)
    overflow_mm = 0.0
    if needed > available:
        extra = body_pages[available:]
        overflow_mm = sum(p.used_px for p in extra) * MM_PER_PX
        first = next((index for p in extra for index in p.sections), len(edition.sections) - 1)
        section = edition.sections[first]
        problems.append(
            Problem(
                section.file,
                section.line,
                "",
                f"'{section.heading}' does not fit: the text needs {needed} body panels, the {fold.name.split('-')[-1]} has "
                f"{available} (about {max(1, round(overflow_mm))} mm too long)",
                "shorten the text, or remove a 'new_panel: true'",
            )
        )
    problems += _check_edges(document, edition, fold)
    return Fit(pages, needed, overflow_mm, problems)


def _check_single(pages, role, edition, file, what) -> list[Problem]:
    count = sum(1 for p in pages if p.panel_role == role)
    if count <= 1:
        return []
    extra = [p for p in pages if p.panel_role == role][1:]
    mm = sum(p.used_px for p in extra) * MM_PER_PX
    return [
        Problem(
            file,
            0,
            "",
            f"{what} of {edition.slug} does not fit on one panel (about {max(1, round(mm))} mm too long)",
            "shorten its text" + (" or the list of therapists" if role == "back" else ""),
        )
    ]


def _read_page(page_box) -> PageContent:
    top = page_box.content_box_y()
    content = PageContent("body")
    bottom = top
    for box in _walk(page_box):
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


def _walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _check_edges(document, edition: Edition, fold: Fold) -> list[Problem]:
    """Text must not run past its panel's content area: that would be clipped or overlap a fold."""
    problems = []
    for page in document.pages:
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        section_index = None
        panel = "the cover"
        for box in _walk(page_box):
            element = getattr(box, "element", None)
            if element is not None and element.get("data-section") is not None:
                section_index = int(element.get("data-section"))
            if element is not None and element.get("data-panel"):
                panel = "the " + element.get("data-panel") + " panel"
            if not isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
                continue
            over_x = box.position_x + box.margin_width() - right
            over_y = box.position_y + box.margin_height() - bottom
            if over_x > TOLERANCE_PX or over_y > TOLERANCE_PX:
                section = edition.sections[section_index] if section_index is not None else None
                where = f"'{section.heading}'" if section else panel
                mm = max(over_x, over_y) * MM_PER_PX
                text = getattr(box, "text", "an image")[:30]
                problems.append(
                    Problem(
                        section.file if section else edition.condition_file,
                        section.line if section else 0,
                        "",
                        f"{where}: '{text}' runs {mm:.1f} mm past the edge of its panel",
                        "break up the long word or address, or make the image smaller",
                    )
                )
                break
    return problems
