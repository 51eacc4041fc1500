"""calendar-hack's YAML plan files: ``units``, ``type``, ``schedule`` of weeks of 7
``workouts`` with ``title``, optional ``description`` and ``distance`` (titles carry
``{miles:km}`` pairs)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .._filetype import data_kind
from .._values import next_monday
from ..errors import PlanError
from ..plan import Plan
from ..profile import Race, Unit
from .assemble import Day, assemble, read_day

__all__ = ["is_calendar_hack", "plan_from_calendar_hack"]

#: calendar-hack's plan types, as runplan races.
_RACE_TYPES = {
    "5k": Race.FIVE_K,
    "10k": Race.TEN_K,
    "half marathon": Race.HALF_MARATHON,
    "marathon": Race.MARATHON,
}


def is_calendar_hack(data: Any) -> bool:
    """True when parsed data looks like a calendar-hack plan (a ``schedule`` of weeks)."""
    return isinstance(data, dict) and isinstance(data.get("schedule"), list)


def plan_from_calendar_hack(data: Any, *, source: str, start: dt.date | None = None) -> Plan:
    """A plan from calendar-hack's YAML plan data (already parsed).

    Raises:
        PlanError: the data is not a calendar-hack plan; the message names ``source``.
    """
    if not is_calendar_hack(data):
        other = data_kind(data)
        if other is not None:
            hint = {
                "a runner profile": f"; build a plan from it with runplan plan {source}",
                "a runplan plan": "; runplan check, replan and status read it as it is",
            }.get(other, " (a calendar-hack YAML plan or a CSV plan)")
            raise PlanError(f"{source} is {other}, not a plan to import{hint}.")
        raise PlanError(f"The plan file {source} has no 'schedule' list of weeks.")
    units = str(data.get("units", "mi")).strip().lower()
    if units not in ("mi", "km"):
        raise PlanError(f"The plan file {source} has units {units!r}; known: mi, km.")
    unit = Unit(units)
    race = _RACE_TYPES.get(str(data.get("type", "")).strip().lower())
    first = start if start is not None else next_monday(dt.date.today())
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
            workout = read_day(
                where,
                _text(item.get("title"), f"{where}, field 'title'"),
                _text(item.get("description"), f"{where}, field 'description'"),
                _distance(item.get("distance"), where),
                None,
                unit,
            )
            days.append(Day(day, workout))
    name = str(data.get("name") or Path(source).stem)
    return assemble(name, unit, race, days, source)


def _text(value: Any, where: str) -> str:
    """A title or description: text, or a bare number YAML read as one ("5")."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PlanError(f"{where} must be text, not a {type(value).__name__}.")
    return str(value)


def _distance(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    numbers = [float(x) for x in items if isinstance(x, int | float) and not isinstance(x, bool)]
    if (
        len(numbers) != len(items)
        or len(numbers) not in (1, 2)
        or not all(0 <= x <= 200 for x in numbers)  # also refuses NaN
    ):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "\u2026"
        raise PlanError(
            f"{where}, field 'distance': {shown} is not a number or [low, high] from 0 to 200."
        )
    return min(numbers), max(numbers)
