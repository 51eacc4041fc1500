"""Re-planning: keep what is past, rebuild the rest from what was actually run.

``replan(plan, log, today)`` keeps every session before ``today`` exactly as planned and
rebuilds the rest with ``revision + 1``. The rules that read the log (a painful back,
missed runs) live in runplan.rules; the limits of the rebuilt weeks come from the smaller
of the planned and the logged distance on each day, so the new plan neither breaks a rule
as written nor grows faster than the runner's real running allows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from . import rules
from .catalogue import BackPain, Catalogue, load_catalogue
from .errors import PlanError
from .log import LogEntry, LogStatus, TrainingLog
from .plan import Plan, Session, SessionKind
from .render import day_name, fmt_distance
from .rules.log_signals import PAIN_FREE_RUNS
from .scheduler import Adjust, _Builder

__all__ = ["FLARE_LASTS", "replan"]

_REPORTED = (SessionKind.RUN, SessionKind.RACE, SessionKind.CROSS_TRAINING)


def _is_run(entry: LogEntry, run_ids: set[str]) -> bool:
    if entry.is_pain_note:  # only how the back felt: no run, no distance
        return False
    return entry.session in ("run", "race") or entry.session in run_ids


def replan(
    plan: Plan, log: TrainingLog, today: dt.date, catalogue: Catalogue | None = None
) -> Plan:
    """Rebuild the plan from ``today`` on, in the light of the training log.

    Parameters:
        plan: the current plan (as built or last re-planned).
        log: what happened; entries name a session id or a kind (``run``, ``core`` ...).
            A planned run with no entry counts as not run.
        today: sessions before this day are kept exactly as planned.
        catalogue: the exercises (default: the built-in catalogue).

    Returns:
        The new plan, ``revision + 1``, with ``changes`` saying what changed and why.

    Raises:
        PlanError: ``today`` is after the plan's last day.
    """
    profile = plan.profile
    if today > profile.end_date:
        raise PlanError(
            f"Plan '{plan.id}' ended on {profile.end_date}; there is nothing left to re-plan "
            f"on {today}."
        )
    today = max(today, profile.start_date)
    cat = catalogue if catalogue is not None else load_catalogue()
    entries = log.before(today)
    runs_planned = {s.id: s for s in plan.sessions() if s.kind is SessionKind.RUN}
    run_ids = set(runs_planned)
    run_on: dict[dt.date, Session] = {}
    planned_on: dict[dt.date, float] = defaultdict(float)
    for s in runs_planned.values():
        run_on.setdefault(s.date, s)
        planned_on[s.date] += s.distance
    actual_on: dict[dt.date, float] = defaultdict(float)
    done_ids: set[str] = set()
    for entry in entries:
        if not _is_run(entry, run_ids):
            continue
        session = runs_planned.get(entry.session) or run_on.get(entry.date)
        # In the plan's unit: activity files log km, a miles plan plans miles.
        actual_on[entry.date] += entry.ran(session.distance if session else 0.0, plan.unit)
        if session is not None and entry.status is not LogStatus.SKIPPED:
            done_ids.add(session.id)

    def counted(day: dt.date) -> float:
        return min(planned_on.get(day, 0.0), actual_on.get(day, 0.0))

    current = profile.week_index(today) - 1  # whole weeks before today's week
    history = [profile.start_volume]
    records = []
    for week in plan.weeks[:current]:
        days = [week.start + dt.timedelta(days=k) for k in range(7)]
        history.append(sum(counted(d) for d in days))
        week_runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
        records.append(
            rules.WeekRecord(
                index=week.index,
                runs_planned=len(week_runs),
                runs_done=sum(s.id in done_ids for s in week_runs),
                planned=sum(s.distance for s in week_runs),
                actual=sum(actual_on.get(d, 0.0) for d in days),
            )
        )
    week_start = profile.start_date + dt.timedelta(days=7 * current)
    before = [week_start + dt.timedelta(days=k) for k in range((today - week_start).days)]
    run_days = sorted({d for d in planned_on if d < today})
    logged = [
        rules.LoggedDay(e.date, e.pain, _is_run(e, run_ids), e.status is not LogStatus.SKIPPED)
        for e in entries
    ]

    flare = rules.pain_flare(logged, today)
    hold_reason = rules.pain_hold(logged, today)
    missed = rules.missed_runs(records, profile.start_volume)
    hold: float | None = None
    reason = "it now builds on what you actually ran"
    if missed.action != "carry_on":
        hold = missed.cap
        reason = missed.reason or reason
    if hold_reason is not None and flare is None:
        last = history[-1]  # history[0] is the start volume
        hold = last if hold is None else min(hold, last)
        reason = hold_reason
    if flare is not None:
        reason = flare
    elif profile.back_pain is BackPain.FLARE:
        settled = rules.flare_settled(logged, today)
        if settled is not None:
            # The back has settled: the rest is planned as for a sore back, which lets the
            # volume climb back toward the usual week and keeps spine-neutral core work.
            profile = profile.model_copy(update={"back_pain": BackPain.MILD})
            reason = settled
    adjust = Adjust(
        today=today,
        old=plan,
        history=history,
        runs=[(d, counted(d)) for d in run_days if counted(d) > 0],
        current_done=sum(max(planned_on.get(d, 0.0), actual_on.get(d, 0.0)) for d in before),
        current_counted=sum(counted(d) for d in before),
        flare=flare is not None,
        usual=max(history[-4:]),
        hold=hold,
        restart=missed.action == "step_back",
    )
    rebuilt = _Builder(profile, cat, adjust).build()
    changes = _changes(plan, rebuilt, today)
    if changes:
        changes.insert(0, f"Reason: {reason}.")
        if flare is not None:
            changes.insert(1, FLARE_LASTS)
    return rebuilt.model_copy(update={"revision": plan.revision + 1, "changes": changes})


_COUNT = {1: "one", 2: "two", 3: "three"}
#: What a flare means for the weeks ahead, said once after the reason.
FLARE_LASTS = (
    f"The plan stays eased until a re-plan sees {_COUNT[PAIN_FREE_RUNS]} pain-free runs (0/10); "
    "re-plan after each run."
)


def _changes(old: Plan, new: Plan, today: dt.date) -> list[str]:
    """One short sentence per run, race or cross-training session that changed, each
    starting "Week N:", in date order; the reason is said once, before them."""
    unit = new.unit
    week_of = {s.id: w.index for w in [*old.weeks, *new.weeks] for s in w.sessions}
    before = {s.id: s for s in old.sessions() if s.date >= today and s.kind in _REPORTED}
    after = {s.id: s for s in new.sessions() if s.date >= today and s.kind in _REPORTED}
    out: list[tuple[dt.date, str]] = []
    for sid, was in before.items():
        now = after.get(sid)
        week = week_of[sid]
        if now is None:
            text = f"{_lower(was.title)} on {day_name(was.date)} dropped."
            out.append((was.date, f"Week {week}: {text}"))
        elif now.title != was.title:
            out.append((was.date, f"Week {week}: {_changed(was, now, unit)}"))
    for sid, now in after.items():
        if sid not in before:
            text = f"{_lower(now.title)} added on {day_name(now.date)}."
            out.append((now.date, f"Week {week_of[sid]}: {text}"))
    return [text for _, text in sorted(out, key=lambda pair: pair[0])]


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:]


def _changed(was: Session, now: Session, unit: str) -> str:
    if was.run is not None and now.run is not None and was.run.type == now.run.type:
        verb = "cut" if now.run.distance < was.run.distance else "raised"
        label = was.title.rsplit(" ", 2)[0]
        return (
            f"{_lower(label)} on {day_name(was.date)} {verb} from "
            f"{fmt_distance(was.run.distance)} to {fmt_distance(now.run.distance)} {unit}."
        )
    return f"{_lower(was.title)} on {day_name(was.date)} becomes {_lower(now.title)}."
