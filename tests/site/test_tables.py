"""Tables and charts that work: the co-signing matrix scrolls inside its own box with a visible
hint and links each count to the list it counts; overview counts link to their group; columns
are headed by what they hold; bar charts stay truthful with small counts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import visit

from registry.records.loader import load_registry
from registry.site import pages as site
from registry.site.charts import MIN_AXIS, WIDTH, BarChart, Series, render_bar_chart, single_series_rows

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    registry = load_registry(SEEDS).registry
    return {p.uri: p.content for p in site.build_pages(registry, repo_url="https://github.com/x/y", edit_uri="edit/main/")}


def test_matrix_scrolls_in_a_named_focusable_box_with_a_hint(generated):
    page = generated["co-quan/index.md"]
    assert '<p class="qc-scroll-hint" aria-hidden="true">Bảng rộng: cuộn hoặc vuốt sang ngang' in page
    box = re.search(r'<div class="qc-scroll qc-matrix" role="region" aria-label="([^"]+)" tabindex="0">', page)
    assert box and "cuộn ngang" in box.group(1)


def test_matrix_counts_link_to_the_records_both_bodies_signed(generated):
    page = generated["co-quan/index.md"]
    cells = re.findall(r'<td class="qc-num"><a href="([^"]+)" title="([^"]+)">(\d+)</a></td>', page)
    assert cells, "no linked count in the matrix"
    for href, title, shown in cells:
        url = urlsplit(href.replace("&amp;", "&"))
        first, second = parse_qs(url.query)["co-quan"]
        assert url.path.endswith("tim-kiem/") and first != second
        assert title == f"{shown} quy chế có cả {first} và {second} cùng ký"
    assert '<td class="qc-num qc-matrix__zero">0</td>' in page  # zero is not a link


def test_overview_counts_link_to_their_group(generated):
    for uri in ("tinh-thanh/index.md", "nhiem-ky/index.md", "to-hop-co-quan/index.md", "co-quan/index.md"):
        rows = re.findall(r'<tr><td><a href="([^"]+)">[^<]+</a></td><td class="qc-num">(.*?)</td>', generated[uri])
        assert rows, uri
        for href, cell in rows:
            if cell != "0":
                assert cell.startswith(f'<a href="{href}" aria-label="'), (uri, cell)


def test_combination_party_count_is_headed_as_such(generated):
    page = generated["to-hop-co-quan/index.md"]
    assert "<th>Số bên ký</th>" in page and "Ghi chú" not in page
    assert re.search(r"<td>\d bên</td>", page)


def test_small_counts_do_not_draw_full_width_bars():
    chart = BarChart("c", "Tổ hợp", "Chú thích", "Tổ hợp", single_series_rows([(f"tổ hợp {i}", 1) for i in range(8)]),
                     (Series("count", "Số quy chế", "#2f7fd0"),))
    svg = ET.fromstring(render_bar_chart(chart))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert len(widths) == 8 and max(widths) <= (WIDTH / MIN_AXIS) + 1  # one tenth of the scale, not all of it
    axis = [t.text for t in svg.find(f".//{SVG}g[@class='qc-axis']").iter(f"{SVG}text")]
    assert axis == ["0", str(MIN_AXIS)]


def test_large_counts_use_their_own_scale():
    chart = BarChart("c", "t", "c", "l", single_series_rows([("a", 40), ("b", 10)]), (Series("count", "n", "#2f7fd0"),))
    svg = ET.fromstring(render_bar_chart(chart))
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(4 * widths[1], rel=0.02)
    assert [t.text for t in svg.find(f".//{SVG}g[@class='qc-axis']").iter(f"{SVG}text")] == ["0", "40"]


def test_matrix_on_a_phone_scrolls_inside_its_box(open_page, site_server, screenshots):
    page = open_page(width=375)
    visit(page, site_server + "co-quan/")
    sizes = page.evaluate("""() => {
        const box = document.querySelector('.qc-scroll');
        const hint = document.querySelector('.qc-scroll-hint');
        return {page: document.documentElement.scrollWidth, box: box.clientWidth, table: box.scrollWidth,
                hint: hint.getBoundingClientRect().height, overflow: getComputedStyle(box).overflowX};
    }""")
    assert sizes["page"] <= 375, sizes  # the page itself never scrolls sideways
    assert sizes["table"] > sizes["box"] and sizes["overflow"] == "auto", sizes
    assert sizes["hint"] > 0, sizes
    page.locator(".qc-scroll").scroll_into_view_if_needed()
    screenshots(page, "co-quan-phone")
