"""``runplan --help``, ``--version`` and argument errors load none of the heavy libraries:
the parser imports nothing heavy and each command's module loads when its command runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import runplan.cli
from runplan.catalogue import Category, Equipment, Level
from runplan.cli import parser

from .conftest import ROOT

#: Libraries (and runplan's model modules) that only a command's work needs.
HEAVY = (
    "pydantic",
    "yaml",
    "icalendar",
    "jinja2",
    "garmin_fit_sdk",
    "gpxpy",
    "fitdecode",
    "defusedxml",
    "runplan.catalogue",
    "runplan.plan",
    "runplan.profile",
)


#: Runs ``python -m runplan ARGS`` and, at exit, writes the loaded modules to stderr. (The
#: log of ``-X importtime`` would miss modules loaded by ``importlib.import_module``.)
_RUN = (
    "import atexit, runpy, sys; "
    "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)))); "
    "sys.argv = ['runplan', *sys.argv[1:]]; "
    "runpy.run_module('runplan', run_name='__main__', alter_sys=True)"
)


def _imported(*args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    """The modules ``python -m runplan ARGS`` has loaded when it exits, and how it ended."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return set(done.stderr.rpartition("\nMODULES ")[2].split()), done


@pytest.mark.parametrize(
    ("args", "code"),
    [(["--version"], 0), (["--help"], 0), (["plan", "--help"], 0), (["plan", "--bogus"], 2)],
)
def test_help_version_and_argument_errors_load_no_heavy_module(args: list[str], code: int) -> None:
    modules, done = _imported(*args)
    assert done.returncode == code, done.stderr[-500:]
    assert "runplan.cli.parser" in modules  # the list was read
    assert sorted(m for m in HEAVY if m in modules) == []


def test_a_command_loads_its_module_when_it_runs() -> None:
    modules, done = _imported("exercises", "--level", "advanced", "--json")
    assert done.returncode == 0, done.stderr[-500:]
    assert {"runplan.cli.exercises", "runplan.catalogue", "pydantic"} <= modules
    assert "runplan.cli.check" not in modules and "icalendar" not in modules


def test_the_parser_offers_every_catalogue_filter_value() -> None:
    assert tuple(c.value for c in Category) == parser.CATEGORIES
    assert tuple(e.value for e in Equipment) == parser.EQUIPMENT
    assert tuple(lv.value for lv in Level) == parser.LEVELS


def test_names_of_the_command_modules_are_importable_from_runplan_cli() -> None:
    from runplan.cli import FORMATS_BY_EXTENSION, TABLE_WIDTH, check_lines, read_plan
    from runplan.cli.check import check_lines as defined

    assert check_lines is defined and callable(read_plan)
    assert FORMATS_BY_EXTENSION["ics"] == "ics" and TABLE_WIDTH == 100
    assert {"check_lines", "example_profile", "read_plan"} <= set(dir(runplan.cli))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = runplan.cli.no_such_name  # type: ignore[attr-defined]
