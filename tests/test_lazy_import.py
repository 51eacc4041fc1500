"""``import runplan`` loads only what a name needs, so the command line starts fast."""

from __future__ import annotations

import os
import subprocess
import sys

import runplan

from .conftest import ROOT


def test_import_runplan_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, runplan; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'icalendar') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.stdout.strip() == "[]"


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in runplan.__all__:
        assert getattr(runplan, name) is not None, name
    assert set(runplan.__all__) <= set(dir(runplan))


def test_replan_stays_the_function_after_its_module_is_imported() -> None:
    import runplan.cli  # imports the submodule runplan.replan
    from runplan.replan import replan

    assert runplan.replan is replan and callable(runplan.replan)
