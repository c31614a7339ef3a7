"""The words leafletpress adds around a leaflet's content, per language: what a link says it does, the web pages' frame.

The content brings its own words; these are the few an edition needs besides them. Each language
is one table with the same keys, so an edition is never half in another language.
"""

from __future__ import annotations

import re

from .problems import did_you_mean

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        # What a link does, as a screen reader says it (aria-label, the screen PDF's /Contents, the web page).
        "call": "Bel {phone}",
        "email": "Mail naar {email}",
        "website": "Website {website}",
        "online": "Lees deze folder online: {address}",
        "qr_alt": "QR-code naar {url}",
        # The print and screen editions: the line under the QR code unless qr.caption says another,
        # the PDFs' Subject and description, the HTML's description, how a list of disciplines is joined.
        "qr_caption": "Lees deze folder online",
        "subject": "Patiëntenfolder {title}",
        "screen_description": "Patiëntenfolder {title} van {team}",
        "meta_description": "{title}: informatie van {team}",
        "list_comma": ", ",
        "list_and": " en ",
        # The language by its own name, where the web edition offers a leaflet in another language.
        "language_name": "Nederlands",
        "other_languages": "Deze folder in een andere taal",
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
        "pages_2": "2 pagina's",
        "pages": "{n} pagina's",
        "decimal": ",",
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
    },
    # The tables below are drafts to be reviewed by a native speaker, like the sample's translations.
    "en": {
        "call": "Call {phone}",
        "email": "Email {email}",
        "website": "Website {website}",
        "online": "Read this leaflet online: {address}",
        "qr_alt": "QR code to {url}",
        "qr_caption": "Read this leaflet online",
        "subject": "Patient leaflet: {title}",
        "screen_description": "Patient leaflet {title} from {team}",
        "meta_description": "{title}: information from {team}",
        "list_comma": ", ",
        "list_and": " and ",
        "language_name": "English",
        "other_languages": "This leaflet in another language",
        "skip": "Skip to content",
        "breadcrumb": "Breadcrumb",
        "note_label": "Please note:",
        "contact": "Contact",
        "downloads": "This leaflet as a PDF",
        "download_screen": "Leaflet to read on a screen",
        "download_print": "Leaflet to print (A4, double-sided, with crop marks)",
        "pdf_meta": "PDF, {pages}, {size}",
        "page": "1 page",
        "pages_2": "2 pages",
        "pages": "{n} pages",
        "decimal": ".",
        "team_leaflets": "All leaflets from {team}",
        "all_leaflets": "All leaflets from the practice",
        "team_title": "Leaflets from {team}",
        "team_intro": "Patient leaflets from {team}, {practice}.",
        "leaflets": "Leaflets",
        "therapists_of": "The team",
        "practice_title": "Patient leaflets from {practice}",
        "practice_intro": "Information about symptoms, examination and treatment, by team.",
        "description": "{title}: information from {team}, {practice}.",
        "page_title": "{title} – {team} – {practice}",
        "team_page_title": "Leaflets from {team} – {practice}",
        "practice_page_title": "Patient leaflets – {practice}",
    },
    # Turkish: no case ending is ever attached to a placeholder (vowel harmony would depend on the name
    # that fills it in), so the phrases use postpositions ("tarafından") and colons.
    "tr": {
        "call": "Telefon edin: {phone}",
        "email": "E-posta gönderin: {email}",
        "website": "Web sitesi: {website}",
        "online": "Bu broşürü internette okuyun: {address}",
        "qr_alt": "QR kodu: {url}",
        "qr_caption": "Bu broşürü internette okuyun",
        "subject": "Hasta broşürü: {title}",
        "screen_description": "{team} tarafından hazırlanan hasta broşürü: {title}",
        "meta_description": "{title}: {team} tarafından verilen bilgiler",
        "list_comma": ", ",
        "list_and": " ve ",
        "language_name": "Türkçe",
        "other_languages": "Bu broşür başka bir dilde",
        "skip": "İçeriğe geç",
        "breadcrumb": "Sayfa yolu",
        "note_label": "Dikkat:",
        "contact": "İletişim",
        "downloads": "Bu broşür PDF olarak",
        "download_screen": "Ekranda okumak için broşür",
        "download_print": "Yazdırmak için broşür (A4, çift taraflı, kesim işaretli)",
        "pdf_meta": "PDF, {pages}, {size}",
        "page": "1 sayfa",
        "pages_2": "2 sayfa",
        "pages": "{n} sayfa",
        "decimal": ",",
        "team_leaflets": "{team} tarafından hazırlanan tüm broşürler",
        "all_leaflets": "Muayenehanenin tüm broşürleri",
        "team_title": "{team} broşürleri",
        "team_intro": "{team} ({practice}) hasta broşürleri.",
        "leaflets": "Broşürler",
        "therapists_of": "Ekip",
        "practice_title": "{practice} hasta broşürleri",
        "practice_intro": "Şikâyetler, muayene ve tedavi hakkında bilgiler, ekiplere göre.",
        "description": "{title}: {team} ({practice}) tarafından verilen bilgiler.",
        "page_title": "{title} – {team} – {practice}",
        "team_page_title": "{team} broşürleri – {practice}",
        "practice_page_title": "Hasta broşürleri – {practice}",
    },
    # Arabic: the list comma is "،" and "و" (and) is written joined to the word after it ("أ، ب وج");
    # the reader is addressed in the polite plural, link labels use the verbal noun (الاتصال، قراءة).
    "ar": {
        "call": "الاتصال بالرقم {phone}",
        "email": "البريد الإلكتروني {email}",
        "website": "الموقع الإلكتروني {website}",
        "online": "قراءة هذه النشرة على الإنترنت: {address}",
        "qr_alt": "رمز QR للرابط {url}",
        "qr_caption": "قراءة هذه النشرة على الإنترنت",
        "subject": "نشرة للمرضى: {title}",
        "screen_description": "نشرة «{title}» للمرضى من {team}",
        "meta_description": "{title}: معلومات من {team}",
        "list_comma": "، ",
        "list_and": " و",
        "language_name": "العربية",
        "other_languages": "هذه النشرة بلغة أخرى",
        "skip": "الانتقال إلى المحتوى",
        "breadcrumb": "مسار التنقل",
        "note_label": "تنبيه:",
        "contact": "للتواصل",
        "downloads": "هذه النشرة بصيغة PDF",
        "download_screen": "نشرة للقراءة على الشاشة",
        "download_print": "نشرة للطباعة (A4، على الوجهين، مع علامات القص)",
        "pdf_meta": "PDF، {pages}، {size}",
        "page": "صفحة واحدة",
        "pages_2": "صفحتان",
        "pages": "{n} صفحات",  # the plural for 3 to 10; a screen PDF has at most 8 pages
        "decimal": ".",
        "team_leaflets": "جميع نشرات {team}",
        "all_leaflets": "جميع نشرات العيادة",
        "team_title": "نشرات {team}",
        "team_intro": "نشرات للمرضى من {team}، {practice}.",
        "leaflets": "النشرات",
        "therapists_of": "الفريق",
        "practice_title": "نشرات {practice} للمرضى",
        "practice_intro": "معلومات عن الأعراض والفحص والعلاج، حسب الفريق.",
        "description": "{title}: معلومات من {team}، {practice}.",
        "page_title": "{title} – {team} – {practice}",
        "team_page_title": "نشرات {team} – {practice}",
        "practice_page_title": "نشرات للمرضى – {practice}",
    },
}
PRINTED = "nl"  # a language leafletpress has no words in: the print and screen editions' few words stay Dutch


