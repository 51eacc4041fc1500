"""Changing a plan through its JSON data, for tests that check what check_plan reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runplan import Plan


def edit(plan: Plan, change: Callable[[dict[str, Any]], None]) -> Plan:
    """A copy of ``plan`` with ``change(data)`` applied to its JSON-like data."""
    data = plan.model_dump(mode="json")
    change(data)
    return Plan.model_validate(data)


def sessions(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every session of a plan's JSON-like data, in order."""
    return [s for w in data["weeks"] for s in w["sessions"]]
