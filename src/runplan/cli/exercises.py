"""The catalogue's commands: ``runplan exercises`` and ``runplan exercise``."""

from __future__ import annotations

import argparse
import difflib
import json
import sys

from ..catalogue import Exercise
from ..errors import PlanError
from ..render import dose_text, table_lines
from ..strength import prescribe
from .inputs import catalogue_from


def _progression_unit(exercise: Exercise) -> str:
    """The unit a progression counts in, as the dose does: " s", " min" or " reps"."""
    dose = exercise.dose
    if dose.hold_seconds is not None:
        return " s"
    if dose.minutes is not None:
        return " min"
    return " reps"


def _dose(exercise: Exercise) -> str:
    return dose_text(prescribe(exercise, 0))


def cmd_exercises(args: argparse.Namespace) -> int:
    """``runplan exercises``: the catalogue as a table or JSON, optionally filtered."""
    catalogue = catalogue_from(args.catalogue).filter(
        category=args.category, equipment=args.equipment, level=args.level
    )
    if args.json:
        print(json.dumps([e.model_dump(mode="json") for e in catalogue.values()], indent=2))
        return 0
    # No name column: names mostly repeat the id, and ``runplan exercise ID`` shows them.
    rows = [("id", "category", "level", "equipment", "dose")]
    for e in catalogue.values():
        equipment = ", ".join(q.value for q in e.equipment)
        rows.append((e.id, e.category.value, e.level.value, equipment, _dose(e)))
    for line in table_lines(rows, TABLE_WIDTH, shrink={3: 10, 0: 24}):
        print(line)
    print(f"{len(catalogue)} exercises", file=sys.stderr)
    return 0


#: The widest line ``runplan exercises`` prints.
TABLE_WIDTH = 100


def cmd_exercise(args: argparse.Namespace) -> int:
    """``runplan exercise``: one exercise in full, or the closest ids when none matches."""
    catalogue = catalogue_from(args.catalogue)
    exercise = catalogue.lookup(args.id)
    if exercise is None:
        names = {e.id: e.id for e in catalogue.values()}
        for e in catalogue.values():
            names.update({alias.lower(): e.id for alias in (e.name, *e.aliases)})
        close = difflib.get_close_matches(args.id.lower(), list(names), n=5, cutoff=0.5)
        ids = list(dict.fromkeys(names[c] for c in close))
        hint = f" Did you mean: {', '.join(ids)}?" if ids else " List them with: runplan exercises"
        raise PlanError(f"Unknown exercise '{args.id}'.{hint}")
    gear = [q.value.replace("_", " ") for q in exercise.equipment if q.value != "none"]
    lines = [
        f"{exercise.name} ({exercise.id})",
        f"{exercise.category.value}, {exercise.level.value}, "
        f"needs {', '.join(gear) or 'nothing'}, spine {exercise.spine.value}",
        f"Dose: {_dose(exercise)}, {exercise.dose.rest_seconds} s rest between sets",
    ]
    if exercise.progression is not None:
        unit = _progression_unit(exercise)
        step = exercise.progression.step
        lines.append(
            f"Progression: up to {exercise.progression.target}{unit}, "
            f"{step}{unit.removesuffix('s') if step == 1 and unit == ' reps' else unit} "
            "more a week at most"
        )
    if exercise.aliases:
        lines.append(f"Also called: {', '.join(exercise.aliases)}")
    lines.append("")
    lines.append("Steps:")
    lines.extend(f"  {n}. {step}" for n, step in enumerate(exercise.steps, start=1))
    for title, items in (("Cues", exercise.cues), ("Cautions", exercise.cautions)):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  - {item}" for item in items)
    for title, link in (("Easier", exercise.easier), ("Harder", exercise.harder)):
        if link:
            lines.append(f"{title}: {link}")
    if exercise.sources:
        lines.append(f"Sources: {'; '.join(exercise.sources)}")
    print("\n".join(lines))
    return 0
