"""A real CalDAV server (Radicale) accepts the export, and a rebuilt plan updates events
instead of duplicating them. Skip with --no-caldav."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import caldav
import pytest

from runplan import Plan, RunnerProfile, SessionKind, build_plan
from runplan.ics import event_calendars, session_uid

from .dst import DST_PROFILES, dst_plan, timed_sessions
from .profiles import EXAMPLES

pytestmark = pytest.mark.caldav
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A Radicale server on 127.0.0.1, a free port, temp storage and no auth."""
    port = free_port()
    log = (tmp_path / "radicale.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--storage-filesystem-folder",
            str(tmp_path / "storage"),
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    raise RuntimeError(
                        "Radicale did not start: " + (tmp_path / "radicale.log").read_text()
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def upload(calendar: Any, plan: Plan) -> None:
    """PUT each event as its own resource, named by its UID (plain CalDAV HTTP, so the
    bytes the server stores are exactly runplan's)."""
    base = str(calendar.url).rstrip("/")
    for uid, data in event_calendars(plan, stamp=STAMP).items():
        request = urllib.request.Request(
            f"{base}/{urllib.parse.quote(uid)}.ics",
            data=data,
            method="PUT",
            headers={"Content-Type": "text/calendar; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (201, 204)


def stored(calendar: Any, plan: Plan) -> dict[str, Any]:
    first = plan.weeks[0].start
    last = plan.profile.end_date + dt.timedelta(days=1)
    found = calendar.search(
        start=dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC),
        end=dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC),
        event=True,
        expand=False,
    )
    return {str(e.icalendar_component["UID"]): e.icalendar_component for e in found}


def test_twelve_week_plan_imports_and_reimports_without_duplicates(radicale: str) -> None:
    profile = RunnerProfile.model_validate(
        {**EXAMPLES["six_days_new_york"], "weeks": 12, "name": "caldav test"}
    )
    plan = build_plan(profile)
    client = caldav.DAVClient(url=radicale, username="runner", password="unused")
    calendar = client.principal().make_calendar(name="runplan", cal_id="runplan")
    upload(calendar, plan)

    sessions = [s for s in plan.sessions() if s.kind is not SessionKind.REST]
    events = stored(calendar, plan)
    assert len(events) == len(sessions)
    assert set(events) == {session_uid(s) for s in sessions}
    zone = zoneinfo.ZoneInfo(profile.timezone)
    for session in sessions:
        assert session.start is not None
        expected = dt.datetime.combine(session.date, session.start, tzinfo=zone)
        assert events[session_uid(session)].start == expected
        assert int(events[session_uid(session)]["SEQUENCE"]) == 1

    rebuilt = build_plan(profile).model_copy(update={"revision": 2})
    upload(calendar, rebuilt)
    again = stored(calendar, plan)
    assert len(again) == len(sessions)
    assert {int(e["SEQUENCE"]) for e in again.values()} == {2}
    assert len(calendar.events()) == len(sessions)


def test_replanned_calendar_replaces_events_and_drops_removed_slots(radicale: str) -> None:
    import runplan
    from runplan import TrainingLog

    profile = RunnerProfile.model_validate(
        {**EXAMPLES["back_pain_mild"], "weeks": 6, "name": "replan"}
    )
    plan = build_plan(profile)
    client = caldav.DAVClient(url=radicale, username="runner", password="unused")
    calendar = client.principal().make_calendar(name="replan", cal_id="replan")
    upload(calendar, plan)
    today = profile.start_date + dt.timedelta(days=14)
    rows = [
        {"date": s.date, "session": s.id, "status": "done", "distance": s.distance, "pain": 0}
        for s in plan.sessions()
        if s.kind is SessionKind.RUN and s.date < today
    ]
    rows[-1]["pain"] = 8  # a flare: runs dropped, cross training added
    new = runplan.replan(plan, TrainingLog.from_rows(rows), today)
    old_uids = set(event_calendars(plan, stamp=STAMP))
    new_uids = set(event_calendars(new, stamp=STAMP))
    assert old_uids - new_uids and new_uids - old_uids
    upload(calendar, new)
    base = str(calendar.url).rstrip("/")
    for uid in old_uids - new_uids:  # a calendar sync deletes slots that are gone
        request = urllib.request.Request(f"{base}/{urllib.parse.quote(uid)}.ics", method="DELETE")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (200, 204)
    events = stored(calendar, new)
    assert set(events) == new_uids
    assert len(calendar.events()) == len(new_uids)
    assert {int(e["SEQUENCE"]) for e in events.values()} == {new.revision}


def test_radicale_stores_dst_plans_with_exact_lengths(radicale: str) -> None:
    client = caldav.DAVClient(url=radicale, username="runner", password="unused")
    for name in sorted(DST_PROFILES):
        plan = dst_plan(name)
        calendar = client.principal().make_calendar(name=name, cal_id=name.replace("_", "-"))
        upload(calendar, plan)
        planned = timed_sessions(plan)
        found = calendar.search(  # a day either side: late runs end on the next UTC day
            start=dt.datetime.combine(plan.weeks[0].start, dt.time(), tzinfo=dt.UTC)
            - dt.timedelta(days=1),
            end=dt.datetime.combine(plan.profile.end_date, dt.time(), tzinfo=dt.UTC)
            + dt.timedelta(days=2),
            event=True,
            expand=False,
        )
        events = {str(e.icalendar_component["UID"]): e.icalendar_component for e in found}
        assert set(events) == set(planned), name
        for uid, event in events.items():
            start = event["DTSTART"].dt.astimezone(dt.UTC)
            end = event["DTEND"].dt.astimezone(dt.UTC)
            assert end - start == dt.timedelta(minutes=planned[uid]), (name, uid)
