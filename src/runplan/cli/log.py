"""The training log's commands: ``runplan replan``, ``runplan status`` and ``runplan log add``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic import ValidationError

from .._error_text import describe_validation_error
from .._filetype import expect_file
from ..errors import ExportError, PlanError
from ..log import LogEntry, LogStatus, append_entry, week_progress
from ..plan import Plan
from ..render import fmt_distance, to_html
from ..replan import replan
from .inputs import catalogue_from, read_logs, read_plan
from .output import deliver, emit, print_warnings


def cmd_replan(args: argparse.Namespace) -> int:
    """``runplan replan``: rebuild the rest of a plan from training logs."""
    catalogue = catalogue_from(args.catalogue)
    expect_file(args.plan, "a plan JSON file written by runplan plan -o plan.json", PlanError)
    plan = read_plan(args.plan)
    log = read_logs(args.log, plan)
    today = args.today if args.today is not None else dt.date.today()
    new = replan(plan, log, today, catalogue)
    emit(new, args, catalogue)
    # On standard output the plan already carries its warnings: say them once.
    on_screen = args.output in (None, "-")
    for line in change_lines(new, today, warnings=not on_screen):
        print(line, file=sys.stderr)
    return 0


#: The widest line the re-plan report prints.
WIDTH = 100


def change_lines(new: Plan, today: dt.date, *, warnings: bool = True) -> list[str]:
    """The re-plan report: how many changes, the reason once, the changes by week,
    then the warnings (unless ``warnings`` is false); every line at most :data:`WIDTH`
    columns."""
    import textwrap

    notes = [c for c in new.changes if not c.startswith("Week ")]
    changes = [c for c in new.changes if c.startswith("Week ")]
    start = new.profile.start_date
    when = f"from {today} on" if today >= start else f"from the plan's start on {start}"
    count = f"{len(changes)} change{'' if len(changes) == 1 else 's'}"
    lines = [f"Revision {new.revision}: {count} {when}."]
    if today < start:
        lines.append(f"--today {today} is before the plan starts, so no run was due yet.")
    lines += notes
    week = ""
    for change in changes:
        head, text = change.split(": ", 1)
        if head != week:
            week = head
            lines.append(f"{head}:")
        lines.append(f"  - {text}")
    if warnings:
        lines += [f"Warning: {warning}" for warning in new.warnings]
    return [
        wrapped
        for line in lines
        for wrapped in textwrap.wrap(line, WIDTH, subsequent_indent="    ") or [""]
    ]


def cmd_log_add(args: argparse.Namespace) -> int:
    """``runplan log add``: append one validated row to a CSV training log."""
    given = {
        "date": args.date,
        "session": args.session,
        "status": args.status,
        "distance": args.distance,
        "pain": args.pain,
        "note": args.note,
    }
    try:
        entry = LogEntry.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        detail = describe_validation_error(exc, lambda: ", ".join(given))
        raise PlanError(f"The log entry {detail}.") from None
    if entry.status is LogStatus.SKIPPED and (entry.distance or entry.minutes):
        raise PlanError(
            "A skipped run has no distance: leave out --distance, or give --status partial "
            "for a run cut short."
        )
    today = dt.date.today()
    if entry.date > today + dt.timedelta(days=1):  # a day of slack for time zones
        raise PlanError(
            f"The log entry's date {entry.date} is in the future (today is {today}); log a "
            "day once it is done."
        )
    append_entry(args.file, entry)
    if entry.is_pain_note:
        print(f"Added a note for {entry.date} to {args.file}; without --distance it is not a run.")
    else:
        print(f"Added {entry.date} {entry.session} {entry.status.value} to {args.file}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """``runplan status``: each past week, planned against logged; or the HTML page with -o."""
    plan = read_plan(args.plan)
    log = read_logs(args.log, plan)
    today = args.today if args.today is not None else dt.date.today()
    if args.output is not None:
        if args.output != "-" and Path(args.output).suffix.lower() != ".html":
            raise ExportError(
                f"runplan status -o writes an HTML page: name a file ending in .html, not "
                f"'{Path(args.output).suffix or Path(args.output).name[:40]}', or '-' for "
                "standard output."
            )
        data = to_html(plan, catalogue_from(args.catalogue), log=log, today=today).encode()
        deliver(data, args, plan)
        return 0
    weeks = week_progress(plan, log, today)
    if not weeks:
        print(f"Plan '{plan.id}' starts on {plan.profile.start_date}; no week has begun yet.")
        print_warnings(plan)
        return 0
    unit = plan.unit
    print(f"{'week':<5} {'starts':<10} {'planned':>9} {'logged':>9} {'runs':>5}  back pain")
    for w in weeks:
        pain = f"{w.pain}/10 at worst" if w.pain is not None else "none logged"
        planned = f"{fmt_distance(w.planned)} {unit}"
        logged = f"{fmt_distance(w.logged)} {unit}"
        runs = f"{w.runs_logged}/{w.runs_planned}"
        print(f"{w.index:<5} {w.start.isoformat():<10} {planned:>9} {logged:>9} {runs:>5}  {pain}")
    print_warnings(plan)
    return 0
