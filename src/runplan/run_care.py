"""A run's warm-up and cool-down: the dynamic moves and the hamstring stretch the rules
name before every run, and calf, hamstring, back and hip-flexor stretches after it."""

from __future__ import annotations

import datetime as dt

from .catalogue import BackPain, Exercise, Pattern, Spine
from .doses import block_seconds, make_block
from .plan import Block, BlockName
from .rules import COOL_DOWN_MUSCLES, HAMSTRING_STRETCH, HIP_FLEXOR_STRETCH, WARM_UP_MOVES, covers
from .strength_choice import AFTER_RUN, WARM_UP_ITEM_SECONDS, WARMING, Choice, rotate

__all__ = ["RunCare"]


class RunCare:
    """The warm-ups and cool-downs of one runner's runs, chosen by ``choice``. Each block
    is made once and shared by every run that has the same one; the exercises of each go
    into ``used`` for their day (nothing is done twice in a day)."""

    def __init__(self, choice: Choice, used: dict[dt.date, set[str]]) -> None:
        self.choice = choice
        self.used = used
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

    def blocks(self, day: dt.date, steps: int, turn: int) -> tuple[Block, Block, int]:
        """The warm-up and cool-down of a run on ``day`` in a week worth ``steps`` dose
        steps (``turn`` sets the rotation), and the seconds the two take, transitions
        included."""
        warm, warm_seconds = self.warm_up(day, steps, turn)
        cool, cool_seconds = self.cool_down(day, steps, turn)
        return warm, cool, warm_seconds + cool_seconds

    def warm_up(self, day: dt.date, steps: int, turn: int) -> tuple[Block, int]:
        """The dynamic warm-up before a run, and its seconds: the moves the rules name, one
        more move in rotation, and the hamstring stretch last; while the back is sore (mild
        pain or a flare), none that twists or bends the spine."""
        c = self.choice
        # A sore back leaves out the moves that twist or bend it (the torso twists), as
        # its core sessions do.
        flare = c.pain is not BackPain.NONE
        if steps not in self._warm_extras:
            named = {*WARM_UP_MOVES, HAMSTRING_STRETCH}
            self._warm_extras[steps] = [
                e
                for e in c.options((Pattern.WARM_UP,), WARMING, neutral=flare, used=named)
                if c.dose(e, steps).seconds <= WARM_UP_ITEM_SECONDS
            ]
        extras = self._warm_extras[steps]
        # The block depends only on the steps and where the rotation stands.
        key = (steps, turn % len(extras) if extras else 0)
        if key not in self._warm_blocks:
            moves = [
                c.catalogue[i]
                for i in WARM_UP_MOVES
                if i in c.catalogue and not (flare and c.catalogue[i].spine is not Spine.NEUTRAL)
            ]
            chosen = [*moves, *rotate(extras, turn)[:1]]
            if HAMSTRING_STRETCH in c.catalogue:
                chosen.append(c.catalogue[HAMSTRING_STRETCH])
            # One (frozen) block for every run that shares it, with its exercises.
            block = make_block(BlockName.WARM_UP, [c.dose(e, steps) for e in chosen])
            self._warm_blocks[key] = (block, tuple(e.id for e in chosen), block_seconds([block]))
        block, exercise_ids, seconds = self._warm_blocks[key]
        self.used.setdefault(day, set()).update(exercise_ids)
        return block, seconds

    def cool_down(self, day: dt.date, steps: int, turn: int) -> tuple[Block, int]:
        """Static stretches after a run, and their seconds: calves, hamstrings and back in
        rotation, then the long hip-flexor hold. While the back is sore, none that a flare
        must avoid (the standing forward bend): the gentler, supported ones remain."""
        c = self.choice
        if self._cool is None:
            sore = c.pain is not BackPain.NONE
            options = [
                e
                for e in c.options([Pattern.COOL_DOWN], AFTER_RUN, neutral=False, used=set())
                if e.dose.hold_seconds is not None
                and e.id != HIP_FLEXOR_STRETCH
                and not (sore and BackPain.FLARE in e.avoid_when)
            ]
            covering = [
                {e.id for e in options if covers(e, muscle, primary=primary)}
                for _, muscle, primary in COOL_DOWN_MUSCLES
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
        if HIP_FLEXOR_STRETCH in c.catalogue:
            chosen.append(c.catalogue[HIP_FLEXOR_STRETCH])
        key = (steps, tuple(e.id for e in chosen))
        if key not in self._cool_blocks:
            block = make_block(BlockName.COOL_DOWN, [c.dose(e, steps) for e in chosen])
            self._cool_blocks[key] = (block, block_seconds([block]))
        self.used.setdefault(day, set()).update(key[1])
        return self._cool_blocks[key]
