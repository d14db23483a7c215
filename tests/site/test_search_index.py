"""The search index build (registry.site.search_index): records cut into shards of bounded
size, each a Pagefind run, listed in pagefind/shards.json and merged in the browser. The
shards answer like one index: the same results, filters and counts, through Pagefind's own
JavaScript in Chromium, on a synthetic registry of a few thousand records."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser_helpers import serve

from registry.bench.synthetic import generate
from registry.records.loader import load_registry
from registry.site import pages as site
from registry.site.search import FACET_TOKENS, SENTINEL, facet_token, record_page_html
from registry.site.search_index import (
    SHARD_FILTER,
    SHARDS_FILE,
    UNUSED,
    doc_page_path,
    hand_written_pages,
    index_records,
    indexed_part,
    record_search_html,
    record_source,
    shards,
    with_bundle,
    write_shards,
)
from registry.site.urls import agreement_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
RECORDS, SHARD = 2400, 500  # five shards of 480


def _documents(registry) -> dict:
    """What the hook hands the indexer: each record page's search data, rendered when called."""
    pages = site.build_pages(registry, repo_url="https://example.org/r", edit_uri="edit/main/")
    return {p.uri: p.search for p in pages if p.search}


# --- shards -----------------------------------------------------------------------------


@pytest.mark.parametrize("count, size, sizes", [
    (0, 5, []), (5, 5, [5]), (6, 5, [3, 3]), (11, 5, [3, 4, 4]), (20000, 5000, [5000] * 4), (20001, 5000, [4000, 4000, 4000, 4000, 4001]),
])
def test_shards_are_few_equal_and_at_most_the_size(count, size, sizes):
    records = [SimpleNamespace(id=f"p{n % 7}/r{n:05d}") for n in range(count)]
    cut = shards(reversed(records), size)
    assert [len(shard) for shard in cut] == sizes
    assert [r.id for shard in cut for r in shard] == sorted(r.id for r in records)  # province order, each once


def test_a_shard_holds_a_page_at_least():
    with pytest.raises(ValueError):
        shards([], 0)


# --- what Pagefind reads ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    result = load_registry(SEEDS)
    assert result.problems == []
    return result.registry


def test_a_record_is_staged_from_its_search_data_as_from_the_built_page(seeds, built_site):
    """Staging before MkDocs renders loses nothing: a record's search data gives Pagefind the
    same document as the page MkDocs built."""
    generated = _documents(seeds)
    assert set(generated) == {record_source(a) for a in seeds.agreements}
    for agreement in seeds.agreements:
        built = (built_site / agreement_page(agreement.id) / "index.html").read_text(encoding="utf-8")
        staged = record_search_html(agreement, seeds, generated[record_source(agreement)]())
        assert staged == indexed_part(record_page_html(built, agreement, seeds)), agreement.id
        assert 'data-pagefind-filter="tinh"' in staged and "<nav" not in staged


def test_a_record_without_a_generated_page_is_reported_and_nothing_indexed(seeds, tmp_path):
    generated = _documents(seeds)
    lost = seeds.agreements[0]
    del generated[record_source(lost)]
    plan = index_records(tmp_path, seeds, generated)
    assert plan.missing == [agreement_page(lost.id)] and plan.bundles == [] and not (tmp_path / "pagefind").exists()


@pytest.mark.parametrize("source, url", [
    ("gioi-thieu.md", "gioi-thieu/"), ("du-lieu/index.md", "du-lieu/"), ("index.md", ""), ("a/b.md", "a/b/"),
])
def test_doc_page_path(source, url):
    assert doc_page_path(source) == url


def test_hand_written_pages_skip_home_and_search(tmp_path):
    for name in ("index.md", "tim-kiem.md", "gioi-thieu.md", "huong-dan/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x", encoding="utf-8")
    assert hand_written_pages(tmp_path) == ["gioi-thieu/", "huong-dan/"]


def test_the_built_site_lists_its_bundles_and_indexes_every_page_once(seeds, built_site):
    bundles = json.loads((built_site / SHARDS_FILE).read_text(encoding="utf-8"))
    assert bundles["version"] == 1 and bundles["bundles"] == ["pagefind/0/", "pagefind/1/"]  # records, then guides
    counts = [json.loads((built_site / b / "pagefind-entry.json").read_text())["languages"]["vi"]["page_count"]
              for b in bundles["bundles"]]
    docs = [u for u in hand_written_pages(ROOT / "docs") if (built_site / u / "index.html").is_file()]
    assert counts == [len(seeds), len(docs)]
    assert not any((built_site / b / name).exists() for b in bundles["bundles"] for name in UNUSED)
    assert not (built_site / "search" / "search_index.json").exists()  # no lunr index
    served = (built_site / agreement_page(seeds.agreements[0].id) / "index.html").read_text(encoding="utf-8")
    assert SENTINEL not in served  # the folded copy exists only in the index


