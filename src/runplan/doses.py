"""How much of an exercise: its dose week by week, and the time a list of doses takes.

A dose grows by its catalogue ``progression`` each week that earns a step (cutback weeks
do not) and stops at the target; ``Doses`` remembers each one for a runner's plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .catalogue import Exercise
from .plan import Block, BlockName, Prescription

__all__ = [
    "TRANSITION_SECONDS",
    "Doses",
    "amount_after",
    "block_seconds",
    "growth_weeks",
    "items_seconds",
    "make_block",
    "minutes_of",
    "prescribe",
    "steps_to_target",
]

#: Seconds to get into position between two exercises.
TRANSITION_SECONDS = 20


@lru_cache(maxsize=1024)  # pure; asked for by every session of every week
def growth_weeks(week_index: int, cutback_every: int) -> int:
    """How many dose steps a week has earned: one for each non-cutback week from week 2 on."""
    return sum(1 for w in range(2, week_index + 1) if w % cutback_every != 0)


def steps_to_target(exercise: Exercise) -> int | None:
    """Weekly steps from the starting dose to the progression target; none without one."""
    if exercise.progression is None:
        return None
    return math.ceil(
        (exercise.progression.target - exercise.dose.amount) / exercise.progression.step
    )


def amount_after(exercise: Exercise, steps: int) -> int:
    """The exercise's amount (reps, seconds or minutes) after ``steps`` weekly steps, never
    past its progression target."""
    amount = exercise.dose.amount
    if exercise.progression is not None:
        amount = min(exercise.progression.target, amount + exercise.progression.step * steps)
    return amount


def prescribe(exercise: Exercise, steps: int, *, sets: int | None = None) -> Prescription:
    """The exercise's dose after ``steps`` weekly steps, never past its progression target;
    ``sets`` caps the number of sets (a lighter session). The builder asks through
    ``Doses.dose``, which remembers each one for the plan."""
    dose = exercise.dose
    amount = amount_after(exercise, steps)
    field = "reps" if dose.reps else "hold_seconds" if dose.hold_seconds else "minutes"
    return Prescription.model_validate(
        {
            "exercise": exercise.id,
            "sets": dose.sets if sets is None else min(sets, dose.sets),
            field: amount,
            "per_side": exercise.per_side,
            "rest_seconds": dose.rest_seconds,
        }
    )


def make_block(name: BlockName, items: list[Prescription]) -> Block:
    """A block of ``items`` made by ``prescribe`` (each already valid), kept as given."""
    # Validating a Block runs every item's own checks again, a few thousand times a plan;
    # a block's only fields are its name and these already-valid items.
    return Block.model_construct(name=name, items=items)


def block_seconds(blocks: Sequence[Block]) -> int:
    """The time a list of blocks takes, transitions included."""
    return items_seconds(item for block in blocks for item in block.items)


def items_seconds(items: Iterable[Prescription]) -> int:
    """The time a run of prescriptions takes, transitions included."""
    return sum(item.seconds + TRANSITION_SECONDS for item in items)


def minutes_of(seconds: int) -> int:
    """Seconds rounded up to whole minutes."""
    return math.ceil(seconds / 60)


class Doses:
    """The doses of one runner's plan, each made once: weeks with the same amount share
    one (frozen) prescription."""

    def __init__(self) -> None:
        self._doses: dict[tuple[str, int, int | None], tuple[Exercise, Prescription]] = {}
        self._amounts: dict[tuple[str, int, int | None], tuple[Exercise, Prescription]] = {}

    def dose(self, exercise: Exercise, steps: int, *, sets: int | None = None) -> Prescription:
        """``prescribe(exercise, steps, sets=sets)``, remembered for this runner's plan."""
        # Keyed by id (cheap to hash), and only served for the very exercise it was made
        # from: an exercise of the same id from another catalogue is prescribed afresh.
        key = (exercise.id, steps, sets)
        hit = self._doses.get(key)
        if hit is not None and hit[0] is exercise:
            return hit[1]
        # Weeks with the same amount share one (frozen) prescription: a stretch's dose never
        # changes, and an exercise at its target stays there for the rest of the plan.
        same = (exercise.id, amount_after(exercise, steps), sets)
        hit = self._amounts.get(same)
        if hit is not None and hit[0] is exercise:
            item = hit[1]
        else:
            item = prescribe(exercise, steps, sets=sets)
            self._amounts[same] = (exercise, item)
        self._doses[key] = (exercise, item)
        return item
