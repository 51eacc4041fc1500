"""Which exercises a runner may do now, and which variant (doses: ``doses.py``).

The catalogue's own fields decide (pattern, level, equipment, spine, timing and
``avoid_when``), so an exercise a runner adds in their own catalogue is chosen when it
fits. ``strength.py`` and ``core_session.py`` put the chosen exercises into sessions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .catalogue import (
    BackPain,
    Catalogue,
    Category,
    Equipment,
    Exercise,
    Level,
    Pattern,
    Timing,
)
from .doses import Doses, prescribe, steps_to_target
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
    "WARMING",
    "WARM_UP_ITEM_SECONDS",
    "Choice",
    "is_main",
    "required_exercises",
    "rotate",
    "same_stretch",
]

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
#: A warm-up move, before a run or in a core session, is short: at most this many seconds.
WARM_UP_ITEM_SECONDS = 90
#: More weekly steps than any dose needs to reach its progression target.
PAST_ANY_TARGET = 10_000
#: Timings allowed after a run (cool-downs, mobility), in a warm-up, and in a core session
#: (which never comes before a run that day).
AFTER_RUN = (Timing.ANY, Timing.POST_RUN)
WARMING = (Timing.ANY, Timing.PRE_RUN)
NOT_BEFORE_RUN = (Timing.ANY, Timing.POST_RUN, Timing.NOT_PRE_RUN)
#: Advanced runners start this many weekly dose steps in: where they already are (not
#: in a flare, whose work starts from the first dose).
HEAD_START_STEPS = {Level.BEGINNER: 0, Level.INTERMEDIATE: 0, Level.ADVANCED: 4}


def required_exercises() -> set[str]:
    """The exercise ids the rules name, which a plan cannot do without."""
    return {*WARM_UP_MOVES, HAMSTRING_STRETCH, HIP_FLEXOR_STRETCH, PSOAS_STRETCH}


def is_main(exercise: Exercise) -> bool:
    """True for strength work a core session's main block is made of."""
    if exercise.pattern is None:
        return exercise.category in STRENGTH_CATEGORIES
    return exercise.pattern in MAIN_PATTERNS


def same_stretch(one: Exercise, other: Exercise) -> bool:
    """True when two stretches are one family: each one's main muscle is worked by the
    other (the psoas stretch and the kneeling hip-flexor stretch, both a kneeling lunge)."""

    def worked(e: Exercise) -> set[object]:
        return {*e.muscles.primary, *e.muscles.secondary}

    return bool(set(one.muscles.primary) & worked(other)) and bool(
        set(other.muscles.primary) & worked(one)
    )


def rotate(items: Sequence[Exercise], turn: int) -> list[Exercise]:
    """``items`` starting at position ``turn`` (modulo their number) and wrapping round."""
    if not items:
        return []
    k = turn % len(items)
    return [*items[k:], *items[:k]]


class Choice(Doses):
    """What one runner may do: their equipment, their level (beginner while the back
    flares) and their back, applied to every exercise of the catalogue."""

    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, *, pain: BackPain | None = None
    ) -> None:
        super().__init__()
        self.profile = profile
        self.catalogue = catalogue
        self.pain = profile.back_pain if pain is None else pain
        # A flaring back gets the gentlest work: beginner exercises only.
        self.level = Level.BEGINNER if self.pain is BackPain.FLARE else profile.level
        self.have = set(profile.equipment) | {Equipment.NONE}
        # ... and every exercise from its first dose, whatever the runner's level.
        self.head_start = HEAD_START_STEPS[self.level]
        #: Each exercise's family (its easier and harder variants): one a session.
        self.family = families(catalogue)
        # Both depend only on what is fixed above, and the builder asks thousands of times.
        self._allowed: dict[tuple[str, bool], bool] = {}
        self._pools: dict[int, list[tuple[Exercise, int]]] = {}
        self._options: dict[tuple[frozenset[Pattern], frozenset[Timing], bool], list[Exercise]] = {}
        self._mains: list[Exercise] | None = None
        self._short: dict[str, tuple[Exercise, bool]] = {}
        self._chains: dict[
            tuple[str, bool], tuple[Exercise, list[tuple[Exercise, int | None]] | None]
        ] = {}

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
            self._chains[key] = (exercise, variant_chain(self, exercise, neutral=neutral))
        chain = self._chains[key][1]
        if chain is None:
            return None
        steps += self.head_start
        for variant, need in chain:
            if need is None or steps < need:
                return variant, steps
            steps -= need
        raise AssertionError("a chain ends with a variant that stays")  # pragma: no cover

    def short_enough(self, exercise: Exercise, steps: int) -> bool:
        """True when the exercise's dose after ``steps`` weekly steps takes at most
        ``LONGEST_ITEM_SECONDS``."""
        # A dose only grows with its steps: most exercises are short even at their target,
        # and so in every week of the plan.
        known = self._short.get(exercise.id)
        if known is None or known[0] is not exercise:
            at_target = prescribe(exercise, PAST_ANY_TARGET).seconds
            known = self._short[exercise.id] = (exercise, at_target <= LONGEST_ITEM_SECONDS)
        return known[1] or self.dose(exercise, steps).seconds <= LONGEST_ITEM_SECONDS

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
            if not self.short_enough(variant, own):
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


def variant_chain(
    choice: Choice, exercise: Exercise, *, neutral: bool
) -> list[tuple[Exercise, int | None]] | None:
    """The variants ``Choice.resolve`` walks through for ``exercise``, each with the weekly
    steps that lead on to the next (none for the last); none when no variant is
    allowed. The same for every week, so worked out once."""
    down: list[str] = []
    current = exercise
    while not choice.allowed(current, neutral=neutral):
        link = current.easier
        if link is None or link in down or link == exercise.id or link not in choice.catalogue:
            return None
        down.append(current.id)
        current = choice.catalogue[link]
    seen = {exercise.id, *down, current.id}
    chain: list[tuple[Exercise, int | None]] = []
    while choice.pain is not BackPain.FLARE:
        need = steps_to_target(current)
        harder = choice.catalogue.get(current.harder) if current.harder else None
        if need is None or harder is None:
            break
        if choice.pain is BackPain.NONE:
            if harder.id in seen or not choice.allowed(harder, neutral=neutral):
                break
            seen.add(harder.id)
        elif harder.id in down and choice.fits(harder, neutral=neutral):
            down.remove(harder.id)
        else:
            break
        chain.append((current, need))
        current = harder
    chain.append((current, None))
    return chain
