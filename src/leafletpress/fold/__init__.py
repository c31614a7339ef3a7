"""The fold as data: sheet size, panels in reading order, where each sits on which side."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import yaml

MM_PER_PX = 25.4 / 96  # WeasyPrint's CSS pixel
MM_PER_PT = 25.4 / 72  # PDF user space unit


@dataclass(frozen=True)
class Panel:
    name: str
    role: str  # cover, body or back
    side: str
    x: float
    width: float


@dataclass(frozen=True)
class Fold:
    name: str
    description: str
    sheet_width: float
    sheet_height: float
    bleed: float
    safe_margin: float
    sides: tuple[str, ...]
    panels: tuple[Panel, ...]  # reading order

    @cached_property
    def cover(self) -> Panel:
        return next(p for p in self.panels if p.role == "cover")

    @cached_property
    def back(self) -> Panel:
        return next(p for p in self.panels if p.role == "back")

    @cached_property
    def body(self) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if p.role == "body")

    @cached_property
    def layout_order(self) -> tuple[Panel, ...]:
        """The order panels are typeset in: cover and back first, so the body may flow freely."""
        return (self.cover, self.back, *self.body)

    def panels_on(self, side: str) -> list[Panel]:
        return sorted((p for p in self.panels if p.side == side), key=lambda p: p.x)

    def folds_on(self, side: str) -> list[float]:
        """x positions (mm from the left trim of that side) of the folds."""
        return [p.x for p in self.panels_on(side)[1:]]

    def bleed_sides(self, panel: Panel) -> dict[str, float]:
        """Bleed per edge: the sheet's outer edges bleed, edges at a fold do not."""
        return {
            "top": self.bleed,
            "bottom": self.bleed,
            "left": self.bleed if panel.x == 0 else 0.0,
            "right": self.bleed if abs(panel.x + panel.width - self.sheet_width) < 0.01 else 0.0,
        }


def _load_folds() -> dict[str, Fold]:
    data = yaml.safe_load(resources.files(__package__).joinpath("folds.yaml").read_text("utf-8"))
    folds = {}
    for name, spec in data.items():
        folds[name] = Fold(
            name=name,
            description=spec["description"],
            sheet_width=spec["sheet"]["width"],
            sheet_height=spec["sheet"]["height"],
            bleed=spec["bleed"],
            safe_margin=spec["safe_margin"],
            sides=tuple(spec["sides"]),
            panels=tuple(Panel(**panel) for panel in spec["panels"]),
        )
    return folds


FOLDS = _load_folds()
