"""Layout sharing: editions whose body would be laid out the same reuse one laid-out body.

An edition is one HTML document: cover, back, then the body that flows over the body panels.
The body is most of the layout work, and several teams often print the same condition with
the same house style. A worker keeps the body pages of the editions it laid out; when the
next edition's *body key* matches, only its cover and back are laid out, and its document is
those two pages plus the kept body pages. WeasyPrint writes such a document byte for byte as
it writes a whole one (tests/test_share.py checks it for every edition).

The key is a hash of what can change how the body is laid out or drawn: the body's HTML, the
<html> element, the classes on <body> that a stylesheet names, and every stylesheet rule that
may apply inside the body. A rule is left out only when it provably cannot: its selector
requires a class, id or element that occurs nowhere in the body or its ancestors, and it sets
nothing that reaches across elements (counters, named strings, running elements, breaks). A
stylesheet this cannot reason about (an @import, nested rules, a sibling or :has() selector
that applies to the body, the page count or a cross-reference) gives no key: the edition is
laid out whole.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import tinycss2

BODY_START = '<main class="body">'
BODY_END = "</main>"
# Declarations whose effect crosses from one element to others laid out elsewhere.
_REACHING = re.compile(r"counter-|string-set|running\(|element\(|bookmark-|break-|page\s*:", re.IGNORECASE)
# Values that depend on the whole document: the page count, cross-references.
_WHOLE_DOCUMENT = re.compile(r"counter\(\s*pages|counters\(\s*pages|target-(counter|counters|text)\(", re.IGNORECASE)
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_KEEP = 4  # bodies a worker keeps: editions arrive grouped by condition, so one or two are used at a time


def split(html: str) -> tuple[str, str] | None:
    """The document without its body (cover and back only), and the body fragment; None if there is no body."""
    start = html.find(BODY_START)
    end = html.find(BODY_END, start)
    if start < 0 or end < 0 or html.find(BODY_START, start + 1) >= 0:
        return None
    end += len(BODY_END)
    return html[:start] + html[end:], html[start:end]


def body_key(html: str, sheets: list[str], pages: str) -> str | None:
    """The body's key for sharing (see the module docstring), or None when it must not be shared.

    sheets are the texts of the edition's stylesheets, in cascade order; pages is what sizes the
    panels, the fold's page CSS with the bleed (typesetter.fold_css).
    """
    parts = split(html)
    if parts is None:
        return None
    body = parts[1]
    html_tag = re.search(r"<html[^>]*>", html)
    body_tag = re.search(r"<body[^>]*>", html)
    if not html_tag or not body_tag:
        return None
    # The body and its ancestors: what a selector's subject could match to affect the body.
    scope = body + html_tag.group(0) + body_tag.group(0)
    present = _Present(scope)
    digest = hashlib.sha256()
    named: set[str] = set()
    for text in sheets:
        if _WHOLE_DOCUMENT.search(text):
            return None  # the cover or back would show something that depends on the body
        relevant = _relevant_rules(text, present)
        if relevant is None:
            return None
        for rule, classes in relevant:
            digest.update(rule.encode("utf-8") + b"\0")
            named |= classes
    body_classes = sorted(set((_CLASS_ATTR.search(body_tag.group(0)) or [None, ""])[1].split()) & named)
    for part in (pages, html_tag.group(0), " ".join(body_classes), body):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class _Present:
    """The classes, ids and element names that occur in a piece of HTML."""

    def __init__(self, html: str):
        self.classes = {name for value in _CLASS_ATTR.findall(html) for name in value.split()}
        self.ids = set(_ID_ATTR.findall(html))
        self.tags = {tag.lower() for tag in _TAG.findall(html)}


@dataclass(frozen=True)
class _Selector:
    """What one selector needs to match an element, and what it mentions."""

    classes: frozenset[str]  # the classes, ids and element its subject needs (outside :not() and the like)
    ids: frozenset[str]
    tag: str | None
    relational: bool  # matching depends on siblings or descendants (which may be on the cover or back)
    names: frozenset[str]  # every name it mentions, so a class on <body> it may test is in the key

    def may_match(self, present: _Present) -> bool:
        return self.classes <= present.classes and self.ids <= present.ids and (self.tag is None or self.tag in present.tags)


@dataclass(frozen=True)
class _Rule:
    """A stylesheet rule, serialised, with its selectors; without selectors (an at-rule), or
    reaching (counters, breaks...), it counts wherever it is."""

    text: str
    selectors: tuple[_Selector, ...] = ()
    reaching: bool = False


def _relevant_rules(text: str, present: _Present) -> list[tuple[str, set[str]]] | None:
    """The rules of a stylesheet that may apply inside the body, serialised, with the names they mention."""
    rules = _analysed(text)
    if rules is None:
        return None
    relevant = []
    for rule in rules:
        applies = [s for s in rule.selectors if rule.reaching or s.may_match(present)]
        if rule.selectors and not applies:
            continue
        if any(s.relational for s in applies):
            return None  # which body elements it matches depends on the cover and back
        relevant.append((rule.text, {name for s in applies for name in s.names}))
    return relevant


@lru_cache(maxsize=32)
def _analysed(text: str) -> tuple[_Rule, ...] | None:
    """A stylesheet's rules with their selectors taken apart, once per stylesheet text; None if it
    cannot be reasoned about. Rules the cover and back alone use (their @page rules) are left out."""
    rules = []
    for node in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if node.type == "qualified-rule":
            if any(token.type == "{} block" for token in node.content):
                return None  # nested rules: their selectors are relative to this one's
            selectors = tuple(_selector(tokens) for tokens in _selectors(node.prelude))
            reaching = bool(_REACHING.search(tinycss2.serialize(node.content)))
            rules.append(_Rule(node.serialize(), selectors, reaching))
        elif node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import":
                return None  # its contents are not here to look at
            if keyword == "page" and _named_page(node.prelude) in ("cover", "back"):
                continue  # the cover's and the back's own page rules
            if keyword == "media":
                inner = _analysed(tinycss2.serialize(node.content or []))
                if inner is None:
                    return None
                rules.append(_Rule(tinycss2.serialize(node.prelude)))
                rules += inner
                continue
            rules.append(_Rule(node.serialize()))  # @font-face, @page, anything else: keep
        elif node.type == "error":
            rules.append(_Rule(f"error {node.message}"))
    return tuple(rules)


def _selector(tokens: list) -> _Selector:
    classes, ids, tag = _requirements(_subject(tokens))
    return _Selector(frozenset(classes), frozenset(ids), tag, _relational(tokens), frozenset(_names(tokens)))


def _selectors(prelude) -> list[list]:
    """A selector list's selectors, as token lists."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return [_strip(s) for s in selectors]


