"""Calendar export: a plan as standards-exact iCalendar (RFC 5545) bytes.

Every session becomes one VEVENT whose UID is derived from the session's stable slot id
(made ASCII), so re-importing a rebuilt plan updates events instead of duplicating them;
SEQUENCE is the plan's revision. Timed events carry a TZID and the VTIMEZONE they need,
limited to the plan's span; a start inside a daylight-saving gap moves to the end of the
gap, and every event lasts exactly its planned minutes of elapsed time. All-day events use
an exclusive DTEND (the next day), are free time, and remind on the morning of the day.
The file is published, not an iTIP message, so it has no METHOD.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zoneinfo
from typing import Any

from icalendar import Alarm, Calendar, Event, vText
from icalendar.enums import TRANSP

from ._version import __version__
from ._write import atomic_write
from .catalogue import Catalogue, load_catalogue
from .errors import ExportError
from .plan import Plan, Session, SessionKind
from .render import DISCLAIMER, session_text

__all__ = [
    "ascii_id",
    "drop_vtimezone_comments",
    "elapsed_end",
    "event_calendars",
    "first_valid_time",
    "session_uid",
    "to_ics",
    "write_ics",
]

_CATEGORY = {
    SessionKind.RUN: "Run",
    SessionKind.CORE: "Core strength",
    SessionKind.MOBILITY: "Mobility",
    SessionKind.CROSS_TRAINING: "Cross training",
    SessionKind.RACE: "Race",
    SessionKind.REST: "Rest",
}


#: The longest reminder, in minutes: one week.
MAX_ALARM_MINUTES = 7 * 24 * 60
#: When an all-day event's reminder fires, counted from midnight of its day: 07:00,
#: less the alarm minutes, never before midnight (so never on the evening before).
ALL_DAY_ALARM = dt.timedelta(hours=7)

_UID_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_id(text: str) -> str:
    """``text`` made ASCII for a UID: unchanged when it already is plain ASCII (letters,
    digits, ``.``, ``_`` and ``-``); else its accents dropped, other characters turned
    into ``-``, and the first 8 hex digits of its SHA-256 added, so that different ids
    never meet."""
    if not _UID_SAFE.search(text):
        return text
    import hashlib  # only for names beyond plain ASCII

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = "-".join(part for part in _UID_SAFE.sub("-", folded).split("-") if part)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def session_uid(session: Session) -> str:
    """The calendar UID of a session: its stable slot id made ASCII, and ``@runplan``."""
    return f"{ascii_id(session.id)}@runplan"


def _stamp(stamp: dt.datetime | None) -> dt.datetime:
    if stamp is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if not isinstance(stamp, dt.datetime):
        raise ExportError(f"stamp must be a date and time, not {stamp!r}.")
    if stamp.tzinfo is None:
        raise ExportError(f"stamp {stamp.isoformat()} needs a time zone (use UTC).")
    try:
        return stamp.astimezone(dt.UTC)
    except OverflowError:
        raise ExportError(f"stamp {stamp.isoformat()} is out of range in UTC.") from None


def _check(plan: Plan, alarm_minutes: int | None, include_rest: bool) -> list[Session]:
    if alarm_minutes is not None and (
        isinstance(alarm_minutes, bool)
        or not isinstance(alarm_minutes, int)
        or not 0 <= alarm_minutes <= MAX_ALARM_MINUTES
    ):
        raise ExportError(
            f"alarm_minutes must be a whole number of minutes from 0 to {MAX_ALARM_MINUTES}, "
            f"not {alarm_minutes!r}."
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
    timed = not all_day and session.start is not None
    if not timed:
        start, end = session.date, session.date + dt.timedelta(days=1)
    else:
        assert session.start is not None
        start = first_valid_time(session.date, session.start, zone)
        end = elapsed_end(start, max(session.duration_minutes, 5))
    event = Event.new(
        uid=session_uid(session),
        start=start,
        end=end,
        stamp=stamp,
        sequence=plan.revision,
        summary=session.title,
        description=session_text(session, plan.unit, catalogue),
        categories=[_CATEGORY[session.kind], "runplan"],
        # All-day entries are reminders of the day, not blocks of busy time.
        transparency=TRANSP.OPAQUE if timed else TRANSP.TRANSPARENT,
    )
    if alarm_minutes is not None and session.kind is not SessionKind.REST:
        before = dt.timedelta(minutes=alarm_minutes)
        trigger = -before if timed else max(ALL_DAY_ALARM - before, dt.timedelta(0))
        alarm = Alarm.new(description=session.title)
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def first_valid_time(day: dt.date, start: dt.time, zone: dt.tzinfo) -> dt.datetime:
    """``start`` on ``day`` in ``zone``; a time that does not exist there (inside a
    daylight-saving gap) moves to the first valid time after the gap."""
    wall = dt.datetime.combine(day, start, tzinfo=zone)
    for _ in range(48 * 60):  # the longest gaps on record skip a whole day
        if _exists(wall):
            return wall
        wall = (wall + dt.timedelta(minutes=1)).replace(second=0, microsecond=0)
    raise ExportError(f"The local time {start} on {day} does not exist in {zone}.")


def _exists(wall: dt.datetime) -> bool:
    back = wall.astimezone(dt.UTC).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


def elapsed_end(start: dt.datetime, minutes: int) -> dt.datetime:
    """The end of an event that starts at ``start`` and lasts ``minutes`` of elapsed time.

    Local when that wall time is unambiguous or its first occurrence; in UTC when it falls
    in the second pass of a repeated hour, which a local time with a TZID cannot name
    (RFC 5545 takes the first occurrence).
    """
    end_utc = start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)
    end = end_utc.astimezone(start.tzinfo)
    if end.fold and end.replace(fold=0).utcoffset() != end.utcoffset():
        return end_utc
    return end


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
        prodid=f"-//runplan//runplan {__version__}//EN", uid=f"{ascii_id(plan.id)}@runplan"
    )
    # Calendar.new(name=, description=) writes these as unknown values, with no TEXT
    # escaping (commas stay bare, a newline fails); vText escapes them.
    for name, value in (
        ("NAME", plan.profile.name),
        ("X-WR-CALNAME", plan.profile.name),
        ("DESCRIPTION", DISCLAIMER),
        ("X-WR-CALDESC", DISCLAIMER),
    ):
        calendar.add(name, vText(value))
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
    drop_vtimezone_comments(calendar)
    data: bytes = calendar.to_ical()
    return data


def drop_vtimezone_comments(calendar: Calendar) -> None:
    """Remove the COMMENT that icalendar's ``add_missing_timezones`` puts directly in each
    VTIMEZONE ("This timezone only works from ..."): RFC 5545 (3.6.5) allows COMMENT only
    inside its STANDARD and DAYLIGHT parts, and strict parsers refuse it there."""
    for zone in calendar.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)


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
