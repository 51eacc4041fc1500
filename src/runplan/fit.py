"""Watch workouts: each run session as a FIT workout file, written with Garmin's FIT SDK.

``to_fit(session)`` maps the run's steps one to one onto FIT ``workout_step`` messages:
time and distance durations, repeats as ``repeat_until_steps_cmplt`` steps (the count is
the total number of rounds), pace ranges as speed targets, and warm-up, active, recovery
and cool-down intensities. ``write_fit(plan, folder)`` writes the next few weeks of runs,
one ``<session id>.fit`` each, for copying to a watch.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from ._write import atomic_write
from .errors import ExportError
from .plan import PaceRange, Plan, RepeatStep, RunStep, Session, SessionKind, StepKind

__all__ = ["METRES", "to_fit", "write_fit"]

#: Metres in one distance unit.
METRES = {"km": 1000.0, "mi": 1609.344}

# Global message numbers from the FIT profile (file_id, workout, workout_step).
_FILE_ID, _WORKOUT, _WORKOUT_STEP = 0, 26, 27

#: How long a name may be: the longest that stays readable on a watch's workout list.
NAME_LENGTH = 24

_STEP_NAME = {
    StepKind.WARM_UP: "Warm up",
    StepKind.RUN: "Run",
    StepKind.WALK: "Walk",
    StepKind.STRIDE: "Stride",
    StepKind.TEMPO: "Tempo",
    StepKind.RACE_PACE: "Race pace",
    StepKind.RECOVER: "Recover",
    StepKind.COOL_DOWN: "Cool down",
}

_INTENSITY = {
    StepKind.WARM_UP: "warmup",
    StepKind.RUN: "active",
    StepKind.WALK: "recovery",
    StepKind.STRIDE: "active",
    StepKind.TEMPO: "active",
    StepKind.RACE_PACE: "active",
    StepKind.RECOVER: "recovery",
    StepKind.COOL_DOWN: "cooldown",
}

# Month names written out here: strftime's %b follows the locale, and the bytes must not.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def workout_name(session: Session) -> str:
    """The name a watch shows in its workout list: the day and the session title,
    "Mar 2 Easy run 6 km", at most ``NAME_LENGTH`` characters."""
    day = f"{_MONTHS[session.date.month - 1]} {session.date.day}"
    name = f"{day} {session.title}"
    if len(name) > NAME_LENGTH:  # "Recovery run 4.5 km" reads as well as "Recovery 4.5 km"
        name = f"{day} {session.title.replace(' run ', ' ', 1)}"
    if len(name) > NAME_LENGTH:  # cut at a word, never inside one
        name = name[: NAME_LENGTH + 1].rsplit(" ", 1)[0]
    return name


def _speed(pace_seconds: int, unit: str) -> int:
    """A pace in seconds per unit as a FIT speed: millimetres per second."""
    return round(METRES[unit] / pace_seconds * 1000)


def _target(pace: PaceRange | None, unit: str) -> dict[str, Any]:
    if pace is None:
        return {"target_type": "open"}
    return {
        "target_type": "speed",
        "target_value": 0,  # 0: a custom range, not a speed zone
        "custom_target_value_low": _speed(pace.slow, unit),
        "custom_target_value_high": _speed(pace.fast, unit),
    }


def _step(index: int, step: RunStep, unit: str) -> dict[str, Any]:
    if step.minutes is not None:
        duration: dict[str, Any] = {
            "duration_type": "time",
            "duration_value": round(step.minutes * 60_000),  # milliseconds
        }
    else:
        assert step.distance is not None  # RunStep holds exactly one of the two
        duration = {
            "duration_type": "distance",
            "duration_value": round(step.distance * METRES[unit] * 100),  # centimetres
        }
    return {
        "mesg_num": _WORKOUT_STEP,
        "message_index": index,
        "wkt_step_name": _STEP_NAME[step.kind],
        **duration,
        **_target(step.pace, unit),
        "intensity": _INTENSITY[step.kind],
    }


def _steps(session: Session, unit: str) -> list[dict[str, Any]]:
    """The workout_step messages of a run, in order, with their message indexes."""
    assert session.run is not None
    steps = session.run.steps or [RunStep(kind=StepKind.RUN, distance=session.run.distance)]
    out: list[dict[str, Any]] = []
    for item in steps:
        if isinstance(item, RepeatStep):
            first = len(out)
            out.extend(_step(len(out), step, unit) for step in item.steps)
            out.append(
                {
                    "mesg_num": _WORKOUT_STEP,
                    "message_index": len(out),
                    "wkt_step_name": f"Repeat {item.repeat}x",
                    "duration_type": "repeat_until_steps_cmplt",
                    "duration_value": first,  # the step to go back to
                    "target_value": item.repeat,  # rounds in all, the first one included
                }
            )
        else:
            out.append(_step(len(out), item, unit))
    return out


def to_fit(session: Session, *, unit: str = "km") -> bytes:
    """One run session as a FIT workout file.

    Parameters:
        session: a run or race session (one with a ``run``). A run without steps becomes
            a single step over its whole distance.
        unit: the plan's distance unit, ``km`` or ``mi``: step distances and paces are in it.

    Returns:
        The FIT file's bytes; the same session gives the same bytes (the file's creation
        time is the session's date, not the clock).

    Raises:
        ExportError: the session has no run, or the unit is not km or mi.
    """
    from garmin_fit_sdk import Encoder  # only when writing FIT: it loads a large profile

    if session.run is None:
        raise ExportError(
            f"Session '{session.id}' is a {session.kind.value} session; only runs and races "
            "become watch workouts."
        )
    if unit not in METRES:
        raise ExportError(f"Unknown unit '{unit}' for a FIT workout; known: km, mi.")
    steps = _steps(session, unit)
    created = dt.datetime.combine(session.date, dt.time(), tzinfo=dt.UTC)
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": _FILE_ID,
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            "time_created": created,
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": _WORKOUT,
            "wkt_name": workout_name(session),
            "sport": "running",
            "num_valid_steps": len(steps),
        }
    )
    for message in steps:
        encoder.write_mesg(message)
    data: bytes = encoder.close()
    return data


def file_name(session: Session) -> str:
    """The workout's file name: the session id (made safe for any file system) and .fit."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", session.id).strip(".-") or "run"
    return f"{safe}.fit"


