"""A runner's paces: easy, walking, tempo, race and strides, each a range in whole seconds
per unit, from the profile's ``easy_pace``, from a ``recent_race`` through Riegel's
race-equivalence formula, or from a cautious default."""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Level
from .plan import PaceRange
from .profile import Race, RunnerProfile, Unit
from .profile_types import KM_PER_MI

__all__ = ["Paces", "middle", "paces_for", "riegel"]

#: Riegel's fatigue exponent: T2 = T1 x (D2 / D1) ** 1.06 (Riegel, American Scientist 1981).
RIEGEL_EXPONENT = 1.06
#: Cautious default easy (or, for a beginner, running) paces per level, in s/km (slow, fast).
#: A new runner's running pace is often 7 to 9 min/km (coaching reference).
DEFAULT_EASY_KM: dict[Level, tuple[int, int]] = {
    Level.BEGINNER: (540, 420),
    Level.INTERMEDIATE: (420, 360),
    Level.ADVANCED: (360, 300),
}
#: Brisk walking, about 10 to 12 min/km (coaching reference).
WALK_KM = (720, 600)
#: Race pace per race as a share of the easy pace's middle, when no recent race is known
#: (convention; the Riegel paces replace these when ``recent_race`` is given).
RACE_OF_EASY = {Race.FIVE_K: 0.80, Race.TEN_K: 0.83, Race.HALF_MARATHON: 0.87, Race.MARATHON: 0.92}
#: Threshold (tempo) pace as a share of the easy pace's middle when no race is known: about
#: the pace of a one-hour race, between 10 km and half-marathon pace (convention).
HOUR_OF_EASY = 0.845
#: Seconds in the race a tempo pace matches: the one-hour race (threshold, practice).
HOUR = 3600.0
#: Half-marathon distance in km.
HALF_KM = 21.0975
#: Race pace ranges spread this fraction each way; tempo ranges somewhat less.
RACE_SPREAD, TEMPO_SPREAD = 0.02, 0.015


def riegel(seconds: float, from_km: float, to_km: float) -> float:
    """The equivalent time over ``to_km`` of a race of ``seconds`` over ``from_km``.

    Riegel, "Athletic records and human endurance", American Scientist 69 (1981):
    T2 = T1 x (D2 / D1) ** 1.06.
    """
    return float(seconds * (to_km / from_km) ** RIEGEL_EXPONENT)


def hour_km(seconds: float, from_km: float) -> float:
    """How far a runner who races ``from_km`` in ``seconds`` could race in one hour: Riegel's
    formula solved for the distance."""
    return float(from_km * (HOUR / seconds) ** (1 / RIEGEL_EXPONENT))


def _range(middle: float, spread: float) -> PaceRange:
    """A pace range around ``middle`` seconds per unit, ``spread`` (a fraction) each way."""
    return PaceRange(slow=round(middle * (1 + spread)), fast=round(middle * (1 - spread)))


def _per_unit(seconds_per_km: float, unit: Unit) -> float:
    return seconds_per_km if unit is Unit.KM else seconds_per_km * KM_PER_MI


def middle(pace: PaceRange) -> float:
    """The middle of a pace range, in seconds per unit: the pace distances are planned at."""
    return (pace.slow + pace.fast) / 2


def tempo_range(hour_pace: float, half: PaceRange) -> PaceRange:
    """Tempo pace: about one-hour race pace, and all of it faster than the half-marathon
    race-pace range ``half`` (threshold running sits between 10 km and half-marathon pace)."""
    tempo = _range(hour_pace, TEMPO_SPREAD)
    slow = min(tempo.slow, half.fast - 1)
    return PaceRange(slow=slow, fast=min(tempo.fast, slow))


@dataclass(frozen=True)
class Paces:
    """A runner's pace ranges, seconds per unit of the plan."""

    easy: PaceRange
    """Easy and long runs (for a beginner, the running in run/walk)."""
    walk: PaceRange
    """Brisk walking."""
    tempo: PaceRange
    """Comfortably hard: about the pace of a one-hour race, faster than half-marathon pace."""
    race: PaceRange
    """The goal race's pace (the 5 km pace when there is no race)."""
    stride: PaceRange
    """Strides: quick, relaxed, faster than race pace."""
    source: str
    """Where the paces come from, in words."""
    half: PaceRange | None = None
    """Half-marathon race pace, whatever the goal race (tempo is faster than it)."""


def paces_for(profile: RunnerProfile) -> Paces:
    """The runner's paces: from ``recent_race`` (Riegel), else ``easy_pace``, else a
    cautious default. Every pace is a range."""
    unit = profile.unit
    walk = PaceRange(
        slow=round(_per_unit(WALK_KM[0], unit)), fast=round(_per_unit(WALK_KM[1], unit))
    )
    race_km = (profile.race or Race.FIVE_K).km
    if profile.recent_race is not None:
        done = profile.recent_race
        per_km = {
            km: riegel(done.seconds, done.distance.km, km) / km
            for km in (5.0, 10.0, HALF_KM, 42.195, race_km)
        }
        marathon = _per_unit(per_km[42.195], unit)
        easy = PaceRange(slow=round(marathon * 1.25), fast=round(marathon * 1.10))
        half = _range(_per_unit(per_km[HALF_KM], unit), RACE_SPREAD)
        hour_pace = _per_unit(HOUR / hour_km(done.seconds, done.distance.km), unit)
        race = _range(_per_unit(per_km[race_km], unit), RACE_SPREAD)
        five = _per_unit(per_km[5.0], unit)
        # Riegel's formula gives the marathon time the race is worth; easy pace comes from it.
        source = f"from your {done.distance.label} in {done.time}"
    else:
        if profile.easy_pace is not None:
            given = profile.pace_minutes * 60
            easy = _range(given, 0.04)
            source = f"your easy pace of {profile.easy_pace}"
        else:
            slow, fast = DEFAULT_EASY_KM[profile.level]
            easy = PaceRange(slow=round(_per_unit(slow, unit)), fast=round(_per_unit(fast, unit)))
            source = "a cautious default pace"
        base = middle(easy)
        half = _range(base * RACE_OF_EASY[Race.HALF_MARATHON], RACE_SPREAD)
        hour_pace = base * HOUR_OF_EASY
        race = _range(base * RACE_OF_EASY[profile.race or Race.FIVE_K], RACE_SPREAD)
        five = base * RACE_OF_EASY[Race.FIVE_K]
    if walk.fast <= easy.slow:  # a very slow runner: walking is not faster than running
        walk = PaceRange(slow=max(walk.slow, easy.slow + 60), fast=easy.slow + 30)
    stride = PaceRange(slow=round(five), fast=round(five * 0.92))
    return Paces(
        easy=easy,
        walk=walk,
        tempo=tempo_range(hour_pace, half),
        race=race,
        stride=stride,
        source=source,
        half=half,
    )
