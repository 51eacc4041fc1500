"""What a run is: its steps and paces, the beginner's run/walk programme, strides and tempo.

Every run the builder makes is a list of steps (``RunStep`` and ``RepeatStep``) that add
up to the run's minutes and, where the steps have paces, to its distance. Paces are
ranges in whole seconds per unit, from the profile's ``easy_pace``, from a
``recent_race`` through Riegel's race-equivalence formula, or from a cautious default
for the runner's level.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .paces import Paces, middle, paces_for, riegel
from .plan import PaceRange, RepeatStep, RunStep, RunType, StepKind
from .profile import Race, Unit

__all__ = [
    "Paces",
    "PlannedRun",
    "paces_for",
    "riegel",
    "steps_distance",
    "steps_minutes",
]

#: Warm-up and cool-down walks in a run/walk session, in minutes. They count in the
#: session's minutes, not in its distance: easy walking around the workout is not load.
#: The warm-up is a 5-minute brisk walk, as in Couch-to-5K (coaching reference); a
#: beginner's session then keeps to 20 to 35 minutes and ends on its last walk or run (the
#: cool-down stretches follow), a return-to-run session after a flare on a short walk.
WALK_IN, WALK_OUT, FLARE_WALK_OUT = 5.0, 0.0, 2.0
#: Strides: count and seconds each (4 to 8 x 15 to 30 s, coaching reference), with a
#: minute of easy jogging or walking between. Whole half-minutes keep step minutes exact.
STRIDES, STRIDE_SECONDS, STRIDE_RECOVER_SECONDS = 6, 30, 60
#: A tempo block's length in minutes, and its most as a share of the session's distance.
TEMPO_MINUTES, TEMPO_SHARE = 20.0, 0.4


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
    total = 0.0
    for step in steps:
        if isinstance(step, RepeatStep):
            total += step.repeat * fast_minutes(step.steps)
        elif step.kind in (StepKind.STRIDE, StepKind.TEMPO, StepKind.RACE_PACE):
            total += _step_minutes(step)
    return total


#: Return to running after a flare: (seconds running, seconds walking) per round, one
#: stage a week from the first run, the last a continuous run. It starts at 1:1 and the
#: running lengthens week by week, as the beginner's programme does (practice: a few days
#: of rest and walking, then run/walk, progressing only while the pain rule holds).
FLARE_STAGES: tuple[tuple[int, int], ...] = (
    (60, 60),
    (120, 60),
    (180, 60),
    (240, 60),
    (300, 60),
    (480, 60),
    (600, 60),
    (60, 0),
)
#: Running and walking in a return-to-run session: at most this many minutes in its first
#: week, and this many more each week after (convention).
FLARE_MAIN_MINUTES, FLARE_MAIN_GROWTH = 20, 5
#: The pain rule every run in a flare carries (practice, coaching reference).
PAIN_RULE = (
    "Go on to the next step only if pain during the run and the next morning stays at about "
    "2/10 or less and is no worse the day after; otherwise repeat this step or walk instead."
)


def _to_step(distance: float, step: Callable[[float], float]) -> float:
    """``distance`` rounded down to a multiple of its step, or down to 0.01 where the step
    is too coarse for that to stay within 5 % (the steps must still add up). Never up: a
    session's distance must not pass the cap its steps were chosen for."""
    size = step(distance)
    down = round(math.floor(distance / size + 1e-9) * size, 2)
    if distance - down <= 0.05 * distance:
        return down
    cents = round(math.floor(distance * 100 + 1e-9) / 100, 2)
    if distance - cents <= 0.05 * distance:
        return cents
    return round(math.floor(distance * 1000 + 1e-9) / 1000, 3)  # a very short session


