"""What a back flare changes in the runs: run/walk sessions that return to running one stage a
week from the flare (a lighter week holds the stage), each carrying the pain rule, on run
days with a rest day between.

A flare's weeks count from the flare, so one week's days can be at different stages; each
session's distance is what its steps cover, never more than the distance placed for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import rules
from .distances import keep_share
from .paces import Paces
from .plan import RepeatStep, RunStep, RunType, StepKind, flat_steps
from .profile import Race, RunnerProfile, Weekday
from .rules.limits import FLARE_STAGES
from .runs import WALK_IN, PlannedRun, planned, steps_distance

__all__ = ["PAIN_RULE", "FlareRuns", "flare_run", "flare_steps", "flare_weekdays"]

#: The cool-down walk that ends a return-to-run session, in minutes (its warm-up is the
#: beginner's 5-minute brisk walk).
FLARE_WALK_OUT = 2.0
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
    distance: float,
    paces: Paces,
    week: int,
    step: Callable[[float], float],
    latest: int | None = None,
) -> list[RunStep | RepeatStep]:
    """A return-to-run session in week ``week`` (0 first, lighter weeks not counted) of a
    flare's return to running: a warm-up walk, rounds of running and walking at that
    week's stage (or ``latest``, when that is earlier), as many as the week's minutes allow
    while the distance they cover (rounded down to its ``step``) stays within ``distance``
    (an earlier stage, in its own week's time, when it covers more within that; a stage
    before the last always keeps its own week's time), and a cool-down walk. Steps are in
    time only."""
    last = len(FLARE_STAGES) - 1
    stage = min(max(week, 0), last)
    if latest is not None:
        stage = max(0, min(stage, latest))
    most = _flare_seconds(week)
    fits = [
        (covered, k, c)
        for k in range(stage, -1, -1)
        for c in _flare_candidates(k, most if k == last else min(most, _flare_seconds(k)), paces)
        if (covered := _to_step(steps_distance(c), step)) <= distance + 1e-9
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
    distance: float,
    paces: Paces,
    week: int,
    step: Callable[[float], float],
    latest: int | None = None,
) -> PlannedRun:
    """A run/walk session in week ``week`` (0 first, lighter weeks not counted) of a flare's
    return to running, at stage ``latest`` at most, of at most ``distance``: its distance
    is what its steps cover, rounded to its ``step`` (the same session again for that
    distance), and its note names the stage and the pain rule."""
    steps = flare_steps(distance, paces, week, step, latest)
    covered = _to_step(steps_distance(steps), step)
    flat = flat_steps(steps)
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
    holds: tuple[dt.date, ...] = ()
    """The first days of the plan's lighter weeks (``rules.FLARE_HOLD_WEEKS``): each holds
    the stage of the weeks before rather than moving on."""
    reached: dict[dt.date, int] = field(default_factory=dict)
    """The latest stage (``rules.run_walk_stage``) of each plan week's runs so far, by the
    week's first day: a session goes at most one stage past the weeks before it."""
    made: dict[tuple[float, int, int], PlannedRun] = field(default_factory=dict)
    """The sessions made so far, by distance, week and latest stage (``cover`` and the
    placer's dress ask for the same one again; a PlannedRun is frozen, so it is shared)."""

    def week_of(self, day: dt.date) -> int:
        """How many weeks of the return to running lie before ``day``: whole weeks since the
        flare began, less the lighter weeks begun since (a lighter week repeats the stage
        of the week before, and the weeks after go on from there)."""
        held = sum(1 for start in self.holds if self.since < start <= day)
        return max(0, (day - self.since).days // 7 - held)

    def note(self, week_start: dt.date, runs: Iterable[list[RunStep | RepeatStep]]) -> None:
        """Remember the latest stage the runs (their steps) of the week from
        ``week_start`` reach."""
        stages = [s for steps in runs if (s := rules.run_walk_stage(steps)) is not None]
        if stages:
            self.reached[week_start] = max([*stages, self.reached.get(week_start, -1)])

    def latest(self, day: dt.date) -> int:
        """The latest stage a session on ``day`` may reach: one past the weeks before its
        week (none past them in a lighter week), the first stage before any."""
        week = dt.timedelta(days=7)
        holding = any(s <= day < s + week for s in self.holds)
        # A week's first day plus 7 days is on or before ``day`` only for an earlier week.
        best = max((v for s, v in self.reached.items() if s + week <= day), default=-1)
        return max(0, best if holding else best + 1)

    def session(self, day: dt.date, distance: float) -> PlannedRun:
        """The run/walk session on ``day`` of a flare, of at most ``distance``."""
        key = (distance, self.week_of(day), self.latest(day))
        if key not in self.made:
            self.made[key] = flare_run(distance, self.paces, key[1], self.step_for, key[2])
        return self.made[key]

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
