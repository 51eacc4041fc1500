"""Back-care advice a plan carries in words: the red flags that need a doctor, and the
tips the source articles give that are not exercises (shoes, heat, drinking)."""

from __future__ import annotations

import datetime as dt

from .plan import Plan, Session, SessionKind
from .profile import BackPain
from .rules import RED_FLAGS, SAFETY_NOTE

__all__ = [
    "DRINK_NOTE",
    "HEAT_NOTE",
    "LONG_RUN_MINUTES",
    "SHOES_NOTE",
    "back_care_warnings",
    "with_advice",
]

#: "Lower Back Pain in Runners" and "Why do you have back pain when running": footwear.
SHOES_NOTE = (
    "Run in shoes that fit and still cushion well; worn-out shoes pass more of each landing "
    "to your back."
)
#: "Lower Back Pain in Runners": hydration is part of looking after the back.
DRINK_NOTE = "Take water for a run of an hour or more, and drink again when you finish."
#: "Lower Back Pain in Runners": heat relaxes tight muscles.
HEAT_NOTE = "If your back feels stiff, warm it first with a hot shower or a heat pack."
#: Runs at least this long (warm-up and cool-down included) get the drinking note.
LONG_RUN_MINUTES = 60


def back_care_warnings(pain: BackPain) -> list[str]:
    """What a plan for a sore back says first: the red flags that need a doctor today."""
    return [] if pain is BackPain.NONE else [RED_FLAGS]


def with_advice(plan: Plan, pain: BackPain, since: dt.date | None = None) -> Plan:
    """``plan`` with the advice notes added to the sessions they belong to: shoes on the
    first run, water on runs of an hour or more, heat before stretching a sore back, and
    the red flags on every session while the back flares. Sessions before ``since`` (the
    past a re-plan keeps) stay as they were; notes already there are not repeated."""
    first_run = next((s.id for s in plan.sessions() if s.is_run), None)

    def advise(session: Session) -> Session:
        if since is not None and session.date < since:
            return session
        extra: list[str] = []
        if session.id == first_run:
            extra.append(SHOES_NOTE)
        if session.is_run and session.duration_minutes >= LONG_RUN_MINUTES:
            extra.append(DRINK_NOTE)
        if session.kind is SessionKind.MOBILITY and pain is not BackPain.NONE:
            extra.append(HEAT_NOTE)
        if pain is BackPain.FLARE:
            extra.extend([SAFETY_NOTE, RED_FLAGS])
        if not extra:
            return session  # most sessions: nothing to add
        kept = session.notes
        notes = [*kept, *(n for n in extra if n not in kept)]
        if notes == session.notes:
            return session
        changed.append(session.id)
        return session.model_copy(update={"notes": list(dict.fromkeys(notes))})

    changed: list[str] = []
    weeks = []
    for week in plan.weeks:
        before = len(changed)
        sessions = [advise(s) for s in week.sessions]
        if len(changed) > before:
            week = week.model_copy(update={"sessions": sessions})
        weeks.append(week)
    return plan.model_copy(update={"weeks": weeks})
