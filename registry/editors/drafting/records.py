"""Turn extracted facts into draft records: front matter, `uncertain` entries, a neutral summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from registry.editors.drafting.agreements import Named, party_code
from registry.editors.drafting.extract import EventFacts
from registry.editors.drafting.references import Reference
from registry.editors.scaffold import join_vi, party_display, place_phrase, term_display
from registry.records.model import EVENT_NAMES
from registry.records.text import format_date_vi, slugify
from registry.records.vocab import Province, Vocabularies

RELATION_VERBS = {
    "phat-trien-tu": "bổ sung, phát triển trên cơ sở",
    "thay-the": "thay thế",
    "sua-doi": "sửa đổi, bổ sung",
}
# "<new regulation> … <earlier one>", as a sentence predicate.
RELATION_PREDICATES = {
    "phat-trien-tu": "được bổ sung, phát triển trên cơ sở",
    "thay-the": "thay thế",
    "sua-doi": "sửa đổi, bổ sung",
}
REVIEW_KINDS = ("so-ket", "tong-ket")
# The item does not report the signing (or issuing): the signing date stays unknown.
NOT_SIGNING = (*REVIEW_KINDS, "trien-khai", "khac")
UNKNOWN_PROVINCE_FOLDER = "chua-ro-tinh"


@dataclass
class Draft:
    path: str  # relative to the agreements folder
    record: dict
    summary: str


def uncertain(field: str, reason: str, note: str | None = None, suggested: str | None = None) -> dict:
    entry = {"field": field, "reason": reason}
    if suggested:
        entry["suggested"] = suggested
    if note:
        entry["note"] = note
    return entry


def province_of(event: EventFacts, named: Named | None = None) -> Province | None:
    if named is not None and named.province:
        return named.province  # one of several provinces signing the same agreement
    return event.place.province


def level_of(event: EventFacts) -> str:
    return event.place.level or "tinh"


def place_of(event: EventFacts, named: Named | None = None) -> str:
    return place_phrase(level_of(event), event.place.unit, province_of(event, named))


def party_name(vocab: Vocabularies, item) -> str:
    """How a title or summary names one item: 'Thường trực HĐND 15 phường', 'Báo … Thanh Hóa'."""
    if isinstance(item, str):
        return party_display(vocab, item)
    if item.get("name"):
        return item["name"]
    name = party_display(vocab, item["party"])
    return f"{name} {item['unit']}" if item.get("unit") else name


def draft_title(vocab: Vocabularies, parties: list, place: str, term: str | None, work: bool,
                term_word: str = "nhiệm kỳ", period: str | None = None) -> str | None:
    """'Quy chế phối hợp giữa A và B tỉnh X, nhiệm kỳ 2021–2026' (or '…, giai đoạn 2025–2030')."""
    if len(parties) < 2:
        return None
    title = f"Quy chế phối hợp{' công tác' if work else ''} giữa {join_vi([party_name(vocab, p) for p in parties])} {place}"
    title = title.strip()
    if term:
        title += f", {term_word} {term_display(term)}"
    elif period:
        title += f", giai đoạn {term_display(period)}"
    return title


# --- the main record of each agreement -------------------------------------------------


def agreement_record(event: EventFacts, named: Named | None, vocab: Vocabularies, today: dt.date,
                     number: str | None = None, relations: list[dict] | None = None) -> dict:
    parties = _record_items(named.parties, level_of(event)) if named else []
    review = event.kind in NOT_SIGNING
    signed = None if review else event.date
    province = province_of(event, named)
    title = draft_title(vocab, parties, place_of(event, named), event.term, event.work, event.term_word, event.period)
    if title and event.kind == "sua-doi":
        title = "Quy chế sửa đổi, bổ sung " + title[0].lower() + title[1:]
    record = {"title": title, "number": number, "province": province.slug if province else None,
              "level": level_of(event)}
    if level_of(event) != "tinh":
        record["unit"] = event.place.unit
    record["signed"] = signed
    if event.effective and not review:
        record["effective"] = signed if event.effective == "signed" else event.effective
    record["term"] = event.term
    if event.period:
        record["period"] = event.period
    record["parties"] = parties
    if event.signatories:
        record["signatories"] = event.signatories
    chapters, articles = (named.structure if named and named.structure else (None, None))
    record.update({"structure": {"chapters": chapters, "articles": articles}, "topics": list(event.topics)})
    if event.principles:
        record["principles"] = list(event.principles)
    record["events"] = [_event(event, len(event.agreements))]
    if relations:
        record["relations"] = relations
    record["sources"] = [event.source.as_record()]
    record["uncertain"] = agreement_uncertain(event, record, vocab)
    record["added"] = today.isoformat()
    return record


def _record_items(items: list, level: str) -> list:
    """The items as the record writes them: a level only where it differs from the record's."""
    out = []
    for item in items:
        if isinstance(item, dict):
            item = {key: value for key, value in item.items() if not (key == "level" and value == level)}
            if set(item) == {"party"}:
                item = item["party"]
        out.append(item)
    return out


