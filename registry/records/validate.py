"""Checks beyond the schema: vocabularies, real dates, paths, relations.

Each check is a small function over one file (or over all of them) that
returns Problems; `check_file` and `check_registry` run them all, so every
problem is reported at once. Checks are defensive: the schema may already
have rejected a value's type, and they must not crash on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable

from registry.records.frontmatter import SourceFile
from registry.records.links import check_links
from registry.records.model import UNKNOWN_PROVINCE_FOLDER, file_stems, party_codes_of, reference_date
from registry.records.numbers import check_integers
from registry.records.problems import Problem
from registry.records.schema import field_name, load_schema
from registry.records.text import EDTF, format_date_vi, parse_edtf, parse_iso_date, slugify
from registry.records.textpolicy import check_summary_text, value_problem
from registry.records.vocab import MERGER_DATE, Vocabularies

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Context:
    """One file being checked, with what the checks need to know."""

    def __init__(self, source: SourceFile, record_id: str, vocab: Vocabularies, today: dt.date):
        self.source, self.id, self.vocab, self.today = source, record_id, vocab, today
        self.data = source.data
        self.problems: list[Problem] = []

    def report(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line_of(path), field_name(path), message))

    def items(self, key: str) -> list[tuple[int, dict]]:
        """(index, entry) for each mapping in the list under `key`; nothing if it is not a list."""
        value = self.data.get(key)
        return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)] if isinstance(value, list) else []

    def strings(self, key: str) -> list[tuple[int, str]]:
        value = self.data.get(key)
        return [(i, e) for i, e in enumerate(value) if isinstance(e, str)] if isinstance(value, list) else []

    @property
    def signed(self) -> dt.date | None:
        value = self.data.get("signed")
        return parse_iso_date(value) if isinstance(value, str) else None

    @property
    def signed_from(self) -> dt.date | None:
        """Earliest day the signing date can mean when its year is stated (2025-07 -> 2025-07-01)."""
        parsed = parse_edtf(self.data.get("signed"))
        return parsed.earliest() if parsed else None


def suggest(value: str, choices: Iterable[str]) -> str:
    """'; có phải 'lang-son'?' when a close choice exists, else ''."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; có phải '{close[0]}'?" if close else ""


def check_dates(ctx: Context) -> None:
    for path in _date_paths(ctx):
        value = _get(ctx.data, path)
        if not isinstance(value, str):
            continue
        full_only = path[0] in ("added", "updated")
        if not (DATE.match(value) if full_only else EDTF.match(value)):
            continue  # the schema reports the format
        parsed = parse_edtf(value)
        if parsed is None:
            ctx.report(path, f"ngày không tồn tại: '{value}' ({_shown(value)}); {_why_not_a_day(value)}")
        elif parsed.year and parsed.earliest() > ctx.today:
            ctx.report(path, f"ngày '{value}' ở tương lai (hôm nay là {format_date_vi(ctx.today.isoformat())})")
    effective = parse_iso_date(ctx.data.get("effective") or "") if isinstance(ctx.data.get("effective"), str) else None
    if effective and ctx.signed and effective < ctx.signed:
        ctx.report(("effective",), f"ngày hiệu lực {effective} trước ngày ký {ctx.signed}")


def _why_not_a_day(value: str) -> str:
    """'tháng 6 chỉ có 30 ngày', 'không có tháng 13' (the schema has checked the digits)."""
    parts = value.split("-")
    month = int(parts[1])
    if not 1 <= month <= 12:
        return f"không có tháng {month}; kiểm tra lại thứ tự năm-tháng-ngày"
    year = int(parts[0]) if parts[0].isdigit() else 2000  # unknown year: 29/02 may exist
    days = calendar.monthrange(year, month)[1]
    when = f"tháng {month} năm {year}" if month == 2 and parts[0].isdigit() else f"tháng {month}"
    return f"{when} chỉ có {days} ngày" if parts[0].isdigit() or month != 2 else "tháng 2 có nhiều nhất 29 ngày"


def _shown(value: str) -> str:
    """'2021-06-31' -> '31/06/2021', 'XXXX-06-31' -> '31/06' (as an editor reads it)."""
    parts = value.split("-")
    return "/".join(p for p in reversed(parts) if p != "XXXX")


