"""Work done in a forked process beside the site generator, its result collected later.

A fork shares the loaded registry (and everything else in memory) with the build, copy on
write: nothing is loaded or pickled twice. Used to read half the record files while this process
reads the other half (registry.records.loader), and for the search index and the record pages
written with it (registry.site.search_index) while the generator renders the other pages.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Forked:
    """A forked process running one function; `result` joins it."""

    name: str
    process: multiprocessing.Process
    results: multiprocessing.connection.Connection


def start(name: str, function: Callable, *args) -> Forked:
    """Run function(*args) in a forked process and return at once."""
    receive, send = multiprocessing.Pipe(duplex=False)
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_run, args=(send, function, args), name=name, daemon=True)
    # Objects alive now are left out of the child's garbage collections: a collection writes to
    # every object it visits, which would copy the shared pages (the registry) into the child.
    frozen = gc.get_freeze_count() > 0  # the build froze its registry already (hooks: on_config)
    gc.freeze()
    try:
        process.start()
    finally:
        if not frozen:
            gc.unfreeze()
    send.close()
    return Forked(name, process, receive)


def _run(send, function: Callable, args: tuple) -> None:
    # `cancel` terminates: exit through Python so a running subprocess.run kills its child.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        send.send(("ok", function(*args)))
    except BaseException as error:  # reported by `result` in the parent, which fails the build
        send.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def result(forked: Forked):
    """Wait for the process; its function's return value. Raises RuntimeError if it failed."""
    try:
        status, value = forked.results.recv()
    except EOFError:
        status, value = "error", "the process ended without a result"
    forked.process.join()
    if status != "ok":
        raise RuntimeError(f"{forked.name}: {value}")
    return value


def cancel(forked: Forked | None) -> None:
    """Stop the process (the build failed)."""
    if forked is not None and forked.process.is_alive():
        forked.process.terminate()
        forked.process.join()
