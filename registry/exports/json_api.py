"""The JSON API under api/v1/: all records, one file per record, per facet, vocabularies."""

from __future__ import annotations

from collections.abc import Iterator

from registry.exports.output import Endpoint, Output, dump_list, dump_with_header, encode_json, list_chunks
from registry.exports.records import ExportContext
from registry.records.model import Agreement
from registry.records.schema import SCHEMA_PATH
from registry.records.text import vi_sort_key
from registry.site.facets import FORMER_PROVINCES, PARTIES, PROVINCES, TERMS, TOPICS, Group, published_facets
from registry.site.urls import (
    API_ROOT,
    SCHEMA_VERSION,
    facet_json_path,
    facet_page,
    province_feed_path,
    record_json_path,
    vocabulary_json_path,
)

SCHEMA_FILE = f"{API_ROOT}/agreement.schema.json"
ALL_RECORDS_FILE = f"{API_ROOT}/quy-che.json"
INDEX_FILE = f"{API_ROOT}/index.json"


def facet_kinds() -> dict[str, str]:
    """Facet kind -> Vietnamese label, in the order of the facet table (listed in index.json)."""
    return {facet.kind: facet.label for facet in published_facets()}


def envelope(ctx: ExportContext, items: list, **extra) -> dict:
    return {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at, "total": len(items), "items": items, **extra}


def write_json_api(ctx: ExportContext, out: Output) -> None:
    out.publish(SCHEMA_FILE, SCHEMA_PATH.read_bytes(), "schema")
    write_records(ctx, out)
    write_groups(ctx, out)
    write_vocabularies(ctx, out)


def write_records(ctx: ExportContext, out: Output) -> None:
    """One file per record, and all of them in quy-che.json, written as each record is encoded
    (never all of them in memory: quy-che.json is ~4 KB a record, 400 MB at 100,000)."""
    meta = {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at}
    total = len(ctx.registry.agreements)

    def items() -> Iterator[bytes]:
        for index, agreement in enumerate(ctx.registry.agreements):
            text = encode_json(ctx.record(agreement))
            out.publish(record_json_path(agreement.id), dump_with_header(meta, text), "quy-che")
            yield (f",{text}" if index else text).encode("utf-8")

    out.publish_stream(ALL_RECORDS_FILE, list_chunks({**meta, "total": total}, items()), "tat-ca", total)


def publish_group(ctx: ExportContext, out: Output, path: str, kind: str, agreements: tuple[Agreement, ...], facet: dict) -> None:
    """A facet file; its items reuse each record's short form, encoded once for all groups."""
    encoded = ctx.encoded_list_items
    header = {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at, "total": len(agreements), "facet": facet}
    out.publish(path, dump_list(header, [encoded[a.id] for a in agreements]), kind, len(agreements))


def write_groups(ctx: ExportContext, out: Output) -> None:
    """One file per group of every facet of the table: exactly the groups that have a page."""
    for facet in published_facets():
        for group in ctx.facets.groups(facet.kind):
            info = {"kind": facet.kind, "code": group.slug, "name": group.name,
                    "url": ctx.site.url(facet_page(facet.kind, group.slug)),
                    "json": ctx.site.url(facet_json_path(facet.kind, group.slug)),
                    **_province_facts(ctx, group)}
            publish_group(ctx, out, facet_json_path(facet.kind, group.slug), facet.kind, group.agreements, info)


def _province_facts(ctx: ExportContext, group: Group) -> dict:
    """A province's file also names the unit fully and links its predecessors or successor."""
    vocab, unit = ctx.registry.vocab, group.subject
    if group.unknown or group.kind not in (PROVINCES, FORMER_PROVINCES):
        return {}
    facts = {key: value for key, value in ctx.province_ref(unit).items() if key not in ("url", "json", "name")}
    if unit.current:
        facts["predecessors"] = [ctx.province_ref(vocab.former[s]) for s in unit.predecessors if s in vocab.former]
        facts["feed"] = ctx.site.url(province_feed_path(unit.slug))
    else:
        facts["successor"] = ctx.province_ref(vocab.successor_of(unit))
    return facts


# --- vocabularies (danh-muc) --------------------------------------------------------------


def write_vocabularies(ctx: ExportContext, out: Output) -> None:
    tables = {
        "tinh-thanh": province_table(ctx),
        "co-quan": party_table(ctx),
        "chu-de": topic_table(ctx),
        "nhiem-ky": term_table(ctx),
    }
    for name, items in tables.items():
        out.publish_json(vocabulary_json_path(name), envelope(ctx, items), "danh-muc", len(items))


def _total(ctx: ExportContext, kind: str, slug: str) -> int:
    group = ctx.facets.group(kind, slug)
    return group.count if group else 0


def province_table(ctx: ExportContext) -> list[dict]:
    """Current units (with their predecessors) then former units (with their successor)."""
    vocab = ctx.registry.vocab
    current = [
        {**ctx.province_ref(p), "kind": p.kind, "aliases": list(p.aliases), "total": _total(ctx, PROVINCES, p.slug),
         "predecessors": list(p.predecessors), "feed": ctx.site.url(province_feed_path(p.slug))}
        for p in vocab.sorted_current()
    ]
    former = [
        {**ctx.province_ref(p), "kind": p.kind, "aliases": list(p.aliases), "total": _total(ctx, FORMER_PROVINCES, p.slug),
         "successor": p.successor}
        for p in sorted(vocab.former.values(), key=lambda p: vi_sort_key(p.name))
    ]
    return current + former


def party_table(ctx: ExportContext) -> list[dict]:
    return [
        {**ctx.party_ref(p), "aliases": list(p.aliases), "total": _total(ctx, PARTIES, p.code),
         "json": ctx.site.url(facet_json_path(PARTIES, p.code))}
        for p in ctx.registry.vocab.parties.values()
    ]


def topic_table(ctx: ExportContext) -> list[dict]:
    return [
        {"code": t.code, "name": t.name, "total": _total(ctx, TOPICS, t.code),
         "url": ctx.site.url(facet_page(TOPICS, t.code)), "json": ctx.site.url(facet_json_path(TOPICS, t.code))}
        for t in ctx.registry.vocab.topics.values()
    ]


def term_table(ctx: ExportContext) -> list[dict]:
    """Every term; a non-standard span points at the standard term whose file lists it."""
    table = []
    for term in ctx.registry.vocab.terms.values():
        standard = term.standard or term.code
        group = ctx.facets.group(TERMS, standard)
        table.append({
            "code": term.code, "name": term.name, "start": term.start, "end": term.end, "standard": term.standard,
            "total": sum(1 for a in (group.agreements if group else ()) if a.get("term") == term.code),
            "url": ctx.site.url(facet_page(TERMS, standard)), "json": ctx.site.url(facet_json_path(TERMS, standard)),
        })
    return table


def write_index(ctx: ExportContext, out: Output) -> None:
    """index.json: every published file with its kind and, for lists, its total."""
    endpoints = sorted([*out.endpoints, Endpoint(INDEX_FILE, "index")], key=lambda e: e.path)
    items = [
        {"path": e.path, "url": ctx.site.url(e.path), "kind": e.kind, **({"total": e.total} if e.total is not None else {})}
        for e in endpoints
    ]
    out.publish_json(INDEX_FILE, envelope(ctx, items, site=ctx.site.base, facets=facet_kinds()), "index", len(items))
