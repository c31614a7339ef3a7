"""The plan of a build: which editions it names, which of them fail before anything is laid out, which
are unchanged, and a job for each of the others."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..compose.edition import Edition, compose
from ..content.folds import FOLDS_FILE
from ..content.glyphs import GlyphCheck
from ..content.library import Library
from ..content.matrix import composable, languages_errors
from ..epoch import source_date_epoch
from ..options import BuildOptions
from ..outputs import Output, edition_slug, output_path
from ..problems import Problem, UsageError, did_you_mean
from . import manifest as manifests
from .jobs import EditionResult, Job, Status
from .shard import Shard, shard_of


@dataclass
class Plan:
    """What a build will do: editions settled without rendering, and the jobs for the rest."""

    settled: list[EditionResult] = field(default_factory=list)  # failed before rendering, or unchanged
    jobs: list[Job] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)  # edition slug -> its inputs, project-relative
    previous: dict[str, dict] = field(default_factory=dict)  # what earlier builds recorded, per edition
    total: int = 0  # the editions the build names
    # A sharded build: the shard that reports each problem of the library (reporting_shards).
    reported_by: dict[Problem, int] = field(default_factory=dict)


def plan(library: Library, pairs, options: BuildOptions, out: Path | None, shard: Shard | None) -> Plan:
    """The plan for the selected editions of a library (pairs: the matrix's (team, condition, translation) editions)."""
    pairs = select(pairs, library, options.conditions, options.teams, options.languages)
    # Only when there is something to report: deciding it composes every edition of the selection.
    reported_by = reporting_shards(library, pairs, shard.count) if shard is not None and library.problems.items else {}
    if shard is not None:
        pairs = [(t, c, lang) for t, c, lang in pairs if shard.holds(edition_slug(t, c, lang))]
    result = Plan(previous=manifests.read_previous(out, shard) if out is not None else {}, total=len(pairs))
    result.reported_by = reported_by
    hasher = manifests.InputHasher(library, f"SOURCE_DATE_EPOCH={source_date_epoch()}")
    glyphs = GlyphCheck(library)
    batch = uuid.uuid4().hex  # a worker keeps laid-out bodies (typeset/share.py) within one build only
    for team, condition, translation in pairs:
        slug = edition_slug(team, condition, translation)

        def failed(problems, digest="", team=team, condition=condition, translation=translation):
            return EditionResult(team, condition, Status.FAILED, problems=problems, digest=digest, translation=translation)

        files, blocking, edition, digest = _triage(library, hasher, team, condition, translation)
        if files is not None:
            result.inputs[slug] = sorted(files)  # a failed edition's manifest entry says why, from which files
        if blocking or edition is None:
            result.settled.append(failed(blocking, digest))
            continue
        entry = result.previous.get(slug)
        reuse = out is not None and not options.force and manifests.reusable(entry, digest, options.strict)
        if reuse and _has_outputs(entry, options.outputs, edition):
            outputs = [(out / o).as_posix() for o in entry["outputs"]]
            # Its warnings too: an incremental build reports what a full build would.
            problems = manifests.recorded_problems(entry)
            result.settled.append(
                EditionResult(team, condition, Status.UNCHANGED, outputs, problems, digest=digest, translation=translation)
            )
            continue
        missing = glyphs(edition)
        if missing:  # a character no bundled font has: nothing to lay out until it is gone
            result.settled.append(failed(missing, digest))
            continue
        job_out = None if out is None else str(out)
        result.jobs.append(Job(edition, str(library.root), job_out, digest, options.strict, options.outputs, batch))
    # A condition's editions one after another, so a worker can reuse its laid-out body (share.py).
    result.jobs.sort(key=lambda job: (job.edition.condition, job.edition.translation, job.edition.team))
    return result


def reporting_shards(library: Library, pairs, count: int) -> dict[Problem, int]:
    """The shard of N (count) that reports each problem of the library, so that the N shards report it once.

    A problem that is an edition's (its errors as plan gives them, its warnings as warnings_of) is reported
    by the lowest-numbered shard that holds an edition owning it; one that no edition of the whole
    selection owns (a file no edition uses), by shard 1. Decided over every edition of the selection, not
    only the shard's, by the same rules as plan: a shard does not report what only another shard's
    editions own. Problems found while laying out an edition are not the library's: its shard reports them.
    """
    hasher = manifests.InputHasher(library, "")
    first: dict[Problem, int] = {}

    def own(problems: Iterable[Problem], slug: str) -> None:
        index = shard_of(slug, count)
        for problem in problems:
            first[problem] = min(first.get(problem, index), index)

    for team, condition, translation in pairs:
        slug = edition_slug(team, condition, translation)
        files, blocking, _, _ = _triage(library, hasher, team, condition, translation)
        own(blocking, slug)
        if files is not None:
            own(warnings_of(library, files, team, condition), slug)
    return {problem: first.get(problem, 1) for problem in library.problems.items}


def _triage(library: Library, hasher, team: str, condition: str, translation: str):
    """What plan needs to know of an edition before it is laid out: (its files, the errors that stop it, the
    composed edition or None, its digest). Its files are None when it fails before they are known."""
    if translation and translation not in library.languages_of(team):
        # In the matrix only because languages: in project.yaml has an error (matrix.languages_unknown):
        # whether this team hands it out is not known, so it fails with that error rather than vanish.
        return None, languages_errors(library), None, ""
    own = _own_files(library, team, condition, translation)
    blocking = _problems_of(library, own, team, condition, translation)
    if blocking or not composable(library, condition, translation):
        # A file it needs did not load, has errors, or names a shared section that is missing.
        return own, blocking, None, ""
    edition = compose(library, team, condition, translation)
    digest, files = hasher.digest(edition)
    return set(files), _problems_of(library, set(files) | {FOLDS_FILE}, team, condition, translation), edition, digest


def select(pairs, library: Library, conditions, teams, languages=()) -> list[tuple[str, str, str]]:
    """The editions a --condition/--team/--language selection names; a usage error when it names none."""
    for wanted, what in ((conditions, "conditions"), (teams, "teams")):
        known = library.slugs(what)
        for slug in wanted:
            if slug not in known:
                hint = did_you_mean(slug, known)
                raise UsageError(f"no {what[:-1]} '{slug}'" + (f"; {hint}" if hint else f"; known: {', '.join(sorted(known))}"))
    spoken = {library.language} | {lang for _, _, lang in pairs if lang}
    for language in languages:
        if language not in spoken:
            hint = did_you_mean(language, spoken)
            known = ", ".join(sorted(spoken))
            raise UsageError(f"no edition in '{language}'; {hint + ' ' if hint else ''}the project's editions are in: {known}")
    selected = [
        (t, c, lang)
        for t, c, lang in pairs
        if (not teams or t in teams)
        and (not conditions or c in conditions)
        and (not languages or (lang or library.language) in languages)
    ]
    if (conditions or teams or languages) and not selected:
        unfiltered = [(t, c, lang) for t, c, lang in pairs if (not teams or t in teams) and (not conditions or c in conditions)]
        if unfiltered:  # the teams and conditions make editions, only not in the languages asked for
            raise UsageError(_not_in_languages(library, unfiltered, list(conditions), list(teams), list(languages)))
        raise UsageError(_nothing_selected(list(conditions), list(teams)))
    return selected


def _names(kind: str, slugs: list[str]) -> str:
    return f"{kind}{'s' if len(slugs) > 1 else ''} " + " or ".join(f"'{s}'" for s in slugs)


def _not_in_languages(library: Library, editions, conditions: list[str], teams: list[str], languages: list[str]) -> str:
    """Why --language leaves none of the editions the --team/--condition selection has: in which languages it
    has them, and per language asked for what it lacks (the team does not hand it out, or no translation)."""
    have = sorted({lang or library.language for _, _, lang in editions}, key=lambda code: code != library.language)
    only = f"only in {', '.join(have)}, not in {' or '.join(languages)}"
    hand = "hands" if len(teams) == 1 else "hand"
    if conditions and teams:
        why = f"{_names('team', teams)} {hand} out {_names('condition', conditions)} {only}"
    elif teams:
        why = f"{_names('team', teams)} {hand} out {'its' if len(teams) == 1 else 'their'} conditions {only}"
    else:
        why = f"{_names('condition', conditions)} {'is' if len(conditions) == 1 else 'are'} handed out {only}"
    hints = []
    for language in languages:
        speaking = sorted({t for t, _, _ in editions if language in library.languages_of(t)})
        if not speaking:
            silent = sorted({t for t, _, _ in editions})
            who = f"team '{silent[0]}' does" if len(silent) == 1 else f"teams {' and '.join(repr(t) for t in silent)} do"
            where = f"languages: {silent[0]}" if len(silent) == 1 else "languages:"
            hints.append(f"{who} not hand out {language}: add it under {where} in leaflets/project.yaml")
            continue
        untranslated = sorted({c for t, c, _ in editions if t in speaking})  # none of them has a translation
        if len(untranslated) == 1:
            file = library.translation_file("conditions", untranslated[0], language)
            hints.append(f"condition '{untranslated[0]}' has no translation into {language}: {file}")
        else:
            which = "the conditions " + " and ".join(f"'{c}'" for c in untranslated) if conditions else "all their conditions"
            hints.append(f"{which} have no translation into {language}: leaflets/conditions/<slug>.{language}.yaml")
    return f"no edition to build: {why} ({'; '.join(hints)})"


def _nothing_selected(conditions: list[str], teams: list[str]) -> str:
    """Why a selection of existing slugs holds no edition: the matrix does not pair them."""
    hands = "does not hand out" if len(teams) == 1 else "do not hand out"
    if conditions and teams:
        why = f"{_names('team', teams)} {hands} {_names('condition', conditions)}"
        hint = f"add {' and '.join(conditions)} to editions: {teams[0]} in leaflets/project.yaml"
    elif teams:
        why = f"{_names('team', teams)} {hands} any condition"
        hint = f"list the conditions under editions: {teams[0]} in leaflets/project.yaml, or 'all'"
    else:
        why = f"no team hands out {_names('condition', conditions)}"
        hint = "add it under a team in editions: in leaflets/project.yaml"
    return f"no edition to build: {why} ({hint})"


def _own_files(library: Library, team: str, condition: str, translation: str = "") -> set[str]:
    """The content files an edition is made from, whether they loaded or not (the folds file: see _problems_of).

    A translated edition's too: the translations of its condition, the project and the team (the team's is an
    error only where it is needed); its sources still give the structure, the people and the settings.
    """
    files = {"leaflets/project.yaml", library.file_of("conditions", condition), library.file_of("teams", team)}
    # The shared sections the condition uses, loaded or not: a broken one is why this edition fails.
    source = library.conditions.get(condition)
    used = [section.use for section in source.item.sections if section.use] if source is not None else []
    files |= {library.file_of("shared", slug) for slug in used}
    if translation:
        files.add(library.translation_file_of("conditions", condition, translation))
        files.add(library.translation_file_of("project", "project", translation))
        files.add(library.translation_file_of("teams", team, translation))  # a missing one is an error only if needed
        files |= {library.translation_file_of("shared", slug, translation) for slug in used}
    folds = library.root / FOLDS_FILE
    return files | ({FOLDS_FILE} if folds.exists() or folds.is_symlink() else set())


def _problems_of(library: Library, files: set[str], team: str, condition: str, translation: str = "") -> list[Problem]:
    """The errors of these files that concern one edition: why it cannot be built.

    An error in another team's line of `editions:` in project.yaml is that team's alone: a typo in
    one team's list does not stop every other team's leaflets. Likewise an error in one fold of
    leaflets/folds.yaml stops the editions printed in that fold only; an error in the file as a
    whole stops them all (any fold may be in it, a built-in one changed too).
    """
    return [p for p in library.problems.errors if _concerns(library, p, files, team, condition)]


def warnings_of(library: Library, files: Iterable[str], team: str, condition: str) -> list[Problem]:
    """The warnings of these files (an edition's inputs) that concern one edition, by the rules of _problems_of.

    They are the edition's, as its errors are: the JSON report, the manifest entry and the contact
    sheet's card list them with it (a translation behind its source: that translation's editions).
    """
    files = set(files)
    return [p for p in library.problems.items if not p.is_error and _concerns(library, p, files, team, condition)]


def _concerns(library: Library, problem: Problem, files: set[str], team: str, condition: str) -> bool:
    return (
        problem.file in files
        and _editions_team(problem) in (None, team)
        and _fold_of_problem(problem) in (None, library.fold_of(condition))
    )


def _editions_team(problem: Problem) -> str | None:
    """The team an error under `editions:` or `languages:` in project.yaml belongs to (None: it concerns every edition)."""
    if problem.file != "leaflets/project.yaml" or not problem.field.startswith(("editions.", "languages.")):
        return None
    return problem.field.partition(".")[2].split("[", 1)[0]


def _fold_of_problem(problem: Problem) -> str | None:
    """The fold an error in leaflets/folds.yaml belongs to (None: it concerns every fold)."""
    if problem.file != FOLDS_FILE or not problem.field:
        return None
    return re.split(r"[.\[]", problem.field, maxsplit=1)[0]


def _has_outputs(entry: dict, outputs: tuple[Output, ...], edition: Edition) -> bool:
    """Did the last build write every output asked for now? (A print-only build wrote no screen PDF.)"""
    listed = set(entry.get("outputs", []))
    return all(
        output_path(Path("."), kind, edition.team, edition.condition, edition.translation).as_posix() in listed
        for kind in outputs
    )
