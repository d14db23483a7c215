"""The statistics page (Thống kê): counts over the registry and the page's Markdown.

Counts come from the same facet groups as the index pages (registry.site.facets),
so a number on this page always equals the length of the list it summarises.
Charts and the map are static SVG built here; the page template places each
one in a <figure> beside an HTML table of the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from registry.records.model import Agreement, Registry
from registry.records.vocab import Province
from registry.records.wording import unit_name, was_merged
from registry.site.charts import (
    BLUE,
    GREY,
    ORANGE,
    BarChart,
    Row,
    Segment,
    Series,
    render_bar_chart,
    single_series_rows,
)
from registry.site.facets import (
    COMBINATIONS,
    PROVINCES,
    TERMS,
    UNKNOWN,
    YEARS,
    Group,
    facet_index,
    groups,
    units_within,
)
from registry.site.province_map import Mark, render_province_map
from registry.site.rendering import render
from registry.site.urls import STATS_PAGE, agreement_page, province_page, root_of, source_uri

PAGE_PATH = source_uri(STATS_PAGE)
# The page lives at thong-ke/, one folder below the site root.
ROOT = root_of(STATS_PAGE)
TOP_COMBINATIONS = 10
COVERAGE_TERMS = 2  # the current term and the one before it
UNKNOWN_YEAR = "Chưa rõ năm"
UNKNOWN_PROVINCE = "Chưa rõ tỉnh, thành"
PROVINCE_SERIES = (
    Series("current", "Ghi theo đơn vị hiện nay, hoặc đơn vị không đổi khi sắp xếp năm 2025", BLUE),
    Series("former", "Ghi theo đơn vị cũ đã hợp nhất, trước 01/07/2025 (mỗi đơn vị một đoạn)", ORANGE),
    Series("unknown", "Chưa rõ tỉnh, thành", GREY),
)


# --- counts (plain data, tested directly) -----------------------------------


def year_counts(registry: Registry) -> list[tuple[str, int]]:
    """(year, count) from the first to the last year of signing, gaps filled with 0,
    then the records without a signing date."""
    counts_by_year = {g.slug: g.count for g in groups(registry, YEARS)}
    years = sorted(int(slug) for slug in counts_by_year if slug != UNKNOWN)
    counts = [(str(y), counts_by_year.get(str(y), 0)) for y in range(years[0], years[-1] + 1)] if years else []
    if counts_by_year.get(UNKNOWN):
        counts.append((UNKNOWN_YEAR, counts_by_year[UNKNOWN]))
    return counts


def term_counts(registry: Registry) -> list[tuple[str, int]]:
    """(term name, count) for every standard term, oldest first; non-standard spans count in theirs."""
    return [(g.name, g.count) for g in groups(registry, TERMS)]


def combination_counts(registry: Registry, limit: int = TOP_COMBINATIONS) -> list[tuple[str, int]]:
    """The most frequent party combinations, e.g. ('TT HĐND + UBND + BTT UBMTTQ', 1)."""
    return [(g.name, g.count) for g in groups(registry, COMBINATIONS)[:limit]]


@dataclass(frozen=True)
class ProvinceCount:
    """A current unit with its records split by the unit they name (itself or a former one)."""

    province: Province
    total: int
    parts: tuple[Group, ...]


def province_counts(registry: Registry) -> list[ProvinceCount]:
    """All 34 current units in Vietnamese order, former units' records included."""
    return [ProvinceCount(g.subject, g.count, tuple(units_within(registry, g)))
            for g in groups(registry, PROVINCES) if not g.unknown]


def unknown_province(registry: Registry) -> tuple[Agreement, ...]:
    """Records whose province is not known (never counted under any province)."""
    group = facet_index(registry).group(PROVINCES, UNKNOWN)
    return group.agreements if group else ()


@dataclass(frozen=True)
class Coverage:
    """Which current units have no record for one standard term."""

    term: str
    name: str
    covered: int
    missing: tuple[Province, ...]


def coverage(registry: Registry, terms: int = COVERAGE_TERMS) -> list[Coverage]:
    """The newest standard terms, newest first, with the units that have no record in them."""
    vocab = registry.vocab
    standard = sorted((t for t in vocab.terms.values() if t.standard is None), key=lambda t: t.start, reverse=True)
    index = facet_index(registry)
    result = []
    for term in standard[:terms]:
        group = index.group(TERMS, term.code)
        present = {unit.slug for a in (group.agreements if group else ()) if (unit := registry.successor_of(a))}
        missing = tuple(p for p in vocab.sorted_current() if p.slug not in present)
        result.append(Coverage(term.code, term.name, len(vocab.current) - len(missing), missing))
    return result


# --- charts -----------------------------------------------------------------


def _part_label(registry: Registry, part: Group) -> str:
    """'Bắc Giang (cũ)' for a merged former unit; the name alone otherwise."""
    if part.kind == PROVINCES or not was_merged(registry.vocab, part.subject):
        return part.name
    return f"{part.name} (cũ)"


