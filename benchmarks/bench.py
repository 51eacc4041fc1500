"""Time runplan against floors that do the same work directly (standard library timing).

    python benchmarks/bench.py [--json bench.json] [--repeat N]

Measures, for plans of 12 and 52 weeks: build_plan; to_ics; to_html; and the floor,
icalendar building and serialising the same events with the same text by hand in the most
direct way. Then the cold import of runplan against importing its dependencies alone; then
writing 12 weeks of FIT workouts, and reading a folder of 100 activity files (34 FIT,
33 GPX, 33 TCX, each a 5 km run with a point every 2 s). Prints a table and writes JSON.
Targets: to_ics within 1.3x the floor; build_plan(52 weeks) under a quarter of
to_ics(52 weeks); to_html(52 weeks) at most 1x to_ics of the same plan; importing runplan
within 1.3x its dependencies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

import runplan
from runplan.ics import _CATEGORY, session_uid, to_ics
from runplan.plan import Plan, SessionKind
from runplan.render import DISCLAIMER, session_text, to_html

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def profile(weeks: int) -> runplan.RunnerProfile:
    return runplan.RunnerProfile.model_validate(
        {
            "start_date": "2026-03-02",
            "weeks": weeks,
            "weekly_distance": 30,
            "run_days": ["mon", "tue", "thu", "fri", "sun"],
            "long_run_day": "sun",
            "equipment": ["mat", "exercise_ball"],
            "timezone": "Europe/Berlin",
        }
    )


def best(func: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (after one warm-up run)."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


Row = tuple[str, Any, Any, str, str, int, list[str], str]


def floor_inputs(plan: Plan) -> list[Row]:
    """What a direct exporter needs per event, prepared outside the timing."""
    catalogue = runplan.load_catalogue()
    zone = zoneinfo.ZoneInfo(plan.profile.timezone)
    rows = []
    for s in plan.sessions():
        if s.kind is SessionKind.REST or s.start is None:
            continue
        start = dt.datetime.combine(s.date, s.start, tzinfo=zone)
        end = start + dt.timedelta(minutes=s.duration_minutes)
        text = session_text(s, plan.unit, catalogue)
        categories = [_CATEGORY[s.kind], "runplan"]
        rows.append(
            (session_uid(s), start, end, s.title, text, plan.revision, categories, "OPAQUE")
        )
    return rows


def floor(rows: list[Row], first: dt.date, last: dt.date) -> bytes:
    """icalendar used directly: the same calendar and event properties as to_ics, set with
    plain add() calls on prepared values, then serialised."""
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//runplan//runplan {runplan.__version__}//EN")
    cal.add("method", "PUBLISH")
    cal.add("description", DISCLAIMER)
    cal.add("x-wr-caldesc", DISCLAIMER)
    cal.add("name", "runplan")
    cal.add("x-wr-calname", "runplan")
    cal.add("uid", "floor@runplan")
    for uid, start, end, summary, description, sequence, categories, transp in rows:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", STAMP)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary)
        event.add("description", description)
        event.add("sequence", sequence)
        event.add("categories", categories)
        event.add("transp", transp)
        cal.add_component(event)
    cal.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = cal.to_ical()
    return data


def same_work(ours: bytes, theirs: bytes) -> None:
    """Check that the floor builds the same events with the same properties and text."""

    def shape(data: bytes) -> list[tuple[str, ...]]:
        cal = Calendar.from_ical(data)
        return [
            tuple(sorted(f"{k}={e[k].to_ical()!r}" for k in e if k != "DTSTAMP"))
            for e in cal.events
        ]

    assert shape(ours) == shape(theirs), "the floor must build the same events as to_ics"


def import_times(code: str, repeat: int) -> list[float]:
    """The wall times of fresh interpreters running ``code``, in seconds, fastest first."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return sorted(times)


def import_time(code: str, repeat: int) -> float:
    """The fastest wall time of a fresh interpreter running ``code``, in seconds."""
    return import_times(code, repeat)[0]


def beyond(total: float, base: float) -> float:
    """What an import adds to the interpreter's own start: the difference of the two
    fastest times, floored at 0. Both are measured; a difference below 0 is timing noise
    (the import costs less than the runs vary), never a negative cost."""
    return max(0.0, total - base)


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or none when ``whole`` is 0 (too small to measure)."""
    return part / whole if whole > 0 else None


def activity_folder(folder: Path) -> None:
    """100 activity files of a 5 km, 30-minute run with a point every 2 seconds."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.activity_fixtures import fit_activity, gpx_track, tcx_activity

    for n in range(100):
        start = dt.datetime(2026, 1, 1, 7, tzinfo=dt.UTC) + dt.timedelta(days=n)
        if n % 3 == 0:
            (folder / f"run{n:03}.fit").write_bytes(fit_activity(start, 5.0, 30, records=900))
        elif n % 3 == 1:
            naive = start.replace(tzinfo=None)
            (folder / f"run{n:03}.gpx").write_text(gpx_track(naive, 5.0, 30, per_km=180))
        else:
            naive = start.replace(tzinfo=None)
            (folder / f"run{n:03}.tcx").write_text(tcx_activity(naive, [(5.0, 30.0)], "Running"))


