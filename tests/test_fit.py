"""FIT workouts: written with Garmin's SDK, read back with an independent decoder (fitdecode)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import fitdecode
import pytest

from runplan import (
    ExportError,
    PaceRange,
    RepeatStep,
    RunSpec,
    RunStep,
    RunType,
    Session,
    SessionKind,
    StepKind,
    build_plan,
)
from runplan.cli import main
from runplan.fit import file_name, to_fit, workout_name, write_fit

from .profiles import example

DAY = dt.date(2026, 3, 3)


def session(run: RunSpec, title: str = "Run/walk 3 km", sid: str = "p-20260303-run") -> Session:
    return Session(id=sid, date=DAY, kind=SessionKind.RUN, title=title, run=run)


RUN_WALK = session(
    RunSpec(
        type=RunType.RUN_WALK,
        distance=3.0,
        minutes=42,
        steps=[
            RunStep(kind=StepKind.WARM_UP, minutes=5),
            RepeatStep(
                repeat=8,
                steps=[
                    RunStep(kind=StepKind.RUN, minutes=3),
                    RunStep(kind=StepKind.WALK, minutes=1),
                ],
            ),
            RunStep(kind=StepKind.COOL_DOWN, minutes=5),
        ],
    )
)
EASY_PACE = PaceRange(slow=420, fast=390)  # 7:00 to 6:30 per unit
EASY = session(
    RunSpec(
        type=RunType.EASY,
        distance=6.0,
        steps=[RunStep(kind=StepKind.RUN, distance=6.0, pace=EASY_PACE)],
    ),
    title="Easy run 6 km",
)
STRIDES = session(
    RunSpec(
        type=RunType.STRIDES,
        distance=5.0,
        steps=[
            RunStep(kind=StepKind.RUN, distance=4.0, pace=EASY_PACE),
            RepeatStep(
                repeat=6,
                steps=[
                    RunStep(kind=StepKind.STRIDE, minutes=20 / 60),
                    RunStep(kind=StepKind.RECOVER, minutes=1),
                ],
            ),
            RunStep(kind=StepKind.COOL_DOWN, minutes=5),
        ],
    ),
    title="Easy run 5 km with strides",
)


def decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Every data message of a FIT file by name, decoded by fitdecode (checks the CRC)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
    return out


def test_run_walk_maps_to_warm_up_repeat_and_cool_down() -> None:
    messages = decode(to_fit(RUN_WALK))
    assert messages["file_id"][0]["type"] == "workout"
    workout = messages["workout"][0]
    assert workout["sport"] == "running" and workout["wkt_name"] == "Mar 3 Run/walk 3 km"
    steps = messages["workout_step"]
    assert workout["num_valid_steps"] == len(steps) == 5
    assert [s["message_index"] for s in steps] == [0, 1, 2, 3, 4]
    warm, run, walk, repeat, cool = steps
    assert (warm["duration_type"], warm["duration_time"], warm["intensity"]) == (
        "time",
        300,
        "warmup",
    )
    assert (run["duration_time"], run["intensity"], run["wkt_step_name"]) == (180, "active", "Run")
    assert (walk["duration_time"], walk["intensity"], walk["wkt_step_name"]) == (
        60,
        "recovery",
        "Walk",
    )
    # The repeat goes back to the run (index 1) and counts all 8 rounds.
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 8)
    assert (cool["duration_time"], cool["intensity"]) == (300, "cooldown")
    assert all(s["target_type"] == "open" for s in (warm, run, walk, cool))


def test_distance_step_with_a_pace_range_becomes_a_speed_target() -> None:
    (step,) = decode(to_fit(EASY))["workout_step"]
    assert step["duration_type"] == "distance" and step["duration_distance"] == 6000
    assert step["target_type"] == "speed"
    # 7:00 to 6:30 per km is 2.381 to 2.564 m/s.
    assert step["custom_target_speed_low"] == pytest.approx(1000 / 420, abs=0.001)
    assert step["custom_target_speed_high"] == pytest.approx(1000 / 390, abs=0.001)


def test_miles_convert_distance_and_pace_through_the_unit() -> None:
    (step,) = decode(to_fit(EASY, unit="mi"))["workout_step"]
    assert step["duration_distance"] == pytest.approx(6 * 1609.344, abs=0.01)
    assert step["custom_target_speed_high"] == pytest.approx(1609.344 / 390, abs=0.001)


def test_strides_repeat_with_recoveries() -> None:
    steps = decode(to_fit(STRIDES))["workout_step"]
    assert [s.get("wkt_step_name") for s in steps] == [
        "Run", "Stride", "Recover", "Repeat 6x", "Cool down"
    ]  # fmt: skip
    stride, recover, repeat = steps[1:4]
    assert stride["duration_time"] == 20 and stride["intensity"] == "active"
    assert recover["duration_time"] == 60 and recover["intensity"] == "recovery"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 6)


def test_a_run_without_steps_is_one_step_over_its_distance() -> None:
    bare = session(RunSpec(type=RunType.EASY, distance=5.5), title="Easy run 5.5 km")
    (step,) = decode(to_fit(bare))["workout_step"]
    assert (step["duration_type"], step["duration_distance"]) == ("distance", 5500)
    assert step["target_type"] == "open" and step["intensity"] == "active"


def test_same_session_same_bytes_and_time_created_is_the_session_date() -> None:
    assert to_fit(RUN_WALK) == to_fit(RUN_WALK)
    created = decode(to_fit(RUN_WALK))["file_id"][0]["time_created"]
    assert created == dt.datetime(2026, 3, 3, tzinfo=dt.UTC)


def test_sessions_without_a_run_and_unknown_units_are_refused() -> None:
    core = Session(id="c", date=DAY, kind=SessionKind.CORE, title="Core 20 min")
    with pytest.raises(ExportError, match="core session"):
        to_fit(core)
    with pytest.raises(ExportError, match="known: km, mi"):
        to_fit(EASY, unit="yards")


def test_names_fit_a_watch_screen_and_file_names_stay_in_the_folder() -> None:
    long_title = session(RunSpec(type=RunType.RECOVERY, distance=4.5), title="Recovery run 4.5 km")
    assert workout_name(long_title) == "Mar 3 Recovery 4.5 km"
    sneaky = session(RunSpec(type=RunType.EASY, distance=5), sid="../../etc/passwd")
    assert file_name(sneaky) == "etc-passwd.fit"


def test_write_fit_writes_the_runs_of_the_weeks_asked_for(tmp_path: Path) -> None:
    plan = build_plan(example("half_marathon_race"))
    start = plan.profile.start_date + dt.timedelta(days=7)
    paths = write_fit(plan, tmp_path / "watch", start=start, weeks=2)
    expected = [
        s for s in plan.sessions()
        if s.kind is SessionKind.RUN and start <= s.date < start + dt.timedelta(days=14)
    ]  # fmt: skip
    assert [p.name for p in paths] == [f"{s.id}.fit" for s in expected]
    for path, s in zip(paths, expected, strict=True):
        # The steps given by distance reach the watch as distance steps, metre for metre.
        assert s.run is not None
        by_distance = [st.distance for st in s.run.steps if isinstance(st, RunStep) and st.distance]
        steps = decode(path.read_bytes())["workout_step"]
        metres = [st["duration_distance"] for st in steps if st["duration_type"] == "distance"]
        factor = 1609.344 if plan.unit == "mi" else 1000
        assert metres == pytest.approx([d * factor for d in by_distance], abs=0.01)
    with pytest.raises(ExportError, match="not a folder"):
        write_fit(plan, paths[0], start=start)


def test_any_number_of_weeks_writes_the_rest_of_the_plan(tmp_path: Path) -> None:
    plan = build_plan(example("half_marathon_race"))
    runs = [s for s in plan.sessions() if s.kind is SessionKind.RUN]
    paths = write_fit(plan, tmp_path, start=plan.profile.start_date, weeks=10**9)
    assert len(paths) == len(runs)


def test_races_get_no_workout(tmp_path: Path) -> None:
    plan = build_plan(example("half_marathon_race"))
    paths = write_fit(plan, tmp_path, start=plan.profile.start_date, weeks=60)
    assert paths and not any(p.name.endswith("-race.fit") for p in paths)


def test_cli_writes_a_folder_of_workouts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "watch"
    code = main(
        ["plan", "--example", "beginner", "--start", "2026-03-02", "--format", "fit",
         "-o", str(out), "--from", "2026-03-09", "--weeks", "1"]
    )  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and all("202603" in n and n.endswith("-run.fit") for n in names)
    assert min(names) > "first-steps-20260302-20260308"
    assert "Wrote 3 FIT workouts" in capsys.readouterr().err
