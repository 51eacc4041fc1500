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
