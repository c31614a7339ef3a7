"""Typeset stage: HTML plus stylesheets become laid-out panel pages (a WeasyPrint Document).

A Typesetter lives as long as a worker process: it parses each stylesheet and loads the
fonts once, and reuses them for every edition it renders.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .fold import Fold
from .problems import Problem, relative

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # a 300 ppi A4 sheet is 8.7 megapixels
READABLE_FOLDERS = ("styles", "leaflets")


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
        path = Path(unquote(parsed.path)).resolve()
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


def image_problem(path: Path) -> str:
    """Why an image must not be decoded (too big, not an image), checked from its header only."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"image is {size // 1_048_576} MB, more than {MAX_IMAGE_BYTES // 1_048_576} MB"
    if path.suffix.lower() == ".svg":
        head = path.read_bytes()[:4096].lower()
        if b"<!entity" in head or b"<!doctype" in head:
            return "SVG files with a DOCTYPE or entities are not allowed"
        return ""
    from PIL import Image  # Pillow reads the header lazily; the pixels stay undecoded here

    try:
        with Image.open(path) as image:
            width, height = image.size
    except Exception:  # noqa: BLE001 - Pillow raises many types for "not an image"
        return "is not a readable PNG or JPEG image"
    if width * height > MAX_IMAGE_PIXELS:
        return f"image is {width} x {height} pixels, more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels"
    return ""


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


class _CaptureWarnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


_LINE_RE = re.compile(r" at (\d+):(\d+)")


class Typesetter:
    """Lays out editions; holds the parsed stylesheets and the font configuration."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.font_config = FontConfiguration()
        self._sheets: dict[str, tuple[tuple, CSS, list[Problem]]] = {}
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
        with _captured() as capture:
            css = CSS(string=file.read_text("utf-8"), base_url=file.as_uri(), url_fetcher=fetcher,
                      font_config=self.font_config)
        problems = [_css_problem(path, message) for message in capture.messages]
        problems += [Problem(path, 0, "", f"'{url}' refused: {reason}", "keep fonts and images inside styles/ or leaflets/")
                     for url, reason in fetcher.refused]
        self._sheets[path] = (key, css, problems)
        return css, problems

    def render(self, html: str, stylesheets: tuple[str, ...], fold: Fold, source_file: str) -> Rendered:
        """Lay out one edition; refused resources and CSS warnings come back as problems."""
        sheets, problems = [], []
        for path in stylesheets:
            css, css_problems = self.stylesheet(path)
            sheets.append(css)
            problems.extend(css_problems)
        if fold.name not in self._fold_css:
            self._fold_css[fold.name] = CSS(string=fold_css(fold))
        sheets.append(self._fold_css[fold.name])
        fetcher = ProjectFetcher(self.root)
        document = HTML(string=html, base_url=(self.root / "leaflets").as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=self.font_config, optimize_images=False)
        problems += [Problem(source_file, 0, "", f"'{_shown(url, self.root)}' refused: {reason}") for url, reason in fetcher.refused]
        return Rendered(document, problems)


def _shown(url: str, root: Path) -> str:
    parsed = urlparse(url)
    return relative(Path(unquote(parsed.path)), root) if parsed.scheme == "file" else url


def _css_problem(path: str, message: str) -> Problem:
    match = _LINE_RE.search(message)
    line = int(match.group(1)) if match else 0
    return Problem(path, line, "", f"CSS ignored: {_LINE_RE.sub('', message).rstrip('.')}", "check the spelling of the property and its value", "warning")


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
