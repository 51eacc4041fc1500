"""The profiles behind the golden files in tests/data/."""

from __future__ import annotations

from runplan import RunnerProfile

from .profiles import example

GOLDEN_JSON: dict[str, RunnerProfile] = {
    "plan_beginner": example("beginner_3_days"),
    "plan_half_marathon": example("half_marathon_race"),
}

GOLDEN_ICS: tuple[str, ...] = ()


def ics_bytes(name: str) -> bytes:
    raise KeyError(name)
