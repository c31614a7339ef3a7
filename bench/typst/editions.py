"""Typst 0.15 as a yardstick: the sample trifold typeset by Typst from the same YAML (benchmark only).

The leaflet data is read here with PyYAML, resolved the way leafletpress composes an edition
(shared sections by `use:`, {practice} and {team} placeholders, the team's contact lines and
logo, the QR code of the leaflet's address drawn by segno), and handed to `trifold.typ` as one
JSON string in `sys.inputs`. Typst then typesets the same text on the same panels.

    python bench/typst/editions.py library ROOT OUT      every edition of ROOT, one warm process
    python bench/typst/editions.py one ROOT TEAM CONDITION OUT.pdf

Each prints one line of JSON with its timings. Needs `pip install leafletpress[bench]`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import segno
import yaml

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "trifold.typ"
FOLD = "a4-roll-trifold"  # the only fold trifold.typ draws

# As leafletpress's load and markup modules have them (placeholders, inline markup, addresses).
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
TOKEN = re.compile(r"\*\*(?P<strong>.+?)\*\*|\*(?P<em>[^*\s][^*]*?)\*|\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]")
# As leafletpress's qr module draws the code: 22 mm symbol, modules of at least 0.5 mm, 4-module quiet zone, level M.
QR_SYMBOL_MM, QR_MIN_MODULE_MM, QR_QUIET_ZONE = 22.0, 0.5, 4
CSS_VAR = re.compile(r"--(accent|accent-soft|accent-deep|highlight|ink)\s*:\s*(#[0-9a-fA-F]{3,8})")


class Library:
    """The YAML of a leafletpress project, read as it is (no validation: the bench builds a clean library)."""

    def __init__(self, root: Path):
        self.root = root
        leaflets = root / "leaflets"
        self.project = _yaml(leaflets / "project.yaml")
        if self.project.get("fold", FOLD) != FOLD:
            raise SystemExit(f"trifold.typ draws the {FOLD} only, not {self.project['fold']}")
        self.teams = {p.stem: _yaml(p) for p in sorted((leaflets / "teams").glob("*.yaml"))}
        self.conditions = {p.stem: _yaml(p) for p in sorted((leaflets / "conditions").glob("*.yaml"))}
        self.shared = {p.stem: _yaml(p) for p in sorted((leaflets / "shared").glob("*.yaml"))}
        self._colours: dict[str, dict[str, str]] = {}

    def editions(self) -> list[tuple[str, str]]:
        """(team, condition) in leafletpress's order: team by team, each team's conditions sorted."""
        wanted = self.project.get("editions")
        pairs = []
        for team in sorted(self.teams):
            chosen = "all" if wanted is None else wanted.get(team)
            if chosen is None:
                continue
            names = sorted(self.conditions) if chosen == "all" else [c for c in dict.fromkeys(chosen) if c in self.conditions]
            pairs += [(team, condition) for condition in names]
        return pairs

    def colours(self, team: str) -> dict[str, str]:
        """The accent colours the stylesheets set (base first, then the team's), as CSS custom properties."""
        if team not in self._colours:
            sheets = list(self.project.get("stylesheets", []))
            if self.teams[team].get("stylesheet"):
                sheets.append(self.teams[team]["stylesheet"])
            found: dict[str, str] = {}
            for sheet in sheets:
                found.update(CSS_VAR.findall((self.root / sheet).read_text("utf-8")))
            self._colours[team] = found
        return self._colours[team]

    def edition(self, team_slug: str, condition_slug: str) -> dict:
        """One edition as trifold.typ reads it."""
        project, team, condition = self.project, self.teams[team_slug], self.conditions[condition_slug]
        practice = project["practice"]
        values = {"practice": practice["name"], "team": team["name"]}

        def fill(text: str) -> str:
            return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)

        def blocks(items: list[dict]) -> list[dict]:
            out = []
            for block in items:
                ((kind, value),) = block.items()
                out.append(
                    {"kind": kind, "value": [runs(fill(v)) for v in value] if isinstance(value, list) else runs(fill(value))}
                )
            return out

        sections = []
        for ref in condition["sections"]:
            source = self.shared[ref["use"]] if "use" in ref else ref
            new_panel = bool(ref.get("new_panel") or source.get("new_panel"))
            sections.append({"heading": fill(source["heading"]), "blocks": blocks(source["blocks"]), "new_panel": new_panel})
        for extra in team.get("sections", []):  # as leafletpress's matrix.place_team_sections places them
            if extra.get("conditions", "all") != "all" and condition_slug not in extra["conditions"]:
                continue
            new = {
                "heading": fill(extra["heading"]),
                "blocks": blocks(extra["blocks"]),
                "new_panel": bool(extra.get("new_panel")),
            }
            target = extra.get("replaces", extra.get("after"))
            headings = [section["heading"] for section in sections]
            if target is None:
                sections.insert(max(len(sections) - 1, 0), new)
            elif fill(target) in headings:
                at = headings.index(fill(target))
                if "replaces" in extra:
                    sections[at] = new
                else:
                    sections.insert(at + 1, new)
        contact = team.get("contact", {})
        lines = [["address", line] for line in contact.get("address", [])]
        for kind in ("phone", "email", "website"):
            if contact.get(kind):
                value = contact[kind]
                lines.append([kind, value.split("://", 1)[1].rstrip("/") if kind == "website" else value])
        logo = team.get("logo") or practice.get("logo")
        data = {
            "lang": project.get("language", "nl"),
            "practice": practice["name"],
            "logo": "/" + logo if logo else None,
            "title": fill(condition["title"]),
            "subtitle": runs(fill(condition["cover"]["subtitle"])) if condition.get("cover", {}).get("subtitle") else None,
            "team": team["name"],
            "therapists": [[t["name"], join_words(t["disciplines"])] for t in team.get("therapists", [])],
            "contact": lines,
            "back": {"heading": fill(project["back"]["heading"]), "blocks": blocks(project["back"]["blocks"])},
            "sections": sections,
            "colours": self.colours(team_slug),
            "qr": None,
        }
        if project.get("qr"):
            url = PLACEHOLDER.sub(lambda m: {"team": team_slug, "condition": condition_slug}[m.group(1)], project["qr"]["url"])
            svg, size = qr_svg(url)
            data["qr"] = {
                "url": url,
                "svg": svg,
                "size_mm": size,
                "caption": fill(project["qr"].get("caption", "Lees deze folder online")),
            }
        return data


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8")) or {}


