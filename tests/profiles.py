"""Example profiles and a hypothesis strategy for valid profiles, shared by the tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from runplan import (
    PaceRange,
    Plan,
    ProfileError,
    RepeatStep,
    RunnerProfile,
    RunSpec,
    RunStep,
    RunType,
    SessionKind,
    StepKind,
)

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

EXAMPLES: dict[str, dict[str, Any]] = {
    "beginner_3_days": {"start_date": "2026-01-05", "weekly_distance": 0},
    "intermediate_5_days": {
        "start_date": "2026-02-02",
        "weekly_distance": 30,
        "run_days": ["mon", "tue", "thu", "fri", "sun"],
        "long_run_day": "sun",
        "level": "intermediate",
        "easy_pace": "6:00",
    },
    "half_marathon_race": {
        "start_date": "2026-01-05",
        "weekly_distance": 25,
        "race": "half_marathon",
        "race_date": "2026-04-12",
        "run_days": ["tue", "thu", "sat", "sun"],
        "long_run_day": "sun",
    },
    "marathon": {
        "start_date": "2026-01-05",
        "weekly_distance": 40,
        "longest_recent_run": 18,
        "race": "marathon",
        "race_date": "2026-05-03",
        "run_days": ["tue", "wed", "thu", "sat", "sun"],
        "long_run_day": "sun",
        "level": "advanced",
    },
    "miles": {"start_date": "2026-03-01", "weekly_distance": 15, "unit": "mi", "weeks": 16},
    "back_pain_mild": {"start_date": "2026-01-05", "weekly_distance": 20, "back_pain": "mild"},
    "back_pain_flare": {
        "start_date": "2026-01-05",
        "weekly_distance": 25,
        "back_pain": "flare",
        "run_days": ["tue", "thu", "sat", "sun"],
        "long_run_day": "sun",
    },
    "no_equipment": {"start_date": "2026-01-05", "weekly_distance": 15, "equipment": []},
    "exercise_ball": {
        "start_date": "2026-01-05",
        "weekly_distance": 20,
        "equipment": ["mat", "exercise_ball"],
        "level": "intermediate",
    },
    "six_days_new_york": {
        "start_date": "2026-02-23",
        "weekly_distance": 50,
        "run_days": ["mon", "tue", "wed", "thu", "fri", "sat"],
        "long_run_day": "sat",
        "timezone": "America/New_York",
        "core_per_week": 2,
    },
}


def example(name: str) -> RunnerProfile:
    return RunnerProfile.model_validate(EXAMPLES[name])


@st.composite
def profile_data(draw: st.DrawFn) -> dict[str, Any]:
    """Raw profile fields; most, not all, are valid together."""
    run_days = draw(st.lists(st.sampled_from(DAYS), min_size=2, max_size=6, unique=True))
    data: dict[str, Any] = {
        "start_date": draw(st.dates(dt.date(2025, 1, 1), dt.date(2030, 12, 31))),
        "weekly_distance": draw(
            st.one_of(st.just(0.0), st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 1)))
        ),
        "unit": draw(st.sampled_from(["km", "mi"])),
        "run_days": run_days,
        "long_run_day": draw(st.sampled_from(run_days)),
        "core_per_week": draw(st.sampled_from([2, 3])),
        "equipment": draw(
            st.lists(
                st.sampled_from(
                    [
                        "mat",
                        "exercise_ball",
                        "medicine_ball",
                        "resistance_band",
                        "foam_roller",
                        "step",
                    ]
                ),
                max_size=4,
                unique=True,
            )
        ),
        "level": draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
        "back_pain": draw(st.sampled_from(["none", "mild", "flare"])),
        "cross_training": draw(
            st.lists(
                st.sampled_from(["swimming", "cycling", "pilates", "yoga", "tai_chi"]),
                min_size=1,
                max_size=3,
                unique=True,
            )
        ),
        "max_weekly_increase": draw(st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.3])),
        "cutback_every": draw(st.integers(2, 8)),
        "cutback_ratio": draw(st.sampled_from([0.55, 0.7, 0.8, 0.9, 0.95])),
        "run_time": dt.time(draw(st.integers(5, 12)), draw(st.sampled_from([0, 15, 30, 45]))),
        "strength_time": dt.time(draw(st.integers(12, 21)), draw(st.sampled_from([0, 30]))),
        "timezone": draw(st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"])),
    }
    if draw(st.booleans()):
        data["longest_recent_run"] = draw(st.floats(1, 35).map(lambda x: round(x, 1)))
    if draw(st.integers(0, 2)) == 0:
        data["race"] = draw(st.sampled_from(["5k", "10k", "half_marathon", "marathon"]))
        data["race_date"] = data["start_date"] + dt.timedelta(days=draw(st.integers(0, 363)))
    else:
        data["weeks"] = draw(st.integers(1, 52))
    if draw(st.integers(0, 3)) == 0:
        data["distance_step"] = draw(st.sampled_from([0.1, 0.25, 1.0]))
    if draw(st.booleans()):
        data["easy_pace"] = f"{draw(st.integers(4, 9))}:{draw(st.integers(0, 59)):02d}"
    return data


@st.composite
def profiles(draw: st.DrawFn) -> RunnerProfile:
    """Valid profiles only: data the profile refuses is discarded."""
    data = draw(profile_data())
    try:
        return RunnerProfile.from_data(data)
    except ProfileError:
        from hypothesis import assume

        assume(False)
        raise  # unreachable


def with_steps(plan: Plan) -> Plan:
    """The plan with steps written by hand into every run, as the builder will write them:
    run/walk as a repeat between warm-up and cool-down walks, easy runs with a pace and
    strides, long runs by distance."""
    weeks = []
    for week in plan.weeks:
        sessions = []
        for s in week.sessions:
            if s.run is not None and s.kind is SessionKind.RUN:
                sessions.append(
                    s.model_copy(update={"run": s.run.model_copy(update={"steps": _steps(s.run)})})
                )
            else:
                sessions.append(s)
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return plan.model_copy(update={"weeks": weeks})


def without_steps(plan: Plan) -> Plan:
    """The plan with every run's steps taken out, as a plan written elsewhere may come."""
    weeks = []
    for week in plan.weeks:
        sessions = [
            s.model_copy(update={"run": s.run.model_copy(update={"steps": []})})
            if s.run is not None
            else s
            for s in week.sessions
        ]
        weeks.append(week.model_copy(update={"sessions": sessions}))
    return plan.model_copy(update={"weeks": weeks})


def _steps(run: RunSpec) -> list[RunStep | RepeatStep]:
    walk = RunStep(kind=StepKind.WARM_UP, minutes=5)
    cool = RunStep(kind=StepKind.COOL_DOWN, minutes=5)
    if run.type is RunType.RUN_WALK:
        rounds = RepeatStep(
            repeat=8,
            steps=[RunStep(kind=StepKind.RUN, minutes=3), RunStep(kind=StepKind.WALK, minutes=1)],
        )
        return [walk, rounds, cool]
    pace = PaceRange(slow=420, fast=390)
    steps: list[RunStep | RepeatStep] = [
        walk,
        RunStep(kind=StepKind.RUN, distance=run.distance, pace=pace),
    ]
    if run.type is RunType.EASY:
        steps.append(
            RepeatStep(
                repeat=4,
                steps=[
                    RunStep(kind=StepKind.STRIDE, minutes=20 / 60),
                    RunStep(kind=StepKind.RECOVER, minutes=1.5),
                ],
            )
        )
    return [*steps, cool]