def check_signing_event(ctx: Context) -> None:
    signed = ctx.data.get("signed")
    if parse_edtf(signed) is None:
        return  # unknown, or reported by the date checks
    for i, event in ctx.items("events"):
        date = event.get("date")
        if event.get("kind") == "ky-ket" and date != signed and (date is None or parse_edtf(date)):
            ctx.report(("events", i, "date"), f"sự kiện ký kết ghi ngày {_quoted(date)} nhưng signed là {_quoted(signed)}; hai ngày phải trùng nhau (sửa một trong hai)")


def _quoted(value) -> str:
    return "null" if value is None else f"'{value}'"


def _date_paths(ctx: Context) -> list[tuple]:
    paths = [(key,) for key in ("signed", "effective", "added", "updated")]
    paths += [("events", i, "date") for i, _ in ctx.items("events")]
    paths += [("sources", i, "date") for i, _ in ctx.items("sources")]
    paths += [("relations", i, "document", "date") for i, r in ctx.items("relations") if isinstance(r.get("document"), dict)]
    return paths


def _get(data: dict, path: tuple):
    for part in path:
        data = data[part] if isinstance(data, (dict, list)) and (part in data if isinstance(data, dict) else part < len(data)) else None
    return data


def check_province(ctx: Context) -> None:
    slug = ctx.data.get("province")
    if slug is None:
        if "province" not in _uncertain_fields(ctx) and "province" in ctx.data:
            ctx.report(("province",), "để trống tỉnh thì phải thêm mục uncertain với field: province (ví dụ reason: nguon-khong-neu)")
        return
    if not isinstance(slug, str) or not SLUG.match(slug):
        return
    when = reference_date(ctx.data)
    if ctx.vocab.province_at(slug, when) is None:
        known = set(ctx.vocab.current) | set(ctx.vocab.former)
        ctx.report(("province",), f"không có tỉnh/thành mã '{slug}'{suggest(slug, known)} Xem danh mục tỉnh/thành trong registry/data/provinces.yaml")
    elif when and when >= MERGER_DATE and slug not in ctx.vocab.current:
        successor = ctx.vocab.former[slug].successor
        move = "" if ctx.id.split("/")[0] == successor else f" và đặt tệp trong agreements/{successor}/"
        ctx.report(("province",), f"từ {MERGER_DATE:%d/%m/%Y} '{slug}' đã hợp nhất vào '{successor}'; quy chế ký sau ngày đó ghi province: {successor}{move}")


def check_folder(ctx: Context) -> None:
    folder = ctx.id.split("/")[0]
    slug = ctx.data.get("province")
    if slug is not None and not isinstance(slug, str):
        return  # the schema reports the type
    expected = UNKNOWN_PROVINCE_FOLDER if slug is None else slug
    known = slug is None or slug in ctx.vocab.current or slug in ctx.vocab.former
    when = reference_date(ctx.data)
    if slug in ctx.vocab.former and slug not in ctx.vocab.current and when and when >= MERGER_DATE:
        return  # check_province gives the one advice: the successor's code and folder
    if known and isinstance(expected, str) and folder != expected:  # an unknown code is reported once
        ctx.report(("province",), f"tệp nằm trong thư mục '{folder}' nhưng tỉnh là '{expected}'; hãy chuyển tệp vào agreements/{expected}/")


def check_unit(ctx: Context) -> None:
    if ctx.data.get("level") in ("huyen", "xa") and not ctx.data.get("unit"):
        ctx.report(("level",), "cấp huyện/xã cần trường 'unit' ghi tên huyện/xã")


def check_term(ctx: Context) -> None:
    term = ctx.data.get("term")
    if isinstance(term, str) and re.fullmatch(r"\d{4}-\d{4}", term) and term not in ctx.vocab.terms:
        ctx.report(("term",), f"nhiệm kỳ '{term}' chưa có trong danh mục; được phép: {', '.join(sorted(ctx.vocab.terms))}")


