"""The fold as data: a sheet, its two sides, the panels in reading order and the lines it folds along."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources

import yaml

MM_PER_PX = 25.4 / 96  # WeasyPrint's CSS pixel
MM_PER_PT = 25.4 / 72  # PDF user space unit
TOLERANCE_MM = 0.01  # positions are data: equal means equal to a hundredth of a millimetre
BUILTIN_FILE = "folds.yaml"


@dataclass(frozen=True)
class Panel:
    """One panel: its role, the sheet side it is printed on and where, as seen looking at that side."""

    name: str
    role: str  # cover, body or back
    side: str
    x: float  # left edge, mm from the left trim of its side
    width: float
    behind: str | None = None  # the panel printed on its back, as the data declares it (checked: check.py)


@dataclass(frozen=True)
class FoldLine:
    """A line the sheet folds along, where its fold marks go."""

    x: float  # mm from the left trim of its side, as seen looking at that side
    direction: str  # valley (the panels on this side come together) or mountain, seen from that side
    order: int  # folded first: 1


@dataclass(frozen=True)
class Fold:
    """A fold: sheet, sides and panels (in reading order), fold lines per side. Geometry only."""

    name: str
    label: str  # a short noun for messages: "the roll fold has 4 body panels"
    description: str
    sheet_name: str
    sheet_width: float
    sheet_height: float
    sides: tuple[str, ...]  # page 1, page 2 of the print PDF
    panels: tuple[Panel, ...]  # reading order
    lines: tuple[tuple[FoldLine, ...], ...]  # per side, in the order of sides, as the data lists them
    duplex: str = "turn"  # page 2 is page 1 turned over left to right, about the sheet's vertical axis
    trade_names: tuple[tuple[str, str], ...] = ()  # (language, what print shops call it)
    direction: str = "ltr"  # rtl: the mirror image, for a leaflet written from right to left (mirrored())

    @cached_property
    def cover(self) -> Panel:
        return next(p for p in self.panels if p.role == "cover")

    @cached_property
    def back(self) -> Panel:
        return next(p for p in self.panels if p.role == "back")

    @cached_property
    def body(self) -> tuple[Panel, ...]:
        """The panels the sections flow through, in reading order."""
        return tuple(p for p in self.panels if p.role == "body")

    @cached_property
    def layout_order(self) -> tuple[Panel, ...]:
        """The order panels are typeset in: cover and back first, so the body may flow freely."""
        return (self.cover, self.back, *self.body)

    @property
    def closed_width(self) -> float:
        """The folded leaflet's width: every panel folds onto the widest."""
        return max(p.width for p in self.panels)

    def panel(self, name: str) -> Panel:
        return next(p for p in self.panels if p.name == name)

    def panels_on(self, side: str) -> list[Panel]:
        """A side's panels from left to right, as seen looking at that side."""
        return sorted((p for p in self.panels if p.side == side), key=lambda p: p.x)

    def fold_lines(self, side: str) -> tuple[FoldLine, ...]:
        return self.lines[self.sides.index(side)] if side in self.sides else ()

    def folds_on(self, side: str) -> list[float]:
        """x positions (mm from the left trim of that side) of the folds: where the fold marks go."""
        return sorted(line.x for line in self.fold_lines(side))

    def other_side(self, side: str) -> str:
        return next(s for s in self.sides if s != side)

    def turned(self, x: float) -> float:
        """Where a point at x on one side lies on the other, the sheet turned over about its vertical axis."""
        return self.sheet_width - x

    def behind(self, panel: Panel) -> Panel | None:
        """The panel printed on the back of this one, from the geometry: its mirror image on the other side."""
        x = self.turned(panel.x + panel.width)
        return next(
            (
                p
                for p in self.panels_on(self.other_side(panel.side))
                if abs(p.x - x) < TOLERANCE_MM and abs(p.width - panel.width) < TOLERANCE_MM
            ),
            None,
        )

    def bleed_sides(self, panel: Panel, bleed: float) -> dict[str, float]:
        """Bleed per edge: the sheet's outer edges bleed, edges at a fold do not."""
        return {
            "top": bleed,
            "bottom": bleed,
            "left": bleed if abs(panel.x) < TOLERANCE_MM else 0.0,
            "right": bleed if abs(panel.x + panel.width - self.sheet_width) < TOLERANCE_MM else 0.0,
        }


