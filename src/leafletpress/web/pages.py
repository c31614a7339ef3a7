"""The web edition's pages as HTML: an edition's page, a team's index, the practice's index.

Each page is the content of the Edition compose made (the same text as the PDFs, in reading
order), rendered with Jinja2 autoescape and inline markup through content/markup.render. Every
address in a page is relative and names index.html, so the site works from disk as from any
static host. Same inputs, same bytes: no dates, no absolute paths, everything in a fixed order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

from .. import templating
from ..compose.edition import Edition
from ..compose.links import ContactLink, contact_links
from ..content import markup
from ..languages import direction
from ..outputs import BRAND_CSS, INDEX, TEAM_CSS, WEB_CSS, Output, logo_name, web_pdf_name

_ENV = templating.environment(__package__, keep_trailing_newline=True)
_ENV.filters["inline"] = markup.render
_TAKEN_IDS = ("inhoud", "downloads", "folders")  # ids the frame uses; contact-* and team-* are its too


@dataclass(frozen=True)
class Language:
    """A leaflet in another language, as a page links it: the language by its own name."""

    code: str
    name: str
    href: str
    direction: str = "ltr"


@dataclass(frozen=True)
class Leaflet:
    """An edition as an index lists it, with the leaflet's other languages."""

    condition: str
    title: str
    subtitle: str | None
    translation: str = ""
    language: str = ""
    languages: tuple[Language, ...] = ()  # the same leaflet in the team's other languages, hrefs from the team's folder

    @property
    def href(self) -> str:  # from the team's folder
        return page_href(self.condition, self.translation)


def page_href(condition: str, translation: str = "") -> str:
    """An edition's page from its team's folder: rug/index.html, rug/en/index.html."""
    return f"{condition}/{translation}/{INDEX}" if translation else f"{condition}/{INDEX}"


@dataclass(frozen=True)
class TeamView:
    """A team as its pages show it: who they are, how to reach them, their leaflets."""

    slug: str
    name: str
    therapists: tuple[tuple[str, str], ...]
    address: tuple[str, ...]
    links: tuple[ContactLink, ...]
    logo: str | None  # the file name in the team's folder
    leaflets: tuple[Leaflet, ...] = ()


@dataclass(frozen=True)
class PracticeView:
    name: str
    logo: str | None  # the file name at the site's root
    language: str


@dataclass(frozen=True)
class Download:
    """A PDF beside an edition's page, with what a reader wants to know before tapping it."""

    href: str
    label: str
    meta: str  # "PDF, 6 pagina's, 35 kB"


def team_view(edition: Edition, words: dict[str, str], leaflets: tuple[Leaflet, ...] = ()) -> TeamView:
    """The team of an edition, as its pages show it."""
    return TeamView(
        slug=edition.team,
        name=edition.team_name,
        therapists=edition.therapists,
        address=tuple(value for kind, value in edition.contact if kind == "address"),
        links=contact_links(edition.contact, words),
        logo=logo_name(edition.practice_logo) if edition.practice_logo else None,
        leaflets=leaflets,
    )


def leaflet(edition: Edition, languages: tuple[Language, ...] = ()) -> Leaflet:
    return Leaflet(
        edition.condition, markup.plain(edition.title), edition.subtitle, edition.translation, edition.language, languages
    )


def language_link(code: str, name: str, condition: str, translation: str, direction: str = "ltr") -> Language:
    """A link from a team's folder to a leaflet's page in a language (translation "" for the project's own)."""
    return Language(code, name, page_href(condition, translation), direction)


def download(kind: Output, edition: Edition, data_size: int, pages: int, words: dict[str, str]) -> Download:
    """The link to one of an edition's PDFs, which lies beside its page."""
    label = words["download_screen"] if kind == Output.SCREEN else words["download_print"]
    count = words["page"] if pages == 1 else words["pages_2"] if pages == 2 else words["pages"].format(n=pages)
    size = size_text(data_size, words["decimal"])
    return Download(
        web_pdf_name(kind, edition.condition, edition.translation), label, words["pdf_meta"].format(pages=count, size=size)
    )


def edition_page(
    edition: Edition, downloads: list[Download], words: dict[str, str], languages: tuple[Language, ...] = ()
) -> bytes:
    """An edition's page: web/<team>/<condition>/index.html (in another language: .../<condition>/<lang>/index.html).

    languages: the leaflet in the team's other languages, with hrefs from the team's folder.
    """
    team = team_view(edition, words)
    title = markup.plain(edition.title)
    names = {"title": title, "team": edition.team_name, "practice": edition.practice}
    taken: set[str] = set()
    up = "../../../" if edition.translation else "../../"  # to the site's root
    to_team = up[3:]
    return _render(
        "page.html.j2",
        w=words,
        lang=edition.language,
        direction=edition.direction,
        practice=PracticeView(edition.practice, None, edition.language),
        root=up,
        logo=f"{to_team}{team.logo}" if team.logo else None,
        stylesheets=[f"{up}{WEB_CSS}", f"{to_team}{TEAM_CSS}"],
        crumbs=[(edition.practice, f"{up}{INDEX}"), (edition.team_name, f"{to_team}{INDEX}"), (title, None)],
        page_title=words["page_title"].format(**names),
        description=words["description"].format(**names),
        e=edition,
        team=team,
        downloads=downloads,
        section_ids=[section_id(s.heading, taken) for s in (*edition.sections, edition.back)],
        languages=[replace(link, href=to_team + link.href) for link in languages],
    )


def team_page(team: TeamView, practice: PracticeView, words: dict[str, str]) -> bytes:
    """A team's index: web/<team>/index.html."""
    return _render(
        "team.html.j2",
        w=words,
        lang=practice.language,
        direction=direction(practice.language),
        languages=(),
        practice=practice,
        root="../",
        logo=team.logo,
        stylesheets=[f"../{WEB_CSS}", TEAM_CSS],
        crumbs=[(practice.name, f"../{INDEX}"), (team.name, None)],
        page_title=words["team_page_title"].format(team=team.name, practice=practice.name),
        description=words["team_title"].format(team=team.name),
        team=team,
    )


def practice_page(teams: list[TeamView], practice: PracticeView, words: dict[str, str]) -> bytes:
    """The practice's index: web/index.html."""
    return _render(
        "practice.html.j2",
        w=words,
        lang=practice.language,
        direction=direction(practice.language),
        languages=(),
        practice=practice,
        root="",
        logo=practice.logo,
        stylesheets=[WEB_CSS, BRAND_CSS],
        crumbs=[(practice.name, None)],
        page_title=words["practice_page_title"].format(practice=practice.name),
        description=words["practice_title"].format(practice=practice.name),
        teams=teams,
    )


def _render(template: str, **context) -> bytes:
    return _ENV.get_template(template).render(**context).encode("utf-8")


def section_id(heading: str, taken: set[str]) -> str:
    """A stable fragment id for a heading (#symptomen): ascii, lowercase, hyphens; unique in its page."""
    ascii_text = unicodedata.normalize("NFKD", markup.plain(heading)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sectie"
    candidate, number = base, 2
    while candidate in taken or candidate in _TAKEN_IDS or candidate.startswith(("team-", "contact-")):
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def size_text(size: int, decimal: str = ",") -> str:
    """Bytes as a reader reads them: '87 kB', '1,2 MB' in Dutch, '1.2 MB' in English (SI units, rounded up)."""
    if size < 1_000_000:
        return f"{max(1, math.ceil(size / 1000))} kB"
    return f"{math.ceil(size / 100_000) / 10:.1f} MB".replace(".", decimal)
