"""`python -m registry draft`: golden cases, CLI behaviour, drafts that validate once filled.

Golden cases: tests/cases/draft/<name>.txt (an article), <name>.expected.json (the
`--json` output, reviewed by hand), optional <name>.args.json (--url/--publisher).
tests/cases/draft/real/ holds real articles (stored copies of public reports, often only their
first ~2,000 characters); their hand-entered facts (real/facts.tsv) drive scripts/draft_accuracy.py.
Run with UPDATE_GOLDEN=1 to rewrite the expected files, then review the diff by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.editors.cli_editor import draft
from registry.editors.drafting import ArticleError, decode, draft_article
from registry.editors.drafting.matching import existing_records
from registry.editors.drafting.records import path_for
from registry.editors.writing import render_draft
from registry.records.frontmatter import read_source
from registry.records.loader import load_registry
from registry.records.schema import schema_problems

CASES = Path(__file__).parents[1] / "cases" / "draft"
FIXTURE_REGISTRY = CASES / "registry"  # a snapshot of the hand-entered seed records
TODAY = dt.date(2026, 11, 23)
SEEDS = sorted(CASES.glob("seed-*.txt"))
REAL = sorted((CASES / "real").glob("*.txt"))
ALL_CASES = sorted(CASES.glob("*.txt")) + REAL
# Real articles the tool drafts from (03 is refused: it reports only a draft regulation being discussed).
REAL_DRAFTED = [c for c in REAL if "error" not in json.loads(c.with_suffix(".expected.json").read_text(encoding="utf-8"))]


def _case_id(path: Path) -> str:
    return f"real/{path.stem}" if path.parent.name == "real" else path.stem


def _options(case: Path) -> dict:
    args = case.with_suffix(".args.json")
    return json.loads(args.read_text(encoding="utf-8")) if args.exists() else {}


def _run(case: Path, records: dict | None = None) -> dict:
    try:
        text, _ = decode(case.read_bytes())
        return draft_article(text, today=TODAY, records=records or {}, **_options(case)).as_json()
    except ArticleError as error:
        return {"error": str(error)}


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_golden(case: Path) -> None:
    expected_path = case.with_suffix(".expected.json")
    result = _run(case)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert result == json.loads(expected_path.read_text(encoding="utf-8"))


# --- drafts are valid records once an editor fills what is flagged ---------------------------


def _fill_like_an_editor(record: dict) -> dict:
    """What an editor does with a draft: fill the required fields the draft left empty."""
    record = json.loads(json.dumps(record))
    for source in record["sources"]:
        source["publisher"] = source["publisher"] or "Cổng thông tin điện tử tỉnh"
        source["title"] = source["title"] or "Tin về lễ ký kết quy chế phối hợp"
    if len(record["parties"]) < 2:
        record["parties"] = ["tt-hdnd", "ubnd"]
    if record["level"] != "tinh" and not record.get("unit"):
        record["unit"] = "huyện Duy Xuyên"
    record["title"] = record["title"] or "Quy chế phối hợp công tác"
    return record


@pytest.mark.parametrize("case", SEEDS + REAL_DRAFTED, ids=_case_id)
def test_seed_drafts_validate_once_filled(case: Path, tmp_path: Path) -> None:
    root = tmp_path / "agreements"
    result = _run(case)
    for item in result["drafts"]:
        record = _fill_like_an_editor(item["record"])
        path = root / path_for(record)  # the file name follows what the editor filled in (parties)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_draft(record, item["summary"]), encoding="utf-8")
    loaded = load_registry(root, today=TODAY)
    assert loaded.problems == []
    assert len(loaded.registry) == len(result["drafts"])


@pytest.mark.parametrize("case", ALL_CASES, ids=_case_id)
def test_drafts_fail_schema_only_on_flagged_fields(case: Path) -> None:
    for item in _run(case).get("drafts", []):
        source, problems = read_source("x.md", render_draft(item["record"], item["summary"]).encode())
        assert problems == [] and source.data == item["record"]  # round-trips exactly
        flagged = {entry["field"] for entry in item["record"]["uncertain"]}
        for problem in schema_problems(source):
            assert problem.field.split("[")[0].split(".")[0] in flagged, str(problem)


# --- matching against the registry -------------------------------------------------------------


def test_numbered_reference_found_in_registry_becomes_a_relation() -> None:
    result = _run(CASES / "seed-002.txt", existing_records(FIXTURE_REGISTRY))
    assert [d["path"] for d in result["drafts"]] == ["agreements/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md"]
    assert result["drafts"][0]["record"]["relations"][0]["target"] == "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
    assert "có thể trùng với bản ghi đã có lang-son/2022-05-06" in result["warnings"][0]


def test_review_of_a_known_agreement_becomes_an_event() -> None:
    result = _run(CASES / "seed-003.txt", existing_records(FIXTURE_REGISTRY))
    assert result["drafts"] == []
    [proposal] = result["events"]
    assert proposal["path"] == "agreements/bac-ninh/nhiem-ky-2021-2026-bcs-dang-ubnd-ubnd-cac-co-quan.md"
    assert proposal["event"] == {"kind": "so-ket", "date": "XXXX-01-29", "source": 2}  # the item gives no year


def test_review_of_an_unknown_agreement_is_a_new_draft_with_the_event() -> None:
    [item] = _run(CASES / "tong-ket.txt")["drafts"]
    assert item["record"]["signed"] is None
    assert item["record"]["events"] == [{"kind": "tong-ket", "date": "2025-12-20", "source": 1}]


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _invoke(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(draft, list(args), input=stdin)


def test_cli_writes_drafts_and_lists_what_is_missing(workdir: Path) -> None:
    result = _invoke(str(CASES / "seed-002.txt"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Đã tạo bản nháp agreements/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md")
    assert lines[1].startswith("Đã tạo bản nháp agreements/lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq.md")
    assert any(line.endswith("sources[1].publisher: cần chuỗi chữ, nhận được null") for line in lines)
    assert (workdir / "agreements/lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq.md").exists()


def test_cli_never_overwrites_without_force(workdir: Path) -> None:
    assert _invoke(str(CASES / "seed-000.txt")).exit_code == 0
    again = _invoke(str(CASES / "seed-000.txt"))
    assert again.exit_code == 1
    assert "tệp đã có: agreements/bac-ninh/xxxx-01-25-dang-doan-hdnd-bcs-dang-ubnd.md; dùng --force" in again.output
    assert _invoke(str(CASES / "seed-000.txt"), "--force").exit_code == 0


def test_cli_json_writes_nothing(workdir: Path) -> None:
    result = _invoke("-", "--json", "--publisher", "Báo Phú Thọ", stdin=(CASES / "seed-004.txt").read_bytes())
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    record = data["drafts"][0]["record"]
    assert record["province"] is None
    assert record["uncertain"][2] == {
        "field": "province", "reason": "nguon-khong-neu", "suggested": "phu-tho",
        "note": "Bài không nêu tên tỉnh; nguồn đăng (Báo Phú Thọ) gợi ý Phú Thọ — cần xác minh."}
    assert not (workdir / "agreements").exists()


def test_cli_prints_event_for_known_agreement(workdir: Path) -> None:
    shutil.copytree(FIXTURE_REGISTRY, workdir / "agreements")
    result = _invoke(str(CASES / "seed-003.txt"))
    assert result.exit_code == 0
    assert ("Sự kiện so-ket thuộc bản ghi agreements/bac-ninh/nhiem-ky-2021-2026-bcs-dang-ubnd-ubnd-cac-co-quan.md"
            in result.output)
    assert "  date: 2024-01-29\n" in result.output
    assert "Đã tạo" not in result.output


@pytest.mark.parametrize(("stdin", "message"), [
    (b"", "văn bản trống"),
    (b"   \r\n\r\n  ", "văn bản trống"),
    ((CASES / "english.txt").read_bytes(), "Văn bản có vẻ không phải tiếng Việt"),
    (b"x" * 1_500_000, "tệp quá lớn (trên 1 MB)"),
])
def test_cli_refuses_what_cannot_be_drafted(workdir: Path, stdin: bytes, message: str) -> None:
    result = _invoke("-", stdin=stdin)
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: không lập được bản nháp:")
    assert message in result.output


def _cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese files have it: letters like â precomposed, tones as combining marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(letter + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


TONES = "\u0300\u0301\u0303\u0309\u0323"


def test_cli_reads_legacy_encodings_with_a_warning(workdir: Path) -> None:
    text = (CASES / "seed-000.txt").read_text(encoding="utf-8")
    raw = _cp1258(text.replace("\n", "\r\n"))
    result = _invoke("-", "--json", stdin=raw)
    assert result.exit_code == 0
    assert "Lưu ý: tệp không phải UTF-8; đã đọc theo bảng mã cp1258" in result.stderr
    assert json.loads(result.stdout)["drafts"][0]["record"]["parties"] == ["dang-doan-hdnd", "bcs-dang-ubnd"]


def test_cli_rejects_bad_url_and_missing_file(workdir: Path) -> None:
    bad = _invoke(str(CASES / "seed-000.txt"), "--url", "javascript:alert(1)")
    assert bad.exit_code == 1 and "chỉ chấp nhận liên kết bắt đầu bằng http://" in bad.output
    assert _invoke("khong-co.txt").exit_code == 2


def test_cli_handles_a_large_file_quickly(workdir: Path) -> None:
    seed = (CASES / "seed-002.txt").read_text(encoding="utf-8")
    big = (seed + "\n") * (900_000 // len(seed.encode()))
    started = dt.datetime.now()
    result = _invoke("-", "--json", stdin=big.encode())
    assert result.exit_code == 0
    assert (dt.datetime.now() - started).total_seconds() < 20


def test_help_has_an_example() -> None:
    assert "Ví dụ:" in CliRunner().invoke(draft, ["--help"]).output
