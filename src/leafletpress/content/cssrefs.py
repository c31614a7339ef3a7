"""What a stylesheet refers to: every url() and @import with its line; and the project's own URLs.

Kept free of WeasyPrint, so that loading the content can check a stylesheet's addresses
without laying anything out (load.py), and the renderer can report a refused one at its line
(typeset/typesetter.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlparse

import tinycss2

from ..problems import ContentError, Problem, relative
from .images import IMAGE_HINT, IMAGE_SUFFIXES, data_problem, image_problem
from .textfile import decode, readable

READABLE_FOLDERS = ("styles", "leaflets")
# The project's root as the renderer sees it. WeasyPrint names each raster image in the PDF after
# an MD5 of its URL, so real file:// URLs would put the checkout's path into the bytes and make
# the same inputs give different PDFs in another folder (another CI runner, another machine).
PROJECT_URL = "file:///leafletpress-project/"
_PROJECT_PREFIX = urlparse(PROJECT_URL).path
# Why an address is refused, as the renderer's fetcher (typeset/typesetter.py) and unusable() below say it.
NOT_A_FILE = "only files inside the project may be used, not network or data addresses"
OUTSIDE = "points outside the project's styles/ and leaflets/ folders"
NOT_FOUND = "file not found"
# How a font file starts: TrueType, OpenType with CFF, a collection, WOFF, WOFF2 (and Apple's 'true').
_FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"ttcf", b"wOFF", b"wOF2", b"true")
A_FOLDER = "is a folder, not a file"


def project_url(root: Path, path: Path) -> str:
    """A file inside the project as a URL that does not depend on where the project lives."""
    return PROJECT_URL + quote(path.resolve().relative_to(root.resolve()).as_posix())


def local_path(root: Path, url_path: str) -> Path:
    """The file a file:// URL's path names (unresolved): project URLs inside root, anything else as it is."""
    if url_path.startswith(_PROJECT_PREFIX):
        return root / url_path[len(_PROJECT_PREFIX) :]
    return Path(url_path)


class CssReferences:
    """Where a stylesheet names other files: each url() and @import with its line, each @font-face family."""

    def __init__(self, text: str, base_url: str):
        self.urls: dict[str, int] = {}
        self.imports: list[str] = []  # the stylesheets it @imports, as URLs
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
                # @import "file.css" names its file with a plain string, @import url(file.css) with url().
                for token in node.prelude:
                    value = token.value if token.type in ("string", "url") else None
                    if token.type == "function" and token.lower_name == "url":
                        value = next((a.value for a in token.arguments if a.type == "string"), None)
                    if value is not None:
                        self.urls.setdefault(urljoin(base_url, value.strip()), node.source_line)
                        self.imports.append(urljoin(base_url, value.strip()))
                continue
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

    def unusable(self, root: Path) -> list[tuple[str, str]]:
        """(url, reason) for every address that is not a file inside styles/ or leaflets/ that exists, and every
        picture that cannot be printed (images.py: its header, and whether its data is all there).

        The renderer refuses these when it fetches them; a rule that matches nothing is never
        fetched, so this reads them all, used or not.
        """
        allowed = [(root / folder).resolve() for folder in READABLE_FOLDERS]
        found = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme != "file":
                found.append((url, NOT_A_FILE))
                continue
            target = local_path(root, unquote(parsed.path)).resolve()
            if not any(target.is_relative_to(folder) for folder in allowed):
                found.append((url, OUTSIDE))
            elif target.is_dir():
                found.append((url, A_FOLDER))
            elif not target.is_file():
                found.append((url, NOT_FOUND))
            elif target.suffix.lower() in IMAGE_SUFFIXES:
                reason = image_problem(target) or data_problem(target)
                if reason:
                    found.append((url, reason))
        return found

    def font_of(self, url: str) -> str | None:
        return self._font_urls.get(url)

    def unusable_font(self, family: str, root: Path) -> tuple[str, int] | None:
        """(url, line) of the first file an @font-face of this family loads that is no font file (TTF, OTF, WOFF)."""
        for url, of in self._font_urls.items():
            parsed = urlparse(url)
            path = local_path(root, unquote(parsed.path)) if parsed.scheme == "file" else None
            if of == family and path is not None and path.is_file():
                with path.open("rb") as file:
                    if file.read(4) not in _FONT_SIGNATURES:
                        return url, self.urls.get(url, 0)
        return None

    def refusal(self, sheet: str, url: str, reason: str, root: Path) -> Problem:
        """A refused url() as a problem at its line in this stylesheet."""
        font = self.font_of(url)
        what = f"font '{font}': " if font else ""
        if reason in (NOT_FOUND, A_FOLDER):
            hint = "fonts and images must be files inside styles/ or leaflets/; paths are relative to this stylesheet"
        elif reason not in (NOT_A_FILE, OUTSIDE) and not font:
            hint = IMAGE_HINT  # a picture inside the project that cannot be printed (images.py)
        else:
            hint = "fonts and images must be files inside styles/ or leaflets/, never addresses on the network"
        return Problem(sheet, self.urls.get(url, 0), "", f"{what}'{shown_url(url, root)}' refused: {reason}", hint)


def _font_family(tokens) -> str:
    for index, token in enumerate(tokens):
        if token.type == "ident" and token.lower_value == "font-family":
            for value in tokens[index + 1 :]:
                if value.type in ("string", "ident"):
                    return value.value
                if value.type == "literal" and value.value == ";":
                    break
    return ""


def shown_url(url: str, root: Path) -> str:
    """A URL as the author wrote it: a project file as its project-relative path."""
    parsed = urlparse(url)
    return relative(local_path(root, unquote(parsed.path)), root) if parsed.scheme == "file" else url


def read_stylesheet(path: Path) -> str:
    """A stylesheet's text, as every reader of it takes it (textfile.readable: a UTF-16 one's too, a BOM dropped);
    stylesheet_problem says when it is not saved as it must be."""
    return readable(path.read_bytes())


def stylesheet_problem(root: Path, path: Path) -> Problem | None:
    """Why a stylesheet's bytes are not UTF-8 text (UTF-16, a Latin-1 byte), at its line; None when they are.

    CSS may start with a byte-order mark: CSS drops it, so it is no problem here.
    """
    try:
        decode(path.read_bytes(), relative(path, root), bom_allowed=True)
    except ContentError as exc:
        return exc.problems[0]
    return None


def stylesheet_files(root: Path, sheet: Path) -> list[Path]:
    """A stylesheet and every stylesheet inside the project it @imports, however deep: the files it is made of."""
    found: list[Path] = []
    todo = [sheet.resolve()]
    while todo:
        path = todo.pop()
        if path in found or not path.is_file() or not path.is_relative_to(root.resolve()):
            continue
        found.append(path)
        stat = path.stat()
        todo += [
            local_path(root, unquote(urlparse(url).path)).resolve()
            for url in _imports(root, path, stat.st_mtime_ns, stat.st_size)
        ]
    return found


@lru_cache(maxsize=64)
def _imports(root: Path, path: Path, _mtime: int, _size: int) -> tuple[str, ...]:
    """The file URLs a stylesheet @imports (read once per version of the file)."""
    refs = CssReferences(read_stylesheet(path), project_url(root, path))
    return tuple(url for url in refs.imports if urlparse(url).scheme == "file")
