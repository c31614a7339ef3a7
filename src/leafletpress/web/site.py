"""The web edition's shared files: the practice's and each team's index, web.css, the brand colours and the logos.

They belong to the build, not to one edition (like the contact sheet): a full build that makes
the web edition makes them again from the library and the pages on disk, writes only those whose
bytes changed, and records them in the manifest under "site", so that the files of a team that
left are removed. A shard build leaves them to the full build that merges the shards.

`web_problems` says why a project cannot have a web edition: a QR address that does not end in
the page's folder, or a language leafletpress has no words in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..atomic import write_atomic
from ..compose.edition import Edition, compose
from ..content.library import Library
from ..content.markup import web_address_problem
from ..content.matrix import composable as can_compose
from ..languages import direction
from ..outputs import BRAND_CSS, INDEX, TEAM_CSS, WEB_CSS, logo_name, web_folder
from ..plan.manifest import prune
from ..problems import Problem
from ..words import WORDS, library_words, project_words
from . import brand, pages


def web_problems(library: Library) -> list[Problem]:
    """Why the project's web edition cannot be made, located in project.yaml ([] when it can)."""
    source = library.project
    project = source.item
    found = []
    why = web_address_problem(project.qr.url) if project.qr else ""
    if why:
        found.append(source.problem(("qr", "url"), why, _publish_hint(project.qr.url)))
    if library_words(library, project.language) is None and not project.words:  # given words: load says what they lack
        found.append(
            source.problem(
                ("language",),
                f"the web edition has no words in '{project.language}' (it has: {', '.join(sorted(WORDS))})",
                "give them under words: in leaflets/project.yaml, translated from the English table that leafletpress "
                "words en prints; or build without the web edition: --edition print --edition screen",
            )
        )
    # A translation's language: its editions fail (the problem is its project translation's), the others build.
    spoken = {lang for team in library.teams for lang in library.languages_of(team)} - {project.language}
    given = {lang for lang in spoken if project_words(library, lang)}  # load says what its words: lack
    for language in sorted(lang for lang in spoken - given if library_words(library, lang) is None):
        found.append(
            Problem(
                library.translation_file("project", "project", language),
                0,
                "",
                f"the web edition has no words in '{language}' (it has: {', '.join(sorted(WORDS))}), so its editions "
                "in that language cannot have a web page",
                "give its words (a table of about 40: links, the page's frame) under words: in this file, "
                "translated from the English table that leafletpress words en prints; until then build and "
                "check without the web edition (--edition print --edition screen), knowing that the QR codes "
                "of these leaflets lead to a page that is not built",
            )
        )
    return found


def _publish_hint(pattern: str) -> str:
    """Say what the pattern could be: the folder its address names before the first placeholder, then {team}/{condition}/."""
    before = pattern.split("{", 1)[0]
    base = before[: before.rfind("/")]
    if "://" not in base or not base.split("://", 1)[1]:
        base = "https://www.praktijk.nl/folders"
    return (
        f"write url: {base}/{{team}}/{{condition}}/ and publish build/web/ at {base}/, "
        "or build without the web edition: --edition print --edition screen"
    )


@dataclass
class Site:
    """The shared files of the site this build makes, and the teams whose files stay as the last build left them."""

    files: dict[str, bytes] = field(default_factory=dict)  # path relative to the build folder -> bytes
    # Their index is not made now (their team file has errors, or it lists a leaflet that cannot be read): the last stays.
    kept_teams: set[str] = field(default_factory=set)
    kept_index: bool = False  # the practice's index is not made now either (it lists such a leaflet)


def site_files(library: Library, listed: dict[str, list[tuple[str, str]]], unlisted: set[str] = frozenset()) -> Site:
    """Every shared file of the site, for the editions that have a page (listed: team -> (condition, translation)).

    unlisted: the teams with a page on disk that cannot be listed now (its edition's files do not load): their
    index, and the practice's, would leave it out while it stays, so they stay as the last build made them.
    """
    root, project = library.root, library.project.item
    light = _light(library)
    site = Site(kept_teams=set(unlisted), kept_index=bool(unlisted))
    site.files[_rel(WEB_CSS)] = resources.files(__package__).joinpath(WEB_CSS).read_bytes()
    site.files[_rel(BRAND_CSS)] = brand.brand_css(brand.custom_properties(root, tuple(project.stylesheets), light))
    practice_logo = _logo(root, project.practice.logo)
    if practice_logo:
        site.files[_rel(logo_name(practice_logo))] = (root / practice_logo).read_bytes()
    language = library_words(library, project.language)
    teams = []
    for team in sorted(listed):
        editions = sorted(
            _leaflets(library, team, listed[team]), key=lambda e: (pages.leaflet(e[0]).title.casefold(), e[0].condition)
        )
        leaflets = tuple(pages.leaflet(e, languages) for e, languages in editions)
        view = pages.team_view(editions[0][0], language, leaflets)
        editions = [e for e, _ in editions]
        teams.append(view)
        if any(p.file == library.teams[team].file for p in library.problems.errors):
            site.kept_teams.add(team)  # its name or logo may be what is wrong: its pages keep the last good index
        if team in site.kept_teams:
            continue
        site.files.update(_team_files(library, editions[0], view, light, language))
    if not site.kept_index:
        logo = logo_name(practice_logo) if practice_logo else None
        practice = pages.PracticeView(project.practice.name, logo, project.language)
        site.files[_rel(INDEX)] = pages.practice_page(teams, practice, language)
    return site


