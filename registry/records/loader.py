"""Load the agreements folder: parse, validate, and build the Registry only if all is well."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from registry import forked
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


@dataclass
class LoadCache:
    """What earlier loads found in each file, for `mkdocs serve` (registry.site.preview): a file
    whose bytes did not change is not parsed or checked again. The checks across files
    (relations, look-alike records) always run on the whole registry."""

    files: dict[Path, tuple[bytes, SourceFile | None, list[Problem]]] = field(default_factory=dict)
    key: tuple = ()  # (today, vocabularies) the cached results hold for
    parsed: int = 0  # files parsed by the last load (the others came from the cache)

    def begin(self, today: dt.date, vocab: Vocabularies, files: list[Path]) -> None:
        if self.key != (today, id(vocab)):
            self.files.clear()
            self.key = (today, id(vocab))
        kept = set(files)
        for path in [p for p in self.files if p not in kept]:
            del self.files[path]
        self.parsed = 0


def agreement_files(root: Path) -> list[Path]:
    """Every record file under the agreements folder, in a stable order."""
    return discover(root)[0]


# MkDocs publishes quy-che/<tỉnh>/index.md as the folder's own page, not as a record's.
RESERVED_NAMES = {"index"}
# Files that may sit beside the province folders.
TOP_LEVEL_FILES = {"LICENSE"}
RECORD_SUFFIX = ".md"


def discover(root: Path) -> tuple[list[Path], list[Problem]]:
    """(record files, problems) for everything under `root`: anything that is not a record file
    in a province folder (wrong extension or case, a folder or special file with a record-like
    name, a symbolic link, a reserved name) is a problem, never silently skipped. Nothing is
    followed or opened here: a FIFO would block a read, a link could point outside the repository."""
    if not root.is_dir() or root.is_symlink():
        return [], [Problem(f"{root.name}/", 1, "file", "không có thư mục bản ghi (cần một thư mục thật, không phải symlink)")]
    files, problems = [], []
    for entry in _entries(root):
        kind = _kind(entry)
        if kind == "dir":
            for inner in _entries(entry):
                problem = _entry_problem(root, inner, _kind(inner))
                if problem:
                    problems.append(problem)
                else:
                    files.append(inner)
        elif not (kind == "file" and entry.name in TOP_LEVEL_FILES):
            problems.append(_top_level_problem(root, entry, kind))
    return files, problems


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def _kind(path: Path) -> str:
    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "special"


def _top_level_problem(root: Path, entry: Path, kind: str) -> Problem:
    shown = _display_path(root, entry)
    if kind == "link":
        return Problem(shown, 1, "file", "thư mục hoặc tệp là liên kết tượng trưng (symlink); hãy thay bằng thư mục thật")
    if kind == "special":
        return Problem(shown, 1, "file", "không phải tệp thường (FIFO, socket hay thiết bị); hãy xóa")
    if entry.suffix.lower() == RECORD_SUFFIX:
        return Problem(shown, 1, "file", "tệp phải nằm đúng một cấp thư mục: agreements/<tỉnh>/<tên-tệp>.md")
    return Problem(shown, 1, "file", "tệp không phải bản ghi; trong agreements/ chỉ có các thư mục tỉnh (và tệp LICENSE)")


def _entry_problem(root: Path, entry: Path, kind: str) -> Problem | None:
    """Why an entry of a province folder is not a record file to read, or None."""
    shown = _display_path(root, entry)
    if kind == "link":  # a pull request must not make CI read files outside the registry
        return Problem(shown, 1, "file", "tệp là liên kết tượng trưng (symlink); hãy thay bằng tệp thật")
    if kind == "dir":
        what = "là thư mục, không phải tệp bản ghi" if entry.suffix.lower() == RECORD_SUFFIX else "thư mục con không được phép"
        return Problem(shown, 1, "file", f"{what}; bản ghi là một tệp agreements/<tỉnh>/<tên-tệp>.md")
    if kind == "special":
        return Problem(shown, 1, "file", "không phải tệp thường (FIFO, socket hay thiết bị); hãy thay bằng tệp .md thật")
    if entry.suffix != RECORD_SUFFIX:
        if entry.suffix.lower() in (RECORD_SUFFIX, ".markdown", ".mdown", ".mkd"):
            return Problem(shown, 1, "file", f"đuôi tệp '{entry.suffix}' không được đọc; bản ghi phải có đuôi .md viết thường")
        return Problem(shown, 1, "file", "tệp không phải bản ghi (bản ghi có đuôi .md); hãy xóa hoặc đổi tên")
    if entry.stem in RESERVED_NAMES:
        return Problem(shown, 1, "file", f"tên tệp '{entry.name}' dành cho trang của thư mục; hãy đặt tên theo mẫu <ngày ký>-<các bên>.md")
    return None


def record_id(root: Path, path: Path) -> str:
    """'agreements/lang-son/2022-05-06-x.md' -> 'lang-son/2022-05-06-x'."""
    return path.relative_to(root).with_suffix("").as_posix()


def load_registry(root: Path, today: dt.date | None = None, vocab: Vocabularies | None = None,
                  cache: LoadCache | None = None) -> LoadResult:
    """Read and check every file under `root`; build the Registry when nothing is wrong.
    With a `cache`, files whose bytes are those of the last load are not parsed again."""
    vocab = vocab or load_vocabularies()
    today = today or dt.date.today()
    files, problems = discover(root)
    if cache is not None:
        cache.begin(today, vocab, files)
    sources = {}
    for path, (source, file_problems) in zip(files, _load_files(root, files, vocab, today, cache), strict=True):
        problems += file_problems
        if source is not None:
            sources[record_id(root, path)] = source
    problems += check_relations(sources) + check_identity(sources)
    problems = sorted(set(problems))
    if problems:
        return LoadResult(None, problems, len(files))
    return LoadResult(_build(sources, vocab), [], len(files))


# From this many files, two processes read them (a fork reads the second half, its results come
# back pickled): reading is the one step of a build before anything else can start.
PARALLEL_FILES = 4000


def _load_files(root: Path, files: list[Path], vocab: Vocabularies, today: dt.date,
                cache: LoadCache | None) -> list[tuple[SourceFile | None, list[Problem]]]:
    """(source, problems) of each file, in order."""
    if cache is not None or len(files) < PARALLEL_FILES or (os.cpu_count() or 1) < 2:
        return [_load_file(root, path, vocab, today, cache) for path in files]
    half = len(files) // 2
    second = forked.start("reading records", _load_some, root, files[half:], vocab, today)
    try:
        first = _load_some(root, files[:half], vocab, today)
    except BaseException:
        forked.cancel(second)
        raise
    return first + forked.result(second)


def _load_some(root: Path, files: list[Path], vocab: Vocabularies, today: dt.date):
    return [_load_file(root, path, vocab, today) for path in files]


def _display_path(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix()


def _load_file(root: Path, path: Path, vocab: Vocabularies, today: dt.date,
               cache: LoadCache | None = None) -> tuple[SourceFile | None, list[Problem]]:
    cached = cache.files.get(path) if cache is not None else None
    if cached is not None:  # same path, checked before: only the bytes can differ
        raw = path.read_bytes()
        if cached[0] == raw:
            return cached[1], list(cached[2])
    shown = _display_path(root, path)
    path_problem = _check_path(root, path, shown)
    if path_problem:
        return None, [path_problem]
    raw = path.read_bytes()
    source, problems = read_source(shown, raw)
    if source is not None:
        problems += schema_problems(source) + check_file(source, record_id(root, path), vocab, today)
    if cache is not None:
        cache.files[path] = (raw, source, list(problems))
        cache.parsed += 1
    return source, problems


def _check_path(root: Path, path: Path, shown: str) -> Problem | None:
    if path.is_symlink():  # discover() reports links; kept for callers that pass a path directly
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
