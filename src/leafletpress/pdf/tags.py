"""The screen PDF's structure tree mended where WeasyPrint 70 tags it page by page, so it reads as one text.

WeasyPrint builds the tags of a PDF/UA file one page at a time (weasyprint.pdf.tags; Kozea/WeasyPrint
#2903), from the boxes on that page. For a leaflet whose panels are pages that gives: `<main>` as
one /Part per page, a section or list that runs on to the next panel as a second /Sect or /L, a
step's number (drawn by `li::before`) as a /NonStruct inside the item's /LBody instead of its
/Lbl, a second Link annotation for the QR code's <svg> inside its <a> (owned by the /Figure, so
the link is announced twice), and each link's /Contents as its raw address (`tel:0123456789`).

`recording()` notes which HTML element each structure element was made for, by wrapping the
private `weasyprint.pdf.tags._build_box_tree` while a screen PDF is written: a PDF alone cannot
tell a list that continues from a new one. This relies on WeasyPrint's internals, which is why
pyproject.toml pins weasyprint==70.0; tests/test_screen.py checks every fix on the PDFs it
writes, so an upgrade that changes them fails there. `mend` is a `write_pdf` finisher step on
WeasyPrint's pydyf objects, after the tags and fonts are built and before the bytes are written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pydyf
import weasyprint.pdf.tags as weasy_tags
from weasyprint.layout.absolute import AbsolutePlaceholder

from .objects import resolve


@dataclass
class Sources:
    """The HTML element (and pseudo-element) behind each structure element of one PDF being written."""

    of: dict[int, tuple[pydyf.Dictionary, object, str]] = field(default_factory=dict)  # id(element) -> (element, html, tag)

    def key(self, element: pydyf.Dictionary) -> tuple | None:
        """What makes two structure elements fragments of one: the same HTML element, pseudo-element and type."""
        found = self.of.get(id(element))
        if found is None or found[1] is None:
            return None
        return id(found[1]), found[2], element["S"]

    def html(self, element: pydyf.Dictionary):
        found = self.of.get(id(element))
        return (found[1], found[2]) if found else (None, "")


@dataclass
class Mended:
    """What `mend` changed in one PDF, counted (tests and the benchmark read it)."""

    merged: int = 0  # structure elements folded into an earlier fragment of the same HTML element
    labels: int = 0  # step numbers made the /Lbl of their item
    links_dropped: int = 0  # second annotations of a link, inside the link's own box
    contents: int = 0  # link annotations whose /Contents now say what the link does
    hyphens: int = 0  # ToUnicode entries that now read as U+002D


@contextmanager
def recording() -> Iterator[Sources]:
    """While writing a tagged PDF: note the HTML element behind every structure element WeasyPrint makes."""
    sources = Sources()
    original = weasy_tags._build_box_tree

    def build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        for element in original(box, parent, pdf, page_number, nums, annotations, tags):
            # The deepest call that yields an element made it; the calls above (html, body) pass it on.
            sources.of.setdefault(id(element), (element, real.element, real.element_tag))
            yield element

    weasy_tags._build_box_tree = build_box_tree  # the recursion calls it by this global name too
    try:
        yield sources
    finally:
        weasy_tags._build_box_tree = original


def mend(pdf: pydyf.PDF, sources: Sources) -> Mended:
    """Every fix above, on a tagged PDF about to be written (see the module docstring)."""
    mended = Mended()
    tree = _Tree(pdf)
    mended.merged = _merge_fragments(tree, sources)
    mended.labels = _label_steps(tree, sources)
    mended.links_dropped = _drop_repeated_links(tree)
    mended.contents = _readable_contents(tree, sources)
    mended.hyphens = hyphen_minus(pdf)
    return mended


class _Tree:
    """The structure tree's bookkeeping: the ParentTree's page arrays and annotation entries."""

    def __init__(self, pdf: pydyf.PDF):
        self.pdf = pdf
        root = resolve(pdf, pdf.catalog["StructTreeRoot"])
        self.document = resolve(pdf, root["K"][0])
        self.nums = resolve(pdf, root["ParentTree"])["Nums"]  # [page, [owner by MCID], ..., key, owner, ...]
        self.page_index = {ref: i for i, ref in enumerate(pdf.page_references)}

    def get(self, ref):
        return resolve(self.pdf, ref)

    def page_owners(self, page_ref) -> pydyf.Array:
        """The ParentTree's array of owners, by MCID, of one page's marked content."""
        index = self.page_index[page_ref]
        return next(self.nums[i + 1] for i in range(0, len(self.nums), 2) if self.nums[i] == index)

    def annotation_slot(self, key: int) -> int | None:
        """Where in Nums the owner of the annotation with this /StructParent is."""
        return next((i + 1 for i in range(0, len(self.nums), 2) if self.nums[i] == key), None)

    def owner(self, annotation) -> pydyf.Dictionary | None:
        slot = self.annotation_slot(annotation.get("StructParent", -1))
        return self.get(self.nums[slot]) if slot is not None else None

    def elements(self, element=None) -> Iterator[pydyf.Dictionary]:
        """Every structure element below `element` (default: the /Document), depth first."""
        for kid in (element or self.document)["K"]:
            child = self.get(kid)
            if _is_element(child):
                yield child
                yield from self.elements(child)


def _is_element(value) -> bool:
    return isinstance(value, pydyf.Dictionary) and value.get("Type") == "/StructElem"


def _merge_fragments(tree: _Tree, sources: Sources) -> int:
    """Fold every later fragment of an HTML element into its first: one /Part, one /Sect, one /L per list."""
    first: dict[tuple, pydyf.Dictionary] = {}
    merged = 0

    def visit(element) -> None:
        nonlocal merged
        index = 0
        while index < len(element["K"]):
            kid = tree.get(element["K"][index])
            key = sources.key(kid) if _is_element(kid) else None
            earlier = first.setdefault(key, kid) if key is not None else kid
            # Fragments are on later pages; on one page, the same element twice is an anonymous box inside
            # it or an inline box broken over two lines, which WeasyPrint tags as it should.
            if earlier is kid or earlier["Pg"] == kid["Pg"]:
                if _is_element(kid):
                    visit(kid)
                index += 1
                continue
            moved = _moved_kids(tree, kid, earlier)
            if earlier is element:  # an anonymous box of the element itself: its kids stay where it was
                element["K"][index : index + 1] = moved
            else:
                del element["K"][index]
                earlier["K"].extend(moved)
            kid.clear()  # unreferenced now; written as an empty dictionary
            merged += 1
            visit(earlier)  # what it took over may hold fragments of its own kids

    visit(tree.document)
    return merged


def _moved_kids(tree: _Tree, fragment: pydyf.Dictionary, into: pydyf.Dictionary) -> list:
    """A fragment's kids as kids of the element it continues, with the ParentTree following them."""
    held = {kid.get("Obj") for kid in map(tree.get, into["K"]) if isinstance(kid, pydyf.Dictionary)}
    moved = []
    for ref in fragment["K"]:
        kid = tree.get(ref)
        if isinstance(kid, int):  # marked content on the fragment's page
            tree.page_owners(fragment["Pg"])[kid] = into.reference
            if fragment["Pg"] != into["Pg"]:
                ref = pydyf.Dictionary({"Type": "/MCR", "Pg": fragment["Pg"], "MCID": kid})
        elif isinstance(kid, pydyf.Dictionary) and kid.get("Type") == "/MCR":
            tree.page_owners(kid["Pg"])[kid["MCID"]] = into.reference
        elif _objr_of(kid):
            if kid["Obj"] in held:
                continue  # the same annotation again: one reference to it is enough
            slot = tree.annotation_slot(tree.get(kid["Obj"]).get("StructParent", -1))
            if slot is not None:
                tree.nums[slot] = into.reference
        else:
            kid["P"] = into.reference
        moved.append(ref)
    return moved


