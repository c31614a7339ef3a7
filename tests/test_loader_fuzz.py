"""Property: whatever a content file holds, the loader gives a valid model or clean problems, never a crash."""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leafletpress.content.load import load_library
from leafletpress.content.yamlfile import read_yaml
from leafletpress.problems import ContentError, Problem

from .minimal_project import CONDITION, PROJECT, TEAM, make_project

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Keys the models know, so random documents get past "unknown key" and reach the deeper checks.
KEYS = [
    "title",
    "cover",
    "subtitle",
    "image",
    "image_alt",
    "sections",
    "heading",
    "blocks",
    "text",
    "bullets",
    "steps",
    "note",
    "use",
    "new_panel",
    "name",
    "therapists",
    "disciplines",
    "contact",
    "phone",
    "email",
    "website",
    "address",
    "practice",
    "back",
    "editions",
    "fold",
    "stylesheets",
    "stylesheet",
    "logo",
    "all",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(
        [
            "no",
            "nee",
            "off",
            "0612345678",
            "werkwijze",
            "rug",
            "team-a",
            "all",
            "{practice}",
            "{x}",
            "[a](javascript:x)",
            "*",
            "../x",
            "/etc/hostname",
            "styles/leaflet.css",
            "",
        ]
    ),
    st.text(max_size=20),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(string.ascii_letters, max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("fuzz"))


def assert_clean(problems) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file and problem.message
        assert "Traceback" not in str(problem)
        # one line, without the parser's own place ('in "<unicode string>", position 1503'): the line says where
        assert "\n" not in problem.message and "\n" not in problem.hint, problem
        assert not re.search(r"position \d+|<unicode string>|line \d+, column \d+", str(problem)), problem


@FAST
@given(text=st.text(max_size=300))
def test_any_text_reads_or_gives_problems(project, text):
    path = project / "x.yaml"
    path.write_text(text, "utf-8")
    try:
        read_yaml(path, "x.yaml")
    except ContentError as exc:
        assert exc.problems
        assert_clean(exc.problems)


# Characters pasted from Word, a PDF or a web page, among YAML's own punctuation.
PASTED = st.sampled_from([*"\x00\x0b\x0c\x1b\x7f\x85\x92\u2028\u2029\u200b\u200d\u200f\ufeff\ufffe", "a", ": ", "\n", "- ", '"'])


@FAST
@given(text=st.lists(PASTED, max_size=40).map("".join))
def test_pasted_characters_give_one_line_problems(project, text):
    path = project / "x.yaml"
    path.write_text(text, "utf-8")
    try:
        doc = read_yaml(path, "x.yaml")
        assert_clean(doc.problems)
    except ContentError as exc:
        assert exc.problems
        assert_clean(exc.problems)


@FAST
@given(data=st.binary(max_size=200))
def test_any_bytes_read_or_give_problems(project, data):
    path = project / "x.yaml"
    path.write_bytes(data)
    try:
        read_yaml(path, "x.yaml")
    except ContentError as exc:
        assert_clean(exc.problems)


@FAST
@given(document=DOCUMENTS, file=st.sampled_from([CONDITION, TEAM, PROJECT]))
def test_any_yaml_structure_loads_or_gives_problems(project, document, file):
    original = (project / file).read_text()
    try:
        (project / file).write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
        library = load_library(project)
        assert_clean(library.problems.items)
        if not library.problems.errors:
            assert library.project is not None and library.conditions and library.teams
    finally:
        (project / file).write_text(original)


@FAST
@given(text=st.lists(st.sampled_from([*" :-\n\t#&*[]{}|>'\"!%@`,?", "a", "title", "sections", "  - "]), max_size=40).map("".join))
def test_yaml_punctuation_soup_loads_or_gives_problems(project, text):
    original = (project / CONDITION).read_text()
    try:
        (project / CONDITION).write_text(text, "utf-8")
        library = load_library(project)
        assert_clean(library.problems.items)
    finally:
        (project / CONDITION).write_text(original)
