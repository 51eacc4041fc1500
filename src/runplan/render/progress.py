"""Planned against done, for the HTML page: each past week's figures from the training log.

The figures come from :func:`runplan.log.week_progress` (the same ones ``runplan status``
prints); this module only words them and picks the notes the runner logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..log import week_progress
from ..rules import HOLD_PAIN
from .text import fmt_distance

if TYPE_CHECKING:
    from ..log import TrainingLog
    from ..plan import Plan

__all__ = ["Progress", "ProgressWeek", "progress"]


@dataclass(frozen=True, slots=True)
class ProgressWeek:
    """One past week as the page shows it, every figure already worded."""

    index: int
    """1-based week number."""
    starts: str
    """First day of the week, e.g. "Mon 05 Jan"."""
    so_far: bool
    """True for the week ``today`` falls in: its figures stop at today."""
    planned: str
    """Planned run distance with the unit, e.g. "21.5 km"."""
    logged: str
    """Logged run distance with the unit."""
    runs: str
    """Runs logged against runs planned, e.g. "3/4"."""
    pain: str
    """The worst back pain logged, e.g. "3/10", or "none logged"."""
    sore: bool
    """True when that pain is high enough for re-planning to hold the volume."""
    notes: list[str]
    """The notes logged that week, each with its day: "Tue 06 Jan: stiff"."""


@dataclass(frozen=True, slots=True)
class Progress:
    """The "Planned and done" section: the weeks up to ``today`` and their totals."""

    today: dt.date
    """The day the log is read up to (not included)."""
    weeks: list[ProgressWeek]
    """Each week that began before ``today``, in order."""
    planned: str
    """Planned run distance of those weeks, with the unit."""
    logged: str
    """Logged run distance of those weeks, with the unit."""
    runs: str
    """Runs logged against runs planned over those weeks."""


def progress(plan: Plan, log: TrainingLog, today: dt.date) -> Progress:
    """The plan's weeks before ``today`` set against ``log``, worded for the page."""
    unit = plan.unit
    figures = week_progress(plan, log, today)
    weeks = []
    for w in figures:
        end = min(w.start + dt.timedelta(days=7), today)
        notes = [
            f"{e.date:%a %d %b}: {e.note}"
            for e in log.entries
            if w.start <= e.date < end and e.note.strip()
        ]
        weeks.append(
            ProgressWeek(
                index=w.index,
                starts=f"{w.start:%a %d %b}",
                so_far=today < w.start + dt.timedelta(days=7),
                planned=f"{fmt_distance(w.planned)} {unit}",
                logged=f"{fmt_distance(w.logged)} {unit}",
                runs=f"{w.runs_logged}/{w.runs_planned}",
                pain=f"{w.pain}/10" if w.pain is not None else "none logged",
                sore=w.pain is not None and w.pain >= HOLD_PAIN[0],
                notes=notes,
            )
        )
    return Progress(
        today=today,
        weeks=weeks,
        planned=f"{fmt_distance(sum(w.planned for w in figures))} {unit}",
        logged=f"{fmt_distance(sum(w.logged for w in figures))} {unit}",
        runs=f"{sum(w.runs_logged for w in figures)}/{sum(w.runs_planned for w in figures)}",
    )
