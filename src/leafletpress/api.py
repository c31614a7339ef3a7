"""The library API the CLI calls: build, check and list the editions of a project."""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import remove_leftovers
from .compose.edition import Edition, compose, matrix
from .content import glyphs
from .content.library import Library
from .content.load import load_library
from .epoch import source_date_epoch
from .plan import manifest as manifests
from .plan.jobs import EDITION_PATHS, EditionResult, Job, chunks, crashed
from .plan.shard import Shard, parse_shard
from .problems import Problem, did_you_mean
from .report import Report

if TYPE_CHECKING:
    from .look.proof import ProofOptions


EDITIONS = tuple(EDITION_PATHS)  # print, screen


class UsageError(Exception):
    """The caller asked for something that does not exist (exit code 2 on the command line)."""


class OutputError(Exception):
    """The output folder cannot be written (read-only, full disk, no permission): exit code 1."""

    def __init__(self, folder: Path, exc: OSError):
        super().__init__(f"cannot write to {folder}: {exc.strerror or exc}")
        self.folder = folder


Progress = Callable[[EditionResult, int, int], None]


def list_editions(root: str | Path = ".") -> tuple[Library, list[tuple[str, str]]]:
    """The validated library and the (team, condition) editions its project defines (broken files included)."""
    library = load_library(Path(root))
    return library, matrix(library)


def check(root: str | Path = ".", **options) -> Report:
    """Everything build does and rejects, without writing a file: content, fit, preflight in memory."""
    return build(root, out=None, **options)


@dataclass
class Plan:
    """What a build will do: editions settled without rendering, and the jobs for the rest."""

    settled: list[EditionResult] = field(default_factory=list)  # failed before rendering, or unchanged
    jobs: list[Job] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)  # edition slug -> its inputs, project-relative
    previous: dict[str, dict] = field(default_factory=dict)  # what earlier builds recorded, per edition


def build(
    root: str | Path = ".",
    *,
    out: str | Path | None = "build",
    conditions: Iterable[str] = (),
    teams: Iterable[str] = (),
    jobs: int | None = None,
    force: bool = False,
    strict: bool = False,
    shard: Shard | str | None = None,
    progress: Progress | None = None,
    proofs: ProofOptions | None = None,
    index: bool = False,
    editions: Iterable[str] = EDITIONS,
) -> Report:
    """Build the print PDF of every selected edition into out/ (out=None: check only).

    `editions` says which PDFs to write: "print" (imposed sheets for the press) and/or "screen"
    (accessible, one page per panel in reading order); both come from one typesetting pass.

    `shard` ('K/N' or a Shard) builds only the editions of shard K of N; the N shards
    together build exactly the full matrix. Every PDF written is preflighted; a preflight
    error fails its edition, and `strict` counts preflight warnings as errors.
    """
    started = time.perf_counter()
    began = time.time()  # temporary files older than this were left by a build that was killed
    root = Path(root).resolve()
    editions = _editions(editions)
    if isinstance(shard, str):
        try:
            shard = parse_shard(shard)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    library, matrix_pairs = list_editions(root)
    out_dir = None if out is None else (root / out if not Path(out).is_absolute() else Path(out))
    report = Report(root, out_dir, library)
    if library.project is None and not matrix_pairs:
        return report  # no project here, or nothing in it: the problems say which
    pairs = _select(matrix_pairs, library, list(conditions), list(teams))
    if out_dir is not None:
        _check_writable(out_dir)
    if shard is not None:
        pairs = [(t, c) for t, c in pairs if shard.holds(f"{t}/{c}")]
    previous = manifests.read_previous(out_dir, shard) if out_dir is not None else {}
    plan = _plan(library, pairs, previous, out_dir, force, strict, editions)
    report.results += plan.settled
    # A condition's editions one after another, so a worker can reuse its laid-out body (share.py).
    plan.jobs.sort(key=lambda job: (job.edition.condition, job.edition.team))
    report.results += _run_all(plan.jobs, jobs, progress, len(pairs), len(plan.settled))
    if out_dir is not None:
        changed = _record(report, plan, matrix_pairs, shard, began)
        _present(report, proofs, index, changed, jobs)
    report.results.sort(key=lambda r: (r.team, r.condition))
    report.seconds = time.perf_counter() - started
    return report


