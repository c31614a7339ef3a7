"""The words leafletpress adds around a leaflet's content, per language: what a link says it does, the web pages' frame.

The content brings its own words; these are the few an edition needs besides them. Each language
is one table with the same keys, so an edition is never half in another language.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        # What a link does, as a screen reader says it (aria-label, the screen PDF's /Contents, the web page).
        "call": "Bel {phone}",
        "email": "Mail naar {email}",
        "website": "Website {website}",
        "online": "Lees deze folder online: {address}",
        "qr_alt": "QR-code naar {url}",
        # The web edition's frame (web/templates/).
        "skip": "Naar de inhoud",
        "breadcrumb": "Kruimelpad",
        "note_label": "Let op:",
        "contact": "Contact",
        "downloads": "Deze folder als PDF",
        "download_screen": "Folder om op een scherm te lezen",
        "download_print": "Folder om af te drukken (A4, dubbelzijdig, met snijtekens)",
        "pdf_meta": "PDF, {pages}, {size}",
        "page": "1 pagina",
        "pages": "{n} pagina's",
        "team_leaflets": "Alle folders van {team}",
        "all_leaflets": "Alle folders van de praktijk",
        "team_title": "Folders van {team}",
        "team_intro": "Patiëntenfolders van {team}, {practice}.",
        "leaflets": "Folders",
        "therapists_of": "Het team",
        "practice_title": "Patiëntenfolders van {practice}",
        "practice_intro": "Informatie over klachten, onderzoek en behandeling, per team.",
        "description": "{title}: informatie van {team}, {practice}.",
        "page_title": "{title} – {team} – {practice}",
        "team_page_title": "Folders van {team} – {practice}",
        "practice_page_title": "Patiëntenfolders – {practice}",
    }
}
PRINTED = "nl"  # the print and screen editions' few words were Dutch whatever the language, and still are


def words(language: str) -> dict[str, str] | None:
    """The table for a language, or None when leafletpress has no words in it."""
    return WORDS.get(language)


def leaflet_words(language: str) -> dict[str, str]:
    """The words the print and screen editions add: the language's own, else Dutch as they always were."""
    return WORDS.get(language) or WORDS[PRINTED]
