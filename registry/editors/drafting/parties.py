"""Find the signing bodies in folded text: every alias of every party, longest match first.

"Ban Thường trực Ủy ban MTTQ" is btt-ubmttq, not ubmttq; "Đảng đoàn HĐND" is
dang-doan-hdnd, not hdnd: overlapping matches keep the longest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry.records.text import fold
from registry.records.vocab import Vocabularies

# Spellings seen in news items beyond the vocabulary's aliases (prefixes of the full
# names, hyphenated and abbreviated forms). Matched without diacritics like the rest.
EXTRA_ALIASES = {
    "tt-hdnd": ["TT HĐND", "TT.HĐND", "Thường trực Hội đồng nhân dân"],
    "hdnd": ["Hội đồng nhân dân"],
    "ubnd": ["Ủy ban nhân dân", "UBND"],
    "ubmttq": ["Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "UB MTTQ", "UBMTTQ"],
    "btt-ubmttq": ["Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam", "Ban Thường trực Ủy ban Mặt trận Tổ quốc",
                   "Ban Thường trực Ủy ban Mặt trận", "Ban Thường trực MTTQ", "BTT UBMTTQ", "BTT Ủy ban MTTQ",
                   "Thường trực Ủy ban Mặt trận Tổ quốc", "Thường trực UBMTTQ", "Thường trực MTTQ"],
    "doan-dbqh": ["Đoàn đại biểu Quốc hội", "Đoàn ĐBQH"],
    "dang-doan-hdnd": ["Đảng đoàn Hội đồng nhân dân"],
    "bcs-dang-ubnd": ["Ban cán sự đảng Ủy ban nhân dân", "Ban cán sự Đảng UBND", "BCS Đảng UBND"],
    "dang-doan-mttq": ["Đảng đoàn Mặt trận Tổ quốc", "Đảng đoàn Ủy ban Mặt trận Tổ quốc", "Đảng đoàn UBMTTQ"],
    "vp-doan-dbqh-hdnd": ["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân", "Văn phòng Đoàn ĐBQH, HĐND",
                          "Văn phòng Đoàn ĐBQH - HĐND"],
    "vp-ubnd": ["Văn phòng Ủy ban nhân dân", "VP UBND"],
    "vp-tinh-uy": ["Văn phòng Tỉnh ủy", "VP Tỉnh ủy"],
    "ubkt": ["Ủy ban Kiểm tra Tỉnh ủy", "Ủy ban Kiểm tra Thành ủy"],
    "ban-tuyen-giao": ["Ban Tuyên giáo Thành ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"],
    "ban-dan-van": ["Ban Dân vận Thành ủy"],
    "toa-an": ["Tòa án nhân dân", "Tòa án"],
    "vien-kiem-sat": ["Viện kiểm sát nhân dân", "Viện Kiểm sát", "Viện KSND"],
    "doan-the": ["các tổ chức chính trị - xã hội", "tổ chức chính trị - xã hội", "các đoàn thể"],
    "ldld": ["Liên đoàn Lao động"],
    "doan-tn": ["Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                "Đoàn TNCS Hồ Chí Minh", "Đoàn thanh niên", "Tỉnh Đoàn thanh niên"],
    "hoi-lhpn": ["Hội Liên hiệp Phụ nữ"],
    "quan-su": ["Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự", "đơn vị quân đội", "các đơn vị quân đội"],
    "dang-uy": ["Đảng ủy", "Đảng uỷ"],
    "dang-uy-khoi": ["Đảng ủy khối", "Đảng uỷ khối"],
    "kiem-toan-nn": ["Kiểm toán Nhà nước", "Kiểm toán nhà nước khu vực", "State Audit Office"],
    "bao-dai": ["Báo và Phát thanh, Truyền hình", "Báo và PTTH", "Đài Phát thanh - Truyền hình", "Đài PT-TH"],
    "hoi-nha-bao": ["Hội Nhà báo"],
    "lien-hiep-huu-nghi": ["Liên hiệp các tổ chức hữu nghị"],
}
# English names on the provinces' English pages (baonghean.vn/en, baophuyen.vn/en, ...).
ENGLISH_ALIASES = {
    "tt-hdnd": ["Standing Committee of the Provincial People's Council", "Standing Committee of the People's Council",
                "Provincial People's Council Standing Committee", "People's Council Standing Committee",
                "Standing Members of the Provincial People's Council"],
    "hdnd": ["Provincial People's Council", "People's Council"],
    "ubnd": ["Provincial People's Committee", "People's Committee"],
    "btt-ubmttq": ["Standing Committee of the Provincial Vietnam Fatherland Front Committee",
                   "Standing Committee of the Vietnam Fatherland Front Committee",
                   "Standing Committee of the Provincial Fatherland Front Committee",
                   "Standing Committee of the Fatherland Front Committee", "Standing Committee of the Fatherland Front",
                   "Provincial Vietnam Fatherland Front Standing Committee", "Vietnam Fatherland Front Standing Committee",
                   "Fatherland Front Standing Committee"],
    "ubmttq": ["Provincial Vietnam Fatherland Front Committee", "Vietnam Fatherland Front Committee",
               "Provincial Fatherland Front Committee", "Fatherland Front Committee", "Provincial Fatherland Front",
               "Vietnam Fatherland Front", "Fatherland Front"],
    "doan-dbqh": ["Provincial National Assembly Delegation", "National Assembly Delegation",
                  "Delegation of National Assembly Deputies"],
}
# Words between the tokens of an alias: spaces, hyphens, '&', and the "và" of "ĐBQH và HĐND".
_GAP = r"[\s\-–&.'’]*"
_COMMA_GAP = r"[\s\-–&.,'’]*"


@dataclass(frozen=True)
class PartyMention:
    start: int
    end: int
    code: str


def _alias_pattern(alias: str) -> str:
    """Tokens joined by _GAP; a comma only where the alias itself has one ('Phát thanh, Truyền hình'):
    'Thường trực HĐND tỉnh, Đoàn ĐBQH' must not read as 'Tỉnh đoàn'."""
    folded = fold(alias)
    tokens = list(re.finditer(r"[a-z0-9]+", folded))
    pattern = r"\b" + tokens[0].group(0)
    for previous, token in zip(tokens, tokens[1:], strict=False):
        gap = _COMMA_GAP if "," in folded[previous.end():token.start()] else _GAP
        pattern += gap + token.group(0)
    return pattern + r"(?:vn|\s+viet\s+nam)?\b"


def _build_patterns(vocab: Vocabularies) -> list[tuple[re.Pattern, str]]:
    patterns = {}
    for party in vocab.parties.values():
        for alias in (party.name, party.short, *party.aliases, *EXTRA_ALIASES.get(party.code, []),
                      *ENGLISH_ALIASES.get(party.code, [])):
            if len(re.findall(r"[a-z0-9]", fold(alias))) >= 3:
                patterns.setdefault(_alias_pattern(alias), party.code)
    return [(re.compile(p), code) for p, code in patterns.items()]

_CACHE_PATTERNS: dict[int, object] = {}


def _patterns(vocab: Vocabularies):
    """Built once per vocabulary (vocabularies are loaded once and never change)."""
    key = id(vocab)
    if key not in _CACHE_PATTERNS:
        _CACHE_PATTERNS[key] = _build_patterns(vocab)
    return _CACHE_PATTERNS[key]



def find_parties(folded: str, vocab: Vocabularies, offset: int = 0) -> list[PartyMention]:
    """Non-overlapping party mentions, longest first, returned in text order."""
    matches = [(m.start(), m.end(), code) for pattern, code in _patterns(vocab) for m in pattern.finditer(folded)]
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    used = bytearray(len(folded))  # characters already claimed by a longer match
    taken: list[tuple[int, int, str]] = []
    for start, end, code in matches:
        if not any(used[start:end]):
            used[start:end] = b"\x01" * (end - start)
            taken.append((start, end, code))
    return [PartyMention(offset + s, offset + e, c) for s, e, c in sorted(taken)]