def check_codes(ctx: Context) -> None:
    for key, table, what in (("parties", ctx.vocab.parties, "cơ quan"), ("topics", ctx.vocab.topics, "chủ đề")):
        for i, code in ctx.strings(key):
            if SLUG.match(code) and code not in table:
                ctx.report((key, i), f"không có {what} mã '{code}'{suggest(code, table)} Được phép: {', '.join(sorted(table))}")
    for i, entry in ctx.items("parties"):
        code = entry.get("party")
        if isinstance(code, str) and SLUG.match(code) and code not in ctx.vocab.parties:
            ctx.report(("parties", i, "party"), f"không có cơ quan mã '{code}'{suggest(code, ctx.vocab.parties)} Cơ quan ngoài danh mục: bỏ 'party', ghi tên ở 'name'")
        if not entry.get("party") and not entry.get("name"):
            ctx.report(("parties", i), "bên ký dạng nhóm trường cần 'party' (mã trong danh mục) hoặc 'name' (tên như nguồn ghi)")
        if entry.get("level") is not None and entry.get("level") == ctx.data.get("level") and not entry.get("unit") and not entry.get("count"):
            ctx.report(("parties", i, "level"), "chỉ ghi 'level' khi cấp của bên này khác cấp của bản ghi")
    parties = set(c for _, c in ctx.strings("parties")) | {e.get("party") for _, e in ctx.items("parties")}
    for i, signatory in ctx.items("signatories"):
        party = signatory.get("party")
        if isinstance(party, str) and party not in parties:
            ctx.report(("signatories", i, "party"), f"người ký thuộc '{party}' nhưng '{party}' không có trong parties")


def check_level(ctx: Context) -> None:
    """Districts were abolished on 01/07/2025: a record signed from then on is tinh or xa."""
    when = ctx.signed_from
    if ctx.data.get("level") == "huyen" and when and when >= MERGER_DATE:
        ctx.report(("level",), f"từ {MERGER_DATE:%d/%m/%Y} không còn cấp huyện; quy chế ký ngày {_shown(ctx.data['signed'])} ghi level: xa (xã, phường, đặc khu) hoặc tinh")
    for i, entry in ctx.items("parties"):
        if entry.get("level") == "huyen" and when and when >= MERGER_DATE:
            ctx.report(("parties", i, "level"), f"từ {MERGER_DATE:%d/%m/%Y} không còn cấp huyện; ghi level: xa hoặc tinh")


DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2}|xxxx-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|chua-ro-ngay|nhiem-ky-\d{4}-\d{4})(?=-|$)")


def _as_codes(text: str, codes: set[str]) -> list[str] | None:
    """'tt-hdnd-ubnd-2' -> ['tt-hdnd', 'ubnd'] when the words are all party codes (a final '-N'
    and 'cac-co-quan' allowed); None for a descriptive name."""
    words = text.split("-") if text else []
    if len(words) > 1 and words[-1].isdigit():
        words = words[:-1]
    known = codes | {"cac-co-quan"}
    best: dict[int, list[str]] = {0: []}
    for i in range(len(words)):
        if i not in best:
            continue
        for j in range(i + 1, len(words) + 1):
            piece = "-".join(words[i:j])
            if piece in known and j not in best:
                best[j] = best[i] + [piece]
    return best.get(len(words)) if words else None


def _names_stem(name: str, stem: str) -> bool:
    """'x' or 'x-2' for stem 'x' (no regular expression per file: compiling one for each of
    20,000 files was a third of the load time)."""
    rest = name.removeprefix(stem)
    return name.startswith(stem) and (rest == "" or (rest[:1] == "-" and rest[1:].isascii() and rest[1:].isdigit()))


def check_file_name(ctx: Context) -> None:
    """A file name that states a signing date and party codes states those of the front matter.

    Names follow the record-v2 rule (model.file_stems); a descriptive name that does not start
    with a date, or whose rest is not made of party codes, is left alone."""
    signed, parties, term, unit = (ctx.data.get(k) for k in ("signed", "parties", "term", "unit"))
    if (signed is not None and parse_edtf(signed) is None) or not isinstance(parties, list) or len(parties) < 2:
        return  # reported by the schema or check_dates; a second message would only repeat it
    codes = party_codes_of(parties)
    if not all(isinstance(c, str) and c in ctx.vocab.parties for c in codes):
        return  # check_codes reports the unknown code
    parsed = parse_edtf(signed)
    if parsed and parsed.year and parsed.earliest() > ctx.today:
        return
    stems = file_stems(signed, term if isinstance(term, str) else None, codes, unit if isinstance(unit, str) else None)
    name = ctx.id.split("/")[-1]
    if any(_names_stem(name, stem) for stem in stems):
        return
    prefix = DATE_PREFIX.match(name)
    if not prefix:
        return
    wanted = stems[0] + ".md"
    dates = {signed.lower()} if signed else {"chua-ro-ngay"} | ({f"nhiem-ky-{term}"} if isinstance(term, str) else set())
    if prefix.group(1) not in dates:
        ctx.report(("signed",), f"tên tệp '{name}.md' không khớp ngày ký {_quoted(signed)}; "
                                f"đổi tên tệp thành {wanted} (hoặc sửa signed)")
        return
    rest = name[prefix.end():].lstrip("-")
    if isinstance(unit, str) and rest.startswith(slugify(unit) + "-"):
        rest = rest[len(slugify(unit)) + 1:]
    named = _as_codes(rest, set(ctx.vocab.parties))
    if named is not None:
        ctx.report(("parties",), f"tên tệp '{name}.md' không khớp các bên ký (theo thứ tự trong parties); "
                                 f"đổi tên tệp thành {wanted}")


