"""Read one YAML content file safely, keeping the line of every value.

Every scalar is read as text (YAML 1.1 would turn an unquoted `no` into false and
`0612345678` into a number); the content model converts text where it wants
another type, so nothing changes behind the author's back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..problems import ContentError, Problem

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 20_000  # caps alias expansion ("billion laughs") long before memory does
MAX_DEPTH = 40  # a leaflet needs about 6 levels; a self-referencing alias would recurse forever

Path_ = tuple  # a field path: keys and list indices from the document root


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that resolves plain scalars to null or text, never bool/int/float/date."""


_TextLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's parser is about five times faster than PyYAML's own: it reads every file of a build.
# Its error wording differs, so a file it refuses is parsed again by _TextLoader for the message.
_FastLoader = _TextLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # noqa: F811 - the C parser, with the same text-only resolvers
        """CSafeLoader with _TextLoader's resolvers."""

    _FastLoader.yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers


# The tags a plain document has; any other (`!!python/...`, `!!binary`, `!custom`) is refused.
_PLAIN_TAGS = {
    yaml.MappingNode: ("tag:yaml.org,2002:map",),
    yaml.SequenceNode: ("tag:yaml.org,2002:seq",),
    yaml.ScalarNode: ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null"),
}


@dataclass
class YamlDocument:
    """The plain data of a file plus the line (1-based) of every field path in it."""

    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def strings(self, skip: frozenset[str] = frozenset()):
        """Every text value with its field path, in document order; keys in skip are left out with all below them."""
        stack = [((), self.data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                yield path, value
            elif isinstance(value, dict):
                stack += [(path + (k,), v) for k, v in reversed(value.items()) if k not in skip]
            elif isinstance(value, list):
                stack += [(path + (i,), v) for i, v in reversed(list(enumerate(value)))]

    def line_of(self, path: Path_) -> int:
        """The line of a path, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, shown_as: str) -> YamlDocument:
    """Parse a content file; raise ContentError with located problems if it cannot be read."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError(
            [
                Problem(
                    shown_as,
                    1,
                    "",
                    f"file is {len(raw) // 1024} KB, more than the {MAX_FILE_BYTES // 1024} KB a content file may have",
                    "split it or check that it is the right file",
                )
            ]
        )
    text = _decode(raw, shown_as)
    _check_tabs(text, shown_as)
    _check_spaces(text, shown_as)
    try:
        try:
            node = yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            node = yaml.compose(text, Loader=_TextLoader)
    except RecursionError:
        raise ContentError(
            [
                Problem(
                    shown_as,
                    1,
                    "",
                    f"is nested more than {MAX_DEPTH} levels deep",
                    "content files need only a few levels of keys and lists; check the brackets",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_syntax_problem(exc, shown_as, text)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, 1, "", f"is not valid YAML: {exc}")]) from None
    doc = YamlDocument(shown_as, None)
    if node is None:
        doc.data = {}
        doc.lines[()] = 1
        return doc
    doc.data = _Walker(doc, text).value(node, ())
    return doc


def _decode(raw: bytes, shown_as: str) -> str:
    def refuse(line: int, message: str, hint: str) -> ContentError:
        return ContentError([Problem(shown_as, line, "", message, hint)])

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:200].count(b"\x00") > len(raw[:200]) // 4:
        # Word's and Notepad's "Unicode": two bytes per character, every other one zero for plain letters.
        raise refuse(1, "is saved as UTF-16 ('Unicode'), not UTF-8", "save it with the encoding 'UTF-8' ('Save as' > 'Encoding')")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise refuse(
            1,
            "file starts with a byte-order mark (BOM)",
            "save it as 'UTF-8' without BOM; most editors offer this under 'Save as' > 'Encoding'",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise refuse(
            line, f"is not UTF-8 text (byte 0x{raw[exc.start]:02X} cannot be read)", "save the file with the encoding 'UTF-8'"
        ) from None


# Spaces that look like a space but are not one to YAML (pasted from Word or a web page).
_ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u2007": "a figure space",
    "\u202f": "a narrow no-break space",
    "\u3000": "an ideographic space",
    "\u2009": "a thin space",
}
_SPACES = " " + "".join(_ODD_SPACES)
_STRUCTURE = re.compile(rf"^(?P<indent>[{_SPACES}]*)(?:- )?(?:[A-Za-z_][A-Za-z0-9_]*:(?P<after>[{_SPACES[1:]}]))?")


