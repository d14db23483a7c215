"""The search index: which pages Pagefind indexes, and what it sees on each.

Pagefind folds tones and ă/â/ê/ô/ơ/ư but not đ -> d, matches every query word as a
prefix and silently drops a word that matches nothing. So the search box folds the
reader's query completely (as `fold()` does) and every indexed page carries a hidden
block, visible only to the indexer, with the folded words of its text plus the
expansions of the usual abbreviations (HĐND <-> Hội đồng nhân dân, ...). A folded
query therefore always finds the folded copy, whatever the reader typed.

The block is added to the HTML in memory while indexing: the files served to
readers never contain it. It ends with SENTINEL, so the browser can cut it off the
page text it uses for excerpts (Pagefind's own excerpt would quote the folded copy).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from registry.records.model import Agreement, Registry
from registry.records.text import fold, format_date_vi
from registry.records.wording import term_text
from registry.site.facets import FACETS, facet_index
from registry.site.urls import agreement_page

SENTINEL = "\u2042"  # ⁂: never typed, never produced by fold(); Pagefind keeps it in page text
BUNDLE_DIR = "pagefind"
LANGUAGE = "vi"
UNKNOWN = "Chưa rõ"
UNKNOWN_PROVINCE = "Chưa rõ tỉnh"
FORMER_SUFFIX = " (trước 01/07/2025)"
SUMMARY_LENGTH = 240
# Hand-written pages that are not worth a search hit: the home page lists records
# (its hits would shadow the records themselves) and the search page is empty.
SKIPPED_DOCS = {"index.md", "tim-kiem.md"}

# Filter keys (Pagefind wants lowercase keys) in the order the search page shows them.
FILTER_KEYS = tuple(dict.fromkeys(facet.filter for facet in FACETS if facet.filter))

# Common abbreviations, folded: abbreviation -> full words. Both directions are
# added to the search text, so "hdnd" finds "Hội đồng nhân dân" and the reverse.
ABBREVIATIONS = {
    "hdnd": "hoi dong nhan dan",
    "ubnd": "uy ban nhan dan",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "ubmttq": "uy ban mat tran to quoc",
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "dbqh": "dai bieu quoc hoi",
    "qh": "quoc hoi",
    "tt": "thuong truc",
    "btt": "ban thuong truc",
    "tthdnd": "thuong truc hoi dong nhan dan",
    "bttubmttq": "ban thuong truc uy ban mat tran to quoc",
    "bcs": "ban can su",
    "bcsd": "ban can su dang",
    "vp": "van phong",
    "ubkt": "uy ban kiem tra",
    "tand": "toa an nhan dan",
    "vksnd": "vien kiem sat nhan dan",
    "ct-xh": "chinh tri xa hoi",
    "qcph": "quy che phoi hop",
    "vn": "viet nam",
    "tp": "thanh pho",
}
_WORD = re.compile(r"[a-z0-9]+")
# Joins the two words of a phrase pair into one indexed word. Pagefind matches query words
# as prefixes, so a bare join would make "so chi" -> "sochi" answer the word "soc"; no
# Vietnamese word holds "qq", so no query word is a prefix of a pair by accident.
PAIR_JOIN = "qq"


# --- folded search text --------------------------------------------------------


def _tokens(folded: str) -> list[str]:
    """Words of folded text: each whitespace token trimmed of punctuation (so
    '794/qcph-tthdnd' stays whole) and, when it has inner punctuation, its parts."""
    words = []
    for token in folded.split():
        trimmed = token.strip(".,;:!?()[]{}\"'“”‘’«»…–—-")
        parts = _WORD.findall(trimmed)
        if trimmed and trimmed != "".join(parts):
            words.append(trimmed)
        words += parts
    return words


def _expansions(words: list[str]) -> list[str]:
    """Full forms of the abbreviations present, and abbreviations of the full forms present."""
    present = set(words)
    joined = f" {' '.join(words)} "
    extra = []
    for short, full in ABBREVIATIONS.items():
        if short in present:
            extra += full.split()
        if f" {full} " in joined:
            extra.append(short)
    return extra


def _pairs(words: list[str]) -> list[str]:
    """Adjacent words joined: ['dang', 'doan', 'hdnd'] -> ['dangqqdoan', 'doanqqhdnd']."""
    return [first + PAIR_JOIN + second for first, second in zip(words, words[1:], strict=False)]


def _phrase_pairs(words: list[str]) -> list[str]:
    """Word pairs of the text and of its variants with every abbreviation written out or
    abbreviated ('doan dbqh' also gives the pairs of 'doan dai bieu quoc hoi')."""
    pairs = _pairs(words)
    for short, full in ABBREVIATIONS.items():
        long_words = full.split()
        for index, word in enumerate(words):
            if word == short:
                pairs += _pairs(words[max(index - 1, 0):index] + long_words + words[index + 1:index + 2])
            end = index + len(long_words)
            if words[index:end] == long_words:
                pairs += _pairs(words[max(index - 1, 0):index] + [short] + words[end:end + 1])
    return pairs


def search_words(texts: Iterable[str]) -> list[str]:
    """The folded words of `texts`, abbreviation expansions and phrase pairs, each once.

    Pagefind has no phrase search (a query is an AND of word prefixes), so a page needs
    only its set of words; keeping each once keeps the index small. Adjacent pairs
    written as one word ('dangqqdoan') let the browser ask for a phrase: 'dang doan'
    is searched first as 'dangqqdoan', which only pages saying "Đảng đoàn" contain.
    """
    folded = [fold(text) for text in texts if text]
    words = [word for text in folded for word in _tokens(text)]
    pairs = [pair for text in folded for pair in _phrase_pairs(_WORD.findall(text))]
    return list(dict.fromkeys(words + _expansions(words) + pairs))


def record_texts(agreement: Agreement, registry: Registry) -> list[str]:
    """Every text a reader may search a record by, including names the page does not spell
    out: all party aliases, province aliases and the current (post-2025) province."""
    texts = [agreement.title, agreement.get("number"), agreement.summary, agreement.get("term")]
    texts += [format_date_vi(agreement.get("signed"), ""), format_date_vi(agreement.get("effective"), "")]
    texts += _province_texts(agreement, registry)
    for party in registry.parties_of(agreement):
        texts += [party.name, party.short, *party.aliases]
    texts += [f"{s.get('name', '')} {s.get('position', '')}" for s in agreement.get("signatories", [])]
    texts += [topic.name for topic in registry.topics_of(agreement)]
    texts += agreement.get("principles", [])
    texts += [e.get("note", "") for e in agreement.get("events", [])]
    texts += [r.get("note", "") for r in agreement.get("relations", [])]
    texts += [f"{s.get('publisher', '')} {s.get('title', '')} {s.get('author', '')}" for s in agreement.get("sources", [])]
    return [t for t in texts if t]


def _province_texts(agreement: Agreement, registry: Registry) -> list[str]:
    unit = agreement.province_unit
    if unit is None:
        return []
    successor = registry.successor_of(agreement)
    return [unit.name, unit.full_name, *unit.aliases, successor.name, successor.full_name]


def record_search_words(agreement: Agreement, registry: Registry) -> list[str]:
    return search_words(record_texts(agreement, registry))


# --- filters and metadata --------------------------------------------------------


def record_filters(agreement: Agreement, registry: Registry) -> dict[str, list[str]]:
    """Filter values of one record, from the facet table (registry.site.facets: each facet with a
    `filter` feeds one key); values are shown to readers, so they are Vietnamese."""
    return facet_index(registry).filters(agreement)


def plain_summary(markdown_text: str, limit: int = SUMMARY_LENGTH) -> str:
    """The summary as one plain line, cut at a word boundary (for results without a hit)."""
    text = " ".join(re.sub(r"\]\([^)]*\)|[*_`#>\[\]]", "", markdown_text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def record_meta(agreement: Agreement, registry: Registry) -> dict[str, str]:
    """What a result shows, with diacritics intact: title, province, term, date, number."""
    unit = agreement.province_unit
    term = agreement.get("term")
    meta = {
        "title": agreement.title,
        "loai": "quy-che",
        "tinh": (unit.name + ("" if unit.current else FORMER_SUFFIX)) if unit else UNKNOWN_PROVINCE,
        "nhiem-ky": term_text(term) if term else UNKNOWN,
        "tom-tat": plain_summary(agreement.summary),
    }
    if agreement.get("signed"):  # left out when unknown rather than shown as "ký ngày chưa rõ"
        meta["ngay-ky"] = format_date_vi(agreement.get("signed"))
    if agreement.get("number"):
        meta["so-hieu"] = agreement.get("number")
    return meta


# --- the hidden block -------------------------------------------------------------


def hidden_block(words: list[str], filters: dict[str, list[str]], meta: dict[str, str]) -> str:
    """HTML the indexer reads and readers never see: filters, metadata, folded words.

    One element per value: an inline `key:value` runs to the end of its attribute, so
    values may hold commas and colons.
    """
    spans = [_attr_span("data-pagefind-filter", k, v) for k, values in filters.items() for v in values]
    spans += [_attr_span("data-pagefind-meta", k, v) for k, v in meta.items()]
    return f'<div hidden>{"".join(spans)}<p>{html.escape(" ".join(words))} {SENTINEL}</p></div>'


def _attr_span(attribute: str, key: str, value: str) -> str:
    return f'<span {attribute}="{html.escape(key)}:{html.escape(value)}"></span>'


_BODY = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body\b[^>]*>")
_ARTICLE = re.compile(r'<article\b[^>]*class="md-content__inner[^"]*"[^>]*>')


def with_search_block(page_html: str, block: str) -> str:
    """Insert `block` first inside the page's `data-pagefind-body` element. A page without
    one (a hand-written page) gets the attribute on Material's content <article>."""
    body = _BODY.search(page_html)
    if body is None:
        article = _ARTICLE.search(page_html)
        if article is None:
            raise ValueError("no data-pagefind-body element and no Material content <article>")
        tag = article.group(0)[:-1] + " data-pagefind-body>"
        page_html = page_html[: article.start()] + tag + page_html[article.end():]
        body = _BODY.search(page_html)
    return page_html[: body.end()] + block + page_html[body.end():]


