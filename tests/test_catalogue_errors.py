"""Every way a catalogue file can be wrong gives one CatalogueError sentence naming the file
and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from runplan import CatalogueError, load_catalogue

GOOD = """
  - id: wall_sit
    name: Wall sit
    category: strength
    muscles: {primary: [quadriceps]}
    spine: neutral
    dose: {sets: 2, hold_seconds: 30}
    steps: [Back on the wall., Sit and hold.]
"""


def entry(**changes: str) -> str:
    """GOOD with some lines replaced (key -> new line, or '' to drop the line)."""
    lines = []
    for line in GOOD.strip("\n").splitlines():
        key = line.strip().lstrip("- ").split(":")[0]
        if key in changes:
            if changes[key]:
                lines.append(("  - " if line.lstrip().startswith("-") else "    ") + changes[key])
        else:
            lines.append(line)
    return "exercises:\n" + "\n".join(lines) + "\n"


def check(write, text: str, *needles: str) -> CatalogueError:  # type: ignore[no-untyped-def]
    path: Path = write("bad.yaml", text)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path, builtin=False)
    message = str(info.value)
    assert "bad.yaml" in message
    for needle in needles:
        assert needle in message, message
    assert message.count("\n") == 0 and message.endswith(".")
    return info.value


def test_malformed_yaml_names_the_line(write) -> None:  # type: ignore[no-untyped-def]
    check(write, "exercises:\n  - id: x\n    name: [unclosed\n", "not valid YAML", "line 4")


def test_top_level_must_be_a_mapping(write) -> None:  # type: ignore[no-untyped-def]
    check(write, "- id: plank\n", "must be a mapping", "list")


def test_empty_file_is_refused(write) -> None:  # type: ignore[no-untyped-def]
    check(write, "", "must be a mapping", "empty")


def test_unknown_top_level_key(write) -> None:  # type: ignore[no-untyped-def]
    check(write, "exercise: []\n", "unknown top-level key 'exercise'")


def test_missing_required_field(write) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(name=""), "'wall_sit'", "missing the required field 'name'")


def test_unknown_field_lists_the_known_ones(write) -> None:  # type: ignore[no-untyped-def]
    check(
        write,
        entry(spine="spine: neutral\n    colour: red"),
        "'wall_sit'",
        "unknown field 'colour'",
        "cautions",
    )


def test_unknown_category_lists_the_valid_ones(write) -> None:  # type: ignore[no-untyped-def]
    check(
        write,
        entry(category="category: cardio"),
        "'wall_sit'",
        "category 'cardio'",
        "cross_training",
    )


def test_unknown_equipment_lists_the_valid_ones(write) -> None:  # type: ignore[no-untyped-def]
    check(
        write,
        entry(spine="spine: neutral\n    equipment: [kettle]"),
        "'wall_sit'",
        "equipment 'kettle'",
        "exercise_ball",
    )


def test_unknown_muscle_lists_the_valid_ones(write) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(muscles="muscles: {primary: [biceps]}"), "muscles.primary 'biceps'", "psoas")


def test_duplicate_ids_in_one_file(write) -> None:  # type: ignore[no-untyped-def]
    text = "exercises:\n" + GOOD.strip("\n") + "\n" + GOOD.strip("\n") + "\n"
    check(write, text, "'wall_sit' appears twice", "entries 1 and 2")


def test_link_to_a_missing_id(write) -> None:  # type: ignore[no-untyped-def]
    check(
        write,
        entry(spine="spine: neutral\n    harder: wall_sit_pro"),
        "'wall_sit'",
        "harder",
        "'wall_sit_pro'",
    )


def test_dose_with_both_reps_and_hold(write) -> None:  # type: ignore[no-untyped-def]
    check(
        write,
        entry(dose="dose: {sets: 2, reps: 10, hold_seconds: 30}"),
        "exactly one of",
        "reps and hold_seconds",
    )


def test_dose_with_neither_reps_nor_hold(write) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(dose="dose: {sets: 2}"), "exactly one of", "none of them")


@pytest.mark.parametrize(
    "dose", ["{sets: 2, reps: -3}", "{sets: 0, reps: 10}", "{sets: 2, hold_seconds: 0}"]
)
def test_negative_or_zero_dose(write, dose: str) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(dose=f"dose: {dose}"), "'wall_sit'", "greater than 0")


def test_missing_file() -> None:
    with pytest.raises(CatalogueError, match=r"nowhere\.yaml does not exist"):
        load_catalogue("nowhere.yaml")


def test_python_object_tag_is_refused(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    text = f"exercises: !!python/object/apply:os.system ['touch {marker}']\n"
    check(write, text, "YAML tag", "line 1")
    assert not marker.exists()


def test_bad_id_pattern(write) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(id="id: Wall-Sit"), "'Wall-Sit'", "'id'")


def test_entry_without_id_is_named_by_number(write) -> None:  # type: ignore[no-untyped-def]
    check(write, entry(id="name: x"), "#1")
