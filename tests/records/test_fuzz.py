"""Fuzzing: generated front matter and bodies never make `validate` raise, and whatever validates
builds, in bounded time, into well-formed HTML, JSON, CSV and Atom.

Hypothesis mutates a valid record (any field replaced by text with any Unicode character, numbers,
floats, nulls, lists, mappings; raw characters spliced into the YAML; Markdown-heavy bodies up to
the summary limit). Every example is loaded with the real loader. The records that validate are
then built together in one real `mkdocs build --strict` and every output file is parsed.
The example budget is fixed (derandomised, no deadline flakiness): it runs in CI like any test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import build_site, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.records.frontmatter import read_source
from registry.records.loader import load_registry
from registry.records.textpolicy import MAX_SUMMARY_CHARS

TODAY = dt.date(2026, 11, 23)
BASE = {
    "title": "Quy chế phối hợp giữa Thường trực HĐND và UBND tỉnh Lạng Sơn",
    "number": None,
    "province": "lang-son",
    "level": "tinh",
    "signed": "2022-05-06",
    "term": "2021-2026",
    "parties": ["tt-hdnd", "ubnd"],
    "topics": ["giam-sat"],
    "structure": {"chapters": 3, "articles": 17},
    "events": [{"kind": "ky-ket", "date": "2022-05-06", "source": 1}],
    "sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế phối hợp", "date": "2022-05-07",
                 "url": "https://baolangson.vn/ky-ket"}],
    "added": "2026-11-20",
}
STRING_PATHS = [("title",), ("number",), ("unit",), ("sources", 0, "publisher"), ("sources", 0, "title"),
                ("sources", 0, "url"), ("sources", 0, "author"), ("events", 0, "note"), ("principles",)]
# Markdown's special characters, Unicode line breaks, controls, bidi, invisible and noncharacters.
MARKDOWN = "[]()!*_`<>#-+=|&\\:;\"' \n\n\t1.aĐđ"
SPECIAL = "\x00\x07\x1b\x7f\x85\x9b\u00ad\u200b\u200e\u202e\u2028\u2029\u2066\ufeff\ufffe\uffff\U0001fffe"
# Printable text (what an editor may well write: any script, symbols, emoji, combining marks)...
printable = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Cf"]), min_size=10, max_size=60)
# ...and text with anything at all in it.
text = st.text(st.characters(codec="utf-8"), max_size=40) | st.text(st.sampled_from(SPECIAL + "aB é"), max_size=20) | printable
scalar = st.none() | st.booleans() | st.integers(-10, 10**20) | st.floats(allow_nan=True) | text
value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6)
markdown_body = st.text(st.sampled_from(MARKDOWN), max_size=400).map(lambda t: "Tóm tắt " + t)
pathological_body = st.builds(
    lambda unit, n: ("Tóm tắt " + unit * n)[:MAX_SUMMARY_CHARS],
    st.sampled_from(["[", "[](", "![", "1. ", "a\n=\n", "> ", "*a", "`", "[a](b ", "<http://", "![a](x) "]),
    st.integers(1, MAX_SUMMARY_CHARS),
)
body = markdown_body | pathological_body | st.text(st.sampled_from(MARKDOWN + SPECIAL), max_size=400)
# Mostly-valid records (so that many validate and get built) and plainly hostile ones.
gentle = st.sampled_from(STRING_PATHS[:5]).flatmap(lambda path: st.tuples(st.just(path), printable))

ACCEPTED: dict[str, str] = {}  # records that validated (40 short, 20 long at most), for the build test


@st.composite
def record_files(draw) -> str:
    data = json.loads(json.dumps(BASE))
    for path, item in draw(st.lists(gentle, max_size=3)):
        _set(data, path, item)
    hostile = draw(st.booleans())
    if hostile:
        for path in draw(st.lists(st.sampled_from(STRING_PATHS), max_size=3)):
            _set(data, path, draw(text))
        for key in draw(st.lists(st.sampled_from([*BASE, "effective", "unit", "uncertain", "relations", "former_ids", "bogus"]), max_size=2)):
            data[key] = draw(value)
    if draw(st.booleans()):
        data["structure"] = {"chapters": draw(st.integers(1, 50) | st.floats(0, 99)), "articles": draw(st.integers(1, 500) | st.floats(0, 999))}
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if hostile and draw(st.booleans()):  # raw characters anywhere in the YAML
        at = draw(st.integers(0, len(front)))
        front = front[:at] + draw(st.text(st.sampled_from(SPECIAL + ":-[]{}&*!|>'\"#\n "), max_size=5)) + front[at:]
    return f"---\n{front}---\n{draw(body)}\n"


def _set(data: dict, path: tuple, item) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = item


@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(record_files())
def _validate_never_raises(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz") / "agreements" / "lang-son"
    folder.mkdir(parents=True)
    (folder / "2022-05-06-tt-hdnd-ubnd.md").write_bytes(text.encode("utf-8"))
    read_source("x.md", text.encode("utf-8"))  # must not raise either
    result = load_registry(folder.parent, today=TODAY)
    assert result.ok == (result.registry is not None)
    for problem in result.problems:
        assert problem.line >= 1 and problem.message and "Traceback" not in problem.message
    long = len(text) > 5_000
    if result.ok and sum(1 for t in ACCEPTED.values() if (len(t) > 5_000) == long) < (20 if long else 40):
        ACCEPTED[f"{len(ACCEPTED) + 1}"] = text


def test_validate_never_raises_on_generated_records(tmp_path_factory):
    _validate_never_raises(tmp_path_factory)
    assert ACCEPTED, "the fuzzer should also produce records that validate"


def test_what_validates_builds_into_well_formed_outputs(tmp_path, tmp_path_factory):
    if not ACCEPTED:
        _validate_never_raises(tmp_path_factory)
    # One signing date each, so that no two say the same agreement; keep those that load together.
    dates = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(len(ACCEPTED))]
    records = {f"lang-son/{day}-tt-hdnd-ubnd.md": text.replace("'2022-05-06'", f"'{day}'")
               for day, text in zip(dates, ACCEPTED.values(), strict=True)}
    for _ in range(3):
        result = load_registry(_write(tmp_path / "check", records), today=TODAY)
        bad = {p.path.removeprefix("agreements/") for p in result.problems}
        records = {name: text for name, text in records.items() if name not in bad}
    assert load_registry(_write(tmp_path / "check2", records), today=TODAY).ok
    assert len(records) >= 20 and sum(len(t) > 5_000 for t in records.values()) >= 5  # short and long bodies
    build = build_site(make_project(tmp_path / "project", records), tmp_path / "site")
    assert build.returncode == 0, build.output[-3000:]
    assert build.seconds < 300
    site = build.site
    for page in site.rglob("*.html"):
        _well_formed_html(page)
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in site.rglob("*.xml"):
        ET.parse(path)
    table = list(csv.reader(io.StringIO((site / "api/v1/quy-che.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert len(table) == len(records) + 1 and len({len(row) for row in table}) == 1
    for name in records:
        assert (site / "quy-che" / name.removesuffix(".md") / "index.html").exists()


def _write(root: Path, records: dict[str, str]) -> Path:
    for name, text in records.items():
        path = root / "agreements" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "agreements"


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "path",
        "circle", "rect", "polygon", "line", "use", "stop", "ellipse", "polyline"}


class _Balance(HTMLParser):
    """Every element closed in order; no raw control character or noncharacter in the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()


def _well_formed_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not any(c in text for c in "\x00\x07\x1b\ufffe\uffff\u202e"), path
    parser = _Balance()
    parser.feed(text)
    parser.close()
    assert parser.stack in ([], ["html"], ["html", "body"]), f"{path}: unclosed {parser.stack[-5:]}"
