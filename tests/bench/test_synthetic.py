"""Synthetic registries (the benchmark's input) are valid and go through every generator.

This is the cheap guard for shapes the eight seed records never show: records without
optional keys in their events or sources, district and commune levels, many provinces.
"""

from __future__ import annotations

import datetime as dt

from registry.bench.synthetic import generate
from registry.exports import write_open_data
from registry.records.loader import load_registry
from registry.site import pages as site


def test_a_synthetic_registry_is_valid_and_renders_everywhere(tmp_path):
    paths = generate(tmp_path / "agreements", 300)
    result = load_registry(tmp_path / "agreements", today=dt.date(2026, 11, 23))
    assert result.problems == [] and len(result.registry) == len(paths) == 300

    pages = site.build_pages(result.registry, repo_url="https://example.org/r", edit_uri="edit/main/")
    agreement_pages = [p for p in pages if p.uri.startswith("quy-che/")]
    assert len(agreement_pages) == 300

    report = write_open_data(result.registry, tmp_path / "site", "https://example.org/")
    assert report.records == 300


def test_synthetic_records_cover_levels_provinces_and_relations(tmp_path):
    generate(tmp_path / "agreements", 600)
    registry = load_registry(tmp_path / "agreements", today=dt.date(2026, 11, 23)).registry
    assert {a.data["level"] for a in registry.agreements} == {"tinh", "huyen", "xa"}
    assert len({a.province_unit.key for a in registry.agreements}) > 60
    assert any(a.get("relations") for a in registry.agreements)
