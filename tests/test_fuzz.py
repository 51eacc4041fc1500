"""Property-based fuzzing of every reader and of the command line: whatever comes in,
nothing but a RunplanError (exit 2 with one short line) comes out."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runplan import (
    Plan,
    RunnerProfile,
    RunplanError,
    TrainingLog,
    build_plan,
    check_plan,
    load_catalogue,
    to_ics,
)
from runplan._read import package_path
from runplan.cli import main
from runplan.errors import MESSAGE_LIMIT

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

PROFILE_FIELDS = [*sorted(RunnerProfile.model_fields), "unknown_field"]
# Values a person might plausibly write, and values at every edge.
EDGE_VALUES: list[Any] = [
        "mon", "sat", "Sunday", "km", "mi", "5k", "marathon", "mild", "flare", "mat",
        "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Nowhere/City",
        "18:30", "6:30", "07:00+02:00", "25:00", "2026-03-02", "2026-06-30", "9999-12-31",
        "0001-01-01", "1899-12-31", "", " ", "a\nb", "\x00", "é", "🏃", "x" * 400,
        0, 1, -1, 2, 12, 52, 53, 1110, 0.1, 0.5, 1e308, -1e308, 2**63, 10**30,
        float("nan"), float("inf"), True, None, [], {}, ["mon"], {"sat": "8:30"},
]  # fmt: skip
PLAUSIBLE = st.sampled_from(EDGE_VALUES)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates().map(str),
    st.times().map(str),
    PLAUSIBLE,
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def assert_short(exc: RunplanError) -> None:
    text = str(exc)
    assert text and "\n" not in text and len(text) <= MESSAGE_LIMIT, text


def dump(data: Any, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data)
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return json.dumps(data)  # JSON is YAML too


@contextlib.contextmanager
def scratch(name: str, text: str) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        yield path


# ---------------------------------------------------------------------- profile


@st.composite
def profile_data(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"start_date": "2026-03-02", "weekly_distance": 20}
    for name in draw(st.lists(st.sampled_from(PROFILE_FIELDS), max_size=4)):
        data[name] = draw(st.one_of(PLAUSIBLE, JUNK))
    return data


def use_profile(profile: RunnerProfile) -> None:
    """What the CLI does with a profile that loads: plan, check and export it."""
    plan = build_plan(profile)
    check_plan(plan)
    to_ics(plan, stamp=STAMP)


@FUZZ
@given(data=profile_data(), suffix=st.sampled_from([".yaml", ".json"]))
def test_profile_files_load_or_fail_in_one_line(data: dict[str, Any], suffix: str) -> None:
    with scratch(f"profile{suffix}", dump(data, suffix)) as path:
        try:
            profile = RunnerProfile.from_file(path)
        except RunplanError as exc:
            assert_short(exc)
            return
    try:
        use_profile(profile)
    except RunplanError as exc:
        assert_short(exc)


def test_every_field_with_every_edge_value_loads_or_fails_in_one_line() -> None:
    """The whole grid of profile fields and edge values (too many combinations for
    random draws to meet them all)."""
    built = set()
    for name in PROFILE_FIELDS:
        for value in EDGE_VALUES:
            data = {"start_date": "2026-03-02", "weekly_distance": 20, name: value}
            try:
                profile = RunnerProfile.from_data(data)
            except RunplanError as exc:
                assert_short(exc)
                continue
            if (name, type(value)) not in built:  # build one plan per field and value type
                built.add((name, type(value)))
                try:
                    use_profile(profile)
                except RunplanError as exc:
                    assert_short(exc)


@FUZZ
@given(text=st.text(max_size=200), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_text_as_a_profile_fails_in_one_line(text: str, suffix: str) -> None:
    with scratch(f"profile{suffix}", "start_date: 2026-03-02\n" + text) as path:
        try:
            RunnerProfile.from_file(path)
        except RunplanError as exc:
            assert_short(exc)


@FUZZ
@given(data=profile_data())
def test_the_constructor_raises_only_profile_errors(data: dict[str, Any]) -> None:
    try:
        RunnerProfile(**{str(k): v for k, v in data.items()})
    except RunplanError as exc:
        assert isinstance(exc, ValueError)
        assert_short(exc)


# ---------------------------------------------------------------------- catalogue

BUILTIN: list[dict[str, Any]] = yaml.safe_load(package_path("exercises.yaml").read_text())[
    "exercises"
]


@st.composite
def catalogue_data(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(JUNK)
    entry = dict(draw(st.sampled_from(BUILTIN)))
    entry["id"] = "mine_" + str(entry["id"])
    for _ in range(draw(st.integers(1, 3))):
        field = draw(st.sampled_from([*sorted(entry), "extra"]))
        entry[field] = draw(JUNK)
    return {"exercises": [entry]}


@FUZZ
@given(data=catalogue_data(), suffix=st.sampled_from([".yaml", ".json"]))
def test_catalogue_files_load_or_fail_in_one_line(data: Any, suffix: str) -> None:
    with scratch(f"mine{suffix}", dump(data, suffix)) as path:
        try:
            load_catalogue(path)
        except RunplanError as exc:
            assert_short(exc)


# ---------------------------------------------------------------------- training log

LOG_VALUES = st.one_of(
    st.sampled_from(["2026-03-02", "9999-12-31", "done", "skipped", "run", "", "3", "-1", "x"]),
    st.text(max_size=12),
)


@FUZZ
@given(
    header=st.lists(
        st.sampled_from(["date", "session", "status", "distance", "pain", "note", "other"]),
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(LOG_VALUES, max_size=7), max_size=4),
)
def test_csv_logs_load_or_fail_in_one_line(header: list[str], rows: list[list[str]]) -> None:
    text = ",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows)
    with scratch("log.csv", text) as path:
        try:
            TrainingLog.from_file(path)
        except RunplanError as exc:
            assert_short(exc)


@FUZZ
@given(data=JUNK, suffix=st.sampled_from([".yaml", ".json"]))
def test_yaml_and_json_logs_load_or_fail_in_one_line(data: Any, suffix: str) -> None:
    with scratch(f"log{suffix}", dump(data, suffix)) as path:
        try:
            TrainingLog.from_file(path)
        except RunplanError as exc:
            assert_short(exc)


# ---------------------------------------------------------------------- plan JSON

PLAN = json.loads(
    build_plan(
        RunnerProfile(start_date=dt.date(2026, 3, 2), weekly_distance=20, weeks=2)
    ).model_dump_json()
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:2]):
            out += paths(inner, (*prefix, index))
    return out


PLAN_PATHS = [p for p in paths(PLAN) if p]


@st.composite
def mutated_plan(draw: st.DrawFn) -> Any:
    data = json.loads(json.dumps(PLAN))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(PLAN_PATHS))
        parent = data
        try:
            for key in where[:-1]:
                parent = parent[key]
            parent[where[-1]] = draw(JUNK)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation replaced a parent
    return data


@FUZZ
@given(data=mutated_plan())
def test_plan_json_reads_or_fails_in_one_line(data: Any) -> None:
    try:
        plan = Plan.from_json(json.dumps(data))
    except RunplanError as exc:
        assert_short(exc)
        return
    try:
        check_plan(plan)
        to_ics(plan, stamp=STAMP)
    except RunplanError as exc:
        assert_short(exc)


# ---------------------------------------------------------------------- command line

OPTION_VALUES = st.one_of(
    PLAUSIBLE.map(str),
    st.text(max_size=20).filter(lambda t: "\x00" not in t),
    st.sampled_from(["99999999999999999999999", "9999-12-31T23:59:59-23:59", "-5", "0"]),
)


@st.composite
def argv(draw: st.DrawFn, folder: str) -> list[str]:
    files = {
        "profile": f"{folder}/me.yaml",
        "plan": f"{folder}/plan.json",
        "log": f"{folder}/log.csv",
        "fifo": f"{folder}/fifo.yaml",
        "missing": f"{folder}/missing.yaml",
        "folder": folder,
    }
    command = draw(
        st.sampled_from(["plan", "check", "replan", "status", "import", "exercises", "exercise"])
    )
    args = [command]
    if command in ("plan", "check", "exercise", "import"):
        args.append(files[draw(st.sampled_from(sorted(files)))])
    if command in ("replan", "status"):
        args += [files["plan"], files[draw(st.sampled_from(["log", "fifo", "profile"]))]]
    for _ in range(draw(st.integers(0, 4))):
        option = draw(
            st.sampled_from(
                ["-o", "--format", "--alarm", "--stamp", "--start", "--today", "--example",
                 "--catalogue", "--all-day", "--include-rest", "--category", "--json",
                 "--from", "--weeks"]
            )
        )  # fmt: skip
        args.append(option)
        if option == "-o":
            name = draw(st.sampled_from(["out.ics", "out.json", "out.md", "out.txt", "me.yaml"]))
            args.append(f"{folder}/{name}")
        elif option == "--catalogue":
            args.append(files[draw(st.sampled_from(sorted(files)))])
        elif option not in ("--all-day", "--include-rest", "--json"):
            args.append(draw(OPTION_VALUES))
    return args


class _Out(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")


@pytest.fixture(scope="module")
def cli_folder() -> Any:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "me.yaml").write_text(
            "start_date: 2026-03-02\nweekly_distance: 20\nweeks: 2\n"
        )
        Path(folder, "plan.json").write_text(json.dumps(PLAN))
        Path(folder, "log.csv").write_text("date,session,status\n2026-03-02,run,done\n")
        os.mkfifo(Path(folder, "fifo.yaml"))
        yield folder


@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_command_line_arguments_never_crash(cli_folder: str, data: st.DataObject) -> None:
    args = data.draw(argv(cli_folder))
    out, err = _Out(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as stop:
            code = int(stop.code or 0)
    text = err.getvalue()
    assert "Traceback" not in text
    assert code in (0, 1, 2), (args, text)
    if code == 2:
        lines = text.strip().splitlines()
        assert len(lines) == 1 and len(lines[0]) <= MESSAGE_LIMIT + 30, (args, text)
    Path(cli_folder, "me.yaml").write_text(
        "start_date: 2026-03-02\nweekly_distance: 20\nweeks: 2\n"
    )
