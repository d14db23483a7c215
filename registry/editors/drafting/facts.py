"""Small facts stated in the text: term, structure, kind of event, principles, effective date."""

from __future__ import annotations

import re

from registry.editors.drafting.dates import iso_from_match
from registry.editors.drafting.scanning import Span
from registry.records.text import fold

_TERM = re.compile(r"\b(nhiem ky|giai doan|term|period)\s*(?:nam\s*|of\s*)?(\d{4})\s*[-–—]\s*(\d{4})\b"
                   r"|\b(\d{4})\s*[-–—]\s*(\d{4})\s+(term|period)\b")
_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}
_COUNT = r"(\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
_STRUCTURE = re.compile(rf"\b{_COUNT}\s+chuong\s*[,;]?\s*(?:va|voi|gom)?\s*{_COUNT}\s+dieu\b")
_ARTICLES_ONLY = re.compile(rf"\b(?:gom|co)\s+{_COUNT}\s+dieu\b")


def term_in(folded: str) -> tuple[str, str] | None:
    """('2021-2026', 'nhiệm kỳ' or 'giai đoạn') for the first term or period mentioned."""
    match = _TERM.search(folded)
    if not match:
        return None
    word, start, end = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (
        match.group(6), match.group(4), match.group(5))
    if not 0 < int(end) - int(start) <= 10:
        return None
    return f"{start}-{end}", ("nhiệm kỳ" if word in ("nhiem ky", "term") else "giai đoạn")


_ABOUT_AGREEMENT = re.compile(r"quy che|regulation")


def preferred_term(sentences: list[Span], headline: str | None) -> tuple[str, str] | None:
    """The term (or period) of the agreement: from the headline or a sentence about the quy chế, else the first."""
    candidates = ([fold(headline)] if headline else []) + [s.folded for s in sentences if _ABOUT_AGREEMENT.search(s.folded)]
    for folded in candidates + [s.folded for s in sentences]:
        term = term_in(folded)
        if term:
            return term
    return None


def count_word(word: str) -> int:
    return _count(word)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def structure_in(folded: str) -> tuple[int | None, int | None] | None:
    """(chapters, articles) from 'gồm 3 chương, 17 điều' or 'gồm 12 điều'."""
    match = _STRUCTURE.search(folded)
    if match:
        return _count(match.group(1)), _count(match.group(2))
    match = _ARTICLES_ONLY.search(folded)
    return (None, _count(match.group(1))) if match else None


# --- kind of event ---------------------------------------------------------------------

# "ký" folds to "ky" like "kỳ" (nhiệm kỳ, kỳ họp): only verb forms count.
_SIGN = r"\b(?:ky ket|ky ban hanh|(?:da|duoc|cung|se|tien hanh|thong nhat|vua)\s+ky|ky(?=\s+(?:quy che|qc)\b))\b"
_QC = r"(?:quy che|qc)\b"
_REGULATION = r"(?:coordination|cooperation)\s+(?:regulations?|program(?:me)?)|regulations?\b"
# Kinds in order of precedence: an item that reviews the old regulation and signs a new one
# reports the signing; a "hội nghị triển khai ký kết" is a signing.
_KINDS = [
    ("sua-doi", re.compile(rf"\b(?:ky|ban hanh)[^.;]{{0,30}}\bquy che\s+sua doi|^\W*(?:ky ket\s+)?quy che\s+sua doi"
                           rf"|\bsua doi,?\s*(?:va\s*)?bo sung\s+(?:mot so dieu\s+(?:cua\s+)?)?{_QC}[^.;]{{0,60}}\bngay\b")),
    ("ky-ket", re.compile(rf"{_SIGN}[^.;]{{0,80}}\b{_QC}|\b{_QC}[^.;]{{0,80}}{_SIGN}"
                          rf"|\bsign(?:ed|s|ing)?\b[^.;]{{0,80}}\b(?:{_REGULATION})|\bsign(?:ed|ing)?\s+(?:the\s+)?\d-party"
                          rf"|\bcontinue to sign\b")),
    ("ban-hanh", re.compile(rf"\bban hanh\s+(?:ban\s+)?{_QC}|\bngay ban hanh\s*:|\bissu(?:ed|es|ing)\b[^.;]{{0,40}}\b(?:{_REGULATION})")),
    ("trien-khai", re.compile(rf"\btrien khai(?:,?\s*quan triet)?\s+(?:thuc hien\s+)?{_QC}"
                              rf"|\bdeploy(?:ed|ing|ment)?\b[^.;]{{0,40}}\b(?:{_REGULATION})")),
    ("tong-ket", re.compile(rf"\btong ket\b[^.;]{{0,120}}\b{_QC}|\b{_QC}[^.;]{{0,40}}\btong ket\b"
                            rf"|\b(?:summary|summari[sz]e[ds]?)\b[^.;]{{0,80}}\b(?:{_REGULATION})")),
    ("so-ket", re.compile(rf"\bso ket\b[^.;]{{0,120}}\b{_QC}|\b{_QC}[^.;]{{0,40}}\bso ket\b"
                          rf"|\b(?:evaluat|assess|review)\w*\b[^.;]{{0,80}}\b(?:{_REGULATION})")),
]
_ORDER = [kind for kind, _ in _KINDS]


def event_kind(headline: str | None, lead: list[Span]) -> str | None:
    """What the item reports, from the headline and the lead sentences together; when they
    name several kinds the first in _KINDS wins (signing a new regulation beats reviewing the old one)."""
    found = set()
    for folded in ([fold(headline)] if headline else []) + [s.folded for s in lead]:
        found |= {kind for kind, pattern in _KINDS if pattern.search(folded)}
    return min(found, key=_ORDER.index) if found else None


# --- principles and effect ---------------------------------------------------------------

_PRINCIPLES = re.compile(r"\bnguyen tac\b\s*:?\s*")


def principles_in(sentences: list[Span]) -> list[str]:
    """'… trên nguyên tắc: A; B; C.' -> ['A', 'B', 'C'] (the items as the text lists them)."""
    for sentence in sentences:
        match = _PRINCIPLES.search(sentence.folded)
        if not match or "quy che" not in sentence.folded and "phoi hop" not in sentence.folded:
            continue
        tail = sentence.text[match.end():].strip(" “”\"'.…")
        items = [_tidy(part) for part in re.split(r";\s*", tail)]
        items = [item for item in items if 3 <= len(item) <= 600]
        if items and len(tail) >= 15:
            return items
    return []


def _tidy(item: str) -> str:
    item = item.strip(" “”\"'.…,")
    return (item[0].upper() + item[1:] + ".") if item else item


_EFFECTIVE_SIGNING = re.compile(r"\bhieu luc\s+(?:thi hanh\s+)?(?:ke\s+)?tu\s+ngay\s+ky\b")
_EFFECTIVE_DATE = re.compile(r"\bhieu luc\s+(?:thi hanh\s+)?(?:ke\s+)?tu\s+ngay\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def effective_in(folded: str) -> str | None:
    """'signed' when effective from signing, an ISO date when stated, else None."""
    if _EFFECTIVE_SIGNING.search(folded):
        return "signed"
    match = _EFFECTIVE_DATE.search(folded)
    if match:
        return iso_from_match(*match.groups())
    return None
