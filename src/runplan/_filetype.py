"""Telling a file that is plainly of another type from the YAML and JSON files runplan
reads, so that a wrong file gets a message saying what was expected and what it is."""

from __future__ import annotations

from pathlib import Path

from .errors import RunplanError

__all__ = ["expect_file", "file_kind"]


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
