"""Compare two builds of the site: the same pages, the same open-data files, the same records.

    python scripts/compare_builds.py SITE_A SITE_B

Prints one Vietnamese line per difference and exits 1 if there is any. What may differ and is
not compared: the bytes of HTML pages (generator name and version, asset hashes), the time
stamps of the open data (`generated_at`, feed `updated`), and the Pagefind bundle's file names.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Folders and files of the open data (written by registry.exports).
DATA_ROOTS = ("api", "feeds")
DATA_FILES = ("sitemap.xml",)
TIMESTAMP_KEYS = ("generated_at",)


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def data_files(site: Path) -> set[str]:
    found = {p.relative_to(site).as_posix() for root in DATA_ROOTS if (site / root).is_dir()
             for p in (site / root).rglob("*") if p.is_file()}
    return found | {name for name in DATA_FILES if (site / name).is_file()}


def _without_timestamps(value):
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def same_data(a: Path, b: Path) -> bool:
    if a.suffix == ".json":
        load = lambda p: _without_timestamps(json.loads(p.read_text(encoding="utf-8")))  # noqa: E731
        return load(a) == load(b)
    if a.suffix == ".xml":  # Atom: everything but <updated> (build time for an empty feed)
        strip = lambda p: [line for line in p.read_text(encoding="utf-8").splitlines() if "<updated>" not in line]  # noqa: E731
        return strip(a) == strip(b)
    return a.read_bytes() == b.read_bytes()


def differences(first: Path, second: Path) -> list[str]:
    found = []
    pages_a, pages_b = html_pages(first), html_pages(second)
    found += [f"chỉ có ở {first}: {page}" for page in sorted(pages_a - pages_b)]
    found += [f"chỉ có ở {second}: {page}" for page in sorted(pages_b - pages_a)]
    data_a, data_b = data_files(first), data_files(second)
    found += [f"dữ liệu mở chỉ có ở {first}: {path}" for path in sorted(data_a - data_b)]
    found += [f"dữ liệu mở chỉ có ở {second}: {path}" for path in sorted(data_b - data_a)]
    found += [f"dữ liệu mở khác nhau: {path}" for path in sorted(data_a & data_b)
              if not same_data(first / path, second / path)]
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("Cách dùng: python scripts/compare_builds.py THU_MUC_A THU_MUC_B", file=sys.stderr)
        return 2
    first, second = (Path(a) for a in argv)
    found = differences(first, second)
    for line in found:
        print(line)
    pages, data = len(html_pages(first)), len(data_files(first))
    print(f"{'Khác nhau' if found else 'Giống nhau'}: {pages} trang HTML, {data} tệp dữ liệu mở"
          + (f", {len(found)} khác biệt" if found else ""))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
