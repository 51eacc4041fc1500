"""Golden files: the whole output for fixed profiles, compared byte for byte."""

from __future__ import annotations

import pytest

from runplan import Plan, build_plan

from .conftest import DATA
from .golden import GOLDEN_HTML, GOLDEN_ICS, GOLDEN_JSON, html_text, ics_bytes


@pytest.mark.parametrize("name", sorted(GOLDEN_JSON))
def test_plan_json_matches_the_golden_file(name: str) -> None:
    expected = (DATA / f"{name}.json").read_text(encoding="utf-8")
    actual = build_plan(GOLDEN_JSON[name]).model_dump_json(indent=2) + "\n"
    assert actual == expected, (
        f"{name}.json differs; if on purpose: python -m tests.regenerate_golden"
    )
    assert Plan.model_validate_json(expected).model_dump_json(indent=2) + "\n" == expected


@pytest.mark.parametrize("name", sorted(GOLDEN_ICS))
def test_calendar_matches_the_golden_file(name: str) -> None:
    expected = (DATA / f"{name}.ics").read_bytes()
    assert ics_bytes(name) == expected, (
        f"{name}.ics differs; if on purpose: python -m tests.regenerate_golden"
    )


@pytest.mark.parametrize("name", sorted(GOLDEN_HTML))
def test_page_without_a_log_matches_the_golden_file(name: str) -> None:
    expected = (DATA / f"{name}.html").read_text(encoding="utf-8")
    assert html_text(name) == expected, (
        f"{name}.html differs; if on purpose: python -m tests.regenerate_golden"
    )
