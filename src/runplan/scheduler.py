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

from . import advice, rules, strength
from .catalogue import Catalogue, load_catalogue
from .errors import PlanError
from .plan import Block, Plan, RunSpec, RunType, Session, SessionKind, Week, WeekKind
from .profile import BackPain, Race, RunnerProfile, Unit, Weekday
from .render import fmt_distance

__all__ = ["FORM_CUES", "Adjust", "build_plan", "peak_weekly_distance"]

#: (weekly distance, long run) in km that each race usually asks for at its peak.
RACE_GOALS_KM: dict[Race, tuple[float, float]] = {
    Race.FIVE_K: (20.0, 8.0),
    Race.TEN_K: (30.0, 12.0),
    Race.HALF_MARATHON: (40.0, 17.0),
    Race.MARATHON: (60.0, 30.0),
}
#: The long run's share of the week, by number of runs.
LONG_SHARE = {1: 1.0, 2: 0.6, 3: 0.4, 4: 0.35, 5: 0.3, 6: 0.28}
#: Taper weeks' volume as a share of the biggest week before them, last week last.
TAPER_SHARES = (0.75, 0.6)
#: The race week's runs (race excluded) as a share of the biggest week.
RACE_WEEK_SHARE = 0.35
#: ... and at most this share of the week before it, so race-week runs stay short.
RACE_WEEK_OF_LAST = 0.4
#: Run/walk intervals (minutes running, minutes walking), one step a week.
RUN_WALK = ((1, 2), (2, 2), (3, 2), (4, 1), (5, 1), (6, 1), (8, 1), (10, 1))

#: Running form cues, in rotation (from the source articles).
FORM_CUES = (
    "Take short, quick steps: a higher cadence keeps your feet from landing far ahead of you.",
    "Lean slightly forward from the ankles, as if running into a light wind.",
    "Keep your shoulders over your hips and your arms relaxed at your sides.",
    "Look ahead, not down at your feet or your watch.",
    "Keep your head over your shoulders; poking it forward strains the upper back.",
)


def _unit_km(unit: Unit, km: float) -> float:
    return rules.floor_half(unit.from_km(km))


def min_run(unit: Unit) -> float:
    """The shortest run worth going out for: 1.5 km or 1 mi."""
    return 1.5 if unit is Unit.KM else 1.0


def peak_weekly_distance(profile: RunnerProfile) -> float:
    """The weekly distance the plan builds toward: given, set by the race, or half again the
    current volume (at least 15 km / 9.5 mi) for base building."""
    if profile.peak_weekly_distance is not None:
        return profile.peak_weekly_distance
    if profile.race is not None:
        return max(_unit_km(profile.unit, RACE_GOALS_KM[profile.race][0]), profile.start_volume)
    return max(rules.floor_half(1.5 * profile.start_volume), _unit_km(profile.unit, 15.0))


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


