"""Characters a content file holds that the author cannot see: named in words, at their line and field.

Text pasted from Word, a PDF, a web page or a chat brings characters along that show as nothing:

- **Control characters and line separators** (Word's Shift+Enter pastes a vertical tab, its page break a form
  feed; a PDF or web page a line separator U+2028). YAML refuses the first ("unacceptable character #x000b",
  at the position in the file) and reads the others as the end of a line, which breaks the file somewhere
  else. Each is an error at its own line.
- **Invisible formatting characters** YAML keeps in the text: zero-width spaces and joiners, a byte-order
  mark inside the text, left-to-right and right-to-left marks, the embeddings and isolates of bidirectional
  text. In a name something else must match (a heading that after:, replaces: or required_sections names, a
  shared section's slug, a discipline, a path, an address, a placeholder) the text is no longer the one it
  looks like: an error. In printed text the leaflet prints right, but the web page keeps the character in its
  text: a warning.

Some of them are wanted, and are left alone:

- the soft hyphen (U+00AD), a hyphenation point typed by hand: it is not in these lists at all;
- a zero-width non-joiner or joiner next to a letter of a script that joins its letters (Arabic, Syriac,
  Thaana, the Indic scripts): there they choose a letter's form, as in Persian 'می‌خواهم', and a joiner between
  two emoji, which makes them one (👩‍⚕️);
- the direction marks and embeddings in a text that holds right-to-left letters (the Arabic leaflets): they
  put a number or a Latin word in its place in the line. In a text without any, they only move punctuation.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from ..problems import Problem, Severity, dotted

# YAML refuses these (its printable set lacks them), or reads them as a line break (U+0085, U+2028, U+2029).
_BREAKING = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
_LINE_BREAKS = "\x85\u2028\u2029"
# Invisible formatting characters (Unicode's Cf) a leaflet never needs, but in the contexts the module says.
_JOINERS = "\u200c\u200d"
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_FORMAT = f"\u180e\u200b{_JOINERS}{_DIRECTION}\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_FOUND = re.compile(f"[{_BREAKING}{_FORMAT}]")
_BREAKS = re.compile(f"[{_BREAKING}]")
_FORMATTING = re.compile(f"[{_FORMAT}]")
_DIRECTIONAL = re.compile(f"[{_DIRECTION}]")

_NAMES = {
    "\x00": "a NUL character (U+0000)",
    "\x0b": "a vertical tab (U+000B, what Shift+Enter in Word pastes)",
    "\x0c": "a form feed (U+000C, a page break pasted from Word)",
    "\x1b": "an escape character (U+001B)",
    "\x7f": "a delete character (U+007F)",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u200e": "a left-to-right mark (U+200E)",
    "\u200f": "a right-to-left mark (U+200F)",
    "\u061c": "an Arabic letter mark (U+061C)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte-order mark (U+FEFF)",
}

# What a value is, by its field: an address, a file, a name that must match another, or text that is printed.
_ADDRESSES = {"url", "website", "email", "phone"}
_FILES = {"image", "logo", "stylesheet", "stylesheets", "profile"}
_NAMED = {"use", "after", "replaces", "conditions", "editions", "languages", "language", "required_sections", "fold"}
_NAMED |= {"disciplines", "translated_from", "behind", "side", "sides", "role", "direction", "new_panel"}
# In text: the character is inside a link's address, a web or e-mail address, or a {placeholder}.
_IN_ADDRESS = re.compile(r"(?:\]\([^)\s]*|(?:https?://|www\.|mailto:|tel:)\S*|[\w.+-]+@[\w.-]*)$")
_IN_PLACEHOLDER = re.compile(r"\{[^{}\s]*$")
_KEY_PREFIX = re.compile(r"^\s*(?:-\s+)*(?:[^\s:'\"][^:]*:\s+)?")


def has_any(text: str) -> bool:
    """Whether the text holds a character this module names (one search: the clean files' whole cost)."""
    return _FOUND.search(text) is not None


def breaking_problems(text: str, shown_as: str, loader) -> list[Problem]:
    """An error for each line with characters YAML refuses or reads as a line break, at its field where the file
    can be read without them (each is then taken for a space)."""
    places = _places(text, _BREAKS)
    if not places:
        return []
    readable = _BREAKS.sub(" ", text)
    problems = []
    for line, column, char, count in _first_per_line(places):
        what = "which YAML reads as the end of the line" if char in _LINE_BREAKS else "a character YAML does not allow"
        problems.append(
            Problem(
                shown_as,
                line + 1,
                _field_at(readable, loader, line, column),
                f"has {_named(char)} {_where(readable, line, column)}{_more(count)}, {what}",
                "delete it, with a space in its place if it stood between two words; or retype the line",
            )
        )
    return problems


_WHY = {
    "address": "invisible, but the address does not work with it",
    "file": "invisible, but with it the path names no file",
    "placeholder": "invisible, but with it the placeholder is none that leafletpress knows",
    "name": "invisible, but {value} with it is not the same text as {value} without it, so the two do not match",
    "text": "it prints as nothing, but the leaflet online keeps it in its text, for search, copy and screen readers",
}


def invisible_problems(text: str, shown_as: str, node: yaml.Node | None) -> list[Problem]:
    """A problem for each line with unwanted invisible formatting characters in a value or key of the composed file:
    an error where the text is a name or an address, a warning where it is printed. Comments are not looked at."""
    scalars = _scalars(node) if node is not None else []
    found = []
    for place in _places(text, _FORMATTING):
        scalar = _scalar_at(scalars, place[1], place[2], around=True)
        if scalar is not None and not _wanted(text, place[0], scalar):  # None: in a comment
            found.append(place)
    problems = []
    for line, column, char, count in _first_per_line(found):
        path, is_key, scalar = _scalar_at(scalars, line, column, around=True)
        kind = _kind_at(path, is_key, text.split("\n")[line][:column])
        value = _FOUND.sub("", scalar.value).strip()
        shown = f"'{value if len(value) <= 30 else value[:29] + '…'}'"
        problems.append(
            Problem(
                shown_as,
                line + 1,
                _shown_field(path),
                f"has {_named(char)} {_where(text, line, column)}{_more(count)}: {_WHY[kind].format(value=shown)}",
                "delete it, or retype the text around it",
                Severity.WARNING if kind == "text" else Severity.ERROR,
            )
        )
    return problems


def _named(char: str) -> str:
    """The character in words: 'a vertical tab (U+000B, what Shift+Enter in Word pastes)'."""
    if char in _NAMES:
        return _NAMES[char]
    code = f"U+{ord(char):04X}"
    if unicodedata.category(char) == "Cc":
        if 0x80 <= ord(char) <= 0x9F:
            meant = bytes([ord(char)]).decode("cp1252", errors="ignore")
            if meant:  # Windows-1252's curly quotes and dashes, decoded as Latin-1 somewhere on the way
                return f"a control character ({code}, probably a '{meant}' that was converted wrongly)"
        return f"a control character ({code})"
    name = unicodedata.name(char, "").lower()
    return f"the invisible character '{name}' ({code})" if name else f"a non-character ({code})"


def _places(text: str, pattern: re.Pattern) -> list[tuple[int, int, int, str]]:
    """(index, line, column, character) of each match, lines and columns from 0, lines ending at a newline only."""
    places, line, line_start = [], 0, 0
    for match in pattern.finditer(text):
        index = match.start()
        line += text.count("\n", line_start, index)
        line_start = text.rfind("\n", 0, index) + 1
        places.append((index, line, index - line_start, match.group()))
    return places


def _first_per_line(places) -> list[tuple[int, int, str, int]]:
    """(line, column, character, how many) per line and character: where the first is, and how many there are."""
    seen: dict[tuple[int, str], list] = {}
    for _, line, column, char in places:
        if (line, char) in seen:
            seen[(line, char)][3] += 1
        else:
            seen[(line, char)] = [line, column, char, 1]
    return [tuple(entry) for entry in seen.values()]


def _where(text: str, line: int, column: int) -> str:
    """Where on its line the character is: after the words before it, or before those after it."""
    before = _KEY_PREFIX.sub("", _FOUND.sub("", text.split("\n")[line][:column]), count=1).strip().lstrip("'\"")
    if before:
        return f"after '{before if len(before) <= 30 else '…' + before[-29:]}'"
    after = _FOUND.sub("", text.split("\n")[line][column + 1 :]).strip()
    return f"before '{after if len(after) <= 30 else after[:29] + '…'}'" if after else "on a line of its own"


def _more(count: int) -> str:
    return f" (and {count - 1} more on this line)" if count > 1 else ""


def _field_at(text: str, loader, line: int, column: int) -> str:
    """The field at a place in the file, when it can be read; '' when it cannot."""
    try:
        node = yaml.compose(text, Loader=loader)
    except (yaml.YAMLError, RecursionError):
        return ""
    scalar = _scalar_at(_scalars(node), line, column) if node is not None else None
    return _shown_field(scalar[0]) if scalar else ""


def _scalars(node: yaml.Node) -> list[tuple[tuple, bool, yaml.ScalarNode]]:
    """Every scalar of a composed file with its field path and whether it is a key, in document order, each node once:
    an alias shares its anchor's node, which keeps the anchor's path."""
    found, seen, stack = [], set(), [((), node)]
    while stack:
        path, item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, yaml.ScalarNode):
            found.append((path, False, item))
        elif isinstance(item, yaml.MappingNode):
            children = []
            for key, value in item.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if isinstance(key, yaml.ScalarNode):
                    found.append((path + (name,), True, key))
                children.append((path + (name,), value))
            stack += reversed(children)
        elif isinstance(item, yaml.SequenceNode):
            stack += reversed([(path + (index,), value) for index, value in enumerate(item.value)])
    return found


