"""Reading one workout of a published plan from its words: "{3:4.8} run", "30 tempo",
"5 minute walk, 25 minute jog, 5 minute walk", "Rest or {3-5:5-8} easy".

``read_workout`` turns a title (with its optional description and distance) into a
``Workout``: what kind of session it is, the run type, the distance or the minutes, and
run steps where the words give them. Dates, paces and the plan around it are
``imports.py``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._values import fmt_number
from .plan import RepeatStep, RunStep, RunType, SessionKind, StepKind
from .profile import Race, Unit

__all__ = ["Workout", "race_of", "read_workout", "tokens_to_text"]

_N = r"\d+(?:\.\d+)?|\.\d+"
#: A calendar-hack distance: ``{3}``, ``{5-6}``, ``{3:4.8}``, ``{5-6:8-10}`` (miles:km).
_TOKEN = re.compile(
    rf"\{{\s*({_N})(?:\s*[-\u2013]\s*({_N}))?\s*(?::\s*({_N})(?:\s*[-\u2013]\s*({_N}))?)?\s*\}}"
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_NUMBER = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
#: "5 minute walk", "a 30-sec jog", "walk for two min", "run 90 seconds".
_SEGMENT = re.compile(
    rf"{_NUMBER}[- ]?(sec|min)\w*\.?\s+(?:brisk\s+|easy\s+)?(walk|jog|run)"
    rf"|(walk|jog|run)(?:\s+for)?\s+{_NUMBER}\s*(sec|min)",
)
_REPEAT = re.compile(r"repeat\s+(\d+)\s+times")
_RUN_WALK_KM = re.compile(r"run\s+([\d.]+)\s*km,\s*walk\s+([\d.]+)\s*km")
_REPS = re.compile(r"^(\d+)\s*[x\u00d7]\s*(\d+|hill)\b")
_MINUTES = re.compile(r"(\d+)\s*(?:[-\u2013]\s*(\d+)\s*)?min")
_RACE_DISTANCES = (
    (re.compile(r"\bhalf[- ]marathon\b"), Race.HALF_MARATHON),
    (re.compile(r"\bmarathon\b"), Race.MARATHON),
    (re.compile(r"\b10[- ]?k\b"), Race.TEN_K),
    (re.compile(r"\b5[- ]?k\b"), Race.FIVE_K),
)
#: Assumed when a plan names repeats without their warm-up: about a mile each way.
_WARM_UP_KM = 1.5
#: A hill repeat of unknown length counts as this many metres.
_HILL_METRES = 400


@dataclass
class Workout:
    """One day of a published plan, read from its words."""

    kind: SessionKind
    title: str = ""
    run_type: RunType | None = None
    distance: float | None = None
    """In the plan's unit; none when only time is known."""
    minutes: float | None = None
    run_minutes: float = 0.0
    """Of ``minutes``, the running part (the rest is walking), for estimating distance."""
    steps: list[RunStep | RepeatStep] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    optional: bool = False


def _number(text: str) -> float:
    return float(_WORD_NUMBERS.get(text, text))


def _token_range(match: re.Match[str], unit: Unit) -> tuple[float, float]:
    miles_lo, miles_hi, km_lo, km_hi = match.groups()
    if unit is Unit.KM and km_lo is not None:
        lo, hi = km_lo, km_hi
    else:
        lo, hi = miles_lo, miles_hi
    return float(lo), float(hi or lo)


def tokens_to_text(title: str, unit: Unit) -> str:
    """The title with each ``{miles:km}`` token written out in the plan's unit."""
    title = re.sub(r"\}\s*-\s*\{", "-", title)  # "{1}-{4}" is the range {1-4}

    def write(match: re.Match[str]) -> str:
        lo, hi = _token_range(match, unit)
        span = fmt_number(hi) if lo == hi else f"{fmt_number(lo)}-{fmt_number(hi)}"
        return f"{span} {unit.value}"

    return _TOKEN.sub(write, title)


