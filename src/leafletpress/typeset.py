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
from urllib.parse import quote, unquote, urljoin, urlparse
from xml.sax.saxutils import escape

import tinycss2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .cssorigin import Cascade
from .epoch import environment
from .fold import Fold
from .images import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, image_problem  # noqa: F401 - re-exported
from .problems import Problem, relative

READABLE_FOLDERS = ("styles", "leaflets")
# The project's root as the renderer sees it. WeasyPrint names each raster image in the PDF after
# an MD5 of its URL, so real file:// URLs would put the checkout's path into the bytes and make
# the same inputs give different PDFs in another folder (another CI runner, another machine).
PROJECT_URL = "file:///leafletpress-project/"
_PROJECT_PREFIX = urlparse(PROJECT_URL).path


def project_url(root: Path, path: Path) -> str:
    """A file inside the project as a URL that does not depend on where the project lives."""
    return PROJECT_URL + quote(path.resolve().relative_to(root.resolve()).as_posix())


def local_path(root: Path, url_path: str) -> Path:
    """The file a file:// URL's path names (unresolved): project URLs inside root, anything else as it is."""
    if url_path.startswith(_PROJECT_PREFIX):
        return root / url_path[len(_PROJECT_PREFIX) :]
    return Path(url_path)


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
            return self._refuse(url, "only files inside the project may be used, not network or data addresses")
        path = local_path(self.root, unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            return self._refuse(url, "points outside the project's styles/ and leaflets/ folders")
        if not path.is_file():
            return self._refuse(url, "file not found")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if mime.startswith("image/"):
            reason = image_problem(path)
            if reason:
                return self._refuse(url, reason)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})

    def _refuse(self, url: str, reason: str):
        self.refused.append((url, reason))
        raise ValueError(f"refused {url}: {reason}")


def fold_css(fold: Fold) -> str:
    """Page sizes and per-edge bleed for the panels, in layout order (generated from the fold)."""
    rules = []
    for number, panel in enumerate(fold.layout_order, start=1):
        bleed = fold.bleed_sides(panel)
        rules.append(
            f"@page :nth({number}) {{ size: {panel.width}mm {fold.sheet_height}mm; "
            + " ".join(f"bleed-{edge}: {mm}mm;" for edge, mm in bleed.items())
            + " }"
        )
    rules.append(".panel-filler { break-before: page; }")
    last = fold.body[-1]
    rules.insert(0, f"@page {{ size: {last.width}mm {fold.sheet_height}mm; }}")
    return "\n".join(rules)


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


