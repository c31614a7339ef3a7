"""PDF/X: the output intent, metadata and colour setup a print shop's preflight expects.

WeasyPrint's own PDF/X metadata carries a random DocumentID and the current time, and
imposing drops the catalog anyway, so the imposed sheet PDF gets all of it here, derived
from the inputs only: the same inputs give the same bytes.
"""

from __future__ import annotations

import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import pydyf

from ..content.model import PrintSettings
from .objects import add, resolve

# The profile a project gets when its print settings name none: the free FOGRA39 profile the sample
# project carries (styles/print/PROVENANCE.md). A project without that file is not PDF/X.
DEFAULT_PROFILE = "styles/print/FOGRA39-free.icc"
DEFAULT_CONDITION = "FOGRA39"
# Printing conditions registered with the ICC (color.org): an output intent naming one says where it is registered.
REGISTERED = {"FOGRA39", "FOGRA51", "FOGRA52", "FOGRA47", "FOGRA40", "FOGRA29", "FOGRA28", "FOGRA27"}
REGISTRY = "http://www.color.org"

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
    """The PDF/X target for a project's print settings: their profile, else the bundled FOGRA39 one if the project has it."""
    if settings.profile is None:
        path = root / DEFAULT_PROFILE
        if not path.is_file():
            return None
        name = settings.profile_name or DEFAULT_CONDITION
    else:
        path = (root / settings.profile).resolve()
        name = settings.profile_name or path.stem
    stat = path.stat()
    return PdfX(settings.standard, _read(path, stat.st_mtime_ns, stat.st_size), name)


def conform(pdf: pydyf.PDF, pdfx: PdfX, info: dict[str, str], digest: str, epoch: int) -> None:
    """Output intent, PDF/X keys in the document info, deterministic XMP; info holds the document info as text.

    The PDF version the standard needs is a `write_pdf` option (finish.write_options).
    """
    version, conformance, _ = STANDARDS[pdfx.standard]
    profile = add(pdf, pydyf.Stream([_compressed(pdfx.profile)], pydyf.Dictionary({"N": 4, "Filter": "/FlateDecode"})))
    intent = pydyf.Dictionary(
        {
            "Type": "/OutputIntent",
            "S": "/GTS_PDFX",
            "OutputConditionIdentifier": pydyf.String(pdfx.condition),
            "Info": pydyf.String(pdfx.condition),
            "DestOutputProfile": profile.reference,
        }
    )
    if pdfx.condition in REGISTERED:
        intent["RegistryName"] = pydyf.String(REGISTRY)
    pdf.catalog["OutputIntents"] = pydyf.Array([add(pdf, intent).reference])
    pdf.info["Trapped"] = "/False"
    pdf.info["GTS_PDFXVersion"] = pydyf.String(version)
    if conformance:
        pdf.info["GTS_PDFXConformance"] = pydyf.String(conformance)
    # Uncompressed, so prepress tools that only scan for the packet find it.
    metadata = pydyf.Stream([xmp_packet(info, version, conformance, digest, epoch)], {"Type": "/Metadata", "Subtype": "/XML"})
    pdf.catalog["Metadata"] = add(pdf, metadata).reference


@lru_cache(maxsize=4)
def _compressed(profile: bytes) -> bytes:
    """A profile as it is embedded, compressed once per process: 120 KB of it took 3 ms for every edition."""
    return zlib.compress(profile)


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """WeasyPrint's own sRGB profile (sRGB2014, freely distributable): what CSS colours mean."""
    return resources.files("weasyprint.pdf").joinpath("sRGB2014.icc").read_bytes()


def default_rgb(pdf: pydyf.PDF) -> None:
    """Declare CSS's RGB as sRGB in every resource dictionary, so no colour is device-dependent RGB.

    PDF/X-4 with a CMYK output intent allows DeviceRGB only where a DefaultRGB colour space
    says what it means; CSS colours, PNG and JPEG images are sRGB. Transparency groups
    blend in sRGB too, rather than in DeviceRGB.
    """
    profile = add(pdf, pydyf.Stream([_srgb_profile()], pydyf.Dictionary({"N": 3}), compress=True))
    srgb = add(pdf, pydyf.Array(["/ICCBased", profile.reference])).reference
    seen: set[int] = set()
    for holder in list(pdf.objects):
        entries = holder.extra if isinstance(holder, pydyf.Stream) else holder if isinstance(holder, dict) else {}
        if "Resources" not in entries:
            continue
        group = resolve(pdf, entries.get("Group"))
        if isinstance(group, dict) and group.get("CS") == "/DeviceRGB":
            group["CS"] = srgb
        res = resolve(pdf, entries["Resources"])
        if id(res) in seen:
            continue
        seen.add(id(res))
        spaces = resolve(pdf, res.get("ColorSpace"))
        if spaces is None:
            res["ColorSpace"] = pydyf.Dictionary({"DefaultRGB": srgb})
        elif id(spaces) not in seen:
            seen.add(id(spaces))
            spaces["DefaultRGB"] = srgb


def xmp_packet(info: dict[str, str], version: str, conformance: str | None, digest: str, epoch: int) -> bytes:
    """XMP metadata that repeats the document info, as PDF/X requires; no clock, no randomness."""
    date = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document_id = uuid.UUID(hex=digest[:32])

    def text(key: str) -> str:
        return escape(info.get(key, ""))

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
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text("Title")}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text("Author")}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text("Subject")}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreatorTool>{text("Creator")}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdf:Producer>{text("Producer")}</pdf:Producer>
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
