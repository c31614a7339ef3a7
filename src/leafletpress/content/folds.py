"""The folds a project can use: the built-in ones, with its own from leaflets/folds.yaml merged over them.

A project's folds file is read and validated like every content file: each mistake is one
located problem (file, line, field, hint), first against the model below, then against the
geometry (fold/check.py). A fold with a problem is left out, and named in `broken`, so an
edition that uses it fails with that problem and not with "unknown fold".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from ..fold import FOLDS, Fold, from_data
from ..fold.check import faults
from ..problems import Problem, Problems
from .model import SLUG_HELP, SLUG_RE, Strict
from .validation import describe, translate
from .yamlfile import YamlDocument, dotted, read_inside

FOLDS_FILE = "leaflets/folds.yaml"
MAX_MM = 1000.0  # no sheet a leaflet press prints is wider or taller


def _length(**limits):
    return Field(allow_inf_nan=False, le=MAX_MM, **limits)


class PanelSpec(Strict):
    """One panel of a fold."""

    name: str = Field(description="The panel's name, as proofs and messages show it, e.g. inside-left.")
    role: Literal["cover", "body", "back"] = Field(description="cover, back, or body: a panel the sections flow through.")
    side: str = Field(description="The sheet side it is printed on: one of sides.")
    x: float = _length(ge=0, description="Its left edge in mm from the left trim of its side, seen looking at that side.")
    width: float = _length(gt=0, description="Its width in mm; every panel is the sheet's full height.")
    behind: str | None = Field(None, description="The panel printed on its back (checked against the geometry).")

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not re.fullmatch(SLUG_RE, value):
            raise ValueError(f"'{value}' is not a usable panel name: use {SLUG_HELP}")
        return value


class FoldLineSpec(Strict):
    """A line the sheet folds along; its fold marks go there."""

    x: float = _length(gt=0, description="mm from the left trim of its side, seen from that side.")
    direction: Literal["valley", "mountain"] = Field(description="valley: the panels on this side come together.")
    order: int = Field(ge=1, description="The folding sequence: 1 is folded first.")


class SheetSpec(Strict):
    name: str | None = Field(None, description="The sheet's name, e.g. A4.")
    width: float = _length(gt=0)
    height: float = _length(gt=0)


class FoldSpec(Strict):
    """One fold in folds.yaml: geometry only (the print shop's wishes are under print: in project.yaml)."""

    label: str = Field(min_length=1, description="A short noun for messages, e.g. 'roll fold'.")
    description: str = ""
    trade_names: dict[str, str] = Field(default_factory=dict, description="What print shops call it, by language.")
    sheet: SheetSpec
    duplex: Literal["turn"] = Field("turn", description="turn: page 2 is page 1 turned over left to right.")
    sides: list[str] = Field(min_length=2, max_length=2, description="The two sheet sides, page 1 first.")
    panels: list[PanelSpec] = Field(min_length=3, description="The panels in reading order.")
    folds: dict[str, list[FoldLineSpec]] = Field(description="Per side, the lines it folds along.")


@dataclass
class FoldSet:
    """The folds a project can use, and what its own folds file did to them."""

    folds: dict[str, Fold] = field(default_factory=lambda: dict(FOLDS))
    own: set[str] = field(default_factory=set)  # the names leaflets/folds.yaml defines (and that loaded)
    broken: set[str] = field(default_factory=set)  # the names it defines with a problem
    readable: bool = True  # False: the file could not be read, so which folds it holds is unknown


def load_folds(root: Path, problems: Problems) -> FoldSet:
    """The built-in folds, with the project's leaflets/folds.yaml (if it has one) merged over them."""
    found = FoldSet()
    path = root / FOLDS_FILE
    if not path.is_file() and not path.is_symlink():
        return found
    doc = _read(path, root, problems)
    if doc is None:
        found.readable = False
        return found
    if not isinstance(doc.data, dict):
        message = f"expected folds, each a name with its keys (label, sheet, sides, panels, folds), got {describe(doc.data)}"
        problems.add(Problem(FOLDS_FILE, 1, "", message, "write each fold's name, then its keys indented under it"))
        found.readable = False
        return found
    for name, spec in doc.data.items():
        fold, fold_problems = _fold(name, spec, doc)
        problems.extend(fold_problems)
        if fold is None:
            found.broken.add(name)
        else:
            found.folds[name] = fold
            found.own.add(name)
    return found


def _read(path: Path, root: Path, problems: Problems) -> YamlDocument | None:
    doc = read_inside(path, root, problems)
    if doc is None:
        return None
    if doc.data is None:
        doc.data = {}
    return doc


def _fold(name: str, spec, doc: YamlDocument) -> tuple[Fold | None, list[Problem]]:
    """One fold of the file, or None and its problems, each located in the file."""
    line = doc.line_of((name,))
    if not re.fullmatch(SLUG_RE, name):
        return None, [Problem(doc.file, line, name, f"'{name}' is not a usable fold name", f"use {SLUG_HELP}")]
    if not isinstance(spec, dict):
        message = f"expected a fold's keys (label, sheet, sides, panels, folds), got {describe(spec)}"
        return None, [Problem(doc.file, line, name, message)]
    own = YamlDocument(doc.file, spec, {path[1:]: at for path, at in doc.lines.items() if path[:1] == (name,)})
    own.lines[()] = line
    try:
        model = FoldSpec.model_validate(spec)
    except ValidationError as exc:
        return None, [replace(p, field=_within(name, p.field)) for p in translate(exc, own, FoldSpec)]
    fold = from_data(name, model.model_dump())
    located = [
        Problem(doc.file, own.line_of(fault.path), _within(name, dotted(fault.path)), fault.message, fault.hint)
        for fault in faults(fold)
    ]
    return (None, located) if located else (fold, [])


def _within(name: str, path: str) -> str:
    """A field path inside a fold, as the file reads: a4-zfold.panels[2].width."""
    return f"{name}.{path}" if path and not path.startswith("[") else f"{name}{path}"
