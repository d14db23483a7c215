"""JSON-LD (schema.org Legislation) on every record page of the built site: present once,
parseable, stating only the record's facts, and safe against record text that tries to close
the <script> element."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from registry.records.loader import load_registry
from registry.site.pages import build_pages
from registry.site.structured_data import legislation, script_json

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
SITE_URL = "https://quychephoihop.github.io/"


class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False if tag == "script" else self._inside

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def json_ld(html: str) -> list[dict]:
    parser = _JsonLd()
    parser.feed(html)
    return [json.loads(block) for block in parser.blocks]


def test_every_record_page_has_one_legislation(built_site):
    registry = load_registry(SEEDS).registry
    pages = sorted((built_site / "quy-che").rglob("index.html"))
    record_pages = [p for p in pages if "http-equiv" not in p.read_text(encoding="utf-8")[:600]]  # not redirects
    assert len(record_pages) == len(registry)
    for agreement in registry.agreements:
        page = built_site / "quy-che" / agreement.id / "index.html"
        items = json_ld(page.read_text(encoding="utf-8"))
        assert len(items) == 1, agreement.id
        item = items[0]
        assert item["@context"] == "https://schema.org" and item["@type"] == "Legislation"
        assert item["name"] == agreement.title
        assert item["url"].endswith(f"quy-che/{agreement.id}/")
        assert item["inLanguage"] == "vi"
        assert item["legislationPassedBy"] and all(p["name"] for p in item["legislationPassedBy"])


def test_only_stated_facts():
    registry = load_registry(SEEDS).registry
    by_id = {a.id: a for a in registry.agreements}
    lang_son = legislation(registry, by_id["lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"], "u", "Sổ")
    assert lang_son["legislationDate"] == "2022-05-06"
    assert lang_son["legislationJurisdiction"]["name"] == "Tỉnh Lạng Sơn"
    assert lang_son["temporalCoverage"] == "2021/2026"
    assert [p["name"] for p in lang_son["legislationPassedBy"]][0].startswith("Đoàn đại biểu Quốc hội")
    no_year = next(a for a in registry.agreements if (a.data.get("signed") or "").startswith("XXXX"))
    assert "legislationDate" not in legislation(registry, no_year, "u", "Sổ")  # '14/10' is not a date
    no_province = next(a for a in registry.agreements if a.province_unit is None)
    assert "legislationJurisdiction" not in legislation(registry, no_province, "u", "Sổ")


def test_record_text_cannot_close_the_script(tmp_path):
    hostile = {"name": "</script><script>alert(1)</script> & \u2028"}
    text = str(script_json(hostile))
    assert "</script" not in text.lower() and "<" not in text and "&" not in text
    assert json.loads(text) == hostile


def test_generated_record_page_carries_json_ld():
    registry = load_registry(SEEDS).registry
    pages = build_pages(registry, repo_url="https://github.com/x/y", edit_uri="edit/main/", site_url=SITE_URL)
    record = next(p for p in pages if p.uri.startswith("quy-che/"))
    items = json_ld(record.content)
    assert len(items) == 1 and items[0]["url"].startswith(SITE_URL)
    assert items[0]["isPartOf"] == {"@type": "Dataset", "name": "Sổ Quy chế phối hợp", "url": SITE_URL}
