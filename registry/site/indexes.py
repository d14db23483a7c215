"""Facet indexes over the registry: who, where, when and what, with counts.

Every function returns plain, deterministically ordered data (Vietnamese order
for names, newest first for agreements) so the generated pages are byte-stable.
Each pass over the agreements is linear; pages are cut from these groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

from registry.records.model import Agreement, Registry
from registry.records.text import vi_sort_key
from registry.records.vocab import Party, Province

UNKNOWN = "chua-ro"  # slug of the group of records whose value for a facet is unknown
COMBINATION_SEPARATOR = "--"


@dataclass(frozen=True)
class Group:
    """The records sharing one value of a facet (one index page)."""

    slug: str
    name: str
    agreements: tuple[Agreement, ...]

    @property
    def count(self) -> int:
        return len(self.agreements)


def _bucket(registry: Registry, keys_of: Callable[[Agreement], Iterable[str]]) -> dict[str, list[Agreement]]:
    """Group agreements (newest first) under every key `keys_of` gives them."""
    buckets: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in registry.newest_first():
        for key in keys_of(agreement):
            buckets[key].append(agreement)
    return buckets


# --- provinces --------------------------------------------------------------


def current_unit_of(registry: Registry, agreement: Agreement) -> Province | None:
    """The current (post-2025) unit a record belongs to; None when the province is unknown."""
    return registry.successor_of(agreement)


def by_current_province(registry: Registry) -> list[Group]:
    """All 34 current units in Vietnamese order, each with its own and its former units' records."""
    buckets = _bucket(registry, lambda a: [u.slug] if (u := current_unit_of(registry, a)) else [])
    return [Group(p.slug, p.name, tuple(buckets.get(p.slug, ()))) for p in registry.vocab.sorted_current()]


def by_former_province(registry: Registry) -> list[Group]:
    """Former (pre-2025) units that have records, in Vietnamese order."""
    buckets = _bucket(registry, lambda a: [a.province_unit.slug] if a.province_unit and not a.province_unit.current else [])
    former = registry.vocab.former
    return sorted(
        (Group(slug, former[slug].name, tuple(items)) for slug, items in buckets.items()),
        key=lambda g: vi_sort_key(g.name),
    )


def unknown_province(registry: Registry) -> tuple[Agreement, ...]:
    """Records whose province is not known (never counted under any province)."""
    return tuple(a for a in registry.newest_first() if a.province_unit is None)


def units_within(registry: Registry, current: Province, agreements: Iterable[Agreement]) -> list[Group]:
    """Split a current unit's records by the unit they name: itself after the merger, then each
    former unit in Vietnamese order (the Bắc Ninh page shows former Bắc Giang and Bắc Ninh)."""
    buckets: dict[str, list[Agreement]] = defaultdict(list)
    for agreement in agreements:
        buckets[agreement.province_unit.key].append(agreement)
    groups = []
    if current.key in buckets:
        groups.append(Group(current.key, current.name, tuple(buckets[current.key])))
    former = registry.vocab.former
    for slug in sorted(current.predecessors, key=lambda s: vi_sort_key(former[s].name)):
        key = former[slug].key
        if key in buckets:
            groups.append(Group(key, former[slug].name, tuple(buckets[key])))
    return groups


# --- terms, years -----------------------------------------------------------


def term_key(registry: Registry, agreement: Agreement) -> str:
    return registry.vocab.standard_term(agreement.get("term")) or UNKNOWN


def by_term(registry: Registry) -> list[Group]:
    """Standard terms (2016–2021, 2021–2026, …), oldest first; non-standard spans join their
    standard term; records without a term last."""
    buckets = _bucket(registry, lambda a: [term_key(registry, a)])
    terms = registry.vocab.terms
    standard = sorted(code for code, term in terms.items() if term.standard is None)
    groups = [Group(code, terms[code].name, tuple(buckets.get(code, ()))) for code in standard]
    groups += [Group(code, f"Nhiệm kỳ {code}", tuple(items)) for code, items in sorted(buckets.items())
               if code not in terms and code != UNKNOWN]
    if UNKNOWN in buckets:
        groups.append(Group(UNKNOWN, "Chưa rõ nhiệm kỳ", tuple(buckets[UNKNOWN])))
    return groups


