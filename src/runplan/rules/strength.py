"""Care rules about what strength work holds: the runner's level, exercises a sore back
should leave out, easier variants while the back flares, variety, and lighter strength
before a race."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..catalogue import BackPain, Catalogue, Category, Equipment, Exercise, Level, Spine
from ..plan import BlockName, Plan, Session, SessionKind
from .base import EPS, RACE_WEEK_CORE_MINUTES, Violation, _by_day, each_session

#: No main-block exercise may be in more than this share of a plan's core sessions.
VARIETY_SHARE = 0.6
#: ... counted once a plan has at least this many core sessions (fewer cannot rotate).
VARIETY_MIN_SESSIONS = 5
#: No core session on the race day or this many days before it.
RACE_STRENGTH_GAP_DAYS = 2


def _exercises(plan: Plan, catalogue: Catalogue) -> Iterator[tuple[int, Session, Exercise]]:
    """Every (week, session, exercise) of the plan's strength and stretching work, cross
    training left out (the runner's own list says what they can do)."""
    for week in plan.weeks:
        for session in week.sessions:
            seen: set[str] = set()
            for _, item in session.prescriptions():
                exercise = catalogue.get(item.exercise)
                if exercise is None or exercise.category is Category.CROSS_TRAINING:
                    continue
                if exercise.id not in seen:
                    seen.add(exercise.id)
                    yield week.index, session, exercise


def level(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No exercise is above the runner's level: a beginner does beginner exercises, an
    intermediate runner beginner and intermediate ones.

    Evidence: the coaching reference (progress by dose first, then by a harder variant;
    regress when a movement hurts). Matching the catalogue's level to the runner's is a
    convention of runplan, not a measured threshold.
    """
    rank = plan.profile.level.rank
    for week, session, exercise in _exercises(plan, catalogue):
        if exercise.level.rank > rank:
            yield Violation(
                rule="level",
                week=week,
                date=session.date,
                message=f"{exercise.name} on {session.date} is {exercise.level.value} work; "
                f"the runner is {plan.profile.level.value}.",
            )


def suits(
    exercise: Exercise, *, have: set[Equipment], level: Level, pain: BackPain, neutral: bool
) -> bool:
    """True when a runner with equipment ``have``, at ``level``, with a back in state
    ``pain`` may do ``exercise``: nothing above their level or needing what they lack,
    nothing its ``avoid_when`` leaves out, and (with ``neutral``) spine-neutral work only
    while the back hurts. The builder chooses with it; ``easier_first`` checks with it."""
    if not exercise.needs() <= have or exercise.level.rank > level.rank:
        return False
    if pain in exercise.avoid_when:
        return False
    return not (neutral and pain is not BackPain.NONE and exercise.spine is not Spine.NEUTRAL)


def easier_fit(
    exercise: Exercise, catalogue: Catalogue, *, have: set[Equipment], level: Level, pain: BackPain
) -> Exercise | None:
    """The ``easier`` variant of ``exercise`` when the catalogue holds it and it suits the
    runner as core work (spine-neutral while the back hurts); none otherwise."""
    easier = catalogue.get(exercise.easier) if exercise.easier else None
    if easier is None or easier.id == exercise.id:
        return None
    return easier if suits(easier, have=have, level=level, pain=pain, neutral=True) else None


def easier_first(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """While the back flares, core work uses the easier variant: no exercise in a core
    session has an ``easier`` variant that the runner could do instead (one in the
    catalogue, with equipment they have, at beginner level, spine-neutral and not left out
    for a flare).

    Evidence: the coaching reference ("regress to an easier variant when a movement
    hurts"); "Lower Back Pain in Runners" (ease off while the back is painful). Keeping to
    the easier variant for the whole flare, not only its first weeks, is a convention of
    runplan: the plan cannot know the flare has settled until the runner re-plans.
    """
    if plan.profile.back_pain is not BackPain.FLARE:
        return
    have = set(plan.profile.equipment) | {Equipment.NONE}
    for core in each_session(plan, "core"):
        for _, item in core.session.prescriptions():
            exercise = catalogue.get(item.exercise)
            if exercise is None:
                continue
            easier = easier_fit(
                exercise, catalogue, have=have, level=Level.BEGINNER, pain=BackPain.FLARE
            )
            if easier is not None:
                yield core.violation(
                    "easier_first",
                    f"The core session on {core.session.date} holds {exercise.name}; while "
                    f"the back flares, {easier.name} comes in its place.",
                )


def avoid_when(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """No exercise appears while the back is in a state its ``avoid_when`` names.

    Evidence: the exercises' own cautions, from the source articles ("How Do I Prevent
    Lower Back Pain When Running?": supermans arch the back; "What Causes Low Back Pain
    Only When Running?": twisting crunches; "Lower Back Pain in Runners": forward bends).
    """
    pain = plan.profile.back_pain
    for week, session, exercise in _exercises(plan, catalogue):
        if pain in exercise.avoid_when:
            yield Violation(
                rule="avoid_when",
                week=week,
                date=session.date,
                message=f"{exercise.name} on {session.date} should be left out while the back "
                f"is {pain.value}.",
            )


def variety(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Strength work varies: no main-block exercise is in more than 60 % of a plan's core
    sessions (from 5 core sessions on), and no exercise is done twice on one day, in any
    block of any session.

    Evidence: Owen et al., Br J Sports Med 2020 (resistance and motor-control exercise both
    help; several patterns, not one) and the coaching reference ("does each core session
    train a few different things?"). The 60 % share is a convention of runplan.
    """
    for week in plan.weeks:
        for day, sessions in sorted(_by_day(week).items()):
            ids = [p.exercise for s in sessions for _, p in s.prescriptions()]
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                names = ", ".join(
                    catalogue[i].name if i in catalogue else i.replace("_", " ") for i in twice
                )
                yield Violation(
                    rule="variety",
                    week=week.index,
                    date=day,
                    message=f"{names} comes twice on {day}; once a day is enough.",
                )
    cores = [(w.index, s) for w in plan.weeks for s in w.sessions if s.kind is SessionKind.CORE]
    if len(cores) < VARIETY_MIN_SESSIONS:
        return
    limit = VARIETY_SHARE * len(cores)
    counts = Counter(
        item
        for _, session in cores
        for item in {p.exercise for name, p in session.prescriptions() if name is BlockName.MAIN}
    )
    flagged = [item for item, n in counts.items() if n > limit + EPS]
    for item in sorted(flagged):
        share = counts[item] / len(cores)
        name = catalogue[item].name if item in catalogue else item.replace("_", " ")
        last = max(w for w, s in cores if any(p.exercise == item for _, p in s.prescriptions()))
        yield Violation(
            rule="variety",
            week=last,
            date=None,
            message=f"{name} is in {counts[item]} of {len(cores)} core sessions "
            f"({share:.0%}); at most {VARIETY_SHARE:.0%} keeps the work varied.",
            excess=round(share / VARIETY_SHARE - 1, 3),
        )


def families(catalogue: Catalogue) -> dict[str, str]:
    """Each exercise's family: the exercises its ``easier`` and ``harder`` links join (a
    kneeling plank, the plank and the ball pike are one family), named by the family's
    first id in alphabetical order. An exercise without links is a family of its own."""
    links: dict[str, set[str]] = {i: set() for i in catalogue}
    for exercise in catalogue.values():
        for other in (exercise.easier, exercise.harder):
            if other is not None and other in catalogue and other != exercise.id:
                links[exercise.id].add(other)
                links[other].add(exercise.id)
    family: dict[str, str] = {}
    for start in sorted(catalogue):
        if start in family:
            continue
        group, todo = {start}, [start]
        while todo:
            for other in links[todo.pop()]:
                if other not in group:
                    group.add(other)
                    todo.append(other)
        family.update(dict.fromkeys(group, min(group)))
    return family


def one_variant(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A core session holds one variant of an exercise: never an easier and a harder one
    together (a plank and a kneeling plank, a side plank and a Spiderman plank). The harder
    variant replaces the easier one once the runner is ready for it.

    Evidence: the coaching reference ("progress an exercise by dose first, then by a harder
    variant; regress to an easier variant when a movement hurts": one takes the other's
    place). Counting every exercise the catalogue's ``easier``/``harder`` links join as
    one family is a convention of runplan.
    """
    family = families(catalogue)
    for core in each_session(plan, "core"):
        by_family: dict[str, list[str]] = {}
        for i in dict.fromkeys(p.exercise for p in core.items(BlockName.MAIN)):
            if i in family:
                by_family.setdefault(family[i], []).append(i)
        for group in by_family.values():
            if len(group) > 1:
                names = " and ".join(catalogue[i].name for i in group)
                yield core.violation(
                    "one_variant",
                    f"The core session on {core.session.date} holds {names}; one variant of "
                    "an exercise a session is enough.",
                )


def race_week_strength(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """Strength is lighter in the week of a race and stops before it: no core session on
    race day or in the 2 days before it, and at most 16 minutes in the days before that.

    Evidence: Bosquet et al., Med Sci Sports Exerc 2007 (a taper cuts training volume so
    the runner arrives fresh). The 2 days and 16 minutes are conventions of runplan.
    """
    race_date = plan.profile.race_date
    if race_date is None:
        return
    for core in each_session(plan, "core"):
        day, minutes = core.session.date, core.session.duration_minutes
        days_before = (race_date - day).days
        if 0 <= days_before <= RACE_STRENGTH_GAP_DAYS:
            yield core.violation(
                "race_week_strength",
                f"The core session on {day} is {_days(days_before)} the race; keep the last "
                f"{RACE_STRENGTH_GAP_DAYS} days before it free of strength work.",
            )
        elif days_before < 7 and minutes > RACE_WEEK_CORE_MINUTES:
            yield core.violation(
                "race_week_strength",
                f"The core session on {day}, in race week, lasts {minutes} min; keep it to "
                f"{RACE_WEEK_CORE_MINUTES}.",
                excess=round(minutes / RACE_WEEK_CORE_MINUTES - 1, 3),
            )


def _days(n: int) -> str:
    return "on the day of" if n == 0 else f"{n} day{'s' if n > 1 else ''} before"


__all__ = [
    "RACE_STRENGTH_GAP_DAYS",
    "RACE_WEEK_CORE_MINUTES",
    "VARIETY_MIN_SESSIONS",
    "VARIETY_SHARE",
    "avoid_when",
    "easier_first",
    "easier_fit",
    "families",
    "level",
    "one_variant",
    "race_week_strength",
    "suits",
    "variety",
]