def files_rows(repeat: int) -> dict[str, float]:
    """Writing 12 weeks of FIT workouts; reading 100 activity files from a folder."""
    plan = runplan.build_plan(profile(12))
    with tempfile.TemporaryDirectory() as tmp:
        out, runs = Path(tmp) / "fit", Path(tmp) / "runs"
        runs.mkdir()
        start = plan.profile.start_date

        def write() -> int:
            return len(runplan.write_fit(plan, out, start=start, weeks=12))

        workouts = write()
        fit_s = best(write, repeat)
        activity_folder(runs)
        entries = len(runplan.TrainingLog.from_file(runs))
        assert entries == 100, entries
        read_s = best(lambda: runplan.TrainingLog.from_file(runs), max(1, repeat // 2))
    return {"fit_workouts": workouts, "write_fit_12w_s": fit_s, "read_100_activities_s": read_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default="bench-results.json", help="where to write the figures")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    results: dict[str, Any] = {"python": sys.version.split()[0], "runplan": runplan.__version__}
    rows = []
    for weeks in (12, 52):
        p = profile(weeks)
        plan = runplan.build_plan(p)
        events = sum(1 for s in plan.sessions() if s.kind is not SessionKind.REST)
        build_s = best(lambda p=p: runplan.build_plan(p), args.repeat)
        ics_s = best(lambda plan=plan: to_ics(plan, stamp=STAMP), args.repeat)
        html_s = best(lambda plan=plan: to_html(plan), args.repeat)
        inputs = floor_inputs(plan)
        last = p.end_date + dt.timedelta(days=2)
        same_work(to_ics(plan, stamp=STAMP), floor(inputs, p.start_date, last))
        floor_s = best(
            lambda inputs=inputs, first=p.start_date, last=last: floor(inputs, first, last),
            args.repeat,
        )
        results[f"{weeks}w"] = {
            "events": events,
            "build_plan_s": build_s,
            "to_ics_s": ics_s,
            "floor_s": floor_s,
            "to_html_s": html_s,
            "to_ics_over_floor": ics_s / floor_s,
            "build_over_to_ics": build_s / ics_s,
            "to_html_over_to_ics": html_s / ics_s,
        }
        rows.append((f"{weeks} weeks ({events} events)", build_s, ics_s, floor_s, html_s))
    repeat = max(args.repeat, 15)
    base_runs = import_times("pass", repeat)
    base = base_runs[0]
    # How much python's own start varies: a difference smaller than this is noise.
    noise = base_runs[len(base_runs) // 2] - base
    # pydantic imports lazily: "import pydantic" loads little of what any model needs, so
    # the second baseline also touches BaseModel, as every user of pydantic does.
    deps = import_time("import pydantic, yaml, icalendar, dateutil", repeat)
    deps_used = import_time(
        "from pydantic import BaseModel, Field; import yaml, icalendar, dateutil", repeat
    )
    own = import_time("import runplan", repeat)
    results["import"] = {
        "python_s": base,
        "dependencies_s": deps,
        "dependencies_with_basemodel_s": deps_used,
        "runplan_s": own,
        "python_noise_s": noise,
        "runplan_over_dependencies": ratio(beyond(own, base), beyond(deps, base)),
        "runplan_over_dependencies_with_basemodel": ratio(
            beyond(own, base), beyond(deps_used, base)
        ),
    }
    header = ("plan", "build_plan", "to_ics", "floor", "to_html", "ics/floor", "build/ics")
    print(f"{header[0]:24} " + " ".join(f"{h:>9}" for h in header[1:]) + " html/ics")
    for label, b, i, f, h in rows:
        times = f"{b * 1000:7.1f}ms {i * 1000:7.1f}ms {f * 1000:7.1f}ms {h * 1000:7.1f}ms"
        print(f"{label:24} {times} {i / f:9.2f} {b / i:9.2f} {h / i:8.2f}")
    imp = results["import"]

    def ms(total: float) -> str:
        added = beyond(total, base)
        return f"{added * 1000:.0f} ms" + (" (within noise)" if added <= noise else "")

    def shown(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f}"

    print(
        f"cold import, beyond python's own start of {base * 1000:.0f} ms (which varies by "
        f"{noise * 1000:.0f} ms; less than that is noise, and below 0 shows as 0): runplan "
        f"{ms(own)}; dependencies {ms(deps)} (ratio {shown(imp['runplan_over_dependencies'])}); "
        f"dependencies with BaseModel {ms(deps_used)} (ratio "
        f"{shown(imp['runplan_over_dependencies_with_basemodel'])})"
    )
    files = files_rows(args.repeat)
    results["files"] = files
    print(
        f"write_fit, 12 weeks ({files['fit_workouts']} workouts): "
        f"{files['write_fit_12w_s'] * 1000:.1f} ms; TrainingLog.from_file, a folder of 100 "
        f"activity files: {files['read_100_activities_s'] * 1000:.0f} ms"
    )
    with open(args.json, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print(
        f"wrote {args.json}; each figure is the best of {args.repeat} runs ({repeat} for imports)"
    )


if __name__ == "__main__":
    main()
