"""The intensity rule: strides, tempo and race pace stay small, and only for runners who
are ready for them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..catalogue import Catalogue
from ..plan import Plan, RepeatStep, RunStep, RunType, Session, StepKind
from .base import EPS, Violation, _fmt, _is_race, _training_runs
from .limits import FAST_SHARE, STRIDE_COUNT, STRIDE_SECONDS, may_run_fast

_FAST_STEPS = (StepKind.STRIDE, StepKind.TEMPO, StepKind.RACE_PACE)
_HARD_TYPES = (RunType.TEMPO, RunType.RACE_PACE, RunType.INTERVALS, RunType.HILLS)


def _pace_seconds(step: RunStep, fallback: float) -> float:
    return (step.pace.slow + step.pace.fast) / 2 if step.pace is not None else fallback


def _minutes(steps: Sequence[RunStep | RepeatStep], fallback: float, *, fast: bool) -> float:
    total = 0.0
    for step in steps:
        if isinstance(step, RepeatStep):
            total += step.repeat * _minutes(step.steps, fallback, fast=fast)
        elif not fast or step.kind in _FAST_STEPS:
            if step.minutes is not None:
                total += step.minutes
            elif step.distance is not None:
                total += step.distance * _pace_seconds(step, fallback) / 60
    return total


def _run_minutes(session: Session, pace: float) -> float:
    run = session.run
    assert run is not None
    if run.minutes is not None:
        return float(run.minutes)
    if run.steps:
        return _minutes(run.steps, pace, fast=False)
    return run.distance * pace / 60


def _fast_minutes(session: Session, pace: float) -> float:
    run = session.run
    assert run is not None
    if run.steps:
        return _minutes(run.steps, pace, fast=True)
    if run.type in _HARD_TYPES:
        return _run_minutes(session, pace)  # no steps: the whole run counts as hard
    return 0.0


def _strides(steps: Sequence[RunStep | RepeatStep]) -> Iterator[tuple[int, float]]:
    """(count, seconds) for each set of strides in the steps."""
    for step in steps:
        if isinstance(step, RepeatStep):
            for inner in step.steps:
                if inner.kind is StepKind.STRIDE and inner.minutes is not None:
                    yield step.repeat, inner.minutes * 60
        elif step.kind is StepKind.STRIDE and step.minutes is not None:
            yield 1, step.minutes * 60


def intensity(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Fast running stays small and safe: strides (4 to 8 x 15 to 30 s), tempo and race
    pace take at most 20 % of a week's running time, at most one tempo, race-pace,
    interval or hill session a week, and none at all for a beginner (``weekly_distance``
    0) or a runner with back pain.

    Evidence: endurance athletes run about 80 % of their time easy (the polarised pattern;
    coaching reference); strides of 4 to 8 x 15 to 30 s are common practice. The 20 % cap
    and one hard session a week are conventions. Beginners and sore backs run easy: speed
    adds load the plan cannot see.
    """
    profile = plan.profile
    pace = profile.pace_minutes * 60
    allowed = may_run_fast(profile)
    for week in plan.weeks:
        runs = _training_runs(week)
        total = sum(_run_minutes(s, pace) for s in runs)
        fast = sum(_fast_minutes(s, pace) for s in runs)
        if fast > 0 and not allowed:
            who = "a beginner" if profile.weekly_distance == 0 else "a runner with back pain"
            yield Violation(
                rule="intensity",
                week=week.index,
                date=None,
                message=f"Week {week.index} has fast running for {who}; those runs stay easy.",
            )
            continue
        if total > 0 and fast > FAST_SHARE * total + EPS:
            yield Violation(
                rule="intensity",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(fast)} of {_fmt(total)} min fast, more "
                f"than {round(FAST_SHARE * 100)} % of its running time.",
                excess=round(fast / (FAST_SHARE * total) - 1, 3),
            )
        hard = [s for s in runs if s.run is not None and s.run.type in _HARD_TYPES]
        if len(hard) > 1:
            yield Violation(
                rule="intensity",
                week=week.index,
                date=hard[1].date,
                message=f"Week {week.index} has {len(hard)} tempo, race-pace or interval "
                "sessions; one a week is the most.",
            )
        for session in runs:
            assert session.run is not None
            for count, seconds in _strides(session.run.steps):
                if not (
                    STRIDE_COUNT[0] <= count <= STRIDE_COUNT[1]
                    and STRIDE_SECONDS[0] - EPS <= seconds <= STRIDE_SECONDS[1] + EPS
                ):
                    yield Violation(
                        rule="intensity",
                        week=week.index,
                        date=session.date,
                        message=f"The strides on {session.date} are {count} x "
                        f"{_fmt(seconds)} s; strides are {STRIDE_COUNT[0]} to "
                        f"{STRIDE_COUNT[1]} x {STRIDE_SECONDS[0]} to {STRIDE_SECONDS[1]} s.",
                    )


def hard_days_apart(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No two hard days in a row: a tempo, race-pace, interval or hill run never sits the
    day before or after the long run, the race or another such run. (How the long run
    meets the race is the race week's business: rules ``taper`` and ``race_day``.)

    Evidence: convention. The hard-easy pattern of coaching practice puts an easy day or a
    rest day between hard ones so the runner comes to each fresh; the long run counts as
    hard. It follows the polarised pattern of the coaching reference (most running easy).
    """
    hard: dict[dt.date, str] = {}
    fast: set[dt.date] = set()
    for session in plan.sessions():
        if _is_race(session):
            hard[session.date] = "the race"
        elif session.run is not None and session.run.type is RunType.LONG:
            hard.setdefault(session.date, "the long run")
        elif session.run is not None and session.run.type in _HARD_TYPES:
            hard.setdefault(session.date, f"a {session.run.type.value.replace('_', '-')} run")
            fast.add(session.date)
    weeks = {s.date: w.index for w in plan.weeks for s in w.sessions}
    for day in sorted(hard):
        after = day + dt.timedelta(days=1)
        if after in hard and (day in fast or after in fast):
            yield Violation(
                rule="hard_days_apart",
                week=weeks[after],
                date=after,
                message=f"{hard[after].capitalize()} on {after} follows {hard[day]} the day "
                "before; keep an easy day or a rest day between hard days.",
            )
