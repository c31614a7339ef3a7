# ruff: noqa: E501 - the table holds whole messages, one per line
"""Bad input: every mistake a content author makes gets one located line, never a traceback.

Each case is a file as a practice manager (or a designer) might write it and the exact problems
it must give: file:line, the field path, what was expected and, where one exists, a suggestion.
Every case goes through every command, from a project that had a good build: `build`,
`build --format json`, `check` and a `watch` batch give the same lines, the same exit code and
the same count of failed editions, the manifest records them as failed, and the last good PDFs
are still there, byte for byte.
"""

from __future__ import annotations

import json
import re
import shutil
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

import leafletpress
from leafletpress.cli import main
from leafletpress.content import model
from leafletpress.content.load import load_library
from leafletpress.content.translations import source_hash
from leafletpress.problems import Problem
from leafletpress.studio.watch import Watcher
from leafletpress.web.pages import page_href
from leafletpress.words import WORDS

from .helpers import bomb_png
from .minimal_project import CONDITION as C
from .minimal_project import FILES, REPO, make_project
from .minimal_project import PROJECT as P
from .minimal_project import SHARED as S
from .minimal_project import TEAM as T

SECTIONS = "sections:\n  - use: werkwijze\n"
TEAM = "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\n"
PROJECT = "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\nprint:\n  profile: styles/print/cmyk.icc\n"
BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
)  # 9**6 values
BOMB_PNG = "<a 20000 x 20000 PNG: a few KB on disk, 400 megapixels decoded>"
TEAM_CSS = TEAM + "stylesheet: styles/teams/team-a.css\n"
FOLDS = "leaflets/folds.yaml"
# The test-only fold (tests/fixtures/folds/roll-4.yaml), as a project's own folds file; ROLL4_PROJECT prints in it.
ROLL4 = (Path(__file__).parent / "fixtures" / "folds" / "roll-4.yaml").read_text("utf-8")
ROLL4_PROJECT = FILES[P] + "fold: roll-4\n"


def _hash(folder: str, kind: str, text: str) -> str:
    """What a translation of the tiny project's file records as translated_from: (content/translations.py)."""
    return source_hash(model.KINDS[kind].model_validate(yaml.safe_load(text)), folder)


# The tiny project in Dutch and English: Team A hands out both, every file translated and up to date.
EN_P, EN_C, EN_S = "leaflets/project.en.yaml", "leaflets/conditions/rug.en.yaml", "leaflets/shared/werkwijze.en.yaml"
EN_PROJECT = (
    f"translated_from: {_hash('project', 'project', FILES[P])}\nback:\n  heading: More information?\n  blocks:\n"
    "    - text: Call us.\nterms:\n  Fysiotherapie: Physiotherapy\n"
)
EN_CONDITION = (
    f"translated_from: {_hash('conditions', 'condition', FILES[C])}\ntitle: Back pain\ncover:\n  subtitle: Information\n"
    "sections:\n  - heading: The condition\n    blocks:\n      - text: A short text about the back.\n  - use: werkwijze\n"
)
EN_SHARED = f"translated_from: {_hash('shared', 'shared', FILES[S])}\nheading: How we work\nblocks:\n  - text: This is how we work at {{practice}}.\n"
ENGLISH = {P: FILES[P] + "languages: [nl, en]\n", EN_P: EN_PROJECT, EN_C: EN_CONDITION, EN_S: EN_SHARED}
# German, a language leafletpress has no words in: project.de.yaml gives them all (the English table, a few in German).
DE_WORDS = {
    **WORDS["en"],
    "call": "Rufen Sie {phone} an",
    "subject": "Patienteninformation {title}",
    "language_name": "Deutsch",
    "skip": "Zum Inhalt",
}
DE_WORDS_YAML = yaml.safe_dump({"words": DE_WORDS}, allow_unicode=True, sort_keys=False, width=1000)
DE_PROJECT = EN_PROJECT + DE_WORDS_YAML
GERMAN = {
    P: FILES[P] + "languages: [nl, de]\n",
    "leaflets/project.de.yaml": DE_PROJECT,
    "leaflets/conditions/rug.de.yaml": EN_CONDITION,
    "leaflets/shared/werkwijze.de.yaml": EN_SHARED,
}
# The tiny project's condition with a second paragraph: two passages a copy would repeat.
LONGER_CONDITION = FILES[C].replace(
    "      - text: Korte tekst over de rug.\n",
    "      - text: Korte tekst over de rug.\n      - text: Blijf zo veel mogelijk in beweging.\n",
)
# A section Team A adds to its leaflets, for the cases about a team's translation.
SPORT_SECTION = "sections:\n  - heading: Sport\n    blocks:\n      - text: Weer sporten.\n"
# The tiny project's condition with a cover picture, its team with a logo, its project with a QR code and caption.
PICTURE_CONDITION = FILES[C].replace(
    "  subtitle: Informatie\n", "  subtitle: Informatie\n  image: styles/images/cover-test.png\n  image_alt: Een rug\n"
)
LOGO_TEAM = FILES[T] + "logo: styles/images/logo-test.png\nlogo_alt: Logo van Team A\n"
QR_PROJECT = FILES[P] + "qr:\n  url: https://example.com/{team}/{condition}/\n  caption: Lees deze folder op internet\n"
# The tiny project with a practice logo (a picture the case writes) and its description.
LOGO_PROJECT = FILES[P].replace(
    "  name: Praktijk Test\n", "  name: Praktijk Test\n  logo: styles/images/logo-test.png\n  logo_alt: Logo van Praktijk Test\n"
)


