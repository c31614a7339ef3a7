"""ICC profiles: can this file be a print edition's output intent? Read from its header only."""

from __future__ import annotations

from pathlib import Path

ICC_HEADER = 128


def profile_problem(path: Path) -> str:
    """Why a file cannot be a PDF/X output intent (not an ICC profile, not CMYK); '' if it can."""
    with open(path, "rb") as file:
        header = file.read(ICC_HEADER)
    if len(header) < ICC_HEADER or header[36:40] != b"acsp":
        return "is not an ICC colour profile"
    if header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip() or "unknown"
        return f"is a {space} profile; a print shop's output intent is a CMYK profile (e.g. FOGRA39, FOGRA51)"
    if header[12:16] != b"prtr":
        return "is not an output (printer) profile"
    return ""
