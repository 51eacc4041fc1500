"""The training log: what really happened, day by day, read from YAML, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._io import describe_validation_error, read_data_file, read_text
from ._values import CalendarDay
from .errors import PlanError

__all__ = ["LogEntry", "LogStatus", "TrainingLog"]

CSV_COLUMNS = ("date", "session", "status", "distance", "pain", "note")


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
    distance: float | None = Field(None, ge=0, le=300)
    """Distance actually run, in the plan's unit (for runs)."""
    pain: int | None = Field(None, ge=0, le=10)
    """Back pain during or after, 0 (none) to 10 (worst)."""
    note: str = ""
    """Anything worth remembering."""


class TrainingLog(BaseModel):
    """Log entries in date order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    entries: list[LogEntry] = []
    """The entries, sorted by date."""

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> TrainingLog:
        """Read a log from YAML, JSON (a list of entries, or ``{entries: [...]}``) or CSV
        (columns ``date,session,status,distance,pain,note``).

        Raises:
            PlanError: the file is missing or malformed, or a row has a bad field; the
                message names the file, the row and the field.
        """
        p = Path(path)
        if p.suffix.lower() == ".csv":
            rows = _read_csv(p)
        else:
            data = read_data_file(p, PlanError, "training log")
            if isinstance(data, dict) and set(data) == {"entries"}:
                data = data["entries"]
            if data is None:
                data = []
            if not isinstance(data, list):
                raise PlanError(
                    f"The training log {p.name} must be a list of entries "
                    "(or a mapping with an 'entries' list)."
                )
            rows = data
        return cls.from_rows(rows, source=p.name)

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


def _read_csv(path: Path) -> list[dict[str, Any]]:
    text = read_text(path, PlanError, "training log")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "date" not in header or "session" not in header or "status" not in header:
        raise PlanError(
            f"The training log {path.name} needs a header row with the columns "
            f"{','.join(CSV_COLUMNS)} (distance, pain and note may be left empty)."
        )
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise PlanError(
            f"The training log {path.name} has an unknown column '{unknown[0]}'; "
            f"the columns are {','.join(CSV_COLUMNS)}."
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
