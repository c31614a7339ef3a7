"""`leafletpress new`: write a commented starter file for a condition or a team that is valid and fits."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..problems import ContentError
from .model import SLUG_HELP, SLUG_RE
from .yamlfile import read_yaml

FOLDERS = {"condition": "conditions", "team": "teams"}
# Every placeholder a starter file holds contains this word, in capitals, so that check can
# point at each one until it is replaced (lint.py): a leaflet is never printed half-written.
PLACEHOLDER = "VERVANG"


class ScaffoldError(Exception):
    """The file cannot be made: a bad slug, an existing file, or no project here."""


class SlugError(ScaffoldError):
    """The slug asked for is not a usable file name (a usage error: exit code 2)."""


@dataclass(frozen=True)
class Scaffolded:
    """What `new` wrote and what the author does next."""

    path: Path
    next_steps: list[str]


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, whatever the title contains.
    return json.dumps(text, ensure_ascii=False)


def title_from_slug(slug: str) -> str:
    """'frozen-shoulder' -> 'Frozen shoulder'."""
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


def _target(root: Path, kind: str, slug: str) -> Path:
    if not re.fullmatch(SLUG_RE, slug or ""):
        suggestion = re.sub(r"[^a-z0-9]+", "-", (slug or "").lower()).strip("-")
        hint = f" (try '{suggestion}')" if suggestion and re.fullmatch(SLUG_RE, suggestion) else ""
        raise SlugError(f"'{slug}' is not a usable slug{hint}: use {SLUG_HELP}")
    content = root / "leaflets"
    if not (content / "project.yaml").is_file():
        raise ScaffoldError(f"no leaflets/project.yaml in {root}: run leafletpress in the project folder, or pass --project")
    path = content / FOLDERS[kind] / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"leaflets/{FOLDERS[kind]}/{slug}.yaml already exists; pick another slug or edit that file")
    return path


def _editions(root: Path) -> dict | None:
    """The project's editions: mapping as written, or None when it has none (or cannot be read)."""
    try:
        data = read_yaml(root / "leaflets" / "project.yaml", "leaflets/project.yaml").data
    except ContentError:
        return None
    editions = data.get("editions") if isinstance(data, dict) else None
    return editions if isinstance(editions, dict) else None


def new_condition(root: Path, slug: str, title: str | None = None) -> Scaffolded:
    """Write leaflets/conditions/<slug>.yaml with Dutch text to replace and English comments."""
    path = _target(root, "condition", slug)
    shared = {p.stem for p in (root / "leaflets" / "shared").glob("*.yaml")}
    write_atomic(path, condition_text(title or title_from_slug(slug), shared).encode("utf-8"))
    editions = _editions(root)
    if editions is None:
        handout = "every team hands it out (project.yaml has no 'editions:')"
    else:
        with_all = sorted(team for team, wanted in editions.items() if wanted == "all")
        with_list = sorted(team for team, wanted in editions.items() if wanted != "all")
        handout = (
            "teams with 'all' under 'editions:' in leaflets/project.yaml hand it out now "
            f"({', '.join(with_all) or 'none'})"
            + (f"; for {', '.join(with_list)} add '- {slug}' to their list there" if with_list else "")
        )
    return Scaffolded(
        path,
        [
            handout,
            f"replace the Dutch placeholder text, then run: leafletpress check --condition {slug}",
            f"build it: leafletpress build --condition {slug}",
        ],
    )


def new_team(root: Path, slug: str) -> Scaffolded:
    """Write leaflets/teams/<slug>.yaml with placeholder details to replace and English comments."""
    path = _target(root, "team", slug)
    write_atomic(path, team_text(f"Team {title_from_slug(slug)}").encode("utf-8"))
    editions = _editions(root)
    if editions is None:
        handout = "it hands out every condition (project.yaml has no 'editions:')"
    else:
        handout = (
            f"it hands out nothing yet: add '{slug}: all' (or a list of condition slugs) "
            "under 'editions:' in leaflets/project.yaml"
        )
    return Scaffolded(
        path,
        [
            handout,
            f"replace the names and contact details, then run: leafletpress check --team {slug}",
            f"build its editions: leafletpress build --team {slug}",
        ],
    )


