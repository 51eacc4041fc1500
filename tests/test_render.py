"""The text and Markdown views of a plan are pure functions of the plan."""

from __future__ import annotations

import pytest

from runplan import (
    PaceRange,
    Prescription,
    RepeatStep,
    RunStep,
    SessionKind,
    StepKind,
    build_plan,
)
from runplan.render import (
    DISCLAIMER,
    dose_text,
    fmt_distance,
    fmt_duration,
    session_text,
    step_text,
    summary,
    to_markdown,
    week_figures,
)

from .profiles import example, with_steps, without_steps


def test_dose_text_reads_like_a_coach() -> None:
    assert dose_text(Prescription(exercise="ball_pike", sets=3, reps=12)) == "3 x 12 reps"
    assert (
        dose_text(Prescription(exercise="side_plank", sets=2, hold_seconds=30, per_side=True))
        == "2 x 30 s per side"
    )
    assert dose_text(Prescription(exercise="swimming", minutes=30)) == "30 min"
    assert (
        dose_text(Prescription(exercise="calf_stretch", hold_seconds=30, per_side=True))
        == "30 s per side"
    )


def test_session_text_has_blocks_doses_cues_notes_and_disclaimer() -> None:
    plan = build_plan(example("exercise_ball"))
    run = next(s for s in plan.sessions() if s.kind is SessionKind.RUN)
    text = session_text(run, "km")
    assert text.splitlines()[0].startswith(f"{run.run.distance:g} km, about")  # type: ignore[union-attr]
    assert "\nWarm-up\n- Leg swings: 10 reps per side\n" in text
    assert "\nCool-down\n" in text and "Kneeling hip-flexor stretch: 60 s per side" in text
    assert "\nNotes\n- " in text and text.endswith(DISCLAIMER)
    core = next(
        s
        for s in plan.sessions()
        if s.kind is SessionKind.CORE
        and any(p.exercise == "ball_pike" for _, p in s.prescriptions())
    )
    assert "- Ball pike: 3 x 10 reps\n  Lead with your hips, not your knees." in session_text(
        core, "km"
    )
    for marker in ("**", "##", "<", "`"):
        assert marker not in text


def test_summary_counts_and_marks_weeks() -> None:
    plan = build_plan(example("half_marathon_race"))
    text = summary(plan)
    lines = text.splitlines()
    assert lines[1].startswith(
        f"{sum(1 for s in plan.sessions() if s.kind is SessionKind.RUN)} runs"
    )
    assert "race day" in lines[1]
    week_lines = [line for line in lines if line.startswith("week")]
    assert len(week_lines) == len(plan.weeks)
    assert week_lines[3].endswith("cutback") and week_lines[-1].endswith("race")
    assert week_lines[-2].endswith("taper")
    biggest = max(plan.weeks, key=lambda w: w.distance)
    assert "#" * 30 in week_lines[biggest.index - 1]


def test_markdown_has_a_section_per_week() -> None:
    plan = build_plan(example("back_pain_flare"))
    md = to_markdown(plan)
    assert md.count("\n## Week ") == len(plan.weeks)
    assert "| When | Session | Minutes |" in md and DISCLAIMER in md
    assert "- Swimming: 30 min" in md or "- Cycling: 30 min" in md


def test_markdown_shows_what_the_calendar_shows() -> None:
    plan = with_steps(build_plan(example("back_pain_flare")))
    md = to_markdown(plan)
    run = next(s for s in plan.sessions() if s.kind is SessionKind.RUN)
    # Run/walk as steps, the repeat as such, between labelled walks.
    assert "1. Brisk walk 5 min\n2. 8 x (Run 3 min, Walk 1 min)\n3. Cool-down walk 5 min" in md
    # Warm-up and cool-down are labelled blocks with one exercise a line, not one cell.
    assert "**Warm-up**\n\n- Leg swings: 10 reps per side\n" in md
    assert "**Cool-down**\n\n- Calf stretch: 30 s per side\n" in md
    # Every session's notes, so the flare's stop-on-sharp-pain line, as often as the .ics.
    for note in run.notes:
        assert f"- {note}" in md
    sessions = [s for s in plan.sessions() if s.kind is not SessionKind.REST]
    assert md.count("Stop at once if you feel sharp pain") == len(sessions)
    assert md.count(DISCLAIMER) == 1 + len(plan.weeks)
    assert max(len(line) for line in md.splitlines()) < 250


def test_markdown_overview_has_minutes_and_totals_count_the_race() -> None:
    plan = build_plan(example("half_marathon_race"))
    md = to_markdown(plan)
    assert "| Week | Starts | Kind | Distance | Long run | Minutes | Sessions |" in md
    figures = week_figures(plan)
    race = next(s for s in plan.sessions() if s.kind is SessionKind.RACE)
    last = figures[-1]
    assert last.race == race.distance and last.distance == pytest.approx(
        plan.weeks[-1].distance + race.distance
    )
    minutes = sum(s.duration_minutes for s in plan.weeks[0].sessions)
    assert f"| 1 | {plan.weeks[0].start:%a %d %b} | build | " in md
    assert f" | {minutes} | " in md.split("\n| 2 |")[0]
    total = sum(w.distance for w in plan.weeks) + race.distance
    assert f"**{fmt_distance(total)} km** with the race" in md


def test_summary_totals_count_the_race() -> None:
    plan = build_plan(example("half_marathon_race"))
    race = next(s for s in plan.sessions() if s.kind is SessionKind.RACE)
    total = sum(w.distance for w in plan.weeks) + race.distance
    minutes = sum(s.duration_minutes for s in plan.sessions())
    line = summary(plan).splitlines()[2]
    assert line == (
        f"In all: {fmt_distance(total)} km of running with the race, "
        f"{fmt_duration(minutes)} of training"
    )


@pytest.mark.parametrize(
    ("step", "text"),
    [
        (RunStep(kind=StepKind.WALK, minutes=1), "Walk 1 min"),
        (RunStep(kind=StepKind.STRIDE, minutes=20 / 60), "Stride 20 s"),
        (RunStep(kind=StepKind.RUN, minutes=2.5), "Run 2 min 30 s"),
        (
            RunStep(kind=StepKind.TEMPO, distance=3.2, pace=PaceRange(slow=330, fast=315)),
            "Tempo 3.2 km at 5:15-5:30 /km",
        ),
        (
            RepeatStep(
                repeat=8,
                steps=[
                    RunStep(kind=StepKind.RUN, minutes=3),
                    RunStep(kind=StepKind.WALK, minutes=1),
                ],
            ),
            "8 x (Run 3 min, Walk 1 min)",
        ),
    ],
)
def test_step_text(step: RunStep | RepeatStep, text: str) -> None:
    assert step_text(step, "km") == text


def test_session_text_lists_run_steps_when_the_plan_has_them() -> None:
    plan = with_steps(build_plan(example("back_pain_flare")))
    run = next(s for s in plan.sessions() if s.kind is SessionKind.RUN)
    assert (
        "\nSteps\n- Brisk walk 5 min\n- 8 x (Run 3 min, Walk 1 min)\n- Cool-down walk 5 min\n"
        in (session_text(run, "km"))
    )
    bare = without_steps(build_plan(example("back_pain_flare")))
    assert "Steps" not in session_text(next(s for s in bare.sessions() if s.run), "km")


@pytest.mark.parametrize(("minutes", "text"), [(45, "45 min"), (60, "1 h"), (95, "1 h 35 min")])
def test_fmt_duration(minutes: int, text: str) -> None:
    assert fmt_duration(minutes) == text
