"""Load rules: weekly volume, single-run spikes, cutbacks, the long run, the taper and race
day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..catalogue import Catalogue
from ..plan import Plan, RunType
from ..profile import BackPain, Weekday
from .base import (
    EPS,
    Violation,
    _facts,
    _fmt,
    _is_race,
    _limit,
    _longest_run,
)
from .limits import (
    cutback_stretch,
    floor_step,
    is_cutback_week,
    lighter_weeks,
    longest_in_window,
    race_week_floor,
    single_run_limit,
    taper_start,
    weekly_volume_limit,
)
from .runs import is_walk

# ---------------------------------------------------------------------- the rules


def _over(value: float, limit: float) -> float:
    """How far ``value`` is past ``limit``, as a fraction (0.16 is 16 % over)."""
    return round(value / limit - 1, 4)


def weekly_volume(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Weekly volume grows gradually: no week above (1 + max_increase) x the best of the
    previous 4 weeks, the profile's recent weekly distance counting as week 0.

    Evidence: all five source articles ask for gradual increases in training; the 10 % a
    week guideline is the common coaching form of that advice. Race distance is not
    counted: the race is the goal, not training load.
    """
    facts = _facts(plan, catalogue)
    increase = plan.profile.max_weekly_increase
    for i, week in enumerate(plan.weeks, start=1):
        limit = weekly_volume_limit(facts.volumes[:i], increase)
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="weekly_volume",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(facts.volumes[i])} {plan.unit}, more than "
                f"{_limit(limit, plan)} ({round(increase * 100)} % over the best of the 4 weeks "
                "before).",
                excess=_over(facts.volumes[i], limit),
            )


