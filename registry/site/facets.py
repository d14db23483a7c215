"""The facet table: every way of grouping the records, declared once.

A facet (province, term, party, party combination, topic, year, level, status, …) is one
`Facet` entry of FACETS: how a record is keyed, which values exist even without records
(the vocabulary) and in what order, the group names and page titles, whether empty groups
have pages, and the search filter it feeds. `facet_index(registry)` computes every group
of every facet once per registry, in one pass; the pages, the statistics, the JSON API,
the feeds and the search filters all read that index, and `registry.site.urls` alone
knows where each group lives (`facet_page`, `facet_json_path`).

A group exists (has a page and a JSON file) when it has records, or when its value is
declared and the facet has `empty_pages`. So a published link can never point at a page
that is not built, and no JSON file gives `url: null`.

Adding a facet is adding one entry to FACETS (and, if its pages need another folder name
than its kind, nothing else: urls.py derives the folder from the kind).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from registry.records.model import LEVEL_NAMES, STATUS_NAMES, Agreement, Registry
from registry.records.text import vi_sort_key
from registry.records.vocab import MERGER_DATE, Party, Province
from registry.records.wording import lower_first, term_text, unit_name

UNKNOWN = "chua-ro"  # slug of the group of records whose value for a facet is unknown
COMBINATION_SEPARATOR = "--"

# Facet kinds (also the folder of their pages, see registry.site.urls).
PROVINCES, FORMER_PROVINCES = "tinh-thanh", "truoc-2025"
TERMS, COMBINATIONS, PARTIES, TOPICS, YEARS = "nhiem-ky", "to-hop-co-quan", "co-quan", "chu-de", "nam"
LEVELS, STATUSES, PARTY_COUNTS = "cap", "tinh-trang", "so-ben"


@dataclass(frozen=True)
class Group:
    """The records sharing one value of a facet (one index page, one JSON file)."""

    kind: str
    slug: str
    name: str
    agreements: tuple[Agreement, ...]
    subject: object = None  # the vocabulary entry (Province, Party, Topic, Term) when there is one

    @property
    def count(self) -> int:
        return len(self.agreements)

    @property
    def unknown(self) -> bool:
        return self.slug == UNKNOWN


@dataclass(frozen=True)
class Overview:
    """The page listing every group of a facet (tinh-thanh/, nhiem-ky/, …)."""

    title: str
    intro: str
    column: str  # heading of the name column
    template: str = "overview.md.j2"
    detail_column: str = "Ghi chú"
    unknown_row: bool = True  # the 'chưa rõ' group as a row (provinces show it apart)


def _none(registry: Registry) -> Iterable:
    return ()


def _no_detail(registry: Registry, group: Group) -> str:
    return ""


@dataclass(frozen=True)
class Facet:
    """One facet, declared once. Functions take the registry so vocabularies stay data."""

    kind: str
    label: str  # what the facet is, in Vietnamese ('Nhiệm kỳ'): JSON index, search filter heading
    keys: Callable[[Registry, Agreement], Iterable[str]]  # the values (slugs) a record has; [UNKNOWN] if none known
    title: Callable[[Group], str]  # the title of a group's page
    declared: Callable[[Registry], Iterable[tuple[str, str, object]]] = _none  # (slug, name, subject), in order
    name: Callable[[Registry, str], str] = lambda registry, slug: slug  # name of a value only records have
    order: Callable[[Group], object] = lambda group: group.slug  # order of values only records have
    unknown: str | None = None  # name of the group of records without a value (None: not grouped)
    empty_pages: bool = False  # declared values without records still have a page and a JSON file
    pages: bool = True  # False: a grouping for search filters only (no page, no JSON file)
    intro: Callable[[Registry, Group], str] = _no_detail  # lead paragraph of a group's page
    detail: Callable[[Registry, Group], str] = _no_detail  # overview table's note column
    overview: Overview | None = None
    filter: str | None = None  # Pagefind filter key fed by this facet
    filter_values: Callable[[Registry, Agreement, Sequence[Group]], list[str]] = (
        lambda registry, agreement, groups: [g.name for g in groups])


# --- keys and names ------------------------------------------------------------------


def combination_slug(codes: Iterable[str]) -> str:
    """'tt-hdnd--ubnd--btt-ubmttq' order-free: codes sorted, joined by '--'."""
    return COMBINATION_SEPARATOR.join(sorted(codes))


def combination_name(registry: Registry, codes: Iterable[str]) -> str:
    """'TT HĐND + UBND + BTT UBMTTQ': short forms in vocabulary order (the usual protocol order)."""
    order = list(registry.vocab.parties)
    return " + ".join(registry.vocab.parties[c].short for c in sorted(codes, key=order.index))


def party_name(party: Party) -> str:
    """'Ủy ban nhân dân (UBND)'; the short form only when it says something else."""
    return party.name if party.short == party.name else f"{party.name} ({party.short})"


def term_key(registry: Registry, agreement: Agreement) -> str:
    """The standard term a record counts in ('2021-2025' counts in '2021-2026'); UNKNOWN if none."""
    return registry.vocab.standard_term(agreement.get("term")) or UNKNOWN


def year_key(agreement: Agreement) -> str:
    """The signing year the source states, or UNKNOWN (an inferred year is not a stated one)."""
    return str(agreement.year) if agreement.year else UNKNOWN


def _current_key(registry: Registry, agreement: Agreement) -> list[str]:
    unit = registry.successor_of(agreement)
    return [unit.slug] if unit else [UNKNOWN]


def _former_key(registry: Registry, agreement: Agreement) -> list[str]:
    unit = agreement.province_unit
    return [unit.slug] if unit and not unit.current else []


def _current_declared(registry: Registry):
    return ((p.slug, unit_name(p), p) for p in registry.vocab.sorted_current())


def _former_declared(registry: Registry):
    former = sorted(registry.vocab.former.values(), key=lambda p: vi_sort_key(p.name))
    return ((p.slug, unit_name(p), p) for p in former)


def _standard_terms(registry: Registry):
    terms = registry.vocab.terms
    return ((code, terms[code].name, terms[code]) for code in sorted(c for c, t in terms.items() if t.standard is None))


def _parties(registry: Registry):
    parties = sorted(registry.vocab.parties.values(), key=lambda p: vi_sort_key(p.name))
    return ((p.code, party_name(p), p) for p in parties)


def _topics(registry: Registry):
    topics = sorted(registry.vocab.topics.values(), key=lambda t: vi_sort_key(t.name))
    return ((t.code, t.name, t) for t in topics)


# --- wording of the province pages ------------------------------------------------------


def _predecessor_names(registry: Registry, group: Group) -> str:
    unit: Province = group.subject
    names = sorted((unit_name(registry.vocab.former[s]) for s in unit.predecessors), key=vi_sort_key)
    return "" if names == [unit_name(unit)] else ", ".join(names)


def _current_intro(registry: Registry, group: Group) -> str:
    if group.unknown:
        return ("Nguồn của những quy chế này không nêu tên tỉnh/thành. Sổ không đoán: các quy chế "
                "này không được tính vào tỉnh/thành nào cho tới khi được xác minh.")
    unit: Province = group.subject
    formers = [registry.vocab.former[s] for s in unit.predecessors]
    intro = ""
    if len(formers) > 1 or any(f.name != unit.name for f in formers):
        names = sorted((lower_first(f.full_name) for f in formers), key=vi_sort_key)
        intro = (f"{unit.full_name} được hình thành ngày {MERGER_DATE:%d/%m/%Y} từ {', '.join(names)}. "
                 "Trang này gồm cả quy chế của các đơn vị trước sắp xếp.")
    if not group.count:
        intro = (intro + " " if intro else "") + "Sổ chưa có quy chế nào của tỉnh/thành này."
    return intro


def _former_intro(registry: Registry, group: Group) -> str:
    unit: Province = group.subject
    successor = registry.vocab.successor_of(unit)
    intro = (f"{unit.full_name} là đơn vị hành chính trước ngày {MERGER_DATE:%d/%m/%Y}; "
             f"nay thuộc {lower_first(successor.full_name)}.")
    return intro if group.count else intro + " Sổ chưa có quy chế nào ghi đơn vị này."


def _former_detail(registry: Registry, group: Group) -> str:
    return unit_name(registry.vocab.successor_of(group.subject))


def _term_variants(registry: Registry, group: Group) -> str:
    written = sorted({a.get("term") for a in group.agreements if a.get("term") and a.get("term") != group.slug})
    return f"gồm cả: {', '.join(term_text(t) for t in written)}" if written else ""


def _empty(text: str) -> Callable[[Registry, Group], str]:
    return lambda registry, group: "" if group.count else text


def _province_filter(registry: Registry, agreement: Agreement, groups: Sequence[Group]) -> list[str]:
    # Filter values are the bare names ('Hồ Chí Minh'), which search's province facts use.
    return ["Chưa rõ tỉnh"] if any(g.unknown for g in groups) else [g.subject.name for g in groups]


def _term_filter(registry: Registry, agreement: Agreement, groups: Sequence[Group]) -> list[str]:
    """The term as written and, for a non-standard span (2021-2025), its standard term."""
    written = agreement.get("term")
    return list(dict.fromkeys([written, *(g.slug for g in groups)])) if written else ["Chưa rõ"]


def _year_title(group: Group) -> str:
    return "Quy chế chưa rõ năm ký" if group.unknown else f"Quy chế ký {lower_first(group.name)}"


# --- the table ---------------------------------------------------------------------------

FACETS: tuple[Facet, ...] = (
    Facet(
        PROVINCES, "Tỉnh/thành",
        keys=_current_key, declared=_current_declared, unknown="Chưa rõ tỉnh/thành", empty_pages=True,
        title=lambda g: "Quy chế chưa rõ tỉnh/thành" if g.unknown else f"Quy chế phối hợp — {g.name}",
        intro=_current_intro, detail=_predecessor_names,
        overview=Overview("Quy chế theo tỉnh/thành",
                          f"34 tỉnh/thành từ ngày {MERGER_DATE:%d/%m/%Y}. Mỗi quy chế giữ tỉnh/thành tại thời "
                          "điểm ký và được tính vào tỉnh/thành hiện nay kế thừa đơn vị đó.",
                          "Tỉnh/thành", template="provinces.md.j2", detail_column="Hình thành từ",
                          unknown_row=False),
        filter="tinh", filter_values=_province_filter,
    ),
    Facet(
        # Former (pre-2025) units: their pages sit under tinh-thanh/truoc-2025/ and are listed on
        # the provinces overview; a record naming one also counts in its successor (above).
        FORMER_PROVINCES, "Tỉnh/thành trước 01/07/2025",
        keys=_former_key, declared=_former_declared, empty_pages=True,
        title=lambda g: f"Quy chế phối hợp — {g.name} (trước 2025)",
        intro=_former_intro, detail=_former_detail,
        filter="tinh", filter_values=lambda r, a, groups: [g.subject.name for g in groups],
    ),
    Facet(
        TERMS, "Nhiệm kỳ",
        keys=lambda r, a: [term_key(r, a)], declared=_standard_terms, name=lambda r, code: f"Nhiệm kỳ {term_text(code)}",
        unknown="Chưa rõ nhiệm kỳ", empty_pages=True,
        title=lambda g: f"Quy chế — {g.name}", detail=_term_variants,
        intro=_empty("Sổ chưa có quy chế nào của nhiệm kỳ này."),
        overview=Overview("Quy chế theo nhiệm kỳ",
                          "Quy chế ghi nhiệm kỳ như nguồn viết (ví dụ 2021–2025) được xếp vào nhiệm kỳ "
                          "chuẩn gần nhất (2021–2026).", "Nhiệm kỳ"),
        filter="nhiem-ky", filter_values=_term_filter,
    ),
    Facet(
        COMBINATIONS, "Tổ hợp cơ quan",
        keys=lambda r, a: [combination_slug(a.parties)],
        name=lambda r, slug: combination_name(r, slug.split(COMBINATION_SEPARATOR)),
        order=lambda g: (-g.count, vi_sort_key(g.name), g.slug),
        title=lambda g: f"Quy chế giữa {g.name}",
        detail=lambda r, g: f"{g.slug.count(COMBINATION_SEPARATOR) + 1} bên",
        overview=Overview("Quy chế theo tổ hợp cơ quan ký",
                          "Mỗi tổ hợp các bên cùng ký một quy chế, nhiều quy chế nhất trước.", "Tổ hợp cơ quan",
                          detail_column="Số bên ký"),
    ),
    Facet(
        PARTIES, "Cơ quan",
        keys=lambda r, a: a.parties, declared=_parties, empty_pages=True,
        title=lambda g: f"Quy chế có {g.name} ký",
        intro=_empty("Sổ chưa có quy chế nào của cơ quan này."),
        overview=Overview("Quy chế theo cơ quan ký",
                          "Các cơ quan trong danh mục, kể cả cơ quan chưa có quy chế nào trong sổ.", "Cơ quan",
                          template="parties.md.j2"),
        filter="co-quan", filter_values=lambda r, a, groups: [g.subject.short for g in groups],
    ),
    Facet(
        PARTY_COUNTS, "Số bên ký",
        keys=lambda r, a: [str(len(a.parties))], name=lambda r, n: f"{n} bên", order=lambda g: int(g.slug),
        title=lambda g: g.name, pages=False, filter="so-ben",
    ),
    Facet(
        TOPICS, "Chủ đề",
        keys=lambda r, a: a.get("topics") or [UNKNOWN], declared=_topics,
        unknown="Chưa ghi nội dung phối hợp", empty_pages=True,
        title=lambda g: f"Nội dung phối hợp: {g.name}",
        intro=_empty("Sổ chưa có quy chế nào với nội dung này."),
        overview=Overview("Quy chế theo nội dung phối hợp",
                          "Các nội dung phối hợp trong danh mục chủ đề, kể cả nội dung chưa có quy chế.",
                          "Nội dung phối hợp"),
    ),
    Facet(
        YEARS, "Năm ký",
        keys=lambda r, a: [year_key(a)], name=lambda r, year: f"Năm {year}", order=lambda g: -int(g.slug),
        unknown="Chưa rõ năm ký", title=_year_title,
        overview=Overview("Quy chế theo năm ký",
                          "Năm ký theo ngày ký ghi trong bản ghi; năm được suy luận có đánh dấu ở trang của "
                          "từng quy chế.", "Năm ký"),
        filter="nam", filter_values=lambda r, a, groups: ["Chưa rõ" if g.unknown else g.slug for g in groups],
    ),
    Facet(
        LEVELS, "Cấp",
        keys=lambda r, a: [a.get("level") or UNKNOWN],
        declared=lambda r: ((code, f"Cấp {name}", None) for code, name in LEVEL_NAMES.items()),
        unknown="Chưa rõ cấp", title=lambda g: f"Quy chế {lower_first(g.name)}",
        overview=Overview("Quy chế theo cấp", "Cấp của các bên ký: tỉnh, huyện, xã hoặc trung ương.", "Cấp"),
    ),
    Facet(
        # The status shown everywhere is Agreement.status, derived by the model (replaced or
        # amended by a later record, or what a cited source says, else unknown).
        STATUSES, "Tình trạng",
        keys=lambda r, a: [a.status],
        declared=lambda r: ((code, name, None) for code, name in STATUS_NAMES.items()),
        title=lambda g: f"Quy chế có tình trạng: {lower_first(g.name)}",
        overview=Overview("Quy chế theo tình trạng hiệu lực",
                          "Tình trạng lấy từ quan hệ giữa các quy chế (bị thay thế, được sửa đổi) hoặc từ "
                          "nguồn nêu rõ; còn lại là chưa rõ.", "Tình trạng"),
        filter="tinh-trang",
    ),
)
FACET_BY_KIND = {facet.kind: facet for facet in FACETS}


# --- the index: every group of every facet, computed once per registry ------------------


@dataclass
class FacetIndex:
    """All groups of all facets of one registry (records newest first inside each group)."""

    registry: Registry
    _groups: dict[str, list[Group]] = field(default_factory=dict)
    _by_slug: dict[str, dict[str, Group]] = field(default_factory=dict)
    _keys: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # {facet kind: {record id: its keys}} known from an earlier index (carry_facet_index), not recomputed.
    known: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        registry = self.registry
        newest = registry.newest_first()
        for facet in FACETS:
            known = self.known.get(facet.kind, {})
            keys = {a.id: known[a.id] if a.id in known else tuple(dict.fromkeys(facet.keys(registry, a))) for a in newest}
            buckets: dict[str, list[Agreement]] = {}
            for agreement in newest:
                for key in keys[agreement.id]:
                    buckets.setdefault(key, []).append(agreement)
            groups = self._build(facet, buckets)
            self._groups[facet.kind] = groups
            self._by_slug[facet.kind] = {g.slug: g for g in groups}
            self._keys[facet.kind] = keys
        self.known = {}

    def _build(self, facet: Facet, buckets: dict[str, list[Agreement]]) -> list[Group]:
        declared = list(facet.declared(self.registry))
        names = {slug for slug, _, _ in declared}
        groups = [Group(facet.kind, slug, name, tuple(buckets.get(slug, ())), subject)
                  for slug, name, subject in declared if slug in buckets or facet.empty_pages]
        found = [Group(facet.kind, slug, facet.name(self.registry, slug), tuple(items))
                 for slug, items in buckets.items() if slug not in names and slug != UNKNOWN]
        groups += sorted(found, key=facet.order)
        if UNKNOWN in buckets and facet.unknown:
            groups.append(Group(facet.kind, UNKNOWN, facet.unknown, tuple(buckets[UNKNOWN])))
        return groups

    def groups(self, kind: str) -> list[Group]:
        """Every group of a facet that exists (has a page when the facet has pages), in order."""
        return self._groups[kind]

    def group(self, kind: str, slug: str) -> Group | None:
        return self._by_slug[kind].get(slug)

    def groups_of(self, kind: str, agreement: Agreement) -> list[Group]:
        """The groups of a facet a record is listed in (in the record's own order of values)."""
        by_slug = self._by_slug[kind]
        return [by_slug[key] for key in self._keys[kind].get(agreement.id, ()) if key in by_slug]

    def filters(self, agreement: Agreement) -> dict[str, list[str]]:
        """Search filter values of a record (Pagefind key -> values), from every facet with a filter."""
        values: dict[str, list[str]] = {}
        for facet in FACETS:
            if facet.filter:
                found = facet.filter_values(self.registry, agreement, self.groups_of(facet.kind, agreement))
                values[facet.filter] = list(dict.fromkeys([*values.get(facet.filter, []), *found]))
        return values


def facet_index(registry: Registry) -> FacetIndex:
    """The registry's facet index, computed on first use and kept with the registry."""
    index = registry.__dict__.get("_facet_index")
    if index is None or index.registry is not registry:
        index = FacetIndex(registry)
        registry.__dict__["_facet_index"] = index
    return index


def carry_facet_index(previous: Registry, current: Registry, changed: set[str]) -> None:
    """Give `current` a facet index that takes over `previous`'s groups of every record not in
    `changed` whose status is the same (a record's keys depend on its own data and its derived
    status only): the serve preview after one edit."""
    if current.__dict__.get("_facet_index") is not None:
        return
    old = facet_index(previous)
    same = {a.id for a in current.agreements
            if a.id not in changed and (before := previous.by_id.get(a.id)) is not None and before.status == a.status}
    known = {kind: {rid: keys for rid, keys in by_id.items() if rid in same} for kind, by_id in old._keys.items()}
    current.__dict__["_facet_index"] = FacetIndex(current, known=known)


def groups(registry: Registry, kind: str) -> list[Group]:
    return facet_index(registry).groups(kind)


def published_facets() -> list[Facet]:
    """Facets with pages and JSON files, in table order."""
    return [facet for facet in FACETS if facet.pages]


# --- provinces: the parts of a current unit ---------------------------------------------


def units_within(registry: Registry, group: Group) -> list[Group]:
    """Split a current unit's records by the unit they name: itself after the merger, then each
    former unit in Vietnamese order (the Bắc Ninh page shows former Bắc Giang and Bắc Ninh).
    The parts are groups of the PROVINCES facet (the unit itself) and FORMER_PROVINCES."""
    current: Province = group.subject
    own = tuple(a for a in group.agreements if a.province_unit == current)
    parts = [Group(PROVINCES, current.slug, unit_name(current), own, current)] if own else []
    former = registry.vocab.former
    for slug in sorted(current.predecessors, key=lambda s: vi_sort_key(former[s].name)):
        items = tuple(a for a in group.agreements if a.province_unit == former[slug])
        if items:
            parts.append(Group(FORMER_PROVINCES, slug, unit_name(former[slug]), items, former[slug]))
    return parts


# --- lists that are not facets ------------------------------------------------------------


def co_signing_matrix(registry: Registry) -> dict[tuple[str, str], int]:
    """How many records each pair of parties signed together; both orders of a pair are keys."""
    counts: Counter[tuple[str, str]] = Counter()
    for agreement in registry.agreements:
        for first, second in combinations(sorted(agreement.parties), 2):
            counts[(first, second)] += 1
            counts[(second, first)] += 1
    return dict(counts)


# Facts whose absence (null) puts a record on the needs-review list even without an
# `uncertain` entry for it.
REVIEW_WHEN_MISSING = ("signed", "province")


def review_fields(agreement: Agreement) -> list[tuple[str, str | None, str | None]]:
    """(field, reason code or None, note) for every uncertain or missing fact of a record."""
    entries = [(e["field"], e["reason"], e.get("note")) for e in agreement.get("uncertain", [])]
    stated = {field for field, _, _ in entries}
    entries += [(f, None, None) for f in REVIEW_WHEN_MISSING if agreement.data.get(f) is None and f not in stated]
    return entries


def needs_review(registry: Registry) -> tuple[Agreement, ...]:
    """Records with an open question for editors (Agreement.open_questions), newest first
    (computed once per registry: the review list, the home page and statistics ask)."""
    if "_needs_review" not in registry.__dict__:
        registry.__dict__["_needs_review"] = tuple(a for a in registry.newest_first() if a.open_questions)
    return registry.__dict__["_needs_review"]


def carry_needs_review(previous: Registry, current: Registry, changed: set[str]) -> None:
    """Give `current` the review list of `previous` with only the records of `changed` looked at
    again (a record's open questions are its own): the serve preview after one edit."""
    if "_needs_review" in current.__dict__:
        return
    kept = [current.by_id[a.id] for a in needs_review(previous) if a.id not in changed]
    found = [current.by_id[i] for i in changed if i in current.by_id and current.by_id[i].open_questions]
    current.__dict__["_needs_review"] = tuple(sorted(kept + found, key=lambda a: (a.sort_date, a.id), reverse=True))


def latest_additions(registry: Registry, limit: int = 10) -> tuple[Agreement, ...]:
    """Most recently added records (by `added`, then signing date, then id)."""
    ordered = sorted(registry.agreements, key=lambda a: (a.get("added", ""), a.sort_date, a.id), reverse=True)
    return tuple(ordered[:limit])
