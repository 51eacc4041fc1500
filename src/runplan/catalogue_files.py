"""Reading one exercise catalogue file into its exercises, with a message that names the
file and the entry for anything wrong, and a cache keyed on the file's modification time."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import ValidationError

from ._error_text import describe_validation_error
from ._filetype import data_kind
from ._read import read_data_file
from .catalogue import Exercise
from .errors import CatalogueError

__all__ = ["read_exercises"]


def read_exercises(path: Path) -> tuple[Exercise, ...]:
    """The exercises of one catalogue file, in file order; read again only when the file's
    modification time changes.

    Raises:
        CatalogueError: the file is missing or malformed, an entry is invalid, or an id is
            repeated within the file.
    """
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = -1
    return _read_cached(path, mtime) if mtime >= 0 else tuple(_read_file(path))


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
