"""The text views of a plan are pure functions of the plan."""

from __future__ import annotations

from runplan import Prescription, SessionKind, build_plan
from runplan.render import DISCLAIMER, dose_text, session_text, summary, to_markdown

from .profiles import example


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
    assert "| When | Session | What to do |" in md and DISCLAIMER in md
    assert "Swimming: 30 min" in md or "Cycling: 30 min" in md
