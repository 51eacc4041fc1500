"""Calendar export: standards-exact bytes that two independent parsers read back."""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from runplan import (
    ExportError,
    Plan,
    RunnerProfile,
    Session,
    SessionKind,
    build_plan,
    load_catalogue,
)
from runplan.ics import session_uid, to_ics, write_ics

from .profiles import EXAMPLES

STAMP = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(berlin_half())


def berlin_half() -> RunnerProfile:
    return RunnerProfile.model_validate(
        {**EXAMPLES["half_marathon_race"], "timezone": "Europe/Berlin"}
    )


def exported(plan: Plan, **options: object) -> list[Session]:
    include_rest = bool(options.get("include_rest"))
    return [s for s in plan.sessions() if include_rest or s.kind is not SessionKind.REST]


def lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


@pytest.mark.parametrize(
    "options", [{}, {"all_day": True}, {"alarm_minutes": 30, "include_rest": True}]
)
def test_bytes_follow_rfc5545(plan: Plan, options: dict[str, object]) -> None:
    data = to_ics(plan, stamp=STAMP, **options)  # type: ignore[arg-type]
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert b"\r" not in data.replace(b"\r\n", b"")
    stack: list[bytes] = []
    for line in lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # each physical line is valid UTF-8 on its own
        if line.startswith(b"BEGIN:"):
            stack.append(line[6:])
        elif line.startswith(b"END:"):
            assert stack.pop() == line[4:]
    assert stack == []
    text = data.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//runplan//runplan ")
    # A published file, not an iTIP message: no METHOD (RFC 5546 would need an ORGANIZER).
    assert "\r\nMETHOD:" not in text and "ORGANIZER" not in text
    assert "X-WR-CALNAME:runplan" in text


def unfold(data: bytes) -> str:
    return data.decode().replace("\r\n ", "").replace("\r\n", "\n")


def test_every_tzid_has_a_vtimezone_and_stamps_are_utc(plan: Plan) -> None:
    text = unfold(to_ics(plan, stamp=STAMP))
    tzids = set(re.findall(r";TZID=([^:;]+)", text))
    defined = set(re.findall(r"^TZID:(.+)$", text, re.M))
    assert tzids == defined == {"Europe/Berlin"}
    stamps = re.findall(r"^DTSTAMP:(.+)$", text, re.M)
    assert stamps and all(s == "20260101T120000Z" for s in stamps)


def test_icalendar_reads_it_back_without_errors(plan: Plan) -> None:
    cal = Calendar.from_ical(to_ics(plan, stamp=STAMP, alarm_minutes=15))
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    assert cal.get_missing_tzids() == set()
    events = cal.events
    sessions = exported(plan)
    assert [str(e["UID"]) for e in events] == [session_uid(s) for s in sessions]
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for event, session in zip(events, sessions, strict=True):
        assert event.end > event.start
        assert str(event["SUMMARY"]) == session.title
        assert int(event["SEQUENCE"]) == plan.revision
        assert event.walk("VALARM")[0]["TRIGGER"].dt == dt.timedelta(minutes=-15)
        categories = [str(c) for c in event.categories]
        assert all("," not in c for c in categories)


def test_independent_strict_parser_agrees(plan: Plan) -> None:
    zone = zoneinfo.ZoneInfo(plan.profile.timezone)
    cal = IcsCalendarStream.calendar_from_ics(to_ics(plan, stamp=STAMP).decode())
    sessions = exported(plan)
    assert len(cal.events) == len(sessions)
    for event, session in zip(cal.events, sessions, strict=True):
        assert event.uid == session_uid(session)
        assert event.summary == session.title
        assert event.sequence == plan.revision
        assert session.start is not None
        start = dt.datetime.combine(session.date, session.start, tzinfo=zone)
        assert event.dtstart == start
        assert event.dtend == start + dt.timedelta(minutes=session.duration_minutes)


def test_all_day_events_end_the_next_day(plan: Plan) -> None:
    cal = IcsCalendarStream.calendar_from_ics(to_ics(plan, stamp=STAMP, all_day=True).decode())
    for event, session in zip(cal.events, exported(plan), strict=True):
        assert event.dtstart == session.date
        assert event.dtend == session.date + dt.timedelta(days=1)
    assert "VALUE=DATE" in to_ics(plan, stamp=STAMP, all_day=True).decode()


def test_rest_days_are_free_all_day_events_when_asked_for(plan: Plan) -> None:
    rest = [s for s in plan.sessions() if s.kind is SessionKind.REST]
    assert rest
    assert session_uid(rest[0]).encode() not in to_ics(plan, stamp=STAMP)
    text = unfold(to_ics(plan, stamp=STAMP, include_rest=True))
    block = text.split(f"UID:{session_uid(rest[0])}")[0].rsplit("BEGIN:VEVENT", 1)[1]
    assert f"DTSTART;VALUE=DATE:{rest[0].date:%Y%m%d}" in block and "TRANSP:TRANSPARENT" in text


def test_same_plan_same_stamp_gives_identical_bytes(plan: Plan) -> None:
    assert to_ics(plan, stamp=STAMP) == to_ics(plan, stamp=STAMP)
    rebuilt = build_plan(berlin_half())
    assert to_ics(rebuilt, stamp=STAMP) == to_ics(plan, stamp=STAMP)


