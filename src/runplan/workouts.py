"""What goes inside a session: warm-ups, cool-downs, core and mobility routines, with
doses that grow week by week. The scheduler decides when; this module decides what."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .catalogue import Catalogue, Equipment, Exercise, Spine
from .plan import Block, BlockName, Prescription
from .profile import BackPain, RunnerProfile
from .rules import CORE_MINUTES

__all__ = [
    "CORE_SLOTS",
    "Workouts",
    "block_seconds",
    "growth_weeks",
    "minutes_of",
    "prescribe",
    "required_exercises",
]

#: Seconds to get into position between two exercises.
TRANSITION_SECONDS = 20

#: The dynamic warm-up before every run, ending with the hamstring stretch.
RUN_WARM_UP = (
    "leg_swings",
    "hip_circles",
    "torso_twists",
    "ankle_foot_warm_up",
    "standing_hamstring_stretch",
)
#: Cool-down after every run: calves, hamstrings, a back stretch (rotating), the hip-flexor hold.
RUN_COOL_DOWN = ("calf_stretch", "seated_hamstring_stretch", None, "hip_flexor_stretch")
BACK_STRETCHES = ("knee_to_chest_stretch", "childs_pose", "lower_back_rotational_stretch")
#: A few easy moves to start a core session.
CORE_WARM_UP = ("cat_stretch", "pelvic_tilt")
#: Each core session covers every slot (the ball slot only with an exercise ball); the
#: exercise for a slot rotates through its list across sessions and weeks.
CORE_SLOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("anti-extension", ("plank", "dead_bug")),
    ("lateral", ("side_plank", "lying_lateral_leg_lift")),
    ("hip extension", ("glute_bridge", "hip_thrust")),
    ("single-leg balance", ("single_leg_t_balance", "single_leg_t_balance_medicine_ball")),
    ("ball", ("ball_pike",)),
)
#: Extra core work that fills a session up to its length, in rotation.
CORE_EXTRAS = (
    "bicycle_crunch",
    "leg_lowers",
    "bird_dog",
    "spiderman_plank",
    "banded_glute_activation",
    "superman",
    "draw_in_maneuver",
)
#: The short mobility routine for days without a run.
MOBILITY = (
    "psoas_stretch",
    "cat_stretch",
    "knee_to_chest_stretch",
    "lower_back_rotational_stretch",
    "pigeon_pose",
    "butterfly_stretch",
    "foam_rolling",
)
#: A core session is filled with extras until it reaches about this many seconds.
CORE_FILL_SECONDS = 19 * 60


def required_exercises() -> set[str]:
    """The exercise ids a plan cannot do without."""
    return {*RUN_WARM_UP, "calf_stretch", "seated_hamstring_stretch", "hip_flexor_stretch",
            "knee_to_chest_stretch", "psoas_stretch", "plank", "side_plank", "glute_bridge",
            "single_leg_t_balance"}  # fmt: skip


def growth_weeks(week_index: int, cutback_every: int) -> int:
    """How many dose steps a week has earned: one for each non-cutback week from week 2 on."""
    return sum(1 for w in range(2, week_index + 1) if w % cutback_every != 0)


def prescribe(exercise: Exercise, steps: int) -> Prescription:
    """The exercise's dose after ``steps`` weekly steps, never past its progression target."""
    dose = exercise.dose
    amount = dose.amount
    if exercise.progression is not None:
        amount = min(exercise.progression.target, amount + exercise.progression.step * steps)
    field = "reps" if dose.reps else "hold_seconds" if dose.hold_seconds else "minutes"
    return Prescription.model_validate(
        {
            "exercise": exercise.id,
            "sets": dose.sets,
            field: amount,
            "per_side": exercise.per_side,
            "rest_seconds": dose.rest_seconds,
        }
    )


def block_seconds(blocks: Sequence[Block]) -> int:
    """The time a list of blocks takes, transitions included."""
    return sum(item.seconds + TRANSITION_SECONDS for block in blocks for item in block.items)


def minutes_of(seconds: int) -> int:
    """Seconds rounded up to whole minutes."""
    return math.ceil(seconds / 60)


