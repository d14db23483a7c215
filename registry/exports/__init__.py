"""Open data: JSON API, JSON Schema, CSV, Atom feeds, permalink redirects and sitemap.

Everything is written into the built site folder by one call,
`write_open_data(registry, site_dir, site_url)`, which the MkDocs hook runs in
`on_post_build` (after MkDocs has written its own sitemap.xml, which ours
replaces). Pure library: no MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from registry.exports.atom import write_feeds
from registry.exports.csv_export import CSV_COLUMNS, PARTY_CSV_COLUMNS, write_csv
from registry.exports.datapackage import write_datapackage
from registry.exports.downloads import fill_download_sizes
from registry.exports.json_api import write_index, write_json_api
from registry.exports.output import Output
from registry.exports.records import EXTRA_KEYS, ExportContext
from registry.exports.redirects import redirects, write_redirects
from registry.exports.sitemap import write_sitemap
from registry.records.model import Registry
from registry.site.urls import SCHEMA_VERSION, SiteUrls, agreement_page, record_json_path, utc_timestamp

__all__ = [
    "CSV_COLUMNS", "EXTRA_KEYS", "PARTY_CSV_COLUMNS", "SCHEMA_VERSION", "OpenDataReport",
    "agreement_page", "record_json_path", "redirects", "write_open_data",
]


@dataclass
class OpenDataReport:
    """What one export wrote: counts for the build log, and every file (site-relative)."""

    records: int
    endpoints: int
    redirects: int
    sitemap_urls: int
    seconds: float
    files: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"Dữ liệu mở: {self.records} bản ghi, {self.endpoints} tệp dữ liệu, "
                f"{self.redirects} trang chuyển hướng, sitemap {self.sitemap_urls} địa chỉ ({self.seconds:.2f} s)")


def write_open_data(registry: Registry, site_dir: Path, site_url: str, generated_at: dt.datetime | None = None,
                    html_pages: list[str] | None = None, unlisted: tuple[str, ...] = ()) -> OpenDataReport:
    """Write every open-data file into `site_dir` (the built site).

    `site_url` is the public root (mkdocs.yml `site_url`); `generated_at` makes
    the output byte-stable in tests (default: now, UTC); `html_pages` lists the
    site's pages as paths ('quy-che/a/b/' or '.../index.html') when the caller
    knows them, else the folder is walked for index.html files; `unlisted` pages
    ('quy-che/a/b/') are left out of the sitemap (a generator's working page).
    """
    started = time.perf_counter()
    site = SiteUrls(site_url)
    ctx = ExportContext(registry, site, utc_timestamp(generated_at or dt.datetime.now(dt.UTC)))
    out = Output(Path(site_dir))
    write_json_api(ctx, out)
    write_csv(ctx, out)
    write_datapackage(ctx, out)
    write_feeds(ctx, out)
    moves = write_redirects(registry, site, out)
    write_index(ctx, out)
    sitemap_urls = write_sitemap(registry, site, out, html_pages, excluded=set(moves) | set(unlisted))
    fill_download_sizes(Path(site_dir))  # the open-data page's download sizes, from the files just written
    return OpenDataReport(
        records=len(registry), endpoints=len(out.endpoints), redirects=len(moves), sitemap_urls=sitemap_urls,
        seconds=time.perf_counter() - started, files=out.files,
    )
