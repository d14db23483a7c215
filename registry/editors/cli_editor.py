"""Editor commands `new` and `draft` (registered in registry.editors.cli's group by the lead).

Thin glue: parse options, ask for what is missing, call registry.editors.writing (which uses
scaffold and drafting), print.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from registry.editors import click_vi
from registry.editors.drafting import ArticleError, decode, draft_article
from registry.editors.drafting.matching import existing_records
from registry.editors.drafting.reading import MAX_ARTICLE_BYTES
from registry.editors.scaffold import ScaffoldError, parse_level_input
from registry.editors.writing import NewAnswers, check_url, new_facts, shown_path, write_drafts, write_new
from registry.records.vocab import load_vocabularies

DEFAULT_OUT = Path("agreements")


class EditorError(click.ClickException):
    """A ClickException (exit code 1) shown as 'Lỗi: …' for Vietnamese-speaking editors."""

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True, file=file)
def _print_problems(problems) -> int:
    for problem in problems:
        click.echo(str(problem))
    return len(problems)


# --- new ------------------------------------------------------------------------------------------


@click.command(cls=click_vi.Command, help="""Tạo tệp bản ghi mới, đặt tên đúng quy ước, có chú thích hướng dẫn từng trường.

Tên tệp: agreements/<tỉnh>/<ngày ký hoặc nhiem-ky-NNNN-NNNN>-<mã các bên>.md. Thiếu thông tin nào
thì hỏi (khi chạy trong cửa sổ lệnh) hoặc để trống; sau khi ghi, lệnh kiểm tra tệp và in những gì
còn thiếu. Không ghi đè tệp đã có nếu không có --force.

Ví dụ: python -m registry new --province "Lạng Sơn" --signed 06/05/2022 --term 2021-2026
--party "Đoàn ĐBQH" --party "TT HĐND" --party UBND --party "BTT UBMTTQ" """)
@click.option("--province", help="Tỉnh/thành, có dấu hoặc không: \"Lạng Sơn\", \"lang son\".")
@click.option("--signed", help="Ngày ký: YYYY-MM-DD hoặc dd/mm/yyyy.")
@click.option("--term", help="Nhiệm kỳ, ví dụ 2021-2026.")
@click.option("--party", "parties", multiple=True, help="Một bên ký (lặp lại cho mỗi bên): \"TT HĐND\", UBND, mã hoặc tên.")
@click.option("--title", help="Tên quy chế (mặc định: tạo từ các bên, tỉnh, nhiệm kỳ).")
@click.option("--level", help="Cấp: tinh, huyen, xa (mặc định tinh).")
@click.option("--unit", help="Tên đơn vị cấp huyện/xã, ví dụ \"xã Tân Lập\".")
@click.option("--source-url", help="Địa chỉ bài viết/văn bản nguồn (http/https).")
@click.option("--publisher", help="Cơ quan/báo đăng nguồn.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Thư mục bản ghi.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def new(province, signed, term, parties, title, level, unit, source_url, publisher, out: Path, force: bool) -> None:
    vocab = load_vocabularies()
    answers = _ask(sys.stdin.isatty(), NewAnswers(province, signed, term, tuple(parties), title, level, unit,
                                                  source_url, publisher))
    try:
        written = write_new(vocab, new_facts(vocab, answers), out, dt.date.today(), force)
    except ScaffoldError as error:
        raise EditorError(str(error)) from error
    click.echo(f"Đã tạo {written.files[0]}")
    missing = _print_problems(written.problems)
    click.echo(f"Bản ghi chưa đầy đủ: còn {missing} mục cần điền (xem các dòng trên)." if missing
               else "Bản ghi hợp lệ. Hãy viết phần tóm tắt và kiểm tra lại với nguồn.")


def _prompt(ask: bool, value, text: str, default=None):
    if value or not ask:
        return value
    return click.prompt(text, default=default or "", show_default=False).strip() or None


def _ask(ask: bool, given: NewAnswers) -> NewAnswers:
    """Prompt (in a terminal) for each answer the options did not give."""
    signed = _prompt(ask, given.signed, "Ngày ký (YYYY-MM-DD hoặc dd/mm/yyyy, Enter nếu chưa rõ)")
    province = _prompt(ask, given.province, "Tỉnh/thành (Enter nếu nguồn không nêu)")
    term = _prompt(ask, given.term, "Nhiệm kỳ (ví dụ 2021-2026, Enter nếu chưa rõ)")
    listed = _prompt(ask, None, "Các bên ký, cách nhau bằng dấu phẩy (ví dụ TT HĐND, UBND, UBMTTQ)") if not given.parties else None
    parties = given.parties or tuple(p.strip() for p in (listed or "").split(",") if p.strip())
    level = _prompt(ask, given.level, "Cấp (tinh/huyen/xa)", "tinh") or "tinh"
    try:
        district_or_commune = parse_level_input(level) != "tinh"
    except ScaffoldError as error:
        raise EditorError(str(error)) from error
    unit = _prompt(ask, given.unit, "Tên huyện/xã (ví dụ xã Tân Lập)") if district_or_commune else given.unit
    publisher = _prompt(ask, given.publisher, "Cơ quan/báo đăng nguồn (Enter nếu chưa rõ)")
    source_url = _prompt(ask, given.source_url, "Địa chỉ nguồn http(s) (Enter nếu chưa có)")
    return NewAnswers(province, signed, term, parties, given.title, level, unit, source_url, publisher)


# --- draft ----------------------------------------------------------------------------------------


@click.command(cls=click_vi.Command, help="""Lập bản nháp bản ghi từ văn bản thuần của một bài báo.

