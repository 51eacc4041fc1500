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
from ._values import LAST_DAY, CalendarDay, LocalTime
from .errors import ProfileError
from .profile_derived import ProfileDerived
from .profile_shorthand import expand_times_by_day, weeks_from_race_date

# The profile's own types stay importable from here (runplan's public API names them so).
from .profile_types import DISTANCE_STEPS, CrossTraining, Race, RecentRace, Unit, Weekday
from .vocabulary import BackPain, Equipment, Level

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


class RunnerProfile(ProfileDerived, BaseModel):
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
        return expand_times_by_day(data)

    @model_validator(mode="before")
    @classmethod
    def _derive_weeks(cls, data: Any) -> Any:
        return weeks_from_race_date(data)

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
        if self.end_date > LAST_DAY:
            raise ValueError(
                f"a {self.weeks}-week plan from start_date {self.start_date} would end on "
                f"{self.end_date}, after {LAST_DAY}; start earlier or plan fewer weeks"
            )
        if len(self.core_weekday_candidates()) < self.core_per_week:
            raise ValueError(
                f"{self.core_per_week} core sessions do not fit the week: core never comes "
                "before a run on the same day, so make strength_time later than run_time "
                "or choose fewer run days"
            )
        return self

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
