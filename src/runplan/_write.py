"""Writing files safely: regular files only, through symbolic links, atomically."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import RunplanError

__all__ = [
    "atomic_write",
    "check_output",
]


def _same_file(a: os.stat_result, b: str | os.PathLike[str]) -> bool:
    try:
        other = os.stat(b)
    except (OSError, ValueError):
        return False
    return (a.st_dev, a.st_ino) == (other.st_dev, other.st_ino)


def check_output(
    path: str | os.PathLike[str],
    error: type[RunplanError],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Where writing ``path`` will really go, after checking that runplan may replace it.

    A symbolic link is followed to its target (the link stays a link). A missing file is
    fine when its folder exists.

    Returns:
        The path of the regular file to replace (the link's target for a link).

    Raises:
        error: the path names one of ``inputs``, is a folder (or ends in a slash), a
            device, a FIFO or a socket, is a read-only file, or its folder does not exist.
    """
    given = Path(path)
    if os.fspath(path).endswith(("/", os.sep)):  # Path() would drop the slash
        raise error(f"Cannot write {os.fspath(path)}: it ends in a slash, so it names a folder.")
    try:
        target = Path(os.path.realpath(given)) if given.is_symlink() else given
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(f"Cannot write {given}: {reason}.") from None
    if info is None:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise error(f"Cannot write {given}: the folder {folder} does not exist.")
        return target
    if any(_same_file(info, source) for source in inputs):
        raise error(f"Will not write over {given}: it is an input file; choose another -o.")
    if stat.S_ISDIR(info.st_mode):
        raise error(f"Cannot write {given}: it is a folder, not a file.")
    if not stat.S_ISREG(info.st_mode):
        raise error(
            f"Will not write to {given}: it is not a regular file (a device, pipe or socket); "
            "write to a file, or leave out -o for standard output."
        )
    if not info.st_mode & 0o222:
        raise error(f"Will not write over {given}: the file is read-only.")
    return target


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    error: type[RunplanError],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to the regular file ``path`` atomically: a temp file in the same
    folder, then ``os.replace``.

    A symbolic link is written through to its target; a device, FIFO, socket or read-only
    file is refused (see :func:`check_output`). An existing file keeps its permissions. A
    failure leaves any existing file as it was and no temp file behind.

    Raises:
        error: as :func:`check_output`, or the folder is not writable.
    """
    import tempfile  # only when writing: it pulls in random and hashlib

    target = check_output(path, error, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"Cannot write {path}: {exc.strerror}.") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would,
        # or the mode of the file it replaces.
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o644
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
            raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
        raise