def _title_distance(title: str, unit: Unit) -> tuple[float, float] | None:
    title = re.sub(r"\}\s*-\s*\{", "-", title)
    total = re.search(r"\(\s*(\{[^}]*\})\s*\)", title)
    match = _TOKEN.search(total.group(1)) if total else _TOKEN.search(title)
    return _token_range(match, unit) if match else None


def race_of(text: str) -> Race | None:
    """The race distance a text names ("Half Marathon", "10-K Race"), if any."""
    lower = text.lower()
    for pattern, race in _RACE_DISTANCES:
        if pattern.search(lower):
            return race
    return None


def _is_race(lower: str) -> bool:
    plain = re.sub(r"[({].*?[)}]", "", lower).strip(" !.:")
    if re.search(r"\brace\b", lower) and not re.search(r"race[- ]pace", lower):
        return True
    return plain in ("marathon", "half marathon", "race day")


def _run_type(lower: str) -> RunType:
    if re.search(r"\d\s*[x\u00d7]\s*hill|\bhills?:|hill repeat|uphill", lower):
        return RunType.HILLS
    if "tempo" in lower:
        return RunType.TEMPO
    if "stride" in lower and not re.search(r"\d\s*[x\u00d7]\s*\(", lower):
        return RunType.STRIDES
    if re.search(r"\d\s*[x\u00d7]\s*\S|\binterval|\bsets of\b", lower):
        return RunType.INTERVALS
    if re.search(r"\blong\b", lower):
        return RunType.LONG
    if re.search(r"\b(mp|hmp|marathon pace|race pace|goal pace|marathon simulation)\b", lower):
        return RunType.RACE_PACE
    if re.search(r"^[\d.\s-]*(mi|km)?\s*pace$", lower.strip()):  # Higdon's "{5:8.1} pace"
        return RunType.RACE_PACE
    if re.search(r"% 5k|5k effort|progression", lower):
        return RunType.TEMPO
    if re.search(r"\b(recovery|shakeout)\b", lower):
        return RunType.RECOVERY
    return RunType.EASY


def _segments(text: str) -> list[tuple[StepKind, float]]:
    """The timed walk and run segments of a text, in order, in minutes."""
    found = []
    for m in _SEGMENT.finditer(text):
        if m.group(1) is not None:
            amount, per, what = m.group(1), m.group(2), m.group(3)
        else:
            what, amount, per = m.group(4), m.group(5), m.group(6)
        minutes = _number(amount) / (60 if per == "sec" else 1)
        found.append((StepKind.WALK if what == "walk" else StepKind.RUN, minutes))
    return found


def _step(kind: StepKind, minutes: float) -> RunStep:
    return RunStep(kind=kind, minutes=round(minutes, 2))


def _timed(lower: str, workout_minutes: float | None) -> Workout | None:
    """A run/walk read from timed segments, or none when the text has none."""
    segments = _segments(lower)
    if not segments or all(kind is StepKind.WALK for kind, _ in segments):
        return None
    repeat = _REPEAT.search(lower)
    head: list[tuple[StepKind, float]] = []
    if repeat and len(segments) >= 3 and segments[0][0] is StepKind.WALK:
        head, segments = segments[:1], segments[1:]
    steps: list[RunStep | RepeatStep] = [_step(StepKind.WARM_UP, m) for _, m in head]
    rounds = int(repeat.group(1)) if repeat else 1
    body = [_step(kind, m) for kind, m in segments]
    if rounds >= 2:
        steps.append(RepeatStep(repeat=rounds, steps=body))
    else:
        if body[0].kind is StepKind.WALK and len(body) > 1:
            body[0] = _step(StepKind.WARM_UP, body[0].minutes or 0)
        if body[-1].kind is StepKind.WALK and len(body) > 1:
            body[-1] = _step(StepKind.COOL_DOWN, body[-1].minutes or 0)
        steps.extend(body)
    total = sum(m for _, m in head) + rounds * sum(m for _, m in segments)
    running = rounds * sum(m for kind, m in segments if kind is StepKind.RUN)
    notes = []
    if workout_minutes is not None and workout_minutes > total + 1:
        steps.append(_step(StepKind.COOL_DOWN, workout_minutes - total))
        notes.append(f"A cool-down walk fills the stated {fmt_number(workout_minutes)} minutes.")
        total = workout_minutes
    flat = [s for step in steps for s in (step.steps if isinstance(step, RepeatStep) else [step])]
    walks = any(s.kind is StepKind.WALK for s in flat)
    return Workout(
        kind=SessionKind.RUN,
        run_type=RunType.RUN_WALK if walks else RunType.EASY,
        minutes=total,
        run_minutes=running,
        steps=steps,
        notes=notes,
    )


