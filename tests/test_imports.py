"""import_plan: published plans (calendar-hack YAML, CSV) read into plans check_plan judges."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from runplan import check_plan
from runplan.cli import check_lines, main
from runplan.errors import PlanError
from runplan.imports import import_plan
from runplan.plan import Plan, RepeatStep, RunStep, RunType, SessionKind, StepKind, WeekKind
from runplan.profile import Race, Unit, Weekday

from .data.novice_marathon import WEEKS

MONDAY = dt.date(2026, 1, 5)


def write_yaml(tmp_path: Path, weeks: list[list[Any]], **top: Any) -> Path:
    data = {"units": "mi", "type": "Marathon", "name": "fixture", **top}
    data["schedule"] = [
        {"workouts": [w if isinstance(w, dict) else {"title": w} for w in week]} for week in weeks
    ]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def runs(plan: Plan) -> list[Any]:
    return [s for s in plan.sessions() if s.run is not None]


def test_distance_weeks_become_runs_on_their_days(tmp_path: Path) -> None:
    week = ["Rest", {"title": "{3:4.8} run", "distance": 3.0}, {"title": "{4:6.4} run"},
            "Rest", "Cross", {"title": "{6:9.7}", "distance": 6.0}, "Rest"]  # fmt: skip
    path = write_yaml(tmp_path, [week, week], type="")
    plan = import_plan(path, start=MONDAY)
    assert [s.kind for s in plan.weeks[0].sessions] == [
        SessionKind.REST, SessionKind.RUN, SessionKind.RUN, SessionKind.REST,
        SessionKind.CROSS_TRAINING, SessionKind.RUN, SessionKind.REST,
    ]  # fmt: skip
    tue, wed, sat = runs(plan)[:3]
    assert (tue.date, tue.distance, tue.title) == (MONDAY + dt.timedelta(days=1), 3.0, "3 mi run")
    assert wed.distance == 4.0  # from the title's {miles:km} pair
    assert sat.distance == 6.0 and Weekday.of(sat.date) is Weekday.SAT
    p = plan.profile
    assert (p.unit, p.weekly_distance, p.longest_recent_run) == (Unit.MI, 13.0, 6.0)
    assert p.run_days == [Weekday.TUE, Weekday.WED, Weekday.SAT]
    assert p.long_run_day is Weekday.SAT and p.race is None and p.weeks == 2
    assert "week 1 runs 13 mi with a longest run of 6 mi" in plan.warnings[0]


def test_time_based_run_walk_becomes_minutes_and_steps(tmp_path: Path) -> None:
    week = [
        "Rest",
        "Run 60 seconds, walk 90 seconds. Repeat 8 times",
        {"title": "Session II, Workout Time: 25 min",
         "description": "A 5-min brisk walk followed by a one-min jog and a one-min walk. "
                        "Repeat 6 times."},
        "5 minute walk, 10 minute jog, 2 minute walk, 8 minute jog, 5 minute walk",
        "Rest",
        "Walk 5km",
        "Run 1km, walk 4km",
    ]  # fmt: skip
    plan = import_plan(write_yaml(tmp_path, [week], units="km", type=""), start=MONDAY)
    repeat, session, segments, run_walk_km = (s.run for s in runs(plan))
    assert repeat is not None and repeat.type is RunType.RUN_WALK and repeat.minutes == 20
    assert repeat.steps == [
        RepeatStep(
            repeat=8,
            steps=[RunStep(kind=StepKind.RUN, minutes=1), RunStep(kind=StepKind.WALK, minutes=1.5)],
        )
    ]
    assert session is not None and session.minutes == 25
    assert session.steps[0] == RunStep(kind=StepKind.WARM_UP, minutes=5)
    assert isinstance(session.steps[1], RepeatStep) and session.steps[1].repeat == 6
    assert session.steps[-1] == RunStep(kind=StepKind.COOL_DOWN, minutes=8)  # fills 25 min
    assert segments is not None and [s.kind for s in segments.steps] == [
        StepKind.WARM_UP, StepKind.RUN, StepKind.WALK, StepKind.RUN, StepKind.COOL_DOWN,
    ]  # fmt: skip
    assert segments.minutes == 30 and segments.type is RunType.RUN_WALK
    assert run_walk_km is not None and run_walk_km.distance == 5.0
    # The distance of a timed session is estimated (8 min running at 7:30/km, 12 walking).
    assert repeat.distance == pytest.approx(8 / 7.5 + 12 / 10, abs=0.06)
    walk = plan.weeks[0].sessions[5]
    assert walk.kind is SessionKind.CROSS_TRAINING and walk.run is None
    assert plan.profile.level.value == "beginner"


def test_ranges_take_the_upper_end_with_a_note(tmp_path: Path) -> None:
    week = [
        {"title": "{5-6:8-10} easy", "distance": [5.0, 6.0]},
        {"title": "Rest or {3-5:5-8} very easy", "distance": [0.0, 4.0]},
        "Easy run: {1}-{4}",
        "Rest or Easy Run",
        "Rest",
        {"title": "{12-13:19-21} easy through rolling hills", "distance": [11.5, 12.5]},
        "Rest",
    ]
    plan = import_plan(write_yaml(tmp_path, [week], type=""), start=MONDAY)
    easy, optional, coogan, long = runs(plan)
    assert (easy.distance, easy.title) == (6.0, "5-6 mi easy")
    assert "counted at the upper end, 6 mi" in easy.notes[0]
    assert optional.distance == 4.0 and optional.notes[0].startswith("Optional")
    assert coogan.distance == 4.0
    assert long.distance == 12.5 and long.run is not None and long.run.type is RunType.EASY
    assert plan.weeks[0].sessions[3].kind is SessionKind.REST  # no distance to count


@pytest.mark.parametrize(
    ("title", "run_type", "distance", "minutes"),
    [
        ("30 tempo", RunType.TEMPO, None, 30),
        ("45 min tempo", RunType.TEMPO, None, 45),
        ("6 x 400", RunType.INTERVALS, None, None),
        ("5 x hill", RunType.HILLS, None, None),
        ("{5:8.1} pace", RunType.RACE_PACE, 5.0, None),
        ("Long run: {10}-{12}", RunType.LONG, 12.0, None),
        ("{10} Long Run", RunType.LONG, 10.0, None),
        ("{4-6:6-10} easy with 4 \u00d7 20 sec strides", RunType.STRIDES, 6.0, None),
        ("10 \u00d7 3 min at 90\u201392% 5k with 45 sec jog", RunType.INTERVALS, 7.0, None),
        ("{1} Warm Up, {10} Tempo @ Goal MP, {1} Cool Down, ({12})", RunType.TEMPO, 12.0, None),
        ("Hills: {2} WU; 8 \u00d7 400m hill at 5K effort; {1} CD", RunType.HILLS, 6.0, None),
        ("{3} Shakeout Run", RunType.RECOVERY, 3.0, None),
    ],
)
def test_run_types_come_from_titles(
    tmp_path: Path, title: str, run_type: RunType, distance: float | None, minutes: int | None
) -> None:
    item: dict[str, Any] = {"title": title}
    if "\u00d7" in title and "strides" not in title:
        item["distance"] = 7.0
    if "Hills:" in title:
        item["distance"] = 6.0
    week = ["Rest", item, "Rest", "Rest", "Rest", "{3} easy", "Rest"]
    plan = import_plan(write_yaml(tmp_path, [week], type=""), start=MONDAY)
    run = runs(plan)[0].run
    assert run is not None and run.type is run_type
    if distance is not None:
        assert run.distance == distance
    if minutes is not None:
        assert run.minutes == minutes and "estimated" in runs(plan)[0].notes[-1]
    if title == "6 x 400":  # 1.5 km warm-up and cool-down, 6 x 400 m with 200 m jogs
        assert isinstance(run.steps[1], RepeatStep) and run.steps[1].repeat == 6
        assert run.distance == pytest.approx(Unit.MI.from_km(3 + 6 * 0.6), abs=0.05)


def test_seven_run_days_keep_every_run_and_say_which_day_the_profile_drops(
    tmp_path: Path,
) -> None:
    week = ["{5} easy", "{6} easy", "{5} easy", "{4} easy", "{5} easy", "{12} long run", "{4} easy"]
    plan = import_plan(write_yaml(tmp_path, [week, week], type=""), start=MONDAY)
    assert len(runs(plan)) == 14
    assert len(plan.profile.run_days) == 6 and plan.profile.long_run_day is Weekday.SAT
    assert any("all 7 days" in w for w in plan.warnings)
    assert "rest" in {v.rule for v in check_plan(plan)}  # no rest day: a real finding


def test_the_last_workout_of_a_race_plan_is_the_race_on_race_day(tmp_path: Path) -> None:
    weeks = [
        ["Rest", "{3} run", "{3} run", "Rest", "Rest", "{6} run", "Cross"],
        [
            "Rest",
            "{3} run",
            "{2} run",
            "Rest",
            "Rest",
            {"title": "Plan Ends", "distance": 15.0},
            "Rest",
        ],
    ]
    plan = import_plan(write_yaml(tmp_path, weeks, type="Half Marathon"), start=MONDAY)
    race = plan.weeks[-1].sessions[-1]
    assert race.kind is SessionKind.RACE and race.distance == 13.1
    assert plan.profile.race is Race.HALF_MARATHON and plan.profile.race_date == race.date
    assert race.date == MONDAY + dt.timedelta(days=12)  # the Saturday; Sunday's rest dropped
    assert plan.weeks[-1].kind is WeekKind.RACE
    assert "race_day" not in {v.rule for v in check_plan(plan)}


def test_a_race_plan_without_a_race_gets_it_the_day_after_its_end(tmp_path: Path) -> None:
    week = ["Off Day", "{5} easy", "{5} easy", "Off Day", "{5} easy", "{10} easy", "{3} easy"]
    plan = import_plan(write_yaml(tmp_path, [week, week], type="Marathon"), start=MONDAY)
    assert plan.profile.race_date == MONDAY + dt.timedelta(days=14)
    assert any("names no race" in w for w in plan.warnings)


def test_a_plan_in_km(tmp_path: Path) -> None:
    week = ["Rest", {"title": "{3:4.8} run"}, "Rest", {"title": "{5:8.1} run"}, "Rest",
            {"title": "{8:12.9}"}, "Rest"]  # fmt: skip
    plan = import_plan(write_yaml(tmp_path, [week], units="km", type=""), start=MONDAY)
    assert plan.profile.unit is Unit.KM
    assert [s.distance for s in runs(plan)] == [4.8, 8.1, 12.9]
    assert runs(plan)[0].title == "4.8 km run"


def test_cutback_rhythm_is_inferred_from_the_plans_lighter_weeks(tmp_path: Path) -> None:
    longs = [6, 7, 5, 9, 10, 7, 12, 13, 10, 15]
    weeks = [["Rest", "{3} run", "{3} run", "Rest", "Rest", f"{{{x}}}", "Rest"] for x in longs]
    plan = import_plan(write_yaml(tmp_path, weeks, type=""), start=MONDAY)
    assert plan.profile.cutback_every == 3
    assert "a lighter week every 3 weeks (weeks 3, 6, 9)" in plan.warnings[0]
    assert [w.kind for w in plan.weeks[:3]] == [WeekKind.BUILD, WeekKind.BUILD, WeekKind.CUTBACK]
    assert "cutback_weeks" not in {v.rule for v in check_plan(plan)}


def test_a_plan_without_any_lighter_week_is_reported_once(tmp_path: Path) -> None:
    weeks = [["{3} run", "Rest", "{3} run", "Rest", "Rest", f"{{{5 + i * 0.5}}}", "Rest"]
             for i in range(12)]  # fmt: skip
    plan = import_plan(write_yaml(tmp_path, weeks, type=""), start=MONDAY)
    cutbacks = [v for v in check_plan(plan) if v.rule == "cutback_weeks"]
    assert len(cutbacks) == 1 and cutbacks[0].week == 5
    assert cutbacks[0].excess is not None and cutbacks[0].excess > 0
    assert cutbacks[0].message.startswith("Weeks 1 to 5 bring no lighter week")


def novice_yaml(tmp_path: Path) -> Path:
    """The Novice-1-shaped marathon plan as calendar-hack writes it: Monday rest,
    Tuesday to Thursday runs, Friday rest, Saturday long run, Sunday cross-training;
    week 8 ends with a half marathon on Sunday, week 18 with the marathon."""
    weeks = []
    for tue, wed, thu, long, sunday in WEEKS:
        days: list[Any] = ["Rest", f"{{{tue}}} run", f"{{{wed}}} run", f"{{{thu}}} run", "Rest"]
        days += ["Rest", "Half Marathon"] if sunday else [f"{{{long}}}", "Cross"]
        weeks.append(days)
    weeks[-1][-1] = "Marathon"
    return write_yaml(tmp_path, weeks, type="Marathon")


def test_novice_marathon_check_flags_the_hand_counted_spikes_with_their_size(
    tmp_path: Path,
) -> None:
    plan = import_plan(novice_yaml(tmp_path), start=MONDAY)
    assert plan.profile.weekly_distance == 15 and plan.profile.seed_longest_run == 6
    violations = check_plan(plan)
    spikes = [v for v in violations if v.rule == "single_run_spike"]
    # By hand: 7 > 6.6, 9 > 7.7, 10 > 9.9, 12 > 11, 15 > 14.4 (13.1 within 30 days),
    # 18 > 17.6, 20 > 19.8; the half marathon (13.1 <= 13.2) and the marathon are not.
    assert [v.week for v in spikes] == [2, 4, 5, 7, 10, 13, 15]
    sizes = {v.week: v.excess for v in spikes}
    assert sizes[2] == pytest.approx(7 / 6.6 - 1, abs=1e-4)
    assert sizes[4] == pytest.approx(9 / 7.7 - 1, abs=1e-4)
    assert sizes[15] == pytest.approx(20 / 19.8 - 1, abs=1e-4)
    assert "cutback_weeks" not in {v.rule for v in violations}  # it steps back every 3rd week
    lines = check_lines(plan, violations)
    load = [line for line in lines if line.split("\t")[0] in ("weekly_volume", "single_run_spike")]
    assert (
        load[0].startswith("single_run_spike\tweek 4\t") and "+17 % over the single-run" in load[0]
    )
    care = [
        line for line in lines if "warm-up" in line or line.startswith(("warm_up", "cool_down"))
    ]
    assert care == ["care\t-\t-\tno warm-ups, cool-downs or core work: `runplan plan` adds them."]
    assert not any(line.startswith(("core_strength", "psoas_every_week")) for line in lines)


def test_csv_plan_with_units_ranges_and_minutes(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text(
        "date,title,distance,minutes\n"
        "2026-03-03,Easy,5 km,\n"
        "2026-03-05,Tempo,,40\n"
        "2026-03-07,Long run,8-10 km,\n"
        "2026-03-08,Rest,,\n"
        "2026-03-10,Easy,5 km,\n"
        "2026-03-14,Long run,12 km,\n"
    )
    plan = import_plan(path)
    assert plan.profile.start_date == dt.date(2026, 3, 3) and plan.profile.unit is Unit.KM
    _easy, tempo, long, *_ = runs(plan)
    assert tempo.run is not None and tempo.run.type is RunType.TEMPO and tempo.run.minutes == 40
    assert long.distance == 10 and "upper end" in long.notes[0]
    moved = import_plan(path, start=dt.date(2026, 4, 6))
    assert runs(moved)[0].date == dt.date(2026, 4, 6)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("day,title\n2026-03-03,Easy\n", "needs the header date,title,distance,minutes"),
        ("date,title,distance\nMarch 3,Easy,5\n", "row 2, field 'date'"),
        ("date,title,distance\n2026-03-03,Easy,five\n", "row 2, field 'distance'"),
        ("date,title\n2026-03-03,0 x 400\n", "row 2, field 'title': '0 x 400' has a repeat"),
        ("date,title\n2026-03-03,150 x 400\n", "field 'title': '150 x 400' has a repeat"),
        ("date,title\n2026-03-03,0 min run 1 min walk\n", "field 'title'.* minutes value"),
        ("date,title\n2026-03-03,900 min run\n", "field 'title'.* minutes value"),
        ("date,title\n2026-03-03,bike 99999 min\n", "field 'title'.* minutes value"),
        ("date,title\n2026-03-03,{99999999} run\n", "field 'title'.* distance value"),
        (
            "date,title\n2026-03-03," + "walk 5 min run 1 min " * 20 + "repeat 999 times\n",
            "field 'title'.* repeat value",
        ),
    ],
)
def test_bad_csv_is_one_plain_error(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(PlanError, match=needle) as info:
        import_plan(path)
    assert "bad.csv" in str(info.value) and len(str(info.value)) <= 300


def test_cli_import_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = novice_yaml(tmp_path)
    out = tmp_path / "plan.json"
    assert main(["import", str(source), "--start", "2026-01-05", "-o", str(out)]) == 0
    plan = Plan.model_validate_json(out.read_text())
    assert plan.profile.race is Race.MARATHON and len(plan.weeks) == 18
    capsys.readouterr()
    assert main(["check", str(source), "--start", "2026-01-05"]) == 1
    stdout, stderr = capsys.readouterr()
    # Largest first: the 20 mi run takes over 3 hours at a beginner's cautious default pace.
    assert stdout.splitlines()[0].startswith("long_run_cap\tweek 15")
    assert any(line.startswith("single_run_spike\tweek 4") for line in stdout.splitlines())
    assert "Note: Profile inferred from the plan" in stderr
    assert main(["check", str(source), "--start", "2026-01-05", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    spikes = [v for v in report["violations"] if v["rule"] == "single_run_spike"]
    assert len(spikes) == 7 and all(v["group"] == "load" and v["excess"] > 0 for v in spikes)


def test_a_token_with_two_decimal_points_is_words_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("date,title\n2026-03-03,{1.2.3} run\n2026-03-05,{4} run\n")
    plan = import_plan(path)
    assert [s.kind for s in plan.sessions()] == [SessionKind.REST, SessionKind.RUN]


@pytest.mark.parametrize(
    ("item", "needle"),
    [
        ({"title": "run", "distance": float("nan")}, "field 'distance': nan is not a number"),
        ({"title": "run", "distance": float("inf")}, "field 'distance': inf is not a number"),
        ({"title": "run", "distance": True}, "field 'distance': True is not a number"),
        ({"title": "run", "distance": list(range(500))}, "field 'distance': .{30,45} is not"),
        ({"title": ["a", "b"], "distance": 5}, "field 'title' must be text, not a list"),
        ({"title": "run", "description": {"a": 1}}, "field 'description' must be text"),
    ],
)
def test_bad_yaml_workout_is_one_plain_error(
    tmp_path: Path, item: dict[str, Any], needle: str
) -> None:
    path = write_yaml(tmp_path, [[item, {"title": "{5:8} run"}]])
    with pytest.raises(PlanError, match=needle) as info:
        import_plan(path, start=MONDAY)
    assert "plan.yaml, week 1, day 1" in str(info.value) and len(str(info.value)) <= 300


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("deep.yaml", b"schedule: " + b"[" * 5000 + b"]" * 5000, "nests its values too deeply"),
        ("deep.json", b'{"schedule": ' + b"[" * 5000 + b"]" * 5000 + b"}", "too deeply"),
        ("nul.yaml", b"schedule:\n- \x00\n", "not valid YAML: unacceptable character"),
    ],
)
def test_unreadable_plan_data_is_one_line(
    tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanError, match=needle) as info:
        import_plan(path)
    assert "\n" not in str(info.value) and len(str(info.value)) <= 300


def test_a_plan_without_a_race_is_judged_against_its_own_peak() -> None:
    # examples/book_plan.csv names no race and builds from 18 to 28 km a week: its own peak
    # is its goal, so the builder's no-race cap (20 % over week 1) does not flag it.
    plan = import_plan(Path(__file__).resolve().parents[1] / "examples" / "book_plan.csv")
    assert plan.profile.race is None
    assert plan.profile.peak_weekly_distance == max(w.distance for w in plan.weeks)
    assert not [v for v in check_plan(plan) if v.rule == "no_race_peak"]
