"""What a run is: its steps and paces, easy and long runs, strides, tempo and the race (the
words that name and describe it are ``run_text.py``).

Every run the builder makes is a list of steps (``RunStep`` and ``RepeatStep``) that add
up to the run's minutes and, where the steps have paces, to its distance. Paces are
ranges in whole seconds per unit, from the profile's ``easy_pace``, from a
``recent_race`` through Riegel's race-equivalence formula, or from a cautious default
for the runner's level. The beginner's run/walk programme is ``programme.py``; the
return-to-run sessions after a back flare are ``flare.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .paces import Paces, middle, paces_for, riegel
from .plan import PaceRange, RepeatStep, RunStep, RunType, StepKind
from .profile import Unit

__all__ = [
    "Paces",
    "PlannedRun",
    "min_run",
    "paces_for",
    "riegel",
    "steps_distance",
    "steps_minutes",
]

#: Warm-up and cool-down walks in a run/walk session, in minutes. They count in the
#: session's minutes, not in its distance: easy walking around the workout is not load.
#: A 5-minute brisk walk opens a beginner's session and a walk of up to 5 minutes closes
#: it, as in Couch-to-5K (coaching reference); between them, 15 to 30 minutes of running
#: and walking. The closing walk keeps the session within ``SESSION_MINUTES`` (design:
#: sessions of 20 to 35 minutes), so the 30-minute run ends with the cool-down stretches.
WALK_IN, WALK_OUT = 5.0, 5.0
SESSION_MINUTES = 35
#: Strides: count and seconds each (4 to 8 x 15 to 30 s, coaching reference), with a
#: minute of easy jogging or walking between. Whole half-minutes keep step minutes exact.
STRIDES, STRIDE_SECONDS, STRIDE_RECOVER_SECONDS = 6, 30, 60
#: A tempo block's length in minutes, and its most as a share of the session's distance.
TEMPO_MINUTES, TEMPO_SHARE = 20.0, 0.4
#: A tempo or race-pace block shorter than this is not worth the session.
MIN_TEMPO_MINUTES = 10.0


def min_run(unit: Unit) -> float:
    """The shortest run worth going out for: 1.5 km or 1 mi."""
    return 1.5 if unit is Unit.KM else 1.0


# ---------------------------------------------------------------------- step sums


def _step_minutes(step: RunStep) -> float:
    if step.minutes is not None:
        return step.minutes
    assert step.distance is not None
    return step.distance * middle(step.pace) / 60 if step.pace is not None else 0.0


def _step_distance(step: RunStep) -> float:
    if step.distance is not None:
        return step.distance
    assert step.minutes is not None
    return step.minutes * 60 / middle(step.pace) if step.pace is not None else 0.0


def _total(steps: Sequence[RunStep | RepeatStep], each: Callable[[RunStep], float]) -> float:
    """``each`` summed over the steps, a repeat counting once per round."""
    return sum(
        s.repeat * _total(s.steps, each) if isinstance(s, RepeatStep) else each(s) for s in steps
    )


def steps_minutes(steps: Sequence[RunStep | RepeatStep]) -> float:
    """The time the steps take, in minutes (distance steps at the middle of their pace)."""
    return _total(steps, _step_minutes)


def steps_distance(steps: Sequence[RunStep | RepeatStep]) -> float:
    """The distance the steps cover (timed steps at the middle of their pace; a timed step
    without a pace, such as a warm-up walk, covers none)."""
    return _total(steps, _step_distance)


# ---------------------------------------------------------------------- runs by distance


def easy_steps(distance: float, pace: PaceRange) -> list[RunStep | RepeatStep]:
    """An easy or long run: one steady step at ``pace``."""
    return [RunStep(kind=StepKind.RUN, distance=distance, pace=pace)]


def _round_distance(value: float) -> float:
    return round(value, 2)


def stride_steps(distance: float, paces: Paces) -> list[RunStep | RepeatStep]:
    """An easy run that ends with strides: 6 x 30 s quick and relaxed, a minute's easy walk
    or jog between (its pace left open, so it covers no planned distance)."""
    stride = RunStep(kind=StepKind.STRIDE, minutes=STRIDE_SECONDS / 60, pace=paces.stride)
    recover = RunStep(kind=StepKind.RECOVER, minutes=STRIDE_RECOVER_SECONDS / 60)
    block = RepeatStep(repeat=STRIDES, steps=[stride, recover])
    easy = _round_distance(distance - steps_distance([block]))
    if easy <= 0:
        return easy_steps(distance, paces.easy)
    return [RunStep(kind=StepKind.RUN, distance=easy, pace=paces.easy), block]


def stride_minutes() -> float:
    """The fast running in one strides session, in minutes."""
    return STRIDES * STRIDE_SECONDS / 60


def tempo_steps(
    distance: float, paces: Paces, kind: StepKind, fast_minutes: float
) -> list[RunStep | RepeatStep]:
    """A warm-up jog, a block at tempo or race pace of at most ``fast_minutes``, and a
    cool-down jog, adding up to ``distance``."""
    pace = paces.tempo if kind is StepKind.TEMPO else paces.race
    fast = min(fast_minutes * 60 / middle(pace), TEMPO_SHARE * distance)
    fast = math.floor(fast * 10) / 10
    rest = distance - fast
    warm = _round_distance(math.floor(rest * 5) / 10)
    cool = _round_distance(distance - fast - warm)
    if fast <= 0 or warm <= 0 or cool <= 0:
        return easy_steps(distance, paces.easy)
    return [
        RunStep(kind=StepKind.WARM_UP, distance=warm, pace=paces.easy),
        RunStep(kind=kind, distance=fast, pace=pace),
        RunStep(kind=StepKind.COOL_DOWN, distance=cool, pace=paces.easy),
    ]


def fast_minutes(steps: Sequence[RunStep | RepeatStep]) -> float:
    """Minutes of strides, tempo and race pace in the steps."""
    fast = (StepKind.STRIDE, StepKind.TEMPO, StepKind.RACE_PACE)
    return _total(steps, lambda s: _step_minutes(s) if s.kind in fast else 0.0)


def running_minutes(steps: Sequence[RunStep | RepeatStep]) -> float:
    """Minutes of timed running (run steps) in the steps."""
    return _total(steps, lambda s: (s.minutes or 0.0) if s.kind is StepKind.RUN else 0.0)


def race_steps(distance: float, paces: Paces) -> list[RunStep | RepeatStep]:
    """The race: the distance at race pace."""
    return [RunStep(kind=StepKind.RACE_PACE, distance=distance, pace=paces.race)]


# ---------------------------------------------------------------------- planned runs


@dataclass(frozen=True)
class PlannedRun:
    """A run as the builder places it: its type, distance, minutes and steps."""

    type: RunType
    distance: float
    minutes: int
    steps: list[RunStep | RepeatStep]
    stage: int = -1  # the programme stage of a beginner's session, else -1
    running: float = 0.0  # minutes of running in a beginner's session
    note: str = ""
    rule: str = ""  # a safety line every run of its kind carries (a flare's pain rule)

    @property
    def key(self) -> tuple[int, float, int]:
        """How far along the programme a beginner's session is: its stage, then its minutes
        of running, then its time (the cool-down walk shortens as the running grows)."""
        return self.stage, self.running, self.minutes


def planned(
    run_type: RunType, distance: float, steps: list[RunStep | RepeatStep], **extra: Any
) -> PlannedRun:
    """A planned run whose minutes are its steps' minutes, rounded."""
    return PlannedRun(
        type=run_type,
        distance=distance,
        minutes=max(1, math.floor(steps_minutes(steps) + 0.5)),
        steps=steps,
        **extra,
    )
