"""What a new user ran into on the command line and in the readers: each test is one item
of the new-user review, and fails without its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from runplan import ProfileError, RunnerProfile
from runplan.cli import main

from .conftest import ROOT

BEGINNER = (ROOT / "examples" / "beginner.yaml").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def profile_with(tmp_path: Path, line: str) -> Path:
    """The beginner example with one line added (a later key wins in YAML)."""
    path = tmp_path / "me.yaml"
    path.write_text(BEGINNER + "\n" + line + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "plan"])
def test_an_impossible_date_is_one_line_naming_field_and_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    path = profile_with(tmp_path, "start_date: 2026-02-30")
    argv = [command, str(path)] + (["-o", str(tmp_path / "x.json")] if command == "plan" else [])
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "'start_date': '2026-02-30' is not a real date" in err


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ("start_date: 03/02/2026", "'start_date': '03/02/2026' is not a date like 2026-03-02"),
        ("run_time: 7am", "'run_time': '7am' is not a time like 07:00"),
        ("run_time: 7:00 PM", "is not a time like 07:00"),
    ],
)
def test_dates_and_times_are_refused_in_plain_words(tmp_path: Path, line: str, needle: str) -> None:
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(profile_with(tmp_path, line))
    message = str(info.value)
    assert needle in message
    assert "invalid" not in message and "too short" not in message


def test_a_misspelt_field_is_named_first_with_a_hint(tmp_path: Path) -> None:
    text = BEGINNER.replace("weekly_distance:", "weekly_distanse:")
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_file(path)
    assert "unknown field 'weekly_distanse' (did you mean weekly_distance?)" in str(info.value)


def test_log_add_refuses_a_date_that_is_not_a_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "log", "add", "yesterday", "--distance", "3", "--file", str(tmp_path / "l.csv")
    )
    assert code == 2 and "'yesterday' is not a date like 2026-03-02" in err


def run_exit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_an_empty_output_name_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_exit(capsys, "plan", "--example", "beginner", "-o", "")
    assert code == 2 and "needs a file name" in err
    assert list(tmp_path.iterdir()) == []


def test_an_output_name_ending_in_a_slash_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.json"
    out.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "plan", "--example", "beginner", "-o", f"{out}/")
    assert code == 2 and "ends in a slash" in err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_a_fit_export_with_no_runs_says_when_the_plan_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = str(ROOT / "examples" / "half_marathon_miles.yaml")
    folder = tmp_path / "w3"
    code, _, err = run(
        capsys, "plan", profile, "--format", "fit", "-o", str(folder), "--from", "2030-01-07"
    )
    assert code == 0 and list(folder.iterdir()) == []
    note = next(line for line in err.splitlines() if line.startswith("runplan: note:"))
    assert "the plan runs from 2026-01-05 to 2026-04-19" in note and "--from" in note


def test_a_fit_folder_may_not_be_named_like_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(
        capsys, "plan", "--example", "beginner", "--format", "fit", "-o", str(tmp_path / "plan.ics")
    )
    assert code == 2 and "ends in .ics" in err
    assert not (tmp_path / "plan.ics").exists()


def test_a_misspelt_option_names_the_command_help_and_the_closest_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run_exit(capsys, "plan", "--exmaple", "beginner")
    assert code == 2
    assert "did you mean --example?" in err and "(see runplan plan --help)" in err


def test_plan_help_names_fit(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_exit(capsys, "--help")
    assert "Markdown, HTML or FIT" in out


def test_import_without_output_shows_what_its_help_says(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "import", str(ROOT / "examples" / "book_plan.csv"))
    assert code == 0 and not out.startswith("{")
    assert out.startswith("book_plan: 5 weeks") and "\n## " in out


def test_a_pain_note_on_a_rest_day_is_not_a_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import datetime as dt

    from runplan import TrainingLog, build_plan
    from runplan.log import week_progress
    from runplan.replan import replan

    plan = build_plan(
        RunnerProfile.from_file(ROOT / "examples" / "beginner.yaml")
    )  # runs on Mon, Wed, Sat from 2026-01-05
    rest_day = "2026-01-06"
    pain = tmp_path / "pain.csv"
    code, out, _ = run(
        capsys, "log", "add", rest_day, "--pain", "3", "--note", "tight", "--file", str(pain)
    )
    assert code == 0 and "not a run" in out
    log = TrainingLog.from_file(pain)
    week = week_progress(plan, log, dt.date(2026, 1, 8))[0]
    assert week.runs_logged == 0 and week.logged == 0 and week.pain == 3
    # Two pain-free "runs" that are only notes do not end or prevent anything: the flare
    # from a 7/10 day stays, as no run was logged since.
    rows = "date,session,status,distance,pain,note\n2026-01-05,run,done,2,7,\n"
    rows += "2026-01-06,run,done,,0,fine\n2026-01-07,run,done,,0,fine\n"
    (tmp_path / "log.csv").write_text(rows, encoding="utf-8")
    new = replan(plan, TrainingLog.from_file(tmp_path / "log.csv"), dt.date(2026, 1, 8))
    assert any("7/10" in change for change in new.changes)


def test_replan_before_the_plan_starts_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    run(capsys, "plan", str(ROOT / "examples" / "beginner.yaml"), "-o", str(plan))
    log = ROOT / "examples" / "training_log.csv"
    code, _, err = run(
        capsys,
        "replan",
        str(plan),
        str(log),
        "--today",
        "2020-01-01",
        "-o",
        str(tmp_path / "n.json"),
    )
    assert code == 0 and "--today 2020-01-01 is before the plan starts" in err


def test_check_on_a_terminal_aligns_wraps_and_rounds_limits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from runplan.cli import check_lines
    from runplan.imports import import_plan
    from runplan.rules import check_plan

    plan = import_plan(ROOT / "examples" / "book_plan.csv")
    lines = check_lines(plan, check_plan(plan), width=100)
    assert max(len(line) for line in lines) <= 100 and not any("\t" in line for line in lines)
    text = " ".join(line.strip() for line in lines)
    assert "more than 23.5 km (10 % over" in text and "23.76" not in text
    assert "at most 22 km (80 %" in text
    # Rows start in the same columns: the message of every row begins at one offset.
    starts = {line.index("  +") for line in lines if "  +" in line and not line[0].isspace()}
    assert len(starts) == 1
    code, _, err = run(capsys, "check", str(ROOT / "examples" / "book_plan.csv"))
    assert code == 1 and max(len(line) for line in err.splitlines()) <= 100


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["plan", "{ex}/book_plan.csv"], "book_plan.csv is a CSV plan, not a runner profile"),
        (["import", "{plan}"], "plan.json is a runplan plan, not a plan to import"),
        (["import", "{ex}/beginner.yaml"], "beginner.yaml is a runner profile, not a plan"),
        (["check", "{ex}/my_exercises.yaml"], "is an exercise catalogue, not a runner profile"),
        (["replan", "{plan}", "{ex}/beginner.yaml"], "is a runner profile, not a training log"),
        (["status", "{plan}", "{plan}"], "plan.json is a runplan plan, not a training log"),
    ],
)
def test_a_file_of_the_wrong_kind_is_named_for_what_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], needle: str
) -> None:
    plan = tmp_path / "plan.json"
    run(capsys, "plan", str(ROOT / "examples" / "beginner.yaml"), "-o", str(plan))
    filled = [a.format(ex=ROOT / "examples", plan=plan) for a in argv]
    if filled[0] == "replan":
        filled += ["--today", "2026-01-19", "-o", str(tmp_path / "new.json")]
    code, _, err = run(capsys, *filled)
    assert code == 2 and needle in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["2026-01-10", "--status", "skipped", "--distance", "5"], "A skipped run has no distance"),
        (["2099-01-10", "--distance", "5"], "2099-01-10 is in the future"),
    ],
)
def test_log_add_refuses_a_skipped_distance_and_a_future_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], needle: str
) -> None:
    path = tmp_path / "log.csv"
    code, _, err = run(capsys, "log", "add", *args, "--file", str(path))
    assert code == 2 and needle in err and not path.exists()


def test_exercise_progression_says_its_unit_and_no_gear_reads_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "exercise", "plank")
    assert code == 0
    assert "Progression: up to 60 s, 5 s more a week at most" in out
    assert "needs nothing" in out and "needs none" not in out


def test_bench_never_reports_a_negative_import_time() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.beyond(0.030, 0.036) == 0.0  # faster than python alone: noise, not -6 ms
    assert bench.beyond(0.050, 0.036) == pytest.approx(0.014)
    assert bench.ratio(0.01, 0.0) is None


def test_a_bad_exercise_id_is_explained_without_the_regex(tmp_path: Path) -> None:
    from runplan import CatalogueError, load_catalogue

    text = (ROOT / "examples" / "my_exercises.yaml").read_text(encoding="utf-8")
    first_id = next(line for line in text.splitlines() if line.strip().startswith("- id:"))
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace(first_id, "  - id: Bad Id", 1), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert "lower-case letters, digits and underscores" in message and "^[a-z]" not in message


def test_status_page_name_ending_in_a_slash_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    run(capsys, "plan", str(ROOT / "examples" / "beginner.yaml"), "-o", str(plan))
    page = tmp_path / "status.html"
    log = str(ROOT / "examples" / "training_log.csv")
    code, _, err = run(capsys, "status", str(plan), log, "-o", f"{page}/")
    assert code == 2 and "ends in a slash" in err and not page.exists()
