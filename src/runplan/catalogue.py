"""The exercise catalogue: Exercise, Dose and Catalogue, loaded from exercises.yaml."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ._error_text import ID_PATTERN, describe_validation_error
from ._filetype import data_kind
from ._read import package_path, read_data_file
from .errors import CatalogueError

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


class Category(StrEnum):
    """What kind of work an exercise is."""

    CORE = "core"
    STRENGTH = "strength"
    BALANCE = "balance"
    ACTIVATION = "activation"
    STRETCH = "stretch"
    DYNAMIC = "dynamic"
    MOBILITY = "mobility"
    CROSS_TRAINING = "cross_training"


class Level(StrEnum):
    """How much experience an exercise asks for (also a runner's level)."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        """0 for beginner, 1 for intermediate, 2 for advanced."""
        return _LEVEL_RANK[self.value]


_LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}


class Equipment(StrEnum):
    """What an exercise needs; ``none`` means nothing at all."""

    NONE = "none"
    MAT = "mat"
    EXERCISE_BALL = "exercise_ball"
    MEDICINE_BALL = "medicine_ball"
    RESISTANCE_BAND = "resistance_band"
    FOAM_ROLLER = "foam_roller"
    YOGA_BLOCK = "yoga_block"
    WALL = "wall"
    STEP = "step"
    POOL = "pool"
    BIKE = "bike"


class Muscle(StrEnum):
    """The fixed vocabulary of muscles (and systems) an exercise works."""

    HIP_FLEXORS = "hip_flexors"
    PSOAS = "psoas"
    GLUTE_MAX = "glute_max"
    GLUTE_MED = "glute_med"
    HIP_ROTATORS = "hip_rotators"
    ADDUCTORS = "adductors"
    HAMSTRINGS = "hamstrings"
    QUADRICEPS = "quadriceps"
    CALVES = "calves"
    FEET = "feet"
    TRANSVERSE_ABDOMINIS = "transverse_abdominis"
    RECTUS_ABDOMINIS = "rectus_abdominis"
    OBLIQUES = "obliques"
    ERECTOR_SPINAE = "erector_spinae"
    MULTIFIDUS = "multifidus"
    LATS = "lats"
    SHOULDERS = "shoulders"
    UPPER_BACK = "upper_back"
    CHEST = "chest"
    CARDIOVASCULAR = "cardiovascular"


class Spine(StrEnum):
    """How an exercise loads the lower back; a painful back gets ``neutral`` first."""

    NEUTRAL = "neutral"
    FLEXION = "flexion"
    EXTENSION = "extension"
    ROTATION = "rotation"


class Laterality(StrEnum):
    """Whether a dose is done once (bilateral) or for each side."""

    BILATERAL = "bilateral"
    PER_SIDE = "per_side"
    ALTERNATING = "alternating"


class Timing(StrEnum):
    """Where in a day an exercise may go relative to a run."""

    ANY = "any"
    PRE_RUN = "pre_run"
    POST_RUN = "post_run"
    NOT_PRE_RUN = "not_pre_run"


class BackPain(StrEnum):
    """How the back is now: ``mild`` is stiff or sore after runs, ``flare`` hurts while running."""

    NONE = "none"
    MILD = "mild"
    FLARE = "flare"


class Pattern(StrEnum):
    """What an exercise trains; sessions are filled by pattern."""

    ANTI_EXTENSION = "anti_extension"
    ANTI_ROTATION = "anti_rotation"
    LATERAL = "lateral"
    HIP_EXTENSION = "hip_extension"
    SINGLE_LEG = "single_leg"
    HIP_ABDUCTION = "hip_abduction"
    TRUNK_FLEXION = "trunk_flexion"
    BACK_EXTENSION = "back_extension"
    MOBILITY = "mobility"
    WARM_UP = "warm_up"
    COOL_DOWN = "cool_down"


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


def _known_fields() -> str:
    return ", ".join(Exercise.model_fields)


def _read_file(path: Path) -> list[Exercise]:
    data = read_data_file(path, CatalogueError, "catalogue")
    other = data_kind(data)
    if other not in (None, "an exercise catalogue", "a list of exercises"):
        raise CatalogueError(f"{path.name} is {other}, not an exercise catalogue.")
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise CatalogueError(
            f"The catalogue file {path.name} must be a mapping with an 'exercises' list "
            f"at the top level, but it is {kind}."
        )
    unknown = sorted(set(data) - {"exercises"})
    if unknown:
        raise CatalogueError(
            f"The catalogue file {path.name} has an unknown top-level key '{unknown[0]}'; "
            "the only key is 'exercises'."
        )
    entries = data.get("exercises")
    if not isinstance(entries, list):
        raise CatalogueError(f"The catalogue file {path.name} needs 'exercises' to be a list.")
    exercises: list[Exercise] = []
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        label = _entry_label(entry, number)
        if not isinstance(entry, dict):
            raise CatalogueError(f"Exercise {label} in {path.name} must be a mapping of fields.")
        try:
            exercise = Exercise.model_validate(entry)
        except ValidationError as exc:
            raise CatalogueError(
                f"Exercise {label} in {path.name} {describe_validation_error(exc, _known_fields)}."
            ) from None
        if exercise.id in first_seen:
            raise CatalogueError(
                f"Exercise id '{exercise.id}' appears twice in {path.name} (entries "
                f"{first_seen[exercise.id]} and {number}); ids must be unique within a file."
            )
        first_seen[exercise.id] = number
        exercises.append(exercise)
    return exercises


def _entry_label(entry: object, number: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f"'{entry['id']}'"
    return f"#{number}"


@functools.lru_cache(maxsize=4)
def _read_cached(path: Path, mtime_ns: int) -> tuple[Exercise, ...]:
    return tuple(_read_file(path))


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
    from .catalogue_check import check_catalogue  # it builds on this module

    sources: list[Path] = [Path(p) for p in paths]
    if builtin:
        sources.insert(0, builtin_catalogue_path())
    merged: dict[str, Exercise] = {}
    origin: dict[str, Path] = {}
    for path in sources:
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            mtime = -1
        for exercise in _read_cached(path, mtime) if mtime >= 0 else _read_file(path):
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
