"""The imported days laid out as a ``Plan``: weeks, sessions, the race on race day, and
distances estimated for runs given only in minutes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from pydantic import ValidationError

from .._values import fmt_mmss, fmt_number
from ..errors import PlanError
from ..plan import Plan, RunSpec, RunType, Session, SessionKind, Week, WeekKind
from ..profile import Race, RunnerProfile, Unit
from ..rules.limits import lighter_weeks
from ..workout_text import Workout, race_of, read_workout
from .inferred import Stats, infer_profile

__all__ = ["Day", "assemble", "read_day"]

#: Minutes per km used to estimate the distance of a workout given only in time.
_RUN_PACE_KM = {"beginner": 7.5, "intermediate": 6.0}
_WALK_PACE_KM = 10.0
#: The most one workout's words may give, in the plan's unit and in minutes: a day.
_MOST_DISTANCE = 1000.0
_MOST_MINUTES = 24 * 60


@dataclass(frozen=True)
class Day:
    """One dated workout of an imported plan."""

    date: dt.date
    """The day."""
    workout: Workout
    """What the plan says for it."""


def read_day(
    where: str,
    title: str,
    description: str,
    distance: tuple[float, float] | None,
    minutes: tuple[float, float] | None,
    unit: Unit,
) -> Workout:
    """``read_workout``, with a title whose numbers runplan cannot hold ("0 x 400",
    "repeat 500 times", "9999 min run") refused in one sentence that starts with ``where``.

    Raises:
        PlanError: the workout's steps are out of range.
    """
    field = ""
    try:
        workout = read_workout(title, description, distance, minutes, unit)
    except ValidationError as exc:  # from a RunStep or RepeatStep
        field = str(exc.errors()[0]["loc"][-1]) if exc.errors()[0]["loc"] else "step"
    else:
        if (workout.distance or 0) > _MOST_DISTANCE:
            field = "distance"
        elif (workout.minutes or 0) > _MOST_MINUTES:
            field = "minutes"
        else:
            return workout
    shown = " ".join(title.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "\u2026"
    raise PlanError(f"{where}, field 'title': {shown!r} has a {field} value out of range.")


def assemble(name: str, unit: Unit, race: Race | None, days: list[Day], source: str) -> Plan:
    """The dated days of an imported plan as a ``Plan``, its profile inferred.

    Raises:
        PlanError: there are no days, or they imply no valid profile; names ``source``.
    """
    warnings: list[str] = []
    if not days:
        raise PlanError(f"The plan file {source} has no workouts.")
    start = days[0].date
    active = [d for d in days if d.workout.kind in (SessionKind.RUN, SessionKind.RACE)]
    race_date = None
    if race is not None and active:
        last = active[-1]
        if not _is_the_race(last.workout, race, unit):
            last = Day(days[-1].date + dt.timedelta(days=1), Workout(kind=SessionKind.RACE))
            days.append(last)
            warnings.append(
                f"The plan names no race at its end; the {race.label} is put on the day after "
                f"its last day, {last.date:%A} {last.date}."
            )
        last.workout.kind, last.workout.run_type = SessionKind.RACE, RunType.RACE
        last.workout.title = last.workout.title or race.label.capitalize()
        last.workout.distance = round(unit.from_km(race.km), 1)
        last.workout.steps, last.workout.notes = [], []
        race_date = last.date
        days = [d for d in days if d.date <= race_date]
    level = "beginner" if _is_beginner(days) else "intermediate"
    for day in days:
        _estimate(day.workout, unit, level)
        named = race_of(day.workout.title)
        if day.workout.kind is SessionKind.RACE and not day.workout.distance and named:
            day.workout.distance = round(unit.from_km(named.km), 1)
    stats = Stats(start, days)
    profile = infer_profile(name, unit, race, race_date, start, level, stats, source, warnings)
    plan_id = profile.plan_id
    weeks = []
    lighter = lighter_weeks(stats.volumes, stats.long_runs)
    slots: Counter[str] = Counter()
    for index in range(1, stats.count + 1):
        first = start + dt.timedelta(days=7 * (index - 1))
        sessions = [
            _session(plan_id, d, profile, slots)
            for d in days
            if profile.week_index(d.date) == index
        ]
        has_race = any(s.kind is SessionKind.RACE for s in sessions)
        kind = (
            WeekKind.RACE if has_race else WeekKind.CUTBACK if index in lighter else WeekKind.BUILD
        )
        weeks.append(
            Week(
                index=index,
                start=first,
                kind=kind,
                distance=round(stats.volumes[index], 2),
                sessions=sessions,
            )
        )
    return Plan(id=plan_id, profile=profile, weeks=weeks, warnings=warnings)


def _is_the_race(workout: Workout, race: Race, unit: Unit) -> bool:
    """The plan's last workout is its race when titled so ("Race Day!", "Run 5K"), or when
    it runs about the race distance (Hansons' "Plan Ends" with 26.2 mi)."""
    if workout.kind is SessionKind.RACE or race_of(workout.title) is race:
        return True
    return (workout.distance or 0.0) >= 0.9 * unit.from_km(race.km)


def _is_beginner(days: list[Day]) -> bool:
    runs = [d.workout for d in days if d.workout.kind is SessionKind.RUN]
    return any(w.run_type is RunType.RUN_WALK for w in runs) or not any(
        w.distance is not None for w in runs
    )


def _estimate(workout: Workout, unit: Unit, level: str) -> None:
    """Give a run known only by its minutes a distance, at the level's easy pace."""
    if workout.kind is not SessionKind.RUN or workout.distance is not None:
        return
    minutes = workout.minutes or 0.0
    run_pace = _RUN_PACE_KM[level] / unit.from_km(1)
    walk_pace = _WALK_PACE_KM / unit.from_km(1)
    distance = workout.run_minutes / run_pace + (minutes - workout.run_minutes) / walk_pace
    workout.distance = max(round(distance, 1), 0.1)
    workout.notes.append(
        f"About {fmt_number(workout.distance)} {unit.value}: estimated from "
        f"{fmt_number(minutes)} minutes at {fmt_mmss(round(run_pace * 60))} per {unit.value} "
        f"running and {fmt_mmss(round(walk_pace * 60))} walking."
    )


def _session(plan_id: str, day: Day, profile: RunnerProfile, slots: Counter[str]) -> Session:
    w = day.workout
    slot = {
        SessionKind.RUN: "run",
        SessionKind.RACE: "race",
        SessionKind.CROSS_TRAINING: "cross",
    }.get(w.kind, "rest")
    run = None
    minutes = round(w.minutes) if w.minutes else None
    if w.kind in (SessionKind.RUN, SessionKind.RACE) and w.distance:
        run = RunSpec(
            type=w.run_type or RunType.EASY,
            distance=round(w.distance, 2),
            minutes=minutes or None,
            steps=w.steps,
        )
    kind = (
        w.kind
        if run is not None or w.kind not in (SessionKind.RUN, SessionKind.RACE)
        else SessionKind.REST
    )
    duration = minutes or (
        round(w.distance * profile.pace_minutes) if run is not None and w.distance else 0
    )
    title = w.title or ("Race" if kind is SessionKind.RACE else "Rest")
    ident = f"{plan_id}-{day.date:%Y%m%d}-{slot}"
    slots[ident] += 1
    return Session(
        id=ident if slots[ident] == 1 else f"{ident}-{slots[ident]}",
        date=day.date,
        duration_minutes=duration,
        kind=kind,
        title=title[:120],
        run=run,
        notes=w.notes,
    )
