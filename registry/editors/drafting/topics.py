"""Map the listed contents ("Nội dung phối hợp gồm: …") to topic codes by keywords.

Only the list the text gives counts, and only codes whose keywords clearly
occur in it: a topic a reader would not find in the list is not added.
"""

from __future__ import annotations

import re

from registry.editors.drafting.scanning import Span

# Keywords on folded text (no diacritics). Order does not matter: topics come out
# in the order the list mentions them.
TOPIC_KEYWORDS = {
    "xay-dung-phap-luat": [r"xay dung (?:phap luat|van ban|nghi quyet|chinh sach)", r"van ban quy pham", r"van ban qppl"],
    "pho-bien-phap-luat": [r"pho bien", r"giao duc phap luat"],
    "giam-sat": [r"giam sat", r"khao sat"],
    "phan-bien-xa-hoi": [r"phan bien"],
    "tiep-cong-dan": [r"tiep cong dan", r"khieu nai", r"to cao"],
    "tiep-xuc-cu-tri": [r"tiep xuc cu tri", r"kien nghi cua cu tri"],
    "ky-hop-hdnd": [r"(?:to chuc|chuan bi|phuc vu)\s+(?:cac\s+)?ky hop", r"(?<!hai )ky hop (?:cua )?(?:hdnd|hoi dong nhan dan)"],
    "chat-van-giai-trinh": [r"chat van", r"giai trinh"],
    "tham-quyen-giua-hai-ky-hop": [r"giua hai ky hop", r"thuoc tham quyen"],
    "lay-phieu-tin-nhiem": [r"phieu tin nhiem"],
    "bau-cu": [r"bau cu"],
    "thong-tin-bao-cao": [r"che do (?:hop|thong tin|bao cao)", r"giao ban", r"thong tin,? bao cao",
                          r"(?:trao doi|xu ly|cung cap)\s+thong tin", r"cung cap tai lieu"],
    "dai-doan-ket": [r"dai doan ket", r"van dong nhan dan"],
    "phong-trao-thi-dua": [r"phong trao thi dua", r"cuoc van dong"],
    "to-chuc-hoi-nghi": [r"to chuc (?:cac )?(?:hoi nghi|cuoc hop)"],
    "tham-muu-tham-dinh": [r"tham dinh", r"tham tra"],
    "cong-tac-doi-ngoai": [r"doi ngoai"],
    "dao-tao-nghiep-vu": [r"dao tao", r"boi duong"],
    "kinh-te-xa-hoi": [r"phat trien kinh te"],
}
_LIST_START = re.compile(r"\bnoi dung\b[^.:;]{0,60}:|\blinh vuc\b[^.:;]{0,40}:")


def contents_list(paragraphs: list[Span], sentences: list[Span]) -> str | None:
    """The folded text of the listed contents: from the colon, sentence by sentence while the list goes on."""
    for paragraph in paragraphs:
        match = _LIST_START.search(paragraph.folded)
        if not match:
            continue
        start = paragraph.start + match.end()
        parts = []
        for sentence in (s for s in sentences if paragraph.start <= s.start < paragraph.end and s.end > start):
            piece = sentence.folded[max(0, start - sentence.start):]
            if parts and ";" not in piece and not parts[-1].rstrip(". ").endswith(";"):
                break
            parts.append(piece)
        return " ".join(parts)
    return None


def topics_in(listed: str | None, known: set[str]) -> list[str]:
    if not listed:
        return []
    found = []
    for code, patterns in TOPIC_KEYWORDS.items():
        positions = [m.start() for p in patterns for m in re.finditer(rf"\b{p}", listed)]
        if positions and code in known:
            found.append((min(positions), code))
    return [code for _, code in sorted(found)]
