"""Where an agreement was signed: province, level (tỉnh/huyện/xã) and the unit below the province.

Only what the text states counts as the province. A publisher name or a URL
domain may *suggest* one ("Báo Phú Thọ", langson.gov.vn): the draft then leaves
the province empty and records the suggestion for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlparse

import yaml

from registry.records.text import fold
from registry.records.vocab import DATA_DIR, Province, Vocabularies
from registry.records.wording import province_phrase

_PROVINCE_CUE = r"\b(?:(?:tinh|thanh pho)\s+|tp\.?\s*)"
# Words after a party name that give the level: "UBND tỉnh", "HĐND huyện", "Ủy ban MTTQ xã".
_LEVEL_WORDS = {"tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "quan": "huyen", "thi xa": "huyen",
                "xa": "xa", "phuong": "xa", "thi tran": "xa", "dac khu": "xa"}
_UNIT_WORDS = ("huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn", "đặc khu")


@dataclass
class Place:
    province: Province | None = None
    level: str | None = None
    unit: str | None = None
    other_provinces: tuple[str, ...] = ()  # also named as places: the editor should check
    district: str | None = None  # the province comes from this district the text names, not from its own name


def _build_province_names(vocab: Vocabularies) -> list[tuple[str, str]]:
    """(folded name, canonical name) for every alias, longest first."""
    names = {}
    for province in (*vocab.former.values(), *vocab.current.values()):
        for alias in (province.name, *province.aliases):
            key = " ".join(re.findall(r"[a-z0-9]+", fold(alias)))
            if len(key) >= 3 and not key.startswith(("tp ", "thanh pho ")):
                names.setdefault(key, province.name)
    return sorted(names.items(), key=lambda item: -len(item[0]))

_CACHE_PROVINCE_NAMES: dict[int, object] = {}


def _province_names(vocab: Vocabularies):
    """Built once per vocabulary (vocabularies are loaded once and never change)."""
    key = id(vocab)
    if key not in _CACHE_PROVINCE_NAMES:
        _CACHE_PROVINCE_NAMES[key] = _build_province_names(vocab)
    return _CACHE_PROVINCE_NAMES[key]



def _alternatives(vocab: Vocabularies) -> str:
    return "|".join(re.escape(key).replace(r"\ ", r"\s+") for key, _ in _province_names(vocab))


def provinces_named(folded: str, vocab: Vocabularies, party_spans: list[tuple[int, int]] = ()) -> list[tuple[int, str]]:
    """(position, province name) for each 'tỉnh X' / 'thành phố X' / 'X province' / '(X)' place,
    and for a province name right after a signing body's name ('Báo … Thanh Hóa')."""
    found = []
    names = _alternatives(vocab)
    canonical = dict(_province_names(vocab))
    patterns = [rf"(?:{_PROVINCE_CUE})({names})\b", rf"\(({names})\)", rf"\b({names})\s+province\b",
                rf"\bprovince\s+of\s+({names})\b", rf"\b(?:front|committee|council|delegation)\s+of\s+({names})\b"]
    for pattern in patterns:
        for match in re.finditer(pattern, folded):
            found.append((match.start(1), canonical[" ".join(match.group(1).split())]))
    after_party = re.compile(rf"\s+({names})\b")
    for _, end in party_spans:
        match = after_party.match(folded, end)
        if match:
            found.append((match.start(1), canonical[" ".join(match.group(1).split())]))
    return sorted(set(found))


def listed_provinces(folded: str, start: int, vocab: Vocabularies) -> list[str]:
    """'… 5 tỉnh, thành phố Hà Nội, Hoà Bình, Bắc Ninh, Hà Nam và Vĩnh Phúc' -> the five names (from `start`)."""
    names = _alternatives(vocab)
    canonical = dict(_province_names(vocab))
    found = []
    for match in re.finditer(rf"({names})\b", folded[start:start + 300]):
        between = folded[start:start + match.start()] if not found else folded[found[-1][1]:start + match.start()]
        if found and not re.fullmatch(r"\s*(?:,|va|and)\s*", between):
            break
        found.append((start + match.start(), start + match.end(), canonical[" ".join(match.group(1).split())]))
    return [name for _, _, name in found]


