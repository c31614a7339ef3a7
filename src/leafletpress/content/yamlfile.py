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

from ..problems import ContentError, Problem, Problems, dotted
from . import yamlchars
from .textfile import decode
from .yamlsyntax import plain_problem, syntax_problem

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
    problems: list[Problem] = field(default_factory=list)  # warnings found while reading it (yamlchars.py)

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


def read_inside(path: Path, root: Path, problems: Problems) -> YamlDocument | None:
    """A content file of the project, parsed; None, with its problems added, when it cannot be read.

    A link that leads out of the project is never read, nor its target shown: it could point at any
    file on the computer.
    """
    shown = path.relative_to(root).as_posix()  # the file's own name, not where a link leads
    if not path.resolve().is_relative_to(root.resolve()):
        problems.add(
            Problem(
                shown,
                0,
                "",
                "is a link to a file outside the project; leafletpress reads content only from inside it",
                f"copy the file into {path.parent.relative_to(root).as_posix()}/ instead of linking to it",
            )
        )
        return None
    try:
        doc = read_yaml(path, shown)
        problems.extend(doc.problems)
        return doc
    except ContentError as exc:
        problems.extend(exc.problems)
    except OSError as exc:
        problems.add(Problem(shown, 0, "", f"cannot be read: {exc.strerror}"))
    return None


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
    text = decode(raw, shown_as)
    hidden = yamlchars.has_any(text)  # characters the author cannot see: named before YAML stumbles on them
    if hidden and (breaking := yamlchars.breaking_problems(text, shown_as, _FastLoader)):
        raise ContentError(breaking)
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
        raise ContentError([syntax_problem(exc, shown_as, text, _TextLoader)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([plain_problem(exc, shown_as, text)]) from None
    doc = YamlDocument(shown_as, None)
    if node is None:
        doc.data = {}
        doc.lines[()] = 1
        return doc
    doc.data = _Walker(doc, text).value(node, ())
    if hidden:
        doc.problems = yamlchars.invisible_problems(text, shown_as, node)
        if any(problem.is_error for problem in doc.problems):
            raise ContentError(doc.problems)  # a name that does not match: its one line, not what follows from it
    return doc


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
                dotted(path),
                f"has more than {MAX_NODES} values",
                "the file probably repeats an alias (&name / *name) many times; write the content out plainly",
            )
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS[type(node)]:
            raise self.refuse(
                node,
                dotted(path),
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
                dotted(path),
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
                                dotted(path),
                                "this list item is indented further than the one above it, so YAML makes it part of that text",
                                "start it in the same column as the other items",
                            )
                        ]
                    )

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:null":
                raise self.refuse(key_node, dotted(path), "has a key that is not a plain name")
            key = key_node.value
            if key == "<<" and not key_node.style:
                raise self.refuse(
                    key_node,
                    dotted(path),
                    "'<<:' merges the keys of another block in here, which leafletpress does not do",
                    "write the keys out here (an alias, *name, for a whole value works)",
                )
            if key in result:
                first = self.doc.lines.get(path + (key,), 0)
                raise self.refuse(
                    key_node,
                    dotted(path + (key,)),
                    f"key '{key}' appears twice (first on line {first})",
                    "remove one of them; YAML would silently keep only the last",
                )
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, path + (key,))
        return result
