#!/usr/bin/env python3
"""Benchmark: build synthetic registries of growing size and report the figures.

For each N it generates N valid records into a temporary copy of the project,
runs the full production build (mkdocs build --strict: pages, indexes, open
data, Pagefind) and reports records, pages, seconds per stage, peak memory,
site size, search index size, and the bytes a browser downloads for a first
search of a common and a rare word (measured in headless Chromium).

Usage:
  .venv/bin/python scripts/benchmark.py                  # 1,000 / 5,000 / 20,000
  .venv/bin/python scripts/benchmark.py --records 2000 20000 --json
  .venv/bin/python scripts/benchmark.py --quick          # small N, for CI
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from registry.bench.synthetic import generate  # noqa: E402
from registry.records.loader import load_registry  # noqa: E402

PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "hooks", "CONTRIBUTING.md"]
COMMON_WORD, RARE_WORD = "phoi hop", "so 000007"


def main() -> int:
    args = _arguments()
    sizes = [30] if args.quick else args.records
    rows = [measure(n, search=not args.no_browser) for n in sizes]
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else table(rows))
    return 0 if all(row["pages"] >= row["records"] for row in rows) else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="one small registry (CI): checks that it runs")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium download measurement")
    return parser.parse_args()


def measure(records: int, search: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="soqc-bench-") as tmp:
        project = _project_copy(Path(tmp), records)
        started = time.perf_counter()
        result = load_registry(project / "agreements", today=dt.date.today())
        load_seconds = time.perf_counter() - started
        if result.problems:
            raise SystemExit(f"synthetic data invalid: {result.problems[:3]}")
        build = _build(project)
        site = project / "site"
        row = {
            "records": records,
            "pages": sum(1 for _ in site.rglob("index.html")),
            "load_validate_s": round(load_seconds, 2),
            "build_total_s": build["seconds"],
            **{f"{name}_s": seconds for name, seconds in build["stages"].items()},
            "peak_memory_mb": build["peak_mb"],
            "site_mb": round(_size(site) / 1e6, 1),
            "search_index_mb": round(_size(site / "pagefind") / 1e6, 2),
        }
        if search:
            row.update(_search_bytes(site))
        return row


def _project_copy(tmp: Path, records: int) -> Path:
    project = tmp / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copy2(source, project / name)
    generate(project / "agreements", records)
    return project


def _build(project: Path) -> dict:
    timings = project / "timings.jsonl"
    env = {**os.environ, "REGISTRY_TIMINGS": str(timings), "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = ["/usr/bin/time", "-v", str(mkdocs), "build", "--strict", "-q", "-d", str(project / "site")]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = round(time.perf_counter() - started, 1)
    if run.returncode != 0:
        raise SystemExit(f"build failed:\n{run.stderr[-3000:]}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    stages: dict[str, float] = {}
    for line in timings.read_text().splitlines() if timings.exists() else []:
        entry = json.loads(line)
        stages[entry["stage"]] = round(stages.get(entry["stage"], 0) + entry["seconds"], 2)
    return {"seconds": seconds, "stages": stages, "peak_mb": round(peak_kb / 1024)}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _search_bytes(site: Path) -> dict:
    """Bytes a fresh browser downloads to search: the search page with its scripts, then the
    query itself (Pagefind's index chunks and fragments), for a common and a rare word."""
    from browser_helpers import launch, new_context, serve  # the same helpers as the browser tests

    figures = {}
    with serve(site) as base_url, launch() as browser:
        for label, query in (("common", COMMON_WORD), ("rare", RARE_WORD)):
            context = new_context(browser, base_url)
            page = context.new_page()
            fetched: list = []
            page.on("requestfinished", lambda request, fetched=fetched: fetched.append(request))
            page.goto(f"{base_url}tim-kiem/", wait_until="networkidle")
            page_bytes = _total(fetched)
            fetched.clear()
            page.fill("#sqc-query", query)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            figures[f"search_page_kb_{label}"] = round(page_bytes / 1024, 1)
            figures[f"first_query_kb_{label}"] = round(_total(fetched) / 1024, 1)
            context.close()
    return figures


def _total(requests: list) -> int:
    return sum(_body_size(request) for request in requests)


def _body_size(request) -> int:
    sizes = request.sizes()  # what went over the wire (headers aside), cache and workers included
    return max(sizes.get("responseBodySize", 0), 0)


def table(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [" | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(c, "")) for c in columns) for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
