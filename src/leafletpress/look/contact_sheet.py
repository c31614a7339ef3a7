"""The contact sheet: build/index.html, every edition at a glance (teams x conditions).

Everything is read back from the build folder (manifest.json, proofs/*/proof.json, diff.json),
so the page describes what is on disk. It uses relative links and inline CSS only: it works
opened straight from disk, with no server and no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import templating
from ..atomic import write_atomic
from ..outputs import (
    DIFF_INFO,
    INDEX,
    MANIFEST,
    OUTPUTS,
    SHARD_MANIFESTS,
    Output,
    guides_file,
    output_path,
    panel_file,
    proof_folder,
    side_file,
    thumb_file,
)
from ..plan.jobs import Status
from ..problems import Problem
from .diff import read_report
from .files import read_proof_info


@dataclass
class Link:
    label: str
    href: str


@dataclass
class Thumb:
    side: str
    src: str  # the thumbnail
    proof: str  # the full-size proof it links to


@dataclass
class Card:
    """One edition as the contact sheet shows it."""

    team: str
    condition: str
    title: str
    fit: str  # fits, overflow, error, unknown
    problems: list[str] = field(default_factory=list)
    preflight: str = "not run"  # passed, failed, warnings, or "not run" when the manifest does not say
    preflight_notes: list[str] = field(default_factory=list)
    thumbs: list[Thumb] = field(default_factory=list)
    proofs: list[Link] = field(default_factory=list)
    panels: list[Link] = field(default_factory=list)
    pdfs: list[Link] = field(default_factory=list)
    stale: bool = False  # the proof and PDF shown are from the last good build
    last_good: str = ""  # when the PDFs shown were built, for a failed edition that has some
    changed: bool = False

    @property
    def slug(self) -> str:
        return f"{self.team}/{self.condition}"


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
    editions, general = _manifest_editions(out)
    diff = read_report(out) if (out / DIFF_INFO).is_file() else None
    changed = {e.slug for e in diff.changed} if diff else set()
    cards = {slug: _card(out, slug, entry, library, slug in changed) for slug, entry in editions.items()}
    project_notes = sorted(set(_shared_problems(cards)) | {_problem_text(p) for p in general})
    teams = sorted({card.team for card in cards.values()})
    conditions = sorted({card.condition for card in cards.values()})
    titles = {card.condition: card.title for card in cards.values()}
    team_names = {team: _team_name(library, team) for team in teams}
    counts = {
        "editions": len(cards),
        "fits": sum(c.fit == "fits" for c in cards.values()),
        "overflow": sum(c.fit == "overflow" for c in cards.values()),
        "error": sum(c.fit == "error" for c in cards.values()),
        "preflight_failed": sum(c.preflight == "failed" for c in cards.values()),
    }
    practice = library.project.item.practice.name if library is not None and library.project else "leafletpress"
    proofs_of = {slug: {link.label: link.href for link in card.proofs} for slug, card in cards.items()}
    proofs_of.update({e.slug: {} for e in diff.editions if e.slug not in proofs_of} if diff else {})
    return _TEMPLATE.render(
        practice=practice,
        cards=cards,
        teams=teams,
        team_names=team_names,
        proofs_of=proofs_of,
        conditions=conditions,
        titles=titles,
        counts=counts,
        diff=diff,
        project_notes=project_notes,
    )


def _shared_problems(cards: dict) -> list[str]:
    """Problems every edition reports (e.g. 'not PDF/X') are the project's: shown once, not on every card."""
    if len(cards) < 2:
        return []
    shared = set.intersection(*(set(card.problems) for card in cards.values()))
    for card in cards.values():
        card.problems = [p for p in card.problems if p not in shared]
    return sorted(shared)


