"""The folds as `leafletpress folds` shows them: a table of sheets and panel widths, and one fold in detail."""

from __future__ import annotations

import re

from . import Fold


def mm(value: float) -> str:
    """A length as the data gives it: 97, 148.5, 93.6625."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def table(folds: dict[str, Fold], own: set[str] = frozenset()) -> str:
    """One row per fold: sheet, closed size, the panel widths of each side from left to right, the body panels."""
    header = ("fold", "sheet", "closed (mm)", "page 1 (mm, left to right)", "page 2 (mm, left to right)", "body panels")
    rows = [header]
    for name in sorted(folds):
        fold = folds[name]
        rows.append(
            (
                name + (" *" if name in own else ""),
                f"{fold.sheet_name}, {mm(fold.sheet_width)} x {mm(fold.sheet_height)} mm",
                f"{mm(fold.closed_width)} x {mm(fold.sheet_height)}",
                *(" + ".join(mm(p.width) for p in fold.panels_on(side)) for side in fold.sides),
                str(len(fold.body)),
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    if own:
        lines.append("* the project's own fold, from leaflets/folds.yaml")
    return "\n".join(lines)


def detail(fold: Fold) -> str:
    """One fold: what it is, each side's panels with the panel behind each, the folds, the reading order."""
    lines = [f"{fold.name}: {fold.label}, {fold.description}"]
    lines += [f"  {language}: {name}" for language, name in fold.trade_names]
    lines.append(
        f"  sheet {fold.sheet_name}, {mm(fold.sheet_width)} x {mm(fold.sheet_height)} mm, closed {mm(fold.closed_width)} mm wide"
    )
    for number, side in enumerate(fold.sides, start=1):
        lines.append(f"  page {number}, the {side}, left to right:")
        for panel in fold.panels_on(side):
            behind = fold.behind(panel)
            lines.append(
                f"    {panel.name:<15} {panel.role:<6} x {mm(panel.x):>8}  width {mm(panel.width):>8}"
                f"  behind it: {behind.name if behind else '-'}"
            )
        folds = ", ".join(
            f"{mm(line.x)} ({line.direction}, folded {line.order})" for line in sorted(fold.fold_lines(side), key=lambda t: t.x)
        )
        lines.append(f"    folds at {folds or 'none'}")
    lines.append(f"  reading order: {', '.join(p.name for p in fold.panels)}")
    lines.append(f"  the body flows through: {', '.join(p.name for p in fold.body)}")
    if fold.duplex == "turn":
        edge = "short" if fold.sheet_width > fold.sheet_height else "long"
        lines.append(f"  page 2 is the back of page 1 turned over left to right: a duplex printer flips on the {edge} edge")
    return "\n".join(lines)


def source(text: str, name: str) -> str | None:
    """A fold's block in a folds file's text, its comments and layout kept: to copy into leaflets/folds.yaml."""
    match = re.search(rf"^{re.escape(name)}:[ \t]*\n(?:(?:[ \t]+.*|[ \t]*)\n)*", text + "\n", re.MULTILINE)
    return match.group(0).rstrip() + "\n" if match else None
