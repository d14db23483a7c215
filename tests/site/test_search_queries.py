"""Relevance of the search page, measured in real Chromium against two built sites: the
registry's own records (the session's build of this repository) and 5,000 synthetic records.

Every query of tests/cases/search/queries.yaml must put its expected result first and its
expected results in the top three. Precision in the top ten (relevant results among the
first ten shown, guide pages counting as not relevant unless listed) is written, with every
query's results, to test-output/search-precision-<site>.json for the report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from browser_helpers import ROOT, new_context, serve
from conftest import build_site, make_project

from registry.bench.synthetic import generate
from registry.records.loader import load_registry
from registry.records.text import fold
from registry.site.search import EXCERPT_LENGTH, plain_summary

CASES = ROOT / "tests" / "cases" / "search"
TABLE = yaml.safe_load((CASES / "queries.yaml").read_text(encoding="utf-8"))
OUTPUT = ROOT / "test-output"
SYNTHETIC_COUNT = 5000
TOP = 10


def record_ids() -> dict[str, str]:
    """Key of `records` -> id of the record with that title in agreements/ (exactly one)."""
    by_title: dict[str, list[str]] = {}
    for agreement in load_registry(ROOT / "agreements").registry.agreements:
        by_title.setdefault(agreement.title, []).append(agreement.id)
    ids = {}
    for key, title in TABLE["records"].items():
        assert len(by_title.get(title, [])) == 1, f"queries.yaml: {key}: no single record titled {title!r}"
        ids[key] = by_title[title][0]
    return ids


def _real_case(case: dict, ids: dict[str, str]) -> dict:
    def name(key: str) -> str:
        return key if key.startswith("page:") else ids[key]

    first = [name(case["first"])] if "first" in case else [name(n) for n in case.get("first_in", [])]
    top3 = [name(n) for n in case.get("top3", [case["first"]] if "first" in case else [])]
    relevant = case.get("relevant")
    relevant = {name(n) for n in relevant} if relevant is not None else set(first) | set(top3)
    return {"q": case["q"], "first": first, "top3": top3, "relevant": relevant}


REAL = TABLE["real"]
SYNTHETIC = TABLE["synthetic"]
_measured: dict[str, dict[str, dict]] = {"real": {}, "synthetic": {}}


# --- the two sites ----------------------------------------------------------------------


def _built(tmp_path_factory, name: str, fill) -> Path:
    project = tmp_path_factory.mktemp(name)
    config = make_project(project, {})
    fill(project / "agreements")
    build = build_site(config, project / "site")
    assert build.returncode == 0, build.output[-3000:]
    return build.site


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """This repository's site with its own records (agreements/), not the frozen seed registry."""
    build = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("search-real") / "site")
    assert build.returncode == 0, build.output[-3000:]
    with serve(build.site) as base:
        yield base


@pytest.fixture(scope="module")
def ids():
    return record_ids()


@pytest.fixture(scope="module")
def summaries():
    """Record id -> the summary a result quotes (metadata tom-tat), as indexed."""
    return {a.id: plain_summary(a.summary, EXCERPT_LENGTH) for a in load_registry(ROOT / "agreements").registry.agreements}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder: dict[str, Path] = {}

    def fill(agreements: Path) -> None:
        folder["agreements"] = agreements
        generate(agreements, SYNTHETIC_COUNT)

    site = _built(tmp_path_factory, "search-synthetic", fill)
    loaded = load_registry(folder["agreements"])
    assert loaded.problems == []
    registry = loaded.registry
    with serve(site) as base:
        yield base, registry


@pytest.fixture(scope="module")
def page(browser, real_site):
    context = new_context(browser, real_site)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    for site in _measured:
        _write(site)


def ranked(page, base_url: str, query: str) -> list[str]:
    """Open the search page for `query`; the ids of the results shown, in order (records by
    their id, other pages as page:<url>)."""
    page.goto(base_url + "tim-kiem/?" + urlencode({"q": query}))
    page.wait_for_function(
        "() => /kết quả|Không tìm thấy|Không có quy chế/.test(document.querySelector('[data-sqc-status]').textContent)")
    urls = page.eval_on_selector_all(".sqc-result__title", "links => links.map(a => a.href)")
    root = urlsplit(base_url).path
    paths = [urlsplit(url).path.removeprefix(root) for url in urls]
    return [p.removeprefix("quy-che/").strip("/") if p.startswith("quy-che/") else f"page:{p}" for p in paths]


# Each record result: its link, its excerpt's text and every mark with the characters around it.
EXCERPTS = """() => [...document.querySelectorAll("[data-sqc-results] .sqc-result")].map((item) => {
  const excerpt = item.querySelector(".sqc-result__excerpt");
  const marks = [...excerpt.querySelectorAll("mark")].map((mark) => ({
    text: mark.textContent,
    before: (mark.previousSibling?.textContent || "").slice(-1),
    after: (mark.nextSibling?.textContent || "").slice(0, 1),
  }));
  return {href: item.querySelector(".sqc-result__title").href, text: excerpt.textContent, marks};
})"""
SYLLABLE = re.compile(r"[^\W_]+")