def _mirrored_name(name: str) -> str:
    """A panel's name in the mirror image: what was on the left is on the right (inside-left -> inside-right)."""
    swap = {"left": "right", "right": "left"}
    return "-".join(swap.get(part, part) for part in name.split("-"))


def mirrored(fold: Fold) -> Fold:
    """The fold for a leaflet written from right to left: its mirror image, on both sides.

    An Arabic leaflet opens like an Arabic book: the cover turns on a fold at its right edge and
    opens to the right. Every panel keeps its place in the reading order, its width and the panel
    behind it; only its x is mirrored on its side (x -> sheet width - x - width), and so are the
    fold lines (each keeps its direction and order, seen from the same side). Duplex stays as it
    is (page 2 is page 1 turned over left to right), so what backs onto what is unchanged. Panel
    names say where a panel is: the roll fold's inside-left (read first inside) becomes inside-right.
    """
    if fold.direction == "rtl":
        return fold
    width = fold.sheet_width
    panels = tuple(
        Panel(
            _mirrored_name(p.name),
            p.role,
            p.side,
            round(width - p.x - p.width, 4),
            p.width,
            _mirrored_name(p.behind) if p.behind else None,
        )
        for p in fold.panels
    )
    lines = tuple(
        tuple(sorted((FoldLine(round(width - line.x, 4), line.direction, line.order) for line in side), key=lambda f: f.x))
        for side in fold.lines
    )
    return replace(
        fold,
        description=f"{fold.description}; mirrored for a leaflet written from right to left",
        panels=panels,
        lines=lines,
        direction="rtl",
    )


def for_direction(fold: Fold, direction: str) -> Fold:
    """The fold as an edition written in that direction ('ltr' or 'rtl') is printed in."""
    return mirrored(fold) if direction == "rtl" else fold


def from_data(name: str, spec: dict) -> Fold:
    """A fold from its data as folds.yaml gives it (types already right: see content/folds.py)."""
    sides = tuple(spec["sides"])
    lines = spec.get("folds") or {}
    return Fold(
        name=name,
        label=spec["label"],
        description=" ".join(str(spec.get("description", "")).split()),
        sheet_name=(spec["sheet"].get("name") or f"{_mm(spec['sheet']['width'])} x {_mm(spec['sheet']['height'])} mm"),
        sheet_width=float(spec["sheet"]["width"]),
        sheet_height=float(spec["sheet"]["height"]),
        sides=sides,
        panels=tuple(
            Panel(p["name"], p["role"], p["side"], float(p["x"]), float(p["width"]), p.get("behind")) for p in spec["panels"]
        ),
        lines=tuple(
            tuple(FoldLine(float(line["x"]), line["direction"], int(line["order"])) for line in lines.get(side) or ())
            for side in sides
        ),
        duplex=spec.get("duplex", "turn"),
        trade_names=tuple(sorted((spec.get("trade_names") or {}).items())),
    )


def _mm(value) -> str:
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def builtin_text() -> str:
    """The built-in folds file, comments and all."""
    return resources.files(__package__).joinpath(BUILTIN_FILE).read_text("utf-8")


def builtin_data() -> dict:
    """The built-in folds' data, as folds.yaml holds it."""
    return yaml.safe_load(builtin_text())


FOLDS = {name: from_data(name, spec) for name, spec in builtin_data().items()}  # the built-in folds
DEFAULT_FOLD = "a4-roll-trifold"