def single_run_spike(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No run is more than 10 % longer than the longest run of the previous 30 days.

    Evidence: Frandsen et al. 2025 (British Journal of Sports Medicine): in a large cohort
    of runners, single runs more than 10 % longer than the longest run of the previous 30
    days raised the risk of overuse injury.
    A race is exempt (it is the goal); the plan warns when it is a spike.
    """
    facts = _facts(plan, catalogue)
    profile = plan.profile
    history = [(day, distance) for day, distance, _ in facts.runs]
    week_of = {s.date: w.index for w in plan.weeks for s in w.sessions}
    for day, distance, is_race in facts.runs:
        if is_race:
            continue
        longest = longest_in_window(history, day, profile)
        if distance > single_run_limit(longest) + EPS:
            yield Violation(
                rule="single_run_spike",
                week=week_of[day],
                date=day,
                message=f"The {_fmt(distance)} {plan.unit} run on {day} is more than 10 % longer "
                f"than the longest run of the 30 days before it ({_fmt(longest)} {plan.unit}).",
                excess=_over(distance, single_run_limit(longest)),
            )


def cutback_weeks(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A lighter week comes at least once in every block of 3 to 5 weeks: no more than 4
    weeks in a row (or ``cutback_every`` - 1, when the profile asks for a longer rhythm)
    without one.

    A week is lighter when it runs at most 90 % of the week before, or when its long run
    is at most 90 % of the week before's (Higdon steps back by shortening the long run).
    The plan is judged by its own rhythm: 2 up 1 down, 3 up 1 down and 4 up 1 down all
    pass; each stretch that runs too long is reported once, at the week where a lighter
    week was due, so a plan without any lighter week gets one violation, not one every
    4th week. The builder places its own cutbacks every ``cutback_every``-th week
    (``is_cutback_week``), which this rule accepts.

    Evidence: common coaching practice (three weeks up, one down) to let the body absorb
    the load; the source articles ask for rest and gradual build-up. The 3-to-5-week block
    and the 90 % threshold are convention, not measured limits.
    """
    facts = _facts(plan, catalogue)
    profile = plan.profile
    allowed = cutback_stretch(profile.cutback_every)
    longest = [0.0, *(_longest_run(w) for w in plan.weeks)]
    lighter = lighter_weeks(facts.volumes, longest, profile.cutback_ratio)
    stretch = 0
    for i, week in enumerate(plan.weeks, start=1):
        if i in lighter:
            stretch = 0
            continue
        stretch += 1
        if stretch != allowed + 1:
            continue
        limit = profile.cutback_ratio * facts.volumes[i - 1]
        first = plan.weeks[i - 1 - allowed].index
        excess = _over(facts.volumes[i], limit) if limit > EPS else None
        yield Violation(
            rule="cutback_weeks",
            week=week.index,
            date=None,
            message=f"Weeks {first} to {week.index} bring no lighter week: week {week.index} "
            f"runs {_fmt(facts.volumes[i])} {plan.unit}, where a cutback would be at most "
            f"{_limit(limit, plan)} ({round(profile.cutback_ratio * 100)} % of the week before).",
            excess=excess if excess is not None and excess > 0 else None,
        )


def long_run(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """The week's long run is on ``long_run_day`` and no run of the week is longer (race
    weeks aside). A week with no run on that day and no run marked ``long``, or a week a
    flare cut short (its walking days; see ``flare_rest_days``), has no long run to check.

    Evidence: a fixed long-run day lets the runner plan rest and strength work around it
    (core is never the day before it).
    """
    day_name = plan.profile.long_run_day
    for week in plan.weeks:
        runs = [s for s in week.sessions if s.is_run]
        if not runs or any(_is_race(s) for s in runs) or any(is_walk(s) for s in week.sessions):
            continue
        on_day = [s for s in runs if Weekday.of(s.date) is day_name]
        marked = [s for s in runs if s.run is not None and s.run.type is RunType.LONG]
        if not on_day and not marked:
            continue
        longest = max(s.distance for s in runs)
        off_day = [s for s in marked if Weekday.of(s.date) is not day_name]
        if off_day or not on_day or max(s.distance for s in on_day) < longest - EPS:
            yield Violation(
                rule="long_run",
                week=week.index,
                date=None,
                message=f"Week {week.index}'s longest run ({_fmt(longest)} {plan.unit}) is not "
                f"on the long-run day ({day_name.title}).",
            )


def taper(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Before a race, the taper weeks run less than the biggest week before the taper, and a
    5k or 10k race week keeps at least 40 % of that week (race excluded), pro rata to the
    runner's run days it has before the eve of the race (and never above what a cutback
    week, or a week lighter than the one before, allows). The race week (race excluded)
    runs less than the week before it: the taper ends on its lightest week.

    The taper starts on the week boundary closest to about 7 days before a 5k or 10k, 12
    before a half marathon and 19 before a marathon, never more than 21 (see
    ``taper_start``): with Monday-to-Sunday weeks and a Sunday race, that is the race week
    alone for a 5k or 10k, the last two weeks for a half marathon and the last three for
    a marathon.

    Evidence: Bosquet et al. 2007 (Medicine & Science in Sports & Exercise, meta-analysis):
    a taper of about two weeks with volume cut by 41 to 60 % improved performance; shorter
    races need a shorter, lighter taper. The 40 % floor keeps a short race's taper from
    falling off a cliff; its exact value is a convention.
    """
    profile = plan.profile
    if profile.race is None or profile.race_date is None:
        return
    facts = _facts(plan, catalogue)
    first = taper_start(profile.race, profile.race_date, profile.start_date)
    before = [facts.volumes[i] for i, w in enumerate(plan.weeks, start=1) if w.start < first]
    if not before:
        return
    peak = max(before)
    for i, week in enumerate(plan.weeks, start=1):
        if week.start < first or week.start > profile.race_date:
            continue
        race_week = week.start <= profile.race_date <= week.start + dt.timedelta(days=6)
        before_race_week = facts.volumes[i - 1] if i > 1 else 0.0
        if facts.volumes[i] >= peak - EPS and facts.volumes[i] > 0:
            yield Violation(
                rule="taper",
                week=week.index,
                date=None,
                message=f"Week {week.index} comes right before the race but runs "
                f"{_fmt(facts.volumes[i])} {plan.unit}, no less than the biggest week "
                f"before it ({_fmt(peak)} {plan.unit}).",
                excess=round(facts.volumes[i] / peak - 1, 3) if peak > 0 else None,
            )
        elif race_week and before_race_week > 0 and facts.volumes[i] >= before_race_week - EPS:
            yield Violation(
                rule="taper",
                week=week.index,
                date=None,
                message=f"The race week runs {_fmt(facts.volumes[i])} {plan.unit} before the "
                f"race, no less than the {_fmt(facts.volumes[i - 1])} {plan.unit} of the week "
                "before: the taper should end on its lightest week.",
            )
        floor = race_week_floor(profile.race) * peak * _days_share(week.start, plan)
        if is_cutback_week(week.index, profile.cutback_every) and i > 1:
            floor = min(floor, profile.cutback_ratio * facts.volumes[i - 1])
        if before_race_week > 0:
            floor = min(floor, before_race_week - profile.step_for(before_race_week / 3))
        floor = floor_step(floor, profile.step_for(floor))
        if (
            profile.back_pain is not BackPain.FLARE
            and profile.weekly_distance > 0
            and race_week
            and facts.volumes[i] < floor - EPS
        ):
            yield Violation(
                rule="taper",
                week=week.index,
                date=None,
                message=f"The race week runs {_fmt(facts.volumes[i])} {plan.unit} before the "
                f"race, less than {_fmt(floor)} ({round(race_week_floor(profile.race) * 100)} "
                f"% of the {_fmt(peak)} {plan.unit} peak for the run days it has): the taper "
                "falls off a cliff.",
            )


def _days_share(start: dt.date, plan: Plan) -> float:
    """The share of the runner's run days that the race week has before the race's eve."""
    profile = plan.profile
    assert profile.race_date is not None
    days = [start + dt.timedelta(days=k) for k in range((profile.race_date - start).days - 1)]
    have = sum(Weekday.of(d) in profile.run_days for d in days)
    return have / len(profile.run_days)


def race_day(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A plan with a race has the race session on race day, and ends there.

    Evidence: the plan is built toward that day; sessions after it belong to a new plan.
    """
    profile = plan.profile
    if profile.race_date is None:
        return
    races = [s for s in plan.sessions() if _is_race(s)]
    if not any(s.date == profile.race_date for s in races):
        yield Violation(
            rule="race_day",
            week=plan.weeks[-1].index if plan.weeks else 1,
            date=profile.race_date,
            message=f"There is no race session on race day, {profile.race_date}.",
        )
    late = [s for s in plan.sessions() if s.date > profile.race_date]
    if late:
        yield Violation(
            rule="race_day",
            week=plan.weeks[-1].index,
            date=late[0].date,
            message=f"The plan goes on after race day ({late[0].date}).",
        )
