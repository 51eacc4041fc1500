"""The catalogue's fixed vocabulary: the names an exercise (and a runner's profile) is
described with, from category and level to muscles, spine load, timing and pattern."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "BackPain",
    "Category",
    "Equipment",
    "Laterality",
    "Level",
    "Muscle",
    "Pattern",
    "Spine",
    "Timing",
]


class Category(StrEnum):
    """What kind of work an exercise is."""

    CORE = "core"
    STRENGTH = "strength"
    BALANCE = "balance"
    ACTIVATION = "activation"
    STRETCH = "stretch"
    DYNAMIC = "dynamic"
    MOBILITY = "mobility"
    CROSS_TRAINING = "cross_training"


class Level(StrEnum):
    """How much experience an exercise asks for (also a runner's level)."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        """0 for beginner, 1 for intermediate, 2 for advanced."""
        return _LEVEL_RANK[self.value]


_LEVEL_RANK = {"beginner": 0, "intermediate": 1, "advanced": 2}


class Equipment(StrEnum):
    """What an exercise needs; ``none`` means nothing at all."""

    NONE = "none"
    MAT = "mat"
    EXERCISE_BALL = "exercise_ball"
    MEDICINE_BALL = "medicine_ball"
    RESISTANCE_BAND = "resistance_band"
    FOAM_ROLLER = "foam_roller"
    YOGA_BLOCK = "yoga_block"
    WALL = "wall"
    STEP = "step"
    POOL = "pool"
    BIKE = "bike"


class Muscle(StrEnum):
    """The fixed vocabulary of muscles (and systems) an exercise works."""

    HIP_FLEXORS = "hip_flexors"
    PSOAS = "psoas"
    GLUTE_MAX = "glute_max"
    GLUTE_MED = "glute_med"
    HIP_ROTATORS = "hip_rotators"
    ADDUCTORS = "adductors"
    HAMSTRINGS = "hamstrings"
    QUADRICEPS = "quadriceps"
    CALVES = "calves"
    FEET = "feet"
    TRANSVERSE_ABDOMINIS = "transverse_abdominis"
    RECTUS_ABDOMINIS = "rectus_abdominis"
    OBLIQUES = "obliques"
    ERECTOR_SPINAE = "erector_spinae"
    MULTIFIDUS = "multifidus"
    LATS = "lats"
    SHOULDERS = "shoulders"
    UPPER_BACK = "upper_back"
    CHEST = "chest"
    CARDIOVASCULAR = "cardiovascular"


class Spine(StrEnum):
    """How an exercise loads the lower back; a painful back gets ``neutral`` first."""

    NEUTRAL = "neutral"
    FLEXION = "flexion"
    EXTENSION = "extension"
    ROTATION = "rotation"


class Laterality(StrEnum):
    """Whether a dose is done once (bilateral) or for each side."""

    BILATERAL = "bilateral"
    PER_SIDE = "per_side"
    ALTERNATING = "alternating"


class Timing(StrEnum):
    """Where in a day an exercise may go relative to a run."""

    ANY = "any"
    PRE_RUN = "pre_run"
    POST_RUN = "post_run"
    NOT_PRE_RUN = "not_pre_run"


class BackPain(StrEnum):
    """How the back is now: ``mild`` is stiff or sore after runs, ``flare`` hurts while running."""

    NONE = "none"
    MILD = "mild"
    FLARE = "flare"


class Pattern(StrEnum):
    """What an exercise trains; sessions are filled by pattern."""

    ANTI_EXTENSION = "anti_extension"
    ANTI_ROTATION = "anti_rotation"
    LATERAL = "lateral"
    HIP_EXTENSION = "hip_extension"
    SINGLE_LEG = "single_leg"
    HIP_ABDUCTION = "hip_abduction"
    TRUNK_FLEXION = "trunk_flexion"
    BACK_EXTENSION = "back_extension"
    MOBILITY = "mobility"
    WARM_UP = "warm_up"
    COOL_DOWN = "cool_down"
