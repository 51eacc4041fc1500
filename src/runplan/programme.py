"""The beginner's time-based run/walk programme: its stages, the sessions each stage offers,
a race week's shake-out, and how far along the programme each day of a week goes."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import rules
from .distances import share_kept, share_need
from .paces import Paces
from .plan import RepeatStep, RunStep, RunType, Session, SessionKind, StepKind, WeekKind
from .profile import Race, Weekday
from .runs import (
    SESSION_MINUTES,
    WALK_IN,
    WALK_OUT,
    PlannedRun,
    planned,
    running_minutes,
    steps_distance,
    steps_minutes,
)

if TYPE_CHECKING:
    from .placement import Placer, State

__all__ = ["place_programme", "programme_options", "shakeout", "stage_steps"]


#: The beginner's stages: (seconds running, seconds walking) per round, the last one a
#: continuous run. Running lengthens and walking shortens from stage to stage; a week
#: moves on at most one stage.
STAGES: tuple[tuple[int, int], ...] = (
    (60, 90),
    (90, 90),
    (120, 60),
    (180, 60),
    (300, 60),
    (480, 60),
    (720, 60),
    (60, 0),
)
#: The running and walking between the warm-up and cool-down walks lasts up to 15 to 30
#: minutes (a session ends on its last whole run, so it may be a minute shorter).
MAIN_MINUTES = (15, 30)
#: A last, shorter run is whole minutes and at least this long; a shorter leftover is
#: dropped (the session ends on its last whole run, then the cool-down walk).
MIN_PART_SECONDS = 60


def stage_steps(stage: int, minutes: int, paces: Paces) -> list[RunStep | RepeatStep]:
    """A beginner's session at ``stage`` with at most ``minutes`` of running and walking,
    as in Couch-to-5K: a 5-minute brisk warm-up walk, rounds of run and walk that end on a
    run (a last, shorter run in whole minutes when at least a minute is left), then a
    cool-down walk of up to 5 minutes, as long as the session stays within 35 minutes.
    Steps are in time only."""
    run_s, walk_s = STAGES[stage]
    inner: list[RunStep | RepeatStep]
    if walk_s == 0:
        inner = [RunStep(kind=StepKind.RUN, minutes=float(minutes), pace=paces.easy)]
    else:
        run = RunStep(kind=StepKind.RUN, minutes=run_s / 60, pace=paces.easy)
        walk = RunStep(kind=StepKind.WALK, minutes=walk_s / 60, pace=paces.walk)
        rounds, extra = divmod(minutes * 60, run_s + walk_s)
        part = run_s if extra >= run_s else extra - extra % 60
        if part < MIN_PART_SECONDS:
            # No room for a last run worth doing: the last round's walk becomes the
            # cool-down walk.
            rounds, last = rounds - 1, run
        else:
            last = RunStep(kind=StepKind.RUN, minutes=part / 60, pace=paces.easy)
        if rounds >= 2:
            inner = [RepeatStep(repeat=rounds, steps=[run, walk]), last]
        else:
            inner = [run, walk, last] if rounds == 1 else [last]
    cool = min(WALK_OUT, SESSION_MINUTES - WALK_IN - steps_minutes(inner))
    out = [RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN), *inner]
    if cool >= 1:
        out.append(RunStep(kind=StepKind.COOL_DOWN, minutes=float(math.floor(cool))))
    return out


def _stages(day: dt.date, state: State) -> Sequence[int]:
    """The stages a lighter week's session on ``day`` may take: the stage that day had the
    week before, or (a day that had none) one of last week's stages."""
    last = state.day_stages
    if Weekday.of(day) in last:
        return [last[Weekday.of(day)]]
    if last:
        return range(min(last.values()), max(last.values()) + 1)
    return range(max(0, state.stage) + 1)


def _distance(steps: Sequence[RunStep | RepeatStep], unit_step: float) -> float:
    """The distance the steps cover, to ``unit_step``, halves rounded down."""
    return round(math.ceil(steps_distance(steps) / unit_step - 0.5) * unit_step, 2)


