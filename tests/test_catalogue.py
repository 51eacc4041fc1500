"""The built-in catalogue's content and the Catalogue API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import runplan
from runplan import Catalogue, Category, Equipment, Laterality, Spine, Timing, load_catalogue

from .conftest import ROOT

SOURCE_TITLES = {
    "How to Prevent Back Pain While Running",
    "What Causes Low Back Pain Only When Running?",
    "Lower Back Pain in Runners: Why It Happens and How to Fix It",
    "Why do you have back pain when running",
    "How Do I Prevent Lower Back Pain When Running?",
}

# Every exercise the source articles name, as the issue lists them (id or alias).
REQUIRED = [
    "plank", "side plank", "side bridge", "Spiderman plank", "dead bug", "glute bridge",
    "hip thrust", "ball pike", "bicycle crunch", "single-leg T balance", "leg lowers",
    "superman", "draw-in maneuver", "pelvic tilt", "lying lateral leg lift",
    "glute activation", "bird dog", "standing hamstring stretch", "seated hamstring stretch",
    "forward bend", "lunge", "hip-flexor stretch", "psoas stretch", "pigeon pose",
    "butterfly stretch", "calf stretch", "knee-to-chest stretch",
    "lower-back rotational stretch", "cat stretch", "child's pose", "leg swings",
    "hip circles", "torso twists", "ankle and foot warm-up", "foam rolling", "Pilates",
    "yoga", "Tai Chi", "swimming", "cycling",
]  # fmt: skip


def test_builtin_catalogue_has_at_least_38_exercises(cat: Catalogue) -> None:
    assert len(cat) >= 38


@pytest.mark.parametrize("name", REQUIRED)
def test_every_article_exercise_is_in_the_catalogue(cat: Catalogue, name: str) -> None:
    assert cat.lookup(name) is not None, name


def test_every_exercise_cites_the_articles_and_has_own_words_steps(cat: Catalogue) -> None:
    for ex in cat.values():
        assert ex.sources, ex.id
        assert set(ex.sources) <= SOURCE_TITLES, ex.id
        assert 2 <= len(ex.steps) <= 6, ex.id
        assert ex.cues, ex.id
        for line in [*ex.steps, *ex.cues, *ex.cautions]:
            assert line.strip() == line and line[0].isupper() and line.endswith("."), (ex.id, line)


def test_seed_doses_match_the_articles(cat: Catalogue) -> None:
    pike = cat["ball_pike"]
    assert (pike.dose.sets, pike.dose.reps) == (3, 10)
    assert pike.progression is not None and pike.progression.target == 20
    assert Equipment.EXERCISE_BALL in pike.equipment
    t = cat["single_leg_t_balance"]
    assert (t.dose.sets, t.dose.reps, t.laterality) == (3, 10, Laterality.PER_SIDE)
    bike = cat["bicycle_crunch"]
    assert (bike.dose.sets, bike.dose.reps) == (3, 10) and bike.per_side
    lowers = cat["leg_lowers"]
    assert lowers.dose.reps == 10 and lowers.progression and lowers.progression.target == 20
    psoas = cat["psoas_stretch"]
    assert psoas.dose.hold_seconds == 30 and psoas.progression and psoas.progression.target == 60
    hip = cat["hip_flexor_stretch"]
    assert hip.dose.hold_seconds == 60 and hip.progression and hip.progression.target == 120
    assert cat["spiderman_plank"].timing is Timing.NOT_PRE_RUN
    assert any("before" in c and "run" in c for c in cat["spiderman_plank"].cautions)


def test_progressions_link_easier_and_harder_variants(cat: Catalogue) -> None:
    # Links stay within a pattern, so a harder variant takes over the same job.
    assert cat["kneeling_plank"].harder == "plank" and cat["plank"].easier == "kneeling_plank"
    assert cat["side_plank"].harder == "spiderman_plank"
    assert cat["bicycle_crunch"].easier == "dead_bug"  # its caution: swap for dead bugs
    assert cat["glute_bridge"].harder == "hip_thrust"
    assert cat["hip_thrust"].easier == "glute_bridge"
    for ex in cat.values():
        for link in (ex.easier, ex.harder):
            assert link is None or link in cat


def test_catalogue_is_a_read_only_mapping_in_file_order(cat: Catalogue) -> None:
    assert "plank" in cat and cat["plank"].name == "Plank"
    assert next(iter(cat)) == "plank"
    with pytest.raises(TypeError):
        cat["plank"] = cat["plank"]  # type: ignore[index]
    with pytest.raises(Exception, match="frozen"):
        cat["plank"].name = "x"  # type: ignore[misc]


def test_filter_by_each_criterion(cat: Catalogue) -> None:
    core = cat.filter(category="core")
    assert "plank" in core and "psoas_stretch" not in core
    assert set(cat.filter(equipment=Equipment.EXERCISE_BALL)) == {"ball_pike"}
    mat_only = cat.filter(available=["mat"])
    assert "plank" in mat_only and "ball_pike" not in mat_only and "swimming" not in mat_only
    assert all(e.spine is Spine.NEUTRAL for e in cat.filter(spine="neutral").values())
    assert "psoas_stretch" in cat.filter(muscle="psoas")
    assert all(e.level.value == "advanced" for e in cat.filter(level="advanced").values())
    both = cat.filter(category=Category.STRETCH, muscle="hamstrings")
    assert "seated_hamstring_stretch" in both and "leg_swings" not in both


def test_filter_rejects_unknown_names_with_the_choices(cat: Catalogue) -> None:
    with pytest.raises(runplan.CatalogueError, match=r"Unknown equipment 'kettle'.*exercise_ball"):
        cat.filter(equipment="kettle")


def test_user_file_replaces_and_adds_entries(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "mine.yaml",
        """
