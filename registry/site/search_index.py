"""Building the search index: what Pagefind reads, in shards of bounded size, beside MkDocs.

One Pagefind run holds its whole index in memory (~270 KB a page, DESIGN.md section 8), so the
record pages are indexed in shards of at most `shard_pages` pages (in province order), one
Pagefind run after the other: the peak no longer grows with the registry. Each shard is a
bundle `pagefind/<k>/`; the hand-written pages are the last one. `pagefind/shards.json` lists
them and the browser merges them into the first (`mergeIndex`, docs/assets/search.js):
results, filters and counts are those of one index.

What Pagefind reads of a record page depends on the registry only: the page's search data
(`GeneratedPage.search`, the same template macro the page renders, then
`search.record_page_html`), which MkDocs passes through unchanged. So `start` forks a process
that renders and indexes the records' search data one by one while MkDocs renders the pages,
and `finish` (after rendering) indexes the hand-written pages, whose text is their rendered
HTML, and waits for the records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from registry import forked
from registry.records.model import Agreement, Registry
from registry.site.search import _BODY as BODY_TAG
from registry.site.search import BUNDLE_DIR, LANGUAGE, SKIPPED_DOCS, doc_page_html, record_page_html
from registry.site.urls import agreement_page

SHARD_PAGES = 2500  # pages of one Pagefind run: the build's memory peak depends on this, not on the registry
SHARDS_FILE = f"{BUNDLE_DIR}/shards.json"
SHARD_FILTER = "goi"  # the filter naming a page's bundle (docs/assets/search.js reads it)
# Files of a bundle that the site never loads (Pagefind's own UIs): left out of every bundle.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


@dataclass
class IndexPlan:
    """The pages handed to the indexer, and agreement pages that had no generated page."""

    pages: list[str] = field(default_factory=list)  # site-relative URLs
    missing: list[str] = field(default_factory=list)
    bundles: list[str] = field(default_factory=list)  # site-relative bundle folders, merged in this order
    seconds: dict[str, float] = field(default_factory=dict)  # Pagefind time per bundle
    side_seconds: float = 0.0  # in `also`, the work done for each record as it is staged


# --- which pages, in which bundle ---------------------------------------------------------


def doc_page_path(src_uri: str) -> str:
    """'gioi-thieu.md' -> 'gioi-thieu/', 'du-lieu/index.md' -> 'du-lieu/' (directory URLs)."""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem == "index" or stem.endswith("/index") else stem
    return f"{stem}/" if stem else ""


def hand_written_pages(docs_dir: Path) -> list[str]:
    """Site-relative URLs of the hand-written Markdown pages worth a search hit."""
    sources = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return [doc_page_path(s) for s in sources if s not in SKIPPED_DOCS]


def record_source(agreement: Agreement) -> str:
    """The generated page of a record: 'quy-che/<id>/' -> 'quy-che/<id>.md'."""
    return agreement_page(agreement.id).rstrip("/") + ".md"


def shards(agreements: Iterable[Agreement], size: int = SHARD_PAGES) -> list[list[Agreement]]:
    """Records in id order (province folder first, so a shard holds few provinces and a
    province query usually finds one shard), cut into the fewest shards of at most `size`,
    of equal sizes: a smaller shard would rank its pages higher for a common word."""
    if size < 1:
        raise ValueError("a shard holds at least one page")
    ordered = sorted(agreements, key=lambda agreement: agreement.id)
    count = -(-len(ordered) // size)
    return [ordered[len(ordered) * k // count:len(ordered) * (k + 1) // count] for k in range(count)]


def first_sources(agreements: Iterable[Agreement], size: int = SHARD_PAGES, share: float = 0.5) -> set[str]:
    """The page sources of the records in the first `share` of the shards: indexed first, so
    the indexing process can do more for them (the MkDocs hook has it write their pages)."""
    cut = shards(agreements, size)
    return {record_source(a) for shard in cut[:round(len(cut) * share)] for a in shard}


def indexed_part(page_html: str) -> str:
    """Only the `data-pagefind-body` element, in a bare document: Pagefind reads nothing
    else, and parsing Material's whole page (navigation, scripts) for each of 20,000 pages
    costs it most of its time."""
    body = BODY_TAG.search(page_html)
    end = page_html.find("</article>", body.end()) if body else -1
    if end < 0:
        return page_html
    start = page_html.rfind("<", 0, body.end())
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head>'
            f"<body>{page_html[start:end]}</article></body></html>")


def record_search_html(agreement: Agreement, registry: Registry, generated: str) -> str:
    """What Pagefind reads of a record, from the record's search data (`GeneratedPage.search`)
    or its whole generated page (one HTML block that MkDocs passes through as it is)."""
    return indexed_part(record_page_html(generated, agreement, registry))


# --- staging and running Pagefind ---------------------------------------------------------


def _stage(staging: Path, url: str, html_text: str, bundle: int) -> None:
    """Write the page to index, with a filter naming its bundle (SHARD_FILTER)."""
    target = staging / url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_bundle(html_text, bundle), encoding="utf-8")


def with_bundle(html_text: str, bundle: int) -> str:
    """The page with a hidden filter naming its bundle. Each bundle is its own index, merged in the
    browser: a word missing from one bundle makes Pagefind answer that bundle's closest words
    instead, and the browser (docs/assets/search.js) tells which bundles to drop by this filter."""
    mark = f'<span data-pagefind-filter="{SHARD_FILTER}:{bundle}" hidden></span>'
    return html_text.replace("</body>", mark + "</body>", 1) if "</body>" in html_text else html_text + mark


def pagefind_command(staging: Path, output_dir: Path) -> list[str]:
    """Pagefind's indexer (the binary shipped by the pagefind package) over the staged pages.

    One CLI run indexes in parallel; the Python API's per-page messages to the indexer
    service made 5,000 pages take minutes."""
    return [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(output_dir),
            "--force-language", LANGUAGE, "--silent"]


# Pages are staged in memory where the system has a RAM-backed temporary folder: creating a
# small file there costs a few microseconds, on a journalled disk a millisecond (measured here:
# 0.03 ms against 0.77 ms), and every page is written and deleted once per build.
STAGING_ROOT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@dataclass
class _Run:
    """One bundle: its staged pages, and the Pagefind process indexing them."""

    bundle: str
    staging: tempfile.TemporaryDirectory
    started: float
    process: subprocess.Popen | None = None


def _stage_bundle(number: int, pages: Iterable[tuple[str, str]], plan: IndexPlan) -> _Run:
    """Stage `pages` (url, html) one by one (never all in memory) for bundle `number`."""
    run = _Run(f"{BUNDLE_DIR}/{number}/", tempfile.TemporaryDirectory(prefix="pagefind-staging-", dir=STAGING_ROOT), time.perf_counter())
    try:
        for url, html_text in pages:
            _stage(Path(run.staging.name), url, html_text, number)
            plan.pages.append(url)
    except BaseException:
        run.staging.cleanup()
        raise
    return run


def _start(run: _Run, site_dir: Path) -> _Run:
    run.process = subprocess.Popen(pagefind_command(Path(run.staging.name), site_dir / run.bundle),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return run


def _wait(run: _Run, site_dir: Path, plan: IndexPlan) -> None:
    """Wait for the bundle's Pagefind run; drop the files the site never loads."""
    try:
        output, _ = run.process.communicate()
        if run.process.returncode != 0:
            raise RuntimeError(f"Pagefind failed ({run.process.returncode}):\n{output}")
    finally:
        run.staging.cleanup()
    for name in UNUSED:
        (site_dir / run.bundle / name).unlink(missing_ok=True)
    plan.bundles.append(run.bundle)
    plan.seconds[run.bundle] = round(time.perf_counter() - run.started, 2)