def programme_options(paces: Paces, unit_step: float) -> list[PlannedRun]:
    """Every session the beginner's programme offers, in order of progress (stage, then
    minutes). A session's distance is rounded to ``unit_step``, halves down, so rounding never
    blocks a step of the programme."""
    options: list[PlannedRun] = []
    seen: set[tuple[int, float, float]] = set()
    for stage, (run_s, walk_s) in enumerate(STAGES):
        for minutes in range(MAIN_MINUTES[0], MAIN_MINUTES[1] + 1):
            if walk_s and minutes * 60 < run_s + walk_s + MIN_PART_SECONDS:
                continue  # at least two runs with a walk between
            steps = stage_steps(stage, minutes, paces)
            total, running = steps_minutes(steps), running_minutes(steps)
            if (stage, running, total) in seen:
                continue  # the same session as a shorter ``minutes`` gave
            seen.add((stage, running, total))
            distance = _distance(steps, unit_step)
            if walk_s == 0:
                run_type, note = RunType.EASY, f"Run {minutes} min without stopping."
            elif any(isinstance(step, RepeatStep) for step in steps):
                run_type = RunType.RUN_WALK
                note = (
                    f"Run {_clock(run_s)}, walk {_clock(walk_s)}, and repeat: "
                    f"{running:g} min running in all."
                )
            else:  # one round: say the runs as they come
                run_type = RunType.RUN_WALK
                parts = [
                    f"{'run' if s.kind is StepKind.RUN else 'walk'} {_clock(round(s.minutes * 60))}"
                    for s in steps
                    if isinstance(s, RunStep)
                    and s.kind in (StepKind.RUN, StepKind.WALK)
                    and s.minutes is not None
                ]
                note = f"{', '.join(parts).capitalize()}: {running:g} min running in all."
            options.append(
                planned(run_type, distance, steps, stage=stage, running=running, note=note)
            )
    return options


