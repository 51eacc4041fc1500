"""The output model, which is also the JSON format: Plan, Week, Session, Block, Prescription."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ._error_text import describe_validation_error
from ._read import MAX_JSON_BYTES, read_data_file
from ._values import CalendarDay, LocalTime
from .catalogue import OneAmount
from .errors import PlanError
from .profile import RunnerProfile

__all__ = [
    "Block",
    "BlockName",
    "PaceRange",
    "Plan",
    "Prescription",
    "RepeatStep",
    "RunSpec",
    "RunStep",
    "RunType",
    "Session",
    "SessionKind",
    "StepKind",
    "Week",
    "WeekKind",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class WeekKind(StrEnum):
    """What a week is for."""

    BUILD = "build"
    CUTBACK = "cutback"
    TAPER = "taper"
    RACE = "race"
    RECOVERY = "recovery"


class SessionKind(StrEnum):
    """What a session is."""

    RUN = "run"
    CORE = "core"
    MOBILITY = "mobility"
    CROSS_TRAINING = "cross_training"
    RACE = "race"
    REST = "rest"


class RunType(StrEnum):
    """The kind of run."""

    EASY = "easy"
    LONG = "long"
    RECOVERY = "recovery"
    RUN_WALK = "run_walk"
    RACE = "race"
    STRIDES = "strides"
    TEMPO = "tempo"
    RACE_PACE = "race_pace"
    INTERVALS = "intervals"
    HILLS = "hills"


class BlockName(StrEnum):
    """Where a block sits in a session."""

    WARM_UP = "warm_up"
    MAIN = "main"
    COOL_DOWN = "cool_down"


class Prescription(_Model, OneAmount):
    """One exercise with its dose, as planned for a session."""

    exercise: str
    """The exercise id in the catalogue."""
    sets: int = Field(1, gt=0)
    """Number of sets."""
    reps: int | None = Field(None, gt=0)
    """Repetitions per set (per side when per_side)."""
    hold_seconds: int | None = Field(None, gt=0)
    """Seconds per hold (per side when per_side)."""
    minutes: int | None = Field(None, gt=0)
    """Minutes of continuous work."""
    per_side: bool = False
    """True when reps or holds are for each side."""
    rest_seconds: int = Field(0, ge=0)
    """Rest between sets, in seconds."""

    @property
    def seconds(self) -> int:
        """How long it takes, rests included, at about 3 s a repetition."""
        # Read straight from the fields: the builder asks this tens of thousands of times.
        minutes, hold = self.minutes, self.hold_seconds
        if minutes is not None:
            work = minutes * 60
        elif hold is not None:
            work = hold
        else:
            work = 3 * self.amount
        if self.per_side:
            work *= 2
        sets = self.sets
        return sets * work + (sets - 1) * self.rest_seconds


class Block(_Model):
    """A part of a session: warm-up, main work or cool-down."""

    name: BlockName
    """warm_up, main or cool_down."""
    items: list[Prescription]
    """The exercises, in order."""


class StepKind(StrEnum):
    """What one step of a run is."""

    WARM_UP = "warm_up"
    RUN = "run"
    WALK = "walk"
    STRIDE = "stride"
    TEMPO = "tempo"
    RACE_PACE = "race_pace"
    RECOVER = "recover"
    COOL_DOWN = "cool_down"


class PaceRange(_Model):
    """A pace as a range, in whole seconds per unit (km or mi): ``slow`` >= ``fast``."""

    slow: int = Field(gt=0, le=3600)
    """The slow end, seconds per unit."""
    fast: int = Field(gt=0, le=3600)
    """The fast end, seconds per unit."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.slow < self.fast:
            raise ValueError(f"pace slow ({self.slow} s) must be at least fast ({self.fast} s)")
        return self


class RunStep(_Model):
    """One step of a run: a warm-up walk, a run, a walk break, a stride, ...

    Exactly one of ``minutes`` or ``distance`` is set.
    """

    kind: StepKind
    """warm_up, run, walk, stride, tempo, race_pace, recover or cool_down."""
    minutes: float | None = Field(None, gt=0, le=600)
    """How long the step lasts, in minutes (a stride of 20 s is 0.33...)."""
    distance: float | None = Field(None, gt=0, le=1000)
    """How far the step goes, in the plan's unit."""
    pace: PaceRange | None = None
    """The pace range to hold, when known."""

    @model_validator(mode="after")
    def _time_or_distance(self) -> Self:
        if (self.minutes is None) == (self.distance is None):
            raise ValueError("a run step needs exactly one of minutes or distance")
        return self


class RepeatStep(_Model):
    """Steps done ``repeat`` times in a row (run 3 min, walk 1 min, 8 times)."""

    repeat: int = Field(ge=2, le=100)
    """How many rounds, in all."""
    steps: list[RunStep] = Field(min_length=1)
    """One round, in order."""


