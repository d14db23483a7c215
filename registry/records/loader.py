"""Load the agreements folder: parse, validate, and build the Registry only if all is well."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from registry.records.frontmatter import SourceFile, read_source
from registry.records.model import Agreement, Registry, reference_date
from registry.records.problems import Problem
from registry.records.schema import schema_problems
from registry.records.validate import check_file, check_identity, check_relations
from registry.records.vocab import Vocabularies, load_vocabularies

NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class LoadResult:
    """Either a complete registry (no problems) or the full list of problems."""

    registry: Registry | None
    problems: list[Problem]
    files: int

    @property
    def ok(self) -> bool:
        return not self.problems


def agreement_files(root: Path) -> list[Path]:
    """Every Markdown file under the agreements folder, in a stable order (symbolic links
    included, so that they are reported rather than followed)."""
    return sorted(p for p in root.rglob("*.md") if p.is_file() or p.is_symlink())


def record_id(root: Path, path: Path) -> str:
    """'agreements/lang-son/2022-05-06-x.md' -> 'lang-son/2022-05-06-x'."""
    return path.relative_to(root).with_suffix("").as_posix()


def load_registry(root: Path, today: dt.date | None = None, vocab: Vocabularies | None = None) -> LoadResult:
    """Read and check every file under `root`; build the Registry when nothing is wrong."""
    vocab = vocab or load_vocabularies()
    today = today or dt.date.today()
    files = agreement_files(root)
    sources, problems = {}, []
    for path in files:
        source, file_problems = _load_file(root, path, vocab, today)
        problems += file_problems
        if source is not None:
            sources[record_id(root, path)] = source
    problems += check_relations(sources) + check_identity(sources)
    problems = sorted(set(problems))
    if problems:
        return LoadResult(None, problems, len(files))
    return LoadResult(_build(sources, vocab), [], len(files))


def _display_path(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix()


def _load_file(root: Path, path: Path, vocab: Vocabularies, today: dt.date) -> tuple[SourceFile | None, list[Problem]]:
    shown = _display_path(root, path)
    path_problem = _check_path(root, path, shown)
    if path_problem:
        return None, [path_problem]
    source, problems = read_source(shown, path.read_bytes())
    if source is None:
        return None, problems
    problems += schema_problems(source) + check_file(source, record_id(root, path), vocab, today)
    return source, problems


def _check_path(root: Path, path: Path, shown: str) -> Problem | None:
    if path.is_symlink():  # a pull request must not make CI read files outside the registry
        return Problem(shown, 1, "file", "tệp là liên kết tượng trưng (symlink); hãy thay bằng tệp thật")
    parts = path.relative_to(root).with_suffix("").parts
    if len(parts) != 2:
        return Problem(shown, 1, "file", "tệp phải nằm đúng một cấp thư mục: agreements/<tỉnh>/<tên-tệp>.md")
    if not all(NAME.match(part) for part in parts):
        return Problem(shown, 1, "file", "tên thư mục và tệp chỉ gồm chữ thường không dấu, số và gạch ngang (ví dụ 2022-05-06-tt-hdnd-ubnd.md)")
    return None


def _build(sources: dict[str, SourceFile], vocab: Vocabularies) -> Registry:
    agreements = []
    for rid, source in sources.items():
        agreement = Agreement(rid, source.path, source.data, source.body)
        agreement.province_unit = vocab.province_at(source.data.get("province"), reference_date(source.data))
        agreements.append(agreement)
    return Registry(agreements, vocab)
