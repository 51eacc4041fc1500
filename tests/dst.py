"""Plans whose sessions fall in daylight-saving gaps and folds, shared by the calendar
tests and the CalDAV tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from runplan import Plan, RunnerProfile, SessionKind, build_plan

# Each starts the Monday of a week with a clock change on its Saturday night or Sunday,
# runs on Saturday and Sunday at the time the change happens, and lasts two weeks.
DST_PROFILES: dict[str, dict[str, Any]] = {
    # 29 March 2026, 02:00 -> 03:00: 02:30 does not exist.
    "berlin_spring_0230": {"timezone": "Europe/Berlin", "start": "2026-03-23", "run": "02:30"},
    # 25 October 2026, 03:00 -> 02:00: 02:30 happens twice.
    "berlin_autumn_0230": {"timezone": "Europe/Berlin", "start": "2026-10-19", "run": "02:30"},
    # 4 April 2026, 24:00 -> 23:00: 23:59 happens twice; 5 September, 24:00 -> 01:00.
    "santiago_autumn_2359": {
        "timezone": "America/Santiago",
        "start": "2026-03-30",
        "run": "23:59",
    },
    "santiago_spring_2359": {
        "timezone": "America/Santiago",
        "start": "2026-08-31",
        "run": "23:59",
    },
    # Lord Howe moves by half an hour: 5 April 2026, 02:00 -> 01:30; 4 October, 02:00 -> 02:30.
    "lord_howe_autumn_0145": {
        "timezone": "Australia/Lord_Howe",
        "start": "2026-03-30",
        "run": "01:45",
    },
    "lord_howe_spring_0215": {
        "timezone": "Australia/Lord_Howe",
        "start": "2026-09-28",
        "run": "02:15",
    },
}


def dst_profile(name: str) -> RunnerProfile:
    """The profile of one DST case."""
    case = DST_PROFILES[name]
    return RunnerProfile.model_validate(
        {
            "name": name,
            "start_date": case["start"],
            "weeks": 2,
            "weekly_distance": 25,
            "run_days": ["tue", "sat", "sun"],
            "long_run_day": "sun",
            "core_per_week": 2,
            "timezone": case["timezone"],
            "run_time": case["run"],
            "strength_time": "23:59" if case["run"] < "23:59" else "12:00",
        }
    )


def dst_plan(name: str) -> Plan:
    """The two-week plan of one DST case."""
    return build_plan(dst_profile(name))


def changes_clock(plan: Plan) -> bool:
    """True when the zone's UTC offset changes during the plan."""
    zone = zoneinfo.ZoneInfo(plan.profile.timezone)
    days = sorted({s.date for s in plan.sessions()})
    offsets = {dt.datetime.combine(d, dt.time(12), tzinfo=zone).utcoffset() for d in days}
    return len(offsets) > 1


def timed_sessions(plan: Plan) -> dict[str, int]:
    """Planned minutes of every timed, exported session, by UID."""
    from runplan.ics import session_uid

    return {
        session_uid(s): max(s.duration_minutes, 5)
        for s in plan.sessions()
        if s.kind is not SessionKind.REST and s.start is not None
    }