# --- districts (cấp huyện, valid until 2025-06-30) ---------------------------------------

_DISTRICT_CUE = re.compile(r"\b(huyen|quan|thi xa|thanh pho|tp\.?)\s+")
_DISTRICTS: dict[str, list[tuple[str, str]]] = {}


def _districts() -> dict[str, list[tuple[str, str]]]:
    """folded name -> [(kind, province slug)], from registry/data/districts.yaml."""
    if not _DISTRICTS:
        with open(DATA_DIR / "districts.yaml", encoding="utf-8") as handle:
            for row in yaml.safe_load(handle):
                _DISTRICTS.setdefault(" ".join(fold(str(row["name"])).split()), []).append((row["kind"], row["province"]))
    return _DISTRICTS


def district_matches(name: str, kind: str | None = None) -> list[tuple[str, str]]:
    """[(kind, province slug)] of the districts called `name` (of that kind, when given)."""
    rows = _districts().get(" ".join(fold(name).split()), [])
    if kind:
        # a thị xã may have become a thành phố by 2025 (Thuận An): any urban kind matches an urban kind
        urban = ("thị xã", "thành phố", "quận")
        rows = [r for r in rows if r[0] == kind or (kind in urban and r[0] in urban)]
    return rows


def district_province(text: str, folded: str, extra_names: list[str] = (), suggested: str | None = None
                      ) -> tuple[str, str] | None:
    """(province slug, the district as written) when the districts the text names ('huyện Xuyên
    Mộc', 'Quận 7') belong to one province; with a suggestion (the publisher's province), to it."""
    candidates: dict[str, str] = {}
    for match in _DISTRICT_CUE.finditer(folded):
        words = (_capitalised_words(text[match.end():match.end() + 60].split("\n")[0]) or "").split()
        word = {"huyen": "huyện", "quan": "quận", "thi xa": "thị xã"}.get(match.group(1), "thành phố")
        for size in range(len(words), 0, -1):  # 'Năm Căn Vừa …' -> 'Năm Căn'
            name = " ".join(words[:size])
            rows = district_matches(name, word)
            for _, province in rows:
                candidates.setdefault(province, f"{word} {name}")
            if rows:
                break
    for name in extra_names:
        for kind, province in district_matches(name):
            candidates.setdefault(province, f"{kind} {name}")
    if suggested and suggested in candidates:
        return suggested, candidates[suggested]
    return next(iter(candidates.items())) if len(candidates) == 1 else None


def headline_place(headline: str | None, vocab: Vocabularies) -> str | None:
    """'Thái Nguyên: Ký kết …' names its place before the colon."""
    if not headline or ":" not in headline[:40]:
        return None
    key = " ".join(re.findall(r"[a-z0-9]+", fold(headline.split(":")[0])))
    return dict(_province_names(vocab)).get(key)


def find_place(folded: str, text: str, headline: str | None, vocab: Vocabularies, when: dt.date | None,
               party_spans: list[tuple[int, int]], item_levels: list[str | None] = (),
               unit_names: list[str] = (), suggested: Province | None = None) -> Place:
    named = [name for _, name in provinces_named(folded, vocab, party_spans)]
    lead = headline_place(headline, vocab)
    counts = Counter(named + ([lead] * 2 if lead else []))
    place = Place()
    if counts:
        best = counts.most_common(1)[0][0]
        place.province = vocab.find_province(best, when)
        place.other_provinces = tuple(sorted(n for n in counts if n != best))
    else:
        found = district_province(text, folded, list(unit_names), suggested.slug if suggested else None)
        if found:
            place.province = vocab.province_at(found[0], when)
            place.district = found[1]
    levels = [lv for lv in item_levels if lv]
    english_level = "tinh" if re.search(r"\bprovincial\b", folded) and not re.search(r"\bdistrict\b", folded) else None
    place.level = (level_after_parties(folded, party_spans) or english_level or
                   (max(set(levels), key=levels.count) if levels else None) or _level_word(folded))
    if place.level in ("huyen", "xa"):
        place.unit = unit_name(text, folded, place.level)
    return place


