"""Generated pages, checked at the library level (no MkDocs): URLs, what each page lists,
pagination, byte-stable output, and escaping of hostile records."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from test_facets import BN_000, BN_REVIEW, LS_2021, LS_2022, THAI_NGUYEN, UNKNOWN_004, variant, with_extra

from registry.records.loader import load_registry
from registry.records.model import Registry
from registry.site import pages as site
from registry.site.rendering import render_summary, safe_url

ROOT = Path(__file__).resolve().parents[2]
REPO = "https://github.com/example/so"


def build(registry: Registry) -> dict[str, str]:
    return {p.uri: p.content for p in site.build_pages(registry, repo_url=REPO, edit_uri="edit/main/",
                                                       site_url="https://example.org/")}


def listed(content: str) -> set[str]:
    """Ids of the agreements a page links to."""
    return set(re.findall(r'href="(?:\.\./)*quy-che/([^"]+)/"', content))


@pytest.fixture(scope="module")
def seeds() -> Registry:
    return load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements").registry


@pytest.fixture(scope="module")
def pages(seeds) -> dict[str, str]:
    return build(seeds)


def test_every_agreement_has_a_page_at_its_id(seeds, pages):
    for agreement in seeds.agreements:
        assert f"quy-che/{agreement.id}.md" in pages


def test_only_the_section_overviews_go_into_the_navigation(seeds):
    in_nav = [p.uri for p in site.build_pages(seeds, repo_url=REPO, edit_uri="edit/main/") if p.in_nav]
    assert in_nav == [s.uri for s in site.nav_sections()] + [site.FIELD_REFERENCE_PATH]


def test_mkdocs_nav_lists_every_generated_section():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for section in site.nav_sections():
        assert f"  - {section.title}: {section.uri}" in config


def test_output_is_byte_stable(seeds, pages):
    assert build(seeds) == pages


def test_province_pages_list_former_units_under_their_successor(pages):
    assert listed(pages["tinh-thanh/bac-ninh/index.md"]) == {BN_000, BN_REVIEW}
    assert "Tỉnh Bắc Ninh (cũ, trước 01/07/2025)" in pages["tinh-thanh/bac-ninh/index.md"]
    lang_son = pages["tinh-thanh/lang-son/index.md"]  # never merged: one list, no date in a heading
    assert "01/07/2025" not in lang_son and "<h2>" not in lang_son
    assert listed(pages["tinh-thanh/thai-nguyen/index.md"]) == THAI_NGUYEN
    assert listed(pages["tinh-thanh/lang-son/index.md"]) == {LS_2021, LS_2022}
    assert listed(pages["tinh-thanh/truoc-2025/bac-ninh/index.md"]) == {BN_000, BN_REVIEW}


def test_unknown_province_has_its_own_page_not_the_publishers(pages):
    phu_tho = pages["tinh-thanh/phu-tho/index.md"]
    counted, suggested = phu_tho.split('<section class="qc-suggested">')
    assert listed(counted) == set() and '<p class="qc-count">0 quy chế</p>' in counted
    assert "chưa có quy chế nào" in counted
    # ... but the page shows the record whose editors suggest Phú Thọ, apart and marked as unverified.
    assert listed(suggested) == {UNKNOWN_004}
    assert "Gợi ý (chưa xác minh): Phú Thọ" in suggested and "không được tính" in suggested
    unknown = pages["tinh-thanh/chua-ro-tinh/index.md"]
    assert listed(unknown) == {UNKNOWN_004}
    assert "Gợi ý (chưa xác minh): Phú Thọ" in unknown


def test_province_overview_has_all_34_units_with_zero_counts(pages):
    overview = pages["tinh-thanh/index.md"]
    rows = re.findall(r'<tr><td><a href="(?:\.\./)*tinh-thanh/([a-z-]+)/">[^<]+</a></td><td class="qc-num">(?:<a [^>]*>)?(\d+)(?:</a>)?</td>',
                      overview)
    counts = dict(rows[:34])
    assert len(counts) == 34
    assert counts["bac-ninh"] == "2" and counts["phu-tho"] == "0"
    assert 'href="../tinh-thanh/chua-ro-tinh/">1 quy chế</a>' in overview


def test_facet_pages_list_exactly_their_records(pages):
    assert listed(pages["to-hop-co-quan/btt-ubmttq--tt-hdnd--ubnd/index.md"]) == {LS_2021}
    assert listed(pages["co-quan/ubmttq/index.md"]) == THAI_NGUYEN | {BN_REVIEW}
    assert listed(pages["nam/2021/index.md"]) == {LS_2021}
    assert listed(pages["nam/chua-ro/index.md"]) == THAI_NGUYEN | {BN_REVIEW, BN_000, UNKNOWN_004}  # no year written
    assert listed(pages["nhiem-ky/chua-ro/index.md"]) == {UNKNOWN_004}
    assert listed(pages["chu-de/giam-sat/index.md"]) == THAI_NGUYEN | {BN_000, LS_2022}
    assert "TT HĐND + UBND + BTT UBMTTQ" in pages["to-hop-co-quan/index.md"]


def test_needs_review_names_each_field_and_reason(pages):
    review = pages["can-bo-sung/index.md"]
    assert listed(review) and not listed(review) & THAI_NGUYEN  # inferred year only: not an open question
    assert "<strong>Nguồn</strong>: nguồn chưa có địa chỉ http(s)" in review
    assert "<strong>Ngày ký</strong>: năm được suy luận" not in review


def test_agreement_page_shows_facts_relations_both_ways_and_links(pages):
    page = pages[f"quy-che/{LS_2022}.md"]
    for fact in ("06/05/2022", "3 chương, 17 điều", "Chưa rõ", "Đoàn đại biểu Quốc hội tỉnh", "(BTT UBMTTQ)"):
        assert fact in page
    assert f'href="../../../quy-che/{LS_2021}/"' in page and "Xây dựng trên cơ sở" in page
    assert f'href="../../../quy-che/{LS_2022}/"' in pages[f"quy-che/{LS_2021}.md"]
    assert "Được phát triển thành" in pages[f"quy-che/{LS_2021}.md"]
    assert f'href="{REPO}/edit/main/agreements/{LS_2022}.md"' in page
    assert f'href="../../../api/v1/quy-che/{LS_2022}.json"' in page
    assert f"https://example.org/quy-che/{LS_2022}/" in page  # in the citation


def test_agreement_page_marks_uncertain_facts_and_carries_search_filters(pages):
    page = pages[f"quy-che/{BN_000}.md"]
    assert 'title="Bài viết chỉ ghi &#34;Chiều 25/01&#34;' in page
    assert ">năm được suy luận</span>" in page
    assert '<span data-pagefind-filter="tinh">Bắc Ninh</span>' in page
    assert '<span data-pagefind-filter="co-quan">Đảng đoàn HĐND</span>' in page
    assert "tỉnh Bắc Ninh (cũ), nay thuộc thành phố Bắc Ninh" in page
    assert page.count("data-pagefind-body") == 1
    unknown = pages[f"quy-che/{UNKNOWN_004}.md"]
    assert '<span class="qc-unknown">chưa rõ</span>' in unknown


def test_pages_marked_html_only_are_one_html_block(seeds):
    """The MkDocs hook skips Markdown for these pages; that is only safe for a single HTML block."""
    block = re.compile(r"---\n(?:(?:title|feeds|section): [^\n]*\n)+---\n\n(<(article|div) [^\n]*>\n.*</\2>\n)", re.S)
    for page in site.build_pages(seeds, repo_url=REPO, edit_uri="edit/main/"):
        if page.html_only:
            match = block.fullmatch(page.content)
            assert match, page.uri
            assert markdown.markdown(match.group(1)).strip() == match.group(1).strip(), page.uri


def test_index_pages_are_not_search_bodies(pages):
    for uri, content in pages.items():
        if not uri.startswith("quy-che/"):
            assert "data-pagefind-body" not in content, uri


def test_long_lists_are_paginated_by_100(seeds):
    many = [variant(seeds, LS_2022, f"lang-son/2023-01-01-ban-{n:03d}", signed="2023-01-01") for n in range(250)]
    pages = build(with_extra(seeds, *many))
    first, second, third = (pages[f"nam/2023/{p}index.md"] for p in ("", "trang-2/", "trang-3/"))
    assert [len(listed(p)) for p in (first, second, third)] == [100, 100, 50]
    assert "nam/2023/trang-4/index.md" not in pages
    assert listed(first) | listed(second) | listed(third) == {a.id for a in many}
    assert 'href="../../nam/2023/trang-2/" rel="next"' in first
    assert 'href="../../../nam/2023/" rel="prev"' in second
    assert len(listed(pages["tinh-thanh/lang-son/trang-3/index.md"])) == 52  # 250 + 2 seeds


def test_hostile_record_is_shown_as_text(tmp_path, hostile_record):
    name, text = hostile_record
    (tmp_path / "agreements" / name).parent.mkdir(parents=True)
    (tmp_path / "agreements" / name).write_text(text, encoding="utf-8")
    result = load_registry(tmp_path / "agreements")
    assert result.problems == []
    pages = build(result.registry)
    page = pages["quy-che/lang-son/2022-05-06-hostile.md"]
    assert 'title: "&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](javascript:alert(1))"' in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](javascript:alert(1))</h1>" in page
    for page in pages.values():
        # The one script a page may carry is its own JSON-LD (escaped by structured_data.script_json).
        assert "<script" not in page.replace('<script type="application/ld+json">', "", 1)
        assert "<img" not in page and "<iframe" not in page
        assert 'href="javascript' not in page and "onmouseover=\"" not in page
    summary = pages["quy-che/lang-son/2022-05-06-hostile.md"]
    assert '<a href="https://example.org/a" rel="nofollow noopener">liên kết tốt</a>' in summary


def test_summary_markdown_allows_only_http_links():
    html = render_summary("[x](javascript:alert(1)) [y](https://a.vn) ![z](https://a.vn/i.png) <b>b</b>\n\n# Tiêu đề")
    assert "javascript" not in html and "<img" not in html and "<b>" not in html
    assert '<a href="https://a.vn" rel="nofollow noopener">y</a>' in html
    assert "<h3>Tiêu đề</h3>" in html  # below the page's own h1/h2
    assert safe_url(" java\tscript:alert(1)") is None and safe_url("//evil.example") is None


def test_edit_uri_into_docs_is_turned_into_the_repository_root():
    assert site.repository_edit_uri("edit/main/docs/") == "edit/main/"
    assert site.repository_edit_uri("edit/main/") == "edit/main/"
