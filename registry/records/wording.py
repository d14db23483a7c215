"""Shared Vietnamese wording of terms and provinces (one place for each choice).

Used by the site, the statistics, the search metadata and the editors' scaffold, so a
span is always written '2021–2026' and a centrally governed city is never called 'tỉnh'.
"""

from __future__ import annotations

from registry.records.vocab import Province, Vocabularies


def term_text(code: str | None) -> str:
    """'2021-2026' -> '2021–2026' (an en dash between the years, as Vietnamese print writes spans)."""
    return code.replace("-", "–") if code else ""


def lower_first(text: str) -> str:
    """'Thành phố Hà Nội' -> 'thành phố Hà Nội' (a full name inside a sentence)."""
    return text[:1].lower() + text[1:]


def province_word(province: Province | None) -> str:
    """'thành phố' for a centrally governed city, else 'tỉnh' (also when the province is unknown)."""
    return "thành phố" if province is not None and province.kind == "thanh-pho" else "tỉnh"


def province_level_name(province: Province | None) -> str:
    """The province level spelled out: 'thành phố trực thuộc trung ương' or 'tỉnh'."""
    return "thành phố trực thuộc trung ương" if province_word(province) == "thành phố" else "tỉnh"


def province_phrase(province: Province | None) -> str:
    """'tỉnh Lạng Sơn', 'thành phố Hà Nội'; just 'tỉnh' when unknown."""
    return f"{province_word(province)} {province.name}" if province else province_word(None)


# Units whose bare name is also a person's name: Vietnamese always writes the city with "TP.".
CITY_PREFIXED = {"ho-chi-minh"}


def unit_name(province: Province) -> str:
    """The unit's name as a reader expects it in a list or a heading: 'Lạng Sơn', 'TP. Hồ Chí Minh'."""
    return f"TP. {province.name}" if province.slug in CITY_PREFIXED else province.name


def was_merged(vocab: Vocabularies, unit: Province) -> bool:
    """A former (pre-2025) unit that the 2025 rearrangement merged with others or renamed."""
    if unit.current:
        return False
    successor = vocab.successor_of(unit)
    return successor.predecessors != (unit.slug,) or successor.name != unit.name


def province_label(vocab: Vocabularies, unit: Province | None, unknown: str = "chưa rõ") -> str:
    """The province as it was when signed, with its successor only if the 2025 merger changed it:
    'tỉnh Bắc Giang (cũ), nay thuộc thành phố Bắc Ninh', 'tỉnh Thái Nguyên (cũ), nay thuộc tỉnh
    Thái Nguyên' (merged with Bắc Kạn), 'Lạng Sơn' (not merged), 'TP. Hồ Chí Minh'."""
    if unit is None:
        return unknown
    if not was_merged(vocab, unit):
        return unit_name(vocab.successor_of(unit) if not unit.current else unit)
    successor = vocab.successor_of(unit)
    return f"{province_phrase(unit)} (cũ), nay thuộc {province_phrase(successor)}"
