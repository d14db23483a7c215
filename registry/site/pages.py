"""The public site as a list of generated Markdown pages (no MkDocs import).

`build_pages(registry, ...)` returns every page the registry adds to the site: one page per
agreement, index pages per facet (province, term, party combination, party, topic, year),
their overviews, the needs-review list. The MkDocs hook only adds them to the build.

URLs (directory style, Vietnamese slugs, stable):
  quy-che/<province-folder>/<file>/          one agreement (id = path under agreements/)
  tinh-thanh/ [<slug>/ | truoc-2025/<slug>/ | chua-ro-tinh/]
  nhiem-ky/<code>/   to-hop-co-quan/<codes joined by -->/   co-quan/<code>/
  chu-de/<code>/     nam/<yyyy>/ (chua-ro/)   can-bo-sung/
  long lists continue on .../trang-2/, .../trang-3/ (100 records a page)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from registry.exports import feed_links
from registry.records.model import (
    EVENT_NAMES,
    LEVEL_NAMES,
    STATUS_NAMES,
    UNCERTAIN_NAMES,
    Agreement,
    Registry,
)
from registry.records.schema import item_defaults
from registry.records.text import format_date_vi, vi_sort_key
from registry.records.vocab import MERGER_DATE, Province
from registry.site import indexes, search, stats
from registry.site.field_reference import field_reference_markdown
from registry.site.indexes import UNKNOWN, Group
from registry.site.rendering import front_matter, render, render_summary, safe_url
from registry.site.urls import (
    agreement_page,
    combination_page,
    numbered_page,
    party_page,
    province_page,
    record_json_path,
    root_of,
    source_uri,
    term_page,
    topic_page,
    year_page,
)

PER_PAGE = 100
DEFAULT_SITE_NAME = "Sổ Quy chế phối hợp"
HOME_MARKER = "<!-- so-lieu-trang-chu -->"
UNKNOWN_PROVINCE_URL = "tinh-thanh/chua-ro-tinh/"
FIELD_REFERENCE_PATH = "dong-gop/truong-du-lieu.md"

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
    """One page for the site generator: `uri` under docs/, Markdown `content`.

    `html_only`: the body after the front matter is a single raw HTML block, so a generator
    may use it as the page's HTML without running Markdown over it (same result, faster).
    """

    uri: str
    content: str
    in_nav: bool = False
    html_only: bool = False


@dataclass(frozen=True)
class NavSection:
    title: str
    uri: str


# The generated pages the navigation shows (mkdocs.yml `nav:` lists the same; a test checks).
NAV_SECTIONS = (
    NavSection("Tỉnh/thành", "tinh-thanh/index.md"),
    NavSection("Nhiệm kỳ", "nhiem-ky/index.md"),
    NavSection("Tổ hợp cơ quan", "to-hop-co-quan/index.md"),
    NavSection("Cơ quan", "co-quan/index.md"),
    NavSection("Chủ đề", "chu-de/index.md"),
    NavSection("Năm", "nam/index.md"),
    NavSection("Cần bổ sung", "can-bo-sung/index.md"),
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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def province_label(registry: Registry, agreement: Agreement) -> str:
    """The province as it was when signed, with its successor if the 2025 merger changed it:
    'Bắc Giang (nay thuộc thành phố Bắc Ninh)', 'Bắc Ninh cũ (nay thuộc …)', 'Lạng Sơn'."""
    unit = agreement.province_unit
    if unit is None:
        return "chưa rõ"
    if unit.current:
        return unit.name
    successor = registry.vocab.successor_of(unit)
    if successor.predecessors == (unit.slug,) and successor.name == unit.name:
        return unit.name
    name = f"{unit.name} cũ" if successor.name == unit.name else unit.name
    return f"{name} (nay thuộc {_lower_first(successor.full_name)})"


def level_label(registry: Registry, agreement: Agreement) -> str:
    """'tỉnh', 'thành phố', or 'huyện: <unit>' — the level word follows the unit's kind."""
    level = agreement.get("level")
    unit = agreement.province_unit
    if level == "tinh":
        return "thành phố trực thuộc trung ương" if unit and unit.kind == "thanh-pho" else "tỉnh"
    word = LEVEL_NAMES.get(level, level)
    return f"{word}: {agreement.get('unit')}" if agreement.get("unit") else word


