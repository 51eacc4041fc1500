"""Which of a week's runs carry fast running: each placed distance becomes the long run or an
easy run, then one easy run gains strides and one a tempo or race-pace block, within the
share of the week's running time the intensity rules allow."""

from __future__ import annotations

import datetime as dt

from . import rules
from .paces import Paces
from .plan import RepeatStep, RunStep, RunType, StepKind, WeekKind
from .profile import Race, RunnerProfile
from .runs import (
    MIN_TEMPO_MINUTES,
    TEMPO_MINUTES,
    PlannedRun,
    easy_steps,
    fast_minutes,
    min_run,
    planned,
    stride_minutes,
    stride_steps,
    tempo_steps,
)

__all__ = ["dress"]


def dress(
    profile: RunnerProfile,
    paces: Paces,
    index: int,
    kind: WeekKind,
    placed: dict[dt.date, float],
    long_date: dt.date | None,
    made: dict[tuple[RunType, float], PlannedRun] | None = None,
) -> dict[dt.date, PlannedRun]:
    """Give each placed distance its type and steps: the long run, easy runs, and the week's
    strides and tempo where the intensity rules allow. ``made`` keeps the easy, long and
    strides runs made so far for the plan (frozen, so runs of one distance share one)."""
    p = profile
    memo = {} if made is None else made

    def run(run_type: RunType, distance: float) -> PlannedRun:
        if (run_type, distance) not in memo:
            maker = stride_steps if run_type is RunType.STRIDES else _easy_steps
            memo[run_type, distance] = planned(run_type, distance, maker(distance, paces))
        return memo[run_type, distance]

    out = {
        day: run(RunType.LONG if day == long_date else RunType.EASY, distance)
        for day, distance in placed.items()
    }
    if not rules.may_run_fast(p):
        return out
    easy = [d for d in out if d != long_date and out[d].distance >= 2 * min_run(p.unit)]
    # A tempo never sits beside the long run (rule hard_days_apart).
    apart = [d for d in easy if not _beside_long_run(p, d, long_date)]
    total = sum(r.minutes for r in out.values())
    budget = rules.FAST_SHARE * total - 0.5  # rounding slack
    if easy and index >= rules.STRIDES_FROM_WEEK and budget >= stride_minutes():
        # Strides go first on a day that is not the eve of the long run, and leave the
        # tempo a day of its own when only one is apart from the long run.
        day = min(easy, key=lambda d: (_eve_of_long_run(p, d, long_date), apart == [d]))
        out[day] = run(RunType.STRIDES, out[day].distance)
        budget -= stride_minutes()
        apart = [d for d in apart if d != day]
    if apart and kind is WeekKind.BUILD and rules.may_run_tempo(p) and index >= 2:
        day = apart[len(apart) // 2]
        race_pace = p.race in (Race.HALF_MARATHON, Race.MARATHON) and index % 2 == 0
        step_kind = StepKind.RACE_PACE if race_pace else StepKind.TEMPO
        fast = min(TEMPO_MINUTES, budget)
        if fast >= MIN_TEMPO_MINUTES:
            steps = tempo_steps(out[day].distance, paces, step_kind, fast)
            if fast_minutes(steps) > 0:
                run_type = RunType.RACE_PACE if race_pace else RunType.TEMPO
                out[day] = planned(run_type, out[day].distance, steps)
    return out


def _beside_long_run(profile: RunnerProfile, day: dt.date, long_date: dt.date | None) -> bool:
    """True when ``day`` is the day before or after a long run (this week's, or on the
    profile's long-run weekday in the weeks either side)."""
    gap = (day.weekday() - profile.long_run_day.number) % 7
    return gap in (1, 6) or (long_date is not None and abs((day - long_date).days) == 1)


def _eve_of_long_run(profile: RunnerProfile, day: dt.date, long_date: dt.date | None) -> bool:
    """True when ``day`` is the day before the long run."""
    if long_date is not None:
        return (long_date - day).days == 1
    return (profile.long_run_day.number - day.weekday()) % 7 == 1


def _easy_steps(distance: float, paces: Paces) -> list[RunStep | RepeatStep]:
    return easy_steps(distance, paces.easy)
