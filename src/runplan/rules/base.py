"""What every rule shares: the constants they test, ``Violation``, and the facts about a
plan that several rules work out."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from .._values import fmt_number
from ..catalogue import Catalogue, Exercise, Muscle
from ..plan import BlockName, Plan, Prescription, RunType, Session, SessionKind, Week
from ..profile import RunnerProfile

#: Floating-point slack when comparing a distance with a limit.
EPS = 1e-6
#: A run may be at most this much longer than the longest run of the previous 30 days.
SINGLE_RUN_SPIKE = 0.10
#: The look-back window of the single-run rule, in days.
SINGLE_RUN_WINDOW_DAYS = 30
#: The look-back of the weekly rule, in weeks.
WEEKLY_LOOKBACK = 4
#: A core session lasts this many minutes, inclusive.
CORE_MINUTES = (15, 25)
#: ... and in the week of a race (the 6 days before it) at least this many: a lighter
#: session, up to ``RACE_WEEK_CORE_MINUTES``.
RACE_WEEK_CORE_LEAST = 10
#: A core session in the 6 days before a race lasts at most this many minutes.
RACE_WEEK_CORE_MINUTES = 16
#: The post-run hip-flexor or psoas hold, in seconds, inclusive.
HIP_FLEXOR_HOLD_SECONDS = (60, 120)
#: The psoas stretch appears at least this many times a week.
PSOAS_PER_WEEK = 2
#: In a flare, the first week runs at most this share of the usual weekly distance.
FLARE_START_SHARE = 0.5
#: The note every session carries while the back flares.
SAFETY_NOTE = "Stop at once if you feel sharp pain, and see a physical therapist before going on."


#: The rules about training load; every other rule is about care.
LOAD_RULES = frozenset(
    {
        "weekly_volume",
        "single_run_spike",
        "cutback_weeks",
        "long_run",
        "taper",
        "race_day",
        "long_run_share",
        "long_run_cap",
        "cutback_long_run",
        "marathon_peak_long_runs",
        "no_race_peak",
        "intensity",
    }
)


class Violation(BaseModel):
    """One breach of a training rule."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rule: str
    """The rule's name (the name of its function in runplan.rules)."""
    week: int
    """The 1-based week it happens in."""
    date: dt.date | None
    """The day, when the breach is on one day."""
    message: str
    """One plain sentence."""
    group: Literal["load", "care"] = "care"
    """``load``: weekly volume, single-run spikes, cutbacks, long run, taper, race day;
    ``care``: warm-ups, cool-downs, strength, stretching, rest, equipment, back pain."""
    excess: float | None = None
    """How far past the limit, as a fraction (0.16 is 16 % over); none for rules that are
    kept or broken without a size."""

    @model_validator(mode="before")
    @classmethod
    def _group_from_rule(cls, data: Any) -> Any:
        if isinstance(data, dict) and "group" not in data and data.get("rule") in LOAD_RULES:
            return {**data, "group": "load"}
        return data


# ---------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Facts:
    """What several rules need, worked out once per plan."""

    plan: Plan
    catalogue: Catalogue
    volumes: list[float]  # week 0 first, race distance excluded
    runs: list[tuple[dt.date, float, bool]]  # (day, distance, is_race), in date order

    @property
    def profile(self) -> RunnerProfile:
        return self.plan.profile


def _facts(plan: Plan, catalogue: Catalogue) -> _Facts:
    volumes = [plan.profile.start_volume]
    runs: list[tuple[dt.date, float, bool]] = []
    for week in plan.weeks:
        volumes.append(sum(s.distance for s in _training_runs(week)))
        runs.extend((s.date, s.distance, _is_race(s)) for s in week.sessions if s.is_run)
    runs.sort(key=lambda r: r[0])
    return _Facts(plan, catalogue, volumes, runs)


def _is_race(session: Session) -> bool:
    return session.kind is SessionKind.RACE or (
        session.run is not None and session.run.type is RunType.RACE
    )


