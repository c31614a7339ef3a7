"""What many tests use: the sample project copied, and PDF readers that measure in millimetres."""

from __future__ import annotations

import re
import shutil
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream, NameObject

REPO = Path(__file__).resolve().parent.parent
MM_PER_PT = 25.4 / 72
SEED = "lage-rugklachten"
SEED_TEAM = "fysiofits"

# Debian's chromium, which the browser tests drive (playwright, puppeteer-core); nothing downloads a browser.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "chromium is not installed here (CI installs it: apt-get install chromium)"
BROWSER_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]


def copy_project(target: Path, translations: bool = False) -> Path:
    """A copy of the repository's leaflets/ and styles/ that a test may change freely.

    Without `translations` it is the sample in Dutch only: no team hands out another language and the
    translation files (<slug>.<lang>.yaml) are left out, so a test of something else builds what it
    always did. tests/test_languages.py, the session's sample build and the browser tests take it whole.
    """
    for folder in ("leaflets", "styles"):
        shutil.copytree(REPO / folder, target / folder)
    if not translations:
        for path in (target / "leaflets").rglob("*.*.yaml"):
            if path.parent.name != "schema":
                path.unlink()
        project = target / "leaflets" / "project.yaml"
        text = project.read_text("utf-8")
        project.write_text(re.sub(r"\nlanguages:\n(  .*\n)+", "\n", text), "utf-8")
    return target


def box_mm(box) -> tuple[float, float, float, float]:
    """A PDF box as (left, bottom, width, height) in mm."""
    return (
        float(box.left) * MM_PER_PT,
        float(box.bottom) * MM_PER_PT,
        float(box.width) * MM_PER_PT,
        float(box.height) * MM_PER_PT,
    )


def text_positions(pdf: Path, page_number: int) -> list[tuple[str, float, float]]:
    """Every text run on an imposed sheet with its start point in mm from the trim's bottom-left.

    Panels are Form XObjects placed with a translation; pypdf reports positions inside
    each form, so the placement from the sheet's own content stream is added here.
    """
    reader = PdfReader(pdf)
    page = reader.pages[page_number]
    trim_left, trim_bottom = float(page.trimbox.left), float(page.trimbox.bottom)
    xobjects = page["/Resources"].get_object().get("/XObject", {})
    runs: list[tuple[str, float, float]] = []
    offset = (0.0, 0.0)
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"cm":
            offset = (float(operands[4]), float(operands[5]))
        elif operator == b"Do":
            form = xobjects[operands[0]].get_object()
            holder = PageObject.create_blank_page(width=1, height=1)
            holder[NameObject("/Resources")] = form["/Resources"]
            holder[NameObject("/Contents")] = form
            dx, dy = offset

            def visit(text, cm, tm, font_dict, font_size, dx=dx, dy=dy):
                if text.strip():
                    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] + dx
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] + dy
                    runs.append((text.strip(), (x - trim_left) * MM_PER_PT, (y - trim_bottom) * MM_PER_PT))

            holder.extract_text(visitor_text=visit)
    return runs


def find_text(runs, needle: str) -> tuple[float, float]:
    """Position (mm) of the first run containing needle."""
    for text, x, y in runs:
        if needle in text:
            return x, y
    raise AssertionError(f"{needle!r} not found in {[r[0] for r in runs][:40]}")


@lru_cache(maxsize=1)
def bomb_png() -> bytes:
    """A 20000 x 20000 PNG: a few KB on disk, 400 megapixels decoded. Made once (about a second) per session."""
    from PIL import Image

    buffer = BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # 1 bit per pixel: tiny file, huge image
    return buffer.getvalue()


class TagTree:
    """A tagged PDF's structure tree as a screen reader walks it (pypdf), with the text of each element."""

    def __init__(self, reader: PdfReader):
        self.reader = reader
        self.page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
        self.marked = marked_text(reader)
        self.root = reader.trailer["/Root"]["/StructTreeRoot"]
        self.elements = list(self._walk(self.root))

    def _walk(self, node):
        for kid in self.kids(node):
            if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
                yield kid
                yield from self._walk(kid)

    @staticmethod
    def kids(node) -> list:
        kids = node.get("/K", [])
        return [kid.get_object() if hasattr(kid, "get_object") else kid for kid in (kids if isinstance(kids, list) else [kids])]

    def page(self, element) -> int | None:
        return self.page_of[element.raw_get("/Pg").idnum] if "/Pg" in element else None

    def of_type(self, kind: str) -> list:
        return [element for element in self.elements if element["/S"] == kind]

    def text(self, element, page: int | None = None) -> str:
        """The element's text: its marked content and its kids', in order (MCIDs on its page, MCRs on theirs)."""
        page = self.page(element) if "/Pg" in element else page
        out = []
        for kid in self.kids(element):
            if isinstance(kid, int):
                out.append(self.marked.get((page, kid), ""))
            elif isinstance(kid, dict) and kid.get("/Type") == "/MCR":
                out.append(self.marked.get((self.page_of[kid.raw_get("/Pg").idnum], kid["/MCID"]), ""))
            elif isinstance(kid, dict) and "/S" in kid:
                out.append(self.text(kid, page))
        return " ".join(part for part in out if part)

    def owner(self, annotation):
        """The structure element an annotation belongs to, by its /StructParent in the ParentTree."""
        nums = self.root["/ParentTree"]["/Nums"]
        key = annotation.get("/StructParent")
        return next((nums[i + 1].get_object() for i in range(0, len(nums), 2) if nums[i] == key), None)


def marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page, MCID) -> the text drawn inside that marked content."""
    marked: dict[tuple[int, int], str] = {}
    for number, page in enumerate(reader.pages):
        open_ids: list[int | None] = []

        def operator(op, args, cm, tm, open_ids=open_ids):
            if op == b"BDC":
                properties = args[1] if len(args) > 1 else {}
                open_ids.append(properties.get("/MCID") if hasattr(properties, "get") else None)
            elif op == b"BMC":
                open_ids.append(None)
            elif op == b"EMC" and open_ids:
                open_ids.pop()

        def text(value, cm, tm, font, size, number=number, open_ids=open_ids):
            mcid = next((m for m in reversed(open_ids) if m is not None), None)
            if mcid is not None:
                marked[number, mcid] = marked.get((number, mcid), "") + value

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return marked
