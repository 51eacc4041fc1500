"""Load rules about the long run and base building: its share of the week, its length,
shorter long runs in cutback weeks, how often a marathon plan reaches its peak, and the
no-race peak."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import Catalogue
from ..plan import Plan, WeekKind
from ..profile import Race
from .base import (
    EPS,
    WEEKLY_LOOKBACK,
    Violation,
    _facts,
    _fmt,
    _is_race,
    _longest_run,
    _training_runs,
)
from .limits import (
    LONG_RUN_MAX,
    LONG_RUN_MAX_MINUTES,
    MARATHON_PEAK_LONG_RUNS,
    NO_RACE_PEAK_GROWTH,
    PEAK_LONG_RUN_BAND,
    long_run_distance_cap,
    long_run_share_limit,
    near_peak,
    no_race_peak_limit,
)


def _excess(value: float, limit: float) -> float:
    return round(value / limit - 1, 3) if limit > 0 else 0.0


def long_run_share(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """The long run takes at most 35 % of the week with 5 or more runs, 40 % with 4 and
    50 % with 3 or fewer (the race excluded); a marathon plan up to 45 %. The week is the
    runner's usual week: this week's distance, or the best of the 4 weeks before it (the
    profile's weekly distance counting as week 0) when this one was cut shorter (a taper, a
    re-plan after missed runs or a flare), so a long run sized for the usual week is not a
    breach. A week of a single run has no share to keep.

    Evidence: coaching practice, not a trial: long runs of about 25 to 35 % of the week for
    runners with 5 or more runs, more with fewer runs; marathon plans at modest volume run
    higher (coaching reference). The exact caps are a convention.
    """
    race = plan.profile.race
    before = [plan.profile.start_volume]  # week 0: what the runner does now
    for week in plan.weeks:
        runs = _training_runs(week)
        week_total = sum(s.distance for s in runs)
        total = max([week_total, *before[-WEEKLY_LOOKBACK:]])
        before.append(week_total)
        if len(runs) < 2:
            continue
        longest = max(runs, key=lambda s: s.distance)
        share = long_run_share_limit(len(runs), race)
        if longest.distance > share * total + EPS:
            yield Violation(
                rule="long_run_share",
                week=week.index,
                date=longest.date,
                message=f"Week {week.index}'s long run ({_fmt(longest.distance)} {plan.unit}) "
                f"is more than {round(share * 100)} % of the usual week's "
                f"{_fmt(total)} {plan.unit}.",
                excess=_excess(longest.distance, share * total),
            )


def long_run_cap(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No run (the race aside) lasts more than 3 hours at the slow end of easy pace or goes
    beyond 32 km / 20 mi.

    Evidence: published novice marathon plans peak at 20 mi (32 km); long runs beyond about
    3 hours add fatigue more than fitness for most amateurs (coaching reference; practice,
    not a trial).
    """
    profile = plan.profile
    cap = long_run_distance_cap(profile)
    limit = LONG_RUN_MAX[profile.unit]
    for week in plan.weeks:
        for run in _training_runs(week):
            if run.distance > cap + EPS:
                what = (
                    f"{_fmt(limit)} {plan.unit}"
                    if cap >= limit
                    else f"{LONG_RUN_MAX_MINUTES // 60} hours at easy pace ({_fmt(cap)} "
                    f"{plan.unit})"
                )
                yield Violation(
                    rule="long_run_cap",
                    week=week.index,
                    date=run.date,
                    message=f"The {_fmt(run.distance)} {plan.unit} run on {run.date} is longer "
                    f"than {what}.",
                    excess=_excess(run.distance, cap),
                )


def cutback_long_run(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A cutback week's long run is shorter than the long run of the week before (the race
    week aside: the taper rule sets it). A cutback week is one the plan labels ``cutback``:
    the builder's every ``cutback_every``-th week, an imported plan's own lighter weeks.

    Evidence: convention: a lighter week lightens its biggest session too; published plans
    shorten the long run in their lighter weeks (coaching reference).
    """
    for before, week in zip(plan.weeks, plan.weeks[1:], strict=False):
        if week.kind is not WeekKind.CUTBACK:
            continue
        runs, previous = _training_runs(week), _training_runs(before)
        if not runs or not previous or any(_is_race(s) for s in week.sessions):
            continue
        longest = max(s.distance for s in runs)
        limit = max(s.distance for s in previous)
        if longest >= limit - EPS:
            yield Violation(
                rule="cutback_long_run",
                week=week.index,
                date=None,
                message=f"Week {week.index} is a cutback week but its long run "
                f"({_fmt(longest)} {plan.unit}) is not shorter than the week before's "
                f"({_fmt(limit)} {plan.unit}).",
            )


def marathon_peak_long_runs(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A marathon plan reaches its longest long run in at most three weeks; a long run
    within 5 % of the longest counts as reaching it (29 km next to a 30 km peak does).

    Evidence: published novice marathon plans run their longest long run (20 mi) once or
    twice; repeating the peak adds fatigue more than fitness (coaching reference). Three is
    a convention.
    """
    if plan.profile.race is not Race.MARATHON:
        return
    weeks = [(w, _longest_run(w)) for w in plan.weeks]
    longest = max((d for _, d in weeks), default=0.0)
    if longest <= 0:
        return
    at_peak = [w for w, d in weeks if near_peak(d, longest)]
    if len(at_peak) > MARATHON_PEAK_LONG_RUNS:
        extra = at_peak[MARATHON_PEAK_LONG_RUNS]
        yield Violation(
            rule="marathon_peak_long_runs",
            week=extra.index,
            date=None,
            message=f"The plan runs its longest run ({_fmt(longest)} {plan.unit}), or within "
            f"{round(PEAK_LONG_RUN_BAND * 100)} % of it, in {len(at_peak)} weeks; "
            f"{MARATHON_PEAK_LONG_RUNS} is the most.",
        )


def no_race_peak(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """With no race and no ``peak_weekly_distance``, no week runs more than 20 % over the
    current weekly volume (beginners aside: their run/walk programme has its own end).

    Evidence: convention. Without a goal there is no reason to pile on volume; a fifth over
    what the runner already does keeps the plan a base, and weekly growth itself has weak
    evidence (Nielsen et al. 2014), so the cap is cautious.
    """
    limit = no_race_peak_limit(plan.profile)
    if limit is None:
        return
    facts = _facts(plan, catalogue)
    for i, week in enumerate(plan.weeks, start=1):
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="no_race_peak",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(facts.volumes[i])} {plan.unit}, more "
                f"than {round(NO_RACE_PEAK_GROWTH * 100)} % over the "
                f"{_fmt(plan.profile.start_volume)} {plan.unit} you run now.",
                excess=_excess(facts.volumes[i], limit),
            )
