"""The library API the CLI calls: build, check, list and preflight the editions of a project.

A build is four steps over one BuildOptions value: plan (which editions, which of them settle
without rendering: plan/planner.py), run (the rest, in workers: worker.py), record (the
manifest: plan/manifest.py) and present (proofs and the contact sheet: look/).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .atomic import remove_leftovers
from .compose.edition import matrix
from .content.folds import FOLDS_FILE, FoldSet, load_folds
from .content.library import Library
from .content.load import load_library
from .content.translations import record_translated as record_translated_file
from .fold import DEFAULT_FOLD, FOLDS, builtin_text, for_direction
from .fold.sheet import PrintShop
from .languages import direction as text_direction
from .options import BuildOptions
from .outputs import INDEX, Output, edition_slug, output_path, print_path
from .plan import manifest as manifests
from .plan.jobs import EditionResult, Status
from .plan.planner import Plan, plan, warnings_of
from .plan.shard import Shard, parse_shard
from .problems import OutputError, Problem, Problems, UsageError, relative
from .report import Report, name_teams
from .web.site import composable, site_files, web_problems, write_site
from .words import library_words

__all__ = [
    "BuildOptions",
    "OutputError",
    "Progress",
    "UsageError",
    "build",
    "check",
    "folds",
    "list_editions",
    "preflight",
    "record_translated",
]

Progress = Callable[[EditionResult, int, int], None]  # (result, editions done, editions in all)


def list_editions(root: str | Path = ".") -> tuple[Library, list[tuple[str, str, str]]]:
    """The validated library and the (team, condition, translation) editions its project defines (broken files
    included); translation is "" for an edition in the project's own language."""
    library = load_library(Path(root))
    return library, matrix(library)


def record_translated(root: str | Path, files: Iterable[str | Path]) -> list[tuple[str, str, str]]:
    """Write the current hash of each translation's source into its translated_from: line: (file, line, source).

    LookupError when a file is not a translation that loaded, or its source did not load: a
    translations.NotRecorded, whose problems are those of the file that did not load (as check reports them).
    """
    library = load_library(Path(root))
    done = []
    for path in files:
        line, source = record_translated_file(library, Path(path))
        done.append((relative(Path(path).resolve(), library.root), line, source))
    return done


def folds(root: str | Path = ".") -> tuple[FoldSet, list[Problem]]:
    """The folds a project can use (the built-in ones without a project), and the problems of its leaflets/folds.yaml."""
    problems = Problems()
    found = load_folds(Path(root).resolve(), problems)
    return found, problems.sorted()


def fold_source(root: str | Path, name: str) -> str:
    """The text of the folds file a fold comes from: the project's leaflets/folds.yaml if it defines it, else the built-in."""
    own = Path(root) / FOLDS_FILE
    if own.is_file() and name in folds(root)[0].own:
        return own.read_text("utf-8")
    return builtin_text()


def check(root: str | Path = ".", options: BuildOptions | None = None, *, progress: Progress | None = None, **changes) -> Report:
    """Everything build does and rejects, without writing a file: content, fit, legibility, preflight in memory."""
    return build(root, (options or BuildOptions()).but(**changes, out=None), progress=progress)


