"""PyYAML's syntax errors explained in Vietnamese, with the fix an editor needs.

PyYAML reports in English ('mapping values are not allowed here'); an editor needs to know
what is wrong on the line and how to write it instead. The commonest mistakes in front
matter are a colon inside a value, an unclosed list or quote, and uneven indentation.
"""

from __future__ import annotations

import re

import yaml

_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*:(\s|$)")


def explain_yaml_error(error: yaml.MarkedYAMLError, yaml_text: str) -> tuple[int, str]:
    """(0-based line in the YAML text, Vietnamese message) for a syntax error."""
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    lines = yaml_text.split("\n")
    text = lines[line] if 0 <= line < len(lines) else ""
    problem = error.problem or ""
    context = error.context or ""
    if "mapping values are not allowed" in problem:
        key = _KEY.match(text)
        if key and mark.column > key.end() - 1:  # a second ': ' after the field name
            name = text.split(":", 1)[0].strip().lstrip("- ")
            return line, (f"giá trị của '{name}' có dấu hai chấm (:); đặt giá trị trong dấu ngoặc kép, "
                          f"ví dụ {name}: \"…: …\"")
        return max(line - 1, 0), ("dòng này thiếu dấu hai chấm sau tên trường (viết 'tên: giá trị'), "
                                  "hoặc dòng sau thụt lề sai")
    if "flow sequence" in context or "flow mapping" in context:
        start = error.context_mark.line if error.context_mark else line
        closing = "]" if "sequence" in context else "}"
        return start, (f"danh sách trong ngoặc thiếu dấu phẩy giữa các mục hoặc thiếu '{closing}' đóng; "
                       "mục có dấu phẩy hay dấu hai chấm thì đặt trong dấu ngoặc kép")
    if "quoted scalar" in context:
        start = error.context_mark.line if error.context_mark else line
        return start, "dấu ngoặc kép (hoặc nháy đơn) mở ở dòng này chưa được đóng; thêm dấu đóng ở cuối giá trị"
    if "block" in context or "expected <block end>" in problem or "did not find expected key" in problem:
        return line, ("thụt lề không đều: các trường cùng cấp phải bắt đầu ở cùng một cột "
                      "(dùng dấu cách, mỗi cấp hai dấu cách)")
    if "could not find expected ':'" in problem:
        return line, "thiếu dấu hai chấm sau tên trường (viết 'tên: giá trị')"
    return line, ("YAML sai cú pháp ở dòng này; kiểm tra thụt lề (dấu cách), dấu hai chấm sau tên trường, "
                  "và đặt giá trị có ':' hoặc '#' trong dấu ngoặc kép")
