"""Strength and back care come from the catalogue: level, equipment, spine, avoid_when,
variety, race week, the runner's own exercises, and the sessions as a runner reads them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runplan import (
    BackPain,
    Catalogue,
    CatalogueError,
    Equipment,
    Plan,
    ProfileError,
    RunnerProfile,
    SessionKind,
    Spine,
    build_plan,
    check_plan,
    load_catalogue,
)
from runplan.advice import DRINK_NOTE, HEAT_NOTE, SHOES_NOTE
from runplan.render import session_text
from runplan.rules import FLARE_CORE_NOTE, MILD_CORE_NOTE, RED_FLAGS, SAFETY_NOTE

from .conftest import ROOT
from .profiles import DAYS, EXAMPLES, example, profile_data, profiles


def core_sessions(plan: Plan):  # type: ignore[no-untyped-def]
    return [s for s in plan.sessions() if s.kind is SessionKind.CORE]


def main_ids(plan: Plan) -> list[list[str]]:
    return [[p.exercise for p in s.blocks[1].items] for s in core_sessions(plan)]


def week_core_text(plan: Plan, week: int, cat: Catalogue) -> str:
    session = next(s for s in plan.weeks[week - 1].sessions if s.kind is SessionKind.CORE)
    return session_text(session, plan.unit, cat)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_every_exercise_suits_the_runner(profile: RunnerProfile) -> None:
    cat = load_catalogue()
    plan = build_plan(profile, cat)
    have = set(profile.equipment) | {Equipment.NONE}
    for session in plan.sessions():
        if session.kind is SessionKind.CROSS_TRAINING:
            continue
        for _, item in session.prescriptions():
            exercise = cat[item.exercise]
            assert exercise.needs() <= have, (exercise.id, profile.equipment)
            assert exercise.level.rank <= profile.level.rank, (exercise.id, profile.level)
            assert profile.back_pain not in exercise.avoid_when, (exercise.id, profile.back_pain)
            if session.kind is SessionKind.CORE and profile.back_pain is not BackPain.NONE:
                assert exercise.spine is Spine.NEUTRAL, exercise.id


def test_a_runners_own_exercise_is_scheduled_when_it_fits(cat: Catalogue) -> None:
    mine = load_catalogue(ROOT / "examples" / "my_exercises.yaml")
    with_wall = RunnerProfile.model_validate(
        {**EXAMPLES["beginner_3_days"], "equipment": ["mat", "wall"]}
    )
    plan = build_plan(with_wall, mine)
    assert check_plan(plan, mine) == []
    assert sum(ids.count("wall_sit") for ids in main_ids(plan)) >= 4
    no_wall = build_plan(example("beginner_3_days"), mine)
    assert not any("wall_sit" in ids for ids in main_ids(no_wall))


def test_no_back_pain_core_sessions_read_without_back_notes(cat: Catalogue) -> None:
    plan = build_plan(example("intermediate_5_days"), cat)
    assert RED_FLAGS not in plan.warnings  # no red flags for a healthy back
    for week in (1, 8):
        text = week_core_text(plan, week, cat)
        assert MILD_CORE_NOTE not in text and SAFETY_NOTE not in text
    first_run = next(s for s in plan.sessions() if s.is_run)
    assert SHOES_NOTE in session_text(first_run, plan.unit, cat)


def test_mild_back_pain_core_sessions_say_neutral_and_hold_only_neutral(cat: Catalogue) -> None:
    plan = build_plan(example("back_pain_mild"), cat)
    assert RED_FLAGS in plan.warnings
    bent = [e.name for e in cat.values() if e.spine is not Spine.NEUTRAL]
    for session in core_sessions(plan):
        text = session_text(session, plan.unit, cat)
        assert MILD_CORE_NOTE in text
        assert not [name for name in bent if f"- {name}:" in text], text
        assert "- Superman:" not in text and "- Bicycle crunch:" not in text
    mobility = next(s for s in plan.sessions() if s.kind is SessionKind.MOBILITY)
    assert HEAT_NOTE in session_text(mobility, plan.unit, cat)


def test_flare_sessions_say_stop_and_list_the_red_flags(cat: Catalogue) -> None:
    plan = build_plan(example("back_pain_flare"), cat)
    assert RED_FLAGS in plan.warnings
    for signal in ("numbness in the groin", "leg", "bladder or bowel", "fever", "at night"):
        assert signal in RED_FLAGS
    for session in plan.sessions():
        text = session_text(session, plan.unit, cat)
        assert SAFETY_NOTE in text and RED_FLAGS in text, session.title
    for session in core_sessions(plan):
        text = session_text(session, plan.unit, cat)
        for gentle_only in ("Spiderman plank", "Leg lowers", "Single-leg", "Superman"):
            assert f"- {gentle_only}" not in text


def test_levels_beginner_advanced_harder_and_easier(cat: Catalogue) -> None:
    beginner = build_plan(example("beginner_3_days"), cat)
    ids = {p.exercise for s in beginner.sessions() for _, p in s.prescriptions()}
    assert all(cat[i].level.value == "beginner" for i in ids)
    # The kneeling plank gives way to the full plank once it reaches its 40 s target.
    knees = [p.hold_seconds or 0 for _, p in _items(beginner) if p.exercise == "kneeling_plank"]
    assert knees and max(knees) < 40
    # A sore back starts on the easier variant and returns to the full one by dose: never
    # both in one session.
    mild = build_plan(example("back_pain_mild"), cat)
    mains = main_ids(mild)
    assert "kneeling_plank" in mains[0] and "plank" not in mains[0]
    assert any("plank" in ids for ids in mains)
    assert not any({"plank", "kneeling_plank"} <= set(ids) for ids in mains)
    # An advanced runner starts past the beginner's first dose.
    advanced = build_plan(example("marathon"), cat)
    first = {p.exercise: p for _, p in _items(advanced)}
    assert first["plank"].hold_seconds is not None and first["plank"].hold_seconds >= 40


def _items(plan: Plan):  # type: ignore[no-untyped-def]
    for session in core_sessions(plan):
        yield from session.prescriptions()


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_variety_across_sessions_and_within_a_day(name: str, cat: Catalogue) -> None:
    plan = build_plan(example(name), cat)
    mains = main_ids(plan)
    counts = Counter(i for ids in mains for i in set(ids))
    assert max(counts.values()) <= 0.6 * len(mains)
    days: dict[dt.date, list[str]] = {}
    for session in plan.sessions():
        days.setdefault(session.date, []).extend(p.exercise for _, p in session.prescriptions())
    for day, ids in days.items():
        assert len(ids) == len(set(ids)), (day, ids)


def test_leg_lowers_reach_twenty_in_a_twelve_week_intermediate_plan(cat: Catalogue) -> None:
    plan = build_plan(example("intermediate_5_days"), cat)
    assert plan.profile.weeks == 12
    lowers = [p.reps for _, p in _items(plan) if p.exercise == "leg_lowers"]
    assert lowers[0] == cat["leg_lowers"].dose.reps == 10
    assert max(lowers) == 20 and lowers == sorted(lowers)


def test_race_week_strength_is_light_and_stops_two_days_out(cat: Catalogue) -> None:
    plan = build_plan(example("marathon"), cat)
    race = plan.profile.race_date
    assert race is not None
    race_week = [s for s in core_sessions(plan) if (race - s.date).days < 7]
    assert race_week and all((race - s.date).days > 2 for s in race_week)
    before = [s.duration_minutes for s in core_sessions(plan) if 7 <= (race - s.date).days < 14]
    for session in race_week:
        assert 15 <= session.duration_minutes <= 16 < max(before)
        assert all(p.sets <= 2 for p in session.blocks[1].items)


def test_long_runs_say_to_drink(cat: Catalogue) -> None:
    plan = build_plan(example("marathon"), cat)
    long_runs = [s for s in plan.sessions() if s.is_run and s.duration_minutes >= 60]
    assert long_runs and all(DRINK_NOTE in s.notes for s in long_runs)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cross_training_redefined_as_core_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """exercises:
  - id: swimming
    name: Swimming
    category: core
    equipment: [pool]
    muscles: {primary: [cardiovascular]}
    spine: neutral
    dose: {sets: 1, minutes: 30}
    steps: [Swim., Easy.]
