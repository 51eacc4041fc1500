"""Which exercises a runner may do now, and at what dose.

The catalogue's own fields decide (pattern, level, equipment, spine, timing and
``avoid_when``), so an exercise a runner adds in their own catalogue is chosen when it
fits. ``strength.py`` and ``core_session.py`` put the chosen exercises into sessions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .catalogue import (
    BackPain,
    Catalogue,
    Category,
    Equipment,
    Exercise,
    Level,
    Muscle,
    Pattern,
    Timing,
)
from .plan import Block, BlockName, Prescription
from .profile import RunnerProfile
from .rules import (
    HAMSTRING_STRETCH,
    HIP_FLEXOR_STRETCH,
    PSOAS_STRETCH,
    WARM_UP_MOVES,
    easier_fit,
    families,
    suits,
)

__all__ = [
    "AFTER_RUN",
    "LONGEST_ITEM_SECONDS",
    "MAIN_PATTERNS",
    "NOT_BEFORE_RUN",
    "STRETCH_PATTERNS",
    "TRANSITION_SECONDS",
    "WARMING",
    "Choice",
    "amount_after",
    "block_seconds",
    "covers",
    "growth_weeks",
    "is_main",
    "make_block",
    "minutes_of",
    "prescribe",
    "required_exercises",
    "rotate",
    "steps_to_target",
]

#: Seconds to get into position between two exercises.
TRANSITION_SECONDS = 20
#: The patterns of a core session's main block; every session mixes several of them.
MAIN_PATTERNS = (
    Pattern.ANTI_EXTENSION,
    Pattern.LATERAL,
    Pattern.HIP_EXTENSION,
    Pattern.ANTI_ROTATION,
    Pattern.HIP_ABDUCTION,
    Pattern.SINGLE_LEG,
    Pattern.TRUNK_FLEXION,
    Pattern.BACK_EXTENSION,
)
#: Exercises of these categories without a pattern join the main rotation too.
STRENGTH_CATEGORIES = frozenset(
    {Category.CORE, Category.STRENGTH, Category.BALANCE, Category.ACTIVATION}
)
#: Patterns whose exercises are stretches for cool-downs and mobility sessions.
STRETCH_PATTERNS = frozenset({Pattern.COOL_DOWN, Pattern.MOBILITY})
#: No single item in a core or mobility session takes longer than this.
LONGEST_ITEM_SECONDS = 6 * 60
#: Timings allowed after a run (cool-downs, mobility), in a warm-up, and in a core session
#: (which never comes before a run that day).
AFTER_RUN = (Timing.ANY, Timing.POST_RUN)
WARMING = (Timing.ANY, Timing.PRE_RUN)
NOT_BEFORE_RUN = (Timing.ANY, Timing.POST_RUN, Timing.NOT_PRE_RUN)
#: Advanced runners start this many weekly dose steps in: where they already are.
HEAD_START_STEPS = {Level.BEGINNER: 0, Level.INTERMEDIATE: 0, Level.ADVANCED: 4}


def required_exercises() -> set[str]:
    """The exercise ids the rules name, which a plan cannot do without."""
    return {*WARM_UP_MOVES, HAMSTRING_STRETCH, HIP_FLEXOR_STRETCH, PSOAS_STRETCH}


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
    ``Choice.dose``, which remembers each one for the plan."""
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


def is_main(exercise: Exercise) -> bool:
    """True for strength work a core session's main block is made of."""
    if exercise.pattern is None:
        return exercise.category in STRENGTH_CATEGORIES
    return exercise.pattern in MAIN_PATTERNS


def covers(exercise: Exercise, muscle: Muscle, *, primary: bool) -> bool:
    """True when ``exercise`` works ``muscle`` (as a primary muscle only, with ``primary``)."""
    muscles = exercise.muscles
    return muscle in muscles.primary or (not primary and muscle in muscles.secondary)


def rotate(items: Sequence[Exercise], turn: int) -> list[Exercise]:
    """``items`` starting at position ``turn`` (modulo their number) and wrapping round."""
    if not items:
        return []
    k = turn % len(items)
    return [*items[k:], *items[:k]]


