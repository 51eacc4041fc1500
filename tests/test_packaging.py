"""The catalogue loads from a wheel installed in a fresh virtual environment, outside the
source tree."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installed_outside_the_checkout_loads_the_catalogue(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("runplan-*.whl"))
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    assert (site / "runplan" / "exercises.yaml").is_file()
    for shipped in ("exercises.schema.json", "profile.schema.json", "render/templates/plan.html"):
        assert (site / "runplan" / shipped).is_file(), shipped
    # The runtime dependencies come from the test environment, added only now so that pip
    # could not mistake the test environment's runplan for an installed one. A .pth line
    # adds a folder after site-packages and does not run the .pth files inside it.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    out = subprocess.run(
        [
            str(python),
            "-c",
            "import runplan; c = runplan.load_catalogue(); print(runplan.__file__); print(len(c)); "
            "import datetime as d; from runplan.cli import example_profile as e; "
            "print(len(runplan.to_html(runplan.build_plan(e('beginner', d.date(2026, 1, 5))))))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert out[0].startswith(str(site)), out
    assert int(out[1]) >= 38
    assert int(out[2]) > 10_000  # the page renders from the wheel's own template
