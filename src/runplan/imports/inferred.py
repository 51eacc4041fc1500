"""The runner's profile inferred from an imported plan: week 1's volume and longest run,
the run days and long-run day, and the plan's own cutback rhythm."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .._error_text import describe_validation_error
from .._values import fmt_number
from ..errors import PlanError
from ..plan import SessionKind
from ..profile import Race, RunnerProfile, Unit, Weekday
from ..profile_types import minimum_long_run
from ..rules.limits import CUTBACK_STRETCH, lighter_weeks

if TYPE_CHECKING:
    from .assemble import Day

__all__ = ["Stats", "infer_profile"]


class Stats:
    """Weekly volumes and long runs of the imported days, week 1 first (index 0 unused)."""

    def __init__(self, start: dt.date, days: list[Day]) -> None:
        self.count = (days[-1].date - start).days // 7 + 1
        self.volumes = [0.0] * (self.count + 1)
        self.long_runs = [0.0] * (self.count + 1)
        self.run_weeks: Counter[Weekday] = Counter()
        self.long_days: Counter[Weekday] = Counter()
        self.race_weeks = {
            (d.date - start).days // 7 + 1 for d in days if d.workout.kind is SessionKind.RACE
        }
        by_week: dict[int, list[Day]] = {}
        for d in days:
            if d.workout.kind is SessionKind.RUN and d.workout.distance:
                by_week.setdefault((d.date - start).days // 7 + 1, []).append(d)
        for index, runs in by_week.items():
            self.volumes[index] = sum(d.workout.distance or 0.0 for d in runs)
            longest = max(runs, key=lambda d: (d.workout.distance or 0.0, d.date))
            self.long_runs[index] = longest.workout.distance or 0.0
            self.long_days[Weekday.of(longest.date)] += 1
            self.run_weeks.update({Weekday.of(d.date) for d in runs})
        self.volumes[0], self.long_runs[0] = self.volumes[1], self.long_runs[1]


def infer_profile(
    name: str,
    unit: Unit,
    race: Race | None,
    race_date: dt.date | None,
    start: dt.date,
    level: str,
    stats: Stats,
    source: str,
    warnings: list[str],
) -> RunnerProfile:
    """The profile the plan implies; what was inferred is appended to ``warnings``."""
    run_days, long_day, said = _days(stats)
    every, rhythm = _rhythm(stats, race_date is not None)
    weekly = round(min(stats.volumes[1], 300.0), 1)
    longest = round(min(stats.long_runs[1], 100.0), 1)
    data: dict[str, Any] = {
        "name": name.strip()[:80] or "imported",
        "start_date": start,
        "unit": unit,
        "weekly_distance": weekly,
        "longest_recent_run": max(longest, minimum_long_run(unit)),
        "run_days": run_days,
        "long_run_day": long_day,
        "level": level,
        "cutback_every": every,
    }
    if race is not None and race_date is not None:
        data |= {"race": race, "race_date": race_date}
    else:
        data["weeks"] = stats.count
        # A book plan states its own goal: its biggest week is the peak it builds toward, so
        # the builder's no-race cap (20 % over today) does not judge it.
        data["peak_weekly_distance"] = round(min(max(stats.volumes[1:]), 300.0), 1)
    try:
        profile = RunnerProfile.model_validate(data)
    except ValidationError as exc:
        detail = describe_validation_error(exc, lambda: ", ".join(RunnerProfile.model_fields))
        raise PlanError(f"The plan file {source} gives a profile that {detail}.") from None
    days = ", ".join(d.title for d in profile.run_days)
    warnings.append(
        f"Profile inferred from the plan: week 1 runs {fmt_number(weekly)} {unit.value} with a "
        f"longest run of {fmt_number(profile.seed_longest_run)} {unit.value}, taken as what "
        "you run "
        f"now; run days {days}; long run on {long_day.title}; {rhythm}; level {level}."
    )
    warnings.extend(said)
    return profile


def _days(stats: Stats) -> tuple[list[Weekday], Weekday, list[str]]:
    said = []
    most = max(stats.run_weeks.values(), default=0)
    ranked = sorted(Weekday, key=lambda d: (-stats.run_weeks[d], d.number))
    days = [d for d in ranked if most and stats.run_weeks[d] * 2 >= most]
    long_day = (
        max(Weekday, key=lambda d: (stats.long_days[d], d.number))
        if stats.long_days
        else Weekday.SAT
    )
    if len(days) == 7:
        left_out = next(d for d in reversed(ranked) if d is not long_day)
        said.append(
            f"The plan runs on all 7 days; a profile holds 6, so {left_out.title} is left "
            "out of the run days (its runs stay in the plan)."
        )
        days.remove(left_out)
    if long_day not in days:
        days = [*days[:5], long_day]
    for extra in [*ranked, Weekday.MON, Weekday.WED]:
        if len(days) >= 2:
            break
        if extra not in days:
            days.append(extra)
    return sorted(days, key=lambda d: d.number), long_day, said


def _rhythm(stats: Stats, race_plan: bool) -> tuple[int, str]:
    """The cutback rhythm: how often the plan's own lighter weeks come (weeks with a race,
    and the last 3 weeks of a race plan, are lighter for the race, not as cutbacks)."""
    last = stats.count - 3 if race_plan else stats.count
    lighter = sorted(
        i
        for i in lighter_weeks(stats.volumes, stats.long_runs)
        if i <= last and i not in stats.race_weeks
    )
    gaps = Counter(b - a for a, b in zip([0, *lighter], lighter, strict=False) if b - a >= 2)
    weeks = ", ".join(str(i) for i in lighter[:6]) + (" ..." if len(lighter) > 6 else "")
    if not gaps:
        return 4, "no lighter week before the taper" if race_plan else "no lighter week"
    every = max(gaps, key=lambda g: (gaps[g], -g))
    if every > CUTBACK_STRETCH + 1:
        return 4, f"lighter weeks every {every} weeks (weeks {weeks}), more than every 5th"
    return every, f"a lighter week every {every} weeks (weeks {weeks})"
