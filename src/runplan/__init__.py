"""runplan: running plans that look after your back.

Plans a runner's weeks (core strength, stretching before and after every run, and
running distance that grows only as fast as is safe) and exports them as Python
objects, JSON, readable text, an HTML page and ``.ics`` calendars. runplan is not medical advice.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:  # the names are loaded on first use (PEP 562), so the CLI starts fast
    from .catalogue import (
        Catalogue,
        Dose,
        Exercise,
        Muscles,
        Progression,
        catalogue_schema,
        load_catalogue,
    )
    from .errors import CatalogueError, ExportError, PlanError, ProfileError, RunplanError
    from .fit import to_fit, write_fit
    from .ics import event_calendars, to_ics, write_ics
    from .imports import import_plan
    from .log import LogEntry, LogStatus, TrainingLog
    from .plan import (
        Block,
        BlockName,
        PaceRange,
        Plan,
        Prescription,
        RepeatStep,
        RunSpec,
        RunStep,
        RunType,
        Session,
        SessionKind,
        StepKind,
        Week,
        WeekKind,
    )
    from .profile import RunnerProfile
    from .profile_types import CrossTraining, Race, Unit, Weekday
    from .render import to_html
    from .replan import replan
    from .rules import Violation, check_plan
    from .scheduler import build_plan
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
    "PaceRange",
    "Pattern",
    "Plan",
    "PlanError",
    "Prescription",
    "ProfileError",
    "Progression",
    "Race",
    "RepeatStep",
    "RunSpec",
    "RunStep",
    "RunType",
    "RunnerProfile",
    "RunplanError",
    "Session",
    "SessionKind",
    "Spine",
    "StepKind",
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
    "import_plan",
    "load_catalogue",
    "replan",
    "to_fit",
    "to_html",
    "to_ics",
    "write_fit",
    "write_ics",
]

#: Which module defines each public name; it is imported the first time the name is used.
#: A new public name goes in three places: the imports above, __all__, and here.
_MODULES: dict[str, tuple[str, ...]] = {
    "catalogue": (
        "Catalogue",
        "Dose",
        "Exercise",
        "Muscles",
        "Progression",
        "catalogue_schema",
        "load_catalogue",
    ),
    "errors": (
        "CatalogueError",
        "ExportError",
        "PlanError",
        "ProfileError",
        "RunplanError",
    ),
    "fit": (
        "to_fit",
        "write_fit",
    ),
    "ics": (
        "event_calendars",
        "to_ics",
        "write_ics",
    ),
    "imports": ("import_plan",),
    "log": (
        "LogEntry",
        "LogStatus",
        "TrainingLog",
    ),
    "plan": (
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
    ),
    "profile": ("RunnerProfile",),
    "profile_types": (
        "CrossTraining",
        "Race",
        "Unit",
        "Weekday",
    ),
    "render": ("to_html",),
    "replan": ("replan",),
    "rules": (
        "Violation",
        "check_plan",
    ),
    "scheduler": ("build_plan",),
    "vocabulary": (
        "BackPain",
        "Category",
        "Equipment",
        "Laterality",
        "Level",
        "Muscle",
        "Pattern",
        "Spine",
        "Timing",
    ),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}


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