""",
    )
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert "'swimming'" in message and str(path) in message and "category" in message
    assert "\n" not in message and len(message) <= 300


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ("id: leg_swings\n    equipment: [step]", "equipment"),
        ("id: hip_flexor_stretch\n    equipment: [none]", "dose"),
        ("id: psoas_stretch\n    avoid_when: [mild]", "avoid_when"),
    ],
)
def test_rule_named_exercises_must_suit_every_runner(
    tmp_path: Path, entry: str, field: str
) -> None:
    dose = "hold_seconds: 30" if "hip_flexor" in entry else "reps: 10"
    path = write(
        tmp_path,
        f"""exercises:
  - {entry}
    name: Mine
    category: stretch
    muscles: {{primary: [hip_flexors, psoas]}}
    spine: neutral
    dose: {{sets: 1, {dose}}}
    steps: [One., Two.]
""",
    )
    with pytest.raises(CatalogueError, match=field):
        load_catalogue(path)


def test_huge_user_doses_still_give_a_plan_that_keeps_the_rules(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """exercises:
  - id: plank
    name: Plank
    category: core
    muscles: {primary: [transverse_abdominis]}
    spine: neutral
    pattern: anti_extension
    dose: {sets: 10, hold_seconds: 300, rest_seconds: 60}
    steps: [Hold., Hold longer.]
  - id: side_plank
    name: Side plank
    category: core
    muscles: {primary: [obliques]}
    spine: neutral
    pattern: lateral
    dose: {sets: 8, hold_seconds: 120, rest_seconds: 60}
    steps: [Hold., Hold longer.]
