"""What preflight finds: findings located by page, panel and position, gathered per file; and its limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...fold import MM_PER_PT, Fold
from ...limits import (  # noqa: F401 - preflight's limits, with its findings
    MAX_INK,
    MIN_LINE_PT,
    MIN_TEXT_PT_ERROR,
    MIN_TEXT_PT_WARNING,
    PPI_ERROR,
    PPI_WARNING,
    RICH_BLACK_TEXT_PT,
)

BOX_TOLERANCE_MM = 0.1
CHECKS = (
    "pages",
    "boxes",
    "marks",
    "fonts",
    "pdf/x",
    "images",
    "text size",
    "safe margin",
    "colour",
    "transparency",
    "ink",
    "rich black",
    "hairlines",
    "bleed",
    "alpha",
)


@dataclass(frozen=True)
class Finding:
    """One fault, with where it is: page (1-based, 0 for the whole file) and panel or position."""

    check: str  # one of CHECKS
    severity: str  # "error" or "warning"
    message: str
    page: int = 0
    where: str = ""

    def __str__(self) -> str:
        place = ", ".join(part for part in (f"page {self.page}" if self.page else "", self.where) if part)
        return f"{self.severity}: {self.check}: {self.message}" + (f" ({place})" if place else "")


@dataclass
class FileReport:
    """The preflight of one PDF: the facts a print shop asks about and every finding."""

    path: str
    pages: int = 0
    standard: str = ""  # e.g. "PDF/X-4"; "" when the file is not PDF/X
    fonts: int = 0
    min_ppi: float | None = None
    min_text_pt: float | None = None
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def status(self, check: str) -> str:
        """'ok', 'warning' or 'error' for one column of the table."""
        severities = {f.severity for f in self.findings if f.check == check}
        return "error" if "error" in severities else "warning" if "warning" in severities else "ok"

    def add(self, check: str, severity: str, message: str, page: int = 0, where: str = "") -> None:
        self.findings.append(Finding(check, severity, message, page, where))


def mm(value: float) -> float:
    return float(value) * MM_PER_PT


def side_of(fold: Fold, number: int) -> str:
    """The fold's name for sheet side (page) number, or '' for a page the fold does not have."""
    return fold.sides[number - 1] if number <= len(fold.sides) else ""
