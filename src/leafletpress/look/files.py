"""What the look stage keeps in the build folder besides pictures: PNG encoding and proof.json."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

from PIL import Image

from ..outputs import PROOF_INFO

PROOF_FORMAT = 2  # 2: proof.json names the fold and its panels in reading order


def png_bytes(image: Image.Image) -> bytes:
    buffer = BytesIO()
    # Level 1: proofs are rewritten on every visible change; zlib's higher levels cost 2x for ~3% size.
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def read_proof_info(folder: Path) -> dict:
    """What proof.json says about the proofs in a folder, or {} if there are none."""
    try:
        info = json.loads((folder / PROOF_INFO).read_text("utf-8"))
        return info if isinstance(info, dict) and info.get("format") == PROOF_FORMAT else {}
    except (OSError, ValueError):
        return {}
