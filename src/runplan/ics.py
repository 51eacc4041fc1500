"""Calendar export: a plan as standards-exact iCalendar (RFC 5545) bytes.

Every session becomes one VEVENT whose UID is derived from the session's stable slot id,
so re-importing a rebuilt plan updates events instead of duplicating them; SEQUENCE is the
plan's revision. Timed events carry a TZID and the VTIMEZONE they need, limited to the
plan's span; all-day events use an exclusive DTEND (the next day).
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from typing import Any

from icalendar import Alarm, Calendar, Event
from icalendar.enums import TRANSP

from ._io import atomic_write
from ._version import __version__
from .catalogue import Catalogue, load_catalogue
from .errors import ExportError
from .plan import Plan, Session, SessionKind
from .render import DISCLAIMER, session_text

__all__ = ["event_calendars", "session_uid", "to_ics", "write_ics"]

_CATEGORY = {
    SessionKind.RUN: "Run",
    SessionKind.CORE: "Core strength",
    SessionKind.MOBILITY: "Mobility",
    SessionKind.CROSS_TRAINING: "Cross training",
    SessionKind.RACE: "Race",
    SessionKind.REST: "Rest",
}


def session_uid(session: Session) -> str:
    """The calendar UID of a session: its stable slot id and ``@runplan``."""
    return f"{session.id}@runplan"


def _stamp(stamp: dt.datetime | None) -> dt.datetime:
    if stamp is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if not isinstance(stamp, dt.datetime):
        raise ExportError(f"stamp must be a date and time, not {stamp!r}.")
    if stamp.tzinfo is None:
        raise ExportError(f"stamp {stamp.isoformat()} needs a time zone (use UTC).")
    return stamp.astimezone(dt.UTC)


def _check(plan: Plan, alarm_minutes: int | None, include_rest: bool) -> list[Session]:
    if alarm_minutes is not None and (
        isinstance(alarm_minutes, bool) or not isinstance(alarm_minutes, int) or alarm_minutes < 0
    ):
        raise ExportError(
            f"alarm_minutes must be a whole number of minutes, 0 or more, not {alarm_minutes!r}."
        )
    sessions = [s for s in plan.sessions() if include_rest or s.kind is not SessionKind.REST]
    for session in sessions:
        if getattr(session, "date", None) is None:
            raise ExportError(f"Session '{session.id}' of plan '{plan.id}' has no date.")
    if not sessions:
        raise ExportError(f"Plan '{plan.id}' has no sessions to export.")
    return sessions


def _event(
    session: Session,
    plan: Plan,
    catalogue: Catalogue,
    *,
    zone: dt.tzinfo,
    stamp: dt.datetime,
    all_day: bool,
    alarm_minutes: int | None,
) -> Event:
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    if all_day or session.start is None:
        start, end = session.date, session.date + dt.timedelta(days=1)
    else:
        start = dt.datetime.combine(session.date, session.start, tzinfo=zone)
        minutes = max(session.duration_minutes, 5)
        # Wall-clock arithmetic keeps the local end time right across a DST change.
        end = start + dt.timedelta(minutes=minutes)
    event = Event.new(
        uid=session_uid(session),
        start=start,
        end=end,
        stamp=stamp,
        sequence=plan.revision,
        summary=session.title,
        description=session_text(session, plan.unit, catalogue),
        categories=[_CATEGORY[session.kind], "runplan"],
        transparency=TRANSP.TRANSPARENT if session.kind is SessionKind.REST else TRANSP.OPAQUE,
    )
    if alarm_minutes is not None and session.kind is not SessionKind.REST:
        alarm = Alarm.new(description=session.title)
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
    return event


def to_ics(
    plan: Plan,
    *,
    alarm_minutes: int | None = None,
    all_day: bool = False,
    include_rest: bool = False,
    stamp: dt.datetime | None = None,
    catalogue: Catalogue | None = None,
) -> bytes:
    """The plan as iCalendar bytes (CRLF line endings, lines folded at 75 octets).

    Parameters:
        plan: the plan to export.
        alarm_minutes: add a display alarm this many minutes before each session.
        all_day: export every session as an all-day event instead of at its start time.
        include_rest: export rest days too (as free, all-day events).
        stamp: the DTSTAMP of every event (UTC); default: now. Fix it for identical bytes.
        catalogue: the exercises the plan refers to (default: the built-in catalogue).

    Returns:
        The calendar, ready to write to a ``.ics`` file.

    Raises:
        ExportError: the plan has nothing to export, a session has no date,
            ``alarm_minutes`` is negative, or ``stamp`` has no time zone.
    """
    sessions = _check(plan, alarm_minutes, include_rest)
    when = _stamp(stamp)
    cat = catalogue if catalogue is not None else load_catalogue()
    zone = zoneinfo.ZoneInfo(plan.profile.timezone)
    calendar = Calendar.new(
        name=plan.profile.name,
        prodid=f"-//runplan//runplan {__version__}//EN",
        method="PUBLISH",
        uid=f"{plan.id}@runplan",
        description=DISCLAIMER,
    )
    for session in sessions:
        calendar.add_component(
            _event(
                session,
                plan,
                cat,
                zone=zone,
                stamp=when,
                all_day=all_day,
                alarm_minutes=alarm_minutes,
            )
        )
    first = min(s.date for s in sessions)
    last = max(s.date for s in sessions) + dt.timedelta(days=2)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = calendar.to_ical()
    return data


def event_calendars(plan: Plan, **options: Any) -> dict[str, bytes]:
    """One small calendar per event, keyed by UID, for CalDAV servers that store each event
    as its own resource. Each holds the event and the VTIMEZONE it needs.

    Takes the same keyword options as :func:`to_ics` and raises the same errors.
    """
    full = Calendar.from_ical(to_ics(plan, **options))
    zones = {str(tz["TZID"]): tz for tz in full.walk("VTIMEZONE")}
    out: dict[str, bytes] = {}
    for event in full.events:
        single = Calendar.new(prodid=str(full["PRODID"]), uid=str(event["UID"]))
        for tzid in sorted({str(p.params["TZID"]) for p in _dated(event) if "TZID" in p.params}):
            single.add_component(zones[tzid])
        single.add_component(event)
        out[str(event["UID"])] = single.to_ical()
    return out


def _dated(event: Event) -> list[Any]:
    return [event[name] for name in ("DTSTART", "DTEND") if name in event]


def write_ics(plan: Plan, path: str | os.PathLike[str], **options: Any) -> None:
    """Write :func:`to_ics` to ``path`` atomically; a failure leaves any old file as it was.

    Takes the same keyword options as :func:`to_ics`.

    Raises:
        ExportError: as :func:`to_ics`, or the folder does not exist or is not writable.
    """
    atomic_write(path, to_ics(plan, **options), ExportError)