def join_words(words: list[str]) -> str:
    """Dutch enumeration: 'a, b en c' (as leafletpress's compose joins a therapist's disciplines)."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def runs(text: str) -> list[list[str]]:
    """Inline markup as runs for the template: ["t"|"em"|"strong"|"addr", text] or ["link", label, url]."""
    out: list[list[str]] = []

    def plain(part: str) -> None:
        last = 0
        for match in ADDRESS.finditer(part):
            if match.start() > last:
                out.append(["t", part[last : match.start()]])
            out.append(["addr", match.group(0)])
            last = match.end()
        if last < len(part):
            out.append(["t", part[last:]])

    last = 0
    for match in TOKEN.finditer(text):
        plain(text[last : match.start()])
        if match.group("strong") is not None:
            out.append(["strong", match.group("strong")])
        elif match.group("em") is not None:
            out.append(["em", match.group("em")])
        else:
            out.append(["link", match.group("label"), match.group("url")])
        last = match.end()
    plain(text[last:])
    return out


def qr_svg(url: str) -> tuple[str, float]:
    """The leaflet's address as an SVG QR code, and its width in mm quiet zone included."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    modules = code.symbol_size(border=0)[0]
    module = round(max(QR_SYMBOL_MM / modules, QR_MIN_MODULE_MM), 3)
    svg = code.svg_inline(scale=module, unit="mm", border=QR_QUIET_ZONE, dark="#000000", light="#ffffff")
    return svg, round(module * (modules + 2 * QR_QUIET_ZONE), 3)


class Typesetter:
    """One Typst compiler for a project: its fonts folder only (no system or embedded fonts), the project as root."""

    def __init__(self, root: Path):
        import typst  # the bench extra; imported here so that the data side works without it

        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(root / "styles" / "fonts")])
        # The template is given as bytes to every compile: the binding (0.15.2) forgets the constructor's
        # bytes input after the first compile and looks for a file instead.
        self.template = TEMPLATE.read_bytes()
        self.compiler = typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        self.timestamp = int(epoch) if epoch else None

    def pdf(self, data: dict) -> tuple[bytes, int]:
        """The print-equivalent PDF, untagged as leafletpress's print edition is (its screen edition is the
        tagged one), and how many warnings Typst gave (a missing glyph, a layout that did not converge)."""
        pdf, warnings = self.compiler.compile_with_warnings(
            input=self.template,
            format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            pdf_tags=False,
            timestamp=self.timestamp,
        )
        for warning in warnings:
            print(f"typst: {warning.message}", file=sys.stderr)
        return pdf, len(warnings)


def library(root: Path, out: Path) -> dict:
    """Every edition of the project, one compile each, in one process; the data of each made just before it."""
    started = time.perf_counter()
    lib = Library(root)
    setter = Typesetter(root)
    ready = time.perf_counter()
    compile_s, cpu_s, warnings = [], [], 0
    pairs = lib.editions()
    for team, condition in pairs:
        wall0, cpu0 = time.perf_counter(), time.process_time()
        pdf, warned = setter.pdf(lib.edition(team, condition))
        warnings += warned
        target = out / team / f"{condition}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
        compile_s.append(time.perf_counter() - wall0)
        cpu_s.append(time.process_time() - cpu0)
    return {
        "editions": len(pairs),
        "setup_s": ready - started,
        "loop_s": time.perf_counter() - ready,
        "edition_s": compile_s,
        "edition_cpu_s": cpu_s,
        "warnings": warnings,
    }


def one(root: Path, team: str, condition: str, out: Path) -> dict:
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf, warnings = Typesetter(root).pdf(Library(root).edition(team, condition))
    out.write_bytes(pdf)
    return {"editions": 1, "wall_in_process_s": time.perf_counter() - started, "warnings": warnings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    every = sub.add_parser("library", help="every edition, one warm process")
    every.add_argument("root", type=Path)
    every.add_argument("out", type=Path)
    single = sub.add_parser("one", help="one edition")
    single.add_argument("root", type=Path)
    single.add_argument("team")
    single.add_argument("condition")
    single.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.mode == "library":
        result = library(args.root.resolve(), args.out)
    else:
        result = one(args.root.resolve(), args.team, args.condition, args.out)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