def check_excerpts(page, query: str, summaries: dict[str, str]) -> None:
    """Every record result quotes its own summary (never raw YAML, a heading like 'Tóm tắt.' or
    the folded copy), and marks whole syllables only, each one a syllable of the query."""
    asked = {fold(word) for word in SYLLABLE.findall(query)}
    for result in page.evaluate(EXCERPTS):
        record = urlsplit(result["href"]).path.split("/quy-che/", 1)[1].strip("/")
        quoted = result["text"].removeprefix("… ").removesuffix(" …")
        assert quoted and quoted in summaries[record], f"{query!r}: {record}: excerpt not from the summary: {quoted!r}"
        for mark in result["marks"]:
            assert not SYLLABLE.fullmatch(mark["before"] or " ") and not SYLLABLE.fullmatch(mark["after"] or " "), (
                f"{query!r}: {record}: part of a syllable marked: {mark}")
            words = SYLLABLE.findall(mark["text"])
            assert words and all(fold(w) in asked for w in words), f"{query!r}: {record}: marked {mark['text']!r}"


def precision(results: list[str], relevant: set[str]) -> float:
    """Relevant results among the first ten shown; 1.0 when nothing was expected and nothing shown."""
    top = results[:TOP]
    if not top:
        return 0.0 if relevant else 1.0
    return sum(r in relevant for r in top) / len(top)


def _record(site: str, query: str, results: list[str], relevant: set[str], passed: bool) -> None:
    _measured[site][query] = {"results": results[:TOP], "precision": precision(results, relevant), "passed": passed}


def _write(site: str) -> None:
    rows = _measured[site]
    if not rows:
        return
    OUTPUT.mkdir(exist_ok=True)
    mean = sum(r["precision"] for r in rows.values()) / len(rows)
    summary = {"queries": len(rows), "passed": sum(r["passed"] for r in rows.values()), "precision_at_10": round(mean, 3)}
    (OUTPUT / f"search-precision-{site}.json").write_text(
        json.dumps({"summary": summary, "queries": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nsearch precision ({site}): {summary}")


# --- the real records ----------------------------------------------------------------------


@pytest.mark.parametrize("row", REAL, ids=[row["q"] for row in REAL])
def test_real_query(page, real_site, ids, summaries, row):
    case = _real_case(row, ids)
    results = ranked(page, real_site, case["q"])
    top3 = set(results[:3])
    passed = (
        (not case["first"] or (results[:1] and results[0] in case["first"]))
        and set(case["top3"]) <= top3
        and (case["relevant"] or not results)
    )
    _record("real", case["q"], results, case["relevant"], bool(passed))
    if case["first"]:
        assert results[:1] and results[0] in case["first"], f"{case['q']!r}: first result {results[:3]}"
    assert set(case["top3"]) <= top3, f"{case['q']!r}: top 3 {results[:3]}"
    if not case["relevant"]:
        assert results == [], f"{case['q']!r}: expected nothing, got {results[:3]}"
    check_excerpts(page, case["q"], summaries)
    assert page.console_errors == []


# --- 5,000 synthetic records -------------------------------------------------------------


def synthetic_relevant(registry, where: dict) -> set[str]:
    """Ids of the synthetic records a query's `where` describes."""
    def matches(agreement) -> bool:
        unit = agreement.province_unit
        if "province" in where and not (unit and where["province"] in (unit.slug, registry.successor_of(agreement).slug)):
            return False
        if "year" in where and agreement.year != where["year"]:
            return False
        if "term" in where and agreement.get("term") != where["term"]:
            return False
        codes = [party.code for party in registry.parties_of(agreement)]
        if "party" in where and not set(where["party"]) & set(codes):  # any of them
            return False
        if "parties" in where and len(codes) != where["parties"]:
            return False
        return "number" not in where or agreement.id.endswith(f"-so-{where['number']:06d}")

    return {agreement.id for agreement in registry.agreements if matches(agreement)}


@pytest.mark.parametrize("case", SYNTHETIC, ids=[case["q"] for case in SYNTHETIC])
def test_synthetic_query(browser, synthetic, case):
    base, registry = synthetic
    relevant = synthetic_relevant(registry, case["where"])
    assert relevant, f"the synthetic registry has no record for {case['where']}"
    context = new_context(browser, base)
    try:
        results = ranked(context.new_page(), base, case["q"])
    finally:
        context.close()
    top = results[: min(3, len(relevant))]
    passed = bool(top) and all(r in relevant for r in top) and len(top) == min(3, len(relevant))
    _record("synthetic", case["q"], results, relevant, passed)
    assert passed, f"{case['q']!r}: top {results[:3]}, {len(relevant)} relevant"
