"""Pydantic's validation errors as the tail of one plain sentence, short whatever the input."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

__all__ = [
    "ID_PATTERN",
    "describe_validation_error",
    "short_repr",
]


def short_repr(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters, for quoting bad input in a message."""
    text = repr(value) if not isinstance(value, (list, dict)) else type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


#: The pattern of an id (exercise ids): lower-case letters, digits and underscores.
ID_PATTERN = r"^[a-z][a-z0-9_]*$"

#: A date written the ISO way, which may still name no real day (2026-02-30).
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _not_a_day_or_time(kind: str, given: Any) -> str:
    """ "'03/02/2026' is not a date like 2026-03-02", in plain words
    instead of pydantic's parser wording ("invalid character in year")."""
    shown = short_repr(given) if not isinstance(given, (dt.date, dt.time)) else str(given)
    if kind.startswith("time_"):
        return f"{shown} is not a time like 07:00 (24-hour clock)"
    if isinstance(given, str) and _ISO_DATE.fullmatch(given.strip()):
        return f"{shown} is not a real date"
    if kind == "date_from_datetime_inexact":
        return f"{shown} has a time of day; give a date like 2026-03-02"
    return f"{shown} is not a date like 2026-03-02"


def describe_validation_error(exc: ValidationError, known_fields: Callable[[], str]) -> str:
    """The first problem in ``exc`` as the tail of a sentence: "field 'x' is ...".

    ``known_fields`` lists the accepted field names, used when a field is unknown. Quoted
    input is cut short, so the sentence stays short whatever the input's size.
    """
    errors = exc.errors()
    # A misspelt field also leaves its right name missing; the spelling is the news.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = _location(tuple(first["loc"]))
    if len(loc) > 60:
        loc = loc[:57] + "..."
    kind = first["type"]
    given = first.get("input")
    ctx = first.get("ctx") or {}
    more = exc.error_count() - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if kind == "missing":
        return f"is missing the required field '{loc}'{tail}"
    if kind == "extra_forbidden":
        known = known_fields()
        name = str(first["loc"][-1]) if first["loc"] else loc
        import difflib  # only here: runplan --help stays quick

        close = difflib.get_close_matches(name, known.split(", "), n=1)
        if close:
            return f"has an unknown field '{loc}' (did you mean {close[0]}?){tail}"
        return f"has an unknown field '{loc}' (known fields: {known}){tail}"
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern")) == ID_PATTERN:
        return (
            f"has a bad value {short_repr(given)} for '{loc}': an id is lower-case letters, "
            f"digits and underscores, starting with a letter (like side_plank){tail}"
        )
    if kind.startswith(("date_", "time_", "datetime_")) and first["loc"]:
        return f"has a bad value for '{loc}': {_not_a_day_or_time(kind, given)}{tail}"
    if kind == "enum" or kind == "literal_error":
        loc = _location(tuple(p for p in first["loc"] if not isinstance(p, int)))
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"has unknown {loc} {short_repr(given)}; known: {expected}{tail}"
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if len(message) > 160:
        message = message[:157] + "..."
    if not first["loc"]:
        return f"is not valid: {message}{tail}"
    if kind.startswith(("greater_than", "less_than")) or kind.endswith("_type"):
        return (
            f"has a bad value {short_repr(given)} for '{loc}': "
            f"{message[:1].lower()}{message[1:]}{tail}"
        )
    return f"has a bad value for '{loc}': {message[:1].lower()}{message[1:]}{tail}"