def _scalar_at(scalars, line: int, column: int, around: bool = False):
    """The scalar at a place: the one around it; unless around, else the last one before it on its line, else the first
    after it there (a character taken for a space is outside the text it was in)."""
    place = (line, column)
    same_line = []
    for scalar in scalars:
        start, end = scalar[2].start_mark, scalar[2].end_mark
        if (start.line, start.column) <= place < (end.line, end.column):
            return scalar
        if start.line <= line <= end.line:
            same_line.append(scalar)
    if around:
        return None
    before = [s for s in same_line if (s[2].start_mark.line, s[2].start_mark.column) <= place]
    if before:
        return max(before, key=lambda s: (s[2].start_mark.line, s[2].start_mark.column))
    return min(same_line, key=lambda s: (s[2].start_mark.line, s[2].start_mark.column)) if same_line else None


def _wanted(text: str, index: int, scalar) -> bool:
    """Whether a formatting character does a job where it is, in the scalar around it (see the module's docstring)."""
    char = text[index]
    if char in _JOINERS:
        before, after = _letter(text, index, -1), _letter(text, index, 1)
        if _joining(before) or _joining(after):
            return True
        return char == "\u200d" and _emoji(before) and _emoji(after)
    if _DIRECTIONAL.match(char):
        letters = _FOUND.sub("", scalar[2].value) if scalar is not None else ""  # a mark is of its direction itself
        return any(unicodedata.bidirectional(c) in ("R", "AL") for c in letters)
    return False


