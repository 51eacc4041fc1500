"""The ``runplan`` command: a thin layer over the library.

Each command turns its arguments into one library call and renders the result. Bad input
ends with one line on stderr and exit code 2; ``check`` exits 1 when it finds violations.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from ._filetype import expect_file
from ._io import (
    atomic_write,
    check_output,
    describe_validation_error,
    package_path,
    read_data_file,
)
from ._version import __version__
from .catalogue import Catalogue, Category, Equipment, Exercise, Level, load_catalogue
from .errors import ExportError, PlanError, ProfileError, RunplanError, one_line
from .fit import write_fit
from .ics import to_ics
from .imports import import_plan, is_calendar_hack, plan_from_calendar_hack
from .log import LogEntry, TrainingLog, append_entry, week_progress
from .plan import Plan
from .profile import RunnerProfile
from .render import dose_text, fmt_distance, summary, table_lines, to_html, to_markdown
from .replan import replan
from .rules import CARE_WORK_RULES, Violation, check_plan, has_care_work
from .scheduler import build_plan
from .strength import prescribe

__all__ = ["EXAMPLES", "example_profile", "main"]

#: The profiles bundled with runplan, by the name ``--example`` takes.
EXAMPLES = {
    "beginner": "beginner.yaml",
    "half-marathon": "half_marathon_miles.yaml",
    "back-flare": "back_flare.yaml",
}


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, one_line(f"{self.prog}: error: {message} (see {self.prog} --help)") + "\n")


def example_profile(name: str, start: dt.date | None = None) -> RunnerProfile:
    """A bundled example profile, moved to start on ``start`` (default: next Monday).

    A race date moves with the start, so the plan keeps its length.

    Raises:
        ProfileError: there is no example of that name.
    """
    if name not in EXAMPLES:
        raise ProfileError(f"Unknown example '{name}'; examples: {', '.join(EXAMPLES)}.")
    profile = RunnerProfile.from_file(package_path("examples") / EXAMPLES[name])
    if start is None:
        today = dt.date.today()
        start = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    shift = start - profile.start_date
    data = profile.model_dump()
    data["start_date"] = start
    if profile.race_date is not None:
        data["race_date"] = profile.race_date + shift
        data.pop("weeks")
    return RunnerProfile.from_data(data, source=EXAMPLES[name])


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-02") from None


#: The longest reminder --alarm takes: one week, in minutes.
MAX_ALARM_MINUTES = 7 * 24 * 60


def _minutes(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text[:9]) > MAX_ALARM_MINUTES:
        raise argparse.ArgumentTypeError(
            f"'{text[:20]}' is not a whole number of minutes from 0 to {MAX_ALARM_MINUTES}"
        )
    return int(text)


def _weeks(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of weeks (1 or more)")
    return int(text)


def _stamp(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a time like 2026-01-01T00:00:00Z"
        ) from None


def _catalogue(paths: Sequence[str] | None) -> Catalogue:
    return load_catalogue(*(paths or ()))


def read_plan(path: str | Path) -> Plan:
    """Load a plan JSON file written by runplan (or converted from elsewhere).

    Raises:
        PlanError: the file is missing, is not JSON, or is not a valid plan.
    """
    return _plan_from_data(read_data_file(path, PlanError, "plan"), Path(path).name)


def _plan_from_data(data: Any, name: str) -> Plan:
    if isinstance(data, dict) and "weekly_distance" in data and "profile" not in data:
        raise PlanError(
            f"{name} is a runner profile, but a plan JSON file was expected; make one with "
            f"runplan plan {name} -o plan.json."
        )
    return Plan.from_data(data, source=f"file {name}")


def _looks_like_plan(data: Any) -> bool:
    return isinstance(data, dict) and "weeks" in data and "profile" in data


# ---------------------------------------------------------------------- commands


def _cmd_plan(args: argparse.Namespace) -> int:
    if (args.profile is None) == (args.example is None):
        raise ProfileError("Give a profile file or --example NAME, not both and not neither.")
    if args.example is not None:
        profile = example_profile(args.example, args.start)
    else:
        expect_file(args.profile, "a runner profile (YAML or JSON)", ProfileError)
        profile = RunnerProfile.from_file(args.profile)
        if args.start is not None:
            profile = _moved_start(profile, args.start, Path(args.profile).name)
    catalogue = _catalogue(args.catalogue)
    plan = build_plan(profile, catalogue)
    _emit(plan, args, catalogue)
    if args.output not in (None, "-"):
        print(summary(plan), file=sys.stderr)
    return 0


def _moved_start(profile: RunnerProfile, start: dt.date, name: str) -> RunnerProfile:
    """The profile starting on ``start``; a race keeps its date and the plan its end."""
    if profile.race_date is not None and start > profile.race_date:
        raise ProfileError(
            f"--start {start} is after the race on {profile.race_date} in {name}; "
            "start on or before race day, or change race_date in the profile."
        )
    fields = profile.model_dump()
    fields["start_date"] = start
    if profile.race_date is not None:
        fields.pop("weeks")  # derived from race_date again
    return RunnerProfile.from_data(fields, source=name)


#: Options that only shape a calendar, with their flag names.
_CALENDAR_OPTIONS = {
    "alarm": "--alarm",
    "all_day": "--all-day",
    "include_rest": "--include-rest",
    "stamp": "--stamp",
}


def _emit(plan: Plan, args: argparse.Namespace, catalogue: Catalogue) -> None:
    """Write the plan in the asked-for format to -o (atomically) or to standard output.

    With neither -o nor --format, standard output gets the summary and the Markdown view.
    """
    folder = args.output not in (None, "-") and Path(args.output).is_dir()
    fit = args.format == "fit" or (args.format is None and folder)
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
        check_output(args.output, ExportError, inputs=_inputs(args))
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
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        for warning in plan.warnings:
            print(f"Warning: {warning}", file=sys.stderr)
        return
    atomic_write(args.output, data, ExportError, inputs=_inputs(args))
    print(f"Wrote {args.output}", file=sys.stderr)


def _inputs(args: argparse.Namespace) -> list[str]:
    """Every file the command reads, which -o must never name."""
    named: list[Any] = [getattr(args, name, None) for name in ("profile", "plan", "log", "file")]
    named.append(getattr(args, "catalogue", None))
    flat = [p for item in named for p in (item if isinstance(item, list) else [item])]
    return [str(p) for p in flat if p]


def _emit_fit(plan: Plan, args: argparse.Namespace) -> None:
    """Write the next --weeks weeks of runs as FIT workouts into the folder -o names."""
    if args.output in (None, "-"):
        raise ExportError("--format fit writes one file per run: name a folder with -o FOLDER.")
    paths = write_fit(plan, args.output, start=args.from_date, weeks=args.weeks)
    print(f"Wrote {len(paths)} FIT workouts to {args.output}", file=sys.stderr)


def _read_logs(paths: Sequence[str], plan: Plan) -> TrainingLog:
    """Every log file or folder named, joined by date (activity dates in the plan's zone)."""
    zone = plan.profile.timezone
    return TrainingLog.merge(*(TrainingLog.from_file(path, timezone=zone) for path in paths))


def _cmd_replan(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args.catalogue)
    expect_file(args.plan, "a plan JSON file written by runplan plan -o plan.json", PlanError)
    plan = read_plan(args.plan)
    log = _read_logs(args.log, plan)
    today = args.today if args.today is not None else dt.date.today()
    new = replan(plan, log, today, catalogue)
    _emit(new, args, catalogue)
    print(f"Revision {new.revision}: {len(new.changes)} changes from {today} on.", file=sys.stderr)
    for change in new.changes:
        print(f"- {change}", file=sys.stderr)
    for warning in new.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    return 0


#: The output formats -o picks by file extension.
FORMATS_BY_EXTENSION = {"ics": "ics", "json": "json", "md": "md", "html": "html"}


def _cmd_log_add(args: argparse.Namespace) -> int:
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
    append_entry(args.file, entry)
    print(f"Added {entry.date} {entry.session} {entry.status.value} to {args.file}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    plan = read_plan(args.plan)
    log = _read_logs(args.log, plan)
    today = args.today if args.today is not None else dt.date.today()
    if args.output is not None:
        if args.output != "-" and Path(args.output).suffix.lower() != ".html":
            raise ExportError(
                f"runplan status -o writes an HTML page: name a file ending in .html, not "
                f"'{Path(args.output).suffix or Path(args.output).name[:40]}', or '-' for "
                "standard output."
            )
        data = to_html(plan, _catalogue(args.catalogue), log=log, today=today).encode()
        if args.output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return 0
        atomic_write(args.output, data, ExportError, inputs=_inputs(args))
        print(f"Wrote {args.output}", file=sys.stderr)
        return 0
    weeks = week_progress(plan, log, today)
    if not weeks:
        print(f"Plan '{plan.id}' starts on {plan.profile.start_date}; no week has begun yet.")
        return 0
    unit = plan.unit
    print(f"{'week':<5} {'starts':<10} {'planned':>9} {'logged':>9} {'runs':>5}  back pain")
    for w in weeks:
        pain = f"{w.pain}/10 at worst" if w.pain is not None else "none logged"
        planned = f"{fmt_distance(w.planned)} {unit}"
        logged = f"{fmt_distance(w.logged)} {unit}"
        runs = f"{w.runs_logged}/{w.runs_planned}"
        print(f"{w.index:<5} {w.start.isoformat():<10} {planned:>9} {logged:>9} {runs:>5}  {pain}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    plan = import_plan(args.file, start=args.start)
    if args.format is None and _format_of(args.output) == "ics":
        suffix = Path(args.output or "").suffix.lower()
        args.format = "ics" if suffix == ".ics" else "json"
    _emit(plan, args, _catalogue(args.catalogue))
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


def _dose(exercise: Exercise) -> str:
    return dose_text(prescribe(exercise, 0))


def _cmd_exercises(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args.catalogue).filter(
        category=args.category, equipment=args.equipment, level=args.level
    )
    if args.json:
        print(json.dumps([e.model_dump(mode="json") for e in catalogue.values()], indent=2))
        return 0
    # No name column: names mostly repeat the id, and ``runplan exercise ID`` shows them.
    rows = [("id", "category", "level", "equipment", "dose")]
    for e in catalogue.values():
        equipment = ", ".join(q.value for q in e.equipment)
        rows.append((e.id, e.category.value, e.level.value, equipment, _dose(e)))
    for line in table_lines(rows, TABLE_WIDTH, shrink={3: 10, 0: 24}):
        print(line)
    print(f"{len(catalogue)} exercises", file=sys.stderr)
    return 0


#: The widest line ``runplan exercises`` prints.
TABLE_WIDTH = 100


def _cmd_exercise(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args.catalogue)
    exercise = catalogue.lookup(args.id)
    if exercise is None:
        names = {e.id: e.id for e in catalogue.values()}
        for e in catalogue.values():
            names.update({alias.lower(): e.id for alias in (e.name, *e.aliases)})
        close = difflib.get_close_matches(args.id.lower(), list(names), n=5, cutoff=0.5)
        ids = list(dict.fromkeys(names[c] for c in close))
        hint = f" Did you mean: {', '.join(ids)}?" if ids else " List them with: runplan exercises"
        raise PlanError(f"Unknown exercise '{args.id}'.{hint}")
    lines = [
        f"{exercise.name} ({exercise.id})",
        f"{exercise.category.value}, {exercise.level.value}, "
        f"needs {', '.join(q.value for q in exercise.equipment)}, spine {exercise.spine.value}",
        f"Dose: {_dose(exercise)}, {exercise.dose.rest_seconds} s rest between sets",
    ]
    if exercise.progression is not None:
        lines.append(
            f"Progression: up to {exercise.progression.target}, "
            f"{exercise.progression.step} more a week at most"
        )
    if exercise.aliases:
        lines.append(f"Also called: {', '.join(exercise.aliases)}")
    lines.append("")
    lines.append("Steps:")
    lines.extend(f"  {n}. {step}" for n, step in enumerate(exercise.steps, start=1))
    for title, items in (("Cues", exercise.cues), ("Cautions", exercise.cautions)):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  - {item}" for item in items)
    for title, link in (("Easier", exercise.easier), ("Harder", exercise.harder)):
        if link:
            lines.append(f"{title}: {link}")
    if exercise.sources:
        lines.append(f"Sources: {'; '.join(exercise.sources)}")
    print("\n".join(lines))
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args.catalogue)
    expect_file(args.file, "a plan JSON file or a runner profile (YAML or JSON)", PlanError)
    name = Path(args.file).name
    if Path(args.file).suffix.lower() == ".csv":
        plan = import_plan(args.file, start=args.start)
    else:
        data = read_data_file(args.file, PlanError, "plan or profile")
        if is_calendar_hack(data):
            plan = plan_from_calendar_hack(data, source=name, start=args.start)
        elif _looks_like_plan(data):
            plan = _plan_from_data(data, name)
        else:
            plan = build_plan(RunnerProfile.from_data(data, source=name), catalogue)
    violations = check_plan(plan, catalogue)
    if args.json:
        report = {
            "file": name,
            "weeks": len(plan.weeks),
            "warnings": plan.warnings,
            "violations": [v.model_dump(mode="json") for v in violations],
        }
        print(json.dumps(report, indent=2))
        return 1 if violations else 0
    for warning in plan.warnings:
        print(f"Note: {warning}", file=sys.stderr)
    for line in check_lines(plan, violations):
        print(line)
    if violations:
        load = sum(1 for v in violations if v.group == "load")
        print(
            f"{len(violations)} rule violations in {args.file} ({load} about training load)",
            file=sys.stderr,
        )
        return 1
    print(f"No rule broken in {args.file} ({len(plan.weeks)} weeks).")
    return 0


#: How each load rule's size reads: "+94 % over the weekly limit".
_LIMIT_NAMES = {
    "weekly_volume": "the weekly limit",
    "single_run_spike": "the single-run limit",
    "cutback_weeks": "the cutback limit",
    "taper": "the taper limit",
    "long_run": "the long-run limit",
}


def check_lines(plan: Plan, violations: Sequence[Violation]) -> list[str]:
    """``runplan check``'s report, one line per breach: load breaches first, largest
    first, each with its size; for a plan with no care work at all, one line instead of
    a warm-up, cool-down, core and psoas line for every run and week."""
    load = sorted(
        (v for v in violations if v.group == "load"),
        key=lambda v: -(v.excess if v.excess is not None else -1.0),
    )
    care = [v for v in violations if v.group != "load"]
    lines = []
    for v in load:
        when = v.date.isoformat() if v.date else "-"
        size = ""
        if v.excess is not None:
            size = f"+{_percent(v.excess)} % over {_LIMIT_NAMES.get(v.rule, 'the limit')}: "
        lines.append(f"{v.rule}\tweek {v.week}\t{when}\t{size}{v.message}")
    if care and not has_care_work(plan):
        care = [v for v in care if v.rule not in CARE_WORK_RULES]
        lines.append("care\t-\t-\tno warm-ups, cool-downs or core work: `runplan plan` adds them.")
    for v in care:
        when = v.date.isoformat() if v.date else "-"
        lines.append(f"{v.rule}\tweek {v.week}\t{when}\t{v.message}")
    return lines


def _percent(fraction: float) -> str:
    value = fraction * 100
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}"


# ---------------------------------------------------------------------- the parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``runplan`` command."""
    parser = _Parser(
        prog="runplan",
        description="Running plans that look after your back. Not medical advice.",
        epilog="Example: runplan plan --example beginner -o plan.ics",
    )
    parser.add_argument("--version", action="version", version=f"runplan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    plan = sub.add_parser(
        "plan",
        help="build a plan from a profile and write it as .ics, JSON, Markdown or HTML",
        description="Build a plan from a runner profile (YAML or JSON). Without -o it "
        "prints the summary and the plan as Markdown; -o FILE writes the format its "
        "extension names (.ics, .json, .md, .html); -o - with --format streams that format.",
        epilog="Example: runplan plan examples/beginner.yaml -o plan.ics --alarm 30",
    )
    plan.add_argument(
        "profile", nargs="?", help="the runner profile, a YAML or JSON file (or use --example)"
    )
    plan.add_argument(
        "--example",
        nargs="?",
        const="beginner",
        choices=sorted(EXAMPLES),
        help="use a bundled example profile instead (default: beginner), starting next Monday",
    )
    _output_options(plan)
    plan.add_argument(
        "--start",
        type=_date,
        metavar="DATE",
        help="first day of the plan, YYYY-MM-DD (default: the profile's start_date; a "
        "race keeps its race_date, except in the bundled examples, whose race moves along)",
    )
    plan.set_defaults(run=_cmd_plan)

    again = sub.add_parser(
        "replan",
        help="rebuild the rest of a plan from a training log",
        description="Keep the sessions before --today, rebuild the rest from the training "
        "log (YAML, JSON or CSV with columns date,session,status,distance,pain,note).",
        epilog="Example: runplan replan plan.json log.csv --today 2026-03-02 -o new.json",
    )
    again.add_argument("plan", help="the current plan, a JSON file written by runplan")
    again.add_argument(
        "log",
        nargs="+",
        help="training logs (CSV, YAML, JSON), activity files (.fit, .gpx, .tcx, Strava "
        "activities.csv) or folders of them; joined by date",
    )
    again.add_argument(
        "--today",
        type=_date,
        metavar="DATE",
        help="re-plan from this day on, YYYY-MM-DD (default: today)",
    )
    _output_options(again)
    again.set_defaults(run=_cmd_replan)

    _log_parsers(sub)

    exercises = sub.add_parser(
        "exercises",
        help="list the exercise catalogue",
        description="List the exercises, optionally filtered.",
        epilog="Example: runplan exercises --category core --equipment exercise_ball",
    )
    exercises.add_argument(
        "--category",
        choices=[c.value for c in Category],
        metavar="CATEGORY",
        help=f"only this kind of work: {', '.join(c.value for c in Category)} (default: all)",
    )
    exercises.add_argument(
        "--equipment",
        choices=[e.value for e in Equipment],
        metavar="EQUIPMENT",
        help="only exercises that use this: "
        f"{', '.join(e.value for e in Equipment)} (default: all)",
    )
    exercises.add_argument(
        "--level",
        choices=[lv.value for lv in Level],
        metavar="LEVEL",
        help=f"only this level: {', '.join(lv.value for lv in Level)} (default: all)",
    )
    exercises.add_argument(
        "--json", action="store_true", help="print JSON instead of a table (default: a table)"
    )
    exercises.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="your own exercises, a YAML file, on top of the built-in ones (repeatable; "
        "default: none)",
    )
    exercises.set_defaults(run=_cmd_exercises)

    exercise = sub.add_parser(
        "exercise",
        help="show one exercise: dose, steps, cues, cautions and sources",
        description="Show one exercise by id, name or alias.",
        epilog="Example: runplan exercise ball_pike",
    )
    exercise.add_argument("id", help="exercise id, name or alias")
    exercise.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="your own exercises, a YAML file (repeatable; default: none)",
    )
    exercise.set_defaults(run=_cmd_exercise)

    check = sub.add_parser(
        "check",
        help="check a plan (JSON) or a profile against the training rules",
        description="Check a plan JSON file (from runplan or converted) or a profile, and "
        "print the plan's warnings. Exit 1 when a rule is broken.",
        epilog="Example: runplan check my-plan.json",
    )
    check.add_argument(
        "file", help="a plan JSON file, a profile, a calendar-hack YAML plan or a plan CSV"
    )
    check.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="your own exercises, a YAML file (repeatable; default: none)",
    )
    check.add_argument(
        "--json", action="store_true", help="the report as JSON, for programs (default: text)"
    )
    check.add_argument(
        "--start",
        type=_date,
        metavar="DATE",
        help="first day of an imported plan, YYYY-MM-DD (default: from the file, or next "
        "Monday for calendar-hack YAML)",
    )
    check.set_defaults(run=_cmd_check)

    imported = sub.add_parser(
        "import",
        help="read a plan from another app or a book (calendar-hack YAML or CSV)",
        description="Read a calendar-hack YAML plan or a CSV with the header "
        "date,title,distance,minutes into a runplan plan; the profile is inferred.",
        epilog="Example: runplan import examples/book_plan.csv -o plan.json",
    )
    imported.add_argument("file", help="a calendar-hack YAML plan or a plan CSV")
    imported.add_argument(
        "--start",
        type=_date,
        metavar="DATE",
        help="first day, YYYY-MM-DD (default: from the CSV's dates; next Monday for YAML)",
    )
    _output_options(imported)
    imported.set_defaults(run=_cmd_import)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of a profile, a catalogue or a plan",
        description="Print a JSON Schema, for editors that complete and check YAML or JSON "
        "files (profile.schema.json and exercises.schema.json also ship with runplan).",
        epilog="Example: runplan schema profile > profile.schema.json",
    )
    schema.add_argument(
        "name", choices=["catalogue", "plan", "profile"], help="which file's schema"
    )
    schema.set_defaults(run=_cmd_schema)
    return parser


