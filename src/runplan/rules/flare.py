"""Rules for a flaring back: the first week never outweighs the weeks after it, no run/walk
is longer than a flare week's usual session, the return to running moves on one stage at a
time, and runs do not fall on consecutive days."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

from ..catalogue import Catalogue
from ..plan import Plan, RepeatStep, RunStep, StepKind, WeekKind, flat_steps
from ..profile import BackPain
from .base import EPS, WEEKLY_LOOKBACK, Violation, _facts, _fmt, _is_race
from .limits import FLARE_STAGES, flare_session_limit, is_cutback_week, taper_start

#: The weeks of a flare plan that hold the return-to-run stage of the week before: the
#: lighter ones.
FLARE_HOLD_WEEKS = frozenset({WeekKind.CUTBACK, WeekKind.TAPER, WeekKind.RACE})


def flare_first_week(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """In a flare plan, week 1 runs no more than the biggest of the 4 weeks after it (taper
    and cutback weeks, and weeks with no run, aside), and no run/walk in any week is
    longer than the flare's usual session: half the usual weekly volume shared over the
    week's runs (the run days less the one swapped for cross training; see
    ``flare_session_limit``).

    Evidence: returning after a flare starts with a few days of relative rest and walking,
    then run/walk that grows only while pain stays low (coaching reference). The first
    week has lost days to rest, so it runs fewer sessions, never longer ones. The even
    split is a convention: a back that flares gets no long run. A beginner's run/walk
    programme sets its own weeks and sessions and is not judged here; nor are the weeks of
    a re-plan (revision 2 on), which follow what the log showed.
    """
    profile = plan.profile
    if profile.back_pain is not BackPain.FLARE or profile.is_beginner:
        return  # a beginner's run/walk programme sets its own weeks and sessions
    facts = _facts(plan, catalogue)
    first_taper = (
        taper_start(profile.race, profile.race_date, profile.start_date)
        if profile.race is not None and profile.race_date is not None
        else None
    )
    following = [
        facts.volumes[i]
        for i, week in enumerate(plan.weeks[1 : 1 + WEEKLY_LOOKBACK], start=2)
        if (first_taper is None or week.start < first_taper)
        and not is_cutback_week(week.index, profile.cutback_every)
        and facts.volumes[i] > 0
    ]
    # A re-plan sizes later weeks from the log (a sore day holds them), not from week 1.
    if plan.revision == 1 and following and facts.volumes[1] > max(following) + EPS:
        yield Violation(
            rule="flare_first_week",
            week=plan.weeks[0].index,
            date=None,
            message=f"Week 1 of the flare runs {_fmt(facts.volumes[1])} {plan.unit}, more than "
            f"any of the weeks after it ({_fmt(max(following))} {plan.unit} at most).",
        )
    limit = flare_session_limit(profile.start_volume, len(profile.run_days))
    for week in plan.weeks:
        for session in week.sessions:
            if session.is_run and not _is_race(session) and session.distance > limit + EPS:
                yield Violation(
                    rule="flare_first_week",
                    week=week.index,
                    date=session.date,
                    message=f"The {_fmt(session.distance)} {plan.unit} run/walk on "
                    f"{session.date} is longer than a flare session's {_fmt(limit)} "
                    f"{plan.unit} (half the usual week over its runs).",
                )


def flare_run_spacing(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """In a flare plan, no two runs (a race aside) fall on consecutive days.

    Evidence: returning after a flare, the back needs a day between run/walk sessions to
    show how it took the last one (pain the morning after should stay about 2/10 or
    less; coaching reference). A day between runs is a convention of return-to-run plans.
    """
    if plan.profile.back_pain is not BackPain.FLARE:
        return
    days = sorted({s.date for s in plan.sessions() if s.is_run and not _is_race(s)})
    week_of = {s.date: w.index for w in plan.weeks for s in w.sessions}
    for before, day in itertools.pairwise(days):
        if day - before == dt.timedelta(days=1):
            yield Violation(
                rule="flare_run_spacing",
                week=week_of[day],
                date=day,
                message=f"The run on {day} follows the run on {before}: in a flare, leave a "
                "day between runs.",
            )


def run_walk_stage(steps: list[RunStep | RepeatStep]) -> int | None:
    """The return-to-run stage (an index into ``FLARE_STAGES``) a session's steps reach, by
    its longest timed running block: the last, continuous running, for a run with no walk
    between its runs that outlasts every run/walk stage's running; else the latest
    run/walk stage whose running that block reaches (the first stage for less). None for
    steps with no timed running."""
    flat = flat_steps(steps)
    running = [s.minutes * 60 for s in flat if s.kind is StepKind.RUN and s.minutes]
    if not running:
        return None
    longest = max(running)
    staged = [(k, run) for k, (run, walk) in enumerate(FLARE_STAGES) if walk]
    if not any(s.kind is StepKind.WALK for s in flat) and longest > staged[-1][1] + EPS:
        return len(FLARE_STAGES) - 1
    return max((k for k, run in staged if run <= longest + EPS), default=0)


def flare_stages(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """In a flare plan, the return to running moves on at most one stage a week: no run's
    stage (``run_walk_stage``; its longest running block) is more than one past the latest
    stage the weeks before it reached (the first run/walk: the first stage), and in a
    lighter week (cutback, taper or race week) none is past it at all.

    Evidence: returning after a flare, run/walk progresses only while pain during and the
    morning after stays about 2/10 or less and is no worse the next day (coaching
    reference, practice), so each step is tried for a week before the next; a lighter week
    is for absorbing the load, not for a new step. The stages and one stage a week are a
    convention, as in the beginner's programme. A beginner's programme sets its own stages
    and is not judged here.
    """
    profile = plan.profile
    if profile.back_pain is not BackPain.FLARE or profile.is_beginner:
        return
    before = -1  # the latest stage the weeks so far reached; none yet
    for week in plan.weeks:
        reached = -1
        for session in week.sessions:
            run = session.run
            if run is None or _is_race(session) or not session.is_run:
                continue
            stage = run_walk_stage(run.steps or [])
            if stage is None:
                continue
            reached = max(reached, stage)
            most = before if week.kind in FLARE_HOLD_WEEKS and before >= 0 else before + 1
            if stage > most:
                yield Violation(
                    rule="flare_stages",
                    week=week.index,
                    date=session.date,
                    message=f"The run on {session.date} jumps to {_stage_text(stage)}; "
                    f"this week may go no further than {_stage_text(most)}"
                    + (" (a lighter week holds the stage)." if most == before else "."),
                )
        before = max(before, reached)


def _stage_text(stage: int) -> str:
    """A stage in words: "runs of 3 min" or "continuous running"."""
    run, walk = FLARE_STAGES[stage]
    return f"runs of {run // 60:g} min" if walk else "continuous running"
