"""What a catalogue must hold so that plans built from it keep the training rules.

``load_catalogue`` calls ``check_catalogue`` on every catalogue it returns, so a user's
file that would make the builder break a rule is refused with one sentence naming the
file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterable

from .catalogue import Catalogue, Category, Exercise, Level, Muscle, Pattern
from .errors import CatalogueError
from .profile import CrossTraining
from .rules import (
    COOL_DOWN_MUSCLES,
    HAMSTRING_STRETCH,
    HIP_FLEXOR_HOLD_SECONDS,
    HIP_FLEXOR_STRETCH,
    PSOAS_STRETCH,
    WARM_UP_MOVES,
    covers,
)
from .strength_choice import AFTER_RUN, WARMING, required_exercises

__all__ = ["check_catalogue"]


def check_catalogue(catalogue: Catalogue) -> None:
    """Refuse a catalogue that would make plans break a training rule.

    The exercises the rules name must suit every runner (no equipment, beginner level,
    never left out for a sore back) and keep their role (the hip-flexor hold within 60 to
    120 s, cross-training ids as cross training); every runner needs a cool-down stretch for
    the calves, the hamstrings and the back; warm-up and cool-down patterns need a timing
    that fits them.

    Raises:
        CatalogueError: one sentence naming the file, the entry and the field.
    """
    for problem in _catalogue_problems(catalogue):
        exercise, field, why = problem
        where = catalogue.origin(exercise.id)
        place = f" in {where}" if where is not None else ""
        raise CatalogueError(f"Exercise '{exercise.id}'{place} has {field} {why}.")
    for label, muscle, primary in COOL_DOWN_MUSCLES:
        if not any(
            e.pattern is Pattern.COOL_DOWN
            and covers(e, muscle, primary=primary)
            and _suits_everyone(e)
            and e.timing in AFTER_RUN
            and e.dose.hold_seconds is not None
            for e in catalogue.values()
        ):
            if not any(e.pattern is Pattern.COOL_DOWN for e in catalogue.values()):
                return  # a partial catalogue (builtin=False) is checked when a plan is built
            files = sorted({str(p) for i in catalogue if (p := catalogue.origin(i)) is not None})
            raise CatalogueError(
                f"The catalogue ({', '.join(files) or 'in code'}) leaves no cool-down stretch "
                f"for the {label} that every runner can do: one needs pattern cool_down, level "
                "beginner, equipment [none], no avoid_when and a hold_seconds dose."
            )


def _suits_everyone(exercise: Exercise) -> bool:
    return not exercise.needs() and exercise.level is Level.BEGINNER and not exercise.avoid_when


def _catalogue_problems(catalogue: Catalogue) -> Iterable[tuple[Exercise, str, str]]:
    """(exercise, field, what is wrong) for every entry that would break a rule."""
    named = required_exercises()
    for exercise in catalogue.values():
        if exercise.id in named:
            if exercise.needs():
                yield exercise, "equipment", "set, but every plan uses it, so it must be [none]"
            if exercise.level is not Level.BEGINNER:
                yield (
                    exercise,
                    "level",
                    f"'{exercise.level.value}', but every plan uses it, so it must be beginner",
                )
            if exercise.avoid_when:
                yield exercise, "avoid_when", "set, but every plan uses it, so it must be empty"
        if (
            exercise.id in {c.value for c in CrossTraining}
            and exercise.category is not Category.CROSS_TRAINING
        ):
            yield (
                exercise,
                "category",
                f"'{exercise.category.value}', but plans swap it for runs, "
                "so it must be cross_training",
            )
        warming = (
            exercise.id in {*WARM_UP_MOVES, HAMSTRING_STRETCH}
            or exercise.pattern is Pattern.WARM_UP
        )
        if warming and exercise.timing not in WARMING:
            yield (
                exercise,
                "timing",
                f"'{exercise.timing.value}', but it warms up for a run, "
                "so it must be any or pre_run",
            )
        cooling = (
            exercise.id in {HIP_FLEXOR_STRETCH, PSOAS_STRETCH}
            or exercise.pattern is Pattern.COOL_DOWN
        )
        if cooling and exercise.timing not in AFTER_RUN:
            yield (
                exercise,
                "timing",
                f"'{exercise.timing.value}', but it follows runs, so it must be any or post_run",
            )
        if exercise.id == HAMSTRING_STRETCH and not (
            exercise.category is Category.STRETCH and Muscle.HAMSTRINGS in exercise.muscles.primary
        ):
            yield (
                exercise,
                "category or muscles",
                "that do not make it a hamstring stretch (category stretch, primary hamstrings)",
            )
        if exercise.id in {HIP_FLEXOR_STRETCH, PSOAS_STRETCH}:
            yield from _hold_problems(exercise)


def _hold_problems(exercise: Exercise) -> Iterable[tuple[Exercise, str, str]]:
    muscle = Muscle.PSOAS if exercise.id == PSOAS_STRETCH else Muscle.HIP_FLEXORS
    if muscle not in exercise.muscles.primary and Muscle.PSOAS not in exercise.muscles.primary:
        yield (
            exercise,
            "muscles",
            f"without {muscle.value} as primary, but the rules count it as that stretch",
        )
    hold = exercise.dose.hold_seconds
    if hold is None:
        yield exercise, "dose", "without hold_seconds, but the rules count it as a held stretch"
    elif exercise.id == HIP_FLEXOR_STRETCH:
        low, high = HIP_FLEXOR_HOLD_SECONDS
        top = exercise.progression.target if exercise.progression else hold
        if not low <= hold <= top <= high:
            yield (
                exercise,
                "dose",
                f"holds of {hold} to {top} s, but the post-run hold must stay "
                f"within {low}-{high} s",
            )
