"""Editor commands `new` and `draft` (registered in registry.editors.cli's group by the lead).

Thin glue: parse options, call registry.editors.scaffold / registry.editors.drafting, write, validate, print.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click

from registry.editors.drafting import ArticleError, DraftResult, decode, draft_article
from registry.editors.drafting.matching import existing_records
from registry.editors.drafting.reading import MAX_ARTICLE_BYTES
from registry.editors.scaffold import (
    ScaffoldError,
    default_title,
    new_record,
    parse_date_input,
    parse_level_input,
    parse_term_input,
    place_phrase,
    record_path,
    render_file,
    render_new,
    resolve_party,
    resolve_province,
)
from registry.records.loader import load_registry
from registry.records.model import UNCERTAIN_NAMES
from registry.records.vocab import Vocabularies, load_vocabularies

DEFAULT_OUT = Path("agreements")


class EditorError(click.ClickException):
    """A ClickException (exit code 1) shown as 'Lỗi: …' for Vietnamese-speaking editors."""

    def show(self, file=None) -> None:
        click.echo(f"Lỗi: {self.format_message()}", err=True, file=file)
_HTTP = re.compile(r"^https?://[^\s<>\"]+$")


def _check_url(url: str | None) -> None:
    if url and not _HTTP.match(url):
        raise EditorError(f"địa chỉ '{url}' không hợp lệ; chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://")


def _shown(out: Path, relative: str) -> str:
    """The path as the validator prints it: agreements/lang-son/x.md."""
    return (out / relative).relative_to(out.parent).as_posix()


def _report_problems(out: Path, shown: list[str]) -> int:
    """Validate the whole registry; print the problems of the files just written. Returns their count."""
    problems = [p for p in load_registry(out).problems if p.path in shown]
    for problem in problems:
        click.echo(str(problem))
    return len(problems)


# --- new ------------------------------------------------------------------------------------------


@click.command(help="""Tạo tệp bản ghi mới, đặt tên đúng quy ước, có chú thích hướng dẫn từng trường.

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
    ask = sys.stdin.isatty()
    try:
        facts = _new_facts(vocab, ask, province, signed, term, parties, title, level, unit, source_url, publisher)
    except ScaffoldError as error:
        raise EditorError(str(error)) from error
    _check_url(facts["source_url"])
    relative = record_path(facts["province"], facts["signed"], facts["term"], facts["parties"], facts["unit"])
    target = out / relative
    if target.exists() and not force:
        raise EditorError(f"tệp {_shown(out, relative)} đã có; dùng --force để ghi đè")
    record = new_record(today=dt.date.today(), **facts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_new(record, vocab), encoding="utf-8")
    click.echo(f"Đã tạo {_shown(out, relative)}")
    missing = _report_problems(out, [_shown(out, relative)])
    click.echo(f"Bản ghi chưa đầy đủ: còn {missing} mục cần điền (xem các dòng trên)." if missing
               else "Bản ghi hợp lệ. Hãy viết phần tóm tắt và kiểm tra lại với nguồn.")


def _prompt(ask: bool, value, text: str, default=None):
    if value or not ask:
        return value
    return click.prompt(text, default=default or "", show_default=False).strip() or None


def _new_facts(vocab: Vocabularies, ask: bool, province, signed, term, parties, title, level, unit, source_url,
               publisher) -> dict:
    signed = _prompt(ask, signed, "Ngày ký (YYYY-MM-DD hoặc dd/mm/yyyy, Enter nếu chưa rõ)")
    signed = parse_date_input(signed) if signed else None
    when = dt.date.fromisoformat(signed) if signed else None
    province_name = _prompt(ask, province, "Tỉnh/thành (Enter nếu nguồn không nêu)")
    unit_province = resolve_province(vocab, province_name, when) if province_name else None
    term = _prompt(ask, term, "Nhiệm kỳ (ví dụ 2021-2026, Enter nếu chưa rõ)")
    parties = list(parties) or ([p.strip() for p in (_prompt(ask, None, "Các bên ký, cách nhau bằng dấu phẩy (ví dụ TT HĐND, UBND, UBMTTQ)") or "").split(",") if p.strip()])
    codes = list(dict.fromkeys(resolve_party(vocab, p) for p in parties))
    level = parse_level_input(_prompt(ask, level, "Cấp (tinh/huyen/xa)", "tinh") or "tinh")
    unit = _prompt(ask, unit, "Tên huyện/xã (ví dụ xã Tân Lập)") if level != "tinh" else unit
    term = parse_term_input(term) if term else None
    place = place_phrase(level, unit, unit_province)
    return {
        "title": title or default_title(vocab, codes, place, term),
        "province": unit_province.slug if unit_province else None, "level": level, "unit": unit,
        "signed": signed, "term": term, "parties": codes,
        "publisher": _prompt(ask, publisher, "Cơ quan/báo đăng nguồn (Enter nếu chưa rõ)"),
        "source_url": _prompt(ask, source_url, "Địa chỉ nguồn http(s) (Enter nếu chưa có)"),
    }


