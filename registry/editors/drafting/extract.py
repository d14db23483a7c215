"""Facts about the reported event as a whole: kind, date, place, term, contents, source."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from registry.editors.drafting import dates, facts, places, signatories, topics
from registry.editors.drafting.agreements import (
    Named,
    between_clauses,
    choose_parties,
    is_english,
    party_key,
    several_agreements,
    signing_subject,
)
from registry.editors.drafting.reading import Article, fold_aligned
from registry.editors.drafting.references import Reference, references_in
from registry.editors.drafting.scanning import Span, paragraphs, sentences
from registry.records.text import fold
from registry.records.vocab import Province, Vocabularies


@dataclass
class SourceFacts:
    publisher: str | None
    publisher_how: str  # given | text | agency | domain | none
    title: str | None
    date: str | None
    author: str | None
    url: str | None
    language: str = "vi"

    def as_record(self) -> dict:
        record = {"publisher": self.publisher, "title": self.title, "date": self.date, "author": self.author,
                  "url": self.url}
        if self.language != "vi":
            record["language"] = self.language
        return record


@dataclass
class EventFacts:
    """What one news item states about one event (a signing, a review, an amendment)."""

    kind: str
    date: str | None  # '2024-01-25', or 'XXXX-01-25' when the text gives no year
    date_how: str | None  # stated | unstated | None
    date_text: str | None  # the date as written, for notes
    term: str | None  # nhiệm kỳ as written
    term_word: str
    work: bool  # "quy chế phối hợp công tác"
    place: places.Place
    suggested: Province | None
    source: SourceFacts
    topics: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)
    effective: str | None = None
    references: list[Reference] = field(default_factory=list)
    agreements: list[Named] = field(default_factory=list)
    several: bool = False
    signatories: list[dict] = field(default_factory=list)
    other_provinces: tuple[str, ...] = ()
    period: str | None = None  # giai đoạn as written
    suggested_year: str | None = None  # for a date without its year: from the page date or the sentence
    year_basis: str | None = None  # page | sentence
    english: bool = False
    regulation_document: bool = False  # the text is the regulation itself (Số: …/QC…, QUY CHẾ, Căn cứ …)
    count_stated: int | None = None  # "ký kết 3 quy chế"


def gather(article: Article, vocab: Vocabularies, url: str | None, publisher: str | None) -> EventFacts:
    text = article.text
    folded = fold_aligned(text)
    english = is_english(text)
    all_sentences = sentences(text, folded)
    body = [s for s in all_sentences if not _is_furniture(s)]
    references = references_in(text, folded)
    excluded = [(r.start, r.end + len(r.clause)) for r in references if r.relation]
    agreements, several = _agreements(article, body, vocab, excluded)
    if len(agreements) == 1:
        split = _per_province(agreements[0], folded, vocab)
        if split:
            agreements, several = split, True
    mentions = [(m, s) for s in body for m in dates.find_dates(s.folded, s.start)]
    event_date = dates.event_date([m for m, _ in mentions])
    sentence = next((s.text for m, s in mentions if m is event_date), "")
    resolved = dates.resolve_year(event_date, article.page_date, sentence) if event_date else None
    year = (resolved.value[:4] if resolved and resolved.how == "stated" and resolved.value else
            resolved.suggested if resolved else None)
    when = _when(year, resolved.value if resolved else None, article.page_date)
    for named in agreements:
        if isinstance(named.province, str):
            named.province = vocab.find_province(named.province, when)
    own = [(m.start, m.end) for named in agreements[:1] for m, counted in _mention_kinds(named) if not counted]
    source = _source(article, vocab, url, publisher, when, english)
    hint = places.suggested_province(vocab, source.publisher if source.publisher_how != "agency" else None,
                                     source.url, when)
    units = [item["unit"].split(" ", 1)[-1] if " " in item["unit"] and item["unit"].split(" ", 1)[0] in
             ("huyện", "quận", "thị xã", "thành phố") else item["unit"]
             for named in agreements[:1] for item in named.parties if isinstance(item, dict) and item.get("unit")]
    place = places.find_place(folded, text, article.headline, vocab, when, own,
                              [lv for named in agreements[:1] for lv, c in zip(named.levels, named.counted, strict=True) if not c]
                              or [lv for named in agreements[:1] for lv in named.levels], units, hint)
    term = facts.preferred_term(body, article.headline)
    is_term = bool(term) and term[1] == "nhiệm kỳ"
    document = _is_regulation_document(article.lines)
    kind = "ban-hanh" if document else _kind(article, body)
    return EventFacts(
        kind=kind, date=resolved.value if resolved else None, date_how=resolved.how if resolved else None,
        date_text=text[event_date.start:event_date.end] if event_date else None,
        term=term[0] if is_term else None, term_word="nhiệm kỳ" if is_term else "giai đoạn",
        work=bool(re.search(r"quy che phoi hop cong tac", folded)), place=place,
        suggested=None if place.province else hint,
        source=source,
        topics=[] if english else topics.topics_in(topics.contents_list(paragraphs(text, folded), body), set(vocab.topics)),
        principles=[] if english else facts.principles_in(body), effective=facts.effective_in(folded),
        references=references, agreements=agreements, several=several,
        signatories=signatories.signatories_in(body, agreements[0].codes) if len(agreements) == 1 and not english else [],
        other_provinces=place.other_provinces,
        period=term[0] if term and not is_term else None,
        suggested_year=resolved.suggested if resolved else None, year_basis=resolved.basis if resolved else None,
        english=english, regulation_document=document, count_stated=_count_stated(folded),
    )


def _per_province(named: Named, folded: str, vocab: Vocabularies) -> list[Named]:
    """'… với Thường trực HĐND, UBND 5 tỉnh, thành phố' and, somewhere, '5 tỉnh, thành phố Hà Nội, Hòa Bình,
    Bắc Ninh, Hà Nam và Vĩnh Phúc': one agreement per province, each with the same parties."""
    for index, item in enumerate(named.parties):
        if not (isinstance(item, dict) and item.get("count") and item.get("level") == "tinh"):
            continue
        count = item["count"]
        for match in re.finditer(rf"\b{count}\s+(?:tinh|dia phuong)(?:,?\s*thanh pho)?\s+", folded):
            names = places.listed_provinces(folded, match.end(), vocab)
            if len(names) == count:
                parties = list(named.parties)
                parties[index] = item["party"]
                parties = [p for i, p in enumerate(parties) if party_key(p) not in {party_key(q) for q in parties[:i]}]
                return [Named(parties, named.mentions, named.structure, named.position,
                              [item["level"]] * len(parties), [False] * len(parties), province=name) for name in names]
    return []


