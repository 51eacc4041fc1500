"""The short forms a profile may be written in, expanded before RunnerProfile validates it:
start times as one mapping by weekday, and the plan's length from its race date."""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["expand_times_by_day", "weeks_from_race_date"]


def expand_times_by_day(data: Any) -> Any:
    """Accept ``run_time: {default: "07:00", sat: "08:30"}`` as well as ``run_time_by_day``
    (and the same for ``strength_time``)."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for name in ("run_time", "strength_time"):
        value = data.get(name)
        if isinstance(value, dict):
            by_day = {k: v for k, v in value.items() if str(k).lower() != "default"}
            default = next((v for k, v in value.items() if str(k).lower() == "default"), None)
            if default is None:
                data.pop(name)
            else:
                data[name] = default
            given = data.get(f"{name}_by_day") or {}
            if isinstance(given, dict):
                data[f"{name}_by_day"] = {**by_day, **given}
    return data


def weeks_from_race_date(data: Any) -> Any:
    """Set ``weeks`` from ``race_date``: the weeks from ``start_date`` up to race day.

    Raises:
        ValueError: race day is before the start or more than 52 weeks after it, or a
            ``weeks`` that is also given disagrees.
    """
    if not isinstance(data, dict) or data.get("race_date") in (None, ""):
        return data
    try:
        start = dt.date.fromisoformat(str(data["start_date"]))
        race = dt.date.fromisoformat(str(data["race_date"]))
    except (KeyError, ValueError):
        return data  # the field validators report the bad date
    if race < start:
        raise ValueError(f"race_date {race} is before start_date {start}")
    weeks = (race - start).days // 7 + 1
    if weeks > 52:
        raise ValueError(f"race_date {race} is more than 52 weeks after start_date {start}")
    given = data.get("weeks")
    if given is not None and not isinstance(given, bool) and given in (weeks, str(weeks)):
        given = None
    if given is not None:
        raise ValueError(
            f"weeks is {data['weeks']} but race_date {race} makes the plan {weeks} weeks; "
            "give one or the other"
        )
    return {**data, "weeks": weeks}
