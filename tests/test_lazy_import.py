"""``import runplan`` loads only what a name needs, so the command line starts fast."""

from __future__ import annotations

import os
import subprocess
import sys

import runplan

from .conftest import ROOT


def _fresh(code: str) -> str:
    """What ``code`` prints in a fresh interpreter that imports this tree's runplan."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return done.stdout.strip()


def test_import_runplan_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, runplan; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'icalendar') if m in sys.modules))"
    )
    assert _fresh(code) == "[]"


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in runplan.__all__:
        assert getattr(runplan, name) is not None, name
    assert set(runplan.__all__) <= set(dir(runplan))


def test_replan_stays_the_function_after_its_module_is_imported() -> None:
    # A fresh interpreter, so that the submodule runplan.replan is imported before anything
    # has asked for the name runplan.replan (in this process another test may have done so,
    # and then the function is already in place whatever the package does).
    code = (
        "from runplan.replan import replan; import runplan; "
        "print(runplan.replan is replan and callable(runplan.replan))"
    )
    assert _fresh(code) == "True"
