"""How a week's distance is shared between its runs: the long run first, easy runs sharing
what is left, each within its single-run cap, and no run (one already run included) too big
a part of the week."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import rules
from .plan import Session, SessionKind, WeekKind
from .profile import Race, Weekday
from .runs import min_run

if TYPE_CHECKING:
    from .placement import Placer, State

__all__ = ["cap_all", "keep_share", "share_kept", "share_need", "share_week"]

#: A race-week run is at most this share of an average run of the peak week.
RACE_WEEK_RUN_SHARE = 0.8


def share_week(
    placer: Placer,
    index: int,
    kind: WeekKind,
    dates: list[dt.date],
    target: float,
    state: State,
    kept: Sequence[Session] = (),
) -> tuple[dict[dt.date, float], dt.date | None, list[float]]:
    """Distances for ``dates``: the long run first, then easy runs sharing what is left, each
    within its single-run cap. ``kept`` are the week's sessions already in the past. Returns
    the distances, the long run's day (none in a race week) and the kept runs' distances."""
    p = placer.p
    volume = placer.volume
    longest = volume.longest
    caps = {d: volume.round(min(c, longest)) for d, c in placer.caps(dates, state).items()}
    long_date = next((d for d in dates if Weekday.of(d) is p.long_run_day), None)
    if kind is WeekKind.RACE:
        long_date = None
    placed: dict[dt.date, float] = {}
    remaining = target
    ceiling = math.inf
    kept_runs = [s.distance for s in kept if s.kind is SessionKind.RUN]
    if any(Weekday.of(s.date) is p.long_run_day and s.kind is SessionKind.RUN for s in kept):
        ceiling = max(kept_runs)  # the long run is past: nothing may outrun it
    runs_in_week = len(dates) + len(kept_runs)
    previous = state.longs[-1] if state.longs and state.longs[-1] > 0 else None
    cutback_ceiling = None
    if (
        rules.is_cutback_week(index, p.cutback_every)
        and index > 1
        and previous is not None
        and kind is not WeekKind.RACE
    ):
        cutback_ceiling = previous
        ceiling = min(ceiling, volume.round(previous - p.step_for(previous)))
    if long_date is not None:
        long = volume.long_run(
            target,
            runs_in_week,
            caps[long_date],
            previous,
            rules.is_cutback_week(index, p.cutback_every) and index > 1,
            state.longs,
        )
        long = max(long, min(min_run(p.unit), caps[long_date], volume.round(target)))
        # The long run stays the week's longest, past runs included, when the cap allows.
        longest_kept = max(kept_runs, default=0.0)
        long = max(long, min(longest_kept, caps[long_date], volume.round(target)))
        if long < longest_kept:
            long = 0.0  # no room for a long run that is the week's longest: none this week
        if cutback_ceiling is not None and long >= cutback_ceiling:
            long = max(0.0, volume.round(cutback_ceiling - p.step_for(cutback_ceiling)))
        if long > 0:
            placed[long_date] = long
            remaining -= long
            ceiling = long
    others = [d for d in dates if d != long_date]
    count = min(len(others), int(remaining // min_run(p.unit) + rules.EPS)) if others else 0
    if kind is WeekKind.RACE and others and count == 0 and remaining >= 0.1:
        count = 1  # a short shake-out keeps a small race week off the cliff
    chosen = _spread(others, count)
    if kind is WeekKind.RACE and count == len(others):
        # Race-week runs stay short: none longer than a typical run of the peak week.
        biggest = max(state.volumes[1:] or state.volumes)
        typical = volume.round(RACE_WEEK_RUN_SHARE * biggest / len(p.run_days))
        # ... nor longer than the week before's easy runs: the taper ends lightest.
        week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
        before = sorted(
            d for day, d in state.runs if week_start - dt.timedelta(days=7) <= day < week_start
        )
        if len(before) >= 2:
            typical = min(typical, before[-2])
        caps = {d: min(c, typical) for d, c in caps.items()}
    if count:
        share = volume.round(remaining / count)
        step = p.step_for(share)
        units = int(remaining / step + rules.EPS)
        for k, day in enumerate(chosen):
            share_units = units // count + (1 if k < units % count else 0)
            distance = min(round(share_units * step, 2), caps[day], ceiling)
            if long_date is not None and long_date in placed:
                # The long run keeps its share: the others never make it too big a part.
                distance = min(distance, placed[long_date])
            if distance > 0:
                placed[day] = distance
    keep_share(placed, long_date, kept_runs, p.race, volume.round)
    if not share_kept(list(placed.values()), kept, p.race):
        placed = {}
        need = share_need(kept, p.race)
        for day in reversed(dates):
            distance = min(volume.round(target), caps[day], max(kept_runs))
            if distance >= need - rules.EPS and distance > 0:
                placed[day] = distance
                break
    below = cutback_ceiling
    week_longest = max(placed.values(), default=0.0)
    peak_below = rules.peak_long_run_limit(state.longs, week_longest)
    if p.race is Race.MARATHON and peak_below is not None:
        below = peak_below if below is None else min(below, peak_below)
    if below is not None:
        # A cutback week, or a marathon past its third peak long run: every run shorter.
        most = volume.round(below - p.step_for(below))
        cap_all(placed, most)
    return placed, long_date, kept_runs


def keep_share(
    placed: dict[dt.date, float],
    long_date: dt.date | None,
    kept: list[float],
    race: Race | None,
    round_to: Callable[[float], float],
) -> None:
    """Shorten the long run (and then the others) until it is no more than its share of
    the week: easy runs the caps kept short must not leave it too big a part. ``round_to``
    rounds a distance down to its step."""
    if not placed:
        return
    count = len(placed) + len(kept)
    if count < 2:
        return
    top = max(placed, key=lambda d: (placed[d], d == long_date))
    share = rules.long_run_share_limit(count, race)
    others = sum(v for d, v in placed.items() if d != top) + sum(kept)
    most = share * others / (1 - share)
    if placed[top] > most + rules.EPS:
        long = round_to(most)
        cap_all(placed, long)


def share_kept(placed: list[float], kept: Sequence[Session], race: Race | None) -> bool:
    """True unless a run already in the past is too big a part of the week with ``placed``
    added (a re-plan then adds no run to that week)."""
    kept_runs = [s.distance for s in kept if s.kind is SessionKind.RUN]
    if not kept_runs or len(placed) + len(kept_runs) < 2:
        return True
    total = sum(placed) + sum(kept_runs)
    share = rules.long_run_share_limit(len(placed) + len(kept_runs), race)
    return max(kept_runs) <= share * total + rules.EPS


def share_need(kept: Sequence[Session], race: Race | None) -> float:
    """The least distance one more run needs so that no run already in the past is too big
    a part of the week."""
    kept_runs = [s.distance for s in kept if s.kind is SessionKind.RUN]
    share = rules.long_run_share_limit(len(kept_runs) + 1, race)
    return max(kept_runs) / share - sum(kept_runs)


def _spread(days: list[dt.date], count: int) -> list[dt.date]:
    """``count`` of ``days``, spread evenly through the week."""
    if count >= len(days):
        return list(days)
    if count <= 0:
        return []
    step = len(days) / count
    return [days[int(j * step)] for j in range(count)]


def cap_all(placed: dict[dt.date, float], most: float) -> None:
    """Hold every placed run to ``most``, dropping the days left with nothing."""
    for day in list(placed):
        placed[day] = min(placed[day], most)
        if placed[day] <= 0:
            del placed[day]
