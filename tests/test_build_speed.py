"""The builder's shortcuts (remembered doses, blocks built without validating them again)
give the same plan as the validated models would."""

from __future__ import annotations

import pytest

from runplan import Plan, build_plan, load_catalogue
from runplan.plan import Block, RunSpec
from runplan.strength_choice import Choice, prescribe

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
