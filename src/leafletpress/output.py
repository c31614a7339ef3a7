"""Finish stage: deterministic metadata and ID on an imposed PDF, as bytes ready to write."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, DictionaryObject, NameObject, TextStringObject

from . import __version__
from .epoch import DEFAULT_EPOCH, source_date_epoch  # noqa: F401 - re-exported
from .markup import plain
from .pdfx import PdfX, conform


def pdf_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def finish(writer: PdfWriter, edition, digest: str, pdfx: PdfX | None = None) -> bytes:
    """Document info, language and a stable ID derived from the inputs (and PDF/X when asked); the PDF as bytes."""
    epoch = source_date_epoch()
    date = pdf_date(epoch)
    writer.add_metadata(
        {
            "/Title": f"{plain(edition.title)} ({edition.team_name})",
            "/Author": edition.practice,
            "/Subject": f"Patiëntenfolder {plain(edition.title)}",
            "/Creator": f"leafletpress {__version__}",
            "/Producer": f"leafletpress {__version__} (WeasyPrint, pypdf)",
            "/CreationDate": date,
            "/ModDate": date,
        }
    )
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject(edition.language)
    root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    identifier = ByteStringObject(bytes.fromhex(digest)[:16])
    writer._ID = ArrayObject([identifier, identifier])
    if pdfx is not None:
        conform(writer, pdfx, digest, epoch)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
