"""The training log: what really happened, day by day.

Read from YAML, JSON or CSV written by hand (or ``runplan log add``), and from the activity
files a watch or Strava writes (.fit, .gpx, .tcx, a Strava ``activities.csv``, or a folder of
them); ``TrainingLog.merge`` joins the runs from those files with a pain log by date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._error_text import describe_validation_error
from ._filetype import data_kind
from ._read import read_data_file, read_text
from ._values import CalendarDay
from ._write import atomic_write
from .activities import (
    ACTIVITY_SUFFIXES,
    is_activity_file,
    is_strava_export,
    read_activity_file,
    strava_export_rows,
)
from .errors import PlanError
from .plan import Plan, SessionKind
from .profile import Unit

__all__ = ["LogEntry", "LogStatus", "TrainingLog", "WeekProgress", "append_entry", "week_progress"]

#: The columns ``runplan log add`` writes, in order.
CSV_COLUMNS = ("date", "session", "status", "distance", "pain", "note")
#: Every column a CSV log may have.
CSV_ALL_COLUMNS = (*CSV_COLUMNS, "unit", "minutes")
#: What the activity files in a folder are.
FOLDER_FILES = ".fit, .gpx, .tcx or activities.csv"


class LogStatus(StrEnum):
    """How a planned session went."""

    DONE = "done"
    SKIPPED = "skipped"
    PARTIAL = "partial"


class LogEntry(BaseModel):
    """One day's record of one session."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    date: CalendarDay
    """The day."""
    session: str = Field(min_length=1)
    """A session id from the plan, or a kind such as ``run``, ``core`` or ``mobility``."""
    status: LogStatus
    """done, skipped or partial."""
    distance: float | None = Field(None, ge=0, le=500)
    """Distance actually run (for runs), in ``unit``."""
    unit: Unit | None = None
    """km or mi; none means the plan's unit. Entries from activity files are in km."""
    minutes: float | None = Field(None, ge=0, le=24 * 60)
    """Time actually spent, in minutes (from an activity file's timer)."""
    pain: int | None = Field(None, ge=0, le=10)
    """Back pain during or after, 0 (none) to 10 (worst)."""
    note: str = ""
    """Anything worth remembering."""

    def distance_in(self, unit: str) -> float | None:
        """The logged distance in ``unit`` (km or mi), or none when no distance was logged."""
        if self.distance is None or self.unit is None or self.unit.value == unit:
            return self.distance
        return Unit(unit).from_km(self.unit.to_km(self.distance))

    def ran(self, planned: float, unit: str) -> float:
        """The distance this entry counts as run, in ``unit``: the logged distance, else the
        planned one when done, half of it when partial, 0 when skipped."""
        if self.status is LogStatus.SKIPPED:
            return 0.0
        logged = self.distance_in(unit)
        if logged is not None:
            return logged
        return planned if self.status is LogStatus.DONE else planned / 2

    @property
    def is_run_kind(self) -> bool:
        """True when the entry names a run: ``run``, ``race``, or a run or race session id
        as runplan makes them (ending in ``-run`` or ``-race``)."""
        return self.session in ("run", "race") or self.session.endswith(("-run", "-race"))

    @property
    def is_pain_note(self) -> bool:
        """True for a line that only says how the back felt: session ``run``, done, with a
        pain or a note but no distance and no time (``runplan log add DATE --pain 3``).

        On the day of a recorded run it joins that run (see :meth:`TrainingLog.merge`);
        alone it is not a run, so it counts no run and no distance.
        """
        return (
            self.session == "run"
            and self.status is LogStatus.DONE
            and self.distance is None
            and self.minutes is None
            and (self.pain is not None or bool(self.note))
        )


