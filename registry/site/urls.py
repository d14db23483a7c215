"""Where every page and export lives, relative to the site root.

One module owns the URL scheme: the pages (registry.site), the open data
(registry.exports), the statistics and the search index all use it.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from registry.records.vocab import Province
from registry.site.facets import FORMER_PROVINCES, PROVINCES, UNKNOWN

API_ROOT = "api/v1"
SCHEMA_VERSION = "1.0"
FEED_ROOT = "feeds"
FORMER_PREFIX = "truoc-2025"  # former units live under tinh-thanh/truoc-2025/<slug>/
LATEST_FEED = f"{FEED_ROOT}/quy-che-moi.xml"


class SiteUrls:
    """Turns site-relative paths into absolute URLs under `site_url`."""

    def __init__(self, site_url: str):
        self.base = site_url.rstrip("/") + "/"

    def url(self, path: str) -> str:
        return self.base + path


def agreement_page(agreement_id: str) -> str:
    """'lang-son/x' -> 'quy-che/lang-son/x/' (the page of one agreement)."""
    return f"quy-che/{agreement_id}/"


def agreement_source(agreement_id: str) -> str:
    """The generated Markdown of an agreement's page: 'quy-che/lang-son/x.md' (served at agreement_page)."""
    return f"quy-che/{agreement_id}.md"


# Pages that are not facets.
REVIEW_PAGE = "can-bo-sung/"  # the editors' work list
STATS_PAGE = "thong-ke/"
FIELD_REFERENCE_SOURCE = "dong-gop/truong-du-lieu.md"  # a page inside the hand-written "Đóng góp" section


def vocabulary_json_path(name: str) -> str:
    """'co-quan' -> 'api/v1/danh-muc/co-quan.json' (a vocabulary with totals and links)."""
    return f"{API_ROOT}/danh-muc/{name}.json"


def record_json_path(agreement_id: str) -> str:
    """'lang-son/x' -> 'api/v1/quy-che/lang-son/x.json'."""
    return f"{API_ROOT}/quy-che/{agreement_id}.json"


def province_page(province: Province) -> str:
    """Current units at tinh-thanh/<slug>/, former ones at tinh-thanh/truoc-2025/<slug>/."""
    return facet_page(PROVINCES if province.current else FORMER_PROVINCES, province.slug)


def province_json_path(province: Province) -> str:
    return facet_json_path(PROVINCES if province.current else FORMER_PROVINCES, province.slug)


def province_feed_path(slug: str) -> str:
    return f"{FEED_ROOT}/tinh-thanh/{slug}.xml"


# Folder of each facet's pages (and of its files under api/v1/), by facet kind
# (registry.site.facets); a kind not listed lives in a folder of its own name.
FACET_FOLDERS = {FORMER_PROVINCES: f"{PROVINCES}/{FORMER_PREFIX}"}
# Slug of the 'not known' group where it is not 'chua-ro'.
UNKNOWN_SLUGS = {PROVINCES: "chua-ro-tinh"}


def facet_folder(kind: str) -> str:
    return FACET_FOLDERS.get(kind, kind)


def _segment(kind: str, slug: str) -> str:
    return UNKNOWN_SLUGS.get(kind, slug) if slug == UNKNOWN else slug


def facet_overview_page(kind: str) -> str:
    """The page listing every group of a facet: 'nhiem-ky/'."""
    return f"{facet_folder(kind)}/"


def facet_page(kind: str, slug: str) -> str:
    """Index page of one group of a facet: 'nhiem-ky/2021-2026/', 'tinh-thanh/chua-ro-tinh/'."""
    return f"{facet_folder(kind)}/{_segment(kind, slug)}/"


def facet_json_path(kind: str, slug: str) -> str:
    """The group's JSON file: 'api/v1/nhiem-ky/2021-2026.json'."""
    return f"{API_ROOT}/{facet_folder(kind)}/{_segment(kind, slug)}.json"


# --- feeds -----------------------------------------------------------------------------

FEED_TITLE = "Sổ Quy chế phối hợp"
LATEST_FEED_TITLE = f"{FEED_TITLE} — quy chế mới cập nhật"


class FeedLink(NamedTuple):
    """A feed a page can announce: <link rel="alternate" type="application/atom+xml" title=… href=…>."""

    title: str
    href: str


def province_feed_title(province: Province) -> str:
    return f"{FEED_TITLE} — {province.name}"


def feed_links(current: Province | None = None, site_url: str = "") -> list[FeedLink]:
    """Feeds a page announces in its <head>: the site feed, and the feed of `current` (the
    current unit the page belongs to: a province page, a former unit's successor, a record's
    province). hrefs are relative to the site root unless `site_url` is given."""
    prefix = site_url.rstrip("/") + "/" if site_url else ""
    links = [FeedLink(LATEST_FEED_TITLE, prefix + LATEST_FEED)]
    if current is not None:
        links.append(FeedLink(province_feed_title(current), prefix + province_feed_path(current.slug)))
    return links


def numbered_page(base: str, number: int) -> str:
    """The n-th page of a paginated list: base/, base/trang-2/, ..."""
    return base if number == 1 else f"{base}trang-{number}/"


def source_uri(url: str) -> str:
    """Source path of a generated page with a directory URL: 'nam/2021/' -> 'nam/2021/index.md'."""
    return f"{url}index.md"


def root_of(url: str) -> str:
    """Relative prefix from a directory URL back to the site root: 'a/b/' -> '../../'."""
    return "../" * url.count("/")


def utc_timestamp(moment: dt.datetime) -> str:
    """ISO 8601 / RFC 3339 in UTC with a Z: '2026-11-23T10:47:25Z' (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_timestamp(day: str) -> str:
    """'2026-11-23' -> '2026-11-23T00:00:00Z' (records carry dates, feeds need instants)."""
    return f"{day}T00:00:00Z"
