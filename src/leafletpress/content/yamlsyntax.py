"""A YAML syntax error in the words of a content author, at the line where the mistake is.

PyYAML reports where its parser noticed something was wrong, in the parser's terms ('expected
<block end>, but found <scalar>'), often lines after the mistake. Each case here is a mistake
people make (a quote left open, a colon or a dash forgotten, text that starts with a special
character) recognised from the error and the lines around it.
"""

from __future__ import annotations

import re

import yaml

from ..problems import Problem

_NO_SPACE_RE = re.compile(r"^\s*(- )?[A-Za-z_]+:(?!//)\S")  # 'title:Rug': YAML needs 'title: Rug'
# Where PyYAML says it was, appended to its messages: the problem gives the line instead.
_MARK_RE = re.compile(r'\s*in "<[^>]*>", (?:line \d+, column \d+|position \d+)')


def one_line(message: str) -> str:
    """A parser's words on one line, without the places it appends ('in "<unicode string>", position 1503')."""
    return " ".join(_MARK_RE.sub("", message).split())


def plain_problem(exc: yaml.YAMLError, shown_as: str, text: str) -> Problem:
    """Any other error of the parser, on one line, at the line of its position where it gives one (a ReaderError's
    character is found before parsing, yamlchars.py: this is the fallback)."""
    position = getattr(exc, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
    reason = getattr(exc, "reason", None)
    what = f"{reason} (U+{exc.character:04X})" if reason and isinstance(getattr(exc, "character", None), int) else str(exc)
    return Problem(shown_as, line, "", f"is not valid YAML: {one_line(what)}", "check the characters on this line")


def syntax_problem(exc: yaml.MarkedYAMLError, shown_as: str, text: str, loader) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    what = one_line(exc.problem or "invalid YAML")
    context = one_line(exc.context or "")
    hint = {
        "mapping values are not allowed here": "a value containing ': ' must be put in quotes",
        "found character '\\t' that cannot start any token": "replace the tab by spaces",
        "could not find expected ':'": "each line needs 'key: value'; check the line above for a missing colon or quote",
    }.get(what, "check indentation and quotes on this line and the one above")
    lines = text.splitlines()
    unclosed = _unclosed_quote(text, mark, loader)
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
    elif what == "but found another document":
        what = "a second document starts here ('---'), and a content file holds one"
        hint = "remove the '---' line, and move what follows it into a file of its own if it is another leaflet's"
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


def _unclosed_quote(text: str, mark, loader) -> tuple[int, int] | None:
    """(line opened, line closed) when the error follows a quoted text that runs over lines that look like
    keys or list items: its closing quote was forgotten and a later quote closed it."""
    if mark is None:
        return None
    quoted = []
    try:
        for token in yaml.scan(text, Loader=loader):
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
