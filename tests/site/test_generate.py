"""`python -m registry generate DIR`: the same pages and open data as the MkDocs build."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from registry.generate import HOME_PAGE, Settings, generate, site_pages
from registry.records.loader import load_registry
from registry.site.search_index import doc_page_path

SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"


def seeds():
    result = load_registry(SEEDS)
    assert result.problems == []
    return result.registry


def test_generate_writes_every_page_and_the_open_data(tmp_path):
    registry = seeds()
    settings = Settings.read(ROOT / "mkdocs.yml")
    result = generate(registry, tmp_path, settings)
    expected = {page.uri for page in site_pages(registry, settings)} | {HOME_PAGE}
    written = {p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")}
    assert written == expected == set(result.pages)
    assert "qc-totals" in (tmp_path / "docs" / HOME_PAGE).read_text(encoding="utf-8")  # the summary is in
    records = json.loads((tmp_path / "site" / "api/v1/quy-che.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in records["items"]} == {a.id for a in registry.agreements}
    assert set(result.data.files) == {p.relative_to(tmp_path / "site").as_posix()
                                      for p in (tmp_path / "site").rglob("*") if p.is_file()}


def test_generated_pages_and_data_match_the_mkdocs_build(tmp_path, built_site):
    """Every generated page is a page of the real build, and every open-data file of `generate`
    is in the build with the same records (the timestamps differ)."""
    registry = seeds()
    result = generate(registry, tmp_path, Settings.read(ROOT / "mkdocs.yml"))
    for uri in result.pages:
        assert (built_site / doc_page_path(uri) / "index.html").is_file(), uri
    for path in result.data.files:
        built = built_site / path
        assert built.is_file(), path
        if path.endswith(".json"):
            mine, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "site" / path, built))
            mine.pop("generated_at", None), theirs.pop("generated_at", None)
            assert mine == theirs, path


def test_generate_command_stops_on_invalid_records_with_vietnamese_lines(tmp_path):
    records = tmp_path / "agreements" / "lang-son"
    records.mkdir(parents=True)
    (records / "x.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "registry", "generate", str(tmp_path / "out"),
                           "--root", str(tmp_path / "agreements"), "--config", str(ROOT / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "lỗi trong dữ liệu quy chế, không tạo trang" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
