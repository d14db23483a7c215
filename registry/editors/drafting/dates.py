"""Vietnamese dates in news text: '14/10', 'ngày 06/5/2022', 'sáng 25-01-2024',
'ngày 12 tháng 3 năm 2023'. A date without its year stays without it here:
the caller decides whether the page date may supply it (and marks that)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Works on folded text (no diacritics, đ -> d), which has the same length as the original.
_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?![\d/\-]|\.\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:,\s*)?nam\s+(\d{4}))?\b")
_TIME_OF_DAY = re.compile(r"\b(?:sang|chieu|toi|trua|dem|ngay|hom nay)\s*(?:ngay\s*)?(?:hom qua\s*)?,?\s*$")
# A date right after a document number belongs to that document ("số 794/QCPH…, ngày 05/10/2021").
_DOCUMENT_BEFORE = re.compile(r"(?:so\s*:?\s*\d+[\w\-/.&]*|(?:nghi quyet|quyet dinh|ket luan|chi thi|ke hoach|thong bao|"
                              r"cong van|luat|ban hanh)[^,.;]{0,40})[\s,]*(?:ngay\s*)?$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    cue: bool  # preceded by a time-of-day word or "ngày": it dates an event
    document: bool  # the date of a numbered document, not of the event

    def iso(self, year: int | None = None) -> str | None:
        try:
            return dt.date(year or self.year, self.month, self.day).isoformat() if (year or self.year) else None
        except ValueError:
            return None


def find_dates(folded: str, offset: int = 0) -> list[DateMention]:
    """Every plausible day/month(/year) mention, in text order."""
    found = []
    for pattern in (_NUMERIC, _WORDS):
        for match in pattern.finditer(folded):
            mention = _mention(folded, match, offset)
            if mention:
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _mention(folded: str, match: re.Match, offset: int) -> DateMention | None:
    day, month = int(match.group(1)), int(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    if not (1 <= day <= 31 and 1 <= month <= 12) or (year and not 1945 <= year <= 2100):
        return None
    before = folded[max(0, match.start() - 60):match.start()]
    cue = bool(_TIME_OF_DAY.search(before))
    # '3/10 văn phòng', '2/3 số đại biểu': a bare day/month needs a cue word or punctuation after it.
    if year is None and not cue and not re.match(r"\s*([,.;:)]|$)", folded[match.end():match.end() + 3]):
        return None
    return DateMention(offset + match.start(), offset + match.end(), day, month, year, cue,
                       bool(_DOCUMENT_BEFORE.search(before)))


def event_date(mentions: list[DateMention]) -> DateMention | None:
    """The date of the reported event: the first cued date that is not a document's date."""
    usable = [m for m in mentions if not m.document]
    cued = [m for m in usable if m.cue]
    return (cued or usable or [None])[0]


def resolve_year(mention: DateMention, page_date: str | None) -> tuple[str | None, str | None]:
    """(iso date, how the year was found): 'stated', 'page' (inferred from the page date) or None."""
    if mention.year:
        return mention.iso(), "stated"
    if not page_date:
        return None, None
    page = dt.date.fromisoformat(page_date)
    iso = mention.iso(page.year)
    if iso and iso > page_date:  # a December event reported in January
        iso = mention.iso(page.year - 1)
    return iso, "page"


def iso_from_match(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
