"""The JSON Schemas: committed files match the models, every example validates against the
schema its first line names, and a schema accepts what the loader accepts and no more."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import runplan
from runplan import ProfileError, RunnerProfile, build_plan
from runplan.schemas import plan_schema, profile_schema

from .conftest import ROOT
from .profiles import example

EXAMPLE_FILES = sorted((ROOT / "examples").glob("*.yaml"))


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _valid(schema: dict[str, Any], data: Any) -> bool:
    return _validator(schema).is_valid(data)


def test_committed_profile_schema_matches_the_models() -> None:
    committed = json.loads((ROOT / "profile.schema.json").read_text(encoding="utf-8"))
    assert committed == profile_schema(), (
        "profile.schema.json is stale: regenerate it with "
        "PYTHONPATH=src python -m runplan schema profile > profile.schema.json"
    )


def test_the_wheel_ships_both_schemas() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"profile.schema.json" = "runplan/profile.schema.json"' in text
    assert '"exercises.schema.json" = "runplan/exercises.schema.json"' in text


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_names_its_schema_and_validates(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} must start with its schema line"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.name in ("profile.schema.json", "exercises.schema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # An editor reads YAML dates as strings, as JSON Schema sees them.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    errors = [e.message for e in _validator(schema).iter_errors(data)]
    assert errors == []


def test_a_built_plan_validates_against_the_plan_schema() -> None:
    plan = build_plan(example("half_marathon_race"))
    assert _valid(plan_schema(), json.loads(plan.model_dump_json()))
    assert not _valid(plan_schema(), {"weeks": []})


BASE = {"start_date": "2026-03-02", "weekly_distance": 20}


@pytest.mark.parametrize(
    "day", ["sun", "Sun", "SUN", "sunday", "Sunday", "SUNDAY", "sUnDaY", " sunday "]
)
def test_schema_and_loader_both_accept_weekday_spellings(day: str) -> None:
    data = {**BASE, "run_days": ["tue", "thu", day], "long_run_day": day}
    assert RunnerProfile.from_data(data).long_run_day is runplan.Weekday.SUN
    assert _valid(profile_schema(), data)
    by_day = {**BASE, "run_time_by_day": {day: "08:00"}, "run_time": {"default": "07:00"}}
    assert RunnerProfile.from_data(by_day).run_time_on(runplan.Weekday.SUN).hour == 8
    assert _valid(profile_schema(), by_day)


@pytest.mark.parametrize("day", ["su", "sund", "sundays", "sonntag", "7", ""])
def test_schema_and_loader_both_refuse_other_weekday_spellings(day: str) -> None:
    data = {**BASE, "run_days": ["tue", "thu", day], "long_run_day": "tue"}
    with pytest.raises(ProfileError):
        RunnerProfile.from_data(data)
    assert not _valid(profile_schema(), data)


@pytest.mark.parametrize(
    "change",
    [
        {"unit": "miles"},
        {"level": "expert"},
        {"core_per_week": 4},
        {"weeks": 60},
        {"colour": "red"},
        {"equipment": ["kettle"]},
        {"run_time": {"someday": "07:00"}},
    ],
)
def test_schema_and_loader_both_refuse_bad_fields(change: dict[str, Any]) -> None:
    data = {**BASE, **change}
    with pytest.raises(ProfileError):
        RunnerProfile.from_data(data)
    assert not _valid(profile_schema(), data)


def test_profile_schema_describes_every_field() -> None:
    props = profile_schema()["properties"]
    assert set(props) == set(RunnerProfile.model_fields)
    assert all(p.get("description") for p in props.values())
