"""The ``cleanup`` command (typer + rich).

Each group of commands lives in its own module and registers itself on
:data:`app`; :func:`main` turns user errors (bad input, bad config, an
unknown rule code) into one line on stderr and exit code 2, never a trace.

Exit codes: 0 done / clean; 1 ``check`` found something to change or flag;
2 usage or input error.
"""

from __future__ import annotations

import sys

import typer

from .common import app, console_err

# Command modules register themselves on ``app`` when imported.
from . import clean_cmds, glossary_cmds, rules_cmd  # noqa: F401,E402
from . import qe_cmds  # noqa: F401,E402
from . import suggest_cmd  # noqa: F401,E402
from . import review_cmds  # noqa: F401,E402


def main() -> None:
    """Entry point of the console script and of ``python -m cleanup``."""
    from ..core.settings import ConfigError
    from ..io.errors import InputError

    try:
        code = app(standalone_mode=False)
    except (InputError, ConfigError, ValueError) as exc:
        from rich.markup import escape  # a message may hold brackets (cleanup[neural], a file name)

        console_err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        console_err.print("interrupted: no output was left half-written")
        sys.exit(130)
    except Exception as exc:
        # click's usage errors (typer vendors click, so match the interface, not the class)
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            sys.exit(_usage_error(exc))
        raise
    sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc) -> int:
    """One line for a click usage error (bad option, missing argument), naming where help is; exit 2."""
    ctx = getattr(exc, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = " ".join(message.split())  # click may wrap a long message
    print(f"error: {message}{where}", file=sys.stderr)
    return 2 if exc.exit_code in (1, 2) else exc.exit_code


__all__ = ["app", "main"]
