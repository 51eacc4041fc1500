"""The training rules, one named function each, and ``check_plan``.

Each rule function takes a plan and the catalogue and yields a ``Violation`` for every
breach. The numeric limits they test (``weekly_volume_limit``, ``single_run_limit``, ...)
are plain functions that the scheduler calls too, so the builder and the checker cannot
disagree. ``check_plan`` works on any plan, including one written by hand or converted
from another program.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from .catalogue import Catalogue, Equipment, Muscle, Spine, Timing, load_catalogue
from .plan import BlockName, Plan, RunType, Session, SessionKind, Week
from .profile import BackPain, Race, RunnerProfile, Weekday, minimum_long_run
from .render import day_name

__all__ = [
    "CORE_MINUTES",
    "HIP_FLEXOR_HOLD_SECONDS",
    "RULES",
    "SAFETY_NOTE",
    "SINGLE_RUN_SPIKE",
    "Violation",
    "back_pain",
    "check_plan",
    "cool_down",
    "core_strength",
    "cutback_weeks",
    "dose_progression",
    "equipment",
    "flare_week_limit",
    "floor_half",
    "floor_step",
    "is_cutback_week",
    "long_run",
    "longest_in_window",
    "not_pre_run",
    "psoas_every_week",
    "race_day",
    "rest",
    "single_run_limit",
    "single_run_spike",
    "taper",
    "taper_span",
    "taper_week_count",
    "warm_up",
    "weekly_volume",
    "weekly_volume_limit",
]

#: Floating-point slack when comparing a distance with a limit.
EPS = 1e-6
#: A run may be at most this much longer than the longest run of the previous 30 days.
SINGLE_RUN_SPIKE = 0.10
#: The look-back window of the single-run rule, in days.
SINGLE_RUN_WINDOW_DAYS = 30
#: The look-back of the weekly rule, in weeks.
WEEKLY_LOOKBACK = 4
#: A core session lasts this many minutes, inclusive.
CORE_MINUTES = (15, 25)
#: The post-run hip-flexor or psoas hold, in seconds, inclusive.
HIP_FLEXOR_HOLD_SECONDS = (60, 120)
#: The psoas stretch appears at least this many times a week.
PSOAS_PER_WEEK = 2
#: In a flare, the first week runs at most this share of the usual weekly distance.
FLARE_START_SHARE = 0.5
#: The note every session carries while the back flares.
SAFETY_NOTE = "Stop at once if you feel sharp pain, and see a physical therapist before going on."


class Violation(BaseModel):
    """One breach of a training rule."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rule: str
    """The rule's name (the name of its function in runplan.rules)."""
    week: int
    """The 1-based week it happens in."""
    date: dt.date | None
    """The day, when the breach is on one day."""
    message: str
    """One plain sentence."""


# ---------------------------------------------------------------------- shared limits


def floor_half(value: float) -> float:
    """Round a distance down to 0.5 of the unit, so rounding can never break a limit."""
    return floor_step(value, 0.5)


def floor_step(value: float, step: float) -> float:
    """Round a distance down to a multiple of ``step`` (kept to 2 decimals)."""
    return round(math.floor(value / step + EPS) * step, 2)


def weekly_volume_limit(previous_weeks: Sequence[float], max_increase: float) -> float:
    """The most a week may hold: (1 + max_increase) x the highest of the previous 4 weeks.

    ``previous_weeks`` starts with week 0 (the profile's recent weekly distance).
    """
    return (1 + max_increase) * max(previous_weeks[-WEEKLY_LOOKBACK:])


def single_run_limit(longest_recent: float) -> float:
    """The longest run allowed: 1.10 x the longest run of the previous 30 days."""
    return (1 + SINGLE_RUN_SPIKE) * longest_recent


