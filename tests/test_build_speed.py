"""The builder's shortcuts (remembered doses, blocks built without validating them again)
give the same plan as the validated models would."""

from __future__ import annotations

import datetime as dt

import pytest

from runplan import Plan, RunnerProfile, build_plan, load_catalogue
from runplan.doses import block_seconds, prescribe, steps_to_target
from runplan.plan import Block, RunSpec
from runplan.strength import Strength
from runplan.strength_choice import Choice

from .profiles import EXAMPLES, example


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_blocks_and_runs_built_as_given_equal_validated_ones(name: str) -> None:
    plan = build_plan(example(name))
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert again.model_dump_json() == plan.model_dump_json()
    for session in plan.sessions():
        if session.run is not None:
            assert RunSpec.model_validate(session.run.model_dump()) == session.run
        for block in session.blocks:
            validated = Block.model_validate(block.model_dump())
            assert validated == block
            assert validated.model_fields_set == block.model_fields_set
            assert type(block.items) is list
            assert all(i == type(i).model_validate(i.model_dump()) for i in block.items)


def test_a_remembered_dose_is_only_for_the_same_exercise() -> None:
    cat = load_catalogue()
    plank = cat["plank"]
    fewer = plank.model_copy(update={"dose": plank.dose.model_copy(update={"sets": 1})})
    choice = Choice(example("beginner_3_days"), cat)
    first = choice.dose(plank, 2)
    assert first is choice.dose(plank, 2)
    assert first == prescribe(plank, 2)
    # Same id, another dose (as from another catalogue): prescribed afresh, not remembered.
    assert choice.dose(fewer, 2) == prescribe(fewer, 2) != first


def test_weeks_at_the_same_amount_share_one_prescription() -> None:
    cat = load_catalogue()
    plank, stretch = cat["plank"], cat["standing_hamstring_stretch"]
    assert plank.progression is not None and stretch.progression is None
    choice = Choice(example("beginner_3_days"), cat)
    # A stretch's dose never grows: every week gets the same one.
    assert choice.dose(stretch, 0) is choice.dose(stretch, 9)
    # A plank grows until its target, then stays there.
    top = steps_to_target(plank)
    assert top is not None
    assert choice.dose(plank, 0) != choice.dose(plank, 1)
    assert choice.dose(plank, top) is choice.dose(plank, top + 5)
    assert choice.dose(plank, top + 5) == prescribe(plank, top + 5)
    assert choice.dose(plank, top, sets=2) == prescribe(plank, top, sets=2)
    assert choice.dose(plank, top, sets=2) != choice.dose(plank, top)


@pytest.mark.parametrize("name", ["beginner_3_days", "back_pain_mild", "back_pain_flare"])
def test_a_runs_care_takes_the_seconds_its_blocks_take(name: str) -> None:
    profile = example(name)
    strength = Strength(profile, load_catalogue())
    day = profile.start_date
    for turn in range(12):
        warm, cool, seconds = strength.run_care(day, turn // 4, turn)
        assert seconds == block_seconds([warm, cool])
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("pain", ["none", "mild", "flare"])
def test_a_variant_chain_gives_what_the_dose_rules_give(pain: str) -> None:
    """Harder variants take over once the dose reaches its target (healthy back); a sore
    back climbs back only to the exercise it came down from; a flare never climbs."""
    cat = load_catalogue()
    profile = RunnerProfile.model_validate({**EXAMPLES["intermediate_5_days"], "back_pain": pain})
    choice = Choice(profile, cat)
    kneeling = cat["kneeling_plank"]
    assert kneeling.harder == "plank"
    need = steps_to_target(kneeling)
    assert need is not None
    found = choice.resolve(kneeling, need - 1, neutral=True)
    assert found is not None and found[0].id == "kneeling_plank"
    after = choice.resolve(kneeling, need + 1, neutral=True)
    assert after is not None
    expected = {"none": "plank", "mild": "kneeling_plank", "flare": "kneeling_plank"}[pain]
    assert after[0].id == expected
    if pain == "none":
        assert after[1] == 1  # the steps left over once on the plank
    # A sore back starts a plank on its kneeling variant, and climbs back by dose.
    start = choice.resolve(cat["plank"], 0, neutral=True)
    assert start is not None
    assert start[0].id == ("plank" if pain == "none" else "kneeling_plank")
