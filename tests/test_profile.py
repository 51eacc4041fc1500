"""RunnerProfile: loading, defaults, and a clear ProfileError for every bad field."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import runplan
from runplan import BackPain, ProfileError, RunnerProfile, Unit, Weekday

BASE = {"start_date": "2026-03-02", "weekly_distance": 20}


def load(write, **fields: object) -> RunnerProfile:  # type: ignore[no-untyped-def]
    return RunnerProfile.from_file(write("me.json", json.dumps({**BASE, **fields})))


def test_defaults_follow_the_design() -> None:
    p = RunnerProfile.model_validate(BASE)
    assert p.weeks == 12 and p.unit is Unit.KM and p.core_per_week == 3
    assert p.run_days == [Weekday.MON, Weekday.WED, Weekday.SAT] and p.long_run_day is Weekday.SAT
    assert p.run_time == dt.time(7) and p.strength_time == dt.time(18, 30)
    assert (p.max_weekly_increase, p.cutback_every, p.cutback_ratio) == (0.10, 4, 0.8)
    assert p.seed_longest_run == pytest.approx(20 / 3)
    assert p.back_pain is BackPain.NONE and p.timezone == "UTC"


def test_beginner_starts_from_the_floor() -> None:
    p = RunnerProfile.model_validate({**BASE, "weekly_distance": 0})
    assert p.start_volume == 5 and p.seed_longest_run == 2
    miles = RunnerProfile.model_validate({**BASE, "weekly_distance": 0, "unit": "mi"})
    assert miles.start_volume == 3 and miles.seed_longest_run == 1.5


def test_loads_yaml_with_weekday_names_in_any_case(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "me.yaml",
        "start_date: 2026-03-02\nweekly_distance: 12\nrun_days: [Tuesday, THU, sun]\n"
        "long_run_day: Sunday\nrun_time_by_day: {sun: '08:30'}\n",
    )
    p = RunnerProfile.from_file(path)
    assert p.run_days == [Weekday.TUE, Weekday.THU, Weekday.SUN]
    assert p.long_run_day is Weekday.SUN
    assert p.run_time_on(Weekday.SUN) == dt.time(8, 30) and p.run_time_on(Weekday.TUE) == dt.time(7)


def test_race_date_sets_the_number_of_weeks() -> None:
    p = RunnerProfile.model_validate({**BASE, "race": "10k", "race_date": "2026-05-10"})
    assert p.weeks == 10 and p.end_date == dt.date(2026, 5, 10)


@pytest.mark.parametrize(
    ("fields", "needles"),
    [
        ({"run_days": ["mon"], "long_run_day": "mon"}, ["run_days needs 2 to 6 days, not 1"]),
        (
            {"run_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
            ["run_days needs 2 to 6 days, not 7"],
        ),
        ({"long_run_day": "sun"}, ["long_run_day sun", "mon, wed, sat"]),
        ({"weekly_distance": -5}, ["weekly_distance", "-5"]),
        ({"weeks": 0}, ["weeks", "0"]),
        ({"weeks": 53}, ["weeks", "53"]),
        ({"race": "marathon", "race_date": "2026-02-01"}, ["race_date 2026-02-01", "before"]),
        ({"race": "marathon", "race_date": "2027-06-01"}, ["more than 52 weeks"]),
        ({"timezone": "Berlin"}, ["unknown time zone 'Berlin'", "Europe/Berlin"]),
        ({"equipment": ["kettlebell"]}, ["equipment 'kettlebell'", "exercise_ball"]),
        ({"core_per_week": 4}, ["core_per_week", "4"]),
        ({"core_per_week": 1}, ["core_per_week", "1"]),
        ({"cutback_ratio": 0.5}, ["cutback_ratio", "0.5"]),
        ({"cutback_ratio": 1.0}, ["cutback_ratio", "1.0"]),
        ({"max_weekly_increase": 0}, ["max_weekly_increase", "0"]),
        ({"max_weekly_increase": 0.35}, ["max_weekly_increase", "0.35"]),
        ({"run_days": ["mon", "mon", "sat"]}, ["run_days lists a day twice"]),
        ({"run_days": ["mon", "funday"]}, ["run_days 'funday'", "mon"]),
        ({"race": "half_marathon"}, ["needs a race_date"]),
        ({"colour": "red"}, ["unknown field 'colour'", "weekly_distance"]),
        ({"easy_pace": "fast"}, ["easy_pace 'fast'", "6:30"]),
        ({"distance_step": 0.3}, ["distance_step 0.3 is not one of 0.1, 0.25, 0.5, 1"]),
        (
            {"run_days": ["mon", "tue", "wed", "thu", "fri", "sat"], "strength_time": "06:00"},
            ["core sessions do not fit", "strength_time"],
        ),
    ],
)
def test_bad_fields_give_one_sentence(write, fields: dict[str, object], needles: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError) as info:
        load(write, **fields)
    message = str(info.value)
    assert message.startswith("The profile me.json ") and "\n" not in message
    for needle in needles:
        assert needle in message, message


def test_missing_required_field(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError, match="missing the required field 'start_date'"):
        RunnerProfile.from_file(write("p.yaml", "weekly_distance: 3\n"))


def test_profile_file_that_is_not_a_mapping(write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ProfileError, match="must be a mapping"):
        RunnerProfile.from_file(write("p.yaml", "- 1\n- 2\n"))


def test_missing_profile_file() -> None:
    with pytest.raises(ProfileError, match="does not exist"):
        RunnerProfile.from_file("no-such-profile.yaml")


def test_plan_id_is_a_slug_of_name_and_start() -> None:
    p = RunnerProfile.model_validate({**BASE, "name": "Anna's Spring 10K!"})
    assert p.plan_id == "anna-s-spring-10k-20260302"


def test_per_weekday_times_may_be_given_as_a_mapping() -> None:
    p = RunnerProfile.model_validate(
        {
            **BASE,
            "run_time": {"default": "06:30", "Saturday": "08:00"},
            "strength_time": {"sun": "10:00"},
        }
    )
    assert p.run_time == dt.time(6, 30) and p.run_time_on(Weekday.SAT) == dt.time(8)
    assert p.strength_time == dt.time(18, 30) and p.strength_time_on(Weekday.SUN) == dt.time(10)
    again = RunnerProfile.model_validate_json(p.model_dump_json())
    assert again == p


def test_week_index_counts_weeks_from_the_start() -> None:
    p = RunnerProfile.model_validate(BASE)  # starts Monday 2 March 2026
    assert [p.week_index(dt.date(2026, 3, d)) for d in (1, 2, 8, 9, 15)] == [0, 1, 1, 2, 2]


def test_files_with_a_byte_order_mark_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(BASE).encode())
    assert RunnerProfile.from_file(path).weekly_distance == 20


def test_a_plan_that_would_end_after_2999_is_refused_in_one_sentence() -> None:
    # 12 weeks from 1 December 2999 end on 22 February 3000, past the last day a plan,
    # log or calendar may name: the profile says so, instead of build_plan failing later.
    with pytest.raises(ProfileError) as info:
        RunnerProfile.from_data({"start_date": "2999-12-01", "weekly_distance": 10})
    message = str(info.value)
    assert "start_date 2999-12-01" in message and "3000-02-22" in message, message
    assert "\n" not in message and len(message) <= 300
    # The last plan that fits ends on 29 December 2999 and builds.
    last = RunnerProfile.model_validate({"start_date": "2999-10-07", "weekly_distance": 10})
    assert last.end_date == dt.date(2999, 12, 29)
    assert runplan.build_plan(last).weeks[-1].sessions[-1].date == dt.date(2999, 12, 29)


def test_units_convert_both_ways() -> None:
    assert Unit.MI.to_km(1) == 1.609344 and Unit.KM.to_km(5) == 5
    assert Unit.MI.from_km(Unit.MI.to_km(13.1)) == pytest.approx(13.1)
