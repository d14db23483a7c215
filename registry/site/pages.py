"""The public site as a list of generated Markdown pages (no MkDocs import).

`build_pages(registry, ...)` returns every page the registry adds to the site: one page per
agreement, for every facet of the facet table (registry.site.facets) an overview and one
page per group, the needs-review list. The MkDocs hook only adds them to the build.

URLs (directory style, Vietnamese slugs, stable) come from registry.site.urls:
  quy-che/<province-folder>/<file>/          one agreement (id = path under agreements/)
  <facet>/ and <facet>/<value>/               e.g. nhiem-ky/2021-2026/, tinh-thanh/truoc-2025/bac-giang/
  long lists continue on .../trang-2/, .../trang-3/ (100 records a page)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote, urlencode

from registry.records.model import (
    EVENT_NAMES,
    LANGUAGE_NAMES,
    LEVEL_NAMES,
    STATUS_NAMES,
    UNCERTAIN_NAMES,
    Agreement,
    Registry,
)
from registry.records.schema import item_defaults
from registry.records.text import format_date_vi, html_datetime, parse_edtf
from registry.records.vocab import MERGER_DATE, Province
from registry.records.wording import province_label as unit_label
from registry.records.wording import (
    province_level_name,
    province_phrase,
    province_word,
    term_text,
    unit_name,
    was_merged,
)
from registry.site import facets, navigation, search, shell, stats
from registry.site.facets import (
    COMBINATIONS,
    FORMER_PROVINCES,
    PARTIES,
    PROVINCES,
    STATUSES,
    TERMS,
    TOPICS,
    UNKNOWN,
    YEARS,
    Facet,
    Group,
    facet_index,
)
from registry.site.field_reference import field_reference_markdown
from registry.site.rendering import front_matter, render, render_summary, safe_url
from registry.site.structured_data import legislation, script_json
from registry.site.urls import (
    FIELD_REFERENCE_SOURCE,
    REVIEW_PAGE,
    agreement_page,
    agreement_source,
    facet_overview_page,
    facet_page,
    feed_links,
    numbered_page,
    province_page,
    record_json_path,
    root_of,
    source_uri,
)

PER_PAGE = 100
# Which pages of a facet's groups to generate: {group slug: page numbers (from 1), None for every page}.
Selection = Mapping[str, "Collection[int] | None"]
DEFAULT_SITE_NAME = "Sổ Quy chế phối hợp"
HOME_MARKER = "<!-- so-lieu-trang-chu -->"
UNKNOWN_PROVINCE_URL = facet_page(PROVINCES, UNKNOWN)
FIELD_REFERENCE_PATH = FIELD_REFERENCE_SOURCE

# Labels of record fields, for uncertainty badges and the needs-review list.
FIELD_LABELS = {
    "title": "Tên quy chế", "number": "Số hiệu", "province": "Tỉnh/thành", "level": "Cấp",
    "unit": "Đơn vị", "signed": "Ngày ký", "effective": "Ngày hiệu lực", "term": "Nhiệm kỳ",
    "parties": "Các bên ký", "signatories": "Người ký", "structure": "Bố cục",
    "topics": "Nội dung phối hợp", "principles": "Nguyên tắc phối hợp", "status": "Tình trạng",
    "events": "Diễn biến", "relations": "Quan hệ", "sources": "Nguồn", "added": "Ngày thêm vào sổ",
}
MISSING_REASON = "chưa có trong bản ghi"


@dataclass(frozen=True)
class GeneratedPage:
    """One page for the site generator: `uri` under docs/, Markdown `content` (`head`, the
    front matter, then `body()`).

    The body is rendered when asked, so a generator can render each page just before writing
    it and hold only its front matter before (the build's memory then does not grow with the
    page's size). `html_only`: the body is a single raw HTML block, so a generator may use it as
    the page's HTML without running Markdown over it (same result, faster). `search` (record
    pages): what the search indexer reads of the page (registry.site.search). `slots` (record
    pages): what differs from one record page to the next, so a generator may write the page
    from one rendered shell (registry.site.shell) instead of rendering it.
    """

    uri: str
    head: str
    body: Callable[[], str]
    in_nav: bool = False
    html_only: bool = False
    search: Callable[[], str] | None = None
    slots: shell.Slots | None = None

    @property
    def content(self) -> str:
        return self.head + self.body()


def shell_page() -> GeneratedPage:
    """The record page shell (registry.site.shell): a record page whose title, feeds and body
    are the shell's markers. Its head is built as a record page's head is."""
    head = front_matter(shell.TITLE, shell.SHELL_FEEDS, navigation.LOOKUP)
    return GeneratedPage(shell.SHELL_SOURCE, head, partial(str, shell.CONTENT), html_only=True)


def markdown_page(uri: str, markdown: str, in_nav: bool = False) -> GeneratedPage:
    """A page whose Markdown is already written (the generator parses it)."""
    return GeneratedPage(uri, "", partial(str, markdown), in_nav=in_nav)


def html_page(uri: str, head: str, template: str, in_nav: bool = False, **context) -> GeneratedPage:
    """A page whose body is one HTML block from `template`, rendered when the body is asked for."""
    return GeneratedPage(uri, head, partial(render, template, **context), in_nav=in_nav, html_only=True)


@dataclass(frozen=True)
class NavSection:
    title: str
    uri: str


# The generated pages the navigation shows (mkdocs.yml `nav:` lists the same; a test checks).
NAV_SECTIONS = (
    NavSection("Tỉnh/thành", source_uri(facet_overview_page(PROVINCES))),
    NavSection("Nhiệm kỳ", source_uri(facet_overview_page(TERMS))),
    NavSection("Tổ hợp cơ quan", source_uri(facet_overview_page(COMBINATIONS))),
    NavSection("Cơ quan", source_uri(facet_overview_page(PARTIES))),
    NavSection("Chủ đề", source_uri(facet_overview_page(TOPICS))),
    NavSection("Năm", source_uri(facet_overview_page(YEARS))),
    NavSection("Cần bổ sung", source_uri(REVIEW_PAGE)),
    NavSection("Thống kê", stats.PAGE_PATH),
)


def nav_sections() -> tuple[NavSection, ...]:
    return NAV_SECTIONS


# --- URLs (the scheme itself lives in registry.site.urls) ----------------------------


def repository_edit_uri(edit_uri: str | None, docs_dir_name: str = "docs") -> str:
    """mkdocs.yml's edit_uri points into docs/; records live beside it, so drop that folder:
    'edit/main/docs/' -> 'edit/main/'."""
    uri = (edit_uri or "edit/main/").strip("/")
    return uri.removesuffix(f"/{docs_dir_name}") + "/"


# --- labels -------------------------------------------------------------------


def province_label(registry: Registry, agreement: Agreement) -> str:
    """The province as it was when signed, with its successor if the 2025 merger changed it
    (registry.records.wording.province_label)."""
    return unit_label(registry.vocab, agreement.province_unit)


def level_label(registry: Registry, agreement: Agreement) -> str:
    """'tỉnh', 'thành phố trực thuộc trung ương', or 'huyện: <unit>'."""
    level = agreement.get("level")
    if level == "tinh":
        return province_level_name(agreement.province_unit)
    word = LEVEL_NAMES.get(level, level)
    return f"{word}: {agreement.get('unit')}" if agreement.get("unit") else word


def level_word(agreement: Agreement) -> str:
    """Appended to level-neutral party names: 'Ủy ban nhân dân tỉnh'."""
    if agreement.get("level") == "tinh":
        return province_word(agreement.province_unit)
    return LEVEL_NAMES.get(agreement.get("level"), "")


def structure_label(agreement: Agreement) -> str | None:
    structure = agreement.get("structure", {})
    parts = [f"{structure[k]} {word}" for k, word in (("chapters", "chương"), ("articles", "điều")) if structure.get(k)]
    return ", ".join(parts) or None


def suggested_label(registry: Registry, field_name: str, value: str | None) -> str | None:
    """An editor's suggestion shown as a name where it is a province code."""
    if value and field_name == "province":
        unit = registry.vocab.current.get(value) or registry.vocab.former.get(value)
        return unit.name if unit else value
    return value


