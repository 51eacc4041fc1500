"""Plans as a plain CSV with the header ``date,title,distance,minutes``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from ..errors import PlanError
from ..plan import Plan, SessionKind
from ..profile import Unit
from ..profile_types import KM_PER_MI
from ..workout_text import race_of
from .assemble import Day, assemble, read_day

__all__ = ["CSV_COLUMNS", "plan_from_csv"]

#: The columns a CSV plan may have; date and title are required.
CSV_COLUMNS = ("date", "title", "distance", "minutes")


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
        dated.append((day, read_day(where, row["title"], "", distance, minutes, unit)))
    dated.sort(key=lambda item: item[0])
    shift = (start - dated[0][0]) if start is not None else dt.timedelta(0)
    days = [Day(day + shift, workout) for day, workout in dated]
    last = next((d.workout for d in reversed(days) if d.workout.kind is SessionKind.RACE), None)
    race = race_of(last.title) if last is not None and last is days[-1].workout else None
    return assemble(Path(source).stem, unit, race, days, source)


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
    to_km = 1 if given == "km" else KM_PER_MI
    return tuple(round(unit.from_km(x * to_km), 2) for x in found)  # type: ignore[return-value]
