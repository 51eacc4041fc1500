"""The numeric limits the rules test, as plain functions the scheduler calls too, so the
builder and the checker cannot disagree."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from ..profile import BackPain, Race, RunnerProfile, Unit
from ..profile_types import minimum_long_run
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


def flare_week_limit(usual: float) -> float:
    """The most a week may hold while the back flares: half the usual volume, in the
    flare's first week and every week after it. Volume does not grow while the back flares;
    it grows again when a re-plan's log shows pain-free runs (the plan is then no longer a
    flare plan).
    """
    return FLARE_START_SHARE * usual


def is_cutback_week(index: int, every: int) -> bool:
    """True for every ``every``-th week (3 up, 1 down when every is 4)."""
    return index % every == 0


#: The taper's length in days each race aims for: 5k and 10k about a week, the half
#: marathon 10 to 14 days, the marathon 2 to 3 weeks (Bosquet et al. 2007: about two
#: weeks; shorter races a shorter taper). The plan's weeks round it to a week boundary;
#: the marathon aims near 3 weeks, so a Sunday race tapers over its last 20 days.
TAPER_DAYS = {Race.FIVE_K: 7, Race.TEN_K: 7, Race.HALF_MARATHON: 12, Race.MARATHON: 19}
#: The longest taper a race may have, in days before race day (3 weeks).
TAPER_MAX_DAYS = 21


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


def taper_start(race: Race, race_date: dt.date, start_date: dt.date) -> dt.date:
    """The first day of the taper: the plan's week boundary that makes the taper closest to
    ``TAPER_DAYS`` (ties go to the shorter taper), never before the plan starts.

    With Monday-to-Sunday weeks and a Sunday race, a 5k or 10k taper is the race week (6
    days before the race), a half marathon's the last 13 days, a marathon's the last 20;
    no taper is longer than 3 weeks.
    """
    aim = TAPER_DAYS[race]
    days_into_week = (race_date - start_date).days % 7
    choices = [days_into_week + 7 * k for k in range(4) if days_into_week + 7 * k <= TAPER_MAX_DAYS]
    best = min(choices, key=lambda days: (abs(days - aim), days))
    return max(start_date, race_date - dt.timedelta(days=best))


#: A 5k or 10k race week runs at least this share of the peak week (race excluded), so the
#: taper cuts volume without falling off a cliff (Bosquet et al. 2007: cuts of 41 to 60 %).
SHORT_RACE_WEEK_FLOOR = 0.40


def race_week_floor(race: Race) -> float:
    """The least share of the peak week a race week holds: 0.4 for 5k and 10k, else 0."""
    return SHORT_RACE_WEEK_FLOOR if race in (Race.FIVE_K, Race.TEN_K) else 0.0


# ---------------------------------------------------------------------- base building

#: Without a race or a peak, a plan builds at most this much over the current volume.
NO_RACE_PEAK_GROWTH = 0.20


def no_race_peak_limit(profile: RunnerProfile) -> float | None:
    """The most a week may hold in a plan with no race and no ``peak_weekly_distance``:
    1.2 x the current weekly volume. None when the cap does not apply (a race, a peak the
    runner chose, or a beginner, whose run/walk programme has its own end)."""
    if profile.race is not None or profile.peak_weekly_distance is not None:
        return None
    if profile.weekly_distance == 0:
        return None
    return (1 + NO_RACE_PEAK_GROWTH) * profile.start_volume


# ---------------------------------------------------------------------- the long run

#: The long run's largest share of the week by runs in the week (race excluded).
LONG_RUN_SHARES = ((5, 0.35), (4, 0.40), (0, 0.50))
#: A marathon plan's long run may take this share where the table allows less.
MARATHON_LONG_RUN_SHARE = 0.45
#: No long run beyond 3 hours at easy pace, nor beyond 32 km / 20 mi.
LONG_RUN_MAX_MINUTES = 180
LONG_RUN_MAX = {Unit.KM: 32.0, Unit.MI: 20.0}
#: A marathon plan reaches its longest long run at most this many times.
MARATHON_PEAK_LONG_RUNS = 3
#: A long run within this share of the longest counts as reaching it.
PEAK_LONG_RUN_BAND = 0.05
#: Below this longest run a marathon plan warns (about 28 km / 17 mi).
MARATHON_LONG_RUN_AIM = {Unit.KM: 28.0, Unit.MI: 17.0}


def long_run_share_limit(runs_in_week: int, race: Race | None) -> float:
    """The long run's largest share of the week: 35 % with 5 or more runs, 40 % with 4,
    50 % with 3 or fewer; a marathon plan up to 45 % where that is more."""
    share = next(s for count, s in LONG_RUN_SHARES if runs_in_week >= count)
    if race is Race.MARATHON:
        share = max(share, MARATHON_LONG_RUN_SHARE)
    return share


def near_peak(distance: float, longest: float) -> bool:
    """True when a run of ``distance`` reaches a peak of ``longest``: within 5 % of it."""
    return longest > 0 and distance >= (1 - PEAK_LONG_RUN_BAND) * longest - EPS


def peak_long_run_limit(longs: Sequence[float], candidate: float) -> float | None:
    """For a marathon plan whose weekly long runs so far are ``longs``: None when a long run
    of ``candidate`` keeps the plan at no more than 3 runs reaching its longest (within
    5 %), else the distance a run must stay under (5 % short of the longest so far)."""
    peak = max([*longs, candidate])
    if sum(near_peak(x, peak) for x in longs) < MARATHON_PEAK_LONG_RUNS:
        return None
    return (1 - PEAK_LONG_RUN_BAND) * max(longs, default=0.0)


def long_run_distance_cap(profile: RunnerProfile) -> float:
    """The longest run any plan holds: 3 hours at the slow end of the easy pace, and never
    more than 32 km / 20 mi."""
    from ..runs import paces_for  # runs imports the plan model; imported late to stay light

    slow = paces_for(profile).easy.slow
    return min(LONG_RUN_MAX[profile.unit], LONG_RUN_MAX_MINUTES * 60 / slow)


# ---------------------------------------------------------------------- intensity

#: Strides: 4 to 8 of them, 15 to 30 seconds each.
STRIDE_COUNT = (4, 8)
STRIDE_SECONDS = (15, 30)
#: Strides come from this week on.
STRIDES_FROM_WEEK = 3
#: Strides, tempo and race pace together take at most this share of a week's running time.
FAST_SHARE = 0.20


def may_run_fast(profile: RunnerProfile) -> bool:
    """True when the runner may have strides or tempo: not a beginner, no back pain."""
    return profile.weekly_distance > 0 and profile.back_pain is BackPain.NONE


def may_run_tempo(profile: RunnerProfile) -> bool:
    """True when the runner may have a tempo or race-pace session: racing, intermediate or
    advanced, not a beginner and no back pain."""
    return may_run_fast(profile) and profile.race is not None and profile.level.value != "beginner"


# ---------------------------------------------------------------------- a flare

#: A flare's first days hold no run: walking and gentle mobility only.
FLARE_REST_DAYS = 3


def in_flare_rest(start: dt.date | None, day: dt.date) -> bool:
    """True when ``day`` is one of the first ``FLARE_REST_DAYS`` of a flare that began on
    ``start`` (none: no flare)."""
    return start is not None and start <= day < start + dt.timedelta(days=FLARE_REST_DAYS)


#: Return to running after a flare: (seconds running, seconds walking) per round, one
#: stage a week from the first run, the last a continuous run. It starts at 1:1 and the
#: running lengthens week by week, as the beginner's programme does (practice: a few days
#: of rest and walking, then run/walk, progressing only while the pain rule holds).
FLARE_STAGES: tuple[tuple[int, int], ...] = (
    (60, 60),
    (120, 60),
    (180, 60),
    (240, 60),
    (300, 60),
    (480, 60),
    (600, 60),
    (60, 0),
)


def flare_runs_per_week(run_days: int) -> int:
    """How many runs a flare week may hold: the runner's run days less the one a flare
    swaps for cross training (a single run day stays a run day)."""
    return max(1, run_days - 1)


def flare_session_limit(usual: float, run_days: int) -> float:
    """The longest run/walk a flare plan holds: the flare's week (half the usual volume)
    shared evenly over its runs (``flare_runs_per_week``). A flare has no long run: a week
    with fewer days to run in (the first, after its days of rest) runs less, never longer
    sessions."""
    return FLARE_START_SHARE * usual / flare_runs_per_week(run_days)
