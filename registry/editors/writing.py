"""The library work behind the editor commands `new` and `draft`: turn the editor's answers into
facts, write record files, and say what is still missing. The CLI (cli_editor.py) only asks,
calls these functions and prints.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from registry.editors.drafting import DraftResult
from registry.editors.scaffold import (
    ScaffoldError,
    default_title,
    new_record,
    parse_date_input,
    parse_level_input,
    parse_term_input,
    place_phrase,
    record_path,
    render_file,
    render_new,
    resolve_party,
    resolve_province,
)
from registry.records.loader import load_registry
from registry.records.model import UNCERTAIN_NAMES
from registry.records.problems import Problem
from registry.records.vocab import Vocabularies

_HTTP = re.compile(r"^https?://[^\s<>\"]+$")


def check_url(url: str | None) -> None:
    if url and not _HTTP.match(url):
        raise ScaffoldError(f"địa chỉ '{url}' không hợp lệ; chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://")


@dataclass(frozen=True)
class NewAnswers:
    """What the editor gave `new` (options or answers to prompts), as typed."""

    province: str | None = None
    signed: str | None = None
    term: str | None = None
    parties: tuple[str, ...] = ()
    title: str | None = None
    level: str | None = None
    unit: str | None = None
    source_url: str | None = None
    publisher: str | None = None


def new_facts(vocab: Vocabularies, answers: NewAnswers) -> dict:
    """The facts of a new record from the editor's answers (ScaffoldError when one is wrong)."""
    signed = parse_date_input(answers.signed) if answers.signed else None
    when = dt.date.fromisoformat(signed) if signed else None
    province = resolve_province(vocab, answers.province, when) if answers.province else None
    codes = list(dict.fromkeys(resolve_party(vocab, p) for p in answers.parties))
    level = parse_level_input(answers.level or "tinh")
    term = parse_term_input(answers.term) if answers.term else None
    check_url(answers.source_url)
    return {
        "title": answers.title or default_title(vocab, codes, place_phrase(level, answers.unit, province), term),
        "province": province.slug if province else None, "level": level, "unit": answers.unit,
        "signed": signed, "term": term, "parties": codes,
        "publisher": answers.publisher, "source_url": answers.source_url,
    }


def shown_path(out: Path, relative: str) -> str:
    """The path as the validator prints it: agreements/lang-son/x.md."""
    return (out / relative).relative_to(out.parent).as_posix()


def problems_in(out: Path, shown: list[str]) -> list[Problem]:
    """Validate the whole registry; the problems of the files just written."""
    return [p for p in load_registry(out).problems if p.path in shown]


@dataclass
class Written:
    """Files written (as the validator names them) and the problems they still have."""

    files: list[str] = field(default_factory=list)
    flagged: dict[str, list[str]] = field(default_factory=dict)  # file -> fields marked uncertain
    problems: list[Problem] = field(default_factory=list)


def write_new(vocab: Vocabularies, facts: dict, out: Path, today: dt.date, force: bool = False) -> Written:
    """Write the commented template of a new record; refuses to overwrite without `force`."""
    relative = record_path(facts["province"], facts["signed"], facts["term"], facts["parties"], facts["unit"])
    target = out / relative
    if target.exists() and not force:
        raise ScaffoldError(f"tệp {shown_path(out, relative)} đã có; dùng --force để ghi đè")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_new(new_record(today=today, **facts), vocab), encoding="utf-8")
    written = Written([shown_path(out, relative)])
    written.problems = problems_in(out, written.files)
    return written


def render_draft(record: dict, summary: str) -> str:
    """The draft file: each field flagged in `uncertain` gets a comment above it."""
    comments: dict[str, list[str]] = {}
    for entry in record.get("uncertain", []):
        what = UNCERTAIN_NAMES.get(entry["reason"], entry["reason"])
        comments.setdefault(entry["field"], []).append(f"CẦN KIỂM TRA ({what}): {entry.get('note') or 'hãy điền theo nguồn'}")
    header = ["Bản nháp tạo tự động từ một bài báo (python -m registry draft).",
              "Hãy đối chiếu với nguồn, điền các mục CẦN KIỂM TRA, rồi chạy python -m registry validate."]
    return render_file(record, summary, comments, header)


def write_drafts(result: DraftResult, out: Path, force: bool = False) -> Written:
    """Write every draft of an article; refuses to overwrite any file without `force`."""
    existing = [d.path for d in result.drafts if (out / d.path).exists()]
    if existing and not force:
        raise ScaffoldError("tệp đã có: " + ", ".join(shown_path(out, p) for p in existing) + "; dùng --force để ghi đè")
    written = Written()
    for item in result.drafts:
        target = out / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_draft(item.record, item.summary), encoding="utf-8")
        name = shown_path(out, item.path)
        written.files.append(name)
        written.flagged[name] = sorted({e["field"] for e in item.record.get("uncertain", [])})
    if written.files:
        written.problems = problems_in(out, written.files)
    return written
