"""Which stylesheet rule gave an element a property: so a problem seen in the layout names the CSS to change.

WeasyPrint computes each element's style but forgets where each value came from. This module
redoes the part of the cascade that answers "where": it matches the stylesheets' selectors
(cssselect2, as WeasyPrint does) against the element, takes the winning declaration by
importance, specificity and order, follows inheritance to the ancestors, and follows `var()`
to the declaration of the custom property, because that is where a designer changes a colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cssselect2
import tinycss2

# A longhand can be set by its shorthands too (the last one in the cascade wins).
SHORTHANDS = {
    "background-color": ("background",),
    "font-size": ("font",),
    "font-weight": ("font",),
}
INHERITED = frozenset({"color", "font-size", "font-weight", "line-height"})
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Origin:
    """A declaration: the stylesheet, its line, and what it says."""

    sheet: str  # project-relative path
    line: int
    prop: str
    value: str
    selector: str

    def __str__(self) -> str:
        return f"{self.sheet}:{self.line}"


@dataclass(frozen=True)
class _Declaration:
    prop: str
    value: str
    important: bool
    line: int


@dataclass(frozen=True)
class _Rule:
    selectors: tuple  # cssselect2 compiled selectors
    selector_text: str
    declarations: tuple[_Declaration, ...]
    page: str | None  # an @page rule: the page name ('' for every page); None for a style rule


@lru_cache(maxsize=32)
def _rules(text: str) -> tuple[_Rule, ...]:
    """A stylesheet's style and @page rules with their declarations; rules inside @media print count."""
    return tuple(_collect(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)))


def _collect(nodes) -> list[_Rule]:
    rules = []
    for node in nodes:
        if node.type == "qualified-rule":
            try:
                selectors = tuple(cssselect2.compile_selector_list(node.prelude))
            except cssselect2.SelectorError:
                continue
            rules.append(_Rule(selectors, tinycss2.serialize(node.prelude).strip(), _declarations(node.content), None))
        elif node.type == "at-rule" and node.lower_at_keyword == "page":
            name = "".join(t.value for t in node.prelude if t.type == "ident")
            rules.append(_Rule((), "@page " + name, _declarations(node.content or []), name))
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and "print" in tinycss2.serialize(node.prelude):
            rules += _collect(tinycss2.parse_rule_list(node.content or [], skip_comments=True, skip_whitespace=True))
    return rules


def _declarations(content) -> tuple[_Declaration, ...]:
    found = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            found.append(_Declaration(item.lower_name, tinycss2.serialize(item.value).strip(), item.important, item.source_line))
    return tuple(found)


class Cascade:
    """The edition's stylesheets, in cascade order, and the document they were applied to."""

    def __init__(self, sheets: list[tuple[str, str]], root_wrapper):
        self.sheets = [(path, _rules(text)) for path, text in sheets]  # (project-relative path, its rules)
        self._wrappers = {id(w.etree_element): w for w in root_wrapper.iter_subtree()}

    def knows(self, element) -> bool:
        return id(element) in self._wrappers

    def origin(self, element, prop: str, pseudo: str | None = None, follow_var: bool = True) -> Origin | None:
        """The declaration that gives element (or its ::pseudo) prop, following inheritance and (unless
        follow_var is False) var() to where the custom property is declared."""
        wrapper = self._wrappers.get(id(element))
        while wrapper is not None:
            found = self._winner(wrapper, prop, pseudo)
            if found is not None:
                return self._through_var(wrapper, found) if follow_var else found
            if prop not in INHERITED and not prop.startswith("--"):
                return None
            wrapper, pseudo = wrapper.parent, None
        return None

    def page_origin(self, page: str, prop: str) -> Origin | None:
        """The @page declaration that gives a page (by its name) prop; later rules win, named ones over unnamed."""
        best, best_key = None, None
        props = (prop, *SHORTHANDS.get(prop, ()))
        for index, (path, rules) in enumerate(self.sheets):
            for order, rule in enumerate(rules):
                if rule.page is None or rule.page not in ("", page):
                    continue
                for declaration in rule.declarations:
                    if declaration.prop in props:
                        key = (declaration.important, rule.page == page, index, order, declaration.line)
                        if best_key is None or key >= best_key:
                            best_key = key
                            best = Origin(path, declaration.line, declaration.prop, declaration.value, rule.selector_text)
        return best

    def _winner(self, wrapper, prop: str, pseudo: str | None) -> Origin | None:
        best, best_key = None, None
        props = (prop, *SHORTHANDS.get(prop, ()))
        for index, (path, rules) in enumerate(self.sheets):
            for order, rule in enumerate(rules):
                if rule.page is not None:
                    continue
                matching = [s for s in rule.selectors if s.pseudo_element == pseudo and s.test(wrapper)]
                if not matching:
                    continue
                specificity = max(s.specificity for s in matching)
                for declaration in rule.declarations:
                    if declaration.prop in props:
                        key = (declaration.important, specificity, index, order, declaration.line)
                        if best_key is None or key >= best_key:
                            best_key = key
                            best = Origin(path, declaration.line, declaration.prop, declaration.value, rule.selector_text)
        return best

    def _through_var(self, wrapper, origin: Origin) -> Origin:
        """A value given as var(--name) is changed where --name is declared: follow it there."""
        seen = set()
        match = _VAR.search(origin.value)
        while match and match.group(1) not in seen:
            seen.add(match.group(1))
            declared = self.origin(wrapper.etree_element, match.group(1))
            if declared is None:
                break
            origin = declared
            match = _VAR.search(origin.value)
        return origin

    def page_through_var(self, origin: Origin, root_element) -> Origin:
        """An @page value given as var(--name): where --name is declared for the document's root."""
        wrapper = self._wrappers.get(id(root_element))
        return self._through_var(wrapper, origin) if wrapper is not None else origin