""",
    )
    mine = load_catalogue(path)
    for name in ("beginner_3_days", "back_pain_flare", "marathon"):
        plan = build_plan(example(name), mine)
        assert check_plan(plan, mine) == [], name
        assert all(s.duration_minutes <= 25 for s in core_sessions(plan))


def flare_example() -> RunnerProfile:
    return RunnerProfile.from_file(ROOT / "examples" / "back_flare.yaml")


@pytest.mark.parametrize("profile", [flare_example, lambda: example("back_pain_flare")])
def test_flare_week_one_core_reads_easier_variants_and_says_flaring(
    cat: Catalogue, profile: Any
) -> None:
    plan = build_plan(profile(), cat)
    text = week_core_text(plan, 1, cat)
    assert "- Kneeling plank: 3 x 15 s" in text and "- Kneeling side plank:" in text, text
    assert "- Plank:" not in text and "- Side plank:" not in text, text
    assert FLARE_CORE_NOTE in text and MILD_CORE_NOTE not in text
    assert "Your back is flaring" in text and "Your back is sore" not in text
    for session in core_sessions(plan):  # the whole flare, not only its first weeks
        later = session_text(session, plan.unit, cat)
        assert "- Plank:" not in later and "- Side plank:" not in later, session.date
        assert FLARE_CORE_NOTE in later and MILD_CORE_NOTE not in later


def test_a_flaring_back_starts_core_at_the_first_dose_whatever_the_level(cat: Catalogue) -> None:
    advanced = RunnerProfile.model_validate({**flare_example().model_dump(), "level": "advanced"})
    text = week_core_text(build_plan(advanced, cat), 1, cat)
    # Review 3: an advanced runner's flare began at kneeling plank 3 x 35 s.
    assert "- Kneeling plank: 3 x 15 s" in text, text
    assert "35 s" not in text, text


def test_mild_week_one_core_reads_easier_variants_and_says_sore(cat: Catalogue) -> None:
    plan = build_plan(example("back_pain_mild"), cat)
    text = week_core_text(plan, 1, cat)
    assert "- Kneeling plank:" in text and "- Plank:" not in text, text
    assert "Your back is sore" in text and FLARE_CORE_NOTE not in text


@st.composite
def small_pools(draw: st.DrawFn) -> RunnerProfile:
    """Profiles with few main exercises to choose from: a sore back, little or no
    equipment, many run days (core sessions share days with runs)."""
    data = draw(profile_data())
    days = draw(st.lists(st.sampled_from(DAYS), min_size=4, max_size=6, unique=True))
    data.update(
        equipment=draw(st.sampled_from([[], ["mat"], ["foam_roller"], ["mat", "foam_roller"]])),
        back_pain=draw(st.sampled_from(["mild", "flare"])),
        run_days=days,
        long_run_day=draw(st.sampled_from(days)),
        level=draw(st.sampled_from(["beginner", "intermediate", "advanced"])),
    )
    for key in ("race", "race_date"):
        data.pop(key, None)
    data["weeks"] = draw(st.integers(1, 16))
    try:
        return RunnerProfile.from_data(data)
    except ProfileError:
        from hypothesis import assume

        assume(False)
        raise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=small_pools())
def test_small_pools_keep_core_sessions_15_to_25_minutes_of_at_most_4_sets(
    profile: RunnerProfile,
) -> None:
    cat = load_catalogue()
    plan = build_plan(profile, cat)
    assert [v for v in check_plan(plan, cat) if v.rule in {"core_strength", "easier_first"}] == []
    for session in core_sessions(plan):
        assert 15 <= session.duration_minutes <= 25, (session.date, session.duration_minutes)
        assert max(p.sets for _, p in session.prescriptions()) <= 4, session.date
