"""Record format v2 in the model: partial dates, party items, derived status, open questions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry.records.loader import load_registry
from registry.records.text import format_partial_date_vi, html_datetime, parse_edtf
from registry.site import facets

CASE = Path(__file__).parents[1] / "cases" / "valid" / "v2-forms" / "agreements"
TAN_BINH = "ho-chi-minh/xxxx-10-06-tt-hdnd-tt-hdnd"
AN_NONG = "thanh-hoa/2026-01-06-dang-uy-ubnd-bao-dai"
NGHE_AN = "nghe-an/2023-02-tt-hdnd-ubnd"
LS_OLD, LS_NEW = "lang-son/2021-10-05-tt-hdnd-ubnd", "lang-son/2024-03-01-tt-hdnd-ubnd"


@pytest.fixture(scope="module")
def registry():
    result = load_registry(CASE, today=dt.date(2026, 11, 23))
    assert result.problems == []
    return result.registry


@pytest.mark.parametrize(("value", "suggested", "shown"), [
    ("2021-10-14", None, "14/10/2021"),
    ("2021-10", None, "10/2021"),
    ("2021", None, "năm 2021"),
    ("XXXX-10-14", None, "14/10, chưa rõ năm"),
    ("XXXX-10-14", "2021", "14/10, chưa rõ năm, có thể năm 2021"),
    (None, None, "chưa rõ"),
])
def test_partial_dates_are_shown_as_stated(value, suggested, shown):
    assert format_partial_date_vi(value, suggested) == shown


def test_impossible_days_are_not_dates_but_29_february_without_a_year_is():
    assert parse_edtf("2021-06-31") is None and parse_edtf("XXXX-06-31") is None
    assert parse_edtf("2021-02-29") is None and parse_edtf("XXXX-02-29") is not None
    assert html_datetime("XXXX-10-14") == "10-14" and html_datetime("2021-10") == "2021-10"


def test_a_date_without_a_year_keeps_its_year_unknown_but_sorts_by_the_suggested_one(registry):
    tan_binh = registry.by_id[TAN_BINH]
    assert tan_binh.year is None and tan_binh.suggested_year == 2021
    assert tan_binh.signed_text == "06/10, chưa rõ năm, có thể năm 2021"
    order = [a.id for a in registry.newest_first()]
    assert order.index(LS_NEW) < order.index(TAN_BINH) < order.index(LS_OLD)  # 2024 > 06/10/2021 > 05/10/2021
    years = {g.slug: {a.id for a in g.agreements} for g in facets.groups(registry, facets.YEARS)}
    assert TAN_BINH in years[facets.UNKNOWN] and TAN_BINH not in years.get("2021", set())
    assert NGHE_AN in years["2023"]


def test_party_items_keep_level_count_unit_and_names_outside_the_vocabulary(registry):
    assert registry.party_labels(registry.by_id[TAN_BINH]) == [
        "Thường trực Hội đồng nhân dân", "Thường trực Hội đồng nhân dân 15 phường"]
    an_nong = registry.by_id[AN_NONG]
    assert an_nong.parties == ["dang-uy", "ubnd", "bao-dai"]  # codes once each; named-only bodies have none
    assert an_nong.named_only_parties == ["Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa"]
    assert registry.party_labels(an_nong)[2] == "Báo và Phát thanh, Truyền hình Thanh Hóa"


def test_status_is_derived_from_relations_and_sources_never_assumed(registry):
    old, new = registry.by_id[LS_OLD], registry.by_id[LS_NEW]
    assert old.status == "bi-thay-the" and registry.status_basis(old) is new
    assert new.status == "chua-ro" and registry.status_basis(new) is None
    an_nong = registry.by_id[AN_NONG]
    assert an_nong.status == "con-hieu-luc" and registry.status_source(an_nong)["url"] == "https://example.org/an-nong"
    assert registry.by_id[TAN_BINH].status == "chua-ro"


def test_a_relation_to_a_document_outside_the_registry_is_kept(registry):
    relation = registry.relations_of(registry.by_id[AN_NONG])[0]
    assert relation.other is None and relation.document["number"] == "06/QC-TT.HĐND-UBND"


def test_only_open_questions_put_a_record_on_the_review_list(registry):
    listed = {a.id for a in facets.needs_review(registry)}
    # an inferred year (Tân Bình) and 'topics: nguồn không nêu' (Nghệ An) are no open question;
    # a body outside the vocabulary is (An Nông)
    assert listed == {AN_NONG}
    assert registry.by_id[AN_NONG].open_questions == [
        ("parties", "ngoai-danh-muc", "Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa")]
