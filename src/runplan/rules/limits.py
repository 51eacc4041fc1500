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


#: A week is lighter when its distance or its long run is at most this share of the week
#: before's.
LIGHTER_SHARE = 0.9
#: The most weeks in a row without a lighter week (a block of 3 to 5 weeks holds one).
CUTBACK_STRETCH = 4


def cutback_stretch(every: int) -> int:
    """The most weeks in a row without a lighter one: 4, or ``every`` - 1 when the profile
    asks for cutbacks less often than every 5th week."""
    return max(CUTBACK_STRETCH, every - 1)


def lighter_weeks(
    volumes: Sequence[float], long_runs: Sequence[float], cutback_ratio: float = 0.8
) -> set[int]:
    """The 1-based indexes of the weeks that are lighter than the week before.

    ``volumes`` and ``long_runs`` start with week 0 (the runner's recent weeks); a week is
    lighter when its distance, or its longest run, is at most 90 % of the week before's
    (or ``cutback_ratio`` of it, when the profile's cutbacks are gentler than that).
    Week 1 is compared with nothing (week 0 is the runner's own, not the plan's).
    """
    share = max(LIGHTER_SHARE, cutback_ratio)
    lighter = set()
    for i in range(2, len(volumes)):
        if volumes[i] <= share * volumes[i - 1] + EPS or (
            long_runs[i] <= share * long_runs[i - 1] + EPS
        ):
            lighter.add(i)
    return lighter


def taper_week_count(race: Race) -> int:
    """Weeks of taper before race day: 2 for a marathon, 1 for shorter races."""
    return 2 if race is Race.MARATHON else 1


def taper_span(race: Race, race_date: dt.date) -> tuple[dt.date, dt.date]:
    """The days before race day that must be lighter: (first, last) inclusive."""
    days = 7 * taper_week_count(race)
    return race_date - dt.timedelta(days=days), race_date - dt.timedelta(days=1)
