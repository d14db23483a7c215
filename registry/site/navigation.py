"""Where a generated page sits in the site: its breadcrumb trail, the top-level entry it belongs
to (so the tab bar marks it active although records and group pages are kept out of the nav),
and the records signed at the same event as a record.

Top-level entries (mkdocs.yml `nav:`, at most seven): Trang chủ, Tra cứu, Tìm kiếm, Thống kê,
Dữ liệu mở, Đóng góp, Giới thiệu. Every record, facet overview, group page and the needs-review
list belongs to "Tra cứu".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from registry.records.model import Agreement, Registry
from registry.site.facets import (
    COMBINATIONS,
    FORMER_PROVINCES,
    LEVELS,
    PARTIES,
    PROVINCES,
    STATUSES,
    TERMS,
    TOPICS,
    UNKNOWN,
    YEARS,
    Facet,
    Group,
)
from registry.site.urls import facet_overview_page, facet_page, province_page

LOOKUP = "Tra cứu"
HOME = "Trang chủ"
# The label of each facet's overview in the nav and in breadcrumbs (nav order).
OVERVIEW_LABELS = {
    PROVINCES: "Tỉnh/thành", TERMS: "Nhiệm kỳ", COMBINATIONS: "Tổ hợp cơ quan", PARTIES: "Cơ quan",
    TOPICS: "Chủ đề", YEARS: "Năm", LEVELS: "Cấp", STATUSES: "Tình trạng",
}
REVIEW_LABEL = "Cần bổ sung"


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: a label and its site-root-relative URL (None: not a link)."""

    label: str
    url: str | None = None


def _trail(*crumbs: Crumb) -> list[Crumb]:
    return [Crumb(HOME, ""), Crumb(LOOKUP), *crumbs]


def _overview(kind: str) -> Crumb:
    return Crumb(OVERVIEW_LABELS.get(kind, kind), facet_overview_page(kind))


def overview_trail(facet: Facet) -> list[Crumb]:
    """Trang chủ › Tra cứu › Nhiệm kỳ (the last step is the page itself)."""
    return _trail(Crumb(OVERVIEW_LABELS.get(facet.kind, facet.overview.title if facet.overview else facet.label)))


def group_trail(registry: Registry, group: Group) -> list[Crumb]:
    """Trang chủ › Tra cứu › Tỉnh/thành › Bắc Ninh › Bắc Giang (trước 2025) for a former unit."""
    if group.kind == FORMER_PROVINCES:
        successor = registry.vocab.successor_of(group.subject)
        return _trail(_overview(PROVINCES), Crumb(successor.name, province_page(successor)),
                      Crumb(f"{group.subject.name} (trước 2025)"))
    return _trail(_overview(group.kind), Crumb(group.name))


def record_trail(registry: Registry, agreement: Agreement) -> list[Crumb]:
    """Trang chủ › Tra cứu › Tỉnh/thành › <current unit> › <the record>."""
    current = registry.successor_of(agreement)
    place = (Crumb(current.name, province_page(current)) if current
             else Crumb("Chưa rõ tỉnh/thành", facet_page(PROVINCES, UNKNOWN)))
    return _trail(_overview(PROVINCES), place, Crumb(agreement.title))


def review_trail() -> list[Crumb]:
    return _trail(Crumb(REVIEW_LABEL, None))


def same_event(registry: Registry) -> dict[str, tuple[Agreement, ...]]:
    """Records signed at one event: same province (as named when signed), same signing date
    and a source URL in common. {record id: the others, in registry order}; records alone are absent.
    Computed once per registry (kept with it, as the facet index)."""
    if "_same_event" not in registry.__dict__:
        registry.__dict__["_same_event"] = _same_event(registry)
    return registry.__dict__["_same_event"]


def _same_event(registry: Registry) -> dict[str, tuple[Agreement, ...]]:
    events: dict[tuple, list[Agreement]] = defaultdict(list)
    for agreement in registry.agreements:
        signed = agreement.data.get("signed")
        if not signed:
            continue
        for url in sorted({s["url"] for s in agreement.data.get("sources", []) if s.get("url")}):
            events[(agreement.data.get("province"), signed, url)].append(agreement)
    together: dict[str, dict[str, Agreement]] = defaultdict(dict)
    for members in events.values():
        for agreement in members:
            together[agreement.id].update((m.id, m) for m in members if m.id != agreement.id)
    order = {a.id: i for i, a in enumerate(registry.agreements)}
    return {key: tuple(sorted(others.values(), key=lambda a: order[a.id])) for key, others in together.items() if others}
