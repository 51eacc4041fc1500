"""The training rules, one named function each, and ``check_plan``.

Each rule function takes a plan and the catalogue and yields a ``Violation`` for every
breach. The numeric limits they test (``weekly_volume_limit``, ``single_run_limit``, ...)
are plain functions that the scheduler calls too, so the builder and the checker cannot
disagree. ``check_plan`` works on any plan, including one written by hand or converted
from another program.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..catalogue import Catalogue, load_catalogue
from ..plan import Plan
from .back_care import FLARE_CORE_NOTE, GENTLE_STRETCH_NOTE, MILD_CORE_NOTE, RED_FLAGS, back_pain
from .base import (
    COOL_DOWN_MUSCLES,
    CORE_MINUTES,
    EPS,
    FLARE_START_SHARE,
    HIP_FLEXOR_HOLD_SECONDS,
    PSOAS_PER_WEEK,
    RACE_WEEK_CORE_LEAST,
    RACE_WEEK_CORE_MINUTES,
    SAFETY_NOTE,
    SINGLE_RUN_SPIKE,
    SINGLE_RUN_WINDOW_DAYS,
    WEEKLY_LOOKBACK,
    Violation,
    covers,
)
from .flare import (
    FLARE_HOLD_WEEKS,
    flare_first_week,
    flare_run_spacing,
    flare_stages,
    run_walk_stage,
)
from .intensity import hard_days_apart, intensity
from .limits import (
    FAST_SHARE,
    FLARE_REST_DAYS,
    FLARE_STAGES,
    LONG_RUN_MAX,
    LONG_RUN_MAX_MINUTES,
    MARATHON_LONG_RUN_AIM,
    MARATHON_LONG_RUN_SHARE,
    MARATHON_PEAK_LONG_RUNS,
    NO_RACE_PEAK_GROWTH,
    PEAK_LONG_RUN_BAND,
    STRIDE_COUNT,
    STRIDE_SECONDS,
    STRIDES_FROM_WEEK,
    TAPER_DAYS,
    cutback_stretch,
    flare_runs_per_week,
    flare_session_limit,
    flare_week_limit,
    floor_half,
    floor_step,
    in_flare_rest,
    is_cutback_week,
    lighter_weeks,
    long_run_distance_cap,
    long_run_share_limit,
    longest_in_window,
    may_run_fast,
    may_run_tempo,
    near_peak,
    no_race_peak_limit,
    peak_long_run_limit,
    race_week_floor,
    single_run_limit,
    taper_start,
    weekly_volume_limit,
)
from .load import cutback_weeks, long_run, race_day, single_run_spike, taper, weekly_volume
from .log_signals import (
    FLARE_PAIN,
    HOLD_PAIN,
    REPEATED_PAIN,
    LoggedDay,
    MissedRuns,
    WeekRecord,
    flare_settled,
    missed_runs,
    pain_flare,
    pain_hold,
)
from .long_runs import (
    cutback_long_run,
    long_run_cap,
    long_run_share,
    marathon_peak_long_runs,
    no_race_peak,
)
from .runs import flare_rest_days, is_walk, run_steps
from .sessions import (
    HAMSTRING_STRETCH,
    HIP_FLEXOR_STRETCH,
    PSOAS_STRETCH,
    WARM_UP_MOVES,
    cool_down,
    core_off_long_run_day,
    core_strength,
    dose_progression,
    equipment,
    not_pre_run,
    psoas_every_week,
    rest,
    warm_up,
)
from .strength import (
    RACE_STRENGTH_GAP_DAYS,
    VARIETY_MIN_SESSIONS,
    VARIETY_SHARE,
    avoid_when,
    easier_first,
    easier_fit,
    families,
    level,
    one_variant,
    race_week_strength,
    suits,
    variety,
)

__all__ = [
    "CARE_WORK_RULES",
    "COOL_DOWN_MUSCLES",
    "CORE_MINUTES",
    "EPS",
    "FAST_SHARE",
    "FLARE_CORE_NOTE",
    "FLARE_HOLD_WEEKS",
    "FLARE_PAIN",
    "FLARE_REST_DAYS",
    "FLARE_STAGES",
    "FLARE_START_SHARE",
    "GENTLE_STRETCH_NOTE",
    "HAMSTRING_STRETCH",
    "HIP_FLEXOR_HOLD_SECONDS",
    "HIP_FLEXOR_STRETCH",
    "HOLD_PAIN",
    "LONG_RUN_MAX",
    "LONG_RUN_MAX_MINUTES",
    "MARATHON_LONG_RUN_AIM",
    "MARATHON_LONG_RUN_SHARE",
    "MARATHON_PEAK_LONG_RUNS",
    "MILD_CORE_NOTE",
    "NO_RACE_PEAK_GROWTH",
    "PEAK_LONG_RUN_BAND",
    "PSOAS_PER_WEEK",
    "PSOAS_STRETCH",
    "RACE_STRENGTH_GAP_DAYS",
    "RACE_WEEK_CORE_LEAST",
    "RACE_WEEK_CORE_MINUTES",
    "RED_FLAGS",
    "REPEATED_PAIN",
    "RULES",
    "SAFETY_NOTE",
    "SINGLE_RUN_SPIKE",
    "SINGLE_RUN_WINDOW_DAYS",
    "STRIDES_FROM_WEEK",
    "STRIDE_COUNT",
    "STRIDE_SECONDS",
    "TAPER_DAYS",
    "VARIETY_MIN_SESSIONS",
    "VARIETY_SHARE",
    "WARM_UP_MOVES",
    "WEEKLY_LOOKBACK",
    "LoggedDay",
    "MissedRuns",
    "Violation",
    "WeekRecord",
    "avoid_when",
    "back_pain",
    "check_plan",
    "cool_down",
    "core_off_long_run_day",
    "core_strength",
    "covers",
    "cutback_long_run",
    "cutback_stretch",
    "cutback_weeks",
    "dose_progression",
    "easier_first",
    "easier_fit",
    "equipment",
    "families",
    "flare_first_week",
    "flare_rest_days",
    "flare_run_spacing",
    "flare_runs_per_week",
    "flare_session_limit",
    "flare_settled",
    "flare_stages",
    "flare_week_limit",
    "floor_half",
    "floor_step",
    "hard_days_apart",
    "has_care_work",
    "in_flare_rest",
    "intensity",
    "is_cutback_week",
    "is_walk",
    "level",
    "lighter_weeks",
    "long_run",
    "long_run_cap",
    "long_run_distance_cap",
    "long_run_share",
    "long_run_share_limit",
    "longest_in_window",
    "marathon_peak_long_runs",
    "may_run_fast",
    "may_run_tempo",
    "missed_runs",
    "near_peak",
    "no_race_peak",
    "no_race_peak_limit",
    "not_pre_run",
    "one_variant",
    "pain_flare",
    "pain_hold",
    "peak_long_run_limit",
    "psoas_every_week",
    "race_day",
    "race_week_floor",
    "race_week_strength",
    "rest",
    "run_steps",
    "run_walk_stage",
    "single_run_limit",
    "single_run_spike",
    "suits",
    "taper",
    "taper_start",
    "variety",
    "warm_up",
    "weekly_volume",
    "weekly_volume_limit",
]


#: Every rule, in the order check_plan applies them.
RULES: tuple[Callable[[Plan, Catalogue], Iterator[Violation]], ...] = (
    weekly_volume,
    single_run_spike,
    cutback_weeks,
    long_run,
    warm_up,
    cool_down,
    core_strength,
    core_off_long_run_day,
    not_pre_run,
    psoas_every_week,
    rest,
    dose_progression,
    back_pain,
    taper,
    race_day,
    equipment,
    long_run_share,
    long_run_cap,
    cutback_long_run,
    marathon_peak_long_runs,
    no_race_peak,
    intensity,
    hard_days_apart,
    run_steps,
    flare_rest_days,
    flare_first_week,
    flare_run_spacing,
    flare_stages,
    level,
    avoid_when,
    easier_first,
    one_variant,
    variety,
    race_week_strength,
)


#: The care rules that fire on every run or week of a plan with no care work at all.
CARE_WORK_RULES = frozenset({"warm_up", "cool_down", "core_strength", "psoas_every_week"})


def has_care_work(plan: Plan) -> bool:
    """True when any session of the plan holds warm-up, cool-down or strength work
    (a plan from a book or another app usually has none)."""
    return any(session.blocks for session in plan.sessions())


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