exercises:
  - id: plank
    name: My plank
    category: core
    muscles: {primary: [transverse_abdominis]}
    spine: neutral
    dose: {sets: 1, hold_seconds: 15}
    harder: side_plank
    steps: [Get down., Hold it.]
  - id: wall_sit
    name: Wall sit
    category: strength
    equipment: [wall]
    muscles: {primary: [quadriceps]}
    spine: neutral
    dose: {sets: 2, hold_seconds: 30}
    steps: [Back on the wall., Sit and hold.]
""",
    )
    cat = load_catalogue(path)
    assert cat["plank"].name == "My plank"
    assert next(iter(cat)) == "plank" and list(cat)[-1] == "wall_sit"
    with pytest.raises(runplan.CatalogueError, match="side_plank"):
        load_catalogue(path, builtin=False)  # its link needs the built-in side plank


def test_user_file_alone_checks_links_against_itself(write) -> None:  # type: ignore[no-untyped-def]
    path = write(
        "alone.yaml",
        """
exercises:
  - id: wall_sit
    name: Wall sit
    category: strength
    muscles: {primary: [quadriceps]}
    spine: neutral
    dose: {sets: 2, hold_seconds: 30}
    steps: [Back on the wall., Sit and hold.]
""",
    )
    assert list(load_catalogue(path, builtin=False)) == ["wall_sit"]


def test_committed_json_schema_matches_the_models() -> None:
    committed = json.loads((ROOT / "exercises.schema.json").read_text(encoding="utf-8"))
    assert committed == runplan.catalogue_schema(), (
        "exercises.schema.json is stale: regenerate it with "
        'python -c "import json, runplan; print(json.dumps(runplan.catalogue_schema(), indent=2))"'
    )


def test_schema_accepts_the_builtin_file_shape() -> None:
    schema = runplan.catalogue_schema()
    assert schema["required"] == ["exercises"]
    exercise = schema["$defs"]["Exercise"]
    assert exercise["additionalProperties"] is False
    assert "plank" not in json.dumps(schema)  # a schema, not data
    assert set(exercise["properties"]) >= {"id", "dose", "spine", "timing", "sources"}


def test_builtin_path_points_at_a_real_file() -> None:
    from runplan.catalogue import builtin_catalogue_path

    assert Path(builtin_catalogue_path()).is_file()