class _Builder:
    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, adjust: Adjust | None = None
    ) -> None:
        missing = sorted(strength.required_exercises() - set(catalogue))
        if missing:
            raise PlanError(
                f"The catalogue lacks exercises every plan needs: {', '.join(missing)}."
            )
        self.p = profile
        self.cat = catalogue
        self.unit = profile.unit.value
        self.peak = peak_weekly_distance(profile)
        self.adjust = adjust
        self.flare = profile.back_pain is BackPain.FLARE or (adjust is not None and adjust.flare)
        self.usual = profile.start_volume
        self.first_flare_week = 1
        if adjust is not None and adjust.flare and profile.back_pain is not BackPain.FLARE:
            self.usual = adjust.usual
            # The halved first week is the first whole week from today on.
            self.first_flare_week = profile.week_index(adjust.today - dt.timedelta(days=1)) + 1
        self.beginner = profile.weekly_distance < profile.start_volume
        self.layout = _layout(profile)
        self.pain = BackPain.FLARE if self.flare else profile.back_pain
        self.strength = strength.Strength(profile, catalogue, pain=self.pain)
        self.taper = (
            rules.taper_span(profile.race, profile.race_date)
            if profile.race is not None and profile.race_date is not None
            else None
        )
        # In a flare, the first easy run day becomes a cross-training day.
        easy_days = [d for d in profile.run_days if d is not profile.long_run_day]
        self.swapped = easy_days[0] if self.flare and easy_days else None

    # ------------------------------------------------------------------ volume

    def round(self, distance: float) -> float:
        """A distance rounded down to the profile's step, so rounding never breaks a limit."""
        return rules.floor_step(distance, self.p.distance_step)

    def kind_of(self, index: int, days: list[dt.date]) -> WeekKind:
        if self.p.race_date is not None and self.p.race_date in days:
            return WeekKind.RACE
        if self.taper is not None and days[0] <= self.taper[1] and days[-1] >= self.taper[0]:
            return WeekKind.TAPER
        if self.p.back_pain is not BackPain.NONE and index == 1:
            return WeekKind.RECOVERY
        if rules.is_cutback_week(index, self.p.cutback_every):
            return WeekKind.CUTBACK
        return WeekKind.BUILD

    def target(self, index: int, kind: WeekKind, state: _State, taper_left: int) -> float:
        p = self.p
        base = p.start_volume
        target = min(self.peak, rules.weekly_volume_limit(state.volumes, p.max_weekly_increase))
        if p.back_pain is not BackPain.NONE:
            target = min(target, base)
        if self.flare:
            first = index == self.first_flare_week
            limit = rules.flare_week_limit(
                state.volumes, self.usual, p.max_weekly_increase, first_week=first
            )
            target = min(target, limit)
        adjust = self.adjust
        if adjust is not None:
            current = p.week_index(adjust.today)
            week_start = p.start_date + dt.timedelta(days=7 * (index - 1))
            if adjust.hold is not None and week_start <= adjust.today + dt.timedelta(days=6):
                target = min(target, adjust.hold)
            if adjust.restart and index > current:
                target = min(target, (1 + p.max_weekly_increase) * state.volumes[-1])
        if kind in (WeekKind.TAPER, WeekKind.RACE):
            biggest = max(state.volumes[1:] or state.volumes)
            share = RACE_WEEK_SHARE if kind is WeekKind.RACE else TAPER_SHARES[-1 - taper_left]
            target = min(target, share * biggest)
            if kind is WeekKind.RACE:
                target = min(target, RACE_WEEK_OF_LAST * state.volumes[-1])
            # A taper week must run less than the biggest week before it.
            target = min(target, biggest - 0.5)
        if rules.is_cutback_week(index, p.cutback_every) and index > 1:
            target = min(target, p.cutback_ratio * state.volumes[-1])
        return max(0.0, self.round(target))

    def place_runs(
        self,
        kind: WeekKind,
        days: list[dt.date],
        target: float,
        state: _State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, tuple[RunType, float]]:
        """Runs for ``days``: the long run first, then easy runs sharing what is left, each
        within its single-run cap. ``kept`` are the week's sessions already in the past."""
        p = self.p
        run_dates = [
            d for d in days if Weekday.of(d) in p.run_days and Weekday.of(d) != self.swapped
        ]
        if kind is WeekKind.RACE and p.race_date is not None:
            run_dates = [d for d in run_dates if d < p.race_date - dt.timedelta(days=1)]
        caps = {
            d: self.round(rules.single_run_limit(rules.longest_in_window(state.runs, d, p)))
            for d in run_dates
        }
        easy_type = RunType.RUN_WALK if self.flare or self.beginner else RunType.EASY
        long_type = RunType.RUN_WALK if self.flare or self.beginner else RunType.LONG
        long_date = next((d for d in run_dates if Weekday.of(d) is p.long_run_day), None)
        if kind is WeekKind.RACE:
            long_date = None
        placed: dict[dt.date, tuple[RunType, float]] = {}
        remaining = target
        ceiling = math.inf
        kept_runs = [s.distance for s in kept if s.kind is SessionKind.RUN]
        if any(Weekday.of(s.date) is p.long_run_day and s.kind is SessionKind.RUN for s in kept):
            ceiling = max(kept_runs)  # the long run is past: nothing may outrun it
        if long_date is not None:
            share = LONG_SHARE[len(run_dates)]
            if p.race is not None:
                goal_week, goal_long = RACE_GOALS_KM[p.race]
                share = max(share, min(goal_long / goal_week, 0.5))
            long = self.round(min(share * target, caps[long_date]))
            long = max(long, min(min_run(p.unit), caps[long_date], self.round(target)))
            # The long run stays the week's longest, past runs included, when the cap allows.
            longest_kept = max(kept_runs, default=0.0)
            long = max(long, min(longest_kept, caps[long_date], self.round(target)))
            if long < longest_kept:
                long = 0.0  # no room for a long run that is the week's longest: none this week
            if long > 0:
                placed[long_date] = (long_type, long)
                remaining -= long
                ceiling = long
        others = [d for d in run_dates if d != long_date]
        count = min(len(others), int(remaining // min_run(p.unit) + rules.EPS)) if others else 0
        chosen = _spread(others, count)
        step = p.distance_step
        units = int(remaining / step + rules.EPS)
        for k, day in enumerate(chosen):
            share_units = units // count + (1 if k < units % count else 0)
            distance = min(round(share_units * step, 2), caps[day], ceiling)
            if distance > 0:
                placed[day] = (easy_type, distance)
        return placed

    # ------------------------------------------------------------------ sessions

    def session_id(self, day: dt.date, slot: str) -> str:
        return f"{self.p.plan_id}-{day:%Y%m%d}-{slot}"

    def notes(self, extra: list[str]) -> list[str]:
        return [*extra, rules.SAFETY_NOTE] if self.flare else extra

    def run_session(
        self, day: dt.date, run_type: RunType, distance: float, index: int, kind: WeekKind
    ) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        turn = index + day.toordinal()
        warm = self.strength.warm_up(day, steps, turn)
        cool = self.strength.cool_down(day, steps, turn)
        pace = self.p.pace_minutes * (1.25 if run_type is RunType.RUN_WALK else 1.0)
        run_seconds = distance * pace * 60
        total = strength.block_seconds([warm, cool]) + run_seconds
        cues = [FORM_CUES[turn % len(FORM_CUES)], FORM_CUES[(turn + 2) % len(FORM_CUES)]]
        why = []
        if run_type is RunType.RUN_WALK:
            run, walk = RUN_WALK[min(steps, len(RUN_WALK) - 1)]
            why.append(f"Run {run} min, walk {walk} min, and repeat.")
        if run_type in (RunType.LONG, RunType.RACE) or (
            run_type is RunType.RUN_WALK and Weekday.of(day) is self.p.long_run_day
        ):
            why.append("Keep the pace easy enough to talk in full sentences.")
        if kind is WeekKind.CUTBACK:
            why.append("A lighter week lets your body absorb the training.")
        elif kind in (WeekKind.TAPER, WeekKind.RACE) and run_type is not RunType.RACE:
            why.append("Lighter running so you reach race day fresh.")
        if run_type is RunType.RACE:
            assert self.p.race is not None
            title = f"Race: {self.p.race.label} {fmt_distance(distance)} {self.unit}"
            why = ["Start slower than you feel you can; the last part is where it counts."]
        else:
            label = {
                RunType.LONG: "Long run",
                RunType.RUN_WALK: "Run/walk",
                RunType.EASY: "Easy run",
                RunType.RECOVERY: "Recovery run",
            }[run_type]
            title = f"{label} {fmt_distance(distance)} {self.unit}"
        return Session(
            id=self.session_id(day, "race" if run_type is RunType.RACE else "run"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=_round5(total / 60),
            kind=SessionKind.RACE if run_type is RunType.RACE else SessionKind.RUN,
            title=title,
            run=RunSpec(type=run_type, distance=distance),
            blocks=[warm, cool],
            notes=self.notes([*why, *cues]),
        )

    def core_session(self, day: dt.date, index: int, start: dt.time, state: _State) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        race = self.p.race_date
        light = race is not None and (race - day).days < 7  # fewer exercises and sets
        blocks = self.strength.core(day, steps, state.turn, light=light)
        state.turn += 1
        extra = ["Move slowly and keep breathing; stop any exercise that hurts your back."]
        if light:
            extra.append("A light session: race day is close, so keep your legs fresh.")
        if self.pain is not BackPain.NONE:
            extra.append(rules.MILD_CORE_NOTE)
        return self.routine(day, start, SessionKind.CORE, "Core", blocks, extra)

    def mobility_session(self, day: dt.date, index: int, start: dt.time) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        blocks = self.strength.mobility(day, steps, index + day.toordinal())
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
        minutes = strength.minutes_of(strength.block_seconds(blocks))
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
            blocks = [self.strength.cross_training(day, exercise)]
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
            for kept_session in adjust.old.sessions():
                if kept_session.date < adjust.today:
                    week_steps = strength.growth_weeks(
                        p.week_index(kept_session.date), p.cutback_every
                    )
                    self.strength.remember(kept_session, week_steps)
        weeks: list[Week] = []
        all_days = _days(p.start_date, p.end_date)
        self.strength.core_total = sum(self.core_day(d) for d in all_days)
        kinds = [self.kind_of(i + 1, all_days[7 * i : 7 * i + 7]) for i in range(p.weeks)]
        taper_total = kinds.count(WeekKind.TAPER)
        taper_seen = 0
        for i, kind in enumerate(kinds):
            index = i + 1
            days = all_days[7 * i : 7 * i + 7]
            taper_left = taper_total - taper_seen - 1 if kind is WeekKind.TAPER else 0
            taper_seen += kind is WeekKind.TAPER
            kept: list[Session] = []
            done = 0.0
            if adjust is not None and days[0] < adjust.today:
                old_week = adjust.old.weeks[i]
                if days[-1] < adjust.today:
                    weeks.append(old_week)  # wholly in the past: kept as it was
                    continue
                kept = [s for s in old_week.sessions if s.date < adjust.today]
                days = [d for d in days if d >= adjust.today]
                done = adjust.current_done
            target = self.target(index, kind, state, taper_left)
            budget = max(0.0, target - done)
            if kept and adjust is not None and adjust.flare:
                # A flare from today: the rest of this week runs half of what it planned.
                left = sum(
                    s.distance
                    for s in adjust.old.weeks[i].sessions
                    if s.date >= adjust.today and s.kind is SessionKind.RUN
                )
                budget = min(budget, self.round(rules.FLARE_START_SHARE * left))
            runs = self.place_runs(kind, days, budget, state, kept)
            sessions = kept + self.week_sessions(index, kind, days, runs, state)
            volume = sum(d for _, d in runs.values())
            counted = adjust.current_counted if kept and adjust is not None else 0.0
            state.volumes.append(counted + volume)
            state.runs.extend((d, dist) for d, (_, dist) in runs.items())
            planned = sum(s.distance for s in sessions if s.kind is SessionKind.RUN)
            weeks.append(
                Week(
                    index=index,
                    start=all_days[7 * i],
                    kind=kind,
                    distance=planned,
                    sessions=sessions,
                )
            )
        since = adjust.today if adjust is not None else None
        plan = advice.with_advice(Plan(id=p.plan_id, profile=p, weeks=weeks), self.pain, since)
        warnings = [*advice.back_care_warnings(self.pain), *self.warnings(plan)]
        return plan.model_copy(update={"warnings": warnings})

    def week_sessions(
        self,
        index: int,
        kind: WeekKind,
        days: list[dt.date],
        runs: dict[dt.date, tuple[RunType, float]],
        state: _State,
    ) -> list[Session]:
        p = self.p
        sessions: list[Session] = []
        for day in days:
            weekday = Weekday.of(day)
            today: list[Session] = []
            if day in runs:
                run_type, distance = runs[day]
                today.append(self.run_session(day, run_type, distance, index, kind))
            if p.race is not None and day == p.race_date:
                race_distance = round(p.unit.from_km(p.race.km), 1)
                today.append(self.run_session(day, RunType.RACE, race_distance, index, kind))
            race_eve = p.race_date is not None and day >= p.race_date - dt.timedelta(days=1)
            if weekday == self.swapped:
                today.append(self.cross_session(day, index))
            evening = p.strength_time_on(weekday)
            if weekday in self.layout.mobility and not race_eve:
                mobility = self.mobility_session(day, index, evening)
                today.append(mobility)
                evening = _after(day, evening, mobility.duration_minutes)
            if self.core_day(day):
                today.append(self.core_session(day, index, evening, state))
            if not today:
                today.append(self.rest_session(day))
            sessions.extend(
                sorted(today, key=lambda s: (s.start is not None, s.start or dt.time()))
            )
        return sessions

    def core_day(self, day: dt.date) -> bool:
        """True when ``day`` holds a core session: a core weekday clear of the race and the
        2 days before it."""
        race = self.p.race_date
        near = race is not None and day >= race - dt.timedelta(days=rules.RACE_STRENGTH_GAP_DAYS)
        return Weekday.of(day) in self.layout.core and not near

    def warnings(self, plan: Plan) -> list[str]:
        p = self.p
        d = fmt_distance
        out: list[str] = []
        training = [s for s in plan.sessions() if s.run is not None and s.kind is SessionKind.RUN]
        longest = max((s.distance for s in training), default=0.0)
        biggest = max((w.distance for w in plan.weeks), default=0.0)
        if p.race is not None and p.race_date is not None:
            goal_week, goal_long = (_unit_km(p.unit, km) for km in RACE_GOALS_KM[p.race])
            if longest < 0.9 * goal_long or biggest < 0.9 * goal_week:
                out.append(
                    f"This plan peaks at {d(biggest)} {self.unit} a week with a longest run of "
                    f"{d(longest)} {self.unit}. A {p.race.label} usually wants about "
                    f"{d(goal_week)} {self.unit} a week and long runs near {d(goal_long)} "
                    f"{self.unit}; the safe-growth rules need more weeks to get there, so run "
                    "the race easy, or choose a later one."
                )
            race_distance = p.unit.from_km(p.race.km)
            recent = rules.longest_in_window(
                [(s.date, s.distance) for s in training], p.race_date, p
            )
            if race_distance > rules.single_run_limit(recent) + rules.EPS:
                out.append(
                    f"The race ({d(race_distance)} {self.unit}) is more than 10 % longer than "
                    f"your longest run in the 30 days before it ({d(recent)} {self.unit}): "
                    "start slowly and walk when you need to."
                )
            if self.flare:
                out.append(
                    "Your back is flaring: the race stays on the calendar, but only race if you "
                    "can run without pain; otherwise walk it or let it go."
                )
        if (
            p.back_pain is BackPain.NONE
            and p.weeks >= 4
            and training
            and longest <= p.seed_longest_run + rules.EPS
            and p.distance_step * 10 > longest
        ):
            out.append(
                f"Runs stay at {d(longest)} {self.unit} or less: a {d(p.distance_step)} "
                f"{self.unit} step would be more than the 10 % a single run may grow. The "
                "run/walk intervals still progress; set distance_step: 0.1 to let short runs "
                "grow, or longest_recent_run if you have run further recently."
            )
        return out


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
