"""The JSON API under api/v1/: all records, one file per record, per facet, vocabularies."""

from __future__ import annotations

from registry.exports.output import Endpoint, Output, dump_list, dump_with_header, encode_json
from registry.exports.records import ExportContext, Facets
from registry.records.model import Agreement
from registry.records.schema import SCHEMA_PATH
from registry.records.text import vi_sort_key
from registry.records.vocab import Province
from registry.site.urls import (
    API_ROOT,
    SCHEMA_VERSION,
    facet_json_path,
    facet_page,
    province_feed_path,
    province_json_path,
    record_json_path,
)

SCHEMA_FILE = f"{API_ROOT}/agreement.schema.json"
ALL_RECORDS_FILE = f"{API_ROOT}/quy-che.json"
INDEX_FILE = f"{API_ROOT}/index.json"
# Facet kind -> Vietnamese label, in the order the index lists them.
FACET_KINDS = {
    "nhiem-ky": "Nhiệm kỳ",
    "co-quan": "Cơ quan",
    "to-hop-co-quan": "Tổ hợp cơ quan",
    "chu-de": "Chủ đề",
    "nam": "Năm ký",
}


def envelope(ctx: ExportContext, items: list, **extra) -> dict:
    return {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at, "total": len(items), "items": items, **extra}


def write_json_api(ctx: ExportContext, facets: Facets, out: Output) -> None:
    out.publish(SCHEMA_FILE, SCHEMA_PATH.read_bytes(), "schema")
    write_records(ctx, out)
    write_provinces(ctx, facets, out)
    write_facets(ctx, facets, out)
    write_vocabularies(ctx, facets, out)


def write_records(ctx: ExportContext, out: Output) -> None:
    """One file per record, and all of them in quy-che.json; each record is encoded once."""
    meta = {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at}
    encoded = {record_id: encode_json(record) for record_id, record in ctx.records.items()}
    for record_id, text in encoded.items():
        out.publish(record_json_path(record_id), dump_with_header(meta, text), "quy-che")
    header = {**meta, "total": len(encoded)}
    out.publish(ALL_RECORDS_FILE, dump_list(header, list(encoded.values())), "tat-ca", len(encoded))


def publish_group(ctx: ExportContext, out: Output, path: str, kind: str, agreements: list[Agreement], facet: dict) -> None:
    """A facet file; its items reuse each record's short form, encoded once for all groups."""
    encoded = ctx.encoded_list_items
    header = {"schema_version": SCHEMA_VERSION, "generated_at": ctx.generated_at, "total": len(agreements), "facet": facet}
    out.publish(path, dump_list(header, [encoded[a.id] for a in agreements]), kind, len(agreements))


def write_provinces(ctx: ExportContext, facets: Facets, out: Output) -> None:
    vocab = ctx.registry.vocab
    for slug, agreements in facets.current.items():
        province = vocab.current[slug]
        predecessors = [ctx.province_ref(vocab.former[s]) for s in province.predecessors if s in vocab.former]
        _write_province(ctx, out, province, agreements, predecessors=predecessors, feed=ctx.site.url(province_feed_path(slug)))
    for slug, agreements in facets.former.items():
        province = vocab.former[slug]
        _write_province(ctx, out, province, agreements, successor=ctx.province_ref(vocab.successor_of(province)))


def _write_province(ctx: ExportContext, out: Output, province: Province, agreements: list[Agreement], **extra) -> None:
    facet = {**ctx.province_ref(province), "kind": "tinh-thanh", **extra}
    publish_group(ctx, out, province_json_path(province), "tinh-thanh", agreements, facet)


def write_facets(ctx: ExportContext, facets: Facets, out: Output) -> None:
    groups = {
        "nhiem-ky": facets.terms,
        "co-quan": facets.parties,
        "to-hop-co-quan": facets.combinations,
        "chu-de": facets.topics,
        "nam": facets.years,
    }
    for kind, group in groups.items():
        for code, agreements in sorted(group.items()):
            url = ctx.page_url(facet_page(kind, code), bool(agreements))
            facet = {"kind": kind, "code": code, "name": facet_name(ctx, kind, code), "url": url}
            publish_group(ctx, out, facet_json_path(kind, code), kind, agreements, facet)


