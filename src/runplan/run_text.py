"""The words for a run: its one-line title, the race's title, and the notes that say what
the run holds and at what pace."""

from __future__ import annotations

from ._values import fmt_mmss, fmt_number
from .paces import Paces
from .plan import PaceRange, RepeatStep, RunStep, RunType, StepKind, flat_steps
from .profile import Race, Unit
from .runs import STRIDE_SECONDS, STRIDES, PlannedRun

__all__ = ["describe", "pace_text", "race_title", "title"]


def pace_text(pace: PaceRange, unit: str) -> str:
    """A pace range in words: "6:30-7:00 min/km"."""
    return f"{fmt_mmss(pace.fast)}-{fmt_mmss(pace.slow)} min/{unit}"


def title(run: PlannedRun, unit: str) -> str:
    """The session's one-line title: "Easy run 6 km", "Run/walk 25 min"."""
    if run.stage >= 0:
        label = "Run" if run.type is RunType.EASY else "Run/walk"
        return f"{label} {run.minutes} min"
    if run.type is RunType.RUN_WALK and run.steps and not _walks(run.steps):
        return f"Run {fmt_number(run.distance, 1)} {unit}"  # a flare's continuous stage
    label = {
        RunType.LONG: "Long run",
        RunType.RUN_WALK: "Run/walk",
        RunType.EASY: "Easy run",
        RunType.RECOVERY: "Recovery run",
        RunType.STRIDES: "Easy run with strides",
        RunType.TEMPO: "Tempo run",
        RunType.RACE_PACE: "Race-pace run",
    }[run.type]
    return f"{label} {fmt_number(run.distance, 1)} {unit}"


def _walks(steps: list[RunStep | RepeatStep]) -> bool:
    """True when a walk comes among ``steps`` (the warm-up and cool-down walks aside)."""
    flat = flat_steps(steps)
    return any(s.kind is StepKind.WALK for s in flat)


def race_title(race: Race, distance: float, unit: Unit) -> str:
    """The race's title without repeating its distance: "Race: 5 km", "Race: half
    marathon 21.1 km", "Race: 10 km (6.2 mi)"."""
    if race in (Race.FIVE_K, Race.TEN_K):
        return (
            f"Race: {race.label}"
            if unit is Unit.KM
            else f"Race: {race.label} ({fmt_number(distance, 1)} mi)"
        )
    return f"Race: {race.label} {fmt_number(distance, 1)} {unit.value}"


def describe(run: PlannedRun, paces: Paces, unit: str) -> list[str]:
    """Notes on what the run holds and at what pace."""
    out: list[str] = []
    if run.type in (RunType.EASY, RunType.LONG, RunType.STRIDES, RunType.RUN_WALK):
        out.append(f"Easy pace: {pace_text(paces.easy, unit)} ({paces.source}).")
    if run.type is RunType.STRIDES:
        out.append(
            f"Then {STRIDES} strides of {STRIDE_SECONDS} s: quick and relaxed, not a sprint, "
            "with a minute's easy walk or jog between."
        )
    if run.type in (RunType.TEMPO, RunType.RACE_PACE):
        fast = next(
            (
                s
                for s in run.steps
                if isinstance(s, RunStep) and s.kind in (StepKind.TEMPO, StepKind.RACE_PACE)
            ),
            None,
        )
        first = run.steps[0]
        warm = first.distance if isinstance(first, RunStep) and first.distance else 0.0
        if fast is not None and fast.pace is not None and fast.distance is not None:
            what = "tempo: comfortably hard" if fast.kind is StepKind.TEMPO else "race pace"
            out.append(
                f"Easy for {fmt_number(warm, 1)} {unit}, then {fmt_number(fast.distance, 1)} "
                f"{unit} at {what} ({pace_text(fast.pace, unit)}), then easy to the end."
            )
    if run.type is RunType.RACE:
        out.append(f"Race pace: {pace_text(paces.race, unit)}.")
    return out
