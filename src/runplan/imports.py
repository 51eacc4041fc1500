"""Plans written elsewhere, read into a ``Plan`` so that ``check_plan`` can judge them.

Two formats: calendar-hack's YAML plan files (``units``, ``type``, ``schedule`` of weeks
of 7 ``workouts`` with ``title``, optional ``description`` and ``distance``), and a
plain CSV with the header ``date,title,distance,minutes``. The words of each workout
are read by ``workout_text``; this module lays the days out on dates, makes the last
workout of a race plan the race, and infers the runner's profile from the plan itself,
saying what it inferred in ``plan.warnings``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._io import describe_validation_error, read_data_file, read_text
from .errors import PlanError
from .plan import Plan, RunSpec, RunType, Session, SessionKind, Week, WeekKind
from .profile import Race, RunnerProfile, Unit, Weekday, minimum_long_run
from .rules.limits import CUTBACK_STRETCH, lighter_weeks
from .workout_text import Workout, race_of, read_workout

__all__ = ["import_plan", "plan_from_calendar_hack", "plan_from_csv"]

#: calendar-hack's plan types, as runplan races.
_RACE_TYPES = {
    "5k": Race.FIVE_K,
    "10k": Race.TEN_K,
    "half marathon": Race.HALF_MARATHON,
    "marathon": Race.MARATHON,
}
#: The columns a CSV plan may have; date and title are required.
CSV_COLUMNS = ("date", "title", "distance", "minutes")
#: Minutes per km used to estimate the distance of a workout given only in time.
_RUN_PACE_KM = {"beginner": 7.5, "intermediate": 6.0}
_WALK_PACE_KM = 10.0


@dataclass(frozen=True)
class _Day:
    date: dt.date
    workout: Workout


def import_plan(path: str | os.PathLike[str], *, start: dt.date | None = None) -> Plan:
    """Read a plan written elsewhere: a calendar-hack YAML file or a CSV.

    Parameters:
        path: a ``.csv`` file with the header ``date,title,distance,minutes``, or a
            calendar-hack YAML plan (``.yaml``, ``.yml`` or ``.json``).
        start: the first day of the plan. A YAML plan's week 1 starts on it (default: next
            Monday); a CSV plan's dates all move by the same number of days so that its
            first date falls on it (default: the dates as written).

    Returns:
        The plan, with the profile runplan inferred from it; ``plan.warnings`` says what
        was inferred.

    Raises:
        PlanError: the file is missing, unreadable or not in either format.
    """
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return plan_from_csv(read_text(p, PlanError, "plan"), source=p.name, start=start)
    data = read_data_file(p, PlanError, "plan")
    return plan_from_calendar_hack(data, source=p.name, start=start)


def is_calendar_hack(data: Any) -> bool:
    """True when parsed data looks like a calendar-hack plan (a ``schedule`` of weeks)."""
    return isinstance(data, dict) and isinstance(data.get("schedule"), list)


def plan_from_calendar_hack(data: Any, *, source: str, start: dt.date | None = None) -> Plan:
    """A plan from calendar-hack's YAML plan data (already parsed).

    Raises:
        PlanError: the data is not a calendar-hack plan; the message names ``source``.
    """
    if not is_calendar_hack(data):
        raise PlanError(f"The plan file {source} has no 'schedule' list of weeks.")
    units = str(data.get("units", "mi")).strip().lower()
    if units not in ("mi", "km"):
        raise PlanError(f"The plan file {source} has units {units!r}; known: mi, km.")
    unit = Unit(units)
    race = _RACE_TYPES.get(str(data.get("type", "")).strip().lower())
    first = start if start is not None else _next_monday(dt.date.today())
    days = []
    for w, week in enumerate(data["schedule"], start=1):
        workouts = week.get("workouts") if isinstance(week, dict) else None
        if not isinstance(workouts, list) or len(workouts) > 7:
            raise PlanError(f"The plan file {source}, week {w}, needs 'workouts': up to 7 days.")
        for d, item in enumerate(workouts):
            where = f"The plan file {source}, week {w}, day {d + 1}"
            if not isinstance(item, dict):
                raise PlanError(f"{where} must be a mapping with a 'title'.")
            day = first + dt.timedelta(days=7 * (w - 1) + d)
            workout = read_workout(
                str(item.get("title") or ""),
                str(item.get("description") or ""),
                _distance(item.get("distance"), where),
                None,
                unit,
            )
            days.append(_Day(day, workout))
    name = str(data.get("name") or Path(source).stem)
    return _assemble(name, unit, race, days, source)


def plan_from_csv(text: str, *, source: str, start: dt.date | None = None) -> Plan:
    """A plan from CSV text with the header ``date,title,distance,minutes``.

    Distances may carry their unit ("5 mi", "8 km"; else the unit the titles name, else
    km) and be ranges ("5-6"); minutes may be ranges too. Either may be empty.

    Raises:
        PlanError: a column, date or number is not valid; the message names the row.
    """
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if "date" not in columns or "title" not in columns or unknown:
        raise PlanError(
            f"The plan file {source} needs the header date,title,distance,minutes "
            f"(it has {','.join(columns) or 'none'})."
        )
    rows = [{k.strip().lower(): (v or "").strip() for k, v in r.items() if k} for r in reader]
    if not rows:
        raise PlanError(f"The plan file {source} has no rows under its header.")
    unit = _csv_unit(rows)
    dated = []
    for n, row in enumerate(rows, start=2):
        where = f"The plan file {source}, row {n}"
        try:
            day = dt.date.fromisoformat(row["date"])
        except ValueError:
            raise PlanError(
                f"{where}, field 'date': {row['date']!r} is not a date like 2026-03-02."
            ) from None
        distance = _csv_distance(row.get("distance", ""), unit, f"{where}, field 'distance'")
        minutes = _range(row.get("minutes", ""), f"{where}, field 'minutes'")
        dated.append((day, read_workout(row["title"], "", distance, minutes, unit)))
    dated.sort(key=lambda item: item[0])
    shift = (start - dated[0][0]) if start is not None else dt.timedelta(0)
    days = [_Day(day + shift, workout) for day, workout in dated]
    last = next((d.workout for d in reversed(days) if d.workout.kind is SessionKind.RACE), None)
    race = race_of(last.title) if last is not None and last is days[-1].workout else None
    return _assemble(Path(source).stem, unit, race, days, source)


# ---------------------------------------------------------------------- reading values


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def _distance(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    try:
        numbers = [float(x) for x in items]
    except (TypeError, ValueError):
        raise PlanError(
            f"{where}, field 'distance': {value!r} is not a number or [low, high]."
        ) from None
    if len(numbers) not in (1, 2) or min(numbers) < 0 or max(numbers) > 200:
        raise PlanError(f"{where}, field 'distance': {value!r} is not a number or [low, high].")
    return min(numbers), max(numbers)


def _range(text: str, where: str) -> tuple[float, float] | None:
    if not text:
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:[-\u2013]\s*(\d+(?:\.\d+)?))?", text)
    if match is None:
        raise PlanError(f"{where}: {text!r} is not a number or a range like 5-6.")
    lo, hi = float(match.group(1)), float(match.group(2) or match.group(1))
    if hi <= 0 or hi > 1000:
        raise PlanError(f"{where}: {text!r} is out of range.")
    return min(lo, hi), max(lo, hi)


def _csv_unit(rows: list[dict[str, str]]) -> Unit:
    for row in rows:
        found = re.search(r"\b(km|mi|miles?)\b", row.get("distance", "").lower())
        if found:
            return Unit.KM if found.group(1) == "km" else Unit.MI
    titles = " ".join(row.get("title", "") for row in rows).lower()
    miles = len(re.findall(r"\d\s*(?:mi|miles?)\b", titles))
    km = len(re.findall(r"\d\s*km\b", titles))
    return Unit.MI if miles > km else Unit.KM


def _csv_distance(text: str, unit: Unit, where: str) -> tuple[float, float] | None:
    match = re.fullmatch(r"(.*?)\s*(km|mi|miles?)?", text.lower())
    number, given = (match.group(1), match.group(2)) if match else (text, None)
    found = _range(number, where)
    if found is None or given is None or (given == "km") == (unit is Unit.KM):
        return found
    to_km = 1 if given == "km" else 1.609344
    return tuple(round(unit.from_km(x * to_km), 2) for x in found)  # type: ignore[return-value]


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------- the plan


def _assemble(name: str, unit: Unit, race: Race | None, days: list[_Day], source: str) -> Plan:
    warnings: list[str] = []
    if not days:
        raise PlanError(f"The plan file {source} has no workouts.")
    start = days[0].date
    active = [d for d in days if d.workout.kind in (SessionKind.RUN, SessionKind.RACE)]
    race_date = None
    if race is not None and active:
        last = active[-1]
        if not _is_the_race(last.workout, race, unit):
            last = _Day(days[-1].date + dt.timedelta(days=1), Workout(kind=SessionKind.RACE))
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
    stats = _Stats(start, days)
    profile = _profile(name, unit, race, race_date, start, level, stats, source, warnings)
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


def _is_beginner(days: list[_Day]) -> bool:
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
        f"About {_fmt(workout.distance)} {unit.value}: estimated from {_fmt(minutes)} minutes "
        f"at {_pace(run_pace)} per {unit.value} running and {_pace(walk_pace)} walking."
    )


def _pace(minutes: float) -> str:
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


class _Stats:
    """Weekly volumes and long runs of the imported days, week 1 first (index 0 unused)."""

    def __init__(self, start: dt.date, days: list[_Day]) -> None:
        self.count = (days[-1].date - start).days // 7 + 1
        self.volumes = [0.0] * (self.count + 1)
        self.long_runs = [0.0] * (self.count + 1)
        self.run_weeks: Counter[Weekday] = Counter()
        self.long_days: Counter[Weekday] = Counter()
        self.race_weeks = {
            (d.date - start).days // 7 + 1 for d in days if d.workout.kind is SessionKind.RACE
        }
        by_week: dict[int, list[_Day]] = {}
        for d in days:
            if d.workout.kind is SessionKind.RUN and d.workout.distance:
                by_week.setdefault((d.date - start).days // 7 + 1, []).append(d)
        for index, runs in by_week.items():
            self.volumes[index] = sum(d.workout.distance or 0.0 for d in runs)
            longest = max(runs, key=lambda d: (d.workout.distance or 0.0, d.date))
            self.long_runs[index] = longest.workout.distance or 0.0
            self.long_days[Weekday.of(longest.date)] += 1
            self.run_weeks.update({Weekday.of(d.date) for d in runs})
        self.volumes[0], self.long_runs[0] = self.volumes[1], self.long_runs[1]


def _profile(
    name: str,
    unit: Unit,
    race: Race | None,
    race_date: dt.date | None,
    start: dt.date,
    level: str,
    stats: _Stats,
    source: str,
    warnings: list[str],
) -> RunnerProfile:
    run_days, long_day, said = _days(stats)
    every, rhythm = _rhythm(stats, race_date is not None)
    weekly = round(min(stats.volumes[1], 300.0), 1)
    longest = round(min(stats.long_runs[1], 100.0), 1)
    data: dict[str, Any] = {
        "name": name.strip()[:80] or "imported",
        "start_date": start,
        "unit": unit,
        "weekly_distance": weekly,
        "longest_recent_run": max(longest, minimum_long_run(unit)),
        "run_days": run_days,
        "long_run_day": long_day,
        "level": level,
        "cutback_every": every,
    }
    if race is not None and race_date is not None:
        data |= {"race": race, "race_date": race_date}
    else:
        data["weeks"] = stats.count
    try:
        profile = RunnerProfile.model_validate(data)
    except ValidationError as exc:
        detail = describe_validation_error(exc, lambda: ", ".join(RunnerProfile.model_fields))
        raise PlanError(f"The plan file {source} gives a profile that {detail}.") from None
    days = ", ".join(d.title for d in profile.run_days)
    warnings.append(
        f"Profile inferred from the plan: week 1 runs {_fmt(weekly)} {unit.value} with a "
        f"longest run of {_fmt(profile.seed_longest_run)} {unit.value}, taken as what you run "
        f"now; run days {days}; long run on {long_day.title}; {rhythm}; level {level}."
    )
    warnings.extend(said)
    return profile


def _days(stats: _Stats) -> tuple[list[Weekday], Weekday, list[str]]:
    said = []
    most = max(stats.run_weeks.values(), default=0)
    ranked = sorted(Weekday, key=lambda d: (-stats.run_weeks[d], d.number))
    days = [d for d in ranked if most and stats.run_weeks[d] * 2 >= most]
    long_day = (
        max(Weekday, key=lambda d: (stats.long_days[d], d.number))
        if stats.long_days
        else Weekday.SAT
    )
    if len(days) == 7:
        left_out = next(d for d in reversed(ranked) if d is not long_day)
        said.append(
            f"The plan runs on all 7 days; a profile holds 6, so {left_out.title} is left "
            "out of the run days (its runs stay in the plan)."
        )
        days.remove(left_out)
    if long_day not in days:
        days = [*days[:5], long_day]
    for extra in [*ranked, Weekday.MON, Weekday.WED]:
        if len(days) >= 2:
            break
        if extra not in days:
            days.append(extra)
    return sorted(days, key=lambda d: d.number), long_day, said


def _rhythm(stats: _Stats, race_plan: bool) -> tuple[int, str]:
    """The cutback rhythm: how often the plan's own lighter weeks come (weeks with a race,
    and the last 3 weeks of a race plan, are lighter for the race, not as cutbacks)."""
    last = stats.count - 3 if race_plan else stats.count
    lighter = sorted(
        i
        for i in lighter_weeks(stats.volumes, stats.long_runs)
        if i <= last and i not in stats.race_weeks
    )
    gaps = Counter(b - a for a, b in zip([0, *lighter], lighter, strict=False) if b - a >= 2)
    weeks = ", ".join(str(i) for i in lighter[:6]) + (" ..." if len(lighter) > 6 else "")
    if not gaps:
        return 4, "no lighter week before the taper" if race_plan else "no lighter week"
    every = max(gaps, key=lambda g: (gaps[g], -g))
    if every > CUTBACK_STRETCH + 1:
        return 4, f"lighter weeks every {every} weeks (weeks {weeks}), more than every 5th"
    return every, f"a lighter week every {every} weeks (weeks {weeks})"


def _session(plan_id: str, day: _Day, profile: RunnerProfile, slots: Counter[str]) -> Session:
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
