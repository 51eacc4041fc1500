"""The geometry of the weekly chart (distance and time as bars), drawn by the HTML template.

Week kinds are told apart by fill pattern and by a letter under each bar, so the chart
reads in black and white and for colour-blind eyes; colour only helps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..plan import WeekKind
from .figures import WeekFigures
from .text import fmt_distance, fmt_duration

__all__ = ["KIND_LETTERS", "Bar", "Panel", "Tick", "chart_panels"]

#: The letter under a bar for each week kind (the legend spells them out).
KIND_LETTERS = {
    WeekKind.BUILD: "B",
    WeekKind.CUTBACK: "C",
    WeekKind.TAPER: "T",
    WeekKind.RACE: "R",
    WeekKind.RECOVERY: "V",
}

#: Chart sizes in SVG user units.
LEFT, RIGHT, TOP, PLOT_HEIGHT, BOTTOM = 46.0, 8.0, 30.0, 120.0, 38.0
MIN_STEP, MIN_PLOT_WIDTH = 16.0, 340.0


@dataclass(frozen=True, slots=True)
class Bar:
    """One week's bar."""

    week: int
    kind: str
    letter: str
    x: float
    y: float
    width: float
    height: float
    label: str
    """What the bar shows, for its tooltip and screen readers."""
    show_number: bool
    """Whether the week number is printed under the bar (every week, or every few)."""


@dataclass(frozen=True, slots=True)
class Tick:
    """A horizontal grid line with its value."""

    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Panel:
    """One chart: its title, size, bars and grid."""

    title: str
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick]
    baseline: float
    number_y: float
    letter_y: float


def _nice_step(biggest: float, lines: int = 4) -> float:
    if biggest <= 0:
        return 1.0
    raw = biggest / lines
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return 10.0 * power  # pragma: no cover - the loop always returns


def _panel(
    title: str, values: list[float], figures: list[WeekFigures], labels: list[str], tick_text: str
) -> Panel:
    count = max(len(values), 1)
    plot_width = max(MIN_PLOT_WIDTH, count * MIN_STEP)
    step = plot_width / count
    bar_width = step * 0.7
    every = 1 if count <= 16 else 2 if count <= 32 else 4
    step_value = _nice_step(max(values, default=0.0))
    top_value = step_value * max(1, math.ceil(max(values, default=0.0) / step_value))
    baseline = TOP + PLOT_HEIGHT
    bars = []
    for i, (value, f, label) in enumerate(zip(values, figures, labels, strict=True)):
        height = PLOT_HEIGHT * value / top_value if top_value else 0.0
        bars.append(
            Bar(
                week=f.week.index,
                kind=f.week.kind.value,
                letter=KIND_LETTERS[f.week.kind],
                x=round(LEFT + i * step + (step - bar_width) / 2, 1),
                y=round(baseline - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                label=f"Week {f.week.index} ({f.week.kind.value}): {label}",
                show_number=f.week.index == 1 or f.week.index % every == 0,
            )
        )
    ticks = []
    value = 0.0
    while value <= top_value + 1e-9:
        y = round(baseline - PLOT_HEIGHT * value / top_value, 1) if top_value else baseline
        ticks.append(Tick(y=y, label=tick_text.format(fmt_distance(value))))
        value += step_value
    return Panel(
        title=title,
        width=round(LEFT + plot_width + RIGHT, 1),
        height=TOP + PLOT_HEIGHT + BOTTOM,
        bars=bars,
        ticks=ticks,
        baseline=baseline,
        number_y=baseline + 15,
        letter_y=baseline + 31,
    )


def chart_panels(figures: list[WeekFigures], unit: str) -> list[Panel]:
    """Two panels: weekly distance (race included) and weekly training time in hours."""
    distance = _panel(
        f"Distance a week ({unit}, race included)",
        [f.distance for f in figures],
        figures,
        [f"{fmt_distance(f.distance)} {unit}" for f in figures],
        "{}",
    )
    hours = _panel(
        "Training time a week (hours)",
        [f.minutes / 60 for f in figures],
        figures,
        [fmt_duration(f.minutes) for f in figures],
        "{} h",
    )
    return [distance, hours]
