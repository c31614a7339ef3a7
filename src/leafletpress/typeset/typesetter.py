"""Typeset stage: HTML plus stylesheets become laid-out panel pages (a WeasyPrint Document).

A Typesetter lives as long as a worker process: it parses each stylesheet and loads the
fonts once, and reuses them for every edition it renders.
"""

from __future__ import annotations

import logging
import mimetypes
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.sax.saxutils import escape

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..content.cssrefs import (
    A_FOLDER,
    NOT_A_FILE,
    NOT_FOUND,
    OUTSIDE,
    PROJECT_URL,
    READABLE_FOLDERS,
    CssReferences,
    local_path,
    project_url,
    read_stylesheet,
    shown_url,
    stylesheet_files,
)
from ..content.images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_problem  # noqa: F401 - re-exported
from ..epoch import environment
from ..fold import Fold
from ..hyphenation import register as register_hyphenation
from ..problems import Problem, Severity
from .cssorigin import Cascade
from .pictures import Pictures

register_hyphenation()  # Turkish, from its syllable rules: pyphen has no dictionary for it (hyphenation.py)


class ProjectFetcher(URLFetcher):
    """Serves files inside the project's styles/ and leaflets/ only; never the network."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("file",))
        self.allowed = [(root / folder).resolve() for folder in READABLE_FOLDERS]
        self.root = root
        self.refused: list[tuple[str, str]] = []

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme != "file":
            return self._refuse(url, NOT_A_FILE)
        path = local_path(self.root, unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            return self._refuse(url, OUTSIDE)
        if not path.is_file():
            return self._refuse(url, A_FOLDER if path.is_dir() else NOT_FOUND)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if mime.startswith("image/"):
            reason = image_problem(path)
            if reason:
                return self._refuse(url, reason)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})

    def _refuse(self, url: str, reason: str):
        self.refused.append((url, reason))
        raise ValueError(f"refused {url}: {reason}")


def fold_css(fold: Fold, bleed: float) -> str:
    """Page sizes and per-edge bleed for the panels, in layout order (generated from the fold and the shop's bleed).

    The fold's sizes are custom properties too, so a stylesheet can size the cover to any fold.
    """
    rules = []
    for number, panel in enumerate(fold.layout_order, start=1):
        edges = fold.bleed_sides(panel, bleed)
        rules.append(
            f"@page :nth({number}) {{ size: {panel.width}mm {fold.sheet_height}mm; "
            + " ".join(f"bleed-{edge}: {mm}mm;" for edge, mm in edges.items())
            + " }"
        )
    rules.append(".panel-filler { break-before: page; }")
    rules.append(
        f":root {{ --panel-height: {fold.sheet_height}mm; --cover-width: {fold.cover.width}mm; "
        f"--back-width: {fold.back.width}mm; }}"
    )
    last = fold.body[-1]
    rules.insert(0, f"@page {{ size: {last.width}mm {fold.sheet_height}mm; }}")
    return "\n".join(rules)


# The screen edition's layout: no hyphen is inserted at a line end (a soft hyphen typed in the content
# still breaks there), so every word reads, copies and is found whole; the print edition keeps `auto`.
SCREEN_CSS = "html, html * { hyphens: manual !important; }"


@dataclass
class Rendered:
    """A laid-out document and what went wrong fetching its resources."""

    document: object  # weasyprint.Document
    problems: list[Problem] = field(default_factory=list)
    legibility: object = None  # legible.Legibility, once the layout has been checked


class _CaptureWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


_LINE_RE = re.compile(r" at (\d+):(\d+)")


# A fontconfig configuration with no font folders: the renderer then knows only the fonts the
# stylesheets load with @font-face from styles/, never the fonts of the machine it runs on, so a
# character the bundled fonts lack cannot silently come from a system font (glyphs.py reports it).
_NO_SYSTEM_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def project_fonts_only() -> FontConfiguration:
    """A FontConfiguration that holds no system font; @font-face rules add the project's own."""
    with tempfile.TemporaryDirectory(prefix="leafletpress-fonts-") as folder:
        conf = Path(folder) / "fonts.conf"
        conf.write_text(_NO_SYSTEM_FONTS.format(cache=escape(folder)), encoding="utf-8")
        with environment(FONTCONFIG_FILE=str(conf)):  # fontconfig reads it while the configuration is made
            return FontConfiguration()


_FONT_FACE_RE = re.compile(r"Font-face '([^']*)' cannot be loaded")  # WeasyPrint's warning for an unusable font


class Typesetter:
    """Lays out editions; holds the parsed stylesheets and the font configuration."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.font_config = project_fonts_only()
        self._sheets: dict[str, tuple[tuple, CSS, list[Problem]]] = {}
        self._texts: dict[str, str] = {}
        self._refs: dict[str, CssReferences] = {}
        self._fold_css: dict[str, CSS] = {}  # by the CSS's text: a fold and a bleed
        self.pictures = Pictures()  # the raster pictures of this build's layouts (pictures.py)
        self._batch = ""

    def start(self, batch: str) -> None:
        """A new build reads the pictures again: their files may have changed since the last one."""
        if batch != self._batch:
            self.pictures = Pictures()
            self._batch = batch

    def stylesheet(self, path: str) -> tuple[CSS, list[Problem]]:
        """A parsed stylesheet, reparsed only when the file changed; its warnings as problems."""
        file = (self.root / path).resolve()
        # The file and every stylesheet it @imports: a change to any of them parses it again.
        key = tuple((f, f.stat().st_mtime_ns, f.stat().st_size) for f in stylesheet_files(self.root, file))
        cached = self._sheets.get(path)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        fetcher = ProjectFetcher(self.root)
        text = read_stylesheet(file)
        refs = CssReferences(text, project_url(self.root, file))
        with _captured() as capture:
            css = CSS(string=text, base_url=project_url(self.root, file), url_fetcher=fetcher, font_config=self.font_config)
        refused = dict(fetcher.refused)
        refused.update({url: reason for url, reason in refs.unusable(self.root) if url not in refused})
        problems = [refs.refusal(path, url, reason, self.root) for url, reason in refused.items()]
        for message in capture.messages:
            if "refused " in message:
                continue  # a refused @import or font: reported above with its line
            font = _FONT_FACE_RE.search(message)
            if font:
                if not any(refs.font_of(url) == font.group(1) for url, _ in fetcher.refused):
                    bad = refs.unusable_font(font.group(1), self.root)  # which of the family's files, at its line
                    what = f"'{shown_url(bad[0], self.root)}' is not a usable font" if bad else "its file is not a usable font"
                    problems.append(
                        Problem(
                            path,
                            bad[1] if bad else refs.fonts.get(font.group(1), 0),
                            "",
                            f"font '{font.group(1)}' cannot be loaded: {what}",
                            "use a TTF, OTF or WOFF font file inside styles/",
                        )
                    )
                continue
            problems.append(_css_problem(path, message, text))
        self._sheets[path] = (key, css, problems)
        self._refs[path] = refs
        self._texts[path] = text
        return css, problems

    def text(self, path: str) -> str:
        """A stylesheet's text, as last parsed."""
        self.stylesheet(path)
        return self._texts[path]

    def cascade(self, document, stylesheets: tuple[str, ...]) -> Cascade:
        """Where each property of the document's elements was declared (cssorigin.py)."""
        return Cascade([(path, self.text(path)) for path in stylesheets], document._html.wrapper_element)

    def render(
        self, html: str, stylesheets: tuple[str, ...], fold: Fold, source_file: str, extra_css: str = "", *, bleed: float
    ) -> Rendered:
        """Lay out one edition on the fold's panels with this bleed; refused resources and CSS warnings come back as problems.

        extra_css comes after everything else (fit.tall_css, to measure how much too long a panel is).
        """
        sheets, problems = [], []
        for path in stylesheets:
            css, css_problems = self.stylesheet(path)
            sheets.append(css)
            problems.extend(css_problems)
        pages = fold_css(fold, bleed)
        if pages not in self._fold_css:
            self._fold_css[pages] = CSS(string=pages)
        sheets.append(self._fold_css[pages])
        if extra_css:
            sheets.append(CSS(string=extra_css))
        fetcher = ProjectFetcher(self.root)
        # compose writes assets as absolute file:// URLs; make them project URLs (see PROJECT_URL).
        html = html.replace(self.root.as_uri() + "/", PROJECT_URL)
        document = HTML(string=html, base_url=PROJECT_URL + "leaflets/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=self.font_config, optimize_images=False, cache=self.pictures
        )
        self.pictures.keep()
        for url, reason in fetcher.refused:
            # A url() in a stylesheet is fetched while laying out; report it at its line in that stylesheet.
            sheet = next((path for path in stylesheets if url in self._refs[path].urls), None)
            problems.append(
                self._refs[sheet].refusal(sheet, url, reason, self.root)
                if sheet
                else Problem(source_file, 0, "", f"'{shown_url(url, self.root)}' refused: {reason}")
            )
        return Rendered(document, problems)


def _css_problem(path: str, message: str, text: str = "") -> Problem:
    match = _LINE_RE.search(message)
    line = int(match.group(1)) if match else 0
    what = re.sub(r"^Ignored ", "", _LINE_RE.sub("", message)).rstrip(". ")
    hint = "check the spelling of the property and its value"
    selector = _SELECTOR_RE.match(message)
    if selector:
        # WeasyPrint names the selector but not its line: find where it starts.
        shown = " ".join(selector.group(1).split())
        first = re.split(r"[)\n]", selector.group(1).removeprefix(":is("))[0].strip()
        line = next(
            (
                number
                for number, source in enumerate(text.splitlines(), 1)
                if first and source.strip().startswith(first) and source.strip()[len(first) :].lstrip().startswith("{")
            ),
            0,
        )
        what = f"invalid or unsupported selector '{shown[:60]}'"
        hint = "check the selector, and that every '{' has its '}'"
    return Problem(path, line, "", f"CSS ignored: {what}", hint, Severity.WARNING)


_SELECTOR_RE = re.compile(r"Invalid or unsupported selector, '(.*)'$", re.DOTALL)


class _captured:
    """Collect WeasyPrint's warnings (e.g. broken CSS) instead of printing them."""

    def __enter__(self):
        self.handler = _CaptureWarnings()
        self.logger = logging.getLogger("weasyprint")
        self.logger.addHandler(self.handler)
        self.propagate = self.logger.propagate
        self.logger.propagate = False
        return self.handler

    def __exit__(self, *exc):
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate
