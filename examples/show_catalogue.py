"""Print the built-in exercise catalogue, one line per exercise."""

from runplan import load_catalogue

catalogue = load_catalogue()
for exercise in catalogue.values():
    dose = exercise.dose
    amount = (
        f"{dose.reps} reps"
        if dose.reps
        else f"{dose.hold_seconds} s"
        if dose.hold_seconds
        else f"{dose.minutes} min"
    )
    side = " per side" if exercise.per_side else ""
    print(f"{exercise.id:36} {exercise.category.value:15} {dose.sets} x {amount}{side}")
print(f"{len(catalogue)} exercises")
