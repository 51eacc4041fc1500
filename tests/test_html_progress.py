"""The HTML page with a training log: each past week's plan set against what was logged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from runplan import Plan, build_plan, to_html
from runplan.cli import main
from runplan.errors import ExportError
from runplan.log import TrainingLog

from .golden import GOLDEN_HTML

#: Friday of week 2: week 1 is whole, week 2 counts Monday to Thursday, week 3 is to come.
TODAY = dt.date(2026, 1, 16)

#: Runs of the 3-week back-flare plan: Thu 8 (2.1 km), Sun 11 (2.1), Tue 13 (2.8), Thu 15 (2.8).
LOG_CSV = (
    "date,session,status,distance,pain,note\n"
    "2026-01-08,run,done,2.2,2,stiff at first\n"
    "2026-01-11,runplan-20260105-20260111-run,partial,,1,\n"
    "2026-01-13,run,skipped,,4,<script>alert(1)</script>\n"
    "2026-01-14,core,done,,0,\n"
    "2026-01-15,run,done,5,0,\n"
    "2026-01-16,run,done,9,8,after today: not counted\n"
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(GOLDEN_HTML["page_back_flare"])


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(LOG_CSV, encoding="utf-8")
    return path


def _cells(html: str, row_id: str) -> list[str]:
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html)
    assert row is not None, f"no row {row_id}"
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1])]


def test_plan_runs_are_the_ones_the_log_was_written_for(plan: Plan) -> None:
    runs = [(s.date.day, s.distance) for s in plan.sessions() if s.kind.value == "run"]
    assert runs[:4] == [(8, 2.1), (11, 2.1), (13, 2.8), (15, 2.8)]


def test_section_shows_each_past_week_planned_against_logged(plan: Plan, log_path: Path) -> None:
    html = to_html(plan, log=TrainingLog.from_file(log_path), today=TODAY)
    # Week 1: 2.1 + 2.1 planned; 2.2 run and half of 2.1 for the partial run (3.25, shown
    # 3.2); done and partial count as runs; worst pain 2.
    assert _cells(html, "done-1") == ["1", "Mon 05 Jan", "4.2 km", "3.2 km", "2/2", "2/10"]
    # Week 2 up to Thursday: two runs planned (2.8 each), one skipped, 5 logged; worst pain
    # 4 (the skipped run's), the core day's 0 counts too.
    assert _cells(html, "done-2") == ["2 so far", "Mon 12 Jan", "5.6 km", "5 km", "1/2", "4/10"]
    assert 'id="done-3"' not in html
    assert "Logged before Friday 16 January: 8.2 km of 9.8 km planned, 3/4 runs." in html
    # Pain of 3 or more (where re-planning holds the volume) stands out.
    assert '<td class="sore">4/10</td>' in html and '<td class="sore">0/10' not in html
    assert "Week 1, Thu 08 Jan: stiff at first" in html
    assert "not counted" not in html
    # The overview's Logged column links each past week to its row; coming weeks show "-".
    assert '<a href="#done-1">3.2 km</a>' in html and '<a href="#done-2">5 km</a>' in html
    overview = html[html.index('id="overview"') : html.index('id="done"')]
    assert len(re.findall(r"<th[ >]", overview)) == 8
    assert overview.count('<td class="num logged">-</td>') == 1


def test_page_without_a_log_has_no_section_and_ignores_today(plan: Plan) -> None:
    html = to_html(plan)
    assert to_html(plan, today=TODAY) == html
    assert 'id="done"' not in html and "Planned and done" not in html and "Logged" not in html


def test_a_note_with_markup_is_shown_as_text(plan: Plan, log_path: Path) -> None:
    html = to_html(plan, log=TrainingLog.from_file(log_path), today=TODAY)
    assert "<script>" not in html
    assert "Week 2, Tue 13 Jan: &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_before_the_first_week_the_section_says_so(plan: Plan, log_path: Path) -> None:
    html = to_html(plan, log=TrainingLog.from_file(log_path), today=dt.date(2026, 1, 5))
    assert "No week of the plan began before Monday 5 January." in html
    assert 'id="done-1"' not in html


def test_a_log_needs_today(plan: Plan, log_path: Path) -> None:
    with pytest.raises(ExportError, match="needs today= with log="):
        to_html(plan, log=TrainingLog.from_file(log_path))


def test_cli_status_writes_the_page(
    plan: Plan, log_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(plan.model_dump_json(), encoding="utf-8")
    page = tmp_path / "status.html"
    args = ["status", str(plan_path), str(log_path), "--today", "2026-01-16"]
    assert main([*args, "-o", str(page)]) == 0
    out = capsys.readouterr()
    assert out.out == "" and f"Wrote {page}" in out.err
    html = page.read_text(encoding="utf-8")
    assert html == to_html(plan, log=TrainingLog.from_file(log_path), today=TODAY)
    assert _cells(html, "done-1")[2:] == ["4.2 km", "3.2 km", "2/2", "2/10"]
    # Without -o the table stays the output.
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:5] == [
        "1", "2026-01-05", "4.2", "km", "3.2"
    ]  # fmt: skip


def test_cli_status_page_must_be_html(
    plan: Plan, log_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(plan.model_dump_json(), encoding="utf-8")
    out = tmp_path / "status.md"
    assert main(["status", str(plan_path), str(log_path), "-o", str(out)]) == 2
    assert "name a file ending in .html" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("output", [["-o", "-"], []], ids=["page on stdout", "table"])
def test_cli_status_on_stdout_prints_the_plans_warnings_on_stderr(
    plan: Plan,
    log_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    output: list[str],
) -> None:
    plan_path = tmp_path / "plan.json"
    plan_path.write_text(plan.model_dump_json(), encoding="utf-8")
    assert plan.warnings  # the flare plan's red flags that need a doctor
    assert main(["status", str(plan_path), str(log_path), "--today", "2026-01-16", *output]) == 0
    out = capsys.readouterr()
    assert out.err.splitlines() == [f"Warning: {warning}" for warning in plan.warnings]
    assert "Warning:" not in out.out
    if output:
        assert out.out == to_html(plan, log=TrainingLog.from_file(log_path), today=TODAY)
