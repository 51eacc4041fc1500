"""build_plan: the volume curve, placing sessions in the week, and assembling the Plan.

The scheduler works week by week. It asks the rules module how much a week and each run
may hold (the same functions check_plan uses), places the long run, easy runs, core,
mobility and rest around the runner's days (the runs through placement.py, the core and
mobility weekdays from week_layout.py), and has sessions.py fill each session from the
catalogue. Nothing is random: the same profile and catalogue give the same plan.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import advice, rules, runs, strength, volume
from .catalogue import Catalogue, load_catalogue
from .errors import PlanError
from .paces import Paces
from .placement import Placer, State
from .plan import Plan, RunType, Session, SessionKind, Week, WeekKind
from .profile import BackPain, RunnerProfile, Weekday
from .sessions import SessionMaker, time_after
from .volume import peak_weekly_distance
from .week_layout import flare_swap, week_layout

__all__ = ["Adjust", "build_plan", "peak_weekly_distance"]


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


class _Builder:
    """Builds one plan week by week; a re-plan keeps the past as it was (see Adjust)."""

    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, adjust: Adjust | None = None
    ) -> None:
        missing = sorted(strength.required_exercises() - set(catalogue))
        if missing:
            raise PlanError(
                f"The catalogue lacks exercises every plan needs: {', '.join(missing)}."
            )
        self.p = profile
        self.adjust = adjust
        self.flare = profile.back_pain is BackPain.FLARE or (adjust is not None and adjust.flare)
        usual = profile.start_volume
        self.flare_from = profile.start_date if profile.back_pain is BackPain.FLARE else None
        if adjust is not None and adjust.flare:
            # A flare from today starts again with its days of walking, in a flare plan too.
            self.flare_from = adjust.today
        if adjust is not None and adjust.flare and profile.back_pain is not BackPain.FLARE:
            usual = adjust.usual
        self.beginner = profile.is_beginner
        self.pain = BackPain.FLARE if self.flare else profile.back_pain
        self.strength = strength.Strength(profile, catalogue, pain=self.pain)
        self.paces = runs.paces_for(profile)
        self.volume = volume.Volume(profile, self.flare, usual)
        # In a flare, the first easy run day becomes a cross-training day.
        swapped = flare_swap(profile) if self.flare else None
        self.placer = Placer(
            profile,
            self.volume,
            self.paces,
            flare=self.flare,
            flare_from=self.flare_from,
            swapped=swapped,
        )
        self.options = self.placer.options
        make = SessionMaker(
            profile, catalogue, self.strength, self.paces, flare=self.flare, pain=self.pain
        )
        self.days = _Days(profile, make, self.paces, flare_from=self.flare_from, swapped=swapped)

    def target(self, index: int, kind: WeekKind, state: State, taper_left: int) -> float:
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
        ramp = max(0, self.taper_from - volume.PEAK_BEFORE_TAPER)
        target = self.volume.target(
            index, kind, state.volumes, taper_left, hold, restart, ramp_weeks=ramp
        )
        if kind is WeekKind.RACE and p.race is not None and p.race_date is not None:
            week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
            share = _run_days_share(p, week_start)
            floor = self.volume.race_week_floor(state.volumes[: self.taper_from]) * share
            ceiling = self.volume.target(index, WeekKind.BUILD, state.volumes, 0, hold, restart)
            biggest = max(state.volumes[1:] or state.volumes)
            ceiling = min(ceiling, biggest - p.step_for(biggest / 3))
            last = state.volumes[-1]
            if index > 1 and last > 0:
                # The race week runs less than the week before: the taper ends lightest.
                ceiling = min(ceiling, last - p.step_for(last / 3))
            target = min(max(target, math.ceil(floor * 10 - rules.EPS) / 10), ceiling)
        return max(0.0, target)

    def build(self) -> Plan:
        p = self.p
        adjust = self.adjust
        if adjust is None:
            state = State(volumes=[p.start_volume])
        else:
            state = _replan_state(p, adjust, self.strength)
        weeks: list[Week] = []
        all_days = _days(p.start_date, p.end_date)
        # The variety rule counts the plan's core sessions: a re-plan's past ones as they
        # were (its days may not be core days now), then the days still to come.
        from_day = adjust.today if adjust is not None else p.start_date
        upcoming = sum(self.days.core_day(d) for d in all_days if d >= from_day)
        self.strength.core_total = state.turn + upcoming  # state.turn: the past core sessions
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
            dates = self.placer.run_dates(kind, days)
            if self.beginner:
                placed = self.placer.place_programme(index, kind, dates, budget, state, kept)
            else:
                placed = self.placer.place_runs(index, kind, dates, budget, state, kept)
            sessions = kept + self.days.week_sessions(index, kind, days, placed, state)
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
        since = adjust.today if adjust is not None else None
        plan = advice.with_advice(Plan(id=p.plan_id, profile=p, weeks=weeks), self.pain, since)
        warnings = [*advice.back_care_warnings(self.pain), *self.warnings(plan)]
        return plan.model_copy(update={"warnings": warnings})

    def note_stage(self, sessions: Sequence[Session], state: State) -> None:
        """Remember how far a kept week had come: a beginner's in the programme, a flare's
        in its return to running."""
        if self.flare and sessions:
            start = self.p.start_date + dt.timedelta(
                days=7 * (self.p.week_index(sessions[0].date) - 1)
            )
            runs = [
                s.run.steps for s in sessions if s.run is not None and s.kind is SessionKind.RUN
            ]
            self.placer.flare_runs.note(start, runs)
        if not self.beginner:
            return
        for s in sessions:
            if s.run is not None and s.kind is SessionKind.RUN:
                for option in self.options:
                    if option.distance == s.run.distance and option.minutes == s.run.minutes:
                        state.stage = max(state.stage, option.stage)

    def warnings(self, plan: Plan) -> list[str]:
        return volume.plan_warnings(plan, self.flare, self.beginner)


class _Days:
    """What each day of a week holds: its placed run or the race, a flare's walk or cross
    training, mobility and core in the evening, or rest."""

    def __init__(
        self,
        profile: RunnerProfile,
        make: SessionMaker,
        paces: Paces,
        *,
        flare_from: dt.date | None,
        swapped: Weekday | None,
    ) -> None:
        self.p = profile
        self.make = make
        self.paces = paces
        self.layout = week_layout(profile)
        self.flare_from = flare_from
        self.swapped = swapped

    def week_sessions(
        self,
        index: int,
        kind: WeekKind,
        days: list[dt.date],
        placed: dict[dt.date, runs.PlannedRun],
        state: State,
    ) -> list[Session]:
        p = self.p
        sessions: list[Session] = []
        for day in days:
            weekday = Weekday.of(day)
            today: list[Session] = []
            if day in placed:
                today.append(self.make.run_session(day, placed[day], index, kind))
            if p.race is not None and day == p.race_date:
                race_distance = round(p.unit.from_km(p.race.km), 1)
                race = runs.planned(
                    RunType.RACE, race_distance, runs.race_steps(race_distance, self.paces)
                )
                today.append(self.make.run_session(day, race, index, kind))
            race_eve = p.race_date is not None and day >= p.race_date - dt.timedelta(days=1)
            resting = self.flare_resting(day)
            if resting:
                today.append(self.make.walk_session(day))
            elif weekday == self.swapped:
                today.append(self.make.cross_session(day, index))
            evening = p.strength_time_on(weekday)
            if weekday in self.layout.mobility and not race_eve:
                mobility = self.make.mobility_session(day, index, evening)
                today.append(mobility)
                evening = time_after(day, evening, mobility.duration_minutes)
            if self.core_day(day):
                today.append(self.make.core_session(day, index, evening, state))
            if not today:
                today.append(self.make.rest_session(day))
            sessions.extend(
                sorted(today, key=lambda s: (s.start is not None, s.start or dt.time()))
            )
        return sessions

    def core_day(self, day: dt.date) -> bool:
        """True when ``day`` holds a core session: a core weekday clear of the race and the
        2 days before it."""
        race = self.p.race_date
        near = race is not None and day >= race - dt.timedelta(days=rules.RACE_STRENGTH_GAP_DAYS)
        # A flare from the plan's start keeps its first days clear of core (check_plan
        # knows those days); a re-plan's flare keeps the week's core count.
        resting = self.p.back_pain is BackPain.FLARE and rules.in_flare_rest(self.p.start_date, day)
        return Weekday.of(day) in self.layout.core and not near and not resting

    def flare_resting(self, day: dt.date) -> bool:
        """True on the first days of a flare: walking and gentle mobility only."""
        return rules.in_flare_rest(self.flare_from, day)


def _replan_state(profile: RunnerProfile, adjust: Adjust, choices: strength.Strength) -> State:
    """Where a re-plan starts: the volumes and runs before today, the core sessions done so
    far (for rotation), and the strength choices of every session kept."""
    state = State(volumes=list(adjust.history), runs=list(adjust.runs))
    state.turn = sum(
        1 for s in adjust.old.sessions() if s.kind is SessionKind.CORE and s.date < adjust.today
    )
    for kept_session in adjust.old.sessions():
        if kept_session.date < adjust.today:
            week_steps = strength.growth_weeks(
                profile.week_index(kept_session.date), profile.cutback_every
            )
            choices.remember(kept_session, week_steps)
    return state


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


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


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
