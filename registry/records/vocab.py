"""Controlled vocabularies: provinces (current and former), parties, topics, terms.

The data lives in registry/data/*.yaml, checked in and reviewed like code.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from registry.records.text import fold, vi_sort_key

DATA_DIR = Path(__file__).parents[1] / "data"
# Nghị quyết 202/2025/QH15: 63 provinces became 34 on this day.
MERGER_DATE = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class Province:
    slug: str
    code: str
    name: str
    kind: str
    full_name: str
    current: bool
    aliases: tuple[str, ...] = ()
    successor: str | None = None  # former units: slug of the current unit
    predecessors: tuple[str, ...] = ()  # current units: slugs of former units
    lat: float | None = None
    lon: float | None = None

    @property
    def key(self) -> str:
        """Unique across current and former units: 'bac-ninh' or 'truoc-2025/bac-ninh'."""
        return self.slug if self.current else f"truoc-2025/{self.slug}"


@dataclass(frozen=True)
class Party:
    code: str
    name: str
    short: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    code: str
    name: str


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    start: int
    end: int
    standard: str | None = None  # the standard term a non-standard span belongs to


@dataclass(frozen=True)
class Vocabularies:
    current: dict[str, Province]
    former: dict[str, Province]
    parties: dict[str, Party]
    topics: dict[str, Topic]
    terms: dict[str, Term]
    _alias_index: dict[str, str] = field(default_factory=dict, repr=False)

    def province_at(self, slug: str | None, when: dt.date | None) -> Province | None:
        """The unit a record means: the former one if signed before the merger."""
        if slug is None:
            return None
        before_merger = when is not None and when < MERGER_DATE
        table = self.former if before_merger else self.current
        return table.get(slug) or (self.current if before_merger else self.former).get(slug)

    def successor_of(self, province: Province) -> Province:
        return province if province.current else self.current[province.successor]

    def find_province(self, name: str, when: dt.date | None = None) -> Province | None:
        """The unit named `name` (any alias, with or without diacritics) as it was on `when`."""
        return self.province_at(self._alias_index.get(_alias_key(name)), when)

    def sorted_current(self) -> list[Province]:
        return sorted(self.current.values(), key=lambda p: vi_sort_key(p.name))

    def standard_term(self, code: str | None) -> str | None:
        term = self.terms.get(code) if code else None
        return (term.standard or term.code) if term else code


def _alias_key(name: str) -> str:
    text = fold(name)
    for prefix in ("thanh pho ", "tp. ", "tp ", "tinh "):
        text = text.removeprefix(prefix)
    return " ".join(text.replace("-", " ").split())


def _read(name: str, data_dir: Path):
    with open(data_dir / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _province(entry: dict, current: bool) -> Province:
    return Province(
        slug=entry["slug"], code=str(entry["code"]), name=entry["name"], kind=entry["kind"],
        full_name=entry["full_name"], current=current, aliases=tuple(entry.get("aliases", ())),
        successor=entry.get("successor"), predecessors=tuple(entry.get("predecessors", ())),
        lat=entry.get("lat"), lon=entry.get("lon"),
    )


@functools.cache
def load_vocabularies(data_dir: Path = DATA_DIR) -> Vocabularies:
    provinces = _read("provinces.yaml", data_dir)
    current = {p["slug"]: _province(p, True) for p in provinces["current"]}
    former = {p["slug"]: _province(p, False) for p in provinces["former"]}
    aliases = {
        _alias_key(name): province.slug
        for province in (*former.values(), *current.values())
        for name in (province.name, province.slug, *province.aliases)
    }
    return Vocabularies(
        current=current,
        former=former,
        parties={p["code"]: Party(p["code"], p["name"], p["short"], tuple(p.get("aliases", ()))) for p in _read("parties.yaml", data_dir)},
        topics={t["code"]: Topic(t["code"], t["name"]) for t in _read("topics.yaml", data_dir)},
        terms={str(t["code"]): Term(str(t["code"]), t["name"], t["start"], t["end"], t.get("standard")) for t in _read("terms.yaml", data_dir)},
        _alias_index=aliases,
    )
