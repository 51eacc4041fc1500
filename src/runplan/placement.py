"""Where a week's runs go: the days that hold a run and each day's single-run cap, then the
beginner's programme sessions (``programme.py``), or distances shared between the long run
and easy runs (``distances.py``) dressed with strides and tempo (``intensity.py``), or with
a flare's run/walk sessions (``flare.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import intensity, rules
from .distances import cap_all, share_week
from .flare import FlareRuns, flare_weekdays
from .paces import Paces
from .plan import RunType, Session, WeekKind
from .profile import Race, RunnerProfile, Weekday
from .programme import place_programme, programme_options
from .runs import PlannedRun
from .volume import Volume, week_kind

__all__ = ["Placer", "State"]


@dataclass
class State:
    """What the builder has placed so far."""

    volumes: list[float]
    runs: list[tuple[dt.date, float]] = field(default_factory=list)
    turn: int = 0  # core sessions so far, for rotation
    longs: list[float] = field(default_factory=list)  # each week's longest run, 0 for none
    stage: int = -1  # a beginner's programme stage on the long-run day
    #: Each run day's programme stage in the last week that placed sessions.
    day_stages: dict[Weekday, int] = field(default_factory=dict)
    last_long_key: tuple[int, float] = (-1, 0.0)


class Placer:
    """Places one runner's runs week by week."""

    def __init__(
        self,
        profile: RunnerProfile,
        volume: Volume,
        paces: Paces,
        *,
        flare: bool,
        flare_from: dt.date | None,
        swapped: Weekday | None,
    ) -> None:
        self.p = profile
        self.volume = volume
        self.paces = paces
        self.flare = flare
        self.flare_from = flare_from
        self.swapped = swapped
        self.options = programme_options(paces, 0.1) if profile.is_beginner else []
        self.spaced = flare_weekdays(profile, swapped) if flare else None
        self.flare_runs = FlareRuns(
            since=flare_from or profile.start_date,
            paces=paces,
            step_for=profile.step_for,
            race=profile.race,
            round_to=volume.round,
            holds=_lighter_weeks(profile) if flare else (),
        )
        self.flare_cap = profile.step_for(0.0)
        #: The easy, long and strides runs made so far, by type and distance (see dress).
        self.made: dict[tuple[RunType, float], PlannedRun] = {}
        if flare:
            limit = rules.flare_session_limit(volume.usual, len(profile.run_days))
            self.flare_cap = rules.floor_step(limit, profile.step_for(limit))

    def run_dates(self, kind: WeekKind, days: list[dt.date]) -> list[dt.date]:
        """The days of ``days`` that hold a run."""
        p = self.p
        dates = [d for d in days if Weekday.of(d) in p.run_days and Weekday.of(d) != self.swapped]
        if self.spaced is not None:
            dates = [d for d in dates if Weekday.of(d) in self.spaced]
        if kind is WeekKind.RACE and p.race_date is not None:
            dates = [d for d in dates if d < p.race_date - dt.timedelta(days=1)]
        return [d for d in dates if not rules.in_flare_rest(self.flare_from, d)]

    def caps(self, dates: list[dt.date], state: State) -> dict[dt.date, float]:
        """Each date's single-run cap from the runs placed before it (a flare's cap too)."""
        p = self.p
        if not dates:
            return {}
        # Only runs inside the earliest date's window can count: the others are left out
        # once here, not for every date (the plan's runs grow week by week).
        first = min(dates) - dt.timedelta(days=rules.SINGLE_RUN_WINDOW_DAYS)
        recent = [(day, distance) for day, distance in state.runs if day >= first]
        caps = {d: rules.single_run_limit(rules.longest_in_window(recent, d, p)) for d in dates}
        if self.flare:
            caps = {d: min(c, self.flare_cap) for d, c in caps.items()}
        return caps

    def place_programme(
        self,
        index: int,
        kind: WeekKind,
        dates: list[dt.date],
        target: float,
        state: State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, PlannedRun]:
        """A beginner's week of programme sessions (``programme.place_programme``)."""
        return place_programme(self, index, kind, dates, target, state, kept)

    def place_runs(
        self,
        index: int,
        kind: WeekKind,
        dates: list[dt.date],
        target: float,
        state: State,
        kept: Sequence[Session] = (),
    ) -> dict[dt.date, PlannedRun]:
        """Runs for ``dates``: the long run first, then easy runs sharing what is left, each
        within its single-run cap. ``kept`` are the week's sessions already in the past."""
        placed, long_date, kept_runs = share_week(self, index, kind, dates, target, state, kept)
        if self.flare:
            self.flare_runs.cover(placed, long_date, kept_runs)
            self.keep_marathon_peaks(placed, long_date, kept_runs, state)
        return self.dress(index, kind, placed, long_date)

    def keep_marathon_peaks(
        self,
        placed: dict[dt.date, float],
        long_date: dt.date | None,
        kept_runs: list[float],
        state: State,
    ) -> None:
        """A flare's sessions cover less than was shared out, so a marathon plan's cap on
        runs at its longest (``rules.peak_long_run_limit``) is applied again to what they
        cover."""
        if self.p.race is not Race.MARATHON or not placed:
            return
        below = rules.peak_long_run_limit(state.longs, max(placed.values()))
        if below is None:
            return
        most = self.volume.round(below - self.p.step_for(below))
        cap_all(placed, most)
        self.flare_runs.cover(placed, long_date, kept_runs)

    def dress(
        self, index: int, kind: WeekKind, placed: dict[dt.date, float], long_date: dt.date | None
    ) -> dict[dt.date, PlannedRun]:
        """Give each placed distance its type and steps: run/walk in a flare, else the long
        run, easy runs, and the week's strides and tempo where the intensity rules allow."""
        if self.flare:
            made = {day: self.flare_runs.session(day, d) for day, d in placed.items()}
            start = self.p.start_date + dt.timedelta(days=7 * (index - 1))
            self.flare_runs.note(start, (r.steps for r in made.values()))
            return made
        return intensity.dress(self.p, self.paces, index, kind, placed, long_date, self.made)


def _lighter_weeks(profile: RunnerProfile) -> tuple[dt.date, ...]:
    """The first days of a flare plan's weeks that hold the return-to-run stage."""
    starts = [profile.start_date + dt.timedelta(days=7 * i) for i in range(profile.weeks)]
    return tuple(
        start
        for index, start in enumerate(starts, start=1)
        if week_kind(profile, index, [start + dt.timedelta(days=k) for k in range(7)], True)
        in rules.FLARE_HOLD_WEEKS
    )
