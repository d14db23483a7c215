"""`python -m registry validate`: one line per problem, a summary, exit code 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from registry.editors.cli import main

CASES = Path(__file__).parents[1] / "cases"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["validate", *args], env=env or {"GITHUB_ACTIONS": ""})


def test_the_seed_records_are_valid():
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Hợp lệ: 43 tệp")


def test_problems_are_listed_then_summarised_and_exit_1():
    case = CASES / "invalid" / "unknown-codes"
    result = run("--root", str(case / "agreements"))
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert result.stdout == expected
    assert "Có 3 lỗi trong 1 tệp" in result.stderr


def test_github_actions_gets_line_annotations():
    case = CASES / "invalid" / "future-date"
    result = run("--root", str(case / "agreements"), env={"GITHUB_ACTIONS": "true"})
    assert "::error file=agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md,line=6,title=Lỗi dữ liệu::signed: ngày" in result.stdout


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        assert "Ví dụ" in (command.help or ""), f"{name} has no example in its help"


def test_a_missing_records_folder_is_an_error_not_an_empty_registry(tmp_path):
    result = run("--root", str(tmp_path / "khong-co"))
    assert result.exit_code == 1
    assert "không thấy thư mục bản ghi" in result.output