def _strip(tokens: list) -> list:
    while tokens and tokens[0].type == "whitespace":
        tokens = tokens[1:]
    while tokens and tokens[-1].type == "whitespace":
        tokens = tokens[:-1]
    return tokens


def _subject(selector: list) -> list:
    """The last compound selector: what the rule's declarations apply to."""
    start = 0
    for index, token in enumerate(selector):
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            start = index + 1
    return selector[start:]


def _requirements(compound: list) -> tuple[set[str], set[str], str | None]:
    """The classes, ids and element name a compound selector requires (outside :not() and the like)."""
    classes, ids, tag = set(), set(), None
    for index, token in enumerate(compound):
        if token.type == "literal" and token.value == "." and index + 1 < len(compound):
            if compound[index + 1].type == "ident":
                classes.add(compound[index + 1].value)
        elif token.type == "hash":
            ids.add(token.value)
        elif token.type == "ident" and index == 0:
            tag = token.lower_value
    return classes, ids, tag


def _names(selector: list) -> set[str]:
    """Every name a selector mentions (its classes and more), so a class on <body> it may test is in the key."""
    names, tokens = set(), list(selector)
    while tokens:
        token = tokens.pop()
        if token.type == "function" or token.type in ("() block", "[] block"):
            tokens += token.arguments if token.type == "function" else token.content
        elif token.type == "ident":
            names.add(token.value)
    return names


def _relational(selector: list) -> bool:
    """Whether matching depends on siblings or descendants (which may be on the cover or back)."""
    for token in selector:
        if token.type == "literal" and token.value in ("+", "~"):
            return True
        if token.type == "function" and token.lower_name == "has":
            return True
    return False


def _named_page(prelude) -> str | None:
    tokens = _strip(list(prelude))
    return tokens[0].lower_value if len(tokens) == 1 and tokens[0].type == "ident" else None


class Bodies:
    """The laid-out body pages a worker keeps, by body key (least recently used first out)."""

    def __init__(self, keep: int = _KEEP):
        self._pages: OrderedDict[str, list] = OrderedDict()
        self._keep = keep
        self._batch = ""

    def start(self, batch: str) -> None:
        """Forget every body when a new build begins: fonts or images may have changed since."""
        if batch != self._batch:
            self._pages.clear()
            self._batch = batch

    def get(self, key: str | None) -> list | None:
        if key is None or key not in self._pages:
            return None
        self._pages.move_to_end(key)
        return self._pages[key]

    def put(self, key: str | None, pages: list) -> None:
        if key is None:
            return
        self._pages[key] = pages
        self._pages.move_to_end(key)
        while len(self._pages) > self._keep:
            self._pages.popitem(last=False)
