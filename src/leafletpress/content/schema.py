"""JSON Schema for each content file kind, generated from the content model, for editors and other tools.

The schema describes what the loader accepts, not what a YAML 1.2 editor sees: the loader reads
every scalar as text (yamlfile.py), so an unquoted `12` or `true` in a text field is fine, and a
yes/no field takes the words pydantic turns into a bool.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..fold import FOLDS
from ..problems import Problems
from .folds import load_folds
from .model import KINDS, TRANSLATION_KINDS

# Every kind of content file: the sources, and their translations (<slug>.<lang>.yaml: condition-translation, ...).
SCHEMA_KINDS = KINDS | {f"{kind}-translation": cls for kind, cls in TRANSLATION_KINDS.items()}

SCHEMA_DIR = Path("leaflets") / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The words pydantic accepts for a bool, in any letter case.
BOOL_WORDS = ("true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0")


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)


class LoaderSchema(GenerateJsonSchema):
    """Pydantic's schema generator, with text and yes/no fields as lenient as the loader is."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        result = super().str_schema(schema)
        # An editor reads unquoted 12 or true as a number or bool; the loader reads them as text.
        result["type"] = ["string", "number", "boolean"]
        return result

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        return self._number(super().float_schema(schema), r"^[-+]?(\d+\.?\d*|\.\d+)$")

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return self._number(super().int_schema(schema), r"^[-+]?\d+$")

    @staticmethod
    def _number(result: JsonSchemaValue, pattern: str) -> JsonSchemaValue:
        # The loader reads every value as text and the model converts it: a number may come as either.
        return {"anyOf": [result, {"type": "string", "pattern": pattern}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        words = "|".join(_any_case(w) for w in BOOL_WORDS)
        # errorMessage/patternErrorMessage: what VS Code's YAML extension shows instead of "Expected boolean".
        message = "expected yes or no: true/false, yes/no, on/off or 1/0 ('ja'/'nee' are not understood)"
        return {
            "anyOf": [
                {"type": "boolean", "errorMessage": message},
                {"type": "string", "pattern": f"^({words})$", "patternErrorMessage": message},
            ]
        }


def schema_for(kind: str, folds: list[str] | None = None) -> dict:
    """The JSON Schema of one content file kind: project, condition, shared or team.

    folds: the fold names a project may use (default: the built-in ones); the editor offers them.
    """
    cls = SCHEMA_KINDS[kind]
    result = {"$schema": DIALECT, "$id": f"{kind}.schema.json"}
    result.update(cls.model_json_schema(by_alias=True, schema_generator=LoaderSchema))
    result["title"] = f"leafletpress {kind.replace('-', ' ')} file"
    fold = result.get("properties", {}).get("fold")
    names = sorted(FOLDS) if folds is None else sorted(folds)
    if kind == "project" and fold is not None:
        fold["enum"] = names
    elif kind == "condition" and fold is not None:
        fold["anyOf"] = [{"enum": names}, {"type": "null"}]
    return result


def fold_names(root: Path) -> list[str]:
    """The folds a project may name: the built-in ones and those of its leaflets/folds.yaml that load."""
    return sorted(load_folds(root, Problems()).folds)


def schema_text(kind: str, folds: list[str] | None = None) -> str:
    """The schema as written to disk: stable key order, one trailing newline."""
    return json.dumps(schema_for(kind, folds), indent=2, ensure_ascii=False) + "\n"


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / f"{kind}.schema.json"


def stale_schemas(root: Path) -> list[str]:
    """The kinds whose committed schema under leaflets/schema/ differs from the model."""
    stale = []
    folds = fold_names(root)
    for kind in SCHEMA_KINDS:
        path = schema_path(root, kind)
        if not path.is_file() or path.read_text("utf-8") != schema_text(kind, folds):
            stale.append(kind)
    return stale


def write_schemas(root: Path) -> list[Path]:
    """Write every kind's schema under root/leaflets/schema/; returns the files that changed."""
    changed = []
    folds = fold_names(root)
    for kind in SCHEMA_KINDS:
        path = schema_path(root, kind)
        text = schema_text(kind, folds)
        if path.is_file() and path.read_text("utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        changed.append(path)
    return changed