def test_default_stamp_is_now_in_utc(plan: Plan) -> None:
    stamps = re.findall(r"^DTSTAMP:(\d{8}T\d{6}Z)$", unfold(to_ics(plan)), re.M)
    when = dt.datetime.strptime(stamps[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    assert abs(when - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_text_with_special_characters_and_emoji_survives(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "mine.yaml",
        """
exercises:
  - id: plank
    name: "Planke, \\"Brücke\\"; Rückenschutz \\\\ 💪🏃‍♀️"
    category: core
    muscles: {primary: [transverse_abdominis]}
    spine: neutral
    dose: {sets: 3, hold_seconds: 20}
    progression: {target: 60, step: 5}
    steps: ["Unterarme auf den Boden; Körper gerade.", "Halten, atmen\\nund lösen."]
    cues: ["Bauch fest, Gesäß fest; 🧘 ruhig atmen."]
""",
    )
    cat = load_catalogue(path)
    profile = RunnerProfile.model_validate(
        {
            "name": "Zoë's plan; spring, 2026 \\ 🏃",
            "start_date": "2026-03-02",
            "weekly_distance": 20,
            "weeks": 3,
        }
    )
    plan = build_plan(profile, cat)
    data = to_ics(plan, stamp=STAMP, catalogue=cat)
    for line in lines(data):
        assert len(line) <= 75
        line.decode("utf-8")
    parsed = Calendar.from_ical(data)
    # icalendar reads NAME and X-WR-* as unknown values without unescaping, so the raw
    # lines are checked: RFC 5545 TEXT escapes for comma, semicolon and backslash.
    raw = unfold(data).splitlines()
    assert "NAME:Zoë's plan\\; spring\\, 2026 \\\\ 🏃" in raw
    assert "X-WR-CALNAME:Zoë's plan\\; spring\\, 2026 \\\\ 🏃" in raw
    from runplan.render import session_text

    core = next(s for s in plan.sessions() if s.kind is SessionKind.CORE)
    event = next(e for e in parsed.events if str(e["UID"]) == session_uid(core))
    assert str(event["DESCRIPTION"]) == session_text(core, "km", cat)
    assert 'Planke, "Brücke"; Rückenschutz \\ 💪🏃‍♀️: 3 x 20 s' in str(event["DESCRIPTION"])
    strict = IcsCalendarStream.calendar_from_ics(data.decode())
    assert next(e for e in strict.events if e.uid == session_uid(core)).description == session_text(
        core, "km", cat
    )


def test_local_times_hold_across_a_dst_change() -> None:
    profile = RunnerProfile.model_validate({**EXAMPLES["six_days_new_york"], "weeks": 3})
    plan = build_plan(profile)
    cal = IcsCalendarStream.calendar_from_ics(to_ics(plan, stamp=STAMP).decode())
    runs = [e for e in cal.events if e.summary.startswith(("Easy", "Long"))]
    offsets = {e.dtstart.utcoffset() for e in runs}
    assert offsets == {dt.timedelta(hours=-5), dt.timedelta(hours=-4)}  # EST, then EDT (8 March)
    assert {e.dtstart.time() for e in runs} == {dt.time(7, 0)}
    assert "TZID=America/New_York" in to_ics(plan, stamp=STAMP).decode()


def test_write_ics_writes_atomically(plan: Plan, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    write_ics(plan, target, stamp=STAMP)
    assert target.read_bytes() == to_ics(plan, stamp=STAMP)
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_failed_write_leaves_old_file_and_no_temp(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old calendar")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match=r"Cannot write .*plan\.ics: No space left on device"):
        write_ics(plan, target, stamp=STAMP)
    assert target.read_bytes() == b"old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics"]


def test_failure_while_serialising_leaves_old_file(plan: Plan, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old calendar")
    with pytest.raises(ExportError):
        write_ics(plan, target, stamp=dt.datetime(2026, 1, 1))  # naive: refused before writing
    assert target.read_bytes() == b"old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics"]


def test_missing_folder_is_an_export_error(plan: Plan, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"folder .*nowhere does not exist"):
        write_ics(plan, tmp_path / "nowhere" / "plan.ics", stamp=STAMP)


def test_unwritable_folder_is_an_export_error(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match=r"Cannot write .*plan\.ics: Permission denied"):
        write_ics(plan, tmp_path / "plan.ics", stamp=STAMP)


def test_empty_plan_is_an_export_error(plan: Plan) -> None:
    empty = plan.model_copy(update={"weeks": []})
    with pytest.raises(ExportError, match="has no sessions to export"):
        to_ics(empty, stamp=STAMP)


def test_session_without_a_date_is_an_export_error(plan: Plan) -> None:
    week = plan.weeks[0]
    broken = week.sessions[0].model_construct(**{**dict(week.sessions[0]), "date": None})
    bad = plan.model_copy(update={"weeks": [week.model_copy(update={"sessions": [broken]})]})
    with pytest.raises(ExportError, match="has no date"):
        to_ics(bad, stamp=STAMP)


@pytest.mark.parametrize("minutes", [-5, 1.5, True])
def test_bad_alarm_minutes_is_an_export_error(plan: Plan, minutes: object) -> None:
    with pytest.raises(ExportError, match="alarm_minutes must be a whole number"):
        to_ics(plan, stamp=STAMP, alarm_minutes=minutes)  # type: ignore[arg-type]


def test_rebuilt_plan_with_higher_revision_keeps_uids(plan: Plan) -> None:
    revised = build_plan(berlin_half()).model_copy(update={"revision": 2})
    first = Calendar.from_ical(to_ics(plan, stamp=STAMP))
    second = Calendar.from_ical(to_ics(revised, stamp=STAMP))
    assert [e["UID"] for e in first.events] == [e["UID"] for e in second.events]
    assert {int(e["SEQUENCE"]) for e in second.events} == {2}
