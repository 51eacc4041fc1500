"""Boundary tests, computed by hand, for the rules that shape a plan's weeks: a flare's
first week and sessions, the race week's taper and the marathon's peak long runs."""

from __future__ import annotations

import datetime as dt

import pytest

from runplan import Catalogue, Plan
from runplan.plan import Session, SessionKind
from runplan.profile import Race
from runplan.rules import peak_long_run_limit, taper_start

from .test_coaching import MONDAY, broken, example_plan, hand_plan, taper_plan

FLARE = {"weekly_distance": 24, "back_pain": "flare", "weeks": 3,
         "run_days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun"}  # fmt: skip


def with_session(plan: Plan, offset: int, kind: str, title: str) -> Plan:
    """``plan`` with one more session (no blocks) ``offset`` days after its start."""
    day = plan.profile.start_date + dt.timedelta(days=offset)
    session = Session.model_validate(
        {"id": f"x{offset}", "date": day, "kind": kind, "title": title, "duration_minutes": 20}
    )
    weeks = list(plan.weeks)
    week = weeks[offset // 7]
    weeks[offset // 7] = week.model_copy(update={"sessions": [*week.sessions, session]})
    return plan.model_copy(update={"weeks": weeks})


# ---------------------------------------------------------------------- a flare


@pytest.mark.parametrize(("distance", "flagged"), [(4.0, False), (4.05, True)])
def test_a_flare_session_is_half_the_week_over_its_runs(
    cat: Catalogue, distance: float, flagged: bool
) -> None:
    # Half of 24 km over 4 run days less the one swapped for cross training: 12 / 3 = 4 km.
    plan = hand_plan(FLARE, [(3, 3.0, "run_walk"), (12, distance, "run_walk")])
    assert bool(broken(plan, cat, "flare_first_week")) is flagged


@pytest.mark.parametrize(("second", "flagged"), [(4.0, False), (3.9, True)])
def test_a_flare_first_week_holds_no_more_than_the_weeks_after(
    cat: Catalogue, second: float, flagged: bool
) -> None:
    # Week 1: 4 + 4 = 8 km; week 2: 4 + second; week 3 empty.
    runs = [(3, 4.0, "run_walk"), (6, 4.0, "run_walk"), (8, 4.0, "run_walk"),
            (10, second, "run_walk")]  # fmt: skip
    plan = hand_plan(FLARE, runs)
    assert bool(broken(plan, cat, "flare_first_week")) is flagged


def test_the_flare_rules_leave_other_backs_alone(cat: Catalogue) -> None:
    plan = hand_plan({**FLARE, "back_pain": "mild"}, [(0, 8.0, "easy"), (1, 8.0, "long")])
    assert not broken(plan, cat, "flare_first_week")
    assert not broken(plan, cat, "flare_run_spacing")


@pytest.mark.parametrize(
    ("offsets", "flagged"), [((3, 5), []), ((3, 4), [4]), ((5, 7), []), ((6, 7), [7])]
)
def test_flare_runs_keep_a_day_between_them(
    cat: Catalogue, offsets: tuple[int, int], flagged: list[int]
) -> None:
    plan = hand_plan(FLARE, [(k, 2.0, "run_walk") for k in offsets])
    days = [(v.date - MONDAY).days for v in broken(plan, cat, "flare_run_spacing") if v.date]
    assert days == flagged


@pytest.mark.parametrize(
    ("offset", "kind", "title", "flagged"),
    [
        (2, "core", "Core 20 min", True),
        (3, "core", "Core 20 min", False),
        (0, "cross_training", "Swimming 30 min (instead of a run)", True),
        (0, "cross_training", "Easy walk 20 min", False),
        (1, "mobility", "Mobility 15 min", False),
    ],
)
def test_a_flare_first_days_hold_walking_and_mobility_only(
    cat: Catalogue, offset: int, kind: str, title: str, flagged: bool
) -> None:
    plan = with_session(hand_plan(FLARE, [(5, 3.0, "run_walk")]), offset, kind, title)
    assert bool(broken(plan, cat, "flare_rest_days")) is flagged


# ---------------------------------------------------------------------- the taper


@pytest.mark.parametrize(("race_week", "flagged"), [(11.9, False), (12.0, True)])
def test_a_race_week_runs_less_than_the_taper_week_before(
    cat: Catalogue, race_week: float, flagged: bool
) -> None:
    # Half marathon on Sunday 8 Feb: weeks 4 (12 km) and 5 (the race week) taper.
    plan = taper_plan("half_marathon", "2026-02-08", [20, 20, 20, 12, race_week])
    lightest = [v for v in broken(plan, cat, "taper") if "lightest" in v.message]
    assert [v.week for v in lightest] == ([5] if flagged else [])


@pytest.mark.parametrize(
    ("race", "race_date", "first"),
    [
        ("marathon", "2026-03-29", "2026-03-09"),  # a Sunday: the last 3 weeks (20 days)
        ("marathon", "2026-03-25", "2026-03-09"),  # a Wednesday: 16 days; 23 is too long
        ("half_marathon", "2026-03-29", "2026-03-16"),  # 13 days
        ("5k", "2026-03-29", "2026-03-23"),  # 6 days
    ],
)
def test_taper_lengths_follow_the_race(race: str, race_date: str, first: str) -> None:
    start = taper_start(Race(race), dt.date.fromisoformat(race_date), MONDAY)
    assert start == dt.date.fromisoformat(first)


# ---------------------------------------------------------------------- the marathon peak


@pytest.mark.parametrize(("near", "flagged"), [(28.4, False), (28.5, True)])
def test_a_marathon_long_run_within_five_percent_reaches_the_peak(
    cat: Catalogue, near: float, flagged: bool
) -> None:
    # Peak 30 km in weeks 1-3; 95 % of 30 is 28.5, so a fourth run of 28.5 km reaches it.
    runs = [(7 * w + 6, d, "long") for w, d in enumerate([30.0, 30.0, 30.0, near, 20.0])]
    profile = {"weekly_distance": 60, "longest_recent_run": 30, "race": "marathon",
               "race_date": "2026-03-29"}  # fmt: skip
    plan = hand_plan(profile, runs)
    assert bool(broken(plan, cat, "marathon_peak_long_runs")) is flagged


def test_peak_long_run_limit_counts_against_the_new_peak() -> None:
    assert peak_long_run_limit([28.0, 29.0], 30.0) is None  # two near the peak so far
    assert peak_long_run_limit([28.5, 29.0, 30.0], 20.0) == pytest.approx(28.5)
    # A candidate of 31 raises the peak: 28.5 no longer reaches it (95 % of 31 is 29.45).
    assert peak_long_run_limit([28.5, 29.0, 30.0], 31.0) is None


def test_a_marathon_builds_to_its_peak_late() -> None:
    plan = example_plan(weekly_distance=50, longest_recent_run=18, race="marathon",
                        race_date="2026-05-02", run_days=["tue", "wed", "fri", "sat", "sun"],
                        long_run_day="sun", level="advanced")  # fmt: skip
    volumes = [w.distance for w in plan.weeks]
    longs = [max((s.distance for s in w.sessions if s.kind is SessionKind.RUN), default=0.0)
             for w in plan.weeks]  # fmt: skip
    peak_week = volumes.index(max(volumes)) + 1
    assert 11 <= peak_week <= 14 and longs.index(max(longs)) + 1 >= 11
    assert [w.kind.value for w in plan.weeks[-3:]] == ["taper", "taper", "race"]
    assert volumes[-1] < volumes[-2] < volumes[-3]


# ---------------------------------------------------------------------- labels and warnings


def test_a_flare_cutback_week_is_called_a_cutback() -> None:
    plan = example_plan(weekly_distance=24, back_pain="flare", weeks=8)
    kinds = [w.kind.value for w in plan.weeks]
    assert kinds == ["recovery"] * 3 + ["cutback"] + ["recovery"] * 3 + ["cutback"]


def test_a_mild_first_week_says_why_it_is_lighter() -> None:
    plan = example_plan(weekly_distance=20, back_pain="mild", weeks=4)
    runs = [s for s in plan.weeks[0].sessions if s.run is not None]
    assert runs and all(any("lighter first week" in n for n in s.notes) for s in runs)
    later = [s for s in plan.weeks[1].sessions if s.run is not None]
    assert not any("lighter first week" in n for s in later for n in s.notes)


def test_a_half_marathon_held_by_its_peak_says_so() -> None:
    plan = example_plan(weekly_distance=24, longest_recent_run=8, race="half_marathon",
                        race_date="2026-04-19", run_days=["mon", "tue", "thu", "fri", "sun"],
                        long_run_day="sun", level="intermediate")  # fmt: skip
    text = " ".join(plan.warnings)
    assert "35 % of it" in text and "peak_weekly_distance higher" in text
    assert "need more weeks" not in text and "run the race easy" not in text
