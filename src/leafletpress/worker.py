"""One edition through the stages (compose -> typeset -> fit -> legibility -> PDF -> preflight -> web -> write), in a worker.

A Worker lives as long as its process: it keeps one Typesetter (fonts loaded, stylesheets
parsed) and the bodies and backs it laid out (typeset/share.py) for every edition it builds. A pool's
workers are made by the pool's initializer (`start`); a build in the calling process (one job,
or watch) keeps its Worker from build to build, so its fonts stay loaded.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from .atomic import link_atomic, write_atomic
from .compose.edition import to_html
from .epoch import pinned_epoch
from .kept import Kept
from .languages import direction as text_direction
from .outputs import Output, output_path, web_folder, web_pdf_name
from .pdf import pdfx, screen
from .pdf.colour import press
from .pdf.finish import finish, write_options
from .pdf.impose import impose
from .pdf.ink import to_ink
from .pdf.preflight import check_pdf
from .pdf.replay import PaintedBody
from .plan.jobs import EditionResult, Fit, Job, Status, Verdict, chunks, crashed
from .problems import Problem, relative
from .typeset import legible, share, swap
from .typeset.fit import exact, measure, tall_css
from .typeset.typesetter import SCREEN_CSS, Typesetter, fold_css
from .web import brand, pages
from .words import words as words_for

# fontTools warns about the fixed font timestamp that SOURCE_DATE_EPOCH gives; it is intended.
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)


class Worker:
    """Builds editions of one project; keeps what it loaded and laid out between them."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        self.typesetter = Typesetter(self.root)
        self.bodies = share.Bodies()  # laid-out bodies, for the build it is working on
        self.backs = share.Bodies(share.KEEP_BACKS)  # and laid-out backs, print's and screen's
        self.brands = Kept(64)  # (build, stylesheets) -> their web colours' problems, read once

    def run_chunk(self, jobs: list[Job]) -> list[EditionResult]:
        """Build editions one after another (what a worker is handed); a bug in one fails only that one."""
        results = []
        for job in jobs:
            try:
                results.append(self.run(job))
            except Exception as exc:  # noqa: BLE001 - a bug in one edition must not stop the others
                results.append(crashed(job, f"{type(exc).__name__}: {exc}"))
        return results

    def run(self, job: Job) -> EditionResult:
        """Build one edition; content, fit and preflight faults come back as problems, never as exceptions.

        A check (job.out is None) goes through every stage a build does, the print PDF and its
        preflight included, and writes nothing: what build would reject, check rejects.
        """
        started = time.perf_counter()
        edition = job.edition
        result = EditionResult(edition.team, edition.condition, Status.FAILED, digest=job.digest, translation=edition.translation)
        with pinned_epoch():  # font subsets carry a timestamp; a fixed date keeps rebuilds byte-identical
            html = to_html(edition, Path(job.root))  # the same for the print and the screen layout
            rendered, fit, result.body_reused, result.back_reused = self._typeset(job, html)
            result.problems = rendered.problems + fit.problems
            result.body_panels = fit.body_panels_needed
            result.fit = Fit.FITS if fit.fits else Fit.OVERFLOW
            if not _has_errors(result):
                made = self._make(job, html, rendered, fit, result)
                if job.out is not None and not _has_errors(result):
                    _write_outputs(Path(job.out), job, made, result)
        if not _has_errors(result):
            result.status = Status.CHECKED if job.out is None else Status.BUILT
        result.seconds = time.perf_counter() - started
        return result

    def _make(self, job: Job, html: str, rendered, fit, result: EditionResult) -> dict[Output, bytes]:
        """Every output the job asks for, in memory, so that none is written when another fails: the print PDF
        always (preflight reads it), the screen PDF for the screen and the web editions, the web page."""
        fold = job.edition.fold_spec
        panels = page_of_panel(fit.pages, fold)
        made = {Output.PRINT: _print_pdf(job, rendered.document, panels, result, rendered.legibility.covered)}
        if {Output.SCREEN, Output.WEB} & set(job.outputs) and not _has_errors(result):
            laid_out = self._screen_layout(job, html, result)
            if laid_out is not None and job.out is None:
                # check: writing the screen PDF and the page rejects nothing; the page's colours can be wrong
                if Output.WEB in job.outputs:
                    result.problems += self._web_problems(job)
            elif laid_out is not None:
                document, screen_fit = laid_out
                panels = page_of_panel(screen_fit.pages, fold)
                made[Output.SCREEN] = screen.edition_pdf(job, document, screen_fit.pages, panels)
                screen_pages = len(screen.reading_order(screen_fit.pages, fold, panels))
                if Output.WEB in job.outputs:
                    result.problems += self._web_problems(job)
                    made[Output.WEB] = _web_page(job, made, screen_pages)
        return made

    def _web_problems(self, job: Job) -> list:
        """What is wrong with the web page whatever its text: a brand colour it shows text in (WCAG AA).

        The same for every edition with these stylesheets: read once per build (a team's, not per leaflet).
        """
        key = (job.batch, job.edition.stylesheets, job.edition.print_settings)
        if key not in self.brands:
            properties = brand.custom_properties(Path(job.root), job.edition.stylesheets, _light(job))
            self.brands.put(key, brand.problems(properties))
        return self.brands.get(key)

    def _typeset(self, job: Job, html: str, extra_css: str = "", legibility: bool = True, painted: bool = True):
        """Lay the edition's HTML (compose's to_html) out, measure it and (legibility) check that every word
        can be read; a body shorter than the fold gets empty filler panels. extra_css comes after the
        stylesheets (SCREEN_CSS: the screen edition's own layout, whose legibility is the print layout's).
        Also whether its body, and its back, were laid out for another edition.

        When this worker has laid out the same body before (share.py), only the cover and back are;
        when it has laid out the same back too, only the cover, and the back gets this edition's QR code.
        A layout that is not painted (check's screen layout, only measured) takes a body laid out in
        other colours too (share.py's fit key).
        """
        edition, root = job.edition, Path(job.root)
        fold, bleed = edition.fold_spec, edition.shop.bleed
        setter = self.typesetter
        self.bodies.start(job.batch)
        self.backs.start(job.batch)
        setter.start(job.batch)

        def render(html: str, css: str = ""):
            return setter.render(html, edition.stylesheets, fold, edition.condition_file, css, bleed=bleed)

        # The body's and back's pages depend on the fold's panels and the bleed (both in their CSS) and on extra_css.
        sheets, pages = [setter.text(path) for path in edition.stylesheets] + [extra_css], fold_css(fold, bleed)
        key, back_key = share.body_key(html, sheets, pages, fit_only=not painted), share.back_key(html, sheets, pages)
        body_pages = self.bodies.get(key)
        if body_pages is not None:
            kept = self.backs.get(back_key)
            back = swap.with_qr(kept, html) if kept is not None else None
            front = render(share.cover_alone(html) if back is not None else share.split(html)[0], extra_css)
            laid_out = front.document.pages + ([back] if back is not None else [])
            if len(laid_out) == len(fold.layout_order) - len(fold.body):  # as in a whole layout
                cascade = setter.cascade(front.document, edition.stylesheets) if legibility else None
                front.document = front.document.copy(laid_out + body_pages)
                fit = measure(front.document, edition, fold)
                if legibility:
                    _check_legibility(front, fit, job, cascade)
                if back is None:
                    self._keep_back(back_key, front, fit)
                return front, fit, True, back is not None
        rendered = render(html, extra_css)
        fit = measure(rendered.document, edition, fold)
        if fit.fits and fit.body_panels_needed < len(fold.body):
            fillers = len(fold.body) - fit.body_panels_needed
            html = to_html(edition, root, fillers)
            rendered = render(html, extra_css)
            fit = measure(rendered.document, edition, fold)
        if fit.overflowing:  # how much too long, measured: once more with the overflowing panels made tall
            tall = render(html, tall_css(fold, fit.overflowing) + "\n" + extra_css)
            fit = exact(fit, tall.document, rendered.document, edition, fold)
        if legibility:
            _check_legibility(rendered, fit, job, setter.cascade(rendered.document, edition.stylesheets))
        if not rendered.problems and fit.fits:  # only a clean body is shared: its problems would not be
            pages, roles = rendered.document.pages, [content.panel_role for content in fit.pages]
            body = [index for index, role in enumerate(roles) if role in ("body", "filler")]
            kept = [pages[index] for index in body]
            if painted:  # painted once and replayed into each PDF that has them, this one's too (replay.py)
                kept = PaintedBody(kept).pages
                for index, page in zip(body, kept, strict=True):
                    pages[index] = page
            self.bodies.put(key, kept)
        self._keep_back(back_key, rendered, fit)
        return rendered, fit, False, False

    def _keep_back(self, key: str | None, rendered, fit) -> None:
        """Keep the back page of a clean layout for the editions with the same back key."""
        roles = [content.panel_role for content in fit.pages]
        if not rendered.problems and fit.fits and roles.count("back") == 1:
            self.backs.put(key, rendered.document.pages[roles.index("back")])

    def _screen_layout(self, job: Job, html: str, result: EditionResult):
        """The screen edition's own layout, without hyphens at line ends; None when it does not fit its panels.

        A word broken by a hyphen the layout inserted is not found by search or read as one word in PDFium
        (Chrome) or pypdf; /ActualText on the hyphen left half of them unfound by pdftotext too and cost a
        third of this layout (measured: docs/developers.md). The print edition keeps its hyphenated layout.
        """
        rendered, fit, _, _ = self._typeset(job, html, SCREEN_CSS, legibility=False, painted=job.out is not None)
        result.problems += [
            replace(p, message=f"the screen edition (no hyphens at line ends): {p.message}") for p in fit.problems
        ]
        return (rendered.document, fit) if fit.fits else None


