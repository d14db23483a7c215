"""End to end: the real site built with `mkdocs build --strict`, read back from its HTML.

The site is built once per session (fixture `built_site` in conftest.py); a second project
with one hostile record and a third with a broken record are built here.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build_site, make_project

from registry.records.loader import load_registry
from registry.records.model import Registry
from registry.site import facets
from registry.site.facets import COMBINATIONS, facet_index
from registry.site.urls import facet_page

LS_2021 = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
LS_2022 = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"
UNKNOWN_004 = "chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"
AGREEMENT_LINK = re.compile(r"(?:^|/)quy-che/([a-z0-9-]+/[a-z0-9-]+)/$")


class Page(HTMLParser):
    """What the tests need from one HTML page: title, h1s, links (and whether inside a <nav>)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1: list[str] = []
        self.links: list[tuple[str, bool]] = []
        self.search_bodies = 0
        self._nav_depth = 0
        self._capture: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a" and "href" in attributes:
            self.links.append((attributes["href"], self._nav_depth > 0))
        if "data-pagefind-body" in attributes:
            self.search_bodies += 1
        if tag in ("title", "h1"):
            self._capture = tag
            if tag == "h1":
                self.h1.append("")

    def handle_endtag(self, tag):
        if tag == "nav":
            self._nav_depth -= 1
        if tag == self._capture:
            self._capture = None

    def handle_data(self, data):
        if self._capture == "title":
            self.title += data
        elif self._capture == "h1":
            self.h1[-1] += data

    def agreements(self) -> set[str]:
        """Ids of agreements linked from the page content (outside navigation)."""
        return {m.group(1) for href, in_nav in self.links if not in_nav and (m := AGREEMENT_LINK.search(href))}


