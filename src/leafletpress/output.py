"""Write stage: finished PDFs onto disk atomically, with deterministic metadata."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, ByteStringObject, DictionaryObject, NameObject, TextStringObject

from . import __version__
from .epoch import DEFAULT_EPOCH, source_date_epoch  # noqa: F401 - re-exported
from .markup import plain
from .pdfx import PdfX, conform


def pdf_date(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


def finish(writer: PdfWriter, edition, digest: str, pdfx: PdfX | None = None) -> bytes:
    """Document info, language and a stable ID derived from the inputs (and PDF/X when asked); the PDF as bytes."""
    epoch = source_date_epoch()
    date = pdf_date(epoch)
    writer.add_metadata({
        "/Title": f"{plain(edition.title)} ({edition.team_name})",
        "/Author": edition.practice,
        "/Subject": f"Patiëntenfolder {plain(edition.title)}",
        "/Creator": f"leafletpress {__version__}",
        "/Producer": f"leafletpress {__version__} (WeasyPrint, pypdf)",
        "/CreationDate": date,
        "/ModDate": date,
    })
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old complete file or the new complete one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private (0600); an output should get the usual permissions.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path, older_than: float) -> None:
    """Delete temporary files that a killed build left behind (write_atomic's .<name>.<random>.tmp)."""
    for temp in folder.rglob(".*.tmp"):
        try:
            if temp.is_file() and temp.stat().st_mtime < older_than:
                temp.unlink()
        except FileNotFoundError:
            continue  # another process finished or removed it meanwhile


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read the umask is to set it; put it back at once
    os.umask(mask)
    return mask