def _check_legibility(rendered, fit, job: Job, cascade) -> None:
    """Hidden text, contrast, text size, safe margin and resolution, read from the layout (legible.py)."""
    edition = job.edition
    rendered.legibility = legible.check(rendered.document, edition, fit.panels(edition.fold_spec), cascade, _light(job))
    rendered.problems += rendered.legibility.problems


_worker: Worker | None = None  # this process's Worker: made by the pool's initializer, or on first use


def start(root: str | Path) -> None:
    """The pool's initializer: this process's Worker for the project (one inherited from a warm parent is kept)."""
    global _worker
    if _worker is None or _worker.root != Path(root).resolve():
        _worker = Worker(Path(root))


def current(root: str | Path) -> Worker:
    """This process's Worker for the project, made if need be."""
    start(root)
    return _worker


def run(job: Job) -> EditionResult:
    """One job in this process's Worker (what a pool runs for an edition whose first worker died)."""
    return current(job.root).run(job)


def run_chunk(jobs: list[Job]) -> list[EditionResult]:
    """Jobs in this process's Worker, one after another (what a pool's worker is handed)."""
    return current(jobs[0].root).run_chunk(jobs) if jobs else []


def run_all(jobs: list[Job], workers: int, progress, total: int, done: int):
    """The results of the jobs, as they come: in this process for one worker, else in a pool of them."""
    if not jobs:
        return
    workers = min(workers, len(jobs))
    if workers <= 1:
        for job in jobs:
            result = run_chunk([job])[0]
            done += 1
            if progress:
                progress(result, done, total)
            yield result
        return
    orphans: list[Job] = []
    root = jobs[0].root
    with ProcessPoolExecutor(max_workers=workers, initializer=start, initargs=(root,)) as pool:
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
        with ProcessPoolExecutor(max_workers=1, initializer=start, initargs=(root,)) as pool:
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


