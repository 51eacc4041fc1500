"""The making of one session of each kind: a run or the race with its warm-up and cool-down
care, a core or mobility routine, cross training, a flare's easy walk and a rest day.

The builder decides which sessions a day holds; a SessionMaker fills each one in (its id,
start, minutes, title, blocks and notes) from the profile, the catalogue and the strength
choices. Nothing is random: the same day and week give the same session.
"""

from __future__ import annotations

import datetime as dt
import math

from . import rules, run_text, strength, volume
from .catalogue import Catalogue
from .paces import Paces
from .placement import State
from .plan import Block, RepeatStep, RunSpec, RunStep, RunType, Session, SessionKind, WeekKind
from .profile import BackPain, RunnerProfile, Weekday
from .runs import PlannedRun

__all__ = ["FLARE_WALK_MINUTES", "FORM_CUES", "SessionMaker", "time_after"]


#: Running form cues, in rotation (from the source articles).
FORM_CUES = (
    "Take short, quick steps: a higher cadence keeps your feet from landing far ahead of you.",
    "Lean slightly forward from the ankles, as if running into a light wind.",
    "Keep your shoulders over your hips and your arms relaxed at your sides.",
    "Look ahead, not down at your feet or your watch.",
    "Keep your head over your shoulders; poking it forward strains the upper back.",
)


#: The easy walk that fills each of a flare's first days.
FLARE_WALK_MINUTES = 20
#: A new runner with a mild sore back moves on only when the back allows it.
MILD_BEGINNER_NOTE = (
    "If your back felt worse after last week's runs, repeat that week before moving on."
)