def flat_steps(steps: Sequence[RunStep | RepeatStep]) -> list[RunStep]:
    """The steps with each repeat's steps in its place, once (a repeat's count aside)."""
    return [s for x in steps for s in (x.steps if isinstance(x, RepeatStep) else [x])]


class RunSpec(_Model):
    """The run in a run or race session."""

    type: RunType
    """easy, long, recovery, run_walk, race, strides, tempo, race_pace, intervals or hills."""
    distance: float = Field(gt=0)
    """Planned distance in the plan's unit (for run/walk, running and walking together)."""
    minutes: int | None = Field(None, gt=0)
    """Planned time on feet, walking included; none in a plan that does not say."""
    steps: list[RunStep | RepeatStep] = []
    """What to do, in order; every run runplan builds has steps (a hand-written or
    imported plan may leave them out)."""


class Session(_Model):
    """One thing to do on one day."""

    id: str
    """Stable slot id (plan id, date, slot); unchanged when the plan is rebuilt."""
    date: CalendarDay
    """The day."""
    start: LocalTime | None = None
    """Local start time, or none for an all-day session."""
    duration_minutes: int = Field(0, ge=0)
    """Planned length, warm-up and cool-down included."""
    kind: SessionKind
    """run, core, mobility, cross_training, race or rest."""
    title: str
    """One line, e.g. "Easy run 6 km"."""
    run: RunSpec | None = None
    """The run, for run and race sessions."""
    blocks: list[Block] = []
    """Warm-up, main work and cool-down."""
    notes: list[str] = []
    """Form cues and reasons, in plain words."""

    @property
    def is_run(self) -> bool:
        """True for sessions with running in them (runs and races)."""
        return self.run is not None

    @property
    def distance(self) -> float:
        """Run distance, 0 for sessions without a run."""
        return self.run.distance if self.run is not None else 0.0

    def prescriptions(self) -> Iterator[tuple[BlockName, Prescription]]:
        """Every prescription with the name of its block."""
        for block in self.blocks:
            for item in block.items:
                yield block.name, item


class Week(_Model):
    """Seven days of the plan (the race week may be shorter: the plan ends on race day)."""

    index: int = Field(ge=1)
    """1-based week number."""
    start: CalendarDay
    """First day of the week."""
    kind: WeekKind
    """build, cutback, taper, race or recovery."""
    distance: float = Field(ge=0)
    """Planned run distance of the week, race excluded."""
    sessions: list[Session] = []
    """The week's sessions in date and start order."""


class Plan(_Model):
    """A runner's plan: weeks of sessions, plus any warnings about the goal."""

    id: str
    """Stable plan id, from the profile's name and start date."""
    revision: int = Field(1, ge=1)
    """Starts at 1 and grows with each re-plan; it is the calendar SEQUENCE."""
    profile: RunnerProfile
    """The profile the plan was built from."""
    weeks: list[Week]
    """The weeks in order."""
    warnings: list[str] = []
    """Plain sentences about goals the rules did not allow."""
    changes: list[str] = []
    """What the last re-plan changed, one sentence each."""

    def sessions(self) -> Iterator[Session]:
        """Every session of every week, in order."""
        for week in self.weeks:
            yield from week.sessions

    @property
    def unit(self) -> str:
        """The distance unit of the plan."""
        return self.profile.unit.value

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Plan:
        """Load a plan file written by runplan (JSON) or converted from elsewhere.

        Raises:
            PlanError: the file is missing, unreadable, not JSON/YAML, or not a valid plan.
        """
        data = read_data_file(path, PlanError, "plan")
        return cls.from_data(data, source=f"file {Path(path).name}")

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "plan") -> Plan:
        """Read a plan from JSON text, as :meth:`model_dump_json` writes it.

        Unlike :meth:`model_validate_json`, bad input raises a ``PlanError``.

        Raises:
            PlanError: the text is not JSON, is too large or too deep, or is not a plan.
        """
        if len(text) > MAX_JSON_BYTES:
            raise PlanError(f"The plan {source} is more than {MAX_JSON_BYTES} bytes.")
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise PlanError(f"The plan {source} is not valid JSON: {exc}.") from None
        except RecursionError:
            raise PlanError(f"The plan {source} is nested too deeply.") from None
        return cls.from_data(data, source=source)

    @classmethod
    def from_data(cls, data: Any, *, source: str = "plan") -> Plan:
        """Validate already-parsed data (a mapping) into a plan.

        Raises:
            PlanError: the data is not a mapping or not a valid plan; the message names
                ``source``.
        """
        if not isinstance(data, dict):
            raise PlanError(f"The plan {source} must hold a JSON object.")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            detail = describe_validation_error(exc, lambda: ", ".join(cls.model_fields))
            raise PlanError(f"The plan {source} {detail}.") from None
        except RecursionError:
            raise PlanError(f"The plan {source} is nested too deeply.") from None
