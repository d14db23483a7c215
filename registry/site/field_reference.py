"""The page "Các trường của một bản ghi": every field of a record, generated.

Everything on the page is derived from the one schema (registry/data/agreement.schema.json),
the vocabularies (registry/data/*.yaml) and the name tables in model.py, so the page can never
drift from what `validate` accepts. Only the per-field examples are written here, because the
schema has none; a test checks that together they form a valid record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from registry.records.model import (
    EVENT_NAMES,
    KIND_NAMES,
    LANGUAGE_NAMES,
    LEVEL_NAMES,
    RELATION_NAMES,
    STATUS_NAMES,
    UNCERTAIN_NAMES,
    UNKNOWN_PROVINCE_FOLDER,
)
from registry.records.schema import load_schema
from registry.records.text import format_date_vi, vi_sort_key
from registry.records.vocab import MERGER_DATE, Province, Vocabularies, load_vocabularies
from registry.site.rendering import render

TEMPLATES = Path(__file__).parent / "templates"

# Vietnamese names of enum values, by field path ("events[].kind"): the same tables the pages use.
ENUM_NAMES: dict[str, dict[str, str]] = {
    "level": LEVEL_NAMES,
    "kind": KIND_NAMES,
    "status": STATUS_NAMES,
    "events[].kind": EVENT_NAMES,
    "sources[].language": LANGUAGE_NAMES,
    "relations[].type": {code: f"{out} / {back}" for code, (out, back) in RELATION_NAMES.items()},
    "uncertain[].reason": UNCERTAIN_NAMES,
}
# Fields whose values are codes from a vocabulary: field path -> anchor of its table on the page.
VOCABULARY_OF = {
    "province": "danh-muc-tinh-thanh",
    "parties": "danh-muc-co-quan",
    "signatories[].party": "danh-muc-co-quan",
    "topics": "danh-muc-chu-de",
    "term": "danh-muc-nhiem-ky",
}
# The schema's patterns as noun phrases (a value "is" one of these).
_PATTERN_KINDS = {
    "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|XXXX-": "ngày ISO 8601-2: YYYY-MM-DD, YYYY-MM, YYYY hoặc XXXX-MM-DD (nguồn không nêu năm)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "ngày YYYY-MM-DD",
    "^https?://": "địa chỉ http:// hoặc https://",
    "^[a-z0-9]+(-[a-z0-9]+)*/": "mã bản ghi tỉnh/tên-tệp",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "mã (chữ thường không dấu, gạch ngang)",
    "^[0-9]{4}-[0-9]{4}$": "khoảng năm NNNN-NNNN",
}
_TYPE_WORDS = {
    "string": "chuỗi chữ", "integer": "số nguyên", "array": "danh sách", "object": "nhóm trường",
    "boolean": "đúng/sai", "number": "số",
}

# One example per top-level field, written as it appears in a record (YAML). Taken from the
# seed records (names of people are placeholders); together they are a complete, valid front matter (tested).
EXAMPLES: dict[str, str] = {
    "title": "title: Quy chế phối hợp công tác giữa Đoàn ĐBQH, Thường trực HĐND, UBND và Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn, nhiệm kỳ 2021–2026",
    "number": "number: 794/QCPH-TTHĐND-UBND-BTTUBMTTQ",
    "province": "province: lang-son",
    "level": "level: tinh",
    "unit": "unit: null  # cấp huyện/xã thì ghi tên, ví dụ: unit: Xã Tân Thanh",
    "signed": "signed: 2022-05-06  # nguồn chỉ nêu ngày, tháng: signed: \"XXXX-05-06\" (năm suy ra ghi ở uncertain)",
    "effective": "effective: 2022-05-06",
    "term": "term: 2021-2026",
    "period": "period: null  # chương trình nêu giai đoạn: period: 2025-2030",
    "kind": "kind: quy-che-phoi-hop",
    "parties": ("parties: [doan-dbqh, tt-hdnd, ubnd, btt-ubmttq]"
                "  # hoặc - {party: tt-hdnd, level: xa, count: 15, unit: \"15 phường\"}, - {name: \"…\"}"),
    "signatories": "signatories:\n  - name: Nguyễn Văn A\n    position: Chủ tịch UBND tỉnh\n    party: ubnd",
    "structure": "structure:\n  chapters: 3\n  articles: 17",
    "topics": "topics:\n  - giam-sat\n  - tiep-xuc-cu-tri",
    "principles": "principles:\n  - Tuân thủ pháp luật, không phát sinh thủ tục hành chính.",
    "status": "status: con-hieu-luc  # chỉ khi nguồn nói vậy; thường bỏ trống",
    "status_source": "status_source: 1",
    "events": "events:\n  - kind: ky-ket\n    date: 2022-05-06\n    note: Hội nghị ký kết tổ chức chiều 06/5/2022.\n    source: 1",
    "relations": (
        "relations:\n  - type: phat-trien-tu\n    target: lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq\n"
        "    note: Phát triển trên cơ sở Quy chế số 794/QCPH-TTHĐND-UBND-BTTUBMTTQ."
    ),
    "sources": (
        "sources:\n  - publisher: Báo Đại Đoàn Kết\n"
        "    title: \"Thái Nguyên: Ký kết Quy chế phối hợp giữa Ủy ban Mặt trận Tổ quốc tỉnh và các cơ quan\"\n"
        "    date: null\n    author: Nguyễn Phượng\n"
        "    url: http://daidoanket.vn/thai-nguyen-ky-ket-quy-che-phoi-hop-giua-uy-ban-mat-tran-to-quoc-tinh-va-cac-co-quan-5669301.html\n"
        "    language: vi"
    ),
    "uncertain": (
        "uncertain:\n  - field: effective\n    reason: suy-luan\n"
        "    note: Bài chỉ ghi quy chế có hiệu lực từ ngày ký."
    ),
    "former_ids": "former_ids: [lang-son/2022-05-06-quy-che-bon-ben]",
    "added": "added: 2026-11-20",
    "updated": "updated: 2026-11-23",
}


@dataclass
class FieldDoc:
    """One field as the page shows it."""

    path: str  # "sources[].url": list items get "[]", like validation errors' "sources[1].url"
    required: bool
    type: str
    description: str = ""
    limits: str = ""
    allowed: list[tuple[str, str]] = field(default_factory=list)  # (value, Vietnamese name)
    vocabulary: str | None = None  # anchor of the vocabulary table
    children: list[FieldDoc] = field(default_factory=list)
    example: str = ""

    @property
    def anchor(self) -> str:
        return "truong-" + self.path.replace("_", "-")


def field_reference_markdown(schema: dict | None = None, vocab: Vocabularies | None = None) -> str:
    """The Markdown of the page "Các trường của một bản ghi"."""
    schema = schema or load_schema()
    vocab = vocab or load_vocabularies()
    return render("field_reference.md.j2",
        fields=describe_fields(schema),
        schema_url=schema.get("$id", ""),
        merger_date=format_date_vi(MERGER_DATE.isoformat()),
        unknown_folder=UNKNOWN_PROVINCE_FOLDER,
        **vocabulary_tables(vocab),
    )


def describe_fields(schema: dict) -> list[FieldDoc]:
    """Every top-level property of the schema, in the schema's order, with its sub-fields."""
    required = set(schema.get("required", ()))
    return [
        _describe(name, spec, name in required, schema, EXAMPLES.get(name, ""))
        for name, spec in schema["properties"].items()
    ]


