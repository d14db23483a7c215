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


def province_label(vocab: Vocabularies, unit: Province | None, unknown: str = "chưa rõ") -> str:
    """The province as it was when signed, with its successor if the 2025 merger changed it:
    'Bắc Giang (nay thuộc thành phố Bắc Ninh)', 'Bắc Ninh cũ (nay thuộc …)', 'Lạng Sơn'."""
    if unit is None:
        return unknown
    if unit.current:
        return unit.name
    successor = vocab.successor_of(unit)
    if successor.predecessors == (unit.slug,) and successor.name == unit.name:
        return unit.name
    name = f"{unit.name} cũ" if successor.name == unit.name else unit.name
    return f"{name} (nay thuộc {lower_first(successor.full_name)})"