def check_status(ctx: Context) -> None:
    status, number = ctx.data.get("status"), ctx.data.get("status_source")
    if status == "chua-ro":  # the v1 way of saying nothing; same as leaving status out
        status = None
    count = len(ctx.items("sources"))
    if status in ("con-hieu-luc", "het-hieu-luc") and number is None:
        ctx.report(("status",), "chỉ ghi status khi một nguồn nói quy chế còn/hết hiệu lực; thêm status_source: số thứ tự nguồn đó (từ 1), hoặc bỏ status")
    elif status is None and number is not None:
        ctx.report(("status_source",), "status_source chỉ dùng kèm status; hãy bỏ trường này hoặc thêm status")
    elif isinstance(number, int) and number > count:
        ctx.report(("status_source",), f"nguồn số {number} không tồn tại; bản ghi có {count} nguồn (đánh số từ 1)")


def check_relation_shape(ctx: Context) -> None:
    for i, relation in ctx.items("relations"):
        has_target, has_document = relation.get("target") is not None, relation.get("document") is not None
        if has_target == has_document:
            message = ("quan hệ cần 'target' (mã bản ghi trong sổ) hoặc 'document' (số, ngày của văn bản chưa có trong sổ)"
                       if not has_target else "quan hệ chỉ ghi một trong hai: 'target' hoặc 'document'")
            ctx.report(("relations", i), message)
        document = relation.get("document")
        if isinstance(document, dict) and not document.get("number") and not document.get("date"):
            ctx.report(("relations", i, "document"), "văn bản được nhắc tới cần ít nhất 'number' (số hiệu) hoặc 'date' (ngày)")


def check_event_sources(ctx: Context) -> None:
    count = len(ctx.items("sources"))
    for i, event in ctx.items("events"):
        number = event.get("source")
        if isinstance(number, int) and number > count:
            ctx.report(("events", i, "source"), f"nguồn số {number} không tồn tại; bản ghi có {count} nguồn (đánh số từ 1)")


def check_uncertain(ctx: Context) -> None:
    fields = sorted(load_schema()["properties"])
    for i, entry in ctx.items("uncertain"):
        name = entry.get("field")
        if isinstance(name, str) and name not in fields:
            ctx.report(("uncertain", i, "field"), f"không có trường '{name}'{suggest(name, fields)} Được phép: {', '.join(fields)}")


# Codes, dates, numbers and links are one line: the schema's patterns (Python's `$`) would let
# a trailing line break through. Free text (titles, notes…) may hold line breaks.
ONE_LINE_FIELDS = {"province", "term", "parties", "topics", "signed", "effective", "added", "updated",
                   "date", "url", "target", "former_ids", "party", "number", "field", "suggested",
                   "period", "kind", "language", "level"}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_characters(ctx: Context) -> None:
    """No control characters anywhere (they break XML feeds), no line break in codes, dates and
    links (a code like 'term: "2021-2026\\n"' would otherwise pass the schema's patterns)."""
    for path, text in _strings(ctx.data, ()):
        refused = value_problem(text)  # the one text policy (registry/records/textpolicy.py)
        if refused:
            ctx.report(path, refused)
        elif "\n" in text and ONE_LINE_FIELDS & set(map(str, path)):
            ctx.report(path, "giá trị này phải nằm trên một dòng (không xuống dòng)")