def _print_pdf(job: Job, document, panels: dict[str, int], result: EditionResult, covered: set) -> bytes:
    """Impose, finish and preflight the print PDF (its findings go to the result); the PDF's bytes.

    covered: the (check, panel) pairs the layout's legibility checks reported already, with the
    content's location; preflight's findings of the same kind on the same panel are not repeated.
    """
    edition, root = job.edition, Path(job.root)
    fold, shop = edition.fold_spec, edition.shop
    conformance = pdfx.target(edition.print_settings, root)
    document, panels = _body_first(document, panels, fold)

    def finisher(_document, pdf) -> None:  # WeasyPrint calls it with its objects, just before it writes them
        to_ink(pdf, conformance)  # first, so that each panel form keeps only the resources its inks use
        impose(pdf, fold, shop, panels)
        finish(pdf, edition, job.digest, conformance)

    data = document.write_pdf(finisher=finisher, **write_options(job.digest, conformance))
    target = output_path(Path(job.out or "build"), Output.PRINT, edition.team, edition.condition, edition.translation)
    checked = check_pdf(data, relative(target, root), fold, shop, job.strict)
    result.problems += located(checked, edition, covered)
    result.preflight = Verdict.FAILED if checked.errors else (Verdict.WARNINGS if checked.warnings else Verdict.PASSED)
    return data


def _body_first(document, panels: dict[str, int], fold):
    """The document with the body's pages first, and where each panel's page is in it.

    A shared body is then painted into a PDF whose fonts hold nothing yet, which lets it be replayed
    (pdf/replay.py). The imposed sheets are the same: only the order the panel pages are written in changes.
    """
    body = [panels[panel.name] for panel in fold.body if panel.name in panels]
    order = body + [index for index in range(len(document.pages)) if index not in body]
    moved = {old: new for new, old in enumerate(order)}
    return document.copy([document.pages[index] for index in order]), {name: moved[index] for name, index in panels.items()}


# Preflight checks whose faults come from the print settings (the standard, the profile), not the content.
_SETTINGS_CHECKS = ("pdf/x", "colour", "transparency")


