"""Value types shared by the models: calendar days and local times within safe bounds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "CalendarDay",
    "LocalTime",
    "fmt_mmss",
    "fmt_number",
    "next_monday",
]

#: The earliest day a profile, plan or log may name.
FIRST_DAY = dt.date(1900, 1, 1)
#: The latest day a profile, plan or log may name. Both bounds sit far inside Python's
#: dates, so adding a plan's weeks or a 30-day look-back never overflows.
LAST_DAY = dt.date(2999, 12, 31)


def _within_bounds(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside the years {FIRST_DAY.year} to {LAST_DAY.year}")
    return day


def _time_as_text(value: Any) -> Any:
    # Pydantic reads a number as seconds since midnight in UTC, so 1110 (what YAML 1.1
    # makes of an unquoted 18:30) would become a time with a zone. Refuse it plainly.
    if isinstance(value, (int, float)):
        raise ValueError(f'a time is written like "18:30", not as the number {value!r}')
    if isinstance(value, str) and len(value) > 1 and value[0].isdigit() and value[1] == ":":
        return "0" + value  # "6:45" is 06:45
    return value


def _local(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError(
            f"{value.isoformat()} has a UTC offset; times are local to the profile's "
            'timezone, so write it like "18:30"'
        )
    return value


#: A date between 1900-01-01 and 2999-12-31.
CalendarDay = Annotated[dt.date, AfterValidator(_within_bounds)]
#: A local wall-clock time without a UTC offset, given as text like "18:30".
LocalTime = Annotated[dt.time, BeforeValidator(_time_as_text), AfterValidator(_local)]


def next_monday(today: dt.date) -> dt.date:
    """The Monday after ``today`` (a week on, when today is a Monday): where a plan with no
    start date begins."""
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def fmt_number(value: float, places: int = 2) -> str:
    """A number as a runner reads it: at most ``places`` decimals, no trailing zeros."""
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def fmt_mmss(seconds: int) -> str:
    """Seconds as minutes:seconds, e.g. 6:30."""
    return f"{seconds // 60}:{seconds % 60:02d}"