def build(root: str | Path = ".", options: BuildOptions | None = None, *, progress: Progress | None = None, **changes) -> Report:
    """Build the selected editions into options.out (None: check only); what happened, edition by edition.

    `changes` are BuildOptions fields that override options (`build(root, jobs=1)`). Every print
    PDF is preflighted before it is written; an error keeps the last good PDF and fails the
    edition, and `strict` counts warnings as errors. `shard` ('K/N') builds only shard K of N;
    the N shards together build exactly the full matrix.
    """
    started = time.perf_counter()
    began = time.time()  # temporary files older than this were left by a build that was killed
    options = (options or BuildOptions()).but(**changes)
    outputs = _outputs(options.outputs)
    shard = _shard(options.shard)
    root = Path(root).resolve()
    library, pairs = list_editions(root)
    out = _folder(root, options.out)
    report = Report(root, out, library)
    if library.project is None and not pairs:
        return report  # no project here, or nothing in it: the problems say which
    if Output.WEB in outputs and library.project is not None:
        library.problems.extend(web_problems(library))  # project.yaml's: every edition fails with them
    the_plan = plan(library, pairs, options.but(outputs=outputs), out, shard)
    if out is not None:
        _check_writable(out)
    if shard is not None:
        report.shard = str(shard)
        report.elsewhere = {p: k for p, k in the_plan.reported_by.items() if k != shard.index}
    report.results += the_plan.settled
    report.results += _run(the_plan, options, progress)
    _own_warnings(report.results, library, the_plan)
    name_teams(report.results, library)  # before the manifest records them: it says the same lines
    if out is not None:
        changed = _record(report, the_plan, pairs, shard, began, outputs)
        _present(report, options, changed)
    report.results.sort(key=lambda r: (r.team, r.condition, r.translation))
    report.seconds = time.perf_counter() - started
    return report


def _run(the_plan: Plan, options: BuildOptions, progress: Progress | None) -> list[EditionResult]:
    if not the_plan.jobs:
        return []
    # Imported here, not at the top: a no-op rebuild, `list` and `--version` never load WeasyPrint.
    # Imported before the pool starts, so forked workers inherit it instead of importing it again.
    from .worker import run_all

    return list(run_all(the_plan.jobs, options.workers, progress, the_plan.total, len(the_plan.settled)))


def _own_warnings(results: list[EditionResult], library: Library, the_plan: Plan) -> None:
    """Give each edition the warnings of the files it is made from, as it has their errors (planner._problems_of).

    An unchanged edition has them from the manifest already; the same ones are not added twice.
    """
    for result in results:
        files = the_plan.inputs.get(result.slug)
        if not files:
            continue  # failed before its files were known (languages: in project.yaml): its error says why
        found = set(result.problems)
        extra = [p for p in warnings_of(library, files, result.team, result.condition) if p not in found]
        if extra:
            result.problems = [*result.problems, *extra]


def _record(report: Report, the_plan: Plan, pairs, shard: Shard | None, began: float, outputs) -> bool:
    """Write what this build did into the manifest (and the web edition's shared files); True if the manifest changed."""
    out, library = report.out, report.library
    manifest = dict(the_plan.previous)  # editions outside the selection keep their records
    for result in report.results:
        if result.status != Status.UNCHANGED:
            previous = the_plan.previous.get(result.slug)
            manifest[result.slug] = manifests.entry_for(result, the_plan.inputs.get(result.slug, []), out, previous)
    if not library.problems.errors:
        # Editions that left the matrix lose their PDFs. Not while some file has errors:
        # a team that did not load is not a team that left.
        current = {edition_slug(*edition) for edition in pairs}
        for slug in [slug for slug in manifest if slug not in current]:
            if manifests.remove_outputs(out, manifest.pop(slug)):
                report.removed.append(slug)  # said in the report: no output disappears without a line
    # Problems no edition owns (a file no edition uses, an ignored file) are shown on the contact sheet too.
    owned = {p for result in report.results for p in result.problems}
    general = [p for p in report.problems if p not in owned]
    try:
        site = manifests.read_site(out)
        if shard is None and (Output.WEB in outputs or site):  # a print-only build may remove a page too
            site = _site(report, manifest, pairs, site)
        changed = manifests.write_manifest(out, manifest, shard, general, site if shard is None else None)
        remove_leftovers(out, began)
    except OSError as exc:
        raise OutputError(out, exc) from None
    return changed


