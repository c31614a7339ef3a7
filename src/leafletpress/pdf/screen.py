"""Screen edition: the typeset panels as one accessible PDF, one page per panel in reading order.

It reuses the print edition's typesetting: the same laid-out pages are put in reading order
(cover, flap, inside panels, back) and written a second time as a tagged PDF/UA-1 file,
at trim size, without bleed or marks. WeasyPrint builds the structure tree page by page in
the order of the pages it writes, so reordering the pages reorders the tags and the bookmarks too;
tags.py then joins what continues from one panel to the next (a section, a list) into one element.
It stays sRGB: a colour the designer gave as ink (device-cmyk()) is shown as the sRGB it prints
as through the print edition's profile (ink.to_light).
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

from weasyprint import Document

from ..compose.edition import Edition
from ..content.markup import plain
from ..epoch import source_date_epoch
from ..fold import Fold
from ..plan.jobs import Job
from ..typeset.fit import PageContent
from ..version import __version__
from . import pdfx, tags
from .colour import Press, press
from .ink import to_light


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


def write_screen(
    document: Document, order: list[int], edition: Edition, digest: str, epoch: int, light: Press | None = None
) -> bytes:
    """The screen PDF: pages in the given order, trimmed, tagged, with deterministic metadata; ink shown through light."""
    pages = [_trimmed(document.pages[index]) for index in order]
    screen = document.copy(pages)
    # The print edition writes the same document, so its metadata is copied, never changed in place.
    screen.metadata = copy.copy(document.metadata)
    metadata = screen.metadata
    metadata.title = title(edition)
    metadata.authors = [edition.practice]
    metadata.description = edition.description
    metadata.generator = f"leafletpress {__version__}"
    metadata.lang = edition.language
    # WeasyPrint writes these dates into the Info dictionary and the XMP; from the build's date
    # (SOURCE_DATE_EPOCH) rather than the clock, so the same inputs give the same bytes.
    metadata.created = metadata.modified = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def finisher(_document, pdf) -> None:  # WeasyPrint calls it with its objects, just before it writes them
        to_light(pdf, light)
        tags.mend(pdf, sources)  # one text, not one per panel: see tags.py

    with tags.recording() as sources:
        return screen.write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=bytes.fromhex(digest)[:16], optimize_images=False, finisher=finisher
        )


def _trimmed(page):
    """A page as the reader sees it on screen: the trim size, its bleed cut away."""
    trimmed = copy.copy(page)
    trimmed.bleed = {side: 0 for side in page.bleed}
    return trimmed


def edition_pdf(job: Job, document: Document, pages: list[PageContent], page_of_panel: dict[str, int]) -> bytes:
    """The screen PDF of a typeset edition: its panels in reading order, tagged."""
    order = reading_order(pages, job.edition.fold_spec, page_of_panel)
    profile = pdfx.target(job.edition.print_settings, Path(job.root))
    light = press(profile.profile) if profile is not None else None
    return write_screen(document, order, job.edition, job.digest, source_date_epoch(), light)