class Choice:
    """What one runner may do: their equipment, their level (beginner while the back
    flares) and their back, applied to every exercise of the catalogue."""

    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, *, pain: BackPain | None = None
    ) -> None:
        self.profile = profile
        self.catalogue = catalogue
        self.pain = profile.back_pain if pain is None else pain
        # A flaring back gets the gentlest work: beginner exercises only.
        self.level = Level.BEGINNER if self.pain is BackPain.FLARE else profile.level
        self.have = set(profile.equipment) | {Equipment.NONE}
        self.head_start = HEAD_START_STEPS[profile.level]
        #: Each exercise's family (its easier and harder variants): one a session.
        self.family = families(catalogue)
        # Both depend only on what is fixed above, and the builder asks thousands of times.
        self._allowed: dict[tuple[str, bool], bool] = {}
        self._pools: dict[int, list[tuple[Exercise, int]]] = {}
        self._options: dict[tuple[frozenset[Pattern], frozenset[Timing], bool], list[Exercise]] = {}
        self._doses: dict[tuple[str, int, int | None], tuple[Exercise, Prescription]] = {}
        self._mains: list[Exercise] | None = None
        self._chains: dict[
            tuple[str, bool], tuple[Exercise, list[tuple[Exercise, int | None]] | None]
        ] = {}
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

    def fits(self, exercise: Exercise, *, neutral: bool) -> bool:
        """True when this runner could do ``exercise``: equipment they have, their level or
        below, not left out for their back, and spine-neutral (``neutral``) while the back
        hurts."""
        return suits(exercise, have=self.have, level=self.level, pain=self.pain, neutral=neutral)

    def allowed(self, exercise: Exercise, *, neutral: bool) -> bool:
        """True when this runner may do ``exercise`` now: it fits them and, while the back
        hurts, it has no ``easier`` variant that fits them too (that one comes first)."""
        key = (exercise.id, neutral)
        if key not in self._allowed:
            self._allowed[key] = self._is_allowed(exercise, neutral=neutral)
        return self._allowed[key]

    def _is_allowed(self, exercise: Exercise, *, neutral: bool) -> bool:
        if not self.fits(exercise, neutral=neutral):
            return False
        if self.pain is BackPain.NONE:
            return True
        easier = easier_fit(
            exercise, self.catalogue, have=self.have, level=self.level, pain=self.pain
        )
        return easier is None

    def resolve(
        self, exercise: Exercise, steps: int, *, neutral: bool
    ) -> tuple[Exercise, int] | None:
        """The variant of ``exercise`` to do after ``steps`` weekly steps, with its own steps.

        Not allowed (or, while the back hurts, with an easier variant that fits): its
        ``easier`` variants are tried in turn. Then the dose grows, and once it has reached
        its progression target a ``harder`` variant takes over:

        - healthy back: any harder variant the runner may do;
        - mild pain: only back up to the exercise it came down from. A back that is sore
          after runs (not during them) starts on the easier variant and returns to the full
          one by dose, as the coaching reference progresses any exercise: the kneeling
          plank takes 5 steps (about 6 weeks) to reach 40 s before the plank comes back;
        - flare: never; the easier variant stays for the whole plan (rule ``easier_first``).
        """
        key = (exercise.id, neutral)
        if key not in self._chains or self._chains[key][0] is not exercise:
            self._chains[key] = (exercise, self._chain(exercise, neutral=neutral))
        chain = self._chains[key][1]
        if chain is None:
            return None
        steps += self.head_start
        for variant, need in chain:
            if need is None or steps < need:
                return variant, steps
            steps -= need
        raise AssertionError("a chain ends with a variant that stays")  # pragma: no cover

    def _chain(
        self, exercise: Exercise, *, neutral: bool
    ) -> list[tuple[Exercise, int | None]] | None:
        """The variants ``resolve`` walks through for ``exercise``, each with the weekly
        steps that lead on to the next (none for the last); none when no variant is
        allowed. The same for every week, so worked out once."""
        down: list[str] = []
        current = exercise
        while not self.allowed(current, neutral=neutral):
            link = current.easier
            if link is None or link in down or link == exercise.id or link not in self.catalogue:
                return None
            down.append(current.id)
            current = self.catalogue[link]
        seen = {exercise.id, *down, current.id}
        chain: list[tuple[Exercise, int | None]] = []
        while self.pain is not BackPain.FLARE:
            need = steps_to_target(current)
            harder = self.catalogue.get(current.harder) if current.harder else None
            if need is None or harder is None:
                break
            if self.pain is BackPain.NONE:
                if harder.id in seen or not self.allowed(harder, neutral=neutral):
                    break
                seen.add(harder.id)
            elif harder.id in down and self.fits(harder, neutral=neutral):
                down.remove(harder.id)
            else:
                break
            chain.append((current, need))
            current = harder
        chain.append((current, None))
        return chain

    def main_pool(self, steps: int) -> list[tuple[Exercise, int]]:
        """Every main exercise this runner can do this week, each once, with its steps; while
        the back hurts, not an easier variant once its harder one has come back."""
        if steps not in self._pools:
            self._pools[steps] = self._main_pool(steps)
        return list(self._pools[steps])

    def _main_pool(self, steps: int) -> list[tuple[Exercise, int]]:
        best: dict[str, tuple[Exercise, int]] = {}
        if self._mains is None:
            self._mains = [e for e in self.catalogue.values() if is_main(e)]
        for exercise in self._mains:
            found = self.resolve(exercise, steps, neutral=True)
            if found is None:
                continue
            variant, own = found
            if not is_main(variant) or variant.timing is Timing.PRE_RUN:
                continue
            if self.dose(variant, own).seconds > LONGEST_ITEM_SECONDS:
                continue
            if variant.id not in best or own > best[variant.id][1]:
                best[variant.id] = (variant, own)
        if self.pain is not BackPain.NONE:
            # Back on the full variant after the easier one: the easier one leaves the pool.
            back = {e.easier for e, _ in best.values() if e.easier is not None}
            return [(e, own) for e, own in best.values() if e.id not in back]
        if self.level is not Level.BEGINNER:
            # Past beginner, a runner does not regress without a reason: where the harder
            # variant is in the pool, the easier one leaves it when it is only a regression
            # (a kneeling plank, at the plank's level); an advanced runner is past them all.
            def regression(e: Exercise) -> bool:
                harder = best.get(e.harder) if e.harder else None
                if harder is None:
                    return False
                return self.level is Level.ADVANCED or harder[0].level.rank <= e.level.rank

            return [(e, own) for e, own in best.values() if not regression(e)]
        return list(best.values())

    def options(
        self,
        patterns: Iterable[Pattern],
        timings: Iterable[Timing],
        *,
        neutral: bool,
        used: set[str],
    ) -> list[Exercise]:
        """Exercises of ``patterns`` this runner may do now, at ``timings``, not in ``used``."""
        key = (frozenset(patterns), frozenset(timings), neutral)
        if key not in self._options:
            wanted, at = key[0], key[1]
            self._options[key] = [
                e
                for e in self.catalogue.values()
                if e.pattern in wanted
                and e.timing in at
                and self.allowed(e, neutral=neutral)
                and self.dose(e, 0).seconds <= LONGEST_ITEM_SECONDS
            ]
        return [e for e in self._options[key] if e.id not in used]
