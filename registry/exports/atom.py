"""Atom 1.0 feeds: the newest records, and one feed per current province.

Built with ElementTree so every title, summary and URL is escaped (front
matter comes from strangers' pull requests).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import NamedTuple
from urllib.parse import urlsplit

from registry.exports.output import Output
from registry.exports.records import ExportContext, Facets
from registry.records.model import Agreement
from registry.records.vocab import Province, Vocabularies
from registry.site.urls import (
    FORMER_PREFIX,
    LATEST_FEED,
    agreement_page,
    date_timestamp,
    province_feed_path,
    province_page,
    record_json_path,
)

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SITE_TITLE = "Sổ Quy chế phối hợp"
LATEST_TITLE = f"{SITE_TITLE} — quy chế mới cập nhật"


class FeedLink(NamedTuple):
    """A feed a page can announce: <link rel="alternate" type="application/atom+xml" title=… href=…>."""

    title: str
    href: str


def feed_links(page_kind: str, slug: str | None = None, vocab: Vocabularies | None = None, site_url: str = "") -> list[FeedLink]:
    """Feeds to announce in a page's <head>; hrefs are relative to the site root unless `site_url` is given.

    page_kind: "province" (tinh-thanh/<slug>/), "former-province" (tinh-thanh/truoc-2025/<slug>/:
    its successor's feed; needs `vocab`), "agreement" (slug: the record's province_unit.key, or
    None when unknown) or anything else (site feed only). A slug written as a Province.key
    ('truoc-2025/bac-giang') is looked up as a former unit.
    """
    prefix = site_url.rstrip("/") + "/" if site_url else ""
    links = [FeedLink(LATEST_TITLE, prefix + LATEST_FEED)]
    current = _current_slug(page_kind, slug, vocab)
    if current:
        name = vocab.current[current].name if vocab and current in vocab.current else current
        links.append(FeedLink(f"{SITE_TITLE} — {name}", prefix + province_feed_path(current)))
    return links


def _current_slug(page_kind: str, slug: str | None, vocab: Vocabularies | None) -> str | None:
    if not slug or page_kind not in ("province", "former-province", "agreement"):
        return None
    # A Province.key ('truoc-2025/bac-giang') names a former unit whatever the page kind.
    former = slug.removeprefix(f"{FORMER_PREFIX}/")
    if page_kind == "former-province" or former != slug:
        return vocab.former[former].successor if vocab and former in vocab.former else None
    return slug


def newest_added(agreements: list[Agreement]) -> list[Agreement]:
    """Most recently added first, then most recently signed, then by id (stable)."""
    return sorted(agreements, key=lambda a: (a.data["added"], a.sort_date, a.id), reverse=True)[:FEED_SIZE]


def entry_updated(agreement: Agreement) -> str:
    return date_timestamp(agreement.get("updated") or agreement.data["added"])


def write_feeds(ctx: ExportContext, facets: Facets, out: Output) -> None:
    latest = newest_added(ctx.registry.agreements)
    out.publish(LATEST_FEED, build_feed(ctx, LATEST_TITLE, LATEST_FEED, "", latest), "atom", len(latest))
    for slug, agreements in facets.current.items():
        province = ctx.registry.vocab.current[slug]
        entries = newest_added(agreements)
        data = build_feed(ctx, f"{SITE_TITLE} — {province.name}", province_feed_path(slug), province_page(province), entries)
        out.publish(province_feed_path(slug), data, "atom", len(entries))
    _answer_material_sitemap_lookups(out)


# Material's JavaScript fetches "sitemap.xml" next to every <link rel="alternate"> of a page
# (it expects language versions of the site). Our feed links are alternates too, so without
# these files every page view logs two 404s. An empty, valid sitemap answers the lookup.
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def _answer_material_sitemap_lookups(out: Output) -> None:
    for folder in sorted({LATEST_FEED.rsplit("/", 1)[0], province_feed_path("x").rsplit("/", 1)[0]}):
        out.write_other(f"{folder}/sitemap.xml", EMPTY_SITEMAP)


def build_feed(ctx: ExportContext, title: str, feed_path: str, page_path: str, entries: list[Agreement]) -> bytes:
    feed = ET.Element("feed", xmlns=ATOM_NS, attrib={"xml:lang": "vi"})
    _text(feed, "id", ctx.site.url(feed_path))
    _text(feed, "title", title)
    updates = [entry_updated(a) for a in entries]
    # An empty feed still needs `updated`: the build time is the honest answer.
    _text(feed, "updated", max(updates) if updates else ctx.generated_at)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=ctx.site.url(feed_path))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=ctx.site.url(page_path))
    author = ET.SubElement(feed, "author")
    _text(author, "name", SITE_TITLE)
    _text(author, "uri", ctx.site.base)
    _text(feed, "rights", "Dữ liệu: CC BY 4.0")
    for agreement in entries:
        feed.append(build_entry(ctx, agreement))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def build_entry(ctx: ExportContext, agreement: Agreement) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", entry_id(ctx, agreement))
    _text(entry, "title", agreement.title)
    _text(entry, "updated", entry_updated(agreement))
    _text(entry, "published", date_timestamp(agreement.data["added"]))
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=ctx.site.url(agreement_page(agreement.id)))
    ET.SubElement(entry, "link", rel="related", type="application/json", href=ctx.site.url(record_json_path(agreement.id)))
    _text(entry, "summary", agreement.summary, type="text")
    for party in ctx.registry.parties_of(agreement):
        ET.SubElement(entry, "category", term=party.code, label=party.name, scheme=ctx.site.url("co-quan/"))
    if agreement.province_unit:
        _province_category(ctx, entry, agreement.province_unit)
    return entry


def _province_category(ctx: ExportContext, entry: ET.Element, province: Province) -> None:
    ET.SubElement(entry, "category", term=province.key, label=province.name, scheme=ctx.site.url("tinh-thanh/"))


def entry_id(ctx: ExportContext, agreement: Agreement) -> str:
    """A tag: URI (RFC 4151) that stays the same if the site moves to another path."""
    host = urlsplit(ctx.site.base).hostname or "localhost"
    return f"tag:{host},{agreement.data['added']}:quy-che/{agreement.id}"


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    element.text = text
    return element