def condition_text(title: str, shared: set[str]) -> str:
    """A starter condition: the usual sections, the shared ones that exist, text to replace."""
    werkwijze = "  - use: werkwijze  # a shared section from leaflets/shared/werkwijze.yaml\n" if "werkwijze" in shared else ""
    afsluiting = "  - use: afsluiting\n" if "afsluiting" in shared else ""
    return f"""\
# yaml-language-server: $schema=../schema/condition.schema.json
# A condition leaflet. Replace every Dutch placeholder text below (each holds
# the word VERVANG; 'leafletpress check' names every one that is left).
# Text may use *emphasis*, **strong** and [a link](https://...),
# and {{practice}} or {{team}} for the practice's or team's name.

# title: the condition's name, printed large on the cover.
title: {_quoted(title)}

# cover: the front panel. subtitle is a short line under the title; add
# 'image: styles/images/<file>.svg' and 'image_alt: <what it shows>' for a picture.
cover:
  subtitle: Informatie over klachten, onderzoek en behandeling

# sections: printed in this order over the panels. A section has a heading and
# blocks; a block is one of text (a paragraph), bullets (a list), steps (numbered,
# never split over two panels) or note (a highlighted paragraph).
# 'use: <slug>' prints a shared section from leaflets/shared/ instead.
# 'new_panel: true' starts a section at the top of a new panel.
sections:
  - heading: Aandoening
    blocks:
      - text: >-
          VERVANG: leg hier in korte, eenvoudige zinnen uit wat de aandoening
          is, hoe de klachten ontstaan en hoe lang het herstel meestal duurt.
  - heading: Symptomen
    blocks:
      - text: "VERVANG: kenmerken van de aandoening zijn mogelijk:"
      - bullets:
          - "VERVANG: eerste kenmerk, bijvoorbeeld pijn bij bewegen."
          - "VERVANG: tweede kenmerk, bijvoorbeeld stijfheid in de ochtend."
{werkwijze}\
  - heading: De behandeling
    blocks:
      - text: >-
          VERVANG: beschrijf hier waaruit de behandeling meestal bestaat.
      - bullets:
          - "VERVANG: adviezen over hoe u met de klachten omgaat."
          - "VERVANG: oefentherapie om kracht en beweeglijkheid op te bouwen."
      - note: >-
          VERVANG: een korte, opvallende tip of waarschuwing voor de lezer.
{afsluiting}"""


def team_text(name: str) -> str:
    """A starter team: one therapist and contact details, all to replace."""
    return f"""\
# yaml-language-server: $schema=../schema/team.schema.json
# A team: who works there and how patients reach it, printed on the back panel
# of every leaflet the team hands out. Replace every placeholder below (each holds
# the word VERVANG; check names every one that is left).

# name: printed as the team heading on the back panel.
name: {_quoted(name)}

# therapists: one entry per therapist, with the disciplines printed after the name.
therapists:
  - name: VERVANG Voornaam Achternaam
    disciplines: [Fysiotherapie]

# contact: all keys are optional; address is a list of lines.
contact:
  address:
    - VERVANG Straatnaam 1
    - VERVANG 1234 AB Plaatsnaam
  phone: "VERVANG 012 345 67 89"
  email: VERVANG@praktijk.example
  website: https://VERVANG.praktijk.example

# Optional:
#   stylesheet: styles/teams/<slug>.css   extra CSS for this team's editions only
#   logo: styles/images/<file>.svg        the team's logo, with logo_alt: <text>
#   sections:                             sections this team adds ('after: <heading>')
#                                         or replaces ('replaces: <heading>')
"""
