"""The exercise catalogue: Exercise, Dose and Catalogue, loaded from exercises.yaml."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._error_text import ID_PATTERN
from ._read import package_path
from .errors import CatalogueError

# The vocabulary is the type of Exercise's fields and stays importable from here.
from .vocabulary import (
    BackPain,
    Category,
    Equipment,
    Laterality,
    Level,
    Muscle,
    Pattern,
    Spine,
    Timing,
)

__all__ = [
    "BackPain",
    "Catalogue",
    "Category",
    "Dose",
    "Equipment",
    "Exercise",
    "Laterality",
    "Level",
    "Muscle",
    "Muscles",
    "Pattern",
    "Progression",
    "Spine",
    "Timing",
    "builtin_catalogue_path",
    "catalogue_schema",
    "load_catalogue",
]


_E = TypeVar("_E", bound=StrEnum)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class OneAmount(BaseModel):
    """Shared by Dose and Prescription, which declare the fields ``reps``, ``hold_seconds``
    and ``minutes``: exactly one of them is set."""

    @model_validator(mode="after")
    def _exactly_one_amount(self) -> Self:
        given = [n for n in ("reps", "hold_seconds", "minutes") if getattr(self, n) is not None]
        if len(given) != 1:
            have = " and ".join(given) if given else "none of them"
            raise ValueError(
                f"a dose needs exactly one of reps, hold_seconds or minutes, not {have}"
            )
        return self

    @property
    def amount(self) -> int:
        """The one amount set: reps, hold_seconds or minutes."""
        for value in (self.reps, self.hold_seconds, self.minutes):  # type: ignore[attr-defined]
            if value is not None:
                return int(value)
        raise StopIteration  # as before: none set (only a model_construct can do that)


class Dose(_Model, OneAmount):
    """How much of an exercise: sets of reps, of holds, or of minutes, with rest between."""

    sets: int = Field(1, gt=0, le=10)
    """Number of sets (rounds)."""
    reps: int | None = Field(None, gt=0, le=200)
    """Repetitions per set (per side for per_side and alternating exercises)."""
    hold_seconds: int | None = Field(None, gt=0, le=600)
    """Seconds each hold lasts (per side for per_side exercises)."""
    minutes: int | None = Field(None, gt=0, le=240)
    """Minutes of continuous work, for flows, rolling and cross training."""
    rest_seconds: int = Field(30, ge=0, le=600)
    """Rest between sets, in seconds."""


class Progression(_Model):
    """Where a dose grows to and how fast, in the unit of the dose (reps, seconds, minutes)."""

    target: int = Field(gt=0, le=600)
    """The amount to grow toward (e.g. 20 reps)."""
    step: int = Field(gt=0, le=60)
    """The most it grows in one week (e.g. 2 reps)."""


class Muscles(_Model):
    """The muscles an exercise works."""

    primary: list[Muscle] = Field(min_length=1)
    """What it mainly works or stretches."""
    secondary: list[Muscle] = []
    """What it works as well."""


class Exercise(_Model):
    """One exercise of the catalogue, with its starting dose and own-words instructions."""

    id: str = Field(pattern=ID_PATTERN, max_length=64)
    """Stable identifier, never reused (lower case, digits and underscores)."""
    name: str = Field(min_length=1, max_length=80)
    """Display name."""
    aliases: list[str] = []
    """Other names the exercise is known by."""
    category: Category
    """What kind of work it is."""
    level: Level = Level.BEGINNER
    """How much experience it asks for."""
    equipment: list[Equipment] = [Equipment.NONE]
    """What it needs (``none`` for nothing)."""
    muscles: Muscles
    """Primary and secondary muscles."""
    spine: Spine
    """How it loads the lower back."""
    laterality: Laterality = Laterality.BILATERAL
    """Whether doses are per side."""
    dose: Dose
    """The starting dose."""
    progression: Progression | None = None
    """Where the dose grows to and how fast, if it grows."""
    easier: str | None = None
    """Id of the next easier variant (regression)."""
    harder: str | None = None
    """Id of the next harder variant (progression)."""
    timing: Timing = Timing.ANY
    """Where in a day it may go relative to a run."""
    pattern: Pattern | None = None
    """What it trains (anti_extension, lateral, hip_extension, ...); sessions are filled by it."""
    avoid_when: list[BackPain] = []
    """Back-pain states (mild, flare) in which it is left out."""
    steps: list[str] = Field(min_length=2, max_length=6)
    """How to do it, 2 to 6 short steps."""
    cues: list[str] = []
    """Short reminders while doing it."""
    cautions: list[str] = []
    """When to take care or skip it."""
    sources: list[str] = []
    """Titles of the articles it comes from."""

    @model_validator(mode="after")
    def _check_links_and_progression(self) -> Self:
        for link in (self.easier, self.harder):
            if link == self.id:
                raise ValueError(f"'{self.id}' cannot be its own easier or harder variant")
        if self.progression is not None and self.progression.target <= self.dose.amount:
            raise ValueError(
                f"progression target {self.progression.target} must be above "
                f"the starting dose {self.dose.amount}"
            )
        return self

    @property
    def per_side(self) -> bool:
        """True when the dose is done for each side."""
        return self.laterality is not Laterality.BILATERAL

    def needs(self) -> frozenset[Equipment]:
        """The equipment it needs besides ``none``."""
        return frozenset(self.equipment) - {Equipment.NONE}

    def matches(self, text: str) -> bool:
        """True when ``text`` is its id, name or an alias (case and spacing ignored)."""
        key = _normalise(text)
        return key in {_normalise(n) for n in (self.id, self.name, *self.aliases)}


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.lower().replace("-", " ").replace("_", " ") if ch.isalnum())


class CatalogueFile(_Model):
    """The layout of an exercise catalogue file: a mapping with an ``exercises`` list."""

    model_config = ConfigDict(title="runplan exercise catalogue", defer_build=True)

    exercises: list[Exercise]
    """The exercises, in the order they are listed."""


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file, for editors that validate and complete YAML."""
    schema = CatalogueFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