class Workouts:
    """Chooses and doses the exercises of one runner's sessions.

    It picks exercises the runner can do (equipment they have, a level they can manage,
    only spine-neutral core work during a flare) and remembers its choices and
    prescriptions, which repeat across the weeks of a plan.
    """

    def __init__(self, profile: RunnerProfile, catalogue: Catalogue) -> None:
        self.profile = profile
        self.catalogue = catalogue
        self.have = set(profile.equipment) | {Equipment.NONE}
        self._choices: dict[tuple[tuple[str, ...], bool], list[Exercise]] = {}
        self._doses: dict[tuple[str, int], Prescription] = {}

    def usable(self, exercise_id: str, *, strict_spine: bool = False) -> Exercise | None:
        """The exercise if this runner can do it, else None."""
        exercise = self.catalogue.get(exercise_id)
        if exercise is None or not exercise.needs() <= self.have:
            return None
        if exercise.level.rank > self.profile.level.rank + 1:
            return None
        flare = self.profile.back_pain is BackPain.FLARE
        if strict_spine and flare and exercise.spine is not Spine.NEUTRAL:
            return None
        return exercise

    def choices(self, ids: tuple[str, ...], *, strict_spine: bool = False) -> list[Exercise]:
        """The usable exercises among ``ids``, in order."""
        key = (ids, strict_spine)
        if key not in self._choices:
            found = (self.usable(i, strict_spine=strict_spine) for i in ids)
            self._choices[key] = [e for e in found if e is not None]
        return self._choices[key]

    def dose(self, exercise: Exercise, steps: int) -> Prescription:
        """:func:`prescribe`, remembered."""
        key = (exercise.id, steps)
        if key not in self._doses:
            self._doses[key] = prescribe(exercise, steps)
        return self._doses[key]

    def warm_up(self, steps: int) -> Block:
        """The dynamic warm-up and hamstring stretch that precede every run."""
        return Block(
            name=BlockName.WARM_UP, items=[self.dose(e, steps) for e in self.choices(RUN_WARM_UP)]
        )

    def cool_down(self, steps: int, turn: int) -> Block:
        """Static stretches after every run; the back stretch rotates with ``turn``."""
        backs = self.choices(BACK_STRETCHES)
        items = []
        for exercise_id in RUN_COOL_DOWN:
            if exercise_id is None:
                if backs:
                    items.append(self.dose(backs[turn % len(backs)], steps))
            elif (exercise := self.usable(exercise_id)) is not None:
                items.append(self.dose(exercise, steps))
        return Block(name=BlockName.COOL_DOWN, items=items)

    def core(self, steps: int, turn: int) -> list[Block]:
        """A 15-25 minute core session: a short warm-up, then one exercise per slot, filled
        up with extras in rotation. ``turn`` counts core sessions so variety rotates."""
        warm = Block(
            name=BlockName.WARM_UP, items=[self.dose(e, steps) for e in self.choices(CORE_WARM_UP)]
        )
        main: list[Exercise] = []
        for _, ids in CORE_SLOTS:
            options = self.choices(ids, strict_spine=True)
            if options:
                main.append(options[turn % len(options)])
        extras = self.choices(CORE_EXTRAS, strict_spine=True)
        limit = CORE_MINUTES[1] * 60 - 60
        total = block_seconds([warm]) + sum(
            self.dose(e, steps).seconds + TRANSITION_SECONDS for e in main
        )
        for k in range(len(extras)):
            if total >= CORE_FILL_SECONDS:
                break
            extra = extras[(turn + k) % len(extras)]
            cost = self.dose(extra, steps).seconds + TRANSITION_SECONDS
            if extra not in main and total + cost <= limit:
                main.append(extra)
                total += cost
        if self.profile.back_pain is not BackPain.NONE:
            main.sort(key=lambda e: e.spine is not Spine.NEUTRAL)  # stable: neutral work first
        return [warm, Block(name=BlockName.MAIN, items=[self.dose(e, steps) for e in main])]

    def mobility(self, steps: int) -> list[Block]:
        """The short mobility routine: psoas, cat, knee-to-chest, rotation, pigeon, butterfly."""
        return [
            Block(name=BlockName.MAIN, items=[self.dose(e, steps) for e in self.choices(MOBILITY)])
        ]
