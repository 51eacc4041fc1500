"""Care rules about sessions: warm-ups, cool-downs, core strength, stretching, rest, dose
progression and equipment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..catalogue import BackPain, Catalogue, Equipment, Muscle, Spine, Timing
from ..plan import BlockName, Plan, RunType, Session, SessionKind
from ..profile import Weekday
from .base import (
    COOL_DOWN_MUSCLES,
    CORE_MINUTES,
    HIP_FLEXOR_HOLD_SECONDS,
    PSOAS_PER_WEEK,
    RACE_WEEK_CORE_LEAST,
    RACE_WEEK_CORE_MINUTES,
    SAFETY_NOTE,
    Violation,
    _by_day,
    _exercise_ids,
    _has_muscle,
    _is_full_week,
    _is_race,
    _starts_before,
    each_session,
    in_race_week,
)
from .limits import (
    is_cutback_week,
)
from .runs import is_walk

#: The dynamic moves every run's warm-up holds ("Lower Back Pain in Runners").
WARM_UP_MOVES = ("leg_swings", "hip_circles", "torso_twists")
#: The hamstring stretch done before every run ("How to Prevent Back Pain While Running").
HAMSTRING_STRETCH = "standing_hamstring_stretch"
#: The long post-run hip-flexor hold ("Why do you have back pain when running").
HIP_FLEXOR_STRETCH = "hip_flexor_stretch"
#: The psoas stretch, twice a week ("How to Prevent Back Pain While Running").
PSOAS_STRETCH = "psoas_stretch"


def warm_up(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Every run starts with a dynamic warm-up (leg swings, hip circles, torso twists) and a
    hamstring stretch. While the back is sore (the profile says mild pain or a flare, or the
    run carries the flare's stop-on-sharp-pain note), a move that twists or bends the spine
    (the torso twists) is left out and not missed.

    Evidence: "Lower Back Pain in Runners" (dynamic warm-up before every run) and "How to
    Prevent Back Pain While Running" (stretch the hamstrings before every run); the torso
    twists' caution in the catalogue (leave them out while the back flares: twisting
    strains a sore lower back) and "How Do I Prevent Lower Back Pain When Running?" (limit
    activity for a few days after a strain). Leaving the move out for mild pain too, as the
    sore back's core sessions leave out bending and twisting, is a convention of runplan.
    """
    flare = plan.profile.back_pain is not BackPain.NONE
    bending = {
        e
        for e in WARM_UP_MOVES
        if (ex := catalogue.get(e)) is not None and ex.spine is not Spine.NEUTRAL
    }
    for run in each_session(plan, "run"):
        # A flare found in the log by a re-plan marks its runs with the flare's note.
        spared = bending if flare or SAFETY_NOTE in run.session.notes else set()
        ids = _exercise_ids(run.session, BlockName.WARM_UP)
        missing = [e for e in WARM_UP_MOVES if e not in ids and e not in spared]
        hamstrings = any(
            (ex := catalogue.get(e)) is not None
            and Muscle.HAMSTRINGS in ex.muscles.primary
            and ex.category.value == "stretch"
            for e in ids
        )
        if not hamstrings:
            missing.append("a hamstring stretch")
        if missing:
            yield run.violation(
                "warm_up",
                f"The run on {run.session.date} has no warm-up with "
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
    for run in each_session(plan, "run"):
        items = run.items(BlockName.COOL_DOWN)
        ids = [p.exercise for p in items]
        missing = [
            label
            for label, muscle, primary in COOL_DOWN_MUSCLES
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
            yield run.violation(
                "cool_down",
                f"The run on {run.session.date} has no cool-down stretch for {', '.join(missing)}.",
            )


def core_strength(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """``core_per_week`` core sessions of 15 to 25 minutes a week (from 10 minutes in the
    6 days before a race, a lighter session; see ``race_week_strength``), never before a
    run on the same day and never the day before the long run (or the race). A first week
    that opens with walking days (a flare's; see ``flare_rest_days``) may hold fewer.

    Evidence: all five articles put core strength at the centre of back care; two or three
    sessions a week is the usual dose. Tired trunk muscles protect the spine less, so core
    work follows runs, and the day before the long run is kept fresh.
    """
    profile = plan.profile
    low, high = CORE_MINUTES
    race = profile.race_date
    on_day: dict[dt.date, list[Session]] = {}
    for s in plan.sessions():
        on_day.setdefault(s.date, []).append(s)
    for week in plan.weeks:
        days = _by_day(week)
        cores = [s for s in week.sessions if s.kind is SessionKind.CORE]
        # A flare's first week gives its first days to walking: fewer core sessions.
        flare_start = week.index == 1 and any(is_walk(s) for s in week.sessions)
        full = _is_full_week(week, plan) and not flare_start
        if (full and len(cores) != profile.core_per_week) or len(cores) > profile.core_per_week:
            yield Violation(
                rule="core_strength",
                week=week.index,
                date=None,
                message=f"Week {week.index} has {len(cores)} core sessions; the profile asks "
                f"for {profile.core_per_week}.",
            )
        for core in cores:
            race_week = in_race_week(race, core.date)
            least = RACE_WEEK_CORE_LEAST if race_week else low
            if not least <= core.duration_minutes <= high:
                most = f"{RACE_WEEK_CORE_MINUTES} in race week" if race_week else high
                yield Violation(
                    rule="core_strength",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} lasts {core.duration_minutes} min; "
                    f"it should last {least} to {most}.",
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


def core_off_long_run_day(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No core session on the day of the long run while the profile's other core days
    (``core_weekday_candidates``: a day off, or an easy-run day with core after the run)
    are enough for ``core_per_week`` sessions.

    Evidence: convention. Tired trunk muscles protect the spine less (the reason core
    follows runs in ``core_strength``), and after the week's longest run they are at their
    most tired; coaches put strength on easy or rest days. Where the week leaves no other
    day, the core session may follow the long run.
    """
    profile = plan.profile
    candidates = profile.core_weekday_candidates()
    for week in plan.weeks:
        days = _by_day(week)
        for core in (s for s in week.sessions if s.kind is SessionKind.CORE):
            long_run = any(
                s.run is not None and s.run.type is RunType.LONG for s in days.get(core.date, [])
            )
            weekday = Weekday.of(core.date)
            others = [d for d in candidates if d is not weekday]
            if long_run and len(others) >= profile.core_per_week:
                yield Violation(
                    rule="core_off_long_run_day",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} follows the long run; put it on "
                    "an easy or rest day.",
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
    week; cutback weeks do not grow; an exercise without a progression does not grow. Nor
    does a dose drop: outside cutback weeks and the race week, an exercise is done at no
    less than the most the runner has done before.

    Evidence: "How Do I Prevent Lower Back Pain When Running?" (leg lowers: 10 reps, working
    up to 20 over time); small steps let tissue adapt. The coaching reference progresses by
    dose, then by a harder variant: a dose that falls back in a building week undoes that
    progress without a reason. Letting cutback and race weeks drop is a convention.
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
                    if amount < prev_amount and not _lighter(plan, week.index, session.date):
                        yield Violation(
                            rule="dose_progression",
                            week=week.index,
                            date=session.date,
                            message=f"{exercise.name} drops from {prev_amount} to {amount} on "
                            f"{session.date}; outside a cutback or race week a dose holds.",
                        )
                    if amount > allowed:
                        yield Violation(
                            rule="dose_progression",
                            week=week.index,
                            date=session.date,
                            message=f"{exercise.name} grows from {prev_amount} to {amount} on "
                            f"{session.date}; at most {allowed} is allowed by then.",
                        )
                last[item.exercise] = (week.index, max(amount, seen[1] if seen else 0))


def _lighter(plan: Plan, week: int, day: dt.date) -> bool:
    """True in a cutback week and in the 7 days before the race: doses may drop there."""
    if in_race_week(plan.profile.race_date, day):
        return True
    return is_cutback_week(week, plan.profile.cutback_every)


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
