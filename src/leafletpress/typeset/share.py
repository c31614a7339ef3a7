"""Layout sharing: editions whose body or back would be laid out the same reuse one laid-out page.

An edition is one HTML document: cover, back, then the body that flows over the body panels.
The body is most of the layout work, and several teams often print the same condition with
the same house style; the back belongs to the team, printed the same on every condition but
for its QR code (the edition's web address). A worker keeps the body pages and the back pages
of the editions it laid out; when the next edition's *body key* matches, only its cover and
back are laid out, and when its *back key* matches too, only its cover, and its own QR code is
put into the kept back (swap.py). WeasyPrint writes such a document byte for byte as it writes
a whole one (tests/test_share.py checks it for every edition). So a library costs about one
body per condition and one back per team, plus a cover per edition: C + T, not C x T.

The key is a hash of what can change how the body is laid out or drawn: the body's HTML, the
<html> element, the classes on <body> that a stylesheet names, and every stylesheet rule that
may apply inside the body. A rule is left out only when it provably cannot: its selector
requires a class, id or element that occurs nowhere in the body or its ancestors, and it sets
nothing that reaches across elements (counters, named strings, running elements, breaks). A
stylesheet this cannot reason about (an @import, nested rules, a sibling or :has() selector
that applies to the body, the page count or a cross-reference) gives no key: the edition is
laid out whole. The back key is the same over the back, with the QR code's drawing and
address left out (its size stays in). Both keys also refuse what carries content from one
part into a later one (counters, named strings, running or fixed elements set in the cover,
or in the back for the body) and selectors that look at the panels' siblings (`:last-child`,
`:nth-of-type()`... on a panel): a part laid out without its neighbours would see other ones.

A layout that is only measured, never drawn (check's screen layout: whether the edition fits
without hyphens), has a *fit key* too: the body key with the values of colour custom properties
left out (`--accent: #1a5aa6`, a hash or rgb()/hsl() colour). Teams that differ only in such colours,
as the sample's do, lay their bodies out the same: wherever var() puts a valid colour, it is a
colour, and a colour moves nothing. A name (`red`) is not left out: var() could make it a font.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import tinycss2
import tinycss2.color5

from ..kept import Kept

COVER_START = '<section class="panel cover'  # compose's template: cover, back, body, in this order
BACK_START = '<section class="panel back"'
BODY_START = '<main class="body">'
BODY_END = "</main>"
# Declarations whose effect crosses from one element to others laid out elsewhere.
_REACHING = re.compile(r"counter-|string-set|running\(|element\(|bookmark-|break-|page\s*:", re.IGNORECASE)
# Values that depend on the whole document: the page count, cross-references.
_WHOLE_DOCUMENT = re.compile(r"counter\(\s*pages|counters\(\s*pages|target-(counter|counters|text)\(", re.IGNORECASE)
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# Declarations that carry content into the parts laid out after: a part kept from another edition
# would show that edition's.
_ATTR = re.compile(r"\battr\(", re.IGNORECASE)
_CARRYING = re.compile(r"counter-(reset|increment|set)|string-set|running\(|position\s*:\s*fixed", re.IGNORECASE)
# Pseudo-classes that look at an element's siblings (or, :has(), its descendants).
_STRUCTURAL = frozenset(
    "first-child last-child only-child nth-child nth-last-child first-of-type last-of-type only-of-type "
    "nth-of-type nth-last-of-type has".split()
)
# The QR code on the back: its address and drawing are the edition's, its size (the opening tag) the key's.
# The link's aria-label says the address too ("Lees deze folder online: ..."): it is the edition's as well.
QR = re.compile(
    r'(<figure class="qr"><a href=")([^"]*)(" aria-label="[^"]*">|">)(<svg [^>]*class="qr-code"[^>]*>)(.*?)(</svg>)', re.DOTALL
)
QR_ATTRIBUTES = frozenset({"href", "aria-label"})  # what a selector must not test when a back is shared
_KEEP = 4  # bodies a worker keeps: editions arrive grouped by condition, so one or two are used at a time
# Backs a worker keeps: one per team, QR code size and layout (print, and the screen edition's without
# hyphens), every team coming round once per condition. Fewer than the editions cycle through makes
# the least recently used one the next one asked for: the sample-based library's 10 teams with two
# code sizes and both layouts need 40, and with 32 no screen back was ever reused (about 1 MB each).
KEEP_BACKS = 64


def split(html: str) -> tuple[str, str] | None:
    """The document without its body (cover and back only), and the body fragment; None if there is no body."""
    start = html.find(BODY_START)
    end = html.find(BODY_END, start)
    if start < 0 or end < 0 or html.find(BODY_START, start + 1) >= 0:
        return None
    end += len(BODY_END)
    return html[:start] + html[end:], html[start:end]


@dataclass(frozen=True)
class Parts:
    """An edition's HTML cut at its panels: what comes before the cover, the cover, the back, the body, the rest."""

    head: str
    cover: str
    back: str
    body: str
    tail: str


