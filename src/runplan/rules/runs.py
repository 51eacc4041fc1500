"""Rules about single runs: their steps add up, and a flare starts with days off running."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..catalogue import Catalogue
from ..plan import Plan, RepeatStep, RunStep, Session, SessionKind
from ..profile import BackPain
from .base import Violation, _fmt, _is_race
from .limits import FLARE_REST_DAYS

#: Steps add up to the run's minutes within this many minutes ...
STEP_MINUTES_SLACK = 1.0
#: ... and to its distance within this fraction, where the steps have paces.
STEP_DISTANCE_SLACK = 0.10


def _sums(steps: Sequence[RunStep | RepeatStep]) -> tuple[float, float, bool]:
    """(minutes, distance, known) of the steps: distance steps take the middle of their
    pace; timed steps cover distance only with a pace. ``known`` is False when a distance
    step has no pace, so its time is unknown."""
    minutes = distance = 0.0
    known = True
    for step in steps:
        if isinstance(step, RepeatStep):
            m, d, k = _sums(step.steps)
            minutes += step.repeat * m
            distance += step.repeat * d
            known = known and k
            continue
        middle = (step.pace.slow + step.pace.fast) / 2 if step.pace is not None else None
        if step.minutes is not None:
            minutes += step.minutes
            if middle is not None:
                distance += step.minutes * 60 / middle
        elif step.distance is not None:
            distance += step.distance
            if middle is None:
                known = False
            else:
                minutes += step.distance * middle / 60
    return minutes, distance, known


def run_steps(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A run's steps add up to its minutes (within a minute) and, where they carry paces or
    distances, to its distance (within 10 %). A run without steps has nothing to add up.

    Evidence: none needed: a watch or a page shows the steps, the calendar the totals; the
    two must tell the runner the same thing. The slack allows for rounding to whole
    minutes and to the distance step.
    """
    for week in plan.weeks:
        for session in week.sessions:
            run = session.run
            if run is None or not run.steps:
                continue
            minutes, distance, known = _sums(run.steps)
            if (
                known
                and run.minutes is not None
                and abs(minutes - run.minutes) > STEP_MINUTES_SLACK
            ):
                yield Violation(
                    rule="run_steps",
                    week=week.index,
                    date=session.date,
                    message=f"The steps of the run on {session.date} take {_fmt(minutes)} min, "
                    f"not the {run.minutes} min it says.",
                )
            if distance > 0 and abs(distance - run.distance) > STEP_DISTANCE_SLACK * run.distance:
                yield Violation(
                    rule="run_steps",
                    week=week.index,
                    date=session.date,
                    message=f"The steps of the run on {session.date} cover {_fmt(distance)} "
                    f"{plan.unit}, not the {_fmt(run.distance)} {plan.unit} it says.",
                )


def is_walk(session: Session) -> bool:
    """True for a walking session: no running in it and its title names a walk."""
    return session.run is None and "walk" in session.title.lower()


def flare_rest_days(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """During a flare, the plan's first 3 days hold no run (a race aside), no cross
    training other than a walk and no core: walking and gentle mobility only.

    Evidence: "How Do I Prevent Lower Back Pain When Running?" (limit activity for a few
    days after a strain); returning after a flare starts with a few days of relative rest
    and walking (coaching reference). Three days is a convention.
    """
    profile = plan.profile
    if profile.back_pain is not BackPain.FLARE:
        return
    last = profile.start_date + dt.timedelta(days=FLARE_REST_DAYS - 1)
    for week in plan.weeks:
        for session in week.sessions:
            if session.date > last:
                continue
            if session.is_run and not _is_race(session):
                what = "run"
            elif session.kind is SessionKind.CORE:
                what = "core session"
            elif session.kind is SessionKind.CROSS_TRAINING and not is_walk(session):
                what = "cross-training session"
            else:
                continue
            yield Violation(
                rule="flare_rest_days",
                week=week.index,
                date=session.date,
                message=f"The {what} on {session.date} falls in the first {FLARE_REST_DAYS} "
                "days of a flare, which hold walking and gentle mobility only.",
            )
