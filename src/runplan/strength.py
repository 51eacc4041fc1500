"""What goes inside strength and stretching work: run warm-ups and cool-downs, core and
mobility sessions, with doses that grow week by week. The scheduler decides when; this
module decides what.

Exercises are chosen by the catalogue's own fields (pattern, level, equipment, spine,
timing and ``avoid_when``; see ``strength_choice.py``), so an exercise a runner adds in
their own catalogue is scheduled when it fits. The only ids written here are those the
rules name: the warm-up moves and hamstring stretch before a run, the hip-flexor and psoas
stretches. ``core_session.py`` fills a core session.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from .catalogue import BackPain, Catalogue, Exercise, Muscle, Pattern, Spine
from .core_session import CoreSession
from .plan import Block, BlockName, Session, SessionKind
from .profile import RunnerProfile
from .rules import HAMSTRING_STRETCH, HIP_FLEXOR_STRETCH, PSOAS_STRETCH, WARM_UP_MOVES
from .strength_choice import (
    AFTER_RUN,
    MAIN_PATTERNS,
    STRETCH_PATTERNS,
    WARMING,
    Choice,
    block_seconds,
    covers,
    growth_weeks,
    is_main,
    make_block,
    minutes_of,
    prescribe,
    required_exercises,
    rotate,
)

__all__ = [
    "AFTER_RUN",
    "MAIN_PATTERNS",
    "WARMING",
    "Strength",
    "block_seconds",
    "growth_weeks",
    "is_main",
    "minutes_of",
    "prescribe",
    "required_exercises",
]

#: Stretches in a mobility session besides the psoas.
MOBILITY_ITEMS = 4
#: A warm-up move before a run is short: at most this many seconds.
WARM_UP_ITEM_SECONDS = 90
#: A run's cool-down stretches these, in order: calves and hamstrings as primary muscles,
#: the lower back as primary or secondary.
COOL_DOWN_MUSCLES = (
    (Muscle.CALVES, True),
    (Muscle.HAMSTRINGS, True),
    (Muscle.ERECTOR_SPINAE, False),
)


class Strength(Choice):
    """Chooses and doses the strength and stretching work of one runner's plan.

    It keeps what each day already holds (nothing is done twice in a day) and how often
    each main exercise has been in a core session (the least used comes first), so the
    sessions it returns depend on the order they are asked for: the scheduler asks day by
    day, which keeps plans deterministic.
    """

    def __init__(
        self, profile: RunnerProfile, catalogue: Catalogue, *, pain: BackPain | None = None
    ) -> None:
        super().__init__(profile, catalogue, pain=pain)
        self.used: dict[dt.date, set[str]] = {}
        self.main_count: Counter[str] = Counter()
        #: How many core sessions the whole plan holds (the scheduler sets it), so that no
        #: main exercise goes past the variety rule's share.
        self.core_total = 0
        #: How many core sessions have been filled so far.
        self.core_done = 0
        #: Weekly steps each main exercise had earned before the runner first did it.
        self.started: dict[str, int] = {}
        #: The most weekly steps each main exercise has been done at: its dose never drops.
        self.reached: dict[str, int] = {}
        # The warm-up moves a run may add, by weekly steps (fixed for the plan).
        self._warm_extras: dict[int, list[Exercise]] = {}
        # ... and a run's warm-up (with its exercises and seconds), by weekly steps and
        # place in the rotation.
        self._warm_blocks: dict[tuple[int, int], tuple[Block, tuple[str, ...], int]] = {}
        # The stretches a run's cool-down chooses from (before the day's own are left out),
        # and the ids of those covering each of COOL_DOWN_MUSCLES (fixed for the plan).
        self._cool: tuple[list[Exercise], list[set[str]]] | None = None
        # ... and the cool-down blocks made so far (with their seconds), by weekly steps
        # and stretches.
        self._cool_blocks: dict[tuple[int, tuple[str, ...]], tuple[Block, int]] = {}
        #: The moves a core session may open with, by weekly steps (CoreSession fills it).
        self.core_warm_ups: dict[int, list[Exercise]] = {}

    def _use(self, day: dt.date, exercise_ids: Iterable[str]) -> None:
        self.used.setdefault(day, set()).update(exercise_ids)

    def remember(self, session: Session, steps: int) -> None:
        """Count a session already in the plan, done in a week worth ``steps`` dose steps
        (a re-plan keeps the past as it was and carries on from it)."""
        self._use(session.date, (p.exercise for _, p in session.prescriptions()))
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
            self.reached[item.exercise] = max(done, self.reached.get(item.exercise, 0))

    # ------------------------------------------------------------------ runs

    def run_care(self, day: dt.date, steps: int, turn: int) -> tuple[Block, Block, int]:
        """A run's warm-up and cool-down (see ``warm_up`` and ``cool_down``), and the
        seconds the two take, transitions included."""
        warm, warm_seconds = self._warm_up(day, steps, turn)
        cool, cool_seconds = self._cool_down(day, steps, turn)
        return warm, cool, warm_seconds + cool_seconds

    def warm_up(self, day: dt.date, steps: int, turn: int) -> Block:
        """The dynamic warm-up before a run: the moves the rules name, one more move in
        rotation, and the hamstring stretch last; while the back flares, none that twists
        or bends the spine."""
        return self._warm_up(day, steps, turn)[0]

    def _warm_up(self, day: dt.date, steps: int, turn: int) -> tuple[Block, int]:
        # A flaring back leaves out the moves that twist or bend it (the torso twists).
        flare = self.pain is BackPain.FLARE
        if steps not in self._warm_extras:
            named = {*WARM_UP_MOVES, HAMSTRING_STRETCH}
            self._warm_extras[steps] = [
                e
                for e in self.catalogue.values()
                if e.pattern is Pattern.WARM_UP
                and e.id not in named
                and e.timing in WARMING
                and self.allowed(e, neutral=flare)
                and self.dose(e, steps).seconds <= WARM_UP_ITEM_SECONDS
            ]
        extras = self._warm_extras[steps]
        # The block depends only on the steps and where the rotation stands.
        key = (steps, turn % len(extras) if extras else 0)
        if key not in self._warm_blocks:
            moves = [
                self.catalogue[i]
                for i in WARM_UP_MOVES
                if i in self.catalogue
                and not (flare and self.catalogue[i].spine is not Spine.NEUTRAL)
            ]
            chosen = [*moves, *rotate(extras, turn)[:1]]
            if HAMSTRING_STRETCH in self.catalogue:
                chosen.append(self.catalogue[HAMSTRING_STRETCH])
            # One (frozen) block for every run that shares it, with its exercises.
            block = make_block(BlockName.WARM_UP, [self.dose(e, steps) for e in chosen])
            self._warm_blocks[key] = (block, tuple(e.id for e in chosen), block_seconds([block]))
        block, exercise_ids, seconds = self._warm_blocks[key]
        self._use(day, exercise_ids)
        return block, seconds

    def cool_down(self, day: dt.date, steps: int, turn: int) -> Block:
        """Static stretches after a run: calves, hamstrings and back in rotation, then the
        long hip-flexor hold."""
        return self._cool_down(day, steps, turn)[0]

    def _cool_down(self, day: dt.date, steps: int, turn: int) -> tuple[Block, int]:
        if self._cool is None:
            options = [
                e
                for e in self.options([Pattern.COOL_DOWN], AFTER_RUN, neutral=False, used=set())
                if e.dose.hold_seconds is not None and e.id != HIP_FLEXOR_STRETCH
            ]
            covering = [
                {e.id for e in options if covers(e, muscle, primary=primary)}
                for muscle, primary in COOL_DOWN_MUSCLES
            ]
            self._cool = (options, covering)
        used = self.used.get(day, set())
        chosen: list[Exercise] = []
        taken: set[str] = set()
        for cover in self._cool[1]:
            if not taken.isdisjoint(cover):
                continue
            left_out = used | taken
            fits = [e for e in self._cool[0] if e.id in cover and e.id not in left_out]
            if fits:
                # The next in rotation.
                chosen.append(fits[turn % len(fits)])
                taken.add(chosen[-1].id)
        if HIP_FLEXOR_STRETCH in self.catalogue:
            chosen.append(self.catalogue[HIP_FLEXOR_STRETCH])
        key = (steps, tuple(e.id for e in chosen))
        if key not in self._cool_blocks:
            block = make_block(BlockName.COOL_DOWN, [self.dose(e, steps) for e in chosen])
            self._cool_blocks[key] = (block, block_seconds([block]))
        self._use(day, key[1])
        return self._cool_blocks[key]

    # ------------------------------------------------------------------ sessions

    def core(self, day: dt.date, steps: int, turn: int, *, light: bool = False) -> list[Block]:
        """A core session of 15 to 25 minutes (a light one in race week): a short warm-up,
        main work that mixes patterns and rotates the least-used exercises in, and
        stretches to finish. Nothing repeats what the day already holds."""
        session = CoreSession(self, day, steps, turn, light=light)
        blocks = session.blocks()
        self._use(day, session.names)
        return blocks

    def mobility(self, day: dt.date, steps: int, turn: int) -> list[Block]:
        """The short mobility routine for a day without a run: the psoas stretch and a few
        hip and back stretches in rotation."""
        chosen: list[Exercise] = []
        if PSOAS_STRETCH in self.catalogue and PSOAS_STRETCH not in self.used.get(day, set()):
            chosen.append(self.catalogue[PSOAS_STRETCH])
        others = [
            e
            for e in self.options(
                STRETCH_PATTERNS,
                AFTER_RUN,
                neutral=False,
                used=self.used.get(day, set()),
            )
            if e.id != PSOAS_STRETCH
        ]
        chosen.extend(rotate(others, turn)[:MOBILITY_ITEMS])
        block = make_block(BlockName.MAIN, [self.dose(e, steps) for e in chosen])
        self._use(day, (e.id for e in chosen))
        return [block]

    def bends(self, blocks: Iterable[Block]) -> bool:
        """True when ``blocks`` hold an exercise that bends, arches or twists the spine."""
        return any(
            (e := self.catalogue.get(p.exercise)) is not None and e.spine is not Spine.NEUTRAL
            for b in blocks
            for p in b.items
        )

    def cross_training(self, day: dt.date, exercise: Exercise) -> Block:
        """The one-item block of a cross-training session."""
        block = make_block(BlockName.MAIN, [self.dose(exercise, 0)])
        self._use(day, [exercise.id])
        return block
