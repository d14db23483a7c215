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
    several_agreements,
    signing_subject,
)
from registry.editors.drafting.reading import Article, fold_aligned
from registry.editors.drafting.references import Reference, references_in
from registry.editors.drafting.scanning import Span, paragraphs, sentences
from registry.records.vocab import Province, Vocabularies


@dataclass
class SourceFacts:
    publisher: str | None
    publisher_how: str  # given | text | agency | domain | none
    title: str | None
    date: str | None
    author: str | None
    url: str | None

    def as_record(self) -> dict:
        return {"publisher": self.publisher, "title": self.title, "date": self.date, "author": self.author,
                "url": self.url}


@dataclass
class EventFacts:
    """What one news item states about one event (a signing, a review, an amendment)."""

    kind: str
    date: str | None
    date_how: str | None  # stated | page | None
    date_text: str | None  # the date as written, for notes
    term: str | None
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


def gather(article: Article, vocab: Vocabularies, url: str | None, publisher: str | None) -> EventFacts:
    text = article.text
    folded = fold_aligned(text)
    all_sentences = sentences(text, folded)
    body = [s for s in all_sentences if not _is_furniture(s)]
    references = references_in(text, folded)
    excluded = [(r.start, r.end + len(r.clause)) for r in references if r.relation]
    agreements, several = _agreements(article, body, vocab, excluded)
    event_date = dates.event_date([m for s in body for m in dates.find_dates(s.folded, s.start)])
    iso, how = dates.resolve_year(event_date, article.page_date) if event_date else (None, None)
    when = dt.date.fromisoformat(iso or article.page_date) if (iso or article.page_date) else None
    party_spans = [(m.start, m.end) for named in agreements for m in named.mentions]
    place = places.find_place(folded, text, article.headline, vocab, when, party_spans)
    source = _source(article, vocab, url, publisher, when)
    term = facts.preferred_term(body, article.headline)
    return EventFacts(
        kind=_kind(article, body), date=iso, date_how=how,
        date_text=text[event_date.start:event_date.end] if event_date else None,
        term=term[0] if term else None, term_word=term[1] if term else "nhiệm kỳ",
        work=bool(re.search(r"quy che phoi hop cong tac", folded)), place=place,
        suggested=None if place.province else places.suggested_province(vocab, source.publisher if source.publisher_how != "agency" else None, source.url, when),
        source=source,
        topics=topics.topics_in(topics.contents_list(paragraphs(text, folded), body), set(vocab.topics)),
        principles=facts.principles_in(body), effective=facts.effective_in(folded), references=references,
        agreements=agreements, several=several,
        signatories=signatories.signatories_in(body, agreements[0].parties) if len(agreements) == 1 else [],
        other_provinces=place.other_provinces,
    )


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
    headline_named = [c for s in in_headline for c in between_clauses(s, vocab, excluded)]
    headline_named += [n for s in in_headline if (n := signing_subject(s, vocab))]
    chosen = choose_parties(clauses, subjects, headline_named)
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


def _source(article: Article, vocab: Vocabularies, url: str | None, publisher: str | None, when) -> SourceFacts:
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
    return SourceFacts(name, how, article.headline, article.page_date, article.author, url)