def located(report, edition, covered: set[tuple[str, str]]) -> list[Problem]:
    """Preflight findings as problems located in the content: the print settings, or the condition.

    The message keeps where preflight saw it in the print PDF (page, panel, position).
    """
    problems = []
    settings = edition.source("print") or ("leaflets/project.yaml", 0, "print")
    for finding in report.findings:
        panel = finding.where.split(" at ", 1)[0]
        if (finding.check, panel) in covered:
            continue  # reported from the layout, at the content that causes it
        if finding.check == "pdf/x" and not report.standard:
            problems.append(
                Problem(
                    settings[0],
                    settings[1],
                    "print.profile",
                    "print editions are not PDF/X: no CMYK output intent",
                    "copy styles/print/FOGRA39-free.icc from leafletpress's sample project, or put the print shop's "
                    "CMYK profile in styles/print/ and name it under print: profile",
                    finding.severity,
                )
            )
            continue
        place = ", ".join(part for part in (f"page {finding.page}" if finding.page else "", finding.where) if part)
        file, line, field_path = settings if finding.check in _SETTINGS_CHECKS else (edition.condition_file, 0, "")
        problems.append(
            Problem(
                file,
                line,
                field_path,
                f"preflight {finding.check}: {finding.message} (in the print PDF: {place or 'the whole file'})",
                "",
                finding.severity,
            )
        )
    return problems


def _web_page(job: Job, made: dict[Output, bytes], screen_pages: int) -> bytes:
    """The edition's web page, linking its two PDFs."""
    edition = job.edition
    words = edition.table  # the API refuses the web edition in a language without words
    downloads = [
        pages.download(Output.SCREEN, edition, len(made[Output.SCREEN]), screen_pages, words),
        pages.download(Output.PRINT, edition, len(made[Output.PRINT]), len(edition.fold_spec.sides), words),
    ]
    return pages.edition_page(edition, downloads, words, _other_languages(edition))


def _light(job: Job):
    """How the edition's press prints an ink, as sRGB (pdf/colour.py); None for a build without a profile."""
    profile = pdfx.target(job.edition.print_settings, Path(job.root))
    return press(profile.profile).light if profile is not None else None


def _other_languages(edition) -> tuple:
    """The leaflet's page in the team's other languages, each named in its own language."""
    links = []
    for translation in edition.alternates:
        if translation == edition.translation:
            continue
        code = translation or edition.source_language
        name = dict(edition.language_names).get(code) or (words_for(code) or {}).get("language_name", code)
        links.append(pages.language_link(code, name, edition.condition, translation, text_direction(code)))
    return tuple(links)


def _write_outputs(out: Path, job: Job, made: dict[Output, bytes], result: EditionResult) -> None:
    """Write what the job asks for; the web page last, after the PDFs it links (copies beside it, hard links
    to the print and screen PDFs when this build wrote them), so the site in web/ can be published alone."""
    edition = (job.edition.team, job.edition.condition, job.edition.translation)
    for kind in (Output.PRINT, Output.SCREEN):
        if kind in job.outputs:
            _write(output_path(out, kind, *edition), made[kind], result)
    if Output.WEB not in job.outputs or _has_errors(result):
        return
    folder = web_folder(out, *edition)
    for kind in (Output.SCREEN, Output.PRINT):
        source = output_path(out, kind, *edition)
        name = web_pdf_name(kind, job.edition.condition, job.edition.translation)
        _write(folder / name, made[kind], result, source if kind in job.outputs else None)
    if not _has_errors(result):
        _write(output_path(out, Output.WEB, *edition), made[Output.WEB], result)


def _write(target: Path, data: bytes, result: EditionResult, same_as: Path | None = None) -> None:
    """Write one output atomically (same_as: a file just written with these bytes, to hard-link instead);
    a failure is the edition's problem and the last good file stays."""
    try:
        if same_as is None or not link_atomic(same_as, target):
            write_atomic(target, data)
    except OSError as exc:  # full disk, read-only folder
        result.problems.append(
            Problem(
                target.parent.as_posix(),
                0,
                "",
                f"cannot write {target.name}: {exc.strerror or exc}",
                "free disk space, or choose a writable folder with --out",
            )
        )
        return
    result.outputs.append(target.as_posix())


def _has_errors(result: EditionResult) -> bool:
    return any(p.is_error for p in result.problems)


def page_of_panel(pages, fold) -> dict[str, int]:
    """Which laid-out page each panel of the fold shows."""
    index = {}
    body = [i for i, page in enumerate(pages) if page.panel_role in ("body", "filler")]
    for role in ("cover", "back"):
        index[getattr(fold, role).name] = next(i for i, page in enumerate(pages) if page.panel_role == role)
    for panel, page in zip(fold.body, body, strict=True):  # fillers make the body exactly as long as the fold's
        index[panel.name] = page
    return index
