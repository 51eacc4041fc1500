"""What goes inside strength and stretching work: run warm-ups and cool-downs, core and
mobility sessions, with doses that grow week by week. The scheduler decides when; this
module decides what.

Exercises are chosen by the catalogue's own fields (pattern, level, equipment, spine,
timing and ``avoid_when``; see ``strength_choice.py``), so an exercise a runner adds in
their own catalogue is scheduled when it fits. The only ids written here are those the
rules name: the warm-up moves and hamstring stretch before a run, the hip-flexor and psoas
stretches. ``run_care.py`` makes a run's warm-up and cool-down; ``core_session.py`` fills a
core session.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from .catalogue import BackPain, Catalogue, Exercise, Spine
from .core_session import CoreSession
from .doses import block_seconds, growth_weeks, make_block, minutes_of, prescribe
from .plan import Block, BlockName, Session, SessionKind
from .profile import RunnerProfile
from .rules import PSOAS_STRETCH
from .run_care import RunCare
from .strength_choice import (
    AFTER_RUN,
    STRETCH_PATTERNS,
    Choice,
    required_exercises,
    rotate,
    same_stretch,
)

__all__ = [
    "Strength",
    "block_seconds",
    "growth_weeks",
    "minutes_of",
    "prescribe",
    "required_exercises",
]

#: Stretches in a mobility session besides the psoas.
MOBILITY_ITEMS = 4


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
        #: Each run's warm-up and cool-down, which mark the day's exercises as used.
        self.runs = RunCare(self, self.used)
        #: The moves a core session may open with, by weekly steps (CoreSession fills it).
        self.core_warm_ups: dict[int, list[Exercise]] = {}
        # Mobility blocks made so far (frozen, shared), by weekly steps and stretches, and
        # the stretches of the psoas stretch's own family (the same lunge).
        self._mobility: dict[tuple[int, tuple[str, ...]], Block] = {}
        self._psoas_kin: set[str] | None = None

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
        """A run's warm-up and cool-down, and the seconds the two take, transitions
        included (see ``RunCare``)."""
        return self.runs.blocks(day, steps, turn)

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
        hip and back stretches in rotation, none of the psoas stretch's own family (the
        kneeling hip-flexor stretch is the same lunge)."""
        chosen: list[Exercise] = []
        psoas = self.catalogue.get(PSOAS_STRETCH)
        if psoas is not None and PSOAS_STRETCH not in self.used.get(day, set()):
            chosen.append(psoas)
        if self._psoas_kin is None:
            self._psoas_kin = {
                e.id
                for e in self.catalogue.values()
                if psoas is not None and same_stretch(e, psoas)
            }
        others = [
            e
            for e in self.options(
                STRETCH_PATTERNS,
                AFTER_RUN,
                neutral=False,
                used=self.used.get(day, set()),
            )
            if e.id != PSOAS_STRETCH and not (chosen and e.id in self._psoas_kin)
        ]
        chosen.extend(rotate(others, turn)[:MOBILITY_ITEMS])
        key = (steps, tuple(e.id for e in chosen))
        if key not in self._mobility:
            self._mobility[key] = make_block(BlockName.MAIN, [self.dose(e, steps) for e in chosen])
        self._use(day, key[1])
        return [self._mobility[key]]

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
