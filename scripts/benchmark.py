#!/usr/bin/env python3
"""Benchmark: build synthetic registries of growing size and print the figures, in one run.

For each N it writes N valid synthetic records (registry/bench/synthetic.py) into a temporary
copy of the project and runs the production build (`mkdocs build --strict`: pages, open data,
Pagefind in shards). Then, in the same run and on the same machine, it builds a bare Material
site (Material's defaults, nothing of ours) with as many plain pages of the same content size,
so the ratio ours/bare holds on a noisy machine. Printed per N: wall and CPU seconds, the peak
memory of the whole process tree (MkDocs, the forked indexing and page-writing processes,
Pagefind, sampled every 0.2 s: peak_mb sums their proportional set sizes, so memory a fork
shares with its parent counts once; peak_rss_mb sums their resident sets, counting it in each), stage times, site and index size; then time(largest) /
time(20,000) and, at 20,000 records (or the largest N below), the bytes a fresh Chromium
downloads from a server that gzips text like a static host: the search page before the first
query, and each first query (a common and a rare word).

With --preview N it measures the editors' preview instead (registry/site/preview.py): N synthetic
records, `mkdocs serve` with REGISTRY_PREVIEW=1 (what `make serve` runs); the seconds of the first
(full) build, then for each of a few records the seconds from saving a new title until the served
page shows it (polled over HTTP). --preview-full measures the same with every save a full rebuild
(`make serve FULL=1`), the figure before the preview mode.

Usage:
  .venv/bin/python scripts/benchmark.py                         # 2,000 / 20,000 / 100,000
  .venv/bin/python scripts/benchmark.py --records 2000 20000 --json
  .venv/bin/python scripts/benchmark.py --quick                 # small N, for CI (< 1 min)
  .venv/bin/python scripts/benchmark.py --preview 20000         # seconds from a save to the served page
  .venv/bin/python scripts/benchmark.py --preview 20000 --preview-full --edits 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from registry.bench.synthetic import SENTENCES, generate  # noqa: E402
from registry.records.loader import load_registry  # noqa: E402

PROJECT_FILES = ["mkdocs.yml", "docs", "overrides", "hooks", "CONTRIBUTING.md"]
COMMON_QUERY = "phối hợp"  # in every synthetic record
PAYLOAD_AT = 20000  # search bytes are measured at this size (or the largest size below it)
SAMPLE_SECONDS = 0.2
GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest")


def main() -> int:
    args = _arguments()
    if args.preview:
        return preview_main(args)
    sizes = [30] if args.quick else sorted(args.records)
    at = None if args.no_browser else max([n for n in sizes if n <= PAYLOAD_AT] or sizes[:1])
    rows = []
    for n in sizes:  # each size's figures on stderr as soon as measured (a long run may be stopped)
        rows.append(measure(n, bare=not args.no_bare, payload=n == at))
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    summary = _summary(rows)
    if args.json:
        print(json.dumps({"rows": rows, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        print(table(rows))
        print("\n".join(f"{key}: {value}" for key, value in summary.items()))
    return 0 if all(row["pages"] >= row["records"] for row in rows) else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="one small registry (CI): checks that it all runs")
    parser.add_argument("--no-browser", action="store_true", help="skip the download measurement in Chromium")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Material site")
    parser.add_argument("--preview", type=int, nargs="+", metavar="N",
                        help="measure the editors' preview (mkdocs serve) on N records instead of builds")
    parser.add_argument("--preview-full", action="store_true",
                        help="with --preview: also with every save a full rebuild (make serve FULL=1)")
    parser.add_argument("--edits", type=int, default=3, help="with --preview: records edited one after the other")
    return parser.parse_args()


# --- one size -------------------------------------------------------------------------------


def measure(records: int, bare: bool = True, payload: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="soqc-bench-") as tmp:
        project = _project_copy(Path(tmp), records)
        started = time.perf_counter()
        result = load_registry(project / "agreements", today=dt.date.today())
        if result.problems:
            raise SystemExit(f"synthetic data invalid: {result.problems[:3]}")
        row = {"records": records, "load_validate_s": round(time.perf_counter() - started, 1)}
        del result
        build = _build(project)
        site = project / "site"
        pages = sum(1 for _ in site.rglob("index.html"))
        bundles = json.loads((site / "pagefind" / "shards.json").read_text())["bundles"]
        row.update({
            "pages": pages,
            "build_s": build["seconds"],
            "cpu_s": build["cpu"],
            "peak_mb": build["peak_mb"],
            "peak_rss_mb": build["peak_rss_mb"],
            **{f"{name}_s": seconds for name, seconds in build["stages"].items()},
            "site_mb": round(_size(site) / 1e6, 1),
            "index_mb": round(_size(site / "pagefind") / 1e6, 1),
            "bundles": len(bundles),
        })
        if payload:
            row.update(search_payload(site, records))
        if bare:
            shutil.rmtree(project / "agreements")
            content = _content_size(site)
            shutil.rmtree(site)
            plain = _bare_build(Path(tmp) / "bare", pages, content)
            row.update({"page_kb": round(content / 1024, 1), "bare_s": plain["seconds"], "bare_cpu_s": plain["cpu"],
                        "bare_peak_mb": plain["peak_mb"], "bare_peak_rss_mb": plain["peak_rss_mb"], "ours_over_bare": round(build["seconds"] / plain["seconds"], 2)})
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
    run = run_tree([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-q", "-d", "site"], project, env)
    stages: dict[str, float] = {}
    for line in timings.read_text().splitlines() if timings.exists() else []:
        entry = json.loads(line)
        stages[entry["stage"]] = round(stages.get(entry["stage"], 0) + entry["seconds"], 1)
    return {**run, "stages": stages}


def run_tree(command: list[str], cwd: Path, env: dict) -> dict:
    """Run `command`; its wall seconds, CPU seconds (itself and every descendant) and the peak
    memory of its whole process tree: `peak_mb` the sum of the proportional set sizes (memory
    a forked child shares copy-on-write with its parent counted once, as the machine holds it),
    `peak_rss_mb` the sum of the resident sets (shared memory counted in every process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        peak = peak_rss = 0
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peak, peak_rss = max(peak, pss), max(peak_rss, rss)
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{output.read().decode(errors='replace')[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": round(seconds, 1), "cpu": round(cpu, 1), "peak_mb": round(peak / 2**20),
            "peak_rss_mb": round(peak_rss / 2**20)}


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> tuple[int, int]:
    """(resident, proportional) bytes of `root` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, proportional, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        proportional += _pss(pid) if pid in rss else 0
        stack += children.get(pid, [])
    return total, proportional


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def _content_size(site: Path, sample: int = 400) -> int:
    """Mean bytes of a built record page's content (its <article>, what MkDocs renders into
    Material's template)."""
    pages = sorted((site / "quy-che").rglob("index.html"))[:sample]
    sizes = [len(m.group(0).encode()) for p in pages if (m := _ARTICLE.search(p.read_text(encoding="utf-8")))]
    return sum(sizes) // max(len(sizes), 1)


# --- the bare Material site -----------------------------------------------------------------------


def _bare_build(folder: Path, pages: int, content_bytes: int) -> dict:
    """Material with its defaults (its own search plugin included), `pages` Markdown pages of
    plain Vietnamese paragraphs of `content_bytes` each, kept out of the nav as ours are."""
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n\nTrang thử.\n", encoding="utf-8")
    text = " ".join(SENTENCES)
    paragraph = (text * (content_bytes // len(text.encode()) + 1)).encode()[:content_bytes].decode(errors="ignore")
    for number in range(1, pages):
        (docs / "p" / f"{number:06d}.md").write_text(f"# Trang {number}\n\n{paragraph}\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Thử\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: vi\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /p/\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return run_tree([str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d", "site"], folder, env)


# --- what a reader downloads --------------------------------------------------------------------


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves like a static host: text compressed with gzip when the browser accepts it."""

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's parameter name)
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in GZIP_TYPES or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_gzip(directory: Path):
    handler = lambda *a, **k: _GzipHandler(*a, directory=str(directory), **k)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_payload(site: Path, records: int) -> dict:
    """KB a fresh browser downloads (over the wire, gzip) to open the search page of `site`,
    then for its first query, a common and a rare word."""
    from browser_helpers import launch, new_context  # the same helpers as the browser tests

    rare = f"số {min(1234, records - 1)}"  # the title of one synthetic record
    figures = {}
    with serve_gzip(site) as base_url, launch() as browser:
        for label, query in (("common", COMMON_QUERY), ("rare", rare)):
            context = new_context(browser, base_url)
            page = context.new_page()
            fetched: list = []
            page.on("requestfinished", lambda request, fetched=fetched: fetched.append(request))
            page.goto(f"{base_url}tim-kiem/", wait_until="load")
            page.wait_for_function(READY, timeout=120_000)  # the script took over the page
            _settle(page)
            figures["search_page_kb"] = max(figures.get("search_page_kb", 0), _kb(fetched))
            fetched.clear()
            page.fill("#sqc-query", query)
            page.wait_for_function("() => document.querySelector('[data-sqc-results]').children.length > 0",
                                   timeout=120_000)
            _settle(page)
            figures[f"first_query_{label}_kb"] = _kb(fetched)
            figures[f"first_query_{label}"] = query
            if label == "rare":  # then the filters (loaded when their panel opens)
                fetched.clear()
                page.click("[data-sqc-panel] summary")
                page.wait_for_selector("[data-sqc-filters] input", state="attached", timeout=120_000)
                _settle(page)
                figures["filters_opened_kb"] = _kb(fetched)
            context.close()
    return figures


READY = "() => !document.querySelector('[data-sqc-status]').textContent.includes('JavaScript')"


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def _kb(requests: list) -> float:
    """What went over the wire: each response body as sent (compressed), headers aside."""
    return round(sum(max(r.sizes().get("responseBodySize", 0), 0) for r in requests) / 1024, 1)


# --- the editors' preview (mkdocs serve) ----------------------------------------------------------------

PREVIEW_POLL_SECONDS = 0.1
PREVIEW_TIMEOUT_SECONDS = 1800


def preview_main(args: argparse.Namespace) -> int:
    modes = ("preview", "full") if args.preview_full else ("preview",)
    rows = [measure_preview(n, mode, args.edits) for n in sorted(args.preview) for mode in modes]
    if args.json:
        print(json.dumps({"preview": rows}, ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return 0


def measure_preview(records: int, mode: str = "preview", edits: int = 3) -> dict:
    """`mkdocs serve` on `records` synthetic records (REGISTRY_PREVIEW=1 for 'preview', 0 for
    'full'): seconds of the first build, then for `edits` records (far apart in the registry)
    the seconds from writing a new title into the file until the served page shows it."""
    with tempfile.TemporaryDirectory(prefix="soqc-preview-") as tmp:
        project = _project_copy(Path(tmp), records)
        paths = sorted((project / "agreements").rglob("*.md"))
        chosen = [paths[len(paths) * (2 * k + 1) // (2 * edits)] for k in range(edits)]
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REGISTRY_PREVIEW": "1" if mode == "preview" else "0"}
        command = [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dev-addr", f"127.0.0.1:{port}"]
        row: dict = {"records": records, "mode": mode}
        with tempfile.TemporaryFile() as output:
            started = time.perf_counter()
            server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
            peak, sampling = _sample_peak(server.pid)
            try:
                base = f"http://127.0.0.1:{port}/"
                first = _record_url(base, project, chosen[0])
                _poll(first, lambda status, body: status == 200, server, output)
                row["first_build_s"] = round(time.perf_counter() - started, 1)
                seconds = []
                for number, path in enumerate(chosen, start=1):
                    token = f"ĐÃ SỬA {number}"
                    text = path.read_text(encoding="utf-8")
                    edited = text.replace("\ntitle: ", f"\ntitle: {token} ", 1)
                    saved = time.perf_counter()
                    path.write_text(edited, encoding="utf-8")
                    _poll(_record_url(base, project, path), lambda status, body, t=token: t in body, server, output)
                    seconds.append(round(time.perf_counter() - saved, 1))
                row.update({"save_to_page_s": seconds, "save_to_page_max_s": max(seconds),
                            "peak_mb": round(peak[0] / 2**20)})
            finally:
                sampling.set()
                server.terminate()
                server.wait(timeout=60)
        return row


def _sample_peak(pid: int) -> tuple[list[int], threading.Event]:
    """Sample the resident memory of `pid`'s process tree in a thread until the event is set."""
    peak, stop = [0], threading.Event()

    def sample() -> None:
        while not stop.wait(SAMPLE_SECONDS):
            peak[0] = max(peak[0], tree_memory(pid)[1])

    threading.Thread(target=sample, daemon=True).start()
    return peak, stop


def _record_url(base: str, project: Path, path: Path) -> str:
    record = path.relative_to(project / "agreements").with_suffix("").as_posix()
    return f"{base}quy-che/{record}/"


def _poll(url: str, done, server: subprocess.Popen, output) -> None:
    """GET `url` until done(status, body); the server blocks requests while it rebuilds."""
    deadline = time.perf_counter() + PREVIEW_TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            output.seek(0)
            raise SystemExit(f"mkdocs serve ended:\n{output.read().decode(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=PREVIEW_TIMEOUT_SECONDS) as response:
                status, body = response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, ""
        except OSError:
            status, body = 0, ""
        if done(status, body):
            return
        time.sleep(PREVIEW_POLL_SECONDS)
    raise SystemExit(f"{url}: nothing after {PREVIEW_TIMEOUT_SECONDS} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- printing ---------------------------------------------------------------------------------------


def _summary(rows: list[dict]) -> dict:
    by_size = {row["records"]: row for row in rows}
    summary = {"cpus": os.cpu_count(), "load_average_at_end": round(os.getloadavg()[0], 1)}
    if 20000 in by_size and max(by_size) > 20000:
        summary[f"time_{max(by_size)}_over_20000"] = round(by_size[max(by_size)]["build_s"] / by_size[20000]["build_s"], 2)
    return summary


def table(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [" | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(c, "")) for c in columns) for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