def _plan(library: Library, pairs, previous: dict, out_dir: Path | None, force: bool, strict: bool, editions) -> Plan:
    """Settle what needs no rendering (editions whose files have errors, unchanged ones); a job for each other."""
    plan = Plan(previous=previous)
    hasher = manifests.InputHasher(library, f"SOURCE_DATE_EPOCH={source_date_epoch()}")
    glyph_check = _GlyphCheck(library)
    batch = uuid.uuid4().hex
    for team, condition in pairs:
        slug = f"{team}/{condition}"
        own = _own_files(library, team, condition)
        blocking = _problems_of(library, own, team)
        if blocking or not _composable(library, condition):
            # A file it needs did not load, has errors, or names a shared section that is missing;
            # those problems are the edition's, so its manifest entry says why it failed.
            plan.inputs[slug] = sorted(own)
            plan.settled.append(EditionResult(team, condition, "failed", problems=blocking))
            continue
        edition = compose(library, team, condition)
        digest, plan.inputs[slug] = hasher.digest(edition)
        blocking = _problems_of(library, set(plan.inputs[slug]), team)
        if blocking:
            plan.settled.append(EditionResult(team, condition, "failed", problems=blocking, digest=digest))
            continue
        entry = previous.get(slug)
        reuse = out_dir is not None and not force and manifests.reusable(entry, digest, strict)
        if reuse and _has_outputs(entry, editions, edition):
            outputs = [(out_dir / o).as_posix() for o in entry["outputs"]]
            # Its warnings too: an incremental build reports what a full build would.
            plan.settled.append(
                EditionResult(team, condition, "unchanged", outputs, manifests.recorded_problems(entry), digest=digest)
            )
            continue
        missing = glyph_check(edition)
        if missing:  # a character no bundled font has: nothing to lay out until it is gone
            plan.settled.append(EditionResult(team, condition, "failed", problems=missing, digest=digest))
            continue
        out = None if out_dir is None else str(out_dir)
        plan.jobs.append(Job(edition, str(library.root), out, digest, strict, editions, batch))
    return plan


class _GlyphCheck:
    """The characters of an edition's files that none of its fonts has; each file checked once per font set."""

    def __init__(self, library: Library):
        self.library = library
        self._coverage: dict[tuple[str, ...], frozenset[int]] = {}
        self._found: dict[tuple[str, tuple[str, ...]], list[Problem]] = {}

    def __call__(self, edition: Edition) -> list[Problem]:
        library, root = self.library, self.library.root
        sheets = edition.stylesheets
        if sheets not in self._coverage:
            fonts = [font for sheet in sheets for font in glyphs.font_files(root, root / sheet)]
            self._coverage[sheets] = glyphs.coverage(fonts)
        condition = library.conditions[edition.condition]
        sources = [library.project, condition, library.teams[edition.team]]
        sources += [library.shared[s.use] for s in condition.item.sections if s.use]
        problems = []
        for source in sources:
            key = (source.file, sheets)
            if key not in self._found:
                self._found[key] = glyphs.check_document(source.doc, self._coverage[sheets])
            problems += self._found[key]
        return problems


def _record(report: Report, plan: Plan, matrix_pairs, shard: Shard | None, began: float) -> bool:
    """Write what this build did into the manifest; True if the manifest changed."""
    out_dir, library = report.out, report.library
    manifest = dict(plan.previous)  # editions outside the selection keep their records
    for result in report.results:
        if result.status != "unchanged":
            entry = manifests.entry_for(result, plan.inputs.get(result.slug, []), out_dir, plan.previous.get(result.slug))
            manifest[result.slug] = entry
    if not library.problems.errors:
        # Editions that left the matrix lose their PDFs. Not while some file has errors:
        # a team that did not load is not a team that left.
        _remove_stale(out_dir, manifest, {f"{t}/{c}" for t, c in matrix_pairs})
    # Problems no edition owns (a file no edition uses, an ignored file) are shown on the contact sheet too.
    owned = {p for result in report.results for p in result.problems}
    general = [p for p in report.problems if p not in owned]
    try:
        changed = manifests.write_manifest(out_dir, manifest, shard, general)
        remove_leftovers(out_dir, began)
    except OSError as exc:
        raise OutputError(out_dir, exc) from None
    return changed


