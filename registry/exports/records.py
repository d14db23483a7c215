"""One agreement as published data, and the facet groups, each computed once.

A record's JSON is its front matter as the schema describes it (every field
present: an absent optional field becomes null or []), plus `id`, `summary`,
`url` and a `resolved` object with names and links. Removing EXTRA_KEYS gives
back an object the published schema accepts.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from registry.exports.output import encode_json
from registry.records.model import LEVEL_NAMES, RELATION_NAMES, STATUS_NAMES, Agreement, Registry
from registry.records.schema import schema_defaults
from registry.records.vocab import Party, Province
from registry.site.indexes import COMBINATION_SEPARATOR, combination_name, combination_slug
from registry.site.urls import (
    SiteUrls,
    agreement_page,
    facet_json_path,
    facet_page,
    province_json_path,
    province_page,
    record_json_path,
)

# Keys a per-record file adds to the front matter; removing them leaves a schema-valid record.
RECORD_EXTRA_KEYS = ("id", "summary", "url", "resolved")
FILE_EXTRA_KEYS = ("schema_version", "generated_at")
EXTRA_KEYS = RECORD_EXTRA_KEYS + FILE_EXTRA_KEYS


@dataclass
class ExportContext:
    """What every exporter needs, computed once for the whole registry."""

    registry: Registry
    site: SiteUrls
    generated_at: str
    _combinations: dict[str, str] = field(default_factory=dict)
    _combination_names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.former_with_records: set[str] = set()
        for agreement in self.registry.agreements:
            unit = agreement.province_unit
            if unit is not None and not unit.current:
                self.former_with_records.add(unit.slug)

    def combination(self, agreement: Agreement) -> str:
        """The slug of the record's set of parties, as the site's to-hop-co-quan/ pages use it."""
        key = self._combinations.get(agreement.id)
        if key is None:
            key = self._combinations[agreement.id] = combination_slug(agreement.parties)
        return key

    def combination_name(self, key: str) -> str:
        names = self._combination_names.get(key)
        if names is None:
            names = self._combination_names[key] = combination_name(self.registry, key.split(COMBINATION_SEPARATOR))
        return names

    def current_unit(self, agreement: Agreement) -> Province | None:
        """The unit in force today that covers the record's province (itself if current)."""
        return self.registry.successor_of(agreement)

    @functools.cached_property
    def records(self) -> dict[str, dict]:
        """Published JSON object of every record (without file metadata), by id."""
        return {a.id: self._record(a) for a in self.registry.agreements}

    @functools.cached_property
    def encoded_list_items(self) -> dict[str, str]:
        """The short form of each record used in facet lists, encoded as JSON, by id."""
        return {a.id: encode_json(self._list_item(a)) for a in self.registry.agreements}

    # Vocabulary entries as they appear inside records: built once, shared by every record.
    @functools.cached_property
    def _party_refs(self) -> dict[str, dict]:
        return {code: self.party_ref(party) for code, party in self.registry.vocab.parties.items()}

    @functools.cached_property
    def _topic_refs(self) -> dict[str, dict]:
        return {code: {"code": code, "name": topic.name} for code, topic in self.registry.vocab.topics.items()}

    @functools.cached_property
    def _province_refs(self) -> dict[str, dict]:
        vocab = self.registry.vocab
        return {p.key: self.province_ref(p) for p in (*vocab.current.values(), *vocab.former.values())}

    def _record(self, agreement: Agreement) -> dict:
        record = {**schema_defaults(), **agreement.data}
        record.update(
            id=agreement.id,
            summary=agreement.summary,
            url=self.site.url(agreement_page(agreement.id)),
            resolved=self._resolved(agreement),
        )
        return record

    def _list_item(self, agreement: Agreement) -> dict:
        data = agreement.data
        item = {key: data.get(key) for key in ("title", "number", "province", "level", "unit", "signed", "term", "status", "added")}
        item.update(
            id=agreement.id,
            parties=agreement.parties,
            url=self.site.url(agreement_page(agreement.id)),
            json=self.site.url(record_json_path(agreement.id)),
        )
        return item

    def _resolved(self, agreement: Agreement) -> dict:
        registry, unit = self.registry, agreement.province_unit
        combination = self.combination(agreement)
        term = registry.vocab.terms.get(agreement.get("term", ""))
        return {
            "json": self.site.url(record_json_path(agreement.id)),
            "province": self._province_refs[unit.key] if unit else None,
            "successor": self._province_refs[self.current_unit(agreement).key] if unit else None,
            "level_name": LEVEL_NAMES[agreement.data["level"]],
            "status_name": STATUS_NAMES[agreement.data["status"]],
            "term": {"code": term.code, "name": term.name, "standard": registry.vocab.standard_term(term.code)} if term else None,
            "parties": [self._party_refs[code] for code in agreement.parties],
            "party_combination": {
                "key": combination,
                "name": self.combination_name(combination),
                "url": self.site.url(facet_page("to-hop-co-quan", combination)),
                "json": self.site.url(facet_json_path("to-hop-co-quan", combination)),
            },
            "topics": [self._topic_refs[code] for code in agreement.get("topics", [])],
            "relations": [self._relation(r) for r in agreement.get("relations", [])],
            "incoming_relations": [self._incoming(*entry) for entry in self.registry.incoming(agreement.id)],
            "former_urls": [self.site.url(agreement_page(old)) for old in agreement.get("former_ids", [])],
        }

    def _relation(self, relation: dict) -> dict:
        other = self.registry.by_id[relation["target"]]
        return {
            "type": relation["type"],
            "label": RELATION_NAMES[relation["type"]][0],
            "target": other.id,
            "title": other.title,
            "note": relation.get("note"),
            "url": self.site.url(agreement_page(other.id)),
        }

    def _incoming(self, kind: str, source_id: str, note: str | None) -> dict:
        other = self.registry.by_id[source_id]
        return {
            "type": kind,
            "label": RELATION_NAMES[kind][1],
            "source": other.id,
            "title": other.title,
            "note": note,
            "url": self.site.url(agreement_page(other.id)),
        }

    def page_url(self, path: str, has_records: bool) -> str | None:
        """Absolute URL of an index page; None for an empty group, which may have no page."""
        return self.site.url(path) if has_records else None

    def province_ref(self, province: Province) -> dict:
        # The site has a page for every current unit, but for a former unit only once it has records.
        has_page = province.current or province.slug in self.former_with_records
        return {
            "slug": province.slug,
            "code": province.code,
            "name": province.name,
            "full_name": province.full_name,
            "current": province.current,
            "url": self.page_url(province_page(province), has_page),
            "json": self.site.url(province_json_path(province)),
        }

    def party_ref(self, party: Party) -> dict:
        return {
            "code": party.code,
            "name": party.name,
            "short": party.short,
            "url": self.site.url(facet_page("co-quan", party.code)),
        }