def _label_steps(tree: _Tree, sources: Sources) -> int:
    """In a numbered list drawn with `li::before` numbers, each number becomes its item's /Lbl, first in the /LI."""
    labels = 0
    for item in list(tree.elements()):
        if item["S"] != "/LI":
            continue
        body = next((k for k in map(tree.get, item["K"]) if _is_element(k) and k["S"] == "/LBody"), None)
        numbered = _is_element(tree.get(item["P"])) and sources.html(tree.get(item["P"]))[1] == "ol"
        if body is None or not numbered:
            continue
        for position, ref in enumerate(body["K"]):
            number = tree.get(ref)
            if _is_element(number) and sources.html(number)[1] == "li::before":
                number["S"] = "/Lbl"
                number["P"] = item.reference
                del body["K"][position]
                item["K"].insert(0, number.reference)
                tree.get(item["P"])["A"] = pydyf.Dictionary({"O": "/List", "ListNumbering": "/Decimal"})
                labels += 1
                break
    return labels


def _drop_repeated_links(tree: _Tree) -> int:
    """Drop an annotation made for a box inside a link (the QR code's <svg> in its <a>) that repeats that link."""
    dropped = 0
    for page_ref in tree.pdf.page_references:
        page = tree.get(page_ref)
        links = [(ref, tree.get(ref)) for ref in page.get("Annots", []) if tree.get(ref).get("Subtype") == "/Link"]
        for ref, annotation in links:
            owner = tree.owner(annotation)
            if owner is None or owner["S"] == "/Link" or not _inside_link_to(tree, owner, _uri(annotation)):
                continue
            page["Annots"] = pydyf.Array([a for a in page["Annots"] if a != ref])
            owner["K"] = pydyf.Array([k for k in owner["K"] if not _objr_of(tree.get(k), ref)])
            slot = tree.annotation_slot(annotation["StructParent"])
            del tree.nums[slot - 1 : slot + 1]
            annotation.clear()
            dropped += 1
    return dropped