# Pictures cut off while copied or downloaded: the sample's logo (15 KB) stopped after 3000 bytes, and a photo-like
# JPEG stopped halfway. Their headers are whole, so they open; what is missing is the lower part of the picture.
CUT_PNG = (REPO / "styles" / "images" / "fysiofits-logo.png").read_bytes()[:3000]
_JPEG = BytesIO()
Image.radial_gradient("L").resize((1200, 900)).convert("RGB").save(_JPEG, "JPEG", quality=90)
CUT_JPEG = _JPEG.getvalue()[: len(_JPEG.getvalue()) // 2]


# A condition whose line 30 is the bullet 'Blijf in{}beweging.', for the characters pasted into it.
LINE_30 = (
    FILES[C].split("  - use: werkwijze\n")[0]
    + "      - bullets:\n"
    + "".join(f"          - Tip {number}.\n" for number in range(1, 22))
    + "          - Blijf in{}beweging.\n  - use: werkwijze\n"
)
assert LINE_30.splitlines()[29] == "          - Blijf in{}beweging."


class Link(str):
    """A file that is a symbolic link to this target (OUTSIDE/ is a folder beside the project)."""


CASES = [
    (
        "colon-in-value",
        {C: "title: Rug: pijn en stijfheid\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: is not valid YAML: a ': ' inside a value (a value containing ': ' must be put in quotes)"
        ],
    ),
    (
        "deeper-indent",
        {T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n      disciplines: [Fysiotherapie]\n"},
        [
            "leaflets/teams/team-a.yaml:4: is not valid YAML: this line is indented deeper than the key above, so YAML reads it as part of that value (line it up with the key above it (the same number of spaces), or put the text in quotes)"
        ],
    ),
    # ---- pictures that do not decode completely, stylesheets not saved as UTF-8, characters YAML refuses or hides ----
    (
        "logo-cut-off",  # its header is whole: it opened, and WeasyPrint printed its top with the rest one colour
        {T: TEAM + "logo: styles/images/logo-test.png\nlogo_alt: Logo\n", "styles/images/logo-test.png": CUT_PNG},
        [
            "leaflets/teams/team-a.yaml:5: logo: 'styles/images/logo-test.png': is not a readable PNG or JPEG image: the file is cut off partway through the picture (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "cover-jpeg-cut-off",
        {
            C: "title: Rug\ncover:\n  image: styles/images/rug.jpg\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n",
            "styles/images/rug.jpg": CUT_JPEG,
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/images/rug.jpg': is not a readable PNG or JPEG image: the file is cut off partway through the picture (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "stylesheet-picture-cut-off",  # a picture a stylesheet names: at its line there, used or not
        {
            T: TEAM_CSS,
            "styles/teams/team-a.css": ".nergens {\n  background: url(../images/logo-test.png);\n}\n",
            "styles/images/logo-test.png": CUT_PNG,
        },
        [
            "styles/teams/team-a.css:2: 'styles/images/logo-test.png' refused: is not a readable PNG or JPEG image: the file is cut off partway through the picture (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "stylesheet-utf16",  # Notepad's "Unicode": its rules read as garbage, the team's colour was dropped with a warning
        {T: TEAM_CSS, "styles/teams/team-a.css": "/* Team A: blauw. */\n:root {\n  --accent: #1a5aa6;\n}\n".encode("utf-16")},
        [
            "styles/teams/team-a.css:1: is saved as UTF-16 ('Unicode'), not UTF-8 (save it with the encoding 'UTF-8' ('Save as' > 'Encoding'))"
        ],
    ),
    (
        "stylesheet-imports-a-utf16-one",  # the file that is wrong is named, once
        {
            T: TEAM_CSS,
            "styles/teams/team-a.css": "@import 'kleuren.css';\n",
            "styles/teams/kleuren.css": ":root { --accent: #1a5aa6; }\n".encode("utf-16-le"),
        },
        [
            "styles/teams/kleuren.css:1: is saved as UTF-16 ('Unicode'), not UTF-8 (save it with the encoding 'UTF-8' ('Save as' > 'Encoding'))"
        ],
    ),
    (
        "stylesheet-latin1",  # an older editor's Windows-1252: 'é' is one byte UTF-8 cannot read
        {T: TEAM_CSS, "styles/teams/team-a.css": b':root { --accent: #1a5aa6; }\n.cover::before { content: "Caf\xe9"; }\n'},
        ["styles/teams/team-a.css:2: is not UTF-8 text (byte 0xE9 cannot be read) (save the file with the encoding 'UTF-8')"],
    ),
    (
        "stylesheet-with-a-bom",
        {T: TEAM_CSS, "styles/teams/team-a.css": "\ufeff:root { --accent: #1a5aa6; }\n"},
        [],
    ),  # CSS drops it
    (
        "vertical-tab-from-word",  # YAML said: line 1, two lines, 'position 1503'
        {C: LINE_30.format("\x0b")},
        [
            "leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a vertical tab (U+000B, what Shift+Enter in Word pastes) after 'Blijf in', a character YAML does not allow (delete it, with a space in its place if it stood between two words; or retype the line)"
        ],
    ),
    (
        "form-feed-from-word",
        {C: LINE_30.format("\x0c")},
        [
            "leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a form feed (U+000C, a page break pasted from Word) after 'Blijf in', a character YAML does not allow (delete it, with a space in its place if it stood between two words; or retype the line)"
        ],
    ),
    (
        "nul-character",
        {C: LINE_30.format("\x00")},
        [
            "leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a NUL character (U+0000) after 'Blijf in', a character YAML does not allow (delete it, with a space in its place if it stood between two words; or retype the line)"
        ],
    ),
    (
        "quote-converted-into-a-control-character",
        {C: LINE_30.format("\x92")},
        [
            "leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a control character (U+0092, probably a '’' that was converted wrongly) after 'Blijf in', a character YAML does not allow (delete it, with a space in its place if it stood between two words; or retype the line)"
        ],
    ),
    (
        "line-separator-in-a-bullet",  # YAML read it as a line break: 'neither key: value nor a list item' at the next line
        {C: LINE_30.format("\u2028")},
        [
            "leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a line separator (U+2028) after 'Blijf in', which YAML reads as the end of the line (delete it, with a space in its place if it stood between two words; or retype the line)"
        ],
    ),
    (
        "zero-width-space-after-a-heading",  # it gave only 'missing the section' where the heading is named
        {C: FILES[C].replace("heading: Aandoening", "heading: Aandoening\u200b")},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].heading: has a zero-width space (U+200B) after 'Aandoening': invisible, but 'Aandoening' with it is not the same text as 'Aandoening' without it, so the two do not match (delete it, or retype the text around it)"
        ],
    ),
    (
        "right-to-left-mark-after-a-heading",
        {C: FILES[C].replace("heading: Aandoening", "heading: Aandoening\u200f")},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].heading: has a right-to-left mark (U+200F) after 'Aandoening': invisible, but 'Aandoening' with it is not the same text as 'Aandoening' without it, so the two do not match (delete it, or retype the text around it)"
        ],
    ),
    (
        "zero-width-joiner-in-a-team-section-after",  # team sections name the condition's heading they go after
        {T: TEAM + "sections:\n  - heading: Sport\n    after: Aandoening\u200d\n    blocks:\n      - text: Weer sporten.\n"},
        [
            "leaflets/teams/team-a.yaml:7: sections[0].after: has a zero-width joiner (U+200D) after 'Aandoening': invisible, but 'Aandoening' with it is not the same text as 'Aandoening' without it, so the two do not match (delete it, or retype the text around it)"
        ],
    ),
    (
        "zero-width-space-in-a-phone-number",
        {T: TEAM + 'contact:\n  phone: "0612\u200b345678"\n'},
        [
            "leaflets/teams/team-a.yaml:6: contact.phone: has a zero-width space (U+200B) after '0612': invisible, but the address does not work with it (delete it, or retype the text around it)"
        ],
    ),
    (
        "word-joiner-in-a-link",
        {C: LINE_30.format(" ").replace("Tip 3.", "Lees [meer](https://www.thuisarts.nl/rug\u2060pijn).")},
        [
            "leaflets/conditions/rug.yaml:11: sections[0].blocks[1].bullets[2]: has a word joiner (U+2060) after '…(https://www.thuisarts.nl/rug': invisible, but the address does not work with it (delete it, or retype the text around it)"
        ],
    ),
    (
        "zero-width-space-in-text-warns",  # it prints right; the web page keeps it
        {C: LINE_30.format("\u200b")},
        [
            "warning: leaflets/conditions/rug.yaml:30: sections[0].blocks[1].bullets[21]: has a zero-width space (U+200B) after 'Blijf in': it prints as nothing, but the leaflet online keeps it in its text, for search, copy and screen readers (delete it, or retype the text around it)"
        ],
    ),
    (
        "byte-order-mark-inside-the-text-warns",
        {C: FILES[C].replace("Korte tekst", "\ufeffKorte tekst")},
        [
            "warning: leaflets/conditions/rug.yaml:7: sections[0].blocks[0].text: has a byte-order mark (U+FEFF) before 'Korte tekst over de rug.': it prints as nothing, but the leaflet online keeps it in its text, for search, copy and screen readers (delete it, or retype the text around it)"
        ],
    ),
    (
        "zero-width-space-in-a-placeholder",  # one line, not also "unknown placeholder '{practice\u200b}'"
        {S: "heading: Werkwijze\nblocks:\n  - text: Zo werken wij bij {practice\u200b}.\n"},
        [
            "leaflets/shared/werkwijze.yaml:3: blocks[0].text: has a zero-width space (U+200B) after 'Zo werken wij bij {practice': invisible, but with it the placeholder is none that leafletpress knows (delete it, or retype the text around it)"
        ],
    ),
    ("soft-hyphens-are-hyphenation-points", {C: FILES[C].replace("Korte tekst", "Kor\u00adte tekst")}, []),
    ("invisible-character-in-a-comment", {C: FILES[C] + "# opmerking\u200b van de praktijk\n"}, []),
    (
        "no-space-after-colon",
        {C: "title:Rugklachten\ncover:\n  subtitle: Informatie\n" + SECTIONS},
        [
            "leaflets/conditions/rug.yaml:1: is not valid YAML: a ':' with no space after it (write a space after the ':', as in title: Rugklachten)"
        ],
    ),
    (
        "bullets-without-dashes",
        {
            C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          Blijf in beweging en wissel houdingen af, ook als het pijn doet.\n          Til niet zwaar.\n"
        },
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].bullets: expected a list (lines starting with '- '), got the text 'Blijf in beweging en wissel houdingen af, ook als het pijn d...' (write each item on its own line starting with '- ')"
        ],
    ),
    (
        "file-not-yaml",
        {"leaflets/conditions/knie.txt": "title: Knie\n", "leaflets/teams/team-b.docx": b"PK"},
        [
            "warning: leaflets/conditions/knie.txt: ignored: only .yaml files are read here (if it holds content, save it as knie.yaml)",
            "warning: leaflets/teams/team-b.docx: ignored: only .yaml files are read here (if it holds content, save it as team-b.yaml)",
        ],
        (),
    ),
    # A file named as YAML but for its extension, with no <stem>.yaml beside it, is that file renamed by
    # mistake: an error, as knie.yml is, and its editions fail and keep their last PDFs (they do not leave).
    (
        "only-file-renamed-to-capital-yaml",
        {C: None, "leaflets/conditions/rug.YAML": FILES[C]},
        ["leaflets/conditions/rug.YAML: content files end in '.yaml' (rename it to rug.yaml)"],
    ),
    (
        "only-file-saved-as-yaml-txt",
        {C: None, "leaflets/conditions/rug.yaml.txt": FILES[C]},
        ["leaflets/conditions/rug.yaml.txt: content files end in '.yaml' (rename it to rug.yaml)"],
    ),
    (
        "only-file-renamed-to-yaml-bak",
        {C: None, "leaflets/conditions/rug.yaml.bak": FILES[C]},
        ["leaflets/conditions/rug.yaml.bak: content files end in '.yaml' (rename it to rug.yaml)"],
    ),
    (
        "new-file-saved-as-yaml-txt",
        {"leaflets/conditions/knie.yaml.txt": "title: Knie\nsections:\n  - use: werkwijze\n"},
        ["leaflets/conditions/knie.yaml.txt: content files end in '.yaml' (rename it to knie.yaml)"],
        ("team-a/knie",),
    ),
    (
        "team-file-renamed-to-capital-yaml",
        {T: None, "leaflets/teams/team-a.Yaml": FILES[T]},
        ["leaflets/teams/team-a.Yaml: content files end in '.yaml' (rename it to team-a.yaml)"],
    ),
    (
        "shared-file-saved-as-yaml-txt",
        {S: None, "leaflets/shared/werkwijze.yaml.txt": FILES[S]},
        ["leaflets/shared/werkwijze.yaml.txt: content files end in '.yaml' (rename it to werkwijze.yaml)"],
    ),
    (
        "translation-renamed-to-capital-yaml",
        {P: ENGLISH[P], EN_P: EN_PROJECT, EN_S: EN_SHARED, "leaflets/conditions/rug.en.YAML": EN_CONDITION},
        ["leaflets/conditions/rug.en.YAML: content files end in '.yaml' (rename it to rug.en.yaml)"],
        ("team-a/rug.en",),
    ),
    (
        "project-translation-renamed-to-yml",
        {P: ENGLISH[P], EN_C: EN_CONDITION, EN_S: EN_SHARED, "leaflets/project.en.yml": EN_PROJECT},
        ["leaflets/project.en.yml: content files end in '.yaml' (rename it to project.en.yaml)"],
        ("team-a/rug.en",),
    ),
    # Beside its <stem>.yaml, such a file is a copy: it is not read, and a warning says so (a .bak, silently).
    (
        "yml-copy-beside-its-yaml",
        {"leaflets/conditions/rug.yml": FILES[C], "leaflets/conditions/rug.YAML": FILES[C]},
        [
            "warning: leaflets/conditions/rug.YAML: ignored: only .yaml files are read here (it looks like a copy of rug.yaml; delete it if it is)",
            "warning: leaflets/conditions/rug.yml: ignored: only .yaml files are read here (it looks like a copy of rug.yaml; delete it if it is)",
        ],
    ),
    ("backup-beside-its-yaml", {"leaflets/conditions/rug.yaml.bak": FILES[C]}, []),
    # A file named as no slug is the leaflet of the slug its name means: it fails (and keeps its last PDFs),
    # counted, in the manifest and the web index, as a .yml file's does; it does not vanish from the counts.
    (
        "only-file-name-with-a-space",
        {C: None, "leaflets/conditions/rug .yaml": FILES[C]},
        [
            "leaflets/conditions/rug .yaml: file name 'rug .yaml' is not a usable slug: it has a space (rename it to rug.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
    ),
    (
        "new-file-name-with-an-underscore",
        {"leaflets/conditions/lage_rug.yaml": FILES[C]},
        [
            "leaflets/conditions/lage_rug.yaml: file name 'lage_rug.yaml' is not a usable slug: it has '_' (rename it to lage-rug.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
        ("team-a/lage-rug",),
    ),
    (
        "only-file-name-with-an-accent",
        {C: None, "leaflets/conditions/rüg.yaml": FILES[C]},
        [
            "leaflets/conditions/rüg.yaml: file name 'rüg.yaml' is not a usable slug: it has 'ü' (rename it to rug.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
    ),
    (
        "only-file-name-with-capitals-and-a-capital-extension",
        {C: None, "leaflets/conditions/RUG.YAML": FILES[C]},
        [
            "leaflets/conditions/RUG.YAML: file name 'RUG.YAML' is not a usable slug: it has capitals (rename it to rug.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
    ),
    (
        "only-file-name-with-a-dot",  # rug.v2 cannot be a translation (v2 is no language), and rug.yaml is not there
        {C: None, "leaflets/conditions/rug.v2.yaml": FILES[C]},
        [
            "leaflets/conditions/rug.v2.yaml: file name 'rug.v2.yaml': 'v2' is not a language code (rename it to rug.yaml: a translation is named <slug>.<language>.yaml, with a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar)"
        ],
    ),
    (
        "only-file-named-after-the-projects-language",
        {C: None, "leaflets/conditions/rug.nl.yaml": FILES[C]},
        [
            "leaflets/conditions/rug.nl.yaml: is a translation into 'nl', the language the leaflets are written in (rename it to rug.yaml, or name the file after the language it is in)"
        ],
    ),
    (
        "team-file-name-with-a-space",
        {T: None, "leaflets/teams/team a.yaml": FILES[T]},
        [
            "leaflets/teams/team a.yaml: file name 'team a.yaml' is not a usable slug: it has a space (rename it to team-a.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
    ),
    (
        "translation-file-name-with-capitals",
        {P: ENGLISH[P], EN_P: EN_PROJECT, EN_S: EN_SHARED, "leaflets/conditions/Rug.en.yaml": EN_CONDITION},
        [
            "leaflets/conditions/Rug.en.yaml: file name 'Rug.en.yaml' is not a usable slug: it has capitals (rename it to rug.en.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
        ("team-a/rug.en",),
    ),
    (
        "misnamed-copy-beside-its-file",  # the leaflet is built from rug.yaml; the copy is an error, its own
        {"leaflets/conditions/Rug.yaml": FILES[C]},
        [
            "leaflets/conditions/Rug.yaml: file name 'Rug.yaml' is not a usable slug: it has capitals (rug.yaml is there too: delete this file if it is a copy of it; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
        (),
    ),
    (
        "unclosed-quote",
        {C: 'title: "Rugklachten\nsections:\n  - use: werkwijze\n'},
        [
            "leaflets/conditions/rug.yaml:1: is not valid YAML: a quote opened on this line is never closed (add the closing quote at the end of the text)"
        ],
    ),
    (
        "bad-indentation",
        {C: "title: Rug\nsections:\n  - heading: Aandoening\n   blocks:\n      - text: a\n"},
        [
            "leaflets/conditions/rug.yaml:4: is not valid YAML: the indentation does not match the lines above (keys at the same level start in the same column; list items start with '- ')"
        ],
    ),
    (
        "star-at-start",
        {C: "title: Rug\nsections:\n  - heading: Let op\n    blocks:\n      - text: *Belangrijk:* rust niet te lang\n"},
        [
            "leaflets/conditions/rug.yaml:5: is not valid YAML: text starting with '*' is read as a YAML alias (put the whole text in quotes, e.g. text: \"*Let op:* ...\")"
        ],
    ),
    (
        "unclosed-bracket",
        {C: "title: [concept] Rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: is not valid YAML: text starting with '[' is read as a list or keys (put the whole text in double quotes (\"...\"), or write it without quotes)"
        ],
    ),
    (
        "tab-indent",
        {C: "title: Rug\nsections:\n\t- use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: line is indented with a tab (YAML indents with spaces only: replace the tab by spaces)"
        ],
    ),
    (
        "byte-order-mark",
        {C: "\ufefftitle: Rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: file starts with a byte-order mark (BOM) (save it as 'UTF-8' without BOM; most editors offer this under 'Save as' > 'Encoding')"
        ],
    ),
    (
        "not-utf8",
        {C: b"title: Rug\ncover:\n  subtitle: Caf\xe9 en rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: is not UTF-8 text (byte 0xE9 cannot be read) (save the file with the encoding 'UTF-8')"
        ],
    ),
    (
        "duplicate-key",
        {C: "title: Rug\ntitle: Rugpijn\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:2: title: key 'title' appears twice (first on line 1) (remove one of them; YAML would silently keep only the last)"
        ],
    ),
    (
        "nee-as-yes-no",
        {C: "title: Rug\nsections:\n  - use: werkwijze\n    new_panel: nee\n"},
        ["leaflets/conditions/rug.yaml:4: sections[0].new_panel: expected yes or no (true/false), got 'nee'"],
    ),
    (
        "ja-as-yes-no",
        {C: "title: Rug\nsections:\n  - use: werkwijze\n    new_panel: ja\n"},
        ["leaflets/conditions/rug.yaml:4: sections[0].new_panel: expected yes or no (true/false), got 'ja'"],
    ),
    (
        "text-where-list",
        {C: "title: Rug\nsections: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:2: sections: expected a list (lines starting with '- '), got the text 'werkwijze' (write each item on its own line starting with '- ')"
        ],
    ),
    (
        "list-where-text",
        {C: "title:\n  - Rug\n  - Nek\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: title: expected text, got a list (text in [ ] is read as a list; put the whole text in quotes)"
        ],
    ),
    (
        "colon-in-bullet",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          - Let op: niet tillen\n"},
        [
            "leaflets/conditions/rug.yaml:6: sections[0].blocks[0].bullets[0]: expected text, got a set of keys (a ': ' inside text makes YAML read 'key: value'; put the whole text in quotes)"
        ],
    ),
    (
        "missing-title",
        {C: "sections:\n  - use: werkwijze\n"},
        ["leaflets/conditions/rug.yaml:1: title: required key 'title' is missing"],
    ),
    (
        "empty-file",
        {C: ""},
        ["leaflets/conditions/rug.yaml:1: the file is empty (a condition file needs at least title and sections)"],
    ),
    (
        "just-a-sentence",
        {C: "Dit is mijn folder over rugpijn.\n"},
        [
            "leaflets/conditions/rug.yaml:1: expected a condition file with keys such as title, cover, sections, got the text 'Dit is mijn folder over rugpijn.'"
        ],
    ),
    (
        "unknown-key",
        {C: "titel: Rug\nsections:\n  - use: werkwijze\n"},
        ["leaflets/conditions/rug.yaml:1: titel: unknown key 'titel' (did you mean 'title'?)"],
    ),
    (
        "unknown-nested-key",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blok:\n      - text: a\n"},
        ["leaflets/conditions/rug.yaml:4: sections[0].blok: unknown key 'blok' (did you mean 'blocks'?)"],
    ),
    (
        "missing-shared",
        {C: "title: Rug\nsections:\n  - use: werkwijz\n"},
        [
            "leaflets/conditions/rug.yaml:3: sections[0].use: no shared section 'werkwijz' in leaflets/shared/ (did you mean 'werkwijze'?)"
        ],
    ),
    (
        "empty-section",
        {C: "title: Rug\nsections:\n  - heading: Tips\n"},
        ["leaflets/conditions/rug.yaml:3: sections[0]: a section needs 'blocks' (or 'use: <shared section>')"],
    ),
    (
        "empty-blocks",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks: []\n"},
        [
            "leaflets/conditions/rug.yaml:4: sections[0].blocks: must not be empty (add at least one item: a line starting with '- ')"
        ],
    ),
    (
        "empty-shared-heading",
        {S: "heading: ''\nblocks:\n  - text: a\n"},
        ["leaflets/shared/werkwijze.yaml:1: heading: must not be empty (write some text)"],
    ),
    (
        "block-two-kinds",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: a\n        note: b\n"},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0]: a block has exactly one of 'text', 'bullets', 'steps' or 'note', this one has text, note"
        ],
    ),
    (
        "unknown-placeholder",
        {C: "title: Rug bij {praktijk}\nsections:\n  - use: werkwijze\n"},
        ["leaflets/conditions/rug.yaml:1: title: unknown placeholder '{praktijk}' (did you mean 'practice'?)"],
    ),
    (
        "javascript-link",
        {C: 'title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: "[klik hier](javascript:alert(1))"\n'},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: link 'javascript:alert(1' is not allowed: links start with https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
    ),
    (
        "file-link",
        {C: 'title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: "[lees](file:///etc/passwd)"\n'},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: link 'file:///etc/passwd' is not allowed: links start with https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
    ),
    (
        "yaml-tag",
        {C: "title: !!python/object/apply:os.system [ls]\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: title: uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' (remove the '!' tag; content files hold plain text, lists and keys)"
        ],
    ),
    (
        "alias-bomb",
        {C: BOMB},
        [
            "leaflets/conditions/rug.yaml:1: e[1][5][2][3]: has more than 20000 values (the file probably repeats an alias (&name / *name) many times; write the content out plainly)"
        ],
    ),
    (
        "self-alias",
        {C: "&a [*a]\n"},
        [
            "leaflets/conditions/rug.yaml:1: is nested more than 40 levels deep (an alias (*name) that refers to itself repeats forever; write the content out plainly)"
        ],
    ),
    (
        "huge-file",
        {C: "title: Rug\n" + "# opvulling\n" * 60000 + SECTIONS},
        [
            "leaflets/conditions/rug.yaml:1: file is 703 KB, more than the 512 KB a content file may have (split it or check that it is the right file)"
        ],
    ),
    (
        "bad-file-name",
        {"leaflets/conditions/Knie Pijn.yaml": "title: Knie\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/Knie Pijn.yaml: file name 'Knie Pijn.yaml' is not a usable slug: it has a space and capitals (rename it to knie-pijn.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
        ("team-a/knie-pijn",),
    ),
    (
        "yml-extension",
        {"leaflets/conditions/knie.yml": "title: Knie\nsections:\n  - use: werkwijze\n"},
        ["leaflets/conditions/knie.yml: content files end in '.yaml' (rename it to knie.yaml)"],
        ("team-a/knie",),
    ),
    (
        "missing-image",
        {C: "title: Rug\ncover:\n  image: styles/images/rug.jpg\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: cover.image: file 'styles/images/rug.jpg' not found (paths are relative to the project folder)"
        ],
    ),
    (
        "image-escapes",
        {C: "title: Rug\ncover:\n  image: ../../etc/hostname\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: cover.image: '../../etc/hostname' points outside the project (give a path inside the project, relative to its folder, e.g. styles/images/logo.svg)"
        ],
    ),
    (
        "image-absolute",
        {C: "title: Rug\ncover:\n  image: /etc/hostname\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: cover.image: '/etc/hostname' points outside the project (give a path inside the project, relative to its folder, e.g. styles/images/logo.svg)"
        ],
    ),
    (
        "image-not-image",
        {
            C: "title: Rug\ncover:\n  image: styles/images/rug.png\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n",
            "styles/images/rug.png": b"dit is geen plaatje",
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/images/rug.png': is not a readable PNG or JPEG image (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "image-wrong-type",
        {C: "title: Rug\ncover:\n  image: styles/leaflet.css\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/leaflet.css': is not an image leafletpress can print: use .png, .jpg, .jpeg, .svg (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "image-bomb",
        {
            C: "title: Rug\ncover:\n  image: styles/images/rug.png\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n",
            "styles/images/rug.png": BOMB_PNG,
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/images/rug.png': image has more than 40 megapixels (a decompression bomb?) (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "svg-entity",
        {
            C: "title: Rug\ncover:\n  image: styles/images/rug.svg\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n",
            "styles/images/rug.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>\n',
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/images/rug.svg': SVG files with a DOCTYPE or entities are not allowed (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "svg-external-image",
        {
            C: "title: Rug\ncover:\n  image: styles/images/rug.svg\n  image_alt: Een rug\nsections:\n  - use: werkwijze\n",
            "styles/images/rug.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/hostname"/></svg>\n',
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.image: 'styles/images/rug.svg': SVG loads another file or address ('file:///etc/hostname'); only self-contained SVG files are allowed (export the picture again as PNG (at most 300 ppi at its printed size), JPEG or plain SVG)"
        ],
    ),
    (
        "phone-as-number",
        {
            T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\ncontact:\n  phone: 0612345678\n  email: geen-adres\n"
        },
        ["leaflets/teams/team-a.yaml:7: contact.email: expected an e-mail address like info@praktijk.nl"],
    ),
    (
        "website-no-scheme",
        {
            T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\ncontact:\n  website: www.praktijk.nl\n"
        },
        ["leaflets/teams/team-a.yaml:6: contact.website: expected a web address starting with https://"],
    ),
    (
        "disciplines-text",
        {T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: Fysiotherapie\n"},
        [
            "leaflets/teams/team-a.yaml:4: therapists[0].disciplines: expected a list (lines starting with '- '), got the text 'Fysiotherapie' (write each item on its own line starting with '- ')"
        ],
    ),
    ("no-therapists", {T: "name: Team A\n"}, ["leaflets/teams/team-a.yaml:1: therapists: required key 'therapists' is missing"]),
    (
        "missing-stylesheet",
        {
            T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\nstylesheet: styles/teams/team-a.css\n"
        },
        [
            "leaflets/teams/team-a.yaml:5: stylesheet: file 'styles/teams/team-a.css' not found (paths are relative to the project folder)"
        ],
    ),
    (
        "stylesheet-escapes",
        {
            T: "name: Team A\ntherapists:\n  - name: Guido Heerink\n    disciplines: [Fysiotherapie]\nstylesheet: ../../../etc/passwd\n"
        },
        [
            "leaflets/teams/team-a.yaml:5: stylesheet: '../../../etc/passwd' points outside the project (give a path inside the project, relative to its folder, e.g. styles/images/logo.svg)"
        ],
    ),
    (
        "unknown-team",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\neditions:\n  team-b: all\n"
        },
        ["leaflets/project.yaml:8: editions.team-b: no team 'team-b' in leaflets/teams/ (did you mean 'team-a'?)"],
        ("team-b/rug",),  # named, so counted: failing with that line
    ),
    (
        "unknown-condition",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\neditions:\n  team-a: [rugg]\n"
        },
        ["leaflets/project.yaml:8: editions.team-a[0]: no condition 'rugg' in leaflets/conditions/ (did you mean 'rug'?)"],
        ("team-a/rugg",),  # named, so counted: failing with that line
    ),
    (
        "condition-escapes",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\neditions:\n  team-a: [../../x]\n"
        },
        [
            "leaflets/project.yaml:8: editions.team-a[0]: no condition '../../x' in leaflets/conditions/ (check the spelling of the file name without .yaml)"
        ],
        (),
    ),
    (
        "team-absolute",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\neditions:\n  /tmp/x: all\n"
        },
        ["leaflets/project.yaml:8: editions./tmp/x: no team '/tmp/x' in leaflets/teams/ (available: team-a)"],
        (),
    ),
    (
        "all-misspelt",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\neditions:\n  team-a: alles\n"
        },
        ["leaflets/project.yaml:8: editions.team-a: expected 'all', got the text 'alles'"],
    ),
    (
        "unknown-fold",
        {
            P: "practice:\n  name: Praktijk Test\nback:\n  heading: Meer informatie?\n  blocks:\n    - text: Bel ons.\nfold: a4-trifold\n"
        },
        [
            "leaflets/project.yaml:7: fold: unknown fold 'a4-trifold' (did you mean 'a4-bifold'? leafletpress folds lists the folds and their panels)"
        ],
    ),
    # ---- cases from the trust review (issue 14): each reached build, check or the contact sheet wrongly ----
    (
        "shared-section-case",
        {C: "title: Rug\nsections:\n  - use: Werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: sections[0].use: no shared section 'Werkwijze' in leaflets/shared/ (did you mean 'werkwijze'?)"
        ],
    ),
    (
        "empty-text",
        {C: 'title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: " "\n'},
        ["leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: empty text (write the text, or remove the block)"],
    ),
    (
        "empty-bullet",
        {C: 'title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets: [Rust, ""]\n'},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].bullets: an empty item in bullets (write the text, or remove the block)"
        ],
    ),
    (
        "logo-40px",
        {T: TEAM + "logo: styles/images/klein.png\nlogo_alt: Logo\n", "styles/images/klein.png": ("png", 40, 40)},
        [
            "leaflets/teams/team-a.yaml:5: logo: the picture prints at 73 ppi (40 x 40 px placed at 14 x 14 mm on the cover); print needs 300 ppi, below 150 it looks blurred (use a picture at least 165 px wide, or an SVG)"
        ],
    ),
    (
        "logo-200px-warns",
        {T: TEAM + "logo: styles/images/klein.png\nlogo_alt: Logo\n", "styles/images/klein.png": ("png", 120, 120)},
        [
            "warning: leaflets/teams/team-a.yaml:5: logo: the picture prints at 218 ppi (120 x 120 px placed at 14 x 14 mm on the cover); print needs 300 ppi (use a picture at least 165 px wide, or an SVG)"
        ],
        (),
    ),
    (
        "css-text-6pt",
        {T: TEAM_CSS, "styles/teams/team-a.css": "p { font-size: 5pt; }\n"},
        [
            "styles/teams/team-a.css:1: font-size: text of 5.0 pt on the back panel ('Bel ons.'); below 6 pt print is unreadable (make it at least 9 pt)",
            "styles/teams/team-a.css:1: font-size: text of 5.0 pt on the flap panel ('Korte tekst over de rug.'); below 6 pt print is unreadable (make it at least 9 pt)",
        ],
    ),
    (
        "css-text-8pt-warns",
        {T: TEAM_CSS, "styles/teams/team-a.css": ".section p { font-size: 8pt; }\n"},
        [
            "warning: styles/teams/team-a.css:1: font-size: text of 8.0 pt on the flap panel ('Korte tekst over de rug.'); below 9 pt print is hard to read, for patients all the more (make it at least 9 pt)"
        ],
        (),
    ),
    (
        "title-under-the-circle",
        {
            C: "title: Rugklachten\ncover:\n  subtitle: "
            + "Informatie over klachten, onderzoek en behandeling. " * 8  # short sentences: no B1 warning
            + "\nsections:\n  - use: werkwijze\n"
        },
        [
            "leaflets/conditions/rug.yaml:3: cover.subtitle: 'Informatie over klachten, ond…' is hidden under a shape on the cover (3 of its 11 lines) (shorten the text, or move or shrink .cover::after (styles/leaflet.css:67))"
        ],
    ),
    (
        "cover-title-too-long",
        {C: "title: " + "Rugklachten en nog veel meer " * 12 + "\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: title: the cover does not fit on one panel (about 86 mm too long) (shorten the title or the subtitle)",
        ],
    ),
    (
        "back-panel-too-many-therapists",
        {T: "name: Team A\ntherapists:\n" + "  - name: Guido Heerink\n    disciplines: [Fysiotherapie, Manuele therapie]\n" * 14},
        [
            "leaflets/teams/team-a.yaml:2: therapists: the back panel is 15 mm too long for its panel (list at most 12 of the 14 therapists here (each takes about 12 mm), or shorten the back text under back: in leaflets/project.yaml:3)"
        ],
    ),
    (
        "body-too-long",
        {
            C: "title: Rug\nsections:\n  - heading: Aandoening\n    blocks:\n"
            + "      - text: "
            + "De behandeling wordt afgestemd op uw klachten en uw doelen. " * 60
            + "\n"
            + "      - text: "
            + "Oefenen helpt. " * 300
            + "\n"
        },
        [
            "leaflets/conditions/rug.yaml:3: 'Aandoening' does not fit: the text needs 7 body panels, the roll fold has 4 (about 406 mm too long) (shorten the text, or remove a 'new_panel: true')"
        ],
    ),
    (
        "emoji",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: Blijf bewegen 😀\n"},
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: '😀' (U+1F600 GRINNING FACE) is in none of the fonts in styles/fonts/, so it would print as an empty box (remove it, or add a font that has it to styles/fonts/ and its @font-face to the stylesheet)"
        ],
    ),
    (
        "check-mark-and-smiley",
        {C: "title: Rug\nsections:\n  - heading: Tips ✓\n    blocks:\n      - bullets: [Rust ☺, Oefen]\n"},
        [
            "leaflets/conditions/rug.yaml:3: sections[0].heading: '✓' (U+2713 CHECK MARK) is in none of the fonts in styles/fonts/, so it would print as an empty box (remove it, or add a font that has it to styles/fonts/ and its @font-face to the stylesheet)",
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].bullets[0]: '☺' (U+263A WHITE SMILING FACE) is in none of the fonts in styles/fonts/, so it would print as an empty box (remove it, or add a font that has it to styles/fonts/ and its @font-face to the stylesheet)",
        ],
    ),
    (
        "cjk-team-name",
        {T: TEAM.replace("Team A", "Team 日本")},
        [
            "leaflets/teams/team-a.yaml:1: name: '日' (U+65E5 CJK UNIFIED IDEOGRAPH-65E5) and '本' (U+672C CJK UNIFIED IDEOGRAPH-672C) are in none of the fonts in styles/fonts/, so they would print as empty boxes (remove them, or add a font that has them to styles/fonts/ and its @font-face to the stylesheet)"
        ],
    ),
    (
        "condition-links-to-etc-passwd",
        {"leaflets/conditions/geheim.yaml": Link("/etc/passwd")},
        [
            "leaflets/conditions/geheim.yaml: is a link to a file outside the project; leafletpress reads content only from inside it (copy the file into leaflets/conditions/ instead of linking to it)"
        ],
        ("team-a/geheim",),
    ),
    (
        "condition-links-outside",
        {"leaflets/conditions/extern.yaml": Link("OUTSIDE/extern.yaml")},
        [
            "leaflets/conditions/extern.yaml: is a link to a file outside the project; leafletpress reads content only from inside it (copy the file into leaflets/conditions/ instead of linking to it)"
        ],
        ("team-a/extern",),
    ),
    (
        "unclosed-quote-runs-on",
        {
            C: 'title: "Rugklachten\ncover:\n  subtitle: Informatie\nsections:\n  - heading: "Aandoening"\n    blocks:\n      - text: Kort.\n'
        },
        [
            "leaflets/conditions/rug.yaml:1: is not valid YAML: the quote opened on this line is not closed on it, so YAML reads on to line 5 (add the closing quote at the end of the text on this line)"
        ],
    ),
    (
        "heading-without-colon",
        {C: "title: Rug\nsections:\n  - heading Symptomen\n    blocks:\n      - text: Pijn.\n"},
        [
            "leaflets/conditions/rug.yaml:3: is not valid YAML: 'heading Symptomen' has no ':' after the key 'heading' (write heading: Symptomen)"
        ],
    ),
    (
        "scaffold-placeholder-left",
        {
            C: 'title: Rug\nsections:\n  - heading: Aandoening\n    blocks:\n      - text: "VERVANG: leg hier uit wat de aandoening is."\n'
        },
        [
            "leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: still holds the placeholder text that 'leafletpress new' wrote ('VERVANG: leg hier uit wat de aandoening…') (write the leaflet's own text here (or remove the line))"
        ],
    ),
    (
        "css-network-address-in-an-unused-rule",
        {T: TEAM_CSS, "styles/teams/team-a.css": ".nergens { background: url(http://example.com/x.png); }\n"},
        [
            "styles/teams/team-a.css:1: 'http://example.com/x.png' refused: only files inside the project may be used, not network or data addresses (fonts and images must be files inside styles/ or leaflets/, never addresses on the network)"
        ],
    ),
    (
        # 60 % black is dark enough by the naive formula (5.7:1); on the press it prints a lighter grey.
        "grey-ink-too-light-on-the-press",
        {T: TEAM_CSS, "styles/teams/team-a.css": ".section p { color: device-cmyk(0 0 0 0.6); }\n"},
        [
            "styles/teams/team-a.css:1: color: '.section p' text (device-cmyk(0 0 0 0.6), printing as #808285) on #ffffff has a contrast of 3.9:1, below the 4.5:1 WCAG 2.1 AA asks for text (choose a darker or lighter colour for the text or what is behind it)"
        ],
    ),
    (
        # The later of two --accent values is the one that counts, and the one a copy is compared with.
        "accent-redefined-then-written-again",
        {
            T: TEAM_CSS,
            "styles/teams/team-a.css": ":root { --accent: #0b6e69; }\n:root { --accent: #aa1111; }\n@page cover { background: #aa1111; }\n",
        },
        [
            "warning: styles/teams/team-a.css:3: background: '#aa1111' is the value of --accent written again (write var(--accent) instead, so that a change to --accent changes this too)"
        ],
    ),
    (
        "light-accent-contrast",
        {T: TEAM_CSS, "styles/teams/team-a.css": ":root { --accent: #ffe680; }\n@page cover { background: #ffe680; }\n"},
        [
            "styles/teams/team-a.css:1: --accent: '.back h2' text (#ffe680) on #e3f1ef (@page back) has a contrast of 1.1:1, below the 3:1 WCAG 2.1 AA asks for large text (choose a darker or lighter colour for the text or what is behind it)",
            "styles/teams/team-a.css:1: --accent: '.section h2' text (#ffe680) on #ffffff has a contrast of 1.2:1, below the 4.5:1 WCAG 2.1 AA asks for text (choose a darker or lighter colour for the text or what is behind it)",
            "warning: styles/teams/team-a.css:2: background: '#ffe680' is the value of --accent written again (write var(--accent) instead, so that a change to --accent changes this too)",
            "styles/teams/team-a.css:2: background: '.cover' text (#ffffff) on #ffe680 (@page cover) has a contrast of 1.2:1, below the 3:1 WCAG 2.1 AA asks for large text (choose a darker or lighter colour for the text or what is behind it)",
        ],
    ),
    (
        "broken-team-file",
        {T: "name: Team A\ntherapists: Guido Heerink\n"},
        [
            "leaflets/teams/team-a.yaml:2: therapists: expected a list (lines starting with '- '), got the text 'Guido Heerink' (write each item on its own line starting with '- ')"
        ],
    ),
    (
        "broken-project-file",
        {P: PROJECT.replace("practice:\n", "practice:\n  nmae: Praktijk\n")},
        ["leaflets/project.yaml:2: practice.nmae: unknown key 'nmae' (did you mean 'name'?)"],
    ),
    (
        "team-section-bad-link",
        {T: TEAM + 'sections:\n  - heading: Sport\n    blocks:\n      - text: "[meer](ftp://x.example)"\n'},
        [
            "leaflets/teams/team-a.yaml:8: sections[0].blocks[0].text: link 'ftp://x.example' is not allowed: links start with https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
    ),
    # ---- more of what a practice manager types (from a review of 252 bad inputs) ----
    (
        "nbsp-after-colon",
        {C: "title:\u00a0Rug\nsections:\n  - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:1: has a non-breaking space (U+00A0) after 'title:', where YAML needs a plain space (delete that space and type a normal one (it was probably pasted from Word or a web page))",
        ],
    ),
    (
        "nbsp-in-indent",
        {C: "title: Rug\nsections:\n\u00a0 - use: werkwijze\n"},
        [
            "leaflets/conditions/rug.yaml:3: has a non-breaking space (U+00A0) in the indentation, where YAML needs a plain space (delete that space and type a normal one (it was probably pasted from Word or a web page))",
        ],
    ),
    (
        "utf16",
        {C: "title: Rug\nsections:\n  - use: werkwijze\n".encode("utf-16")},
        [
            "leaflets/conditions/rug.yaml:1: is saved as UTF-16 ('Unicode'), not UTF-8 (save it with the encoding 'UTF-8' ('Save as' > 'Encoding'))",
        ],
    ),
    (
        "utf16-without-bom",
        {C: "title: Rug\nsections:\n  - use: werkwijze\n".encode("utf-16-le")},
        [
            "leaflets/conditions/rug.yaml:1: is saved as UTF-16 ('Unicode'), not UTF-8 (save it with the encoding 'UTF-8' ('Save as' > 'Encoding'))",
        ],
    ),
    (
        "bullet-without-dash",
        {
            C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          - Rust.\n          Beweeg.\n          - Oefen.\n"
        },
        [
            "leaflets/conditions/rug.yaml:7: is not valid YAML: this line is neither 'key: value' nor a list item (start it with '- ' if it is an item of the list above it)",
        ],
    ),
    (
        "dash-without-space",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          - Rust.\n          -Beweeg.\n"},
        [
            "leaflets/conditions/rug.yaml:7: is not valid YAML: a list item needs a space after its '-' (write '- ' before the text)",
        ],
    ),
    (
        "folded-text-not-indented",
        {
            C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: >-\n      Eerste regel van de tekst.\n          Tweede regel.\n      - text: x\n"
        },
        [
            "leaflets/conditions/rug.yaml:6: is not valid YAML: the text under a '>-' must be indented more than its key (indent this line and the rest of the text further than the line with '>-')",
        ],
    ),
    (
        "curly-quotes-around-a-colon",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: \u201cLet op: niet tillen\u201d\n"},
        [
            "leaflets/conditions/rug.yaml:5: is not valid YAML: a ': ' inside a value, and the value's curly quotes (“ ”) do not count as quotes (put the whole text in straight quotes, e.g. text: \"“Let op: niet tillen”\")",
        ],
    ),
    (
        "hash-in-a-heading",
        {C: "title: Rug\nsections:\n  - heading: Symptomen #1 bij rugpijn\n    blocks:\n      - text: Pijn.\n"},
        [
            "leaflets/conditions/rug.yaml:3: sections[0].heading: the text after ' #' ('#1 bij rugpijn') is read as a YAML comment and would not be printed (put the whole text in quotes)",
        ],
    ),
    (
        "hash-drops-an-emergency-number",
        {
            C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          - Bel bij spoed #112 of de huisartsenpost.\n"
        },
        [
            "leaflets/conditions/rug.yaml:6: sections[0].blocks[0].bullets[0]: the text after ' #' ('#112 of de huisartsenpost.') is read as a YAML comment and would not be printed (put the whole text in quotes)",
        ],
    ),
    (
        "bullet-indented-one-space-too-far",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - bullets:\n          - Rust.\n           - Beweeg.\n"},
        [
            "leaflets/conditions/rug.yaml:7: sections[0].blocks[0].bullets[0]: this list item is indented further than the one above it, so YAML makes it part of that text (start it in the same column as the other items)",
        ],
    ),
    (
        "editions-empty",
        {P: PROJECT + "editions: {}\n"},
        [
            "leaflets/project.yaml:9: editions: lists no team, so no leaflet would be built (and the last ones would be removed) (give each team 'all' or a list of condition slugs, or remove 'editions:' to give every team every condition)",
        ],
        (),
    ),
    (
        "editions-left-empty",
        {P: PROJECT + "editions:\n"},
        [
            "leaflets/project.yaml:9: editions: lists no team, so no leaflet would be built (and the last ones would be removed) (give each team 'all' or a list of condition slugs, or remove 'editions:' to give every team every condition)",
        ],
    ),
    (
        "condition-listed-twice",
        {P: PROJECT + "editions:\n  team-a: [rug, rug]\n"},
        [
            "warning: leaflets/project.yaml:10: editions.team-a[1]: 'rug' is listed twice for team-a (remove one of them (it is built once))",
        ],
        (),
    ),
    (
        "editor-backup-is-not-content",
        {"leaflets/conditions/rug.yaml~": "title: Oud\n", "leaflets/teams/.team-a.yaml.swp": b"\x00"},
        [],
    ),
    (
        "copy-saved-as-txt",
        {"leaflets/conditions/rug.yaml.txt": "title: Rug\n"},
        [
            "warning: leaflets/conditions/rug.yaml.txt: ignored: only .yaml files are read here (it looks like a copy of rug.yaml; delete it if it is)",
        ],
    ),
    (
        "condition-file-renamed-with-capitals",
        {P: PROJECT + "editions:\n  team-a: [rug]\n", "leaflets/conditions/Rug.yaml": FILES[C], C: None},
        [
            "leaflets/conditions/Rug.yaml: file name 'Rug.yaml' is not a usable slug: it has capitals (rename it to rug.yaml; slugs are lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
    ),
    (
        "invisible-character-in-use",
        {C: "title: Rug\nsections:\n  - use: werkwijze\u200b\n"},
        [
            "leaflets/conditions/rug.yaml:3: sections[0].use: has a zero-width space (U+200B) after 'werkwijze': invisible, but 'werkwijze' with it is not the same text as 'werkwijze' without it, so the two do not match (delete it, or retype the text around it)",
        ],
    ),
    (
        "logo-path-capitals",
        {T: TEAM + "logo: styles/images/FYSIOFITS-LOGO.SVG\nlogo_alt: Logo\n"},
        [
            "leaflets/teams/team-a.yaml:5: logo: file 'styles/images/FYSIOFITS-LOGO.SVG' not found (did you mean 'fysiofits-logo.svg'?)",
        ],
    ),
    (
        "project-key-misspelt",
        {P: PROJECT + "vouw: a4-roll-trifold\n"},
        [
            "leaflets/project.yaml:9: vouw: unknown key 'vouw' (allowed here: practice, fold, stylesheets, back, editions, language, languages, qr, required_sections, words, print)",
        ],
    ),
    (
        "unfinished-strong",
        {C: "title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: Dit is **belangrijk.\n"},
        [
            "warning: leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: '*' would be printed as typed: the markup is not complete (write *emphasis* and **strong** with the same stars on both sides, and links as [text](https://...))",
        ],
        (),
    ),
    (
        "link-without-closing-parenthesis",
        {C: 'title: Rug\nsections:\n  - heading: Tips\n    blocks:\n      - text: "Lees [meer](https://www.thuisarts.nl"\n'},
        [
            "warning: leaflets/conditions/rug.yaml:5: sections[0].blocks[0].text: a link's '[...](...)' would be printed as typed: the markup is not complete (write *emphasis* and **strong** with the same stars on both sides, and links as [text](https://...))",
        ],
        (),
    ),
    (
        "markup-in-a-heading",
        {C: 'title: Rug\nsections:\n  - heading: "*Let op*"\n    blocks:\n      - text: Pijn.\n'},
        [
            "warning: leaflets/conditions/rug.yaml:3: sections[0].heading: a heading is printed as plain text: its markup would be printed as typed (remove the * and [...](...) here; the heading's own style already makes it stand out)",
        ],
        (),
    ),
    (
        "shared-empty",
        {S: "heading: Werkwijze\nblocks:\n"},
        ["leaflets/shared/werkwijze.yaml:2: blocks: expected a list (lines starting with '- '), got nothing"],
    ),
    # ---- a practice's own fold (leaflets/folds.yaml) and the print shop's wishes (print: in project.yaml) ----
    (
        "fold-panels-do-not-fill-the-sheet",
        {FOLDS: ROLL4.replace("width: 397, height", "width: 398, height"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:16: roll-4.sheet.width: the panels of each side are 397 mm wide together, the sheet is 398 mm (make the sheet 397 mm wide, or the panels 398 mm together)"
        ],
    ),
    (
        "fold-panels-overlap",
        {FOLDS: ROLL4.replace("x: 0, width: 97, behind: inside-4", "x: 0, width: 98, behind: inside-4"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:21: roll-4.panels[1].x: outside: 'flap-2' overlaps the panel before it by 1 mm (x is where the panel starts: here 98, where the panel to its left ends)"
        ],
    ),
    (
        "fold-two-covers",
        {FOLDS: ROLL4.replace("name: flap-2, role: body", "name: flap-2, role: cover"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:21: roll-4.panels[1].role: a fold has one cover panel, this one has 2 (give exactly one panel role: cover, the others body)"
        ],
    ),
    (
        "fold-without-a-back",
        {FOLDS: ROLL4.replace("name: back, role: back", "name: back, role: body"), P: ROLL4_PROJECT},
        ["leaflets/folds.yaml:19: roll-4.panels: a fold has one back panel, this one has 0 (give exactly one panel role: back)"],
    ),
    (
        "fold-says-the-wrong-panel-is-behind",
        {FOLDS: ROLL4.replace("x: 97, width: 99, behind: inside-3", "x: 97, width: 99, behind: inside-2"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:21: roll-4.panels[1].behind: 'flap-2' says 'inside-2' is behind it, but the sheet turned over puts 'inside-3' there (write behind: inside-3, or correct the panels' x)"
        ],
    ),
    (
        "fold-mark-where-no-panels-meet",
        {FOLDS: ROLL4.replace("- {x: 201, direction: valley", "- {x: 200, direction: valley"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:33: roll-4.folds.inside: no fold line where the panels meet at inside x 201 (add - {x: 201, direction: valley, order: N} under that side)",
            "leaflets/folds.yaml:35: roll-4.folds.inside[1].x: no panels meet at inside x 200 (the panels of the inside meet at 101, 201, 300)",
        ],
    ),
    (
        "fold-valley-on-both-sides",
        {FOLDS: ROLL4.replace("- {x: 201, direction: valley", "- {x: 201, direction: mountain"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:31: roll-4.folds.outside[1].direction: the fold at outside x 196 is a mountain there, so from the inside it is a valley, not a mountain (a valley seen from one side is a mountain seen from the other)"
        ],
    ),
    (
        "fold-panel-on-no-side",
        {FOLDS: ROLL4.replace("name: back, role: back, side: outside", "name: back, role: back, side: buiten"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:27: roll-4.panels[7].side: side 'buiten' is not one of the sheet's sides (outside, inside) (name one of the sides listed under sides:)"
        ],
    ),
    (
        "fold-unknown-key",
        {FOLDS: ROLL4.replace("behind: inside-1}", "behind: inside-1, colour: red}"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:20: roll-4.panels[0].colour: unknown key 'colour' (allowed here: name, role, side, x, width, behind)"
        ],
    ),
    (
        "fold-width-with-a-unit",
        {FOLDS: ROLL4.replace("x: 296, width: 101,", "x: 296, width: 101mm,"), P: ROLL4_PROJECT},
        [
            "leaflets/folds.yaml:20: roll-4.panels[0].width: expected a number, got the text '101mm' (write the number alone, in mm, without a unit; decimals with a point: 2.5)"
        ],
    ),
    (
        "fold-without-sides",
        {FOLDS: ROLL4.replace("  sides: [outside, inside]\n", ""), P: ROLL4_PROJECT},
        ["leaflets/folds.yaml:10: roll-4.sides: required key 'sides' is missing"],
    ),
    (
        "broken-fold-no-leaflet-uses",
        {FOLDS: ROLL4.replace("name: back, role: back", "name: back, role: body")},
        ["leaflets/folds.yaml:19: roll-4.panels: a fold has one back panel, this one has 0 (give exactly one panel role: back)"],
        (),
    ),
    (
        "fold-name-not-a-slug",
        {FOLDS: "Mijn Vouw:\n" + ROLL4.split("roll-4:\n", 1)[1]},
        [
            "leaflets/folds.yaml:1: Mijn Vouw: 'Mijn Vouw' is not a usable fold name (use lowercase letters, digits and single hyphens, e.g. 'knie-artrose')"
        ],
        (),
    ),
    (
        "folds-file-not-yaml",
        {FOLDS: ROLL4.replace("  label: four-panel roll fold", "  label: four-panel: roll fold")},
        ["leaflets/folds.yaml:11: is not valid YAML: a ': ' inside a value (a value containing ': ' must be put in quotes)"],
    ),
    (
        "folds-file-a-list",
        {FOLDS: "- roll-4\n"},
        [
            "leaflets/folds.yaml:1: expected folds, each a name with its keys (label, sheet, sides, panels, folds), got a list (write each fold's name, then its keys indented under it)"
        ],
    ),
    (
        "condition-unknown-fold",
        {C: FILES[C] + "fold: leporello\n"},
        [
            "leaflets/conditions/rug.yaml:9: fold: unknown fold 'leporello' (did you mean 'dl-leporello'? leafletpress folds lists the folds and their panels)"
        ],
    ),
    (
        "bleed-too-large",
        {P: FILES[P] + "  bleed: 7\n"},
        ["leaflets/project.yaml:12: print.bleed: expected 0 to 5 mm, got 7 (most print shops ask 3 mm, some 2 or 1)"],
    ),
    (
        "bleed-with-a-unit",
        {P: FILES[P] + "  bleed: 3mm\n"},
        [
            "leaflets/project.yaml:12: print.bleed: expected a number, got the text '3mm' (write the number alone, in mm, without a unit; decimals with a point: 2.5)"
        ],
    ),
    (
        "marks-yes",
        {P: FILES[P] + "  marks: ja\n"},
        ["leaflets/project.yaml:12: print.marks: expected 'none', 'crop' or 'crop+fold', got the text 'ja'"],
    ),
    (
        "marks-inside-the-bleed",
        {P: FILES[P] + "  bleed: 3\n  mark_offset: 2\n"},
        [
            "leaflets/project.yaml:13: print.mark_offset: the marks would start 2 mm from the trim, inside the 3 mm bleed, where a cut a little outside the trim shows them: make it at least 3"
        ],
    ),
    # ---------- languages and translations ----------
    (
        "translation-stylesheet-not-found",
        {**ENGLISH, EN_P: EN_PROJECT + "stylesheets:\n  - styles/arabc.css\n"},
        ["leaflets/project.en.yaml:9: stylesheets[0]: file 'styles/arabc.css' not found (did you mean 'arabic.css'?)"],
        ("team-a/rug.en",),
    ),
    (
        "translation-stylesheet-outside-the-project",
        {**ENGLISH, EN_P: EN_PROJECT + "stylesheets:\n  - /etc/passwd.css\n"},
        [
            "leaflets/project.en.yaml:9: stylesheets[0]: '/etc/passwd.css' points outside the project (give a path inside the project, relative to its folder, e.g. styles/images/logo.svg)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-stylesheet-a-web-address",
        {**ENGLISH, EN_P: EN_PROJECT + "stylesheets:\n  - https://example.com/a.css\n"},
        [
            "leaflets/project.en.yaml:9: stylesheets[0]: file 'https://example.com/a.css' not found (paths are relative to the project folder)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-unknown-placeholder",
        {**ENGLISH, EN_C: EN_CONDITION.replace("subtitle: Information", "subtitle: Information for {practice} and {patient}")},
        ["leaflets/conditions/rug.en.yaml:4: cover.subtitle: unknown placeholder '{patient}' (did you mean 'practice'?)"],
        ("team-a/rug.en",),
    ),
    (
        "translation-javascript-link",
        {**ENGLISH, EN_C: EN_CONDITION.replace("subtitle: Information", "subtitle: See [site](javascript:alert(1))")},
        [
            "leaflets/conditions/rug.en.yaml:4: cover.subtitle: link 'javascript:alert(1' is not allowed: links start with https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-ftp-link-in-a-shared-section",
        {**ENGLISH, EN_S: EN_SHARED.replace("This is how", "See [our site](ftp://x.example). This is how")},
        [
            "leaflets/shared/werkwijze.en.yaml:4: blocks[0].text: link 'ftp://x.example' is not allowed: links start with https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-markup-in-a-title",
        {**ENGLISH, EN_C: EN_CONDITION.replace("title: Back pain", "title: '*Back* pain'")},
        [
            "warning: leaflets/conditions/rug.en.yaml:2: title: a title is printed as plain text: its markup would be printed as typed (remove the * and [...](...) here; the heading's own style already makes it stand out)"
        ],
    ),
    (
        "translation-markup-not-complete",
        {**ENGLISH, EN_P: EN_PROJECT.replace("Call us.", "Call us **today.")},
        [
            "warning: leaflets/project.en.yaml:5: back.blocks[0].text: '*' would be printed as typed: the markup is not complete (write *emphasis* and **strong** with the same stars on both sides, and links as [text](https://...))"
        ],
    ),
    (
        "translation-leaves-out-the-subtitle",
        {**ENGLISH, EN_C: EN_CONDITION.replace("cover:\n  subtitle: Information\n", "")},
        [
            "warning: leaflets/conditions/rug.en.yaml:1: cover.subtitle: has no text, but leaflets/conditions/rug.yaml:3 has one (cover.subtitle), so its editions are printed without a subtitle (translate it from leaflets/conditions/rug.yaml)"
        ],
    ),
    (
        "translation-with-an-empty-subtitle",
        {**ENGLISH, EN_C: EN_CONDITION.replace("subtitle: Information", "subtitle:")},
        [
            "warning: leaflets/conditions/rug.en.yaml:4: cover.subtitle: has no text, but leaflets/conditions/rug.yaml:3 has one (cover.subtitle), so its editions are printed without a subtitle (translate it from leaflets/conditions/rug.yaml)"
        ],
    ),
    (
        "translation-leaves-out-the-picture-description",
        {
            **ENGLISH,
            C: PICTURE_CONDITION,
            "styles/images/cover-test.png": ("picture", 1000, 500),
            EN_C: EN_CONDITION.replace(
                _hash("conditions", "condition", FILES[C]), _hash("conditions", "condition", PICTURE_CONDITION)
            ),
        },
        [
            "warning: leaflets/conditions/rug.en.yaml:3: cover.image_alt: has no text, but leaflets/conditions/rug.yaml:5 has one (cover.image_alt), so screen readers get no description of the picture in this language (translate it from leaflets/conditions/rug.yaml)"
        ],
    ),
    (
        "translation-of-a-team-leaves-out-its-logo-description",
        {
            **ENGLISH,
            T: LOGO_TEAM,
            "styles/images/logo-test.png": ("picture", 400, 200),
            "leaflets/teams/team-a.en.yaml": f"translated_from: {_hash('teams', 'team', LOGO_TEAM)}\nlogo_alt: ''\n",
        },
        [
            "warning: leaflets/teams/team-a.en.yaml:2: logo_alt: has no text, but leaflets/teams/team-a.yaml:8 has one (logo_alt), so screen readers get no description of the logo in this language (translate it from leaflets/teams/team-a.yaml)"
        ],
    ),
    (
        "translation-leaves-out-the-qr-caption",
        {
            **ENGLISH,
            P: QR_PROJECT + "languages: [nl, en]\n",
            EN_P: EN_PROJECT.replace(_hash("project", "project", FILES[P]), _hash("project", "project", QR_PROJECT)),
        },
        [
            "warning: leaflets/project.en.yaml:1: qr.caption: has no text, but leaflets/project.yaml:14 has one (qr.caption), so the built-in caption is printed under the QR code (translate it from leaflets/project.yaml)"
        ],
    ),
    (
        "translation-leaves-out-the-logo-description",
        {
            **ENGLISH,
            P: LOGO_PROJECT + "languages: [nl, en]\n",
            "styles/images/logo-test.png": ("picture", 400, 200),
            EN_P: EN_PROJECT.replace(_hash("project", "project", FILES[P]), _hash("project", "project", LOGO_PROJECT))
            + "logo_alt:\n",
        },
        [
            "warning: leaflets/project.en.yaml:8: logo_alt: has no text, but leaflets/project.yaml:4 has one (practice.logo_alt), so screen readers get no description of the logo in this language (translate it from leaflets/project.yaml)"
        ],
    ),
    (
        "language-code-in-capitals",
        {P: FILES[P] + "languages: [nl, EN]\n"},
        [
            "leaflets/project.yaml:12: languages[1]: expected a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar, got the text 'EN'"
        ],
    ),
    (
        "language-named-not-coded",
        {P: FILES[P] + "languages:\n  team-a: [nl, english]\n"},
        [
            "leaflets/project.yaml:13: languages.team-a[1]: expected a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar, got the text 'english'"
        ],
    ),
    (
        "languages-for-an-unknown-team",
        {P: FILES[P] + "languages:\n  team-b: [nl, en]\n"},
        ["leaflets/project.yaml:13: languages.team-b: no team 'team-b' in leaflets/teams/ (did you mean 'team-a'?)"],
        (),
    ),
    (
        "translation-of-an-unknown-condition",
        {"leaflets/conditions/rugg.en.yaml": EN_CONDITION},
        [
            "leaflets/conditions/rugg.en.yaml: is a translation of leaflets/conditions/rugg.yaml, which does not exist (did you mean 'rug'?)"
        ],
        (),
    ),
    (
        "translation-file-language-in-capitals",
        {"leaflets/conditions/rug.EN.yaml": EN_CONDITION},
        [
            "leaflets/conditions/rug.EN.yaml: file name 'rug.EN.yaml': 'EN' is not a language code (rename it to rug.en.yaml: a translation is named <slug>.<language>.yaml, with a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar)"
        ],
        (),
    ),
    (
        # A misnamed translation of an edition that is handed out: the edition fails, it does not vanish.
        "handed-out-translation-file-misnamed",
        {P: ENGLISH[P], EN_P: EN_PROJECT, EN_S: EN_SHARED, "leaflets/conditions/rug.en-GB.yaml": EN_CONDITION},
        [
            "leaflets/conditions/rug.en-GB.yaml: file name 'rug.en-GB.yaml': 'en-GB' is not a language code (rename it to rug.en.yaml: a translation is named <slug>.<language>.yaml, with a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar)"
        ],
        ("team-a/rug.en",),
    ),
    (
        # Which team hands out English is unknown while languages: names no team: its editions fail.
        "languages-team-misspelt-with-a-translation",
        {**ENGLISH, P: FILES[P] + "languages:\n  team-b: [nl, en]\n"},
        ["leaflets/project.yaml:13: languages.team-b: no team 'team-b' in leaflets/teams/ (did you mean 'team-a'?)"],
        ("team-a/rug.en",),
    ),
    (
        # project.yaml does not load: every edition it may define fails, its translations' too.
        "project-unreadable-with-a-translation",
        {**ENGLISH, P: FILES[P] + "languages: [nl, EN]\n"},
        [
            "leaflets/project.yaml:12: languages[1]: expected a language code of two or three lowercase letters (ISO 639), e.g. nl, en, tr, ar, got the text 'EN'"
        ],
        ("team-a/rug", "team-a/rug.en"),
    ),
    (
        "languages-without-the-project-language",
        {**ENGLISH, P: FILES[P] + "languages: [en]\n"},
        [
            "warning: leaflets/project.yaml:12: languages: Every team hands out no leaflets in 'nl', the language they are written in: its editions in 'nl' are not built, and their PDFs are removed (add nl to the list, unless that is what you mean)"
        ],
    ),
    (
        "translation-into-the-leaflets-own-language",
        {"leaflets/conditions/rug.nl.yaml": EN_CONDITION},
        [
            "leaflets/conditions/rug.nl.yaml: is a translation into 'nl', the language the leaflets are written in (write this text in leaflets/conditions/rug.yaml itself, or name the file after the language it is in)"
        ],
        (),
    ),
    (
        "translation-nobody-hands-out",
        {"leaflets/conditions/rug.de.yaml": EN_CONDITION},
        [
            "warning: leaflets/conditions/rug.de.yaml: no team hands out leaflets in 'de', so this translation is never printed (add 'de' to languages: in leaflets/project.yaml for the teams that hand it out)"
        ],
    ),
    (
        "translation-missing-a-section",
        {**ENGLISH, EN_C: EN_CONDITION.replace("  - use: werkwijze\n", "")},
        [
            "leaflets/conditions/rug.en.yaml:5: sections: has no translation of the section '- use: werkwijze' (leaflets/conditions/rug.yaml:8) (translate that section here, in the same place as in the source: a translation has every section of its source)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-with-an-extra-section",
        {**ENGLISH, EN_C: EN_CONDITION + "  - heading: Extra\n    blocks:\n      - text: More.\n"},
        [
            "leaflets/conditions/rug.en.yaml:10: sections[2]: the section 'Extra' is not in leaflets/conditions/rug.yaml (a translation has the sections of its source, in the same order: add it there first, or remove it here)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-writes-out-a-shared-section",
        {
            **ENGLISH,
            EN_C: EN_CONDITION.replace(
                "  - use: werkwijze\n", "  - heading: How we work\n    blocks:\n      - text: Like this.\n"
            ),
        },
        [
            "leaflets/conditions/rug.en.yaml:9: sections[1]: leaflets/conditions/rug.yaml uses the shared section 'werkwijze' here (write '- use: werkwijze' here; its text in this language goes in leaflets/shared/werkwijze.en.yaml)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-shared-section-untranslated",
        {k: v for k, v in ENGLISH.items() if k != EN_S},
        [
            "leaflets/conditions/rug.en.yaml:9: sections[1].use: the shared section 'werkwijze' has no translation into 'en' (translate leaflets/shared/werkwijze.yaml into leaflets/shared/werkwijze.en.yaml)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-blocks-differ",
        {
            **ENGLISH,
            EN_C: EN_CONDITION.replace(
                "      - text: A short text about the back.\n", "      - text: A short text.\n      - text: About the back.\n"
            ),
        },
        [
            "warning: leaflets/conditions/rug.en.yaml:7: sections[0].blocks: the blocks differ from the source's (text, text here; text in leaflets/conditions/rug.yaml:6) (translate each block and list item of the source, in the same order, so nothing is left out)"
        ],
    ),
    (
        "translation-lagging-behind-its-source",
        {**ENGLISH, C: FILES[C].replace("Korte tekst over de rug.", "Een korte tekst over de rug.")},
        [
            f"warning: leaflets/conditions/rug.en.yaml:1: translated_from: leaflets/conditions/rug.yaml has changed since this translation was made ({_hash('conditions', 'condition', FILES[C])}, now {_hash('conditions', 'condition', FILES[C].replace('Korte tekst over de rug.', 'Een korte tekst over de rug.'))}) (update the translation to what leaflets/conditions/rug.yaml says now, then run leafletpress translated leaflets/conditions/rug.en.yaml)"
        ],
    ),
    (
        "translation-without-translated-from",
        {**ENGLISH, EN_C: EN_CONDITION.split("\n", 1)[1]},
        [
            "warning: leaflets/conditions/rug.en.yaml:1: translated_from: does not say which text of leaflets/conditions/rug.yaml it translates, so a change there would go unnoticed (check that it matches leaflets/conditions/rug.yaml, then run leafletpress translated leaflets/conditions/rug.en.yaml)"
        ],
    ),
    (
        "translation-misspelt-key",
        {**ENGLISH, EN_C: EN_CONDITION.replace("\ntitle:", "\ntitel:")},
        ["leaflets/conditions/rug.en.yaml:2: titel: unknown key 'titel' (did you mean 'title'?)"],
        ("team-a/rug.en",),
    ),
    (
        "language-without-its-project-translation",
        {k: v for k, v in ENGLISH.items() if k != EN_P},
        [
            "leaflets/project.en.yaml: is missing: Team A hands out leaflets in 'en' (languages: in leaflets/project.yaml), which need their back text in that language (copy back: from leaflets/project.yaml into leaflets/project.en.yaml and translate it)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "language-without-a-term-for-a-discipline",
        {**ENGLISH, EN_P: EN_PROJECT.split("terms:")[0]},
        [
            "leaflets/project.en.yaml: terms: no word for the discipline 'Fysiotherapie' (leaflets/teams/team-a.yaml:4) in this language, so it would be printed in the leaflets' own language (add 'Fysiotherapie: <the word in this language>' under terms:)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "language-the-web-edition-has-no-words-in",
        {
            P: FILES[P] + "languages: [nl, de]\n",
            "leaflets/project.de.yaml": EN_PROJECT,
            "leaflets/conditions/rug.de.yaml": EN_CONDITION,
            "leaflets/shared/werkwijze.de.yaml": EN_SHARED,
        },
        [
            "warning: leaflets/project.de.yaml: leafletpress has no words in 'de': the few it adds to the print and screen editions (the QR code's caption, 'and' between names, link labels) print in Dutch (give them under words: in this file: leafletpress words en prints the English table to copy and translate)",
            "leaflets/project.de.yaml: the web edition has no words in 'de' (it has: ar, en, nl, tr), so its editions in that language cannot have a web page (give its words (a table of about 40: links, the page's frame) under words: in this file, translated from the English table that leafletpress words en prints; until then build and check without the web edition (--edition print --edition screen), knowing that the QR codes of these leaflets lead to a page that is not built)",
        ],
        ("team-a/rug.de",),
    ),
    (
        "a-sentence-too-long-for-b1",
        {
            C: FILES[C].replace(
                "Korte tekst over de rug.",
                "Neem contact op met uw huisarts als de pijn begon na een val of ongeval, als u koorts heeft of als u minder kracht krijgt in uw armen.",
            )
        },
        [
            "warning: leaflets/conditions/rug.yaml:7: sections[0].blocks[0].text: a sentence of 28 words ('Neem contact op met uw huisarts …'); B1 readers need sentences of at most 20 (split it into two or more short sentences)"
        ],
    ),
    (
        "a-word-too-long-for-b1",
        {C: FILES[C].replace("Korte tekst over de rug.", "Korte tekst over de rugwervelkolomspier.")},
        [
            "warning: leaflets/conditions/rug.yaml:7: sections[0].blocks[0].text: long word for B1 readers: 'rugwervelkolomspier' (6 syllables) (use a shorter, common word, or add it to leaflets/readability.yaml under nl: with the reason it must stay)"
        ],
    ),
    (
        "readability-allow-list-not-a-list-of-words",
        {"leaflets/readability.yaml": "nl:\n  - fysiotherapeut\n"},
        [
            "warning: leaflets/readability.yaml:1: nl: expected words with their reason, as in 'fysiotherapeut: the profession, known to every patient'"
        ],
    ),
    (
        "readability-allow-list-language-and-reason-missing",
        {"leaflets/readability.yaml": "NL:\n  fysiotherapeut: the profession\nnl:\n  oefentherapie:\n"},
        [
            "warning: leaflets/readability.yaml:1: NL: 'NL' is not a language code: its words are not allowed (write nl:)",
            "warning: leaflets/readability.yaml:4: nl.oefentherapie: 'oefentherapie' has no reason (say why it must stay, as in 'oefentherapie: the name patients know it by')",
        ],
    ),
    (
        "safe-margin-negative",
        {P: FILES[P] + "  safe_margin: -1\n"},
        ["leaflets/project.yaml:12: print.safe_margin: expected 0 to 10 mm, got -1 (most print shops ask 3 to 5 mm)"],
    ),
    (
        "translation-back-panel-too-long",  # only the en edition fails: its hint names the English back text
        {**ENGLISH, EN_P: EN_PROJECT.replace("More information?", "More information? " * 40)},
        [
            "leaflets/teams/team-a.yaml:2: therapists: the back panel is 62 mm too long for its panel (shorten the back text under back: in leaflets/project.en.yaml:2, or list fewer therapists)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "team-translation-with-empty-sections",  # located at 'sections: []', not at the file alone
        {
            **ENGLISH,
            T: FILES[T] + SPORT_SECTION,
            "leaflets/teams/team-a.en.yaml": f"translated_from: {_hash('teams', 'team', FILES[T] + SPORT_SECTION)}\nsections: []\n",
        },
        [
            "leaflets/teams/team-a.en.yaml:2: sections: has no translation of the section 'Sport' (leaflets/teams/team-a.yaml:8) (translate the team's sections here, in the same order)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "translation-with-a-section-moved",  # one line at the moved section, not "has no translation" plus "not in"
        {
            **ENGLISH,
            EN_C: EN_CONDITION.replace("  - use: werkwijze\n", "").replace("sections:\n", "sections:\n  - use: werkwijze\n"),
        },
        [
            "leaflets/conditions/rug.en.yaml:6: sections[0]: the section '- use: werkwijze' is in another place than in leaflets/conditions/rug.yaml:8 (there it is section 2 of 2) (put the sections in the same order as in the source: a translation follows its source section by section)"
        ],
        ("team-a/rug.en",),
    ),
    (
        "body-too-long-by-different-amounts-per-team",  # each line says whose edition it is: they differ in mm only
        {
            P: FILES[P].replace("  team-a: all\n", "  team-a: all\n  team-b: all\n"),
            "leaflets/teams/team-b.yaml": TEAM.replace("Team A", "Team B") + SPORT_SECTION,
            C: "title: Rug\nsections:\n  - heading: Aandoening\n    blocks:\n      - text: " + "Oefenen helpt. " * 600 + "\n",
        },
        [
            "leaflets/conditions/rug.yaml:3: in the edition for Team A, 'Aandoening' does not fit: the text needs 7 body panels, the roll fold has 4 (about 502 mm too long) (shorten the text, or remove a 'new_panel: true')",
            "leaflets/conditions/rug.yaml:3: in the edition for Team B, 'Aandoening' does not fit: the text needs 7 body panels, the roll fold has 4 (about 524 mm too long) (shorten the text, or remove a 'new_panel: true')",
        ],
        ("team-a/rug", "team-b/rug"),
    ),
    (
        "body-too-long-alike-for-two-teams",  # the same problem in the same words stays one line, naming no team
        {
            P: FILES[P].replace("  team-a: all\n", "  team-a: all\n  team-b: all\n"),
            "leaflets/teams/team-b.yaml": TEAM.replace("Team A", "Team B"),
            C: "title: Rug\nsections:\n  - heading: Aandoening\n    blocks:\n      - text: " + "Oefenen helpt. " * 600 + "\n",
        },
        [
            "leaflets/conditions/rug.yaml:3: 'Aandoening' does not fit: the text needs 7 body panels, the roll fold has 4 (about 502 mm too long) (shorten the text, or remove a 'new_panel: true')"
        ],
        ("team-a/rug", "team-b/rug"),
    ),
    (
        "shared-translation-lagging-behind-its-source",  # the en edition's warning, though werkwijze.yaml was saved
        {**ENGLISH, S: FILES[S].replace("Zo werken wij", "Zo werken wij samen")},
        [
            f"warning: leaflets/shared/werkwijze.en.yaml:1: translated_from: leaflets/shared/werkwijze.yaml has changed since this translation was made ({_hash('shared', 'shared', FILES[S])}, now {_hash('shared', 'shared', FILES[S].replace('Zo werken wij', 'Zo werken wij samen'))}) (update the translation to what leaflets/shared/werkwijze.yaml says now, then run leafletpress translated leaflets/shared/werkwijze.en.yaml)"
        ],
    ),
    (
        "translation-lagging-and-its-blocks-differ",  # two warnings of the en edition, both listed with it
        {
            **ENGLISH,
            C: FILES[C].replace("Korte tekst over de rug.", "Een korte tekst over de rug."),
            EN_C: EN_CONDITION.replace(
                "      - text: A short text about the back.\n", "      - text: A short text.\n      - text: About the back.\n"
            ),
        },
        [
            f"warning: leaflets/conditions/rug.en.yaml:1: translated_from: leaflets/conditions/rug.yaml has changed since this translation was made ({_hash('conditions', 'condition', FILES[C])}, now {_hash('conditions', 'condition', FILES[C].replace('Korte tekst over de rug.', 'Een korte tekst over de rug.'))}) (update the translation to what leaflets/conditions/rug.yaml says now, then run leafletpress translated leaflets/conditions/rug.en.yaml)",
            "warning: leaflets/conditions/rug.en.yaml:7: sections[0].blocks: the blocks differ from the source's (text, text here; text in leaflets/conditions/rug.yaml:6) (translate each block and list item of the source, in the same order, so nothing is left out)",
        ],
    ),
    ("language-the-project-gives-the-words-in", GERMAN, []),  # the sibling of ...-has-no-words-in: all is built
    (
        "project-words-incomplete-in-a-language-without-words",
        {**GERMAN, "leaflets/project.de.yaml": EN_PROJECT + "words:\n  call: Rufen Sie {phone} an\n"},
        [
            f"leaflets/project.de.yaml:8: words: leafletpress has no words in 'de', so words: gives them all; {len(WORDS['nl']) - 1} missing: email, website, online, qr_alt, qr_caption, ... (copy the English table (leafletpress words en prints it) and translate every word)"
        ],
        ("team-a/rug.de",),
    ),
    (
        "project-words-unknown-key",
        {**ENGLISH, EN_P: EN_PROJECT + "words:\n  cal: Phone {phone}\n"},
        ["leaflets/project.en.yaml:9: words.cal: unknown word 'cal' (did you mean 'call'?)"],
        ("team-a/rug.en",),
    ),
    (
        "project-words-placeholder-missing-or-extra",
        {**ENGLISH, EN_P: EN_PROJECT + "words:\n  call: Phone us\n  email: Mail {mail}\n"},
        [
            "leaflets/project.en.yaml:9: words.call: '{phone}' is missing (keep {phone} where it goes, as in 'Bel {phone}')",
            "leaflets/project.en.yaml:10: words.email: '{email}' is missing (keep {email} where it goes, as in 'Mail naar {email}')",
            "leaflets/project.en.yaml:10: words.email: '{mail}' is not a placeholder of this word (its placeholders are as in 'Mail naar {email}')",
        ],
        ("team-a/rug.en",),
    ),
    (
        "project-written-in-a-language-without-words",  # its print words would be Dutch; its web page cannot be made
        {P: FILES[P] + "language: de\n"},
        [
            "warning: leaflets/project.yaml:12: language: leafletpress has no words in 'de': the few it adds to the print and screen editions (the QR code's caption, 'and' between names, link labels) print in Dutch (give them under words: in leaflets/project.yaml: leafletpress words en prints the English table to copy and translate)",
            "leaflets/project.yaml:12: language: the web edition has no words in 'de' (it has: ar, en, nl, tr) (give them under words: in leaflets/project.yaml, translated from the English table that leafletpress words en prints; or build without the web edition: --edition print --edition screen)",
        ],
        ("team-a/rug",),
    ),
    ("project-written-in-a-language-it-gives-the-words-of", {P: FILES[P] + "language: de\n" + DE_WORDS_YAML}, []),
    (
        "project-words-incomplete-for-its-own-language",
        {P: FILES[P] + "language: de\nwords:\n  call: Rufen Sie {phone} an\n  cal: x\n"},
        [
            "leaflets/project.yaml:13: words: leafletpress has no words in 'de', so words: gives them all; "
            f"{len(WORDS['nl']) - 1} missing: email, website, online, qr_alt, qr_caption, ... (copy the English table "
            "(leafletpress words en prints it) and translate every word)",
            "leaflets/project.yaml:15: words.cal: unknown word 'cal' (did you mean 'call'?)",
        ],
        ("team-a/rug",),
    ),
    (
        # A team file that does not load: what it hands out is still known from languages: in project.yaml,
        # so its translations are not said to be never printed.
        "team-broken-with-translations",
        {**ENGLISH, T: TEAM + "contact:\n  email: info @praktijk.nl\n"},
        ["leaflets/teams/team-a.yaml:6: contact.email: expected an e-mail address like info@praktijk.nl"],
        ("team-a/rug", "team-a/rug.en"),
    ),
    (
        "required-shared-section-misspelt",
        {P: FILES[P] + "required_sections:\n  - use: werkwijz\n"},
        [
            "warning: leaflets/project.yaml:13: required_sections[0].use: no shared section 'werkwijz' in leaflets/shared/, so no leaflet can have it (did you mean 'werkwijze'?)"
        ],
    ),
    (
        "placeholder-in-a-name",
        {T: TEAM.replace("name: Team A", "name: Team {practice}").replace("Guido Heerink", "Guido van {team}")},
        [
            "leaflets/teams/team-a.yaml:1: name: '{practice}' would be printed as typed: only titles, headings and texts fill in placeholders (write the name itself here)",
            "leaflets/teams/team-a.yaml:3: therapists[0].name: '{team}' would be printed as typed: only titles, headings and texts fill in placeholders (write the name itself here)",
        ],
    ),
    (
        "email-with-mailto",
        {T: TEAM + "contact:\n  email: mailto:info@praktijk.nl\n"},
        [
            "leaflets/teams/team-a.yaml:6: contact.email: write the e-mail address without 'mailto:', like info@praktijk.nl (the link is made for you)"
        ],
    ),
    (
        "contact-with-an-invisible-character",
        {T: TEAM + "contact:\n  email: info@prak\u200btijk.nl\n  website: https://www.prak\u200btijk.nl\n"},
        [
            "leaflets/teams/team-a.yaml:6: contact.email: has a zero-width space (U+200B) after 'info@prak': invisible, but the address does not work with it (delete it, or retype the text around it)",
            "leaflets/teams/team-a.yaml:7: contact.website: has a zero-width space (U+200B) after 'https://www.prak': invisible, but the address does not work with it (delete it, or retype the text around it)",
        ],
    ),
    (
        "logo-is-a-folder",
        {T: FILES[T] + "logo: styles/images/map.png\nlogo_alt: Logo\n", "styles/images/map.png/logo.png": b"x"},
        ["leaflets/teams/team-a.yaml:7: logo: 'styles/images/map.png' is a folder, not a file (name the file inside it)"],
    ),
    (
        "qr-address-with-a-space",
        {P: QR_PROJECT.replace("example.com/{team}", "example.com/mijn folders/{team}")},
        ["leaflets/project.yaml:13: qr.url: a web address has no spaces: leave them out (or write a space as %20)"],
    ),
    (
        "translated-from-not-a-fingerprint",
        {**ENGLISH, EN_P: "translated_from: gisteren\n" + EN_PROJECT.split("\n", 1)[1]},
        [
            "warning: leaflets/project.en.yaml:1: translated_from: 'gisteren' is not a fingerprint leafletpress wrote, so it cannot tell whether leaflets/project.yaml changed since this translation was made (check that it matches leaflets/project.yaml, then run leafletpress translated leaflets/project.en.yaml (it writes the fingerprint))"
        ],
    ),
    (
        # The sample's styles/ has an Arabic font, loaded only by the Arabic editions' stylesheet: named, since
        # only its @font-face is missing from this edition.
        "letters-a-bundled-font-has-but-the-edition-does-not-load",
        {T: TEAM.replace("Guido Heerink", "Guido \u062d\u0633\u0646")},
        [
            "leaflets/teams/team-a.yaml:3: therapists[0].name: 'ح' (U+062D ARABIC LETTER HAH) and 'س' (U+0633 ARABIC LETTER SEEN) and 'ن' (U+0646 ARABIC LETTER NOON) are in none of the fonts this edition's stylesheets load, so they would print as empty boxes (styles/fonts/NotoNaskhArabic-Regular.ttf has them (styles/arabic.css loads it): add its @font-face to a stylesheet of this edition)"
        ],
    ),
    (
        "translation-that-is-a-copy-of-the-dutch",
        {
            **ENGLISH,
            C: LONGER_CONDITION,
            EN_C: f"translated_from: {_hash('conditions', 'condition', LONGER_CONDITION)}\n" + LONGER_CONDITION,
        },
        [
            "leaflets/conditions/rug.en.yaml:8: sections[0].blocks[0].text: all 2 of its texts are the same as in leaflets/conditions/rug.yaml ('Korte tekst over de rug.'): not translated into 'en' yet, so its editions would print the source's words (translate them into 'en' (names and addresses may stay as they are))"
        ],
        ("team-a/rug.en",),
    ),
    (
        # One text, copied: as untranslated as two.
        "shared-translation-that-is-a-copy",
        {**ENGLISH, EN_S: f"translated_from: {_hash('shared', 'shared', FILES[S])}\n" + FILES[S]},
        [
            "leaflets/shared/werkwijze.en.yaml:4: blocks[0].text: its one text is the same as in leaflets/shared/werkwijze.yaml ('Zo werken wij bij {practice}.'): not translated into 'en' yet, so its editions would print the source's words (translate it into 'en' (names and addresses may stay as they are))"
        ],
        ("team-a/rug.en",),
    ),
    (
        # An address stays as it is in every language: it is no text a translator translates.
        "translation-keeping-an-address",
        {
            **ENGLISH,
            S: FILES[S] + "  - text: Praktijk Test, Voorbeeldstraat 1, 1234 AB Voorbeeldstad\n",
            EN_S: f"translated_from: {_hash('shared', 'shared', FILES[S] + '  - text: Praktijk Test, Voorbeeldstraat 1, 1234 AB Voorbeeldstad' + chr(10))}\n"
            + EN_SHARED.split("\n", 1)[1]
            + "  - text: Praktijk Test, Voorbeeldstraat 1, 1234 AB Voorbeeldstad\n",
        },
        [],
    ),
    (
        # A non-breaking space prints like a space: the reader leaves it to the address check, which names it.
        "email-with-a-non-breaking-space",
        {T: TEAM + "contact:\n  email: info@praktijk.nl\u00a0\n"},
        [
            "leaflets/teams/team-a.yaml:6: contact.email: has a no-break space (U+00A0) in it, and the address does not work with it: delete it and type the address again"
        ],
    ),
    (
        "second-document-in-a-file",
        {C: FILES[C] + "---\ntitle: Knie\n"},
        [
            "leaflets/conditions/rug.yaml:9: is not valid YAML: a second document starts here ('---'), and a content file holds one (remove the '---' line, and move what follows it into a file of its own if it is another leaflet's)"
        ],
    ),
    (
        "merge-key",
        {
            C: "title: Rug\nsections:\n  - &s\n    heading: Aandoening\n    blocks:\n      - text: Tekst.\n  - <<: *s\n    heading: Tweede\n"
        },
        [
            "leaflets/conditions/rug.yaml:7: sections[1]: '<<:' merges the keys of another block in here, which leafletpress does not do (write the keys out here (an alias, *name, for a whole value works))"
        ],
    ),
    (
        # A soft hyphen typed into a heading is a hyphenation point: after: and required_sections still match it.
        "soft-hyphen-in-a-heading-others-name",
        {
            C: FILES[C].replace("heading: Aandoening", "heading: Aan\u00addoening"),
            T: TEAM + "sections:\n  - heading: Sport\n    after: Aandoening\n    blocks:\n      - text: Weer sporten.\n",
            P: FILES[P] + "required_sections:\n  - heading: Aandoening\n  - use: werkwijze\n",
        },
        [],
    ),
    (
        # The placeholder is the mistake: no 'no word for the discipline' in each language on top of it.
        "placeholder-in-a-discipline",
        {**ENGLISH, T: TEAM.replace("[Fysiotherapie]", '[Fysiotherapie, "Arbeid bij {practice}"]')},
        [
            "leaflets/teams/team-a.yaml:4: therapists[0].disciplines[1]: '{practice}' would be printed as typed: only titles, headings and texts fill in placeholders (write the name itself here)"
        ],
        ("team-a/rug", "team-a/rug.en"),
    ),
    (
        # QA: every section hidden by a stylesheet crashed the fit (a body on no panel); one line now.
        "stylesheet-hides-every-section",
        {T: TEAM_CSS, "styles/teams/team-a.css": ".section { display: none; }\n"},
        [
            "leaflets/conditions/rug.yaml:5: sections: none of its 2 sections is printed: the body's panels would be empty (a stylesheet hides them (display: none on .section, main or the like): remove that rule)"
        ],
    ),
    (
        "stylesheet-url-is-a-folder",
        {T: TEAM_CSS, "styles/teams/team-a.css": ".cover { background-image: url(../images); }\n"},
        [
            "styles/teams/team-a.css:1: 'styles/images' refused: is a folder, not a file (fonts and images must be files inside styles/ or leaflets/; paths are relative to this stylesheet)"
        ],
    ),
    (
        # A text file saved over one of a family's fonts: the line of that file's @font-face, the file named.
        "font-file-that-is-text",
        {"styles/fonts/Lato-Bold.ttf": b"Copyright (c) 2010-2014 by tyPoland Lukasz Dziedzic\n"},
        [
            "styles/leaflet.css:13: font 'Lato' cannot be loaded: 'styles/fonts/Lato-Bold.ttf' is not a usable font (use a TTF, OTF or WOFF font file inside styles/)"
        ],
    ),
    (
        "website-without-a-domain",
        {T: TEAM + "contact:\n  website: https://praktijk/\n"},
        [
            "leaflets/teams/team-a.yaml:6: contact.website: expected a web address like https://www.praktijk.nl (no spaces, a name with a dot in it)"
        ],
    ),
]


def write_case(root: Path, files: dict, base: Path | None = None) -> Path:
    """The tiny project (a copy of base, with its build, when given), with the case's files written over it."""
    if base is None:
        make_project(root)
    else:
        shutil.copytree(base, root, symlinks=True)
    outside = root.parent / "OUTSIDE"
    outside.mkdir(exist_ok=True)
    (outside / "extern.yaml").write_text("title: Extern\nsections:\n  - use: werkwijze\n", "utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.unlink()  # the case removes this file
        elif isinstance(text, Link):
            path.symlink_to(Path(str(text).replace("OUTSIDE", str(outside))))
        elif text == BOMB_PNG:
            path.write_bytes(bomb_png())
        elif isinstance(text, tuple):
            Image.new("RGB", text[1:], (11, 110, 105)).save(path)  # a picture of this many pixels
        else:
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def expectations(case) -> tuple[str, dict, list[str], tuple[str, ...]]:
    """(name, files, problem lines, editions that fail); by default the one edition fails on any error."""
    name, files, expected, *rest = case
    failed = rest[0] if rest else (("team-a/rug",) if any(not line.startswith("warning: ") for line in expected) else ())
    return name, files, expected, failed


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """The tiny project after a good build (PDFs, manifest, contact sheet): where every case starts."""
    root = make_project(tmp_path_factory.mktemp("good") / "p")
    report = leafletpress.build(root, jobs=1, index=True)
    assert report.exit_code == 0 and not report.problems, [str(p) for p in report.problems]
    return root


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 60
    assert len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_every_command_gives_the_same_lines_and_counts_and_keeps_the_last_good_pdf(tmp_path, good_build, case):
    name, files, expected, failed = expectations(case)
    root = write_case(tmp_path / "p", files, base=good_build)
    kept = [root / "build" / kind / f"{slug}.pdf" for kind in ("print", "screen") for slug in failed]
    pdfs = {path: path.read_bytes() for path in kept if path.is_file()}
    pages = {
        slug: _page_href(slug) for slug in failed if (root / "build" / "web" / slug.split("/")[0] / _page_href(slug)).is_file()
    }
    exit_code = 1 if any(not line.startswith("warning: ") for line in expected) else 0
    runner = CliRunner()

    built = runner.invoke(main, ["--project", str(root), "build", "--jobs", "1", "--no-proofs"])
    assert "Traceback" not in built.output, built.output
    assert (built.exit_code, built.stderr.splitlines()) == (exit_code, expected), built.output
    assert built.stdout.splitlines()[-1].startswith(f"leafletpress: {'FAILED' if exit_code else 'ok'}: ")
    assert re.search(rf", {len(failed)} failed(, \d+ removed)?; ", built.stdout), built.stdout  # removed: a left edition

    as_json = runner.invoke(main, ["--project", str(root), "build", "--jobs", "1", "--no-proofs", "--format", "json"])
    report = json.loads(as_json.stdout)
    assert (as_json.exit_code, report["exit_code"], report["ok"]) == (exit_code, exit_code, exit_code == 0)
    assert [str(Problem(**problem)) for problem in report["problems"]] == expected
    assert report["summary"]["failed"] == len(failed)
    assert sorted(e["edition"] for e in report["editions"] if e["status"] == "failed") == sorted(failed)

    checked = runner.invoke(main, ["--project", str(root), "check", "--jobs", "1"])
    assert "Traceback" not in checked.output, checked.output
    assert (checked.exit_code, checked.stderr.splitlines()) == (exit_code, expected), checked.output
    assert f", {len(failed)} failed; " in checked.stdout  # check removes nothing

    # The case's files as saved while watching: watch says every problem check does, a warning in a
    # file the save did not touch too (a translation whose source was just changed).
    printed: list[str] = []
    batch = Watcher(root, jobs=1, proofs=None, echo=printed.append).handle([root / name for name in files])
    assert not batch.crash, batch.crash
    assert printed[0].endswith(("changed: " + ", ".join(sorted(files))) if len(files) <= 5 else f"changed: {len(files)} files")
    summary, *lines = printed[-1].splitlines()
    assert lines == [f"  {line}" for line in expected]
    warnings = sum(line.startswith("warning: ") for line in expected)
    assert f"; {len(expected) - warnings} error" in summary and f", {warnings} warning" in summary, summary
    assert sorted(batch.failed) == sorted(failed)

    # A warning in one of an edition's files is that edition's, in the JSON report and the manifest.
    recorded = json.loads((root / "build" / "manifest.json").read_text("utf-8"))
    manifest = recorded["editions"]
    inputs = {name for entry in manifest.values() for name in entry.get("inputs", [])}
    owned = {str(Problem(**problem)) for edition in report["editions"] for problem in edition["problems"]}
    listed = {str(Problem(**problem)) for entry in manifest.values() for problem in entry.get("problems", [])}
    for problem in report["problems"]:
        if problem["severity"] == "warning" and problem["file"] in inputs:
            assert str(Problem(**problem)) in owned & listed, problem
            assert problem not in recorded.get("problems", []), problem
    assert sorted(slug for slug, entry in manifest.items() if entry["status"] == "failed") == sorted(failed)
    for path, data in pdfs.items():
        assert path.read_bytes() == data, f"{path} changed"  # the last good PDFs stay, byte for byte
    for slug, href in pages.items():  # and the last good web page, still listed by the indexes
        team = slug.split("/")[0]
        assert f'href="{href}"' in (root / "build" / "web" / team / "index.html").read_text("utf-8"), slug
        assert f'href="{team}/{href}"' in (root / "build" / "web" / "index.html").read_text("utf-8"), slug
    if "team-a/rug" in failed:
        assert "This edition failed: the PDF and proofs shown are the last good ones" in (root / "build/index.html").read_text()


def _page_href(slug: str) -> str:
    """An edition's page from its team's folder: team-a/rug -> rug/index.html, team-a/rug.en -> rug/en/index.html."""
    condition, _, language = slug.split("/")[1].partition(".")
    return page_href(condition, language)


def test_check_takes_the_editions_build_is_given(tmp_path):
    """A language the web edition has no words in fails both, unless both leave the web edition out."""
    [files] = [case[1] for case in CASES if case[0] == "language-the-web-edition-has-no-words-in"]
    root = write_case(tmp_path / "p", files)
    runner = CliRunner()
    for editions, exit_code in (([], 1), (["--edition", "print", "--edition", "screen"], 0)):
        for command in (["check"], ["build", "--no-proofs"]):
            result = runner.invoke(main, ["--project", str(root), *command, "--jobs", "1", *editions])
            assert result.exit_code == exit_code, (command, editions, result.output)


def test_text_stays_exactly_as_written(tmp_path):
    """YAML 1.1 would make `no` false and 0612345678 a number; the loader keeps the author's text."""
    root = write_case(
        tmp_path,
        {
            C: "title: 1.10\ncover:\n  subtitle: no\nsections:\n  - heading: off\n    blocks:\n      - text: nee\n"
            "      - bullets: [yes, 007, 2024-01-01, ~tilde]\n",
            T: TEAM + "contact:\n  phone: 0612345678\n  address: 1234 AB Enschede\n",
        },
    )
    library = load_library(root)
    assert not library.problems, [str(p) for p in library.problems.sorted()]
    condition = library.conditions["rug"].item
    assert condition.title == "1.10"
    assert condition.cover.subtitle == "no"
    assert condition.sections[0].heading == "off"
    assert condition.sections[0].blocks[0].text == "nee"
    assert condition.sections[0].blocks[1].bullets == ["yes", "007", "2024-01-01", "~tilde"]
    team = library.teams["team-a"].item
    assert team.contact.phone == "0612345678"
    assert team.contact.address == ["1234 AB Enschede"]


def test_several_bad_files_are_reported_in_one_run_sorted(tmp_path):
    root = write_case(
        tmp_path,
        {
            T: TEAM + "contact:\n  email: geen\n",
            C: "title: Rug\ntitle: Rug\n" + SECTIONS,
            S: "heading: Werkwijze\nblok:\n  - text: a\n",
            P: PROJECT + "editions:\n  team-a: all\nfold: z\n",
        },
    )
    problems = [str(p) for p in leafletpress.check(root, jobs=1).problems]
    assert [p.split(":")[0] for p in problems] == [
        "leaflets/conditions/rug.yaml",
        "leaflets/project.yaml",
        "leaflets/shared/werkwijze.yaml",
        "leaflets/teams/team-a.yaml",
    ]
    assert problems == sorted(problems, key=lambda p: (p.split(":")[0], int(p.split(":")[1])))


@pytest.mark.parametrize("name", ["missing-shared", "duplicate-key", "no-therapists", "unknown-fold", "image-bomb"])
def test_a_broken_reference_fails_its_edition_without_a_crash(tmp_path, name):
    """check/build compose editions: a file with errors or a missing shared section must not reach compose."""
    files, expected = next(case[1:] for case in CASES if case[0] == name)
    report = leafletpress.check(write_case(tmp_path, files), jobs=1)
    assert report.exit_code == 1
    assert set(expected) <= {str(p) for p in report.problems}
    assert {r.status for r in report.results} <= {"failed"}


def test_an_edition_that_fails_for_a_broken_shared_section_lists_its_problem(tmp_path):
    """The edition cannot be composed, but what stops it is known: the card, the JSON and the manifest say it."""
    root = write_case(tmp_path / "p", {S: "heading: [\n"})
    report = leafletpress.build(root, jobs=1, index=True)
    [result] = report.results
    assert result.status == "failed" and [p.file for p in result.problems] == [S]
    card = (root / "build" / "index.html").read_text("utf-8")
    assert "leaflets/shared/werkwijze.yaml" in card


def test_broken_file_named_on_the_command_line_shows_its_problems(tmp_path):
    """`--condition rug` when rug.yaml does not load: its own problem, not "no condition 'rug'"."""
    root = write_case(tmp_path, {C: "title: Rug\ntitle: Rug\n" + SECTIONS})
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--condition", "rug", "--jobs", "1"])
    assert result.exit_code == 1
    assert "leaflets/conditions/rug.yaml:2: title: key 'title' appears twice" in result.output
    assert "no condition" not in result.output


@pytest.mark.parametrize(
    "option, value", [("--condition", "../x"), ("--condition", "/etc/passwd"), ("--team", "../../tmp"), ("--team", "/tmp")]
)
def test_a_selection_that_escapes_is_a_usage_error(tmp_path, option, value):
    root = make_project(tmp_path / "p")
    result = CliRunner().invoke(main, ["--project", str(root), "build", option, value, "--jobs", "1"])
    assert result.exit_code == 2
    assert f"no {option[2:]} '{value}'" in result.output
    assert "Traceback" not in result.output
    assert not (root / "build").exists()


def test_output_paths_stay_inside_the_output_folder(tmp_path):
    """Slugs come from file names that must be slugs, so no edition can write outside out/."""
    from leafletpress.compose.edition import matrix
    from leafletpress.outputs import print_path

    root = make_project(tmp_path / "p", {"leaflets/conditions/..yaml": "title: x\n" + SECTIONS, "leaflets/teams/-.yaml": TEAM})
    library = load_library(root)
    assert {str(p) for p in library.problems.sorted()} == {
        "leaflets/conditions/..yaml: file name '..yaml' is not a usable slug: the name before the '.' is empty (rename it using lowercase letters, digits and single hyphens, e.g. 'knie-artrose')",
        "leaflets/teams/-.yaml: file name '-.yaml' is not a usable slug: a hyphen starts or ends it, or follows another (rename it using lowercase letters, digits and single hyphens, e.g. 'knie-artrose')",
    }
    out = tmp_path / "out"
    for team, condition, translation in matrix(library):
        target = print_path(out, team, condition, translation).resolve()
        assert target.is_relative_to(out.resolve())


def test_no_project_folder_says_where_it_looked(tmp_path):
    result = CliRunner().invoke(main, ["--project", str(tmp_path / "nergens"), "build"])
    assert result.exit_code == 1
    assert f"leaflets/project.yaml: project file not found: there is no folder {tmp_path / 'nergens'}" in result.output
    assert "contact sheet" not in result.output
    assert not (tmp_path / "nergens").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("broken", ["missing", "a folder", "renamed"])
def test_a_copy_without_its_project_file_is_that_project_not_the_one_around_it(tmp_path, good_build, monkeypatch, broken):
    """Run inside outer/kopie, whose leaflets/project.yaml is gone: kopie is the project (the nearest folder with
    leaflets/, as git stops at the nearest .git), its missing file one located line; outer is never built or checked."""
    outer = tmp_path / "outer"
    shutil.copytree(good_build, outer, symlinks=True)
    kopie = outer / "kopie"
    shutil.copytree(good_build, kopie, symlinks=True)
    if broken == "renamed":
        (kopie / P).rename(kopie / "leaflets" / "project.yml")
        expected = (
            f"leaflets/project.yaml: project file not found: {kopie / 'leaflets'} has no project.yaml (the file is "
            "named 'project.yml': rename it to project.yaml)"
        )
    elif broken == "a folder":
        (kopie / P).unlink()
        (kopie / P).mkdir()
        expected = (
            f"leaflets/project.yaml: the project file is a folder: {kopie / P} (move that folder out of leaflets/, and "
            "put the project file (a YAML file) in its place)"
        )
    else:
        (kopie / P).unlink()
        expected = (
            f"leaflets/project.yaml: project file not found: {kopie / 'leaflets'} has no project.yaml (copy it back into "
            "leaflets/ from a backup or from the project this folder was copied from, or start from the one that "
            "leafletpress new project NEW-FOLDER writes)"
        )
    before = {folder: _tree(folder / "build") for folder in (outer, kopie)}
    monkeypatch.chdir(kopie / "leaflets" / "conditions")  # anywhere inside the copy
    runner = CliRunner()
    for command in (["check"], ["build", "--no-proofs"], ["list"]):
        result = runner.invoke(main, [*command, "--jobs", "1"] if command != ["list"] else command)
        assert (result.exit_code, result.stderr.splitlines()) == (1, [expected]), (command, result.output)
    as_json = json.loads(runner.invoke(main, ["build", "--format", "json"]).stdout)
    assert [str(Problem(**problem)) for problem in as_json["problems"]] == [expected]
    assert (as_json["exit_code"], as_json["summary"]["editions"]) == (1, 0)
    printed: list[str] = []
    batch = Watcher(kopie, jobs=1, proofs=None, echo=printed.append).handle([kopie / P])
    assert not batch.crash and printed[-1].splitlines()[1:] == [f"  {expected}"], printed
    assert {folder: _tree(folder / "build") for folder in (outer, kopie)} == before  # no PDF touched, in either


def test_the_project_is_the_nearest_folder_with_leaflets(tmp_path):
    from leafletpress.content.library import find_project

    (tmp_path / "outer" / "leaflets").mkdir(parents=True)
    (tmp_path / "outer" / "leaflets" / "project.yaml").write_text(FILES[P], "utf-8")
    inner = tmp_path / "outer" / "kopie"
    (inner / "leaflets" / "conditions").mkdir(parents=True)
    assert find_project(inner / "leaflets" / "conditions") == inner  # its own, though it has no project.yaml
    assert find_project(tmp_path / "outer" / "styles") == tmp_path / "outer"


def test_an_empty_leaflets_folder_inside_a_project_points_to_the_project(tmp_path, monkeypatch):
    """QA: an empty leaflets/ made by mistake in styles/images/ was taken for a project missing its file."""
    root = write_case(tmp_path / "p", {})
    (root / "styles" / "images" / "leaflets").mkdir()
    monkeypatch.chdir(root / "styles" / "images")
    result = CliRunner().invoke(main, ["check", "--jobs", "1"])
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            f"leaflets/project.yaml: project file not found: {root / 'styles/images/leaflets'} is an empty folder, and "
            f"the project is {root} (run leafletpress in {root} (or pass --project {root}), or remove the empty "
            "leaflets/ folder here)"
        ],
    )
