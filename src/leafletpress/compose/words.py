"""The words leafletpress adds around a leaflet's content, per language: what a link says it does, and the like.

The content brings its own words; these are the few an edition needs besides them. Each language
is one table with the same keys, so an edition is never half in another language.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        # What a link does, as a screen reader says it (aria-label, the screen PDF's /Contents).
        "call": "Bel {phone}",
        "email": "Mail naar {email}",
        "website": "Website {website}",
        "online": "Lees deze folder online: {address}",
        "qr_alt": "QR-code naar {url}",
    }
}
PRINTED = "nl"  # the print and screen editions' few words were Dutch whatever the language, and still are


def words(language: str) -> dict[str, str] | None:
    """The table for a language, or None when leafletpress has no words in it."""
    return WORDS.get(language)


def leaflet_words(language: str) -> dict[str, str]:
    """The words the print and screen editions add: the language's own, else Dutch as they always were."""
    return WORDS.get(language) or WORDS[PRINTED]
