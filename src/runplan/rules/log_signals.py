"""Re-planning rules: they read the training log rather than the plan and decide how the
rest of a plan is rebuilt (see runplan.replan). Each returns the reason in plain words, or
None."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..render import day_name

#: Pain at or above this on any day switches the plan to a flare.
FLARE_PAIN = 5
#: Pain at or above this on two days of the last week switches the plan to a flare.
REPEATED_PAIN = 4
#: Pain in this range once in the last week holds the volume for a week.
HOLD_PAIN = (3, 4)
#: Pain at or below this counts as settled: training may grow again.
SETTLED_PAIN = 2


@dataclass(frozen=True)
class LoggedDay:
    """One logged entry, as the re-planning rules see it."""

    date: dt.date
    pain: int | None
    is_run: bool
    done: bool


#: Pain-free runs a flaring back needs before the plan grows again.
PAIN_FREE_RUNS = 2


def _pain_free_runs(days: Sequence[LoggedDay], after: dt.date, today: dt.date) -> list[LoggedDay]:
    """The runs done without pain (0/10) after ``after`` and before ``today``."""
    return [d for d in days if after < d.date < today and d.is_run and d.done and d.pain == 0]


def pain_flare(days: Sequence[LoggedDay], today: dt.date) -> str | None:
    """Switch to flare mode when pain reached 5/10 on any day, or 4/10 on two days of the
    last week, or a note of how the back felt (no run) says it was worse than the day
    before and above 2/10, until two pain-free runs (pain 0) have been logged since.

    Evidence: "Lower Back Pain in Runners" (stop running on intense pain, cut frequency and
    distance, swap in swimming or cycling, see a physical therapist) and "How Do I Prevent
    Lower Back Pain When Running?" (limit activity for a few days after a strain). The
    coaching reference's pain rule (practice) lets running go on only while pain during
    and the morning after stays about 2/10 or less and is no worse the next day; 5/10 is
    a convention for pain well past that, which starts again with days of walking.
    """
    week_ago = today - dt.timedelta(days=7)
    reason: str | None = None
    since: dt.date | None = None
    pain_on = {d.date: d.pain for d in days if d.pain is not None and d.date < today}
    for day in days:
        if day.pain is None or day.date >= today:
            continue
        before = pain_on.get(day.date - dt.timedelta(days=1))
        if day.pain >= FLARE_PAIN:
            reason = f"back pain was {day.pain}/10 on {day_name(day.date)}"
            since = day.date
        elif not day.is_run and before is not None and day.pain > max(before, SETTLED_PAIN):
            reason = (
                f"back pain was worse on {day_name(day.date)} ({day.pain}/10) than the day "
                f"before ({before}/10)"
            )
            since = day.date
    sore = sorted({d.date for d in days if d.pain is not None and d.pain >= REPEATED_PAIN
                   and week_ago <= d.date < today})  # fmt: skip
    if len(sore) >= 2 and (since is None or sore[-1] > since):
        reason = f"back pain was {REPEATED_PAIN}/10 or more on {len(sore)} days last week"
        since = sore[-1]
    if since is None:
        return None
    return reason if len(_pain_free_runs(days, since, today)) < PAIN_FREE_RUNS else None


def flare_settled(days: Sequence[LoggedDay], today: dt.date) -> str | None:
    """A plan that starts in a flare may grow again once the log shows two runs done
    without pain (0/10) and no logged pain above 2/10 since the first of them.

    Evidence: coaching reference, returning after a flare (practice, not a trial figure):
    after a few days of relative rest and run/walk, progress only while pain during and
    after running stays low (about 2/10 or less) and is not worse the next day. The count
    of two pain-free runs is a convention, the same one that ends a flare in
    ``pain_flare``.
    """
    free = _pain_free_runs(days, dt.date.min, today)
    if len(free) < PAIN_FREE_RUNS:
        return None
    since = free[-PAIN_FREE_RUNS].date
    later = [d.pain for d in days if since <= d.date < today and d.pain is not None]
    if any(pain > SETTLED_PAIN for pain in later):
        return None
    return "two pain-free runs show your back has settled"


def pain_hold(days: Sequence[LoggedDay], today: dt.date) -> str | None:
    """Hold the weekly volume for a week when pain was 3 or 4 out of 10 once last week.

    Evidence: "Lower Back Pain in Runners": mild pain is a sign to hold back the training
    rather than to add to it; gradual increases resume once it settles.
    """
    week_ago = today - dt.timedelta(days=7)
    low, high = HOLD_PAIN
    sore = [
        d
        for d in days
        if d.pain is not None and low <= d.pain <= high and week_ago <= d.date < today
    ]
    if not sore:
        return None
    last = sore[-1]
    return f"back pain was {last.pain}/10 on {day_name(last.date)}"


@dataclass(frozen=True)
class WeekRecord:
    """How one whole week before today went."""

    index: int
    runs_planned: int
    runs_done: int
    planned: float  # planned run distance
    actual: float  # distance actually run (logged)


@dataclass(frozen=True)
class MissedRuns:
    """What to do about runs missed in the weeks before today."""

    action: str  # "carry_on", "repeat" or "step_back"
    reason: str | None
    cap: float | None  # the most the next week may hold


def missed_runs(weeks: Sequence[WeekRecord], start_volume: float) -> MissedRuns:
    """One missed run in a week: carry on. Two or more: repeat that week's volume instead
    of progressing. A whole week (or more) missed: step back to the volume of the last week
    that was completed (at most one run missed) and rebuild the progression from there.

    ``weeks`` are the whole weeks before today, oldest first.

    Evidence: making up missed runs crowds the load into fewer days, which the single-run
    and weekly rules exist to prevent; after a break, common coaching practice is to step
    back and build again gradually, as the source articles ask.
    """
    if not weeks:
        return MissedRuns("carry_on", None, None)
    last = weeks[-1]
    gap = []
    for week in reversed(weeks):
        if week.runs_planned > 0 and week.runs_done == 0:
            gap.append(week.index)
        else:
            break
    if gap:
        completed = next(
            (w for w in reversed(weeks) if w.runs_done > 0 and w.runs_planned - w.runs_done <= 1),
            None,
        )
        cap = completed.actual if completed is not None else start_volume
        span = f"week {gap[0]} was" if len(gap) == 1 else f"weeks {gap[-1]} to {gap[0]} were"
        return MissedRuns("step_back", f"{span} missed", cap)
    if last.runs_planned - last.runs_done >= 2:
        missed = last.runs_planned - last.runs_done
        return MissedRuns("repeat", f"{missed} runs were missed in week {last.index}", last.planned)
    return MissedRuns("carry_on", None, None)
