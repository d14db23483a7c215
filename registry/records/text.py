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
    """'2022-05-06' -> '06/05/2022' (Vietnamese dd/mm/yyyy)."""
    parsed = parse_iso_date(value) if value else None
    return parsed.strftime("%d/%m/%Y") if parsed else unknown