class Catalogue(Mapping[str, Exercise]):
    """A read-only mapping of exercise id to Exercise, iterated in file order."""

    __slots__ = ("_by_id", "_origins")

    def __init__(
        self, exercises: Iterable[Exercise] = (), *, origins: Mapping[str, Path] | None = None
    ) -> None:
        self._by_id: dict[str, Exercise] = {}
        for exercise in exercises:
            self._by_id[exercise.id] = exercise
        self._origins = dict(origins or {})

    def origin(self, exercise_id: str) -> Path | None:
        """The file an exercise was read from, if it came from a file."""
        return self._origins.get(exercise_id)

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} exercises)"

    def lookup(self, text: str) -> Exercise | None:
        """The exercise whose id, name or alias is ``text`` (case-insensitive), if any."""
        if text in self._by_id:
            return self._by_id[text]
        return next((e for e in self._by_id.values() if e.matches(text)), None)

    def filter(
        self,
        *,
        category: Category | str | None = None,
        equipment: Equipment | str | None = None,
        available: Iterable[Equipment | str] | None = None,
        level: Level | str | None = None,
        muscle: Muscle | str | None = None,
        spine: Spine | str | None = None,
    ) -> Catalogue:
        """The exercises that match every given criterion, as a new Catalogue.

        Parameters:
            category: exactly this category.
            equipment: exercises that use this piece of equipment.
            available: exercises that need nothing beyond these (what a runner has).
            level: exactly this level.
            muscle: works this muscle, as primary or secondary.
            spine: loads the lower back this way.

        Raises:
            CatalogueError: a value is not one of the known names.
        """
        cat = _coerce(Category, category, "category")
        eq = _coerce(Equipment, equipment, "equipment")
        lv = _coerce(Level, level, "level")
        mu = _coerce(Muscle, muscle, "muscle")
        sp = _coerce(Spine, spine, "spine")
        have: frozenset[Equipment] | None = None
        if available is not None:
            have = frozenset(_require(Equipment, a, "equipment") for a in available)

        def keep(e: Exercise) -> bool:
            return (
                (cat is None or e.category is cat)
                and (eq is None or eq in e.equipment)
                and (have is None or e.needs() <= have)
                and (lv is None or e.level is lv)
                and (mu is None or mu in e.muscles.primary or mu in e.muscles.secondary)
                and (sp is None or e.spine is sp)
            )

        return Catalogue((e for e in self._by_id.values() if keep(e)), origins=self._origins)


def _coerce(enum: type[_E], value: _E | str | None, field: str) -> _E | None:
    if value is None or isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        known = ", ".join(m.value for m in enum)
        raise CatalogueError(f"Unknown {field} {value!r}; known: {known}.") from None


def _require(enum: type[_E], value: _E | str, field: str) -> _E:
    coerced = _coerce(enum, value, field)
    assert coerced is not None
    return coerced


def builtin_catalogue_path() -> Path:
    """Where the built-in exercises.yaml is: inside the installed package, or the checkout."""
    return package_path("exercises.yaml")


def load_catalogue(*paths: str | os.PathLike[str], builtin: bool = True) -> Catalogue:
    """Load the built-in catalogue and, on top of it, the user's own catalogue files.

    Parameters:
        paths: YAML (or JSON) catalogue files, applied in order; an entry whose id already
            exists replaces it, a new id is added at the end.
        builtin: start from the built-in catalogue (``exercises.yaml``).

    Returns:
        The merged Catalogue.

    Raises:
        CatalogueError: a file is missing or malformed, an entry is invalid, an id is
            repeated within one file, an easier/harder link names a missing id, or an entry
            would make plans break a training rule (see runplan.catalogue_check).
    """
    from .catalogue_check import check_catalogue  # both build on this module
    from .catalogue_files import read_exercises

    sources: list[Path] = [Path(p) for p in paths]
    if builtin:
        sources.insert(0, builtin_catalogue_path())
    merged: dict[str, Exercise] = {}
    origin: dict[str, Path] = {}
    for path in sources:
        for exercise in read_exercises(path):
            merged[exercise.id] = exercise
            origin[exercise.id] = path
    for exercise in merged.values():
        for field in ("easier", "harder"):
            link = getattr(exercise, field)
            if link is not None and link not in merged:
                raise CatalogueError(
                    f"Exercise '{exercise.id}' in {origin[exercise.id]} links {field} to "
                    f"'{link}', which is not in the catalogue."
                )
    catalogue = Catalogue(merged.values(), origins=origin)
    check_catalogue(catalogue)
    return catalogue
