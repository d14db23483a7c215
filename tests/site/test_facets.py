"""The facet table: every record is counted where it belongs, former provinces under their
successors, unknown facts in their own group, names in Vietnamese order, every facet declared once."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from registry.records.loader import load_registry
from registry.records.model import Agreement, Registry, reference_date
from registry.records.text import vi_sort_key
from registry.site import facets
from registry.site.facets import (
    COMBINATIONS,
    FACETS,
    FORMER_PROVINCES,
    PARTIES,
    PROVINCES,
    STATUSES,
    TERMS,
    TOPICS,
    UNKNOWN,
    YEARS,
    facet_index,
    groups,
)
from registry.site.urls import facet_json_path, facet_page

ROOT = Path(__file__).resolve().parents[2]
LS_2021 = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
LS_2022 = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"
BN_000 = "bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd"
BN_REVIEW = "bac-ninh/chua-ro-ngay-bcs-dang-ubnd-ubnd-tt-hdnd-doan-dbqh-ban-tuyen-giao-ban-dan-van-ubkt-ubmttq-doan-the-co-quan-tu-phap"
UNKNOWN_004 = "chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"
THAI_NGUYEN = {f"thai-nguyen/xxxx-10-14-{name}" for name in ("doan-dbqh-ubmttq", "hdnd-ubmttq", "ubnd-ubmttq")}


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


def group(found, slug):
    return next(g for g in found if g.slug == slug)


def current_units(registry: Registry):
    return [g for g in groups(registry, PROVINCES) if not g.unknown]


def unknown_province(registry: Registry):
    return facet_index(registry).group(PROVINCES, UNKNOWN).agreements


# --- provinces ---------------------------------------------------------------


def test_all_34_current_units_are_listed_with_counts_including_zero(seeds):
    groups = current_units(seeds)
    assert len(groups) == 34
    counts = {g.slug: g.count for g in groups}
    assert counts["bac-ninh"] == 2 and counts["thai-nguyen"] == 3 and counts["lang-son"] == 2
    assert counts["phu-tho"] == 0 and counts["ha-noi"] == 0
    assert sum(counts.values()) == len(seeds) - 1  # seed 004 has no province


def test_current_units_are_in_vietnamese_order_with_d_stroke_after_d(seeds):
    names = [g.subject.name for g in current_units(seeds)]  # sorted by the bare name: TP. Hồ Chí Minh under H
    assert names == sorted(names, key=vi_sort_key)
    assert group(current_units(seeds), "ho-chi-minh").name == "TP. Hồ Chí Minh"
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert names.index("Đồng Tháp") < names.index("Gia Lai")  # not sorted as "Dong Thap"


def test_unknown_province_is_never_counted_under_the_publishers_province(seeds):
    assert [a.id for a in unknown_province(seeds)] == [UNKNOWN_004]
    assert UNKNOWN_004 not in ids(group(current_units(seeds), "phu-tho"))


def test_former_units_with_records_are_listed_in_vietnamese_order(seeds):
    former = groups(seeds, FORMER_PROVINCES)
    assert [(g.slug, g.count) for g in former if g.count] == [("bac-ninh", 2), ("lang-son", 2), ("thai-nguyen", 3)]
    # Every former unit of the vocabulary has a group (and so a page), in Vietnamese order.
    assert len(former) == len(seeds.vocab.former)
    assert [g.subject.name for g in former] == sorted((g.subject.name for g in former), key=vi_sort_key)


def test_former_bac_giang_records_show_on_the_bac_ninh_page_in_their_own_group(seeds):
    bac_giang = variant(seeds, BN_000, "bac-giang/2023-03-01-x", province="bac-giang", signed="2023-03-01")
    after_merger = variant(seeds, BN_000, "bac-ninh/2025-09-01-x", province="bac-ninh", signed="2025-09-01")
    registry = with_extra(seeds, bac_giang, after_merger)
    bac_ninh = group(current_units(registry), "bac-ninh")
    assert ids(bac_ninh) == {BN_000, BN_REVIEW, bac_giang.id, after_merger.id}
    parts = facets.units_within(registry, bac_ninh)
    # The merged unit first, then the former units in Vietnamese order (Bắc Giang < Bắc Ninh).
    assert [(g.kind, g.slug, g.count) for g in parts] == [
        (PROVINCES, "bac-ninh", 1), (FORMER_PROVINCES, "bac-giang", 1), (FORMER_PROVINCES, "bac-ninh", 2)]


# --- terms and years ------------------------------------------------------------


def test_terms_group_non_standard_spans_under_their_standard_term(seeds):
    written_2021_2025 = variant(seeds, LS_2022, "lang-son/2022-06-01-x", term="2021-2025")
    terms = groups(with_extra(seeds, written_2021_2025), TERMS)
    assert [g.slug for g in terms] == ["2016-2021", "2021-2026", "2026-2031", "chua-ro"]
    assert group(terms, "2021-2026").count == 8
    assert ids(group(terms, "chua-ro")) == {UNKNOWN_004}


def test_years_newest_first_and_unknown_last(seeds):
    years = groups(seeds, YEARS)
    assert [(g.slug, g.count) for g in years] == [("2022", 1), ("2021", 1), ("chua-ro", 6)]
    # a date written without its year (XXXX-MM-DD) is not counted under the suggested year
    assert ids(group(years, "chua-ro")) == {BN_REVIEW, BN_000, UNKNOWN_004} | THAI_NGUYEN


def test_agreements_in_a_group_are_newest_first(seeds):
    term = group(groups(seeds, TERMS), "2021-2026").agreements  # a year-less date sorts by its suggested year
    assert [a.data["signed"] for a in term] == ["XXXX-01-25", "2022-05-06"] + ["XXXX-10-14"] * 3 + ["2021-10-05", None]


# --- parties -------------------------------------------------------------------


def test_every_party_of_the_vocabulary_is_counted(seeds):
    parties = groups(seeds, PARTIES)
    assert len(parties) == len(seeds.vocab.parties)
    counts = {g.slug: g.count for g in parties}
    assert counts["ubmttq"] == 4 and counts["doan-dbqh"] == 3 and counts["tt-hdnd"] == 3
    assert counts["toa-an"] == 0
    assert [g.name for g in parties] == sorted((g.name for g in parties), key=vi_sort_key)


def test_party_combinations_have_order_free_slugs_and_protocol_order_names(seeds):
    combinations = groups(seeds, COMBINATIONS)
    assert len(combinations) == 8  # every seed record has its own combination
    three = group(combinations, "btt-ubmttq--tt-hdnd--ubnd")
    assert three.name == "TT HĐND + UBND + BTT UBMTTQ"
    assert ids(three) == {LS_2021}
    assert facets.combination_slug(["ubnd", "tt-hdnd"]) == facets.combination_slug(["tt-hdnd", "ubnd"])


def test_co_signing_matrix_is_symmetric_and_counts_records(seeds):
    matrix = facets.co_signing_matrix(seeds)
    assert matrix[("ubmttq", "ubnd")] == matrix[("ubnd", "ubmttq")] == 2
    assert matrix[("tt-hdnd", "ubnd")] == 3
    assert ("toa-an", "ubnd") not in matrix


# --- topics, review, latest ------------------------------------------------------


def test_topics_count_records_and_records_without_topics_are_grouped(seeds):
    topics = groups(seeds, TOPICS)
    assert group(topics, "giam-sat").count == 5
    assert group(topics, "kinh-te-xa-hoi").count == 0
    assert ids(group(topics, "chua-ro")) == {LS_2021, BN_REVIEW}


def test_needs_review_lists_only_open_questions(seeds):
    linked = [{**s, "url": "https://example.org/bai"} for s in seeds.by_id[LS_2022].data["sources"]]
    settled = variant(seeds, LS_2022, "lang-son/2022-07-01-x", sources=linked,
                      uncertain=[{"field": "topics", "reason": "nguon-khong-neu"}, {"field": "signed", "reason": "suy-luan"}])
    open_ = variant(seeds, LS_2022, "lang-son/2022-07-02-x", sources=linked,
                    uncertain=[{"field": "number", "reason": "can-kiem-tra"}])
    registry = with_extra(with_extra(seeds, settled), open_)
    listed = {a.id for a in facets.needs_review(registry)}
    assert open_.id in listed and settled.id not in listed  # how a fact was obtained is no open question
    assert not listed & THAI_NGUYEN  # inferred year, linked source: shown on the page, not work to do
    fields = [f for f, _, _ in facets.review_fields(registry.by_id[UNKNOWN_004])]
    assert "province" in fields and "signed" in fields


def test_missing_signing_date_without_an_uncertain_entry_still_needs_review(seeds):
    silent = variant(seeds, LS_2022, "lang-son/2022-08-01-x", uncertain=[], signed=None)
    assert facets.review_fields(silent) == [("signed", None, None)]


def test_latest_additions_by_added_then_signed(seeds):
    newer = variant(seeds, LS_2021, "lang-son/2021-01-01-x", added="2026-12-01")
    latest = facets.latest_additions(with_extra(seeds, newer), limit=3)
    assert [a.id for a in latest] == [newer.id, UNKNOWN_004, BN_000]


def test_every_record_is_in_exactly_one_group_of_each_single_valued_facet(seeds):
    for kind in (PROVINCES, TERMS, YEARS, COMBINATIONS, STATUSES):
        assert sum(g.count for g in groups(seeds, kind)) == len(seeds), kind
    assert UNKNOWN_004 in ids(group(groups(seeds, PROVINCES), "chua-ro"))


# --- the table itself -------------------------------------------------------------------


def test_each_facet_is_declared_once_and_lives_in_its_own_folder(seeds):
    kinds = [facet.kind for facet in FACETS]
    assert len(kinds) == len(set(kinds))
    folders = {facet_page(facet.kind, "x") for facet in FACETS if facet.pages}
    assert len(folders) == len([f for f in FACETS if f.pages])


def test_groups_are_computed_once_per_registry(seeds):
    assert facet_index(seeds) is facet_index(seeds)
    assert groups(seeds, TERMS) is groups(seeds, TERMS)


def test_every_record_links_to_groups_that_exist(seeds):
    """A record is listed in a group of every facet that keys it, and that group has a page."""
    index = facet_index(seeds)
    for agreement in seeds.agreements:
        for kind in (PROVINCES, TERMS, YEARS, COMBINATIONS, STATUSES):
            found = index.groups_of(kind, agreement)
            assert len(found) == 1 and agreement in found[0].agreements, (kind, agreement.id)
        assert {g.slug for g in index.groups_of(PARTIES, agreement)} == set(agreement.parties)


def test_empty_groups_exist_only_for_declared_values_of_facets_with_empty_pages(seeds):
    for facet in FACETS:
        declared = {slug for slug, _, _ in facet.declared(seeds)}
        for g in groups(seeds, facet.kind):
            assert g.count or (facet.empty_pages and g.slug in declared), (facet.kind, g.slug)


def test_status_facet_reads_the_derived_status(seeds):
    statuses = {g.slug: ids(g) for g in groups(seeds, STATUSES)}
    for agreement in seeds.agreements:
        assert agreement.id in statuses[agreement.status]


def test_unknown_group_has_its_own_address(seeds):
    assert facet_page(PROVINCES, UNKNOWN) == "tinh-thanh/chua-ro-tinh/"
    assert facet_page(FORMER_PROVINCES, "bac-giang") == "tinh-thanh/truoc-2025/bac-giang/"
    assert facet_json_path(YEARS, UNKNOWN) == "api/v1/nam/chua-ro.json"
