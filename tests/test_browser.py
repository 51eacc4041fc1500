"""The HTML page in a real browser: headless Chromium loads it, the DOM has the chart and
every week, nothing is fetched, nothing errors, and screenshots are saved to look at.

Under CI=true these tests always run (a missing browser or driver fails them); elsewhere
they skip only when Chromium is not installed. RUNPLAN_SCREENSHOTS=DIR keeps the PNGs
(``plan.png`` there is the README's picture, docs/plan.png).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from runplan import TrainingLog, build_plan, to_html
from runplan.cli import example_profile

from .browser import DESKTOP, PHONE, Page, chromium_available, open_page, screenshot
from .profiles import with_steps

IN_CI = os.environ.get("CI", "").lower() == "true"

if not IN_CI and not chromium_available():
    pytest.skip("Debian's chromium is not installed (CI installs it)", allow_module_level=True)

EXAMPLES = {"half-marathon": 15, "back-flare": 8}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name in EXAMPLES:
        # Steps written by hand until the builder writes them, so the page shows them.
        plan = with_steps(build_plan(example_profile(name, dt.date(2026, 1, 5))))
        path = folder / f"{name}.html"
        path.write_text(to_html(plan), encoding="utf-8")
        out[name] = path
    return out


def _shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("RUNPLAN_SCREENSHOTS") or tmp_path)


def check_page(loaded: Page, weeks: int, viewport: dict[str, int]) -> None:
    """Fail unless the loaded page has both chart panels with a drawn bar for each of the
    ``weeks`` weeks, a visible section with sessions for every week, a row per week in the
    overview, the disclaimer, fits the viewport, fetched nothing and logged no error."""
    page = loaded.page
    panels = page.locator("#chart svg.panel")
    assert panels.count() == 2, "the chart is missing"
    for i in range(2):
        box = panels.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 80
        assert panels.nth(i).locator("g.week-bar").count() == weeks
        assert panels.nth(i).locator("rect.bar").count() == weeks
    assert page.locator("section.week").count() == weeks
    for index in range(1, weeks + 1):
        section = page.locator(f"#week-{index}")
        assert section.count() == 1 and section.is_visible(), f"week {index} is missing"
        assert section.locator("article.session").count() > 0
    assert page.locator("#overview tbody tr").count() == weeks
    assert "not medical advice" in page.locator(".disclaimer").inner_text().lower()
    # Nothing is wider than the screen but the boxes that scroll on their own.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"page is {width}px wide at {viewport['width']}px"
    assert loaded.errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in loaded.requests), (
        loaded.requests
    )


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_page_shows_chart_and_every_week_without_errors(
    pages: dict[str, Path], tmp_path: Path, name: str, size: str, viewport: dict[str, int]
) -> None:
    with open_page(pages[name], viewport) as loaded:
        check_page(loaded, EXAMPLES[name], viewport)
        shot = screenshot(loaded, _shots(tmp_path) / f"{name}-{size}.png")
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id="week-3"', 'id="week-x"', "week 3 is missing"),
        ('<svg class="panel"', '<svg class="gone"', "the chart is missing"),
    ],
)
def test_the_check_fails_when_the_chart_or_a_week_is_missing(
    pages: dict[str, Path], tmp_path: Path, old: str, new: str, message: str
) -> None:
    broken = tmp_path / "broken.html"
    html = pages["back-flare"].read_text(encoding="utf-8")
    broken.write_text(html.replace(old, new), encoding="utf-8")
    with open_page(broken, DESKTOP) as loaded, pytest.raises(AssertionError, match=message):
        check_page(loaded, EXAMPLES["back-flare"], DESKTOP)


def test_readme_screenshot(pages: dict[str, Path], tmp_path: Path) -> None:
    """The top of the page at desktop width, as docs/plan.png in the README shows it."""
    with open_page(pages["half-marathon"], DESKTOP) as loaded:
        check_page(loaded, EXAMPLES["half-marathon"], DESKTOP)
        shot = screenshot(loaded, _shots(tmp_path) / "plan.png", full_page=False)
    assert shot.stat().st_size > 10_000


#: An A4 page less the print stylesheet's 10 mm margins, in CSS pixels (96 per inch).
A4_CONTENT = {"width": round(190 / 25.4 * 96), "height": round(277 / 25.4 * 96)}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_printed_weeks_each_fit_a_page(pages: dict[str, Path], name: str) -> None:
    with open_page(pages[name], A4_CONTENT) as loaded:
        loaded.page.emulate_media(media="print")
        heights = loaded.page.evaluate(
            "[...document.querySelectorAll('section.week')]"
            ".map(s => s.getBoundingClientRect().height)"
        )
        breaks = loaded.page.evaluate(
            "getComputedStyle(document.querySelector('section.week')).breakBefore"
        )
    assert len(heights) == EXAMPLES[name] and breaks == "page"
    assert max(heights) <= A4_CONTENT["height"], heights


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_status_page_fits_the_screen_without_sideways_scrolling(
    tmp_path: Path, name: str, size: str, viewport: dict[str, int]
) -> None:
    plan = with_steps(build_plan(example_profile(name, dt.date(2026, 1, 5))))
    log = TrainingLog.from_rows(
        [
            {"date": "2026-01-08", "session": "run", "status": "done", "distance": 4.2, "pain": 2},
            {"date": "2026-01-10", "session": "run", "status": "skipped", "pain": 4,
             "note": "back tight after sitting all day at the desk"},
            {"date": "2026-01-15", "session": "run", "status": "done", "distance": 5, "pain": 0},
        ]
    )  # fmt: skip
    page = tmp_path / "status.html"
    page.write_text(to_html(plan, log=log, today=dt.date(2026, 1, 16)), encoding="utf-8")
    with open_page(page, viewport) as loaded:
        check_page(loaded, EXAMPLES[name], viewport)
        done = loaded.page.locator("#done")
        assert done.is_visible() and done.locator("tbody tr").count() == 2
        width = loaded.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the status page is {width}px wide"
        # Neither table scrolls sideways inside its box (the overview did, with Logged).
        boxes = loaded.page.evaluate(
            "[...document.querySelectorAll('.table-wrap')]"
            ".map(w => [w.closest('section').id, w.scrollWidth, w.clientWidth])"
        )
        assert [section for section, *_ in boxes] == ["overview", "done"]
        assert all(inner <= box for _, inner, box in boxes), boxes
        # A phone leaves out the overview's Logged and Sessions columns; a desktop shows all.
        shown = loaded.page.locator("#overview thead th:visible").all_inner_texts()
        narrow = ["Week", "Kind", "Distance", "Long run", "Minutes"]
        wide = ["Week", "Starts", "Kind", "Distance", "Logged", "Long run", "Minutes", "Sessions"]
        assert [" ".join(th.split()) for th in shown] == (narrow if size == "phone" else wide)
        loaded.page.evaluate("document.getElementById('overview').scrollIntoView()")
        shot = screenshot(loaded, _shots(tmp_path) / f"status-{name}-{size}.png", full_page=False)
    assert shot.stat().st_size > 10_000
