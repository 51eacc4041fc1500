"""Where a week's runs go and how long they are: the beginner's programme sessions, or
distances shared between the long run and easy runs, each inside its limits, then dressed
with steps, strides and tempo."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import rules, runs
from .plan import RunType, Session, SessionKind, StepKind, WeekKind
from .profile import Race, RunnerProfile, Unit, Weekday
from .volume import Volume

__all__ = ["Placer", "State", "min_run"]

#: A race-week run is at most this share of an average run of the peak week.
RACE_WEEK_RUN_SHARE = 0.8


def min_run(unit: Unit) -> float:
    """The shortest run worth going out for: 1.5 km or 1 mi."""
    return 1.5 if unit is Unit.KM else 1.0


@dataclass
class State:
    """What the builder has placed so far."""

    volumes: list[float]
    runs: list[tuple[dt.date, float]] = field(default_factory=list)
    turn: int = 0  # core sessions so far, for rotation
    longs: list[float] = field(default_factory=list)  # each week's longest run, 0 for none
    stage: int = -1  # a beginner's programme stage on the long-run day
    last_long_key: tuple[int, float] = (-1, 0.0)


class Placer:
    """Places one runner's runs week by week."""

    def __init__(
        self,
        profile: RunnerProfile,
        volume: Volume,
        paces: runs.Paces,
        *,
        flare: bool,
        flare_from: dt.date | None,
        swapped: Weekday | None,
    ) -> None:
        self.p = profile
        self.volume = volume
        self.paces = paces
        self.flare = flare
        self.flare_from = flare_from
        self.swapped = swapped
        self.options = runs.programme_options(paces, 0.1) if profile.is_beginner else []
        self.spaced = flare_weekdays(profile, swapped) if flare else None
        self.flare_cap = profile.step_for(0.0)
        if flare:
            limit = rules.flare_session_limit(volume.usual, len(profile.run_days))
            self.flare_cap = rules.floor_step(limit, profile.step_for(limit))

    def run_dates(self, kind: WeekKind, days: list[dt.date]) -> list[dt.date]:
        """The days of ``days`` that hold a run."""
        p = self.p
        dates = [d for d in days if Weekday.of(d) in p.run_days and Weekday.of(d) != self.swapped]
        if self.spaced is not None:
            dates = [d for d in dates if Weekday.of(d) in self.spaced]
        if kind is WeekKind.RACE and p.race_date is not None:
            dates = [d for d in dates if d < p.race_date - dt.timedelta(days=1)]
        if self.flare_from is not None:
            rest_end = self.flare_from + dt.timedelta(days=rules.FLARE_REST_DAYS)
            dates = [d for d in dates if not self.flare_from <= d < rest_end]
        return dates

    def caps(self, dates: list[dt.date], state: State) -> dict[dt.date, float]:
        p = self.p
        if not dates:
            return {}
        # Only runs inside the earliest date's window can count: the others are left out
        # once here, not for every date (the plan's runs grow week by week).
        first = min(dates) - dt.timedelta(days=rules.SINGLE_RUN_WINDOW_DAYS)
        recent = [(day, distance) for day, distance in state.runs if day >= first]
        caps = {d: rules.single_run_limit(rules.longest_in_window(recent, d, p)) for d in dates}
        if self.flare:
            caps = {d: min(c, self.flare_cap) for d, c in caps.items()}
        return caps

    def place_programme(
        self,
        index: int,
        kind: WeekKind,
        dates: list[dt.date],
        target: float,
        state: State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, runs.PlannedRun]:
        """A beginner's week: the long-run day's session as far along the programme as the
        rules allow (at most two stages on, none in a cutback week), the others no further."""
        p = self.p
        caps = self.caps(dates, state)
        cutback = kind is not WeekKind.BUILD
        options = [o for o in self.options if not (self.flare and o.type is RunType.EASY)]
        top_stage = max(0, state.stage if cutback else state.stage + 1)
        smallest = min(o.distance for o in options)
        long_date = next((d for d in dates if Weekday.of(d) is p.long_run_day), None)
        order = ([long_date] if long_date else []) + [d for d in dates if d != long_date]
        placed: dict[dt.date, runs.PlannedRun] = {}
        left = target
        ceiling: runs.PlannedRun | None = None
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
        if any(Weekday.of(s.date) is p.long_run_day for s in kept_runs):
            longest_kept = max(s.distance for s in kept_runs)
            options = [o for o in options if o.distance <= longest_kept]
            order = [d for d in order if d != long_date]
        elif kept_runs:
            longest_kept = max(s.distance for s in kept_runs)
            # The long-run day's session must stay the week's longest.
            if long_date is not None:
                options_long = [o for o in options if o.distance >= longest_kept]
                if not options_long:
                    order = [d for d in order if d != long_date]
        for k, day in enumerate(order):
            after = len(order) - k - 1
            fits = [
                o
                for o in options
                if o.stage <= top_stage
                and o.distance <= caps[day] + rules.EPS
                and o.distance + after * smallest <= left + rules.EPS
                and (day == long_date or o.distance <= max(smallest, left / (after + 1)) + 0.05)
                and (ceiling is None or (o.key <= ceiling.key and o.distance <= ceiling.distance))
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
            shake = runs.shakeout(max(0, state.stage), self.paces, most)
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
        if not _share_kept([r.distance for r in placed.values()], kept_runs, p.race):
            placed = {}
            need = _share_need(kept_runs, p.race)
            for day in reversed(dates):
                most = min(target, caps[day]) + rules.EPS
                shake = runs.shakeout(max(0, state.stage), self.paces, most)
                if shake is not None and shake.distance >= need - rules.EPS:
                    placed[day] = shake
                    break
        if long_date in placed:
            state.stage = max(state.stage, placed[long_date].stage) if not cutback else state.stage
        return placed

    def place_runs(
        self,
        index: int,
        kind: WeekKind,
        dates: list[dt.date],
        target: float,
        state: State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, runs.PlannedRun]:
        """Runs for ``dates``: the long run first, then easy runs sharing what is left, each
        within its single-run cap. ``kept`` are the week's sessions already in the past."""
        p = self.p
        longest = self.volume.longest
        caps = {d: self.volume.round(min(c, longest)) for d, c in self.caps(dates, state).items()}
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
            ceiling = min(ceiling, self.volume.round(previous - p.step_for(previous)))
        if long_date is not None:
            long = self.volume.long_run(
                target,
                runs_in_week,
                caps[long_date],
                previous,
                rules.is_cutback_week(index, p.cutback_every) and index > 1,
                state.longs,
            )
            long = max(long, min(min_run(p.unit), caps[long_date], self.volume.round(target)))
            # The long run stays the week's longest, past runs included, when the cap allows.
            longest_kept = max(kept_runs, default=0.0)
            long = max(long, min(longest_kept, caps[long_date], self.volume.round(target)))
            if long < longest_kept:
                long = 0.0  # no room for a long run that is the week's longest: none this week
            if cutback_ceiling is not None and long >= cutback_ceiling:
                long = max(0.0, self.volume.round(cutback_ceiling - p.step_for(cutback_ceiling)))
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
            typical = self.volume.round(RACE_WEEK_RUN_SHARE * biggest / len(p.run_days))
            # ... nor longer than the week before's easy runs: the taper ends lightest.
            week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
            before = sorted(
                d for day, d in state.runs if week_start - dt.timedelta(days=7) <= day < week_start
            )
            if len(before) >= 2:
                typical = min(typical, before[-2])
            caps = {d: min(c, typical) for d, c in caps.items()}
        if count:
            share = self.volume.round(remaining / count)
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
        self.keep_share(placed, long_date, kept_runs)
        if not _share_kept(list(placed.values()), kept, p.race):
            placed = {}
            need = _share_need(kept, p.race)
            for day in reversed(dates):
                distance = min(self.volume.round(target), caps[day], max(kept_runs))
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
            most = self.volume.round(below - p.step_for(below))
            for day in list(placed):
                placed[day] = min(placed[day], most)
                if placed[day] <= 0:
                    del placed[day]
        if self.flare:
            self.cover_flare(placed, long_date, kept_runs)
        return self.dress(index, kind, placed, long_date)

    def flare_run(self, day: dt.date, distance: float) -> runs.PlannedRun:
        """The run/walk session on ``day`` of a flare, of at most ``distance``."""
        since = self.flare_from or self.p.start_date
        return runs.flare_run(distance, self.paces, (day - since).days // 7, self.p.step_for)

    def cover_flare(
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
                covered = self.flare_run(day, most).distance
                if covered <= most + rules.EPS:
                    placed[day] = covered
                else:
                    del placed[day]
            self.keep_share(placed, long_date, kept)
            if placed == before:
                return

    def keep_share(
        self, placed: dict[dt.date, float], long_date: dt.date | None, kept: list[float]
    ) -> None:
        """Shorten the long run (and then the others) until it is no more than its share of
        the week: easy runs the caps kept short must not leave it too big a part."""
        if not placed:
            return
        count = len(placed) + len(kept)
        if count < 2:
            return
        top = max(placed, key=lambda d: (placed[d], d == long_date))
        share = rules.long_run_share_limit(count, self.p.race)
        others = sum(v for d, v in placed.items() if d != top) + sum(kept)
        most = share * others / (1 - share)
        if placed[top] > most + rules.EPS:
            long = self.volume.round(most)
            for day in list(placed):
                placed[day] = min(placed[day], long)
                if placed[day] <= 0:
                    del placed[day]

    def dress(
        self, index: int, kind: WeekKind, placed: dict[dt.date, float], long_date: dt.date | None
    ) -> dict[dt.date, runs.PlannedRun]:
        """Give each placed distance its type and steps: run/walk in a flare, the long run,
        easy runs, and the week's strides and tempo where the intensity rules allow."""
        p = self.p
        paces = self.paces
        out: dict[dt.date, runs.PlannedRun] = {}
        for day, distance in placed.items():
            if self.flare:
                out[day] = self.flare_run(day, distance)
            elif day == long_date:
                out[day] = runs.planned(
                    RunType.LONG, distance, runs.easy_steps(distance, paces.easy)
                )
            else:
                out[day] = runs.planned(
                    RunType.EASY, distance, runs.easy_steps(distance, paces.easy)
                )
        if self.flare or not rules.may_run_fast(p):
            return out
        easy = [d for d in out if d != long_date and out[d].distance >= 2 * min_run(p.unit)]
        total = sum(r.minutes for r in out.values())
        budget = rules.FAST_SHARE * total - 0.5  # rounding slack
        if easy and index >= rules.STRIDES_FROM_WEEK and budget >= runs.stride_minutes():
            day = easy[0]
            steps = runs.stride_steps(out[day].distance, paces)
            out[day] = runs.planned(RunType.STRIDES, out[day].distance, steps)
            budget -= runs.stride_minutes()
            easy = easy[1:]
        if easy and kind is WeekKind.BUILD and rules.may_run_tempo(p) and index >= 2:
            day = easy[len(easy) // 2]
            race_pace = p.race in (Race.HALF_MARATHON, Race.MARATHON) and index % 2 == 0
            step_kind = StepKind.RACE_PACE if race_pace else StepKind.TEMPO
            fast = min(runs.TEMPO_MINUTES, budget)
            if fast >= runs.MIN_TEMPO_MINUTES:
                steps = runs.tempo_steps(out[day].distance, paces, step_kind, fast)
                if runs.fast_minutes(steps) > 0:
                    run_type = RunType.RACE_PACE if race_pace else RunType.TEMPO
                    out[day] = runs.planned(run_type, out[day].distance, steps)
        return out

    # ------------------------------------------------------------------ sessions


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


def _share_kept(placed: list[float], kept: Sequence[Session], race: Race | None) -> bool:
    """True unless a run already in the past is too big a part of the week with ``placed``
    added (a re-plan then adds no run to that week)."""
    kept_runs = [s.distance for s in kept if s.kind is SessionKind.RUN]
    if not kept_runs or len(placed) + len(kept_runs) < 2:
        return True
    total = sum(placed) + sum(kept_runs)
    share = rules.long_run_share_limit(len(placed) + len(kept_runs), race)
    return max(kept_runs) <= share * total + rules.EPS


def _share_need(kept: Sequence[Session], race: Race | None) -> float:
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
