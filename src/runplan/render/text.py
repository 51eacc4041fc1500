"""Plain-text pieces of a plan shared by every view, and the text summary.

The calendar export uses :func:`session_text` for event descriptions; the Markdown and
HTML views use the same phrases (doses, run steps, durations), so they agree word for word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .._values import fmt_mmss, fmt_number
from ..catalogue import Catalogue, load_catalogue
from ..plan import (
    BlockName,
    PaceRange,
    Plan,
    Prescription,
    RepeatStep,
    RunStep,
    Session,
    SessionKind,
    StepKind,
    WeekKind,
)
from .figures import totals_of, week_figures

__all__ = [
    "BLOCK_TITLES",
    "DISCLAIMER",
    "day_name",
    "dose_text",
    "fmt_distance",
    "fmt_duration",
    "pace_text",
    "prescription_line",
    "run_line",
    "session_text",
    "step_text",
    "steps_text",
    "summary",
    "table_lines",
]

#: Said wherever a runner reads the plan.
DISCLAIMER = (
    "runplan is not medical advice. If running hurts, sharp pain comes on, or pain spreads "
    "down a leg, stop and see a physical therapist or a doctor."
)

#: How each block is labelled wherever a runner reads it.
BLOCK_TITLES = {
    BlockName.WARM_UP: "Warm-up",
    BlockName.MAIN: "Main",
    BlockName.COOL_DOWN: "Cool-down",
}

_STEP_NAMES = {
    StepKind.WARM_UP: "Warm-up",
    StepKind.RUN: "Run",
    StepKind.WALK: "Walk",
    StepKind.STRIDE: "Stride",
    StepKind.TEMPO: "Tempo",
    StepKind.RACE_PACE: "Race pace",
    StepKind.RECOVER: "Recover",
    StepKind.COOL_DOWN: "Cool-down",
}

#: Timed warm-ups and cool-downs without a pace are walks (a run/walk session's bookends).
_WALKS = {StepKind.WARM_UP: "Brisk walk", StepKind.COOL_DOWN: "Cool-down walk"}


def day_name(day: dt.date) -> str:
    """A date as a runner says it: "Sunday 18 January"."""
    return f"{day:%A} {day.day} {day:%B}"


def fmt_distance(value: float) -> str:
    """A distance as a runner writes it: 6, 6.5, 21.1."""
    return fmt_number(value, 1)


def fmt_duration(minutes: int) -> str:
    """A whole number of minutes as a runner says it: "45 min", "1 h", "1 h 20 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _step_time(minutes: float) -> str:
    seconds = round(minutes * 60)
    if seconds < 60:
        return f"{seconds} s"
    whole, rest = divmod(seconds, 60)
    return f"{whole} min" + (f" {rest} s" if rest else "")


def pace_text(pace: PaceRange, unit: str) -> str:
    """A pace range, fast end first: "6:10-6:40 /km" (one figure when both ends agree)."""
    if pace.fast == pace.slow:
        return f"{fmt_mmss(pace.fast)} /{unit}"
    return f"{fmt_mmss(pace.fast)}-{fmt_mmss(pace.slow)} /{unit}"


def step_text(step: RunStep | RepeatStep, unit: str) -> str:
    """One run step: "Walk 1 min", "Run 5 km at 6:10-6:40 /km", "8 x (Run 3 min, Walk 1 min)"."""
    if isinstance(step, RepeatStep):
        return f"{step.repeat} x ({', '.join(step_text(s, unit) for s in step.steps)})"
    if step.minutes is not None:
        amount = _step_time(step.minutes)
    else:
        amount = f"{fmt_distance(step.distance or 0.0)} {unit}"
    pace = f" at {pace_text(step.pace, unit)}" if step.pace is not None else ""
    if step.pace is None and step.minutes is not None and step.kind in _WALKS:
        return f"{_WALKS[step.kind]} {amount}"  # a timed warm-up or cool-down without pace
    return f"{_STEP_NAMES[step.kind]} {amount}{pace}"


def steps_text(steps: Sequence[RunStep | RepeatStep], unit: str) -> list[str]:
    """Every step of a run, one line each, in order (empty when the plan gives none)."""
    return [step_text(step, unit) for step in steps]


def dose_text(item: Prescription) -> str:
    """The dose in words: "3 x 12 reps", "2 x 30 s per side", "30 min"."""
    if item.minutes is not None:
        amount = f"{item.minutes} min"
    elif item.hold_seconds is not None:
        amount = f"{item.hold_seconds} s"
    else:
        amount = f"{item.reps} reps"
    sets = f"{item.sets} x " if item.sets > 1 else ""
    side = " per side" if item.per_side else ""
    return f"{sets}{amount}{side}"