# --- shards answer like one index (real Pagefind, real Chromium) ----------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """One index and five shards of the same synthetic registry, each in its own site root."""
    root = tmp_path_factory.mktemp("shards")
    generate(root / "agreements", RECORDS)
    registry = load_registry(root / "agreements", today=dt.date(2026, 11, 23)).registry
    generated = _documents(registry)
    sites = {}
    for name, size in (("one", RECORDS), ("shards", SHARD)):
        plan = index_records(root / name, registry, generated, size)
        write_shards(root / name, plan.bundles)
        (root / name / "index.html").write_text('<!doctype html><html lang="vi"><title>x</title></html>', encoding="utf-8")
        sites[name] = root / name
    assert len(json.loads((sites["shards"] / SHARDS_FILE).read_text())["bundles"]) == 5
    return SimpleNamespace(registry=registry, sites=sites)


# The loading of docs/assets/search.js: shards.json, the first bundle, the others merged into it.
LOAD = """async () => {
  const shards = await (await fetch("pagefind/shards.json")).json();
  const pf = await import(new URL(`${shards.bundles[0]}pagefind.js`, location.href).href);
  await pf.options({ baseUrl: "/" });
  await pf.init();
  for (const bundle of shards.bundles.slice(1)) await pf.mergeIndex(new URL(bundle, location.href).href, { baseUrl: "/" });
  window.pf = pf;
}"""
SEARCH = """async ([query, filters, urls]) => {
  const search = await window.pf.search(query, { filters });
  const pages = urls ? await Promise.all(search.results.map((result) => result.data())) : [];
  return { count: search.results.length, unfiltered: search.unfilteredResultCount, filters: search.filters,
           total: search.totalFilters, urls: pages.map((page) => page.url) };
}"""


def _answers(browser, site_root: Path, queries: list) -> list:
    with serve(site_root) as base_url:
        page = browser.new_page()
        try:
            page.goto(base_url)
            page.evaluate(LOAD)
            answers = [page.evaluate(SEARCH, query) for query in queries]
            totals = page.evaluate("() => window.pf.filters()")
            for counts in [totals] + [answer[key] for answer in answers for key in ("filters", "total")]:
                counts.pop(SHARD_FILTER, None)  # the bundle filter: one value per bundle, by construction
            return answers + [totals]
        finally:
            page.close()


def test_shards_give_the_results_filters_and_counts_of_one_index(synthetic, browser):
    registry = synthetic.registry
    cut = shards(registry.agreements, SHARD)
    # A province whose records all sit in one shard: there even the order is the same.
    inside = next(a.province_unit.name for shard in cut for a in shard[len(shard) // 2:]
                  if all(b.province_unit.name != a.province_unit.name for other in cut if other is not shard for b in other))
    spread = sorted({shard[-1].province_unit.name for shard in cut[:-1]})  # provinces cut in two by the shards
    assert "tinh" in FACET_TOKENS
    queries = [
        ["phoiz hopz", {"loai": "quy-che"}, False],  # every record
        ["hoiz nghiz", {}, False],
        [facet_token("tinh", inside), {}, True],
        [facet_token("tinh", spread[0]), {}, True],
        ["giamz satz", {"tinh": {"any": spread}}, True],
        ["7z", {}, True],  # rare: one record
        [None, {"tinh": spread[0], "so-ben": "3 bên"}, True],  # filters only
        ["uyz banz", {"all": [{"co-quan": "UBND"}, {"co-quan": "UBMTTQ"}]}, True],
    ]
    one, sharded = (_answers(browser, synthetic.sites[name], queries) for name in ("one", "shards"))
    assert one[-1] == sharded[-1] and one[-1]["tinh"]  # pf.filters(): every value with its count
    for query, a, b in zip(queries, one, sharded, strict=False):
        assert a["count"] > 0, query  # the query finds something, so the comparison means something
        assert (a["count"], a["unfiltered"], a["filters"], a["total"]) == (b["count"], b["unfiltered"], b["filters"], b["total"]), query
        assert sorted(a["urls"]) == sorted(b["urls"]), query
    assert one[2]["urls"] == sharded[2]["urls"]  # one shard answers: ranked as by one index


def test_every_staged_page_names_its_bundle():
    """The browser drops the bundles that lost a query word by this filter (docs/assets/search.js)."""
    page = "<!doctype html><html><body><article data-pagefind-body>x</article></body></html>"
    assert with_bundle(page, 3).endswith(f'<span data-pagefind-filter="{SHARD_FILTER}:3" hidden></span></body></html>')
    assert f'const SHARD_FILTER = "{SHARD_FILTER}";' in (ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
