"""Activity files into the log: FIT, GPX, TCX and Strava exports, merged with a pain log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runplan import (
    LogEntry,
    LogStatus,
    Plan,
    PlanError,
    RunnerProfile,
    TrainingLog,
    Unit,
    build_plan,
    replan,
)
from runplan.cli import main
from runplan.fit import to_fit
from runplan.log import week_progress

from .activity_fixtures import (
    ACTIVITIES,
    EXPECTED,
    STRAVA_HEADER,
    committed,
    fit_activity,
    gpx_track,
    strava_csv,
    tcx_activity,
)

BERLIN = "Europe/Berlin"
PROFILE = RunnerProfile.model_validate(
    {
        "start_date": "2026-01-05",
        "weekly_distance": 25,
        "run_days": ["tue", "thu", "sat", "sun"],
        "long_run_day": "sun",
        "weeks": 12,
        "timezone": BERLIN,
    }
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(PROFILE)


def test_committed_fixtures_are_what_the_builders_make() -> None:
    for name, data in committed().items():
        assert (ACTIVITIES / name).read_bytes() == data, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_activity_file_gives_its_run(name: str) -> None:
    start, km, minutes = EXPECTED[name]
    (entry,) = TrainingLog.from_file(ACTIVITIES / name, timezone=BERLIN).entries
    assert entry.date == start.date()
    assert entry.distance == pytest.approx(km, rel=0.01)
    assert entry.minutes == pytest.approx(minutes, rel=0.01)
    assert (entry.unit, entry.session, entry.status) == (Unit.KM, "run", LogStatus.DONE)


def test_a_folder_reads_every_activity_file_and_keeps_runs_only() -> None:
    log = TrainingLog.from_file(ACTIVITIES, timezone=BERLIN)
    # The Strava export also holds a ride, a swim and a walk: they are not runs.
    assert [e.date for e in log] == [start.date() for start, _, _ in EXPECTED.values()]
    assert sum(e.distance or 0 for e in log) == pytest.approx(23.7, rel=0.01)


def test_strava_distance_comes_from_the_metres_column_not_the_athletes_unit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "activities.csv"
    path.write_text(strava_csv([("Mar 1, 2026, 7:02:11 AM", "Run", "Trail Run", 10.0, 60.0)]))
    (entry,) = TrainingLog.from_file(path).entries
    assert entry.distance == pytest.approx(10.0) and entry.date == dt.date(2026, 3, 1)


def test_utc_times_take_the_runners_zone_and_local_times_their_own(tmp_path: Path) -> None:
    late = tmp_path / "late.gpx"
    late.write_text(gpx_track(dt.datetime(2026, 1, 7, 23, 40), 5.0, 30))
    assert TrainingLog.from_file(late).entries[0].date == dt.date(2026, 1, 7)
    assert TrainingLog.from_file(late, timezone=BERLIN).entries[0].date == dt.date(2026, 1, 8)
    # A watch records the local offset: a run at 23:30 UTC in UTC-5 was on the same evening.
    fit = tmp_path / "evening.fit"
    fit.write_bytes(
        fit_activity(dt.datetime(2026, 1, 8, 0, 30, tzinfo=dt.UTC), 5, 30, utc_offset_hours=-5)
    )
    assert TrainingLog.from_file(fit, timezone=BERLIN).entries[0].date == dt.date(2026, 1, 7)


def test_rides_and_walks_in_activity_files_are_not_runs(tmp_path: Path) -> None:
    ride = tmp_path / "ride.gpx"
    ride.write_text(gpx_track(dt.datetime(2026, 1, 7, 8), 20.0, 60, kind="cycling"))
    bike = tmp_path / "bike.tcx"
    bike.write_text(tcx_activity(dt.datetime(2026, 1, 7, 8), [(20.0, 60.0)], "Biking"))
    walk = tmp_path / "walk.fit"
    walk.write_bytes(
        fit_activity(dt.datetime(2026, 1, 7, 8, tzinfo=dt.UTC), 3, 40, sport="walking")
    )
    for path in (ride, bike, walk):
        assert len(TrainingLog.from_file(path)) == 0, path


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
    '<Activities><Activity Sport="Running"><Id>&lol3;</Id></Activity></Activities>'
    "</TrainingCenterDatabase>"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
    '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&secret;</name>'
    '<trkseg><trkpt lat="0" lon="0"><time>2026-01-07T08:00:00Z</time></trkpt></trkseg></trk></gpx>'
)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("workout.fit", "WORKOUT", "not an activity"),
        ("junk.fit", b"this is not a FIT file at all", "not a FIT file"),
        ("cut.fit", "CUT", "damaged"),
        ("no_times.gpx", gpx_track(None, 5.0, 30), "no timestamps"),
        (
            "no_track.gpx",
            '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"></gpx>',
            "no track",
        ),
        ("bomb.tcx", BOMB, "entities"),
        ("xxe.gpx", XXE, "entities"),
        ("broken.tcx", "<TrainingCenterDatabase>", "not valid XML"),
        ("activities.csv", "date,session,status\n2026-01-05,run,done\n", "not a Strava export"),
        (
            "one_distance.csv",
            'Activity ID,Activity Date,Activity Type,Distance\n1,"Jan 1, 2026, 7:00:00 AM",Run,5\n',
            "metres",
        ),
        ("bad_date.csv", strava_csv([("2026-01-12 07:02", "Run", "Run", 5, 30)]), "Jan 12, 2027"),
        (
            "hour_13.csv",
            strava_csv([("Jan 12, 2027, 13:02:11 PM", "Run", "Run", 5, 30)]),
            "1 to 12",
        ),
        ("year_9999.csv", strava_csv([("Dec 31, 9999, 11:59:59 PM", "Run", "Run", 5, 30)]), "9999"),
        (
            "huge_date.csv",
            strava_csv([("Jan 12, 2027, 7:02:11 AM" + " " * 50 + "x" * 900, "R", "Run", 5, 30)]),
            "Jan 12, 2027",
        ),
        (
            "infinite_lat.gpx",
            gpx_track(dt.datetime(2026, 1, 7, 8), 5.0, 30).replace('lat="0.0000000', 'lat="inf', 1),
            "valid lat",
        ),
        (
            "nan_lon.gpx",
            gpx_track(dt.datetime(2026, 1, 7, 8), 5.0, 30).replace('lon="10.0', 'lon="nan', 1),
            "valid lat",
        ),
        (
            "no_start.tcx",
            tcx_activity(dt.datetime(2026, 1, 7, 8), [(5, 30)], "Running")
            .replace('StartTime="2026-01-07T08:00:00Z"', "")
            .replace("<Id>2026-01-07T08:00:00Z</Id>", ""),
            "no start time",
        ),
    ],
)
def test_bad_activity_files_get_one_line_naming_the_file(
    tmp_path: Path, name: str, content: str | bytes, needle: str
) -> None:
    path = tmp_path / name
    if content == "WORKOUT":
        from .test_fit import EASY

        content = to_fit(EASY)
    elif content == "CUT":
        content = committed()["tuesday.fit"][:-10]
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(PlanError) as info:
        TrainingLog.from_file(path, timezone="Europe/Berlin")
    message = str(info.value)
    assert name in message and needle in message and "\n" not in message, message
    assert len(message) <= 300


def test_a_folder_without_activity_files_is_an_error_and_links_are_not_followed(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(PlanError, match="holds no activity files"):
        TrainingLog.from_file(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.gpx"
    outside.write_text(gpx_track(dt.datetime(2026, 1, 7, 8), 5.0, 30))
    (tmp_path / "link.gpx").symlink_to(outside)
    (tmp_path / "run.gpx").write_text(gpx_track(dt.datetime(2026, 1, 9, 8), 6.0, 36))
    log = TrainingLog.from_file(tmp_path)
    assert [e.date for e in log] == [dt.date(2026, 1, 9)]


def test_merge_folds_a_pain_line_into_the_run_of_that_day() -> None:
    runs = TrainingLog.from_file(ACTIVITIES, timezone=BERLIN)
    pain = TrainingLog.from_rows(
        [
            {"date": "2026-01-06", "session": "run", "status": "done", "pain": 3, "note": "stiff"},
            {"date": "2026-01-06", "session": "core", "status": "done", "pain": 1},
            {"date": "2026-01-07", "session": "run", "status": "skipped", "note": "rain"},
        ]
    )
    merged = TrainingLog.merge(runs, pain)
    tuesday = [e for e in merged if e.date == dt.date(2026, 1, 6)]
    assert [(e.session, e.distance, e.pain) for e in tuesday] == [
        ("run", 5.0, 3),
        ("core", None, 1),
    ]
    assert tuesday[0].note == "from tuesday.fit; stiff"
    # A line on a day without a measured run is kept as it is.
    assert any(e.date == dt.date(2026, 1, 7) and e.status is LogStatus.SKIPPED for e in merged)
    assert len(merged) == len(runs) + 2


def test_entries_convert_to_the_plans_unit() -> None:
    entry = LogEntry(
        date=dt.date(2026, 1, 6), session="run", status="done", distance=8.0, unit="km"
    )
    assert entry.distance_in("mi") == pytest.approx(4.971, abs=0.001)
    assert entry.distance_in("km") == 8.0
    plain = LogEntry(date=dt.date(2026, 1, 6), session="run", status="done", distance=5.0)
    assert plain.distance_in("mi") == 5.0  # no unit: already in the plan's


def test_a_miles_plan_counts_kilometres_from_files_as_miles(tmp_path: Path) -> None:
    miles = build_plan(PROFILE.model_copy(update={"unit": Unit.MI, "weekly_distance": 16}))
    log = TrainingLog.from_file(ACTIVITIES, timezone=BERLIN)
    (week,) = week_progress(miles, log, dt.date(2026, 1, 12))
    assert week.logged == pytest.approx(23.7 / 1.609344, rel=0.01)
    assert week.runs_logged == 4


def pain_csv(tmp_path: Path, pain: int) -> Path:
    path = tmp_path / "pain.csv"
    path.write_text(
        "date,session,status,distance,pain,note\n"
        f"2026-01-10,run,done,,{pain},back tight after\n"
        "2026-01-11,run,done,,0,\n"
    )
    return path


def test_replan_from_a_folder_of_activities_and_a_pain_log(plan: Plan, tmp_path: Path) -> None:
    today = dt.date(2026, 1, 12)
    runs = TrainingLog.from_file(ACTIVITIES, timezone=BERLIN)
    calm = replan(
        plan, TrainingLog.merge(runs, TrainingLog.from_file(pain_csv(tmp_path, 0))), today
    )
    sore = replan(
        plan, TrainingLog.merge(runs, TrainingLog.from_file(pain_csv(tmp_path, 7))), today
    )
    assert not any("back pain" in c for c in calm.changes)
    assert sore.changes[0] == "Reason: back pain was 7/10 on Saturday 10 January."
    # The pain lines were folded into the runs: no day counts a run twice.
    (week,) = week_progress(
        plan, TrainingLog.merge(runs, TrainingLog.from_file(pain_csv(tmp_path, 7))), today
    )
    assert week.logged == pytest.approx(23.7, rel=0.01) and week.pain == 7
    # Without the files the same pain log counts the planned distances and finds the same flare.
    planned_only = replan(plan, TrainingLog.from_file(pain_csv(tmp_path, 7)), today)
    assert planned_only.changes[0] == "Reason: back pain was 7/10 on Saturday 10 January."


def test_cli_replan_and_status_take_several_logs(
    plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(plan.model_dump_json())
    pain = pain_csv(tmp_path, 7)
    out = tmp_path / "new.json"
    args = [str(plan_path), str(ACTIVITIES), str(pain), "--today", "2026-01-12"]
    assert main(["replan", *args, "-o", str(out)]) == 0
    assert "back pain was 7/10" in capsys.readouterr().err
    assert Plan.model_validate_json(out.read_text()).revision == 2
    assert main(["status", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["week", "starts", "planned", "logged", "runs", "back", "pain"]
    planned = sum(s.distance for s in plan.weeks[0].sessions if s.kind.value == "run")
    assert lines[1].split()[:8] == [
        "1", "2026-01-05", f"{planned:g}", "km", "23.7", "km", "4/4", "7/10"
    ]  # fmt: skip


def test_log_add_creates_then_appends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "log.csv"
    assert (
        main(["log", "add", "2026-01-06", "--distance", "5.5", "--pain", "2", "--file", str(path)])
        == 0
    )
    assert (
        main(
            [
                "log",
                "add",
                "2026-01-07",
                "--session",
                "core",
                "--note",
                "plank, bridge",
                "--file",
                str(path),
            ]
        )
        == 0
    )
    assert path.read_text() == (
        "date,session,status,distance,pain,note\n"
        "2026-01-06,run,done,5.5,2,\n"
        '2026-01-07,core,done,,,"plank, bridge"\n'
    )
    log = TrainingLog.from_file(path)
    assert [(e.distance, e.pain, e.note) for e in log] == [
        (5.5, 2, ""),
        (None, None, "plank, bridge"),
    ]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["2026-01-08", "--pain", "11"], "'pain'"),
        (["2026-01-08", "--status", "maybe"], "done, skipped or partial"),
        (["2026-02-30"], "'date'"),
        (["2026-01-08", "--distance", "-3"], "'distance'"),
    ],
)
def test_log_add_refuses_bad_values_and_leaves_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], needle: str
) -> None:
    path = tmp_path / "log.csv"
    path.write_text("date,session,status\n2026-01-06,run,done")
    before = path.read_bytes()
    assert main(["log", "add", *args, "--file", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1, err
    assert path.read_bytes() == before


def test_log_add_refuses_a_file_that_is_not_a_log_or_lacks_a_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strava = tmp_path / "other.csv"
    strava.write_text(STRAVA_HEADER + "\n")
    assert main(["log", "add", "2026-01-08", "--file", str(strava)]) == 2
    assert "header row" in capsys.readouterr().err
    short = tmp_path / "short.csv"
    short.write_text("date,session,status\n")
    assert main(["log", "add", "2026-01-08", "--pain", "2", "--file", str(short)]) == 2
    assert "no 'pain' column" in capsys.readouterr().err
    assert main(["log", "add", "2026-01-08", "--file", str(short)]) == 0
    assert short.read_text() == "date,session,status\n2026-01-08,run,done\n"


def test_gpx_times_without_an_offset_are_utc_beside_times_with_one(tmp_path: Path) -> None:
    text = gpx_track(dt.datetime(2026, 1, 7, 23, 50), 5.0, 30)
    first = text.index("Z</time>")
    path = tmp_path / "mixed.gpx"
    path.write_text(text[:first] + text[first + 1 :])  # the first time has no "Z"
    (entry,) = TrainingLog.from_file(path, timezone="Europe/Berlin").entries
    assert entry.date == dt.date(2026, 1, 8) and entry.minutes == pytest.approx(30, rel=0.01)


def test_a_huge_bad_value_in_a_log_row_is_cut_short_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("date,session,status,distance\n2026-01-05,run,done," + "9" * 5000 + "\n")
    with pytest.raises(PlanError, match=r"Row 1 of the training log log.csv .* 'distance'") as info:
        TrainingLog.from_file(path)
    assert len(str(info.value)) <= 300