def prescription_line(item: Prescription, catalogue: Catalogue) -> str:
    """One exercise with its dose: "Ball pike: 3 x 12 reps"."""
    exercise = catalogue.get(item.exercise)
    name = exercise.name if exercise is not None else item.exercise.replace("_", " ")
    return f"{name}: {dose_text(item)}"


def run_line(session: Session, unit: str) -> str | None:
    """The run in one line: "6 km, about 55 min in all" (none for a session without a run)."""
    if session.run is None:
        return None
    distance = fmt_distance(session.run.distance)
    return f"{distance} {unit}, about {session.duration_minutes} min in all"


def session_text(
    session: Session, unit: str, catalogue: Catalogue | None = None, *, cues: bool = True
) -> str:
    """The session as plain text for a calendar description or a terminal.

    The run's steps come first (when the plan has them), then the blocks as headings with
    one line per exercise and its dose (with the exercise's first cue when ``cues``), then
    the session's notes, then the disclaimer.
    """
    cat = catalogue if catalogue is not None else load_catalogue()
    lines: list[str] = []
    run = run_line(session, unit)
    if run is not None:
        lines.append(run)
        steps = steps_text(session.run.steps, unit) if session.run is not None else []
        if steps:
            lines.append("")
            lines.append("Steps")
            lines.extend(f"- {step}" for step in steps)
    for block in session.blocks:
        if lines:
            lines.append("")
        lines.append(BLOCK_TITLES[block.name])
        for item in block.items:
            lines.append(f"- {prescription_line(item, cat)}")
            exercise = cat.get(item.exercise)
            if cues and exercise is not None and exercise.cues:
                lines.append(f"  {exercise.cues[0]}")
    if session.notes:
        if lines:
            lines.append("")
        lines.append("Notes")
        lines.extend(f"- {note}" for note in session.notes)
    if lines:
        lines.append("")
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def _bar(value: float, biggest: float, width: int = 30) -> str:
    if biggest <= 0:
        return ""
    return "#" * max(1 if value > 0 else 0, round(width * value / biggest))


def summary(plan: Plan) -> str:
    """A short text summary: counts, totals (the race included) and a bar chart of weekly
    distance with each week's training time."""
    sessions = list(plan.sessions())
    count = {kind: sum(s.kind is kind for s in sessions) for kind in SessionKind}
    unit = plan.unit
    figures = week_figures(plan)
    totals = totals_of(figures)
    parts = [
        f"{count[SessionKind.RUN]} runs",
        f"{count[SessionKind.CORE]} core",
        f"{count[SessionKind.MOBILITY]} mobility",
    ]
    if count[SessionKind.CROSS_TRAINING]:
        parts.append(f"{count[SessionKind.CROSS_TRAINING]} cross training")
    if count[SessionKind.RACE]:
        parts.append("race day")
    with_race = " with the race" if totals.race else ""
    lines = [
        f"{plan.profile.name}: {len(plan.weeks)} weeks from {plan.profile.start_date} "
        f"to {plan.profile.end_date}",
        ", ".join(parts),
        f"In all: {fmt_distance(totals.distance)} {unit} of running{with_race}, "
        f"{fmt_duration(totals.minutes)} of training",
        "",
    ]
    biggest = max((f.distance for f in figures), default=0.0)
    marks = {WeekKind.CUTBACK: " cutback", WeekKind.TAPER: " taper", WeekKind.RACE: " race",
             WeekKind.RECOVERY: " recovery"}  # fmt: skip
    for f in figures:
        bar = _bar(f.distance, biggest) + marks.get(f.week.kind, "")
        lines.append(
            f"week {f.week.index:>2} {fmt_distance(f.distance):>5} {unit} "
            f"{fmt_duration(f.minutes):>10}  {bar}"
        )
    for warning in plan.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines)


def table_lines(rows: Sequence[Sequence[str]], width: int, shrink: dict[int, int]) -> list[str]:
    """Rows as aligned columns, two spaces apart, no wider than ``width`` where it can be.

    ``shrink`` maps a column index to the narrowest it may get, in the order columns give
    way; a cut cell ends in "~".
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        column = next((i for i, least in shrink.items() if widths[i] > least), None)
        if column is None:
            break
        widths[column] -= 1

    def cut(cell: str, size: int) -> str:
        return cell if len(cell) <= size else cell[: size - 1] + "~"

    return [
        "  ".join(cut(cell, w).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
