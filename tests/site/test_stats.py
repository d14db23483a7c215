"""The statistics page: counts equal the registry's, SVG is well-formed and escaped (the map: test_province_map.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from registry.records.loader import load_registry
from registry.records.model import Agreement, Registry
from registry.site.charts import BarChart, Row, Segment, Series, render_bar_chart, single_series_rows
from registry.site.stats import (
    UNKNOWN_PROVINCE,
    UNKNOWN_YEAR,
    combination_counts,
    coverage,
    province_counts,
    statistics_page_markdown,
    term_counts,
    year_counts,
)

ROOT = Path(__file__).parents[2]
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> ]]> {{ 7*7 }}'


@pytest.fixture(scope="module")
def registry() -> Registry:
    result = load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements")
    assert result.problems == []
    return result.registry


@pytest.fixture(scope="module")
def page(registry) -> str:
    return statistics_page_markdown(registry)


def blocks(page: str) -> dict[str, ET.Element]:
    """Each chart block (figure + table) of the page, parsed as XML, by chart id."""
    parsed = [ET.fromstring(b) for b in re.findall(r'<div class="qc-stat">.*?\n</div>', page, re.S)]
    return {block.find("figure").get("id"): block for block in parsed}


def svg_totals(block: ET.Element) -> dict[str, int]:
    """Bar label -> number printed after its bar, read from the SVG itself."""
    rows = [g for g in block.find("figure").find(f"{SVG}svg").iter(f"{SVG}g") if g.get("class") == "qc-row"]
    return {row_label(g): int(g.find(f"{SVG}text[@class='qc-value']").text) for g in rows}


def row_label(group: ET.Element) -> str:
    """A bar's label, joined again across its wrapped lines."""
    return " ".join(t.text for t in group.findall(f"{SVG}text[@class='qc-label']"))


def table_totals(block: ET.Element) -> dict[str, int]:
    rows = block.find("table").find("tbody").findall("tr")
    return {"".join(row.find("th").itertext()): int(row.findall("td")[0].text) for row in rows}


# --- counts -------------------------------------------------------------------


def test_year_counts_equal_registry(registry):
    expected = Counter(str(a.year) if a.year else UNKNOWN_YEAR for a in registry.agreements)
    counts = dict(year_counts(registry))
    assert {k: v for k, v in counts.items() if v} == expected
    assert list(counts) == ["2021", "2022", UNKNOWN_YEAR]  # the two year-less seeds: unknown, never guessed
    assert sum(counts.values()) == len(registry) == 8


def test_years_between_the_first_and_the_last_are_shown_even_when_empty(registry):
    moved = [a for a in registry.agreements if a.year == 2022]
    later = [replace(a, data={**a.data, "signed": str(a.data["signed"]).replace("2022", "2025", 1)}) for a in moved]
    others = [a for a in registry.agreements if a.year != 2022]
    counts = dict(year_counts(Registry(others + later, registry.vocab)))
    assert list(counts) == ["2021", "2022", "2023", "2024", "2025", UNKNOWN_YEAR]
    assert counts["2022"] == counts["2023"] == counts["2024"] == 0 and counts["2025"] == len(moved) > 0


def test_term_counts_equal_registry(registry):
    counts = dict(term_counts(registry))
    assert counts["Nhiệm kỳ 2021–2026"] == 7
    assert counts["Nhiệm kỳ 2026–2031"] == 0
    assert counts["Chưa rõ nhiệm kỳ"] == 1  # the three offices' record states no term
    assert sum(counts.values()) == len(registry)


def test_province_counts_fold_former_units_into_successors(registry):
    counts = {item.province.slug: item for item in province_counts(registry)}
    assert len(counts) == 34
    assert {slug: item.total for slug, item in counts.items() if item.total} == {
        "bac-ninh": 2, "thai-nguyen": 3, "lang-son": 2,
    }
    # Both Bắc Ninh records were signed by the former (pre-2025) Bắc Ninh, shown as its own segment.
    assert [(p.kind, p.slug, p.count) for p in counts["bac-ninh"].parts] == [("truoc-2025", "bac-ninh", 2)]
    unknown = sum(1 for a in registry.agreements if a.province_unit is None)
    assert unknown == 1 and sum(i.total for i in counts.values()) + unknown == len(registry)


