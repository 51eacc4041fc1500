"""The plan as Markdown: what the calendar shows, in one document a runner can read."""

from __future__ import annotations

from ..catalogue import Catalogue, load_catalogue
from ..plan import Plan, Session, SessionKind
from .figures import PlanTotals, WeekFigures, totals_of, week_figures
from .text import (
    BLOCK_TITLES,
    DISCLAIMER,
    fmt_distance,
    fmt_duration,
    prescription_line,
    run_line,
    steps_text,
)

__all__ = ["to_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "/")


def _when(session: Session) -> str:
    return f"{session.date:%a %d %b}" + (f" {session.start:%H:%M}" if session.start else "")


def _overview(plan: Plan, figures: list[WeekFigures], totals: PlanTotals) -> list[str]:
    unit = plan.unit
    out = [
        "## Overview",
        "",
        "| Week | Starts | Kind | Distance | Long run | Minutes | Sessions |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for f in figures:
        race = f" (race {fmt_distance(f.race)})" if f.race else ""
        long_run = f"{fmt_distance(f.long_run)} {unit}" if f.long_run else "-"
        out.append(
            f"| {f.week.index} | {f.week.start:%a %d %b} | {f.week.kind.value} "
            f"| {fmt_distance(f.distance)} {unit}{race} | {long_run} | {f.minutes} "
            f"| {f.sessions} |"
        )
    with_race = " with the race" if totals.race else ""
    out.append(
        f"| **All** | | | **{fmt_distance(totals.distance)} {unit}**{with_race} | "
        f"| **{totals.minutes}** | **{totals.sessions}** |"
    )
    out.append("")
    return out


def _session(session: Session, unit: str, catalogue: Catalogue) -> list[str]:
    out = [f"### {_when(session)}: {session.title}", ""]
    run = run_line(session, unit)
    if run is not None:
        out.append(f"Run: {run}")
        out.append("")
    steps = steps_text(session.run.steps, unit) if session.run is not None else []
    if steps:
        out.append("**Steps**")
        out.append("")
        out.extend(f"{n}. {step}" for n, step in enumerate(steps, start=1))
        out.append("")
    for block in session.blocks:
        out.append(f"**{BLOCK_TITLES[block.name]}**")
        out.append("")
        out.extend(f"- {prescription_line(item, catalogue)}" for item in block.items)
        out.append("")
    if session.notes:
        out.append("**Notes**")
        out.append("")
        out.extend(f"- {note}" for note in session.notes)
        out.append("")
    return out


def to_markdown(plan: Plan, catalogue: Catalogue | None = None) -> str:
    """The whole plan as Markdown.

    A week overview table (distance, long run, minutes, sessions; totals with the race),
    then one section per week: a table of its sessions and each session with its run steps,
    labelled warm-up, main and cool-down blocks with doses, its notes, and the safety line.
    """
    cat = catalogue if catalogue is not None else load_catalogue()
    unit = plan.unit
    figures = week_figures(plan)
    totals = totals_of(figures)
    out = [f"# {plan.profile.name}", "", f"> {DISCLAIMER}", ""]
    for warning in plan.warnings:
        out.append(f"**Warning:** {warning}")
        out.append("")
    with_race = " with the race" if totals.race else ""
    out.append(
        f"{len(plan.weeks)} weeks from {plan.profile.start_date:%a %d %b %Y} to "
        f"{plan.profile.end_date:%a %d %b %Y}: {fmt_distance(totals.distance)} {unit} of "
        f"running{with_race}, {fmt_duration(totals.minutes)} of training in all."
    )
    out.append("")
    out.extend(_overview(plan, figures, totals))
    for f in figures:
        week = f.week
        out.append(
            f"## Week {week.index} ({week.kind.value}, {fmt_distance(f.distance)} {unit}, "
            f"{fmt_duration(f.minutes)}) from {week.start:%a %d %b %Y}"
        )
        out.append("")
        out.append("| When | Session | Minutes |")
        out.append("|---|---|---:|")
        for s in week.sessions:
            minutes = str(s.duration_minutes) if s.kind is not SessionKind.REST else "-"
            out.append(f"| {_when(s)} | {_cell(s.title)} | {minutes} |")
        out.append("")
        for s in week.sessions:
            if s.kind is not SessionKind.REST:
                out.extend(_session(s, unit, cat))
        out.append(f"> {DISCLAIMER}")
        out.append("")
    return "\n".join(out)
