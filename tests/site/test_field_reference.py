"""The generated field reference page, and the contributor guide that points editors to it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import markdown
import pytest

from registry.records.loader import load_registry
from registry.records.schema import load_schema
from registry.records.text import vi_sort_key
from registry.records.vocab import Party, load_vocabularies
from registry.site.field_reference import EXAMPLES, describe_fields, field_reference_markdown
from registry.site.rendering import md_cell

ROOT = Path(__file__).parents[2]
AGREEMENTS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def page() -> str:
    return field_reference_markdown()


def _section(page: str, heading: str) -> str:
    """The text from a heading line to the next heading of any level."""
    start = page.index(heading + "\n")
    following = re.search(r"^#{1,6} ", page[start + len(heading) :], re.M)
    return page[start : start + len(heading) + following.start()] if following else page[start:]


def _first_column_names(table_text: str) -> list[str]:
    """The second cell of each body row of the Markdown tables in `table_text` (the name column)."""
    rows = [line for line in table_text.splitlines() if line.startswith("| `")]
    return [row.split(" | ")[1] for row in rows]


# -- the field reference page ------------------------------------------------------------------


def test_every_schema_property_is_described(page: str) -> None:
    schema = load_schema()
    for name in schema["properties"]:
        assert f"### `{name}`" in page, name
    nested = [child.path for doc in describe_fields(schema) for child in doc.children]
    assert "sources[].url" in nested and "structure.chapters" in nested
    for path in nested:
        assert f"`{path}`" in page, path


def test_required_fields_and_enum_names_come_from_the_schema_and_model(page: str) -> None:
    summary = _section(page, "## Tóm tắt các trường")
    for name in load_schema()["properties"]:
        required = name in load_schema()["required"]
        assert re.search(rf"^\| \[`{name}`\]\(#[^)]+\) \| {'có' if required else 'không'} \|", summary, re.M), name
    assert "| `con-hieu-luc` | Còn hiệu lực |" in page
    assert "`so-ket` (Sơ kết)" in page
    assert "`phat-trien-tu` (Xây dựng trên cơ sở / Được phát triển thành)" in page
    assert "`nam-suy-luan` (năm được suy luận)" in page


def test_every_enum_value_has_a_vietnamese_name() -> None:
    docs = describe_fields(load_schema())
    enums = [d for doc in docs for d in (doc, *doc.children) if d.allowed and d.path != "uncertain[].field"]
    assert {d.path for d in enums} == {"level", "kind", "status", "events[].kind", "relations[].type",
                                       "sources[].language", "uncertain[].reason"}
    for doc in enums:
        assert all(name for _, name in doc.allowed), f"{doc.path}: add the names to registry/model.py"


def test_every_vocabulary_code_appears(page: str) -> None:
    vocab = load_vocabularies()
    for party in vocab.parties.values():
        assert f"| `{party.code}` | {md_cell(party.name)} | {md_cell(party.short)} |" in page
    for topic in vocab.topics.values():
        assert f"| `{topic.code}` | {md_cell(topic.name)} |" in page
    for term in vocab.terms.values():
        assert f"| `{term.code}` | {md_cell(term.name)} |" in page
    current = _section(page, f"#### Tỉnh/thành hiện nay ({len(vocab.current)})")
    former = _section(page, f"#### Tỉnh/thành trước ngày 01/07/2025 ({len(vocab.former)})")
    assert len(vocab.current) == 34 and len(vocab.former) == 63
    for unit in vocab.current.values():
        assert f"| `{unit.slug}` | {unit.name} |" in current
    for unit in vocab.former.values():
        successor = vocab.current[unit.successor]
        assert f"| `{unit.slug}` | {unit.name} | {successor.name} (`{successor.slug}`) |" in former


def test_former_units_show_their_successor_and_current_units_their_predecessors(page: str) -> None:
    assert "| `bac-giang` | Bắc Giang | Bắc Ninh (`bac-ninh`) |" in page
    assert "| `tien-giang` | Tiền Giang | Đồng Tháp (`dong-thap`) |" in page
    assert "| `phu-tho` | Phú Thọ | Hòa Bình, Phú Thọ, Vĩnh Phúc |" in page


def test_lists_are_in_vietnamese_alphabetical_order(page: str) -> None:
    vocab = load_vocabularies()
    tables = {
        "### Cơ quan ký (`parties`)": len(vocab.parties),
        "### Nội dung phối hợp (`topics`)": len(vocab.topics),
        f"#### Tỉnh/thành hiện nay ({len(vocab.current)})": len(vocab.current),
        f"#### Tỉnh/thành trước ngày 01/07/2025 ({len(vocab.former)})": len(vocab.former),
    }
    for heading, count in tables.items():
        names = _first_column_names(_section(page, heading))
        assert len(names) == count, heading
        assert names == sorted(names, key=vi_sort_key), heading
    former = _first_column_names(_section(page, "#### Tỉnh/thành trước ngày 01/07/2025 (63)"))
    # ă after a, đ after d and before e/g (Python's default order puts Đ after Y).
    assert former.index("Bạc Liêu") < former.index("Bắc Giang")
    assert former.index("Cần Thơ") < former.index("Đắk Lắk") < former.index("Điện Biên") < former.index("Gia Lai")


def test_values_from_the_data_are_escaped() -> None:
    vocab = load_vocabularies()
    hostile = Party("xau", "Cơ quan <script>alert(1)</script> | [x](javascript:alert(1))", "A|B")
    text = field_reference_markdown(vocab=dataclasses.replace(vocab, parties={**vocab.parties, "xau": hostile}))
    (row,) = [line for line in text.splitlines() if line.startswith("| `xau` |")]
    assert "<script>" not in text and "&lt;script&gt;" in row
    assert row.count("|") == 4 and row.count("&#124;") == 2  # still three cells
    html = markdown.markdown(text, extensions=["tables"])
    assert "<td>Cơ quan &lt;script&gt;alert(1)&lt;/script&gt; &#124; [x](javascript:alert(1))</td>" in html
    assert 'href="javascript' not in html


def test_the_page_renders_as_markdown_tables(page: str) -> None:
    html = markdown.markdown(page, extensions=["toc", "tables", "fenced_code"])
    assert html.count("<h1") == 1 and "<h1" in html.split("\n")[0]
    assert html.count("<table>") == page.count("\n|---|")
    assert 'id="danh-muc-tinh-thanh"' in html and 'href="#danh-muc-tinh-thanh"' in html
    for anchor in set(re.findall(r'href="#([^"]+)"', html)):
        assert f'id="{anchor}"' in html, anchor


def test_the_output_is_stable(page: str) -> None:
    assert field_reference_markdown() == page


def test_every_field_has_an_example_and_together_they_validate(tmp_path: Path) -> None:
    assert list(EXAMPLES) == list(load_schema()["properties"])
    front_matter = "\n".join(EXAMPLES.values())
    record = f"---\n{front_matter}\n---\nVí dụ ghép từ các ví dụ của trang Các trường của một bản ghi.\n"
    result = _load_with_targets(tmp_path, "lang-son/2022-05-06-vi-du", record)
    assert [str(p) for p in result.problems] == []


def _load_with_targets(tmp_path: Path, record_id: str, text: str):
    """Load one record in an empty registry, plus the real records its relations point at."""
    root = tmp_path / "agreements"
    for target in re.findall(r"^\s+target: (\S+)", text, re.M):
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(AGREEMENTS / f"{target}.md", root / f"{target}.md")
    (root / record_id).parent.mkdir(parents=True, exist_ok=True)
    (root / f"{record_id}.md").write_text(text, encoding="utf-8")
    return load_registry(root, today=TODAY)


# -- the contributor guide -----------------------------------------------------------------------


def _guide() -> str:
    return CONTRIBUTING.read_text(encoding="utf-8")


def _commented_template() -> str:
    """The record inside the 'mau-ban-ghi' snippet section of CONTRIBUTING.md, without the fence."""
    section = re.search(r"\[start:mau-ban-ghi\].*?\n```yaml\n(.*?)```\n.*?\[end:mau-ban-ghi\]", _guide(), re.S)
    assert section, "CONTRIBUTING.md must hold the template between the mau-ban-ghi snippet markers"
    return section.group(1)


def test_the_commented_template_validates(tmp_path: Path) -> None:
    result = _load_with_targets(tmp_path, "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq", _commented_template())
    assert [str(p) for p in result.problems] == []
    (record,) = [a for a in result.registry.agreements if a.id.endswith("doan-dbqh-tt-hdnd-ubnd-btt-ubmttq")]
    assert set(record.data) == set(load_schema()["properties"]), "the template shows every field"


def test_every_line_of_the_template_is_explained() -> None:
    front_matter = _commented_template().split("---\n")[1]
    previous = ""
    for line in front_matter.splitlines():
        explained = "#" in line or previous.lstrip().startswith("#")
        assert explained, f"no comment on or above: {line}"
        previous = line


def test_error_examples_are_real_validator_output() -> None:
    block = re.search(r"## Đọc thông báo lỗi.*?```text\n(.*?)```", _guide(), re.S).group(1)
    expected = {
        line
        for path in (ROOT / "tests" / "cases" / "invalid").glob("*/expected.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    examples = block.strip().splitlines()
    assert len(examples) >= 3
    for line in examples:
        assert line in expected, line


def test_the_guide_names_every_uncertainty_reason() -> None:
    reasons = load_schema()["properties"]["uncertain"]["items"]["properties"]["reason"]["enum"]
    for reason in reasons:
        assert f"- `{reason}` — " in _guide(), reason


def test_site_pages_include_the_guide_instead_of_copying_it() -> None:
    assert '--8<-- "CONTRIBUTING.md"' in (ROOT / "docs" / "dong-gop.md").read_text(encoding="utf-8")
    assert '--8<-- "CONTRIBUTING.md:mau-ban-ghi"' in (ROOT / "docs" / "mau-ban-ghi.md").read_text(encoding="utf-8")
