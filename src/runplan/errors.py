"""The one error tree: everything runplan raises on bad input is a RunplanError."""

from __future__ import annotations

__all__ = ["CatalogueError", "ExportError", "PlanError", "ProfileError", "RunplanError"]


class RunplanError(Exception):
    """Bad input to runplan; the message is one plain sentence a person can act on."""


class CatalogueError(RunplanError):
    """An exercise catalogue file that cannot be read or is not valid."""


class ProfileError(RunplanError):
    """A runner profile that cannot be read or is not valid."""


class PlanError(RunplanError):
    """A plan that cannot be built, read or re-planned."""


class ExportError(RunplanError):
    """A plan that cannot be exported, or a file that cannot be written."""
