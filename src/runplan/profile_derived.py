"""What follows from a runner's profile: the rest day and the days core may go on, start
times per weekday, the plan's id and span, the starting volume and longest run, the easy
pace, and how planned distances are rounded. RunnerProfile inherits these methods."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .profile_types import KM_PER_MI, Unit, Weekday, beginner_floor, minimum_long_run
from .vocabulary import Level

__all__ = ["ProfileDerived"]


class ProfileDerived:
    """The derived values and helpers of RunnerProfile, which supplies the fields below."""

    __slots__ = ()

    if TYPE_CHECKING:  # RunnerProfile's fields (declared there, so pydantic sees them once)
        name: str
        start_date: dt.date
        weeks: int
        race_date: dt.date | None
        unit: Unit
        weekly_distance: float
        longest_recent_run: float | None
        run_days: list[Weekday]
        long_run_day: Weekday
        level: Level
        run_time: dt.time
        strength_time: dt.time
        run_time_by_day: dict[Weekday, dt.time]
        strength_time_by_day: dict[Weekday, dt.time]
        easy_pace: str | None
        distance_step: float | None

    # ------------------------------------------------------------------ the week's layout

    def rest_weekday(self) -> Weekday:
        """The weekday kept free of runs and core: the day before the long run when it is
        free, else the day after it, else the first day without a run."""
        free = [d for d in Weekday if d not in self.run_days]
        before = list(Weekday)[(self.long_run_day.number - 1) % 7]
        after = list(Weekday)[(self.long_run_day.number + 1) % 7]
        for day in (before, after):
            if day in free:
                return day
        return free[0]

    def core_weekday_candidates(self) -> list[Weekday]:
        """Weekdays a core session may go on: not the rest day, not the day before the long
        run, and on a run day only when the core session starts after the run."""
        before_long = list(Weekday)[(self.long_run_day.number - 1) % 7]
        rest = self.rest_weekday()
        return [
            d
            for d in Weekday
            if d not in (rest, before_long)
            and (d not in self.run_days or self.strength_time_on(d) > self.run_time_on(d))
        ]

    # ------------------------------------------------------------------ derived values

    @property
    def plan_id(self) -> str:
        """Stable plan id: the name as a slug and the start date."""
        slug = "".join(ch if ch.isalnum() else "-" for ch in self.name.lower()).strip("-")
        slug = "-".join(part for part in slug.split("-") if part) or "runplan"
        return f"{slug}-{self.start_date:%Y%m%d}"

    @property
    def end_date(self) -> dt.date:
        """Last day of the plan: race day, or the end of the last week."""
        if self.race_date is not None:
            return self.race_date
        return self.start_date + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def start_volume(self) -> float:
        """The weekly distance that counts as week 0 (at least the beginner floor)."""
        return max(self.weekly_distance, beginner_floor(self.unit))

    @property
    def seed_longest_run(self) -> float:
        """The longest run of the last 30 days, as given or derived."""
        if self.longest_recent_run is not None:
            return self.longest_recent_run
        return max(self.weekly_distance / 3, minimum_long_run(self.unit))

    @property
    def pace_minutes(self) -> float:
        """Easy pace in minutes per unit (given, or a cautious guess from the level)."""
        if self.easy_pace is not None:
            minutes, seconds = self.easy_pace.split(":")
            return int(minutes) + int(seconds) / 60
        per_km = {Level.BEGINNER: 7.5, Level.INTERMEDIATE: 6.0, Level.ADVANCED: 5.0}[self.level]
        return per_km if self.unit is Unit.KM else per_km * KM_PER_MI

    def step_for(self, distance: float) -> float:
        """The rounding step for a run of about ``distance``: ``distance_step`` when given,
        else 0.1 under 5 units and 0.5 from there."""
        if self.distance_step is not None:
            return self.distance_step
        return 0.1 if distance < 5 else 0.5

    @property
    def is_beginner(self) -> bool:
        """True for a new runner (``weekly_distance`` 0), who follows the run/walk programme."""
        return self.weekly_distance == 0

    def week_index(self, day: dt.date) -> int:
        """The 1-based plan week a date falls in (0 for the days before the start)."""
        return (day - self.start_date).days // 7 + 1

    def run_time_on(self, day: Weekday) -> dt.time:
        """Local start time of a run on this weekday."""
        return self.run_time_by_day.get(day, self.run_time)

    def strength_time_on(self, day: Weekday) -> dt.time:
        """Local start time of core and mobility on this weekday."""
        return self.strength_time_by_day.get(day, self.strength_time)
