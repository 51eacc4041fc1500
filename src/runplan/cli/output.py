"""``runplan plan``, ``runplan import`` and ``runplan schema``, and how a plan is written
in the asked-for format: on screen, or as .ics, JSON, Markdown, HTML or FIT files."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from .._filetype import expect_file
from .._write import atomic_write, check_output
from ..catalogue import Catalogue
from ..errors import ExportError, ProfileError, one_line
from ..fit import write_fit
from ..ics import to_ics
from ..imports import import_plan
from ..plan import Plan
from ..profile import RunnerProfile
from ..render import summary, to_html, to_markdown
from ..scheduler import build_plan
from .inputs import catalogue_from, example_profile, moved_start


def cmd_plan(args: argparse.Namespace) -> int:
    """``runplan plan``: build a plan from a profile or a bundled example and write it."""
    if (args.profile is None) == (args.example is None):
        raise ProfileError("Give a profile file or --example NAME, not both and not neither.")
    if args.example is not None:
        profile = example_profile(args.example, args.start)
    else:
        expect_file(args.profile, "a runner profile (YAML or JSON)", ProfileError)
        profile = RunnerProfile.from_file(args.profile)
        if args.start is not None:
            profile = moved_start(profile, args.start, Path(args.profile).name)
    catalogue = catalogue_from(args.catalogue)
    plan = build_plan(profile, catalogue)
    emit(plan, args, catalogue)
    if args.output not in (None, "-"):
        print(summary(plan), file=sys.stderr)
    return 0


#: Options that only shape a calendar, with their flag names.
_CALENDAR_OPTIONS = {
    "alarm": "--alarm",
    "all_day": "--all-day",
    "include_rest": "--include-rest",
    "stamp": "--stamp",
}


def emit(plan: Plan, args: argparse.Namespace, catalogue: Catalogue) -> None:
    """Write the plan in the asked-for format to -o (atomically) or to standard output.

    With neither -o nor --format, standard output gets the summary and the Markdown view.
    """
    folder = args.output not in (None, "-") and Path(args.output).is_dir()
    fit = args.format == "fit" or (args.format is None and folder)
    if not fit and args.output not in (None, "-") and args.output.endswith(("/", os.sep)):
        raise ExportError(
            f"-o {args.output} ends in a slash, so it names a folder; name a file such as "
            f"{args.output.rstrip('/' + os.sep) or 'plan'}, or give --format fit for a folder "
            "of watch workouts."
        )
    view = args.output is None and args.format is None
    fmt = "fit" if fit else "md" if view else args.format or _format_of(args.output)
    unused = [flag for name, flag in _CALENDAR_OPTIONS.items() if getattr(args, name, None)]
    if fmt != "ics" and unused:
        print(
            f"runplan: note: {', '.join(unused)} only shape{'s' if len(unused) == 1 else ''} "
            f".ics calendars; ignored for {fmt} output.",
            file=sys.stderr,
        )
    if fit:
        _emit_fit(plan, args)
        return
    if view:
        text = summary(plan) + "\n\n" + to_markdown(plan, catalogue) + "\n"
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if args.output not in (None, "-"):
        check_output(args.output, ExportError, inputs=inputs_of(args))
    if fmt == "ics":
        data = to_ics(
            plan,
            alarm_minutes=args.alarm,
            all_day=args.all_day,
            include_rest=args.include_rest,
            stamp=args.stamp,
            catalogue=catalogue,
        )
    elif fmt == "json":
        data = (plan.model_dump_json(indent=2) + "\n").encode()
    elif fmt == "html":
        data = to_html(plan, catalogue).encode()
    else:
        data = (to_markdown(plan, catalogue) + "\n").encode()
    deliver(data, args, plan)


def deliver(data: bytes, args: argparse.Namespace, plan: Plan) -> None:
    """Write ``data`` to standard output (no ``-o``, or ``-o -``), with the plan's warnings
    on stderr, or safely to the file ``-o`` names."""
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        print_warnings(plan)
        return
    atomic_write(args.output, data, ExportError, inputs=inputs_of(args))
    print(f"Wrote {args.output}", file=sys.stderr)


def print_warnings(plan: Plan) -> None:
    """The plan's warnings on standard error, one ``Warning:`` line each: for a command
    whose main output goes to standard output, where the runner would not see them."""
    for warning in plan.warnings:
        print(f"Warning: {warning}", file=sys.stderr)


def inputs_of(args: argparse.Namespace) -> list[str]:
    """Every file the command reads, which -o must never name."""
    named: list[Any] = [getattr(args, name, None) for name in ("profile", "plan", "log", "file")]
    named.append(getattr(args, "catalogue", None))
    flat = [p for item in named for p in (item if isinstance(item, list) else [item])]
    return [str(p) for p in flat if p]


def _emit_fit(plan: Plan, args: argparse.Namespace) -> None:
    """Write the next --weeks weeks of runs as FIT workouts into the folder -o names."""
    if args.output in (None, "-"):
        raise ExportError("--format fit writes one file per run: name a folder with -o FOLDER.")
    suffix = Path(args.output).suffix.lower()
    if suffix in (*(f".{s}" for s in FORMATS_BY_EXTENSION), ".fit"):
        raise ExportError(
            f"--format fit writes a folder of workouts, and {args.output} ends in {suffix} "
            "like a file; name a folder such as watch/, or leave out --format fit."
        )
    paths = write_fit(plan, args.output, start=args.from_date, weeks=args.weeks)
    print(f"Wrote {len(paths)} FIT workouts to {args.output}", file=sys.stderr)
    if not paths:
        print(_no_fit_runs(plan, args.from_date, args.weeks), file=sys.stderr)


def _no_fit_runs(plan: Plan, start: dt.date | None, weeks: int) -> str:
    """The note for a FIT export with no run in its weeks: the plan's span, and --from."""
    days = [s.date for s in plan.sessions()]
    first, last = (min(days), max(days)) if days else (plan.profile.start_date,) * 2
    start = start or max(dt.date.today(), first)
    end = start + dt.timedelta(days=7 * weeks - 1)
    return one_line(
        f"runplan: note: no runs from {start} to {end}; the plan runs from {first} to "
        f"{last}, so use --from DATE (e.g. --from {first}) to pick its weeks."
    )


#: The output formats -o picks by file extension.
FORMATS_BY_EXTENSION = {"ics": "ics", "json": "json", "md": "md", "html": "html"}


def cmd_import(args: argparse.Namespace) -> int:
    """``runplan import``: read a calendar-hack YAML plan or a plan CSV and write it."""
    plan = import_plan(args.file, start=args.start)
    if args.format is None and args.output is not None and _format_of(args.output) == "ics":
        suffix = Path(args.output).suffix.lower()
        args.format = "ics" if suffix == ".ics" else "json"
    emit(plan, args, catalogue_from(args.catalogue))
    return 0


def _format_of(output: str | None) -> str:
    if output is None or output == "-":
        return "ics"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in FORMATS_BY_EXTENSION:
        known = ", ".join(f".{s}" for s in FORMATS_BY_EXTENSION)
        shown = f"the extension .{suffix}" if suffix else "no extension"
        raise ExportError(
            f"Cannot tell the format of {output} from {shown}; use {known}, or give --format."
        )
    return FORMATS_BY_EXTENSION[suffix]


def cmd_schema(args: argparse.Namespace) -> int:
    """``runplan schema``: print the JSON Schema of a profile, a catalogue or a plan."""
    from ..schemas import schema  # only here: it reads the models' source for descriptions

    print(json.dumps(schema(args.name), indent=2))
    return 0
