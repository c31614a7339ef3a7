"""The JSON Schemas in leaflets/schema/ are current, match what the loader accepts, and are referenced by every file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from leafletpress.cli import main
from leafletpress.content import model, schema
from leafletpress.content.yamlfile import read_yaml

from .helpers import REPO


def _files(folder: str, translations: bool) -> list[str]:
    """A folder's sample files, or its translations (<slug>.<lang>.yaml) only."""
    paths = (REPO / "leaflets" / folder).glob("*.yaml")
    return sorted(p.relative_to(REPO).as_posix() for p in paths if ("." in p.stem) == translations)


SAMPLES = {
    "project": ["leaflets/project.yaml"],
    "condition": _files("conditions", False),
    "shared": _files("shared", False),
    "team": _files("teams", False),
    "project-translation": sorted(p.relative_to(REPO).as_posix() for p in (REPO / "leaflets").glob("project.*.yaml")),
    "condition-translation": _files("conditions", True),
    "shared-translation": _files("shared", True),
}
ALL_SAMPLES = [(kind, file) for kind, files in SAMPLES.items() for file in files]


def validator(kind: str) -> jsonschema.Draft202012Validator:
    committed = json.loads((REPO / "leaflets" / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(committed)
    return jsonschema.Draft202012Validator(committed)


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars the way a YAML 1.2 editor does (yaml-language-server): true/false, numbers, null; 'yes' is text."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def test_committed_schemas_are_current():
    stale = schema.stale_schemas(REPO)
    assert not stale, (
        f"leaflets/schema/ is out of date with model.py for {', '.join(stale)}: "
        "run `leafletpress schema` (or `.venv/bin/leafletpress schema`) and commit leaflets/schema/"
    )


@pytest.mark.parametrize("kind,file", ALL_SAMPLES)
def test_every_sample_file_names_its_schema_on_the_first_line(kind, file):
    first = (REPO / file).read_text("utf-8").splitlines()[0]
    relative = "schema" if file.startswith("leaflets/project.") else "../schema"
    assert first == f"# yaml-language-server: $schema={relative}/{kind}.schema.json"
    assert (REPO / file).parent.joinpath(relative, f"{kind}.schema.json").resolve().is_file()


@pytest.mark.parametrize("kind,file", ALL_SAMPLES)
def test_every_sample_file_validates_as_loaded_and_as_an_editor_reads_it(kind, file):
    check = validator(kind)
    as_loaded = read_yaml(REPO / file, file).data
    assert [e.message for e in check.iter_errors(as_loaded)] == []
    as_editor_reads = yaml.load((REPO / file).read_text("utf-8"), Loader=Yaml12Loader)
    assert [e.message for e in check.iter_errors(as_editor_reads)] == []


TEXT_BLOCK = [{"text": "Een alinea."}]
CASES = [
    # (kind, document as the loader gives it (all text), accepted?)
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK}, True),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "new_panel": "yes"}, True),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "new_panel": "True"}, True),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "new_panel": "0"}, True),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "new_panel": "ja"}, False),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "new_panel": "maybe"}, False),
    ("shared", {"heading": "Kop", "blocks": TEXT_BLOCK, "colour": "rood"}, False),
    ("shared", {"heading": "", "blocks": TEXT_BLOCK}, False),
    ("shared", {"heading": "Kop", "blocks": []}, False),
    ("shared", {"heading": "Kop", "blocks": [{"text": "a", "note": "b"}]}, False),
    ("shared", {"heading": "Kop", "blocks": [{}]}, False),
    ("shared", {"heading": "Kop", "blocks": [{"txt": "a"}]}, False),
    ("shared", {"blocks": TEXT_BLOCK}, False),
    ("condition", {"title": "Knie", "sections": [{"use": "werkwijze"}]}, True),
    ("condition", {"title": "Knie", "sections": [{"heading": "Kop", "blocks": TEXT_BLOCK}]}, True),
    ("condition", {"title": "Knie", "sections": [{"use": "werkwijze", "heading": "Kop"}]}, False),
    ("condition", {"title": "Knie", "sections": [{"heading": "Kop"}]}, False),
    ("condition", {"title": "Knie", "sections": []}, False),
    ("condition", {"sections": [{"use": "werkwijze"}]}, False),
    ("condition", {"title": "Knie", "cover": {"subtitle": "s", "picture": "x.png"}, "sections": [{"use": "w"}]}, False),
    ("team", {"name": "T", "therapists": [{"name": "A", "disciplines": ["Fysiotherapie"]}]}, True),
    ("team", {"name": "T", "therapists": [{"name": "A", "disciplines": ["F"]}], "contact": {"address": "Straat 1"}}, True),
    ("team", {"name": "T", "therapists": [{"name": "A", "disciplines": ["F"]}], "contact": {"phone": "012"}}, True),
    ("team", {"name": "T", "therapists": []}, False),
    ("team", {"name": "T", "therapists": [{"name": "A"}]}, False),
    (
        "team",
        {
            "name": "T",
            "therapists": [{"name": "A", "disciplines": ["F"]}],
            "sections": [{"heading": "Kop", "blocks": TEXT_BLOCK, "conditions": "all"}],
        },
        True,
    ),
    (
        "team",
        {
            "name": "T",
            "therapists": [{"name": "A", "disciplines": ["F"]}],
            "sections": [{"heading": "Kop", "blocks": TEXT_BLOCK, "conditions": "some"}],
        },
        False,
    ),
    ("project", {"practice": {"name": "P"}, "back": {"heading": "Kop", "blocks": TEXT_BLOCK}}, True),
    (
        "project",
        {"practice": {"name": "P"}, "back": {"heading": "Kop", "blocks": TEXT_BLOCK}, "editions": {"t": "all", "u": ["knie"]}},
        True,
    ),
    ("project", {"practice": {"name": "P"}}, False),
    ("project", {"practice": {"name": "P"}, "back": {"heading": "Kop", "blocks": TEXT_BLOCK}, "fold": "z-fold"}, False),
    ("project", {"practice": {"name": "P"}, "back": {"heading": "Kop", "blocks": TEXT_BLOCK}, "editions": {"t": "some"}}, False),
]