# --- the site -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One agreement as a line of an index page (computed once, shown on many pages)."""

    url: str
    title: str
    date: str
    province: str
    parties: str
    note: str | None = None


class Entries(Sequence):
    """The lines of a list of records, each computed when first read (the serve preview renders
    a few pages of lists of thousands)."""

    def __init__(self, site: Site, agreements: tuple[Agreement, ...]):
        self._site, self._agreements = site, agreements

    def __len__(self) -> int:
        return len(self._agreements)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._site.entry(a) for a in self._agreements[index]]
        return self._site.entry(self._agreements[index])


@dataclass(frozen=True)
class Row:
    """One line of an overview table."""

    label: str
    url: str | None
    count: int
    detail: str = ""


@dataclass
class Site:
    registry: Registry
    repo_url: str = ""
    edit_uri: str = "edit/main/"
    site_url: str = ""
    site_name: str = DEFAULT_SITE_NAME
    _entries: dict[str, Entry] = field(default_factory=dict)
    _same_event: dict[str, tuple[Agreement, ...]] | None = None

    def same_event(self, agreement: Agreement) -> tuple[Agreement, ...]:
        """Records signed at the same event (computed once for the registry)."""
        if self._same_event is None:
            self._same_event = navigation.same_event(self.registry)
        return self._same_event.get(agreement.id, ())

    # -- building blocks --

    def entry(self, agreement: Agreement) -> Entry:
        if agreement.id not in self._entries:
            self._entries[agreement.id] = Entry(
                url=agreement_page(agreement.id),
                title=agreement.title,
                date=agreement.signed_text if agreement.data.get("signed") else "chưa rõ ngày ký",
                province=province_label(self.registry, agreement) if agreement.province_unit else "chưa rõ tỉnh/thành",
                parties=facets.combination_name(self.registry, agreement.parties),
            )
        return self._entries[agreement.id]

    def entries(self, agreements: Iterable[Agreement]) -> Entries:
        return Entries(self, tuple(agreements))

    def absolute_url(self, url: str) -> str:
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else url

    def edit_url(self, agreement: Agreement) -> str:
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{agreement.path}"

    def report_url(self, agreement: Agreement) -> str:
        """The issue form "Báo sai sót" (.github/ISSUE_TEMPLATE/bao-sai-sot.yml) prefilled with the record."""
        query = urlencode({"template": "bao-sai-sot.yml", "title": f"[Báo sai sót] {agreement.id}",
                           "ma-ban-ghi": agreement.id, "trang": self.absolute_url(agreement_page(agreement.id))},
                          quote_via=quote)
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    # -- pages --

    def pages(self, records: Collection[str] | None = None, groups: Mapping[str, Selection] | None = None,
              review: Collection[int] | None = None) -> list[GeneratedPage]:
        """Every page; or (the serve preview, registry.site.preview) only the pages of the record
        ids `records`, of the groups `groups` ({facet kind: {slug: page numbers, None for all}})
        and the pages `review` of the review list, with every overview, the statistics and the
        field reference."""
        agreements = self.registry.agreements if records is None else \
            [self.registry.by_id[i] for i in sorted(records) if i in self.registry.by_id]
        pages = [self.record_page(a) for a in agreements]
        for facet in facets.published_facets():
            pages += self.facet_pages(facet, None if groups is None else groups.get(facet.kind, {}))
        pages += self.review_pages(review)
        pages.append(markdown_page(stats.PAGE_PATH, stats.statistics_page_markdown(self.registry), in_nav=True))
        pages.append(markdown_page(FIELD_REFERENCE_PATH, field_reference_markdown(), in_nav=True))
        return pages

    def record_page(self, agreement: Agreement) -> GeneratedPage:
        feeds = self.feeds(self.registry.successor_of(agreement))
        head = front_matter(agreement.title, feeds, navigation.LOOKUP)
        return GeneratedPage(agreement_source(agreement.id), head, partial(self.record_body, agreement),
                             html_only=True, search=partial(self.record_search_body, agreement),
                             slots=shell.Slots(agreement_page(agreement.id), agreement.title, feeds))

    def record_body(self, agreement: Agreement) -> str:
        url = agreement_page(agreement.id)
        return render("agreement.md.j2", a=AgreementView(self, agreement), root=root_of(url),
                      crumbs=navigation.record_trail(self.registry, agreement))

    def record_search_body(self, agreement: Agreement) -> str:
        """The part of a record page the indexer reads (its search data, the same macro the page uses)."""
        return render("record_search.html.j2", d=search.record_search_data(agreement, self.registry))

    def feeds(self, current: Province | None = None) -> list[dict]:
        """Atom feeds a page announces in its head (the site feed, and its current province's)."""
        return [{"title": f.title, "href": f.href} for f in feed_links(current)]

    def listing(self, base: str, title: str, sections: Sequence[tuple[str | None, Sequence[Entry]]],
                intro: str = "", intro_links: Sequence[tuple[str, str]] = (),
                feeds: list[dict] | None = None, crumbs: Sequence[navigation.Crumb] = (),
                suggested: Sequence[Entry] = (), numbers: Collection[int] | None = None) -> list[GeneratedPage]:
        """A list of records under optional headings, cut into pages of PER_PAGE records (only
        the pages `numbers`, counted from 1, if given)."""
        # (heading, its entries, position): an entry is computed only for a page that shows it.
        items = [(heading, entries, i) for heading, entries in sections for i in range(len(entries))]
        totals = {heading: len(entries) for heading, entries in sections}
        chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            if numbers is not None and number not in numbers:
                continue
            url = numbered_page(base, number)
            groups = _regroup([(heading, entries[i]) for heading, entries, i in chunk], totals)
            pager = _pager(base, number, len(chunks)) if len(chunks) > 1 else None
            page_title = title if number == 1 else f"{title} (trang {number})"
            pages.append(html_page(
                source_uri(url), front_matter(page_title, feeds, navigation.LOOKUP), "listing.md.j2",
                in_nav=number == 1 and base in _NAV_URLS, title=page_title, intro=intro, intro_links=intro_links,
                groups=groups, total=len(items), paging=pager, root=root_of(url), crumbs=crumbs,
                suggested=suggested if number == 1 else (),
            ))
        return pages

    def overview(self, url: str, title: str, intro: str, rows: Sequence[Row], *,
                 column: str, template: str = "overview.md.j2", crumbs: Sequence[navigation.Crumb] = (),
                 **extra) -> GeneratedPage:
        return html_page(source_uri(url), front_matter(title, section=navigation.LOOKUP), template,
                         in_nav=url in _NAV_URLS, title=title, intro=intro, rows=rows, column=column,
                         root=root_of(url), crumbs=crumbs, **extra)

    # -- facets: one builder for every facet of the table --

    def facet_pages(self, facet: Facet, only: Selection | None = None) -> list[GeneratedPage]:
        """The facet's overview and one (paginated) page per group; with `only` ({slug: page
        numbers, None for all}) only those groups and pages."""
        groups = facet_index(self.registry).groups(facet.kind)
        pages = [self.facet_overview(facet, groups)] if facet.overview else []
        for group in groups if only is None else [g for g in groups if g.slug in only]:
            pages += self.listing(
                facet_page(facet.kind, group.slug), facet.title(group), self._sections(group),
                intro=facet.intro(self.registry, group), intro_links=self._links(group),
                feeds=self.feeds(self._feed_province(group)) if group.kind in (PROVINCES, FORMER_PROVINCES) else None,
                crumbs=navigation.group_trail(self.registry, group), suggested=self.suggested_for(group),
                numbers=None if only is None else only[group.slug],
            )
        return pages

    def facet_overview(self, facet: Facet, groups: Sequence[Group]) -> GeneratedPage:
        overview = facet.overview
        rows = [Row(g.name, facet_page(facet.kind, g.slug), g.count, facet.detail(self.registry, g))
                for g in groups if overview.unknown_row or not g.unknown]
        return self.overview(facet_overview_page(facet.kind), overview.title, overview.intro, rows,
                             column=overview.column, template=overview.template,
                             detail_column=overview.detail_column, crumbs=navigation.overview_trail(facet),
                             **self._overview_extra(facet, groups))

    def _overview_extra(self, facet: Facet, groups: Sequence[Group]) -> dict:
        """What the provinces and parties overviews show besides the table."""
        if facet.kind == PROVINCES:
            former = facets.FACET_BY_KIND[FORMER_PROVINCES]
            former_rows = [Row(g.name, facet_page(FORMER_PROVINCES, g.slug), g.count, former.detail(self.registry, g))
                           for g in facet_index(self.registry).groups(FORMER_PROVINCES) if g.count]
            unknown = facet_index(self.registry).group(PROVINCES, UNKNOWN)
            return {"former_rows": former_rows, "unknown_count": unknown.count if unknown else 0,
                    "unknown_url": UNKNOWN_PROVINCE_URL}
        if facet.kind == PARTIES:
            return {"matrix": _matrix(self.registry, groups)}
        return {}

    def _sections(self, group: Group) -> list[tuple[str | None, list[Entry]]]:
        """A current unit's page: one section per unit as named when signed; else one list."""
        if group.kind == PROVINCES and group.unknown:
            return [(None, [self._with_suggestion(a) for a in group.agreements])]
        if group.kind == PROVINCES:
            parts = facets.units_within(self.registry, group)
            if not any(p.kind == FORMER_PROVINCES and was_merged(self.registry.vocab, p.subject) for p in parts):
                return [(None, self.entries(a for p in parts for a in p.agreements))]  # never merged: one list
            return [(_unit_heading(self.registry, part, group.subject), self.entries(part.agreements)) for part in parts]
        return [(None, self.entries(group.agreements))]

    def suggested_for(self, group: Group) -> list[Entry]:
        """Records without a province whose editors suggest this current unit (or one of its former
        units): listed on its page apart, marked, and not counted."""
        if group.kind != PROVINCES or group.unknown:
            return []
        unknown = facet_index(self.registry).group(PROVINCES, UNKNOWN)
        vocab = self.registry.vocab
        result = []
        for agreement in unknown.agreements if unknown else ():
            slug = agreement.uncertain_fields.get("province", {}).get("suggested")
            unit = vocab.current.get(slug) or vocab.former.get(slug) if slug else None
            if unit and vocab.successor_of(unit) == group.subject:
                result.append(self._with_suggestion(agreement))
        return result

    def _links(self, group: Group) -> list[tuple[str, str]]:
        if group.kind == FORMER_PROVINCES:
            successor = self.registry.vocab.successor_of(group.subject)
            return [(f"Xem tất cả quy chế của {unit_name(successor)}", province_page(successor))]
        return []

    def _feed_province(self, group: Group) -> Province | None:
        if group.unknown:
            return None
        return group.subject if group.kind == PROVINCES else self.registry.vocab.successor_of(group.subject)

    def _with_suggestion(self, agreement: Agreement) -> Entry:
        entry = self.entry(agreement)
        suggestion = agreement.uncertain_fields.get("province", {}).get("suggested")
        if not suggestion:
            return entry
        name = suggested_label(self.registry, "province", suggestion)
        return Entry(**{**entry.__dict__, "note": f"Gợi ý (chưa xác minh): {name}"})

    # -- editors --

    def review_pages(self, numbers: Collection[int] | None = None) -> list[GeneratedPage]:
        """The needs-review list, PER_PAGE records a page (only the pages `numbers` if given)."""
        records = facets.needs_review(self.registry)
        chunks = [records[i:i + PER_PAGE] for i in range(0, len(records), PER_PAGE)] or [()]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            if numbers is not None and number not in numbers:
                continue
            items = [(self.entry(a), self._review_items(a, a.open_questions)) for a in chunk]
            url = numbered_page(REVIEW_PAGE, number)
            title = "Cần bổ sung, kiểm tra" + (f" (trang {number})" if number > 1 else "")
            pager = _pager(REVIEW_PAGE, number, len(chunks)) if len(chunks) > 1 else None
            pages.append(html_page(source_uri(url), front_matter(title, section=navigation.LOOKUP), "review.md.j2",
                                   in_nav=number == 1, title=title, items=items, total=len(records), paging=pager,
                                   root=root_of(url), crumbs=navigation.review_trail()))
        return pages

    def _review_items(self, agreement: Agreement, fields=None) -> list[dict]:
        """Uncertain or missing facts (all of them on the record page; `fields` on the review list)."""
        return [
            {"field": FIELD_LABELS.get(name, name),
             "reason": UNCERTAIN_NAMES.get(reason, reason) if reason else MISSING_REASON,
             "note": note,
             "suggested": suggested_label(self.registry, name, agreement.uncertain_fields.get(name, {}).get("suggested"))}
            for name, reason, note in (facets.review_fields(agreement) if fields is None else fields)
        ]

    # -- home --

    def home_summary(self) -> str:
        """HTML block for the hand-written home page (replaces HOME_MARKER in docs/index.md)."""
        registry = self.registry
        provinces = {u.slug for a in registry.agreements if (u := registry.successor_of(a))}
        totals = [
            ("quy chế", len(registry)),
            ("tỉnh/thành có quy chế", len(provinces)),
            ("tổ hợp cơ quan", len(facets.groups(registry, COMBINATIONS))),
            ("cần bổ sung, kiểm tra", len(facets.needs_review(registry))),
        ]
        latest = [(self.entry(a), format_date_vi(a.get("added"))) for a in facets.latest_additions(registry)]
        return render("home.md.j2", totals=totals, latest=latest, sections=NAV_SECTIONS_URLS, root="")


