"""Sizes of the downloads listed on the open-data page (docs/du-lieu-mo.md).

The page lists its download links by hand, each followed by an empty
`<span class="qc-size" data-qc-size="api/v1/quy-che.csv"></span>`. Once the open data is
written, `fill_download_sizes` writes each file's size into its span in the built page
(du-lieu-mo/index.html), so the sizes always match the files of the same build. A span naming
a file that was not written is an error: the page never links to a missing download.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

PAGE = "du-lieu-mo/index.html"
SIZE_SPAN = re.compile(r'(<span class="qc-size" data-qc-size="([^"]+)">)[^<]*(</span>)')


def size_text(size: int) -> str:
    """Bytes in Vietnamese: '850 byte', '12,4 KB', '3,1 MB' (1 KB = 1,024 bytes, decimal comma)."""
    if size < 1024:
        return f"{size} byte"
    for unit, factor in (("KB", 1024), ("MB", 1024 ** 2), ("GB", 1024 ** 3)):
        value = size / factor
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return text.replace(".", ",") + f" {unit}"
    raise AssertionError("unreachable")


def listed_downloads(page_html: str) -> list[str]:
    """Site-relative paths of the files the page announces."""
    return [html.unescape(m.group(2)) for m in SIZE_SPAN.finditer(page_html)]


def fill_download_sizes(site_dir: Path) -> int:
    """Write the sizes into the built open-data page; returns how many were filled (0 without the page)."""
    page = Path(site_dir) / PAGE
    if not page.exists():
        return 0
    text = page.read_text(encoding="utf-8")
    missing = [path for path in listed_downloads(text) if not (Path(site_dir) / path).is_file()]
    if missing:
        raise FileNotFoundError(f"du-lieu-mo: liên kết tải về tới tệp không có: {', '.join(missing)}")

    def filled(match: re.Match) -> str:
        size = (Path(site_dir) / html.unescape(match.group(2))).stat().st_size
        return f"{match.group(1)}{size_text(size)}{match.group(3)}"

    text, count = SIZE_SPAN.subn(filled, text)
    page.write_text(text, encoding="utf-8")
    return count
