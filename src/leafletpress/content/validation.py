"""Pydantic's validation errors as one located line each, in the words of a content author."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from ..languages import LANGUAGE_HELP, LANGUAGE_RE
from ..problems import Problem, did_you_mean
from .yamlfile import YamlDocument, dotted


def describe(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "nothing"
    text = " ".join(str(value).split())
    return f"the text '{text[:60]}...'" if len(text) > 60 else f"the text '{text}'"


def translate(exc: ValidationError, doc: YamlDocument, cls: type[BaseModel]) -> list[Problem]:
    """Pydantic's errors as one located line each, in the words of a content author."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _user_path(error["loc"], doc)
        kind, given = error["type"], error.get("input")
        line = doc.line_of(loc)
        hint = ""
        if kind == "extra_forbidden":
            allowed = _fields_at(cls, loc[:-1])
            message = f"unknown key '{loc[-1]}'"
            hint = did_you_mean(loc[-1], allowed) or (f"allowed here: {', '.join(allowed)}" if allowed else "")
        elif kind == "missing":
            message = f"required key '{loc[-1]}' is missing"
            line = doc.line_of(loc[:-1])
            loc = loc[:-1] + (loc[-1],)
        elif kind in ("string_type",):
            message = f"expected text, got {describe(given)}"
            if isinstance(given, dict):
                hint = "a ': ' inside text makes YAML read 'key: value'; put the whole text in quotes"
            elif isinstance(given, list):
                hint = "text in [ ] is read as a list; put the whole text in quotes"
        elif kind in ("list_type",):
            message = f"expected a list (lines starting with '- '), got {describe(given)}"
            if isinstance(given, str):
                hint = "write each item on its own line starting with '- '"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = f"expected keys (name: value), got {describe(given)}"
        elif kind in ("float_parsing", "int_parsing", "int_from_float", "finite_number"):
            message = f"expected a number, got {describe(given)}"
            hint = "write the number alone, in mm, without a unit; decimals with a point: 2.5"
        elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            bound = {"greater_than": "more than", "greater_than_equal": "at least", "less_than": "less than"}
            limit = next(iter(error["ctx"].values()))
            message = f"must be {bound.get(kind, 'at most')} {limit}, got {given}"
        elif kind == "bool_parsing":
            message = f"expected yes or no (true/false), got '{given}'"
        elif kind in ("too_short", "string_too_short"):
            message = "must not be empty"
            if isinstance(given, list):
                hint = "add at least one item: a line starting with '- '"
            else:
                hint = "write some text" if _required(cls, loc) else "write some text, or remove the key"
        elif kind == "literal_error":
            message = f"expected {error['ctx']['expected']}, got {describe(given)}"
        elif kind == "value_error":
            message = str(error["ctx"]["error"])
        elif kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == LANGUAGE_RE:
            message = f"expected {LANGUAGE_HELP}, got {describe(given)}"
        else:
            message = error["msg"][0].lower() + error["msg"][1:]
        problems.append(Problem(doc.file, line, dotted(loc), message, hint))
    # A misspelt required key is reported once, as the unknown key with its did-you-mean.
    suggested = {
        (p.field.rpartition(".")[0], p.hint.split("'")[1])
        for p in problems
        if p.message.startswith("unknown key") and p.hint.startswith("did you mean")
    }
    problems = [
        p
        for p in problems
        if not (p.message.startswith("required key") and (p.field.rpartition(".")[0], p.field.rpartition(".")[2]) in suggested)
    ]
    # A union (a list, or keys with lists) reports each branch; where one got inside the value, the
    # other's complaint about the value's shape is noise.
    deeper = {p.field for p in problems}
    problems = [
        p
        for p in problems
        if not (
            p.message.startswith(("expected keys", "expected a list"))
            and any(f.startswith((p.field + "[", p.field + ".")) for f in deeper)
        )
    ]
    # A union of 'all' or a list reports both branches; keep the most useful one per place.
    unique = {}
    for problem in problems:
        unique.setdefault((problem.line, problem.field), problem)
    return list(unique.values())


_PYDANTIC_TAGS = ("function-after", "str", "list[str]", "literal['all']")


def _user_path(loc: tuple, doc: YamlDocument) -> tuple:
    """Pydantic's error location without its own tags for union branches ('list[str]', ...): keys and indices only.

    A part that is a key of the document is kept whatever it looks like (a key may be ':[').
    """
    path: tuple = ()
    for part in loc:
        if isinstance(part, int) or path + (part,) in doc.lines:
            path += (part,)
        elif not ("[" in part or part in _PYDANTIC_TAGS):
            path += (part,)  # a missing key, named by the model
    return path


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at a field path, for did-you-mean suggestions."""
    current = cls
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = _keys(current).get(part)
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
        if current is None:
            return []
    return list(_keys(current))


def _keys(cls: type[BaseModel]) -> dict:
    """A model's fields by the key a file uses for them (its alias: 'print' for print_settings)."""
    return {info.alias or name: info for name, info in cls.model_fields.items()}


def _required(cls: type[BaseModel], loc: tuple) -> bool:
    """Whether the key at a field path must be given (so removing it is no way out)."""
    current = cls
    for part in [p for p in loc[:-1] if not isinstance(p, int)]:
        field_info = current.model_fields.get(part)
        current = _model_in(field_info.annotation) if field_info is not None else None
        if current is None:
            return False
    field_info = current.model_fields.get(loc[-1]) if loc else None
    return bool(field_info and field_info.is_required())


def _model_in(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
