"""The search text and index plan (registry.search): folded words, abbreviations both ways,
phrase pairs, filters and metadata, and the hidden block that only the indexer sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.records.loader import load_registry
from registry.records.text import fold
from registry.site import search
from registry.site.search import (
    FILTER_KEYS,
    SENTINEL,
    doc_page_html,
    hidden_block,
    record_filters,
    record_meta,
    record_search_words,
    search_words,
    with_search_block,
)

ROOT = Path(__file__).resolve().parents[2]
BN24 = "bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd"
LS21 = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
LS22 = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"
VP = "chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"
PAGE = '<html lang="vi"><body><article class="md-content__inner md-typeset">{}</article></body></html>'


@pytest.fixture(scope="module")
def registry():
    result = load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements")
    assert result.problems == []
    return result.registry


def words_of(registry, record_id: str) -> set[str]:
    return set(record_search_words(registry.by_id[record_id], registry))


def has_phrase(words: set[str], phrase: str) -> bool:
    """What the browser asks for a phrase: every adjacent pair, joined by 'qq'."""
    parts = phrase.split()
    return all(f"{a}qq{b}" in words for a, b in zip(parts, parts[1:], strict=False)) and set(parts) <= words


@pytest.mark.parametrize("text, expected", [
    ("Đảng đoàn HĐND", ["dang", "doan", "hdnd"]),
    ("Lạng Sơn", ["lang", "son"]),
    ("Ủy ban MTTQ Việt Nam", ["uy", "ban", "mttq", "viet", "nam"]),
    ("Uỷ ban nhân dân", ["uy", "ban", "nhan", "dan"]),
])
def test_words_are_folded_like_the_query(text, expected):
    words = search_words([text])
    assert words[: len(expected)] == expected
    assert all(word == fold(word) and word.isascii() for word in words)


@pytest.mark.parametrize("short, full", [
    ("HĐND", "hoi dong nhan dan"),
    ("UBND", "uy ban nhan dan"),
    ("Ủy ban MTTQ", "uy ban mat tran to quoc"),
    ("Đoàn ĐBQH", "doan dai bieu quoc hoi"),
    ("BCS đảng UBND", "ban can su dang uy ban nhan dan"),
])
def test_abbreviations_are_written_out(short, full):
    assert has_phrase(set(search_words([short])), full)


@pytest.mark.parametrize("full, short", [
    ("Hội đồng nhân dân tỉnh", "hdnd tinh"),
    ("Đoàn đại biểu Quốc hội", "doan dbqh"),
    ("Mặt trận Tổ quốc Việt Nam", "mttq"),
])
def test_full_names_get_their_abbreviation(full, short):
    assert has_phrase(set(search_words([full])), short)


def test_pairs_never_extend_a_word():
    # "số chỉ" must not index "sochi": the query word "soc" would find it.
    words = search_words(["số chỉ"])
    assert "soqqchi" in words and not any(w.startswith("soc") for w in words)


def test_record_words_cover_parties_provinces_numbers(registry):
    bn24 = words_of(registry, BN24)
    for phrase in ("dang doan hdnd", "dang doan hoi dong nhan dan", "ban can su dang", "bcs dang ubnd", "bac ninh"):
        assert has_phrase(bn24, phrase), phrase
    ls21 = words_of(registry, LS21)
    assert {"794/qcph-tthdnd-ubnd-bttubmttq", "794", "qcph", "tthdnd"} <= ls21
    assert has_phrase(ls21, "lang son") and has_phrase(ls21, "thuong truc hoi dong nhan dan")
    assert not has_phrase(ls21, "dang doan")


def test_record_words_name_the_current_province(registry):
    # Signed before the 2025 merger: the former unit and the current one are both searchable.
    assert has_phrase(words_of(registry, BN24), "bac ninh")
    assert not has_phrase(words_of(registry, VP), "phu tho tinh")  # the province is unknown: no guess


def test_filters_and_meta_keep_diacritics(registry):
    ls22 = registry.by_id[LS22]
    filters = record_filters(ls22, registry)
    assert tuple(filters) == FILTER_KEYS
    assert filters["tinh"] == ["Lạng Sơn"] and filters["so-ben"] == ["4 bên"] and filters["nam"] == ["2022"]
    assert filters["co-quan"] == ["Đoàn ĐBQH", "TT HĐND", "UBND", "BTT UBMTTQ"]
    meta = record_meta(ls22, registry)
    assert meta["title"] == ls22.title and meta["tinh"] == "Lạng Sơn"  # signed before 2025, never merged
    assert (meta["nhiem-ky"], meta["ngay-ky"]) == ("2021–2026", "06/05/2022")
    assert meta["tom-tat"].startswith("Bốn cơ quan của tỉnh Lạng Sơn")


def test_unknown_province_is_said_not_guessed(registry):
    vp = registry.by_id[VP]
    assert record_filters(vp, registry)["tinh"] == ["Chưa rõ tỉnh"]
    assert record_filters(registry.by_id[BN24], registry)["tinh"] == ["Bắc Ninh"]  # former and current share the name
    assert record_meta(vp, registry)["tinh"] == "Chưa rõ tỉnh"
    assert "nhiem-ky" not in record_meta(vp, registry)  # no term: nothing shown, not "nhiệm kỳ Chưa rõ"
    # A unit the 2025 merger changed is named as on its record page, with its successor.
    assert record_meta(registry.by_id[BN24], registry)["tinh"] == "tỉnh Bắc Ninh (cũ), nay thuộc thành phố Bắc Ninh"


def test_hidden_block_escapes_values():
    block = hidden_block(["x"], {"tinh": ['"><script>alert(1)</script>']}, {"title": "A & B"})
    assert "<script>" not in block and "&quot;&gt;&lt;script&gt;" in block
    assert 'data-pagefind-meta="title:A &amp; B"' in block
    assert block.startswith("<div hidden>") and block.endswith(f"x {SENTINEL}</p></div>")


def test_block_goes_first_inside_the_pagefind_body():
    page = '<main><article class="qc-record" data-pagefind-body><h1>T</h1></article></main>'
    assert with_search_block(page, "<b>B</b>") == (
        '<main><article class="qc-record" data-pagefind-body><b>B</b><h1>T</h1></article></main>')


def test_page_without_body_gets_it_on_materials_article():
    out = with_search_block(PAGE.format("<h1>T</h1>"), "<b>B</b>")
    assert 'class="md-content__inner md-typeset" data-pagefind-body><b>B</b><h1>T</h1>' in out
    with pytest.raises(ValueError):
        with_search_block("<html><body>nothing</body></html>", "<b>B</b>")


def test_agreement_pages_render_the_filters_and_metadata_of_record_filters(registry):
    """One source for what search filters on and shows: the page renders record_filters/record_meta."""
    from registry.site import pages as site

    pages = {p.uri: p.content for p in site.build_pages(registry, repo_url="https://example.org/r", edit_uri="edit/main/")}
    page = pages[f"quy-che/{LS22}.md"]
    for key, values in record_filters(registry.by_id[LS22], registry).items():
        for value in values:
            assert f'<span data-pagefind-filter="{key}">{value}</span>' in page
    assert '<span data-pagefind-filter="so-ben">4 bên</span>' in page
    assert '<span data-pagefind-meta="tom-tat">' in page


def test_hand_written_page_gets_its_folded_text():
    out = doc_page_html(PAGE.format("<h1>Đóng góp</h1><p>Đoàn ĐBQH</p><script>var x;</script>"))
    # The title's words (and their pair) weigh more; the rest of the text follows, each word once.
    assert f'<p data-pagefind-weight="{search.KEY_WEIGHT}">dongz gopz dongqqgopz</p>' in out
    hidden = out.split("<p>")[1]
    assert hidden.startswith("doanz dbqhz") and "dongz" not in hidden and "var" not in hidden  # whole syllables, marked
    assert 'data-pagefind-filter="loai:trang"' in out


# --- whole syllables, facet tokens and the facts table -------------------------------------


def _titled(registry, fragment: str):
    (agreement,) = [a for a in registry.agreements if fragment in a.title]
    return agreement


def test_index_words_are_whole_syllables_with_facet_tokens(registry):
    ls22 = _titled(registry, "Đoàn ĐBQH, Thường trực HĐND, UBND và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn")
    key, rest = search.record_index_words(ls22, registry)
    words = key + rest
    assert all(w.endswith(search.MARK) for w in words)  # every indexed word is a whole syllable, marked
    assert {"langz", "sonz", "langqqsonz", "dbqhz", "qqtlangsonz", "qqn2022z", "qqk20212026z", "qqb4benz"} <= set(words)
    assert {"langz", "qqtlangsonz"} <= set(key)  # the province names the record: weighted
    assert len(words) == len(set(words))


def test_a_former_province_record_ranks_under_its_successor_by_weight(registry):
    # Signed in Bắc Ninh before 2025: the current unit has the same name, one token, weighted.
    bn24 = _titled(registry, "Đảng đoàn HĐND tỉnh và Ban cán sự đảng UBND tỉnh Bắc Ninh")
    key, rest = search.record_index_words(bn24, registry)
    assert "qqtbacninhz" in key and "qqtbacninhz" not in rest


def test_facts_read_provinces_parties_terms_and_counts(registry):
    facts = search.search_facts(registry)
    assert facts["provinces"]["tp hcm"] == facts["provinces"]["sai gon"] == "Hồ Chí Minh"
    assert facts["provinces"]["ha nam"] == "Hà Nam" and facts["provinces"]["ninh binh"] == "Ninh Bình"
    assert {"HĐND", "TT HĐND", "Đảng đoàn HĐND", "VP Đoàn ĐBQH và HĐND"} <= set(facts["parties"]["hdnd"])
    assert facts["parties"]["doan dai bieu quoc hoi"] == ["VP Đoàn ĐBQH và HĐND", "Đoàn ĐBQH"]
    assert "BCS đảng UBND" not in facts["parties"]["dang uy"]  # not inside "ban cán sự đảng ủy ban"
    assert "bo" not in facts["parties"]  # "Bộ" is one common syllable ("bổ sung"), not a facet
    assert facts["partyLabels"]["hdnd"] == "HĐND"
    assert facts["terms"]["2021 2026"] == "2021-2026"
    assert facts["counts"]["bon ben"] == facts["counts"]["4 ben"] == "4 bên"


def test_record_page_is_indexed_without_its_visible_text(registry):
    from registry.site import pages as site

    ls22 = _titled(registry, "Đoàn ĐBQH, Thường trực HĐND, UBND và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn")
    pages = {p.uri: p.content for p in site.build_pages(registry, repo_url="https://example.org/r", edit_uri="edit/main/")}
    indexed = search.record_page_html(pages[f"quy-che/{ls22.id}.md"], ls22, registry)
    assert 'data-pagefind-meta="tom-tat"' in indexed and 'data-pagefind-filter="loai:quy-che"' in indexed
    assert f'data-pagefind-weight="{search.KEY_WEIGHT}"' in indexed
    assert "<dl" not in indexed  # the facts table a reader sees is not indexed (its words are unmarked)
