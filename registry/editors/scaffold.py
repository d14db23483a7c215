"""Build new record files: names, display forms, commented YAML (pure functions).

`python -m registry new` and `python -m registry draft` both end here: they
decide the facts, this module turns facts into a correctly named file whose
front matter reads back through `registry.records.frontmatter.read_source`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import textwrap
from collections.abc import Iterable

import yaml

from registry.records.frontmatter import without_timestamps
from registry.records.model import UNKNOWN_PROVINCE_FOLDER, file_stems, party_codes_of
from registry.records.schema import load_schema
from registry.records.text import fold, parse_edtf
from registry.records.vocab import Party, Province, Vocabularies
from registry.records.wording import province_phrase, term_text

# How titles and summaries name a party: the form news items and the hand-entered
# records use, which is not always the vocabulary's terse `short` (e.g. "BCS đảng UBND").
DISPLAY_NAMES = {
    "tt-hdnd": "Thường trực HĐND",
    "bcs-dang-ubnd": "Ban cán sự đảng UBND",
    "btt-ubmttq": "Ban Thường trực Ủy ban MTTQ Việt Nam",
    "ubmttq": "Ủy ban MTTQ Việt Nam",
    "vp-tinh-uy": "Văn phòng Tỉnh ủy",
    "vp-doan-dbqh-hdnd": "Văn phòng Đoàn ĐBQH và HĐND",
    "vp-ubnd": "Văn phòng UBND",
    "doan-the": "các đoàn thể chính trị – xã hội",
    "co-quan-tu-phap": "các cơ quan tư pháp",
}


class ScaffoldError(ValueError):
    """A value the editor typed that cannot be used; the message says what is allowed."""


# --- resolving what an editor types ---------------------------------------------------


def parse_date_input(value: str) -> str:
    """'2022-05-06', '06/5/2022', '6-5-2022' or '6.5.2022' -> '2022-05-06'; a date the source gives
    without a year, '14/10' or 'XXXX-10-14', -> 'XXXX-10-14' (record-v2 partial dates; also
    '2024-01' and '2024')."""
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}))?", text)
    if match:
        day, month, year = match.groups()
        candidate = f"{year or 'XXXX'}-{int(month):02d}-{int(day):02d}"
    else:
        candidate = text.upper() if text.lower().startswith("xxxx-") else text
    if parse_edtf(candidate) is None:
        raise ScaffoldError(f"ngày '{value}' không hợp lệ; hãy viết YYYY-MM-DD hoặc dd/mm/yyyy (ví dụ 06/05/2022), "
                            "hoặc dd/mm khi nguồn không nêu năm")
    return candidate


def parse_term_input(value: str) -> str:
    """'2021 – 2026' or 'nhiệm kỳ 2021-2026' -> '2021-2026'."""
    match = re.search(r"(\d{4})\s*[-–—/]\s*(\d{4})", value)
    if not match or int(match.group(2)) <= int(match.group(1)):
        raise ScaffoldError(f"nhiệm kỳ '{value}' không hợp lệ; hãy viết NNNN-NNNN (ví dụ 2021-2026)")
    return f"{match.group(1)}-{match.group(2)}"


def parse_level_input(value: str) -> str:
    """'tỉnh', 'Huyện', 'xa', 'phường' -> 'tinh' | 'huyen' | 'xa'."""
    key = fold(value).strip()
    aliases = {"tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "quan": "huyen", "thi xa": "huyen",
               "xa": "xa", "phuong": "xa", "thi tran": "xa", "dac khu": "xa"}
    if key not in aliases:
        raise ScaffoldError(f"cấp '{value}' không hợp lệ; được phép: tinh (tỉnh), huyen (huyện), xa (xã/phường)")
    return aliases[key]


def resolve_province(vocab: Vocabularies, name: str, when: dt.date | None) -> Province:
    """The province an editor names ('Lạng Sơn', 'lang son', 'lang-son'), as it was on `when`."""
    province = vocab.find_province(name, when)
    if province is None:
        names = {fold(p.name): p.name for p in (*vocab.former.values(), *vocab.current.values())}
        close = difflib.get_close_matches(fold(name), list(names), n=3, cutoff=0.6)
        hint = f"; có phải {', '.join(names[c] for c in close)}?" if close else ""
        raise ScaffoldError(f"không tìm thấy tỉnh/thành '{name}'{hint} Xem registry/data/provinces.yaml")
    return province


def _party_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text))


def party_index(vocab: Vocabularies) -> dict[str, str]:
    """Every way to name a party (code, short, name, aliases) folded -> its code."""
    index: dict[str, str] = {}
    for party in vocab.parties.values():
        for name in (party.code, party.short, party.name, *party.aliases):
            index.setdefault(_party_key(name), party.code)
    return index


def resolve_party(vocab: Vocabularies, name: str) -> str:
    """'TT HĐND', 'tt hdnd', 'tt-hdnd', 'Mặt trận Tổ quốc' -> a party code."""
    code = party_index(vocab).get(_party_key(name))
    if code is None:
        allowed = ", ".join(f"{p.code} ({p.short})" for p in vocab.parties.values())
        raise ScaffoldError(f"không có cơ quan '{name}' trong danh mục; được phép: {allowed}")
    return code


# --- names and display forms ----------------------------------------------------------


def party_display(vocab: Vocabularies, code: str) -> str:
    party: Party | None = vocab.parties.get(code)
    return DISPLAY_NAMES.get(code) or (party.short if party else code)


def join_vi(items: list[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B và C'; only commas when a name has its own 'và' ('Đoàn ĐBQH và HĐND')."""
    if len(items) <= 1:
        return "".join(items)
    last = ", " if any(" và " in item for item in items) else " và "
    return ", ".join(items[:-1]) + last + items[-1]


