"""The one error tree: everything runplan raises on bad input is a RunplanError."""

from __future__ import annotations

import re

__all__ = [
    "MESSAGE_LIMIT",
    "CatalogueError",
    "ExportError",
    "PlanError",
    "ProfileError",
    "RunplanError",
    "one_line",
]

#: The longest message runplan prints, in characters.
MESSAGE_LIMIT = 300

# Line breaks, tabs, other control characters and Unicode line/paragraph separators.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` as one line of at most ``limit`` characters: every run of white space or
    control characters becomes one space, and a longer text is cut with "...".

    This is the one formatter every runplan message goes through, so no input (however
    long, deep or strange) can make an error span lines or fill a terminal.
    """
    flat = _BREAKS.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    return flat[: limit - 3].rstrip() + "..."


class RunplanError(Exception):
    """Bad input to runplan; the message is one plain sentence a person can act on.

    The message is passed through :func:`one_line`, so it is always one line of at most
    300 characters.
    """

    def __init__(self, message: object = "") -> None:
        super().__init__(one_line(str(message)))


class CatalogueError(RunplanError):
    """An exercise catalogue file that cannot be read or is not valid."""


class ProfileError(RunplanError, ValueError):
    """A runner profile that cannot be read or is not valid.

    It is also a ``ValueError``, as the ``RunnerProfile(...)`` constructor raises it.
    """


class PlanError(RunplanError):
    """A plan that cannot be built, read or re-planned."""


class ExportError(RunplanError):
    """A plan that cannot be exported, or a file that cannot be written."""
