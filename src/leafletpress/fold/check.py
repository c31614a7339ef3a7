"""Is a fold's data a fold? Sides tiled by panels, one cover and one back, a panel behind every panel, folds where panels meet.

Each fault names the place in the fold's data (a path of keys and indices) so the loader can
give the line of a project's own folds file; the built-in folds have none (tests/test_folds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import TOLERANCE_MM, Fold, FoldLine, Panel

OPPOSITE = {"valley": "mountain", "mountain": "valley"}


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a fold: where in its data (keys and indices), what, and what to do."""

    path: tuple
    message: str
    hint: str = ""


def faults(fold: Fold) -> list[Fault]:
    """Everything wrong with a fold's data; later checks run only when the earlier ones pass."""
    for check in (_sides, _roles, _tiling, _duplex, _lines, _twins):
        found = check(fold)
        if found:
            return found
    return []


def _mm(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _index(fold: Fold, panel: Panel) -> int:
    return fold.panels.index(panel)


def _sides(fold: Fold) -> list[Fault]:
    if len(fold.sides) != 2 or len(set(fold.sides)) != 2:
        return [Fault(("sides",), f"a sheet has two sides, this lists {len(fold.sides)}", "write sides: [outside, inside]")]
    found = []
    names: set[str] = set()
    for index, panel in enumerate(fold.panels):
        if panel.name in names:
            found.append(Fault(("panels", index, "name"), f"two panels are named '{panel.name}'", "give each panel its own name"))
        names.add(panel.name)
        if panel.side not in fold.sides:
            found.append(
                Fault(
                    ("panels", index, "side"),
                    f"side '{panel.side}' is not one of the sheet's sides ({', '.join(fold.sides)})",
                    "name one of the sides listed under sides:",
                )
            )
    return found


def _roles(fold: Fold) -> list[Fault]:
    found = []
    for role in ("cover", "back"):
        holders = [p for p in fold.panels if p.role == role]
        if len(holders) != 1:
            where = ("panels", _index(fold, holders[1]), "role") if holders else ("panels",)
            found.append(
                Fault(
                    where,
                    f"a fold has one {role} panel, this one has {len(holders)}",
                    f"give exactly one panel role: {role}" + (", the others body" if holders else ""),
                )
            )
    if not fold.body:
        found.append(Fault(("panels",), "no body panel: the sections would have nowhere to go", "give a panel role: body"))
    if found:
        return found
    if fold.panels[0].role != "cover":
        found.append(
            Fault(("panels", 0), f"the reading order starts with '{fold.panels[0].name}'", "list the cover first under panels:")
        )
    if fold.panels[-1].role != "back":
        found.append(
            Fault(
                ("panels", len(fold.panels) - 1),
                f"the reading order ends with '{fold.panels[-1].name}'",
                "list the back last under panels:",
            )
        )
    return found


def _tiling(fold: Fold) -> list[Fault]:
    """On each side the panels start at 0, meet without gap or overlap and end at the sheet's width."""
    ends = {side: sum(p.width for p in fold.panels_on(side)) for side in fold.sides}
    if len({round(end, 2) for end in ends.values()}) == 1 and abs(ends[fold.sides[0]] - fold.sheet_width) > TOLERANCE_MM:
        width = ends[fold.sides[0]]
        return [
            Fault(
                ("sheet", "width"),
                f"the panels of each side are {_mm(width)} mm wide together, the sheet is {_mm(fold.sheet_width)} mm",
                f"make the sheet {_mm(width)} mm wide, or the panels {_mm(fold.sheet_width)} mm together",
            )
        ]
    found = []
    for side in fold.sides:
        edge = 0.0
        for panel in fold.panels_on(side):
            where = ("panels", _index(fold, panel), "x")
            if panel.x > edge + TOLERANCE_MM:
                found.append(Fault(where, f"{side}: a gap of {_mm(panel.x - edge)} mm before '{panel.name}'", _tile_hint(edge)))
            elif panel.x < edge - TOLERANCE_MM:
                message = f"{side}: '{panel.name}' overlaps the panel before it by {_mm(edge - panel.x)} mm"
                found.append(Fault(where, message, _tile_hint(edge)))
            edge = panel.x + panel.width
        last = fold.panels_on(side)[-1] if fold.panels_on(side) else None
        if last is None:
            found.append(Fault(("sides",), f"no panel is printed on the {side}", "give that side its panels"))
        elif not found and abs(edge - fold.sheet_width) > TOLERANCE_MM:
            widths = " + ".join(_mm(p.width) for p in fold.panels_on(side))
            found.append(
                Fault(
                    ("panels", _index(fold, last), "width"),
                    f"{side}: the panels are {widths} = {_mm(edge)} mm wide, the sheet is {_mm(fold.sheet_width)} mm",
                    "make the widths of a side add up to the sheet's width",
                )
            )
    return found


def _tile_hint(edge: float) -> str:
    return f"x is where the panel starts: here {_mm(edge)}, where the panel to its left ends"


def _duplex(fold: Fold) -> list[Fault]:
    """Turned over, every panel lies on a panel of its own width, the one its `behind` names."""
    found = []
    for index, panel in enumerate(fold.panels):
        twin = fold.behind(panel)
        mirrored = fold.turned(panel.x + panel.width)
        if twin is None:
            found.append(
                Fault(
                    ("panels", index),
                    f"nothing of {_mm(panel.width)} mm is printed behind '{panel.name}': the sheet turned over, it lies on "
                    f"{fold.other_side(panel.side)} x {_mm(mirrored)}",
                    "the two sides must mirror each other panel by panel",
                )
            )
        elif panel.behind is not None and panel.behind != twin.name:
            found.append(
                Fault(
                    ("panels", index, "behind"),
                    f"'{panel.name}' says '{panel.behind}' is behind it, but the sheet turned over puts '{twin.name}' there",
                    f"write behind: {twin.name}, or correct the panels' x",
                )
            )
    return found


def _lines(fold: Fold) -> list[Fault]:
    """A side's fold lines are where its panels meet, numbered 1.. in the order they are folded."""
    found = []
    for side in fold.sides:
        meet = [p.x for p in fold.panels_on(side)[1:]]
        lines = fold.fold_lines(side)
        for index, line in enumerate(lines):
            if not any(abs(line.x - x) < TOLERANCE_MM for x in meet):
                found.append(
                    Fault(
                        ("folds", side, index, "x"),
                        f"no panels meet at {side} x {_mm(line.x)}",
                        f"the panels of the {side} meet at {', '.join(_mm(x) for x in meet)}",
                    )
                )
        for x in meet:
            if not any(abs(line.x - x) < TOLERANCE_MM for line in lines):
                found.append(Fault(("folds", side), f"no fold line where the panels meet at {side} x {_mm(x)}", _line_hint(x)))
        orders = sorted(line.order for line in lines)
        if not found and orders != list(range(1, len(lines) + 1)):
            found.append(
                Fault(
                    ("folds", side),
                    f"the {side} folds are numbered {', '.join(map(str, orders))}",
                    f"number them 1 to {len(lines)} in the order the sheet is folded",
                )
            )
    return found


def _line_hint(x: float) -> str:
    return f"add - {{x: {_mm(x)}, direction: valley, order: N}} under that side"


def _twins(fold: Fold) -> list[Fault]:
    """A fold seen from the other side: at W - x, the other direction, the same place in the sequence."""
    found = []
    first, second = fold.sides
    for index, line in enumerate(fold.fold_lines(first)):
        twin = _line_at(fold.fold_lines(second), fold.turned(line.x))
        where = ("folds", first, index)
        if twin is None:
            found.append(
                Fault(where, f"the fold at {first} x {_mm(line.x)} has no twin at {second} x {_mm(fold.turned(line.x))}")
            )
        elif twin.direction != OPPOSITE[line.direction]:
            found.append(
                Fault(
                    (*where, "direction"),
                    f"the fold at {first} x {_mm(line.x)} is a {line.direction} there, so from the {second} it is a "
                    f"{OPPOSITE[line.direction]}, not a {twin.direction}",
                    "a valley seen from one side is a mountain seen from the other",
                )
            )
        elif twin.order != line.order:
            found.append(
                Fault(
                    (*where, "order"),
                    f"the fold at {first} x {_mm(line.x)} is folded {line.order} there and {twin.order} on the {second}",
                    "give a fold the same order on both sides",
                )
            )
    return found


def _line_at(lines: tuple[FoldLine, ...], x: float) -> FoldLine | None:
    return next((line for line in lines if abs(line.x - x) < TOLERANCE_MM), None)