def longest_in_window(
    runs: Iterable[tuple[dt.date, float]], day: dt.date, profile: RunnerProfile
) -> float:
    """The longest run in the 30 days before ``day``.

    The profile's ``longest_recent_run`` counts as a run on the day before the plan starts;
    with no run at all in the window, the shortest long run (2 km / 1.5 mi) stands in.
    """
    first = day - dt.timedelta(days=SINGLE_RUN_WINDOW_DAYS)
    seed_day = profile.start_date - dt.timedelta(days=1)
    longest = profile.seed_longest_run if first <= seed_day else 0.0
    for run_day, distance in runs:
        if first <= run_day < day:
            longest = max(longest, distance)
    return longest or minimum_long_run(profile.unit)


def flare_week_limit(
    previous_weeks: Sequence[float], usual: float, max_increase: float, *, first_week: bool
) -> float:
    """The most a week may hold while the back flares: half the usual volume in the flare's
    first week, then at most (1 + max_increase) x the week before, never above the usual.
    """
    if first_week:
        return FLARE_START_SHARE * usual
    return min(usual, (1 + max_increase) * previous_weeks[-1])


def is_cutback_week(index: int, every: int) -> bool:
    """True for every ``every``-th week (3 up, 1 down when every is 4)."""
    return index % every == 0


def taper_week_count(race: Race) -> int:
    """Weeks of taper before race day: 2 for a marathon, 1 for shorter races."""
    return 2 if race is Race.MARATHON else 1


def taper_span(race: Race, race_date: dt.date) -> tuple[dt.date, dt.date]:
    """The days before race day that must be lighter: (first, last) inclusive."""
    days = 7 * taper_week_count(race)
    return race_date - dt.timedelta(days=days), race_date - dt.timedelta(days=1)


# ---------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Facts:
    """What several rules need, worked out once per plan."""

    plan: Plan
    catalogue: Catalogue
    volumes: list[float]  # week 0 first, race distance excluded
    runs: list[tuple[dt.date, float, bool]]  # (day, distance, is_race), in date order

    @property
    def profile(self) -> RunnerProfile:
        return self.plan.profile


def _facts(plan: Plan, catalogue: Catalogue) -> _Facts:
    volumes = [plan.profile.start_volume]
    runs: list[tuple[dt.date, float, bool]] = []
    for week in plan.weeks:
        volumes.append(sum(s.distance for s in week.sessions if s.is_run and not _is_race(s)))
        runs.extend((s.date, s.distance, _is_race(s)) for s in week.sessions if s.is_run)
    runs.sort(key=lambda r: r[0])
    return _Facts(plan, catalogue, volumes, runs)


def _is_race(session: Session) -> bool:
    return session.kind is SessionKind.RACE or (
        session.run is not None and session.run.type is RunType.RACE
    )


def _is_full_week(week: Week, plan: Plan) -> bool:
    """A whole 7-day week clear of the race and the day before it.

    The weekly counts (core sessions, psoas, a rest day) apply to full weeks only: the last
    two days before a race belong to the race.
    """
    last = week.start + dt.timedelta(days=6)
    race_date = plan.profile.race_date
    if race_date is not None and last >= race_date - dt.timedelta(days=1):
        return False
    return last <= plan.profile.end_date and not any(_is_race(s) for s in week.sessions)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _by_day(week: Week) -> dict[dt.date, list[Session]]:
    days: dict[dt.date, list[Session]] = {}
    for session in week.sessions:
        days.setdefault(session.date, []).append(session)
    return days


def _exercise_ids(session: Session, block: BlockName | None = None) -> list[str]:
    return [p.exercise for name, p in session.prescriptions() if block is None or name is block]


def _has_muscle(ids: Iterable[str], catalogue: Catalogue, muscle: Muscle, *, primary: bool) -> bool:
    for exercise_id in ids:
        exercise = catalogue.get(exercise_id)
        if exercise is None:
            continue
        muscles = (
            exercise.muscles.primary
            if primary
            else [
                *exercise.muscles.primary,
                *exercise.muscles.secondary,
            ]
        )
        if muscle in muscles:
            return True
    return False


def _starts_before(first: Session, second: Session) -> bool:
    """True when ``first`` starts before ``second`` on the same day (all-day counts as before)."""
    if first.start is None or second.start is None:
        return True
    return first.start < second.start