def term_display(term: str | None) -> str:
    return term_text(term)


def place_phrase(level: str | None, unit: str | None, province: Province | None) -> str:
    """'tỉnh Lạng Sơn', 'xã Tân Lập, tỉnh Bình Phước', or just 'tỉnh' when the province is unknown."""
    province_part = province_phrase(province)
    if level in ("huyen", "xa") and unit:
        return f"{unit}, {province_part}" if province else unit
    return province_part


def default_title(vocab: Vocabularies, parties: list[str], place: str, term: str | None,
                  work: bool = False, term_word: str = "nhiệm kỳ") -> str | None:
    """A descriptive title built from the facts, e.g. 'Quy chế phối hợp giữa A và B tỉnh X, nhiệm kỳ 2021–2026'."""
    if len(parties) < 2:
        return None
    title = f"Quy chế phối hợp{' công tác' if work else ''} giữa {join_vi([party_display(vocab, c) for c in parties])} {place}"
    return title.strip() + (f", {term_word} {term_display(term)}" if term else "")


def record_path(province: str | None, signed: str | None, term: str | None, parties: Iterable,
                unit: str | None = None) -> str:
    """'lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md' (relative to the agreements folder).

    The record-v2 file-name rule (registry.records.model.file_stems, which validation checks):
    the signing date as written, lowercase ('xxxx-10-14'), then the party codes in order
    (mapping parties give their `party` code, named-only ones nothing). A district or commune
    unit goes into the name too: thousands of communes sign the same party combination on the
    same day, and names must not collide.
    """
    return f"{province or UNKNOWN_PROVINCE_FOLDER}/{file_stems(signed, term, party_codes_of(list(parties)), unit)[0]}.md"


# --- writing YAML ---------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Writes dates as plain 2022-05-06 (our loader keeps them as strings) and indents lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)