def level_word(agreement: Agreement) -> str:
    """Appended to level-neutral party names: 'Ủy ban nhân dân tỉnh'."""
    unit = agreement.province_unit
    if agreement.get("level") == "tinh":
        return "thành phố" if unit and unit.kind == "thanh-pho" else "tỉnh"
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

    # -- building blocks --

    def entry(self, agreement: Agreement) -> Entry:
        if agreement.id not in self._entries:
            self._entries[agreement.id] = Entry(
                url=agreement_page(agreement.id),
                title=agreement.title,
                date=format_date_vi(agreement.data.get("signed"), "chưa rõ ngày ký"),
                province=province_label(self.registry, agreement) if agreement.province_unit else "chưa rõ tỉnh/thành",
                parties=indexes.combination_name(self.registry, agreement.parties),
            )
        return self._entries[agreement.id]

    def entries(self, agreements: Iterable[Agreement]) -> list[Entry]:
        return [self.entry(a) for a in agreements]

    def absolute_url(self, url: str) -> str:
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else url

    def edit_url(self, agreement: Agreement) -> str:
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{agreement.path}"

    # -- pages --

    def pages(self) -> list[GeneratedPage]:
        pages = [self.record_page(a) for a in self.registry.agreements]
        pages += self.province_pages() + self.term_pages() + self.combination_pages()
        pages += self.party_pages() + self.topic_pages() + self.year_pages() + self.review_pages()
        pages.append(GeneratedPage(stats.PAGE_PATH, stats.statistics_page_markdown(self.registry), in_nav=True))
        pages.append(GeneratedPage(FIELD_REFERENCE_PATH, field_reference_markdown(), in_nav=True))
        return pages

    def record_page(self, agreement: Agreement) -> GeneratedPage:
        url = agreement_page(agreement.id)
        view = AgreementView(self, agreement)
        unit = agreement.province_unit
        feeds = self.feeds("agreement", unit.key if unit else None)
        content = front_matter(agreement.title, feeds) + render("agreement.md.j2", a=view, root=root_of(url))
        return GeneratedPage(f"quy-che/{agreement.id}.md", content, html_only=True)

    def feeds(self, page_kind: str, slug: str | None = None) -> list[dict]:
        """Atom feeds a page announces in its head (the site feed, and its province's)."""
        return [{"title": f.title, "href": f.href} for f in feed_links(page_kind, slug, self.registry.vocab)]

    def listing(self, base: str, title: str, sections: Sequence[tuple[str | None, Sequence[Entry]]],
                intro: str = "", intro_links: Sequence[tuple[str, str]] = (),
                feeds: list[dict] | None = None) -> list[GeneratedPage]:
        """A list of records under optional headings, cut into pages of PER_PAGE records."""
        items = [(heading, entry) for heading, entries in sections for entry in entries]
        totals = {heading: len(entries) for heading, entries in sections}
        chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            url = numbered_page(base, number)
            groups = _regroup(chunk, totals)
            pager = _pager(base, number, len(chunks)) if len(chunks) > 1 else None
            page_title = title if number == 1 else f"{title} (trang {number})"
            content = front_matter(page_title, feeds) + render(
                "listing.md.j2", title=page_title, intro=intro, intro_links=intro_links, groups=groups,
                total=len(items), paging=pager, root=root_of(url),
            )
            pages.append(GeneratedPage(source_uri(url), content, in_nav=number == 1 and base in _NAV_URLS, html_only=True))
        return pages

    def overview(self, url: str, title: str, intro: str, rows: Sequence[Row], *,
                 column: str, template: str = "overview.md.j2", **extra) -> GeneratedPage:
        content = front_matter(title) + render(
            template, title=title, intro=intro, rows=rows, column=column, root=root_of(url), **extra
        )
        return GeneratedPage(source_uri(url), content, in_nav=url in _NAV_URLS, html_only=True)

    def facet_pages(self, groups: Sequence[Group], url_of, title_of, intro_of=lambda g: "") -> list[GeneratedPage]:
        pages = []
        for group in groups:
            pages += self.listing(url_of(group.slug), title_of(group), [(None, self.entries(group.agreements))],
                                  intro=intro_of(group))
        return pages

    # -- provinces --

    def province_pages(self) -> list[GeneratedPage]:
        registry = self.registry
        current = indexes.by_current_province(registry)
        former = indexes.by_former_province(registry)
        unknown = indexes.unknown_province(registry)
        pages = [self.provinces_overview(current, former, unknown)]
        for group in current:
            pages += self.current_province_pages(registry.vocab.current[group.slug], group)
        for group in former:
            pages += self.former_province_pages(registry.vocab.former[group.slug], group)
        pages += self.listing(
            UNKNOWN_PROVINCE_URL, "Quy chế chưa rõ tỉnh/thành",
            [(None, [self._with_suggestion(a) for a in unknown])],
            intro="Nguồn của những quy chế này không nêu tên tỉnh/thành. Sổ không đoán: các quy chế "
                  "này không được tính vào tỉnh/thành nào cho tới khi được xác minh.",
        )
        return pages

    def _with_suggestion(self, agreement: Agreement) -> Entry:
        entry = self.entry(agreement)
        suggestion = agreement.uncertain_fields.get("province", {}).get("suggested")
        if not suggestion:
            return entry
        name = suggested_label(self.registry, "province", suggestion)
        return Entry(**{**entry.__dict__, "note": f"Gợi ý (chưa xác minh): {name}"})

    def provinces_overview(self, current: list[Group], former: list[Group], unknown: tuple) -> GeneratedPage:
        vocab = self.registry.vocab
        rows = [
            Row(g.name, province_page(vocab.current[g.slug]), g.count, _predecessor_names(vocab, vocab.current[g.slug]))
            for g in current
        ]
        former_rows = [Row(g.name, province_page(vocab.former[g.slug]), g.count,
                           vocab.successor_of(vocab.former[g.slug]).name) for g in former]
        return self.overview(
            "tinh-thanh/", "Quy chế theo tỉnh/thành", column="Tỉnh/thành", template="provinces.md.j2",
            intro=f"34 tỉnh/thành từ ngày {MERGER_DATE:%d/%m/%Y}. Mỗi quy chế giữ tỉnh/thành tại thời điểm ký "
                  "và được tính vào tỉnh/thành hiện nay kế thừa đơn vị đó.",
            rows=rows, former_rows=former_rows, unknown_count=len(unknown), unknown_url=UNKNOWN_PROVINCE_URL,
            detail_column="Hình thành từ",
        )

    def current_province_pages(self, unit: Province, group: Group) -> list[GeneratedPage]:
        vocab = self.registry.vocab
        sections = [
            (_unit_heading(vocab, sub.slug, unit), self.entries(sub.agreements))
            for sub in indexes.units_within(self.registry, unit, group.agreements)
        ]
        formers = [vocab.former[s] for s in unit.predecessors]
        merged = len(formers) > 1 or any(f.name != unit.name for f in formers)
        intro = (f"{unit.full_name} được hình thành ngày {MERGER_DATE:%d/%m/%Y} từ "
                 f"{', '.join(sorted((_lower_first(f.full_name) for f in formers), key=vi_sort_key))}. Trang này gồm cả quy chế "
                 "của các đơn vị trước sắp xếp.") if merged else ""
        if not group.agreements:
            intro = (intro + " " if intro else "") + "Sổ chưa có quy chế nào của tỉnh/thành này."
        return self.listing(province_page(unit), f"Quy chế phối hợp — {unit.name}", sections, intro=intro,
                            feeds=self.feeds("province", unit.slug))

    def former_province_pages(self, unit: Province, group: Group) -> list[GeneratedPage]:
        successor = self.registry.vocab.successor_of(unit)
        intro = (f"{unit.full_name} là đơn vị hành chính trước ngày {MERGER_DATE:%d/%m/%Y}; "
                 f"nay thuộc {_lower_first(successor.full_name)}.")
        return self.listing(province_page(unit), f"Quy chế phối hợp — {unit.name} (trước 2025)",
                            [(None, self.entries(group.agreements))], intro=intro,
                            intro_links=[(f"Xem tất cả quy chế của {successor.name}", province_page(successor))],
                            feeds=self.feeds("former-province", unit.slug))

    # -- other facets --

    def term_pages(self) -> list[GeneratedPage]:
        groups = indexes.by_term(self.registry)
        rows = [Row(g.name, term_page(g.slug) if g.count else None, g.count, self._term_variants(g)) for g in groups]
        overview = self.overview("nhiem-ky/", "Quy chế theo nhiệm kỳ", column="Nhiệm kỳ", rows=rows,
                                 intro="Quy chế ghi nhiệm kỳ như nguồn viết (ví dụ 2021–2025) được xếp vào nhiệm kỳ "
                                       "chuẩn gần nhất (2021–2026).")
        with_records = [g for g in groups if g.count]
        return [overview] + self.facet_pages(with_records, term_page, lambda g: f"Quy chế — {g.name}")

    def _term_variants(self, group: Group) -> str:
        written = sorted({a.get("term") for a in group.agreements if a.get("term") and a.get("term") != group.slug})
        return f"gồm cả: {', '.join(written)}" if written else ""

    def combination_pages(self) -> list[GeneratedPage]:
        groups = indexes.by_party_combination(self.registry)
        rows = [Row(g.name, combination_page(g.slug), g.count, f"{g.slug.count('--') + 1} bên") for g in groups]
        overview = self.overview("to-hop-co-quan/", "Quy chế theo tổ hợp cơ quan ký", column="Tổ hợp cơ quan",
                                 rows=rows, intro="Mỗi tổ hợp các bên cùng ký một quy chế, nhiều quy chế nhất trước.")
        return [overview] + self.facet_pages(groups, combination_page, lambda g: f"Quy chế giữa {g.name}")

    def party_pages(self) -> list[GeneratedPage]:
        registry = self.registry
        groups = indexes.by_party(registry)
        rows = [Row(g.name, party_page(g.slug), g.count) for g in groups]
        overview = self.overview(
            "co-quan/", "Quy chế theo cơ quan ký", column="Cơ quan", template="parties.md.j2", rows=rows,
            intro="Các cơ quan trong danh mục, kể cả cơ quan chưa có quy chế nào trong sổ.",
            matrix=_matrix(registry, groups),
        )
        return [overview] + self.facet_pages(groups, party_page, lambda g: f"Quy chế có {g.name} ký",
                                             lambda g: "" if g.count else "Sổ chưa có quy chế nào của cơ quan này.")

    def topic_pages(self) -> list[GeneratedPage]:
        groups = indexes.by_topic(self.registry)
        rows = [Row(g.name, topic_page(g.slug), g.count) for g in groups]
        overview = self.overview("chu-de/", "Quy chế theo nội dung phối hợp", column="Nội dung phối hợp", rows=rows,
                                 intro="Các nội dung phối hợp trong danh mục chủ đề, kể cả nội dung chưa có quy chế.")
        return [overview] + self.facet_pages(groups, topic_page, lambda g: f"Nội dung phối hợp: {g.name}",
                                             lambda g: "" if g.count else "Sổ chưa có quy chế nào với nội dung này.")

    def year_pages(self) -> list[GeneratedPage]:
        groups = indexes.by_year(self.registry)
        rows = [Row(g.name, year_page(g.slug), g.count) for g in groups]
        overview = self.overview("nam/", "Quy chế theo năm ký", column="Năm ký", rows=rows,
                                 intro="Năm ký theo ngày ký ghi trong bản ghi; năm được suy luận có đánh dấu ở "
                                       "trang của từng quy chế.")
        return [overview] + self.facet_pages(groups, year_page, _year_title)

    # -- editors --

    def review_pages(self) -> list[GeneratedPage]:
        records = indexes.needs_review(self.registry)
        items = [(self.entry(a), self._review_items(a)) for a in records]
        chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            url = numbered_page("can-bo-sung/", number)
            title = "Cần bổ sung, kiểm tra" + (f" (trang {number})" if number > 1 else "")
            pager = _pager("can-bo-sung/", number, len(chunks)) if len(chunks) > 1 else None
            content = front_matter(title) + render("review.md.j2", title=title, items=chunk, total=len(items),
                                                   paging=pager, root=root_of(url))
            pages.append(GeneratedPage(source_uri(url), content, in_nav=number == 1, html_only=True))
        return pages

    def _review_items(self, agreement: Agreement) -> list[dict]:
        return [
            {"field": FIELD_LABELS.get(name, name),
             "reason": UNCERTAIN_NAMES.get(reason, reason) if reason else MISSING_REASON,
             "note": note,
             "suggested": suggested_label(self.registry, name, agreement.uncertain_fields.get(name, {}).get("suggested"))}
            for name, reason, note in indexes.review_fields(agreement)
        ]

    # -- home --

    def home_summary(self) -> str:
        """HTML block for the hand-written home page (replaces HOME_MARKER in docs/index.md)."""
        registry = self.registry
        provinces = {u.slug for a in registry.agreements if (u := registry.successor_of(a))}
        totals = [
            ("quy chế", len(registry)),
            ("tỉnh/thành có quy chế", len(provinces)),
            ("tổ hợp cơ quan", len(indexes.by_party_combination(registry))),
            ("cần bổ sung, kiểm tra", len(indexes.needs_review(registry))),
        ]
        latest = [(self.entry(a), format_date_vi(a.get("added"))) for a in indexes.latest_additions(registry)]
        return render("home.md.j2", totals=totals, latest=latest, sections=NAV_SECTIONS_URLS, root="")