Mỗi quy chế được bài báo nêu thành một bản nháp; điều gì bài không nói rõ thì để trống và ghi
vào mục uncertain để biên tập viên kiểm tra. Tin sơ kết/tổng kết của một quy chế đã có trong sổ
được đề xuất thành sự kiện của bản ghi đó (in ra đoạn YAML, không sửa tệp).
BÀI_BÁO là tệp văn bản, hoặc - để đọc từ đầu vào chuẩn.

Ví dụ: python -m registry draft bai-bao.txt --url https://baolangson.vn/... --publisher "Báo Lạng Sơn" """)
@click.argument("article", type=click.File("rb"), metavar="BÀI_BÁO")
@click.option("--url", help="Địa chỉ bài viết (http/https).")
@click.option("--publisher", help="Cơ quan/báo đăng bài.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Thư mục bản ghi (cũng là sổ để đối chiếu).")
@click.option("--json", "as_json", is_flag=True, help="In các bản nháp dạng JSON thay vì ghi tệp.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def draft(article, url: str | None, publisher: str | None, out: Path, as_json: bool, force: bool) -> None:
    try:
        check_url(url)
    except ScaffoldError as error:
        raise EditorError(str(error)) from error
    raw = article.read(MAX_ARTICLE_BYTES + 1)
    try:
        text, warnings = decode(raw)
        result = draft_article(text, today=dt.date.today(), records=existing_records(out), url=url,
                               publisher=publisher)
    except ArticleError as error:
        raise EditorError(f"không lập được bản nháp: {error}") from error
    for warning in warnings + result.warnings:
        click.echo(f"Lưu ý: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(result.as_json(out.name), ensure_ascii=False, indent=2))
        return
    try:
        written = write_drafts(result, out, force)
    except ScaffoldError as error:
        raise EditorError(str(error)) from error
    for name in written.files:
        flagged = ", ".join(written.flagged[name])
        click.echo(f"Đã tạo bản nháp {name}" + (f" — cần kiểm tra: {flagged}" if flagged else ""))
    if written.files:
        missing = _print_problems(written.problems)
        click.echo(f"Bản nháp chưa đầy đủ: còn {missing} mục phải điền trước khi gửi (xem các dòng trên)." if missing
                   else "Bản nháp qua được kiểm tra; vẫn hãy đối chiếu các mục cần kiểm tra với nguồn.")
    _print_events(result, out)


def _print_events(result, out: Path) -> None:
    for proposal in result.events:
        basis = "tỉnh, các bên và nhiệm kỳ" if proposal.matched_on_province else "các bên và nhiệm kỳ (bài không nêu tỉnh — cần kiểm tra)"
        click.echo(f"Sự kiện {proposal.event['kind']} thuộc bản ghi {shown_path(out, proposal.target + '.md')} "
                   f"(khớp theo {basis}). Thêm vào tệp đó:")
        click.echo(proposal.snippet())
