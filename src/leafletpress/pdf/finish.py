"""Finish stage: deterministic metadata, a clean catalog and the PDF/X setup, on the imposed sheet.

Like impose, it works on WeasyPrint's pydyf objects just before they are written
(worker._print_pdf); `write_options` are the matching options for that `write_pdf` call.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from functools import lru_cache

import pydyf

from ..content.markup import plain
from ..epoch import DEFAULT_EPOCH, source_date_epoch  # noqa: F401 - re-exported
from ..version import __version__
from .objects import referenced
from .pdfx import STANDARDS, PdfX, conform

# Without PDF/X the sheet is PDF 1.7, pydyf's default.
DEFAULT_PDF_VERSION = "1.7"


def pdf_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def write_options(digest: str, pdfx: PdfX | None) -> dict:
    """The `write_pdf` options for a print sheet: the PDF version its standard needs and an ID from the inputs."""
    version = STANDARDS[pdfx.standard][2] if pdfx is not None else DEFAULT_PDF_VERSION
    return {
        "pdf_version": version,
        # The first half of the file ID is the inputs' digest (the second is pydyf's checksum of the objects).
        "pdf_identifier": digest[:32].encode("ascii"),
        "optimize_images": False,
        # Plain objects and a classic cross-reference table, no object streams: any RIP reads them, and
        # preflight's parser reads only the objects it asks for. finish compresses the streams itself.
        "uncompressed_pdf": True,
    }


def finish(pdf: pydyf.PDF, edition, digest: str, pdfx: PdfX | None = None) -> None:
    """Document info, language and (when asked) PDF/X on an imposed pdf; then drop what no page uses."""
    epoch = source_date_epoch()
    date = pdf_date(epoch)
    info = {
        "Title": f"{plain(edition.title)} ({edition.team_name})",
        "Author": edition.practice,
        "Subject": edition.subject,
        "Creator": f"leafletpress {__version__}",
        "Producer": f"leafletpress {__version__} (WeasyPrint)",
        "CreationDate": date,
        "ModDate": date,
    }
    pdf.info.clear()
    pdf.info.update({key: pydyf.String(value) for key, value in info.items()})
    # The panels' outlines, link targets and tags pointed at pages that are now forms: a print sheet has none.
    for key in [key for key in pdf.catalog if key not in ("Type", "Pages")]:
        del pdf.catalog[key]
    pdf.catalog["Lang"] = pydyf.String(edition.language)
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    if pdfx is not None:
        conform(pdf, pdfx, info, digest, epoch)
    _drop_unreachable(pdf)
    _compress_streams(pdf)


def _drop_unreachable(pdf: pydyf.PDF) -> None:
    """Empty every object the catalog no longer reaches (old page dictionaries, link annotations, outlines).

    pydyf numbers objects by their place in its list, so they stay, as `<< >>`: a few bytes each.
    """
    reached = {pdf.catalog.number}
    stack = [pdf.catalog.number]
    while stack:
        for number in referenced(pdf.objects[stack.pop()]):
            if number not in reached:
                reached.add(number)
                stack.append(number)
    for number, obj in enumerate(pdf.objects):
        if number == 0 or number in reached:
            continue
        if isinstance(obj, pydyf.Stream):
            obj.stream, obj.extra = [], {}
        elif isinstance(obj, dict | list):
            obj.clear()


def _compress_streams(pdf: pydyf.PDF) -> None:
    """Flate-compress every stream that is not encoded yet, except the XMP packet, once.

    WeasyPrint is asked for an uncompressed PDF (see write_options), so pydyf writes plain
    objects and leaves the streams to this; its checksum for the file ID then reads them as they are.
    """
    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or "Filter" in obj.extra or obj.extra.get("Type") == "/Metadata":
            continue
        obj.compress = False
        serialised = obj.data  # b'<<...>>\nstream\n' + content + b'\nendstream', the dictionary on one line
        content = serialised.split(b"\nstream\n", 1)[1][: -len(b"\nendstream")]
        if content:
            obj.stream = [_compressed(content)]
            obj.extra["Filter"] = "/FlateDecode"


@lru_cache(maxsize=32)
def _compressed(content: bytes) -> bytes:
    """Flate at level 6 (within 0.5% of level 9, a third faster), once per content a worker writes again: a
    kept body's panels, the sheets' marks and the output intent's profile are the same in every edition's PDF
    (a font subset is its own and soon forgotten)."""
    return zlib.compress(content)
