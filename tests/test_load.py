"""Validation: each malformed content file gives one located, readable line."""

from __future__ import annotations

import pytest

from leafletpress.content.load import load_library

GOOD_CONDITION = """title: Proef
sections:
  - heading: Aandoening
    blocks:
      - text: Uitleg.
"""

CASES = {
    "unknown key with did-you-mean": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("title:", "titel:"),
        # one line: the misspelt key, not also "required key 'title' is missing"
        ["leaflets/conditions/proef.yaml:1: titel: unknown key 'titel' (did you mean 'title'?)"],
    ),
    "missing sections": (
        "conditions/proef.yaml",
        "title: Proef\n",
        ["leaflets/conditions/proef.yaml:1: sections: required key 'sections' is missing"],
    ),
    "text where a list is meant": (
        "conditions/proef.yaml",
        "title: Proef\nsections: Aandoening\n",
        [
            "leaflets/conditions/proef.yaml:2: sections: expected a list (lines starting with '- '), got the text 'Aandoening' "
            "(write each item on its own line starting with '- ')"
        ],
    ),
    "missing shared section": (
        "conditions/proef.yaml",
        GOOD_CONDITION + "  - use: werkwijz\n",
        [
            "leaflets/conditions/proef.yaml:6: sections[1].use: no shared section 'werkwijz' in leaflets/shared/ (did you mean 'werkwijze'?)"
        ],
    ),
    "block with two kinds": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("      - text: Uitleg.\n", "      - text: Uitleg.\n        note: Let op.\n"),
        [
            "leaflets/conditions/proef.yaml:5: sections[0].blocks[0]: a block has exactly one of 'text', 'bullets', 'steps' or 'note', this one has text, note"
        ],
    ),
    "empty heading": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("heading: Aandoening", 'heading: ""'),
        ["leaflets/conditions/proef.yaml:3: sections[0].heading: must not be empty (write some text, or remove the key)"],
    ),
    "duplicate key": (
        "conditions/proef.yaml",
        GOOD_CONDITION + "title: Nogmaals\n",
        [
            "leaflets/conditions/proef.yaml:6: title: key 'title' appears twice (first on line 1) (remove one of them; YAML would silently keep only the last)"
        ],
    ),
    "tab indentation": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("    blocks:", "\tblocks:"),
        [
            "leaflets/conditions/proef.yaml:4: line is indented with a tab (YAML indents with spaces only: replace the tab by spaces)"
        ],
    ),
    "unclosed quote": (
        "conditions/proef.yaml",
        'title: "Proef\nsections: []\n',
        [
            "leaflets/conditions/proef.yaml:1: is not valid YAML: a quote opened on this line is never closed (add the closing quote at the end of the text)"
        ],
    ),
    "colon in unquoted text": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("Uitleg.", "Let op: dit is belangrijk: echt"),
        [
            "leaflets/conditions/proef.yaml:5: is not valid YAML: a ': ' inside a value (a value containing ': ' must be put in quotes)"
        ],
    ),
    "unknown placeholder": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("Uitleg.", "Welkom bij {praktijk}."),
        [
            "leaflets/conditions/proef.yaml:5: sections[0].blocks[0].text: unknown placeholder '{praktijk}' (did you mean 'practice'?)"
        ],
    ),
    "link to a file": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("Uitleg.", "Zie [hier](file:///etc/passwd)."),
        [
            "leaflets/conditions/proef.yaml:5: sections[0].blocks[0].text: link 'file:///etc/passwd' is not allowed: links start with "
            "https://, http://, mailto: or tel: (remove the link or use a web address)"
        ],
    ),
    "team without therapists": (
        "teams/klein.yaml",
        "name: Team Klein\ntherapists: []\n",
        ["leaflets/teams/klein.yaml:2: therapists: must not be empty (add at least one item: a line starting with '- ')"],
    ),
    "bad e-mail": (
        "teams/klein.yaml",
        "name: Team Klein\ntherapists:\n  - name: Paul Nip\n    disciplines: [Fysiotherapie]\ncontact:\n  email: info-at-fysiofits\n",
        ["leaflets/teams/klein.yaml:6: contact.email: expected an e-mail address like info@praktijk.nl"],
    ),
    "yes/no field with Dutch answer": (
        "conditions/proef.yaml",
        GOOD_CONDITION.replace("  - heading: Aandoening\n", "  - heading: Aandoening\n    new_panel: nee\n"),
        ["leaflets/conditions/proef.yaml:4: sections[0].new_panel: expected yes or no (true/false), got 'nee'"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_malformed_file_gives_its_one_line_error(project, case):
    name, text, expected = CASES[case]
    (project / "leaflets" / name).write_text(text, "utf-8")
    library = load_library(project)
    # The sample's house rules (required_sections) warn about these one-section leaflets; the errors are the point here.
    assert [str(p) for p in library.problems.sorted() if p.is_error] == expected


def test_several_bad_files_are_all_reported_sorted(project):
    for slug in ("b-proef", "a-proef"):
        (project / "leaflets" / "conditions" / f"{slug}.yaml").write_text("titel: x\nsections: []\n", "utf-8")
    lines = [str(p) for p in load_library(project).problems.sorted() if p.is_error]
    # each: the unknown key 'titel' (its did-you-mean stands for the missing 'title') and the empty sections
    assert [line.split(":")[0] for line in lines] == ["leaflets/conditions/a-proef.yaml"] * 2 + [
        "leaflets/conditions/b-proef.yaml"
    ] * 2


def test_text_that_yaml_11_would_change_is_kept_as_written(project):
    (project / "leaflets" / "conditions" / "proef.yaml").write_text(
        GOOD_CONDITION.replace("title: Proef", "title: Proef\ncover:\n  subtitle: no"), "utf-8"
    )
    team = project / "leaflets/teams/fysiofits.yaml"
    team.write_text(team.read_text("utf-8").replace('phone: "012 345 67 89"', "phone: 0612345678"), "utf-8")
    library = load_library(project)
    assert not library.problems.errors
    assert library.conditions["proef"].item.cover.subtitle == "no"
    assert library.teams["fysiofits"].item.contact.phone == "0612345678"
