"""ICC profiles: can this file be a print edition's output intent? Read from its header and tag table only."""

from __future__ import annotations

import struct
from pathlib import Path

ICC_HEADER = 128


def profile_problem(path: Path) -> str:
    """Why a file cannot be a PDF/X output intent (not an ICC profile, not CMYK, damaged); '' if it can."""
    data = path.read_bytes()
    header = data[:ICC_HEADER]
    if len(header) < ICC_HEADER or header[36:40] != b"acsp":
        return "is not an ICC colour profile"
    if header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip() or "unknown"
        return f"is a {space} profile; a print shop's output intent is a CMYK profile (e.g. FOGRA39, FOGRA51)"
    if header[12:16] != b"prtr":
        return "is not an output (printer) profile"
    # The colour conversion reads the tables the tag table points at: a cut-off file would fail mid-build.
    (size,) = struct.unpack(">I", header[:4])
    count = struct.unpack(">I", data[ICC_HEADER : ICC_HEADER + 4])[0] if len(data) >= ICC_HEADER + 4 else 0
    table = data[ICC_HEADER + 4 : ICC_HEADER + 4 + 12 * count]
    tags = [struct.unpack(">4sII", table[i : i + 12]) for i in range(0, len(table) - 11, 12)]
    if size != len(data) or not tags or len(tags) != count or any(offset + length > len(data) for _, offset, length in tags):
        return f"is damaged: {len(data)} bytes where its header promises {size} (copy the file from the print shop again)"
    return ""
