"""Telling a file that is plainly of another type from the YAML and JSON files runplan
reads, so that a wrong file gets a message saying what was expected and what it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import RunplanError

__all__ = ["data_kind", "expect_file", "file_kind"]


def file_kind(path: str | Path) -> str | None:
    """What a file plainly is when it is none of the YAML or JSON files runplan reads
    ("an iCalendar file"), from its first bytes; none when it may be one of them."""
    p = Path(path)
    if not p.is_file():  # the reader says what is wrong; nothing blocks on a FIFO
        return None
    try:
        with p.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.upper().startswith(b"BEGIN:VCALENDAR"):
        return "an iCalendar (.ics) file"
    if head[8:12] == b".FIT":
        return "a FIT file"
    if text.lower().startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    if text.startswith(b"<"):
        return "an XML file (such as GPX or TCX)"
    if b"\0" in head:
        return "a binary file"
    if p.suffix.lower() == ".md":
        return "a Markdown file"
    if b'"revision"' in head and b'"profile"' in head:
        return "a plan JSON file"
    return None


def expect_file(path: str | Path, expected: str, error: type[RunplanError]) -> None:
    """Refuse a file that is plainly of another type, saying what was expected and what
    it is (``runplan check plan.ics``; a plan where a profile belongs)."""
    kind = file_kind(path)
    if kind is not None and not (kind == "a plan JSON file" and "plan JSON" in expected):
        raise error(f"Expected {expected}, but {Path(path).name} is {kind}.")


def data_kind(data: Any) -> str | None:
    """What a file's parsed data plainly is ("a runplan plan", "a runner profile", "an
    exercise catalogue", "a training log", "a calendar-hack plan", "a CSV plan"), so that
    a reader given the wrong one can say so; none when it is none of them."""
    if isinstance(data, dict):
        if "weeks" in data and "profile" in data:
            return "a runplan plan"
        if isinstance(data.get("schedule"), list):
            return "a calendar-hack plan"
        if "exercises" in data:
            return "an exercise catalogue"
        if "entries" in data:
            return "a training log"
        if {"weekly_distance", "run_days", "start_date"} & set(data):
            return "a runner profile"
        return None
    if isinstance(data, list) and data and all(isinstance(row, dict) for row in data[:5]):
        if all("date" in row and "status" in row for row in data[:5]):
            return "a training log"
        if all("id" in row and "category" in row for row in data[:5]):
            return "a list of exercises"
        return None
    if isinstance(data, str):  # a CSV read as YAML is one long string
        header = data.split(None, 1)[0].lower() if data.strip() else ""
        if header.startswith("date,title"):
            return "a CSV plan"
        if header.startswith("date,session,status"):
            return "a CSV training log"
    return None