class TrainingLog(BaseModel):
    """Log entries in date order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    entries: list[LogEntry] = []
    """The entries, sorted by date."""

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, timezone: str | None = None) -> TrainingLog:
        """Read a log from a file or a folder.

        A log written by hand is YAML, JSON (a list of entries, or ``{entries: [...]}``) or
        CSV (columns ``date,session,status,distance,pain,note``, optionally ``unit`` and
        ``minutes``). Activity files give their runs: a ``.fit`` activity, ``.gpx``,
        ``.tcx``, or a Strava bulk export's ``activities.csv``; a folder reads every such
        file directly in it (not in sub-folders, and not through symbolic links).

        Parameters:
            path: the file or folder.
            timezone: the runner's IANA time zone, for the date of runs in files that record
                only UTC (GPX, TCX, Strava); default UTC.

        Raises:
            PlanError: the file is missing or malformed, or a row has a bad field; the
                message names the file, the row and the field.
        """
        p = Path(path)
        zone = _zone(timezone)
        if p.is_dir():
            return cls.merge(*(cls.from_rows(read_activity_file(f, zone), source=f.name)
                               for f in _activity_files(p)))  # fmt: skip
        if p.suffix.lower() in ACTIVITY_SUFFIXES:
            return cls.from_rows(read_activity_file(p, zone), source=p.name)
        if p.suffix.lower() == ".csv":
            text = read_text(p, PlanError, "training log")
            if is_strava_export(text) or p.name.lower() == "activities.csv":
                rows = strava_export_rows(p, text, zone)  # or says it is not one
            else:
                rows = _read_csv(p, text)
        else:
            data = read_data_file(p, PlanError, "training log")
            if isinstance(data, dict) and set(data) == {"entries"}:
                data = data["entries"]
            if data is None:
                data = []
            other = data_kind(data)
            if other not in (None, "a training log"):
                raise PlanError(f"{p.name} is {other}, not a training log.")
            if not isinstance(data, list):
                raise PlanError(
                    f"The training log {p.name} must be a list of entries "
                    "(or a mapping with an 'entries' list)."
                )
            rows = data
        return cls.from_rows(rows, source=p.name)

    @classmethod
    def merge(cls, *logs: TrainingLog) -> TrainingLog:
        """Join logs by date: runs from activity files with a pain log written by hand.

        On a day with a run whose distance is logged, a run entry without a distance (a
        line that says how the back felt) is folded into that run: the run takes its pain
        (the higher of the two), its session id and its note. Every other entry is kept.
        """
        days: dict[dt.date, list[LogEntry]] = {}
        for entry in sorted((e for log in logs for e in log.entries), key=lambda e: e.date):
            days.setdefault(entry.date, []).append(entry)
        merged: list[LogEntry] = []
        for group in days.values():
            runs = [i for i, e in enumerate(group) if e.is_run_kind and e.distance is not None]
            lines = [i for i, e in enumerate(group) if e.is_run_kind and e.distance is None]
            if not runs:
                merged.extend(group)
                continue
            run = group[runs[0]]
            for i in lines:
                run = _fold(run, group[i])
            merged.extend(run if i == runs[0] else e for i, e in enumerate(group) if i not in lines)
        return cls(entries=merged)

    @classmethod
    def from_rows(cls, rows: list[Any], *, source: str = "log") -> TrainingLog:
        """Validate parsed rows (mappings) into a log; row numbers in errors start at 1."""
        entries = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise PlanError(f"Row {number} of the training log {source} is not a mapping.")
            try:
                entries.append(LogEntry.model_validate(row))
            except ValidationError as exc:
                detail = describe_validation_error(exc, lambda: ", ".join(CSV_COLUMNS))
                raise PlanError(f"Row {number} of the training log {source} {detail}.") from None
        return cls(entries=sorted(entries, key=lambda e: e.date))

    def __iter__(self) -> Iterator[LogEntry]:  # type: ignore[override]
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def before(self, day: dt.date) -> list[LogEntry]:
        """The entries dated before ``day``."""
        return [e for e in self.entries if e.date < day]


def _fold(run: LogEntry, line: LogEntry) -> LogEntry:
    """A run with a hand-written line of the same day folded in: pain, session id, note."""
    pains = [p for p in (run.pain, line.pain) if p is not None]
    return run.model_copy(
        update={
            "pain": max(pains) if pains else None,
            "session": line.session if run.session == "run" else run.session,
            "note": "; ".join(n for n in (run.note, line.note) if n),
        }
    )


def _zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    if name is None:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PlanError(
            f"Unknown time zone '{name}'; use an IANA name like Europe/Berlin."
        ) from None


def _activity_files(folder: Path) -> list[Path]:
    """The activity files directly in ``folder``, by name; links and sub-folders are skipped
    so that nothing outside the folder is read."""
    try:
        found = sorted(
            f for f in folder.iterdir()
            if is_activity_file(f) and not f.is_symlink() and f.is_file()
        )  # fmt: skip
    except OSError as exc:
        raise PlanError(f"The folder {folder} cannot be read: {exc.strerror}.") from None
    if not found:
        raise PlanError(f"The folder {folder} holds no activity files ({FOLDER_FILES}).")
    return found


def _read_csv(path: Path, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "date" not in header or "session" not in header or "status" not in header:
        raise PlanError(
            f"The training log {path.name} needs a header row with the columns "
            f"{','.join(CSV_COLUMNS)} (distance, pain and note may be left empty)."
        )
    unknown = [h for h in header if h not in CSV_ALL_COLUMNS]
    if unknown:
        raise PlanError(
            f"The training log {path.name} has an unknown column '{unknown[0]}'; "
            f"the columns are {','.join(CSV_ALL_COLUMNS)}."
        )
    rows = []
    for number, raw in enumerate(reader, start=1):
        if None in raw:
            raise PlanError(
                f"Row {number} of the training log {path.name} has more values than the "
                f"header has columns ({','.join(header)})."
            )
        row = {
            k.strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in raw.items() if k
        }
        rows.append({k: v for k, v in row.items() if v not in ("", None)})
    return rows


def append_entry(path: str | os.PathLike[str], entry: LogEntry) -> None:
    """Add one entry as a row at the end of a CSV training log, atomically.

    A new file gets the header ``date,session,status,distance,pain,note``; an existing one
    keeps its own columns and must read as a valid log first.

    Raises:
        PlanError: the existing file is not a valid CSV log, or lacks a column the entry
            needs; the file is then left as it was.
    """
    p = Path(path)
    if p.suffix.lower() != ".csv":
        raise PlanError(f"runplan adds log rows to CSV files only, not to {p.name}.")
    text = ""
    columns = list(CSV_COLUMNS)
    if p.exists():
        text = read_text(p, PlanError, "training log")
    if text.strip():
        _read_csv(p, text)  # refuses a file that is not a valid log
        columns = [h.strip().lower() for h in next(csv.reader(io.StringIO(text)))]
        if not text.endswith("\n"):
            text += "\n"
    else:
        text = ",".join(columns) + "\n"
    values = entry.model_dump(mode="json", exclude_defaults=True)
    values.update(date=entry.date.isoformat(), session=entry.session, status=entry.status.value)
    missing = [name for name in values if name not in columns]
    if missing:
        raise PlanError(
            f"The training log {p.name} has no '{missing[0]}' column; add it to the header "
            "or leave that value out."
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_cell(values.get(name)) for name in columns])
    atomic_write(p, (text + out.getvalue()).encode("utf-8"), PlanError)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


@dataclass(frozen=True)
class WeekProgress:
    """One week of a plan set against the log: planned and logged distance, and pain."""

    index: int
    """1-based week number."""
    start: dt.date
    """First day of the week."""
    planned: float
    """Planned run distance up to the day asked about, in the plan's unit (race excluded)."""
    logged: float
    """Distance the log says was run, in the plan's unit (a run logged as done without a
    distance counts as planned)."""
    runs_planned: int
    """Runs planned up to the day asked about."""
    runs_logged: int
    """Runs logged as done or partial."""
    pain: int | None
    """The worst back pain logged that week (0 to 10), or none when no pain was logged."""


