"""The ``runplan`` argument parser: commands, options and their help texts.

This module imports nothing heavy (no pydantic, YAML or calendar library), so that
``runplan --help``, ``runplan --version`` and argument errors answer at once; each
command's module is imported only when that command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from typing import Any, NoReturn

from .._version import __version__
from ..errors import one_line

#: The profiles bundled with runplan, by the name ``--example`` takes.
EXAMPLES = {
    "beginner": "beginner.yaml",
    "half-marathon": "half_marathon_miles.yaml",
    "back-flare": "back_flare.yaml",
}

#: The values of the catalogue's ``Category``, ``Equipment`` and ``Level`` enums, which
#: ``runplan exercises`` filters by; spelled out here so that building the parser does not
#: import the pydantic models (a test keeps them equal to the enums).
CATEGORIES = (
    "core",
    "strength",
    "balance",
    "activation",
    "stretch",
    "dynamic",
    "mobility",
    "cross_training",
)
EQUIPMENT = (
    "none",
    "mat",
    "exercise_ball",
    "medicine_ball",
    "resistance_band",
    "foam_roller",
    "yoga_block",
    "wall",
    "step",
    "pool",
    "bike",
)
LEVELS = ("beginner", "intermediate", "advanced")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, one_line(f"{self.prog}: error: {message} (see {self.prog} --help)") + "\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse, but a command refuses an option it does not know itself, so the
        message names ``runplan plan --help`` and the closest option, not ``runplan``."""
        known, extras = super().parse_known_args(args, namespace)
        if extras and " " in self.prog:  # a command's parser, not the top one
            self.error(f"unrecognized arguments: {' '.join(extras)}{self._hint(extras[0])}")
        return known, extras

    def _hint(self, given: str) -> str:
        import difflib  # only on this error

        name = given.split("=", 1)[0]
        close = difflib.get_close_matches(name, list(self._option_string_actions), n=1)
        return f"; did you mean {close[0]}?" if close else ""


class _Command:
    """A command's function, named by module and function, imported when the command runs."""

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function

    def __call__(self, args: argparse.Namespace) -> int:
        module = importlib.import_module(f"{__package__}.{self.module}")
        code: int = getattr(module, self.function)(args)
        return code


def _output(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file name (or '-' for standard output)")
    return text


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
        help="build a plan from a profile and write it as .ics, JSON, Markdown, HTML or FIT",
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
    _date_option(
        plan,
        "--start",
        "first day of the plan, YYYY-MM-DD (default: the profile's start_date; a "
        "race keeps its race_date, except in the bundled examples, whose race moves along)",
    )
    plan.set_defaults(run=_Command("output", "cmd_plan"))

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
    _date_option(
        again,
        "--today",
        "re-plan from this day on, YYYY-MM-DD (default: today)",
    )
    _output_options(again)
    again.set_defaults(run=_Command("log", "cmd_replan"))

    _log_parsers(sub)

    exercises = sub.add_parser(
        "exercises",
        help="list the exercise catalogue",
        description="List the exercises, optionally filtered.",
        epilog="Example: runplan exercises --category core --equipment exercise_ball",
    )
    exercises.add_argument(
        "--category",
        choices=list(CATEGORIES),
        metavar="CATEGORY",
        help=f"only this kind of work: {', '.join(CATEGORIES)} (default: all)",
    )
    exercises.add_argument(
        "--equipment",
        choices=list(EQUIPMENT),
        metavar="EQUIPMENT",
        help=f"only exercises that use this: {', '.join(EQUIPMENT)} (default: all)",
    )
    exercises.add_argument(
        "--level",
        choices=list(LEVELS),
        metavar="LEVEL",
        help=f"only this level: {', '.join(LEVELS)} (default: all)",
    )
    exercises.add_argument(
        "--json", action="store_true", help="print JSON instead of a table (default: a table)"
    )
    _catalogue_option(
        exercises,
        "your own exercises, a YAML file, on top of the built-in ones (repeatable; default: none)",
    )
    exercises.set_defaults(run=_Command("exercises", "cmd_exercises"))

    exercise = sub.add_parser(
        "exercise",
        help="show one exercise: dose, steps, cues, cautions and sources",
        description="Show one exercise by id, name or alias.",
        epilog="Example: runplan exercise ball_pike",
    )
    exercise.add_argument("id", help="exercise id, name or alias")
    _catalogue_option(exercise)
    exercise.set_defaults(run=_Command("exercises", "cmd_exercise"))

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
    _catalogue_option(check)
    check.add_argument(
        "--json", action="store_true", help="the report as JSON, for programs (default: text)"
    )
    _date_option(
        check,
        "--start",
        "first day of an imported plan, YYYY-MM-DD (default: from the file, or next "
        "Monday for calendar-hack YAML)",
    )
    check.set_defaults(run=_Command("check", "cmd_check"))

    imported = sub.add_parser(
        "import",
        help="read a plan from another app or a book (calendar-hack YAML or CSV)",
        description="Read a calendar-hack YAML plan or a CSV with the header "
        "date,title,distance,minutes into a runplan plan; the profile is inferred.",
        epilog="Example: runplan import examples/book_plan.csv -o plan.json",
    )
    imported.add_argument("file", help="a calendar-hack YAML plan or a plan CSV")
    _date_option(
        imported,
        "--start",
        "first day, YYYY-MM-DD (default: from the CSV's dates; next Monday for YAML)",
    )
    _output_options(imported)
    imported.set_defaults(run=_Command("output", "cmd_import"))

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
    schema.set_defaults(run=_Command("output", "cmd_schema"))
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
    add.set_defaults(run=_Command("log", "cmd_log_add"))

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
        type=_output,
        metavar="FILE",
        help="write the plan's HTML page with a 'Planned and done' section to FILE (.html), "
        "'-' for standard output (default: a table on screen)",
    )
    _catalogue_option(
        status,
        "with -o: your own exercises, a YAML file (repeatable; default: none)",
    )
    status.set_defaults(run=_Command("log", "cmd_status"))


def _catalogue_option(
    command: argparse.ArgumentParser,
    text: str = "your own exercises, a YAML file (repeatable; default: none)",
) -> None:
    """``--catalogue FILE``, repeatable: exercises on top of the built-in ones."""
    command.add_argument("--catalogue", action="append", metavar="FILE", help=text)


def _date_option(command: argparse.ArgumentParser, flag: str, text: str) -> None:
    """A date option, ``flag DATE`` written YYYY-MM-DD."""
    command.add_argument(flag, type=_date, metavar="DATE", help=text)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=_output,
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
    _catalogue_option(parser)
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