def _event(event: EventFacts, count: int) -> dict:
    entry = {"kind": event.kind, "date": event.date}
    if event.several:
        entry["note"] = f"Ký cùng buổi với {count - 1} quy chế khác (cùng một bài viết)."
    entry["source"] = 1
    return entry


def agreement_uncertain(event: EventFacts, record: dict, vocab: Vocabularies) -> list[dict]:
    entries = []
    entries += _date_uncertain(event, record)
    entries += _place_uncertain(event, record)
    entries += _content_uncertain(event, record, vocab)
    entries += source_uncertain(event)
    return entries


def _date_uncertain(event: EventFacts, record: dict) -> list[dict]:
    field = "events" if event.kind in NOT_SIGNING else "signed"
    entries = []
    if event.kind in REVIEW_KINDS or event.kind == "trien-khai":
        entries.append(uncertain("signed", "chua-ro", f"Nguồn là tin {EVENT_NAMES[event.kind].lower()}, không nêu ngày ký quy chế."))
    elif event.kind == "khac":
        entries.append(uncertain("events", "can-kiem-tra", "Bài không nói rõ đây là lễ ký kết, sơ kết hay tổng kết; "
                                 "sự kiện tạm ghi khac."))
        entries.append(uncertain("signed", "chua-ro", "Bài không nêu việc ký kết."))
    if event.date_how == "unstated":
        written = f"Bài chỉ ghi \"{event.date_text}\", không ghi năm"
        if event.suggested_year:
            note = f"{written}; năm {event.suggested_year} suy ra từ ngày đăng bài {format_date_vi(event.source.date)}."
        else:
            hints = [f"câu đó nhắc năm {event.year_basis}"] if event.year_basis else []
            hints += [f"nhiệm kỳ {term_display(event.term)}"] if event.term else []
            hint = f" Có thể giúp xác định năm: {'; '.join(hints)}." if hints else ""
            note = f"{written} và không có ngày đăng.{hint}"
        entries.append(uncertain(field, "nam-suy-luan" if event.suggested_year else "chua-ro", note, event.suggested_year))
        if record.get("effective") and record["effective"] == record.get("signed"):
            entries.append(uncertain("effective", "chua-ro", "Bài ghi quy chế có hiệu lực kể từ ngày ký; năm chưa rõ như ngày ký."))
    elif event.date is None and event.date_text:
        entries.append(uncertain(field, "chua-ro", f"Bài ghi \"{event.date_text}\", ngày không tồn tại."))
    elif event.date is None:
        entries.append(uncertain(field, "chua-ro", "Bài không nêu ngày."))
    return entries


def _place_uncertain(event: EventFacts, record: dict) -> list[dict]:
    entries = []
    if record["province"] is None and event.suggested:
        basis = event.source.publisher if event.source.publisher_how in ("given", "text") else event.source.url
        entries.append(uncertain("province", "nguon-khong-neu",
                                 f"Bài không nêu tên tỉnh; nguồn đăng ({basis}) gợi ý {event.suggested.name} — cần xác minh.",
                                 event.suggested.slug))
    elif record["province"] is None:
        entries.append(uncertain("province", "chua-ro", "Bài không nêu tên tỉnh/thành."))
    elif event.place.district and not event.several:
        entries.append(uncertain("province", "suy-luan", f"Bài chỉ nêu {event.place.district}; tỉnh/thành suy ra từ "
                                 "danh mục đơn vị hành chính cấp huyện (trước 01/07/2025)."))
    elif event.other_provinces and not event.several:
        entries.append(uncertain("province", "can-kiem-tra", f"Bài còn nhắc tới: {', '.join(event.other_provinces)}."))
    if event.place.level is None:
        entries.append(uncertain("level", "can-kiem-tra", "Bài không nêu rõ cấp (tỉnh/huyện/xã); tạm ghi tinh."))
    if record["level"] != "tinh" and not record.get("unit"):
        entries.append(uncertain("unit", "chua-ro", "Chưa xác định được tên đơn vị cấp huyện/xã."))
    return entries