def facet_name(ctx: ExportContext, kind: str, code: str) -> str:
    vocab = ctx.registry.vocab
    if kind == "nhiem-ky":
        return vocab.terms[code].name
    if kind == "co-quan":
        return vocab.parties[code].name
    if kind == "to-hop-co-quan":
        return ctx.combination_name(code)
    if kind == "chu-de":
        return vocab.topics[code].name
    return f"Năm {code}"


# --- vocabularies (danh-muc) --------------------------------------------------------------


def write_vocabularies(ctx: ExportContext, facets: Facets, out: Output) -> None:
    tables = {
        "tinh-thanh": province_table(ctx, facets),
        "co-quan": party_table(ctx, facets),
        "chu-de": topic_table(ctx, facets),
        "nhiem-ky": term_table(ctx, facets),
    }
    for name, items in tables.items():
        out.publish_json(f"{API_ROOT}/danh-muc/{name}.json", envelope(ctx, items), "danh-muc", len(items))


def province_table(ctx: ExportContext, facets: Facets) -> list[dict]:
    """Current units (with their predecessors) then former units (with their successor)."""
    vocab = ctx.registry.vocab
    current = [
        {**ctx.province_ref(p), "kind": p.kind, "aliases": list(p.aliases), "total": len(facets.current[p.slug]),
         "predecessors": list(p.predecessors), "feed": ctx.site.url(province_feed_path(p.slug))}
        for p in vocab.sorted_current()
    ]
    former = [
        {**ctx.province_ref(p), "kind": p.kind, "aliases": list(p.aliases), "total": len(facets.former[p.slug]),
         "successor": p.successor}
        for p in sorted(vocab.former.values(), key=lambda p: vi_sort_key(p.name))
    ]
    return current + former


def party_table(ctx: ExportContext, facets: Facets) -> list[dict]:
    return [
        {**ctx.party_ref(p), "aliases": list(p.aliases), "total": len(facets.parties[p.code]),
         "url": ctx.page_url(facet_page("co-quan", p.code), bool(facets.parties[p.code])),
         "json": ctx.site.url(facet_json_path("co-quan", p.code))}
        for p in ctx.registry.vocab.parties.values()
    ]


def topic_table(ctx: ExportContext, facets: Facets) -> list[dict]:
    return [
        {"code": t.code, "name": t.name, "total": len(facets.topics[t.code]),
         "url": ctx.page_url(facet_page("chu-de", t.code), bool(facets.topics[t.code])), "json": ctx.site.url(facet_json_path("chu-de", t.code))}
        for t in ctx.registry.vocab.topics.values()
    ]


def term_table(ctx: ExportContext, facets: Facets) -> list[dict]:
    """Every term; a non-standard span points at the standard term whose file lists it."""
    vocab = ctx.registry.vocab
    table = []
    for term in vocab.terms.values():
        standard = term.standard or term.code
        table.append({
            "code": term.code, "name": term.name, "start": term.start, "end": term.end, "standard": term.standard,
            "total": sum(1 for a in facets.terms.get(standard, []) if a.get("term") == term.code),
            "url": ctx.page_url(facet_page("nhiem-ky", standard), bool(facets.terms.get(standard))), "json": ctx.site.url(facet_json_path("nhiem-ky", standard)),
        })
    return table


def write_index(ctx: ExportContext, out: Output) -> None:
    """index.json: every published file with its kind and, for lists, its total."""
    endpoints = sorted([*out.endpoints, Endpoint(INDEX_FILE, "index")], key=lambda e: e.path)
    items = [
        {"path": e.path, "url": ctx.site.url(e.path), "kind": e.kind, **({"total": e.total} if e.total is not None else {})}
        for e in endpoints
    ]
    out.publish_json(INDEX_FILE, envelope(ctx, items, site=ctx.site.base, facets=FACET_KINDS), "index", len(items))