NAV_SECTIONS_URLS = tuple((s.title, s.uri.removesuffix("index.md")) for s in NAV_SECTIONS)
_NAV_URLS = {url for _, url in NAV_SECTIONS_URLS}


def _unit_heading(registry: Registry, part: Group, current: Province) -> str:
    """Heading of a part of a merged unit's page: the unit as it was when signed
    ('Thành phố Bắc Ninh (từ 01/07/2025)', 'Tỉnh Bắc Giang (cũ, trước 01/07/2025)')."""
    if part.kind == PROVINCES:
        return f"{current.full_name} (từ {MERGER_DATE:%d/%m/%Y})"
    if not was_merged(registry.vocab, part.subject):
        return part.subject.full_name
    return f"{part.subject.full_name} (cũ, trước {MERGER_DATE:%d/%m/%Y})"


def _regroup(chunk: list[tuple[str | None, Entry]], totals: dict) -> list[dict]:
    """Consecutive items with the same heading become one group of the page."""
    groups: list[dict] = []
    for heading, entry in chunk:
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "total": totals[heading], "entries": []})
        groups[-1]["entries"].append(entry)
    return groups


def _pager(base: str, number: int, total: int) -> dict:
    """Links to the first, previous, nearby, next and last pages (a window, not every page)."""
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    return {
        "number": number, "total": total,
        "previous": numbered_page(base, number - 1) if number > 1 else None,
        "next": numbered_page(base, number + 1) if number < total else None,
        "pages": [(n, numbered_page(base, n)) for n in shown],
    }