def _describe(path: str, spec: dict, required: bool, schema: dict, example: str = "") -> FieldDoc:
    spec = _resolve(spec, schema)
    doc = FieldDoc(path, required, type_text(spec), spec.get("description", ""), limits_text(spec))
    doc.example, doc.vocabulary = example, VOCABULARY_OF.get(path)
    doc.allowed = _allowed(path, spec, schema)
    doc.children = _children(path, spec, schema)
    return doc


def _resolve(spec: dict, schema: dict) -> dict:
    """Merge a local "$ref" into the spec (the spec's own keys win, e.g. its description)."""
    ref = spec.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return spec
    return {**schema["$defs"][ref.removeprefix("#/$defs/")], **{k: v for k, v in spec.items() if k != "$ref"}}


def _allowed(path: str, spec: dict, schema: dict) -> list[tuple[str, str]]:
    if path == "uncertain[].field":  # any field name of the record
        return [(name, "") for name in schema["properties"]]
    names = ENUM_NAMES.get(path, {})
    return [(value, names.get(value, "")) for value in spec.get("enum", ()) if value is not None]  # null: "type"


def _children(path: str, spec: dict, schema: dict) -> list[FieldDoc]:
    items = spec.get("items", {}) if "array" in _types(spec) else spec
    prefix = f"{path}[]." if items is not spec else f"{path}."
    required = set(items.get("required", ()))
    return [_describe(prefix + name, sub, name in required, schema) for name, sub in items.get("properties", {}).items()]