def _site(report: Report, manifest: dict, pairs, previous: dict) -> dict:
    """The web edition's indexes and shared files, for every edition of the matrix that has a page on disk
    (one a print-only build left from an earlier build too: its QR codes lead there).

    An edition whose page is on disk but whose files cannot be read now (it failed: its last good page
    stays) cannot be listed from them: the indexes that list it stay as the last good build made them.
    """
    library = report.library
    if library.project is None or library_words(library, library.project.item.language) is None:
        return previous  # project.yaml did not load, or says what web_problems refuses: the last site stays
    listed: dict[str, list[tuple[str, str]]] = {}
    unlisted: set[str] = set()  # the teams with such an edition
    for team, condition, translation in pairs:
        entry = manifest.get(edition_slug(team, condition, translation), {})
        page = output_path(Path("."), Output.WEB, team, condition, translation).as_posix()
        if page not in [*entry.get("outputs", []), *entry.get("stale", [])]:
            continue
        if composable(library, team, condition, translation):
            listed.setdefault(team, []).append((condition, translation))
        else:
            unlisted.add(team)
    site = site_files(library, listed, unlisted)
    return write_site(report.out, site, previous, remove=not library.problems.errors)


def _present(report: Report, options: BuildOptions, manifest_changed: bool) -> None:
    """Proofs (PNG per sheet side and panel) and the contact sheet: what designers look at.

    The contact sheet is made again only when the manifest or a proof changed (or it is missing):
    for a no-op rebuild of 400 editions, rendering it cost a fifth of a second for nothing.
    """
    if options.proofs is not None:
        from .look.proof import proof_build  # PDFium and Pillow load only when proofs are asked for

        started = time.perf_counter()
        report.proofs = proof_build(report.out, report.library, report.results, options.proofs, options.workers)
        report.proof_seconds = time.perf_counter() - started
    made_proofs = any(p.status == "made" for p in report.proofs)
    if options.index and (manifest_changed or made_proofs or not (report.out / INDEX).is_file()):
        from .look.contact_sheet import write_index

        write_index(report.out, report.library)


def _outputs(wanted: Iterable[str]) -> tuple[Output, ...]:
    wanted = tuple(wanted)
    known = [str(kind) for kind in Output]
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        raise UsageError(f"no edition '{unknown[0] if unknown else ''}'; known: {', '.join(known)}")
    return tuple(kind for kind in Output if kind in wanted)


def _shard(value: Shard | str | None) -> Shard | None:
    if not isinstance(value, str):
        return value
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _folder(root: Path, out: str | Path | None) -> Path | None:
    if out is None:
        return None
    return Path(out) if Path(out).is_absolute() else root / out


def _check_writable(out: Path) -> None:
    """Fail before building anything if out/ cannot be created or written to."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OutputError(out, exc) from None


def preflight(
    root: str | Path = ".", paths: Iterable[str | Path] = (), *, out: str | Path = "build", strict: bool = False
) -> list:
    """Preflight print PDFs (default: every PDF under out/print) against their edition's fold and the print settings.

    A PDF under out/print/<team>/<condition>.pdf is checked against its condition's fold; any other
    against the project's fold. A FileReport each.
    """
    from .pdf.preflight import check_pdf

    root = Path(root).resolve()
    library = load_library(root)
    out_dir = _folder(root, out)
    files = [Path(p) for p in paths]
    if not files:
        files = sorted((out_dir / Output.PRINT).rglob("*.pdf"))
        if not files:
            raise UsageError(f"no print PDFs under {out_dir / Output.PRINT}; run leafletpress build first, or name the PDFs")
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    shop = library.project.item.print_settings.shop if library.project is not None else PrintShop()
    folds = {
        print_path(out_dir, team, condition, translation).resolve(): (library.fold_of(condition), translation)
        for team, condition, translation in matrix(library)
    }
    known = library.folds.folds
    default = library.project.item.fold if library.project is not None else DEFAULT_FOLD

    def fold_of(path: Path):
        name, translation = folds.get(path.resolve(), (default, ""))
        fold = known.get(name) or known.get(default) or FOLDS[DEFAULT_FOLD]
        return for_direction(fold, text_direction(translation or library.language))

    return [check_pdf(path.read_bytes(), str(path), fold_of(path), shop, strict) for path in files]