def _matrix(registry: Registry, groups: list[Group]) -> dict:
    """Party × party co-signing counts, for parties that have records."""
    counts = facets.co_signing_matrix(registry)
    order = list(registry.vocab.parties)
    parties = sorted((registry.vocab.parties[g.slug] for g in groups if g.count), key=lambda p: order.index(p.code))
    cells = [[None if a.code == b.code else counts.get((a.code, b.code), 0) for b in parties] for a in parties]
    return {"parties": parties, "cells": cells}


def _complete(agreement: Agreement, list_field: str) -> list[dict]:
    """The items of a list field with every optional key present (templates use strict undefined)."""
    defaults = item_defaults(list_field)
    return [{**defaults, **item} for item in agreement.get(list_field, [])]


class AgreementView:
    """Everything an agreement page shows, computed from the record (templates only lay it out)."""

    def __init__(self, site: Site, agreement: Agreement):
        registry = site.registry
        self.a = agreement
        self.title = agreement.title
        self.uncertain = _uncertain_by_field(agreement)
        self.province = province_label(registry, agreement) if agreement.province_unit else None
        self.province_suggestion = suggested_label(registry, "province",
                                                   agreement.uncertain_fields.get("province", {}).get("suggested"))
        self.province_links = _province_links(registry, agreement)
        self.level = level_label(registry, agreement)
        self.term = agreement.get("term")
        index = facet_index(registry)
        self.term_text = term_text(agreement.get("term"))
        self.term_url = _group_url(index, TERMS, agreement)
        self.signed = agreement.data.get("signed")
        self.signed_text = agreement.signed_text
        self.signed_datetime = html_datetime(self.signed)
        self.year = agreement.year
        self.effective = agreement.data.get("effective")
        self.effective_datetime = html_datetime(self.effective)
        self.year_url = _group_url(index, YEARS, agreement)
        self.number = agreement.get("number")
        self.structure = structure_label(agreement)
        self.status = STATUS_NAMES[agreement.status]
        self.status_url = _group_url(index, STATUSES, agreement)
        basis, source = registry.status_basis(agreement), registry.status_source(agreement)
        self.status_basis = {"title": basis.title, "url": agreement_page(basis.id)} if basis else None
        self.status_source = ({"number": agreement.data["status_source"], "publisher": source["publisher"]}
                              if source else None)
        self.parties = [_party_entry(registry, agreement, item) for item in agreement.party_items]
        self.combination = {"name": facets.combination_name(registry, agreement.parties),
                            "url": _group_url(index, COMBINATIONS, agreement)}
        self.signatories = _complete(agreement, "signatories")
        self.party_short = {p.code: p.short for p in registry.parties_of(agreement)}
        self.topics = [{"name": g.name, "url": facet_page(TOPICS, g.slug)}
                       for g in index.groups_of(TOPICS, agreement) if not g.unknown]
        self.principles = agreement.get("principles", [])
        self.events = sorted(({**e, "datetime": html_datetime(e["date"])} for e in _complete(agreement, "events")),
                             key=lambda e: (_event_order(agreement, e["date"]), e["kind"]))
        self.event_names = EVENT_NAMES
        self.relations = [_relation_entry(r) for r in registry.relations_of(agreement)]
        self.same_event = [{"title": other.title, "url": agreement_page(other.id)} for other in site.same_event(agreement)]
        self.sources = [{**s, "url": safe_url(s["url"]),
                         "language_name": LANGUAGE_NAMES.get(s["language"]) if s.get("language") not in (None, "vi") else None}
                        for s in _complete(agreement, "sources")]
        self.review = site._review_items(agreement)
        self.summary = render_summary(agreement.summary)
        self.edit_url = site.edit_url(agreement)
        self.report_url = site.report_url(agreement)
        self.json_url = record_json_path(agreement.id)
        self.added = agreement.get("added")
        self.citation = _citation(site, agreement, self.province or "chưa rõ tỉnh/thành")
        self.json_ld = script_json(legislation(registry, agreement, site.absolute_url(agreement_page(agreement.id)),
                                               site.site_name, site.site_url))
        # Search filters and result metadata come from one place, registry.site.search.
        self.search = search.record_search_data(agreement, registry)


