"""What the commands read: profiles (a file or a bundled example), plans, logs, catalogues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._read import package_path, read_data_file
from .._values import next_monday
from ..catalogue import Catalogue, load_catalogue
from ..errors import PlanError, ProfileError
from ..log import TrainingLog
from ..plan import Plan
from ..profile import RunnerProfile
from .parser import EXAMPLES


def example_profile(name: str, start: dt.date | None = None) -> RunnerProfile:
    """A bundled example profile, moved to start on ``start`` (default: next Monday).

    A race date moves with the start, so the plan keeps its length.

    Raises:
        ProfileError: there is no example of that name.
    """
    if name not in EXAMPLES:
        raise ProfileError(f"Unknown example '{name}'; examples: {', '.join(EXAMPLES)}.")
    profile = RunnerProfile.from_file(package_path("examples") / EXAMPLES[name])
    if start is None:
        start = next_monday(dt.date.today())
    shift = start - profile.start_date
    data = profile.model_dump()
    data["start_date"] = start
    if profile.race_date is not None:
        data["race_date"] = profile.race_date + shift
        data.pop("weeks")
    return RunnerProfile.from_data(data, source=EXAMPLES[name])


def moved_start(profile: RunnerProfile, start: dt.date, name: str) -> RunnerProfile:
    """The profile starting on ``start``; a race keeps its date and the plan its end."""
    if profile.race_date is not None and start > profile.race_date:
        raise ProfileError(
            f"--start {start} is after the race on {profile.race_date} in {name}; "
            "start on or before race day, or change race_date in the profile."
        )
    fields = profile.model_dump()
    fields["start_date"] = start
    if profile.race_date is not None:
        fields.pop("weeks")  # derived from race_date again
    return RunnerProfile.from_data(fields, source=name)


def catalogue_from(paths: Sequence[str] | None) -> Catalogue:
    """The built-in catalogue with the --catalogue files on top."""
    return load_catalogue(*(paths or ()))


def read_plan(path: str | Path) -> Plan:
    """Load a plan JSON file written by runplan (or converted from elsewhere).

    Raises:
        PlanError: the file is missing, is not JSON, or is not a valid plan.
    """
    return plan_from_data(read_data_file(path, PlanError, "plan"), Path(path).name)


def plan_from_data(data: Any, name: str) -> Plan:
    """The plan in a file's parsed JSON; a runner profile given instead gets its own error."""
    if isinstance(data, dict) and "weekly_distance" in data and "profile" not in data:
        raise PlanError(
            f"{name} is a runner profile, but a plan JSON file was expected; make one with "
            f"runplan plan {name} -o plan.json."
        )
    return Plan.from_data(data, source=f"file {name}")


def read_logs(paths: Sequence[str], plan: Plan) -> TrainingLog:
    """Every log file or folder named, joined by date (activity dates in the plan's zone)."""
    zone = plan.profile.timezone
    return TrainingLog.merge(*(TrainingLog.from_file(path, timezone=zone) for path in paths))
