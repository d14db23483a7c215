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

from registry.records.text import fold
from registry.records.vocab import Province, Vocabularies

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



def provinces_named(folded: str, vocab: Vocabularies) -> list[tuple[int, str]]:
    """(position, province name) for each 'tỉnh X' / 'thành phố X' / 'X:' headline place."""
    found = []
    alternatives = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key, _ in _province_names(vocab))
    pattern = re.compile(rf"(?:{_PROVINCE_CUE})({alternatives})\b")
    canonical = dict(_province_names(vocab))
    for match in pattern.finditer(folded):
        found.append((match.start(1), canonical[" ".join(match.group(1).split())]))
    return found


def headline_place(headline: str | None, vocab: Vocabularies) -> str | None:
    """'Thái Nguyên: Ký kết …' names its place before the colon."""
    if not headline or ":" not in headline[:40]:
        return None
    key = " ".join(re.findall(r"[a-z0-9]+", fold(headline.split(":")[0])))
    return dict(_province_names(vocab)).get(key)


def find_place(folded: str, text: str, headline: str | None, vocab: Vocabularies, when: dt.date | None,
               party_spans: list[tuple[int, int]]) -> Place:
    named = [name for _, name in provinces_named(folded, vocab)]
    lead = headline_place(headline, vocab)
    counts = Counter(named + ([lead] * 2 if lead else []))
    place = Place()
    if counts:
        best = counts.most_common(1)[0][0]
        place.province = vocab.find_province(best, when)
        place.other_provinces = tuple(sorted(n for n in counts if n != best))
    place.level = level_after_parties(folded, party_spans) or _level_word(folded)
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
            name = _capitalised_words(text[match.end():match.end() + 60])
            if name:
                return f"{word} {name}"
    return None


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
        label = label.removeprefix("bao").removeprefix("www") if label not in squashed else label
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
        return f"Cổng Thông tin điện tử {'thành phố' if province.kind == 'thanh-pho' else 'tỉnh'} {province.name}"
    return host
