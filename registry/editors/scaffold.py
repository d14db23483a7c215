"""Build new record files: names, display forms, commented YAML (pure functions).

`python -m registry new` and `python -m registry draft` both end here: they
decide the facts, this module turns facts into a correctly named file whose
front matter reads back through `registry.records.frontmatter.read_source`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

import yaml

from registry.records.frontmatter import without_timestamps
from registry.records.model import UNKNOWN_PROVINCE_FOLDER, file_stems, party_codes_of
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


def field_comments(vocab: Vocabularies) -> dict[str, list[str]]:
    """Vietnamese help above each field: what it means and what is allowed."""
    parties = [f"  {p.code}: {p.name} ({p.short})" for p in vocab.parties.values()]
    topics = [f"  {t.code}: {t.name}" for t in vocab.topics.values()]
    return {
        "title": ["Tên quy chế, đủ dấu, như trong văn bản hoặc mô tả ngắn (10–400 ký tự)."],
        "number": ["Số hiệu văn bản, ví dụ 794/QCPH-TTHĐND-UBND-BTTUBMTTQ; để null nếu nguồn không nêu."],
        "province": ["Mã tỉnh/thành tại thời điểm ký (xem registry/data/provinces.yaml), ví dụ lang-son.",
                     "Nếu nguồn không nêu: để null và thêm mục uncertain với field: province."],
        "level": ["Cấp: tinh (tỉnh/thành phố), huyen (huyện/quận/thị xã; chỉ với quy chế ký trước 01/07/2025),",
                  "xa (xã/phường/đặc khu, cả trước và sau 2025)."],
        "unit": ["Tên đơn vị cấp huyện/xã khi level là huyen hoặc xa, ví dụ: xã Tân Lập; cấp tỉnh để null."],
        "signed": ["Ngày ký đúng như nguồn nêu (ISO 8601-2/EDTF): 2024-01-25, 2024-01 (tháng), 2024 (năm),",
                   "hoặc \"XXXX-10-14\" khi nguồn chỉ nêu ngày, tháng. Không tự điền năm: năm suy ra được",
                   "thì ghi ở uncertain (field: signed, reason: nam-suy-luan, suggested: \"2021\", note: cách suy ra).",
                   "null nếu chưa rõ (và ghi vào uncertain). Tên tệp bắt đầu bằng ngày này (xxxx-10-14-…)."],
        "effective": ["Ngày có hiệu lực nếu nguồn nêu (cùng các dạng như signed), ngược lại để null."],
        "term": [f"Nhiệm kỳ như nguồn ghi, dạng NNNN-NNNN. Danh mục: {', '.join(vocab.terms)}."],
        "period": ["Giai đoạn (\"giai đoạn 2025–2030\") khi nguồn nêu giai đoạn thay cho nhiệm kỳ, dạng NNNN-NNNN;",
                   "ghi đúng cái nguồn nói, không đổi giai đoạn thành nhiệm kỳ."],
        "kind": ["Loại văn bản: quy-che-phoi-hop (mặc định khi null), quy-che-lien-tich, chuong-trinh-phoi-hop,",
                 "ke-hoach-phoi-hop, thoa-thuan-phoi-hop."],
        "parties": ["Các bên ký (ít nhất hai), theo thứ tự trong văn bản. Mỗi bên là một mã, hoặc nhóm trường:",
                    "  - {party: tt-hdnd, level: xa, count: 15, unit: \"15 phường\"}  (cấp khác, nhiều cơ quan)",
                    "  - {party: bao-dai, name: \"Báo và Phát thanh, Truyền hình Thanh Hóa\"}  (tên cụ thể)",
                    "  - {name: \"Liên hiệp các tổ chức hữu nghị tỉnh …\"}  (cơ quan chưa có trong danh mục)",
                    "Mã được phép:", *parties],
        "signatories": ["Người ký khi nguồn nêu: - name: họ tên / position: chức vụ / party: mã bên ký."],
        "structure": ["Bố cục: số chương (chapters) và số điều (articles); null nếu chưa rõ."],
        "topics": ["Nội dung phối hợp (mã chủ đề), chỉ ghi những gì nguồn nêu. Mã được phép:", *topics],
        "principles": ["Nguyên tắc phối hợp, mỗi ý một dòng bắt đầu bằng '- '."],
        "status": ["Thường để null: trang tự suy ra tình trạng (bị thay thế, được sửa đổi, chưa rõ) từ quan hệ.",
                   "Chỉ ghi con-hieu-luc hoặc het-hieu-luc khi một nguồn nói vậy, kèm status_source."],
        "status_source": ["Số thứ tự nguồn (từ 1) nói quy chế còn/hết hiệu lực; chỉ dùng kèm status."],
        "events": ["Sự kiện: kind là ky-ket, so-ket, tong-ket, sua-doi, ban-hanh (ban hành bằng quyết định),",
                   "trien-khai (hội nghị triển khai) hoặc khac; date như signed (ngày của ky-ket phải trùng signed);",
                   "source là số thứ tự nguồn trong danh sách sources (từ 1)."],
        "relations": ["Quan hệ tới quy chế khác: type là phat-trien-tu, thay-the hoặc sua-doi; kèm",
                      "target: mã bản ghi tỉnh/tên-tệp (không có .md), ví dụ lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq,",
                      "hoặc document: {number: \"06/QC-…\", date: \"2019-05-10\"} cho văn bản chưa có trong sổ."],
        "sources": ["Nguồn (ít nhất một): publisher (cơ quan/báo đăng), title (tiêu đề bài), date (ngày đăng),",
                    "author (tác giả), url (chỉ http:// hoặc https://), language (vi mặc định; en cho bài tiếng Anh)."],
        "uncertain": ["Điều chưa chắc chắn: field (tên trường), reason là chua-ro, suy-luan, nam-suy-luan,",
                      "nguon-khong-neu hoặc can-kiem-tra; note giải thích; suggested là giá trị gợi ý.",
                      "Sổ không bao giờ tự bịa thông tin: điều gì chưa rõ thì ghi vào đây."],
        "added": ["Ngày bản ghi được thêm vào sổ (tự điền)."],
    }


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