def _strings(value, path: tuple):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_summary(ctx: Context) -> None:
    if not ctx.source.body.strip():
        ctx.problems.append(Problem(ctx.source.path, ctx.source.body_line, "summary", "thiếu phần tóm tắt sau dòng '---' (viết bằng lời của mình, ghi nguồn)"))


def _uncertain_fields(ctx: Context) -> set[str]:
    return {e.get("field") for _, e in ctx.items("uncertain") if isinstance(e.get("field"), str)}


FILE_CHECKS: list[Callable[[Context], None]] = [
    check_dates, check_signing_event, check_province, check_folder, check_unit, check_level, check_term,
    check_codes, check_file_name, check_status, check_relation_shape, check_event_sources, check_uncertain,
    check_characters, check_summary,
    check_summary_text, check_integers, check_links,  # hostile input: text policy, integer types, public links
]


def check_file(source: SourceFile, record_id: str, vocab: Vocabularies, today: dt.date) -> list[Problem]:
    ctx = Context(source, record_id, vocab, today)
    for check in FILE_CHECKS:
        check(ctx)
    return ctx.problems


# --- checks across all files ---------------------------------------------------------


def check_relations(sources: dict[str, SourceFile]) -> list[Problem]:
    """Targets exist, no record points at itself, and relations have no cycle."""
    problems, graph = [], {}
    for record_id, source in sources.items():
        for i, relation in enumerate(_relations(source)):
            target, path = relation.get("target"), ("relations", i, "target")
            if not isinstance(target, str):
                continue
            if target == record_id:
                problems.append(_at(source, path, "bản ghi không thể quan hệ với chính nó"))
            elif target not in sources:
                hint = suggest(target, sources)
                problems.append(_at(source, path, f"không có bản ghi '{target}'{hint} Mã bản ghi là đường dẫn tỉnh/tên-tệp (không có .md)"))
            else:
                graph.setdefault(record_id, []).append((target, path))
    return problems + _cycles(graph, sources)


def _relations(source: SourceFile) -> list[dict]:
    value = source.data.get("relations")
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def _cycles(graph: dict[str, list], sources: dict[str, SourceFile]) -> list[Problem]:
    """Report each relation that closes a cycle (iterative DFS: registries are large)."""
    problems, state = [], {}  # state: 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack = [(start, iter(graph.get(start, [])))]
        state[start] = 1
        while stack:
            node, edges = stack[-1]
            edge = next(edges, None)
            if edge is None:
                state[node] = 2
                stack.pop()
                continue
            target, path = edge
            if state.get(target) == 1:
                chain = " → ".join([n for n, _ in stack][[n for n, _ in stack].index(target):] + [target])
                problems.append(_at(sources[node], path, f"quan hệ tạo thành vòng lặp: {chain}"))
            elif not state.get(target):
                state[target] = 1
                stack.append((target, iter(graph.get(target, []))))
    return problems


def check_identity(sources: dict[str, SourceFile]) -> list[Problem]:
    """Former ids must not collide with ids or each other; no two files say the same agreement."""
    problems, claimed = [], {}
    for record_id, source in sources.items():
        value = source.data.get("former_ids")
        for i, former in enumerate(value if isinstance(value, list) else []):
            if not isinstance(former, str):
                continue  # the schema reports the type
            if former in sources or former in claimed:
                owner = former if former in sources else claimed[former]
                problems.append(_at(source, ("former_ids", i), f"mã '{former}' đã là mã của bản ghi '{owner}'; mỗi mã chỉ thuộc một bản ghi"))
            claimed.setdefault(former, record_id)
    return problems + _same_agreement(sources)


def _same_agreement(sources: dict[str, SourceFile]) -> list[Problem]:
    problems, seen = [], {}
    for record_id, source in sorted(sources.items()):
        data = source.data
        parties = data.get("parties")
        if not isinstance(data.get("signed"), str) or not isinstance(parties, list):
            continue
        key = (str(data.get("province")), str(data.get("unit")), data["signed"], tuple(sorted(map(str, parties))))
        if key in seen:
            problems.append(_at(source, ("signed",), f"trùng tỉnh, ngày ký và các bên với bản ghi '{seen[key]}'; có phải cùng một quy chế?"))
        seen.setdefault(key, record_id)
    return problems


def _at(source: SourceFile, path: tuple, message: str) -> Problem:
    return Problem(source.path, source.line_of(path), field_name(path), message)