# ---------------------------------------------------------------------- the rules


def weekly_volume(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Weekly volume grows gradually: no week above (1 + max_increase) x the best of the
    previous 4 weeks, the profile's recent weekly distance counting as week 0.

    Evidence: all five source articles ask for gradual increases in training; the 10 % a
    week guideline is the common coaching form of that advice. Race distance is not
    counted: the race is the goal, not training load.
    """
    facts = _facts(plan, catalogue)
    increase = plan.profile.max_weekly_increase
    for i, week in enumerate(plan.weeks, start=1):
        limit = weekly_volume_limit(facts.volumes[:i], increase)
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="weekly_volume",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(facts.volumes[i])} {plan.unit}, more than "
                f"{_fmt(limit)} ({round(increase * 100)} % over the best of the 4 weeks before).",
            )


def single_run_spike(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No run is more than 10 % longer than the longest run of the previous 30 days.

    Evidence: Frandsen et al. 2025 (British Journal of Sports Medicine): in a large cohort
    of runners, single runs more than 10 % longer than the longest run of the previous 30
    days raised the risk of overuse injury.
    A race is exempt (it is the goal); the plan warns when it is a spike.
    """
    facts = _facts(plan, catalogue)
    profile = plan.profile
    history = [(day, distance) for day, distance, _ in facts.runs]
    week_of = {s.date: w.index for w in plan.weeks for s in w.sessions}
    for day, distance, is_race in facts.runs:
        if is_race:
            continue
        longest = longest_in_window(history, day, profile)
        if distance > single_run_limit(longest) + EPS:
            yield Violation(
                rule="single_run_spike",
                week=week_of[day],
                date=day,
                message=f"The {_fmt(distance)} {plan.unit} run on {day} is more than 10 % longer "
                f"than the longest run of the 30 days before it ({_fmt(longest)} {plan.unit}).",
            )


def cutback_weeks(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Every ``cutback_every``-th week drops to ``cutback_ratio`` of the week before.

    Evidence: common coaching practice (three weeks up, one down) to let the body absorb
    the load; the source articles ask for rest and gradual build-up.
    """
    facts = _facts(plan, catalogue)
    profile = plan.profile
    for i, week in enumerate(plan.weeks, start=1):
        if not is_cutback_week(week.index, profile.cutback_every) or i == 1:
            continue
        limit = profile.cutback_ratio * facts.volumes[i - 1]
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="cutback_weeks",
                week=week.index,
                date=None,
                message=f"Week {week.index} is a cutback week but runs {_fmt(facts.volumes[i])} "
                f"{plan.unit}, more than {round(profile.cutback_ratio * 100)} % of the week "
                f"before ({_fmt(limit)}).",
            )


def long_run(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """The week's long run is on ``long_run_day`` and no run of the week is longer (race
    weeks aside). A week with no run on that day and no run marked ``long`` (a week cut
    short by a flare) has no long run to check.

    Evidence: a fixed long-run day lets the runner plan rest and strength work around it
    (core is never the day before it).
    """
    day_name = plan.profile.long_run_day
    for week in plan.weeks:
        runs = [s for s in week.sessions if s.is_run]
        if not runs or any(_is_race(s) for s in runs):
            continue
        on_day = [s for s in runs if Weekday.of(s.date) is day_name]
        marked = [s for s in runs if s.run is not None and s.run.type is RunType.LONG]
        if not on_day and not marked:
            continue
        longest = max(s.distance for s in runs)
        off_day = [s for s in marked if Weekday.of(s.date) is not day_name]
        if off_day or not on_day or max(s.distance for s in on_day) < longest - EPS:
            yield Violation(
                rule="long_run",
                week=week.index,
                date=None,
                message=f"Week {week.index}'s longest run ({_fmt(longest)} {plan.unit}) is not "
                f"on the long-run day ({day_name.title}).",
            )


_WARM_UP = ("leg_swings", "hip_circles", "torso_twists")


def warm_up(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Every run starts with a dynamic warm-up (leg swings, hip circles, torso twists) and a
    hamstring stretch.

    Evidence: "Lower Back Pain in Runners" (dynamic warm-up before every run) and "How to
    Prevent Back Pain While Running" (stretch the hamstrings before every run).
    """
    for week in plan.weeks:
        for session in week.sessions:
            if not session.is_run:
                continue
            ids = _exercise_ids(session, BlockName.WARM_UP)
            missing = [e for e in _WARM_UP if e not in ids]
            hamstrings = any(
                (ex := catalogue.get(e)) is not None
                and Muscle.HAMSTRINGS in ex.muscles.primary
                and ex.category.value == "stretch"
                for e in ids
            )
            if not hamstrings:
                missing.append("a hamstring stretch")
            if missing:
                yield Violation(
                    rule="warm_up",
                    week=week.index,
                    date=session.date,
                    message=f"The run on {session.date} has no warm-up with "
                    f"{', '.join(m.replace('_', ' ') for m in missing)}.",
                )


def cool_down(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Every run ends with static stretches for calves, hamstrings, back and hip flexors,
    the hip-flexor or psoas hold lasting 60 to 120 s.

    Evidence: "What Causes Low Back Pain Only When Running?" (stretch calves, hamstrings
    and back) and "Why do you have back pain when running" (hold hip stretches 1 to 2
    minutes instead of 30 s to restore hip extension).
    """
    low, high = HIP_FLEXOR_HOLD_SECONDS
    for week in plan.weeks:
        for session in week.sessions:
            if not session.is_run:
                continue
            items = [p for name, p in session.prescriptions() if name is BlockName.COOL_DOWN]
            ids = [p.exercise for p in items]
            missing = [
                label
                for label, muscle, primary in (
                    ("calves", Muscle.CALVES, True),
                    ("hamstrings", Muscle.HAMSTRINGS, True),
                    ("back", Muscle.ERECTOR_SPINAE, False),
                )
                if not _has_muscle(ids, catalogue, muscle, primary=primary)
            ]
            holds = [
                p.hold_seconds
                for p in items
                if p.hold_seconds is not None
                and (
                    _has_muscle([p.exercise], catalogue, Muscle.HIP_FLEXORS, primary=True)
                    or _has_muscle([p.exercise], catalogue, Muscle.PSOAS, primary=True)
                )
            ]
            if not any(low <= h <= high for h in holds):
                missing.append(f"a {low}-{high} s hip-flexor or psoas hold")
            if missing:
                yield Violation(
                    rule="cool_down",
                    week=week.index,
                    date=session.date,
                    message=f"The run on {session.date} has no cool-down stretch for "
                    f"{', '.join(missing)}.",
                )


def core_strength(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """``core_per_week`` core sessions of 15 to 25 minutes a week, never before a run on the
    same day and never the day before the long run (or the race).

    Evidence: all five articles put core strength at the centre of back care; two or three
    sessions a week is the usual dose. Tired trunk muscles protect the spine less, so core
    work follows runs, and the day before the long run is kept fresh.
    """
    profile = plan.profile
    low, high = CORE_MINUTES
    on_day: dict[dt.date, list[Session]] = {}
    for s in plan.sessions():
        on_day.setdefault(s.date, []).append(s)
    for week in plan.weeks:
        days = _by_day(week)
        cores = [s for s in week.sessions if s.kind is SessionKind.CORE]
        full = _is_full_week(week, plan)
        if (full and len(cores) != profile.core_per_week) or len(cores) > profile.core_per_week:
            yield Violation(
                rule="core_strength",
                week=week.index,
                date=None,
                message=f"Week {week.index} has {len(cores)} core sessions; the profile asks "
                f"for {profile.core_per_week}.",
            )
        for core in cores:
            if not low <= core.duration_minutes <= high:
                yield Violation(
                    rule="core_strength",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} lasts {core.duration_minutes} min; "
                    f"it should last {low} to {high}.",
                )
            if any(s.is_run and _starts_before(core, s) for s in days.get(core.date, [])):
                yield Violation(
                    rule="core_strength",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} comes before a run that day.",
                )
            tomorrow = on_day.get(core.date + dt.timedelta(days=1), [])
            if any(_is_race(s) or (s.run and s.run.type is RunType.LONG) for s in tomorrow):
                yield Violation(
                    rule="core_strength",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} is the day before the long run "
                    "or the race.",
                )


def not_pre_run(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """An exercise marked ``not_pre_run`` (the Spiderman plank) never comes before a run
    that day, in a warm-up or in an earlier session.

    Evidence: "How to Prevent Back Pain While Running" advises against the Spiderman plank
    right before running.
    """
    for week in plan.weeks:
        for day_sessions in _by_day(week).values():
            runs = [s for s in day_sessions if s.is_run]
            if not runs:
                continue
            for session in day_sessions:
                for block, item in session.prescriptions():
                    exercise = catalogue.get(item.exercise)
                    if exercise is None or exercise.timing is not Timing.NOT_PRE_RUN:
                        continue
                    before = (session.is_run and block is BlockName.WARM_UP) or any(
                        r is not session and _starts_before(session, r) for r in runs
                    )
                    if before:
                        yield Violation(
                            rule="not_pre_run",
                            week=week.index,
                            date=session.date,
                            message=f"{exercise.name} comes before the run on {session.date}; "
                            "keep it for after running or another day.",
                        )


def psoas_every_week(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """The psoas stretch appears at least twice in every full week, at least once on a day
    without a run.

    Evidence: "How to Prevent Back Pain While Running": a tight psoas pulls on the lower
    spine; stretch it regularly, even on days you do not run.
    """
    for week in plan.weeks:
        if not _is_full_week(week, plan):
            continue
        days = _by_day(week)
        with_psoas = [
            s
            for s in week.sessions
            if _has_muscle(_exercise_ids(s), catalogue, Muscle.PSOAS, primary=True)
        ]
        off_day = any(not any(r.is_run for r in days[s.date]) for s in with_psoas)
        if len(with_psoas) < PSOAS_PER_WEEK or not off_day:
            yield Violation(
                rule="psoas_every_week",
                week=week.index,
                date=None,
                message=f"Week {week.index} has the psoas stretch {len(with_psoas)} times"
                f"{'' if off_day else ', none on a day without a run'}; it needs at least "
                f"{PSOAS_PER_WEEK}, one of them on a day off running.",
            )


def rest(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Every full week has at least one day with no run and no core session.

    Evidence: the source articles call for rest so muscles and the back can recover.
    """
    for week in plan.weeks:
        if not _is_full_week(week, plan):
            continue
        days = _by_day(week)
        busy = {
            d for d, ss in days.items() if any(s.is_run or s.kind is SessionKind.CORE for s in ss)
        }
        if len(busy) >= 7:
            yield Violation(
                rule="rest",
                week=week.index,
                date=None,
                message=f"Week {week.index} has no day without a run or a core session.",
            )


def dose_progression(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Reps and holds grow toward the exercise's progression target by at most one step a
    week; cutback weeks do not grow; an exercise without a progression does not grow.

    Evidence: "How Do I Prevent Lower Back Pain When Running?" (leg lowers: 10 reps, working
    up to 20 over time); small steps let tissue adapt.
    """
    every = plan.profile.cutback_every
    last: dict[str, tuple[int, int]] = {}  # exercise -> (week index, amount)
    for week in plan.weeks:
        for session in week.sessions:
            for _, item in session.prescriptions():
                exercise = catalogue.get(item.exercise)
                if exercise is None or item.minutes is not None:
                    continue
                amount = item.amount
                seen = last.get(item.exercise)
                if seen is not None:
                    prev_week, prev_amount = seen
                    growth_weeks = sum(
                        1
                        for w in range(prev_week + 1, week.index + 1)
                        if not is_cutback_week(w, every)
                    )
                    step = exercise.progression.step if exercise.progression else 0
                    target = exercise.progression.target if exercise.progression else 0
                    allowed = prev_amount + step * growth_weeks
                    if amount > prev_amount:
                        allowed = min(allowed, max(target, prev_amount))
                    if amount > allowed:
                        yield Violation(
                            rule="dose_progression",
                            week=week.index,
                            date=session.date,
                            message=f"{exercise.name} grows from {prev_amount} to {amount} on "
                            f"{session.date}; at most {allowed} is allowed by then.",
                        )
                last[item.exercise] = (week.index, max(amount, seen[1] if seen else 0))


def back_pain(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A sore back changes the plan. Mild: weekly volume holds (no increase) and core
    sessions put spine-neutral exercises first. Flare: fewer runs and less distance, runs
    swapped for the runner's cross training, run/walk for the runs that remain, and every
    session says to stop on sharp pain and see a physical therapist.

    Evidence: "Lower Back Pain in Runners" (cut frequency and distance, swap in swimming or
    cycling, stop on intense pain, see a physical therapist) and "How Do I Prevent Lower
    Back Pain When Running?" (limit activity for a few days after a strain).
    """
    profile = plan.profile
    if profile.back_pain is BackPain.NONE:
        return
    facts = _facts(plan, catalogue)
    base = profile.start_volume
    for i, week in enumerate(plan.weeks, start=1):
        if facts.volumes[i] > base + EPS:
            yield Violation(
                rule="back_pain",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(facts.volumes[i])} {plan.unit}, more than "
                f"the {_fmt(base)} {plan.unit} the runner was doing before the back hurt.",
            )
        for core in (s for s in week.sessions if s.kind is SessionKind.CORE):
            spines = [
                ex.spine
                for _, p in core.prescriptions()
                if (ex := catalogue.get(p.exercise)) is not None and ex.category.value != "mobility"
            ]
            first_other = next((k for k, sp in enumerate(spines) if sp is not Spine.NEUTRAL), None)
            if first_other is not None and any(sp is Spine.NEUTRAL for sp in spines[first_other:]):
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} does not put spine-neutral "
                    "exercises first.",
                )
    if profile.back_pain is not BackPain.FLARE:
        return
    for i, week in enumerate(plan.weeks, start=1):
        limit = flare_week_limit(
            facts.volumes[:i], base, profile.max_weekly_increase, first_week=i == 1
        )
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="back_pain",
                week=week.index,
                date=None,
                message=f"Week {week.index} of a flare runs {_fmt(facts.volumes[i])} {plan.unit}; "
                f"a flare starts at half the usual {_fmt(base)} {plan.unit} and grows from the "
                f"week before, so at most {_fmt(limit)} is allowed.",
            )
        runs = [s for s in week.sessions if s.is_run and not _is_race(s)]
        if _is_full_week(week, plan):
            if len({s.date for s in runs}) >= len(profile.run_days):
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=None,
                    message=f"Week {week.index} of a flare keeps all {len(profile.run_days)} "
                    "run days; drop one for cross training.",
                )
            if not any(s.kind is SessionKind.CROSS_TRAINING for s in week.sessions):
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=None,
                    message=f"Week {week.index} of a flare has no cross-training session.",
                )
        for session in week.sessions:
            run = session.run
            if run is not None and not _is_race(session) and run.type is not RunType.RUN_WALK:
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=session.date,
                    message=f"The run on {session.date} should be run/walk during a flare.",
                )
            if SAFETY_NOTE not in session.notes:
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=session.date,
                    message=f"The {session.kind.value.replace('_', ' ')} session on "
                    f"{session.date} lacks the stop-on-sharp-pain note.",
                )


