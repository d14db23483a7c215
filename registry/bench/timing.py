"""Stage timings for the benchmark: hooks wrap their work in `stage(name)`.

When REGISTRY_TIMINGS names a file, each stage appends one JSON line
{"stage": ..., "seconds": ...}; otherwise it costs nothing.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def stage(name: str) -> Iterator[None]:
    target = os.environ.get("REGISTRY_TIMINGS")
    started = time.perf_counter()
    yield
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"stage": name, "seconds": round(time.perf_counter() - started, 3)}) + "\n")


def record(name: str, seconds: float) -> None:
    """One more line for work timed elsewhere (e.g. in the indexing process)."""
    target = os.environ.get("REGISTRY_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"stage": name, "seconds": round(seconds, 3)}) + "\n")