def _stop(run: _Run | None) -> None:
    if run is not None and run.process is not None and run.process.poll() is None:
        run.process.kill()
        run.process.wait()
    if run is not None:
        run.staging.cleanup()


def _index_bundles(site_dir: Path, bundles: Iterable[Iterable[tuple[str, str]]], first: int, plan: IndexPlan) -> None:
    """Index each bundle's pages as bundle first, first + 1, ...: a bundle is staged while
    Pagefind indexes the one before (one Pagefind run at a time: the memory peak is one
    bundle's)."""
    running = None
    try:
        for number, pages in enumerate(bundles, start=first):
            staged = _stage_bundle(number, pages, plan)
            if running is not None:
                _wait(running, site_dir, plan)
            running = _start(staged, site_dir)
        if running is not None:
            _wait(running, site_dir, plan)
            running = None
    finally:
        _stop(running)


Documents = Mapping[str, Callable[[], str]]


def index_records(site_dir: Path, registry: Registry, generated: Documents,
                  shard_pages: int = SHARD_PAGES, also: Callable[[Agreement], None] | None = None) -> IndexPlan:
    """Index every record, shard by shard, into site_dir/pagefind/<k>/. `generated` maps a
    record's page source ('quy-che/<id>.md') to the function rendering its search data
    (`GeneratedPage.search`), called once per record as its shard is staged; a record without
    one is reported in `missing` and nothing is indexed (nothing may be lost). `also(agreement)`
    is called for each record as it is staged (the MkDocs hook writes the record's page then:
    registry.site.shell), so a record's data is gone through once."""
    plan = IndexPlan(missing=[agreement_page(a.id) for a in registry.agreements if record_source(a) not in generated])
    if plan.missing:
        return plan

    def staged(agreement: Agreement) -> tuple[str, str]:
        if also is not None:
            started = time.perf_counter()
            also(agreement)
            plan.side_seconds += time.perf_counter() - started
        return agreement_page(agreement.id), record_search_html(agreement, registry, generated[record_source(agreement)]())

    bundles = ((staged(a) for a in shard) for shard in shards(registry.agreements, shard_pages))
    _index_bundles(site_dir, bundles, 0, plan)
    return plan


