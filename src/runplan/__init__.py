"""runplan: running plans that look after your back.

Plans a runner's weeks (core strength, stretching before and after every run, and
running distance that grows only as fast as is safe) and exports them as Python
objects, JSON, readable text and ``.ics`` calendars. runplan is not medical advice.
"""

from __future__ import annotations

from ._version import __version__
from .catalogue import (
    BackPain,
    Catalogue,
    Category,
    Dose,
    Equipment,
    Exercise,
    Laterality,
    Level,
    Muscle,
    Muscles,
    Pattern,
    Progression,
    Spine,
    Timing,
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
from .profile import CrossTraining, Race, RunnerProfile, Unit, Weekday
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
    "to_ics",
    "write_fit",
    "write_ics",
]
