"""Where every page and export lives, relative to the site root.

One module owns the URL scheme: the pages (registry.site), the open data
(registry.exports), the statistics and the search index all use it.
"""

from __future__ import annotations

import datetime as dt

from registry.records.vocab import Province

API_ROOT = "api/v1"
SCHEMA_VERSION = "1.0"
FEED_ROOT = "feeds"
FORMER_PREFIX = "truoc-2025"  # Province.key of a former unit: truoc-2025/<slug>
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


def record_json_path(agreement_id: str) -> str:
    """'lang-son/x' -> 'api/v1/quy-che/lang-son/x.json'."""
    return f"{API_ROOT}/quy-che/{agreement_id}.json"


def province_page(province: Province) -> str:
    """Current units at tinh-thanh/<slug>/, former ones at tinh-thanh/truoc-2025/<slug>/."""
    return f"tinh-thanh/{province.key}/"


def province_json_path(province: Province) -> str:
    return f"{API_ROOT}/tinh-thanh/{province.key}.json"


def province_feed_path(slug: str) -> str:
    return f"{FEED_ROOT}/tinh-thanh/{slug}.xml"


def facet_page(kind: str, code: str) -> str:
    """Index page of one term, party, combination, topic or year: '<kind>/<code>/'."""
    return f"{kind}/{code}/"


# Index pages of the facets, by kind.
TERMS, COMBINATIONS, PARTIES, TOPICS, YEARS = "nhiem-ky", "to-hop-co-quan", "co-quan", "chu-de", "nam"


def term_page(code: str) -> str:
    return facet_page(TERMS, code)


def combination_page(slug: str) -> str:
    return facet_page(COMBINATIONS, slug)


def party_page(code: str) -> str:
    return facet_page(PARTIES, code)


def topic_page(code: str) -> str:
    return facet_page(TOPICS, code)


def year_page(year: str) -> str:
    return facet_page(YEARS, year)


def numbered_page(base: str, number: int) -> str:
    """The n-th page of a paginated list: base/, base/trang-2/, ..."""
    return base if number == 1 else f"{base}trang-{number}/"


def source_uri(url: str) -> str:
    """Source path of a generated page with a directory URL: 'nam/2021/' -> 'nam/2021/index.md'."""
    return f"{url}index.md"


def root_of(url: str) -> str:
    """Relative prefix from a directory URL back to the site root: 'a/b/' -> '../../'."""
    return "../" * url.count("/")


def facet_json_path(kind: str, code: str) -> str:
    return f"{API_ROOT}/{kind}/{code}.json"


def utc_timestamp(moment: dt.datetime) -> str:
    """ISO 8601 / RFC 3339 in UTC with a Z: '2026-11-23T10:47:25Z' (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_timestamp(day: str) -> str:
    """'2026-11-23' -> '2026-11-23T00:00:00Z' (records carry dates, feeds need instants)."""
    return f"{day}T00:00:00Z"
