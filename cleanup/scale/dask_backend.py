"""Running the cleanup on a Dask distributed cluster (``cleanup run … --dask ADDRESS``).

Dask schedules; cleanup only submits the same tasks that worker processes
run locally (one per file, one per chunk of a large file) through
``Client.submit`` and reads their results in order. Workers must see the
input and output paths (a shared filesystem, as for any batch job on a
cluster). ``dask[distributed]`` is the optional extra ``cleanup[dask]``.
"""

from __future__ import annotations

from typing import Any, Callable

from ..io.errors import InputError

INSTALL_HINT = "the --dask option needs Dask: pip install 'cleanup[dask]' (dask[distributed])"


def _client_class():
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask", INSTALL_HINT) from None
    return Client


class DaskExecutor:
    """The executor interface over a ``distributed.Client`` (or an address to connect to)."""

    def __init__(self, address: Any) -> None:
        Client = _client_class()
        if isinstance(address, Client):
            self.client, self._owned = address, False
        else:
            try:
                self.client, self._owned = Client(address, timeout="10s"), True
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"--dask {address}", f"cannot connect to the Dask scheduler: {exc}") from None

    def submit(self, fn: Callable, *args: Any):
        # pure=False: two chunks with equal arguments are still two tasks
        return self.client.submit(fn, *args, pure=False)

    def cancel_pending(self) -> None:
        pass

    def shutdown(self) -> None:
        if self._owned:
            self.client.close()
