"""Views of a plan, as pure functions: the text summary, Markdown and one HTML page.

:func:`session_text` also gives the calendar export its event descriptions, so every view
uses the same words for doses, run steps and durations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import PlanTotals, WeekFigures, plan_totals, week_figures
from .markdown import to_markdown
from .text import (
    BLOCK_TITLES,
    DISCLAIMER,
    day_name,
    dose_text,
    fmt_distance,
    fmt_duration,
    pace_text,
    prescription_line,
    run_line,
    session_text,
    step_text,
    steps_text,
    summary,
    table_lines,
)

if TYPE_CHECKING:
    import datetime as dt

    from ..catalogue import Catalogue
    from ..log import TrainingLog
    from ..plan import Plan

__all__ = [
    "BLOCK_TITLES",
    "DISCLAIMER",
    "PlanTotals",
    "WeekFigures",
    "day_name",
    "dose_text",
    "fmt_distance",
    "fmt_duration",
    "pace_text",
    "plan_totals",
    "prescription_line",
    "run_line",
    "session_text",
    "step_text",
    "steps_text",
    "summary",
    "table_lines",
    "to_html",
    "to_markdown",
    "week_figures",
]


def to_html(
    plan: Plan,
    catalogue: Catalogue | None = None,
    *,
    log: TrainingLog | None = None,
    today: dt.date | None = None,
) -> str:
    """The plan as one self-contained HTML page (see :func:`runplan.render.html.to_html`);
    with ``log`` and ``today``, it also sets each past week's plan against the log.

    The page module is imported on first use, so importing runplan stays quick.
    """
    from .html import to_html as render_page

    return render_page(plan, catalogue, log=log, today=today)