def words(language: str, given: dict[str, str] | None = None) -> dict[str, str] | None:
    """The table for a language, or None when leafletpress has no words in it.

    `given` are the project's own words for it (project.<lang>.yaml's words:): over a built-in table they
    change single words; without one they are the table, when they give every key (load reports the rest).
    """
    table = WORDS.get(language)
    if not given:
        return table
    if table is None and not set(WORDS[PRINTED]) <= set(given):
        return None
    return {**(table or {}), **given}


def library_words(library, language: str) -> dict[str, str] | None:
    """The table for a language with the project's own words in it: words: in leaflets/project.yaml for the
    leaflets' own language, in leaflets/project.<lang>.yaml for a translation's."""
    return words(language, project_words(library, language))


def project_words(library, language: str) -> dict[str, str] | None:
    """The words the project gives for a language (words:), None when it gives none."""
    if library.project is None:
        return None
    if language == library.project.item.language:
        return library.project.item.words or None
    source = library.translation("project", "project", language)
    return (source.item.words or None) if source is not None else None


def leaflet_words(language: str, table: dict[str, str] | None = None) -> dict[str, str]:
    """The words the print and screen editions add: the language's own (table, when the project gives them),
    else Dutch as they always were."""
    return table or WORDS.get(language) or WORDS[PRINTED]


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def word_problems(given: dict[str, str], language: str) -> list[tuple[str | None, str, str]]:
    """What is wrong with a project's words for a language: (key or None for the mapping, message, hint)."""
    found: list[tuple[str | None, str, str]] = []
    if not given:
        return found
    dutch = WORDS[PRINTED]
    for key, value in given.items():
        if key not in dutch:
            found.append((key, f"unknown word '{key}'", did_you_mean(key, dutch) or f"the words are: {', '.join(dutch)}"))
            continue
        wanted, has = set(PLACEHOLDER.findall(dutch[key])), set(PLACEHOLDER.findall(value))
        for name in sorted(wanted - has):
            found.append((key, f"'{{{name}}}' is missing", f"keep {{{name}}} where it goes, as in '{dutch[key]}'"))
        for name in sorted(has - wanted):
            found.append((key, f"'{{{name}}}' is not a placeholder of this word", f"its placeholders are as in '{dutch[key]}'"))
    missing = [key for key in dutch if key not in given]
    if language not in WORDS and missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        found.append(
            (
                None,
                f"leafletpress has no words in '{language}', so words: gives them all; {len(missing)} missing: {shown}",
                "copy the English table (leafletpress words en prints it) and translate every word",
            )
        )
    return found


def join_words(items, language: str = PRINTED, table: dict[str, str] | None = None) -> str:
    """An enumeration in a language: 'a, b en c', 'a, b and c', 'أ، ب وج'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    w = leaflet_words(language, table)
    return w["list_comma"].join(items[:-1]) + w["list_and"] + items[-1]
