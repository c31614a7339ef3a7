"""`leafletpress new`: a commented starter file for a condition or a team, or a whole project from nothing.

Every file written is valid and fits at once; each text to replace holds PLACEHOLDER, which
check names until it is gone. A new project's stylesheet, fonts and CMYK profile are the starter
files installed with leafletpress (starter/styles/, the sample project's own: tests hold them equal).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..atomic import write_atomic
from ..fold import DEFAULT_FOLD, FOLDS
from ..problems import ContentError, did_you_mean
from .model import SLUG_HELP, SLUG_RE, meant_slug
from .schema import write_schemas
from .yamlfile import read_yaml

FOLDERS = {"condition": "conditions", "team": "teams"}
# Every placeholder a starter file holds contains this word, in capitals, so that check can
# point at each one until it is replaced (lint.py): a leaflet is never printed half-written.
PLACEHOLDER = "VERVANG"


class ScaffoldError(Exception):
    """The file cannot be made: a bad slug, an existing file, or no project here."""


class SlugError(ScaffoldError):
    """The slug asked for is not a usable file name, or the fold asked for is no fold (a usage error: exit code 2)."""


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
        suggestion = meant_slug(slug or "")
        hint = f" (try '{suggestion}')" if suggestion else ""
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
          VERVANG: leg hier in korte zinnen uit wat de aandoening is. Vertel
          ook hoe de klachten ontstaan en hoe lang het herstel meestal duurt.
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
          - "VERVANG: oefeningen om kracht en beweeglijkheid op te bouwen."
      - note: >-
          VERVANG: een korte, opvallende tip of waarschuwing voor de lezer.
{afsluiting}
# Optional: fold: <name> prints this leaflet in another fold than the project's
# (leafletpress folds lists them), e.g. dl-leporello for a long one.
"""


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


STARTER_TEAM, STARTER_CONDITION = "team", "voorbeeld"


def new_project(target: Path, fold: str = DEFAULT_FOLD) -> Scaffolded:
    """Write a complete project into an empty (or new) folder: practice, one team, one condition, in a fold."""
    if fold not in FOLDS:
        hint = did_you_mean(fold, FOLDS) or f"the folds are {', '.join(sorted(FOLDS))}"
        raise SlugError(f"no fold '{fold}' ({hint}); leafletpress folds lists them")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} is not an empty folder; choose a new one (a new project starts from nothing)")
    content = target / "leaflets"
    files = {
        content / "project.yaml": project_text(fold),
        content / "shared" / "werkwijze.yaml": WERKWIJZE,
        content / "teams" / f"{STARTER_TEAM}.yaml": team_text("VERVANG Teamnaam"),
        content / "conditions" / f"{STARTER_CONDITION}.yaml": condition_text("VERVANG Titel van de folder", {"werkwijze"}),
        content / "readability.yaml": READABILITY,
        target / ".gitignore": "build/\n",
    }
    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    _copy_starter_styles(target / "styles")
    write_schemas(target)
    return Scaffolded(
        target,
        [
            f"it prints in the {FOLDS[fold].label} ({fold}); choose another with fold: in leaflets/project.yaml "
            "(leafletpress folds lists them)",
            f"replace every VERVANG placeholder, then run: leafletpress --project {target.as_posix()} check",
            "tell it what your print shop asks (bleed, marks, safe margin) under print: in leaflets/project.yaml",
            f"build it: leafletpress --project {target.as_posix()} build",
        ],
    )


def _copy_starter_styles(styles: Path) -> None:
    """The stylesheet, the Lato fonts and the free FOGRA39 profile installed with leafletpress."""
    starter = resources.files(__package__).joinpath("starter", "styles")
    for folder in ("", "fonts", "print"):
        source = starter.joinpath(folder) if folder else starter
        for item in source.iterdir():
            if item.is_file():
                write_atomic(styles / folder / item.name, item.read_bytes())


WERKWIJZE = """\
# yaml-language-server: $schema=../schema/shared.schema.json
# A shared section: written once, printed in every condition that says '- use: werkwijze'.
heading: Hoe gaat onze fysiotherapeut te werk?
blocks:
  - text: >-
      VERVANG: beschrijf hier hoe een behandeling bij {practice} verloopt, van het
      eerste gesprek tot het verslag aan de huisarts.
"""


READABILITY = """\
# Long words the leaflets may use although B1 readers need short ones: check warns on a word of five
# syllables or more (and a sentence of more than 20 words). Add a word with the reason it must stay.
nl:
  fysiotherapeut: the profession; patients use the word every day
  fysiotherapie: the care patients are referred for
  oefentherapie: the usual Dutch name of the core treatment; its parts (oefen + therapie) are clear
"""


def project_text(fold: str) -> str:
    """A starter project.yaml: the practice, the fold, the print shop's wishes, one team handing out everything."""
    return f"""\
# yaml-language-server: $schema=schema/project.schema.json
# The project: the practice, the fold, the stylesheets, the back-panel text, what the print shop
# asks of the file, and which conditions each team hands out. Replace every placeholder (each
# holds the word VERVANG; 'leafletpress check' names every one that is left).
practice:
  name: VERVANG Praktijknaam
  # logo: styles/images/logo.svg    the practice's logo, with logo_alt: <what it shows>

# fold: how the sheet is folded; 'leafletpress folds' lists them with their panels. A condition
# may choose another with its own fold:, and leaflets/folds.yaml may add a fold of your own.
fold: {fold}

stylesheets:
  - styles/leaflet.css

# back: the text on the back panel, above the team and its contact details.
back:
  heading: Meer informatie?
  blocks:
    - text: >-
        VERVANG: een of twee zinnen die de lezer uitnodigen contact op te nemen.

# The pattern of the practice's leaflets: check warns when a condition lacks one of these.
required_sections:
  - heading: Aandoening
  - use: werkwijze

# Print production: PDF/X-4 in CMYK through the free FOGRA39 profile in styles/print/ (or the
# print shop's own profile), and what the print shop asks of the file:
#   bleed        mm beyond the trim, 0 to 5 (most ask 3; large online printers 2)
#   marks        none (online printers add their own), crop, or crop+fold
#   mark_offset  mm from the trim to where the marks start (at least the bleed)
#   safe_margin  mm no text may come closer to the trim or a fold
print:
  profile: styles/print/FOGRA39-free.icc
  profile_name: FOGRA39
  standard: pdf/x-4
  bleed: 3
  marks: crop+fold
  safe_margin: 4

# Which conditions each team hands out: 'all', or a list of condition slugs.
editions:
  {STARTER_TEAM}: all
"""