@dataclass
class Facets:
    """Agreements grouped by every facet that has its own page and JSON file, in one pass.

    Every vocabulary entry gets a group (possibly empty) so that a client can
    fetch any province, term, party or topic without first checking it exists.
    """

    current: dict[str, list[Agreement]]
    former: dict[str, list[Agreement]]
    terms: dict[str, list[Agreement]]
    parties: dict[str, list[Agreement]]
    combinations: dict[str, list[Agreement]]
    topics: dict[str, list[Agreement]]
    years: dict[str, list[Agreement]]


def group_facets(ctx: ExportContext) -> Facets:
    vocab = ctx.registry.vocab
    facets = Facets(
        current={slug: [] for slug in vocab.current},
        former={slug: [] for slug in vocab.former},
        terms={code: [] for code, term in vocab.terms.items() if term.standard is None},
        parties={code: [] for code in vocab.parties},
        combinations=defaultdict(list),
        topics={code: [] for code in vocab.topics},
        years=defaultdict(list),
    )
    for agreement in ctx.registry.agreements:
        _add_to_groups(ctx, facets, agreement)
    return facets


def _add_to_groups(ctx: ExportContext, facets: Facets, agreement: Agreement) -> None:
    unit = agreement.province_unit
    if unit is not None:
        facets.current[ctx.current_unit(agreement).slug].append(agreement)
        if not unit.current:
            facets.former[unit.slug].append(agreement)
    term = ctx.registry.vocab.standard_term(agreement.get("term"))
    if term:
        facets.terms.setdefault(term, []).append(agreement)
    for code in agreement.parties:
        facets.parties[code].append(agreement)
    facets.combinations[ctx.combination(agreement)].append(agreement)
    for code in agreement.get("topics", []):
        facets.topics[code].append(agreement)
    if agreement.year:
        facets.years[str(agreement.year)].append(agreement)
