"""The five seed news items, entered as records, state what the sources say — and no more."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.records.loader import load_registry

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def registry():
    result = load_registry(ROOT / "tests" / "cases" / "seed-registry" / "agreements")
    assert result.problems == []
    return result.registry


def uncertain(agreement) -> dict[str, str]:
    return {field: entry["reason"] for field, entry in agreement.uncertain_fields.items()}


def test_seed_000_bac_ninh_party_groups(registry):
    a = registry.by_id["bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd"]
    assert (a.data["signed"], a.data["term"], a.parties) == ("XXXX-01-25", "2021-2026", ["dang-doan-hdnd", "bcs-dang-ubnd"])
    assert a.province_unit.key == "truoc-2025/bac-ninh"
    assert [s["name"] for s in a.data["signatories"]] == ["Nguyễn Quốc Chung", "Nguyễn Hương Giang"]
    assert uncertain(a)["signed"] == "nam-suy-luan"  # the text says only "Chiều 25/01"
    assert a.data["number"] is None and "structure" not in a.data


def test_seed_001_is_three_agreements_with_their_own_structure(registry):
    found = {a.id: a for a in registry.agreements if a.id.startswith("thai-nguyen/xxxx-10-14-")}
    structure = {a.id: (a.data["structure"]["chapters"], a.data["structure"]["articles"]) for a in found.values()}
    assert structure == {
        "thai-nguyen/xxxx-10-14-hdnd-ubmttq": (3, 12),
        "thai-nguyen/xxxx-10-14-ubnd-ubmttq": (3, 13),
        "thai-nguyen/xxxx-10-14-doan-dbqh-ubmttq": (3, 11),
    }
    parties = sorted(tuple(a.parties) for a in found.values())
    assert parties == [("doan-dbqh", "ubmttq"), ("hdnd", "ubmttq"), ("ubnd", "ubmttq")]
    for a in found.values():
        assert uncertain(a)["signed"] == "nam-suy-luan"  # "Chiều 14/10": the year is inferred
        assert a.data["term"] == "2021-2026" and "status" not in a.data and a.status == "chua-ro"
        assert a.data["sources"][0]["url"].startswith("http://daidoanket.vn/")


def test_seed_002_lang_son_builds_on_the_2021_agreement(registry):
    new = registry.by_id["lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"]
    old = registry.by_id["lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"]
    assert new.data["structure"] == {"chapters": 3, "articles": 17}
    assert len(new.parties) == 4 and len(old.parties) == 3
    assert old.data["number"] == "794/QCPH-TTHĐND-UBND-BTTUBMTTQ" and old.data["signed"] == "2021-10-05"
    assert [(r.label, r.other.id) for r in registry.relations_of(new)] == [("Xây dựng trên cơ sở", old.id)]
    assert [(r.label, r.other.id) for r in registry.relations_of(old)] == [("Được phát triển thành", new.id)]
    assert {"structure", "topics"} <= set(uncertain(old))  # known only by number and date


def test_seed_003_is_a_review_event_not_a_signing(registry):
    a = registry.by_id["bac-ninh/chua-ro-ngay-bcs-dang-ubnd-ubnd-tt-hdnd-doan-dbqh-ban-tuyen-giao-ban-dan-van-ubkt-ubmttq-doan-the-co-quan-tu-phap"]
    assert a.data["signed"] is None and uncertain(a)["signed"] == "nguon-khong-neu"
    assert [(e["kind"], e["date"]) for e in a.data["events"]] == [("so-ket", "XXXX-01-29")]
    assert a.province_unit.key == "truoc-2025/bac-ninh"  # the term (2021-2026) places it before the merger


def test_seed_004_does_not_guess_the_province(registry):
    a = registry.by_id["chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"]
    assert a.data["province"] is None and a.province_unit is None
    entry = a.uncertain_fields["province"]
    assert (entry["reason"], entry["suggested"]) == ("nguon-khong-neu", "phu-tho")
    assert a.data["sources"][0]["publisher"] == "Báo Phú Thọ"
    assert a.parties == ["vp-tinh-uy", "vp-doan-dbqh-hdnd", "vp-ubnd"]
    assert a.data["term"] is None


def test_the_seeds_make_eight_records(registry):
    assert len(registry) == 8
