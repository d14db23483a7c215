"""Open data you can click: the Frictionless Data Package of the CSV tables (validated by the
`frictionless` package), and the open-data page's download links with their sizes."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from frictionless import validate

from registry.exports import write_open_data
from registry.exports.csv_export import CSV_COLUMNS, PARTY_CSV_COLUMNS
from registry.exports.downloads import fill_download_sizes, listed_downloads, size_text
from registry.records.loader import load_registry

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
SITE_URL = "https://quychephoihop.github.io/"
GENERATED_AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
HOSTILE = '=HYPERLINK("http://x","y"), "quoted"\nand a line break'


@pytest.fixture(scope="module")
def open_data(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("open-data")
    write_open_data(load_registry(SEEDS).registry, site, SITE_URL, GENERATED_AT)
    return site


def package(site: Path) -> dict:
    return json.loads((site / "api" / "v1" / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_package_and_both_tables(open_data):
    report = validate(str(open_data / "api" / "v1" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert [task.name for task in report.tasks] == ["quy-che", "quy-che-co-quan"]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    records = len(load_registry(SEEDS).registry)
    assert rows["quy-che"] == records
    assert rows["quy-che-co-quan"] > records  # every record has two or more parties


def test_schema_follows_the_csv_columns_and_says_what_they_hold(open_data):
    resources = {r["name"]: r for r in package(open_data)["resources"]}
    assert [f["name"] for f in resources["quy-che"]["schema"]["fields"]] == list(CSV_COLUMNS)
    assert [f["name"] for f in resources["quy-che-co-quan"]["schema"]["fields"]] == list(PARTY_CSV_COLUMNS)
    types = {f["name"]: f["type"] for f in resources["quy-che"]["schema"]["fields"]}
    assert (types["added"], types["chapters"], types["signed"]) == ("date", "integer", "string")  # signed is EDTF
    assert all(f["title"] for r in resources.values() for f in r["schema"]["fields"])
    assert resources["quy-che"]["schema"]["primaryKey"] == ["id"]
    assert resources["quy-che-co-quan"]["schema"]["foreignKeys"] == [
        {"fields": ["agreement_id"], "reference": {"resource": "quy-che", "fields": ["id"]}}]
    assert package(open_data)["licenses"][0]["name"] == "CC-BY-4.0"


def test_sizes_and_hashes_are_the_published_files(open_data):
    for resource in package(open_data)["resources"]:
        data = (open_data / "api" / "v1" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


def test_frictionless_catches_a_table_that_breaks_its_schema(open_data, tmp_path):
    """The validation is real: a wrong type and a dangling foreign key are reported."""
    api = tmp_path / "api"
    for name in ("datapackage.json", "quy-che.csv", "quy-che-co-quan.csv"):
        (api / name).parent.mkdir(parents=True, exist_ok=True)
        (api / name).write_bytes((open_data / "api" / "v1" / name).read_bytes())
    meta = json.loads((api / "datapackage.json").read_text(encoding="utf-8"))
    for resource in meta["resources"]:
        del resource["bytes"], resource["hash"]
    (api / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    with (api / "quy-che.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["chapters"] = "ba"
    rows[0]["title"] = HOSTILE
    with (api / "quy-che.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows[1:] + rows[:1])
    with (api / "quy-che-co-quan.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("khong-co/ban-ghi,ubnd,Ủy ban nhân dân,UBND\r\n")
    report = validate(str(api / "datapackage.json"))
    errors = {row[0] for row in report.flatten(["type"])}
    assert not report.valid
    assert {"type-error", "foreign-key"} <= errors, errors


def test_size_text_is_vietnamese():
    assert [size_text(n) for n in (850, 12_700, 3_250_000, 150 * 1024)] == ["850 byte", "12,4 KB", "3,1 MB", "150 KB"]


def test_fill_refuses_a_link_to_a_missing_file(tmp_path):
    page = tmp_path / "du-lieu-mo" / "index.html"
    page.parent.mkdir()
    page.write_text('<span class="qc-size" data-qc-size="api/v1/khong-co.csv"></span>', encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="khong-co.csv"):
        fill_download_sizes(tmp_path)


def test_open_data_page_links_every_download_with_its_size(built_site):
    """The built page: each download is a real link to a real file, with the file's size beside it."""
    html = (built_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    listed = listed_downloads(html)
    assert {"api/v1/quy-che.csv", "api/v1/quy-che-co-quan.csv", "api/v1/quy-che.json",
            "api/v1/datapackage.json", "api/v1/agreement.schema.json", "feeds/quy-che-moi.xml"} <= set(listed)
    for path in listed:
        size = size_text((built_site / path).stat().st_size)
        row = re.search(r'<tr>(?:(?!</tr>).)*data-qc-size="' + re.escape(path) + r'"(?:(?!</tr>).)*</tr>', html, re.S)
        assert row, path
        assert f'href="../{path}"' in row.group(0), path
        assert f">{size}</span>" in row.group(0), (path, size)
    assert validate(str(built_site / "api" / "v1" / "datapackage.json")).valid