def _province_row(registry: Registry, item: ProvinceCount) -> Row:
    segments = tuple(
        Segment("current" if part.kind == PROVINCES or not was_merged(registry.vocab, part.subject) else "former",
                part.count,
                f"{_part_label(registry, part)}: {part.count} quy chế")
        for part in item.parts
    )
    detail = "; ".join(f"{_part_label(registry, p)}: {p.count}" for p in item.parts)
    return Row(unit_name(item.province), segments, detail, ROOT + province_page(item.province))


def province_chart(registry: Registry, provinces: list[ProvinceCount], unknown: int) -> BarChart:
    """Units with records, most first, then one bar for records whose province is unknown."""
    items = sorted((i for i in provinces if i.total), key=lambda i: -i.total)
    rows = tuple(_province_row(registry, item) for item in items)
    if unknown:
        rows += (Row(UNKNOWN_PROVINCE, (Segment("unknown", unknown, f"{UNKNOWN_PROVINCE}: {unknown} quy chế"),),
                     "Nguồn không nêu tỉnh, thành; không tính vào tỉnh nào"),)
    return BarChart(
        "bieu-do-tinh-thanh", "Số quy chế theo tỉnh, thành phố hiện nay",
        "Số quy chế theo tỉnh, thành phố hiện nay (34 đơn vị từ 01/07/2025). Quy chế của các đơn vị cũ "
        "được cộng vào đơn vị kế thừa, mỗi đơn vị cũ là một đoạn riêng. Chỉ hiện các đơn vị đã có quy chế.",
        "Tỉnh, thành phố", rows, PROVINCE_SERIES,
    )


def year_chart(registry: Registry) -> BarChart:
    return BarChart(
        "bieu-do-nam", "Số quy chế theo năm ký",
        "Số quy chế theo năm ký; “Chưa rõ năm” gồm các quy chế mà nguồn không nêu ngày ký.",
        "Năm ký", single_series_rows(year_counts(registry)), (Series("count", "Số quy chế", BLUE),),
    )


def term_chart(registry: Registry) -> BarChart:
    return BarChart(
        "bieu-do-nhiem-ky", "Số quy chế theo nhiệm kỳ",
        "Số quy chế theo nhiệm kỳ; quy chế ghi giai đoạn khác (như 2021–2025) được tính vào nhiệm kỳ tương ứng.",
        "Nhiệm kỳ", single_series_rows(term_counts(registry)), (Series("count", "Số quy chế", BLUE),),
    )


def combination_chart(registry: Registry) -> BarChart:
    return BarChart(
        "bieu-do-to-hop", "Các tổ hợp cơ quan ký phổ biến nhất",
        f"Các tổ hợp cơ quan cùng ký thường gặp nhất (tối đa {TOP_COMBINATIONS}), gọi theo tên viết tắt.",
        "Tổ hợp cơ quan", single_series_rows(combination_counts(registry)), (Series("count", "Số quy chế", BLUE),),
    )


def coverage_chart(registry: Registry, items: list[Coverage]) -> BarChart:
    total = len(registry.vocab.current)
    rows = single_series_rows(((c.name, c.covered) for c in items), unit=f"trên {total} tỉnh, thành có quy chế")
    return BarChart(
        "bieu-do-do-phu", "Số tỉnh, thành phố có quy chế trong từng nhiệm kỳ",
        f"Số tỉnh, thành phố (trên {total}) có ít nhất một quy chế được ghi nhận trong nhiệm kỳ.",
        "Nhiệm kỳ", rows, (Series("count", "Số tỉnh, thành", BLUE),), value_heading=f"Số tỉnh, thành (trên {total})",
        axis=total,
    )


def province_marks(provinces: list[ProvinceCount]) -> list[Mark]:
    return [
        Mark(i.province.slug, unit_name(i.province), ROOT + province_page(i.province), i.total)
        for i in provinces
    ]


# --- page -------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedChart:
    chart: BarChart
    svg: Markup


def _rendered(chart: BarChart) -> RenderedChart:
    # render_bar_chart escapes every string itself (ElementTree), so its output is safe markup.
    return RenderedChart(chart, Markup(render_bar_chart(chart)))


def page_context(registry: Registry) -> dict:
    items = coverage(registry)
    provinces = province_counts(registry)
    unknown: tuple[Agreement, ...] = unknown_province(registry)
    return {
        "total": len(registry),
        "provinces_with_records": sum(1 for p in provinces if p.total),
        "province_total": len(registry.vocab.current),
        "unknown_province": [(a, ROOT + agreement_page(a.id)) for a in unknown],
        "year": _rendered(year_chart(registry)),
        "term": _rendered(term_chart(registry)),
        "province": _rendered(province_chart(registry, provinces, len(unknown))),
        "combination": _rendered(combination_chart(registry)),
        "coverage_chart": _rendered(coverage_chart(registry, items)),
        "coverage": [(c, [(p, ROOT + province_page(p)) for p in c.missing]) for c in items],
        "map_svg": Markup(render_province_map(province_marks(provinces))),
    }


def statistics_page_markdown(registry: Registry) -> str:
    """Markdown (with raw HTML blocks) of thong-ke/index.md."""
    return render("stats.md.j2", **page_context(registry))
