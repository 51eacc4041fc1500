"""Calendar details that golden bytes alone would not pin: daylight-saving gaps and folds,
ASCII UIDs, UTC stamps, TEXT escaping on the raw lines, free all-day events with a
morning alarm, and VTIMEZONE components without a COMMENT."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from runplan import Plan, RunnerProfile, SessionKind, build_plan
from runplan.ics import (
    ascii_id,
    drop_vtimezone_comments,
    elapsed_end,
    event_calendars,
    first_valid_time,
    session_uid,
    to_ics,
)

from .dst import DST_PROFILES, changes_clock, dst_plan, timed_sessions

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
UTC = dt.UTC


def unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


def elapsed(start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    # Aware datetimes sharing a tzinfo subtract as wall times; UTC gives elapsed time.
    return end.astimezone(UTC) - start.astimezone(UTC)


@pytest.fixture(scope="module", params=sorted(DST_PROFILES))
def dst(request: pytest.FixtureRequest) -> Plan:
    plan = dst_plan(request.param)
    assert changes_clock(plan)  # the case really crosses a clock change
    return plan


def test_every_event_lasts_its_planned_minutes_across_dst(dst: Plan) -> None:
    planned = timed_sessions(dst)
    cal = Calendar.from_ical(to_ics(dst, stamp=STAMP))
    seen = 0
    for event in cal.events:
        minutes = planned[str(event["UID"])]
        length = elapsed(event["DTSTART"].dt, event["DTEND"].dt)
        assert length == dt.timedelta(minutes=minutes), str(event["UID"])
        seen += 1
    assert seen == len(planned)


def test_the_ical_package_reads_the_same_lengths(dst: Plan) -> None:
    planned = timed_sessions(dst)
    cal = IcsCalendarStream.calendar_from_ics(to_ics(dst, stamp=STAMP).decode())
    assert len(cal.events) == len(planned)
    for event in cal.events:
        assert isinstance(event.dtstart, dt.datetime) and isinstance(event.dtend, dt.datetime)
        assert elapsed(event.dtstart, event.dtend) == dt.timedelta(minutes=planned[event.uid])


def test_no_event_starts_at_a_time_that_does_not_exist(dst: Plan) -> None:
    zone = zoneinfo.ZoneInfo(dst.profile.timezone)
    for event in Calendar.from_ical(to_ics(dst, stamp=STAMP)).events:
        start = event["DTSTART"].dt.replace(tzinfo=zone)
        assert start.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == start.replace(
            tzinfo=None
        )


def test_a_run_in_the_berlin_spring_gap_starts_when_the_gap_ends() -> None:
    plan = dst_plan("berlin_spring_0230")
    lines = unfolded(to_ics(plan, stamp=STAMP))
    # 02:30 on 29 March 2026 does not exist; the first valid time after it is 03:00.
    assert "DTSTART;TZID=Europe/Berlin:20260329T030000" in lines
    assert not any("20260329T023000" in line for line in lines)


def test_an_end_in_the_second_pass_of_a_repeated_hour_is_written_in_utc() -> None:
    plan = dst_plan("berlin_autumn_0230")
    sunday = next(s for s in plan.sessions() if s.date == dt.date(2026, 10, 25) and s.is_run)
    lines = unfolded(to_ics(plan, stamp=STAMP))
    at = lines.index(f"UID:{session_uid(sunday)}")
    block = lines[at - 4 : at]
    assert "DTSTART;TZID=Europe/Berlin:20261025T023000" in block
    # 02:30 CEST is 00:30 UTC; the run's minutes later it is 02:xx again, but CET.
    end = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC) + dt.timedelta(
        minutes=sunday.duration_minutes
    )
    assert f"DTEND:{end:%Y%m%dT%H%M%S}Z" in block


@pytest.mark.parametrize(
    ("zone", "day", "wall", "expected"),
    [
        ("Europe/Berlin", "2026-03-29", "02:30", "03:00"),
        ("Europe/Berlin", "2026-03-29", "01:59", "01:59"),
        ("America/Santiago", "2026-09-06", "00:15", "01:00"),
        ("Australia/Lord_Howe", "2026-10-04", "02:15", "02:30"),
        ("Pacific/Apia", "2011-12-30", "10:00", "00:00"),  # Samoa skipped this whole day
    ],
)
def test_first_valid_time(zone: str, day: str, wall: str, expected: str) -> None:
    got = first_valid_time(
        dt.date.fromisoformat(day), dt.time.fromisoformat(wall), zoneinfo.ZoneInfo(zone)
    )
    assert got.time() == dt.time.fromisoformat(expected)


def test_elapsed_end_is_utc_only_in_a_fold() -> None:
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 10, 25, 2, 30, tzinfo=berlin)
    assert elapsed_end(start, 60).tzinfo is UTC
    assert elapsed_end(start, 60) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    later = elapsed_end(start, 120)
    assert later.tzinfo is berlin and later.time() == dt.time(3, 30)


# ---------------------------------------------------------------------- UIDs


def test_uids_are_ascii_and_keep_plain_ids() -> None:
    assert ascii_id("beginner-20260105-20260105-run") == "beginner-20260105-20260105-run"
    digest = hashlib.sha256("läufer-20260302".encode()).hexdigest()[:8]
    assert ascii_id("läufer-20260302") == f"laufer-20260302-{digest}"
    assert ascii_id("東京") == hashlib.sha256("東京".encode()).hexdigest()[:8]
    assert ascii_id("a b") != ascii_id("a/b")  # the digest keeps different ids apart


def test_exact_uid_form_for_a_non_ascii_plan_name() -> None:
    profile = RunnerProfile(
        name="Zoë läuft", start_date=dt.date(2026, 3, 2), weekly_distance=20, weeks=1
    )
    plan = build_plan(profile)
    first = next(s for s in plan.sessions() if s.kind is not SessionKind.REST)
    assert first.id.startswith("zoë-läuft-20260302-")
    slot = first.id.removeprefix("zoë-läuft-20260302-")
    assert slot.isascii()
    digest = hashlib.sha256(first.id.encode()).hexdigest()[:8]
    assert session_uid(first) == f"zoe-lauft-20260302-{slot}-{digest}@runplan"
    data = to_ics(plan, stamp=STAMP)
    uids = [line for line in unfolded(data) if line.startswith("UID:")]
    assert uids and all(line.isascii() for line in uids)
    assert f"UID:{session_uid(first)}" in uids


# ---------------------------------------------------------------------- the rest


@pytest.fixture(scope="module")
def plan() -> Plan:
    return dst_plan("berlin_spring_0230")


def test_dtstamp_is_converted_to_utc_from_a_non_utc_stamp(plan: Plan) -> None:
    tokyo = dt.datetime(2026, 1, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    lines = unfolded(to_ics(plan, stamp=tokyo))
    stamps = {line for line in lines if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20260101T003000Z"}


def test_no_method_and_no_organizer(plan: Plan) -> None:
    names = {line.split(":")[0].split(";")[0] for line in unfolded(to_ics(plan, stamp=STAMP))}
    assert "METHOD" not in names and "ORGANIZER" not in names


def test_commas_and_semicolons_are_escaped_on_the_raw_lines() -> None:
    profile = RunnerProfile(
        name="Spring, fast; fun", start_date=dt.date(2026, 3, 2), weekly_distance=20, weeks=1
    )
    lines = unfolded(to_ics(build_plan(profile), stamp=STAMP))
    assert "NAME:Spring\\, fast\\; fun" in lines
    assert "X-WR-CALNAME:Spring\\, fast\\; fun" in lines
    desc = next(line for line in lines if line.startswith("X-WR-CALDESC:"))
    assert "\\," in desc and not re.search(r"[^\\],", desc)
    for line in lines:
        if line.startswith(("SUMMARY:", "DESCRIPTION:")):
            assert not re.search(r"(?<!\\)[,;]", line.split(":", 1)[1]), line
        if line.startswith("CATEGORIES:"):
            assert all("\\" not in value for value in line[11:].split(","))


def test_vtimezone_has_no_comment(plan: Plan) -> None:
    cal = Calendar.from_ical(to_ics(plan, stamp=STAMP))
    zones = cal.walk("VTIMEZONE")
    assert zones and all("COMMENT" not in zone for zone in zones)


def test_the_workaround_is_still_needed_and_removes_only_the_vtimezone_comment() -> None:
    cal = Calendar.new(prodid="-//test//test//EN", uid="x@test")
    from icalendar import Event

    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    start = dt.datetime(2026, 3, 29, 9, tzinfo=berlin)
    cal.add_component(Event.new(uid="e@test", start=start, end=start + dt.timedelta(hours=1)))
    cal.add_missing_timezones(first_date=dt.date(2026, 3, 1), last_date=dt.date(2026, 4, 1))
    (zone,) = cal.walk("VTIMEZONE")
    # Upstream still adds it (when this fails, icalendar is fixed and the workaround can go).
    assert "COMMENT" in zone
    zone.subcomponents[0].add("COMMENT", "allowed inside STANDARD and DAYLIGHT")
    drop_vtimezone_comments(cal)
    assert "COMMENT" not in zone and "COMMENT" in zone.subcomponents[0]


def test_every_one_event_calendar_carries_its_vtimezone(plan: Plan) -> None:
    singles = event_calendars(plan, stamp=STAMP)
    assert set(singles) == set(timed_sessions(plan))
    for uid, data in singles.items():
        cal = Calendar.from_ical(data)
        (event,) = cal.events
        assert str(event["UID"]) == uid
        tzids = {
            str(event[p].params["TZID"]) for p in ("DTSTART", "DTEND") if "TZID" in event[p].params
        }
        zones = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
        assert tzids == {"Europe/Berlin"} and zones == tzids
        assert all("COMMENT" not in z for z in cal.walk("VTIMEZONE"))


def test_all_day_events_are_free_and_remind_on_the_morning_of_the_day(plan: Plan) -> None:
    cal = Calendar.from_ical(to_ics(plan, stamp=STAMP, all_day=True, alarm_minutes=30))
    assert cal.events
    for event in cal.events:
        assert str(event["TRANSP"]) == "TRANSPARENT"
        trigger = event.walk("VALARM")[0]["TRIGGER"].dt
        assert trigger == dt.timedelta(hours=6, minutes=30)  # 06:30 on the day
    big = Calendar.from_ical(to_ics(plan, stamp=STAMP, all_day=True, alarm_minutes=10_000))
    assert {e.walk("VALARM")[0]["TRIGGER"].dt for e in big.events} == {dt.timedelta(0)}


def test_timed_events_stay_busy(plan: Plan) -> None:
    cal = Calendar.from_ical(to_ics(plan, stamp=STAMP, alarm_minutes=30))
    assert {str(e["TRANSP"]) for e in cal.events} == {"OPAQUE"}
    assert {e.walk("VALARM")[0]["TRIGGER"].dt for e in cal.events} == {dt.timedelta(minutes=-30)}
