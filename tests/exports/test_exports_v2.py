"""Open data for record format v2: EDTF dates as written, derived status with its basis, party items."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from registry.exports import EXTRA_KEYS, write_open_data
from registry.records.loader import load_registry
from registry.records.schema import load_schema

CASE = Path(__file__).parents[1] / "cases" / "valid" / "v2-forms" / "agreements"
SITE_URL = "https://quychephoihop.github.io/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    registry = load_registry(CASE, today=dt.date(2026, 11, 23)).registry
    folder = tmp_path_factory.mktemp("v2-site")
    (folder / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', encoding="utf-8")
    write_open_data(registry, folder, SITE_URL, dt.datetime(2026, 11, 23, tzinfo=dt.UTC), html_pages=["index.html"])
    return folder


def record(site: Path, record_id: str) -> dict:
    return json.loads((site / "api" / "v1" / "quy-che" / f"{record_id}.json").read_text(encoding="utf-8"))


def csv_rows(site: Path, name: str) -> list[dict]:
    path = next(site.rglob(name))
    return list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))


def test_dates_without_a_year_are_exported_as_written_with_the_suggested_year_apart(site):
    data = record(site, "ho-chi-minh/xxxx-10-06-tt-hdnd-tt-hdnd")
    assert data["signed"] == "XXXX-10-06" and data["events"][0]["date"] == "XXXX-10-06"
    assert data["resolved"]["signed_year_suggested"] == 2021
    assert data["resolved"]["signed_text"] == "06/10, chưa rõ năm, có thể năm 2021"
    row = next(r for r in csv_rows(site, "quy-che.csv") if r["id"] == "ho-chi-minh/xxxx-10-06-tt-hdnd-tt-hdnd")
    assert row["signed"] == "XXXX-10-06" and row["signed_year_suggested"] == "2021"
    assert record(site, "nghe-an/2023-02-tt-hdnd-ubnd")["signed"] == "2023-02"


def test_derived_status_and_its_basis_are_exported(site):
    old = record(site, "lang-son/2021-10-05-tt-hdnd-ubnd")
    assert old["status"] is None  # the record itself says nothing
    assert old["resolved"]["status"] == "bi-thay-the"
    assert old["resolved"]["status_basis"]["record"] == "lang-son/2024-03-01-tt-hdnd-ubnd"
    rows = {r["id"]: r for r in csv_rows(site, "quy-che.csv")}
    assert rows["lang-son/2021-10-05-tt-hdnd-ubnd"]["status"] == "bi-thay-the"
    assert rows["lang-son/2021-10-05-tt-hdnd-ubnd"]["status_basis"] == "lang-son/2024-03-01-tt-hdnd-ubnd"
    assert rows["thanh-hoa/2026-01-06-dang-uy-ubnd-bao-dai"]["status"] == "con-hieu-luc"
    assert rows["thanh-hoa/2026-01-06-dang-uy-ubnd-bao-dai"]["status_basis"] == "nguon 1"


def test_party_items_and_bodies_outside_the_vocabulary_are_exported(site):
    rows = [r for r in csv_rows(site, "quy-che-co-quan.csv") if r["agreement_id"] == "thanh-hoa/2026-01-06-dang-uy-ubnd-bao-dai"]
    assert [r["party_code"] for r in rows] == ["dang-uy", "ubnd", "bao-dai", ""]
    assert rows[3]["party_name"] == "Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa"
    items = record(site, "ho-chi-minh/xxxx-10-06-tt-hdnd-tt-hdnd")["resolved"]["party_items"]
    assert items[1] == {"party": "tt-hdnd", "name": None, "level": "xa", "unit": "15 phường", "count": 15,
                        "label": "Thường trực Hội đồng nhân dân 15 phường", "short": "TT HĐND"}


def test_exported_v2_records_still_match_the_schema(site):
    validator = jsonschema.Draft202012Validator(load_schema())
    for path in (site / "api" / "v1" / "quy-che").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        front = {k: v for k, v in data.items() if k not in EXTRA_KEYS}
        assert list(validator.iter_errors(front)) == [], path
