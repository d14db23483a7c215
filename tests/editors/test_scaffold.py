"""`python -m registry new` and the pure helpers in registry.scaffold."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.editors.cli_editor import new
from registry.editors.scaffold import (
    ScaffoldError,
    default_title,
    join_vi,
    new_record,
    parse_date_input,
    parse_level_input,
    parse_term_input,
    place_phrase,
    record_path,
    render_new,
    resolve_party,
    resolve_province,
)
from registry.records.frontmatter import read_source
from registry.records.schema import load_schema, schema_problems
from registry.records.vocab import load_vocabularies

VOCAB = load_vocabularies()


@pytest.mark.parametrize(("typed", "iso"), [
    ("2022-05-06", "2022-05-06"), ("06/05/2022", "2022-05-06"), ("6/5/2022", "2022-05-06"), ("6-5-2022", "2022-05-06"),
    (" 06.05.2022 ", "2022-05-06"),
])
def test_dates_as_editors_type_them(typed: str, iso: str) -> None:
    assert parse_date_input(typed) == iso


@pytest.mark.parametrize("typed", ["2022-13-01", "31/02/2022", "hôm qua", "05/2022"])
def test_bad_dates_say_what_is_allowed(typed: str) -> None:
    with pytest.raises(ScaffoldError, match="YYYY-MM-DD hoặc dd/mm/yyyy"):
        parse_date_input(typed)


def test_terms_and_levels() -> None:
    assert parse_term_input("nhiệm kỳ 2021 – 2026") == "2021-2026"
    assert [parse_level_input(v) for v in ("Tỉnh", "huyện", "xa", "Phường")] == ["tinh", "huyen", "xa", "xa"]
    with pytest.raises(ScaffoldError):
        parse_term_input("2026-2021")
    with pytest.raises(ScaffoldError, match="được phép: tinh"):
        parse_level_input("ấp")


@pytest.mark.parametrize(("typed", "code"), [
    ("TT HĐND", "tt-hdnd"), ("tt hdnd", "tt-hdnd"), ("tt-hdnd", "tt-hdnd"), ("UBND", "ubnd"), ("ubmttq", "ubmttq"),
    ("Mặt trận Tổ quốc", "ubmttq"), ("Ban Thường trực Ủy ban MTTQ", "btt-ubmttq"), ("đảng đoàn hđnd", "dang-doan-hdnd"),
    ("VP Đoàn ĐBQH&HĐND", "vp-doan-dbqh-hdnd"),
])
def test_parties_by_any_name_without_diacritics(typed: str, code: str) -> None:
    assert resolve_party(VOCAB, typed) == code


def test_provinces_without_diacritics_and_as_they_were_when_signed() -> None:
    assert resolve_province(VOCAB, "lang son", None).slug == "lang-son"
    assert resolve_province(VOCAB, "Tỉnh Bắc Giang", dt.date(2024, 1, 1)).current is False
    with pytest.raises(ScaffoldError, match="có phải Lạng Sơn"):
        resolve_province(VOCAB, "lang sonn", None)


def test_names_and_titles() -> None:
    assert record_path("lang-son", "2022-05-06", "2021-2026", ["tt-hdnd", "ubnd"]) == "lang-son/2022-05-06-tt-hdnd-ubnd.md"
    assert record_path(None, None, "2021-2026", ["ubnd", "ubmttq"]) == "chua-ro-tinh/nhiem-ky-2021-2026-ubnd-ubmttq.md"
    assert record_path("binh-phuoc", "2024-03-15", None, ["ubnd", "ubmttq"], "xã Tân Lập") == \
        "binh-phuoc/2024-03-15-xa-tan-lap-ubnd-ubmttq.md"
    assert join_vi(["A", "B", "C"]) == "A, B và C"
    place = place_phrase("tinh", None, VOCAB.find_province("Lạng Sơn"))
    assert default_title(VOCAB, ["tt-hdnd", "ubnd"], place, "2021-2026") == \
        "Quy chế phối hợp giữa Thường trực HĐND và UBND tỉnh Lạng Sơn, nhiệm kỳ 2021–2026"


def test_template_reads_back_and_only_misses_what_the_editor_must_give() -> None:
    record = new_record(title=None, province=None, level="tinh", unit=None, signed=None, term=None, parties=[],
                        publisher=None, source_url=None, today=dt.date(2026, 11, 23))
    text = render_new(record, VOCAB)
    # The comments are the schema's own words (no hand-written copy to drift): every field's
    # description, its limits and its allowed values, and the vocabularies' codes.
    comments = " ".join(line.removeprefix("# ").strip() for line in text.splitlines() if line.startswith("#"))
    for name, spec in load_schema()["properties"].items():
        if name in record and spec.get("description"):
            assert " ".join(spec["description"].split()) in comments, name
    assert "từ 10 đến 400 ký tự" in comments and "XXXX-10-14" in comments  # title's limits, v2 partial dates
    assert all(f"{code}:" in comments for code in VOCAB.parties)
    assert "status: null" in text and "status: chua-ro" not in text
    source, problems = read_source("x.md", text.encode())
    assert problems == [] and source.data == record
    fields = {p.field for p in schema_problems(source)}
    assert fields == {"title", "parties", "sources[1].publisher", "sources[1].title"}


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


ARGS = ["--province", "lang son", "--signed", "06/05/2022", "--term", "2021 – 2026", "--party", "Đoàn ĐBQH",
        "--party", "tt hdnd", "--party", "UBND", "--party", "Ban Thường trực UBMTTQ", "--publisher", "Báo Lạng Sơn"]
PATH = "agreements/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md"


def test_new_writes_a_named_commented_file_and_says_what_is_missing(workdir: Path) -> None:
    result = CliRunner().invoke(new, ARGS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Đã tạo {PATH}"
    assert any(line.startswith(f"{PATH}:") and ": sources[1].title: cần chuỗi chữ" in line for line in lines)
    assert any(": summary: thiếu phần tóm tắt" in line for line in lines)
    assert lines[-1] == "Bản ghi chưa đầy đủ: còn 2 mục cần điền (xem các dòng trên)."
    source, _ = read_source(PATH, (workdir / PATH).read_bytes())
    assert source.data["parties"] == ["doan-dbqh", "tt-hdnd", "ubnd", "btt-ubmttq"]
    assert source.data["added"] == dt.date.today().isoformat()
    assert source.data["sources"][0]["publisher"] == "Báo Lạng Sơn"


def test_new_never_overwrites_without_force(workdir: Path) -> None:
    assert CliRunner().invoke(new, ARGS).exit_code == 0
    again = CliRunner().invoke(new, ARGS)
    assert again.exit_code == 1
    assert f"Lỗi: tệp {PATH} đã có; dùng --force để ghi đè" in again.output
    assert CliRunner().invoke(new, ARGS + ["--force"]).exit_code == 0


def test_new_without_province_or_date(workdir: Path) -> None:
    result = CliRunner().invoke(new, ["--term", "2021-2026", "--party", "UBND", "--party", "MTTQ"])
    assert result.exit_code == 0
    assert result.output.startswith("Đã tạo agreements/chua-ro-tinh/nhiem-ky-2021-2026-ubnd-ubmttq.md")


@pytest.mark.parametrize(("args", "message"), [
    (["--province", "Atlantis"], "không tìm thấy tỉnh/thành 'Atlantis'"),
    (["--signed", "31/02/2024"], "ngày '31/02/2024' không hợp lệ"),
    (["--party", "Hội Người cao tuổi"], "không có cơ quan 'Hội Người cao tuổi' trong danh mục"),
    (["--source-url", "ftp://x"], "chỉ chấp nhận liên kết bắt đầu bằng http://"),
])
def test_new_rejects_bad_values(workdir: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(new, args)
    assert result.exit_code == 1
    assert message in result.output
    assert not (workdir / "agreements").exists()


def test_help_has_an_example() -> None:
    assert "Ví dụ:" in CliRunner().invoke(new, ["--help"]).output
