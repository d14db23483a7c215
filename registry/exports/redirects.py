"""Permalinks: a page at each former id's address that sends readers to the current one."""

from __future__ import annotations

import html
import posixpath

from registry.exports.output import Output
from registry.records.model import Registry
from registry.site.urls import SiteUrls, agreement_page

REDIRECT_TEMPLATE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Đã chuyển: {title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{canonical}">
<script>location.replace({href_js} + location.hash);</script>
</head>
<body>
<p>Bản ghi này đã chuyển sang địa chỉ mới: <a href="{href}">{title}</a>.</p>
</body>
</html>
"""


def redirects(registry: Registry) -> dict[str, str]:
    """Old page path -> current page path, e.g. 'quy-che/a/old/' -> 'quy-che/a/new/'."""
    return {
        agreement_page(former): agreement_page(agreement.id)
        for agreement in registry.agreements
        for former in agreement.get("former_ids", [])
    }


def relative_href(old_page: str, new_page: str) -> str:
    """Link from one page folder to another, so redirects also work in a local preview."""
    return posixpath.relpath(new_page, old_page) + "/"


def redirect_html(old_page: str, new_page: str, title: str, site: SiteUrls) -> str:
    href = relative_href(old_page, new_page)
    # JSON-style string literal, with '<' escaped so no title or path can close the script.
    href_js = '"' + href.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c") + '"'
    return REDIRECT_TEMPLATE.format(
        title=html.escape(title), href=html.escape(href), canonical=html.escape(site.url(new_page)), href_js=href_js,
    )


def write_redirects(registry: Registry, site: SiteUrls, out: Output) -> dict[str, str]:
    moves = redirects(registry)
    titles = {agreement_page(a.id): a.title for a in registry.agreements}
    for old_page, new_page in sorted(moves.items()):
        path = old_page + "index.html"
        out.write_other(path, redirect_html(old_page, new_page, titles[new_page], site).encode("utf-8"))
    return moves
