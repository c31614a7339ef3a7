"""A tiny project written from scratch (one condition, one shared section, one team), for tests
whose expected messages must not change when the sample content does."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONDITION = "leaflets/conditions/rug.yaml"
TEAM = "leaflets/teams/team-a.yaml"
PROJECT = "leaflets/project.yaml"
SHARED = "leaflets/shared/werkwijze.yaml"

# Debian's libgs-common ships this CMYK profile (the tests copy it in; it is never committed): with it the
# tiny project's print editions are PDF/X, and a clean build has no problem at all.
CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
FILES = {
    PROJECT: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\n"
    "editions:\n  team-a: all\nprint:\n  profile: styles/print/cmyk.icc\n  profile_name: CMYK SWOP (Artifex)\n",
    CONDITION: "title: Rugklachten\ncover:\n  subtitle: Informatie\nsections:\n  - heading: Aandoening\n    blocks:\n"
    "      - text: Korte tekst over de rug.\n  - use: werkwijze\n",
    SHARED: "heading: Werkwijze\nblocks:\n  - text: Zo werken wij bij {practice}.\n",
    TEAM: 'name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\ncontact:\n  phone: "0612345678"\n',
}


def make_project(root: Path, changes: dict[str, str | bytes] | None = None) -> Path:
    """Write the tiny project under root (styles/ copied from the repository), then apply changes."""
    shutil.copytree(REPO / "styles", root / "styles")
    (root / "styles" / "print").mkdir(exist_ok=True)
    shutil.copy(CMYK_PROFILE, root / "styles" / "print" / "cmyk.icc")
    for name, text in {**FILES, **(changes or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root