def week_progress(plan: Plan, log: TrainingLog, today: dt.date) -> list[WeekProgress]:
    """Each week that began before ``today``, planned against logged, up to ``today``.

    A log entry counts as a run when it names a run session of the plan, or ``run`` /
    ``race``; it is matched to the plan's run on its date when it names no session. A line
    with only pain or a note and no distance is not a run (:attr:`LogEntry.is_pain_note`).
    """
    unit = plan.unit
    runs = {s.id: s for s in plan.sessions() if s.kind is SessionKind.RUN and s.date < today}
    on_day = {s.date: s for s in runs.values()}
    out = []
    for week in plan.weeks:
        if week.start >= today:
            break
        end = week.start + dt.timedelta(days=7)
        entries = [e for e in log.entries if week.start <= e.date < min(end, today)]
        planned = [s for s in runs.values() if week.start <= s.date < end]
        logged = 0.0
        count = 0
        for entry in entries:
            if entry.session not in runs and entry.session not in ("run", "race"):
                continue
            if entry.is_pain_note:
                continue
            session = runs.get(entry.session) or on_day.get(entry.date)
            logged += entry.ran(session.distance if session else 0.0, unit)
            count += entry.status is not LogStatus.SKIPPED
        pains = [e.pain for e in entries if e.pain is not None]
        out.append(
            WeekProgress(
                index=week.index,
                start=week.start,
                planned=sum(s.distance for s in planned),
                logged=logged,
                runs_planned=len(planned),
                runs_logged=count,
                pain=max(pains) if pains else None,
            )
        )
    return out
