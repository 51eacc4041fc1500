"""Rewrite the golden files under tests/data/ on purpose, after a deliberate change.

    python -m tests.regenerate_golden

The tests never call this; they compare against what is committed.
"""

from __future__ import annotations

from pathlib import Path

from runplan import build_plan

from .golden import GOLDEN_HTML, GOLDEN_ICS, GOLDEN_JSON, html_text, ics_bytes

DATA = Path(__file__).resolve().parent / "data"


def main() -> None:
    for name, profile in GOLDEN_JSON.items():
        (DATA / f"{name}.json").write_text(build_plan(profile).model_dump_json(indent=2) + "\n")
        print(f"wrote tests/data/{name}.json")
    for name in GOLDEN_ICS:
        (DATA / f"{name}.ics").write_bytes(ics_bytes(name))
        print(f"wrote tests/data/{name}.ics")
    for name in GOLDEN_HTML:
        (DATA / f"{name}.html").write_text(html_text(name), encoding="utf-8")
        print(f"wrote tests/data/{name}.html")


if __name__ == "__main__":
    main()
