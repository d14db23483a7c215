"""The one text policy: which characters a record may hold, and how big its summary may be.

Every string in the front matter and the summary body go through `text_problems`, so a
character that breaks an output (an XML feed refuses control characters and U+FFFE), hides
a record (a title of zero-width spaces) or reorders what a reader sees (U+202E) is refused
once, with one message per class, before anything is built. Unicode line separators are
handled earlier, on the raw file (frontmatter.py), so that line numbers stay right.

The summary limits keep rendering bounded: Python-Markdown's block parser re-reads the rest
of a paragraph after each heading or rule inside it (quadratic in the lines of one paragraph)
and recurses once per nested list or quote marker (a line of '1. 1. 1. …' overflows the
stack). A length limit, a limit on the lines of one paragraph and one on nesting make the
cost of any accepted summary linear in its length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from registry.records.problems import Problem

# C0 controls except tab and line feed (CR is normalised on the raw file), DEL, C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
# Bidirectional formatting characters: embeddings, overrides, isolates and marks.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What shows nothing on screen: whitespace, format characters (U+200B, U+2060, U+FEFF, soft
# hyphen…), fillers. A value made only of these is invisible.
_INVISIBLE_EXTRA = "\u115f\u1160\u3164\uffa0\u2800"

MAX_SUMMARY_CHARS = 20_000
MAX_PARAGRAPH_LINES = 200
MAX_NESTING = 8
# One container marker at the start of a line: a quote, a bullet or a numbered item.
_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d+\.(?=[ \t]))")


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def character_problem(text: str) -> tuple[int, str] | None:
    """(index, message) of the first character the policy refuses in `text`, else None."""
    for pattern, message in _CLASSES:
        found = pattern.search(text)
        if found:
            return found.start(), message(found.group())
    return None


_CLASSES = (
    (CONTROL, lambda c: f"có ký tự điều khiển không in được ({codepoint(c)}); hãy xóa"),
    (NONCHARACTER, lambda c: f"có ký tự {codepoint(c)} (không phải ký tự Unicode dùng được, làm hỏng tệp XML/JSON); hãy xóa"),
    (BIDI, lambda c: f"có ký tự điều khiển hướng chữ ({codepoint(c)}), có thể làm chữ hiện sai thứ tự; hãy xóa"),
)


def is_invisible(text: str) -> bool:
    """True for a non-empty value that shows nothing: only whitespace and invisible characters."""
    return bool(text) and all(_invisible(char) for char in text)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp", "Mn", "Me") or char in _INVISIBLE_EXTRA


INVISIBLE_MESSAGE = "giá trị chỉ gồm khoảng trắng hoặc ký tự vô hình (như U+200B); hãy viết nội dung thật"


def value_problem(text: str) -> str | None:
    """The policy's message for one front matter string, or None."""
    found = character_problem(text)
    if found:
        return found[1]
    if is_invisible(text):
        return INVISIBLE_MESSAGE
    return None


def body_problems(body: str) -> Iterator[tuple[int, str]]:
    """(line offset from the body's first line, message) for each summary problem."""
    if len(body) > MAX_SUMMARY_CHARS:
        size, limit = f"{len(body):,}".replace(",", "."), f"{MAX_SUMMARY_CHARS:,}".replace(",", ".")
        yield 0, f"phần tóm tắt quá dài ({size} ký tự); tối đa {limit} ký tự — hãy tóm tắt ngắn hơn"
        return
    found = character_problem(body)
    if found:
        yield body.count("\n", 0, found[0]), found[1]
    elif body.strip() and is_invisible(body):
        yield 0, "phần tóm tắt chỉ gồm khoảng trắng hoặc ký tự vô hình; hãy viết nội dung thật"
    yield from _structure_problems(body)


def _structure_problems(body: str) -> Iterator[tuple[int, str]]:
    paragraph_start, paragraph_lines = 0, 0
    for number, line in enumerate(body.split("\n")):
        if not line.strip():
            paragraph_lines = 0
            continue
        if paragraph_lines == 0:
            paragraph_start = number
        paragraph_lines += 1
        if paragraph_lines == MAX_PARAGRAPH_LINES + 1:
            yield paragraph_start, (f"một đoạn của phần tóm tắt dài quá {MAX_PARAGRAPH_LINES} dòng liền nhau; "
                                    "hãy tách đoạn bằng một dòng trống")
            return
        if _nesting(line) > MAX_NESTING:
            yield number, (f"dòng này lồng quá {MAX_NESTING} cấp danh sách/trích dẫn (>, -, *, +, 1.); "
                           "phần tóm tắt không cần sâu như vậy")
            return


def _nesting(line: str) -> int:
    """Container markers at the start of a line, plus its indentation in steps of four."""
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
    depth, position = indent // 4, 0
    while depth <= MAX_NESTING:
        marker = _MARKER.match(line, position)
        if not marker or marker.end() == position:
            break
        depth, position = depth + 1, marker.end()
    return depth


def check_summary_text(ctx) -> None:
    """A validate check: the summary body under the same policy, at its own lines."""
    source = ctx.source
    for offset, message in body_problems(source.body):
        ctx.problems.append(Problem(source.path, source.body_line + offset, "summary", message))
