"""Writing files into the built site while remembering what was written."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Endpoint:
    """One published file, as listed in api/v1/index.json."""

    path: str
    kind: str
    total: int | None = None


@dataclass
class Output:
    """Writes files under `site_dir` and lists them.

    Plain serial writes: a thread pool was measured slower on tmpfs (GIL) and
    no better on a loaded disk, where file creation dominates either way.
    """

    site_dir: Path
    endpoints: list[Endpoint] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)  # written but not API endpoints
    _made_dirs: set[Path] = field(default_factory=set)

    def write_bytes(self, path: str, data: bytes) -> None:
        target = self.site_dir / path
        # mkdir once per folder: 20,000 files share a few dozen folders.
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        target.write_bytes(data)

    def write_other(self, path: str, data: bytes) -> None:
        """Write a file that is not a data endpoint (redirect page, sitemap)."""
        self.write_bytes(path, data)
        self.other_files.append(path)

    def publish(self, path: str, data: bytes, kind: str, total: int | None = None) -> None:
        """Write a data file and list it as an endpoint."""
        self.write_bytes(path, data)
        self.endpoints.append(Endpoint(path, kind, total))

    def publish_stream(self, path: str, chunks: Iterable[bytes], kind: str, total: int | None = None) -> None:
        """Write a data file piece by piece (never whole in memory) and list it as an endpoint."""
        target = self.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        self.endpoints.append(Endpoint(path, kind, total))

    def publish_json(self, path: str, value: object, kind: str, total: int | None = None) -> None:
        self.publish(path, dump_json(value), kind, total)

    @property
    def files(self) -> list[str]:
        return sorted([e.path for e in self.endpoints] + self.other_files)


def encode_json(value: object) -> str:
    """Vietnamese kept readable, keys sorted so output is byte-stable.

    Compact separators on purpose: with `indent` the json module falls back to
    its pure-Python encoder, several times slower on a 20,000-record export.
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dump_json(value: object) -> bytes:
    return (encode_json(value) + "\n").encode("utf-8")


def dump_with_header(header: dict, encoded_object: str) -> bytes:
    """`header`'s keys first, then the keys of an object already encoded (records are encoded once)."""
    head = encode_json(header)
    return (head[:-1] + "," + encoded_object[1:] + "\n").encode("utf-8")


def dump_list(header: dict, encoded_items: list[str]) -> bytes:
    """`header` plus "items": [...] built from items already encoded."""
    head = encode_json(header)
    return (head[:-1] + ',"items":[' + ",".join(encoded_items) + "]}\n").encode("utf-8")


def list_chunks(header: dict, items: Iterable[bytes]) -> Iterator[bytes]:
    """What dump_list writes, piece by piece: `items` are encoded items, each but the first
    with its leading comma."""
    yield (encode_json(header)[:-1] + ',"items":[').encode("utf-8")
    yield from items
    yield b"]}\n"
