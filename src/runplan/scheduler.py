"""build_plan: the volume curve, placing sessions in the week, and choosing their content.

The scheduler works week by week. It asks the rules module how much a week and each run
may hold (the same functions check_plan uses), places the long run, easy runs, core,
mobility and rest around the runner's days, and fills each session from the catalogue.
Nothing is random: the same profile and catalogue give the same plan.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from . import rules, runs, volume, workouts
from .catalogue import Catalogue, load_catalogue
from .errors import PlanError
from .plan import (
    Block,
    BlockName,
    Plan,
    RunSpec,
    RunType,
    Session,
    SessionKind,
    StepKind,
    Week,
    WeekKind,
)
from .profile import BackPain, Race, RunnerProfile, Unit, Weekday
from .render import fmt_distance
from .volume import peak_weekly_distance

__all__ = ["FORM_CUES", "Adjust", "build_plan", "peak_weekly_distance"]

#: A race-week run is at most this share of an average run of the peak week.
RACE_WEEK_RUN_SHARE = 0.8
#: The race warns "start slowly" when the month's longest run is under this share of it.
RACE_SHORT_SHARE = 2 / 3

#: Running form cues, in rotation (from the source articles).
FORM_CUES = (
    "Take short, quick steps: a higher cadence keeps your feet from landing far ahead of you.",
    "Lean slightly forward from the ankles, as if running into a light wind.",
    "Keep your shoulders over your hips and your arms relaxed at your sides.",
    "Look ahead, not down at your feet or your watch.",
    "Keep your head over your shoulders; poking it forward strains the upper back.",
)


def min_run(unit: Unit) -> float:
    """The shortest run worth going out for: 1.5 km or 1 mi."""
    return 1.5 if unit is Unit.KM else 1.0


@dataclass(frozen=True)
class Adjust:
    """What a re-plan changes: sessions before ``today`` stay, the rest is rebuilt from what
    was actually run (see runplan.replan)."""

    today: dt.date
    old: Plan
    history: list[float]  # week 0 and every whole week before today's week
    runs: list[tuple[dt.date, float]]  # runs before today, as the limits should see them
    current_done: float  # distance before today in today's week (the larger of plan and log)
    current_counted: float  # the same, as the limits should see it (the smaller)
    flare: bool = False  # switch to a flare from today
    usual: float = 0.0  # the usual weekly distance a flare halves
    hold: float | None = None  # cap for the weeks overlapping the next 7 days
    restart: bool = False  # after a missed week, grow from the week before only


@dataclass
class _State:
    """What the builder has placed so far."""

    volumes: list[float]
    runs: list[tuple[dt.date, float]] = field(default_factory=list)
    turn: int = 0  # core sessions so far, for rotation
    longs: list[float] = field(default_factory=list)  # each week's longest run, 0 for none
    stage: int = -1  # a beginner's programme stage on the long-run day
    last_long_key: tuple[int, float] = (-1, 0.0)


class _Builder:
    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, adjust: Adjust | None = None
    ) -> None:
        missing = sorted(workouts.required_exercises() - set(catalogue))
        if missing:
            raise PlanError(
                f"The catalogue lacks exercises every plan needs: {', '.join(missing)}."
            )
        self.p = profile
        self.cat = catalogue
        self.unit = profile.unit.value
        self.adjust = adjust
        self.flare = profile.back_pain is BackPain.FLARE or (adjust is not None and adjust.flare)
        usual = profile.start_volume
        first_flare_week = 1
        self.flare_from = profile.start_date if profile.back_pain is BackPain.FLARE else None
        if adjust is not None and adjust.flare and profile.back_pain is not BackPain.FLARE:
            usual = adjust.usual
            # The halved first week is the first whole week from today on.
            first_flare_week = profile.week_index(adjust.today - dt.timedelta(days=1)) + 1
            self.flare_from = adjust.today
        self.beginner = profile.is_beginner
        self.layout = _layout(profile)
        self.workouts = workouts.Workouts(profile, catalogue)
        self.paces = runs.paces_for(profile)
        self.volume = volume.Volume(profile, self.flare, usual, first_flare_week, 0)
        self.options = runs.programme_options(self.paces, 0.1) if self.beginner else []
        # In a flare, the first easy run day becomes a cross-training day.
        easy_days = [d for d in profile.run_days if d is not profile.long_run_day]
        self.swapped = easy_days[0] if self.flare and easy_days else None

    # ------------------------------------------------------------------ the week's runs

    def run_dates(self, kind: WeekKind, days: list[dt.date]) -> list[dt.date]:
        """The days of ``days`` that hold a run."""
        p = self.p
        dates = [d for d in days if Weekday.of(d) in p.run_days and Weekday.of(d) != self.swapped]
        if kind is WeekKind.RACE and p.race_date is not None:
            dates = [d for d in dates if d < p.race_date - dt.timedelta(days=1)]
        if self.flare_from is not None:
            rest_end = self.flare_from + dt.timedelta(days=rules.FLARE_REST_DAYS)
            dates = [d for d in dates if not self.flare_from <= d < rest_end]
        return dates

    def caps(self, dates: list[dt.date], state: _State) -> dict[dt.date, float]:
        p = self.p
        return {d: rules.single_run_limit(rules.longest_in_window(state.runs, d, p)) for d in dates}

    def place_programme(
        self,
        index: int,
        kind: WeekKind,
        dates: list[dt.date],
        target: float,
        state: _State,
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
        peak = max(state.longs, default=0.0)
        times = sum(x >= peak - rules.EPS for x in state.longs) if peak > 0 else 0
        if p.race is Race.MARATHON and times >= rules.MARATHON_PEAK_LONG_RUNS:
            shorter_than = min(shorter_than or math.inf, peak)
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
        state: _State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, runs.PlannedRun]:
        """Runs for ``dates``: the long run first, then easy runs sharing what is left, each
        within its single-run cap. ``kept`` are the week's sessions already in the past."""
        p = self.p
        longest = rules.long_run_distance_cap(p)
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
            peak = max(state.longs, default=0.0)
            long = self.volume.long_run(
                target,
                runs_in_week,
                caps[long_date],
                previous,
                rules.is_cutback_week(index, p.cutback_every) and index > 1,
                (peak, sum(x >= peak - rules.EPS for x in state.longs) if peak > 0 else 0),
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
        peak = max(state.longs, default=0.0)
        times = sum(x >= peak - rules.EPS for x in state.longs) if peak > 0 else 0
        below = cutback_ceiling
        if p.race is Race.MARATHON and times >= rules.MARATHON_PEAK_LONG_RUNS:
            below = peak if below is None else min(below, peak)
        if below is not None:
            # A cutback week, or a marathon past its third peak long run: every run shorter.
            most = self.volume.round(below - p.step_for(below))
            for day in list(placed):
                placed[day] = min(placed[day], most)
                if placed[day] <= 0:
                    del placed[day]
        return self.dress(index, kind, placed, long_date)

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
            long = rules.floor_step(most, 0.1)
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
                out[day] = runs.planned(
                    RunType.RUN_WALK, distance, runs.run_walk_steps(distance, paces)
                )
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

    def session_id(self, day: dt.date, slot: str) -> str:
        return f"{self.p.plan_id}-{day:%Y%m%d}-{slot}"

    def notes(self, extra: list[str]) -> list[str]:
        return [*extra, rules.SAFETY_NOTE] if self.flare else extra

    def run_session(
        self, day: dt.date, run: runs.PlannedRun, index: int, kind: WeekKind
    ) -> Session:
        steps = workouts.growth_weeks(index, self.p.cutback_every)
        turn = index + day.toordinal()
        warm = self.workouts.warm_up(steps)
        cool = self.workouts.cool_down(steps, turn)
        total = workouts.block_seconds([warm, cool]) + run.minutes * 60
        cues = [FORM_CUES[turn % len(FORM_CUES)], FORM_CUES[(turn + 2) % len(FORM_CUES)]]
        why = [run.note] if run.note else []
        why.extend(runs.describe(run, self.paces, self.unit))
        if run.type in (RunType.LONG, RunType.RACE) or (
            run.type in (RunType.RUN_WALK, RunType.EASY) and Weekday.of(day) is self.p.long_run_day
        ):
            why.append("Keep the pace easy enough to talk in full sentences.")
        if kind is WeekKind.CUTBACK:
            why.append("A lighter week lets your body absorb the training.")
        elif kind in (WeekKind.TAPER, WeekKind.RACE) and run.type is not RunType.RACE:
            why.append("Lighter running so you reach race day fresh.")
        if run.type is RunType.RACE:
            assert self.p.race is not None
            title = runs.race_title(self.p.race, run.distance, self.p.unit)
            why = ["Start slower than you feel you can; the last part is where it counts."]
        else:
            title = runs.title(run, self.unit)
        return Session(
            id=self.session_id(day, "race" if run.type is RunType.RACE else "run"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=_round5(total / 60),
            kind=SessionKind.RACE if run.type is RunType.RACE else SessionKind.RUN,
            title=title,
            run=RunSpec(type=run.type, distance=run.distance, minutes=run.minutes, steps=run.steps),
            blocks=[warm, cool],
            notes=self.notes([*why, *cues]),
        )

    def core_session(self, day: dt.date, index: int, start: dt.time, state: _State) -> Session:
        steps = workouts.growth_weeks(index, self.p.cutback_every)
        blocks = self.workouts.core(steps, state.turn)
        state.turn += 1
        extra = ["Move slowly and keep breathing; stop any exercise that hurts your back."]
        if self.p.back_pain is not BackPain.NONE:
            extra.append("Spine-neutral exercises come first while your back is sore.")
        return self.routine(day, start, SessionKind.CORE, "Core", blocks, extra)

    def mobility_session(self, day: dt.date, index: int, start: dt.time) -> Session:
        steps = workouts.growth_weeks(index, self.p.cutback_every)
        blocks = self.workouts.mobility(steps)
        extra = ["Stretch gently: you should feel a pull, never pain."]
        return self.routine(day, start, SessionKind.MOBILITY, "Mobility", blocks, extra)

    def routine(
        self,
        day: dt.date,
        start: dt.time,
        kind: SessionKind,
        label: str,
        blocks: list[Block],
        notes: list[str],
    ) -> Session:
        """A core or mobility session, as long as its blocks take."""
        minutes = workouts.minutes_of(workouts.block_seconds(blocks))
        return Session(
            id=self.session_id(day, kind.value),
            date=day,
            start=start,
            duration_minutes=minutes,
            kind=kind,
            title=f"{label} {minutes} min",
            blocks=blocks,
            notes=self.notes(notes),
        )

    def cross_session(self, day: dt.date, index: int) -> Session:
        choice = self.p.cross_training[index % len(self.p.cross_training)]
        exercise = self.cat.get(choice.value)
        name = exercise.name if exercise is not None else choice.value.replace("_", " ")
        minutes = 30
        blocks = []
        if exercise is not None:
            blocks = [Block(name=BlockName.MAIN, items=[self.workouts.dose(exercise, 0)])]
            minutes = blocks[0].items[0].minutes or minutes
        return Session(
            id=self.session_id(day, "cross"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=minutes,
            kind=SessionKind.CROSS_TRAINING,
            title=f"{name} {minutes} min (instead of a run)",
            blocks=blocks,
            notes=self.notes(["Low-impact work keeps your fitness while your back settles."]),
        )

    def rest_session(self, day: dt.date) -> Session:
        return Session(
            id=self.session_id(day, "rest"),
            date=day,
            start=None,
            duration_minutes=0,
            kind=SessionKind.REST,
            title="Rest day",
            notes=self.notes(["Rest: an easy walk is fine."]),
        )

    # ------------------------------------------------------------------ the plan

    def target(self, index: int, kind: WeekKind, state: _State, taper_left: int) -> float:
        """The week's distance: the volume curve inside every limit, and a 5k or 10k race
        week no lighter than its floor."""
        p = self.p
        adjust = self.adjust
        hold = restart = None
        if adjust is not None:
            week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
            if adjust.hold is not None and week_start <= adjust.today + dt.timedelta(days=6):
                hold = adjust.hold
            if adjust.restart and index > p.week_index(adjust.today):
                restart = state.volumes[-1]
        target = self.volume.target(index, kind, state.volumes, taper_left, hold, restart)
        if kind is WeekKind.RACE and p.race is not None and p.race_date is not None:
            week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
            share = _run_days_share(p, week_start)
            floor = self.volume.race_week_floor(state.volumes[: self.taper_from]) * share
            ceiling = self.volume.target(index, WeekKind.BUILD, state.volumes, 0, hold, restart)
            biggest = max(state.volumes[1:] or state.volumes)
            ceiling = min(ceiling, biggest - p.step_for(biggest / 3))
            target = min(max(target, math.ceil(floor * 10 - rules.EPS) / 10), ceiling)
        return max(0.0, target)

    def build(self) -> Plan:
        p = self.p
        adjust = self.adjust
        state = _State(volumes=[p.start_volume])
        if adjust is not None:
            state = _State(volumes=list(adjust.history), runs=list(adjust.runs))
            state.turn = sum(
                1
                for s in adjust.old.sessions()
                if s.kind is SessionKind.CORE and s.date < adjust.today
            )
        weeks: list[Week] = []
        all_days = _days(p.start_date, p.end_date)
        kinds = [
            volume.week_kind(p, i + 1, all_days[7 * i : 7 * i + 7], self.flare)
            for i in range(p.weeks)
        ]
        tapering = [k in (WeekKind.TAPER, WeekKind.RACE) for k in kinds]
        self.taper_from = 1 + (tapering.index(True) if True in tapering else len(kinds))
        taper_total = sum(tapering)
        taper_seen = 0
        for i, kind in enumerate(kinds):
            index = i + 1
            days = all_days[7 * i : 7 * i + 7]
            taper_left = taper_total - taper_seen - 1 if tapering[i] else 0
            taper_seen += tapering[i]
            kept: list[Session] = []
            done = 0.0
            if adjust is not None and days[0] < adjust.today:
                old_week = adjust.old.weeks[i]
                if days[-1] < adjust.today:
                    weeks.append(old_week)  # wholly in the past: kept as it was
                    state.longs.append(_longest(old_week.sessions))
                    self.note_stage(old_week.sessions, state)
                    continue
                kept = [s for s in old_week.sessions if s.date < adjust.today]
                days = [d for d in days if d >= adjust.today]
                done = adjust.current_done
                self.note_stage(kept, state)
            target = self.target(index, kind, state, taper_left)
            budget = max(0.0, target - done)
            if kept and adjust is not None and adjust.flare:
                # A flare from today: the rest of this week runs half of what it planned.
                left = sum(
                    s.distance
                    for s in adjust.old.weeks[i].sessions
                    if s.date >= adjust.today and s.kind is SessionKind.RUN
                )
                budget = min(budget, rules.floor_step(rules.FLARE_START_SHARE * left, 0.1))
            dates = self.run_dates(kind, days)
            if self.beginner:
                placed = self.place_programme(index, kind, dates, budget, state, kept)
            else:
                placed = self.place_runs(index, kind, dates, budget, state, kept)
            sessions = kept + self.week_sessions(index, kind, days, placed, state)
            week_volume = sum(r.distance for r in placed.values())
            counted = adjust.current_counted if kept and adjust is not None else 0.0
            state.volumes.append(counted + week_volume)
            state.runs.extend((d, r.distance) for d, r in placed.items())
            state.longs.append(_longest(sessions))
            planned = sum(s.distance for s in sessions if s.kind is SessionKind.RUN)
            weeks.append(
                Week(
                    index=index,
                    start=all_days[7 * i],
                    kind=kind,
                    distance=round(planned, 2),
                    sessions=sessions,
                )
            )
        plan = Plan(id=p.plan_id, profile=p, weeks=weeks)
        return plan.model_copy(update={"warnings": self.warnings(plan)})

    def note_stage(self, sessions: Sequence[Session], state: _State) -> None:
        """Remember how far a kept beginner's week had come in the programme."""
        if not self.beginner:
            return
        for s in sessions:
            if s.run is not None and s.kind is SessionKind.RUN:
                for option in self.options:
                    if option.distance == s.run.distance and option.minutes == s.run.minutes:
                        state.stage = max(state.stage, option.stage)

    def week_sessions(
        self,
        index: int,
        kind: WeekKind,
        days: list[dt.date],
        placed: dict[dt.date, runs.PlannedRun],
        state: _State,
    ) -> list[Session]:
        p = self.p
        sessions: list[Session] = []
        for day in days:
            weekday = Weekday.of(day)
            today: list[Session] = []
            if day in placed:
                today.append(self.run_session(day, placed[day], index, kind))
            if p.race is not None and day == p.race_date:
                race_distance = round(p.unit.from_km(p.race.km), 1)
                race = runs.planned(
                    RunType.RACE, race_distance, runs.race_steps(race_distance, self.paces)
                )
                today.append(self.run_session(day, race, index, kind))
            race_eve = p.race_date is not None and day >= p.race_date - dt.timedelta(days=1)
            if weekday == self.swapped:
                today.append(self.cross_session(day, index))
            evening = p.strength_time_on(weekday)
            if weekday in self.layout.mobility and not race_eve:
                mobility = self.mobility_session(day, index, evening)
                today.append(mobility)
                evening = _after(day, evening, mobility.duration_minutes)
            if weekday in self.layout.core and not race_eve:
                today.append(self.core_session(day, index, evening, state))
            if not today:
                today.append(self.rest_session(day))
            sessions.extend(
                sorted(today, key=lambda s: (s.start is not None, s.start or dt.time()))
            )
        return sessions

    def warnings(self, plan: Plan) -> list[str]:
        return _warnings(plan, self.flare, self.beginner)


@dataclass(frozen=True)
class _Layout:
    """Which weekdays hold core and mobility sessions."""

    core: frozenset[Weekday]
    mobility: frozenset[Weekday]


def _layout(profile: RunnerProfile) -> _Layout:
    """Pick the core and mobility weekdays for a profile.

    Core goes on candidate days (see RunnerProfile.core_weekday_candidates), preferring
    days without a run and days spread out over the week. Mobility goes on two days without
    a run (the rest day first, so the psoas gets stretched on a day off), or on the long-run
    day's evening when only one day is free.
    """
    candidates = profile.core_weekday_candidates()
    k = profile.core_per_week

    def score(combo: tuple[Weekday, ...]) -> tuple[int, int, tuple[int, ...]]:
        on_run_days = sum(d in profile.run_days for d in combo)
        numbers = sorted(d.number for d in combo)
        gaps = [(numbers[(j + 1) % k] - numbers[j]) % 7 or 7 for j in range(k)]
        return (on_run_days, -min(gaps), tuple(numbers))

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
    return _Layout(core=frozenset(core), mobility=frozenset(mobility))


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


def _longest(sessions: Sequence[Session]) -> float:
    """The longest training run among ``sessions`` (the race aside), 0 for none."""
    return max((s.distance for s in sessions if s.kind is SessionKind.RUN), default=0.0)


def _run_days_share(profile: RunnerProfile, week_start: dt.date) -> float:
    """The share of the runner's run days the race week has before the race's eve."""
    assert profile.race_date is not None
    days = [
        week_start + dt.timedelta(days=k) for k in range((profile.race_date - week_start).days - 1)
    ]
    return sum(Weekday.of(d) in profile.run_days for d in days) / len(profile.run_days)


def _warnings(plan: Plan, flare: bool, beginner: bool) -> list[str]:
    """Plain sentences about goals the rules did not allow, and what the plan chose."""
    p = plan.profile
    d = fmt_distance
    unit = plan.unit
    out: list[str] = []
    training = [s for s in plan.sessions() if s.run is not None and s.kind is SessionKind.RUN]
    longest = max((s.distance for s in training), default=0.0)
    biggest = max((w.distance for w in plan.weeks), default=0.0)
    limit = rules.no_race_peak_limit(p)
    if limit is not None and p.back_pain is BackPain.NONE and not flare:
        out.append(
            f"With no race and no peak_weekly_distance, the plan builds to at most "
            f"{d(volume.peak_weekly_distance(p))} {unit} a week, "
            f"{round(rules.NO_RACE_PEAK_GROWTH * 100)} % over the {d(p.start_volume)} {unit} "
            "you run now; set peak_weekly_distance to aim elsewhere."
        )
    if p.race is not None and p.race_date is not None:
        goal_week, goal_long = (
            rules.floor_half(p.unit.from_km(km)) for km in volume.RACE_GOALS_KM[p.race]
        )
        if longest < 0.9 * goal_long or biggest < 0.9 * goal_week:
            out.append(
                f"This plan peaks at {d(biggest)} {unit} a week with a longest run of "
                f"{d(longest)} {unit}. A {p.race.label} usually wants about "
                f"{d(goal_week)} {unit} a week and long runs near {d(goal_long)} "
                f"{unit}; the safe-growth rules need more weeks to get there, so run "
                "the race easy, or choose a later one."
            )
        aim = rules.MARATHON_LONG_RUN_AIM[p.unit]
        if p.race is Race.MARATHON and longest < aim - rules.EPS:
            out.append(
                f"The longest run is {d(longest)} {unit}, short of the {d(aim)} {unit} a "
                "marathon usually asks for: the long-run limits (its share of the week, 3 "
                "hours, 10 % over the month's longest) hold it there."
            )
        race_distance = p.unit.from_km(p.race.km)
        recent = rules.longest_in_window([(s.date, s.distance) for s in training], p.race_date, p)
        if recent < RACE_SHORT_SHARE * race_distance:
            out.append(
                f"Your longest run in the 30 days before the race is {d(recent)} {unit}, "
                f"well short of the {d(race_distance)} {unit} race: start slowly and walk "
                "when you need to."
            )
        if flare:
            out.append(
                "Your back is flaring: the race stays on the calendar, but only race if you "
                "can run without pain; otherwise walk it or let it go."
            )
    if beginner and training and not flare and p.back_pain is BackPain.NONE:
        done = any(
            s.run is not None
            and s.run.type is RunType.EASY
            and s.run.minutes is not None
            and s.run.minutes >= 30 + runs.WALK_IN + runs.WALK_OUT - 0.5
            for s in training
        )
        if not done and p.weeks >= 12:
            out.append(
                "The plan ends before the 30-minute run: repeat its last week until it "
                "feels easy, then go on."
            )
    return out


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _round5(minutes: float) -> int:
    return int(math.ceil(minutes / 5 - rules.EPS) * 5)


def _after(day: dt.date, start: dt.time, minutes: int) -> dt.time:
    """The time ``minutes`` after ``start``, rounded up to 5 minutes, kept on the same day."""
    moment = dt.datetime.combine(day, start) + dt.timedelta(minutes=_round5(minutes))
    if moment.date() != day:
        return dt.time(23, 55)
    return moment.time()


def _spread(days: list[dt.date], count: int) -> list[dt.date]:
    """``count`` of ``days``, spread evenly through the week."""
    if count >= len(days):
        return list(days)
    if count <= 0:
        return []
    step = len(days) / count
    return [days[int(j * step)] for j in range(count)]


def build_plan(profile: RunnerProfile, catalogue: Catalogue | None = None) -> Plan:
    """Build a plan for ``profile`` that obeys every training rule.

    Parameters:
        profile: the runner.
        catalogue: the exercises to choose from (default: the built-in catalogue).

    Returns:
        The plan. When the goal (a race) cannot be reached within the rules, the rules win
        and ``plan.warnings`` says so in plain words.

    Raises:
        PlanError: the catalogue lacks an exercise every plan needs.
    """
    return _Builder(profile, catalogue if catalogue is not None else load_catalogue()).build()
