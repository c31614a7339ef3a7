"""Contact links as every edition shows them: where a link goes, its text, and words that say what it does."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ContactLink:
    kind: str  # phone, email or website
    href: str
    text: str  # what is printed: the number, the address, the site without https://
    label: str  # what a screen reader says: "Bel 012 345 67 89"


def contact_links(contact: tuple[tuple[str, str], ...], words: dict[str, str]) -> tuple[ContactLink, ...]:
    """The links among an edition's contact lines (its postal address is not a link), in their order."""
    links = []
    for kind, value in contact:
        if kind == "phone":
            links.append(ContactLink(kind, "tel:" + re.sub(r"[\s-]", "", value), value, words["call"].format(phone=value)))
        elif kind == "email":
            links.append(ContactLink(kind, "mailto:" + value, value, words["email"].format(email=value)))
        elif kind == "website":
            shown = shown_address(value)
            links.append(ContactLink(kind, value, shown, words["website"].format(website=shown)))
    return tuple(links)


def shown_address(url: str) -> str:
    """A web address as people read it: without https:// and a final '/'."""
    return url.split("://", 1)[-1].rstrip("/")
