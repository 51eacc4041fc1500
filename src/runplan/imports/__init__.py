"""Plans written elsewhere, read into a ``Plan`` so that ``check_plan`` can judge them.

Two formats: calendar-hack's YAML plan files (``units``, ``type``, ``schedule`` of weeks
of 7 ``workouts`` with ``title``, optional ``description`` and ``distance``), and a
plain CSV with the header ``date,title,distance,minutes``. The words of each workout
are read by ``workout_text``; ``calendar_hack`` and ``csv_plan`` lay the days out on
dates, ``assemble`` makes them a plan (the last workout of a race plan is the race), and
``inferred`` infers the runner's profile from the plan itself, saying what it inferred in
``plan.warnings``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .._read import read_data_file, read_text
from ..errors import PlanError
from ..plan import Plan
from .calendar_hack import is_calendar_hack, plan_from_calendar_hack
from .csv_plan import CSV_COLUMNS, plan_from_csv

__all__ = [
    "CSV_COLUMNS",
    "import_plan",
    "is_calendar_hack",
    "plan_from_calendar_hack",
    "plan_from_csv",
]


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
