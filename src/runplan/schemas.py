"""JSON Schemas for the files runplan reads: a profile, a catalogue and a plan.

Each schema accepts what the loader accepts and no more: weekday names come as ``sun`` or
``Sunday`` in any case, and ``run_time`` may be a time or a mapping of weekdays (and
``default``) to times. ``profile.schema.json`` and ``exercises.schema.json`` ship in the
wheel; ``runplan schema profile|catalogue|plan`` prints them.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
from typing import Any

from pydantic import BaseModel

from .catalogue import catalogue_schema
from .plan import Plan
from .profile import RunnerProfile, Weekday

__all__ = ["SCHEMAS", "plan_schema", "profile_schema", "schema"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in word)


def _weekday_pattern() -> str:
    days = []
    for day in Weekday:
        rest = day.title.lower()[len(day.value) :]
        days.append(f"{_any_case(day.value)}({_any_case(rest)})?")
    return rf"^\s*({'|'.join(days)})\s*$"


def _weekday_schema() -> dict[str, Any]:
    return {
        "title": "Weekday",
        "description": "A day of the week: mon..sun or monday..sunday, in any case.",
        "anyOf": [
            {"enum": [d.value for d in Weekday]},
            {"type": "string", "pattern": _weekday_pattern()},
        ],
    }


def _field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring under each field of ``model`` (and its bases), by field name."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError):  # pragma: no cover - source not shipped
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in itertools.pairwise(body):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _describe(target: dict[str, Any], model: type[BaseModel]) -> None:
    """Add each field's docstring as its description, so editors show it."""
    for name, doc in _field_docs(model).items():
        prop = target.get("properties", {}).get(name)
        if prop is not None and "description" not in prop:
            prop["description"] = doc


def _times_by_day(schema: dict[str, Any]) -> None:
    """``run_time`` and ``strength_time`` also take ``{default: "07:00", sat: "08:30"}``."""
    default_key = {"type": "string", "pattern": rf"^{_any_case('default')}$"}
    for name in ("run_time", "strength_time"):
        prop = schema["properties"][name]
        one_time = {k: v for k, v in prop.items() if k in ("type", "format")}
        schema["properties"][name] = {
            **{k: v for k, v in prop.items() if k not in ("type", "format")},
            "anyOf": [
                one_time,
                {
                    "type": "object",
                    "propertyNames": {"anyOf": [default_key, {"$ref": "#/$defs/Weekday"}]},
                    "additionalProperties": one_time,
                },
            ],
        }


def profile_schema() -> dict[str, Any]:
    """The JSON Schema of a runner profile file (YAML or JSON)."""
    schema = RunnerProfile.model_json_schema()
    schema["title"] = "runplan runner profile"
    _describe(schema, RunnerProfile)
    schema["$defs"]["Weekday"] = _weekday_schema()
    _times_by_day(schema)
    schema["$schema"] = _DRAFT
    return schema


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file (what ``runplan plan -o plan.json`` writes)."""
    from .plan import Block, PaceRange, Prescription, RepeatStep, RunSpec, RunStep, Session, Week

    schema = Plan.model_json_schema()
    schema["title"] = "runplan plan"
    _describe(schema, Plan)
    models: list[type[BaseModel]] = [
        RunnerProfile, Week, Session, RunSpec, RunStep, RepeatStep, PaceRange, Block, Prescription,
    ]  # fmt: skip
    for model in models:
        _describe(schema["$defs"][model.__name__], model)
    schema["$defs"]["Weekday"] = _weekday_schema()
    _times_by_day(schema["$defs"]["RunnerProfile"])
    schema["$schema"] = _DRAFT
    return schema


#: The schemas ``runplan schema`` prints, by name.
SCHEMAS = {"profile": profile_schema, "catalogue": catalogue_schema, "plan": plan_schema}


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name``: profile, catalogue or plan.

    Raises:
        KeyError: no schema has that name.
    """
    return SCHEMAS[name]()