def record_page_html(page_html: str, agreement: Agreement, registry: Registry) -> str:
    """An agreement page as the indexer should see it: the page already declares its filters
    and metadata (rendered from record_filters/record_meta); add the folded words."""
    return with_search_block(page_html, hidden_block(record_search_words(agreement, registry), {}, {}))


class _TextOf(HTMLParser):
    """Text of the first <article> (Material's page content), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag not in _VOID
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.depth -= bool(self.depth) and tag not in _VOID
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def article_text(page_html: str) -> str:
    parser = _TextOf()
    parser.feed(page_html)
    return " ".join(" ".join(parser.parts).split())


def doc_page_html(page_html: str) -> str:
    """A hand-written page as the indexer should see it: folded copy of its own text."""
    words = search_words([article_text(page_html)])
    return with_search_block(page_html, hidden_block(words, {}, {"loai": "trang"}))


# --- what to index ---------------------------------------------------------------


@dataclass
class IndexPlan:
    """The pages handed to the indexer, and agreement pages that were not built."""

    pages: list[str] = field(default_factory=list)  # site-relative URLs
    missing: list[str] = field(default_factory=list)


def doc_page_path(src_uri: str) -> str:
    """'gioi-thieu.md' -> 'gioi-thieu/', 'du-lieu/index.md' -> 'du-lieu/' (directory URLs)."""
    stem = src_uri.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem == "index" or stem.endswith("/index") else stem
    return f"{stem}/" if stem else ""


def hand_written_pages(docs_dir: Path) -> list[str]:
    """Site-relative URLs of the hand-written Markdown pages worth a search hit."""
    sources = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return [doc_page_path(s) for s in sources if s not in SKIPPED_DOCS]


def plan_index(site_dir: Path, registry: Registry, doc_urls: Iterable[str], staging: Path | None = None) -> IndexPlan:
    """Every agreement page (a missing one is reported: nothing may be lost) and the
    hand-written pages that were built, each written into `staging` as the indexer should see
    it. Pages are written one by one so 20,000 of them never sit in memory together."""
    plan = IndexPlan()
    for agreement in registry.agreements:
        url = agreement_page(agreement.id)
        path = site_dir / url / "index.html"
        if not path.is_file():
            plan.missing.append(url)
            continue
        _stage(staging, plan, url, record_page_html(path.read_text(encoding="utf-8"), agreement, registry))
    for url in doc_urls:
        path = site_dir / url / "index.html"
        if path.is_file():
            _stage(staging, plan, url, doc_page_html(path.read_text(encoding="utf-8")))
    return plan


def _stage(staging: Path | None, plan: IndexPlan, url: str, html_text: str) -> None:
    if staging is not None:
        target = staging / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(indexed_part(html_text), encoding="utf-8")
    plan.pages.append(url)


def indexed_part(page_html: str) -> str:
    """Only the `data-pagefind-body` element, in a bare document: Pagefind reads nothing
    else, and parsing Material's whole page (navigation, scripts) for each of 20,000 pages
    costs it most of its time."""
    body = _BODY.search(page_html)
    end = page_html.find("</article>", body.end()) if body else -1
    if end < 0:
        return page_html
    start = page_html.rfind("<", 0, body.end())
    return f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>{page_html[start:end]}</article></body></html>'



# --- running Pagefind -----------------------------------------------------------


def write_index(staging: Path, output_dir: Path) -> None:
    """Run Pagefind's indexer (the binary shipped by the pagefind package) over the staged pages.

    One CLI run indexes in parallel; the Python API's per-page messages to the indexer
    service made 5,000 pages take minutes."""
    command = [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(output_dir),
               "--force-language", LANGUAGE, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def build_search_index(site_dir: Path, registry: Registry, doc_urls: Iterable[str]) -> IndexPlan:
    """Index the built site into site_dir/pagefind/. Raises when an agreement page is missing."""
    with tempfile.TemporaryDirectory(prefix="pagefind-staging-") as staging:
        plan = plan_index(site_dir, registry, doc_urls, Path(staging))
        if plan.missing:
            raise RuntimeError("search index: agreement pages not built: " + ", ".join(plan.missing))
        write_index(Path(staging), site_dir / BUNDLE_DIR)
    return plan
