"""Editor commands: python -m registry <command> (or `soqc <command>`).

Thin glue: each command parses its options, calls the library, prints.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from registry.editors import click_vi
from registry.editors.cli_editor import draft, new
from registry.records.loader import load_registry

DEFAULT_ROOT = Path("agreements")


@click.group(cls=click_vi.Group, help="Sổ Quy chế phối hợp — công cụ cho biên tập viên.")
def main() -> None:
    pass


@main.command(help="""Kiểm tra các tệp bản ghi và báo mọi lỗi cùng lúc.

Mỗi lỗi một dòng: tệp:dòng: trường: lỗi gì, được phép gì. Thoát với mã 1 nếu có lỗi.

Ví dụ: python -m registry validate agreements/lang-son""")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[ĐƯỜNG_DẪN]...")
@click.option("--root", type=click.Path(path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="Thư mục chứa toàn bộ bản ghi (để kiểm tra quan hệ giữa các bản ghi).")
def validate(paths: tuple[Path, ...], root: Path) -> None:
    if not root.is_dir():
        raise click.ClickException(f"không thấy thư mục bản ghi '{root}'; chạy lệnh ở thư mục gốc của dự án hoặc dùng --root")
    result = load_registry(root)
    shown = [p for p in result.problems if _selected(p.path, root, paths)]
    for problem in shown:
        click.echo(str(problem))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            click.echo(problem.github_annotation())
    files = {p.path for p in shown}
    if shown:
        click.echo(f"Có {len(shown)} lỗi trong {len(files)} tệp (đã kiểm tra {result.files} tệp).", err=True)
        sys.exit(1)
    click.echo(f"Hợp lệ: {result.files} tệp, không có lỗi.")


def _selected(problem_path: str, root: Path, paths: tuple[Path, ...]) -> bool:
    """Whether a problem belongs to the files the editor asked about (all when none given)."""
    if not paths:
        return True
    target = (root.parent / problem_path).resolve()
    return any(target == p.resolve() or p.resolve() in target.parents for p in paths)


@main.command(help="""Tạo mọi trang sinh tự động (Markdown) và dữ liệu mở vào một thư mục.

THƯ_MỤC/docs/ chứa các trang (chép đè lên docs/ để dựng bằng công cụ khác MkDocs),
THƯ_MỤC/site/ chứa dữ liệu mở (chép vào trang đã dựng). Móc MkDocs gọi cùng các hàm này.

Ví dụ: python -m registry generate build/generated""")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), metavar="THƯ_MỤC")
@click.option("--root", type=click.Path(path_type=Path), default=DEFAULT_ROOT, show_default=True,
              help="Thư mục chứa toàn bộ bản ghi.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("mkdocs.yml"), show_default=True, help="Tệp cấu hình (site_url, repo_url, docs_dir…).")
def generate(folder: Path, root: Path, config_file: Path) -> None:
    from registry import generate as generation

    if not root.is_dir():
        raise click.ClickException(f"không thấy thư mục bản ghi '{root}'; chạy lệnh ở thư mục gốc của dự án hoặc dùng --root")
    result = load_registry(root)
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        raise click.ClickException(f"{len(result.problems)} lỗi trong dữ liệu quy chế, không tạo trang")
    click.echo(str(generation.generate(result.registry, folder, generation.Settings.read(config_file))))


main.add_command(new)
main.add_command(draft)
