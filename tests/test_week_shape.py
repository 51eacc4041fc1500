"""The week's shape: core off the long-run day, hard days apart, and what a sore back's
runs and mobility sessions hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from runplan import Catalogue, Plan, RunnerProfile, build_plan, check_plan, rules
from runplan.profile import Weekday
from runplan.week_layout import week_layout

from .plan_data import edit, sessions
from .profiles import example


def profile(**change: Any) -> RunnerProfile:
    data: dict[str, Any] = {
        "name": "Shape",
        "start_date": "2027-01-04",
        "weeks": 8,
        "weekly_distance": 40,
        "longest_recent_run": 14,
        "run_days": ["tue", "wed", "fri", "sat", "sun"],
        "long_run_day": "sun",
        "core_per_week": 2,
        "level": "intermediate",
        "easy_pace": "6:00",
    }
    data.update(change)
    return RunnerProfile.model_validate(data)


def test_core_moves_off_the_long_run_day_to_spread_easy_days() -> None:
    # Candidates: Tue, Wed, Fri (core after the run), Thu (free), Sun; not Mon (rest) or
    # Sat (before the long run). Without Sun, the pair with one run day and the widest
    # gap is Tue + Thu (gaps of 2 and 5 days).
    assert week_layout(profile()).core == {Weekday.TUE, Weekday.THU}


def test_core_stays_on_the_long_run_day_when_no_other_day_is_left() -> None:
    # Core at 06:00 comes before the 07:00 runs, so run days are no candidates except
    # Sunday (core at 18:30). Mon is the rest day; Wed, Fri and Sun are all that is left.
    sunday_only = profile(
        run_days=["tue", "thu", "sat", "sun"],
        core_per_week=3,
        strength_time="06:00",
        strength_time_by_day={"sun": "18:30"},
    )
    assert week_layout(sunday_only).core == {Weekday.WED, Weekday.FRI, Weekday.SUN}
    assert check_plan(build_plan(sunday_only)) == []


def test_core_after_the_long_run_is_flagged_when_the_week_allows_another_day(
    cat: Catalogue,
) -> None:
    plan = build_plan(profile(), cat)
    assert check_plan(plan, cat) == []

    def move_core_to_sunday(d: dict[str, Any]) -> None:
        week = d["weeks"][1]
        core = next(
            s for s in week["sessions"] if s["kind"] == "core" and s["date"] == "2027-01-14"
        )
        core["date"] = "2027-01-17"  # Thu to Sun, the day of the long run

    violations = [
        v
        for v in check_plan(edit(plan, move_core_to_sunday), cat)
        if v.rule == "core_off_long_run_day"
    ]
    assert [(v.week, str(v.date)) for v in violations] == [(2, "2027-01-17")]


@pytest.mark.parametrize("name", ["intermediate_5_days", "half_marathon_race"])
def test_example_plans_hold_no_core_on_long_run_days(name: str, cat: Catalogue) -> None:
    plan = build_plan(example(name), cat)
    long_days = {
        s.date for s in plan.sessions() if s.run is not None and s.run.type.value == "long"
    }
    assert not [s.date for s in plan.sessions() if s.kind.value == "core" and s.date in long_days]


#: A half marathon on Tue/Thu/Sat/Sun, the long run on Sunday.
HALF = profile(
    run_days=["tue", "thu", "sat", "sun"], race="half_marathon", race_date="2027-04-11", weeks=None
)


def _hard_days(plan: Plan) -> dict[dt.date, str]:
    return {
        s.date: s.run.type.value
        for s in plan.sessions()
        if s.run is not None and s.run.type.value in ("tempo", "race_pace")
    }


def test_tempo_goes_midweek_not_the_day_before_the_long_run() -> None:
    # Tue/Thu/Sat/Sun with the long run on Sunday: Saturday is beside it, so strides take
    # Tuesday (the first easy day) and the tempo or race pace goes on Thursday.
    plan = build_plan(HALF)
    hard = _hard_days(plan)
    assert hard and {d.strftime("%a") for d in hard} == {"Thu"}
    strides = {f"{s.date:%a}" for s in plan.sessions() if s.run and s.run.type.value == "strides"}
    assert strides == {"Tue"}
    assert check_plan(plan) == []


def test_no_tempo_when_every_easy_day_is_beside_the_long_run() -> None:
    # Sat + Sun only: the one easy day is the eve of the long run, so no tempo at all.
    plan = build_plan(HALF.model_copy(update={"run_days": [Weekday.SAT, Weekday.SUN]}))
    assert _hard_days(plan) == {}
    assert check_plan(plan) == []


def test_a_tempo_beside_the_long_run_is_flagged(cat: Catalogue) -> None:
    plan = build_plan(HALF, cat)

    def tempo_to_saturday(d: dict[str, Any]) -> None:
        for s in sessions(d):
            if s["run"] and s["run"]["type"] in ("tempo", "race_pace"):  # Thursday to Saturday
                s["date"] = str(dt.date.fromisoformat(s["date"]) + dt.timedelta(days=2))

    edited = edit(plan, tempo_to_saturday)
    moved = list(_hard_days(edited))
    violations = [v for v in check_plan(edited, cat) if v.rule == "hard_days_apart"]
    # Each Saturday tempo is followed by Sunday's long run.
    assert moved and {d.strftime("%a") for d in moved} == {"Sat"}
    assert [v.date for v in violations] == [d + dt.timedelta(days=1) for d in moved]
    assert violations[0].message.startswith("The long run on ")


def test_a_mild_back_pain_run_keeps_the_spine_still_in_its_warm_up_and_says_gently(
    cat: Catalogue,
) -> None:
    plan = build_plan(profile(back_pain="mild", run_days=["tue", "thu", "sun"]), cat)
    runs = [s for s in plan.sessions() if s.run is not None]
    warm = {
        p.exercise for s in runs for b in s.blocks if b.name.value == "warm_up" for p in b.items
    }
    cool = {
        p.exercise for s in runs for b in s.blocks if b.name.value == "cool_down" for p in b.items
    }
    # The torso twists rotate the spine; the standing forward bend is the one a flare avoids.
    assert "torso_twists" not in warm and "forward_bend" not in cool
    bending = [
        s
        for s in runs
        if any(cat[p.exercise].spine.value != "neutral" for b in s.blocks for p in b.items)
    ]
    assert bending and all(rules.GENTLE_STRETCH_NOTE in s.notes for s in bending)
    assert check_plan(plan, cat) == []


@pytest.mark.parametrize("name", ["intermediate_5_days", "half_marathon_race"])
def test_mobility_never_holds_the_psoas_and_the_hip_flexor_lunge_together(
    name: str, cat: Catalogue
) -> None:
    plan = build_plan(example(name), cat)
    mobility = [s for s in plan.sessions() if s.kind.value == "mobility"]
    held = [{p.exercise for _, p in s.prescriptions()} for s in mobility]
    assert any("psoas_stretch" in ids for ids in held)
    assert not [ids for ids in held if {"psoas_stretch", "hip_flexor_stretch"} <= ids]
    assert check_plan(plan, cat) == []


@pytest.mark.parametrize("name", ["back_pain_mild", "back_pain_flare", "beginner_3_days"])
def test_a_core_session_holds_one_of_the_psoas_and_hip_flexor_lunges(
    name: str, cat: Catalogue
) -> None:
    # The psoas stretch and the kneeling hip-flexor stretch are one kneeling lunge: a core
    # session's stretches take one of them (the day's mobility and runs aside).
    plan = build_plan(example(name), cat)
    for session in plan.sessions():
        ids = {p.exercise for _, p in session.prescriptions()}
        if session.kind.value == "core":
            assert not {"psoas_stretch", "hip_flexor_stretch"} <= ids, (session.date, ids)
