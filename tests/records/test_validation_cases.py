"""Golden validation cases: each folder under tests/cases/ is a tiny registry.

invalid/<case>/agreements/... must produce exactly the lines of
invalid/<case>/expected.txt; valid/<case>/ must load with no problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from registry.records.frontmatter import MAX_FILE_BYTES
from registry.records.loader import load_registry

CASES = Path(__file__).parents[1] / "cases"
TODAY = dt.date(2026, 11, 23)


def _cases(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.name)
def test_invalid_case_reports_exactly_the_expected_problems(case: Path) -> None:
    result = load_registry(case / "agreements", today=TODAY)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in result.problems] == expected
    assert result.registry is None, "a registry with problems must not be built"


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.name)
def test_valid_case_loads_every_record(case: Path) -> None:
    result = load_registry(case / "agreements", today=TODAY)
    assert [str(p) for p in result.problems] == []
    assert len(result.registry) == result.files == len(list((case / "agreements").rglob("*.md")))


def test_every_invalid_case_names_file_line_and_field() -> None:
    for case in _cases("invalid"):
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            path, number, field, message = line.split(":", 3)
            assert path.startswith("agreements/")  # a record, or an entry that should be one
            assert int(number) >= 1 and field.strip() and message.strip()


def test_an_absurdly_large_file_is_refused_without_parsing(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "lang-son"
    folder.mkdir(parents=True)
    (folder / "2022-05-06-tt-hdnd-ubnd.md").write_text("---\ntitle: x\n---\n" + "a" * MAX_FILE_BYTES)
    result = load_registry(tmp_path / "agreements", today=TODAY)
    assert [str(p) for p in result.problems] == [
        "agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md:1: file: tệp quá lớn (200.017 byte); tối đa 200.000 byte"
    ]


def test_relation_is_resolved_both_ways() -> None:
    registry = load_registry(CASES / "valid" / "relation-both-ways" / "agreements", today=TODAY).registry
    old = registry.by_id["lang-son/2022-05-06-tt-hdnd-ubnd"]
    new = registry.by_id["lang-son/2023-01-10-tt-hdnd-ubnd-ubmttq"]
    assert [(r.label, r.other.id) for r in registry.relations_of(new)] == [("Thay thế", old.id)]
    assert [(r.label, r.other.id) for r in registry.relations_of(old)] == [("Bị thay thế bởi", new.id)]


def test_a_former_province_resolves_to_its_successor() -> None:
    registry = load_registry(CASES / "valid" / "former-province-merged" / "agreements", today=TODAY).registry
    (agreement,) = registry.agreements
    assert agreement.province_unit.name == "Bắc Giang" and not agreement.province_unit.current
    assert registry.successor_of(agreement).name == "Bắc Ninh"


def test_a_symbolic_link_is_reported_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "agreements" / "lang-son"
    folder.mkdir(parents=True)
    (folder / "2022-05-06-tt-hdnd-ubnd.md").symlink_to("/etc/passwd")
    result = load_registry(tmp_path / "agreements", today=TODAY)
    assert [str(p) for p in result.problems] == [
        "agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md:1: file: tệp là liên kết tượng trưng (symlink); hãy thay bằng tệp thật"
    ]


def test_many_files_are_read_by_two_processes_with_the_same_result(tmp_path: Path, monkeypatch) -> None:
    """From PARALLEL_FILES files a forked process reads half: the same problems, in the same order."""
    from registry.records import loader

    agreements = tmp_path / "agreements"
    for case in [*_cases("valid"), *_cases("invalid")]:
        for path in (case / "agreements").rglob("*"):
            target = agreements / path.relative_to(case / "agreements")
            if path.is_file() and not path.is_symlink() and not target.exists():
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(path.read_bytes())
                except OSError:  # a case whose folder is another case's file
                    continue
    serial = load_registry(agreements, today=TODAY)
    monkeypatch.setattr(loader, "PARALLEL_FILES", 2)
    calls, start = [], loader.forked.start
    monkeypatch.setattr(loader.forked, "start", lambda name, *args: calls.append(name) or start(name, *args))
    parallel = load_registry(agreements, today=TODAY)
    assert calls == ["reading records"]
    assert serial.files == parallel.files > 20
    assert [str(p) for p in parallel.problems] == [str(p) for p in serial.problems] != []