def _log_parsers(sub: Any) -> None:
    """``runplan log add`` and ``runplan status``."""
    log = sub.add_parser(
        "log",
        help="add a row to a CSV training log",
        description="Keep a training log: runplan log add DATE [options].",
    )
    actions = log.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = actions.add_parser(
        "add",
        help="append one row to a CSV training log (created with a header when new)",
        description="Append one validated row to a CSV training log, atomically.",
        epilog="Example: runplan log add 2026-03-03 --distance 5 --pain 2 --file log.csv",
    )
    add.add_argument("date", help="the day, YYYY-MM-DD")
    add.add_argument("--session", default="run", help="session id or kind (default: run)")
    add.add_argument("--status", default="done", help="done, skipped or partial (default: done)")
    add.add_argument("--distance", help="distance run, in the plan's unit (default: none)")
    add.add_argument("--pain", help="back pain, 0 (none) to 10 (worst) (default: none)")
    add.add_argument("--note", help="anything worth remembering (default: none)")
    add.add_argument("--file", default="log.csv", help="the CSV log (default: log.csv)")
    add.set_defaults(run=_cmd_log_add)

    status = sub.add_parser(
        "status",
        help="each past week: planned against logged distance, and back pain",
        description="Set the weeks of a plan so far against training logs or activity files.",
        epilog="Example: runplan status plan.json log.csv activities/ -o status.html",
    )
    status.add_argument("plan", help="the plan, a JSON file written by runplan")
    status.add_argument("log", nargs="+", help="training logs, activity files or folders")
    status.add_argument(
        "--today", type=_date, metavar="DATE", help="the day to look back from (default: today)"
    )
    status.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the plan's HTML page with a 'Planned and done' section to FILE (.html), "
        "'-' for standard output (default: a table on screen)",
    )
    status.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="with -o: your own exercises, a YAML file (repeatable; default: none)",
    )
    status.set_defaults(run=_cmd_status)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="file to write; its extension picks the format: .ics, .json, .md or .html, or "
        "a folder for --format fit; '-' is standard output (default: the summary and the "
        "Markdown view on screen)",
    )
    parser.add_argument(
        "--format",
        choices=["ics", "json", "md", "html", "fit"],
        help="output format (default: from the -o extension, else ics)",
    )
    parser.add_argument(
        "--from",
        dest="from_date",
        type=_date,
        metavar="DATE",
        help="--format fit: first day of workouts, YYYY-MM-DD (default: today, or the plan's "
        "first day)",
    )
    parser.add_argument(
        "--weeks",
        type=_weeks,
        default=4,
        metavar="N",
        help="--format fit: how many weeks of workouts (default: 4)",
    )
    parser.add_argument(
        "--catalogue",
        action="append",
        metavar="FILE",
        help="your own exercises, a YAML file (repeatable; default: none)",
    )
    parser.add_argument(
        "--alarm",
        type=_minutes,
        metavar="MINUTES",
        help="calendar reminder this many minutes before each session (.ics only; default: none)",
    )
    parser.add_argument(
        "--all-day",
        action="store_true",
        help="all-day calendar events without times (.ics only; default: timed events)",
    )
    parser.add_argument(
        "--include-rest",
        action="store_true",
        help="put rest days in the calendar too (.ics only; default: left out)",
    )
    parser.add_argument(
        "--stamp",
        type=_stamp,
        metavar="TIME",
        help="fixed DTSTAMP such as 2026-01-01T00:00:00Z, for byte-identical files "
        "(.ics only; default: now)",
    )


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schemas import schema  # only here: it reads the models' source for descriptions

    print(json.dumps(schema(args.name), indent=2))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 violations, 2 bad input)."""
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
        return code
    except RunplanError as exc:
        print(f"runplan: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # standard output: a closed pipe, a full disk
        reason = exc.strerror or type(exc).__name__
        what = f"use {exc.filename}" if exc.filename else "write to standard output"
        if not exc.filename:
            _drop_stdout()
        with contextlib.suppress(OSError):
            print(one_line(f"runplan: error: cannot {what}: {reason}."), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _drop_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of
    what could not be written raises nothing more at exit."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
