"""The small inline markup content may use: *emphasis*, **strong**, [text](url). All else is escaped."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
PLACEHOLDERS = ("practice", "team")  # {practice} and {team} in any text: the practice's and the team's name
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
URL_PLACEHOLDERS = ("team", "condition")  # in the QR code's address pattern: the edition's slugs
_TOKEN = re.compile(r"\*\*(?P<strong>.+?)\*\*|\*(?P<em>[^*\s][^*]*?)\*|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)")


class MarkupError(ValueError):
    """Inline markup that is not allowed, e.g. a link to a file or a script."""


def check(text: str) -> None:
    """Raise MarkupError if the text holds a link with a scheme outside the allow-list."""
    for match in _TOKEN.finditer(text):
        url = match.group("url")
        if url is not None and not url.lower().startswith(LINK_SCHEMES):
            raise MarkupError(f"link '{url}' is not allowed: links start with https://, http://, mailto: or tel:")


# E-mail and web addresses in running text: marked so that they are never hyphenated (a hyphen
# inside an address makes it a different address); they may still break where they must.
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]")


def _plain_html(text: str) -> Markup:
    """Text with no markup in it, escaped, its addresses marked."""
    out, last = [], 0
    for match in _ADDRESS.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(Markup('<span class="address">%s</span>') % match.group(0))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def render(text: str) -> Markup:
    """Inline markup to safe HTML; everything that is not markup is escaped."""
    check(text)
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        out.append(_plain_html(text[last : match.start()]))
        if match.group("strong") is not None:
            out.append(Markup("<strong>%s</strong>") % match.group("strong"))
        elif match.group("em") is not None:
            out.append(Markup("<em>%s</em>") % match.group("em"))
        else:
            out.append(Markup('<a href="%s">%s</a>') % (match.group("url"), match.group("label")))
        last = match.end()
    out.append(_plain_html(text[last:]))
    return Markup("").join(out)


def plain(text: str) -> str:
    """The text without markup, as a reader sees it (for titles, metadata, bookmarks)."""
    return _TOKEN.sub(lambda m: m.group("strong") or m.group("em") or m.group("label"), text)


def has_markup(text: str) -> bool:
    return bool(_TOKEN.search(text)) or bool(leftover(text))


def leftover(text: str) -> str:
    """Markup that did not take and would print as typed: a stray '*' or an unfinished [link](...) ('' if none)."""
    rest = _TOKEN.sub(" ", text)
    if "*" in rest:
        return "'*'"
    if re.search(r"\]\(|\[[^\]]*$", rest):
        return "a link's '[...](...)'"
    return ""


def url_pattern_problem(pattern: str) -> str:
    """Why a URL pattern cannot be used ('' if it can): wrong scheme or an unknown placeholder."""
    if not re.match(r"^https?://[^\s/{}]+", pattern):
        return "expected a web address starting with https://, e.g. https://www.praktijk.nl/folders/{team}/{condition}"
    if re.search(r"\s", pattern):
        return "a web address has no spaces: leave them out (or write a space as %20)"
    unknown = [name for name in PLACEHOLDER_RE.findall(pattern) if name not in URL_PLACEHOLDERS]
    if unknown:
        return f"unknown placeholder '{{{unknown[0]}}}': use {{team}} and {{condition}}"
    if PLACEHOLDER_RE.sub("", pattern).count("{") or PLACEHOLDER_RE.sub("", pattern).count("}"):
        return "a brace that does not close a placeholder: use {team} and {condition}"
    return ""


SITE_PATH = "{team}/{condition}"  # where the web edition puts an edition's page, under the site's base address


def web_address_problem(pattern: str) -> str:
    """Why the QR codes of a URL pattern would not lead to the web edition's pages ('' if they do).

    The web edition is build/web/ published at a base address; an edition's page is the folder
    {team}/{condition}/ in it. The pattern must be that base address followed by exactly that.
    """
    base = pattern.removesuffix("/").removesuffix(SITE_PATH)
    if base == pattern.removesuffix("/") or not base.endswith("/") or PLACEHOLDER_RE.search(base):
        return (
            f"the QR code must lead to the leaflet's web page: the address must end in {SITE_PATH}/, "
            "after the address where build/web/ is published"
        )
    return ""
