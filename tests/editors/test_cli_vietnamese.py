"""The editors' commands speak Vietnamese: every --help and the usage errors a person meets
(unknown option, missing argument, a path that does not exist, a value missing after an option)
carry no English UI word of Click."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from registry.editors.cli import main

# Click's English words and placeholders (whole words, case-sensitive where they are headings).
ENGLISH = re.compile(r"\b(Usage|Options|Commands|Arguments|Show this message|and exit|Error|Try '|for help|"
                     r"default:|required|Missing|No such|Invalid value|does not exist|Got unexpected|requires|"
                     r"OPTIONS|COMMAND|ARGS|TEXT|PATH|FILE|FILENAME|DIRECTORY|INTEGER|ARTICLE|FOLDER|PATHS)\b")


def commands() -> list[list[str]]:
    return [[]] + [[name] for name in sorted(main.commands)]


@pytest.mark.parametrize("command", commands(), ids=lambda c: " ".join(c) or "registry")
def test_help_is_vietnamese(command):
    result = CliRunner().invoke(main, [*command, "--help"], prog_name="python -m registry")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Cách dùng: python -m registry")
    assert "Tùy chọn:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output).group(0) + "\n" + result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["validate", "--khong-co"], "Lỗi: Không có tùy chọn '--khong-co'."),
    (["khong-co"], "Lỗi: Không có lệnh 'khong-co'."),
    (["generate"], "Lỗi: Thiếu tham số 'THƯ_MỤC'."),
    (["validate", "/khong/co/tep.md"], "Không tìm thấy '/khong/co/tep.md'."),
    (["validate", "--root"], "Lỗi: Tùy chọn '--root' cần 1 giá trị."),
    (["draft"], "Lỗi: Thiếu tham số 'BÀI_BÁO'."),
])
def test_usage_errors_are_vietnamese(args, expected):
    result = CliRunner().invoke(main, args, prog_name="python -m registry")
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    if args != ["validate", "--root"]:  # Click gives no usage hint for an option left without its value
        assert "Xem hướng dẫn: 'python -m registry" in result.output
    assert not ENGLISH.search(result.output), result.output


def test_every_command_uses_the_vietnamese_classes():
    assert main.__class__.__name__ == "Group" and main.__class__.__module__ == "registry.editors.click_vi"
    for command in main.commands.values():
        assert isinstance(command, click.Command) and command.__class__.__module__ == "registry.editors.click_vi", command