def taper(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Before a race, the weeks that overlap the last 7 days (14 for a marathon) run less
    than the biggest week before them.

    Evidence: tapering lets the body arrive rested on race day; common practice is one
    week for races up to the half marathon and two for the marathon.
    """
    profile = plan.profile
    if profile.race is None or profile.race_date is None:
        return
    facts = _facts(plan, catalogue)
    first, last = taper_span(profile.race, profile.race_date)
    before = [
        facts.volumes[i]
        for i, w in enumerate(plan.weeks, start=1)
        if w.start + dt.timedelta(days=6) < first
    ]
    if not before:
        return
    peak = max(before)
    for i, week in enumerate(plan.weeks, start=1):
        end = week.start + dt.timedelta(days=6)
        if end < first or week.start > last:
            continue
        if facts.volumes[i] >= peak - EPS and facts.volumes[i] > 0:
            yield Violation(
                rule="taper",
                week=week.index,
                date=None,
                message=f"Week {week.index} comes right before the race but runs "
                f"{_fmt(facts.volumes[i])} {plan.unit}, no less than the biggest week "
                f"before it ({_fmt(peak)}).",
            )


def race_day(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A plan with a race has the race session on race day, and ends there.

    Evidence: the plan is built toward that day; sessions after it belong to a new plan.
    """
    profile = plan.profile
    if profile.race_date is None:
        return
    races = [s for s in plan.sessions() if _is_race(s)]
    if not any(s.date == profile.race_date for s in races):
        yield Violation(
            rule="race_day",
            week=plan.weeks[-1].index if plan.weeks else 1,
            date=profile.race_date,
            message=f"There is no race session on race day, {profile.race_date}.",
        )
    late = [s for s in plan.sessions() if s.date > profile.race_date]
    if late:
        yield Violation(
            rule="race_day",
            week=plan.weeks[-1].index,
            date=late[0].date,
            message=f"The plan goes on after race day ({late[0].date}).",
        )


def equipment(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No session asks for equipment the runner does not have (cross training excepted:
    the runner's ``cross_training`` list says what they can do).

    Evidence: a plan the runner cannot follow at home is a plan they skip.
    """
    have = set(plan.profile.equipment) | {Equipment.NONE}
    for week in plan.weeks:
        for session in week.sessions:
            for _, item in session.prescriptions():
                exercise = catalogue.get(item.exercise)
                if exercise is None or exercise.category.value == "cross_training":
                    continue
                lacking = exercise.needs() - have
                if lacking:
                    yield Violation(
                        rule="equipment",
                        week=week.index,
                        date=session.date,
                        message=f"{exercise.name} on {session.date} needs "
                        f"{', '.join(sorted(e.value for e in lacking))}, which the runner "
                        "does not have.",
                    )


#: Every rule, in the order check_plan applies them.
RULES: tuple[Callable[[Plan, Catalogue], Iterator[Violation]], ...] = (
    weekly_volume,
    single_run_spike,
    cutback_weeks,
    long_run,
    warm_up,
    cool_down,
    core_strength,
    not_pre_run,
    psoas_every_week,
    rest,
    dose_progression,
    back_pain,
    taper,
    race_day,
    equipment,
)


def check_plan(plan: Plan, catalogue: Catalogue | None = None) -> list[Violation]:
    """Every breach of every training rule in ``plan``, generated by runplan or not.

    Parameters:
        plan: the plan to check; its profile gives the runner's numbers.
        catalogue: the exercises the plan refers to (default: the built-in catalogue).

    Returns:
        The violations, rule by rule in the order of ``RULES``; empty when the plan obeys
        every rule.
    """
    cat = catalogue if catalogue is not None else load_catalogue()
    return [v for rule in RULES for v in rule(plan, cat)]


# ---------------------------------------------------------------------- re-planning rules
#
# These read the training log rather than the plan: they decide how the rest of a plan is
# rebuilt (see runplan.replan). Each returns the reason in plain words, or None.

#: Pain at or above this on any day switches the plan to a flare.
FLARE_PAIN = 7
#: Pain at or above this on two days of the last week switches the plan to a flare.
REPEATED_PAIN = 4
#: Pain in this range once in the last week holds the volume for a week.
HOLD_PAIN = (3, 4)


@dataclass(frozen=True)
class LoggedDay:
    """One logged entry, as the re-planning rules see it."""

    date: dt.date
    pain: int | None
    is_run: bool
    done: bool


def pain_flare(days: Sequence[LoggedDay], today: dt.date) -> str | None:
    """Switch to flare mode when pain reached 7/10 on any day, or 4/10 on two days of the
    last week, until two pain-free runs (pain 0) have been logged since.

    Evidence: "Lower Back Pain in Runners" (stop running on intense pain, cut frequency and
    distance, swap in swimming or cycling, see a physical therapist) and "How Do I Prevent
    Lower Back Pain When Running?" (limit activity for a few days after a strain).
    """
    week_ago = today - dt.timedelta(days=7)
    reason: str | None = None
    since: dt.date | None = None
    for day in days:
        if day.pain is not None and day.pain >= FLARE_PAIN and day.date < today:
            reason = f"back pain was {day.pain}/10 on {day_name(day.date)}"
            since = day.date
    sore = sorted({d.date for d in days if d.pain is not None and d.pain >= REPEATED_PAIN
                   and week_ago <= d.date < today})  # fmt: skip
    if len(sore) >= 2 and (since is None or sore[-1] > since):
        reason = f"back pain was {REPEATED_PAIN}/10 or more on {len(sore)} days last week"
        since = sore[-1]
    if since is None:
        return None
    pain_free = [d for d in days if since < d.date < today and d.is_run and d.done and d.pain == 0]
    return reason if len(pain_free) < 2 else None


def pain_hold(days: Sequence[LoggedDay], today: dt.date) -> str | None:
    """Hold the weekly volume for a week when pain was 3 or 4 out of 10 once last week.

    Evidence: "Lower Back Pain in Runners": mild pain is a sign to hold back the training
    rather than to add to it; gradual increases resume once it settles.
    """
    week_ago = today - dt.timedelta(days=7)
    low, high = HOLD_PAIN
    sore = [
        d
        for d in days
        if d.pain is not None and low <= d.pain <= high and week_ago <= d.date < today
    ]
    if not sore:
        return None
    last = sore[-1]
    return f"back pain was {last.pain}/10 on {day_name(last.date)}"


@dataclass(frozen=True)
class WeekRecord:
    """How one whole week before today went."""

    index: int
    runs_planned: int
    runs_done: int
    planned: float  # planned run distance
    actual: float  # distance actually run (logged)


@dataclass(frozen=True)
class MissedRuns:
    """What to do about runs missed in the weeks before today."""

    action: str  # "carry_on", "repeat" or "step_back"
    reason: str | None
    cap: float | None  # the most the next week may hold


def missed_runs(weeks: Sequence[WeekRecord], start_volume: float) -> MissedRuns:
    """One missed run in a week: carry on. Two or more: repeat that week's volume instead
    of progressing. A whole week (or more) missed: step back to the volume of the last week
    that was completed (at most one run missed) and rebuild the progression from there.

    ``weeks`` are the whole weeks before today, oldest first.

    Evidence: making up missed runs crowds the load into fewer days, which the single-run
    and weekly rules exist to prevent; after a break, common coaching practice is to step
    back and build again gradually, as the source articles ask.
    """
    if not weeks:
        return MissedRuns("carry_on", None, None)
    last = weeks[-1]
    gap = []
    for week in reversed(weeks):
        if week.runs_planned > 0 and week.runs_done == 0:
            gap.append(week.index)
        else:
            break
    if gap:
        completed = next(
            (w for w in reversed(weeks) if w.runs_done > 0 and w.runs_planned - w.runs_done <= 1),
            None,
        )
        cap = completed.actual if completed is not None else start_volume
        span = f"week {gap[0]} was" if len(gap) == 1 else f"weeks {gap[-1]} to {gap[0]} were"
        return MissedRuns("step_back", f"{span} missed", cap)
    if last.runs_planned - last.runs_done >= 2:
        missed = last.runs_planned - last.runs_done
        return MissedRuns("repeat", f"{missed} runs were missed in week {last.index}", last.planned)
    return MissedRuns("carry_on", None, None)