def test_combination_counts_use_short_forms(registry):
    counts = dict(combination_counts(registry, limit=100))
    assert counts["TT HĐND + UBND + BTT UBMTTQ"] == 1
    assert counts["Đảng đoàn HĐND + BCS đảng UBND"] == 1
    assert sum(counts.values()) == len(registry)
    expected = Counter(frozenset(a.parties) for a in registry.agreements)
    assert sorted(counts.values(), reverse=True) == sorted(expected.values(), reverse=True)


def test_coverage_lists_units_without_records(registry):
    current, previous = coverage(registry)
    assert (current.term, previous.term) == ("2026-2031", "2021-2026")
    assert current.covered == 0 and len(current.missing) == 34
    assert previous.covered == 3 and len(previous.missing) == 31
    assert {"bac-ninh", "thai-nguyen", "lang-son"}.isdisjoint(p.slug for p in previous.missing)


# --- the page -------------------------------------------------------------------


def test_every_chart_is_a_named_figure_with_a_matching_table(page):
    charts = blocks(page)
    assert set(charts) == {"bieu-do-nam", "bieu-do-nhiem-ky", "bieu-do-tinh-thanh", "bieu-do-to-hop", "bieu-do-do-phu"}
    for chart_id, block in charts.items():
        svg = block.find("figure").find(f"{SVG}svg")
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == f"{chart_id}-title"
        assert svg.find(f"{SVG}title").get("id") == f"{chart_id}-title"
        assert block.find("figure").find("figcaption").text
        assert svg_totals(block) == table_totals(block), chart_id


def test_page_numbers_equal_registry_counts(page, registry):
    charts = blocks(page)
    assert table_totals(charts["bieu-do-nam"]) == dict(year_counts(registry))
    assert table_totals(charts["bieu-do-tinh-thanh"]) == {"Thái Nguyên": 3, "Bắc Ninh": 2, "Lạng Sơn": 2, UNKNOWN_PROVINCE: 1}
    assert table_totals(charts["bieu-do-do-phu"]) == {"Nhiệm kỳ 2026–2031": 0, "Nhiệm kỳ 2021–2026": 3}
    assert "**8** quy chế" in page


def test_province_chart_stacks_former_units_with_a_legend(page):
    svg = blocks(page)["bieu-do-tinh-thanh"].find("figure").find(f"{SVG}svg")
    titles = [t.text for t in svg.iter(f"{SVG}title")]
    assert "Bắc Ninh (cũ): 2 quy chế" in titles
    assert "Lạng Sơn: 2 quy chế" in titles  # never merged: no "(cũ)", drawn as the current unit
    legend = [t.text for t in svg.iter(f"{SVG}text")]
    assert any(text.startswith("Ghi theo đơn vị cũ") for text in legend)


def test_hostile_record_title_is_escaped(registry):
    hostile = Agreement("chua-ro-tinh/x", "agreements/chua-ro-tinh/x.md",
                        {"title": HOSTILE, "parties": ["ubnd"], "signed": "2024-01-01", "term": "2021-2026"}, "")
    page = statistics_page_markdown(Registry([*registry.agreements, hostile], registry.vocab))
    assert "<script" not in page and "<img" not in page and "{{ 7*7 }}" in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;img" in page
    blocks(page)  # still well-formed


def test_bar_chart_escapes_labels():
    chart = BarChart("c", HOSTILE, "cap", "Nhãn", single_series_rows([(HOSTILE, 2), ("b", 0)]),
                     (Series("count", HOSTILE, "#2f7fd0"),))
    markup = render_bar_chart(chart)
    assert "<script" not in markup and "<img" not in markup
    svg = ET.fromstring(markup)
    assert svg.find(f"{SVG}title").text == HOSTILE
    assert row_label(svg.find(f"{SVG}g")) == HOSTILE  # wrapped over lines, text intact


def test_bar_chart_handles_empty_and_stacked_rows():
    assert ET.fromstring(render_bar_chart(BarChart("e", "t", "c", "l", (), (Series("s", "s", "#000"),))))
    series = (Series("a", "A", "#2f7fd0"), Series("b", "B", "#c26a00"))
    row = Row("x", (Segment("a", 1, "x a"), Segment("b", 0, "x b"), Segment("b", 3, "x b2")))
    svg = ET.fromstring(render_bar_chart(BarChart("s", "t", "c", "l", (row,), series)))
    bars = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [b.find(f"{SVG}title").text for b in bars] == ["x a", "x b2"]  # zero segments are not drawn
    assert float(bars[1].get("width")) > 2 * float(bars[0].get("width"))