def _editions(wanted: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(wanted)
    unknown = [name for name in wanted if name not in EDITIONS]
    if unknown or not wanted:
        raise UsageError(f"no edition '{unknown[0] if unknown else ''}'; known: {', '.join(EDITIONS)}")
    return tuple(name for name in EDITIONS if name in wanted)


def _has_outputs(entry: dict, editions: tuple[str, ...], edition: Edition) -> bool:
    """Did the last build write every edition asked for now? (A print-only build wrote no screen PDF.)"""
    listed = set(entry.get("outputs", []))
    return all(EDITION_PATHS[name](Path("."), edition).as_posix() in listed for name in editions)


def _present(report: Report, proofs: ProofOptions | None, index: bool, manifest_changed: bool, jobs: int | None) -> None:
    """Proofs (PNG per sheet side and panel) and the contact sheet: what designers look at.

    The contact sheet is made again only when the manifest or a proof changed (or it is missing):
    for a no-op rebuild of 400 editions, rendering it cost a fifth of a second for nothing.
    """
    if proofs is not None:
        from .look.proof import proof_build  # PDFium and Pillow load only when proofs are asked for

        started = time.perf_counter()
        report.proofs = proof_build(report.out, report.library, report.results, proofs, jobs or default_jobs())
        report.proof_seconds = time.perf_counter() - started
    made_proofs = any(p.status == "made" for p in report.proofs)
    if index and (manifest_changed or made_proofs or not (report.out / "index.html").is_file()):
        from .look.contact_sheet import write_index

        write_index(report.out, report.library)


def _own_files(library: Library, team: str, condition: str) -> set[str]:
    """The content files an edition is made from, whether they loaded or not."""
    return {"leaflets/project.yaml", library.file_of("conditions", condition), library.file_of("teams", team)}


def _problems_of(library: Library, files: set[str], team: str) -> list[Problem]:
    """The errors of these files that concern a team's edition: why it cannot be built.

    An error in another team's line of `editions:` in project.yaml is that team's alone: a typo in
    one team's list does not stop every other team's leaflets.
    """
    return [p for p in library.problems.errors if p.file in files and _editions_team(p) in (None, team)]


def _editions_team(problem: Problem) -> str | None:
    """The team an error under `editions:` in project.yaml belongs to (None: it concerns every edition)."""
    if problem.file != "leaflets/project.yaml" or not problem.field.startswith("editions."):
        return None
    return problem.field.removeprefix("editions.").split("[", 1)[0]


def _composable(library: Library, condition: str) -> bool:
    """Whether compose can resolve the condition: it loaded and every shared section it uses exists."""
    if library.project is None or condition not in library.conditions:
        return False
    return all(s.use is None or s.use in library.shared for s in library.conditions[condition].item.sections)


def _check_writable(out: Path) -> None:
    """Fail before building anything if out/ cannot be created or written to."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(out, exc) from None


def _select(pairs, library: Library, conditions: list[str], teams: list[str]):
    """The editions a --condition/--team selection names; a usage error when it names none."""
    for wanted, what in ((conditions, "conditions"), (teams, "teams")):
        known = library.slugs(what)
        for slug in wanted:
            if slug not in known:
                hint = did_you_mean(slug, known)
                raise UsageError(f"no {what[:-1]} '{slug}'" + (f"; {hint}" if hint else f"; known: {', '.join(sorted(known))}"))
    selected = [(t, c) for t, c in pairs if (not teams or t in teams) and (not conditions or c in conditions)]
    if (conditions or teams) and not selected:
        raise UsageError(_nothing_selected(conditions, teams))
    return selected


def _nothing_selected(conditions: list[str], teams: list[str]) -> str:
    """Why a selection of existing slugs holds no edition: the matrix does not pair them."""

    def names(kind: str, slugs: list[str]) -> str:
        return f"{kind}{'s' if len(slugs) > 1 else ''} " + " or ".join(f"'{s}'" for s in slugs)

    hands = "does not hand out" if len(teams) == 1 else "do not hand out"
    if conditions and teams:
        why = f"{names('team', teams)} {hands} {names('condition', conditions)}"
        hint = f"add {' and '.join(conditions)} to editions: {teams[0]} in leaflets/project.yaml"
    elif teams:
        why = f"{names('team', teams)} {hands} any condition"
        hint = f"list the conditions under editions: {teams[0]} in leaflets/project.yaml, or 'all'"
    else:
        why = f"no team hands out {names('condition', conditions)}"
        hint = "add it under a team in editions: in leaflets/project.yaml"
    return f"no edition to build: {why} ({hint})"


def default_jobs() -> int:
    value = os.environ.get("LEAFLETPRESS_JOBS", "")
    return int(value) if value.isdigit() and int(value) > 0 else (os.cpu_count() or 1)


def _run_all(jobs: list[Job], workers: int | None, progress: Progress | None, total: int, done: int):
    if not jobs:
        return
    # Imported here, not at the top: a no-op rebuild, `list` and `--version` never load WeasyPrint.
    # Imported before the pool starts, so forked workers inherit it instead of importing it again.
    from .worker import run, run_chunk

    workers = min(workers or default_jobs(), max(len(jobs), 1))
    if workers <= 1:
        for job in jobs:
            result = run_chunk([job])[0]
            done += 1
            if progress:
                progress(result, done, total)
            yield result
        return
    orphans: list[Job] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_chunk, chunk): chunk for chunk in chunks(jobs, workers)}
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                orphans += futures[future]  # a dead worker breaks the whole pool: find out below who killed it
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot travel back: fail these, not the build
                results = [crashed(job, f"{type(exc).__name__}: {exc}") for job in futures[future]]
            for result in results:
                done += 1
                if progress:
                    progress(result, done, total)
                yield result
    # Each edition the broken pool left unfinished gets a worker of its own, so the one whose
    # worker dies is named and the others still finish.
    for job in sorted(orphans, key=lambda j: j.edition.slug):
        with ProcessPoolExecutor(max_workers=1) as pool:
            try:
                result = pool.submit(run, job).result()
            except BrokenProcessPool:
                result = crashed(job, "the worker process building it died (out of memory, or killed)")
            except Exception as exc:  # noqa: BLE001 - as above
                result = crashed(job, f"{type(exc).__name__}: {exc}")
        done += 1
        if progress:
            progress(result, done, total)
        yield result


def _remove_stale(out: Path, manifest: dict, current: set[str]) -> None:
    """Editions that left the matrix lose their outputs and their records."""
    for slug in list(manifest):
        if slug not in current:
            manifests.remove_outputs(out, manifest.pop(slug))


def preflight(
    root: str | Path = ".", paths: Iterable[str | Path] = (), *, out: str | Path = "build", strict: bool = False
) -> list:
    """Preflight print PDFs (default: every PDF under out/print) against the project's fold; a FileReport each."""
    from .fold import FOLDS
    from .pdf.preflight import preflight as preflight_files

    root = Path(root).resolve()
    library = load_library(root)
    fold_name = library.project.item.fold if library.project is not None else "a4-roll-trifold"
    fold = FOLDS.get(fold_name, FOLDS["a4-roll-trifold"])
    files = [Path(p) for p in paths]
    if not files:
        out_dir = root / out if not Path(out).is_absolute() else Path(out)
        files = sorted((out_dir / "print").rglob("*.pdf"))
        if not files:
            raise UsageError(f"no print PDFs under {out_dir / 'print'}; run leafletpress build first, or name the PDFs")
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    return preflight_files(files, fold, strict)
