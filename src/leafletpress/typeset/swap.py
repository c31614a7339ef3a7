"""The parts of a page that are an edition's own, put into a page laid out for another edition.

A team's back panel is the same on every condition but for its QR code: the edition's web
address, as a link and as the code's drawing. The back's key (share.back_key) leaves both out
and keeps the code's size in, so a kept back has a box of the right size in the right place;
`with_qr` gives an edition its own: the path from the page to the code copied (the kept page
is never changed), with this edition's <a> and <svg> elements, its link and its SVG image, made
as WeasyPrint makes them from the HTML. Drawing, tagging and links then read what they would
read in a whole layout of the edition (tests/test_share.py compares the bytes).
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.document import Page
from weasyprint.formatting_structure import boxes
from weasyprint.html import HTML_HANDLERS
from weasyprint.images import SVGImage

from .share import QR

SVG_TAG = "{http://www.w3.org/2000/svg}svg"


def with_qr(page: Page, html: str) -> Page | None:
    """The kept back page with the QR code of the edition whose HTML this is; None if it cannot be put in."""
    found = QR.search(html)
    path = _path_to_code(page._page_box)
    if found is None or path is None:
        return None
    code_box = path[-1]
    old_link = next((box.element for box in reversed(path) if box.element is not None and box.element.tag == "a"), None)
    if old_link is None:
        return None
    image = code_box.replacement
    # The link and the code, parsed as the whole edition's HTML parses them.
    fragment = HTML(string=f"<!DOCTYPE html><html><body>{found.group(0)}</a></figure></body></html>").etree_element
    anchor = next(iter(fragment.iter("a")), None)
    svg = next(iter(fragment.iter(SVG_TAG)), None)
    if anchor is None or svg is None:
        return None
    copies: dict[int, object] = {}
    for box in path:
        copy = box.copy()
        if box.element is old_link:
            copy.element = anchor
            if getattr(box, "link", None) is not None:
                HTML_HANDLERS["a"](anchor, copy, None, image._base_url)  # sets its link as the layout does
        copies[id(box)] = copy
    new_code = copies[id(code_box)]
    new_code.element = svg
    new_code.replacement = SVGImage(svg, image._base_url, image._url_fetcher, image._context)
    for parent, child in zip(path, path[1:], strict=False):
        copies[id(parent)].children = [copies[id(child)] if c is child else c for c in parent.children]
    return Page(copies[id(path[0])])


def _path_to_code(page_box) -> list | None:
    """The boxes from the page to the QR code's box, through plain parent boxes only; None if it is not there once."""
    found: list[list] = []

    def visit(box, path: list) -> None:
        element = getattr(box, "element", None)
        if isinstance(box, boxes.ReplacedBox) and element is not None and element.tag == SVG_TAG:
            if "qr-code" in (element.get("class") or "").split():
                found.append([*path, box])
            return
        if isinstance(box, boxes.ParentBox):
            for child in box.children:
                visit(child, [*path, box])

    visit(page_box, [])
    if len(found) != 1 or not all(type(box).copy is boxes.Box.copy for box in found[0]):
        return None
    return found[0]