def parts(html: str) -> Parts | None:
    """The edition's HTML cut into its parts; None if it is not cover, back and body once each, in that order."""
    markers = [COVER_START, BACK_START, BODY_START]
    starts = [html.find(marker) for marker in markers]
    if any(start < 0 or html.find(marker, start + 1) >= 0 for marker, start in zip(markers, starts, strict=True)):
        return None
    end = html.find(BODY_END, starts[2])
    if not starts[0] < starts[1] < starts[2] < end:
        return None
    end += len(BODY_END)
    return Parts(html[: starts[0]], html[starts[0] : starts[1]], html[starts[1] : starts[2]], html[starts[2] : end], html[end:])


def cover_alone(html: str) -> str | None:
    """The document with its cover only (for an edition whose back and body are kept); None if it has no such parts."""
    cut = parts(html)
    return None if cut is None else cut.head + cut.cover + cut.tail


def body_key(html: str, sheets: list[str], pages: str, *, fit_only: bool = False) -> str | None:
    """The body's key for sharing (see the module docstring), or None when it must not be shared.

    sheets are the texts of the edition's stylesheets, in cascade order; pages is what sizes the
    panels, the fold's page CSS with the bleed (typesetter.fold_css). fit_only: the fit key, for
    a layout that is measured and never drawn (its colours may be another edition's).
    """
    cut = parts(html)
    if cut is None:
        return None
    return _key(html, sheets, pages, cut.body, before=cut.cover + cut.back, fit_only=fit_only)


def back_key(html: str, sheets: list[str], pages: str) -> str | None:
    """The back's key for sharing: as the body's, over the back with its QR code's address and drawing left out."""
    cut = parts(html)
    if cut is None or len(QR.findall(cut.back)) > 1:
        return None
    back = QR.sub(lambda m: m.group(1) + '">' + m.group(4) + m.group(6), cut.back)
    return _key(html, sheets, pages, back, before=cut.cover, qr=back != cut.back)