def _leaflets(library: Library, team: str, pages_on_disk: list[tuple[str, str]]):
    """Each condition a team has a page of, once: the edition in the project's language if it has one (else its
    first translation), with links to its pages in the other languages."""
    by_condition: dict[str, list[str]] = {}
    for condition, translation in pages_on_disk:
        by_condition.setdefault(condition, []).append(translation)
    found = []
    for condition, translations in by_condition.items():
        order = {lang: i for i, lang in enumerate(library.languages_of(team))}
        translations.sort(key=lambda t: order.get(t or library.language, len(order)))
        main = translations[0]
        links = []
        for translation in translations[1:]:
            code = translation or library.language
            name = (library_words(library, code) or {}).get("language_name", code)
            links.append(pages.language_link(code, name, condition, translation, direction(code)))
        found.append((compose(library, team, condition, main), tuple(links)))
    return found


def _logo(root: Path, path: str | None) -> str | None:
    """A logo the site can copy: none when the content names a file that is not there (load reports it)."""
    return path if path and (root / path).is_file() else None


def _team_files(library: Library, edition: Edition, view: pages.TeamView, light, language) -> dict[str, bytes]:
    """A team's index, its brand colours (the project's and its own stylesheet's) and its logo."""
    project = library.project.item
    practice = pages.PracticeView(project.practice.name, None, project.language)
    files = {
        _rel(edition.team, TEAM_CSS): brand.brand_css(brand.custom_properties(library.root, edition.stylesheets, light)),
        _rel(edition.team, INDEX): pages.team_page(view, practice, language),
    }
    if view.logo and _logo(library.root, edition.practice_logo):
        files[_rel(edition.team, view.logo)] = (library.root / edition.practice_logo).read_bytes()
    return files


def _rel(*parts: str) -> str:
    return web_folder(Path("."), *parts[:-1]).joinpath(parts[-1]).as_posix()


def _light(library: Library):
    """Ink as light through the print profile, loaded only when a brand colour is given as ink (device-cmyk())."""
    made = {}

    def light(cmyk):
        if "press" not in made:
            from ..pdf.colour import press  # Pillow's LittleCMS; a build without ink colours never loads it
            from ..pdf.pdfx import target

            profile = target(library.project.item.print_settings, library.root)
            made["press"] = press(profile.profile) if profile is not None else None
        return made["press"].light(cmyk) if made["press"] is not None else brand.naive_light(cmyk)

    return light


def composable(library: Library, team: str, condition: str, translation: str = "") -> bool:
    """Can compose make this edition now (its files loaded, its fold known, every shared section it uses there)?"""
    return team in library.teams and can_compose(library, condition, translation)


def write_site(out: Path, site: Site, previous: dict, remove: bool) -> dict:
    """Write the files whose bytes changed; remove what the last build wrote and this one does not (when
    `remove`: not while some file has errors, as a team that did not load has not left). The record."""
    for relative, data in sorted(site.files.items()):
        target = out / relative
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
    kept_paths = tuple(_rel(team, "") + "/" for team in site.kept_teams) + ((_rel(INDEX),) if site.kept_index else ())
    kept = {
        relative: hashed
        for relative, hashed in previous.get("sha256", {}).items()
        if relative not in site.files and (not remove or relative.startswith(kept_paths))
    }
    web = web_folder(out).resolve()
    for relative in sorted(set(previous.get("outputs", [])) - set(site.files) - set(kept)):
        path = (out / relative).resolve()
        if path.is_relative_to(web):
            path.unlink(missing_ok=True)
            prune(path.parent, web)
    hashes = {relative: hashlib.sha256(data).hexdigest() for relative, data in site.files.items()} | kept
    return {"outputs": sorted(hashes), "sha256": dict(sorted(hashes.items()))}