def level_after_parties(folded: str, party_spans: list[tuple[int, int]]) -> str | None:
    """The most specific level word that follows a signing party ('UBND xã' beats 'tỉnh X' later)."""
    levels = []
    for _, end in party_spans:
        following = folded[end:end + 12]
        for word, level in _LEVEL_WORDS.items():
            if re.match(rf"\s+{word}\b", following):
                levels.append(level)
                break
    if not levels:
        return None
    return max(set(levels), key=lambda lv: (levels.count(lv), ["tinh", "huyen", "xa"].index(lv)))


def _level_word(folded: str) -> str | None:
    """'… 3 văn phòng cấp tỉnh' states the level even when no party name is followed by it."""
    match = re.search(r"\bcap (tinh|huyen|xa)\b", folded)
    return match.group(1) if match else None


def unit_name(text: str, folded: str, level: str) -> str | None:
    """'xã Tân Lập' from '… UBND xã Tân Lập, huyện Đồng Phú …' (the first named unit of that level)."""
    words = [w for w in _UNIT_WORDS if _LEVEL_WORDS[fold(w)] == level and fold(w) != "thanh pho"]
    for word in words + (["thành phố"] if level == "huyen" else []):
        for match in re.finditer(rf"\b{fold(word)}\s+", folded):
            name = _capitalised_words(text[match.end():match.end() + 60].split("\n")[0])
            if name:
                return f"{word} {_known_prefix(name, word) if level == 'huyen' else name}"
    return None


def _known_prefix(name: str, word: str) -> str:
    """'Bình Chánh Người' (from 'Huyện Bình Chánh Người ký: …') -> 'Bình Chánh' when that is a district."""
    words = name.split()
    for size in range(len(words), 0, -1):
        if district_matches(" ".join(words[:size]), word):
            return " ".join(words[:size])
    return name


def _capitalised_words(text: str) -> str | None:
    """'Tân Lập, huyện …' -> 'Tân Lập'; 'Phường 4' keeps its number."""
    words = []
    for word in re.split(r"\s+", text):
        clean = word.rstrip(",.;:)")
        if not clean or not (clean[0].isupper() or clean.isdigit()):
            break
        words.append(clean)
        if clean != word or len(words) == 4:
            break
    return " ".join(words) or None


# --- suggestions from the publisher ----------------------------------------------------


def suggested_province(vocab: Vocabularies, publisher: str | None, url: str | None, when: dt.date | None) -> Province | None:
    """A province the publisher's name or the URL's domain points to (never taken as fact)."""
    if publisher:
        for key, name in _province_names(vocab):
            if re.search(rf"\b{re.escape(key)}\b", " ".join(re.findall(r"[a-z0-9]+", fold(publisher)))):
                return vocab.find_province(name, when)
    return _province_from_domain(vocab, url, when)


def _province_from_domain(vocab: Vocabularies, url: str | None, when: dt.date | None) -> Province | None:
    host = (urlparse(url).hostname or "") if url else ""
    squashed = {key.replace(" ", ""): name for key, name in _province_names(vocab)}
    for label in host.split("."):
        label = label.removeprefix("bao").removeprefix("www").removesuffix("tv") if label not in squashed else label
        if label in squashed:
            return vocab.find_province(squashed[label], when)
    return None


def publisher_from_url(vocab: Vocabularies, url: str | None, when: dt.date | None) -> str | None:
    """A readable publisher guessed from a domain: baophutho.vn -> 'Báo Phú Thọ'; else the bare domain."""
    host = (urlparse(url).hostname or "").removeprefix("www.") if url else ""
    if not host:
        return None
    province = _province_from_domain(vocab, url, when)
    first = host.split(".")[0]
    if province and first.startswith("bao"):
        return f"Báo {province.name}"
    if province and host.endswith(".gov.vn"):
        return f"Cổng Thông tin điện tử {province_phrase(province)}"
    return host