def in_race_week(race_date: dt.date | None, day: dt.date) -> bool:
    """True when ``day`` is race day or one of the 6 days before it."""
    return race_date is not None and 0 <= (race_date - day).days < 7


def _training_runs(week: Week) -> list[Session]:
    """The week's runs, the race aside."""
    return [s for s in week.sessions if s.is_run and not _is_race(s)]


def _longest_run(week: Week) -> float:
    """The week's longest run (the race aside), 0 for none."""
    return max((s.distance for s in _training_runs(week)), default=0.0)


def _is_full_week(week: Week, plan: Plan) -> bool:
    """A whole 7-day week clear of the race and the 2 days before it.

    The weekly counts (core sessions, psoas, a rest day) apply to full weeks only: the last
    two days before a race belong to the race (no strength work on them).
    """
    last = week.start + dt.timedelta(days=6)
    race_date = plan.profile.race_date
    if race_date is not None and last >= race_date - dt.timedelta(days=2):
        return False
    return last <= plan.profile.end_date and not any(_is_race(s) for s in week.sessions)


#: A number in a rule's message: at most 2 decimals, no trailing zeros.
_fmt = fmt_number


def _limit(value: float, plan: Plan) -> str:
    """A distance limit as the runner reads it: rounded down to the plan's step, with the
    unit ("23.5 km", not "23.76"); down, so "more than" and "at most" stay true."""
    step = plan.profile.step_for(value)
    return f"{_fmt(math.floor(value / step + EPS) * step)} {plan.unit}"


def _by_day(week: Week) -> dict[dt.date, list[Session]]:
    days: dict[dt.date, list[Session]] = {}
    for session in week.sessions:
        days.setdefault(session.date, []).append(session)
    return days


@dataclass(frozen=True, slots=True)
class SessionInWeek:
    """One session as a per-session rule reads it: the session, its week, its blocks."""

    week: int
    """The 1-based number of the session's week."""
    session: Session
    """The session."""

    def items(self, block: BlockName) -> list[Prescription]:
        """The prescriptions of the session's ``block``, in order (none when it has none)."""
        return [p for name, p in self.session.prescriptions() if name is block]

    def violation(self, rule: str, message: str, *, excess: float | None = None) -> Violation:
        """A breach of ``rule`` on the session's day, in its week."""
        return Violation(
            rule=rule, week=self.week, date=self.session.date, message=message, excess=excess
        )


def each_session(plan: Plan, kind: Literal["run", "core"]) -> Iterator[SessionInWeek]:
    """Each run (every session with running in it, the race included) or each core session
    of the plan, in order, with its week and its blocks."""
    for week in plan.weeks:
        for session in week.sessions:
            if session.is_run if kind == "run" else session.kind is SessionKind.CORE:
                yield SessionInWeek(week.index, session)


def _exercise_ids(session: Session, block: BlockName | None = None) -> list[str]:
    return [p.exercise for name, p in session.prescriptions() if block is None or name is block]


#: What a run's cool-down stretches, in order: calves and hamstrings as primary muscles,
#: the lower back as primary or secondary (rule ``cool_down``).
COOL_DOWN_MUSCLES = (
    ("calves", Muscle.CALVES, True),
    ("hamstrings", Muscle.HAMSTRINGS, True),
    ("back", Muscle.ERECTOR_SPINAE, False),
)


def covers(exercise: Exercise, muscle: Muscle, *, primary: bool) -> bool:
    """True when ``exercise`` works ``muscle`` (as a primary muscle only, with ``primary``)."""
    muscles = exercise.muscles
    return muscle in muscles.primary or (not primary and muscle in muscles.secondary)


def _has_muscle(ids: Iterable[str], catalogue: Catalogue, muscle: Muscle, *, primary: bool) -> bool:
    return any(
        (exercise := catalogue.get(exercise_id)) is not None
        and covers(exercise, muscle, primary=primary)
        for exercise_id in ids
    )


def _starts_before(first: Session, second: Session) -> bool:
    """True when ``first`` starts before ``second`` on the same day (all-day counts as before)."""
    if first.start is None or second.start is None:
        return True
    return first.start < second.start
