"""The volume curve: each week's distance, the long run, cutbacks and the taper.

Every number here is held inside the limits in ``runplan.rules`` (the same functions
``check_plan`` uses), so the curve can aim high and still never break a rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from . import rules, runs
from .plan import Plan, RunType, SessionKind, WeekKind
from .profile import BackPain, Race, RunnerProfile, Unit
from .render import fmt_distance

__all__ = [
    "LONG_SHARE",
    "RACE_GOALS_KM",
    "TAPER_SHARES",
    "Volume",
    "peak_weekly_distance",
    "plan_warnings",
]

#: (weekly distance, long run) in km that each race usually asks for at its peak.
RACE_GOALS_KM: dict[Race, tuple[float, float]] = {
    Race.FIVE_K: (20.0, 8.0),
    Race.TEN_K: (30.0, 12.0),
    Race.HALF_MARATHON: (40.0, 17.0),
    Race.MARATHON: (60.0, 30.0),
}
#: The long run's usual share of the week, by number of runs (below the rule's caps).
LONG_SHARE = {1: 1.0, 2: 0.5, 3: 0.4, 4: 0.35, 5: 0.3, 6: 0.28}
#: Taper weeks' volume as a share of the peak week, the race week last. Bosquet et al.
#: 2007: volume cut by 41 to 60 % over about two weeks; 5k and 10k runners keep more.
TAPER_SHARES: dict[Race, tuple[float, ...]] = {
    Race.FIVE_K: (0.8, 0.6),
    Race.TEN_K: (0.8, 0.6),
    Race.HALF_MARATHON: (0.8, 0.75, 0.55),
    Race.MARATHON: (0.85, 0.7, 0.55, 0.45),
}
#: The race warns "start slowly" when the month's longest run is under this share of it.
RACE_SHORT_SHARE = 2 / 3
#: A race plan reaches its peak week this many weeks before the taper (the cutback and
#: build weeks between hold the peak), so the build is gradual and the peak comes late.
PEAK_BEFORE_TAPER = 3
#: A mild sore back's first week eases off to this share of the usual volume.
MILD_FIRST_WEEK = 0.8


def _in_unit(unit: Unit, km: float) -> float:
    return rules.floor_half(unit.from_km(km))


def peak_weekly_distance(profile: RunnerProfile) -> float:
    """The weekly distance the plan builds toward: given; set by the race (for a marathon,
    enough for a 30 km long run at 45 % of the week); or, with no race, at most 20 % over
    the current volume (a beginner's programme sets its own)."""
    if profile.peak_weekly_distance is not None:
        return profile.peak_weekly_distance
    if profile.race is not None:
        goal_week, goal_long = RACE_GOALS_KM[profile.race]
        if profile.race is Race.MARATHON:
            # The long run may take 45 % of a marathon week: the week grows until the
            # goal long run fits inside that share, within the weekly-growth rule.
            goal_week = max(goal_week, goal_long / rules.MARATHON_LONG_RUN_SHARE)
        return max(_in_unit(profile.unit, goal_week), profile.start_volume)
    limit = rules.no_race_peak_limit(profile)
    if limit is None:
        return 1e9  # a beginner: the run/walk programme has its own end
    return rules.floor_step(limit, profile.step_for(limit / 3))


@dataclass(frozen=True)
class Volume:
    """The volume curve of one runner's plan."""

    profile: RunnerProfile
    flare: bool
    usual: float

    @cached_property
    def peak(self) -> float:
        """The weekly distance to build toward."""
        return peak_weekly_distance(self.profile)

    @cached_property
    def longest(self) -> float:
        """The longest run the plan may hold (3 hours at easy pace, 32 km / 20 mi)."""
        return rules.long_run_distance_cap(self.profile)

    def round(self, distance: float) -> float:
        """Round a distance down to its step, so rounding never breaks a limit."""
        return rules.floor_step(distance, self.profile.step_for(distance))

    def target(
        self,
        index: int,
        kind: WeekKind,
        volumes: Sequence[float],
        taper_left: int,
        hold: float | None = None,
        restart_from: float | None = None,
        ramp_weeks: int = 0,
    ) -> float:
        """The most week ``index`` may run. ``volumes`` starts with week 0; ``taper_left``
        counts the taper weeks after this one; ``hold`` and ``restart_from`` come from a
        re-plan (a cap, and the week to grow from after a missed week); ``ramp_weeks`` is
        the week a race plan reaches its peak, growing evenly from today's volume."""
        p = self.profile
        target = min(self.peak, rules.weekly_volume_limit(volumes, p.max_weekly_increase))
        if p.race is not None and ramp_weeks > 0 and self.peak > p.start_volume:
            ramp = p.start_volume + (self.peak - p.start_volume) * min(1.0, index / ramp_weeks)
            target = min(target, ramp)
        if p.back_pain is not BackPain.NONE and not (
            p.back_pain is BackPain.MILD and p.is_beginner
        ):
            # A sore back holds its volume; a new runner with a mild one follows the
            # run/walk programme instead (rule ``back_pain``), within the growth rules.
            target = min(target, p.start_volume)
            if p.back_pain is BackPain.MILD and index == 1:
                target = min(target, MILD_FIRST_WEEK * p.start_volume)
        if self.flare:
            target = min(target, rules.flare_week_limit(self.usual))
        if hold is not None:
            target = min(target, hold)
        if restart_from is not None:
            target = min(target, (1 + p.max_weekly_increase) * restart_from)
        if kind in (WeekKind.TAPER, WeekKind.RACE) and p.race is not None:
            biggest = max(volumes[1:] or volumes)
            shares = TAPER_SHARES[p.race]
            share = shares[max(0, len(shares) - 1 - taper_left)]
            target = min(target, share * biggest)
            # A taper week runs less than the biggest week before it.
            target = min(target, biggest - self.profile.step_for(biggest / 3))
        if rules.is_cutback_week(index, p.cutback_every) and index > 1:
            target = min(target, p.cutback_ratio * volumes[-1])
        return max(0.0, rules.floor_step(target, 0.1))

    def race_week_floor(self, volumes: Sequence[float]) -> float:
        """The least a 5k or 10k race week runs (race excluded): 40 % of the peak week."""
        p = self.profile
        if p.race is None or self.flare:
            return 0.0
        return rules.race_week_floor(p.race) * max(volumes[1:] or volumes)

    def long_run(
        self,
        target: float,
        runs_in_week: int,
        cap: float,
        previous_long: float | None,
        cutback: bool,
        longs: Sequence[float],
    ) -> float:
        """The week's long run: a share of the week's target inside every long-run limit.

        ``cap`` is the single-run limit for the day; ``previous_long`` the long run of the
        week before (a cutback week's is shorter); ``longs`` each earlier week's longest run
        (a marathon reaches its longest, within 5 %, at most three times).
        """
        p = self.profile
        share = LONG_SHARE.get(runs_in_week, 0.28)
        if p.race is not None:
            goal_week, goal_long = RACE_GOALS_KM[p.race]
            share = max(share, goal_long / goal_week)
        share = min(share, rules.long_run_share_limit(runs_in_week, p.race))
        if runs_in_week < 2:
            share = 1.0
        long = min(share * target, cap, self.longest)
        if cutback and previous_long is not None:
            long = min(long, previous_long - self.profile.step_for(previous_long))
        if p.race is Race.MARATHON:
            below = rules.peak_long_run_limit(longs, self.round(long))
            if below is not None and long >= below - rules.EPS:
                long = below - self.profile.step_for(below)
        return max(0.0, self.round(long))


def _goal_warning(
    plan: Plan, goal_week: float, goal_long: float, longest: float, biggest: float
) -> str:
    """Why a race plan stays short of the race's usual week or long run: its peak (the
    profile's, or the race's usual volume), or too few weeks to grow there safely."""
    p = plan.profile
    assert p.race is not None
    d = fmt_distance
    unit = plan.unit
    race = p.race.label
    peak = peak_weekly_distance(p)
    slow_start = "start the race at the slow end of its pace range"
    head = (
        f"This plan peaks at {d(biggest)} {unit} a week with a longest run of {d(longest)} {unit}"
    )
    # Name only what falls short of the race's usual figures.
    short = []
    if biggest < 0.9 * goal_week:
        short.append(f"about {d(goal_week)} {unit} a week")
    if longest < 0.9 * goal_long:
        short.append(f"long runs near {d(goal_long)} {unit}")
    wants = f"A {race} usually wants {' and '.join(short)}"
    if biggest < 0.98 * peak:
        return (
            f"{head}. {wants}; the safe-growth rules need more weeks to get there, so "
            f"{slow_start}, or choose a later one."
        )
    if biggest < 0.9 * goal_week:
        return (
            f"{head}: your peak_weekly_distance holds it there. {wants}; raise the peak "
            f"toward that, or {slow_start}."
        )
    runs = len(p.run_days)
    share = round(rules.long_run_share_limit(runs, p.race) * 100)
    return (
        f"{head}. The peak is the {race}'s usual week, and with {runs} runs a week the long "
        f"run keeps to {share} % of it, short of the {d(goal_long)} {unit} a {race} usually "
        f"wants: set peak_weekly_distance higher or run on fewer days to make room, or "
        f"{slow_start}."
    )


def week_kind(profile: RunnerProfile, index: int, days: Sequence[dt.date], flare: bool) -> WeekKind:
    """What week ``index`` is for: race, taper, recovery (a sore back's lighter first week,
    unless the runner is new and the programme starts light anyway, or a flare's weeks),
    cutback (a flare's too) or build."""
    if profile.race_date is not None and profile.race_date in days:
        return WeekKind.RACE
    if profile.race is not None and profile.race_date is not None:
        first = rules.taper_start(profile.race, profile.race_date, profile.start_date)
        if days[0] >= first:
            return WeekKind.TAPER
    if rules.is_cutback_week(index, profile.cutback_every) and index > 1:
        return WeekKind.CUTBACK
    mild_start = profile.back_pain is BackPain.MILD and index == 1 and not profile.is_beginner
    if flare or mild_start:
        return WeekKind.RECOVERY
    if rules.is_cutback_week(index, profile.cutback_every):
        return WeekKind.CUTBACK
    return WeekKind.BUILD


def plan_warnings(plan: Plan, flare: bool, beginner: bool) -> list[str]:
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
            f"{d(peak_weekly_distance(p))} {unit} a week, "
            f"{round(rules.NO_RACE_PEAK_GROWTH * 100)} % over the {d(p.start_volume)} {unit} "
            "you run now; set peak_weekly_distance to aim elsewhere."
        )
    if p.race is not None and p.race_date is not None:
        goal_week, goal_long = (
            rules.floor_half(p.unit.from_km(km)) for km in RACE_GOALS_KM[p.race]
        )
        if longest < 0.9 * goal_long or biggest < 0.9 * goal_week:
            out.append(_goal_warning(plan, goal_week, goal_long, longest, biggest))
        # The plan's longest run (a taper's shorter runs aside), or a longer one the
        # runner did in the month before the race.
        race_distance = p.unit.from_km(p.race.km)
        recent = rules.longest_in_window([(s.date, s.distance) for s in training], p.race_date, p)
        before = max(longest, recent)
        race_day = ""
        if before < RACE_SHORT_SHARE * race_distance:
            # The goal warning already says to start at the slow end of the pace range.
            slow = "" if out and "slow end" in out[-1] else "start at the slow end of your pace "
            race_day = f"on race day, {slow}{'and ' if slow else ''}walk when you need to"
        aim = rules.MARATHON_LONG_RUN_AIM[p.unit]
        if p.race is Race.MARATHON and longest < aim - rules.EPS:
            out.append(
                f"The longest run is {d(longest)} {unit}, short of the {d(aim)} {unit} a "
                "marathon usually asks for: the long-run limits (its share of the week, 3 "
                f"hours, 10 % over the month's longest) hold it there{'; ' if race_day else ''}"
                f"{race_day}."
            )
        elif race_day:
            out.append(
                f"Your longest run before the race is {d(before)} {unit}, well short of the "
                f"{d(race_distance)} {unit} race: {race_day}."
            )
        if flare:
            out.append(
                "Your back is flaring: the race stays on the calendar, but only race if you "
                "can run without pain; otherwise walk it or let it go."
            )
    if beginner and training and not flare and p.back_pain is not BackPain.FLARE:
        done = any(
            s.run is not None
            and s.run.type is RunType.EASY
            and s.run.minutes is not None
            and s.run.minutes >= 30 + runs.WALK_IN - 0.5
            for s in training
        )
        if not done and p.weeks >= 12:
            out.append(
                "The plan ends before the 30-minute run: repeat its last week until it "
                "feels easy, then go on."
            )
    return out
