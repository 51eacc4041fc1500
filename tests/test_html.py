"""The HTML page: self-contained, complete, deterministic, and safe with any text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import runplan
from runplan import Plan, RunnerProfile, SessionKind, WeekKind, build_plan, to_html
from runplan.render import DISCLAIMER, fmt_distance, week_figures

from .profiles import EXAMPLES, example, with_steps, without_steps


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls.extend(v or "" for k, v in attrs if k in ("src", "href", "xlink:href"))


@pytest.fixture(scope="module")
def race_plan() -> Plan:
    return with_steps(build_plan(example("half_marathon_race")))


@pytest.fixture(scope="module")
def flare_plan() -> Plan:
    return with_steps(build_plan(example("back_pain_flare")))


def test_to_html_is_exported_and_deterministic(race_plan: Plan) -> None:
    assert runplan.to_html is to_html and "to_html" in runplan.__all__
    assert to_html(race_plan) == to_html(race_plan)


def test_page_is_self_contained(race_plan: Plan) -> None:
    html = to_html(race_plan)
    links = _Links()
    links.feed(html)
    assert "script" not in links.tags and "link" not in links.tags and "img" not in links.tags
    assert all(url.startswith(("#", "url(#")) for url in links.urls), links.urls
    assert "http://" not in html and "https://" not in html and "@import" not in html


def test_warnings_and_the_disclaimer_come_first() -> None:
    # A runner short of the race's long runs: the plan warns.
    short = {**EXAMPLES["half_marathon_race"], "weekly_distance": 12, "longest_recent_run": 5}
    race_plan = build_plan(RunnerProfile.model_validate(short))
    html = to_html(race_plan)
    assert race_plan.warnings
    chart = html.index('id="chart"')
    assert html.index(DISCLAIMER) < chart
    for warning in race_plan.warnings:
        assert html.index(warning.replace("'", "&#39;")) < chart


def test_chart_has_a_bar_per_week_told_apart_without_colour(race_plan: Plan) -> None:
    html = to_html(race_plan)
    svg = html[html.index('id="chart"') : html.index('id="overview"')]
    assert svg.count('<svg class="panel"') == 2
    assert "Distance a week (km, race included)" in svg and "Training time a week" in svg
    kinds = [w.kind for w in race_plan.weeks]
    assert {WeekKind.BUILD, WeekKind.CUTBACK, WeekKind.TAPER, WeekKind.RACE} <= set(kinds)
    for panel in svg.split('<svg class="panel"')[1:]:
        bars = re.findall(r'<g class="week-bar (\w+)" data-week="(\d+)">', panel)
        assert bars == [(w.kind.value, str(w.index)) for w in race_plan.weeks]
        # Each kind has its own fill pattern and a letter under its bar.
        fills = dict(re.findall(r'class="week-bar (\w+)"[^$]*?fill="url\(#fill-(\w+)\)"', panel))
        assert all(kind == fill for kind, fill in fills.items()) and len(fills) == 4
    for kind in ("build", "cutback", "taper", "race"):
        assert f'<pattern id="fill-{kind}"' in html
    assert "B = build week" in html and "C = cutback week" in html
    assert "T = taper week" in html and "R = race week" in html


def test_overview_table_has_distance_long_run_minutes_and_sessions(race_plan: Plan) -> None:
    html = to_html(race_plan)
    table = html[html.index('id="overview"') : html.index('id="week-1"')]
    for f in week_figures(race_plan):
        row = table[table.index(f'href="#week-{f.week.index}"') :].split("</tr>")[0]
        assert f"{fmt_distance(f.distance)} km" in row
        assert f"{fmt_distance(f.long_run)} km" in row
        assert f'<td class="num">{f.minutes}</td><td class="num">{f.sessions}</td>' in row
    race = next(s for s in race_plan.sessions() if s.kind is SessionKind.RACE)
    total = sum(w.distance for w in race_plan.weeks) + race.distance
    assert f'<td class="num">{fmt_distance(total)} km</td>' in table.split("<tfoot>")[1]


def test_every_session_has_steps_blocks_doses_and_notes(flare_plan: Plan) -> None:
    html = to_html(flare_plan)
    for week in flare_plan.weeks:
        assert f'<section class="week" id="week-{week.index}"' in html
    sessions = [s for s in flare_plan.sessions() if s.kind is not SessionKind.REST]
    assert html.count('<article class="session') == len(sessions)
    assert (
        '<li class="repeat">Repeat 8 times: <ul><li>Run 3 min</li><li>Walk 1 min</li></ul></li>'
        in html
    )
    assert "<h4>Run steps</h4>" in html and "<li>Brisk walk 5 min</li>" in html
    assert "<h4>Warm-up</h4>" in html and "<h4>Cool-down</h4>" in html
    assert 'Leg swings: <span class="dose">10 reps per side</span>' in html
    safety = "Stop at once if you feel sharp pain, and see a physical therapist before going on."
    # Every session carries the flare's safety line; the page shows it once a week, above
    # the week's sessions, so a printed week still fits a page.
    sections = html.split('<section class="week"')[1:]
    assert len(sections) == len(flare_plan.weeks)
    for section in sections:
        assert section.count(f'<li class="safety">{safety}</li>') == 1
        assert section.index("Every session this week") < section.index('<article class="session')
    assert html.count(f'<p class="safety-line">{DISCLAIMER}</p>') == len(flare_plan.weeks)


def test_page_without_steps_still_shows_every_run() -> None:
    plan = without_steps(build_plan(example("back_pain_flare")))
    assert all(not s.run.steps for s in plan.sessions() if s.run is not None)
    html = to_html(plan)
    assert "Run steps" not in html
    runs = [s for s in plan.sessions() if s.run is not None]
    assert all(s.title in html for s in runs)


def test_page_prints_a_week_a_page_and_fits_a_phone(race_plan: Plan) -> None:
    html = to_html(race_plan)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    print_css = html[html.index("@media print") :]
    assert ".week { break-before: page;" in print_css
    assert ".session { break-inside: avoid;" in print_css
    assert "@media (max-width: 40rem)" in html


def test_text_from_the_profile_is_escaped() -> None:
    profile = example("half_marathon_race").model_copy(
        update={"name": '<script>alert("x")</script> & co'}
    )
    html = to_html(build_plan(profile))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
