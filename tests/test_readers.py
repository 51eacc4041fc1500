"""Bad input never crashes: each reader raises a RunplanError with one short line, whatever
the file's size, depth or kind. One test per fault seen on version 1."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path

import pytest
from pydantic import ValidationError

from runplan import (
    CatalogueError,
    Plan,
    PlanError,
    ProfileError,
    RunnerProfile,
    RunplanError,
    TrainingLog,
    build_plan,
    load_catalogue,
    to_ics,
)
from runplan._read import MAX_DEPTH, MAX_YAML_BYTES
from runplan.errors import MESSAGE_LIMIT, one_line

BASE = "start_date: 2026-03-02\nweekly_distance: 20\n"


def short(exc: pytest.ExceptionInfo[RunplanError]) -> str:
    text = str(exc.value)
    assert "\n" not in text and len(text) <= MESSAGE_LIMIT, text
    return text


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev, this = chr(96 + n), chr(97 + n)
        lines.append(f"{this}: &{this} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_one_line_flattens_and_cuts() -> None:
    assert one_line("a\nb\r\n\tc\x00d\u2028e") == "a b c d e"
    long = one_line("x" * 1000)
    assert len(long) == MESSAGE_LIMIT and long.endswith("...")
    assert str(RunplanError("two\nlines")) == "two lines"


# ---------------------------------------------------------------------- YAML and JSON


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(billion_laughs())
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "expands to more than" in short(info)


def test_a_few_aliases_are_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE + "run_days: &days [mon, wed, sat]\nx_unused: *days\n")
    with pytest.raises(ProfileError) as info:  # x_unused is unknown, but it got that far
        RunnerProfile.from_file(path)
    assert "unknown field 'x_unused'" in short(info)


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: &a [*a]\n")
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "refers to a value that contains it" in short(info)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.yaml", "[" * 5000 + "]" * 5000),
        ("deep2.yaml", "a:\n" + "".join(" " * n + "- \n" for n in range(1, 300))),
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep2.json", "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)),
    ],
)
def test_deep_nesting_is_one_line(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "nest" in short(info)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "bytes" in short(info)


def test_yaml_error_with_a_control_character_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE + "name: a\x07b\n")
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "#x0007" in short(info)


def test_a_fifo_as_input_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    result: list[BaseException] = []

    def read() -> None:
        try:
            RunnerProfile.from_file(fifo)
        except BaseException as exc:
            result.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader before failing
        with open(fifo, "w"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert len(result) == 1 and isinstance(result[0], ProfileError)
    assert "not a regular file" in str(result[0])


# ---------------------------------------------------------------------- profile fields


def test_unquoted_times_and_paces_are_understood(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(BASE + "strength_time: 18:30\nrun_time: 6:45\neasy_pace: 6:30\n")
    profile = RunnerProfile.from_file(path)
    assert profile.strength_time == dt.time(18, 30) and profile.run_time == dt.time(6, 45)
    assert profile.easy_pace == "6:30"
    build_plan(profile)  # no naive/aware comparison left to fail


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("strength_time", 1110, "18:30"),
        ("run_time", "07:00+02:00", "UTC offset"),
        ("timezone", "A" * 300, "unknown time zone"),
        ("timezone", "Europe", "unknown time zone"),
        ("timezone", "../../etc/passwd", "unknown time zone"),
        ("start_date", "9999-12-27", "outside the years"),
        ("start_date", "0001-01-01", "outside the years"),
        ("name", "two\nlines", "one line"),
        ("name", "   ", "empty"),
        ("weekly_distance", "x" * 10_000, "weekly_distance"),
    ],
)
def test_bad_profile_fields_are_one_line(field: str, value: object, needle: str) -> None:
    data = {"start_date": "2026-03-02", "weekly_distance": 20, field: value}
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_data(data)
    assert needle in short(info)


def test_race_dates_at_the_edge_of_the_calendar_are_errors() -> None:
    data = {"start_date": "2999-12-01", "weekly_distance": 20}
    data |= {"race": "5k", "race_date": "9999-12-31"}
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_data(data)
    short(info)
    with pytest.raises(ProfileError):
        RunnerProfile.from_data({**data, "race_date": "2999-12-20", "weeks": float("inf")})


def test_names_are_stripped() -> None:
    profile = RunnerProfile.from_data(
        {"start_date": "2026-03-02", "weekly_distance": 20, "name": "  Spring  "}
    )
    assert profile.name == "Spring"


def test_the_constructor_raises_a_profile_error_that_is_a_value_error() -> None:
    with pytest.raises(ProfileError) as info:
        RunnerProfile(start_date=dt.date(2026, 3, 2), weekly_distance=-1)
    assert isinstance(info.value, ValueError)
    assert "weekly_distance" in short(info)
    # pydantic's own entry points keep pydantic's error, as pydantic users expect
    with pytest.raises(ValidationError):
        RunnerProfile.model_validate({"start_date": "2026-03-02", "weekly_distance": -1})


def test_a_profile_with_a_newline_free_name_exports(tmp_path: Path) -> None:
    profile = RunnerProfile(
        name="Plan, one; two", start_date=dt.date(2026, 3, 2), weekly_distance=20, weeks=1
    )
    assert b"NAME:Plan\\, one\\; two" in to_ics(build_plan(profile), stamp=dt.datetime.now(dt.UTC))


# ---------------------------------------------------------------------- plans, logs, catalogues


@pytest.fixture(scope="module")
def plan_json() -> str:
    profile = RunnerProfile(start_date=dt.date(2026, 3, 2), weekly_distance=20, weeks=2)
    return build_plan(profile).model_dump_json()


def test_plan_from_json_round_trips(plan_json: str) -> None:
    assert Plan.from_json(plan_json).model_dump_json() == plan_json


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(id="x" * 100_000, revision="y" * 100_000),
        lambda d: d["weeks"][0]["sessions"][0].update(date="9999-12-31"),
        lambda d: d["weeks"][0]["sessions"][0].update(start="18:30+02:00"),
        lambda d: d["weeks"][0]["sessions"][0].update(title=["z" * 50_000]),
        lambda d: d.update(weeks=[[[[]]]] * 1000),
    ],
)
def test_bad_plans_are_short_plan_errors(plan_json: str, mutate) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(plan_json)
    mutate(data)
    with pytest.raises(PlanError) as info:
        Plan.from_json(json.dumps(data))
    short(info)


@pytest.mark.parametrize("text", ["", "[", "null", "[]", "1e999999", '"' + "a" * 10_000])
def test_plan_from_json_refuses_non_plans(text: str) -> None:
    with pytest.raises(PlanError) as info:
        Plan.from_json(text)
    short(info)


def test_plan_from_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("[]")
    with pytest.raises(PlanError, match=r"The plan file p\.json must hold a JSON object"):
        Plan.from_file(path)


def test_log_dates_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("date,session,status\n9999-12-31,run,done\n")
    with pytest.raises(PlanError) as info:
        TrainingLog.from_file(path)
    assert "outside the years" in short(info)


def test_a_fifo_log_and_catalogue_never_block(tmp_path: Path) -> None:
    for name in ("log.csv", "log.yaml"):
        os.mkfifo(tmp_path / name)
        with pytest.raises(PlanError, match="not a regular file"):
            TrainingLog.from_file(tmp_path / name)
    os.mkfifo(tmp_path / "cat.yaml")
    with pytest.raises(CatalogueError, match="not a regular file"):
        load_catalogue(tmp_path / "cat.yaml")


def test_catalogue_billion_laughs(tmp_path: Path) -> None:
    path = tmp_path / "cat.yaml"
    path.write_text(billion_laughs())
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    short(info)