def _flare_candidates(stage: int, most: int, paces: Paces) -> list[list[RunStep | RepeatStep]]:
    """The running and walking a return-to-run session at ``stage`` may hold within ``most``
    seconds, longest first: whole rounds, the last run cut to whole minutes where that fits
    better."""
    run_s, walk_s = FLARE_STAGES[stage]
    if walk_s == 0:
        return [
            [RunStep(kind=StepKind.RUN, minutes=float(m), pace=paces.easy)]
            for m in range(most // 60, 0, -1)
        ]
    run = RunStep(kind=StepKind.RUN, minutes=run_s / 60, pace=paces.easy)
    walk = RunStep(kind=StepKind.WALK, minutes=walk_s / 60, pace=paces.walk)
    candidates: list[list[RunStep | RepeatStep]] = []
    for rounds in range(most // (run_s + walk_s), 0, -1):
        whole: list[RunStep | RepeatStep] = (
            [RepeatStep(repeat=rounds, steps=[run, walk])] if rounds >= 2 else [run, walk]
        )
        left = min(run_s - 60, most - rounds * (run_s + walk_s))
        for extra in range(left // 60, 0, -1):
            candidates.append(
                [*whole, RunStep(kind=StepKind.RUN, minutes=float(extra), pace=paces.easy)]
            )
        candidates.append(whole)
    return candidates


def _flare_seconds(week: int) -> int:
    """The most running and walking, in seconds, a return-to-run session holds in week
    ``week`` (0 first) of a flare; an earlier stage done again keeps its own week's time."""
    return 60 * (FLARE_MAIN_MINUTES + FLARE_MAIN_GROWTH * max(week, 0))


def flare_steps(
    distance: float, paces: Paces, week: int, step: Callable[[float], float]
) -> list[RunStep | RepeatStep]:
    """A return-to-run session in week ``week`` (0 first) of a flare: a warm-up walk, rounds
    of running and walking at that week's stage, as many as the week's minutes allow while
    the distance they cover (rounded down to its ``step``) stays within ``distance`` (an
    earlier stage, in its own week's time, when it covers more within that), and a
    cool-down walk. Steps are in time only."""
    stage = min(max(week, 0), len(FLARE_STAGES) - 1)
    most = _flare_seconds(week)
    fits = [
        (_to_step(steps_distance(c), step), k, c)
        for k in range(stage, -1, -1)
        for c in _flare_candidates(k, most if k == stage else min(most, _flare_seconds(k)), paces)
        if _to_step(steps_distance(c), step) <= distance + 1e-9
    ]
    # The most distance that fits, the latest stage first among equals: a later week never
    # covers less than an earlier one for the same cap.
    best = max(fits, key=lambda f: (f[0], f[1]), default=None)
    inner = best[2] if best else [RunStep(kind=StepKind.RUN, minutes=1.0, pace=paces.easy)]
    return [
        RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN),
        *inner,
        RunStep(kind=StepKind.COOL_DOWN, minutes=FLARE_WALK_OUT),
    ]


def flare_run(
    distance: float, paces: Paces, week: int, step: Callable[[float], float]
) -> PlannedRun:
    """A run/walk session in week ``week`` (0 first) of a flare, of at most ``distance``: its
    distance is what its steps cover, rounded to its ``step`` (the same session again for
    that distance), and its note names the stage and the pain rule."""
    steps = flare_steps(distance, paces, week, step)
    covered = _to_step(steps_distance(steps), step)
    flat = [s for x in steps for s in (x.steps if isinstance(x, RepeatStep) else [x])]
    run_m, walk_m = flat[1].minutes or 0.0, flat[2].minutes or 0.0
    stage = (
        f"Run {run_m:g} min, walk {walk_m:g} min, and repeat."
        if flat[2].kind is StepKind.WALK
        else "Run without stopping, walking a minute whenever you need."
    )
    return planned(RunType.RUN_WALK, max(covered, 0.01), steps, note=stage, rule=PAIN_RULE)


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
    def key(self) -> tuple[int, float]:
        """How far along the programme a beginner's session is: its stage, then its time."""
        return self.stage, self.minutes


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


#: The beginner's stages: (seconds running, seconds walking) per round, the last one a
#: continuous run. Running lengthens and walking shortens from stage to stage; a week
#: moves on at most one stage.
STAGES: tuple[tuple[int, int], ...] = (
    (60, 90),
    (90, 90),
    (120, 60),
    (180, 60),
    (300, 60),
    (480, 60),
    (720, 60),
    (60, 0),
)
#: The running and walking between the warm-up and cool-down walks lasts 15 to 30 minutes.
MAIN_MINUTES = (15, 30)


def stage_steps(stage: int, minutes: int, paces: Paces) -> list[RunStep | RepeatStep]:
    """A beginner's session at ``stage`` with about ``minutes`` of running and walking:
    a 5-minute brisk warm-up walk, then whole rounds of run and walk (a last part round
    when at least half a minute is left: its run cut short, or a full run and a shorter
    walk). Steps are in time only."""
    run_s, walk_s = STAGES[stage]
    inner: list[RunStep | RepeatStep]
    if walk_s == 0:
        inner = [RunStep(kind=StepKind.RUN, minutes=float(minutes), pace=paces.easy)]
    else:
        run = RunStep(kind=StepKind.RUN, minutes=run_s / 60, pace=paces.easy)
        walk = RunStep(kind=StepKind.WALK, minutes=walk_s / 60, pace=paces.walk)
        rounds, extra = divmod(minutes * 60, run_s + walk_s)
        inner = [RepeatStep(repeat=rounds, steps=[run, walk])] if rounds >= 2 else [run, walk]
        if extra > run_s:
            inner.append(run)
            if extra - run_s >= MIN_STEP_SECONDS:
                inner.append(
                    RunStep(kind=StepKind.WALK, minutes=_min(extra - run_s), pace=paces.walk)
                )
        elif extra >= MIN_STEP_SECONDS:
            inner.append(RunStep(kind=StepKind.RUN, minutes=_min(extra), pace=paces.easy))
    return [RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN), *inner]


#: A part step shorter than this many seconds is dropped rather than shown.
MIN_STEP_SECONDS = 30


def _min(seconds: int) -> float:
    """Seconds as minutes, to 2 decimals (no float noise in a plan's JSON)."""
    return round(seconds / 60, 2)


def _running(steps: Sequence[RunStep | RepeatStep]) -> float:
    total = 0.0
    for step in steps:
        if isinstance(step, RepeatStep):
            total += step.repeat * _running(step.steps)
        elif step.kind is StepKind.RUN and step.minutes is not None:
            total += step.minutes
    return total


def programme_options(paces: Paces, unit_step: float) -> list[PlannedRun]:
    """Every session the beginner's programme offers, in order of progress (stage, then
    minutes)."""
    options: list[PlannedRun] = []
    for stage, (run_s, walk_s) in enumerate(STAGES):
        for minutes in range(MAIN_MINUTES[0], MAIN_MINUTES[1] + 1):
            if walk_s and minutes * 60 < 2 * (run_s + walk_s):
                continue
            steps = stage_steps(stage, minutes, paces)
            distance = round(round(steps_distance(steps) / unit_step) * unit_step, 2)
            running = _running(steps)
            if walk_s == 0:
                run_type, note = RunType.EASY, f"Run {minutes} min without stopping."
            else:
                run_type = RunType.RUN_WALK
                note = (
                    f"Run {_clock(run_s)}, walk {_clock(walk_s)}, and repeat: "
                    f"{running:g} min running in all."
                )
            options.append(
                planned(run_type, distance, steps, stage=stage, running=running, note=note)
            )
    return options


def _clock(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


#: A tempo or race-pace block shorter than this is not worth the session.
MIN_TEMPO_MINUTES = 10.0


def fmt_pace(seconds: int) -> str:
    """Seconds per unit as minutes:seconds, e.g. 6:30."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def pace_text(pace: PaceRange, unit: str) -> str:
    """A pace range in words: "6:30-7:00 min/km"."""
    return f"{fmt_pace(pace.fast)}-{fmt_pace(pace.slow)} min/{unit}"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def title(run: PlannedRun, unit: str) -> str:
    """The session's one-line title: "Easy run 6 km", "Run/walk 25 min"."""
    if run.stage >= 0:
        label = "Run" if run.type is RunType.EASY else "Run/walk"
        return f"{label} {run.minutes} min"
    label = {
        RunType.LONG: "Long run",
        RunType.RUN_WALK: "Run/walk",
        RunType.EASY: "Easy run",
        RunType.RECOVERY: "Recovery run",
        RunType.STRIDES: "Easy run with strides",
        RunType.TEMPO: "Tempo run",
        RunType.RACE_PACE: "Race-pace run",
    }[run.type]
    return f"{label} {_fmt(run.distance)} {unit}"


def race_title(race: Race, distance: float, unit: Unit) -> str:
    """The race's title without repeating its distance: "Race: 5 km", "Race: half
    marathon 21.1 km", "Race: 10 km (6.2 mi)"."""
    if race in (Race.FIVE_K, Race.TEN_K):
        return (
            f"Race: {race.label}"
            if unit is Unit.KM
            else f"Race: {race.label} ({_fmt(distance)} mi)"
        )
    return f"Race: {race.label} {_fmt(distance)} {unit.value}"


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
                f"Easy for {_fmt(warm)} {unit}, then {_fmt(fast.distance)} "
                f"{unit} at {what} ({pace_text(fast.pace, unit)}), then easy to the end."
            )
    if run.type is RunType.RACE:
        out.append(f"Race pace: {pace_text(paces.race, unit)}.")
    return out


def shakeout(stage: int, paces: Paces, most: float) -> PlannedRun | None:
    """A race-week session for a beginner (5 to 30 minutes of the current stage's running
    and walking) of at most ``most``; none when even 5 minutes is too far."""
    for minutes in range(MAIN_MINUTES[1], 4, -1):
        steps = stage_steps(stage, minutes, paces)
        distance = round(steps_distance(steps), 1)
        if 0 < distance <= most:
            run_type = RunType.EASY if STAGES[stage][1] == 0 else RunType.RUN_WALK
            note = "A short, easy shake-out before race day."
            return planned(
                run_type, distance, steps, stage=stage, running=_running(steps), note=note
            )
    return None