class SessionMaker:
    """Makes one runner's sessions, one at a time."""

    def __init__(
        self,
        profile: RunnerProfile,
        catalogue: Catalogue,
        choices: strength.Strength,
        paces: Paces,
        *,
        flare: bool,
        pain: BackPain,
    ) -> None:
        self.p = profile
        self.plan_id = profile.plan_id  # the profile is frozen; every session id starts with it
        self.cat = catalogue
        self.unit = profile.unit.value
        self.flare = flare
        self.pain = pain
        self.strength = choices
        self.paces = paces
        self._specs: dict[int, tuple[PlannedRun, RunSpec]] = {}

    def run_spec(self, run: PlannedRun) -> RunSpec:
        """The (frozen) RunSpec of ``run``, made once for every session that shares the run."""
        # Keyed by identity: the runs placed for a plan are shared (see intensity.dress),
        # and each is kept here with its spec, so an id is never reused for another run.
        made = self._specs.get(id(run))
        if made is None or made[0] is not run:
            made = self._specs[id(run)] = (run, _run_spec(run))
        return made[1]

    def session_id(self, day: dt.date, slot: str) -> str:
        # As "%Y%m%d" (plan days have 4-digit years), without strftime's cost.
        return f"{self.plan_id}-{day.isoformat().replace('-', '')}-{slot}"

    def notes(self, extra: list[str]) -> list[str]:
        return [*extra, rules.SAFETY_NOTE] if self.flare else extra

    def run_session(self, day: dt.date, run: PlannedRun, index: int, kind: WeekKind) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        turn = index + day.toordinal()
        warm, cool, care_seconds = self.strength.run_care(day, steps, turn)
        total = care_seconds + run.minutes * 60
        cues = [FORM_CUES[turn % len(FORM_CUES)], FORM_CUES[(turn + 2) % len(FORM_CUES)]]
        why = [n for n in (run.note, run.rule) if n]
        why.extend(run_text.describe(run, self.paces, self.unit))
        long_day = Weekday.of(day) is self.p.long_run_day
        if run.type in (RunType.LONG, RunType.RACE) or (
            run.type in (RunType.RUN_WALK, RunType.EASY) and long_day
        ):
            why.append("Keep the pace easy enough to talk in full sentences.")
        # Said on the week's first run day, where a new stage begins (not in week 1).
        first_day = Weekday.of(day) is min(self.p.run_days, key=lambda d: d.number)
        if (
            run.stage >= 0
            and first_day
            and index > 1
            and self.pain is BackPain.MILD
            and kind is WeekKind.BUILD
        ):
            why.append(MILD_BEGINNER_NOTE)
        if kind is WeekKind.CUTBACK:
            why.append("A lighter week lets your body absorb the training.")
        elif kind is WeekKind.RECOVERY and self.pain is BackPain.MILD:
            why.append(
                f"A lighter first week, {round(volume.MILD_FIRST_WEEK * 100)} % of your usual, "
                "while your sore back settles."
            )
        elif kind in (WeekKind.TAPER, WeekKind.RACE) and run.type is not RunType.RACE:
            why.append("Lighter running so you reach race day fresh.")
        if run.type is RunType.RACE:
            assert self.p.race is not None
            title = run_text.race_title(self.p.race, run.distance, self.p.unit)
            why = ["Start slower than you feel you can; the last part is where it counts."]
        else:
            title = run_text.title(run, self.unit)
        if self.pain is not BackPain.NONE and self.strength.bends([warm, cool]):
            # A sore back takes the cool-down's bending stretch gently.
            why.append(rules.GENTLE_STRETCH_NOTE)
        return Session(
            id=self.session_id(day, "race" if run.type is RunType.RACE else "run"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=_round5(total / 60),
            kind=SessionKind.RACE if run.type is RunType.RACE else SessionKind.RUN,
            title=title,
            run=self.run_spec(run),
            blocks=[warm, cool],
            notes=self.notes([*why, *cues]),
        )

    def core_session(self, day: dt.date, index: int, start: dt.time, state: State) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        race = self.p.race_date
        light = race is not None and (race - day).days < 7  # fewer exercises and sets
        blocks = self.strength.core(day, steps, state.turn, light=light)
        state.turn += 1
        extra = ["Move slowly and keep breathing; stop any exercise that hurts your back."]
        if light:
            extra.append("A light session: race day is close, so keep your legs fresh.")
        if self.pain is BackPain.FLARE:
            extra.append(rules.FLARE_CORE_NOTE)  # the back is flaring, not only sore
        elif self.pain is not BackPain.NONE:
            extra.append(rules.MILD_CORE_NOTE)
        return self.routine(day, start, SessionKind.CORE, "Core", blocks, extra)

    def mobility_session(self, day: dt.date, index: int, start: dt.time) -> Session:
        steps = strength.growth_weeks(index, self.p.cutback_every)
        blocks = self.strength.mobility(day, steps, index + day.toordinal())
        extra = ["Stretch gently: you should feel a pull, never pain."]
        if self.pain is not BackPain.NONE and self.strength.bends(blocks):
            extra.append(rules.GENTLE_STRETCH_NOTE)
        return self.routine(day, start, SessionKind.MOBILITY, "Mobility", blocks, extra)

    def routine(
        self,
        day: dt.date,
        start: dt.time,
        kind: SessionKind,
        label: str,
        blocks: list[Block],
        notes: list[str],
    ) -> Session:
        """A core or mobility session, as long as its blocks take."""
        minutes = strength.minutes_of(strength.block_seconds(blocks))
        return Session(
            id=self.session_id(day, kind.value),
            date=day,
            start=start,
            duration_minutes=minutes,
            kind=kind,
            title=f"{label} {minutes} min",
            blocks=blocks,
            notes=self.notes(notes),
        )

    def cross_session(self, day: dt.date, index: int) -> Session:
        choice = self.p.cross_training[index % len(self.p.cross_training)]
        exercise = self.cat.get(choice.value)
        name = exercise.name if exercise is not None else choice.value.replace("_", " ")
        minutes = 30
        blocks = []
        if exercise is not None:
            blocks = [self.strength.cross_training(day, exercise)]
            minutes = blocks[0].items[0].minutes or minutes
        return Session(
            id=self.session_id(day, "cross"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=minutes,
            kind=SessionKind.CROSS_TRAINING,
            title=f"{name} {minutes} min (instead of a run)",
            blocks=blocks,
            notes=self.notes(["Low-impact work keeps your fitness while your back settles."]),
        )

    def walk_session(self, day: dt.date) -> Session:
        """An easy walk for the first days of a flare, in place of any training."""
        return Session(
            id=self.session_id(day, "walk"),
            date=day,
            start=self.p.run_time_on(Weekday.of(day)),
            duration_minutes=FLARE_WALK_MINUTES,
            kind=SessionKind.CROSS_TRAINING,
            title=f"Easy walk {FLARE_WALK_MINUTES} min",
            notes=self.notes(
                [
                    "Walk at an easy, comfortable pace on flat ground; shorten it if your "
                    "back hurts more.",
                    "No running, cross training or core for the first days of a flare: "
                    "walking and gentle mobility only.",
                ]
            ),
        )

    def rest_session(self, day: dt.date) -> Session:
        return Session(
            id=self.session_id(day, "rest"),
            date=day,
            start=None,
            duration_minutes=0,
            kind=SessionKind.REST,
            title="Rest day",
            notes=self.notes(["Rest: an easy walk is fine."]),
        )


def _run_spec(run: PlannedRun) -> RunSpec:
    """The run of a session. When every value already has its field's type and range (the
    steps were validated when made), it is kept as given: validating a RunSpec checks each
    step again, for every run of the plan."""
    if (
        isinstance(run.type, RunType)
        and type(run.distance) is float
        and run.distance > 0
        and type(run.minutes) is int
        and run.minutes > 0
        and all(type(step) in (RunStep, RepeatStep) for step in run.steps)
    ):
        return RunSpec.model_construct(
            type=run.type, distance=run.distance, minutes=run.minutes, steps=list(run.steps)
        )
    return RunSpec(type=run.type, distance=run.distance, minutes=run.minutes, steps=run.steps)


def _round5(minutes: float) -> int:
    return int(math.ceil(minutes / 5 - rules.EPS) * 5)


def time_after(day: dt.date, start: dt.time, minutes: int) -> dt.time:
    """The time ``minutes`` after ``start``, rounded up to 5 minutes, kept on the same day."""
    moment = dt.datetime.combine(day, start) + dt.timedelta(minutes=_round5(minutes))
    if moment.date() != day:
        return dt.time(23, 55)
    return moment.time()
