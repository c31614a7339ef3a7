"""PDF/X: the output intent, metadata and colour setup a print shop's preflight expects.

WeasyPrint's own PDF/X metadata carries a random DocumentID and the current time, and
imposing drops the catalog anyway, so the imposed sheet PDF gets all of it here, derived
from the inputs only: the same inputs give the same bytes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .model import PrintSettings

# standard -> (GTS_PDFXVersion, GTS_PDFXConformance or None, PDF version)
STANDARDS = {
    "pdf/x-4": ("PDF/X-4", None, "1.6"),
    "pdf/x-1a": ("PDF/X-1:2003", "PDF/X-1a:2003", "1.4"),
}


@dataclass(frozen=True)
class PdfX:
    """What one print edition must conform to: the standard and the output intent's profile."""

    standard: str  # a key of STANDARDS
    profile: bytes
    condition: str  # OutputConditionIdentifier, as the print shop names it

    @property
    def version(self) -> str:
        return STANDARDS[self.standard][0]


@lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int, size: int) -> bytes:
    return path.read_bytes()


def target(settings: PrintSettings, root: Path) -> PdfX | None:
    """The PDF/X target for a project's print settings; None when no profile is configured."""
    if settings.profile is None:
        return None
    path = (root / settings.profile).resolve()
    stat = path.stat()
    name = settings.profile_name or path.stem
    return PdfX(settings.standard, _read(path, stat.st_mtime_ns, stat.st_size), name)


def conform(writer: PdfWriter, pdfx: PdfX, digest: str, epoch: int) -> None:
    """Output intent, PDF/X keys in the document info, deterministic XMP, PDF version; after the info is set."""
    version, conformance, pdf_version = STANDARDS[pdfx.standard]
    writer.pdf_header = f"%PDF-{pdf_version}"
    root = writer._root_object
    profile = _stream(writer, pdfx.profile, {"/N": NumberObject(4)})
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(pdfx.condition),
            NameObject("/Info"): TextStringObject(pdfx.condition),
            NameObject("/DestOutputProfile"): profile,
        }
    )
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    info = writer._info.get_object()
    info[NameObject("/Trapped")] = NameObject("/False")
    info[NameObject("/GTS_PDFXVersion")] = TextStringObject(version)
    if conformance:
        info[NameObject("/GTS_PDFXConformance")] = TextStringObject(conformance)
    if pdfx.standard == "pdf/x-4":
        _default_rgb(writer)
    xmp = xmp_packet(info, version, conformance, digest, epoch)
    metadata = DecodedStreamObject()
    metadata.set_data(xmp)  # uncompressed, so prepress tools that only scan for the packet find it
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root[NameObject("/Metadata")] = writer._add_object(metadata)


def _stream(writer: PdfWriter, data: bytes, entries: dict):
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(key)] = value
    return writer._add_object(stream.flate_encode())


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """WeasyPrint's own sRGB profile (sRGB2014, freely distributable): what CSS colours mean."""
    return resources.files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes()


def _default_rgb(writer: PdfWriter) -> None:
    """Declare CSS's RGB as sRGB in every resource dictionary, so no colour is device-dependent RGB.

    PDF/X-4 with a CMYK output intent allows DeviceRGB only where a DefaultRGB colour space
    says what it means; CSS colours, PNG and JPEG images are sRGB.
    """
    srgb = ArrayObject([NameObject("/ICCBased"), _stream(writer, _srgb_profile(), {"/N": NumberObject(3)})])
    srgb_ref = writer._add_object(srgb)
    seen: set[int] = set()
    for page in writer.pages:
        for holder, res in resource_dicts(page, seen):
            group = holder.get("/Group")
            if group is not None and group.get_object().get("/CS") == "/DeviceRGB":
                group.get_object()[NameObject("/CS")] = srgb_ref
            spaces = res.get("/ColorSpace")
            if spaces is None:
                res[NameObject("/ColorSpace")] = DictionaryObject({NameObject("/DefaultRGB"): srgb_ref})
            else:
                spaces.get_object()[NameObject("/DefaultRGB")] = srgb_ref


def resource_dicts(holder, seen: set[int]):
    """Every resource dictionary reachable from a page: its own, its forms', patterns' and Type 3 fonts'."""
    holder = holder.get_object()
    if "/Resources" not in holder:
        return
    resources = holder["/Resources"].get_object()
    if id(resources) in seen:
        return
    seen.add(id(resources))
    yield holder, resources
    for kind in ("/XObject", "/Pattern", "/Font"):
        entries = resources.get(kind)
        for item in entries.get_object().values() if entries is not None else ():
            obj = item.get_object()
            if obj.get("/Subtype") in ("/Form", "/Type3") or "/PatternType" in obj:
                yield from resource_dicts(obj, seen)


def xmp_packet(info, version: str, conformance: str | None, digest: str, epoch: int) -> bytes:
    """XMP metadata that repeats the document info, as PDF/X requires; no clock, no randomness."""
    date = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document_id = uuid.UUID(hex=digest[:32])

    def text(key: str) -> str:
        return escape(str(info.get(key, "")))

    conformance_line = f"\n   <pdfx:GTS_PDFXConformance>{escape(conformance)}</pdfx:GTS_PDFXConformance>" if conformance else ""
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text("/Title")}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text("/Author")}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text("/Subject")}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreatorTool>{text("/Creator")}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{text("/Producer")}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{escape(version)}</pdfxid:GTS_PDFXVersion>
   <pdfx:GTS_PDFXVersion>{escape(version)}</pdfx:GTS_PDFXVersion>{conformance_line}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")
