"""Read an agreement file: checks on the raw bytes, then YAML with line numbers.

MkDocs' own `page.meta` swallows YAML errors and PyYAML's safe loader has traps
(a bare ValueError for 2024-13-01, duplicate keys silently kept, anchors that
allow alias bombs). We compose the YAML node tree ourselves so every value
keeps its line, dates stay strings, and anything unsafe becomes a Problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from registry.records.problems import Problem
from registry.records.textpolicy import BIDI, character_problem, codepoint
from registry.records.yaml_errors import explain_yaml_error

MAX_FILE_BYTES = 200_000
FENCE = "---"

# Tags a plain YAML document may carry; anything else is a custom tag.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "seq", "map")
}

Path = tuple  # a path into the data: ("sources", 0, "url")


@dataclass
class SourceFile:
    """A parsed agreement file: front matter data, body text and line numbers."""

    path: str
    data: dict = field(default_factory=dict)
    body: str = ""
    lines: dict[Path, int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, path: Path) -> int:
        """Line of the value at `path`, or of its nearest ancestor."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


# libyaml's parser is ~15x faster than the pure-Python one: it matters at 20,000 files.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader that keeps dates as strings (the validator checks them itself)."""


def without_timestamps(resolvers: dict) -> dict:
    """PyYAML's implicit resolvers minus the one that turns 2022-05-06 into a date object."""
    return {
        first: [(tag, rx) for tag, rx in pairs if tag != "tag:yaml.org,2002:timestamp"]
        for first, pairs in resolvers.items()
    }


_Loader.yaml_implicit_resolvers = without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)