def _inside_link_to(tree: _Tree, element, uri: str) -> bool:
    """Is the element inside a /Link element whose own annotation goes to the same address?"""
    parent = tree.get(element.get("P"))
    while _is_element(parent):
        if parent["S"] == "/Link":
            return any(_objr_of(tree.get(k)) and _uri(tree.get(tree.get(k)["Obj"])) == uri for k in parent["K"])
        parent = tree.get(parent.get("P"))
    return False


def _objr_of(kid, annotation_ref=None) -> bool:
    """Is kid an object reference (to that annotation, when one is named)?"""
    if not (isinstance(kid, pydyf.Dictionary) and kid.get("Type") == "/OBJR"):
        return False
    return annotation_ref is None or kid["Obj"] == annotation_ref


def _uri(annotation) -> str:
    uri = annotation.get("A", {}).get("URI")
    return uri.string if isinstance(uri, pydyf.String) else str(uri or "")


def _readable_contents(tree: _Tree, sources: Sources) -> int:
    """Each link annotation's /Contents: its <a>'s aria-label, else the link's text, never the bare address."""
    changed = 0
    for page_ref in tree.pdf.page_references:
        for ref in tree.get(page_ref).get("Annots", []):
            annotation = tree.get(ref)
            owner = tree.owner(annotation) if annotation.get("Subtype") == "/Link" else None
            html, _ = sources.html(owner) if owner is not None else (None, "")
            if html is None:
                continue
            label = html.get("aria-label") or " ".join("".join(html.itertext()).split())
            if label:
                annotation["Contents"] = pydyf.String(label)
                changed += 1
    return changed


# WeasyPrint writes each glyph's text from the first place the glyph was drawn (weasyprint/draw/text.py),
# and Lato draws U+002D, U+2010 (the hyphen a line break inserts) and U+00AD with one glyph: a
# hyphen typed in the content then reads as U+2010, and search for "a-specifieke" fails.
_HYPHENS = (b"<2010>", b"<00ad>")


def hyphen_minus(pdf: pydyf.PDF) -> int:
    """Map every hyphen glyph to U+002D in the fonts' ToUnicode maps; how many entries changed."""
    changed = 0
    for obj in pdf.objects:
        if not (isinstance(obj, pydyf.Stream) and b"begincmap" in obj.stream):
            continue
        for index, line in enumerate(obj.stream):
            if isinstance(line, bytes) and line.endswith(_HYPHENS):
                obj.stream[index] = line[:-6] + b"<002d>"
                changed += 1
    return changed
