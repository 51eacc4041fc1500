"""The numeric limits the rules test, as plain functions the scheduler calls too, so the
builder and the checker cannot disagree."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from ..profile import Race, RunnerProfile, minimum_long_run
from .base import EPS, FLARE_START_SHARE, SINGLE_RUN_SPIKE, SINGLE_RUN_WINDOW_DAYS, WEEKLY_LOOKBACK

# ---------------------------------------------------------------------- shared limits


def floor_half(value: float) -> float:
    """Round a distance down to 0.5 of the unit, so rounding can never break a limit."""
    return floor_step(value, 0.5)


def floor_step(value: float, step: float) -> float:
    """Round a distance down to a multiple of ``step`` (kept to 2 decimals)."""
    return round(math.floor(value / step + EPS) * step, 2)


def weekly_volume_limit(previous_weeks: Sequence[float], max_increase: float) -> float:
    """The most a week may hold: (1 + max_increase) x the highest of the previous 4 weeks.

    ``previous_weeks`` starts with week 0 (the profile's recent weekly distance).
    """
    return (1 + max_increase) * max(previous_weeks[-WEEKLY_LOOKBACK:])


def single_run_limit(longest_recent: float) -> float:
    """The longest run allowed: 1.10 x the longest run of the previous 30 days."""
    return (1 + SINGLE_RUN_SPIKE) * longest_recent


def longest_in_window(
    runs: Iterable[tuple[dt.date, float]], day: dt.date, profile: RunnerProfile
) -> float:
    """The longest run in the 30 days before ``day``.

    The profile's ``longest_recent_run`` counts as a run on the day before the plan starts;
    with no run at all in the window, the shortest long run (2 km / 1.5 mi) stands in.
    """
    first = day - dt.timedelta(days=SINGLE_RUN_WINDOW_DAYS)
    seed_day = profile.start_date - dt.timedelta(days=1)
    longest = profile.seed_longest_run if first <= seed_day else 0.0
    for run_day, distance in runs:
        if first <= run_day < day:
            longest = max(longest, distance)
    return longest or minimum_long_run(profile.unit)


def flare_week_limit(
    previous_weeks: Sequence[float], usual: float, max_increase: float, *, first_week: bool
) -> float:
    """The most a week may hold while the back flares: half the usual volume in the flare's
    first week, then at most (1 + max_increase) x the week before, never above the usual.
    """
    if first_week:
        return FLARE_START_SHARE * usual
    return min(usual, (1 + max_increase) * previous_weeks[-1])


def is_cutback_week(index: int, every: int) -> bool:
    """True for every ``every``-th week (3 up, 1 down when every is 4)."""
    return index % every == 0


def taper_week_count(race: Race) -> int:
    """Weeks of taper before race day: 2 for a marathon, 1 for shorter races."""
    return 2 if race is Race.MARATHON else 1


def taper_span(race: Race, race_date: dt.date) -> tuple[dt.date, dt.date]:
    """The days before race day that must be lighter: (first, last) inclusive."""
    days = 7 * taper_week_count(race)
    return race_date - dt.timedelta(days=days), race_date - dt.timedelta(days=1)
