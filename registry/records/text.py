"""Vietnamese text helpers: alphabetical order, diacritic folding, slugs, dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Vietnamese base letters in alphabetical order. Letters with a breve,
# circumflex or horn are letters of their own (a < ă < â), and so is đ.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Tone marks rank after the base letter: none, grave, hook, tilde, acute, dot.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a new letter rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def _split_letter(char: str) -> tuple[str, int]:
    """Split one lowercase character into its base letter and its tone rank."""
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0] + "".join(m for m in decomposed[1:] if m in _LETTER_MARKS)
    tone = max((_TONES.get(m, 0) for m in decomposed[1:]), default=0)
    return unicodedata.normalize("NFC", base), tone


def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese alphabetical order (as ICU's `vi` collation).

    Compares base letters first (a ă â b c d đ e ê …), then tones, then case:
    "Bạc Liêu" < "Bắc Giang" (a < ă) and every "Đ…" name follows every "D…".
    """
    letters, tones, cases = [], [], []
    for char in unicodedata.normalize("NFC", text):
        lower = char.lower()
        base, tone = _split_letter(lower)
        letters.append(_LETTER_RANK.get(base, 100 + ord(base[0])) if base.isalpha() else ord(base) - 1000)
        tones.append(tone)
        cases.append(0 if char == lower else 1)
    return (letters, tones, cases)


def fold(text: str) -> str:
    """Lowercase text with every diacritic removed and đ turned into d."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """ASCII slug: 'Lạng Sơn' -> 'lang-son'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def parse_iso_date(value: str) -> dt.date | None:
    """Parse YYYY-MM-DD into a date, or None when the day does not exist."""
    try:
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


def format_date_vi(value: str | None, unknown: str = "chưa rõ") -> str:
    """'2022-05-06' -> '06/05/2022' (Vietnamese dd/mm/yyyy); partial dates as
    format_partial_date_vi ('14/10, chưa rõ năm', '05/2022', 'năm 2022')."""
    parsed = parse_iso_date(value) if value else None
    if parsed:
        return parsed.strftime("%d/%m/%Y")
    return format_partial_date_vi(value, unknown=unknown) if isinstance(value, str) else unknown


# --- partial dates (ISO 8601-2 / EDTF level 1) -------------------------------------------
# Records write 2024-01-25, 2024-01, 2024, or XXXX-10-14 (day and month stated, year not).
EDTF = re.compile(r"^(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29/02 may exist when the year is unknown


class PartialDate:
    """A date known to a year, a month, or a day and month without the year."""

    __slots__ = ("text", "year", "month", "day")

    def __init__(self, text: str, year: int | None, month: int | None, day: int | None):
        self.text, self.year, self.month, self.day = text, year, month, day

    @property
    def full(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year and self.month and self.day else None

    def earliest(self, year: int | None = None) -> dt.date | None:
        """First day the value can mean, with `year` standing in for an unknown year."""
        year = self.year or year
        if not year:
            return None
        month, day = self.month or 1, self.day or 1
        if (month, day) == (2, 29) and not _leap(year):
            day = 28
        return dt.date(year, month, day)

    def sort_key(self, year: int | None = None) -> str:
        """'2021-10-14' for ordering; the year is `year` (a suggested one) or '0000' (unknown first
        in ascending order, last when newest first)."""
        shown = self.year or year
        return f"{shown or 0:04d}-{self.month or 0:02d}-{self.day or 0:02d}"

    def __repr__(self) -> str:
        return f"PartialDate({self.text!r})"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_edtf(value) -> PartialDate | None:
    """Parse a record date; None when it is not one of the allowed forms or the day does not exist."""
    match = EDTF.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year = None if match["year"] == "XXXX" else int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if year is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                return None
        elif not 1 <= day <= _MONTH_DAYS[month - 1]:
            return None
    return PartialDate(value, year, month, day)


def format_partial_date_vi(value: str | None, suggested: str | None = None, unknown: str = "chưa rõ") -> str:
    """Vietnamese display of a record date: '06/05/2022', '05/2022', 'năm 2022',
    '14/10, chưa rõ năm' (', có thể năm 2021' when a year is suggested)."""
    parsed = parse_edtf(value) if value else None
    if parsed is None:
        return unknown
    if parsed.year is None:
        text = f"{parsed.day:02d}/{parsed.month:02d}, chưa rõ năm"
        return f"{text}, có thể năm {suggested}" if suggested else text
    if parsed.day:
        return f"{parsed.day:02d}/{parsed.month:02d}/{parsed.year}"
    if parsed.month:
        return f"{parsed.month:02d}/{parsed.year}"
    return f"năm {parsed.year}"


def html_datetime(value: str | None) -> str | None:
    """The value of an HTML <time datetime>: '2021-10-14', '2021-10', '2021', or the yearless
    '10-14' for XXXX-10-14; None when unknown."""
    parsed = parse_edtf(value) if value else None
    if parsed is None:
        return None
    return value if parsed.year else f"{parsed.month:02d}-{parsed.day:02d}"
