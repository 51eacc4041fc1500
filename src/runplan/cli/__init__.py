"""The ``runplan`` command: a thin layer over the library.

Each command turns its arguments into one library call and renders the result. Bad input
ends with one line on stderr and exit code 2; ``check`` exits 1 when it finds violations.

The parser (``parser.py``) imports nothing heavy; each command's module (``output``,
``check``, ``log``, ``exercises``) is imported only when that command runs, so that
``runplan --help``, ``--version`` and argument errors answer at once.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import RunplanError, one_line
from .parser import EXAMPLES as EXAMPLES
from .parser import MAX_ALARM_MINUTES as MAX_ALARM_MINUTES
from .parser import build_parser as build_parser

if TYPE_CHECKING:  # loaded on first use (PEP 562): they need the pydantic models
    from .check import check_lines as check_lines
    from .exercises import TABLE_WIDTH as TABLE_WIDTH
    from .inputs import example_profile as example_profile
    from .inputs import read_plan as read_plan
    from .output import FORMATS_BY_EXTENSION as FORMATS_BY_EXTENSION

__all__ = ["EXAMPLES", "example_profile", "main"]

#: The names importable from ``runplan.cli`` that live in a command module, by module.
_LAZY = {
    "check_lines": "check",
    "TABLE_WIDTH": "exercises",
    "example_profile": "inputs",
    "read_plan": "inputs",
    "FORMATS_BY_EXTENSION": "output",
}


def __getattr__(name: str) -> Any:
    """Import the command module that defines ``name`` on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 violations, 2 bad input)."""
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):
        parser.print_help()
        return 0
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        sys.stdout.flush()
        return code
    except RunplanError as exc:
        print(f"runplan: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # standard output: a closed pipe, a full disk
        reason = exc.strerror or type(exc).__name__
        what = f"use {exc.filename}" if exc.filename else "write to standard output"
        if not exc.filename:
            _drop_stdout()
        with contextlib.suppress(OSError):
            print(one_line(f"runplan: error: cannot {what}: {reason}."), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _drop_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of
    what could not be written raises nothing more at exit."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
