"""Screen edition: the typeset panels as one accessible PDF, one page per panel in reading order.

It reuses the print edition's typesetting: the same laid-out pages are put in reading order
(cover, flap, inside panels, back) and written a second time as a tagged PDF/UA-1 file,
at trim size, without bleed or marks. WeasyPrint builds the structure tree page by page in
the order of the pages it writes, so reordering the pages reorders the tags and the bookmarks too.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

from weasyprint import Document

from . import __version__
from .atomic import write_atomic
from .compose import Edition
from .epoch import source_date_epoch
from .fit import PageContent
from .fold import Fold
from .jobs import EditionResult, Job, screen_path
from .markup import plain
from .problems import Problem


def title(edition: Edition) -> str:
    """The title a PDF viewer shows in its title bar."""
    return f"{plain(edition.title)} ({edition.team_name})"


def reading_order(pages: list[PageContent], fold: Fold, page_of_panel: dict[str, int]) -> list[int]:
    """Laid-out page indices in the fold's reading order; empty filler panels are left out."""
    order = []
    for panel in fold.panels:
        index = page_of_panel.get(panel.name)
        if index is not None and pages[index].panel_role != "filler":
            order.append(index)
    return order


def write_screen(document: Document, order: list[int], edition: Edition, digest: str, epoch: int) -> bytes:
    """The screen PDF: pages in the given order, trimmed, tagged, with deterministic metadata."""
    pages = [_trimmed(document.pages[index]) for index in order]
    screen = document.copy(pages)
    # The print edition writes the same document, so its metadata is copied, never changed in place.
    screen.metadata = copy.copy(document.metadata)
    metadata = screen.metadata
    metadata.title = title(edition)
    metadata.authors = [edition.practice]
    metadata.description = f"Patiëntenfolder {plain(edition.title)} van {edition.team_name}"
    metadata.generator = f"leafletpress {__version__}"
    metadata.lang = edition.language
    # WeasyPrint writes these dates into the Info dictionary and the XMP; from the build's date
    # (SOURCE_DATE_EPOCH) rather than the clock, so the same inputs give the same bytes.
    metadata.created = metadata.modified = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return screen.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=bytes.fromhex(digest)[:16], optimize_images=False)


def _trimmed(page):
    """A page as the reader sees it on screen: the trim size, its bleed cut away."""
    trimmed = copy.copy(page)
    trimmed.bleed = {side: 0 for side in page.bleed}
    return trimmed


def write_edition(
    job: Job, document: Document, pages: list[PageContent], page_of_panel: dict[str, int], result: EditionResult
) -> None:
    """Write the screen PDF of a typeset edition beside the print one; a failed write becomes a problem."""
    edition = job.edition
    target = screen_path(Path(job.out), edition)
    order = reading_order(pages, edition.fold_spec, page_of_panel)
    data = write_screen(document, order, edition, job.digest, source_date_epoch())
    try:
        write_atomic(target, data)
    except OSError as exc:  # full disk, read-only folder: the last good PDF stays as it was
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
