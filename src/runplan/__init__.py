"""runplan: running plans that look after your back.

Plans a runner's weeks (core strength, stretching before and after every run, and
running distance that grows only as fast as is safe) and exports them as Python
objects, JSON, readable text and ``.ics`` calendars. runplan is not medical advice.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the names are loaded on first use (PEP 562), so the CLI starts fast
    from .catalogue import (
        Catalogue,
        Category,
        Dose,
        Equipment,
        Exercise,
        Laterality,
        Level,
        Muscle,
        Muscles,
        Progression,
        Spine,
        Timing,
        catalogue_schema,
        load_catalogue,
    )
    from .errors import CatalogueError, ExportError, PlanError, ProfileError, RunplanError
    from .ics import event_calendars, to_ics, write_ics
    from .log import LogEntry, LogStatus, TrainingLog
    from .plan import (
        Block,
        BlockName,
        Plan,
        Prescription,
        RunSpec,
        RunType,
        Session,
        SessionKind,
        Week,
        WeekKind,
    )
    from .profile import BackPain, CrossTraining, Race, RunnerProfile, Unit, Weekday
    from .replan import replan
    from .rules import Violation, check_plan
    from .scheduler import build_plan

__all__ = [
    "BackPain",
    "Block",
    "BlockName",
    "Catalogue",
    "CatalogueError",
    "Category",
    "CrossTraining",
    "Dose",
    "Equipment",
    "Exercise",
    "ExportError",
    "Laterality",
    "Level",
    "LogEntry",
    "LogStatus",
    "Muscle",
    "Muscles",
    "Plan",
    "PlanError",
    "Prescription",
    "ProfileError",
    "Progression",
    "Race",
    "RunSpec",
    "RunType",
    "RunnerProfile",
    "RunplanError",
    "Session",
    "SessionKind",
    "Spine",
    "Timing",
    "TrainingLog",
    "Unit",
    "Violation",
    "Week",
    "WeekKind",
    "Weekday",
    "__version__",
    "build_plan",
    "catalogue_schema",
    "check_plan",
    "event_calendars",
    "load_catalogue",
    "replan",
    "to_ics",
    "write_ics",
]

#: Where each public name lives; the module is imported the first time the name is used.
_WHERE = {
    **dict.fromkeys(
        (
            "Catalogue",
            "Category",
            "Dose",
            "Equipment",
            "Exercise",
            "Laterality",
            "Level",
            "Muscle",
            "Muscles",
            "Progression",
            "Spine",
            "Timing",
            "catalogue_schema",
            "load_catalogue",
        ),
        "catalogue",
    ),
    **dict.fromkeys(
        ("CatalogueError", "ExportError", "PlanError", "ProfileError", "RunplanError"), "errors"
    ),
    **dict.fromkeys(("event_calendars", "to_ics", "write_ics"), "ics"),
    **dict.fromkeys(("LogEntry", "LogStatus", "TrainingLog"), "log"),
    **dict.fromkeys(
        (
            "Block",
            "BlockName",
            "Plan",
            "Prescription",
            "RunSpec",
            "RunType",
            "Session",
            "SessionKind",
            "Week",
            "WeekKind",
        ),
        "plan",
    ),
    **dict.fromkeys(
        ("BackPain", "CrossTraining", "Race", "RunnerProfile", "Unit", "Weekday"), "profile"
    ),
    "replan": "replan",
    **dict.fromkeys(("Violation", "check_plan"), "rules"),
    "build_plan": "scheduler",
}


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'runplan' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The runplan package: importing the submodule ``runplan.replan`` must not replace
    the function ``runplan.replan`` (the import system sets a package attribute for every
    submodule it loads; an eager ``from .replan import replan`` used to win that race)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "replan" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