def _reps(lower: str, unit: Unit) -> Workout | None:
    """Repeats without a distance: "6 x 400", "5 x hill" (warm-up and jogs estimated)."""
    match = _REPS.match(lower)
    if match is None:
        return None
    count = int(match.group(1))
    metres = _HILL_METRES if match.group(2) == "hill" else int(match.group(2))
    if not 100 <= metres <= 5000:
        return None
    rep = unit.from_km(metres / 1000)
    warm = unit.from_km(_WARM_UP_KM)
    steps: list[RunStep | RepeatStep] = [
        RunStep(kind=StepKind.WARM_UP, distance=round(warm, 2)),
        RepeatStep(
            repeat=count,
            steps=[
                RunStep(kind=StepKind.RUN, distance=round(rep, 2)),
                RunStep(kind=StepKind.RECOVER, distance=round(rep / 2, 2)),
            ],
        ),
        RunStep(kind=StepKind.COOL_DOWN, distance=round(warm, 2)),
    ]
    return Workout(
        kind=SessionKind.RUN,
        run_type=RunType.HILLS if match.group(2) == "hill" else RunType.INTERVALS,
        distance=round(2 * warm + count * 1.5 * rep, 1),
        steps=steps,
        notes=[
            f"Distance estimated: {fmt_number(_WARM_UP_KM)} km warm-up and cool-down, jog "
            "recoveries half as long as each repeat."
        ],
    )