def _key(
    html: str, sheets: list[str], pages: str, part: str, before: str, qr: bool = False, fit_only: bool = False
) -> str | None:
    """The key of one part of the document (see the module docstring); before: the parts laid out before it."""
    html_tag = re.search(r"<html[^>]*>", html)
    body_tag = re.search(r"<body[^>]*>", html)
    if not html_tag or not body_tag:
        return None
    # The part and its ancestors: what a selector's subject could match to affect the part.
    present = _Present(part + html_tag.group(0) + body_tag.group(0))
    earlier = _Present(before + html_tag.group(0) + body_tag.group(0))  # the earlier parts, with their ancestors
    panels = [_Present(tag) for tag in re.findall(r"<(?:section|main) class=\"(?:panel|body)[^>]*>", html)]
    panels += [_Present(html_tag.group(0)), _Present(body_tag.group(0))]
    digest = hashlib.sha256(b"fit\0" if fit_only else b"")
    named: set[str] = set()
    for text in sheets:
        if _WHOLE_DOCUMENT.search(text):
            return None  # the cover or back would show something that depends on the body
        rules = _analysed(text)
        if rules is None or _crosses_parts(rules, earlier, panels, qr):
            return None
        relevant = _relevant_rules(text, present, fit_only)
        if relevant is None:
            return None
        for rule, classes in relevant:
            digest.update(rule.encode("utf-8") + b"\0")
            named |= classes
    body_classes = sorted(set((_CLASS_ATTR.search(body_tag.group(0)) or [None, ""])[1].split()) & named)
    for piece in (pages, html_tag.group(0), " ".join(body_classes), part):
        digest.update(piece.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _crosses_parts(rules: tuple[_Rule, ...], earlier: _Present, panels: list[_Present], qr: bool) -> bool:
    """Whether a rule ties the part to the parts around it: it carries content from an earlier part, a
    selector looks at a panel's siblings, or (with a QR code left out of the key) it reads an address."""
    for rule in rules:
        if rule.carrying and (not rule.selectors or any(s.may_match_within(earlier) for s in rule.selectors)):
            return True
        for selector in rule.selectors:
            if any(compound.may_match(panel) for compound in selector.structural for panel in panels):
                return True
            if qr and QR_ATTRIBUTES & selector.attributes:
                return True
        if qr and rule.reads_attributes:
            return True  # content: attr(href) would show the address that the key leaves out
    return False


class _Present:
    """The classes, ids and element names that occur in a piece of HTML."""

    def __init__(self, html: str):
        self.classes = {name for value in _CLASS_ATTR.findall(html) for name in value.split()}
        self.ids = set(_ID_ATTR.findall(html))
        self.tags = {tag.lower() for tag in _TAG.findall(html)}


@dataclass(frozen=True)
class _Compound:
    """What a compound selector needs to match an element: its classes, ids and element name."""

    classes: frozenset[str]
    ids: frozenset[str]
    tag: str | None

    def may_match(self, present: _Present) -> bool:
        return self.classes <= present.classes and self.ids <= present.ids and (self.tag is None or self.tag in present.tags)


@dataclass(frozen=True)
class _Selector(_Compound):
    """What one selector needs to match an element (its subject's classes, ids and element, outside
    :not() and the like), and what it mentions."""

    relational: bool = False  # matching depends on siblings or descendants (which may be on the cover or back)
    names: frozenset[str] = frozenset()  # every name it mentions, so a class on <body> it may test is in the key
    structural: tuple[_Compound, ...] = ()  # its compounds that look at siblings or descendants
    attributes: frozenset[str] = frozenset()  # the attributes it tests ([href^=...])
    compounds: tuple[_Compound, ...] = ()  # every compound selector in it, its subject's ancestors and siblings too

    def may_match_within(self, present: _Present) -> bool:
        """Whether it may match an element of a piece of HTML that holds the element's ancestors too."""
        return all(compound.may_match(present) for compound in self.compounds)


@dataclass(frozen=True)
class _Rule:
    """A stylesheet rule, serialised, with its selectors; without selectors (an at-rule), or
    reaching (counters, breaks...), it counts wherever it is."""

    text: str
    selectors: tuple[_Selector, ...] = ()
    reaching: bool = False
    carrying: bool = False  # it sets counters, named strings, running or fixed elements (_CARRYING)
    reads_attributes: bool = False  # its declarations show an attribute's value: attr()
    fit_text: str = ""  # the text with its colour custom properties' values left out (the fit key's); "" if the same


def _relevant_rules(text: str, present: _Present, fit_only: bool = False) -> list[tuple[str, set[str]]] | None:
    """The rules of a stylesheet that may apply inside the body, serialised (fit_only: as the fit key
    reads them), with the names they mention."""
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
        relevant.append(((fit_only and rule.fit_text) or rule.text, {name for s in applies for name in s.names}))
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
            declarations = tinycss2.serialize(node.content)
            reaching, carrying = bool(_REACHING.search(declarations)), bool(_CARRYING.search(declarations))
            reads = bool(_ATTR.search(declarations))
            rules.append(_Rule(node.serialize(), selectors, reaching, carrying, reads, _without_colours(node)))
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
            # @font-face, @page, anything else: keep (a page's counters are the page's own)
            rules.append(_Rule(node.serialize(), carrying=keyword != "page" and bool(_CARRYING.search(node.serialize()))))
        elif node.type == "error":
            rules.append(_Rule(f"error {node.message}"))
    return tuple(rules)


def _without_colours(rule) -> str:
    """A qualified rule serialised with the values of its colour custom properties left out; "" if it has none."""
    declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    if not any(_is_colour_property(node) for node in declarations):
        return ""
    written = [
        f"{node.name}: colour{' !important' if node.important else ''}" if _is_colour_property(node) else node.serialize()
        for node in declarations
    ]
    return f"{tinycss2.serialize(rule.prelude)} {{{'; '.join(written)}}}"


def _is_colour_property(node) -> bool:
    """A custom property whose value is one valid colour written as a hash or an rgb(), rgba(), hsl() or hsla() of numbers."""
    if node.type != "declaration" or not node.name.startswith("--"):
        return False
    value = [token for token in node.value if token.type not in ("whitespace", "comment")]
    if len(value) != 1:
        return False
    token = value[0]
    if token.type == "function":
        if token.lower_name not in ("rgb", "rgba", "hsl", "hsla"):
            return False
        if any(
            argument.type not in ("number", "percentage", "dimension", "whitespace", "literal") for argument in token.arguments
        ):
            return False  # var(), calc() and the like: what they give is not known here
    elif token.type != "hash":
        return False
    colour = tinycss2.color5.parse_color(token)
    return colour is not None and not isinstance(colour, str)


def _selector(tokens: list) -> _Selector:
    classes, ids, tag = _requirements(_subject(tokens))
    structural = tuple(
        _Compound(frozenset(c), frozenset(i), t) for c, i, t in (_requirements(compound) for compound in _structural(tokens))
    )
    attributes = frozenset(_names([block for block in _blocks(tokens) if block.type == "[] block"]))
    compounds = tuple(_Compound(frozenset(c), frozenset(i), t) for c, i, t in map(_requirements, _compounds(tokens)))
    return _Selector(
        frozenset(classes), frozenset(ids), tag, _relational(tokens), frozenset(_names(tokens)), structural, attributes, compounds
    )


def _blocks(tokens: list) -> list:
    """Every function and block in a selector, nested ones too."""
    found, stack = [], list(tokens)
    while stack:
        token = stack.pop()
        if token.type == "function" or token.type in ("() block", "[] block"):
            found.append(token)
            stack += token.arguments if token.type == "function" else token.content
    return found


def _split(selector: list) -> list[tuple[str, list]]:
    """A selector's compound selectors, each with the combinator before it ('' for the first, ' ' for a descendant)."""
    compounds, current, combinator, pending = [], [], "", ""
    for token in selector:
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            if current:
                compounds.append((combinator, current))
                current, pending = [], " "
            if token.type == "literal":
                pending = token.value
            continue
        if not current:
            combinator, pending = (pending if compounds else ""), ""
        current.append(token)
    if current:
        compounds.append((combinator, current))
    return compounds


def _compounds(selector: list) -> list[list]:
    return [compound for _, compound in _split(selector)]


def _structural(selector: list) -> list[list]:
    """The compound selectors that look at their element's siblings: a structural pseudo-class or
    :has() (inside :not() and the like too), or a sibling combinator (+, ~) on either side."""
    compounds = _split(selector)
    siblings = [combinator in ("+", "~") for combinator, _ in compounds] + [False]
    return [
        compound
        for index, (_, compound) in enumerate(compounds)
        if siblings[index] or siblings[index + 1] or _looks_around(compound)
    ]


def _looks_around(compound: list) -> bool:
    tokens = list(compound)
    while tokens:
        token = tokens.pop()
        if token.type == "function":
            if token.lower_name in _STRUCTURAL:
                return True
            tokens += token.arguments
        elif token.type == "ident" and token.lower_value in _STRUCTURAL:
            return True
    return False


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
    """The laid-out pages a worker keeps, by key (least recently used first out): bodies, or backs."""

    def __init__(self, keep: int = _KEEP):
        self._pages = Kept(keep)
        self._batch = ""

    def start(self, batch: str) -> None:
        """Forget every body when a new build begins: fonts or images may have changed since."""
        if batch != self._batch:
            self._pages.clear()
            self._batch = batch

    def get(self, key: str | None) -> list | None:
        return None if key is None else self._pages.get(key)

    def put(self, key: str | None, pages: list) -> None:
        if key is not None:
            self._pages.put(key, pages)

    def kept(self) -> list[list]:
        """The pages kept now, least recently used first."""
        return list(self._pages.values())
