"""What a back flare changes in the runs: run/walk sessions that return to running one stage a
week from the flare, each carrying the pain rule, on run days with a rest day between.

A flare's weeks count from the flare, so one week's days can be at different stages; each
session's distance is what its steps cover, never more than the distance placed for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from . import rules
from .distances import keep_share
from .paces import Paces
from .plan import RepeatStep, RunStep, RunType, StepKind
from .profile import Race, RunnerProfile, Weekday
from .runs import WALK_IN, PlannedRun, planned, steps_distance

__all__ = ["PAIN_RULE", "FlareRuns", "flare_run", "flare_steps", "flare_weekdays"]

#: The cool-down walk that ends a return-to-run session, in minutes (its warm-up is the
#: beginner's 5-minute brisk walk).
FLARE_WALK_OUT = 2.0
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
#: Running and walking in a return-to-run session: at most this many minutes in its first
#: week, and this many more each week after (convention).
FLARE_MAIN_MINUTES, FLARE_MAIN_GROWTH = 20, 5
#: The pain rule every run in a flare carries (practice, coaching reference).
PAIN_RULE = (
    "Go on to the next step only if pain during the run and the next morning stays at about "
    "2/10 or less and is no worse the day after; otherwise repeat this step or walk instead."
)


def _to_step(distance: float, step: Callable[[float], float]) -> float:
    """``distance`` rounded down to a multiple of its step, or down to 0.01 where the step
    is too coarse for that to stay within 5 % (the steps must still add up). Never up: a
    session's distance must not pass the cap its steps were chosen for."""
    size = step(distance)
    down = round(math.floor(distance / size + 1e-9) * size, 2)
    if distance - down <= 0.05 * distance:
        return down
    cents = round(math.floor(distance * 100 + 1e-9) / 100, 2)
    if distance - cents <= 0.05 * distance:
        return cents
    return round(math.floor(distance * 1000 + 1e-9) / 1000, 3)  # a very short session