def by_year(registry: Registry) -> list[Group]:
    """Years of signing, newest first; records without a signing date last."""
    buckets = _bucket(registry, lambda a: [str(a.year) if a.year else UNKNOWN])
    years = sorted((y for y in buckets if y != UNKNOWN), reverse=True)
    groups = [Group(year, f"Năm {year}", tuple(buckets[year])) for year in years]
    if UNKNOWN in buckets:
        groups.append(Group(UNKNOWN, "Chưa rõ năm ký", tuple(buckets[UNKNOWN])))
    return groups


# --- parties and their combinations -----------------------------------------


def party_name(party: Party) -> str:
    """'Ủy ban nhân dân (UBND)'; the short form only when it says something else."""
    return party.name if party.short == party.name else f"{party.name} ({party.short})"


def by_party(registry: Registry) -> list[Group]:
    """Every party of the vocabulary (zero counts included), in Vietnamese order of the full name."""
    buckets = _bucket(registry, lambda a: a.parties)
    parties = sorted(registry.vocab.parties.values(), key=lambda p: vi_sort_key(p.name))
    return [Group(p.code, party_name(p), tuple(buckets.get(p.code, ()))) for p in parties]


def combination_slug(codes: Iterable[str]) -> str:
    """'tt-hdnd--ubnd--btt-ubmttq' order-free: codes sorted, joined by '--'."""
    return COMBINATION_SEPARATOR.join(sorted(codes))


def combination_name(registry: Registry, codes: Iterable[str]) -> str:
    """'TT HĐND + UBND + BTT UBMTTQ': short forms in vocabulary order (the usual protocol order)."""
    order = list(registry.vocab.parties)
    return " + ".join(registry.vocab.parties[c].short for c in sorted(codes, key=order.index))


def by_party_combination(registry: Registry) -> list[Group]:
    """Every combination of parties present; most frequent first, then by name."""
    buckets = _bucket(registry, lambda a: [combination_slug(a.parties)])
    groups = [
        Group(slug, combination_name(registry, slug.split(COMBINATION_SEPARATOR)), tuple(items))
        for slug, items in buckets.items()
    ]
    return sorted(groups, key=lambda g: (-g.count, vi_sort_key(g.name), g.slug))


def co_signing_matrix(registry: Registry) -> dict[tuple[str, str], int]:
    """How many records each pair of parties signed together; both orders of a pair are keys."""
    counts: Counter[tuple[str, str]] = Counter()
    for agreement in registry.agreements:
        for first, second in combinations(sorted(agreement.parties), 2):
            counts[(first, second)] += 1
            counts[(second, first)] += 1
    return dict(counts)


# --- topics -----------------------------------------------------------------


def by_topic(registry: Registry) -> list[Group]:
    """Every topic of the vocabulary (zero counts included) in Vietnamese order; records
    without topics in a last group."""
    buckets = _bucket(registry, lambda a: a.get("topics") or [UNKNOWN])
    topics = sorted(registry.vocab.topics.values(), key=lambda t: vi_sort_key(t.name))
    groups = [Group(t.code, t.name, tuple(buckets.get(t.code, ()))) for t in topics]
    if UNKNOWN in buckets:
        groups.append(Group(UNKNOWN, "Chưa ghi nội dung phối hợp", tuple(buckets[UNKNOWN])))
    return groups


# --- editors' work list -----------------------------------------------------

# Facts whose absence (null) puts a record on the needs-review list even without an
# `uncertain` entry for it.
REVIEW_WHEN_MISSING = ("signed", "province")


def review_fields(agreement: Agreement) -> list[tuple[str, str | None, str | None]]:
    """(field, reason code or None, note) for every uncertain or missing fact of a record."""
    entries = [(e["field"], e["reason"], e.get("note")) for e in agreement.get("uncertain", [])]
    stated = {field for field, _, _ in entries}
    entries += [(f, None, None) for f in REVIEW_WHEN_MISSING if agreement.data.get(f) is None and f not in stated]
    return entries


def needs_review(registry: Registry) -> tuple[Agreement, ...]:
    """Records with uncertain entries or an unknown signing date or province, newest first."""
    return tuple(a for a in registry.newest_first() if review_fields(a))


def latest_additions(registry: Registry, limit: int = 10) -> tuple[Agreement, ...]:
    """Most recently added records (by `added`, then signing date, then id)."""
    ordered = sorted(registry.agreements, key=lambda a: (a.get("added", ""), a.sort_date, a.id), reverse=True)
    return tuple(ordered[:limit])
