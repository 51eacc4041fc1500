"""Reading data files within limits: regular files only, a size cap, and a bounded YAML
loader (depth, alias expansion, no base-60 numbers); JSON is held to the same depth."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from .errors import RunplanError

__all__ = [
    "MAX_DEPTH",
    "MAX_JSON_BYTES",
    "MAX_YAML_BYTES",
    "MAX_YAML_NODES",
    "package_path",
    "read_bytes",
    "read_data_file",
    "read_text",
]

#: The largest YAML file runplan reads (catalogues, profiles and logs are far smaller).
MAX_YAML_BYTES = 2 * 1024 * 1024
#: The largest JSON or CSV file runplan reads (a 52-week plan is about 2 MB).
MAX_JSON_BYTES = 32 * 1024 * 1024
#: The deepest nesting of lists and mappings a data file may have.
MAX_DEPTH = 64
#: The most values a YAML file may expand to, aliases counted each time they are used.
MAX_YAML_NODES = 200_000


def read_bytes(path: Path, error: type[RunplanError], what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without blocking and checked before it is read, so a FIFO, a device
    or a socket is refused instead of waiting forever or reading without end.

    Raises:
        error: the file is missing, is a folder or not a regular file, is larger than
            ``limit``, or cannot be read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"The {what} file {path} does not exist.") from None
    except IsADirectoryError:
        raise error(f"The {what} file {path} is a folder, not a file.") from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(f"The {what} file {path} cannot be read: {reason}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"The {what} file {path} is a folder, not a file.")
        if not stat.S_ISREG(info.st_mode):
            raise error(
                f"The {what} file {path} is not a regular file (a pipe, device or socket); "
                "save it to a file first."
            )
        if info.st_size > limit:
            raise error(
                f"The {what} file {path} is {info.st_size} bytes, more than the "
                f"{limit} runplan reads."
            )
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise error(f"The {what} file {path} is more than the {limit} bytes runplan reads.")
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"The {what} file {path} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


def read_text(
    path: Path, error: type[RunplanError], what: str, *, limit: int = MAX_JSON_BYTES
) -> str:
    """The text of a regular file (UTF-8, a leading byte-order mark dropped).

    Raises:
        error: as :func:`read_bytes`, or the file is not UTF-8.
    """
    data = read_bytes(path, error, what, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"The {what} file {path} is not UTF-8 text.") from None


def package_path(name: str) -> Path:
    """A file or folder shipped in the wheel (``runplan/<name>``); in an editable install or
    a checkout it stays at the repository root."""
    from importlib import resources  # only here: it is slow to import

    packaged = resources.files("runplan").joinpath(name)
    if packaged.is_file() or packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / name


# ---------------------------------------------------------------------- bounded YAML


class _TooLarge(yaml.YAMLError):
    """A YAML document nested too deeply or expanding to too many values."""


def _no_sexagesimal(pattern: re.Pattern[str]) -> re.Pattern[str]:
    # YAML 1.1 reads 18:30 as the base-60 number 1110; YAML 1.2 dropped that. A value
    # with a colon stays a string, so times and paces may be written unquoted.
    return re.compile(r"(?!.*:)" + pattern.pattern, pattern.flags)


class _BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with limits: nesting depth, values after alias expansion
    (no "billion laughs"), and no base-60 numbers."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (a class table, as in yaml.SafeLoader)
        first: [
            (tag, _no_sexagesimal(rx) if tag.endswith((":int", ":float")) else rx)
            for tag, rx in resolvers
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def construct_yaml_timestamp(self, node: Any) -> Any:
        """A date or time stamp; one that names no real day (2026-02-30) stays text, so
        that validation names the field and the value instead of PyYAML failing."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1  # type: ignore[no-untyped-call]
                raise _TooLarge(
                    f"nests its values too deeply (more than {MAX_DEPTH} levels, line {line})"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            _measure(node)
        return node


_BoundedLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _BoundedLoader.construct_yaml_timestamp,
)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _measure(root: yaml.Node) -> None:
    """Count the values and the depth of a composed document as the constructor will build
    them, each alias counted in full every time it is used; iterative, so no recursion."""
    done: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if id(node) in done:
            continue
        kids = _children(node)
        if not finished:
            if id(node) in open_nodes:
                raise _TooLarge("has an alias that refers to a value that contains it")
            open_nodes.add(id(node))
            stack.append((node, True))
            for kid in kids:
                if id(kid) in open_nodes:
                    raise _TooLarge("has an alias that refers to a value that contains it")
                if id(kid) not in done:
                    stack.append((kid, False))
            continue
        open_nodes.discard(id(node))
        size = 1 + sum(done[id(k)][0] for k in kids)
        depth = 1 + max((done[id(k)][1] for k in kids), default=0)
        if size > MAX_YAML_NODES:
            raise _TooLarge(f"expands to more than {MAX_YAML_NODES} values (aliases counted)")
        if depth > MAX_DEPTH:
            raise _TooLarge(f"nests its values too deeply (more than {MAX_DEPTH} levels)")
        done[id(node)] = (size, depth)


def _yaml_error(exc: yaml.YAMLError, where: str) -> str:
    if isinstance(exc, _TooLarge):
        return f"{where} {exc}."
    if isinstance(exc, yaml.reader.ReaderError):
        return (
            f"{where} is not valid YAML: unacceptable character #x{exc.character:04x} "
            f"at position {exc.position} (YAML allows no control characters)."
        )
    if isinstance(exc, yaml.constructor.ConstructorError):
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        return (
            f"{where} uses a YAML tag runplan refuses at line {line} "
            f"({exc.problem}); write plain YAML values instead."
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else "?"
        return f"{where} is not valid YAML at line {line}: {exc.problem}."
    return f"{where} is not valid YAML: {exc}."


def _json_depth_ok(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def read_data_file(path: str | os.PathLike[str], error: type[RunplanError], what: str) -> Any:
    """Read a YAML or JSON file, within limits, and return the parsed data.

    YAML is read with a bounded ``yaml.SafeLoader``: no Python tags, at most
    :data:`MAX_DEPTH` levels, at most :data:`MAX_YAML_NODES` values with aliases expanded,
    and ``18:30`` stays the text "18:30" (not the base-60 number 1110). JSON is limited to
    the same depth.

    Parameters:
        path: the file to read; ``.json`` files are parsed as JSON, anything else as YAML.
        error: the RunplanError subclass to raise.
        what: what the file is meant to hold ("catalogue", "profile"), for messages.

    Raises:
        error: the file is missing, unreadable, not a regular file or too large; it is not
            valid YAML/JSON (with the line number); it nests too deeply or expands too far;
            or it uses a YAML tag that would construct a Python object.
    """
    p = Path(path)
    where = f"The {what} file {p}"
    if p.suffix.lower() == ".json":
        text = read_text(p, error, what, limit=MAX_JSON_BYTES)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise error(f"{where} is not valid JSON at line {exc.lineno}: {exc.msg}.") from None
        except RecursionError:
            raise error(f"{where} nests its values too deeply to read.") from None
        if not _json_depth_ok(data):
            raise error(f"{where} nests its values too deeply (more than {MAX_DEPTH} levels).")
        return data
    text = read_text(p, error, what, limit=MAX_YAML_BYTES)
    try:
        loader = _BoundedLoader(text)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise error(_yaml_error(exc, where)) from None
    except RecursionError:
        raise error(f"{where} nests its values too deeply to read.") from None