def dump_yaml(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def render_file(record: dict, body: str, comments: dict[str, list[str]] | None = None,
                header: list[str] | None = None, footer: list[str] | None = None) -> str:
    """Front matter (one top-level key at a time, each with its comment lines) + body."""
    comments = comments or {}
    lines = ["---", *(f"# {c}" for c in header or [])]
    for key, value in record.items():
        lines += [f"# {c}" for c in comments.get(key, [])]
        lines.append(dump_yaml({key: value}).rstrip("\n"))
    lines += [f"# {c}" for c in footer or []]
    lines.append("---")
    return "\n".join(lines) + "\n" + (body.strip() + "\n" if body.strip() else "")


# --- the commented template of `new` --------------------------------------------------


COMMENT_WIDTH = 110
# What only the vocabularies can say (the schema names the vocabulary, not its codes).
_VOCABULARY_LINES = {
    "province": lambda vocab: ["Mã tỉnh/thành: xem registry/data/provinces.yaml (ví dụ lang-son)."],
    "term": lambda vocab: [f"Danh mục nhiệm kỳ: {', '.join(vocab.terms)}."],
    "parties": lambda vocab: ["Mã được phép:", *(f"  {p.code}: {p.name} ({p.short})" for p in vocab.parties.values())],
    "topics": lambda vocab: ["Mã được phép:", *(f"  {t.code}: {t.name}" for t in vocab.topics.values())],
}


def field_comments(vocab: Vocabularies, schema: dict | None = None) -> dict[str, list[str]]:
    """Vietnamese help above each field, generated from the schema (description, type, limits,
    allowed values with their names, the keys of list items) and the vocabularies: the same
    words as the page 'Các trường của một bản ghi', never a hand-written copy."""
    from registry.site.field_reference import describe_fields  # the schema's own wording

    comments = {}
    for doc in describe_fields(schema or load_schema()):
        lines = _wrap(doc.description)
        facts = [doc.type, doc.limits, "bắt buộc" if doc.required else "không bắt buộc"]
        lines += _wrap("Kiểu: " + "; ".join(f for f in facts if f) + ".")
        if doc.allowed and doc.path not in _VOCABULARY_LINES:
            lines += _wrap("Giá trị: " + ", ".join(f"{value} ({name})" if name else value for value, name in doc.allowed) + ".")
        for child in doc.children:
            lines += _wrap(f"  {child.path.split('.')[-1]}: {child.type}" + (f" — {child.description}" if child.description else ""))
        lines += _VOCABULARY_LINES.get(doc.path, lambda vocab: [])(vocab)
        comments[doc.path] = lines
    return comments


def _wrap(text: str) -> list[str]:
    indent = " " * (len(text) - len(text.lstrip()))
    return textwrap.wrap(text, COMMENT_WIDTH, subsequent_indent=indent + "  ", break_long_words=False,
                         break_on_hyphens=False) or [""]


def new_record(*, title: str | None, province: str | None, level: str, unit: str | None, signed: str | None,
               term: str | None, parties: list[str], publisher: str | None, source_url: str | None,
               today: dt.date) -> dict:
    """The front matter of a fresh record: what the editor gave, null/empty for the rest."""
    record = {
        "title": title, "number": None, "province": province, "level": level, "unit": unit,
        "signed": signed, "effective": None, "term": term, "period": None, "kind": None, "parties": parties,
        "signatories": [], "structure": {"chapters": None, "articles": None}, "topics": [], "principles": [],
        "status": None, "status_source": None,
        "events": [{"kind": "ky-ket", "date": signed, "note": None, "source": 1}] if signed else [],
        "relations": [],
        "sources": [{"publisher": publisher, "title": None, "date": None, "author": None, "url": source_url}],
        "uncertain": [{"field": "province", "reason": "chua-ro", "note": None}] if province is None else [],
        "added": today.isoformat(),
    }
    return record


def render_new(record: dict, vocab: Vocabularies) -> str:
    header = ["Bản ghi quy chế phối hợp. Mỗi dòng '#' là hướng dẫn, có thể xóa khi đã điền xong.",
              "Kiểm tra: python -m registry validate <tệp>"]
    footer = ["Sau dòng --- dưới đây: viết 2–4 câu tóm tắt bằng lời của mình và ghi nguồn (không chép nguyên bài)."]
    return render_file(record, "", field_comments(vocab), header, footer)
