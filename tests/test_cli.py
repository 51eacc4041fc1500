"""The runplan command: every command and every error path, through main()."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from runplan import Plan, RunnerProfile, __version__, build_plan
from runplan.cli import EXAMPLES, example_profile, main

from .conftest import ROOT
from .profiles import example


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def run_exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """For argparse paths that end in SystemExit (usage errors, --help, --version)."""
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(info.value.code or 0), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_exit(capsys, "--version")
    assert code == 0 and out.strip() == f"runplan {__version__}"


@pytest.mark.parametrize("command", [[], ["plan"], ["exercises"], ["exercise"], ["check"]])
def test_help_on_every_command_has_an_example(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, _ = run_exit(capsys, *command, "--help")
    assert code == 0 and "Example: runplan" in out


def test_plan_example_writes_a_valid_calendar_and_a_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    code, out, err = run(capsys, "plan", "--example", "-o", str(target))
    assert code == 0 and out == ""
    cal = Calendar.from_ical(target.read_bytes())
    assert len(cal.events) > 0 and all(not c.errors for c in cal.walk())
    first = min(e.start for e in cal.events)
    assert first.weekday() == 0 and first.date() > dt.date.today()  # next Monday
    assert "Wrote" in err and "12 weeks" in err and "week  4" in err and "cutback" in err
    assert "36 runs" in err and "core" in err and "mobility" in err


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_bundled_example_builds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    target = tmp_path / "plan.json"
    code, _, err = run(
        capsys, "plan", "--example", name, "--start", "2026-06-01", "-o", str(target)
    )
    assert code == 0, err
    plan = Plan.model_validate_json(target.read_text())
    assert plan.weeks[0].start == dt.date(2026, 6, 1)
    assert plan == build_plan(example_profile(name, dt.date(2026, 6, 1)))


def test_plan_from_profile_to_stdout_in_each_format(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    profile = str(ROOT / "examples" / "beginner.yaml")
    assert main(["plan", profile, "--format", "json"]) == 0
    out = capsysbinary.readouterr().out
    assert Plan.model_validate_json(out) == build_plan(
        example_profile("beginner", dt.date(2026, 1, 5))
    )
    assert main(["plan", profile, "--format", "md"]) == 0
    md = capsysbinary.readouterr().out.decode()
    assert md.startswith("# First steps") and "not medical advice" in md and "## Week 12" in md
    stream = ["-o", "-", "--stamp", "2026-01-01T00:00:00Z", "--alarm", "20", "--all-day"]
    assert main(["plan", profile, *stream]) == 0
    ics = capsysbinary.readouterr().out
    assert b"DTSTAMP:20260101T000000Z" in ics and b"TRIGGER:PT6H40M" in ics and b"VALUE=DATE" in ics


def test_plan_output_format_follows_the_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = str(ROOT / "examples" / "back_flare.yaml")
    for suffix in ("ics", "json", "md", "html"):
        target = tmp_path / f"plan.{suffix}"
        assert run(capsys, "plan", profile, "-o", str(target))[0] == 0
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert json.loads((tmp_path / "plan.json").read_text())["revision"] == 1
    assert (tmp_path / "plan.md").read_text().startswith("# Back on track")
    assert (tmp_path / "plan.html").read_text().startswith("<!DOCTYPE html>")


def test_plan_with_own_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    code, _, _ = run(
        capsys, "plan", str(ROOT / "examples" / "back_flare.yaml"),
        "--catalogue", str(ROOT / "examples" / "my_exercises.yaml"), "-o", str(target),
    )  # fmt: skip
    assert code == 0 and "Cycling (spin class)" in target.read_text()


def test_exercises_table_filters_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "exercises", "--category", "core", "--equipment", "exercise_ball")
    assert code == 0 and "ball_pike" in out and "3 x 10 reps" in out and "plank " not in out
    code, out, _ = run(capsys, "exercises", "--json", "--level", "advanced")
    data = json.loads(out)
    assert code == 0 and data and all(e["level"] == "advanced" for e in data)
    code, out, _ = run(capsys, "exercises")
    assert len(out.strip().splitlines()) == 44  # header and 43 exercises
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "single_leg_t_balance_medicine_ball " in out  # ids are never cut


def test_exercise_shows_everything(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "exercise", "Spiderman")
    assert code == 0
    for needle in ("Spiderman plank (spiderman_plank)", "Dose: 2 x 6 reps per side", "Steps:",
                   "Cues:", "Cautions:", "before a run", "Sources: How to Prevent Back Pain While Running"):  # fmt: skip
        assert needle in out


def test_unknown_exercise_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "exercise", "plnak")
    assert code == 2 and out == ""
    assert (
        err.strip()
        == "runplan: error: Unknown exercise 'plnak'. Did you mean: plank, side_plank, kneeling_plank?"
    )


def test_check_a_good_plan_and_a_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(build_plan(example("miles")).model_dump_json())
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and "No rule broken" in out
    code, out, _ = run(capsys, "check", str(ROOT / "examples" / "half_marathon_miles.yaml"))
    assert code == 0 and "No rule broken" in out


def test_check_a_plan_with_violations_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = build_plan(example("miles")).model_dump(mode="json")
    for s in data["weeks"][0]["sessions"]:
        if s["run"]:
            s["run"]["distance"] = 30
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data))
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    line = next(line for line in out.splitlines() if line.startswith("single_run_spike"))
    _rule, week, date, message = line.split("\t")
    assert week == "week 1" and dt.date.fromisoformat(date) and "30 mi" in message
    assert "rule violations" in err


ERRORS = [
    (["plan"], "Give a profile file or --example"),
    (["plan", "x.yaml", "--example"], "not both"),
    (["plan", "missing.yaml"], "missing.yaml does not exist"),
    (["plan", "--example", "nope"], "invalid choice: 'nope'"),
    (["plan", "--example", "--alarm", "-5"], "not a whole number of minutes"),
    (["plan", "--example", "--start", "2026-13-01"], "not a date like"),
    (["plan", "--example", "--stamp", "yesterday"], "not a time like"),
    (["plan", "--example", "--format", "pdf"], "invalid choice: 'pdf'"),
    (["plan", "--example", "--catalogue", "missing.yaml"], "missing.yaml does not exist"),
    (["exercises", "--category", "cardio"], "invalid choice: 'cardio'"),
    (["check", "missing.json"], "missing.json does not exist"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
]


@pytest.mark.parametrize(("argv", "needle"), ERRORS)
def test_error_paths_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    try:
        code, _out, err = run(capsys, *argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
        _out, err = capsys.readouterr()
    assert code == 2 and needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_bad_profile_and_bad_plan_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("start_date: 2026-01-05\nweekly_distance: 10\nrun_days: [mon]\n")
    code, _, err = run(capsys, "plan", str(bad))
    assert (
        code == 2
        and err.startswith("runplan: error: The profile bad.yaml")
        and len(err.splitlines()) == 1
    )
    plan = tmp_path / "plan.json"
    plan.write_text('{"weeks": [], "profile": {}}')
    code, _, err = run(capsys, "check", str(plan))
    assert code == 2 and "plan.json" in err and len(err.splitlines()) == 1
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    code, _, err = run(capsys, "check", str(broken))
    assert code == 2 and "not valid JSON at line 1" in err


def test_unwritable_output_is_an_error_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "plan", "--example", "-o", str(tmp_path / "no" / "plan.ics"))
    assert code == 2 and "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_python_dash_m_runplan_works() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "runplan", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"runplan {__version__}"


def test_replan_command_writes_the_new_plan_and_lists_changes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_path = tmp_path / "plan.json"
    assert (
        run(
            capsys,
            "plan",
            str(ROOT / "examples" / "half_marathon_miles.yaml"),
            "-o",
            str(plan_path),
        )[0]
        == 0
    )
    new_path = tmp_path / "new.json"
    code, out, err = run(
        capsys, "replan", str(plan_path), str(ROOT / "examples" / "training_log.csv"),
        "--today", "2026-01-19", "-o", str(new_path),
    )  # fmt: skip
    assert code == 0 and out == ""
    new = Plan.model_validate_json(new_path.read_text())
    assert new.revision == 2 and new.changes
    weekly = [c for c in new.changes if c.startswith("Week ")]
    assert f"Revision 2: {len(weekly)} changes from 2026-01-19 on." in err
    # The reason is said once, then the changes are listed under their week.
    assert err.count("back pain was 7/10 on Sunday 18 January") == 1
    assert "\nWeek 3:\n  - " in err and "two pain-free runs" in err
    assert max(len(line) for line in err.splitlines()) <= 100
    code, out, _ = run(capsys, "check", str(new_path))
    assert code == 0
    ics = tmp_path / "new.ics"
    assert (
        run(
            capsys,
            "replan",
            str(plan_path),
            str(ROOT / "examples" / "training_log.csv"),
            "--today",
            "2026-01-19",
            "-o",
            str(ics),
        )[0]
        == 0
    )
    assert b"SEQUENCE:2" in ics.read_bytes()


def test_replan_to_standard_output_says_the_red_flags_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan_path = tmp_path / "plan.json"
    flare = ROOT / "examples" / "back_flare.yaml"
    assert run(capsys, "plan", str(flare), "-o", str(plan_path))[0] == 0
    log = tmp_path / "log.csv"
    log.write_text("date,session,status,distance,pain,note\n2026-02-05,run,done,2.1,5,\n")
    code, out, err = run(
        capsys, "replan", str(plan_path), str(log), "--today", "2026-02-10",
        "-o", "-", "--format", "md",
    )  # fmt: skip
    assert code == 0 and "**Warning:** See a doctor the same day" in out
    # Review 3: the report repeated the warning the plan output had already printed.
    assert err.count("Warning: See a doctor the same day") == 1


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (
            ["replan", "missing.json", "log.csv", "--today", "2026-01-19"],
            "missing.json does not exist",
        ),
        (["replan", "PLAN", "missing.csv", "--today", "2026-01-19"], "missing.csv does not exist"),
        (["replan", "PLAN", "LOG", "--today", "2030-01-01"], "nothing left to re-plan"),
        (["replan", "PLAN", "LOG", "--today", "soon"], "not a date like"),
    ],
)
def test_replan_error_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], needle: str
) -> None:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(build_plan(example("miles")).model_dump_json())
    argv = [
        str(plan_path)
        if a == "PLAN"
        else str(ROOT / "examples" / "training_log.csv")
        if a == "LOG"
        else a
        for a in argv
    ]
    try:
        code, _out, err = run(capsys, *argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
        err = capsys.readouterr().err
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1


def test_plan_without_output_prints_the_summary_and_markdown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "plan", str(ROOT / "examples" / "beginner.yaml"))
    assert code == 0 and "BEGIN:VCALENDAR" not in out
    assert out.startswith("First steps: 12 weeks from 2026-01-05")
    assert "\n# First steps\n" in out and "## Week 12 " in out and "| Minutes |" in out


def test_plan_html_to_a_file_and_to_a_stream(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    profile = str(ROOT / "examples" / "back_flare.yaml")
    assert main(["plan", profile, "-o", str(tmp_path / "plan.html")]) == 0
    page = (tmp_path / "plan.html").read_bytes()
    assert page.startswith(b"<!DOCTYPE html>") and b'<section class="week" id="week-8"' in page
    capsysbinary.readouterr()
    assert main(["plan", profile, "-o", "-", "--format", "html"]) == 0
    assert capsysbinary.readouterr().out == page


def test_bare_runplan_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0 and err == "" and out.startswith("usage: runplan")
    assert "plan" in out and "schema" in out


def _options(parser: object) -> list[tuple[str, object]]:
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend((f"{name} {flag}", a) for flag, a in _options(sub))
        elif action.option_strings and action.dest not in ("help", "version"):
            found.append((action.option_strings[-1], action))
    return found


def test_every_option_has_help_with_its_default() -> None:
    from runplan.cli import build_parser

    options = _options(build_parser())
    assert len(options) > 20
    for flag, action in options:
        text = getattr(action, "help", None) or ""
        assert "default" in text, f"{flag} does not say its default: {text!r}"
    units = {flag: getattr(a, "help", "") for flag, a in options}
    assert "minutes" in units["plan --alarm"] and "YYYY-MM-DD" in units["plan --start"]


def test_start_keeps_the_race_date_of_a_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "plan.json"
    profile = str(ROOT / "examples" / "half_marathon_miles.yaml")
    code, _, err = run(capsys, "plan", profile, "--start", "2026-02-02", "-o", str(target))
    assert code == 0, err
    plan = Plan.model_validate_json(target.read_text())
    assert plan.profile.start_date == dt.date(2026, 2, 2)
    assert plan.profile.race_date == dt.date(2026, 4, 19) and len(plan.weeks) == 11
    assert plan.weeks[-1].sessions[-1].kind == "race"


def test_start_after_the_race_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(ROOT / "examples" / "half_marathon_miles.yaml")
    code, out, err = run(capsys, "plan", profile, "--start", "2026-05-04")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "--start 2026-05-04 is after the race on 2026-04-19" in err


def test_check_a_profile_prints_the_plans_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = tmp_path / "marathon.yaml"
    profile.write_text(
        "start_date: 2026-03-02\nrace: marathon\nrace_date: 2026-04-12\n"
        "weekly_distance: 20\nrun_days: [tue, thu, sun]\nlong_run_day: sun\n"
    )
    plan = build_plan(RunnerProfile.from_file(profile))
    assert plan.warnings
    code, _, err = run(capsys, "check", str(profile))
    unwrapped = err.replace("\n  ", " ")  # notes wrap at 100 columns, indented
    for warning in plan.warnings:
        assert f"Note: {warning}" in unwrapped
    assert code in (0, 1)


@pytest.mark.parametrize(
    ("flags", "note"),
    [
        (["--alarm", "20"], "--alarm only shapes .ics calendars; ignored for json output"),
        (["--all-day", "--include-rest"], "--all-day, --include-rest only shape .ics"),
    ],
)
def test_calendar_options_say_they_do_not_apply_to_other_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flags: list[str], note: str
) -> None:
    code, _, err = run(capsys, "plan", "--example", "-o", str(tmp_path / "p.json"), *flags)
    assert code == 0 and f"runplan: note: {note}" in err
    code, _, err = run(capsys, "plan", "--example", "-o", str(tmp_path / "p.ics"), *flags)
    assert code == 0 and "note:" not in err


def test_wrong_file_types_say_what_was_expected_and_what_they_are(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = ROOT / "examples" / "half_marathon_miles.yaml"
    ics, plan = tmp_path / "hm.ics", tmp_path / "plan.json"
    assert run(capsys, "plan", str(profile), "-o", str(ics))[0] == 0
    assert run(capsys, "plan", str(profile), "-o", str(plan))[0] == 0
    code, _, err = run(capsys, "check", str(ics))
    assert code == 2 and err.strip() == (
        "runplan: error: Expected a plan JSON file or a runner profile (YAML or JSON), "
        "but hm.ics is an iCalendar (.ics) file."
    )
    log = str(ROOT / "examples" / "training_log.csv")
    code, _, err = run(capsys, "replan", str(profile), log, "--today", "2026-01-19")
    assert code == 2 and err.strip() == (
        "runplan: error: half_marathon_miles.yaml is a runner profile, but a plan JSON file "
        "was expected; make one with runplan plan half_marathon_miles.yaml -o plan.json."
    )
    code, _, err = run(capsys, "plan", str(plan))
    assert code == 2 and err.strip() == (
        "runplan: error: Expected a runner profile (YAML or JSON), but plan.json is a plan "
        "JSON file."
    )
    code, _, _ = run(capsys, "check", str(plan))
    assert code == 0


@pytest.mark.parametrize("name", ["profile", "catalogue", "plan"])
def test_schema_command_prints_each_schema(capsys: pytest.CaptureFixture[str], name: str) -> None:
    from runplan.schemas import schema

    code, out, _ = run(capsys, "schema", name)
    assert code == 0 and json.loads(out) == schema(name)
    assert json.loads(out)["$schema"].endswith("/2020-12/schema")
