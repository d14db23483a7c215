"""Atom 1.0 feeds: the newest records, and one feed per current province.

Built with ElementTree so every title, summary and URL is escaped (front
matter comes from strangers' pull requests).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from registry.exports.output import Output
from registry.exports.records import ExportContext
from registry.records.model import Agreement
from registry.records.vocab import Province
from registry.site.facets import PARTIES, PROVINCES
from registry.site.urls import (
    FEED_TITLE,
    LATEST_FEED,
    LATEST_FEED_TITLE,
    agreement_page,
    date_timestamp,
    facet_overview_page,
    province_feed_path,
    province_feed_title,
    province_page,
    record_json_path,
)

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SITE_TITLE = FEED_TITLE
LATEST_TITLE = LATEST_FEED_TITLE


def newest_added(agreements: list[Agreement]) -> list[Agreement]:
    """Most recently added first, then most recently signed, then by id (stable)."""
    return sorted(agreements, key=lambda a: (a.data["added"], a.sort_date, a.id), reverse=True)[:FEED_SIZE]


def entry_updated(agreement: Agreement) -> str:
    return date_timestamp(agreement.get("updated") or agreement.data["added"])


def write_feeds(ctx: ExportContext, out: Output) -> None:
    """The site feed, and one feed per current unit (the groups of the provinces facet)."""
    latest = newest_added(ctx.registry.agreements)
    out.publish(LATEST_FEED, build_feed(ctx, LATEST_TITLE, LATEST_FEED, "", latest), "atom", len(latest))
    for group in ctx.facets.groups(PROVINCES):
        if group.unknown:
            continue  # records without a province are in the site feed only
        province, path = group.subject, province_feed_path(group.slug)
        entries = newest_added(list(group.agreements))
        data = build_feed(ctx, province_feed_title(province), path, province_page(province), entries)
        out.publish(path, data, "atom", len(entries))
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
        ET.SubElement(entry, "category", term=party.code, label=party.name, scheme=ctx.site.url(facet_overview_page(PARTIES)))
    if agreement.province_unit:
        _province_category(ctx, entry, agreement.province_unit)
    return entry


def _province_category(ctx: ExportContext, entry: ET.Element, province: Province) -> None:
    # term: the unit's path under the provinces scheme ('lang-son', 'truoc-2025/bac-giang').
    term = province_page(province).removeprefix(facet_overview_page(PROVINCES)).rstrip("/")
    ET.SubElement(entry, "category", term=term, label=province.name, scheme=ctx.site.url(facet_overview_page(PROVINCES)))


def entry_id(ctx: ExportContext, agreement: Agreement) -> str:
    """A tag: URI (RFC 4151) that stays the same if the site moves to another path."""
    host = urlsplit(ctx.site.base).hostname or "localhost"
    return f"tag:{host},{agreement.data['added']}:quy-che/{agreement.id}"


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    element.text = text
    return element
