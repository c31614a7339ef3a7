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

FILES = {
    PROJECT: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\n"
    "editions:\n  team-a: all\n",
    CONDITION: "title: Rugklachten\ncover:\n  subtitle: Informatie\nsections:\n  - heading: Aandoening\n    blocks:\n"
    "      - text: Korte tekst over de rug.\n  - use: werkwijze\n",
    SHARED: "heading: Werkwijze\nblocks:\n  - text: Zo werken wij bij {practice}.\n",
    TEAM: 'name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\ncontact:\n  phone: "0612345678"\n',
}


def make_project(root: Path, changes: dict[str, str | bytes] | None = None) -> Path:
    """Write the tiny project under root (styles/ copied from the repository), then apply changes."""
    shutil.copytree(REPO / "styles", root / "styles")
    for name, text in {**FILES, **(changes or {})}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root
