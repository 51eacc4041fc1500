"""The runner's profile: who is running, from when, how much, and what they have."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zoneinfo
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ._error_text import describe_validation_error
from ._filetype import data_kind
from ._read import read_data_file
from ._values import CalendarDay, LocalTime
from .catalogue import BackPain, Equipment, Level
from .errors import ProfileError

__all__ = [
    "BackPain",
    "CrossTraining",
    "Race",
    "RecentRace",
    "RunnerProfile",
    "Unit",
    "Weekday",
]


_S = TypeVar("_S", bound=StrEnum)


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


class Unit(StrEnum):
    """Distance unit for the whole profile and plan."""

    KM = "km"
    MI = "mi"

    def from_km(self, km: float) -> float:
        """A distance given in kilometres, in this unit (not rounded)."""
        return km if self is Unit.KM else km / 1.609344


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


class RunnerProfile(BaseModel):
    """Everything the plan builder needs to know about a runner.

    Load one from a file with :meth:`from_file`, or build it in Python. Distances are in
    ``unit``; times are local to ``timezone``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    name: str = Field("runplan", min_length=1, max_length=80)
    """Plan name: the calendar's name and part of the plan id."""
    start_date: CalendarDay
    """First day of the plan."""
    weeks: int = Field(12, ge=1, le=52)
    """Plan length in weeks (1 to 52); derived from ``race_date`` when that is given."""
    race: Race | None = None
    """A race to build toward: 5k, 10k, half_marathon or marathon."""
    race_date: CalendarDay | None = None
    """Race day; the plan ends on it."""
    unit: Unit = Unit.KM
    """km or mi; every distance in the profile and the plan is in it."""
    weekly_distance: float = Field(ge=0, le=300)
    """Recent average weekly running distance; 0 for a beginner (who starts from 5 km / 3 mi)."""
    longest_recent_run: float | None = Field(None, gt=0, le=100)
    """Longest run of the last 30 days; default weekly_distance / 3, at least 2 km / 1.5 mi."""
    peak_weekly_distance: float | None = Field(None, gt=0, le=300)
    """The weekly volume to build toward; derived from the race or the start when not given."""
    run_days: list[Weekday] = Field(default_factory=lambda: [Weekday.MON, Weekday.WED, Weekday.SAT])
    """Weekdays the runner runs on, 2 to 6."""
    long_run_day: Weekday = Weekday.SAT
    """The weekday of the long run; one of run_days."""
    core_per_week: int = Field(3, ge=2, le=3)
    """Core strength sessions a week, 2 or 3."""
    equipment: list[Equipment] = Field(default_factory=lambda: [Equipment.MAT])
    """What the runner has at home."""
    level: Level = Level.BEGINNER
    """The runner's experience with running and strength work."""
    back_pain: BackPain = BackPain.NONE
    """none, mild (stiff or sore after runs) or flare (pain while running)."""
    cross_training: list[CrossTraining] = Field(
        default_factory=lambda: [CrossTraining.SWIMMING, CrossTraining.CYCLING]
    )
    """Low-impact activities the runner can do instead of a run."""
    timezone: str = "UTC"
    """IANA time zone name, e.g. Europe/Berlin; all times are local to it."""
    run_time: LocalTime = dt.time(7, 0)
    """Local start time of runs."""
    strength_time: LocalTime = dt.time(18, 30)
    """Local start time of core and mobility sessions."""
    run_time_by_day: dict[Weekday, LocalTime] = {}
    """Per-weekday overrides of run_time."""
    strength_time_by_day: dict[Weekday, LocalTime] = {}
    """Per-weekday overrides of strength_time."""
    easy_pace: str | None = None
    """Easy pace in minutes per unit, e.g. "6:30"; gives run durations."""
    recent_race: RecentRace | None = None
    """A race run lately (``{distance: 5k, time: "27:30"}``); sets the paces."""
    distance_step: float | None = None
    """Planned distances are rounded down to this step of the unit; by default 0.1 for runs
    under 5 units (so short runs can grow by less than 10 %) and 0.5 above."""
    max_weekly_increase: float = Field(0.10, gt=0, le=0.3)
    """Largest weekly volume growth over the best of the previous 4 weeks (0.10 = 10 %)."""
    cutback_every: int = Field(4, ge=2, le=8)
    """Every n-th week is a lighter cutback week."""
    cutback_ratio: float = Field(0.8, gt=0.5, lt=1)
    """A cutback week's volume as a share of the week before."""

    if not TYPE_CHECKING:  # type checkers keep the constructor's typed signature

        def __init__(self, **data: Any) -> None:
            """Build a profile; bad fields raise ``ProfileError`` (also a ``ValueError``)."""
            try:
                super().__init__(**data)
            except ValidationError as exc:
                raise _profile_error(exc, "RunnerProfile(...)") from None

        # Tells pydantic this __init__ only wraps its own, so model_validate() does not call
        # it and keeps raising pydantic's ValidationError (as pydantic's RootModel does).
        __init__.__pydantic_base_init__ = True

    @field_validator("name")
    @classmethod
    def _one_line_name(cls, name: str) -> str:
        name = name.strip()
        if not name:
            raise ValueError("name is empty")
        if any(unicodedata.category(ch).startswith(("C", "Zl", "Zp")) for ch in name):
            raise ValueError("name must be one line of printable text")
        return name

    @field_validator("run_days", mode="after")
    @classmethod
    def _unique_days(cls, days: list[Weekday]) -> list[Weekday]:
        if not 2 <= len(days) <= 6:
            raise ValueError(f"run_days needs 2 to 6 days, not {len(days)}")
        if len(set(days)) != len(days):
            raise ValueError("run_days lists a day twice")
        return sorted(days, key=lambda d: d.number)

    @field_validator("equipment", "cross_training", mode="after")
    @classmethod
    def _sorted_unique(cls, items: list[_S]) -> list[_S]:
        return sorted(set(items), key=list(type(items[0])).index) if items else items

    @field_validator("distance_step")
    @classmethod
    def _step(cls, step: float | None) -> float | None:
        if step is not None and step not in DISTANCE_STEPS:
            choices = ", ".join(f"{s:g}" for s in DISTANCE_STEPS)
            raise ValueError(f"distance_step {step:g} is not one of {choices}")
        return step

    @field_validator("easy_pace")
    @classmethod
    def _pace(cls, pace: str | None) -> str | None:
        if pace is not None and not re.fullmatch(r"\d{1,2}:[0-5]\d", pace.strip()):
            raise ValueError(f"easy_pace {pace!r} should be minutes:seconds per unit, like 6:30")
        return pace.strip() if pace is not None else None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise ValueError(
                f"unknown time zone {shown!r}; use an IANA name such as Europe/Berlin "
                "or America/New_York"
            ) from None
        return name

    @model_validator(mode="before")
    @classmethod
    def _times_by_day(cls, data: Any) -> Any:
        """Accept ``run_time: {default: "07:00", sat: "08:30"}`` as well as ``run_time_by_day``."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("run_time", "strength_time"):
            value = data.get(name)
            if isinstance(value, dict):
                by_day = {k: v for k, v in value.items() if str(k).lower() != "default"}
                default = next((v for k, v in value.items() if str(k).lower() == "default"), None)
                if default is None:
                    data.pop(name)
                else:
                    data[name] = default
                given = data.get(f"{name}_by_day") or {}
                if isinstance(given, dict):
                    data[f"{name}_by_day"] = {**by_day, **given}
        return data

    @model_validator(mode="before")
    @classmethod
    def _derive_weeks(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("race_date") in (None, ""):
            return data
        try:
            start = dt.date.fromisoformat(str(data["start_date"]))
            race = dt.date.fromisoformat(str(data["race_date"]))
        except (KeyError, ValueError):
            return data  # the field validators report the bad date
        if race < start:
            raise ValueError(f"race_date {race} is before start_date {start}")
        weeks = (race - start).days // 7 + 1
        if weeks > 52:
            raise ValueError(f"race_date {race} is more than 52 weeks after start_date {start}")
        given = data.get("weeks")
        if given is not None and not isinstance(given, bool) and given in (weeks, str(weeks)):
            given = None
        if given is not None:
            raise ValueError(
                f"weeks is {data['weeks']} but race_date {race} makes the plan {weeks} weeks; "
                "give one or the other"
            )
        return {**data, "weeks": weeks}

    @model_validator(mode="after")
    def _check_together(self) -> Self:
        if self.long_run_day not in self.run_days:
            days = ", ".join(d.value for d in self.run_days)
            raise ValueError(
                f"long_run_day {self.long_run_day.value} is not one of run_days ({days})"
            )
        if self.race is not None and self.race_date is None:
            raise ValueError(f"race {self.race.value} needs a race_date")
        if self.race_date is not None and self.race is None:
            raise ValueError("race_date needs a race (5k, 10k, half_marathon or marathon)")
        if len(self.core_weekday_candidates()) < self.core_per_week:
            raise ValueError(
                f"{self.core_per_week} core sessions do not fit the week: core never comes "
                "before a run on the same day, so make strength_time later than run_time "
                "or choose fewer run days"
            )
        return self

    def rest_weekday(self) -> Weekday:
        """The weekday kept free of runs and core: the day before the long run when it is
        free, else the day after it, else the first day without a run."""
        free = [d for d in Weekday if d not in self.run_days]
        before = list(Weekday)[(self.long_run_day.number - 1) % 7]
        after = list(Weekday)[(self.long_run_day.number + 1) % 7]
        for day in (before, after):
            if day in free:
                return day
        return free[0]

    def core_weekday_candidates(self) -> list[Weekday]:
        """Weekdays a core session may go on: not the rest day, not the day before the long
        run, and on a run day only when the core session starts after the run."""
        before_long = list(Weekday)[(self.long_run_day.number - 1) % 7]
        rest = self.rest_weekday()
        return [
            d
            for d in Weekday
            if d not in (rest, before_long)
            and (d not in self.run_days or self.strength_time_on(d) > self.run_time_on(d))
        ]

    # ------------------------------------------------------------------ derived values

    @property
    def plan_id(self) -> str:
        """Stable plan id: the name as a slug and the start date."""
        slug = "".join(ch if ch.isalnum() else "-" for ch in self.name.lower()).strip("-")
        slug = "-".join(part for part in slug.split("-") if part) or "runplan"
        return f"{slug}-{self.start_date:%Y%m%d}"

    @property
    def end_date(self) -> dt.date:
        """Last day of the plan: race day, or the end of the last week."""
        if self.race_date is not None:
            return self.race_date
        return self.start_date + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def start_volume(self) -> float:
        """The weekly distance that counts as week 0 (at least the beginner floor)."""
        return max(self.weekly_distance, beginner_floor(self.unit))

    @property
    def seed_longest_run(self) -> float:
        """The longest run of the last 30 days, as given or derived."""
        if self.longest_recent_run is not None:
            return self.longest_recent_run
        return max(self.weekly_distance / 3, minimum_long_run(self.unit))

    @property
    def pace_minutes(self) -> float:
        """Easy pace in minutes per unit (given, or a cautious guess from the level)."""
        if self.easy_pace is not None:
            minutes, seconds = self.easy_pace.split(":")
            return int(minutes) + int(seconds) / 60
        per_km = {Level.BEGINNER: 7.5, Level.INTERMEDIATE: 6.0, Level.ADVANCED: 5.0}[self.level]
        return per_km if self.unit is Unit.KM else per_km * 1.609344

    def step_for(self, distance: float) -> float:
        """The rounding step for a run of about ``distance``: ``distance_step`` when given,
        else 0.1 under 5 units and 0.5 from there."""
        if self.distance_step is not None:
            return self.distance_step
        return 0.1 if distance < 5 else 0.5

    @property
    def is_beginner(self) -> bool:
        """True for a new runner (``weekly_distance`` 0), who follows the run/walk programme."""
        return self.weekly_distance == 0

    def week_index(self, day: dt.date) -> int:
        """The 1-based plan week a date falls in (0 for the days before the start)."""
        return (day - self.start_date).days // 7 + 1

    def run_time_on(self, day: Weekday) -> dt.time:
        """Local start time of a run on this weekday."""
        return self.run_time_by_day.get(day, self.run_time)

    def strength_time_on(self, day: Weekday) -> dt.time:
        """Local start time of core and mobility on this weekday."""
        return self.strength_time_by_day.get(day, self.strength_time)

    # ------------------------------------------------------------------ loading

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> RunnerProfile:
        """Load a profile from a YAML or JSON file.

        Raises:
            ProfileError: the file is missing or malformed, or a field is not valid.
        """
        data = read_data_file(path, ProfileError, "profile")
        return cls.from_data(data, source=Path(path).name)

    @classmethod
    def from_data(cls, data: Any, *, source: str = "profile") -> RunnerProfile:
        """Validate already-parsed data (a mapping) into a profile.

        Raises:
            ProfileError: a field is missing or not valid; the message names ``source``.
        """
        other = data_kind(data)
        if other not in (None, "a runner profile"):
            hint = _PROFILE_HINTS.get(other, "")
            raise ProfileError(f"{source} is {other}, not a runner profile{hint}.")
        if not isinstance(data, dict):
            kind = "empty" if data is None else f"a {type(data).__name__}"
            raise ProfileError(
                f"The profile {source} must be a mapping of fields, but it is {kind}."
            )
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise _profile_error(exc, source) from None
        except ValueError as exc:  # raised before field validation (race_date checks)
            raise ProfileError(f"The profile {source} has a bad value: {exc}.") from None


#: What to do with a file of another kind given where a profile belongs.
_PROFILE_HINTS = {
    "a CSV plan": "; read it with runplan import",
    "a calendar-hack plan": "; read it with runplan import",
    "a runplan plan": "; runplan check, replan and status read it as it is",
    "an exercise catalogue": "; give it with --catalogue",
}


def _profile_error(exc: ValidationError, source: str) -> ProfileError:
    detail = describe_validation_error(exc, lambda: ", ".join(RunnerProfile.model_fields))
    return ProfileError(f"The profile {source} {detail}.")
