"""The profiles and options behind the golden files in tests/data/."""

from __future__ import annotations

import datetime as dt

from runplan import RunnerProfile, build_plan
from runplan.ics import to_ics
from runplan.render import to_html

from .profiles import EXAMPLES, example

GOLDEN_JSON: dict[str, RunnerProfile] = {
    "plan_beginner": example("beginner_3_days"),
    "plan_half_marathon": example("half_marathon_race"),
}

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

#: name -> (profile, to_ics options)
GOLDEN_ICS: dict[str, tuple[RunnerProfile, dict[str, object]]] = {
    "calendar_timed_alarms": (
        RunnerProfile.model_validate({**EXAMPLES["six_days_new_york"], "weeks": 4}),
        {"alarm_minutes": 30},
    ),
    "calendar_all_day": (
        RunnerProfile.model_validate({**EXAMPLES["back_pain_flare"], "weeks": 3}),
        {"all_day": True, "include_rest": True},
    ),
}


def ics_bytes(name: str) -> bytes:
    """The golden calendar's bytes as runplan makes them now."""
    profile, options = GOLDEN_ICS[name]
    return to_ics(build_plan(profile), stamp=STAMP, **options)  # type: ignore[arg-type]


#: name -> profile of the golden HTML page (rendered without a training log).
GOLDEN_HTML: dict[str, RunnerProfile] = {
    "page_back_flare": RunnerProfile.model_validate({**EXAMPLES["back_pain_flare"], "weeks": 3}),
}


def html_text(name: str) -> str:
    """The golden page's text as runplan makes it now."""
    return to_html(build_plan(GOLDEN_HTML[name]))