def read_workout(
    title: str,
    description: str,
    distance: tuple[float, float] | None,
    minutes: tuple[float, float] | None,
    unit: Unit,
) -> Workout:
    """Read one workout from its title (and description, distance and minutes when given).

    Parameters:
        title: the plan's words for the day ("{3:4.8} run", "Rest", "30 tempo").
        description: more words, where the plan has them (run/walk programmes do).
        distance: (low, high) in ``unit``, as the plan gives it; high is used.
        minutes: (low, high) minutes, as the plan gives them; high is used.
        unit: the plan's unit, which picks the side of each ``{miles:km}`` pair.

    Returns:
        The workout; its ``title`` is the plan's first line with distances written out.
    """
    lines = [line.strip() for line in title.strip().splitlines() if line.strip()]
    shown = tokens_to_text(lines[0], unit) if lines else "Rest"
    lower = tokens_to_text(" ".join(lines), unit).lower()
    detail = " ".join([lower, description.lower()])
    extra = [tokens_to_text(line, unit) for line in lines[1:]]
    if distance is None:
        distance = _title_distance(title, unit)
    stated = _MINUTES.search(lower) or re.match(r"^(\d+)()\s+tempo", lower)
    crossish = crossish_words(lower)
    if minutes is None and stated and (distance is None or crossish):
        minutes = (float(stated.group(1)), float(stated.group(2) or stated.group(1)))
    optional = bool(re.search(r"\b(rest|off|day off)\b.*\bor\b|\bor\s+(day off|rest|off)\b", lower))

    def make(workout: Workout) -> Workout:
        workout.title = shown
        workout.notes = [*extra, *workout.notes]
        return workout

    if not lower.strip(" .!") or re.fullmatch(r"(rest|off|day off|off day|rest day)[ .!]*", lower):
        return make(Workout(kind=SessionKind.REST))
    if crossish and not re.search(r"\b(run|easy|jog|tempo|mile|miles)\b", lower):
        if optional:
            return make(Workout(kind=SessionKind.REST, notes=["Rest, or cross-train if you like."]))
        return make(
            Workout(kind=SessionKind.CROSS_TRAINING, minutes=minutes[1] if minutes else None)
        )
    if _is_race(lower):
        return make(Workout(kind=SessionKind.RACE, run_type=RunType.RACE, distance=_hi(distance)))
    if re.match(r"^(\d+\s*minutes of\s+)?(easy\s+)?walk", lower) and not _segments_with_run(detail):
        return make(
            Workout(
                kind=SessionKind.CROSS_TRAINING,
                minutes=minutes[1] if minutes else None,
                notes=["Walking: not counted as running."],
            )
        )
    run_walk_km = _RUN_WALK_KM.search(lower)
    if run_walk_km:
        run_km, walk_km = (float(x) for x in run_walk_km.groups())
        return make(
            Workout(
                kind=SessionKind.RUN,
                run_type=RunType.RUN_WALK,
                distance=round(unit.from_km(run_km + walk_km), 2),
                steps=[
                    RunStep(kind=StepKind.RUN, distance=round(unit.from_km(run_km), 2)),
                    RunStep(kind=StepKind.WALK, distance=round(unit.from_km(walk_km), 2)),
                ],
            )
        )
    timed = _timed(detail, minutes[1] if minutes else None)
    if timed is not None and distance is None:
        return make(timed)
    if re.search(r"\brun\s*/\s*walk\b", lower) and minutes is not None and distance is None:
        return make(
            Workout(
                kind=SessionKind.RUN,
                run_type=RunType.RUN_WALK,
                minutes=minutes[1],
                run_minutes=minutes[1] / 2,
                notes=["Run and walk as you feel; counted as half running, half walking."],
            )
        )
    if distance is None:
        reps = _reps(lower, unit)
        if reps is not None:
            return make(reps)
    run_type = _run_type(lower)
    notes = []
    if optional:
        if distance is None or distance[1] <= 0:
            return make(Workout(kind=SessionKind.REST, notes=["Rest, or an easy run if you like."]))
        notes.append(
            f"Optional: rest, or run up to {fmt_number(distance[1])} {unit.value}; counted as run."
        )
    elif distance is not None and distance[0] < distance[1]:
        notes.append(
            f"The plan gives {fmt_number(distance[0])}-{fmt_number(distance[1])} {unit.value}; "
            f"counted at the upper end, {fmt_number(distance[1])} {unit.value}."
        )
    if distance is not None and distance[1] > 0:
        return make(
            Workout(
                kind=SessionKind.RUN,
                run_type=run_type,
                distance=distance[1],
                minutes=minutes[1] if minutes else None,
                notes=notes,
                optional=optional,
            )
        )
    if minutes is not None:
        return make(
            Workout(
                kind=SessionKind.RUN,
                run_type=run_type,
                minutes=minutes[1],
                run_minutes=minutes[1],
                notes=notes,
            )
        )
    return make(
        Workout(
            kind=SessionKind.REST,
            notes=["runplan found no distance or time in this workout; it is not counted."],
        )
    )


def crossish_words(lower: str) -> bool:
    """True when a workout names cross-training, cycling or strength work."""
    return bool(re.search(r"\b(cross|bike|strength|stretch|swim|yoga)", lower))


def _hi(distance: tuple[float, float] | None) -> float | None:
    return distance[1] if distance is not None and distance[1] > 0 else None


def _segments_with_run(text: str) -> bool:
    return any(kind is StepKind.RUN for kind, _ in _segments(text))