def index_docs(site_dir: Path, doc_urls: Iterable[str], number: int, plan: IndexPlan) -> None:
    """Index the hand-written pages that were built (their rendered HTML) as bundle `number`."""
    built = [url for url in doc_urls if (site_dir / url / "index.html").is_file()]
    pages = ((url, indexed_part(doc_page_html((site_dir / url / "index.html").read_text(encoding="utf-8"))))
             for url in built)
    if built:
        _index_bundles(site_dir, [pages], number, plan)


def write_shards(site_dir: Path, bundles: list[str]) -> Path:
    """pagefind/shards.json: {"version": 1, "bundles": ["pagefind/0/", ...]}, relative to the site root."""
    path = site_dir / SHARDS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "bundles": bundles}), encoding="utf-8")
    return path


def _check(plan: IndexPlan) -> IndexPlan:
    if plan.missing:
        raise RuntimeError("search index: agreement pages not built: " + ", ".join(plan.missing))
    return plan


def build_search_index(site_dir: Path, registry: Registry, generated: Documents, doc_urls: Iterable[str],
                       shard_pages: int = SHARD_PAGES) -> IndexPlan:
    """Index the records and the built hand-written pages into site_dir/pagefind/, in this
    process (what `start` + `finish` do in two steps). Raises when a record has no page."""
    _clear(site_dir)
    plan = _check(index_records(site_dir, registry, generated, shard_pages))
    return _with_docs(site_dir, plan, doc_urls)


def _with_docs(site_dir: Path, plan: IndexPlan, doc_urls: Iterable[str]) -> IndexPlan:
    index_docs(site_dir, doc_urls, len(plan.bundles), plan)
    write_shards(site_dir, plan.bundles)
    return plan


def _clear(site_dir: Path) -> None:
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)


# --- in the background, while MkDocs renders ------------------------------------------------


def start(site_dir: Path, registry: Registry, generated: Documents, shard_pages: int = SHARD_PAGES,
          also: Callable[[Agreement], None] | None = None) -> forked.Forked:
    """Index the records in a forked process (it shares the loaded registry with this one,
    nothing is loaded twice) and return at once."""
    _clear(site_dir)
    return forked.start("search index", index_records, site_dir, registry, generated, shard_pages, also)


def finish(background: forked.Forked, site_dir: Path, doc_urls: Iterable[str]) -> IndexPlan:
    """Wait for the records' shards, index the hand-written pages, write shards.json."""
    return _with_docs(site_dir, _check(forked.result(background)), doc_urls)


cancel = forked.cancel  # stop a background index (the build failed)
