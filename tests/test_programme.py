"""The beginner's run/walk programme as a coach reads it: a mild sore back still
progresses, sessions end on a cool-down walk, and cutback weeks repeat the current stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from runplan import Catalogue, Plan, RunnerProfile, build_plan, check_plan, load_catalogue
from runplan.plan import RepeatStep, RunStep, RunType, Session, SessionKind, StepKind, WeekKind

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


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


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
