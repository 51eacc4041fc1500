"""``runplan check``: a plan, a profile or an imported plan against the training rules."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .._filetype import data_kind, expect_file
from .._read import read_data_file
from ..errors import PlanError
from ..imports import import_plan, is_calendar_hack, plan_from_calendar_hack
from ..plan import Plan
from ..profile import RunnerProfile
from ..rules import CARE_WORK_RULES, Violation, check_plan, has_care_work
from ..scheduler import build_plan
from .inputs import catalogue_from, plan_from_data


def cmd_check(args: argparse.Namespace) -> int:
    """``runplan check``: report the training rules a plan breaks; 1 when it breaks any."""
    catalogue = catalogue_from(args.catalogue)
    expect_file(args.file, "a plan JSON file or a runner profile (YAML or JSON)", PlanError)
    name = Path(args.file).name
    if Path(args.file).suffix.lower() == ".csv":
        plan = import_plan(args.file, start=args.start)
    else:
        data = read_data_file(args.file, PlanError, "plan or profile")
        if is_calendar_hack(data):
            plan = plan_from_calendar_hack(data, source=name, start=args.start)
        elif data_kind(data) == "a runplan plan":
            plan = plan_from_data(data, name)
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
        print(_wrap(f"Note: {warning}", "  "), file=sys.stderr)
    for line in check_lines(plan, violations, width=WIDTH if sys.stdout.isatty() else None):
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


_NUMBER_UNIT = re.compile(r"(\d) (km|mi|min|s|%)(?=\W|$)")

#: The widest line ``runplan check`` prints on a terminal.
WIDTH = 100


def _wrap(text: str, indent: str) -> str:
    return "\n".join(_wrapped(text, WIDTH, indent))


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    """``text`` wrapped to ``width``, later lines indented; a figure keeps its unit on its
    line ("22 km", never "22" and "km" apart)."""
    import textwrap

    kept = _NUMBER_UNIT.sub("\\1\xa0\\2", text)
    lines = textwrap.wrap(kept, width, subsequent_indent=indent, break_on_hyphens=False)
    return [line.replace("\xa0", " ") for line in lines]


def check_lines(
    plan: Plan, violations: Sequence[Violation], *, width: int | None = None
) -> list[str]:
    """``runplan check``'s report, one row per breach: load breaches first, largest
    first, each with its size; for a plan with no care work at all, one row instead of
    a warm-up, cool-down, core and psoas row for every run and week.

    Rows are rule, week, date and message separated by tabs, for other programs; with
    ``width`` (on a terminal) the columns are aligned and the message wraps under itself,
    so no line is wider than ``width``.
    """
    rows = _check_rows(plan, violations)
    if width is None:
        return ["\t".join(row) for row in rows]

    sizes = [max(len(row[k]) for row in rows) for k in range(3)] if rows else [0, 0, 0]
    lines = []
    for row in rows:
        head = "  ".join(cell.ljust(size) for cell, size in zip(row, sizes, strict=False))
        indent = " " * (len(head) + 2)
        if width - len(indent) < 40:  # too narrow beside the columns: under them instead
            indent = "    "
        lines.extend(_wrapped(f"{head}  {row[3]}", width, indent))
    return lines


def _check_rows(plan: Plan, violations: Sequence[Violation]) -> list[tuple[str, str, str, str]]:
    load = sorted(
        (v for v in violations if v.group == "load"),
        key=lambda v: -(v.excess if v.excess is not None else -1.0),
    )
    care = [v for v in violations if v.group != "load"]
    lines: list[tuple[str, str, str, str]] = []
    for v in load:
        when = v.date.isoformat() if v.date else "-"
        size = ""
        if v.excess is not None:
            size = f"+{_percent(v.excess)} % over {_LIMIT_NAMES.get(v.rule, 'the limit')}: "
        lines.append((v.rule, f"week {v.week}", when, f"{size}{v.message}"))
    if care and not has_care_work(plan):
        care = [v for v in care if v.rule not in CARE_WORK_RULES]
        lines.append(
            ("care", "-", "-", "no warm-ups, cool-downs or core work: `runplan plan` adds them.")
        )
    for v in care:
        when = v.date.isoformat() if v.date else "-"
        lines.append((v.rule, f"week {v.week}", when, v.message))
    return lines


def _percent(fraction: float) -> str:
    value = fraction * 100
    return f"{value:.0f}" if value >= 1 else f"{value:.1f}"
