"""Run the ``cleanup`` command as a user does, in-process (fast) or as a subprocess (exact)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def _cwd(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(*args, cwd: Path | None = None) -> Outcome:
    """``cleanup ARGS`` through the real entry point (:func:`cleanup.cli.main`), in this process."""
    from cleanup.cli import common, main

    out, err = StringIO(), StringIO()
    argv = sys.argv
    sys.argv = ["cleanup", *map(str, args)]
    code = 0
    # the rich consoles were built at import: point them at the captured streams
    # (restore the private ``_file``: reading ``.file`` would pin today's sys.stdout for good)
    saved = common.console._file, common.console_err._file
    common.console.file, common.console_err.file = out, err
    try:
        with redirect_stdout(out), redirect_stderr(err), _cwd(cwd or os.getcwd()):
            try:
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
        common.console._file, common.console_err._file = saved
    return Outcome(code, out.getvalue(), err.getvalue())


def run_subprocess(*args, cwd: Path | None = None) -> Outcome:
    """``python -m cleanup ARGS`` in a child process: the user's exact experience."""
    done = subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)
    return Outcome(done.returncode, done.stdout, done.stderr)
