"""Open data exports (registry.exports): JSON API, schema, CSV, Atom, redirects, sitemap.

Builds into tmp_path from the seed registry and from a small hostile registry
(titles with commas, quotes, line breaks, '<' and '&'; a record with former_ids).
No MkDocs: a few HTML files and a sitemap stand in for what MkDocs would write.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from registry.exports import (
    CSV_COLUMNS,
    EXTRA_KEYS,
    PARTY_CSV_COLUMNS,
    redirects,
    write_open_data,
)
from registry.exports.csv_export import agreement_row
from registry.exports.records import ExportContext
from registry.records.loader import agreement_files, load_registry
from registry.records.schema import SCHEMA_PATH, load_schema
from registry.site.facets import combination_slug
from registry.site.urls import SiteUrls, feed_links

REPO = Path(__file__).parents[2]
SEEDS = REPO / "tests" / "cases" / "seed-registry" / "agreements"
SITE_URL = "https://quychephoihop.github.io/"
GENERATED_AT = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Pages MkDocs would have built and listed in its own sitemap.
MKDOCS_PAGES = ["", "gioi-thieu/", "du-lieu-mo/"]

HOSTILE_TITLES = {
    "lang-son/2022-01-10-dau-phay": 'Quy chế phối hợp "đặc biệt", giữa HĐND & UBND <tỉnh> Lạng Sơn',
    "lang-son/2022-02-11-xuong-dong": "Quy chế phối hợp, dòng một\ndòng hai có dấu \"ngoặc kép\" và 'nháy đơn' & <b>thẻ</b>",
    "lang-son/2023-03-12-ten-moi": "Quy chế phối hợp có mã cũ; dấu chấm phẩy, và dấu ] [ ngoặc",
}
FORMER_ID = "lang-son/ten-cu-cua-quy-che"


def _hostile_file(title: str, signed: str, parties: list[str], extra: str = "") -> str:
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        "number: null\nprovince: lang-son\nlevel: tinh\n"
        f"signed: {signed}\nterm: 2021-2026\nparties: [{', '.join(parties)}]\nstatus: chua-ro\n"
        "sources:\n  - publisher: Báo Lạng Sơn\n    title: Tin thử nghiệm\n    url: https://example.org/a?b=1&c=2\n"
        f"{extra}added: 2026-01-02\n---\nTóm tắt có ký tự <đặc biệt> & \"ngoặc\".\n"
    )


@pytest.fixture(scope="module")
def seed_registry():
    result = load_registry(SEEDS)
    assert result.ok, result.problems
    return result.registry


def _fake_mkdocs_output(site: Path, pages: list[str]) -> None:
    """What MkDocs leaves before on_post_build: HTML pages and its own sitemap.xml."""
    for page in pages:
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    urls = "".join(f"<url><loc>{SITE_URL}{page}</loc></url>" for page in MKDOCS_PAGES)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def seed_site(seed_registry, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    _fake_mkdocs_output(site, ["", "gioi-thieu/", "tinh-thanh/bac-ninh/"])
    report = write_open_data(seed_registry, site, SITE_URL, GENERATED_AT)
    return site, report


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "agreements"
    (root / "lang-son").mkdir(parents=True)
    ids = list(HOSTILE_TITLES)
    (root / f"{ids[0]}.md").write_text(_hostile_file(HOSTILE_TITLES[ids[0]], "2022-01-10", ["tt-hdnd", "ubnd"]), encoding="utf-8")
    (root / f"{ids[1]}.md").write_text(_hostile_file(HOSTILE_TITLES[ids[1]], "2022-02-11", ["ubnd", "tt-hdnd"]), encoding="utf-8")
    moved = _hostile_file(HOSTILE_TITLES[ids[2]], "2023-03-12", ["ubmttq", "ubnd"], f"former_ids: [{FORMER_ID}]\n")
    (root / f"{ids[2]}.md").write_text(moved, encoding="utf-8")
    result = load_registry(root)
    assert result.ok, [str(p) for p in result.problems]
    site = root.parent / "site"
    agreement_pages = [f"quy-che/{record_id}/" for record_id in ids]
    _fake_mkdocs_output(site, ["", *agreement_pages])
    report = write_open_data(result.registry, site, SITE_URL, GENERATED_AT)
    return result.registry, site, report


def read_json(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def read_csv(site: Path, path: str) -> list[dict[str, str]]:
    with open(site / path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def record_files(site: Path) -> list[Path]:
    return sorted((site / "api/v1/quy-che").rglob("*.json"))


def feed_entries(site: Path, path: str) -> list[ET.Element]:
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def entry_page(entry: ET.Element) -> str:
    return next(link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") == "alternate")


# --- counts: nothing is lost ------------------------------------------------------------


def test_every_export_has_every_record(seed_registry, seed_site):
    site, report = seed_site
    files = len(agreement_files(SEEDS))
    assert report.records == files == len(seed_registry)
    everything = read_json(site, "api/v1/quy-che.json")
    assert everything["total"] == len(everything["items"]) == files
    assert len(record_files(site)) == files
    assert len(read_csv(site, "api/v1/quy-che.csv")) == files
    assert len(read_csv(site, "api/v1/quy-che-co-quan.csv")) == sum(len(a.parties) for a in seed_registry.agreements)
    assert len(feed_entries(site, "feeds/quy-che-moi.xml")) == min(50, files)
    assert len(_sitemap_urls(site)) >= files


def test_files_carry_version_and_utc_time(seed_site):
    site, _ = seed_site
    for path in (site / "api/v1").rglob("*.json"):
        if path.name == "agreement.schema.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["schema_version"] and data["generated_at"] == "2026-11-23T08:30:00Z", path
        if "items" in data:
            assert data["total"] == len(data["items"]), path


# --- JSON: the record as the schema says, plus extras ------------------------------------


def test_published_schema_is_the_validator_schema(seed_site):
    site, _ = seed_site
    assert (site / "api/v1/agreement.schema.json").read_bytes() == SCHEMA_PATH.read_bytes()


@pytest.mark.parametrize("which", ["seed", "hostile"])
def test_record_json_minus_extras_validates_against_published_schema(which, seed_site, hostile):
    site = seed_site[0] if which == "seed" else hostile[1]
    schema = json.loads((site / "api/v1/agreement.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in record_files(site):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert set(EXTRA_KEYS) <= set(record)
        assert set(record) - set(EXTRA_KEYS) <= set(load_schema()["properties"])
        front_matter = {k: v for k, v in record.items() if k not in EXTRA_KEYS}
        errors = [e.message for e in validator.iter_errors(front_matter)]
        assert not errors, (path, errors)


def test_record_json_keeps_front_matter_exactly(seed_registry, seed_site):
    site, _ = seed_site
    for agreement in seed_registry.agreements:
        record = read_json(site, f"api/v1/quy-che/{agreement.id}.json")
        for key, value in agreement.data.items():
            assert record[key] == value, (agreement.id, key)
        assert record["id"] == agreement.id
        assert record["summary"] == agreement.summary
        assert record["url"] == f"{SITE_URL}quy-che/{agreement.id}/"
    unknown_province = read_json(site, "api/v1/quy-che/chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd.json")
    assert unknown_province["province"] is None and unknown_province["resolved"]["province"] is None
    assert unknown_province["uncertain"][0] == {
        "field": "province", "reason": "nguon-khong-neu", "suggested": "phu-tho",
        "note": "Bài không nêu tên tỉnh; bài được đăng trên Báo Phú Thọ (tỉnh Phú Thọ sau sắp xếp), nên có thể là Phú Thọ — cần xác minh.",
    }


def test_record_json_resolves_names_successor_and_incoming_relations(seed_site):
    site, _ = seed_site
    record = read_json(site, "api/v1/quy-che/bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd.json")
    resolved = record["resolved"]
    assert resolved["province"]["name"] == "Bắc Ninh" and resolved["province"]["current"] is False
    assert resolved["successor"]["slug"] == "bac-ninh" and resolved["successor"]["current"] is True
    assert [p["short"] for p in resolved["parties"]] == ["Đảng đoàn HĐND", "BCS đảng UBND"]
    older = read_json(site, "api/v1/quy-che/lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq.json")
    incoming = older["resolved"]["incoming_relations"]
    assert [(r["type"], r["source"]) for r in incoming] == [("phat-trien-tu", "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq")]
    assert incoming[0]["label"] == "Được phát triển thành"


def test_json_is_utf8_not_escaped(seed_site):
    site, _ = seed_site
    text = (site / "api/v1/quy-che/lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq.json").read_text(encoding="utf-8")
    assert "Lạng Sơn" in text and "\\u" not in text


# --- facets: totals match the registry -----------------------------------------------------


def test_current_province_includes_former_units(seed_registry, seed_site):
    site, _ = seed_site
    bac_ninh = read_json(site, "api/v1/tinh-thanh/bac-ninh.json")
    former_bac_ninh = read_json(site, "api/v1/tinh-thanh/truoc-2025/bac-ninh.json")
    former_bac_giang = read_json(site, "api/v1/tinh-thanh/truoc-2025/bac-giang.json")
    assert bac_ninh["total"] == former_bac_ninh["total"] + former_bac_giang["total"] == 2
    assert {i["id"] for i in bac_ninh["items"]} == {a.id for a in seed_registry.agreements if a.id.startswith("bac-ninh/")}
    assert set(bac_ninh["facet"]["predecessors"][i]["slug"] for i in range(2)) == {"bac-ninh", "bac-giang"}
    assert former_bac_giang["facet"]["successor"]["slug"] == "bac-ninh"
    assert read_json(site, "api/v1/tinh-thanh/thai-nguyen.json")["total"] == 3


def test_record_without_province_is_in_no_province_file(seed_site):
    site, _ = seed_site
    record_id = "chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"
    assert record_id in {i["id"] for i in read_json(site, "api/v1/quy-che.json")["items"]}
    assert record_id in {row["id"] for row in read_csv(site, "api/v1/quy-che.csv")}
    province_ids = Counter()
    for path in (site / "api/v1/tinh-thanh").glob("*.json"):
        if path.name != "chua-ro-tinh.json":
            province_ids.update(i["id"] for i in json.loads(path.read_text(encoding="utf-8"))["items"])
    assert record_id not in province_ids
    # It is listed where the site lists it: the 'province not known' group.
    assert [i["id"] for i in read_json(site, "api/v1/tinh-thanh/chua-ro-tinh.json")["items"]] == [record_id]
    # Every other record is in exactly one current-province file.
    assert sum(province_ids.values()) == len(record_files(site)) - 1 and set(province_ids.values()) == {1}


def test_facet_totals_match_registry(seed_registry, seed_site):
    site, _ = seed_site
    vocab = seed_registry.vocab
    expected = {
        "co-quan": Counter(code for a in seed_registry.agreements for code in a.parties),
        "to-hop-co-quan": Counter(combination_slug(a.parties) for a in seed_registry.agreements),
        "nhiem-ky": Counter(vocab.standard_term(a.get("term")) or "chua-ro" for a in seed_registry.agreements),
        "chu-de": Counter(code for a in seed_registry.agreements for code in a.get("topics") or ["chua-ro"]),
        "nam": Counter(str(a.year) if a.year else "chua-ro" for a in seed_registry.agreements),
        "tinh-trang": Counter(a.status for a in seed_registry.agreements),
        "cap": Counter(a.data["level"] for a in seed_registry.agreements),
    }
    for kind, counts in expected.items():
        found = {p.stem: json.loads(p.read_text(encoding="utf-8"))["total"] for p in (site / "api/v1" / kind).glob("*.json")}
        assert {code: total for code, total in found.items() if total} == dict(counts), kind
    assert read_json(site, "api/v1/to-hop-co-quan/ubmttq--ubnd.json")["total"] == 1


def test_vocabularies(seed_registry, seed_site):
    site, _ = seed_site
    provinces = read_json(site, "api/v1/danh-muc/tinh-thanh.json")["items"]
    assert len(provinces) == len(seed_registry.vocab.current) + len(seed_registry.vocab.former)
    phu_tho = next(p for p in provinces if p["slug"] == "phu-tho" and p["current"])
    assert set(phu_tho["predecessors"]) == {"phu-tho", "vinh-phuc", "hoa-binh"}
    bac_kan = next(p for p in provinces if p["slug"] == "bac-kan" and not p["current"])
    assert bac_kan["successor"] == "thai-nguyen"
    parties = read_json(site, "api/v1/danh-muc/co-quan.json")["items"]
    assert {p["code"] for p in parties} == set(seed_registry.vocab.parties)
    assert read_json(site, "api/v1/danh-muc/chu-de.json")["total"] == len(seed_registry.vocab.topics)
    terms = {t["code"]: t for t in read_json(site, "api/v1/danh-muc/nhiem-ky.json")["items"]}
    assert terms["2021-2026"]["total"] == 7 and terms["2021-2025"]["standard"] == "2021-2026"


def test_index_lists_every_endpoint(seed_site):
    site, _ = seed_site
    index = read_json(site, "api/v1/index.json")
    listed = {item["path"] for item in index["items"]}
    on_disk = {
        p.relative_to(site).as_posix() for folder in ("api/v1", "feeds") for p in (site / folder).rglob("*")
        if p.is_file() and p.name != "sitemap.xml"  # answers Material's sitemap lookups, not data
    }
    assert listed == on_disk
    assert index["total"] == len(listed)


# --- CSV ---------------------------------------------------------------------------------


def test_csv_has_bom_crlf_and_documented_columns(seed_site):
    site, _ = seed_site
    raw = (site / "api/v1/quy-che.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(CSV_COLUMNS).encode() + b"\r\n")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    party_raw = (site / "api/v1/quy-che-co-quan.csv").read_bytes()
    assert party_raw.startswith(b"\xef\xbb\xbf" + ",".join(PARTY_CSV_COLUMNS).encode() + b"\r\n")


def test_csv_round_trips_values(seed_registry, seed_site):
    site, _ = seed_site
    ctx = ExportContext(seed_registry, SiteUrls(SITE_URL), "")
    rows = read_csv(site, "api/v1/quy-che.csv")
    assert rows == [agreement_row(ctx, a) for a in seed_registry.agreements]
    by_id = {row["id"]: row for row in rows}
    lang_son = by_id["lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"]
    assert lang_son["parties"] == "doan-dbqh; tt-hdnd; ubnd; btt-ubmttq"
    assert lang_son["chapters"] == "3" and lang_son["articles"] == "17" and lang_son["number"] == ""
    assert by_id["bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd"]["successor_name"] == "Bắc Ninh"
    assert by_id["chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-doan-dbqh-hdnd-vp-ubnd"]["province_name"] == ""


def test_csv_round_trips_hostile_titles(hostile):
    _, site, _ = hostile
    titles = {row["id"]: row["title"] for row in read_csv(site, "api/v1/quy-che.csv")}
    assert titles == HOSTILE_TITLES
    party_rows = read_csv(site, "api/v1/quy-che-co-quan.csv")
    assert {(r["agreement_id"], r["party_code"]) for r in party_rows} >= {("lang-son/2023-03-12-ten-moi", "ubmttq")}


# --- Atom feeds ----------------------------------------------------------------------------


def test_latest_feed_is_valid_atom(seed_registry, seed_site):
    site, _ = seed_site
    root = ET.parse(site / "feeds/quy-che-moi.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert rels == {"self": f"{SITE_URL}feeds/quy-che-moi.xml", "alternate": SITE_URL}
    rfc3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) == len(seed_registry)
    for entry in entries:
        assert rfc3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
        assert entry_page(entry).startswith(f"{SITE_URL}quy-che/")
        assert entry.findall(f"{ATOM}category")


@pytest.mark.parametrize(("slug", "count"), [("bac-ninh", 2), ("thai-nguyen", 3), ("lang-son", 2), ("ha-noi", 0)])
def test_province_feeds(seed_site, slug, count):
    site, _ = seed_site
    entries = feed_entries(site, f"feeds/tinh-thanh/{slug}.xml")
    assert len(entries) == count
    assert all(f"/quy-che/{slug}/" in entry_page(e) for e in entries)


def test_feed_entry_has_a_category_per_party(seed_site):
    site, _ = seed_site
    entry = feed_entries(site, "feeds/tinh-thanh/lang-son.xml")[0]
    terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert {"doan-dbqh", "tt-hdnd", "ubnd", "btt-ubmttq"} <= terms


def test_feed_escapes_hostile_titles(hostile):
    _, site, _ = hostile
    raw = (site / "feeds/tinh-thanh/lang-son.xml").read_text(encoding="utf-8")
    assert "<tỉnh>" not in raw and "<b>" not in raw
    titles = {e.findtext(f"{ATOM}title") for e in feed_entries(site, "feeds/tinh-thanh/lang-son.xml")}
    assert titles == set(HOSTILE_TITLES.values())


def test_feed_links_helper(seed_registry):
    vocab = seed_registry.vocab
    assert feed_links() == [("Sổ Quy chế phối hợp — quy chế mới cập nhật", "feeds/quy-che-moi.xml")]
    province = feed_links(vocab.current["bac-ninh"])
    assert province[1] == ("Sổ Quy chế phối hợp — Bắc Ninh", "feeds/tinh-thanh/bac-ninh.xml")
    assert feed_links(vocab.successor_of(vocab.former["bac-kan"]))[1].href == "feeds/tinh-thanh/thai-nguyen.xml"
    assert feed_links(site_url=SITE_URL)[0].href == f"{SITE_URL}feeds/quy-che-moi.xml"



# --- redirects and sitemap -------------------------------------------------------------------


def test_redirects_map_former_ids(hostile):
    registry, _, _ = hostile
    assert redirects(registry) == {f"quy-che/{FORMER_ID}/": "quy-che/lang-son/2023-03-12-ten-moi/"}


def test_redirect_pages_point_to_existing_agreement_pages(hostile):
    registry, site, report = hostile
    assert report.redirects == 1
    for old, new in redirects(registry).items():
        page = (site / old / "index.html").read_text(encoding="utf-8")
        href = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
        target = posixpath.normpath(posixpath.join(old, href)) + "/"
        assert target == new and (site / target / "index.html").is_file()
        assert f'<link rel="canonical" href="{SITE_URL}{new}">' in page
        assert f"location.replace(\"{href}\"" in page
        assert f'<a href="{href}">' in page and "Bản ghi này đã chuyển" in page


def test_sitemap_covers_every_page(seed_registry, seed_site):
    site, _ = seed_site
    urls = _sitemap_urls(site)
    for agreement in seed_registry.agreements:
        assert urls[f"{SITE_URL}quy-che/{agreement.id}/"] == (agreement.get("updated") or agreement.data["added"])
    for page in [*MKDOCS_PAGES, "tinh-thanh/bac-ninh/"]:
        assert f"{SITE_URL}{page}" in urls, page
    assert (site / "sitemap.xml.gz").read_bytes()


def test_sitemap_leaves_out_redirect_pages(hostile):
    _, site, _ = hostile
    urls = _sitemap_urls(site)
    assert f"{SITE_URL}quy-che/{FORMER_ID}/" not in urls
    assert f"{SITE_URL}quy-che/lang-son/2023-03-12-ten-moi/" in urls


def test_sitemap_uses_given_html_pages(seed_registry, tmp_path):
    write_open_data(seed_registry, tmp_path, SITE_URL, GENERATED_AT, html_pages=["index.html", "thong-ke/index.html", "co-quan/"])
    urls = _sitemap_urls(tmp_path)
    assert {f"{SITE_URL}", f"{SITE_URL}thong-ke/", f"{SITE_URL}co-quan/"} <= set(urls)
    assert len(urls) == 3 + len(seed_registry)


def _sitemap_urls(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    return {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.findall(f"{SITEMAP}url")}


# --- determinism and documentation -----------------------------------------------------------


def test_output_is_byte_stable(seed_registry, tmp_path):
    def digest(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()}

    first, second = tmp_path / "a", tmp_path / "b"
    write_open_data(seed_registry, first, SITE_URL, GENERATED_AT)
    write_open_data(seed_registry, second, SITE_URL, GENERATED_AT)
    assert digest(first) == digest(second)


def test_report_lists_written_files(seed_site):
    site, report = seed_site
    assert report.files and all((site / path).is_file() for path in report.files)
    assert "api/v1/quy-che.json" in report.files and "sitemap.xml" in report.files


def test_open_data_page_documents_every_column_and_file():
    page = (REPO / "docs" / "du-lieu-mo.md").read_text(encoding="utf-8")
    for column in (*CSV_COLUMNS, *PARTY_CSV_COLUMNS):
        assert f"`{column}`" in page, column
    for path in ("quy-che.json", "quy-che/", "tinh-thanh/", "truoc-2025/", "nhiem-ky/", "co-quan/", "to-hop-co-quan/",
                 "chu-de/", "nam/", "cap/", "tinh-trang/", "chua-ro-tinh.json", "danh-muc/tinh-thanh.json", "danh-muc/co-quan.json", "danh-muc/chu-de.json",
                 "danh-muc/nhiem-ky.json", "index.json", "agreement.schema.json", "quy-che.csv", "quy-che-co-quan.csv",
                 "feeds/quy-che-moi.xml", "feeds/tinh-thanh/", "sitemap.xml", "CC BY 4.0", "MIT"):
        assert path in page, path
    for key in EXTRA_KEYS:
        assert f"`{key}`" in page, key
