"""The README's Python examples run, so they cannot rot."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)


def test_readme_has_python_examples() -> None:
    assert BLOCKS


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("examples",):
        os.symlink(ROOT / name, tmp_path / name)
    # The catalogue example loads the user's file shown just above it in the README.
    yaml_blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    (tmp_path / "my_exercises.yaml").write_text(yaml_blocks[0], encoding="utf-8")
    namespace: dict[str, object] = {}
    for block in BLOCKS:
        exec(compile(block, "README.md", "exec"), namespace)


def test_readme_shows_the_page_and_documents_the_new_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "![The HTML page of the half-marathon example](docs/plan.png)" in readme
    png = (ROOT / "docs" / "plan.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    for needle in ("-o plan.html", "runplan schema profile", "summary and the whole plan as"):
        assert needle in readme


def test_the_rule_table_names_every_rule() -> None:
    # check_plan's rules are the README's promise: a rule added without its row is missed.
    from runplan import rules

    table = (ROOT / "README.md").read_text(encoding="utf-8").split("## The rules, and why")[1]
    missing = [f.__name__ for f in rules.RULES if f"`{f.__name__}`" not in table]
    assert missing == []
