"""sitemap.xml over every HTML page of the built site, replacing the one MkDocs wrote.

It keeps every URL MkDocs listed, adds every page found in the site folder
(MkDocs does not list generated pages kept out of the nav) and every agreement
page with its last change date. Past 50,000 URLs (the protocol's limit) it
writes numbered parts and makes sitemap.xml their index.
"""

from __future__ import annotations

import gzip
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from registry.exports.output import Output
from registry.records.model import Registry
from registry.site.urls import SiteUrls, agreement_page

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_FILE = "sitemap.xml"
MAX_URLS = 50_000


def page_path(html_file: str) -> str:
    """'quy-che/a/b/index.html' -> 'quy-che/a/b/'; 'index.html' -> ''; 'x.html' stays."""
    html_file = html_file.lstrip("/")
    if html_file == "index.html":
        return ""
    return html_file.removesuffix("index.html")


def html_pages_in(site_dir: Path) -> list[str]:
    """Every index.html under the site folder, as page paths (os.walk: fast on big trees)."""
    pages = []
    for folder, _, names in os.walk(site_dir):
        if "index.html" in names:
            relative = Path(folder).relative_to(site_dir).as_posix()
            pages.append("" if relative == "." else relative + "/")
    return pages


def mkdocs_urls(site_dir: Path) -> dict[str, str | None]:
    """loc -> lastmod of the sitemap already in the folder (MkDocs'), if any."""
    path = site_dir / SITEMAP_FILE
    if not path.is_file():
        return {}
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return {}
    urls = {}
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        if loc:
            urls[loc] = (url.findtext(f"{{{SITEMAP_NS}}}lastmod") or "").strip() or None
    return urls


def collect_urls(registry: Registry, site: SiteUrls, site_dir: Path, html_pages: list[str] | None,
                 excluded: set[str]) -> dict[str, str | None]:
    """Absolute URL -> lastmod (or None) for every page that belongs in the sitemap."""
    urls = {loc: lastmod for loc, lastmod in mkdocs_urls(site_dir).items()}
    pages = [page_path(p) for p in html_pages] if html_pages is not None else html_pages_in(site_dir)
    for page in pages:
        if page not in excluded:
            urls.setdefault(site.url(page), None)
    for agreement in registry.agreements:
        urls[site.url(agreement_page(agreement.id))] = agreement.get("updated") or agreement.data["added"]
    for page in excluded:
        urls.pop(site.url(page), None)
    return urls


def urlset_xml(urls: list[tuple[str, str | None]]) -> bytes:
    root = ET.Element("urlset", xmlns=SITEMAP_NS)
    for loc, lastmod in urls:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = loc
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def index_xml(locations: list[str]) -> bytes:
    root = ET.Element("sitemapindex", xmlns=SITEMAP_NS)
    for loc in locations:
        ET.SubElement(ET.SubElement(root, "sitemap"), "loc").text = loc
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(registry: Registry, site: SiteUrls, out: Output, html_pages: list[str] | None,
                  excluded: set[str]) -> int:
    """Write sitemap.xml (and .gz, which MkDocs also writes); returns the number of URLs."""
    urls = sorted(collect_urls(registry, site, out.site_dir, html_pages, excluded).items())
    if len(urls) <= MAX_URLS:
        _write_with_gzip(out, SITEMAP_FILE, urlset_xml(urls))
        return len(urls)
    parts = [urls[i : i + MAX_URLS] for i in range(0, len(urls), MAX_URLS)]
    names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
    for name, part in zip(names, parts, strict=True):
        _write_with_gzip(out, name, urlset_xml(part))
    _write_with_gzip(out, SITEMAP_FILE, index_xml([site.url(name) for name in names]))
    return len(urls)


def _write_with_gzip(out: Output, name: str, data: bytes) -> None:
    out.write_other(name, data)
    # MkDocs also writes sitemap.xml.gz: replace it so the two never disagree (mtime=0: byte-stable).
    out.write_other(name + ".gz", gzip.compress(data, mtime=0))
