"""The plan as one self-contained HTML page: a chart, a week overview and every session.

The page loads nothing from the network (styles inline, the chart inline SVG), prints a
week to a page, and reads at phone width. Jinja2 renders it from ``templates/plan.html``
with autoescaping on, so text from a profile or catalogue cannot inject markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .._version import __version__
from ..catalogue import Catalogue, load_catalogue
from ..errors import ExportError
from ..plan import Plan, RepeatStep, RunStep, Session, SessionKind, WeekKind
from .chart import KIND_LETTERS, chart_panels
from .figures import totals_of, week_figures
from .progress import progress
from .text import (
    BLOCK_TITLES,
    DISCLAIMER,
    day_name,
    dose_text,
    fmt_distance,
    fmt_duration,
    run_line,
    step_text,
)

if TYPE_CHECKING:
    import jinja2

    from ..log import TrainingLog

__all__ = ["to_html"]


@dataclass(frozen=True, slots=True)
class _Step:
    text: str
    inner: list[str] = field(default_factory=list)
    """For a repeat: one round's steps; ``text`` is then "Repeat 8 times"."""


@dataclass(frozen=True, slots=True)
class _Item:
    name: str
    dose: str


@dataclass(frozen=True, slots=True)
class _Block:
    key: str
    title: str
    items: list[_Item]


@dataclass(frozen=True, slots=True)
class _Note:
    text: str
    safety: bool


@dataclass(frozen=True, slots=True)
class _Session:
    kind: str
    when: str
    title: str
    minutes: str
    run: str | None
    steps: list[_Step]
    blocks: list[_Block]
    notes: list[_Note]


def _note(text: str) -> _Note:
    return _Note(text, "sharp pain" in text.lower() or "doctor" in text.lower())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # Imported here: jinja2 is only needed for HTML, and importing runplan stays quick.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("runplan.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _step(step: RunStep | RepeatStep, unit: str) -> _Step:
    if isinstance(step, RepeatStep):
        return _Step(f"Repeat {step.repeat} times", [step_text(s, unit) for s in step.steps])
    return _Step(step_text(step, unit))


def _shared_notes(sessions: list[Session]) -> list[str]:
    """Notes every session of the week carries (the flare's safety lines), or every run of
    it (a flare's pain rule): shown once for the week rather than on every session, so a
    printed week still fits a page."""
    shared: list[str] = []
    for group in (sessions, [s for s in sessions if s.is_run]):
        if len(group) < 2:
            continue
        rest = [set(s.notes) for s in group[1:]]
        shared += [n for n in group[0].notes if n not in shared and all(n in o for o in rest)]
    return shared


def _session(
    session: Session, unit: str, catalogue: Catalogue, shared: Collection[str] = ()
) -> _Session:
    blocks = []
    for block in session.blocks:
        items = []
        for item in block.items:
            exercise = catalogue.get(item.exercise)
            name = exercise.name if exercise is not None else item.exercise.replace("_", " ")
            items.append(_Item(name, dose_text(item)))
        blocks.append(_Block(block.name.value, BLOCK_TITLES[block.name], items))
    steps = [_step(s, unit) for s in session.run.steps] if session.run is not None else []
    run = run_line(session, unit)
    minutes = fmt_duration(session.duration_minutes) if session.duration_minutes else ""
    when = f"{session.date:%a %d %b}" + (f", {session.start:%H:%M}" if session.start else "")
    return _Session(
        kind=session.kind.value,
        when=when,
        title=session.title,
        minutes=minutes if minutes and run is None and minutes not in session.title else "",
        run=run,
        steps=steps,
        blocks=blocks,
        notes=[_note(n) for n in session.notes if n not in shared],
    )


def to_html(
    plan: Plan,
    catalogue: Catalogue | None = None,
    *,
    log: TrainingLog | None = None,
    today: dt.date | None = None,
) -> str:
    """The plan as one self-contained HTML page.

    The page has the plan's warnings and the not-medical-advice line at the top, an inline
    SVG chart of weekly distance and weekly time (build, cutback, taper and race weeks told
    apart by pattern and letter), a week overview table (distance, long run, minutes,
    sessions), then every week with its sessions: run steps (repeats as such), labelled
    warm-up, main and cool-down blocks with doses, notes and the safety line. Same plan,
    same bytes.

    With a training log, the overview gains a "Logged" column and a "Planned and done"
    section follows it: each week begun before ``today``, its planned and logged run
    distance, runs logged against runs planned, the worst back pain and the notes logged
    (figures from :func:`runplan.log.week_progress`, as ``runplan status`` prints them).
    Without a log the page is exactly as before.

    Parameters:
        plan: the plan to show.
        catalogue: where exercise names come from (default: the built-in catalogue).
        log: what was really run (default: none, and no "Planned and done" section).
        today: the day the log is read up to, not included; needed with ``log``.

    Returns:
        The page as text (UTF-8 when written).

    Raises:
        ExportError: a log is given without ``today``.
    """
    if log is not None and today is None:
        raise ExportError(
            "to_html needs today= with log=, the day the log is read up to, to tell past "
            "weeks from coming ones."
        )
    done = progress(plan, log, today) if log is not None and today is not None else None
    cat = catalogue if catalogue is not None else load_catalogue()
    unit = plan.unit
    figures = week_figures(plan)
    weeks = []
    for f in figures:
        active = [s for s in f.week.sessions if s.kind is not SessionKind.REST]
        shared = _shared_notes(active)
        weeks.append(
            {
                "figures": f,
                "shared": [_note(n) for n in shared],
                "sessions": [_session(s, unit, cat, shared) for s in active],
                "rest_days": [
                    f"{s.date:%a %d %b}" for s in f.week.sessions if s.kind is SessionKind.REST
                ],
            }
        )
    return (
        _environment()
        .get_template("plan.html")
        .render(
            plan=plan,
            profile=plan.profile,
            unit=unit,
            totals=totals_of(figures),
            weeks=weeks,
            panels=chart_panels(figures, unit),
            kinds=[
                (k.value, KIND_LETTERS[k])
                for k in WeekKind
                if any(f.week.kind is k for f in figures)
            ],
            done=done,
            logged={w.index: w.logged for w in done.weeks} if done is not None else {},
            disclaimer=DISCLAIMER,
            version=__version__,
            fmt_distance=fmt_distance,
            fmt_duration=fmt_duration,
            day_name=day_name,
        )
    )
