"""Click in Vietnamese: help headings, usage errors and the built-in option texts of the editors'
commands (python -m registry …), which Click writes in English.

Click marks its messages for gettext (`_("Usage:")`), calling the module-level names `_` and
`ngettext` of its modules at run time. `install()` points those names at a Vietnamese table of the
messages of the pinned Click (8.5.1); a message missing from the table stays English, and the test
tests/editors/test_cli_vietnamese.py fails on any English word in a help or an error. The command
classes add what Click does not mark: the [OPTIONS] / COMMAND [ARGS] placeholders and the metavars
(TEXT, PATH, …).
"""

from __future__ import annotations

import importlib

import click

MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Do you want to continue?": "Bạn có muốn tiếp tục không?",
    "Aborted!": "Đã dừng.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu lệnh.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không rõ",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "deprecated": "không còn dùng",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Invalid start character for option ({option})": "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "directory": "thư mục",
    "file": "tệp",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "Không tìm thấy {filename!r}.",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "Không đọc được {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {filename!r}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai. Các giá trị nhận: {states}",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Error: invalid input": "Lỗi: giá trị không hợp lệ",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục…",
}
# ngettext messages: (singular, plural) -> (Vietnamese, which has one form).
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "Thừa tham số ({args})",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "Tùy chọn {name!r} cần {nargs} giá trị.",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        "(Có phải ý bạn là: {possibilities}?)",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        "{value!r} không phải một trong: {choices}.",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "Cần {nargs} giá trị nhưng nhận {len}.",
}
# Metavars of the types our commands use (Click writes the type's English name in capitals).
METAVARS = {"text": "GIÁ_TRỊ", "integer": "SỐ", "float": "SỐ", "boolean": "ĐÚNG_SAI", "filename": "TỆP"}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Vietnamese has one form; Click formats the result with every name both forms use."""
    translated = PLURALS.get((singular, plural))
    if translated is None:
        return singular if count == 1 else plural
    return translated


def install() -> None:
    """Point Click's message functions at the Vietnamese tables (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def _metavar(param: click.Parameter) -> str | None:
    kind = param.type
    if isinstance(kind, click.Path):
        return "THƯ_MỤC" if not kind.file_okay else "TỆP" if not kind.dir_okay else "ĐƯỜNG_DẪN"
    return METAVARS.get(kind.name)


def _vietnamese_metavars(params: list[click.Parameter]) -> None:
    for param in params:
        if param.metavar is None and isinstance(param, click.Option) and not param.is_flag:
            param.metavar = _metavar(param)


class Command(click.Command):
    """A command whose usage line and metavars are Vietnamese."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)
        _vietnamese_metavars(self.params)


class Group(click.Group):
    """A group of Vietnamese commands ('LỆNH [THAM_SỐ]...')."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)
        _vietnamese_metavars(self.params)


install()
