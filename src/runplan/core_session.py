"""One core session filled: a short warm-up, main work that mixes patterns and rotates the
least-used exercises in, and stretches to finish, 15 to 25 minutes in all."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import TYPE_CHECKING

from .catalogue import BackPain, Exercise, Pattern
from .doses import TRANSITION_SECONDS, items_seconds, make_block
from .plan import Block, BlockName, Prescription
from .rules import (
    CORE_MINUTES,
    RACE_WEEK_CORE_LEAST,
    RACE_WEEK_CORE_MINUTES,
    VARIETY_MIN_SESSIONS,
    VARIETY_SHARE,
)
from .strength_choice import (
    NOT_BEFORE_RUN,
    STRETCH_PATTERNS,
    WARM_UP_ITEM_SECONDS,
    WARMING,
    rotate,
    same_stretch,
)

if TYPE_CHECKING:
    from .strength import Strength

__all__ = ["CoreSession"]

#: A core session holds at most this share of the main exercises the runner can do, so
#: each one comes round in about half the sessions (the variety rule allows 60 %).
MAIN_SHARE = 0.5
#: ... and at most this many main exercises.
MAX_MAIN = 6
#: A race-week core session holds at most this many main exercises, of at most 2 sets.
LIGHT_MAIN, LIGHT_SETS = 3, 2
#: Choosing a second exercise of a pattern already in the session costs this many uses.
PATTERN_REPEAT_COST = 2
#: A set is added to reach the shortest session only up to this many sets; past it, the
#: session takes one more exercise instead (more sets of the same move tire one pattern).
MAX_SETS = 4
#: A core session is filled with stretches until it lasts about this many seconds.
CORE_TARGET_SECONDS = 19 * 60
#: A sore back's core session is a little longer, and its main work (the treatment)
#: fills it to within this many seconds of that target before any stretch comes in:
#: stretching alone does not treat back pain (Owen et al. 2020; coaching reference).
SORE_BACK_TARGET_SECONDS = 21 * 60
STRETCH_ROOM_SECONDS = 3 * 60
#: ... with at most this many sets of an exercise.
SORE_BACK_SETS = 3
#: Easy moves that open a core session.
CORE_WARM_UP_ITEMS = 2
#: A core session's warm-up moves are of these patterns.
WARM_UP_PATTERNS = frozenset({Pattern.MOBILITY, Pattern.WARM_UP})


class CoreSession:
    """Fills one core session for ``strength``'s runner on ``day``, counting the main
    exercises it uses into ``strength`` (the least used come first next time)."""

    def __init__(
        self, strength: Strength, day: dt.date, steps: int, turn: int, *, light: bool
    ) -> None:
        self.s = strength
        self.steps, self.turn = steps, turn
        self.low = CORE_MINUTES[0] * 60
        self.high = (RACE_WEEK_CORE_MINUTES if light else CORE_MINUTES[1]) * 60
        self.target = self.low if light else CORE_TARGET_SECONDS
        self.sore = strength.pain is not BackPain.NONE and not light
        if self.sore:
            self.target = SORE_BACK_TARGET_SECONDS
        self.sets = LIGHT_SETS if light else None
        self.light = light
        self.used = strength.used.get(day, set())
        self.warm: list[Prescription] = []
        self.main: list[Prescription] = []
        self.stretches: list[Prescription] = []
        self.patterns: Counter[Pattern | None] = Counter()
        self.total = 0
        #: The exercises in the session so far.
        self.names: set[str] = set()
        #: The families (an exercise and its easier and harder variants) in the main block.
        self.kin: set[str] = set()

    def blocks(self) -> list[Block]:
        """The session's blocks, none empty."""
        s = self.s
        warm_options = [e for e in warm_up_moves(s, self.steps) if e.id not in self.used]
        self.warm = [
            s.dose(e, self.steps) for e in rotate(warm_options, self.turn)[:CORE_WARM_UP_ITEMS]
        ]
        self.total = items_seconds(self.warm)
        self.names.update(p.exercise for p in self.warm)

        self.pool = [(e, st) for e, st in s.main_pool(self.steps) if e.id not in self.used]
        count = max(1, min(MAX_MAIN, int(len(self.pool) * MAIN_SHARE)))
        if self.light:
            count = min(count, LIGHT_MAIN)
        # Each exercise's place in the rotation (different for every exercise of the pool,
        # so sorting by it never compares two exercises) and its family, worked out once.
        family, turn, size = s.family, self.turn, max(1, len(self.pool))
        self.candidates = [
            (e.id, e.pattern, family.get(e.id, e.id), (k - turn) % size, e, own)
            for k, (e, own) in enumerate(self.pool)
        ]
        self.cap = VARIETY_SHARE * s.core_total if s.core_total >= VARIETY_MIN_SESSIONS else None
        most = fair_share(s, self.pool, self.cap)
        count = min(count, most)

        # add_main counts each exercise it adds into self.total.
        while len(self.main) < count and self.add_main(self.high - 60):
            pass
        if self.sore:
            # A sore back gets its time from main work before any stretch: a third set,
            # then more exercises, as many as the variety rule's fair share leaves.
            room = self.target - STRETCH_ROOM_SECONDS
            self.add_rounds(self.main, room, most=SORE_BACK_SETS)
            while self.total <= room and len(self.main) < most and self.add_main(room):
                self.add_rounds(self.main, room, most=SORE_BACK_SETS)
        self.add_stretches()
        # Too short still: more warm-up moves, then (last) more main work, as long as it fits.
        for exercise in rotate(warm_options, self.turn)[CORE_WARM_UP_ITEMS:]:
            if self.total > self.low:
                break
            self.add(self.warm, self.s.dose(exercise, self.steps), self.high)
        while self.total <= self.low and len(self.main) < most and self.add_main(self.high):
            pass
        self.add_rounds(self.main, self.low)
        # Short even so (a small pool): more exercises, as many as the variety rule allows.
        while self.total <= self.low and self.add_main(self.high):
            pass
        self.add_rounds(self.main, self.low)
        # Shorter still (a re-plan's sore back, late in a plan whose earlier sessions used
        # up the variety rule's share, on a day whose run took the stretches): more holds
        # of the stretches it has.
        self.add_rounds(self.stretches, self.low)
        if self.light and self.total <= RACE_WEEK_CORE_LEAST * 60:
            # Too short even for a light session (the day's other sessions took the
            # stretches): more sets, as in any other week.
            self.total = more_rounds(
                self.main, self.total, RACE_WEEK_CORE_LEAST * 60, most=MAX_SETS, high=self.high
            )

        s.main_count.update(p.exercise for p in self.main)
        s.core_done += 1
        blocks = [
            (BlockName.WARM_UP, self.warm),
            (BlockName.MAIN, self.main),
            (BlockName.COOL_DOWN, self.stretches),
        ]
        return [make_block(name, items) for name, items in blocks if items]

    def add(self, items: list[Prescription], item: Prescription, limit: int) -> bool:
        """Append ``item`` to ``items`` when it is new to the session and fits in ``limit``."""
        if item.exercise in self.names:
            return False
        if self.total + item.seconds + TRANSITION_SECONDS > limit:
            return False
        items.append(item)
        self.names.add(item.exercise)
        self.total += item.seconds + TRANSITION_SECONDS
        return True

    def add_main(self, limit: int) -> bool:
        """Add the least-used main exercise that fits in ``limit`` seconds; False if none."""
        s, cap = self.s, self.cap
        uses, patterns, kin = s.main_count, self.patterns, self.kin
        # The least used first, but a second exercise of a pattern the session already
        # trains counts as if used twice more: sessions mix patterns. Ties go by the
        # rotation order. One variant of an exercise a session (a plank, or a kneeling
        # plank, not both): an exercise whose family is in the session is left out.
        left = []
        for exercise_id, pattern, family_id, rank, exercise, own in self.candidates:
            if family_id in kin:
                continue
            used = uses.get(exercise_id, 0)
            if cap is not None and used + 1 > cap:
                continue
            cost = used + PATTERN_REPEAT_COST * patterns.get(pattern, 0)
            left.append((cost, rank, exercise, own, family_id))
        left.sort()
        for _, _, exercise, own, family_id in left:
            # An exercise new to the runner starts at its first dose, whatever the week.
            offset = s.started.get(exercise.id, own - s.head_start)
            # ... and never drops below the dose the runner has already done.
            steps = max(own - offset, s.reached.get(exercise.id, 0))
            # (A main exercise is never among the session's warm-up moves or stretches:
            # their patterns differ, so ``add`` only checks that it fits.)
            if self.add(self.main, s.dose(exercise, steps, sets=self.sets), limit):
                self.kin.add(family_id)
                self.patterns[exercise.pattern] += 1
                s.started.setdefault(exercise.id, offset)
                s.reached[exercise.id] = steps
                return True
        return False

    def add_rounds(self, items: list[Prescription], until: int, *, most: int = MAX_SETS) -> None:
        """More sets of ``items`` until the session lasts more than ``until`` seconds (a
        race week's light session keeps to its sets)."""
        most = min(most, self.sets) if self.sets is not None else most
        self.total = more_rounds(items, self.total, until, most=most, high=self.high)

    def add_stretches(self) -> None:
        """Stretches to finish, until the session reaches its target length."""
        options = self.s.options(STRETCH_PATTERNS, NOT_BEFORE_RUN, neutral=True, used=self.used)
        taken: list[Exercise] = []
        for exercise in rotate(options, self.turn):
            if self.total >= self.target:
                break
            # One stretch of a kind a session: the psoas or the hip-flexor lunge, not both.
            if any(same_stretch(exercise, other) for other in taken):
                continue
            if self.add(self.stretches, self.s.dose(exercise, self.steps), self.high):
                taken.append(exercise)


