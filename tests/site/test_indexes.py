"""Facet indexes: every record is counted where it belongs, former provinces under their
successors, unknown facts in their own group, names in Vietnamese order."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from registry.records.loader import load_registry
from registry.records.model import Agreement, Registry, reference_date
from registry.records.text import vi_sort_key
from registry.site import indexes

ROOT = Path(__file__).resolve().parents[2]
LS_2021 = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
LS_2022 = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"
BN_000 = "bac-ninh/2024-01-25-dang-doan-hdnd-bcs-dang-ubnd"
BN_REVIEW = "bac-ninh/nhiem-ky-2021-2026-bcs-dang-ubnd-ubnd-cac-co-quan"
UNKNOWN_004 = "chua-ro-tinh/2025-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"
THAI_NGUYEN = {f"thai-nguyen/2021-10-14-{name}" for name in ("doan-dbqh-ubmttq", "hdnd-ubmttq", "ubnd-ubmttq")}


@pytest.fixture(scope="module")
def seeds() -> Registry:
    result = load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements")
    assert result.problems == []
    return result.registry


def variant(registry: Registry, base_id: str, new_id: str, **changes) -> Agreement:
    """A copy of a seed record under another id with some front matter changed."""
    data = {**copy.deepcopy(registry.by_id[base_id].data), **changes}
    data.pop("relations", None)
    agreement = Agreement(new_id, f"agreements/{new_id}.md", data, "Tóm tắt.")
    agreement.province_unit = registry.vocab.province_at(data.get("province"), reference_date(data))
    return agreement


def with_extra(registry: Registry, *extra: Agreement) -> Registry:
    return Registry([*copy.copy(registry.agreements), *extra], registry.vocab)


def ids(group) -> set[str]:
    return {a.id for a in group.agreements}


def group(groups, slug):
    return next(g for g in groups if g.slug == slug)


# --- provinces ---------------------------------------------------------------


def test_all_34_current_units_are_listed_with_counts_including_zero(seeds):
    groups = indexes.by_current_province(seeds)
    assert len(groups) == 34
    counts = {g.slug: g.count for g in groups}
    assert counts["bac-ninh"] == 2 and counts["thai-nguyen"] == 3 and counts["lang-son"] == 2
    assert counts["phu-tho"] == 0 and counts["ha-noi"] == 0
    assert sum(counts.values()) == len(seeds) - 1  # seed 004 has no province


def test_current_units_are_in_vietnamese_order_with_d_stroke_after_d(seeds):
    names = [g.name for g in indexes.by_current_province(seeds)]
    assert names == sorted(names, key=vi_sort_key)
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert names.index("Đồng Tháp") < names.index("Gia Lai")  # not sorted as "Dong Thap"


def test_unknown_province_is_never_counted_under_the_publishers_province(seeds):
    assert [a.id for a in indexes.unknown_province(seeds)] == [UNKNOWN_004]
    assert UNKNOWN_004 not in ids(group(indexes.by_current_province(seeds), "phu-tho"))


def test_former_units_with_records_are_listed_in_vietnamese_order(seeds):
    groups = indexes.by_former_province(seeds)
    assert [(g.slug, g.count) for g in groups] == [("bac-ninh", 2), ("lang-son", 2), ("thai-nguyen", 3)]


def test_former_bac_giang_records_show_on_the_bac_ninh_page_in_their_own_group(seeds):
    bac_giang = variant(seeds, BN_000, "bac-giang/2023-03-01-x", province="bac-giang", signed="2023-03-01")
    after_merger = variant(seeds, BN_000, "bac-ninh/2025-09-01-x", province="bac-ninh", signed="2025-09-01")
    registry = with_extra(seeds, bac_giang, after_merger)
    bac_ninh = group(indexes.by_current_province(registry), "bac-ninh")
    assert ids(bac_ninh) == {BN_000, BN_REVIEW, bac_giang.id, after_merger.id}
    parts = indexes.units_within(registry, registry.vocab.current["bac-ninh"], bac_ninh.agreements)
    # The merged unit first, then the former units in Vietnamese order (Bắc Giang < Bắc Ninh).
    assert [(g.slug, g.count) for g in parts] == [("bac-ninh", 1), ("truoc-2025/bac-giang", 1), ("truoc-2025/bac-ninh", 2)]


# --- terms and years ------------------------------------------------------------


def test_terms_group_non_standard_spans_under_their_standard_term(seeds):
    written_2021_2025 = variant(seeds, LS_2022, "lang-son/2022-06-01-x", term="2021-2025")
    groups = indexes.by_term(with_extra(seeds, written_2021_2025))
    assert [g.slug for g in groups] == ["2016-2021", "2021-2026", "2026-2031", "chua-ro"]
    assert group(groups, "2021-2026").count == 8
    assert ids(group(groups, "chua-ro")) == {UNKNOWN_004}


def test_years_newest_first_and_unknown_last(seeds):
    groups = indexes.by_year(seeds)
    assert [(g.slug, g.count) for g in groups] == [("2025", 1), ("2024", 1), ("2022", 1), ("2021", 4), ("chua-ro", 1)]
    assert ids(group(groups, "chua-ro")) == {BN_REVIEW}


def test_agreements_in_a_group_are_newest_first(seeds):
    year_2021 = group(indexes.by_year(seeds), "2021").agreements
    assert [a.data["signed"] for a in year_2021] == ["2021-10-14"] * 3 + ["2021-10-05"]


# --- parties -------------------------------------------------------------------


def test_every_party_of_the_vocabulary_is_counted(seeds):
    groups = indexes.by_party(seeds)
    assert len(groups) == len(seeds.vocab.parties)
    counts = {g.slug: g.count for g in groups}
    assert counts["ubmttq"] == 4 and counts["doan-dbqh"] == 3 and counts["tt-hdnd"] == 3
    assert counts["toa-an"] == 0
    assert [g.name for g in groups] == sorted((g.name for g in groups), key=vi_sort_key)


def test_party_combinations_have_order_free_slugs_and_protocol_order_names(seeds):
    groups = indexes.by_party_combination(seeds)
    assert len(groups) == 8  # every seed record has its own combination
    three = group(groups, "btt-ubmttq--tt-hdnd--ubnd")
    assert three.name == "TT HĐND + UBND + BTT UBMTTQ"
    assert ids(three) == {LS_2021}
    assert indexes.combination_slug(["ubnd", "tt-hdnd"]) == indexes.combination_slug(["tt-hdnd", "ubnd"])


def test_co_signing_matrix_is_symmetric_and_counts_records(seeds):
    matrix = indexes.co_signing_matrix(seeds)
    assert matrix[("ubmttq", "ubnd")] == matrix[("ubnd", "ubmttq")] == 2
    assert matrix[("tt-hdnd", "ubnd")] == 3
    assert ("toa-an", "ubnd") not in matrix


# --- topics, review, latest ------------------------------------------------------


def test_topics_count_records_and_records_without_topics_are_grouped(seeds):
    groups = indexes.by_topic(seeds)
    assert group(groups, "giam-sat").count == 5
    assert group(groups, "kinh-te-xa-hoi").count == 0
    assert ids(group(groups, "chua-ro")) == {LS_2021, BN_REVIEW}


def test_needs_review_lists_uncertain_or_missing_facts(seeds):
    certain = variant(seeds, LS_2022, "lang-son/2022-07-01-x", uncertain=[])
    registry = with_extra(seeds, certain)
    listed = {a.id for a in indexes.needs_review(registry)}
    assert listed == set(seeds.by_id)  # every seed has something to check, the certain copy nothing
    fields = [f for f, _, _ in indexes.review_fields(registry.by_id[UNKNOWN_004])]
    assert "province" in fields and "signed" in fields


def test_missing_signing_date_without_an_uncertain_entry_still_needs_review(seeds):
    silent = variant(seeds, LS_2022, "lang-son/2022-08-01-x", uncertain=[], signed=None)
    assert indexes.review_fields(silent) == [("signed", None, None)]


def test_latest_additions_by_added_then_signed(seeds):
    newer = variant(seeds, LS_2021, "lang-son/2021-01-01-x", added="2026-12-01")
    latest = indexes.latest_additions(with_extra(seeds, newer), limit=3)
    assert [a.id for a in latest] == [newer.id, UNKNOWN_004, BN_000]


def test_every_record_is_in_exactly_one_group_of_each_single_valued_facet(seeds):
    for facet in (indexes.by_term, indexes.by_year, indexes.by_party_combination):
        assert sum(g.count for g in facet(seeds)) == len(seeds)
    provinces = sum(g.count for g in indexes.by_current_province(seeds)) + len(indexes.unknown_province(seeds))
    assert provinces == len(seeds)