def _event_order(agreement: Agreement, value: str | None) -> str:
    """Events in time order; a date without a year takes the record's suggested year, unknown last."""
    parsed = parse_edtf(value) if value else None
    return parsed.sort_key(agreement.suggested_year) if parsed and (parsed.year or agreement.suggested_year) else "9999"


def _party_entry(registry: Registry, agreement: Agreement, item) -> dict:
    """One party as the record states it ('Thường trực Hội đồng nhân dân 15 phường'); named-only
    bodies are shown as written, without a link."""
    party = registry.vocab.parties.get(item.code) if item.code else None
    if party and not (item.name or item.level or item.unit or item.count):
        return {"name": f"{party.name} {level_word(agreement)}".strip(), "short": party.short, "url": facet_page(PARTIES, party.code)}
    return {"name": item.label(party, agreement.data.get("level")), "short": party.short if party else None,
            "url": facet_page(PARTIES, party.code) if party else None}


def _relation_entry(relation) -> dict:
    if relation.other is None:  # a regulation outside the registry, known by number and date
        document = relation.document or {}
        title = document.get("title") or (f"Văn bản số {document['number']}" if document.get("number") else "Văn bản chưa có trong sổ")
        if document.get("title") and document.get("number"):
            title = f"{title} (số {document['number']})"
        return {"label": relation.label, "title": title, "url": None, "note": relation.note, "date": document.get("date")}
    return {"label": relation.label, "title": relation.other.title, "url": agreement_page(relation.other.id),
            "note": relation.note, "date": relation.other.data.get("signed")}