def write_fit(
    plan: Plan,
    folder: str | os.PathLike[str],
    *,
    start: dt.date | None = None,
    weeks: int = 4,
) -> list[Path]:
    """Write a FIT workout file for each run session in ``weeks`` weeks from ``start``.

    Watches hold about a month of workouts, hence the default of 4 weeks. Races get no
    file (a race is run, not followed step by step). Each file is written atomically.

    Parameters:
        plan: the plan.
        folder: where to write; created when missing (its parent must exist).
        start: the first day (default: today, or the plan's first day if that is later).
        weeks: how many weeks, 1 or more.

    Returns:
        The files written, in date order.

    Raises:
        ExportError: ``weeks`` is below 1, or the folder cannot be made or written to.
    """
    if weeks < 1:
        raise ExportError(f"weeks must be 1 or more for FIT workouts, not {weeks}.")
    first_day = plan.profile.start_date
    if start is None:
        start = max(dt.date.today(), first_day)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise ExportError(f"Cannot write FIT workouts to {target}: it is a file, not a folder.")
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot make the folder {target}: {exc.strerror or exc}.") from None
    written = []
    for session in plan.sessions():
        if (
            session.kind is SessionKind.RUN
            and session.run
            and 0 <= (session.date - start).days < 7 * weeks
        ):
            path = target / file_name(session)
            atomic_write(path, to_fit(session, unit=plan.unit), ExportError)
            written.append(path)
    return written