def _types(spec: dict) -> list[str]:
    kind = spec.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def type_text(spec: dict) -> str:
    """'danh sách mã (chữ thường không dấu, gạch ngang)', 'ngày YYYY-MM-DD hoặc để trống (null)'..."""
    if "enum" in spec:
        return "một giá trị trong danh sách"
    types = _types(spec)
    words = [_one_type(t, spec) for t in types if t != "null"]
    if "null" in types:
        words.append("để trống (null)")
    return " hoặc ".join(words)


def _one_type(kind: str, spec: dict) -> str:
    if kind == "array":
        items = spec.get("items", {})
        return "danh sách " + (_one_type(_types(items)[0], items) if _types(items) else "giá trị")
    pattern = spec.get("pattern", "")
    if kind == "string" and pattern:
        return next((noun for prefix, noun in _PATTERN_KINDS.items() if pattern.startswith(prefix)), _TYPE_WORDS[kind])
    return _TYPE_WORDS.get(kind, kind)


def limits_text(spec: dict) -> str:
    """The size limits of a value, in words: 'từ 10 đến 400 ký tự', 'ít nhất 2 mục, không lặp'."""
    parts = [
        _range(spec.get("minLength"), spec.get("maxLength"), "ký tự"),
        _range(spec.get("minimum"), spec.get("maximum"), ""),
        _range(spec.get("minItems"), spec.get("maxItems"), "mục"),
        "không lặp" if spec.get("uniqueItems") else "",
    ]
    return ", ".join(p for p in parts if p)


def _range(low: int | None, high: int | None, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"từ {low} đến {high}{unit}"
    if low is not None:
        return f"ít nhất {low}{unit}"
    return f"nhiều nhất {high}{unit}" if high is not None else ""


def vocabulary_tables(vocab: Vocabularies) -> dict[str, list]:
    """The controlled lists, each in Vietnamese alphabetical order (terms in time order)."""
    return {
        "parties": sorted(vocab.parties.values(), key=lambda p: vi_sort_key(p.name)),
        "topics": sorted(vocab.topics.values(), key=lambda t: vi_sort_key(t.name)),
        "terms": sorted(vocab.terms.values(), key=lambda t: (t.start, t.end)),
        "current_provinces": [
            (unit, _names(vocab.former, unit.predecessors)) for unit in _by_name(vocab.current.values())
        ],
        "former_provinces": [(unit, vocab.current[unit.successor]) for unit in _by_name(vocab.former.values())],
    }


def _by_name(units) -> list[Province]:
    return sorted(units, key=lambda u: (vi_sort_key(u.name), u.slug))


def _names(table: dict[str, Province], slugs: tuple[str, ...]) -> list[str]:
    return sorted((table[slug].name for slug in slugs if slug in table), key=vi_sort_key)