NAV_SECTIONS_URLS = tuple((s.title, s.uri.removesuffix("index.md")) for s in NAV_SECTIONS)
_NAV_URLS = {url for _, url in NAV_SECTIONS_URLS}


def _predecessor_names(vocab, unit: Province) -> str:
    names = sorted((vocab.former[s].name for s in unit.predecessors), key=vi_sort_key)
    return "" if names == [unit.name] else ", ".join(names)


def _unit_heading(vocab, key: str, current: Province) -> str:
    """Heading of a group on a current unit's page: the unit as it was when signed."""
    if key == current.key:
        return f"{current.name} (từ {MERGER_DATE:%d/%m/%Y})"
    former = vocab.former[key.removeprefix("truoc-2025/")]
    return f"{former.full_name} (trước {MERGER_DATE:%d/%m/%Y})"


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
    counts = indexes.co_signing_matrix(registry)
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
        self.term_url = term_page(indexes.term_key(registry, agreement))
        self.signed = agreement.data.get("signed")
        self.effective = agreement.data.get("effective")
        self.year_url = year_page(str(agreement.year) if agreement.year else UNKNOWN)
        self.number = agreement.get("number")
        self.structure = structure_label(agreement)
        self.status = STATUS_NAMES.get(agreement.get("status"), agreement.get("status"))
        self.parties = [{"name": f"{p.name} {level_word(agreement)}".strip(), "short": p.short, "url": party_page(p.code)}
                        for p in registry.parties_of(agreement)]
        self.combination = {"name": indexes.combination_name(registry, agreement.parties),
                            "url": combination_page(indexes.combination_slug(agreement.parties))}
        self.signatories = _complete(agreement, "signatories")
        self.party_short = {p.code: p.short for p in registry.parties_of(agreement)}
        self.topics = [{"name": t.name, "url": topic_page(t.code)} for t in registry.topics_of(agreement)]
        self.principles = agreement.get("principles", [])
        self.events = sorted(_complete(agreement, "events"), key=lambda e: (e["date"] or "9999", e["kind"]))
        self.event_names = EVENT_NAMES
        self.relations = [{"label": r.label, "title": r.other.title, "url": agreement_page(r.other.id), "note": r.note,
                           "date": r.other.data.get("signed")} for r in registry.relations_of(agreement)]
        self.sources = [{**s, "url": safe_url(s["url"])} for s in _complete(agreement, "sources")]
        self.review = site._review_items(agreement)
        self.summary = render_summary(agreement.summary)
        self.edit_url = site.edit_url(agreement)
        self.json_url = record_json_path(agreement.id)
        self.added = agreement.get("added")
        self.citation = _citation(site, agreement, self.province or "chưa rõ tỉnh/thành")
        # Search filters and result metadata come from one place, registry.site.search.
        self.filters = [(k, v) for k, values in search.record_filters(agreement, registry).items() for v in values]
        self.meta = list(search.record_meta(agreement, registry).items())
        self.sort_date = self.signed or ""


def _year_title(group: Group) -> str:
    return "Quy chế chưa rõ năm ký" if group.slug == UNKNOWN else f"Quy chế ký {_lower_first(group.name)}"


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
    links = [(f"Các quy chế của {successor.name}", province_page(successor))]
    if not unit.current and province_label(registry, agreement) != unit.name:
        links.append((f"Các quy chế của {unit.name} trước 2025", province_page(unit)))
    return links


def _citation(site: Site, agreement: Agreement, province: str) -> str:
    signed = agreement.data.get("signed")
    when = f"ký ngày {format_date_vi(signed)}" if signed else "chưa rõ ngày ký"
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

