"""Plain-text and Markdown views of a plan, as pure functions.

The calendar export uses :func:`session_text` for event descriptions; the command line
uses :func:`summary` and :func:`to_markdown`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .catalogue import Catalogue, load_catalogue
from .plan import BlockName, Plan, Prescription, Session, SessionKind, WeekKind

__all__ = [
    "DISCLAIMER",
    "day_name",
    "dose_text",
    "fmt_distance",
    "prescription_line",
    "session_text",
    "summary",
    "to_markdown",
]

#: Said wherever a runner reads the plan.
DISCLAIMER = (
    "runplan is not medical advice. If running hurts, sharp pain comes on, or pain spreads "
    "down a leg, stop and see a physical therapist or a doctor."
)

_BLOCK_TITLES = {
    BlockName.WARM_UP: "Warm-up",
    BlockName.MAIN: "Main",
    BlockName.COOL_DOWN: "Cool-down",
}


def day_name(day: dt.date) -> str:
    """A date as a runner says it: "Sunday 18 January"."""
    return f"{day:%A} {day.day} {day:%B}"


def fmt_distance(value: float) -> str:
    """A distance as a runner writes it: 6, 6.5, 21.1."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


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


def _run_line(session: Session, unit: str) -> str | None:
    if session.run is None:
        return None
    distance = fmt_distance(session.run.distance)
    return f"{distance} {unit}, about {session.duration_minutes} min in all"


def session_text(
    session: Session, unit: str, catalogue: Catalogue | None = None, *, cues: bool = True
) -> str:
    """The session as plain text for a calendar description or a terminal.

    Blocks come as headings with one line per exercise and its dose (with the exercise's
    first cue when ``cues``), then the session's notes, then the disclaimer.
    """
    cat = catalogue if catalogue is not None else load_catalogue()
    lines: list[str] = []
    run = _run_line(session, unit)
    if run is not None:
        lines.append(run)
    for block in session.blocks:
        if lines:
            lines.append("")
        lines.append(_BLOCK_TITLES[block.name])
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
    """A short text summary: counts, total distance and a bar chart of weekly distance."""
    sessions = list(plan.sessions())
    count = {kind: sum(s.kind is kind for s in sessions) for kind in SessionKind}
    unit = plan.unit
    total = sum(s.distance for s in sessions if s.kind is SessionKind.RUN)
    parts = [
        f"{count[SessionKind.RUN]} runs ({fmt_distance(total)} {unit})",
        f"{count[SessionKind.CORE]} core",
        f"{count[SessionKind.MOBILITY]} mobility",
    ]
    if count[SessionKind.CROSS_TRAINING]:
        parts.append(f"{count[SessionKind.CROSS_TRAINING]} cross training")
    if count[SessionKind.RACE]:
        parts.append("race day")
    lines = [
        f"{plan.profile.name}: {len(plan.weeks)} weeks from {plan.profile.start_date} "
        f"to {plan.profile.end_date}",
        ", ".join(parts),
        "",
    ]
    biggest = max((w.distance for w in plan.weeks), default=0.0)
    marks = {WeekKind.CUTBACK: " cutback", WeekKind.TAPER: " taper", WeekKind.RACE: " race",
             WeekKind.RECOVERY: " recovery"}  # fmt: skip
    for week in plan.weeks:
        lines.append(
            f"week {week.index:>2} {fmt_distance(week.distance):>5} {unit} "
            f"{_bar(week.distance, biggest)}{marks.get(week.kind, '')}"
        )
    for warning in plan.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines)


def _md_rows(sessions: Iterable[Session], unit: str, catalogue: Catalogue) -> list[str]:
    rows = []
    for s in sessions:
        when = f"{s.date:%a %d %b}" + (f" {s.start:%H:%M}" if s.start else "")
        what = "; ".join(prescription_line(p, catalogue) for _, p in s.prescriptions())
        if s.kind is SessionKind.REST:
            what = "Rest"
        rows.append(f"| {when} | {s.title} | {what.replace('|', '/')} |")
    return rows


def to_markdown(plan: Plan, catalogue: Catalogue | None = None) -> str:
    """The whole plan as Markdown: one section per week with a table of sessions."""
    cat = catalogue if catalogue is not None else load_catalogue()
    unit = plan.unit
    out = [f"# {plan.profile.name}", "", f"> {DISCLAIMER}", ""]
    for warning in plan.warnings:
        out.append(f"**Warning:** {warning}")
        out.append("")
    for week in plan.weeks:
        out.append(
            f"## Week {week.index} ({week.kind.value}, {fmt_distance(week.distance)} {unit}) "
            f"from {week.start:%a %d %b %Y}"
        )
        out.append("")
        out.append("| When | Session | What to do |")
        out.append("|---|---|---|")
        out.extend(_md_rows(week.sessions, unit, cat))
        out.append("")
    return "\n".join(out)
