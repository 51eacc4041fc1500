"""The week's layout beyond the runs: which weekdays hold core and mobility sessions, and
which easy run day a back flare turns into cross training."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from .profile import RunnerProfile, Weekday

__all__ = ["WeekLayout", "flare_swap", "week_layout"]


@dataclass(frozen=True)
class WeekLayout:
    """Which weekdays hold core and mobility sessions."""

    core: frozenset[Weekday]
    mobility: frozenset[Weekday]


def week_layout(profile: RunnerProfile) -> WeekLayout:
    """Pick the core and mobility weekdays for a profile.

    Core goes on candidate days (see RunnerProfile.core_weekday_candidates): off the
    long-run day when the other candidates allow (rule ``core_off_long_run_day``), then
    preferring days without a run and days spread out over the week. Mobility goes on two
    days without a run (the rest day first, so the psoas gets stretched on a day off), or on
    the long-run day's evening when only one day is free.
    """
    candidates = profile.core_weekday_candidates()
    k = profile.core_per_week

    def score(combo: tuple[Weekday, ...]) -> tuple[bool, int, int, tuple[int, ...]]:
        on_long_run_day = profile.long_run_day in combo
        on_run_days = sum(d in profile.run_days for d in combo)
        numbers = sorted(d.number for d in combo)
        gaps = [(numbers[(j + 1) % k] - numbers[j]) % 7 or 7 for j in range(k)]
        return (on_long_run_day, on_run_days, -min(gaps), tuple(numbers))

    core = min(combinations(candidates, k), key=score)
    free = [d for d in Weekday if d not in profile.run_days]
    rest = profile.rest_weekday()
    preferred = [
        rest,
        *[d for d in free if d != rest and d not in core],
        *[d for d in free if d in core and d != rest],
    ]
    mobility = preferred[:2]
    if len(mobility) < 2:
        mobility.append(profile.long_run_day)
    return WeekLayout(core=frozenset(core), mobility=frozenset(mobility))


def flare_swap(profile: RunnerProfile) -> Weekday | None:
    """The easy run day a flare turns into cross training: the one whose loss leaves the
    fewest runs on consecutive days (the earliest such day)."""
    easy = [d for d in profile.run_days if d is not profile.long_run_day]

    def pairs(swapped: Weekday) -> int:
        numbers = {d.number for d in profile.run_days if d is not swapped}
        return sum((n + 1) % 7 in numbers for n in numbers)

    return min(easy, key=lambda d: (pairs(d), d.number)) if easy else None
