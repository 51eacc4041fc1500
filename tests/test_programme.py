"""The beginner's run/walk programme as a coach reads it: a mild sore back still
progresses, sessions end on a cool-down walk, and cutback weeks repeat the current stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from runplan import Catalogue, Plan, RunnerProfile, build_plan, check_plan
from runplan.plan import RepeatStep, RunStep, RunType, Session, SessionKind, StepKind, WeekKind

ROOT = Path(__file__).resolve().parent.parent

#: A cautious new runner with a mild sore back (review 3, senior.yaml).
SENIOR: dict[str, Any] = {
    "name": "Gentle start",
    "start_date": dt.date(2027, 1, 4),
    "weeks": 12,
    "weekly_distance": 0,
    "run_days": ["mon", "tue", "fri"],
    "long_run_day": "fri",
    "level": "beginner",
    "back_pain": "mild",
}


def running(steps: list[RunStep | RepeatStep]) -> float:
    """Minutes of running in the steps."""
    total = 0.0
    for step in steps:
        if isinstance(step, RepeatStep):
            total += step.repeat * running(list(step.steps))
        elif step.kind is StepKind.RUN and step.minutes is not None:
            total += step.minutes
    return total


def runs(sessions: list[Session]) -> list[Session]:
    return [s for s in sessions if s.kind is SessionKind.RUN and s.run is not None]


def continuous_30(plan: Plan) -> list[int]:
    """The weeks holding a 30-minute continuous run."""
    return [
        w.index
        for w in plan.weeks
        for s in runs(w.sessions)
        if s.run is not None
        and s.run.type is RunType.EASY
        and any(
            isinstance(step, RunStep) and step.kind is StepKind.RUN and step.minutes == 30
            for step in s.run.steps
        )
    ]


def test_a_beginner_with_a_mild_back_follows_the_programme(cat: Catalogue) -> None:
    plan = build_plan(RunnerProfile.model_validate(SENIOR), cat)
    assert check_plan(plan, cat) == []
    build = [w for w in plan.weeks if w.kind is WeekKind.BUILD]
    # Week 1 is a full programme week (no "usual" volume to ease off from) ...
    assert plan.weeks[0].kind is WeekKind.BUILD and len(runs(plan.weeks[0].sessions)) == 3
    assert not any("of your usual" in n for s in plan.sessions() for n in s.notes)
    # ... and running grows every build week on every run day, up to 30 minutes.
    assert [w.distance for w in build] == sorted(w.distance for w in build)
    assert build[-1].distance > 1.5 * build[0].distance
    for weekday in (0, 1, 4):
        minutes = [
            running(s.run.steps)
            for w in build
            for s in runs(w.sessions)
            if s.run is not None and s.date.weekday() == weekday
        ]
        assert minutes == sorted(minutes) and minutes[-1] >= 25 > 10 >= minutes[0], minutes
    assert continuous_30(plan) and continuous_30(plan)[0] <= 12
    # The back still gates each step: the long-run day says to repeat a week that hurt.
    assert any("repeat that week" in n for s in plan.sessions() for n in s.notes)


def beginner_example() -> RunnerProfile:
    return RunnerProfile.from_file(ROOT / "examples" / "beginner.yaml")


def flat(steps: list[RunStep | RepeatStep]) -> list[RunStep]:
    """The steps in order, each repeat's steps once."""
    out: list[RunStep] = []
    for step in steps:
        out.extend(step.steps if isinstance(step, RepeatStep) else [step])
    return out


def test_every_session_ends_with_a_cool_down_walk_and_no_fragments(cat: Catalogue) -> None:
    for profile in (beginner_example(), RunnerProfile.model_validate(SENIOR)):
        plan = build_plan(profile, cat)
        assert check_plan(plan, cat) == []
        for s in runs(plan.sessions()):
            assert s.run is not None and s.run.minutes is not None
            steps = flat(s.run.steps)
            first, *main, last = steps
            # Couch-to-5K: a 5-minute walk before and a walk of up to 5 minutes after, the
            # running between; the walk after is shorter, or none, where the session would
            # pass the design's 35 minutes (the 30-minute run ends on its stretches).
            assert first.kind is StepKind.WARM_UP and first.minutes == 5
            if last.kind is StepKind.COOL_DOWN:
                assert last.minutes is not None and 1 <= last.minutes <= 5 and last.pace is None
                assert last.minutes == 5 or s.run.minutes == 35, (s.date, s.run.minutes)
            else:
                assert s.run.minutes >= 34, (s.date, s.title)
                main = [*main, last]
            assert main[-1].kind is StepKind.RUN, (s.date, s.title)
            assert 20 <= s.run.minutes <= 35
            # No leftover walks: every walk is the stage's walk, every run whole minutes
            # or the stage's run.
            walks = {m.minutes for m in main if m.kind is StepKind.WALK}
            assert len(walks) <= 1, (s.date, walks)
            for m in main:
                assert m.minutes is not None
                whole = m.minutes == int(m.minutes) or m.minutes == main[0].minutes
                assert m.kind is StepKind.WALK or whole, (s.date, m)
            total = sum(
                st.repeat * sum(x.minutes or 0 for x in st.steps)
                if isinstance(st, RepeatStep)
                else st.minutes or 0
                for st in s.run.steps
            )
            assert abs(total - s.run.minutes) <= 1


def block(s: Session) -> float:
    """A run/walk session's running block in minutes; a continuous run counts as endless."""
    assert s.run is not None
    if s.run.type is RunType.EASY:
        return float("inf")
    return next(m.minutes or 0 for m in flat(s.run.steps) if m.kind is StepKind.RUN)


def test_a_cutback_week_repeats_the_stage_with_less_running(cat: Catalogue) -> None:
    for profile in (beginner_example(), RunnerProfile.model_validate(SENIOR)):
        plan = build_plan(profile, cat)
        cutbacks = [i for i, w in enumerate(plan.weeks) if w.kind is WeekKind.CUTBACK]
        assert cutbacks
        for i in cutbacks:
            before = {s.date.weekday(): s for s in runs(plan.weeks[i - 1].sessions)}
            now = runs(plan.weeks[i].sessions)
            assert len(now) == len(before), plan.weeks[i].index
            for s in now:
                # The same intervals as that day the week before: never back, never on.
                assert block(s) == block(before[s.date.weekday()]), (s.date, s.title)
            total_now = sum(running(s.run.steps) for s in now if s.run is not None)
            total_before = sum(running(s.run.steps) for s in before.values() if s.run is not None)
            assert total_now < total_before, plan.weeks[i].index


def test_a_single_round_is_said_as_it_comes_not_repeated(cat: Catalogue) -> None:
    # "Run 8 min, walk 1 min, and repeat: 14 min running in all" had one round only.
    plan = build_plan(beginner_example(), cat)
    for s in runs(list(plan.sessions())):
        assert s.run is not None
        notes = " ".join(s.notes)
        repeats = any(isinstance(step, RepeatStep) for step in s.run.steps)
        assert ("and repeat" in notes) == repeats, (s.date, s.notes)


def test_the_mild_back_check_comes_on_the_first_run_from_week_two(cat: Catalogue) -> None:
    plan = build_plan(RunnerProfile.model_validate(SENIOR), cat)
    first = min(plan.profile.run_days, key=lambda d: d.number)
    said = [s for s in runs(list(plan.sessions())) if any("repeat that week" in n for n in s.notes)]
    assert said and all(
        s.date.weekday() == first.number and s.date > plan.weeks[0].sessions[-1].date for s in said
    )