def _content_uncertain(event: EventFacts, record: dict, vocab: Vocabularies) -> list[dict]:
    entries = []
    if record["number"] is None:
        entries.append(uncertain("number", "chua-ro"))
    if record["term"] is None and record.get("period"):
        entries.append(uncertain("term", "nguon-khong-neu", f"Bài nêu giai đoạn {term_display(record['period'])}, "
                                 "không nêu nhiệm kỳ; giai đoạn ghi ở period."))
    elif record["term"] is None:
        entries.append(uncertain("term", "chua-ro", "Bài không nêu nhiệm kỳ/giai đoạn."))
    elif record["term"] not in vocab.terms:
        entries.append(uncertain("term", "can-kiem-tra", f"Nhiệm kỳ {record['term']} chưa có trong danh mục."))
    if len(record["parties"]) < 2:
        entries.append(uncertain("parties", "chua-ro", "Không xác định được các bên ký từ câu ký kết hoặc tên quy chế."))
    elif event.kind in REVIEW_KINDS:
        entries.append(uncertain("parties", "can-kiem-tra",
                                 "Lấy từ tin sơ kết/tổng kết; có thể là một quy chế chung hoặc nhiều quy chế riêng."))
    if record["title"] is None:
        entries.append(uncertain("title", "chua-ro"))
    if record["structure"]["chapters"] is None and record["structure"]["articles"] is None:
        entries.append(uncertain("structure", "chua-ro"))
    if not record["topics"]:
        entries.append(uncertain("topics", "chua-ro"))
    elif event.several:
        entries.append(uncertain("topics", "suy-luan", f"Bài nêu nội dung phối hợp chung cho {len(event.agreements)} quy chế ký cùng buổi."))
    if any(s.get("party") is None for s in record.get("signatories", [])):
        entries.append(uncertain("signatories", "can-kiem-tra", "Chưa xác định được người ký thuộc bên nào."))
    return entries


def source_uncertain(event: EventFacts) -> list[dict]:
    source, problems, reason = event.source, [], "can-kiem-tra"
    if source.publisher is None:
        problems.append("chưa rõ cơ quan đăng bài (publisher)")
        reason = "chua-ro"
    elif source.publisher_how == "domain":
        problems.append(f"tên cơ quan đăng đoán từ tên miền ({source.publisher})")
    elif source.publisher_how == "agency":
        problems.append(f"bài chỉ ghi ký hiệu \"({source.publisher})\"; cần tên đầy đủ của cơ quan đăng")
    if source.title is None:
        problems.append("chưa có tiêu đề bài (title)")
        reason = "chua-ro"
    problems += [what for value, what in ((source.date, "chưa rõ ngày đăng"), (source.url, "chưa có địa chỉ bài viết")) if not value]
    if not problems:
        return []
    note = "; ".join(problems)
    return [uncertain("sources", reason, note[:1].upper() + note[1:] + ".")]


# --- records known only by a reference ---------------------------------------------------


def referenced_record(event: EventFacts, reference: Reference, parties: list[str], term: str | None,
                      vocab: Vocabularies, today: dt.date, main_title: str | None) -> dict:
    """An earlier regulation the item names by number: what the item says about it, no more."""
    record = {
        "title": draft_title(vocab, parties, place_of(event), term, event.work) or f"Quy chế số {reference.number}",
        "number": reference.number,
        "province": province_of(event).slug if province_of(event) else None,
        "level": level_of(event),
    }
    if level_of(event) != "tinh":
        record["unit"] = event.place.unit
    record.update({"signed": reference.date, "term": term, "parties": parties, "sources": [event.source.as_record()]})
    entries = []
    if reference.date:
        entries.append(uncertain("signed", "suy-luan", f"Bài chỉ nhắc \"Quy chế số {reference.number}, ngày "
                                 f"{format_date_vi(reference.date)}\"; đây là ngày của văn bản, bài không nói về lễ ký."))
    else:
        entries.append(uncertain("signed", "chua-ro"))
    entries += [e for e in _place_uncertain(event, record) if e["field"] != "level"]
    if len(parties) < 2:
        entries.append(uncertain("parties", "chua-ro", "Bài không nêu các bên của quy chế này."))
    entries += [uncertain("structure", "chua-ro"), uncertain("topics", "chua-ro")]
    about = f"Bản ghi chỉ dựa vào một câu nhắc lại trong bài về {_lower_first(main_title or 'quy chế mới')}; cần tìm văn bản gốc."
    missing = source_uncertain(event)
    reason = missing[0]["reason"] if missing else "can-kiem-tra"
    entries.append(uncertain("sources", reason, about + (" " + missing[0]["note"] if missing else "")))
    record["uncertain"] = entries
    record["added"] = today.isoformat()
    return record


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def path_for(record: dict) -> str:
    """'lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq.md', 'nghe-an/xxxx-02-27-….md',
    'chua-ro-tinh/chua-ro-ngay-….md' (record-v2 file names: the signing date as written, then the
    party codes in front-matter order; named-only parties give no code)."""
    when = record["signed"].lower() if record["signed"] else "chua-ro-ngay"
    codes = "-".join(code for code in (party_code(p) for p in record["parties"]) if code) or "chua-ro-cac-ben"
    return f"{record['province'] or UNKNOWN_PROVINCE_FOLDER}/{slugify(when + '-' + codes)}.md"


