"""Vietnamese and English dates in news text: '14/10', 'ngày 06/5/2022', 'sáng 25-01-2024',
'ngày 12 tháng 3 năm 2023', 'On the afternoon of February 27'. A date without its year stays
without it: the record gets 'XXXX-10-14' (ISO 8601-2/EDTF, year unspecified) and a *suggested*
year only when the page date or the same sentence gives one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Works on folded text (no diacritics, đ -> d), which has the same length as the original.
_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?![\d/\-]|\.\d)")
_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:,\s*)?nam\s+(\d{4}))?\b")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_ENGLISH = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_TIME_OF_DAY = re.compile(r"\b(?:sang|chieu|toi|trua|dem|ngay|hom nay|vao)\s*(?:ngay\s*)?(?:hom qua\s*)?,?\s*$"
                          r"|\b(?:on|since|from)\s+(?:the\s+(?:morning|afternoon|evening)\s+of\s+)?$")
# A date right after a document number belongs to that document ("số 794/QCPH…, ngày 05/10/2021").
_DOCUMENT_BEFORE = re.compile(r"(?:so\s*:?\s*\d+[\w\-/.&]*|(?:nghi quyet|quyet dinh|ket luan|chi thi|ke hoach|thong bao|"
                              r"cong van|luat|ban hanh)[^,.;]{0,40})[\s,]*(?:ngay\s*)?$")
_YEAR_WORD = re.compile(r"\bnam\s+((?:19|20)\d{2})\b|\bin\s+((?:19|20)\d{2})\b")


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

    def value(self) -> str | None:
        """The record's value: '2024-01-25', or 'XXXX-10-14' when the year is not written."""
        if self.year:
            return self.iso()
        try:
            dt.date(2000, self.month, self.day)  # a leap year: 29/02 may exist
        except ValueError:
            return None
        return f"XXXX-{self.month:02d}-{self.day:02d}"


def find_dates(folded: str, offset: int = 0) -> list[DateMention]:
    """Every plausible day/month(/year) mention, in text order."""
    found = []
    for pattern in (_NUMERIC, _WORDS):
        for match in pattern.finditer(folded):
            mention = _mention(folded, match, offset)
            if mention:
                found.append(mention)
    for match in _ENGLISH.finditer(folded):
        mention = _english(folded, match, offset)
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


def _english(folded: str, match: re.Match, offset: int) -> DateMention | None:
    month, day = _MONTHS.index(match.group(1)) + 1, int(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    if not 1 <= day <= 31 or (year and not 1945 <= year <= 2100):
        return None
    before = folded[max(0, match.start() - 60):match.start()]
    return DateMention(offset + match.start(), offset + match.end(), day, month, year,
                       bool(_TIME_OF_DAY.search(before)), bool(re.search(r"\bdated\s*$", before)))


def event_date(mentions: list[DateMention]) -> DateMention | None:
    """The date of the reported event: the first cued date that is not a document's date."""
    usable = [m for m in mentions if not m.document]
    cued = [m for m in usable if m.cue]
    return (cued or usable or [None])[0]


@dataclass(frozen=True)
class ResolvedDate:
    value: str | None  # '2024-01-25' or 'XXXX-01-25'; None when the day does not exist
    how: str  # stated | unstated (day and month only)
    suggested: str | None = None  # a likely year, for `uncertain` (never written into the date)
    basis: str | None = None  # 'page' (the suggested year is the page's), or years the sentence names (a hint)


def resolve_year(mention: DateMention, page_date: str | None, sentence: str = "") -> ResolvedDate:
    """The date as the text states it, and a suggested year when one can be inferred.

    The page (publication) date suggests its year (the year before for a December event
    reported in January). Years written in the same sentence are kept as a hint only."""
    if mention.year:
        return ResolvedDate(mention.iso(), "stated")
    value = mention.value()
    if value and page_date and re.match(r"^\d{4}-\d{2}-\d{2}$", page_date):
        page = dt.date.fromisoformat(page_date)
        year = page.year - 1 if (mention.month, mention.day) > (page.month, page.day) else page.year
        return ResolvedDate(value, "unstated", str(year), "page")
    years = sorted({a or b for a, b in _YEAR_WORD.findall(sentence)})
    # A year in the same sentence is only a hint ('đánh giá năm 2013' is held in 2014): never suggested.
    return ResolvedDate(value, "unstated", None, ", ".join(years) or None)


def iso_from_match(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
