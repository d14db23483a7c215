"""Navigation: at most seven top-level entries; every record and index page shows its place (an
active tab, a breadcrumb); records signed at one event link to each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from registry.records.loader import load_registry
from registry.site import navigation
from registry.site import pages as site

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
TAB = re.compile(r'<li class="md-tabs__item( md-tabs__item--active)?">\s*<a href="[^"]*" class="md-tabs__link"[^>]*>\s*([^<]+?)\s*</a>')
CRUMBS = re.compile(r'<nav class="qc-breadcrumb" aria-label="Vị trí của trang" data-pagefind-ignore>(.*?)</nav>', re.S)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !relative and other MkDocs tags


@pytest.fixture(scope="module")
def nav() -> list:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]


@pytest.fixture(scope="module")
def seeds():
    return load_registry(SEEDS).registry


@pytest.fixture(scope="module")
def generated(seeds) -> dict[str, str]:
    return {p.uri: p.content for p in site.build_pages(seeds, repo_url="https://github.com/x/y", edit_uri="edit/main/")}


def test_at_most_seven_top_level_entries_each_titled(nav):
    titles = [next(iter(item)) for item in nav]
    assert titles == ["Trang chủ", "Tra cứu", "Tìm kiếm", "Thống kê", "Dữ liệu mở", "Đóng góp", "Giới thiệu"]
    lookup = next(item["Tra cứu"] for item in nav if "Tra cứu" in item)
    assert [next(iter(entry)) for entry in lookup] == [label for label, _ in site.NAV_SECTIONS_URLS if label != "Thống kê"]
    for item in nav:  # every page has an explicit title: MkDocs would show 'Dong gop' from the file name
        for value in item.values():
            assert isinstance(value, str) or all(isinstance(entry, dict) for entry in value), item


def test_breadcrumb_labels_match_the_nav(nav):
    lookup = {next(iter(entry)): next(iter(entry.values())) for entry in nav[1]["Tra cứu"]}
    for kind, label in navigation.OVERVIEW_LABELS.items():
        if label in lookup:
            assert lookup[label] == f"{navigation.facet_overview_page(kind)}index.md"


def test_every_generated_lookup_page_names_its_section_and_has_a_breadcrumb(generated):
    for uri, content in generated.items():
        if uri in (site.FIELD_REFERENCE_PATH, site.stats.PAGE_PATH):
            continue  # in the nav themselves (Đóng góp, Thống kê)
        assert 'section: "Tra cứu"' in content.split("---", 2)[1], uri
        crumbs = CRUMBS.search(content)
        assert crumbs, uri
        steps = re.findall(r"<li>(.*?)</li>", crumbs.group(1), re.S)
        assert steps[0].startswith('<a href="') and steps[0].endswith('">Trang chủ</a>'), uri
        assert steps[1] == "Tra cứu" and 'aria-current="page"' in steps[-1], uri


def test_record_breadcrumb_goes_through_its_current_province(generated):
    page = generated["quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md"]
    steps = re.findall(r"<li>(.*?)</li>", CRUMBS.search(page).group(1), re.S)
    assert steps[:4] == ['<a href="../../../">Trang chủ</a>', "Tra cứu", '<a href="../../../tinh-thanh/">Tỉnh/thành</a>',
                         '<a href="../../../tinh-thanh/lang-son/">Lạng Sơn</a>']
    former = generated["tinh-thanh/truoc-2025/bac-giang/index.md"]
    steps = re.findall(r"<li>(.*?)</li>", CRUMBS.search(former).group(1), re.S)
    assert steps[2:] == ['<a href="../../../tinh-thanh/">Tỉnh/thành</a>', '<a href="../../../tinh-thanh/bac-ninh/">Bắc Ninh</a>',
                         '<span aria-current="page">Bắc Giang (trước 2025)</span>']


def test_the_three_thai_nguyen_agreements_signed_at_one_ceremony_link_to_each_other(seeds, generated):
    thai_nguyen = [a for a in seeds.agreements if a.id.startswith("thai-nguyen/") and a.data.get("signed") == "XXXX-10-14"]
    assert len(thai_nguyen) == 3
    events = navigation.same_event(seeds)
    for agreement in thai_nguyen:
        others = {a.id for a in events[agreement.id]}
        assert others == {a.id for a in thai_nguyen} - {agreement.id}
        page = generated[f"quy-che/{agreement.id}.md"]
        block = page[page.index('<h2 id="cung-dip">'):page.index('<h2 id="nguon">')]
        for other in others:
            assert f'href="../../../quy-che/{other}/"' in block
    alone = next(a for a in seeds.agreements if a.id.startswith("lang-son/"))
    assert alone.id not in events and 'id="cung-dip"' not in generated[f"quy-che/{alone.id}.md"]


@pytest.mark.parametrize(("path", "tab"), [
    ("quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq/index.html", "Tra cứu"),
    ("tinh-thanh/thai-nguyen/index.html", "Tra cứu"),
    ("tinh-thanh/index.html", "Tra cứu"),
    ("nhiem-ky/2021-2026/index.html", "Tra cứu"),
    ("can-bo-sung/index.html", "Tra cứu"),
    ("thong-ke/index.html", "Thống kê"),
    ("du-lieu-mo/index.html", "Dữ liệu mở"),
    ("dong-gop/truong-du-lieu/index.html", "Đóng góp"),
    ("index.html", "Trang chủ"),
])
def test_built_pages_mark_one_active_tab(built_site, path, tab):
    html = (built_site / path).read_text(encoding="utf-8")
    tabs = TAB.findall(html)
    assert len(tabs) == 7
    assert [title for active, title in tabs if active] == [tab], path
    assert '<nav class="md-tabs" aria-label="Các mục chính"' in html
