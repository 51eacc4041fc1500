"""runplan: running plans that look after your back.

Plans a runner's weeks (core strength, stretching before and after every run, and
running distance that grows only as fast as is safe) and exports them as Python
objects, JSON, readable text and ``.ics`` calendars. runplan is not medical advice.
"""

from __future__ import annotations

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

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Category",
    "Dose",
    "Equipment",
    "Exercise",
    "ExportError",
    "Laterality",
    "Level",
    "Muscle",
    "Muscles",
    "PlanError",
    "ProfileError",
    "Progression",
    "RunplanError",
    "Spine",
    "Timing",
    "__version__",
    "catalogue_schema",
    "load_catalogue",
]