# --- draft ----------------------------------------------------------------------------------------


@click.command(help="""Lập bản nháp bản ghi từ văn bản thuần của một bài báo.

Mỗi quy chế được bài báo nêu thành một bản nháp; điều gì bài không nói rõ thì để trống và ghi
vào mục uncertain để biên tập viên kiểm tra. Tin sơ kết/tổng kết của một quy chế đã có trong sổ
được đề xuất thành sự kiện của bản ghi đó (in ra đoạn YAML, không sửa tệp).
ARTICLE là tệp văn bản, hoặc - để đọc từ đầu vào chuẩn.

Ví dụ: python -m registry draft bai-bao.txt --url https://baolangson.vn/... --publisher "Báo Lạng Sơn" """)
@click.argument("article", type=click.File("rb"))
@click.option("--url", help="Địa chỉ bài viết (http/https).")
@click.option("--publisher", help="Cơ quan/báo đăng bài.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
              help="Thư mục bản ghi (cũng là sổ để đối chiếu).")
@click.option("--json", "as_json", is_flag=True, help="In các bản nháp dạng JSON thay vì ghi tệp.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def draft(article, url: str | None, publisher: str | None, out: Path, as_json: bool, force: bool) -> None:
    _check_url(url)
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
    _write_drafts(result, out, force)
    _print_events(result, out)


def render_draft(record: dict, summary: str) -> str:
    """The draft file: each field flagged in `uncertain` gets a comment above it."""
    comments: dict[str, list[str]] = {}
    for entry in record.get("uncertain", []):
        what = UNCERTAIN_NAMES.get(entry["reason"], entry["reason"])
        comments.setdefault(entry["field"], []).append(f"CẦN KIỂM TRA ({what}): {entry.get('note') or 'hãy điền theo nguồn'}")
    header = ["Bản nháp tạo tự động từ một bài báo (python -m registry draft).",
              "Hãy đối chiếu với nguồn, điền các mục CẦN KIỂM TRA, rồi chạy python -m registry validate."]
    return render_file(record, summary, comments, header)


def _write_drafts(result: DraftResult, out: Path, force: bool) -> None:
    existing = [d.path for d in result.drafts if (out / d.path).exists()]
    if existing and not force:
        raise EditorError("tệp đã có: " + ", ".join(_shown(out, p) for p in existing) + "; dùng --force để ghi đè")
    shown = []
    for item in result.drafts:
        target = out / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_draft(item.record, item.summary), encoding="utf-8")
        shown.append(_shown(out, item.path))
        flagged = ", ".join(sorted({e["field"] for e in item.record.get("uncertain", [])}))
        click.echo(f"Đã tạo bản nháp {shown[-1]}" + (f" — cần kiểm tra: {flagged}" if flagged else ""))
    if shown:
        missing = _report_problems(out, shown)
        click.echo(f"Bản nháp chưa đầy đủ: còn {missing} mục phải điền trước khi gửi (xem các dòng trên)." if missing
                   else "Bản nháp qua được kiểm tra; vẫn hãy đối chiếu các mục cần kiểm tra với nguồn.")


def _print_events(result: DraftResult, out: Path) -> None:
    for proposal in result.events:
        basis = "tỉnh, các bên và nhiệm kỳ" if proposal.matched_on_province else "các bên và nhiệm kỳ (bài không nêu tỉnh — cần kiểm tra)"
        click.echo(f"Sự kiện {proposal.event['kind']} thuộc bản ghi {_shown(out, proposal.target + '.md')} "
                   f"(khớp theo {basis}). Thêm vào tệp đó:")
        click.echo(proposal.snippet())