@pytest.mark.parametrize("kind,document,accepted", CASES)
def test_schema_agrees_with_the_model(kind, document, accepted):
    by_schema = validator(kind).is_valid(document)
    assert by_schema == accepted
    if kind == "project" and document.get("fold") == "z-fold":
        return  # an unknown fold passes the model and is refused by load's cross-checks, as the schema refuses it
    try:
        model.KINDS[kind].model_validate(document)
        by_model = True
    except ValidationError:
        by_model = False
    assert by_model == accepted


def test_an_editor_sees_unquoted_numbers_and_booleans_as_such_and_the_schema_still_accepts_them():
    text = "heading: 2024\nnew_panel: true\nblocks:\n  - text: 12\n  - bullets: [true, 3.5]\n"
    assert validator("shared").is_valid(yaml.load(text, Loader=Yaml12Loader))


def test_schema_command_writes_then_reports_staleness(tmp_path: Path):
    (tmp_path / "leaflets").mkdir()
    runner = CliRunner()
    stale = runner.invoke(main, ["-C", str(tmp_path), "schema", "--check"])
    assert stale.exit_code == 1
    assert "run 'leafletpress schema'" in stale.output
    written = runner.invoke(main, ["-C", str(tmp_path), "schema"])
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in (tmp_path / "leaflets" / "schema").iterdir()) == sorted(
        f"{kind}.schema.json" for kind in schema.SCHEMA_KINDS
    )
    again = runner.invoke(main, ["-C", str(tmp_path), "schema"])
    assert "0 schemas written, 8 unchanged" in again.output
    assert runner.invoke(main, ["-C", str(tmp_path), "schema", "--check"]).exit_code == 0
