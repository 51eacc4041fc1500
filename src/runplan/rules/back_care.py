"""The back-pain rule: what mild pain and a flare change in a plan."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import Catalogue, Level, Spine
from ..plan import Plan, RunType, SessionKind
from ..profile import BackPain
from .base import (
    EPS,
    SAFETY_NOTE,
    Violation,
    _facts,
    _fmt,
    _is_full_week,
    _is_race,
    _limit,
    _training_runs,
)
from .limits import (
    flare_week_limit,
)

#: The note a core session carries while the back is sore; it is true of what is in it.
MILD_CORE_NOTE = (
    "Your back is sore, so every exercise in this session keeps the spine neutral: no "
    "bending, arching or twisting."
)
#: The note a mobility session carries while the back hurts and it holds a stretch that
#: bends or twists the spine: those are for comfort, taken only as far as feels easy.
GENTLE_STRETCH_NOTE = (
    "Your back is sore: take the bending and twisting stretches gently, only as far as is "
    "comfortable."
)
#: The note a core session carries while the back flares: easier variants, spine neutral.
FLARE_CORE_NOTE = (
    "Your back is flaring, so this session uses the easier variants and keeps the spine "
    "neutral: no bending, arching or twisting."
)
#: Warning signs that need a doctor the same day (clinical guidelines for low back pain).
RED_FLAGS = (
    "See a doctor the same day if back pain comes with numbness in the groin or legs, new leg "
    "weakness, bladder or bowel changes, fever, pain at night that does not ease, or follows "
    "a fall."
)


def back_pain(plan: Plan, catalogue: Catalogue) -> Iterator[Violation]:
    """A sore back changes the plan. Mild: weekly volume holds (no increase) and core
    sessions hold spine-neutral exercises only. A new runner (``weekly_distance`` 0) with a
    mild back has no volume to hold: the run/walk programme goes on within the weekly and
    single-run rules, as plans for back-sensitive beginners do (they stretch the
    Couch-to-5K path over 10 to 12 weeks; coaching reference, practice). Flare: fewer runs
    and less distance, runs swapped for the runner's cross training, run/walk for the runs
    that remain, core work at beginner level (easier variants first: rule
    ``easier_first``), every session says to stop on sharp pain and see a physical
    therapist, and the plan's warnings list the red flags that need a doctor the same day.

    Evidence: "Lower Back Pain in Runners" (cut frequency and distance, swap in swimming or
    cycling, stop on intense pain, see a physical therapist) and "How Do I Prevent Lower
    Back Pain When Running?" (limit activity for a few days after a strain); red flags from
    clinical guidelines for low back pain (coaching reference).
    """
    profile = plan.profile
    if profile.back_pain is BackPain.NONE:
        return
    facts = _facts(plan, catalogue)
    base = profile.start_volume
    holds = not (profile.back_pain is BackPain.MILD and profile.is_beginner)
    for i, week in enumerate(plan.weeks, start=1):
        if holds and facts.volumes[i] > base + EPS:
            yield Violation(
                rule="back_pain",
                week=week.index,
                date=None,
                message=f"Week {week.index} runs {_fmt(facts.volumes[i])} {plan.unit}, more than "
                f"the {_fmt(base)} {plan.unit} the runner was doing before the back hurt.",
            )
        for core in (s for s in week.sessions if s.kind is SessionKind.CORE):
            exercises = [
                ex for _, p in core.prescriptions() if (ex := catalogue.get(p.exercise)) is not None
            ]
            bent = sorted({ex.name for ex in exercises if ex.spine is not Spine.NEUTRAL})
            if bent:
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} holds {', '.join(bent)}; "
                    "a sore back gets spine-neutral core work only.",
                )
            hard = sorted({ex.name for ex in exercises if ex.level is not Level.BEGINNER})
            if profile.back_pain is BackPain.FLARE and hard:
                yield Violation(
                    rule="back_pain",
                    week=week.index,
                    date=core.date,
                    message=f"The core session on {core.date} holds {', '.join(hard)}; "
                    "a flaring back gets beginner exercises only.",
                )
    if profile.back_pain is not BackPain.FLARE:
        return
    if RED_FLAGS not in plan.warnings:
        yield Violation(
            rule="back_pain",
            week=1,
            date=None,
            message="A plan for a flaring back lists in its warnings the signs that need a "
            "doctor the same day.",
        )
    for i, week in enumerate(plan.weeks, start=1):
        limit = flare_week_limit(base)
        if facts.volumes[i] > limit + EPS:
            yield Violation(
                rule="back_pain",
                week=week.index,
                date=None,
                message=f"Week {week.index} of a flare runs {_fmt(facts.volumes[i])} {plan.unit}; "
                f"a flare starts at half the usual {_fmt(base)} {plan.unit} and grows from the "
                f"week before, so at most {_limit(limit, plan)} is allowed.",
            )
        runs = _training_runs(week)
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