def _check_spaces(text: str, shown_as: str) -> None:
    """A non-breaking space where YAML needs a space (in the indent, or after 'key:') breaks the file far below."""
    for number, line in enumerate(text.splitlines(), start=1):
        match = _STRUCTURE.match(line)
        odd = next((c for c in match.group("indent") if c in _ODD_SPACES), None) or match.group("after")
        if odd:
            where = "in the indentation" if odd in match.group("indent") else f"after '{line.split(':', 1)[0].strip()}:'"
            raise ContentError(
                [
                    Problem(
                        shown_as,
                        number,
                        "",
                        f"has {_ODD_SPACES[odd]} (U+{ord(odd):04X}) {where}, where YAML needs a plain space",
                        "delete that space and type a normal one (it was probably pasted from Word or a web page)",
                    )
                ]
            )


def _check_tabs(text: str, shown_as: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise ContentError(
                [
                    Problem(
                        shown_as,
                        number,
                        "",
                        "line is indented with a tab",
                        "YAML indents with spaces only: replace the tab by spaces",
                    )
                ]
            )


_NO_SPACE_RE = re.compile(r"^\s*(- )?[A-Za-z_]+:(?!//)\S")  # 'title:Rug': YAML needs 'title: Rug'


def _syntax_problem(exc: yaml.MarkedYAMLError, shown_as: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    what = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    hint = {
        "mapping values are not allowed here": "a value containing ': ' must be put in quotes",
        "found character '\\t' that cannot start any token": "replace the tab by spaces",
        "could not find expected ':'": "each line needs 'key: value'; check the line above for a missing colon or quote",
    }.get(what, "check indentation and quotes on this line and the one above")
    lines = text.splitlines()
    unclosed = _unclosed_quote(text, mark)
    missing = _missing_colon(lines, line) if what == "mapping values are not allowed here" else None
    if unclosed is not None:
        opened, closed = unclosed
        return Problem(
            shown_as,
            opened,
            "",
            f"is not valid YAML: the quote opened on this line is not closed on it, so YAML reads on to line {closed}",
            "add the closing quote at the end of the text on this line",
        )
    if missing is not None:
        number, key, value = missing
        return Problem(
            shown_as,
            number,
            "",
            f"is not valid YAML: '{key} {value[:30]}' has no ':' after the key '{key}'",
            f"write {key}: {value[:30]}",
        )
    if context == "while scanning a simple key" and exc.context_mark is not None:
        return _not_a_key(shown_as, lines, exc.context_mark.line + 1)
    if what == "mapping values are not allowed here" and _value(lines, line)[:1] in ("\u201c", "\u2018", "\u201e"):
        return Problem(
            shown_as,
            line,
            "",
            "is not valid YAML: a ': ' inside a value, and the value's curly quotes (“ ”) do not count as quotes",
            'put the whole text in straight quotes, e.g. text: "“Let op: niet tillen”"',
        )
    if what == "mapping values are not allowed here" and any(
        _NO_SPACE_RE.match(lines[number - 1]) for number in (line - 1, line) if 0 < number <= len(lines)
    ):
        number = next(n for n in (line - 1, line) if 0 < n <= len(lines) and _NO_SPACE_RE.match(lines[n - 1]))
        line, what, hint = number, "a ':' with no space after it", "write a space after the ':', as in title: Rugklachten"
    elif what == "mapping values are not allowed here" and _continues_value(lines, line):
        what = "this line is indented deeper than the key above, so YAML reads it as part of that value"
        hint = "line it up with the key above it (the same number of spaces), or put the text in quotes"
    elif what == "mapping values are not allowed here":
        what = "a ': ' inside a value"
    if what.startswith(("found character '`'", "found character '@'", "found character '%'")):
        hint = "text starting with this character must be put in quotes"
    # PyYAML's words name parser states; say what the author did instead, where it is clear.
    if context == "while scanning a quoted scalar":
        line, what, hint = opened, "a quote opened on this line is never closed", "add the closing quote at the end of the text"
    elif context == "while scanning an alias" or what.startswith("found undefined alias"):
        what = "text starting with '*' is read as a YAML alias"
        hint = 'put the whole text in quotes, e.g. text: "*Let op:* ..."'
    elif context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        bracket = "[" if "sequence" in context else "{"
        line, what = opened, f"a '{bracket}' opened on this line is never closed"
        hint = f"text starting with '{bracket}' must be put in quotes"
    elif what == "expected <block end>, but found '<scalar>'":
        source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        value = source.partition(": ")[2].lstrip() or source.lstrip(" -")
        if value[:1] in ("[", "{"):
            what = f"text starting with '{value[0]}' is read as a list or keys"
        else:
            what = "text continues after a closing quote"
        hint = 'put the whole text in double quotes ("..."), or write it without quotes'
    elif what.startswith("expected <block end>, but found"):
        what = "the indentation does not match the lines above"
        hint = "keys at the same level start in the same column; list items start with '- '"
    return Problem(shown_as, line, "", f"is not valid YAML: {what}", hint)


_KEY_WITHOUT_COLON = re.compile(r"^\s*(?:- )?([A-Za-z_]+) +([^:#\s][^:#]*)$")


def _missing_colon(lines: list[str], line: int) -> tuple[int, str, str] | None:
    """(line, key, value) when the line above the error reads 'key value': a ':' forgotten, so YAML took the
    indented lines below as more of that text (`- heading Symptomen`)."""
    if not 1 < line <= len(lines):
        return None
    above, here = lines[line - 2], lines[line - 1]
    match = _KEY_WITHOUT_COLON.match(above)
    if not match or ":" not in here:
        return None
    indent_above = len(above) - len(above.lstrip(" -"))
    if len(here) - len(here.lstrip(" ")) < indent_above:
        return None
    return line - 1, match.group(1), match.group(2).strip()


def _unclosed_quote(text: str, mark) -> tuple[int, int] | None:
    """(line opened, line closed) when the error follows a quoted text that runs over lines that look like
    keys or list items: its closing quote was forgotten and a later quote closed it."""
    if mark is None:
        return None
    quoted = []
    try:
        for token in yaml.scan(text, Loader=_TextLoader):
            if token.start_mark.index > mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                quoted.append(token)
    except yaml.YAMLError:
        pass  # the tokens up to the error are all this needs
    for token in reversed(quoted):
        start, end = token.start_mark, token.end_mark
        if start.line == end.line:
            return None  # the last quoted text before the error is on one line: not this mistake
        inside = text[start.index : end.index]
        if re.search(r"\n\s*(- |[A-Za-z_]+:\s)", inside):
            return start.line + 1, end.line + 1
        return None
    return None


def _value(lines: list[str], line: int) -> str:
    """The value written on a line ('text' of 'key: text' or '- text'), stripped."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return source.partition(": ")[2].strip() if ": " in source else source.strip().removeprefix("- ").strip()


def _not_a_key(shown_as: str, lines: list[str], line: int) -> Problem:
    """A line that is neither 'key: value' nor a list item, where YAML expected one of them."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = len(source) - len(source.lstrip(" "))
    above = next((lines[n] for n in range(line - 2, -1, -1) if lines[n].strip()), "")
    if re.match(r"^\s*-\S", source):
        return Problem(
            shown_as, line, "", "is not valid YAML: a list item needs a space after its '-'", "write '- ' before the text"
        )
    if re.search(r":\s*[>|][+-]?\s*$", above) and indent <= len(above) - len(above.lstrip(" -")):
        return Problem(
            shown_as,
            line,
            "",
            "is not valid YAML: the text under a '>-' must be indented more than its key",
            "indent this line and the rest of the text further than the line with '>-'",
        )
    if above.lstrip().startswith("- ") and len(above) - len(above.lstrip(" ")) == indent:
        return Problem(
            shown_as,
            line,
            "",
            "is not valid YAML: this line is neither 'key: value' nor a list item",
            "start it with '- ' if it is an item of the list above it",
        )
    return Problem(
        shown_as,
        line,
        "",
        "is not valid YAML: this line is neither 'key: value' nor a list item",
        "write 'key: value' or '- item'",
    )


def _continues_value(lines: list[str], line: int) -> bool:
    """Whether line (1-based) is indented under a 'key: value' line, which makes it part of that value."""
    if not 1 < line <= len(lines):
        return False
    above, here = lines[line - 2], lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    above_indent = len(above) - len(above.lstrip(" -"))
    return bool(re.match(r"^\s*(- )?[^\s:#][^:#]*: \S", above)) and indent > above_indent


class _Walker:
    """Turns the composed node graph into plain data, recording lines and refusing duplicates."""

    def __init__(self, doc: YamlDocument, text: str = ""):
        self.doc = doc
        self.budget = MAX_NODES
        self.lines = text.splitlines()

    def refuse(self, node: yaml.Node, field: str, message: str, hint: str = "") -> ContentError:
        """The error for a node of this file that cannot be read, located at its line."""
        return ContentError([Problem(self.doc.file, node.start_mark.line + 1, field, message, hint)])

    def value(self, node: yaml.Node, path: Path_):
        self.budget -= 1
        if len(path) > MAX_DEPTH:
            raise self.refuse(
                node,
                "",
                f"is nested more than {MAX_DEPTH} levels deep",
                "an alias (*name) that refers to itself repeats forever; write the content out plainly",
            )
        if self.budget < 0:
            raise self.refuse(
                node,
                _dotted(path),
                f"has more than {MAX_NODES} values",
                "the file probably repeats an alias (&name / *name) many times; write the content out plainly",
            )
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS[type(node)]:
            raise self.refuse(
                node,
                _dotted(path),
                f"uses the YAML tag '{node.tag}'",
                "remove the '!' tag; content files hold plain text, lists and keys",
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (index,)) for index, item in enumerate(node.value)]
        if not node.style and node.tag != "tag:yaml.org,2002:null":  # plain (unquoted) text: None, or "" from libyaml
            self.check_plain(node, path)
        return None if node.tag == "tag:yaml.org,2002:null" else node.value

    def check_plain(self, node: yaml.ScalarNode, path: Path_) -> None:
        """Unquoted text that YAML reads otherwise than a person would: a '#' that starts a comment, a list item
        that became part of the text above it."""
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        dropped = re.match(r"\s+(#\S.*)$", rest)
        if dropped:
            raise self.refuse(
                node,
                _dotted(path),
                f"the text after ' #' ('{dropped.group(1)[:30]}') is read as a YAML comment and would not be printed",
                "put the whole text in quotes",
            )
        if end.line > node.start_mark.line:
            for offset, line in enumerate(self.lines[node.start_mark.line + 1 : end.line + 1], start=2):
                if line.lstrip().startswith("- "):
                    raise ContentError(
                        [
                            Problem(
                                self.doc.file,
                                node.start_mark.line + offset,
                                _dotted(path),
                                "this list item is indented further than the one above it, so YAML makes it part of that text",
                                "start it in the same column as the other items",
                            )
                        ]
                    )

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                raise self.refuse(key_node, _dotted(path), "has a key that is not a plain name")
            key = key_node.value
            if key in result:
                first = self.doc.lines.get(path + (key,), 0)
                raise self.refuse(
                    key_node,
                    _dotted(path + (key,)),
                    f"key '{key}' appears twice (first on line {first})",
                    "remove one of them; YAML would silently keep only the last",
                )
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, path + (key,))
        return result


def _dotted(path: Path_) -> str:
    """A field path as people read it: sections[2].blocks[0].text."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


dotted = _dotted
