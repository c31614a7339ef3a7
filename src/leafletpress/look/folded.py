"""The folded preview: the views a patient meets as the leaflet is opened, derived from the fold's data.

Nothing here names a panel: the views come from the fold's reading order (the panels list in
folds.yaml) and its geometry. A patient first sees the cover, closed. Opening it shows the next
panels in reading order: those on the cover's side of the sheet (a flap that folds in) appear
beside the back of the cover; those on the other side are the spread, seen whole. Turning the
leaflet over shows the back panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..fold import Fold, Panel


@dataclass(frozen=True)
class View:
    """One moment of opening the leaflet: the panels seen side by side, left to right."""

    key: str  # closed, opened, spread, back (numbered when a fold has several of a kind)
    caption: str
    panels: tuple[str, ...]


def views(fold: Fold) -> list[View]:
    """The views of a fold, in the order a patient meets them."""
    found = [View("closed", "Closed: the cover", (fold.cover.name,))]
    body = [panel for panel in fold.panels if panel.role == "body"]
    for side, run in groupby(body, key=lambda panel: panel.side):
        run = list(run)
        if side == fold.cover.side:
            behind = reverse(fold, fold.cover)
            shown = ([behind] if behind is not None and behind not in run else []) + run
            beside = ", beside the back of the cover" if len(shown) > len(run) else ""
            caption = "Opened: " + ", ".join(p.name for p in run) + beside
            found.append(View("opened", caption, tuple(p.name for p in shown)))
        else:
            spread = sorted(run, key=lambda panel: panel.x)
            found.append(View("spread", f"Open: the {side}", tuple(p.name for p in spread)))
    found.append(View("back", "Turned over: the back", (fold.back.name,)))
    return _numbered(found)


def reverse(fold: Fold, panel: Panel) -> Panel | None:
    """The panel printed on the other side of the sheet behind this one (None for a one-sided sheet)."""
    others = [side for side in fold.sides if side != panel.side]
    if not others:
        return None
    # Seen from the other side the sheet is mirrored: x becomes width - x.
    left = fold.sheet_width - (panel.x + panel.width)
    right = left + panel.width

    def overlap(other: Panel) -> float:
        return min(right, other.x + other.width) - max(left, other.x)

    best = max(fold.panels_on(others[0]), key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def _numbered(found: list[View]) -> list[View]:
    """Keys made unique: a fold with two flaps has opened and opened-2."""
    seen: dict[str, int] = {}
    result = []
    for view in found:
        seen[view.key] = seen.get(view.key, 0) + 1
        key = view.key if seen[view.key] == 1 else f"{view.key}-{seen[view.key]}"
        result.append(View(key, view.caption, view.panels))
    return result
