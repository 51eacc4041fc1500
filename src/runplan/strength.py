"""What goes inside strength and stretching work: run warm-ups and cool-downs, core and
mobility sessions, with doses that grow week by week. The scheduler decides when; this
module decides what.

Exercises are chosen by the catalogue's own fields (pattern, level, equipment, spine,
timing and ``avoid_when``), so an exercise a runner adds in their own catalogue is
scheduled when it fits. The only ids written here are those the rules name: the warm-up
moves and hamstring stretch before a run, the hip-flexor and psoas stretches.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from .catalogue import (
    BackPain,
    Catalogue,
    Category,
    Equipment,
    Exercise,
    Level,
    Muscle,
    Pattern,
    Spine,
    Timing,
)
from .plan import Block, BlockName, Prescription, Session, SessionKind
from .profile import RunnerProfile
from .rules import (
    CORE_MINUTES,
    HAMSTRING_STRETCH,
    HIP_FLEXOR_STRETCH,
    PSOAS_STRETCH,
    RACE_WEEK_CORE_MINUTES,
    VARIETY_MIN_SESSIONS,
    VARIETY_SHARE,
    WARM_UP_MOVES,
)

__all__ = [
    "MAIN_PATTERNS",
    "Strength",
    "block_seconds",
    "growth_weeks",
    "is_main",
    "minutes_of",
    "prescribe",
    "required_exercises",
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
#: A core session holds at most this share of the main exercises the runner can do, so
#: each one comes round in about half the sessions (the variety rule allows 60 %).
MAIN_SHARE = 0.5
#: ... and at most this many main exercises.
MAX_MAIN = 6
#: A race-week core session holds at most this many main exercises, of at most 2 sets.
LIGHT_MAIN, LIGHT_SETS = 3, 2
#: Choosing a second exercise of a pattern already in the session costs this many uses.
PATTERN_REPEAT_COST = 2
#: A set is added to reach the shortest session only up to this many sets.
MAX_SETS = 6
#: A core session is filled with stretches until it lasts about this many seconds.
CORE_TARGET_SECONDS = 19 * 60
#: Easy moves that open a core session; stretches in a mobility session besides the psoas.
CORE_WARM_UP_ITEMS, MOBILITY_ITEMS = 2, 4
#: A core warm-up move is short: at most this many seconds.
WARM_UP_ITEM_SECONDS = 90
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


def prescribe(exercise: Exercise, steps: int, *, sets: int | None = None) -> Prescription:
    """The exercise's dose after ``steps`` weekly steps, never past its progression target;
    ``sets`` caps the number of sets (a lighter session)."""
    dose = exercise.dose
    amount = dose.amount
    if exercise.progression is not None:
        amount = min(exercise.progression.target, amount + exercise.progression.step * steps)
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


def block_seconds(blocks: Sequence[Block]) -> int:
    """The time a list of blocks takes, transitions included."""
    return sum(item.seconds + TRANSITION_SECONDS for block in blocks for item in block.items)


def minutes_of(seconds: int) -> int:
    """Seconds rounded up to whole minutes."""
    return math.ceil(seconds / 60)


def is_main(exercise: Exercise) -> bool:
    """True for strength work a core session's main block is made of."""
    if exercise.pattern is None:
        return exercise.category in STRENGTH_CATEGORIES
    return exercise.pattern in MAIN_PATTERNS


def _covers(exercise: Exercise, muscle: Muscle, *, primary: bool) -> bool:
    muscles = exercise.muscles
    return muscle in muscles.primary or (not primary and muscle in muscles.secondary)


def _rotate(items: Sequence[Exercise], turn: int) -> list[Exercise]:
    if not items:
        return []
    k = turn % len(items)
    return [*items[k:], *items[:k]]


