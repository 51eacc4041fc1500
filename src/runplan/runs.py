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

from .catalogue import Level
from .plan import PaceRange, RepeatStep, RunStep, RunType, StepKind
from .profile import Race, RunnerProfile, Unit

__all__ = [
    "Paces",
    "PlannedRun",
    "paces_for",
    "riegel",
    "steps_distance",
    "steps_minutes",
]

#: Riegel's fatigue exponent: T2 = T1 x (D2 / D1) ** 1.06 (Riegel, American Scientist 1981).
RIEGEL_EXPONENT = 1.06
#: Kilometres in a mile.
KM_PER_MI = 1.609344
#: Cautious default easy (or, for a beginner, running) paces per level, in s/km (slow, fast).
#: A new runner's running pace is often 7 to 9 min/km (coaching reference).
DEFAULT_EASY_KM: dict[Level, tuple[int, int]] = {
    Level.BEGINNER: (540, 420),
    Level.INTERMEDIATE: (420, 360),
    Level.ADVANCED: (360, 300),
}
#: Brisk walking, about 10 to 12 min/km (coaching reference).
WALK_KM = (720, 600)
#: Warm-up and cool-down walks in a run/walk session, in minutes. They count in the
#: session's minutes, not in its distance: easy walking around the workout is not load.
WALK_IN, WALK_OUT = 3.0, 2.0
#: Strides: count and seconds each (4 to 8 x 15 to 30 s, coaching reference), with a
#: minute of easy jogging or walking between.
STRIDES, STRIDE_SECONDS, STRIDE_RECOVER_SECONDS = 6, 20, 60
#: A tempo block's length in minutes, and its most as a share of the session's distance.
TEMPO_MINUTES, TEMPO_SHARE = 20.0, 0.4
#: Race pace per race as a share of the easy pace's middle, when no recent race is known
#: (convention; the Riegel paces replace these when ``recent_race`` is given).
RACE_OF_EASY = {Race.FIVE_K: 0.80, Race.TEN_K: 0.83, Race.HALF_MARATHON: 0.87, Race.MARATHON: 0.92}


def riegel(seconds: float, from_km: float, to_km: float) -> float:
    """The equivalent time over ``to_km`` of a race of ``seconds`` over ``from_km``.

    Riegel, "Athletic records and human endurance", American Scientist 69 (1981):
    T2 = T1 x (D2 / D1) ** 1.06.
    """
    return float(seconds * (to_km / from_km) ** RIEGEL_EXPONENT)


def _range(middle: float, spread: float) -> PaceRange:
    """A pace range around ``middle`` seconds per unit, ``spread`` (a fraction) each way."""
    return PaceRange(slow=round(middle * (1 + spread)), fast=round(middle * (1 - spread)))


def _per_unit(seconds_per_km: float, unit: Unit) -> float:
    return seconds_per_km if unit is Unit.KM else seconds_per_km * KM_PER_MI


def middle(pace: PaceRange) -> float:
    """The middle of a pace range, in seconds per unit: the pace distances are planned at."""
    return (pace.slow + pace.fast) / 2


@dataclass(frozen=True)
class Paces:
    """A runner's pace ranges, seconds per unit of the plan."""

    easy: PaceRange
    """Easy and long runs (for a beginner, the running in run/walk)."""
    walk: PaceRange
    """Brisk walking."""
    tempo: PaceRange
    """Comfortably hard: between half-marathon and 10 km race pace."""
    race: PaceRange
    """The goal race's pace (the 5 km pace when there is no race)."""
    stride: PaceRange
    """Strides: quick, relaxed, faster than race pace."""
    source: str
    """Where the paces come from, in words."""


