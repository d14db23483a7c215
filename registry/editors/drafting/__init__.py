"""Draft records from the plain text of a Vietnamese news item (`python -m registry draft`).

read the text -> gather the event's facts -> one draft per agreement (plus records
known only by a number the item cites) -> or, for a review of an agreement already
in the registry, an event to add to that record. Everything not established is
left empty and listed under `uncertain` for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from registry.editors.drafting import matching
from registry.editors.drafting.agreements import Named
from registry.editors.drafting.extract import EventFacts, gather
from registry.editors.drafting.facts import term_in
from registry.editors.drafting.parties import find_parties
from registry.editors.drafting.reading import ArticleError, decode, normalise, read_article
from registry.editors.drafting.records import (
    RELATION_PREDICATES,
    RELATION_VERBS,
    REVIEW_KINDS,
    Draft,
    agreement_record,
    agreement_summary,
    draft_title,
    path_for,
    place_of,
    referenced_record,
    referenced_summary,
)
from registry.editors.drafting.references import Reference
from registry.editors.scaffold import dump_yaml
from registry.records.text import fold, format_date_vi
from registry.records.vocab import Vocabularies, load_vocabularies

__all__ = ["ArticleError", "Draft", "DraftResult", "EventProposal", "decode", "draft_article"]


@dataclass
class EventProposal:
    """A review (sơ kết/tổng kết) to add to a record already in the registry."""

    target: str  # record id
    event: dict
    source: dict
    matched_on_province: bool

    def snippet(self) -> str:
        return "# thêm vào events:\n" + dump_yaml([self.event]) + "# thêm vào sources:\n" + dump_yaml([self.source])


@dataclass
class DraftResult:
    drafts: list[Draft] = field(default_factory=list)
    events: list[EventProposal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self, folder: str = "agreements") -> dict:
        return {
            "drafts": [{"path": f"{folder}/{d.path}", "record": d.record, "summary": d.summary} for d in self.drafts],
            "events": [{"path": f"{folder}/{e.target}.md", "event": e.event, "source": e.source,
                        "matched_on_province": e.matched_on_province} for e in self.events],
            "warnings": self.warnings,
        }


def draft_article(raw: str, *, today: dt.date, records: dict[str, dict] | None = None, url: str | None = None,
                  publisher: str | None = None, vocab: Vocabularies | None = None) -> DraftResult:
    """Every draft the item supports. Raises ArticleError when nothing can be drafted."""
    vocab = vocab or load_vocabularies()
    records = records or {}
    text = normalise(raw)
    _check_usable(text)
    event = gather(read_article(text), vocab, url, publisher)
    _check_reports_something(event, text)
    result = DraftResult()
    if event.count_stated and event.count_stated != max(1, len(event.agreements)):
        result.warnings.append(f"bài nêu ký {event.count_stated} quy chế nhưng bản nháp tách được "
                               f"{max(1, len(event.agreements))}; cần tách hoặc gộp lại cho đúng")
    if not event.agreements:
        result.warnings.append("không xác định được các bên ký; bản nháp để trống danh sách parties")
    for named in event.agreements or [None]:
        _draft_one(event, named, vocab, records, today, result)
    unique: dict[str, Draft] = {}
    for item in result.drafts:
        unique.setdefault(item.path, item)  # one draft per file: a repeated text cites the same record twice
    result.drafts = list(unique.values())
    if event.date is None:
        result.warnings.append("bài không cho biết ngày (hoặc năm) của sự kiện; ngày để trống")
    return result


_QUY_CHE = re.compile(r"quy\s*che|\b(?:coordination|cooperation)\s+regulations?\b", re.IGNORECASE)
_DRAFT_ONLY = re.compile(r"\bdu thao\s+quy che\b")


def _check_usable(text: str) -> None:
    if not text.strip():
        raise ArticleError("văn bản trống: không có gì để lập bản nháp")
    if not _QUY_CHE.search(fold(text)):
        hint = "" if re.search(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", text.lower()) \
            else " Văn bản có vẻ không phải tiếng Việt."
        raise ArticleError(f"không tìm thấy quy chế phối hợp nào trong bài (không có cụm \"quy chế\").{hint}")


def _check_reports_something(event: EventFacts, text: str) -> None:
    """An item about a draft regulation being discussed reports no agreement yet."""
    if event.kind == "khac" and _DRAFT_ONLY.search(fold(text)):
        raise ArticleError("bài chỉ nói về dự thảo quy chế (góp ý, xây dựng), chưa có việc ký kết, ban hành, "
                           "sơ kết hay tổng kết; khi quy chế được ký hãy lập bản nháp từ tin đó")


def _draft_one(event: EventFacts, named: Named | None, vocab: Vocabularies, records: dict[str, dict],
               today: dt.date, result: DraftResult) -> None:
    parties = named.codes if named else []
    province = place.slug if (place := (named.province if named and named.province else event.place.province)) else None
    if event.kind in REVIEW_KINDS and parties:
        target, on_province = matching.reviewed_agreement(records, vocab, province, parties, event.term)
        if target:
            number = len(records[target].get("sources") or []) + 1
            result.events.append(EventProposal(target, {"kind": event.kind, "date": event.date, "source": number},
                                               event.source.as_record(), on_province))
            return
    own_number, relations, extra = _references(event, named, vocab, records, today)
    record = agreement_record(event, named, vocab, today, own_number, relations)
    draft = Draft(path_for(record), record,
                  agreement_summary(record, event, vocab, _relation_sentence(event, relations), named))
    duplicate = matching.duplicate_of(records, record)
    if duplicate:
        result.warnings.append(f"{draft.path}: có thể trùng với bản ghi đã có {duplicate}")
    result.drafts.append(draft)
    result.drafts += [cited for _, cited in extra]


def _relation_sentence(event: EventFacts, relations: list[dict]) -> str:
    sentences = []
    for relation in relations:
        reference = next((r for r in event.references if r.relation == relation["type"]), None)
        number = f" số {reference.number}" if reference else ""
        date = f" ngày {format_date_vi(reference.date)}" if reference and reference.date else ""
        sentences.append(f"Quy chế {RELATION_PREDICATES[relation['type']]} Quy chế{number}{date}.")
    return " ".join(sentences)


def _references(event: EventFacts, named: Named | None, vocab: Vocabularies, records: dict[str, dict],
                today: dt.date) -> tuple[str | None, list[dict], list[tuple[Reference, Draft]]]:
    """(own number, relations, drafts of cited records) — only when the item reports one agreement."""
    if event.several:
        return None, [], []
    own = next((r.number for r in event.references if r.relation is None), None)
    relations, extra = [], []
    for reference in (r for r in event.references if r.relation):
        target = matching.by_number(records, reference.number)
        if target is None:
            cited = _cited_draft(event, reference, named, vocab, today)
            target = cited.path.removesuffix(".md")
            extra.append((reference, cited))
        note = f"{RELATION_VERBS[reference.relation].capitalize()} Quy chế số {reference.number}" + (
            f" ngày {format_date_vi(reference.date)}." if reference.date else ".")
        relations.append({"type": reference.relation, "target": target, "note": note})
    return own, relations, extra


def _cited_draft(event: EventFacts, reference: Reference, named: Named | None, vocab: Vocabularies,
                 today: dt.date) -> Draft:
    clause = reference.clause
    giua = clause.find("giua ")
    parties = list(dict.fromkeys(m.code for m in find_parties(clause[giua:] if giua >= 0 else clause, vocab)))
    term = term_in(clause)
    term = term if term and term[1] == "nhiệm kỳ" else None
    main_title = None
    if named:
        main_title = draft_title(vocab, named.parties, place_of(event), event.term, event.work, event.term_word,
                                 event.period)
    record = referenced_record(event, reference, parties, term[0] if term else None, vocab, today, main_title)
    summary = referenced_summary(record, event, vocab, reference.relation, main_title)
    return Draft(path_for(record), record, summary)
