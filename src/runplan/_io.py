"""File edges shared by the loaders and writers: safe YAML/JSON reading, atomic writing,
and turning pydantic's validation errors into one plain sentence."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import RunplanError

__all__ = [
    "atomic_write",
    "describe_validation_error",
    "package_path",
    "read_data_file",
    "read_text",
]


def read_text(path: Path, error: type[RunplanError], what: str) -> str:
    """The file's text (UTF-8, a leading byte-order mark dropped).

    Raises:
        error: the file is missing, is a folder, is not UTF-8, or cannot be read.
    """
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error(f"The {what} file {path} does not exist.") from None
    except IsADirectoryError:
        raise error(f"The {what} file {path} is a folder, not a file.") from None
    except UnicodeDecodeError:
        raise error(f"The {what} file {path} is not UTF-8 text.") from None
    except OSError as exc:
        raise error(f"The {what} file {path} cannot be read: {exc.strerror}.") from None


def package_path(name: str) -> Path:
    """A file or folder shipped in the wheel (``runplan/<name>``); in an editable install or
    a checkout it stays at the repository root."""
    from importlib import resources  # only here: it is slow to import

    packaged = resources.files("runplan").joinpath(name)
    if packaged.is_file() or packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / name


def read_data_file(path: str | os.PathLike[str], error: type[RunplanError], what: str) -> Any:
    """Read a YAML or JSON file with ``yaml.safe_load`` and return the parsed data.

    Parameters:
        path: the file to read; ``.json`` files are parsed as JSON, anything else as YAML.
        error: the RunplanError subclass to raise.
        what: what the file is meant to hold ("catalogue", "profile"), for messages.

    Raises:
        error: the file is missing or unreadable, is not valid YAML/JSON (with the line
            number), or uses a YAML tag that would construct a Python object.
    """
    p = Path(path)
    text = read_text(p, error, what)
    if p.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except RecursionError:
            raise error(f"The {what} file {p} nests its values too deeply to read.") from None
        except json.JSONDecodeError as exc:
            raise error(
                f"The {what} file {p} is not valid JSON at line {exc.lineno}: {exc.msg}."
            ) from None
    try:
        return yaml.safe_load(text)
    except RecursionError:
        raise error(f"The {what} file {p} nests its values too deeply to read.") from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise error(
            f"The {what} file {p} uses a YAML tag runplan refuses at line {line} "
            f"({exc.problem}); write plain YAML values instead."
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        raise error(
            f"The {what} file {p} is not valid YAML at line {line}: {exc.problem}."
        ) from None
    except yaml.YAMLError as exc:  # a ReaderError (a control character) says where on line 2
        problem = str(exc).splitlines()[0].rstrip(":.")
        raise error(f"The {what} file {p} is not valid YAML: {problem}.") from None


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


class _Shown(str):
    """Text already quoted and cut short, shown as it is by ``!r``."""

    def __repr__(self) -> str:
        return str(self)


def describe_validation_error(exc: ValidationError, known_fields: Callable[[], str]) -> str:
    """The first problem in ``exc`` as the tail of a sentence: "field 'x' is ...".

    ``known_fields`` lists the accepted field names, used when a field is unknown.
    """
    first = exc.errors()[0]
    loc = _location(tuple(first["loc"]))
    kind = first["type"]
    given: Any = first.get("input")
    if len(repr(given)) > 40:  # one line of at most 300 characters, whatever the input
        given = _Shown(repr(given)[:39] + "\u2026")
    ctx = first.get("ctx") or {}
    more = len(exc.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if kind == "missing":
        return f"is missing the required field '{loc}'{tail}"
    if kind == "extra_forbidden":
        return f"has an unknown field '{loc}' (known fields: {known_fields()}){tail}"
    if kind == "enum" or kind == "literal_error":
        loc = _location(tuple(p for p in first["loc"] if not isinstance(p, int)))
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"has unknown {loc} {given!r}; known: {expected}{tail}"
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if not first["loc"]:
        return f"is not valid: {message}{tail}"
    if kind.startswith(("greater_than", "less_than")) or kind.endswith("_type"):
        return f"has a bad value {given!r} for '{loc}': {message[:1].lower()}{message[1:]}{tail}"
    return f"has a bad value for '{loc}': {message[:1].lower()}{message[1:]}{tail}"


def atomic_write(path: str | os.PathLike[str], data: bytes, error: type[RunplanError]) -> None:
    """Write ``data`` to ``path`` atomically: a temp file in the same folder, then os.replace.

    A failure leaves any existing file as it was and no temp file behind.

    Raises:
        error: the folder does not exist or is not writable.
    """
    import tempfile  # only when writing: it pulls in random and hashlib

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise error(f"Cannot write {target}: the folder {folder} does not exist.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"Cannot write {target}: {exc.strerror}.") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise error(f"Cannot write {target}: {exc.strerror or exc}.") from None
        raise
