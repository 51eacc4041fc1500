"""Extend the catalogue with your own exercises from a YAML file and use them.

python examples/custom_exercise.py
"""

from pathlib import Path

import runplan

here = Path(__file__).resolve().parent
catalogue = runplan.load_catalogue(here / "my_exercises.yaml")

wall_sit = catalogue["wall_sit"]
print(f"{wall_sit.name}: {wall_sit.dose.sets} x {wall_sit.dose.hold_seconds} s")
print(f"Cycling is now: {catalogue['cycling'].name}, {catalogue['cycling'].dose.minutes} min")

# A flare swaps a run for cross training; with this catalogue it is the 45-minute class.
profile = runplan.RunnerProfile.from_file(here / "back_flare.yaml")
plan = runplan.build_plan(profile, catalogue)
swap = next(s for s in plan.sessions() if s.kind is runplan.SessionKind.CROSS_TRAINING)
print(swap.date, swap.title)