def _flare_candidates(stage: int, most: int, paces: Paces) -> list[list[RunStep | RepeatStep]]:
    """The running and walking a return-to-run session at ``stage`` may hold within ``most``
    seconds, longest first: whole rounds, the last run cut to whole minutes where that fits
    better."""
    run_s, walk_s = FLARE_STAGES[stage]
    if walk_s == 0:
        return [
            [RunStep(kind=StepKind.RUN, minutes=float(m), pace=paces.easy)]
            for m in range(most // 60, 0, -1)
        ]
    run = RunStep(kind=StepKind.RUN, minutes=run_s / 60, pace=paces.easy)
    walk = RunStep(kind=StepKind.WALK, minutes=walk_s / 60, pace=paces.walk)
    candidates: list[list[RunStep | RepeatStep]] = []
    for rounds in range(most // (run_s + walk_s), 0, -1):
        whole: list[RunStep | RepeatStep] = (
            [RepeatStep(repeat=rounds, steps=[run, walk])] if rounds >= 2 else [run, walk]
        )
        left = min(run_s - 60, most - rounds * (run_s + walk_s))
        for extra in range(left // 60, 0, -1):
            candidates.append(
                [*whole, RunStep(kind=StepKind.RUN, minutes=float(extra), pace=paces.easy)]
            )
        candidates.append(whole)
    return candidates


def _flare_seconds(week: int) -> int:
    """The most running and walking, in seconds, a return-to-run session holds in week
    ``week`` (0 first) of a flare; an earlier stage done again keeps its own week's time."""
    return 60 * (FLARE_MAIN_MINUTES + FLARE_MAIN_GROWTH * max(week, 0))


def flare_steps(
    distance: float, paces: Paces, week: int, step: Callable[[float], float]
) -> list[RunStep | RepeatStep]:
    """A return-to-run session in week ``week`` (0 first) of a flare: a warm-up walk, rounds
    of running and walking at that week's stage, as many as the week's minutes allow while
    the distance they cover (rounded down to its ``step``) stays within ``distance`` (an
    earlier stage, in its own week's time, when it covers more within that), and a
    cool-down walk. Steps are in time only."""
    stage = min(max(week, 0), len(FLARE_STAGES) - 1)
    most = _flare_seconds(week)
    fits = [
        (_to_step(steps_distance(c), step), k, c)
        for k in range(stage, -1, -1)
        for c in _flare_candidates(k, most if k == stage else min(most, _flare_seconds(k)), paces)
        if _to_step(steps_distance(c), step) <= distance + 1e-9
    ]
    # The most distance that fits, the latest stage first among equals: a later week never
    # covers less than an earlier one for the same cap.
    best = max(fits, key=lambda f: (f[0], f[1]), default=None)
    inner = best[2] if best else [RunStep(kind=StepKind.RUN, minutes=1.0, pace=paces.easy)]
    return [
        RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN),
        *inner,
        RunStep(kind=StepKind.COOL_DOWN, minutes=FLARE_WALK_OUT),
    ]


def flare_run(
    distance: float, paces: Paces, week: int, step: Callable[[float], float]
) -> PlannedRun:
    """A run/walk session in week ``week`` (0 first) of a flare, of at most ``distance``: its
    distance is what its steps cover, rounded to its ``step`` (the same session again for
    that distance), and its note names the stage and the pain rule."""
    steps = flare_steps(distance, paces, week, step)
    covered = _to_step(steps_distance(steps), step)
    flat = [s for x in steps for s in (x.steps if isinstance(x, RepeatStep) else [x])]
    run_m, walk_m = flat[1].minutes or 0.0, flat[2].minutes or 0.0
    stage = (
        f"Run {run_m:g} min, walk {walk_m:g} min, and repeat."
        if flat[2].kind is StepKind.WALK
        else "Run without stopping, walking a minute whenever you need."
    )
    return planned(RunType.RUN_WALK, max(covered, 0.01), steps, note=stage, rule=PAIN_RULE)


def flare_weekdays(profile: RunnerProfile, swapped: Weekday | None) -> frozenset[Weekday]:
    """The run days a flare keeps: no two on consecutive days (Sunday and Monday count),
    the long-run day first, then the others in week order."""
    days = [d for d in profile.run_days if d != swapped]
    order = sorted(days, key=lambda d: (d is not profile.long_run_day, d.number))
    kept: list[Weekday] = []
    for day in order:
        if all((day.number - k.number) % 7 not in (1, 6) for k in kept):
            kept.append(day)
    return frozenset(kept)


@dataclass(frozen=True)
class FlareRuns:
    """One runner's return-to-run sessions in a flare, and what they make of a week's
    placed distances."""

    since: dt.date
    """The day the flare's weeks count from: the flare's first day, else the plan's start."""
    paces: Paces
    """The runner's paces."""
    step_for: Callable[[float], float]
    """The distance step a run of a given distance is rounded to (the profile's)."""
    race: Race | None
    """The race the plan leads to, if any (it sets the long run's share of the week)."""
    round_to: Callable[[float], float]
    """A distance rounded down to its step (the volume curve's)."""

    def session(self, day: dt.date, distance: float) -> PlannedRun:
        """The run/walk session on ``day`` of a flare, of at most ``distance``."""
        return flare_run(distance, self.paces, (day - self.since).days // 7, self.step_for)

    def cover(
        self, placed: dict[dt.date, float], long_date: dt.date | None, kept: list[float]
    ) -> None:
        """Replace each placed distance by what its run/walk session covers, never more than
        placed (so never past its cap; a day no session fits is dropped), the long-run day
        first and no other day longer (a flare's weeks count from the flare, so one week's
        days can be at different stages); then share again, until nothing changes."""
        while True:
            before = dict(placed)
            for day in sorted(placed, key=lambda d: d != long_date):
                most = placed[day]
                if long_date in placed and day != long_date:
                    most = min(most, placed[long_date])
                covered = self.session(day, most).distance
                if covered <= most + rules.EPS:
                    placed[day] = covered
                else:
                    del placed[day]
            keep_share(placed, long_date, kept, self.race, self.round_to)
            if placed == before:
                return
