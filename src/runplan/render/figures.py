"""The figures every view shows for a week and for the whole plan, counted one way."""

from __future__ import annotations

from dataclasses import dataclass

from ..plan import Plan, SessionKind, Week

__all__ = ["PlanTotals", "WeekFigures", "plan_totals", "totals_of", "week_figures"]


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """One week in numbers."""

    week: Week
    """The week itself."""
    distance: float
    """Running distance in the plan's unit, the race included."""
    race: float
    """The race distance when race day falls in this week, else 0."""
    long_run: float
    """The longest run that is not the race, 0 in a week without runs."""
    minutes: int
    """Planned training time of every session, runs and strength work alike."""
    sessions: int
    """Sessions to do (rest days not counted)."""


@dataclass(frozen=True, slots=True)
class PlanTotals:
    """The whole plan in numbers, the race included."""

    distance: float
    """Running distance in the plan's unit, the race included."""
    race: float
    """The race distance, 0 for a plan without a race."""
    minutes: int
    """Planned training time of every session."""
    sessions: int
    """Sessions to do (rest days not counted)."""


def _figures(week: Week) -> WeekFigures:
    runs = [s for s in week.sessions if s.run is not None]
    race = sum(s.distance for s in runs if s.kind is SessionKind.RACE)
    todo = [s for s in week.sessions if s.kind is not SessionKind.REST]
    return WeekFigures(
        week=week,
        distance=round(sum(s.distance for s in runs), 2),
        race=race,
        long_run=max((s.distance for s in runs if s.kind is not SessionKind.RACE), default=0.0),
        minutes=sum(s.duration_minutes for s in todo),
        sessions=len(todo),
    )


def week_figures(plan: Plan) -> list[WeekFigures]:
    """Distance (race included), long run, minutes and session count of every week."""
    return [_figures(week) for week in plan.weeks]


def plan_totals(plan: Plan) -> PlanTotals:
    """Distance (race included), race distance, minutes and sessions of the whole plan."""
    return totals_of(week_figures(plan))


def totals_of(figures: list[WeekFigures]) -> PlanTotals:
    """The whole plan's totals from its weeks' figures (see ``plan_totals``)."""
    return PlanTotals(
        distance=round(sum(f.distance for f in figures), 2),
        race=sum(f.race for f in figures),
        minutes=sum(f.minutes for f in figures),
        sessions=sum(f.sessions for f in figures),
    )
