"""The one schema of a record, and its errors turned into plain-Vietnamese Problems."""

from __future__ import annotations

import difflib
import functools
import json

import fastjsonschema
import jsonschema

from registry.records.frontmatter import SourceFile
from registry.records.problems import Problem
from registry.records.vocab import DATA_DIR

SCHEMA_PATH = DATA_DIR / "agreement.schema.json"
_TYPE_NAMES = {
    "string": "chuỗi chữ", "integer": "số nguyên", "array": "danh sách", "object": "nhóm trường",
    "null": "để trống (null)", "boolean": "đúng/sai", "number": "số",
}
_PATTERN_HINTS = {
    "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|XXXX-": "cần ngày dạng YYYY-MM-DD, YYYY-MM, YYYY, hoặc XXXX-MM-DD khi nguồn không nêu năm (ví dụ 2022-05-06, XXXX-10-14)",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "cần ngày dạng YYYY-MM-DD (ví dụ 2022-05-06)",
    "^https?://": "chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "cần mã chữ thường không dấu, nối bằng gạch ngang (ví dụ lang-son)",
    "^[0-9]{4}-[0-9]{4}$": "cần khoảng năm dạng NNNN-NNNN (ví dụ 2021-2026)",
    "^[a-z0-9]+(-[a-z0-9]+)*/": "cần mã bản ghi dạng tỉnh/tên-tệp (ví dụ lang-son/2021-10-05-tt-hdnd-ubnd)",
}


@functools.cache
def load_schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema())


@functools.cache
def _fast_check():
    return fastjsonschema.compile(load_schema())


def schema_problems(source: SourceFile) -> list[Problem]:
    """Every place where the front matter breaks the schema.

    A compiled validator answers "valid?" ~14x faster; only files that fail it
    pay for jsonschema, which lists every error with its path.
    """
    try:
        _fast_check()(source.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(_validator().iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path)))
    return [_to_problem(source, error) for error in errors]


@functools.cache
def schema_defaults() -> dict:
    """Value of each optional field when a record leaves it out, derived from the schema."""
    schema = load_schema()
    required = set(schema["required"])
    return {
        name: _default_for(spec)
        for name, spec in schema["properties"].items()
        if name not in required and _default_for(spec) is not _NO_DEFAULT
    }


@functools.cache
def item_defaults(list_field: str) -> dict:
    """Optional keys of one item of a list of objects ('events', 'sources'…) with their empty values."""
    item = load_schema()["properties"][list_field]["items"]
    required = set(item.get("required", ()))
    defaults = {name: _default_for(spec) for name, spec in item["properties"].items() if name not in required}
    # A key with no empty value of its own (an enum such as sources[].language) is absent: None.
    return {name: None if value is _NO_DEFAULT else value for name, value in defaults.items()}


_NO_DEFAULT = object()


def _default_for(spec: dict):
    kind = spec.get("type")
    if spec.get("$ref", "").endswith("_or_null") or (isinstance(kind, list) and "null" in kind):
        return None
    if kind == "array":
        return []
    if kind == "object":
        return {name: _default_for(sub) for name, sub in spec.get("properties", {}).items()}
    return _NO_DEFAULT


def field_name(path) -> str:
    """('sources', 0, 'url') -> 'sources[1].url' (list positions counted from 1)."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "front matter"


def _to_problem(source: SourceFile, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    line = source.line_of(path)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        if not path:  # a top-level field belongs in the front matter: point at its closing '---'
            return Problem(source.path, max(source.body_line - 1, 1), missing,
                           f"thiếu trường bắt buộc '{missing}'; thêm dòng '{missing}: …' vào phần đầu tệp, trước dòng '---' này")
        return Problem(source.path, line, field_name(path + (missing,)), f"thiếu trường bắt buộc '{missing}' trong mục này")
    if error.validator == "additionalProperties":
        return _unknown_field(source, path, error)
    return Problem(source.path, line, field_name(path), _message(error))


def _unknown_field(source: SourceFile, path: tuple, error) -> Problem:
    allowed = sorted(error.schema.get("properties", {}))
    extra = sorted(set(error.instance) - set(allowed))[0]
    close = difflib.get_close_matches(extra, allowed, n=1)
    hint = f"; có phải '{close[0]}'?" if close else ""
    message = f"trường '{extra}' không có trong lược đồ{hint} Các trường được phép: {', '.join(allowed)}"
    return Problem(source.path, source.line_of(path + (extra,)), field_name(path + (extra,)), message)


def _message(error: jsonschema.ValidationError) -> str:
    found = _show(error.instance)
    kind, expected = error.validator, error.validator_value
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        return f"cần {' hoặc '.join(_TYPE_NAMES[t] for t in types)}, nhận được {found}"
    if kind == "enum":
        return f"giá trị {found} không hợp lệ; được phép: {', '.join(str(v) for v in expected if v is not None)}"
    if kind == "pattern":
        hint = next((h for p, h in _PATTERN_HINTS.items() if expected.startswith(p)), f"cần khớp mẫu {expected}")
        return f"{hint}, nhận được {found}"
    if kind == "minItems":
        return f"cần ít nhất {expected} mục, nhận được {len(error.instance)}"
    if kind == "uniqueItems":
        return f"danh sách có mục bị lặp: {found}"
    if kind in ("minLength", "maxLength"):
        bound = "ít nhất" if kind == "minLength" else "nhiều nhất"
        return f"cần {bound} {expected} ký tự, nhận được {len(error.instance)}"
    if kind in ("minimum", "maximum"):
        bound = "nhỏ nhất" if kind == "minimum" else "lớn nhất"
        return f"giá trị {bound} là {expected}, nhận được {found}"
    return error.message


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"
