"""Small facts stated in the text: term, structure, kind of event, principles, effective date."""

from __future__ import annotations

import re

from registry.editors.drafting.dates import iso_from_match
from registry.editors.drafting.scanning import Span
from registry.records.text import fold

_TERM = re.compile(r"\b(nhiem ky|giai doan)\s*(?:nam\s*)?(\d{4})\s*[-–—]\s*(\d{4})\b")
_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}
_COUNT = r"(\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
_STRUCTURE = re.compile(rf"\b{_COUNT}\s+chuong\s*[,;]?\s*(?:va|voi|gom)?\s*{_COUNT}\s+dieu\b")
_ARTICLES_ONLY = re.compile(rf"\b(?:gom|co)\s+{_COUNT}\s+dieu\b")


def term_in(folded: str) -> tuple[str, str] | None:
    """('2021-2026', 'nhiệm kỳ' or 'giai đoạn') for the first term mentioned."""
    match = _TERM.search(folded)
    if not match or not 0 < int(match.group(3)) - int(match.group(2)) <= 10:
        return None
    return f"{match.group(2)}-{match.group(3)}", ("nhiệm kỳ" if match.group(1) == "nhiem ky" else "giai đoạn")


def preferred_term(sentences: list[Span], headline: str | None) -> tuple[str, str] | None:
    """The term of the agreement: from the headline or a sentence about the quy chế, else the first."""
    candidates = ([fold(headline)] if headline else []) + [s.folded for s in sentences if "quy che" in s.folded]
    for folded in candidates + [s.folded for s in sentences]:
        term = term_in(folded)
        if term:
            return term
    return None


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
_SIGN = r"\b(?:ky ket|ky ban hanh|ban hanh|(?:da|duoc|cung|se|tien hanh|thong nhat|vua)\s+ky|ky(?=\s+(?:quy che|qc)\b))\b"
_KINDS = [
    ("tong-ket", re.compile(r"\btong ket\b[^.;]{0,120}\bquy che|\bquy che[^.;]{0,40}\btong ket\b")),
    ("so-ket", re.compile(r"\bso ket\b[^.;]{0,120}\bquy che|\bquy che[^.;]{0,40}\bso ket\b")),
    ("sua-doi", re.compile(r"\bsua doi,?\s*(?:va\s*)?bo sung\s+(?:mot so dieu\s+(?:cua\s+)?)?(?:quy che|qc)\b"
                           r"|\bquy che\s+(?:phoi hop\s+)?sua doi")),
    ("ky-ket", re.compile(rf"{_SIGN}[^.;]{{0,80}}\bquy che|\bquy che[^.;]{{0,80}}{_SIGN}")),
]


def event_kind(headline: str | None, lead: list[Span]) -> str | None:
    """What the item reports, judged from the headline first, then the lead sentences."""
    for folded in ([fold(headline)] if headline else []) + [s.folded for s in lead]:
        for kind, pattern in _KINDS:
            if pattern.search(folded):
                return kind
    return None


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