def _mention_kinds(named: Named):
    """(mention, stands for several bodies) for the mentions of one agreement's parties."""
    counted_codes = {p["party"] for p, c in zip(named.parties, named.counted, strict=True) if c and isinstance(p, dict)}
    plain_codes = {p if isinstance(p, str) else p.get("party") for p, c in zip(named.parties, named.counted, strict=True) if not c}
    for mention in named.mentions:
        yield mention, mention.code in counted_codes and mention.code not in plain_codes


def _when(year: str | None, value: str | None, page_date: str | None) -> dt.date | None:
    """The date used to tell former from current provinces: the event's, else the page's."""
    if year and value:
        try:
            return dt.date(int(year), int(value[5:7]), int(value[8:10]))
        except ValueError:
            pass
    if year:
        return dt.date(int(year), 7, 1)
    return dt.date.fromisoformat(page_date) if page_date else None


_DOCUMENT_NUMBER = re.compile(r"^\s*Số\s*(?:hiệu)?\s*:\s*\d+/[^\s]*QC", re.IGNORECASE)


def _is_regulation_document(lines: list[str]) -> bool:
    """The text of the regulation itself: its number line, the heading QUY CHẾ and its legal bases."""
    head = lines[:80]
    return (any(_DOCUMENT_NUMBER.match(line) for line in head)
            and any(line.strip().startswith("QUY CHẾ") for line in head)
            and any(fold(line).startswith("can cu") for line in head))


_STATED_COUNT = re.compile(r"\bky(?: ket)?\s+(\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(?:ban\s+)?quy che\b")


def _count_stated(folded: str) -> int | None:
    match = _STATED_COUNT.search(folded)
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else facts.count_word(word)


def _is_furniture(sentence: Span) -> bool:
    """Page-date lines and 'date 2025-10-07' headers: their dates are not the event's."""
    return bool(re.match(r"\s*date\s+\d{4}-", sentence.folded)) or (
        len(sentence.text) <= 80 and bool(re.search(r"\d{1,2}:\d{2}|luot xem|ngay dang|cap nhat", sentence.folded)))


def _kind(article: Article, body: list[Span]) -> str:
    return facts.event_kind(article.headline, body[:6]) or "khac"  # not a signing we can see: the editor decides


def _agreements(article: Article, body: list[Span], vocab: Vocabularies, excluded) -> tuple[list[Named], bool]:
    in_headline = [s for s in body if article.headline and len(s.text) > 10 and s.text.strip() in article.headline]
    in_body = [s for s in body if s not in in_headline]
    clauses = [c for s in in_body for c in between_clauses(s, vocab, excluded)]
    several = several_agreements(clauses)
    if several:
        return several, True
    subjects = [n for s in in_body if (n := signing_subject(s, vocab))]
    headline_clauses = [c for s in in_headline for c in between_clauses(s, vocab, excluded)]
    headline_subjects = [n for s in in_headline if (n := signing_subject(s, vocab))]
    chosen = choose_parties(clauses, headline_clauses, subjects, headline_subjects)
    if chosen and not chosen.structure:
        chosen.structure = _structure_outside(body, excluded)
    return ([chosen] if chosen else []), False


def _structure_outside(body: list[Span], excluded) -> tuple[int | None, int | None] | None:
    for sentence in body:
        if any(s <= sentence.start < e for s, e in excluded):
            continue
        found = facts.structure_in(sentence.folded)
        if found:
            return found
    return None


def _source(article: Article, vocab: Vocabularies, url: str | None, publisher: str | None, when,
            english: bool = False) -> SourceFacts:
    url = url or article.url
    if publisher:
        name, how = publisher, "given"
    elif article.publisher:
        name, how = article.publisher, "text"
    elif url:
        name, how = places.publisher_from_url(vocab, url, when), "domain"
    elif article.agency:
        name, how = article.agency, "agency"
    else:
        name, how = None, "none"
    return SourceFacts(name, how, article.headline, article.page_date, article.author, url, "en" if english else "vi")
