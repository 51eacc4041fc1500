"""Build a plan from an example profile and export it as a calendar, JSON, Markdown and
an HTML page.

python examples/build_and_export.py [OUTPUT_FOLDER]

Without OUTPUT_FOLDER the files go to a new temporary folder, never into the checkout;
a folder that does not exist yet is made.
"""

import sys
import tempfile
from pathlib import Path

import runplan
from runplan.render import summary, to_markdown

here = Path(__file__).resolve().parent
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="runplan-"))
out.mkdir(parents=True, exist_ok=True)

profile = runplan.RunnerProfile.from_file(here / "half_marathon_miles.yaml")
plan = runplan.build_plan(profile)
assert runplan.check_plan(plan) == []  # the builder never breaks a training rule

runplan.write_ics(plan, out / "half_marathon.ics", alarm_minutes=30)
(out / "half_marathon.json").write_text(plan.model_dump_json(indent=2), encoding="utf-8")
(out / "half_marathon.md").write_text(to_markdown(plan), encoding="utf-8")
(out / "half_marathon.html").write_text(runplan.to_html(plan), encoding="utf-8")
print(summary(plan))
print(f"Wrote half_marathon.ics, .json, .md and .html in {out}")
