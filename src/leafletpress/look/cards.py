"""The contact sheet's cards: one edition each, read back from what the build folder holds.

A card is plain data for the template: the edition's status in words, its warnings and errors,
thumbnails and proofs (with the before and after of a visible change), its panels in the fold's
reading order, the views of the folded preview, and a link to each of its outputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..fold import FOLDS, Fold, for_direction
from ..outputs import (
    OUTPUTS,
    Output,
    edition_slug,
    guides_file,
    output_path,
    panel_file,
    parse_slug,
    proof_folder,
    side_file,
    thumb_file,
)
from ..plan.jobs import Status
from ..problems import Problem, Severity
from .files import read_proof_info
from .folded import views

FIT_WORDS = {"fits": "fits", "overflow": "does not fit", "error": "failed", "unknown": "not built"}


@dataclass
class Link:
    label: str
    href: str


@dataclass
class Thumb:
    side: str
    src: str  # the thumbnail
    proof: str  # the full-size proof it links to
    before: str = ""  # for a visible change: the proof it replaced
    changes: str = ""  # and the highlighted difference


@dataclass
class Card:
    """One edition as the contact sheet shows it."""

    team: str
    team_name: str
    condition: str
    title: str
    fit: str  # fits, overflow, error, unknown
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shared_warnings: int = 0  # warnings every edition has, listed once above the editions
    preflight: str = "not run"  # passed, failed, warnings, or "not run" when the manifest does not say
    thumbs: list[Thumb] = field(default_factory=list)
    proofs: list[Link] = field(default_factory=list)
    panels: list[Link] = field(default_factory=list)  # in the fold's reading order
    # One link per output of the edition that is on disk (output_links): the print and screen PDFs, the web page.
    outputs: list[Link] = field(default_factory=list)
    folded: list[dict] = field(default_factory=list)  # the folded preview's views, panel images in each
    stale: bool = False  # the proof and PDF shown are from the last good build
    last_good: str = ""  # when the PDFs shown were built, for a failed edition that has some
    built_at: str = ""
    changed: bool = False
    fold: str = ""  # the fold its proofs were made in
    translation: str = ""  # a translated edition's language; "" in the project's own
    language: str = ""  # the edition's language (its code), for the contact sheet's language filter

    @property
    def slug(self) -> str:
        return edition_slug(self.team, self.condition, self.translation)

    @property
    def anchor(self) -> str:
        return f"{self.team}-{self.condition}" + (f"-{self.translation}" if self.translation else "")

    @property
    def status_words(self) -> list[str]:
        """What the status filter matches: the fit, then preflight's verdict and whether it changed."""
        words = [self.fit, "error"] if self.fit == "overflow" else [self.fit]  # not fitting is failing too
        if self.warnings or self.shared_warnings or self.preflight == "warnings":
            words.append("warnings")
        if self.preflight == "failed":
            words.append("preflight-failed")
        if self.changed:
            words.append("changed")
        return words


def card(
    out: Path,
    slug: str,
    entry: dict,
    titles: dict[str, str],
    team_names: dict[str, str],
    changes: dict[str, dict],
    folds: Mapping[str, Fold] = FOLDS,
) -> Card:
    """The card of one edition from its manifest entry and the files beside it.

    titles and team_names by slug (the slug itself when unknown; a translation's title by condition.lang);
    changes: this edition's visible changes by side (diff.json), empty when it did not change; folds: the
    folds by name, the project's own among them, to find the one its proofs were made in.
    """
    team, condition, translation = parse_slug(slug)
    name = slug.split("/", 1)[1]
    title = titles.get(name, titles.get(condition, condition))
    result = Card(team, team_names.get(team, team), condition, title, _fit(entry), changed=bool(changes))
    result.translation, result.language = translation, translation or entry.get("language", "")
    for problem in entry.get("problems", []):
        text, is_error = problem_text(problem), not isinstance(problem, dict) or problem.get("severity") != "warning"
        (result.errors if is_error else result.warnings).append(text)
    result.preflight, notes = _preflight(entry.get("preflight"))
    (result.warnings if result.preflight == "warnings" else result.errors).extend(notes)
    if result.preflight == "not run" and any(" preflight " in f" {p}" for p in result.errors):
        result.preflight = "failed"  # the manifest keeps the problems of a failed edition, preflight's among them
    result.built_at = entry.get("built_at", "")
    if entry.get("status") == Status.FAILED and entry.get("outputs"):
        result.last_good = entry.get("built_at", "an earlier build")
    result.stale = result.fit != "fits"
    _add_proofs(out, result, changes, folds)
    result.outputs = output_links(out, team, condition, translation)
    return result


def output_links(out: Path, team: str, condition: str, translation: str = "") -> list[Link]:
    """A link to each output of the edition that is on disk, in the order of OUTPUTS."""
    links = []
    for kind in OUTPUTS:
        path = output_path(out, kind, team, condition, translation)
        if path.is_file():  # the web edition's output is the edition's page, web/<team>/<condition>/index.html
            links.append(Link("web page" if kind == Output.WEB else f"{kind} PDF", path.relative_to(out).as_posix()))
    return links


def _add_proofs(out: Path, result: Card, changes: dict[str, dict], folds: Mapping[str, Fold]) -> None:
    folder = proof_folder(out, result.team, result.condition, result.translation)
    info = read_proof_info(folder)
    version = f"?v={info.get('pdf', '')[:12]}"  # a new proof gets a new URL: a reload never shows a cached image
    files = set(info.get("files", []))

    def href(name: str) -> str:
        return (folder / name).relative_to(out).as_posix() + version

    for side in info.get("sides", []):
        if side_file(side) not in files:
            continue
        change = changes.get(side, {})
        before, highlighted = change.get("before", ""), change.get("image", "")
        if thumb_file(side) in files:
            result.thumbs.append(Thumb(side, href(thumb_file(side)), href(side_file(side)), before, highlighted))
        result.proofs.append(Link(side, href(side_file(side))))
        if guides_file(side) in files:
            result.proofs.append(Link(f"{side} + guides", href(guides_file(side))))
    order = [name for name in info.get("panels", []) if panel_file(name) in files]
    result.panels = [Link(name, href(panel_file(name))) for name in order]
    result.fold = info.get("fold", "")
    fold = folds.get(result.fold)
    if fold is not None:
        fold = for_direction(fold, info.get("direction", "ltr"))
    if fold is not None and order:
        shown = {link.label: link.href for link in result.panels}
        result.folded = [
            {"key": view.key, "caption": view.caption, "panels": [{"name": p, "src": shown[p]} for p in view.panels]}
            for view in views(fold)
            if all(p in shown for p in view.panels)
        ]


def _fit(entry: dict) -> str:
    if entry.get("status") in (Status.BUILT, Status.UNCHANGED):
        return "fits"
    if entry.get("status") == Status.FAILED:
        return "overflow" if entry.get("fit") == "overflow" else "error"
    return "unknown"


def problem_text(problem) -> str:
    """A problem as the manifest stores it (a Problem's fields, or older: its text), as one line; no 'warning: '."""
    if isinstance(problem, dict):
        try:
            return str(Problem(**{**problem, "severity": Severity.ERROR}))
        except (TypeError, ValueError):
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