def _group_url(index, kind: str, agreement: Agreement) -> str:
    """The page of the (single) group of a facet a record is listed in."""
    return facet_page(kind, index.groups_of(kind, agreement)[0].slug)


def _uncertain_by_field(agreement: Agreement) -> dict[str, list[dict]]:
    marks: dict[str, list[dict]] = {}
    for entry in agreement.get("uncertain", []):
        marks.setdefault(entry["field"], []).append(
            {"reason": UNCERTAIN_NAMES.get(entry["reason"], entry["reason"]), "note": entry.get("note") or ""})
    return marks


def _province_links(registry: Registry, agreement: Agreement) -> list[tuple[str, str]]:
    unit = agreement.province_unit
    if unit is None:
        return [("Quy chế chưa rõ tỉnh/thành", UNKNOWN_PROVINCE_URL)]
    successor = registry.vocab.successor_of(unit)
    links = [(f"Các quy chế của {unit_name(successor)}", province_page(successor))]
    if was_merged(registry.vocab, unit):
        links.append((f"Các quy chế của {province_phrase(unit)} (cũ, trước 2025)", province_page(unit)))
    return links


def _citation(site: Site, agreement: Agreement, province: str) -> str:
    signed = agreement.data.get("signed")
    when = f"ký ngày {agreement.signed_text}" if signed else "chưa rõ ngày ký"
    number = f", số {agreement.get('number')}" if agreement.get("number") else ""
    return (f"{agreement.title}{number}. {province}, {when}. {site.site_name}, "
            f"{site.absolute_url(agreement_page(agreement.id))}")


def build_pages(registry: Registry, *, repo_url: str, edit_uri: str, site_url: str = "",
                site_name: str = DEFAULT_SITE_NAME) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order with byte-stable content.

    `edit_uri` is relative to the repository root (e.g. 'edit/main/'): edit links point to
    `agreements/<id>.md` under it.
    """
    site = Site(registry, repo_url=repo_url, edit_uri=edit_uri, site_url=site_url, site_name=site_name)
    pages = site.pages()
    _check_unique(pages)
    return pages


def home_summary(registry: Registry) -> str:
    return Site(registry).home_summary()


def inject_home_summary(markdown: str, summary: str) -> str:
    """Put the generated totals and latest additions where docs/index.md has HOME_MARKER."""
    return markdown.replace(HOME_MARKER, summary, 1) if HOME_MARKER in markdown else markdown + "\n\n" + summary


def _check_unique(pages: Iterable[GeneratedPage]) -> None:
    seen: set[str] = set()
    for page in pages:
        if page.uri in seen:
            raise ValueError(f"two generated pages share {page.uri}")
        seen.add(page.uri)

