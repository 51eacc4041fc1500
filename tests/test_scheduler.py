"""build_plan: every example profile and every generated profile obeys every rule."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings

from runplan import (
    Catalogue,
    Equipment,
    Plan,
    RunnerProfile,
    RunType,
    SessionKind,
    Spine,
    Timing,
    Weekday,
    WeekKind,
    build_plan,
    check_plan,
    load_catalogue,
)
from runplan.plan import RepeatStep, RunStep, StepKind
from runplan.rules import SAFETY_NOTE

from .conftest import ROOT
from .profiles import EXAMPLES, example, profiles


def items(plan: Plan, kind: SessionKind, block: str | None = None):  # type: ignore[no-untyped-def]
    for s in plan.sessions():
        if s.kind is kind:
            for name, p in s.prescriptions():
                if block is None or name.value == block:
                    yield s, p


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_profiles_break_no_rule(name: str, cat: Catalogue) -> None:
    plan = build_plan(example(name), cat)
    assert check_plan(plan, cat) == []
    assert Plan.model_validate_json(plan.model_dump_json()) == plan


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_generated_profiles_break_no_rule(profile: RunnerProfile) -> None:
    cat = load_catalogue()
    plan = build_plan(profile, cat)
    assert check_plan(plan, cat) == []
    assert build_plan(profile, cat).model_dump_json() == plan.model_dump_json()
    have = set(profile.equipment) | {Equipment.NONE}
    for session in plan.sessions():
        for _, item in session.prescriptions():
            exercise = cat[item.exercise]
            if session.kind is not SessionKind.CROSS_TRAINING:
                assert exercise.needs() <= have, (exercise.id, profile.equipment)
    assert plan.weeks[0].start == profile.start_date
    assert max(s.date for s in plan.sessions()) == profile.end_date


def test_seed_doses_hold_in_generated_plans(cat: Catalogue) -> None:
    plan = build_plan(example("exercise_ball"), cat)
    pikes = [p for _, p in items(plan, SessionKind.CORE) if p.exercise == "ball_pike"]
    assert pikes and all(p.sets == 3 and 10 <= (p.reps or 0) <= 20 for p in pikes)
    assert pikes[0].reps == 10 and max(p.reps or 0 for p in pikes) > 10
    crunches = [p for _, p in items(plan, SessionKind.CORE) if p.exercise == "bicycle_crunch"]
    assert crunches and all((p.sets, p.reps, p.per_side) == (3, 10, True) for p in crunches)
    balance = [p for _, p in items(plan, SessionKind.CORE) if p.exercise == "single_leg_t_balance"]
    assert balance and all((p.sets, p.reps, p.per_side) == (3, 10, True) for p in balance)
    no_ball = build_plan(example("intermediate_5_days"), cat)
    lowers = [
        p.reps or 0 for _, p in items(no_ball, SessionKind.CORE) if p.exercise == "leg_lowers"
    ]
    assert lowers and lowers[0] == 10 and max(lowers) <= 20 and max(lowers) > 10
    assert lowers == sorted(lowers)
    psoas = [p for _, p in items(plan, SessionKind.MOBILITY) if p.exercise == "psoas_stretch"]
    assert psoas and all(30 <= (p.hold_seconds or 0) <= 60 for p in psoas)
    hips = [
        p
        for _, p in items(plan, SessionKind.RUN, "cool_down")
        if p.exercise == "hip_flexor_stretch"
    ]
    assert hips and all(60 <= (p.hold_seconds or 0) <= 120 for p in hips)


def test_spiderman_never_precedes_a_run(cat: Catalogue) -> None:
    profile = RunnerProfile.model_validate({**EXAMPLES["intermediate_5_days"], "weeks": 20})
    plan = build_plan(profile, cat)
    seen = 0
    for session in plan.sessions():
        for _, item in session.prescriptions():
            if cat[item.exercise].timing is Timing.NOT_PRE_RUN:
                seen += 1
                runs = [s for s in plan.sessions() if s.date == session.date and s.is_run]
                assert all(
                    r.start is not None and session.start is not None and r.start < session.start
                    for r in runs
                )
    assert seen > 0


def test_core_covers_every_movement_pattern(cat: Catalogue) -> None:
    plan = build_plan(example("exercise_ball"), cat)
    seen: set[str] = set()
    for session in (s for s in plan.sessions() if s.kind is SessionKind.CORE):
        patterns = {cat[p.exercise].pattern for p in session.blocks[1].items}
        assert len(patterns) >= 4, patterns  # each session trains several things
        seen |= {p.value for p in patterns if p is not None}
        assert 15 <= session.duration_minutes <= 25
    assert seen >= {
        "anti_extension", "lateral", "hip_extension", "anti_rotation", "hip_abduction",
        "single_leg", "trunk_flexion", "back_extension",
    }  # fmt: skip


def test_core_variety_rotates_across_sessions(cat: Catalogue) -> None:
    plan = build_plan(example("intermediate_5_days"), cat)
    mains = [
        tuple(p.exercise for _, p in s.prescriptions())
        for s in plan.sessions()
        if s.kind is SessionKind.CORE
    ]
    assert len(set(mains)) > 3


def test_no_ball_pikes_without_a_ball(cat: Catalogue) -> None:
    plan = build_plan(example("beginner_3_days"), cat)
    assert not [p for _, p in items(plan, SessionKind.CORE) if p.exercise == "ball_pike"]


def test_every_run_has_warm_up_and_cool_down_blocks(cat: Catalogue) -> None:
    plan = build_plan(example("half_marathon_race"), cat)
    for session in (s for s in plan.sessions() if s.is_run):
        names = [b.name.value for b in session.blocks]
        assert names[0] == "warm_up" and names[-1] == "cool_down"
        assert {p.exercise for p in session.blocks[0].items} >= {
            "leg_swings",
            "hip_circles",
            "torso_twists",
        }


def test_mild_back_pain_holds_volume_and_puts_neutral_core_first(cat: Catalogue) -> None:
    profile = example("back_pain_mild")
    plan = build_plan(profile, cat)
    assert max(w.distance for w in plan.weeks) <= profile.start_volume
    for session in (s for s in plan.sessions() if s.kind is SessionKind.CORE):
        spines = [cat[p.exercise].spine for p in session.blocks[-1].items]
        assert spines == sorted(spines, key=lambda sp: sp is not Spine.NEUTRAL)
        assert spines[0] is Spine.NEUTRAL


def test_flare_swaps_runs_for_cross_training_and_run_walk(cat: Catalogue) -> None:
    profile = example("back_pain_flare")
    plan = build_plan(profile, cat)
    assert plan.weeks[0].distance <= profile.start_volume / 2
    for week in plan.weeks:
        runs = [s for s in week.sessions if s.is_run]
        # One run day swapped for cross training, and never two runs on consecutive days.
        assert 0 < len(runs) <= len(profile.run_days) - 1
        assert all((b.date - a.date).days > 1 for a, b in itertools.pairwise(runs))
        assert all(s.run and s.run.type is RunType.RUN_WALK for s in runs)
        cross = [
            s
            for s in week.sessions
            if s.kind is SessionKind.CROSS_TRAINING and not s.title.startswith("Easy walk")
        ]
        assert cross and cross[0].duration_minutes > 0
        assert cross[0].blocks[0].items[0].exercise in {"swimming", "cycling"}
    assert all(SAFETY_NOTE in s.notes for s in plan.sessions())


def test_half_marathon_tapers_and_ends_with_the_race(cat: Catalogue) -> None:
    profile = example("half_marathon_race")
    plan = build_plan(profile, cat)
    last = list(plan.sessions())[-1]
    assert last.kind is SessionKind.RACE and last.date == profile.race_date
    assert last.run and last.run.distance == 21.1
    assert plan.weeks[-1].kind is WeekKind.RACE and plan.weeks[-2].kind is WeekKind.TAPER
    assert plan.weeks[-2].distance < max(w.distance for w in plan.weeks[:-2])
    long_runs = [s.distance for s in plan.sessions() if s.run and s.run.type is RunType.LONG]
    assert 15 <= max(long_runs) <= 18


def test_unreachable_goal_keeps_the_rules_and_warns(cat: Catalogue) -> None:
    profile = RunnerProfile.model_validate(
        {
            "start_date": "2026-01-05",
            "weekly_distance": 10,
            "race": "marathon",
            "race_date": "2026-02-15",
        }
    )
    plan = build_plan(profile, cat)
    assert check_plan(plan, cat) == []
    assert any("marathon" in w and "more weeks" in w for w in plan.warnings)


def test_long_runs_fall_on_the_long_run_day(cat: Catalogue) -> None:
    profile = example("intermediate_5_days")
    plan = build_plan(profile, cat)
    longs = [s for s in plan.sessions() if s.run and s.run.type is RunType.LONG]
    assert longs and all(Weekday.of(s.date) is Weekday.SUN for s in longs)


def test_session_ids_are_stable_slots(cat: Catalogue) -> None:
    plan = build_plan(example("beginner_3_days"), cat)
    ids = [s.id for s in plan.sessions()]
    assert len(ids) == len(set(ids))
    first = next(iter(plan.sessions()))
    assert first.id == f"runplan-20260105-{first.date:%Y%m%d}-run"
    longer = build_plan(
        RunnerProfile.model_validate({**EXAMPLES["beginner_3_days"], "weeks": 16}), cat
    )
    assert set(ids) <= {s.id for s in longer.sessions()}


def test_distances_are_multiples_of_their_step(cat: Catalogue) -> None:
    # 0.1 of a unit under 5 (so short runs can grow by less than 10 %), 0.5 from there.
    for name in EXAMPLES:
        plan = build_plan(example(name), cat)
        for s in plan.sessions():
            if s.run and s.kind is SessionKind.RUN:
                step = 10 if s.run.distance < 5 else 2
                assert abs(s.run.distance * step - round(s.run.distance * step)) < 1e-9, (
                    name,
                    s.run.distance,
                )
        for week in plan.weeks:
            assert week.distance == round(week.distance, 2)


def test_run_duration_follows_easy_pace(cat: Catalogue) -> None:
    profile = example("intermediate_5_days")
    run = next(
        s for s in build_plan(profile, cat).sessions() if s.run and s.run.type is RunType.EASY
    )
    assert run.run is not None
    assert run.duration_minutes >= run.run.distance * 6


def test_core_never_the_day_before_the_long_run(cat: Catalogue) -> None:
    plan = build_plan(example("intermediate_5_days"), cat)
    long_days = {s.date for s in plan.sessions() if s.run and s.run.type is RunType.LONG}
    cores = {s.date for s in plan.sessions() if s.kind is SessionKind.CORE}
    assert not {d + dt.timedelta(days=1) for d in cores} & long_days


def test_the_beginner_example_reaches_a_30_minute_run_by_week_12(cat: Catalogue) -> None:
    profile = RunnerProfile.from_file(ROOT / "examples" / "beginner.yaml")
    plan = build_plan(profile, cat)
    assert check_plan(plan, cat) == []
    continuous = [
        w.index
        for w in plan.weeks
        for s in w.sessions
        if s.run is not None
        and s.run.type is RunType.EASY
        and any(
            isinstance(step, RunStep) and step.kind is StepKind.RUN and step.minutes == 30
            for step in s.run.steps
        )
    ]
    assert continuous and continuous[0] <= 12
    # Running grows and walking shrinks, week by week, on the long-run day.
    running = []
    for week in plan.weeks:
        long_day = [s for s in week.sessions if s.run and Weekday.of(s.date) is Weekday.SAT]
        running.append(running_minutes(long_day[0].run.steps) if long_day else 0.0)
    build = [r for w, r in zip(plan.weeks, running, strict=True) if w.kind is WeekKind.BUILD]
    assert build == sorted(build) and build[0] < 10 <= 30 <= build[-1]
    # A 5-minute walk, 14 to 30 minutes of running and walking (ending on a whole run),
    # then a cool-down walk of up to 5 minutes: 20 to 35 minutes in all (design).
    assert all(20 <= (s.run.minutes or 0) <= 35 for s in plan.sessions() if s.run)
    assert not any("Runs stay at" in w or "distance_step" in w for w in plan.warnings)


def running_minutes(steps: list[RunStep | RepeatStep]) -> float:
    total = 0.0
    for step in steps:
        if isinstance(step, RepeatStep):
            total += step.repeat * running_minutes(list(step.steps))
        elif step.kind is StepKind.RUN and step.minutes is not None:
            total += step.minutes
    return total
