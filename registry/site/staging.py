"""Build into a staging folder beside the site folder; swap it in only when the build succeeded.

A failed build (a crash after the generator cleaned its output folder, a strict-mode warning)
must never destroy the last good site: the generator writes into `.site-building-…`, and only a
complete build replaces `site/` (two renames in one folder, so the old site stays whole until
the new one is ready). No generator import: the hooks call `start`, `commit` and `discard`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Staging:
    target: Path  # where the site is published (site/)
    folder: Path  # where this build writes


def start(target: str | Path) -> Staging:
    """A new empty staging folder beside `target` (same file system, so a rename is enough)."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    return Staging(target, folder)


def commit(staging: Staging) -> None:
    """Put the finished build in place of the old site, then remove the old one."""
    target, folder = staging.target, staging.folder
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        try:
            os.rename(target, old)
        except OSError:  # e.g. site/ is a mount point: replace its contents instead
            _replace_contents(target, folder)
            return
    os.rename(folder, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Staging) -> None:
    """Throw a failed build away; the published site is untouched."""
    shutil.rmtree(staging.folder, ignore_errors=True)


def _replace_contents(target: Path, folder: Path) -> None:
    for entry in target.iterdir():
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in folder.iterdir():
        os.rename(entry, target / entry.name)
    folder.rmdir()