def _manifest_editions(out: Path) -> tuple[dict[str, dict], list]:
    """The editions the build's manifests record (shard builds, --shard K/N, each keep their own), and the
    problems they record that belong to no edition."""
    found: dict[str, dict] = {}
    general: list = []
    for path in [*sorted(out.glob(SHARD_MANIFESTS)), out / MANIFEST]:
        try:
            data = json.loads(path.read_text("utf-8"))
            editions = data.get("editions", {})
            found.update({slug: entry for slug, entry in editions.items() if isinstance(entry, dict) and slug.count("/") == 1})
            general += [p for p in data.get("problems", []) if isinstance(p, dict)]
        except (OSError, ValueError, AttributeError):
            continue
    return found, general


def _card(out: Path, slug: str, entry: dict, library, changed: bool) -> Card:
    team, condition = slug.split("/")
    problems = [_problem_text(p) for p in entry.get("problems", [])]
    if entry.get("status") in (Status.BUILT, Status.UNCHANGED):
        fit = "fits"
    elif entry.get("status") == Status.FAILED:
        fit = "overflow" if entry.get("fit") == "overflow" else "error"
    else:
        fit = "unknown"
    card = Card(team, condition, _condition_title(library, condition), fit, problems, changed=changed)
    if entry.get("status") == Status.FAILED and entry.get("outputs"):
        card.last_good = entry.get("built_at", "an earlier build")
    card.preflight, card.preflight_notes = _preflight(entry.get("preflight"))
    if card.preflight == "not run" and any(" preflight " in f" {p}" for p in problems):
        card.preflight = "failed"  # the manifest keeps the problems of a failed edition, preflight's among them
    card.stale = fit != "fits"
    folder = proof_folder(out, team, condition)
    info = read_proof_info(folder)
    version = f"?v={info.get('pdf', '')[:12]}"  # a new proof gets a new URL: a reload never shows a cached image
    files = set(info.get("files", []))
    for side in info.get("sides", []):
        proof = _href(out, folder / side_file(side)) + version
        if thumb_file(side) in files and side_file(side) in files:
            card.thumbs.append(Thumb(side, _href(out, folder / thumb_file(side)) + version, proof))
        if side_file(side) in files:
            card.proofs.append(Link(side, proof))
        if guides_file(side) in files:
            card.proofs.append(Link(f"{side} + guides", _href(out, folder / guides_file(side)) + version))
    for name in sorted(files):
        if name.startswith("panel-"):
            panel = name[len("panel-") : -len(".png")]
            card.panels.append(Link(panel, _href(out, folder / panel_file(panel)) + version))
    for kind in OUTPUTS:
        pdf = output_path(out, kind, team, condition)
        if pdf.is_file():  # the web edition's output is the edition's page, web/<team>/<condition>/index.html
            card.pdfs.append(Link("web page" if kind == Output.WEB else f"{kind} PDF", _href(out, pdf)))
    return card


def _problem_text(problem) -> str:
    """A problem as the manifest stores it (a Problem's fields, or older: its text)."""
    if isinstance(problem, dict):
        try:
            return str(Problem(**problem))
        except TypeError:
            return str(problem.get("message", problem))
    return str(problem)


def _preflight(value) -> tuple[str, list[str]]:
    """Preflight status as the manifest records it (a word, or a dict with status/ok and problems)."""
    if value is None:
        return "not run", []
    if isinstance(value, bool):
        return ("passed" if value else "failed"), []
    if isinstance(value, str):
        return value, []
    if isinstance(value, dict):
        notes = [str(n) for key in ("problems", "errors", "warnings", "issues") for n in value.get(key, []) or []]
        if "status" in value:
            return str(value["status"]), notes
        if "ok" in value or "passed" in value:
            return ("passed" if value.get("ok", value.get("passed")) else "failed"), notes
        return ("failed" if notes else "passed"), notes
    return str(value), []


def _href(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


def _condition_title(library, condition: str) -> str:
    if library is not None and condition in library.conditions:
        from ..content.markup import plain

        return plain(library.conditions[condition].item.title)
    return condition


def _team_name(library, team: str) -> str:
    if library is not None and team in library.teams:
        return library.teams[team].item.name
    return team


_ENV = templating.environment(__package__, keep_trailing_newline=True)
_TEMPLATE = _ENV.get_template("index.html.j2")