def read_source(path: str, raw: bytes) -> tuple[SourceFile | None, list[Problem]]:
    """Parse one file's bytes into (file or None, problems).

    A BOM or CRLF endings are problems but not fatal: the file is still parsed
    so that its other problems are reported in the same run.
    """
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    split = _split_front_matter(path, text)
    if isinstance(split, Problem):
        return None, problems + [split]
    yaml_text, body, body_line = split
    refused = _refused_character(path, yaml_text)
    if refused:  # the YAML reader would stop with no line and an English message
        return None, problems + [refused]
    tabs = _check_whitespace(path, yaml_text)
    if tabs:  # PyYAML's own message for a tab only repeats ours
        return None, problems + tabs
    if _too_deep(yaml_text):
        return None, problems + [Problem(path, 2, "yaml", f"YAML lồng nhau quá {MAX_DEPTH} cấp; bản ghi không cần sâu như vậy")]
    node, yaml_problem = _compose(path, yaml_text)
    if yaml_problem:
        return None, problems + [yaml_problem]
    unsafe = _unsafe_nodes(path, node)
    if unsafe:
        return None, problems + unsafe
    if not isinstance(node, yaml.MappingNode):
        return None, problems + [Problem(path, 2, "front matter", "phần đầu tệp phải là các cặp 'trường: giá trị'")]
    source = SourceFile(path, body=body, body_line=body_line)
    source.data = _construct(node, (), source.lines)
    return source, problems


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        size, limit = f"{len(raw):,}".replace(",", "."), f"{MAX_FILE_BYTES:,}".replace(",", ".")
        return None, [Problem(path, 1, "file", f"tệp quá lớn ({size} byte); tối đa {limit} byte")]
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(path, 1, "file", "tệp bắt đầu bằng BOM; hãy lưu dạng UTF-8 không BOM"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, "file", f"tệp không phải UTF-8 (byte {raw[error.start]:#04x}); hãy lưu dạng UTF-8")]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(path, line, "file", "tệp dùng xuống dòng CRLF/CR; hãy dùng LF (kiểu Unix)"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    separator = UNICODE_LINE_BREAKS.search(text)
    if separator:
        # YAML counts U+0085, U+2028 and U+2029 as line breaks, editors and GitHub do not: left
        # in, every later line number would be off. Reported once, then read as spaces.
        line = text.count("\n", 0, separator.start()) + 1
        problems.append(Problem(path, line, "file", f"có ký tự ngắt dòng Unicode ({codepoint(separator.group())}) mà trình soạn thảo không hiện; hãy thay bằng xuống dòng thường hoặc xóa"))
        text = UNICODE_LINE_BREAKS.sub(" ", text)
    return text, problems


UNICODE_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _split_front_matter(path: str, text: str) -> tuple[str, str, int] | Problem:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return Problem(path, 1, "front matter", "thiếu phần đầu YAML: dòng đầu tiên của tệp phải là '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            rest = "\n".join(lines[index + 1 :])
            body = rest.strip("\n")
            # The body's first line: after the blank lines that strip() removed (if any text).
            skipped = len(rest) - len(rest.lstrip("\n")) if body else 0
            return "\n".join(lines[1:index]) + "\n", body, index + 2 + skipped
    return Problem(path, 1, "front matter", "phần đầu YAML không có dòng '---' đóng lại")


def _refused_character(path: str, yaml_text: str) -> Problem | None:
    """A raw control character or noncharacter in the front matter, at its line."""
    found = character_problem(yaml_text)
    if found and not BIDI.match(yaml_text, found[0]):  # bidi controls are reported per field
        return Problem(path, yaml_text.count("\n", 0, found[0]) + 2, "front matter", found[1])
    return None


def _check_whitespace(path: str, yaml_text: str) -> list[Problem]:
    return [
        Problem(path, number + 2, "yaml", "có ký tự tab; YAML chỉ cho phép thụt lề bằng dấu cách")
        for number, line in enumerate(yaml_text.split("\n"))
        if "\t" in line
    ][:1]


MAX_DEPTH = 12
_OPENERS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSERS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _too_deep(yaml_text: str) -> bool:
    """Deeply nested YAML crashes parsers (recursion); count depth on the token stream first.

    The token scan is iterative; it only runs when the text could be deep at all."""
    if yaml_text.count("[") + yaml_text.count("{") < MAX_DEPTH and max(map(len, yaml_text.split("\n"))) < 200:
        indent = max((len(line) - len(line.lstrip(" ")) for line in yaml_text.split("\n")), default=0)
        if indent < 2 * MAX_DEPTH:
            return False
    depth = 0
    try:
        for token in yaml.scan(yaml_text, Loader=_Loader):
            depth += isinstance(token, _OPENERS) - isinstance(token, _CLOSERS)
            if depth > MAX_DEPTH:
                return True
    except yaml.YAMLError:
        return False  # the composer reports the syntax error with its line
    return False


def _compose(path: str, yaml_text: str) -> tuple[yaml.Node | None, Problem | None]:
    try:
        return yaml.compose(yaml_text, Loader=_Loader), None
    except yaml.MarkedYAMLError as error:
        line, message = explain_yaml_error(error, yaml_text)  # Vietnamese, with the fix
        return None, Problem(path, line + 2, "yaml", message)
    except yaml.YAMLError as error:
        return None, Problem(path, 2, "yaml", f"YAML sai cú pháp: {error}")


def _unsafe_nodes(path: str, root: yaml.Node | None) -> list[Problem]:
    """Aliases, custom tags and duplicate keys, each with its line.

    An alias makes two places share one node object; we refuse it before
    building any data, so an alias bomb is never expanded.
    """
    problems, stack, seen = [], [root] if root is not None else [], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            problems.append(Problem(path, node.start_mark.line + 2, "yaml", "không dùng neo/bí danh YAML (&, *); hãy viết giá trị trực tiếp"))
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS or not _tag_fits(node):
            problems.append(Problem(path, node.start_mark.line + 2, "yaml", f"không dùng thẻ YAML riêng ({node.tag}); hãy viết giá trị thường"))
            continue
        if isinstance(node, yaml.MappingNode):
            problems += _duplicate_keys(path, node)
            stack += [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(set(problems))


def _tag_fits(node: yaml.Node) -> bool:
    """An explicit standard tag ('!!int abc', '!!map x') must say what the value already is."""
    if isinstance(node, yaml.MappingNode):
        return node.tag == "tag:yaml.org,2002:map"
    if isinstance(node, yaml.SequenceNode):
        return node.tag == "tag:yaml.org,2002:seq"
    plain = not node.style  # libyaml gives "" for a plain scalar, PyYAML None
    implicit = (plain, not plain)
    return node.tag in (_Loader.resolve(_Loader, yaml.ScalarNode, node.value, implicit), "tag:yaml.org,2002:str")


def _duplicate_keys(path: str, node: yaml.MappingNode) -> list[Problem]:
    problems, first_line = [], {}
    for key, _ in node.value:
        line = key.start_mark.line + 2
        if not isinstance(key, yaml.ScalarNode):
            problems.append(Problem(path, line, "yaml", "tên trường phải là một từ (ví dụ title:), không phải danh sách hay nhóm"))
            continue
        if key.value in first_line:
            problems.append(Problem(path, line, str(key.value), f"trường bị lặp (đã có ở dòng {first_line[key.value]}); chỉ giữ một"))
        first_line.setdefault(key.value, line)
    return problems


def _construct(node: yaml.Node, path: Path, lines: dict[Path, int], key_line: int | None = None):
    """Plain data from a node; `lines` gets each value's line (a key's line for mapping values)."""
    lines[path] = key_line or node.start_mark.line + 2
    if isinstance(node, yaml.MappingNode):
        return {
            str(k.value): _construct(v, path + (str(k.value),), lines, k.start_mark.line + 2)
            for k, v in node.value
        }
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return _SCALAR_CONSTRUCTORS[node.tag](_CONSTRUCTOR, node)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_CONSTRUCTORS = yaml.constructor.SafeConstructor.yaml_constructors
