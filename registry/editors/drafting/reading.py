"""Turn the bytes of a news item into clean text, and find its page furniture.

Page furniture: the headline, the page (publication) date, the byline, a
source line with a URL. News items are pasted from web pages, so the text
carries menus, view counters and captions: the helpers here skip those.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from registry.records.text import fold

MAX_ARTICLE_BYTES = 1_000_000
_ENCODINGS = ("utf-8", "utf-8-sig", "cp1258", "latin-1")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


class ArticleError(ValueError):
    """The input cannot be drafted from; the message is for the editor."""


@dataclass
class Article:
    """The text of one news item and what its layout says about the source."""

    text: str
    lines: list[str]
    headline: str | None = None
    page_date: str | None = None
    author: str | None = None
    url: str | None = None
    publisher: str | None = None  # as the text itself names it ("Nguồn Đại Đoàn Kết: …")
    agency: str | None = None  # a news agency tag at the start of the lead: "(BNP) –"
    warnings: list[str] = field(default_factory=list)

    @property
    def folded(self) -> str:
        return fold_aligned(self.text)


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Bytes -> text: UTF-8 first; legacy encodings with a warning."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"tệp quá lớn (trên {MAX_ARTICLE_BYTES // 1_000_000} MB); một bài báo chỉ vài chục KB — "
                           "hãy chỉ dán phần nội dung bài viết")
    for encoding in _ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings = [] if encoding in ("utf-8", "utf-8-sig") else [
            f"tệp không phải UTF-8; đã đọc theo bảng mã {encoding} — hãy kiểm tra dấu tiếng Việt"]
        return text, warnings
    raise ArticleError("không đọc được tệp")  # latin-1 decodes any bytes: not reached


def normalise(text: str) -> str:
    """NFC, LF line ends, no invisible characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).replace("\u00a0", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_unwrap([line.strip() for line in text.split("\n")])).strip()


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _unwrap(lines: list[str]) -> list[str]:
    """Join what a copied page broke apart: a document heading ('QUY CHẾ' / 'PHỐI HỢP … GIỮA …' in
    capitals over several lines) and a sentence wrapped mid-way (the next line starts in lower case)."""
    out: list[str] = []
    heading = False
    for line in lines:
        if out and heading and line and not any(c.islower() for c in line) and line.strip("-| "):
            out[-1] += " " + line
            continue
        if out and not line and heading:
            continue  # blank lines inside the heading
        if out and out[-1] and line[:1].islower() and not re.search(r"[.:;!?|]$", out[-1]) and len(out[-1]) > 20:
            out[-1] += " " + line
            continue
        heading = bool(line) and _is_upper(line) and fold(line).startswith("quy che")
        out.append(line)
    return out


def fold_aligned(text: str) -> str:
    """fold() one character at a time, so index i of the result is character i of `text`."""
    return "".join((fold(c) or " ")[0] for c in text)


def read_article(text: str) -> Article:
    lines = [line for line in text.split("\n") if line]
    article = Article(text=text, lines=lines)
    article.url, article.publisher = source_line(lines)
    article.page_date = page_date(lines)
    article.headline = headline(lines)
    article.author = byline(lines)
    article.agency = agency_tag(text)
    return article


# --- page furniture --------------------------------------------------------------------

_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_PAGE_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s*[-,|]?\s*(\d{1,2})[:h](\d{2}))?")


def page_date(lines: list[str]) -> str | None:
    """'date 2025-10-07' headers, or a short line near the top or bottom with a full date
    ('29/01/2024 08:00 Số lượt xem: 182', 'Thứ Hai, 29/01/2024')."""
    for line in lines:
        match = _DATE_HEADER.match(line)
        if match:
            return match.group(1)
    for line in lines[:6] + lines[-4:]:
        match = _PAGE_DATE.search(line)
        if match and len(line) <= 80 and (match.group(4) or len(line) <= 40 or _looks_dateline(line)):
            day, month, year = (int(g) for g in match.group(1, 2, 3))
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _looks_dateline(line: str) -> bool:
    return bool(re.search(r"\b(thu|ngay dang|cap nhat|dang luc|luot xem)\b", fold(line)))