class Strength:
    """Chooses and doses the strength and stretching work of one runner's plan.

    It keeps what each day already holds (nothing is done twice in a day) and how often
    each main exercise has been in a core session (the least used comes first), so the
    sessions it returns depend on the order they are asked for: the scheduler asks day by
    day, which keeps plans deterministic.
    """

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
        self.used: dict[dt.date, set[str]] = {}
        self.main_count: Counter[str] = Counter()
        #: How many core sessions the whole plan holds (the scheduler sets it), so that no
        #: main exercise goes past the variety rule's share.
        self.core_total = 0
        #: How many core sessions have been filled so far.
        self.core_done = 0
        #: Weekly steps each main exercise had earned before the runner first did it.
        self.started: dict[str, int] = {}

    # ------------------------------------------------------------------ choosing

    def allowed(self, exercise: Exercise, *, neutral: bool) -> bool:
        """True when this runner may do ``exercise`` now: equipment they have, their level
        or below, not left out for their back, and spine-neutral (``neutral``) while the back
        hurts."""
        if not exercise.needs() <= self.have or exercise.level.rank > self.level.rank:
            return False
        if self.pain in exercise.avoid_when:
            return False
        return not (
            neutral and self.pain is not BackPain.NONE and exercise.spine is not Spine.NEUTRAL
        )

    def resolve(
        self, exercise: Exercise, steps: int, *, neutral: bool
    ) -> tuple[Exercise, int] | None:
        """The variant of ``exercise`` to do after ``steps`` weekly steps, with its own steps.

        Not allowed: its ``easier`` variants are tried in turn. With a healthy back, a
        ``harder`` variant takes over once the dose has reached its progression target.
        """
        seen = {exercise.id}
        current = exercise
        while not self.allowed(current, neutral=neutral):
            link = current.easier
            if link is None or link in seen or link not in self.catalogue:
                return None
            current = self.catalogue[link]
            seen.add(link)
        steps += self.head_start
        while self.pain is BackPain.NONE:
            need = steps_to_target(current)
            harder = self.catalogue.get(current.harder) if current.harder else None
            if need is None or harder is None or steps < need or harder.id in seen:
                break
            if not self.allowed(harder, neutral=neutral):
                break
            steps -= need
            current = harder
            seen.add(harder.id)
        return current, steps

    def main_pool(self, steps: int) -> list[tuple[Exercise, int]]:
        """Every main exercise this runner can do this week, each once, with its steps."""
        best: dict[str, tuple[Exercise, int]] = {}
        for exercise in self.catalogue.values():
            if not is_main(exercise):
                continue
            found = self.resolve(exercise, steps, neutral=True)
            if found is None:
                continue
            variant, own = found
            if not is_main(variant) or variant.timing is Timing.PRE_RUN:
                continue
            if prescribe(variant, own).seconds > LONGEST_ITEM_SECONDS:
                continue
            if variant.id not in best or own > best[variant.id][1]:
                best[variant.id] = (variant, own)
        return list(best.values())

    def _options(
        self, patterns: Iterable[Pattern], timings: Iterable[Timing], *, neutral: bool, day: dt.date
    ) -> list[Exercise]:
        """Exercises of ``patterns`` this runner may do now, at ``timings``, not yet done today."""
        wanted = frozenset(patterns)
        used = self.used.get(day, set())
        return [
            e
            for e in self.catalogue.values()
            if e.pattern in wanted
            and e.id not in used
            and e.timing in frozenset(timings)
            and self.allowed(e, neutral=neutral)
            and prescribe(e, 0).seconds <= LONGEST_ITEM_SECONDS
        ]

    def _use(self, day: dt.date, items: Iterable[Prescription]) -> None:
        self.used.setdefault(day, set()).update(p.exercise for p in items)

    def remember(self, session: Session, steps: int) -> None:
        """Count a session already in the plan, done in a week worth ``steps`` dose steps
        (a re-plan keeps the past as it was and carries on from it)."""
        self._use(session.date, (p for _, p in session.prescriptions()))
        if session.kind is not SessionKind.CORE:
            return
        self.core_done += 1
        earned = {e.id: own for e, own in self.main_pool(steps)}
        for name, item in session.prescriptions():
            exercise = self.catalogue.get(item.exercise)
            if name is not BlockName.MAIN or exercise is None:
                continue
            self.main_count[item.exercise] += 1
            done = 0
            if exercise.progression is not None:
                done = (item.amount - exercise.dose.amount) // exercise.progression.step
            own = earned.get(item.exercise, done + self.head_start)
            self.started.setdefault(item.exercise, own - done)

    # ------------------------------------------------------------------ runs

    def warm_up(self, day: dt.date, steps: int, turn: int) -> Block:
        """The dynamic warm-up before a run: the moves the rules name, one more move in
        rotation, and the hamstring stretch last."""
        moves = [self.catalogue[i] for i in WARM_UP_MOVES if i in self.catalogue]
        named = {*WARM_UP_MOVES, HAMSTRING_STRETCH}
        extras = [
            e
            for e in self.catalogue.values()
            if e.pattern is Pattern.WARM_UP
            and e.id not in named
            and e.timing in (Timing.ANY, Timing.PRE_RUN)
            and self.allowed(e, neutral=False)
            and prescribe(e, steps).seconds <= WARM_UP_ITEM_SECONDS
        ]
        chosen = [*moves, *_rotate(extras, turn)[:1]]
        if HAMSTRING_STRETCH in self.catalogue:
            chosen.append(self.catalogue[HAMSTRING_STRETCH])
        block = Block(name=BlockName.WARM_UP, items=[prescribe(e, steps) for e in chosen])
        self._use(day, block.items)
        return block

    def cool_down(self, day: dt.date, steps: int, turn: int) -> Block:
        """Static stretches after a run: calves, hamstrings and back in rotation, then the
        long hip-flexor hold."""
        options = [
            e
            for e in self._options([Pattern.COOL_DOWN], AFTER_RUN, neutral=False, day=day)
            if e.dose.hold_seconds is not None and e.id != HIP_FLEXOR_STRETCH
        ]
        chosen: list[Exercise] = []
        for muscle, primary in (
            (Muscle.CALVES, True),
            (Muscle.HAMSTRINGS, True),
            (Muscle.ERECTOR_SPINAE, False),
        ):
            if any(_covers(e, muscle, primary=primary) for e in chosen):
                continue
            fits = [e for e in options if _covers(e, muscle, primary=primary) and e not in chosen]
            chosen.extend(_rotate(fits, turn)[:1])
        if HIP_FLEXOR_STRETCH in self.catalogue:
            chosen.append(self.catalogue[HIP_FLEXOR_STRETCH])
        block = Block(name=BlockName.COOL_DOWN, items=[prescribe(e, steps) for e in chosen])
        self._use(day, block.items)
        return block

    # ------------------------------------------------------------------ sessions

    def core(self, day: dt.date, steps: int, turn: int, *, light: bool = False) -> list[Block]:
        """A core session of 15 to 25 minutes (a light one in race week): a short warm-up,
        main work that mixes patterns and rotates the least-used exercises in, and
        stretches to finish. Nothing repeats what the day already holds."""
        low = CORE_MINUTES[0] * 60
        high = (RACE_WEEK_CORE_MINUTES if light else CORE_MINUTES[1]) * 60
        target = low if light else CORE_TARGET_SECONDS
        sets = LIGHT_SETS if light else None
        used = self.used.get(day, set())

        warm_options = [
            e
            for e in self._options(
                [Pattern.MOBILITY, Pattern.WARM_UP], WARMING, neutral=True, day=day
            )
            if prescribe(e, steps).seconds <= WARM_UP_ITEM_SECONDS
        ]
        warm = [prescribe(e, steps) for e in _rotate(warm_options, turn)[:CORE_WARM_UP_ITEMS]]
        total = block_seconds([Block(name=BlockName.WARM_UP, items=warm)])

        pool = [(e, s) for e, s in self.main_pool(steps) if e.id not in used]
        count = max(1, min(MAX_MAIN, int(len(pool) * MAIN_SHARE)))
        if light:
            count = min(count, LIGHT_MAIN)
        order = {e.id: (k - turn) % max(1, len(pool)) for k, (e, _) in enumerate(pool)}
        main: list[Prescription] = []
        patterns: Counter[Pattern | None] = Counter()

        cap = VARIETY_SHARE * self.core_total if self.core_total >= VARIETY_MIN_SESSIONS else None
        most = MAX_MAIN + 2
        if cap is not None:
            # Share what the variety rule leaves among the sessions still to come, so the
            # last ones are not left with too little to choose from.
            left_uses = sum(max(0, math.floor(cap + 1e-9) - self.main_count[e.id]) for e, _ in pool)
            sessions_left = max(1, self.core_total - self.core_done)
            most = max(1, left_uses // sessions_left)
        count = min(count, most)

        def add_main(limit: int) -> bool:
            left = [
                (e, s)
                for e, s in pool
                if e.id not in {p.exercise for p in main}
                and (cap is None or self.main_count[e.id] + 1 <= cap)
            ]
            # The least used first, but a second exercise of a pattern the session already
            # trains counts as if used twice more: sessions mix patterns.
            left.sort(
                key=lambda es: (
                    self.main_count[es[0].id] + PATTERN_REPEAT_COST * patterns[es[0].pattern],
                    order[es[0].id],
                )
            )
            for exercise, own in left:
                # An exercise new to the runner starts at its first dose, whatever the week.
                offset = self.started.get(exercise.id, own - self.head_start)
                item = prescribe(exercise, own - offset, sets=sets)
                if total + item.seconds + TRANSITION_SECONDS <= limit:
                    main.append(item)
                    patterns[exercise.pattern] += 1
                    self.started.setdefault(exercise.id, offset)
                    return True
            return False

        while len(main) < count and add_main(high - 60):
            total = block_seconds([Block(name=BlockName.WARM_UP, items=[*warm, *main])])

        stretches: list[Prescription] = []
        taken = {p.exercise for p in [*warm, *main]}
        for exercise in _rotate(
            self._options(STRETCH_PATTERNS, NOT_BEFORE_RUN, neutral=True, day=day), turn
        ):
            if total >= target:
                break
            if exercise.id in taken:
                continue
            item = prescribe(exercise, steps)
            if total + item.seconds + TRANSITION_SECONDS <= high:
                stretches.append(item)
                taken.add(exercise.id)
                total += item.seconds + TRANSITION_SECONDS
        # Too short still: more warm-up moves, then (last) more main work, as long as it fits.
        for exercise in _rotate(warm_options, turn)[CORE_WARM_UP_ITEMS:]:
            if total > low:
                break
            item = prescribe(exercise, steps)
            if exercise.id not in taken and total + item.seconds + TRANSITION_SECONDS <= high:
                warm.append(item)
                taken.add(exercise.id)
                total += item.seconds + TRANSITION_SECONDS
        while total <= low and len(main) < most and add_main(high):
            total = block_seconds([Block(name=BlockName.WARM_UP, items=[*warm, *main, *stretches])])
        # Still short (a small catalogue): more rounds of the main work, set by set.
        grown = True
        while total <= low and grown:
            grown = False
            for k, item in enumerate(list(main)):
                more = item.model_copy(update={"sets": item.sets + 1})
                if (
                    total <= low
                    and item.sets < MAX_SETS
                    and total + more.seconds - item.seconds <= high
                ):
                    main[k] = more
                    total += more.seconds - item.seconds
                    grown = True

        self.main_count.update(p.exercise for p in main)
        self.core_done += 1
        blocks = [
            Block(name=BlockName.WARM_UP, items=warm),
            Block(name=BlockName.MAIN, items=main),
        ]
        if stretches:
            blocks.append(Block(name=BlockName.COOL_DOWN, items=stretches))
        self._use(day, [*warm, *main, *stretches])
        return [b for b in blocks if b.items]

    def mobility(self, day: dt.date, steps: int, turn: int) -> list[Block]:
        """The short mobility routine for a day without a run: the psoas stretch and a few
        hip and back stretches in rotation."""
        chosen: list[Exercise] = []
        if PSOAS_STRETCH in self.catalogue and PSOAS_STRETCH not in self.used.get(day, set()):
            chosen.append(self.catalogue[PSOAS_STRETCH])
        others = [
            e
            for e in self._options(STRETCH_PATTERNS, AFTER_RUN, neutral=False, day=day)
            if e.id != PSOAS_STRETCH
        ]
        chosen.extend(_rotate(others, turn)[:MOBILITY_ITEMS])
        block = Block(name=BlockName.MAIN, items=[prescribe(e, steps) for e in chosen])
        self._use(day, block.items)
        return [block]

    def cross_training(self, day: dt.date, exercise: Exercise) -> Block:
        """The one-item block of a cross-training session."""
        block = Block(name=BlockName.MAIN, items=[prescribe(exercise, 0)])
        self._use(day, block.items)
        return block