def _clock(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def shakeout(stage: int, paces: Paces, most: float) -> PlannedRun | None:
    """A race-week session for a beginner (5 to 30 minutes of the current stage's running
    and walking) of at most ``most``; none when even 5 minutes is too far."""
    for minutes in range(MAIN_MINUTES[1], 4, -1):
        steps = stage_steps(stage, minutes, paces)
        distance = _distance(steps, 0.1)
        if 0 < distance <= most:
            run_type = RunType.EASY if STAGES[stage][1] == 0 else RunType.RUN_WALK
            note = "A short, easy shake-out before race day."
            return planned(
                run_type, distance, steps, stage=stage, running=running_minutes(steps), note=note
            )
    return None


def place_programme(
    placer: Placer,
    index: int,
    kind: WeekKind,
    dates: list[dt.date],
    target: float,
    state: State,
    kept: Sequence[Session] = (),
) -> dict[dt.date, PlannedRun]:
    """A beginner's week: the long-run day's session as far along the programme as the
    rules allow (one stage on at most), the others no further. A lighter week repeats the
    stages of the week before, with shorter sessions: never a stage back or forward."""
    p = placer.p
    caps = placer.caps(dates, state)
    cutback = kind is not WeekKind.BUILD
    options = [o for o in placer.options if not (placer.flare and o.type is RunType.EASY)]
    top_stage = max(0, state.stage if cutback else state.stage + 1)
    long_date = next((d for d in dates if Weekday.of(d) is p.long_run_day), None)
    order = ([long_date] if long_date else []) + [d for d in dates if d != long_date]
    allowed = {d: _stages(d, state) if cutback else range(top_stage + 1) for d in order}
    smallest = min(
        (o.distance for o in options if any(o.stage in a for a in allowed.values())),
        default=min(o.distance for o in options),
    )
    placed: dict[dt.date, PlannedRun] = {}
    left = target
    ceiling: PlannedRun | None = None
    shorter_than = None  # a cutback week's runs stay under the last week's long run
    if (
        rules.is_cutback_week(index, p.cutback_every)
        and index > 1
        and state.longs
        and kind is not WeekKind.RACE
    ):
        shorter_than = state.longs[-1] or None
    peak_below = rules.peak_long_run_limit(state.longs, 0.0)
    if p.race is Race.MARATHON and peak_below is not None:
        shorter_than = min(shorter_than or math.inf, peak_below)
    kept_runs = [s for s in kept if s.kind is SessionKind.RUN and s.run is not None]
    long_floor = 0.0
    longest_kept = math.inf  # a kept long-run day's session stays the week's longest
    if any(Weekday.of(s.date) is p.long_run_day for s in kept_runs):
        longest_kept = max(s.distance for s in kept_runs)
        options = [o for o in options if o.distance <= longest_kept]
        order = [d for d in order if d != long_date]
    elif kept_runs:
        # The long-run day's session must stay the week's longest (a re-plan keeps the
        # week's runs so far): none that day when no session that long fits.
        long_floor = max(s.distance for s in kept_runs)
    for k, day in enumerate(order):
        after = len(order) - k - 1
        fits = [
            o
            for o in options
            if o.stage in allowed[day]
            and o.distance <= caps[day] + rules.EPS
            and o.distance + after * smallest <= left + rules.EPS
            and (day == long_date or o.distance <= max(smallest, left / (after + 1)) + 0.05)
            and (ceiling is None or (o.key <= ceiling.key and o.distance <= ceiling.distance))
            and (day != long_date or o.distance >= long_floor - rules.EPS)
        ]
        if shorter_than is not None:
            fits = [o for o in fits if o.distance < shorter_than - rules.EPS]
        if not fits:
            continue
        best = max(fits, key=lambda o: o.key)
        placed[day] = best
        left -= best.distance
        if ceiling is None:
            ceiling = best
    if (
        kind is WeekKind.RACE
        and dates
        and target > 0
        and sum(r.distance for r in placed.values()) < target - 0.3
    ):
        # Too little for whole programme sessions: one shorter session instead.
        placed = {}
        day = dates[-1]
        below = shorter_than - 0.05 if shorter_than is not None else math.inf
        most = min(target + rules.EPS, caps[day] + rules.EPS, below)
        shake = shakeout(max(0, state.stage), placer.paces, most)
        if shake is not None:
            placed[day] = shake
    if placed and len(placed) + len(kept_runs) >= 2:
        # The longest run keeps to its share of the week.
        top = max(placed, key=lambda d: (placed[d].distance, d == long_date))
        others = [r.distance for d, r in placed.items() if d != top]
        others += [s.distance for s in kept_runs]
        share = rules.long_run_share_limit(len(others) + 1, p.race)
        most = share * sum(others) / (1 - share)
        long = placed[top]
        if long.distance > most + rules.EPS:
            fits = [
                o
                for o in options
                if o.key <= long.key and max(others) <= o.distance <= most + rules.EPS
            ]
            rest = [r for d, r in placed.items() if d != top]
            if fits:
                placed[top] = max(fits, key=lambda o: o.key)
            elif rest:
                placed[top] = max(rest, key=lambda r: r.distance)
            else:
                del placed[top]
    if not share_kept([r.distance for r in placed.values()], kept_runs, p.race):
        placed = {}
        need = share_need(kept_runs, p.race)
        for day in reversed(dates):
            most = min(target, caps[day], longest_kept) + rules.EPS
            shake = shakeout(max(0, state.stage), placer.paces, most)
            if shake is not None and shake.distance >= need - rules.EPS:
                placed[day] = shake
                break
    if placed:
        state.day_stages = {Weekday.of(d): r.stage for d, r in placed.items()}
    if long_date in placed:
        state.stage = max(state.stage, placed[long_date].stage) if not cutback else state.stage
    return placed