def warm_up_moves(strength: Strength, steps: int) -> list[Exercise]:
    """The easy moves a core session may open with in a week worth ``steps`` dose steps
    (the same all plan long for those steps, so found once)."""
    if steps not in strength.core_warm_ups:
        strength.core_warm_ups[steps] = [
            e
            for e in strength.options(WARM_UP_PATTERNS, WARMING, neutral=True, used=set())
            if strength.dose(e, steps).seconds <= WARM_UP_ITEM_SECONDS
        ]
    return strength.core_warm_ups[steps]


def fair_share(strength: Strength, pool: list[tuple[Exercise, int]], cap: float | None) -> int:
    """The most main exercises a session may take from ``pool``: under the variety rule
    (each exercise in at most ``cap`` sessions), what it leaves shared among the sessions
    still to come, so the last ones are not left with too little to choose from."""
    if cap is None:
        return MAX_MAIN + 2
    most_uses = math.floor(cap + 1e-9)
    left_uses = sum(max(0, most_uses - strength.main_count[e.id]) for e, _ in pool)
    sessions_left = max(1, strength.core_total - strength.core_done)
    return max(1, left_uses // sessions_left)


def more_rounds(items: list[Prescription], total: int, until: int, *, most: int, high: int) -> int:
    """Still short (a small catalogue, or a sore back's session): more rounds of ``items``,
    set by set (``most`` sets at most, the session within ``high`` seconds), until the
    session lasts more than ``until`` seconds. Returns its new length, in seconds."""
    grown = True
    while total <= until and grown:
        grown = False
        for k, item in enumerate(list(items)):
            more = item.model_copy(update={"sets": item.sets + 1})
            if total <= until and item.sets < most and total + more.seconds - item.seconds <= high:
                items[k] = more
                total += more.seconds - item.seconds
                grown = True
    return total
