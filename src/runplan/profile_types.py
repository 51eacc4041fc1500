"""The small types a runner's profile is made of: weekdays, the distance unit, races,
a recent race result, cross training, and the distance floors that depend on the unit."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

__all__ = [
    "DISTANCE_STEPS",
    "CrossTraining",
    "Race",
    "RecentRace",
    "Unit",
    "Weekday",
    "beginner_floor",
    "minimum_long_run",
]


class Weekday(StrEnum):
    """A day of the week; profiles accept ``mon``..``sun`` or full names, in any case."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        """The weekday of a date."""
        return _WEEKDAYS[day.weekday()]

    @property
    def number(self) -> int:
        """0 for Monday .. 6 for Sunday, as ``date.weekday()``."""
        return _WEEKDAYS.index(self)

    @property
    def title(self) -> str:  # type: ignore[override]
        """The full English name, e.g. "Saturday"."""
        return _FULL_NAMES[self.number].capitalize()

    @classmethod
    def _missing_(cls, value: object) -> Weekday | None:
        if isinstance(value, str):
            text = value.strip().lower()
            for member in cls:
                if text in (member.value, _FULL_NAMES[member.number]):
                    return member
        return None


#: Monday to Sunday, in ``date.weekday()`` order (asked for thousands of times a plan).
_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


#: Kilometres in a mile.
KM_PER_MI = 1.609344


class Unit(StrEnum):
    """Distance unit for the whole profile and plan."""

    KM = "km"
    MI = "mi"

    def from_km(self, km: float) -> float:
        """A distance given in kilometres, in this unit (not rounded)."""
        return km if self is Unit.KM else km / KM_PER_MI

    def to_km(self, distance: float) -> float:
        """A distance given in this unit, in kilometres (not rounded)."""
        return distance if self is Unit.KM else distance * KM_PER_MI


class Race(StrEnum):
    """A race to build toward; the plan ends on race day with a taper before it."""

    FIVE_K = "5k"
    TEN_K = "10k"
    HALF_MARATHON = "half_marathon"
    MARATHON = "marathon"

    @property
    def km(self) -> float:
        """The race distance in kilometres."""
        return {"5k": 5.0, "10k": 10.0, "half_marathon": 21.0975, "marathon": 42.195}[self.value]

    @property
    def label(self) -> str:
        """How a runner says it: "5 km", "half marathon"."""
        return {"5k": "5 km", "10k": "10 km"}.get(self.value, self.value.replace("_", " "))


class RecentRace(BaseModel):
    """A race run lately, which sets the plan's paces (Riegel's race-equivalence formula)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    distance: Race
    """5k, 10k, half_marathon or marathon."""
    time: str
    """Finishing time as minutes:seconds or hours:minutes:seconds, e.g. "27:30" or "1:58:00"."""

    @field_validator("time")
    @classmethod
    def _time(cls, text: str) -> str:
        text = str(text).strip()
        if not re.fullmatch(r"(\d{1,2}:)?\d{1,3}:[0-5]\d", text) or _seconds(text) <= 0:
            raise ValueError(f"recent_race time {text!r} should be like 27:30 or 1:58:00")
        return text

    @property
    def seconds(self) -> int:
        """The finishing time in seconds."""
        return _seconds(self.time)


def _seconds(text: str) -> int:
    total = 0
    for part in text.split(":"):
        total = total * 60 + int(part)
    return total


class CrossTraining(StrEnum):
    """Low-impact activities a runner can swap in for runs; each is a catalogue exercise id."""

    SWIMMING = "swimming"
    CYCLING = "cycling"
    PILATES = "pilates"
    YOGA = "yoga"
    TAI_CHI = "tai_chi"


#: The rounding steps a profile may choose for planned distances.
DISTANCE_STEPS = (0.1, 0.25, 0.5, 1.0)


def minimum_long_run(unit: Unit) -> float:
    """The shortest longest-recent-run: 2 km or 1.5 mi."""
    return 2.0 if unit is Unit.KM else 1.5


def beginner_floor(unit: Unit) -> float:
    """The weekly distance a beginner starts from with run/walk: 5 km or 3 mi."""
    return 5.0 if unit is Unit.KM else 3.0
