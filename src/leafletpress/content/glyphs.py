"""Glyph coverage: every printed character must be in a font the project bundles.

The renderer knows only the fonts the stylesheets load with @font-face from styles/
(typeset/typesetter.py confines fontconfig to them), so a character none of them has would print as an
empty box. It is found here, before anything is laid out, at the file, line and field that
holds it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import tinycss2

from ..problems import Problem
from . import markup
from .cssrefs import read_stylesheet
from .translations import translation_sources
from .yamlfile import YamlDocument, dotted

# Keys whose values are never printed as text: paths, slugs, settings, and alt text (read out, not drawn).
NOT_PRINTED = frozenset(
    {
        "image",
        "image_alt",
        "logo",
        "logo_alt",
        "stylesheet",
        "stylesheets",
        "use",
        "after",
        "replaces",
        "conditions",
        "editions",
        "fold",
        "language",
        "print",
        "url",
        "new_panel",
        "translated_from",
    }
)
_SHOWN = 3  # missing characters named per field; more are counted


def font_files(root: Path, stylesheet: Path) -> list[Path]:
    """The font files a stylesheet's @font-face rules load (inside the project only)."""
    stat = stylesheet.stat()
    return list(_font_files(root, stylesheet, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=32)
def _font_files(root: Path, stylesheet: Path, _mtime: int, _size: int) -> tuple[Path, ...]:
    base = stylesheet.resolve().as_uri()
    found = []
    rules = tinycss2.parse_stylesheet(read_stylesheet(stylesheet), skip_comments=True)
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        for token in _walk(rule.content or []):
            url = token.value if token.type == "url" else None
            if token.type == "function" and token.lower_name == "url":
                url = next((arg.value for arg in token.arguments if arg.type == "string"), None)
            if url is None:
                continue
            target = urljoin(base, url.strip())
            if urlparse(target).scheme == "file":
                path = Path(unquote(urlparse(target).path)).resolve()
                if path.is_relative_to(root.resolve()) and path.is_file():
                    found.append(path)
    return tuple(found)


def _walk(tokens):
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _walk(token.arguments)
        elif hasattr(token, "content") and isinstance(token.content, list):
            yield from _walk(token.content)


def coverage(fonts: list[Path]) -> frozenset[int]:
    """The code points at least one of the fonts can draw."""
    covered: set[int] = set()
    for path in fonts:
        stat = path.stat()
        covered |= _cmap(path, stat.st_mtime_ns, stat.st_size)
    return frozenset(covered)


@lru_cache(maxsize=64)
def _cmap(path: Path, _mtime: int, _size: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont, TTLibError  # only where text is checked: 30 ms to import

    try:
        with TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except (TTLibError, OSError, KeyError, AssertionError):
        return frozenset()  # not a usable font: the stylesheet check reports it


def invisible(char: str) -> bool:
    """Characters that draw nothing of their own: spaces, line breaks, joiners, variation selectors."""
    code = ord(char)
    return (
        char.isspace()
        or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def missing(text: str, covered: frozenset[int]) -> list[str]:
    """The distinct characters of text that no font covers, in order of appearance."""
    return list(dict.fromkeys(c for c in text if ord(c) not in covered and not invisible(c)))


def describe(char: str) -> str:
    """'☺' (U+263A WHITE SMILING FACE)."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


def check_document(
    doc: YamlDocument,
    covered: frozenset[int],
    fonts_folder: str = "styles/fonts/",
    bundled: Callable[[], list[Bundled]] = list,
) -> list[Problem]:
    """A problem for every printed field of a content file that holds a character no font has.

    bundled: the font files in the fonts folder the stylesheets do not load, asked for only when a character
    is missing: one that has the characters is named, since then only its @font-face is missing.
    """
    problems = []
    for path, text in doc.strings(skip=NOT_PRINTED):
        chars = missing(markup.plain(text), covered)
        if not chars:
            continue
        named = " and ".join(describe(c) for c in chars[:_SHOWN])
        more = f" and {len(chars) - _SHOWN} more" if len(chars) > _SHOWN else ""
        one = len(chars) == 1
        it, boxes = ("it", "an empty box") if one else ("they", "empty boxes")
        font = next((font for font in bundled() if all(ord(c) in font.covers for c in chars)), None)
        if font is not None:
            message = f"{named}{more} {'is' if one else 'are'} in none of the fonts this edition's stylesheets load"
            declared = f" ({font.loaded_by[0]} loads it)" if font.loaded_by else ""
            hint = f"{font.file} has {'it' if one else 'them'}{declared}: add its @font-face to a stylesheet of this edition"
        else:
            message = f"{named}{more} {'is' if one else 'are'} in none of the fonts in {fonts_folder}"
            them = "it" if one else "them"
            hint = f"remove {them}, or add a font that has {them} to {fonts_folder} and its @font-face to the stylesheet"
        problems.append(Problem(doc.file, doc.line_of(path), dotted(path), f"{message}, so {it} would print as {boxes}", hint))
    return problems


FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


@dataclass(frozen=True)
class Bundled:
    """A font file in styles/fonts/ that an edition's stylesheets do not load."""

    file: str  # project-relative
    covers: frozenset[int]
    loaded_by: tuple[str, ...]  # the stylesheets in styles/ whose @font-face loads it


def bundled_fonts(root: Path, loaded: list[Path], folder: str = "styles/fonts") -> list[Bundled]:
    """The font files in the project's fonts folder that are not among those loaded (regular ones first),
    with what they cover and which stylesheets in styles/ load them."""
    loaded = {path.resolve() for path in loaded}
    sheets = {sheet: font_files(root, sheet) for sheet in sorted((root / "styles").rglob("*.css")) if sheet.is_file()}
    paths = [p for p in (root / folder).rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()]
    found = []
    for path in sorted(paths, key=lambda p: ("Regular" not in p.name, p.name)):
        if path.resolve() not in loaded:
            by = tuple(sheet.relative_to(root).as_posix() for sheet, fonts in sheets.items() if path.resolve() in fonts)
            found.append(Bundled(path.relative_to(root).as_posix(), coverage([path]), by))
    return found


class GlyphCheck:
    """The characters of an edition's files that none of its fonts has; each file checked once per set of characters
    the fonts have (teams with stylesheets of their own and the same fonts share it)."""

    def __init__(self, library):
        self.library = library
        self._coverage: dict[tuple[str, ...], frozenset[int]] = {}
        self._found: dict[tuple[str, frozenset[int]], list[Problem]] = {}
        self._bundled: dict[frozenset[int], Callable[[], list[Bundled]]] = {}

    def __call__(self, edition) -> list[Problem]:
        library, root = self.library, self.library.root
        sheets = edition.stylesheets
        if sheets not in self._coverage:
            fonts = [font for sheet in sheets for font in font_files(root, root / sheet)]
            covered = coverage(fonts)
            known = next((c for c in self._coverage.values() if c == covered), covered)
            self._coverage[sheets] = known  # one object per set: the checks below are looked up by it
            self._bundled[known] = cache(lambda fonts=fonts: bundled_fonts(root, fonts))  # read once, if a character is missing
        condition = library.conditions[edition.condition]
        sources = [library.project, library.teams[edition.team]]
        if edition.translation:  # the text it prints is the translations'; the project's and team's names and people too
            sources += translation_sources(library, edition.team, edition.condition, edition.translation)
        else:
            sources += [condition] + [library.shared[s.use] for s in condition.item.sections if s.use]
        problems = []
        covered = self._coverage[sheets]
        for source in sources:
            key = (source.file, covered)
            if key not in self._found:
                self._found[key] = check_document(source.doc, covered, bundled=self._bundled[covered])
            problems += self._found[key]
        return problems