class Typesetter:
    """Lays out editions; holds the parsed stylesheets and the font configuration."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.font_config = project_fonts_only()
        self._sheets: dict[str, tuple[tuple, CSS, list[Problem]]] = {}
        self._texts: dict[str, str] = {}
        self._refs: dict[str, CssReferences] = {}
        self._fold_css: dict[str, CSS] = {}

    def stylesheet(self, path: str) -> tuple[CSS, list[Problem]]:
        """A parsed stylesheet, reparsed only when the file changed; its warnings as problems."""
        file = (self.root / path).resolve()
        stat = file.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._sheets.get(path)
        if cached and cached[0] == key:
            return cached[1], cached[2]
        fetcher = ProjectFetcher(self.root)
        text = file.read_bytes().decode("utf-8", errors="replace")
        refs = CssReferences(text, project_url(self.root, file))
        with _captured() as capture:
            css = CSS(string=text, base_url=project_url(self.root, file), url_fetcher=fetcher, font_config=self.font_config)
        problems = [refs.refusal(path, url, reason, self.root) for url, reason in fetcher.refused]
        for message in capture.messages:
            if "refused " in message:
                continue  # a refused @import or font: reported above with its line
            font = _FONT_FACE_RE.search(message)
            if font:
                if not any(refs.font_of(url) == font.group(1) for url, _ in fetcher.refused):
                    problems.append(
                        Problem(
                            path,
                            refs.fonts.get(font.group(1), 0),
                            "",
                            f"font '{font.group(1)}' cannot be loaded: its file is not a usable font",
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

    def render(self, html: str, stylesheets: tuple[str, ...], fold: Fold, source_file: str, extra_css: str = "") -> Rendered:
        """Lay out one edition; refused resources and CSS warnings come back as problems.

        extra_css comes after everything else (fit.tall_css, to measure how much too long a panel is).
        """
        sheets, problems = [], []
        for path in stylesheets:
            css, css_problems = self.stylesheet(path)
            sheets.append(css)
            problems.extend(css_problems)
        if fold.name not in self._fold_css:
            self._fold_css[fold.name] = CSS(string=fold_css(fold))
        sheets.append(self._fold_css[fold.name])
        if extra_css:
            sheets.append(CSS(string=extra_css))
        fetcher = ProjectFetcher(self.root)
        # compose writes assets as absolute file:// URLs; make them project URLs (see PROJECT_URL).
        html = html.replace(self.root.as_uri() + "/", PROJECT_URL)
        document = HTML(string=html, base_url=PROJECT_URL + "leaflets/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=self.font_config, optimize_images=False
        )
        for url, reason in fetcher.refused:
            # A url() in a stylesheet is fetched while laying out; report it at its line in that stylesheet.
            sheet = next((path for path in stylesheets if url in self._refs[path].urls), None)
            problems.append(
                self._refs[sheet].refusal(sheet, url, reason, self.root)
                if sheet
                else Problem(source_file, 0, "", f"'{_shown(url, self.root)}' refused: {reason}")
            )
        return Rendered(document, problems)


_FONT_FACE_RE = re.compile(r"Font-face '([^']*)' cannot be loaded")


class CssReferences:
    """Where a stylesheet names other files: each url() and @import with its line, each @font-face family."""

    def __init__(self, text: str, base_url: str):
        self.urls: dict[str, int] = {}
        self.fonts: dict[str, int] = {}
        self._font_urls: dict[str, str] = {}
        self._visit(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), base_url, None)

    def _visit(self, nodes, base_url: str, font: str | None) -> None:
        for node in nodes:
            if node.type == "at-rule" and node.lower_at_keyword == "font-face":
                family = _font_family(node.content or [])
                self.fonts.setdefault(family, node.source_line)
                self._visit(node.content or [], base_url, family)
                continue
            elif node.type == "at-rule" and node.lower_at_keyword == "import":
                # @import "file.css" names its file with a plain string, not url().
                for token in node.prelude:
                    if token.type == "string":
                        self.urls.setdefault(urljoin(base_url, token.value.strip()), node.source_line)
            elif node.type == "url":
                url = urljoin(base_url, node.value.strip())
                self.urls.setdefault(url, node.source_line)
                if font is not None:
                    self._font_urls[url] = font
            for part in ("prelude", "content", "arguments"):
                children = getattr(node, part, None)
                if isinstance(children, list):
                    self._visit(children, base_url, font)
            if node.type == "function" and node.lower_name == "url":
                for argument in node.arguments:
                    if argument.type == "string":
                        url = urljoin(base_url, argument.value.strip())
                        self.urls.setdefault(url, node.source_line)
                        if font is not None:
                            self._font_urls[url] = font

    def font_of(self, url: str) -> str | None:
        return self._font_urls.get(url)

    def refusal(self, sheet: str, url: str, reason: str, root: Path) -> Problem:
        """A refused url() as a problem at its line in this stylesheet."""
        font = self.font_of(url)
        what = f"font '{font}': " if font else ""
        hint = (
            "fonts and images must be files inside styles/ or leaflets/; paths are relative to this stylesheet"
            if reason == "file not found"
            else "fonts and images must be files inside styles/ or leaflets/, never addresses on the network"
        )
        return Problem(sheet, self.urls.get(url, 0), "", f"{what}'{_shown(url, root)}' refused: {reason}", hint)


def _font_family(tokens) -> str:
    for index, token in enumerate(tokens):
        if token.type == "ident" and token.lower_value == "font-family":
            for value in tokens[index + 1 :]:
                if value.type in ("string", "ident"):
                    return value.value
                if value.type == "literal" and value.value == ";":
                    break
    return ""


def _shown(url: str, root: Path) -> str:
    parsed = urlparse(url)
    return relative(local_path(root, unquote(parsed.path)), root) if parsed.scheme == "file" else url


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
    return Problem(path, line, "", f"CSS ignored: {what}", hint, "warning")


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