def paces_for(profile: RunnerProfile) -> Paces:
    """The runner's paces: from ``recent_race`` (Riegel), else ``easy_pace``, else a
    cautious default for the level. Every pace is a range."""
    unit = profile.unit
    walk = PaceRange(
        slow=round(_per_unit(WALK_KM[0], unit)), fast=round(_per_unit(WALK_KM[1], unit))
    )
    race_km = (profile.race or Race.FIVE_K).km
    if profile.recent_race is not None:
        done = profile.recent_race
        per_km = {
            km: riegel(done.seconds, done.distance.km, km) / km
            for km in (5.0, 10.0, 21.0975, 42.195, race_km)
        }
        marathon = _per_unit(per_km[42.195], unit)
        easy = PaceRange(slow=round(marathon * 1.25), fast=round(marathon * 1.10))
        tempo = PaceRange(
            slow=round(_per_unit(per_km[21.0975], unit)), fast=round(_per_unit(per_km[10.0], unit))
        )
        race = _range(_per_unit(per_km[race_km], unit), 0.02)
        five = _per_unit(per_km[5.0], unit)
        source = f"your {done.distance.label} in {done.time} (Riegel's formula)"
    else:
        if profile.easy_pace is not None:
            given = profile.pace_minutes * 60
            easy = _range(given, 0.04)
            source = f"your easy pace of {profile.easy_pace}"
        else:
            slow, fast = DEFAULT_EASY_KM[profile.level]
            easy = PaceRange(slow=round(_per_unit(slow, unit)), fast=round(_per_unit(fast, unit)))
            source = f"a cautious default for a {profile.level.value} runner"
        base = middle(easy)
        tempo = PaceRange(slow=round(base * 0.90), fast=round(base * 0.85))
        race = _range(base * RACE_OF_EASY[profile.race or Race.FIVE_K], 0.02)
        five = base * RACE_OF_EASY[Race.FIVE_K]
    if walk.fast <= easy.slow:  # a very slow runner: walking is not faster than running
        walk = PaceRange(slow=max(walk.slow, easy.slow + 60), fast=easy.slow + 30)
    stride = PaceRange(slow=round(five), fast=round(five * 0.92))
    return Paces(easy=easy, walk=walk, tempo=tempo, race=race, stride=stride, source=source)


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
    """An easy run that ends with strides: 6 x 20 s quick and relaxed, a minute easy between."""
    stride = RunStep(kind=StepKind.STRIDE, minutes=STRIDE_SECONDS / 60, pace=paces.stride)
    recover = RunStep(kind=StepKind.RECOVER, minutes=STRIDE_RECOVER_SECONDS / 60, pace=paces.walk)
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


def run_walk_steps(distance: float, paces: Paces) -> list[RunStep | RepeatStep]:
    """Run/walk by distance (a sore back easing back in): warm-up walk, rounds of 4 min
    running and 1 min walking, the last part at an easy run, cool-down walk."""
    run = RunStep(kind=StepKind.RUN, minutes=4.0, pace=paces.easy)
    walk = RunStep(kind=StepKind.WALK, minutes=1.0, pace=paces.walk)
    per_round = steps_distance([run, walk])
    rounds = int(distance / per_round)
    steps: list[RunStep | RepeatStep] = [RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN)]
    if rounds >= 2:
        steps.append(RepeatStep(repeat=rounds, steps=[run, walk]))
    else:
        rounds = 0
    rest = _round_distance(distance - rounds * per_round)
    if rest > 0.01:
        steps.append(RunStep(kind=StepKind.RUN, distance=rest, pace=paces.easy))
    steps.append(RunStep(kind=StepKind.COOL_DOWN, minutes=WALK_OUT))
    return steps


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
        minutes=max(1, round(steps_minutes(steps))),
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
    """A beginner's session at ``stage`` with ``minutes`` of running and walking: rounds of
    run and walk (the last round's run cut short when the minutes end there), between a
    warm-up walk and a cool-down walk."""
    run_s, walk_s = STAGES[stage]
    inner: list[RunStep | RepeatStep]
    if walk_s == 0:
        inner = [RunStep(kind=StepKind.RUN, minutes=float(minutes), pace=paces.easy)]
    else:
        run = RunStep(kind=StepKind.RUN, minutes=run_s / 60, pace=paces.easy)
        walk = RunStep(kind=StepKind.WALK, minutes=walk_s / 60, pace=paces.walk)
        rounds, extra = divmod(minutes * 60, run_s + walk_s)
        inner = [RepeatStep(repeat=rounds, steps=[run, walk])] if rounds >= 2 else [run, walk]
        if extra:
            inner.append(RunStep(kind=StepKind.RUN, minutes=extra / 60, pace=paces.easy))
    return [
        RunStep(kind=StepKind.WARM_UP, minutes=WALK_IN),
        *inner,
        RunStep(kind=StepKind.COOL_DOWN, minutes=WALK_OUT),
    ]


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
