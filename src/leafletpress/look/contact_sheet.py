"""The contact sheet: build/index.html, every edition at a glance (a row per condition, a card per team).

Everything is read back from the build folder (manifest.json, proofs/*/proof.json, diff.json),
so the page describes what is on disk. It uses relative links, inline CSS and one inline script
(filters, search, the proof viewer, the folded preview): it works opened straight from disk,
with no server and no network. Served by `leafletpress serve`, the same script also follows
the build live (see studio/serve.py). The page holds nothing that changes when no edition did
(its build time is the last time an edition was built), so a no-op build leaves it as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import templating
from ..atomic import write_atomic
from ..fold import FOLDS
from ..outputs import DIFF_INFO, INDEX, MANIFEST, SHARD_MANIFESTS, edition_slug
from ..version import __version__
from .cards import FIT_WORDS, Card, card, problem_text
from .diff import read_report

STATUSES = {
    "fits": "fits",
    "overflow": "does not fit",
    "error": "failed",  # any failure, one that does not fit too
    "warnings": "has warnings",
    "preflight-failed": "fails preflight",
    "changed": "changed visibly",
}


@dataclass
class Row:
    """A condition in one language and its editions, one slot per team (None: the team does not hand it out)."""

    condition: str
    title: str
    slots: list[tuple[str, Card | None]]
    translation: str = ""  # the language of a translation's row; "" for the project's own
    language: str = ""  # the row's language code, for the language filter


def write_index(out: Path, library=None) -> Path:
    """Write out/index.html from what the build folder holds; rewritten only when it changed."""
    html = render_index(out, library)
    target = out / INDEX
    data = html.encode("utf-8")
    if not target.is_file() or target.read_bytes() != data:
        write_atomic(target, data)
    return target


def render_index(out: Path, library=None) -> str:
    """The contact sheet's HTML for a build folder (library, when given, supplies titles and names)."""
    editions, general, version = _manifest_editions(out)
    diff = read_report(out) if (out / DIFF_INFO).is_file() else None
    changes = {e.slug: {s["side"]: s for s in e.sides} for e in diff.changed} if diff else {}
    titles, team_names = _names(library)
    default_language = library.language if library is not None else ""
    folds = library.folds.folds if library is not None else FOLDS
    cards = {slug: card(out, slug, entry, titles, team_names, changes.get(slug, {}), folds) for slug, entry in editions.items()}
    for each in cards.values():
        each.language = each.language or default_language
    shared = _shared_warnings(cards)
    project_notes = sorted(set(shared) | {problem_text(p) for p in general})
    teams = sorted({c.team for c in cards.values()})
    rows = _rows(cards, teams)
    practice = library.project.item.practice.name if library is not None and library.project else "leafletpress"
    return _TEMPLATE.render(
        practice=practice,
        rows=rows,
        cards=cards,
        teams=teams,
        team_names={team: team_names.get(team, team) for team in teams},
        languages=sorted({row.language for row in rows if row.language}),
        proofs_of={slug: {link.label: link.href for link in c.proofs} for slug, c in cards.items()},
        statuses=STATUSES,
        fit_words=FIT_WORDS,
        counts=_counts(cards),
        diff=diff,
        project_notes=project_notes,
        built_at=max((c.built_at for c in cards.values() if c.built_at), default=""),
        version=version or __version__,
    )


def _rows(cards: dict[str, Card], teams: list[str]) -> list[Row]:
    """A row per condition and language: the project's language first, its translations below it."""
    keys = sorted({(c.condition, c.translation) for c in cards.values()})
    titles = {(c.condition, c.translation): c.title for c in cards.values()}
    languages = {(c.condition, c.translation): c.language for c in cards.values()}
    return [
        Row(
            condition,
            titles[(condition, translation)],
            [(team, cards.get(edition_slug(team, condition, translation))) for team in teams],
            translation,
            languages[(condition, translation)],
        )
        for condition, translation in keys
    ]


def _counts(cards: dict[str, Card]) -> dict[str, int]:
    return {
        "editions": len(cards),
        "fits": sum(c.fit == "fits" for c in cards.values()),
        "overflow": sum(c.fit == "overflow" for c in cards.values()),
        "error": sum(c.fit == "error" for c in cards.values()),
        "failed": sum(c.fit in ("overflow", "error") for c in cards.values()),  # as the build counts them
        "preflight_failed": sum(c.preflight == "failed" for c in cards.values()),
        "warnings": sum("warnings" in c.status_words for c in cards.values()),
    }


def _shared_warnings(cards: dict[str, Card]) -> list[str]:
    """Warnings every edition reports (e.g. 'not PDF/X') are the project's: listed once, counted on every card."""
    if len(cards) < 2:
        return []
    shared = set.intersection(*(set(c.warnings) for c in cards.values()))
    for each in cards.values():
        each.warnings = [w for w in each.warnings if w not in shared]
        each.shared_warnings = len(shared)
    return sorted(shared)


def _manifest_editions(out: Path) -> tuple[dict[str, dict], list, str]:
    """The editions the build's manifests record (shard builds, --shard K/N, each keep their own), the
    problems they record that belong to no edition, and the leafletpress version that wrote them."""
    found: dict[str, dict] = {}
    general: list = []
    version = ""
    for path in [*sorted(out.glob(SHARD_MANIFESTS)), out / MANIFEST]:
        try:
            data = json.loads(path.read_text("utf-8"))
            editions = data.get("editions", {})
            found.update({slug: entry for slug, entry in editions.items() if isinstance(entry, dict) and slug.count("/") == 1})
            general += [p for p in data.get("problems", []) if isinstance(p, dict)]
            version = str(data.get("leafletpress", version))
        except (OSError, ValueError, AttributeError):
            continue
    return found, general, version


def _names(library) -> tuple[dict[str, str], dict[str, str]]:
    """Condition titles and team names by slug, when the library is at hand."""
    if library is None:
        return {}, {}
    from ..content.markup import plain

    titles = {slug: plain(source.item.title) for slug, source in library.conditions.items()}
    titles |= {
        f"{slug}.{language}": plain(source.item.title)
        for (folder, slug, language), source in library.translations.items()
        if folder == "conditions"
    }
    return titles, {slug: source.item.name for slug, source in library.teams.items()}


_ENV = templating.environment(__package__, keep_trailing_newline=True)
_ENV.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
_TEMPLATE = _ENV.get_template("index.html.j2")
