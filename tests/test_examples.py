"""Every example script runs and every example profile builds, so none can rot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runplan import RunnerProfile, build_plan, check_plan

from .conftest import ROOT

SCRIPTS = sorted((ROOT / "examples").glob("*.py"))
PROFILES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "my_exercises.yaml")


def test_there_are_examples() -> None:
    assert len(SCRIPTS) >= 2 and len(PROFILES) >= 3


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_build_and_export_writes_four_files(tmp_path: Path) -> None:
    out = tmp_path / "not" / "yet"  # a folder that does not exist is made
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build_and_export.py"), str(out)],
        check=True,
        capture_output=True,
    )
    assert {p.name for p in out.iterdir()} >= {
        "half_marathon.ics",
        "half_marathon.json",
        "half_marathon.md",
        "half_marathon.html",
    }


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_scripts_write_nothing_where_they_run(script: Path, tmp_path: Path) -> None:
    """Run without an output folder, a script writes into a temporary folder of its own,
    never into the folder it runs in (the checkout, for most people)."""
    here = tmp_path / "cwd"
    here.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert result.returncode == 0, result.stderr
    assert list(here.iterdir()) == []


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_example_profile_builds_without_violations(profile: Path) -> None:
    plan = build_plan(RunnerProfile.from_file(profile))
    assert check_plan(plan) == []