_MENU_WORDS = ("skip to", "in trang", "xuat pdf", "doc noi dung", "che do ban dem", "trang chu", "dang nhap")


def headline(lines: list[str]) -> str | None:
    """The first line that reads like a headline: words, not a menu, not a date line."""
    candidates = []
    for line in lines[:12]:
        line = _DATE_HEADER.sub("", line).strip()
        words = line.split()
        folded = fold(line)
        if len(words) < 5 or len(line) > 300 or any(w in folded for w in _MENU_WORDS) or folded.startswith("nguon"):
            continue
        if _PAGE_DATE.match(line):
            continue
        candidates.append(line)
    preferred = [c for c in candidates if "quy che" in fold(c) or "phoi hop" in fold(c)]
    return (preferred or candidates or [None])[0]


_FOOTER_WORDS = ("thong ke", "truy cap", "online", "luot xem", "ban quyen", "lien he", "chia se", "tin lien quan",
                 "quang canh", "dia chi", "dien thoai", "email")


def byline(lines: list[str]) -> str | None:
    """A short last line that looks like a person's name or initials ('Thu Hà', 'M.B')."""
    for line in reversed(lines[-8:]):
        if _URL.search(line) or fold(line).startswith(("nguon", "theo ")):
            continue  # a source line after the byline
        if len(line) > 120:
            return None  # reached the body: there is no byline after it
        line = _BYLINE_PREFIX.sub("", line)
        if _is_byline(line):
            return line.strip(" .-–()")
    return None


_BYLINE_PREFIX = re.compile(r"^\s*(?:bài|tin|ảnh|bài và ảnh|tin và ảnh|bài, ảnh|tin, ảnh|tin/ảnh|bài/ảnh)\s*:\s*", re.IGNORECASE)


def _is_byline(line: str) -> bool:
    text = line.strip(" .-–()")
    folded = fold(text)
    if not 2 <= len(text) <= 40 or re.search(r"[\d:/@]", text) or any(w in folded for w in _FOOTER_WORDS):
        return False
    if folded.startswith(("nguon", "theo ")):
        return False
    if re.fullmatch(r"(?:[A-ZĐ]\.){1,4}[A-ZĐ]?\.?", text.replace(" ", "")):
        return True  # initials: M.B, N.V.A
    words = text.split()
    return 1 < len(words) <= 5 and all(w[0].isupper() for w in words)


_SOURCE_LINE = re.compile(r"^\s*(?:nguồn|theo)\s*:?\s*([^:]{2,80}?)\s*[:\-–]\s*(https?://\S+)", re.IGNORECASE)
_SOURCE_NAME = re.compile(r"^\s*(?:nguồn|theo)\s*:?\s*((?:báo|cổng|đài|tạp chí|trang|website)\b[^,;:]{2,60})$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"']+")


def source_line(lines: list[str]) -> tuple[str | None, str | None]:
    """(url, publisher) from a line like 'Nguồn Đại Đoàn Kết: http://daidoanket.vn/…'."""
    for line in reversed(lines[-6:]):
        match = _SOURCE_LINE.match(line)
        if match:
            return match.group(2).rstrip(".,;)"), match.group(1).strip()
        url = _URL.search(line)
        if url and fold(line).startswith(("nguon", "theo", "link", "url")):
            return url.group(0).rstrip(".,;)"), None
        named = _SOURCE_NAME.match(line)
        if named and len(line) <= 60:
            return None, named.group(1).strip(" .")
    return None, None


_AGENCY = re.compile(r"^\(([A-ZĐ][A-Za-zĐđ.\- ]{1,30})\)\s*[-–—:]", re.MULTILINE)


def agency_tag(text: str) -> str | None:
    """'BNP' from a lead starting '(BNP) – Chiều 25/01, …'."""
    match = _AGENCY.search(text)
    return match.group(1).strip() if match else None