def _letter(text: str, index: int, step: int) -> str:
    """The character next to index (step -1 before, 1 after), past combining marks (an Arabic vowel sign)."""
    index += step
    while 0 <= index < len(text) and unicodedata.category(text[index]) in ("Mn", "Me"):
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _joining(char: str) -> bool:
    """A letter of a script whose letters join or take forms: Arabic, Syriac, Thaana (AL) and the Indic scripts."""
    return bool(char) and (unicodedata.bidirectional(char) == "AL" or 0x0900 <= ord(char) <= 0x0DFF)


def _emoji(char: str) -> bool:
    return bool(char) and (
        unicodedata.category(char) == "So" or char == "\ufe0f" or ord(char) >= 0x1F000 or 0x2600 <= ord(char) <= 0x27BF
    )


def _kind_at(path: tuple, is_key: bool, before: str) -> str:
    """What the text with the character is (see _WHY), by its field and by what comes before the character on its
    line: inside a link's address or a {placeholder} in printed text, it is one of those."""
    kind = "name" if is_key else _kind(path)
    if kind in ("text", "name") and not is_key and _IN_ADDRESS.search(before):
        return "address"
    return "placeholder" if kind == "text" and _IN_PLACEHOLDER.search(before) else kind


def _kind(path: tuple) -> str:
    """'address', 'file', 'name' or 'text': what the value at this field path is (see _ADDRESSES, _FILES, _NAMED)."""
    keys = [part for part in path if isinstance(part, str)]
    last = keys[-1] if keys else ""
    if last in _ADDRESSES:
        return "address"
    if last in _FILES:
        return "file"
    if any(key in _NAMED for key in keys) or (last == "heading" and keys[0] != "back") or (last == "name" and "panels" in keys):
        return "name"
    return "text"


def _shown_field(path: tuple) -> str:
    """The field path as the problem shows it, without the invisible characters that may be in its keys."""
    return _FOUND.sub("", dotted(path))
