"""Shared fixtures, the --no-caldav switch, and hypothesis's profile for CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from runplan import Catalogue, load_catalogue

# Locally, each run of the property tests tries new random cases (that is how the re-plan
# cases in test_replan.py were found). Under CI=true the same cases run every time, so a
# landing never depends on the luck of the draw; a failure there is reproducible.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--no-caldav",
        action="store_true",
        help="skip the tests that start a real Radicale CalDAV server (reported as skipped)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--no-caldav"):
        return
    skip = pytest.mark.skip(reason="--no-caldav given: real CalDAV server tests skipped")
    for item in items:
        if "caldav" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """The built-in catalogue."""
    return load_catalogue()


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write text to a file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
