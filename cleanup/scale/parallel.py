"""Where the work runs: this process, worker processes (``--jobs N``) or a Dask cluster.

All three are used through one small interface, ``submit(fn, *args) ->
future`` with ``future.result()``: :class:`concurrent.futures` and
``dask.distributed`` both speak it, so the runner has one code path and no
scheduler of its own. Tasks are module-level functions of picklable values
(paths, :class:`~cleanup.core.settings.Settings`, chunk descriptions), so
they are safe under the ``spawn`` start method and on remote workers; each
worker builds its :class:`~cleanup.core.pipeline.Cleaner` once per Settings
(:func:`~cleanup.core.pipeline.get_cleaner` caches it per process).
"""

from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable


def _init_worker(settings) -> None:
    """Worker start-up: leave Ctrl-C to the parent (it stops the run cleanly), build the Cleaner once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..core.pipeline import get_cleaner

    get_cleaner(settings)


class LocalExecutor:
    """Runs each task at once in this process (``--jobs 1``): the same interface, no processes."""

    def submit(self, fn: Callable, *args: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            if isinstance(exc, KeyboardInterrupt):
                raise
            future.set_exception(exc)
        return future

    def cancel_pending(self) -> None:
        pass

    def shutdown(self) -> None:
        pass


class ProcessExecutor:
    """``jobs`` spawned worker processes."""

    def __init__(self, jobs: int, settings) -> None:
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(settings,))

    def submit(self, fn: Callable, *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def cancel_pending(self) -> None:
        # Running tasks finish (each writes its file atomically); queued ones never start.
        self.pool.shutdown(wait=True, cancel_futures=True)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)


def make_executor(jobs: int, settings, dask_address: str | None = None):
    """The executor for a run: Dask when an address is given, else processes when ``jobs > 1``."""
    if dask_address:
        from .dask_backend import DaskExecutor

        return DaskExecutor(dask_address)
    if jobs > 1:
        return ProcessExecutor(jobs, settings)
    return LocalExecutor()
