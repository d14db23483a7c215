"""One agreement as published data; the facet groups come from the site's facet table.

A record's JSON is its front matter as the schema describes it (every field
present: an absent optional field becomes null or []), plus `id`, `summary`,
`url` and a `resolved` object with names and links. Removing EXTRA_KEYS gives
back an object the published schema accepts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from registry.exports.output import encode_json
from registry.records.model import LEVEL_NAMES, RELATION_NAMES, STATUS_NAMES, Agreement, Registry
from registry.records.schema import schema_defaults
from registry.records.vocab import Party, Province
from registry.site.facets import COMBINATIONS, PARTIES, FacetIndex, facet_index
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
    facets: FacetIndex = field(init=False)

    def __post_init__(self) -> None:
        self.facets = facet_index(self.registry)

    def combination(self, agreement: Agreement) -> str:
        """The slug of the record's set of parties, as the site's to-hop-co-quan/ pages use it."""
        return self.facets.groups_of(COMBINATIONS, agreement)[0].slug

    def combination_name(self, key: str) -> str:
        return self.facets.group(COMBINATIONS, key).name

    def current_unit(self, agreement: Agreement) -> Province | None:
        """The unit in force today that covers the record's province (itself if current)."""
        return self.registry.successor_of(agreement)

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
    def _province_refs(self) -> dict[Province, dict]:
        vocab = self.registry.vocab
        return {p: self.province_ref(p) for p in (*vocab.current.values(), *vocab.former.values())}

    def record(self, agreement: Agreement) -> dict:
        """Published JSON object of a record (without file metadata)."""
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
        item = {key: data.get(key) for key in ("title", "number", "province", "level", "unit", "signed", "term", "added")}
        item.update(
            status=agreement.status,  # derived (see resolved.status_basis in the full record)
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
            "province": self._province_refs[unit] if unit else None,
            "successor": self._province_refs[self.current_unit(agreement)] if unit else None,
            "level_name": LEVEL_NAMES[agreement.data["level"]],
            "status": agreement.status,
            "status_name": STATUS_NAMES[agreement.status],
            "status_basis": self._status_basis(agreement),
            "signed_text": agreement.signed_text,
            "signed_year_suggested": agreement.suggested_year,
            "party_items": [self._party_item(item) for item in agreement.party_items],
            "term": {"code": term.code, "name": term.name, "standard": registry.vocab.standard_term(term.code)} if term else None,
            "parties": [self._party_refs[code] for code in agreement.parties],
            "party_combination": {
                "key": combination,
                "name": self.combination_name(combination),
                "url": self.site.url(facet_page(COMBINATIONS, combination)),
                "json": self.site.url(facet_json_path(COMBINATIONS, combination)),
            },
            "topics": [self._topic_refs[code] for code in agreement.get("topics", [])],
            "relations": [self._relation(r) for r in agreement.get("relations", [])],
            "incoming_relations": [self._incoming(*entry) for entry in self.registry.incoming(agreement.id)],
            "former_urls": [self.site.url(agreement_page(old)) for old in agreement.get("former_ids", [])],
        }

    def _status_basis(self, agreement: Agreement) -> dict | None:
        """What the derived status rests on: a later record (replaced/amended) or a source."""
        basis = self.registry.status_basis(agreement)
        if basis:
            return {"record": basis.id, "title": basis.title, "url": self.site.url(agreement_page(basis.id))}
        source = self.registry.status_source(agreement)
        return {"source": agreement.data["status_source"], "url": source.get("url")} if source else None

    def _party_item(self, item) -> dict:
        party = self.registry.vocab.parties.get(item.code) if item.code else None
        return {"party": item.code, "name": item.name, "level": item.level, "unit": item.unit, "count": item.count,
                "label": item.label(party), "short": party.short if party else None}

    def _relation(self, relation: dict) -> dict:
        if relation.get("target") is None:  # a regulation outside the registry
            return {"type": relation["type"], "label": RELATION_NAMES[relation["type"]][0], "target": None,
                    "document": relation.get("document"), "title": (relation.get("document") or {}).get("title"),
                    "note": relation.get("note"), "url": None}
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

    def province_ref(self, province: Province) -> dict:
        # Every unit of the vocabulary has a page (the facet table declares empty pages for them).
        return {
            "slug": province.slug,
            "code": province.code,
            "name": province.name,
            "full_name": province.full_name,
            "current": province.current,
            "url": self.site.url(province_page(province)),
            "json": self.site.url(province_json_path(province)),
        }

    def party_ref(self, party: Party) -> dict:
        return {
            "code": party.code,
            "name": party.name,
            "short": party.short,
            "url": self.site.url(facet_page(PARTIES, party.code)),
        }