def read(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def counted(site: Path, url: str) -> Page:
    """The page without its section of unassigned records that editors suggest for it (not counted)."""
    return Page((site / url / "index.html").read_text(encoding="utf-8").split('<section class="qc-suggested">')[0])


@pytest.fixture(scope="module")
def seeds() -> Registry:
    return load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements").registry


def test_the_build_is_strict_and_has_no_warnings(site_build):
    assert site_build.returncode == 0
    assert "WARNING" not in site_build.output and "ERROR" not in site_build.output, site_build.output


def test_every_record_has_its_page_with_its_title(built_site, seeds):
    for agreement in seeds.agreements:
        page = read(built_site, f"quy-che/{agreement.id}")
        assert page.h1 == [agreement.title]
        assert page.title.startswith(agreement.title)
        assert page.search_bodies == 1


def test_lang_son_2022_page_shows_its_facts_and_relations_both_ways(built_site):
    text = (built_site / "quy-che" / LS_2022 / "index.html").read_text(encoding="utf-8")
    for fact in ("06/05/2022", "3 chương, 17 điều", "Đoàn đại biểu Quốc hội tỉnh", "Thường trực Hội đồng nhân dân tỉnh",
                 "Ủy ban nhân dân tỉnh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Trích dẫn"):
        assert fact in text
    page = Page(text)
    assert page.agreements() == {LS_2021}  # "Xây dựng trên cơ sở" Quy chế 794/QCPH
    parties = {href for href, in_nav in page.links if not in_nav and re.search(r"/co-quan/[a-z-]+/$", href)}
    assert len(parties) == 4
    earlier = read(built_site, f"quy-che/{LS_2021}")
    assert earlier.agreements() == {LS_2022}  # the reverse: "Được phát triển thành"
    assert "794/QCPH-TTHĐND-UBND-BTTUBMTTQ" in (built_site / "quy-che" / LS_2021 / "index.html").read_text("utf-8")


def expected_pages(registry: Registry) -> dict[str, set[str]]:
    """Index page URL -> ids of the records it must list: every group of every facet of the table."""
    index = facet_index(registry)
    expected = {
        facet_page(facet.kind, group.slug).rstrip("/"): {a.id for a in group.agreements}
        for facet in facets.published_facets() for group in index.groups(facet.kind)
    }
    expected["can-bo-sung"] = {a.id for a in facets.needs_review(registry)}
    return expected


def test_each_index_page_lists_exactly_its_records(built_site, seeds):
    for url, ids in expected_pages(seeds).items():
        assert counted(built_site, url).agreements() == ids, url


def test_province_pages_follow_the_2025_merger(built_site):
    bac_ninh = read(built_site, "tinh-thanh/bac-ninh")
    assert bac_ninh.agreements() == {"bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd",
                                     "bac-ninh/chua-ro-ngay-bcs-dang-ubnd-ubnd-tt-hdnd-doan-dbqh-ban-tuyen-giao-ban-dan-van-ubkt-ubmttq-doan-the-co-quan-tu-phap"}
    assert read(built_site, "tinh-thanh/thai-nguyen").agreements() == {
        f"thai-nguyen/xxxx-10-14-{n}" for n in ("doan-dbqh-ubmttq", "hdnd-ubmttq", "ubnd-ubmttq")}
    assert counted(built_site, "tinh-thanh/phu-tho").agreements() == set()  # seed 004 is not Phú Thọ's...
    assert read(built_site, "tinh-thanh/phu-tho").agreements() == {UNKNOWN_004}  # ...only suggested for it
    assert read(built_site, "tinh-thanh/chua-ro-tinh").agreements() == {UNKNOWN_004}


def test_overviews_count_every_record(built_site, seeds):
    provinces = (built_site / "tinh-thanh" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="[^"]*tinh-thanh/([a-z-]+)/">', provinces)
    assert len(set(rows[:34])) == 34
    combinations = read(built_site, "to-hop-co-quan")
    linked = {href for href, in_nav in combinations.links if not in_nav and "/to-hop-co-quan/" in href}
    assert len(linked) == len(facets.groups(seeds, COMBINATIONS))
    assert "TT HĐND + UBND + BTT UBMTTQ" in (built_site / "to-hop-co-quan" / "index.html").read_text("utf-8")
    assert "qc-matrix" in (built_site / "co-quan" / "index.html").read_text("utf-8")


def test_home_page_shows_totals_and_latest_additions(built_site, seeds):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<span class="qc-totals__value">{len(seeds)}</span> <span class="qc-totals__label">quy chế</span>' in home
    assert Page(home).agreements() == {a.id for a in facets.latest_additions(seeds)}


def test_navigation_never_lists_agreements(built_site):
    for path in built_site.rglob("*.html"):
        page = Page(path.read_text(encoding="utf-8"))
        in_nav = [href for href, nav in page.links if nav and "quy-che/" in href]
        assert in_nav == [], path


def test_only_agreement_pages_are_search_bodies(built_site, seeds):
    moved = {f"quy-che/{old}/index.html" for a in seeds.agreements for old in a.data.get("former_ids", [])}  # redirects
    for path in built_site.rglob("*.html"):
        relative = path.relative_to(built_site).as_posix()
        expected = 1 if relative.startswith("quy-che/") and relative not in moved else 0
        assert Page(path.read_text(encoding="utf-8")).search_bodies == expected, relative


SITE_URL = "https://quychephoihop.github.io/"  # mkdocs.yml site_url


def built_file(site: Path, path: Path) -> Path:
    """The file a link to `path` serves: a folder's index.html."""
    return path / "index.html" if path.is_dir() else path


def internal_target(site: Path, page: Path, href: str) -> Path | None:
    """Where a link of `page` leads inside the built site; None for other sites and same-page anchors.
    Absolute links under site_url (the 404 page uses them: it is served at any depth) count."""
    if href.startswith(SITE_URL):
        return site / urlsplit(href).path.lstrip("/")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if parts.path.startswith("/"):  # root-relative (site_url's path is '/')
        return site / parts.path.lstrip("/")
    return (page.parent / parts.path).resolve()


def test_internal_links_resolve(built_site):
    """Every link of every page, the open-data links included (the exports run in the same build)."""
    checked = 0
    for path in built_site.rglob("*.html"):
        for href, _ in Page(path.read_text(encoding="utf-8")).links:
            target = internal_target(built_site, path, href)
            if target is not None:
                checked += 1
                assert built_file(built_site, target).exists(), f"{path.relative_to(built_site)} links to missing {href}"
    assert checked > 1000


def _urls_in(value) -> list[str | None]:
    """Every url/json/feed value meant to lead into the site. Left out: what points elsewhere and
    may be unknown (a record's `sources`, a cited document outside the registry, the source a
    written status rests on)."""
    if isinstance(value, list):
        return [u for item in value for u in _urls_in(item)]
    if not isinstance(value, dict) or "document" in value or isinstance(value.get("source"), int):
        return []
    return [u for key, item in value.items() if key != "sources"
            for u in ([item] if key in ("url", "json", "feed") else _urls_in(item))]


def test_every_url_in_the_open_data_is_a_built_file(built_site):
    """Every url/json/feed of every JSON file is a page or file of the same build: never null, never lost.
    (Source links of records point elsewhere and are left out: they are not under site_url.)"""
    files = sorted((built_site / "api").rglob("*.json"))
    assert len(files) > 100
    for path in files:
        for url in _urls_in(json.loads(path.read_text(encoding="utf-8"))):
            assert url is not None, f"{path.relative_to(built_site)}: url null"
            if url.startswith(SITE_URL):
                target = built_file(built_site, built_site / urlsplit(url).path.lstrip("/"))
                assert target.exists(), f"{path.relative_to(built_site)} gives {url}, which the build lacks"


def test_404_page_is_in_vietnamese(built_site):
    page = Page((built_site / "404.html").read_text(encoding="utf-8"))
    assert "Không tìm thấy trang" in page.h1


def test_hostile_record_is_escaped_through_a_real_build(tmp_path, hostile_record):
    name, text = hostile_record
    build = build_site(make_project(tmp_path, {name: text}), tmp_path / "site")
    assert build.returncode == 0, build.output
    raw = (build.site / "quy-che" / "lang-son" / "2022-05-06-hostile" / "index.html").read_text(encoding="utf-8")
    literal = "<script>alert(1)</script> *x* [a](javascript:alert(1))"
    page = Page(raw)
    assert page.h1 == [literal]
    assert page.title.startswith(literal)  # shown as text in the browser tab
    assert html.escape(literal, quote=False) in raw
    for path in build.site.rglob("*.html"):
        content = path.read_text(encoding="utf-8")
        assert "<script>alert" not in content and "<img src=x" not in content and "<iframe" not in content
        assert not re.search(r'href="\s*javascript', content, re.I), path
        assert "<em>x</em>" not in content, path
        assert 'onmouseover="alert' not in content, path


def test_a_broken_record_fails_the_build_with_every_problem(tmp_path, hostile_record):
    name, text = hostile_record
    broken = text.replace("signed: 2022-05-06", "signed: 2022-13-06").replace("status: chua-ro", "status: gia")
    build = build_site(make_project(tmp_path, {name: broken}), tmp_path / "site")
    assert build.returncode != 0
    assert f"agreements/{name}:" in build.output
    assert re.search(rf"agreements/{re.escape(name)}:\d+: signed: ", build.output)
    assert re.search(rf"agreements/{re.escape(name)}:\d+: status: ", build.output)
    assert not (tmp_path / "site" / "index.html").exists()