# --- summaries ----------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def _who(record: dict, vocab: Vocabularies, event: EventFacts, named: Named | None = None) -> str:
    names = join_vi([party_name(vocab, item) for item in record["parties"]]) or "Các bên"
    return f"{names} {place_of(event, named)}"


def _source_sentence(event: EventFacts) -> str:
    source = event.source
    parts = [f"Nguồn: {source.publisher or 'bài viết'}"]
    if source.author:
        parts.append(f"tác giả {source.author}")
    if source.date:
        parts.append(f"đăng ngày {format_date_vi(source.date)}")
    return ", ".join(parts) + "."


def _structure_sentence(record: dict) -> str:
    chapters, articles = record["structure"]["chapters"], record["structure"]["articles"]
    if chapters and articles:
        return f"Quy chế gồm {chapters} chương, {articles} điều."
    return f"Quy chế gồm {articles} điều." if articles else ""


def _topics_sentence(record: dict, vocab: Vocabularies) -> str:
    names = [_lower_first(vocab.topics[c].name) for c in record.get("topics", [])]
    return f"Nội dung phối hợp gồm: {'; '.join(names)}." if names else ""


def _on(date: str | None, then: str) -> str:
    """'Ngày 25/01/2024, <then>' / 'Ngày 14/10 (bài không ghi năm), <then>' / '<Then>'."""
    if not date:
        return then[:1].upper() + then[1:]
    if date.startswith("XXXX-"):
        return f"Ngày {date[8:10]}/{date[5:7]} (bài không ghi năm), {then}"
    return f"Ngày {format_date_vi(date)}, {then}"


def agreement_summary(record: dict, event: EventFacts, vocab: Vocabularies, relation_text: str = "",
                      named: Named | None = None) -> str:
    if record["term"]:
        term = f" {event.term_word} {term_display(record['term'])}"
    else:
        term = f" giai đoạn {term_display(record['period'])}" if record.get("period") else ""
    work = " công tác" if event.work else ""
    who = _who(record, vocab, event, named)
    if event.kind == "khac":
        first = _on(event.date, f"bài viết nhắc tới quy chế phối hợp{work}{term} giữa {who}.")
        rest = [_structure_sentence(record), _topics_sentence(record, vocab)]
    elif event.kind in REVIEW_KINDS or event.kind == "trien-khai":
        name = EVENT_NAMES[event.kind].lower()
        what = "" if event.kind == "trien-khai" else " việc thực hiện"
        first = _on(event.date, f"hội nghị {name}{what} quy chế phối hợp{work}{term} giữa {who}.")
        rest = [f"Sổ chưa có ngày ký và số hiệu của quy chế được {name}."]
    else:
        verb = {"sua-doi": "ký quy chế sửa đổi, bổ sung quy chế phối hợp",
                "ban-hanh": "ban hành quy chế phối hợp"}.get(event.kind, "ký quy chế phối hợp")
        first = _on(record["signed"], f"{who} {verb}{work}{term}.")
        several = f"Quy chế được ký cùng buổi với {len(event.agreements) - 1} quy chế khác." if event.several else ""
        rest = [_structure_sentence(record), several, relation_text, _topics_sentence(record, vocab)]
    lines = [_sentence(first), *(r for r in rest if r), _source_sentence(event)]
    return "\n".join(lines)


def referenced_summary(record: dict, event: EventFacts, vocab: Vocabularies, relation: str, main_title: str | None) -> str:
    when = f" ngày {format_date_vi(record['signed'])}" if record["signed"] else ""
    who = f" giữa {_who(record, vocab, event)}" if record["parties"] else ""
    term = f", nhiệm kỳ {term_display(record['term'])}" if record["term"] else ""
    first = f"Quy chế số {record['number']}{when}{who}{term}."
    second = (f"Sổ chỉ biết quy chế này qua bài viết về {_lower_first(main_title or 'một quy chế mới')}; "
              f"quy chế đó {RELATION_PREDICATES[relation]} quy chế này.")
    return "\n".join([first, second, _source_sentence(event)])
