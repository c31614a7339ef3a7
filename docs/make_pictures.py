"""Write docs/images/fold-<name>.svg, a picture of each built-in fold's panel order, from the fold data (`make docs`);
and fold-a4-roll-trifold-rtl.svg, the roll fold as a right-to-left (Arabic) leaflet has it: its mirror image.

tests/test_docs.py fails while a committed picture differs from what this writes, so the pictures
cannot drift from the folds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from leafletpress.fold import FOLDS, mirrored
from leafletpress.look.diagram import fold_svg

IMAGES = Path(__file__).resolve().parent / "images"


def pictures() -> dict[Path, str]:
    """Each built-in fold's picture and the file it goes to."""
    found = {IMAGES / f"fold-{name}.svg": fold_svg(fold) for name, fold in FOLDS.items()}
    found[IMAGES / "fold-a4-roll-trifold-rtl.svg"] = fold_svg(mirrored(FOLDS["a4-roll-trifold"]))
    return found


if __name__ == "__main__":
    for path, svg in pictures().items():
        if not path.is_file() or path.read_text("utf-8") != svg:
            path.write_text(svg, "utf-8")
            print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    sys.exit(0)
