"""Files are never clobbered: the writer knows what it writes to, -o never names an input,
and errors on standard output are one line and exit 2. Uses temporary FIFOs and links,
never a real device."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from runplan import ExportError
from runplan._write import atomic_write
from runplan.cli import main

from .conftest import ROOT

PROFILE = "start_date: 2026-03-02\nweekly_distance: 20\nweeks: 2\n"
STAMP = "2026-01-01T00:00:00Z"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(PROFILE)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    _, err = capsys.readouterr()
    return code, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("runplan") and len(lines[0]) <= 330, err
    return lines[0]


def test_output_never_names_the_input(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    code, err = run(capsys, "plan", str(profile), "-o", str(profile), "--format", "ics")
    assert code == 2 and "input file" in one_error_line(err)
    assert profile.read_text() == PROFILE
    link = tmp_path / "alias.ics"
    link.symlink_to(profile)
    code, err = run(capsys, "plan", str(profile), "-o", str(link))
    assert code == 2 and "input file" in one_error_line(err)
    assert profile.read_text() == PROFILE and link.is_symlink()


def test_output_never_names_a_catalogue_or_a_plan(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    catalogue = tmp_path / "mine.json"
    catalogue.write_text('{"exercises": []}')
    code, err = run(
        capsys, "plan", str(profile), "--catalogue", str(catalogue), "-o", str(catalogue)
    )
    assert code == 2 and "input file" in one_error_line(err)
    assert catalogue.read_text() == '{"exercises": []}'


@pytest.mark.parametrize("name", ["plan.txt", "plan.markdown", "plan", "plan.ICS.bak"])
def test_unknown_extension_without_format_is_an_error(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path, name: str
) -> None:
    code, err = run(capsys, "plan", str(profile), "-o", str(tmp_path / name))
    assert code == 2 and "--format" in one_error_line(err)
    assert not (tmp_path / name).exists()


def test_unknown_extension_with_format_is_written(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan.markdown"
    code, _ = run(capsys, "plan", str(profile), "-o", str(target), "--format", "md")
    assert code == 0 and target.read_text().startswith("# ")


def test_a_symlink_is_written_through_to_its_target(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real" / "plan.ics"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "plan.ics"
    link.symlink_to(target)
    code, _ = run(capsys, "plan", str(profile), "-o", str(link), "--stamp", STAMP)
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_dangling_symlink_creates_its_target(profile: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.ics"
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    atomic_write(link, b"data", ExportError)
    assert link.is_symlink() and target.read_bytes() == b"data"


def test_a_fifo_is_refused_not_replaced(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "plan.ics"
    os.mkfifo(fifo)
    code, err = run(capsys, "plan", str(profile), "-o", str(fifo))
    assert code == 2 and "not a regular file" in one_error_line(err)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    link = tmp_path / "to-fifo.ics"
    link.symlink_to(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        atomic_write(link, b"data", ExportError)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()


def test_a_read_only_file_is_refused(
    capsys: pytest.CaptureFixture[str], profile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("keep me")
    target.chmod(0o444)
    code, err = run(capsys, "plan", str(profile), "-o", str(target))
    assert code == 2 and "read-only" in one_error_line(err)
    assert target.read_text() == "keep me"  # even when the tests run as root


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="folder"):
        atomic_write(tmp_path, b"data", ExportError)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_an_existing_file_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("old")
    target.chmod(mode)
    atomic_write(target, b"new", ExportError)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temp file left


def test_a_new_file_is_not_private(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    atomic_write(target, b"new", ExportError)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# ---------------------------------------------------------------------- standard output


class _Full:
    """A standard output whose disk is full."""

    def __init__(self) -> None:
        self.buffer = self

    def write(self, data: object) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")

    def fileno(self) -> int:
        raise ValueError("no file")


def test_a_full_standard_output_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], profile: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", _Full())
    code = main(["plan", str(profile)])
    err = capsys.readouterr().err
    assert code == 2
    assert one_error_line(err) == (
        "runplan: error: cannot write to standard output: No space left on device."
    )


def test_a_closed_pipe_is_one_line_and_exit_2(profile: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: writing gives EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "runplan", "plan", str(profile), "--format", "json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Broken pipe" in one_error_line(err)


@pytest.mark.parametrize(
    "extra",
    [
        ["--start", "9999-12-31"],
        ["--start", "0001-01-01"],
        ["--alarm", "99999999999999999999999"],
        ["--stamp", "9999-12-31T23:59:59-23:59"],
    ],
)
def test_extreme_arguments_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], profile: Path, extra: list[str]
) -> None:
    try:
        code = main(["plan", str(profile), *extra])
    except SystemExit as stop:  # argparse refuses --alarm and --stamp itself
        code = int(stop.code or 0)
    assert code == 2
    one_error_line(capsys.readouterr().err)
