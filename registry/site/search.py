"""The search index: which pages Pagefind indexes, and what it sees on each.

Pagefind folds tones and ă/â/ê/ô/ơ/ư but not đ -> d, matches every query word as a
prefix and silently drops a word that matches nothing. Vietnamese is written in
syllables, so prefix matching is wrong for it ("son" would find "song", "ban" "bằng").
So every indexed page carries a hidden block, visible only to the indexer, with the
folded syllables of its text (plus the expansions of the usual abbreviations, HĐND <->
Hội đồng nhân dân, and adjacent pairs for phrases), each followed by MARK: the browser
searches "son" as "sonz", which only the syllable "son" starts with. While the reader
types, the last syllable is searched without the mark (a prefix, as the reader expects).

A record's facets (province, year, term, number of parties) are indexed as single
tokens too (facet_token), so a query the browser understands as "Lạng Sơn · năm 2022"
is two exact tokens, and `search_facts` tells the browser which words name which facet.

A record page is indexed as this block only (its visible text would add unmarked
words); its excerpt comes from its summary (metadata `tom-tat`). The block is added
while indexing: the files served to readers never contain it. It ends with SENTINEL,
so the browser can cut it off a hand-written page's text when it quotes that page.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from registry.records.model import Agreement, Registry
from registry.records.text import fold, format_date_vi
from registry.records.wording import province_label, term_text
from registry.site.facets import FACETS, facet_index

SENTINEL = "\u2042"  # ⁂: never typed, never produced by fold(); Pagefind keeps it in page text
BUNDLE_DIR = "pagefind"
LANGUAGE = "vi"
UNKNOWN = "Chưa rõ"
UNKNOWN_PROVINCE = "Chưa rõ tỉnh"
SUMMARY_LENGTH = 240
EXCERPT_LENGTH = 1200  # the summary a result quotes around its hits (metadata `tom-tat`)
MARK = "z"  # ends every indexed syllable: no Vietnamese syllable holds a "z"
FACET_PREFIX = "qq"  # starts a facet token; pairs hold "qq" only inside
# Facets indexed as tokens, with the letter that names their key in the token.
FACET_TOKENS = {"tinh": "t", "nam": "n", "nhiem-ky": "k", "so-ben": "b"}
KEY_WEIGHT = 6  # Pagefind weight of the words that name a record (title, number, parties, province)
NUMBER_WORDS = {2: "hai", 3: "ba", 4: "bon", 5: "nam", 6: "sau", 7: "bay", 8: "tam", 9: "chin", 10: "muoi"}
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
            if len(parts) > 1 and "".join(parts).isalpha():  # "H'Drai" is also "hdrai", "TT.HĐND" "tthdnd"
                words.append("".join(parts))
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


_LONG = {short: full.split() for short, full in ABBREVIATIONS.items()}
_SHORT_BY_FIRST: dict[str, list[tuple[str, list[str]]]] = {}
for _short, _words in _LONG.items():
    _SHORT_BY_FIRST.setdefault(_words[0], []).append((_short, _words))


def _phrase_pairs(words: list[str]) -> list[str]:
    """Word pairs of the text and of its variants with every abbreviation written out or
    abbreviated ('doan dbqh' also gives the pairs of 'doan dai bieu quoc hoi')."""
    pairs = _pairs(words)
    for index, word in enumerate(words):
        before, after = words[max(index - 1, 0):index], words[index + 1:index + 2]
        if word in _LONG:
            pairs += _pairs(before + _LONG[word] + after)
        for short, long_words in _SHORT_BY_FIRST.get(word, ()):
            end = index + len(long_words)
            if words[index:end] == long_words:
                pairs += _pairs(before + [short] + words[end:end + 1])
    return pairs


def search_words(texts: Iterable[str]) -> list[str]:
    """The folded words of `texts`, abbreviation expansions and phrase pairs, each once.

    Pagefind has no phrase search (a query is an AND of word prefixes), so a page needs
    only its set of words; keeping each once keeps the index small. Adjacent pairs
    written as one word ('dangqqdoan') let the browser ask for a phrase: 'dang doan'
    is searched first as 'dangqqdoan', which only pages saying "Đảng đoàn" contain.
    """
    parts = [_text_words(text) if len(text) <= _SHARED_TEXT else _words_of(text) for text in texts if text]
    words = [word for text_words, _ in parts for word in text_words]
    pairs = [pair for _, text_pairs in parts for pair in text_pairs]
    return list(dict.fromkeys(words + _expansions(words) + pairs))


_SHARED_TEXT = 160  # texts up to this long (names, titles) are cached; a summary is one record's


def _words_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words, phrase pairs) of one text, folded."""
    folded = fold(text)
    return tuple(_tokens(folded)), tuple(_phrase_pairs(_WORD.findall(folded)))


@functools.lru_cache(maxsize=1 << 16)
def _text_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """_words_of a short text, computed once: party and province names recur on thousands of
    records, and a record's key texts are among all its texts."""
    return _words_of(text)


def record_texts(agreement: Agreement, registry: Registry) -> list[str]:
    """Every text a reader may search a record by, including names the page does not spell
    out: all party aliases, province aliases and the current (post-2025) province."""
    texts = record_key_texts(agreement, registry) + [agreement.summary, agreement.get("term")]
    texts += [format_date_vi(agreement.get("signed"), ""), format_date_vi(agreement.get("effective"), "")]
    texts += [f"{s.get('name', '')} {s.get('position', '')}" for s in agreement.get("signatories", [])]
    texts += [topic.name for topic in registry.topics_of(agreement)]
    texts += agreement.get("principles", [])
    texts += [e.get("note", "") for e in agreement.get("events", [])]
    texts += [r.get("note", "") for r in agreement.get("relations", [])]
    texts += [f"{s.get('publisher', '')} {s.get('title', '')} {s.get('author', '')}" for s in agreement.get("sources", [])]
    return [t for t in texts if t]


def record_key_texts(agreement: Agreement, registry: Registry) -> list[str]:
    """The texts that name a record (its title, number, parties and province): a query word
    found there weighs more than one found in the summary or the sources."""
    texts = [agreement.title, agreement.get("number"), *_province_texts(agreement, registry)]
    for party in registry.parties_of(agreement):
        texts += [party.name, party.short, *party.aliases]
    count = len(registry.parties_of(agreement))
    texts += [f"{count} bên {NUMBER_WORDS.get(count, '')} bên"]
    return [t for t in texts if t]


def _province_texts(agreement: Agreement, registry: Registry) -> list[str]:
    unit = agreement.province_unit
    if unit is None:
        return []
    successor = registry.successor_of(agreement)
    return [unit.name, unit.full_name, *unit.aliases, successor.name, successor.full_name, *successor.aliases]


def record_search_words(agreement: Agreement, registry: Registry) -> list[str]:
    return search_words(record_texts(agreement, registry))


_PLAIN = re.compile(r"[a-z0-9]+")


def marked(words: Iterable[str]) -> list[str]:
    """The plain words (letters and digits only) with MARK, each once: 'son' -> 'sonz'. A word
    with inner punctuation ('794/qcph') is also indexed as its parts, which are plain."""
    return list(dict.fromkeys(word + MARK for word in words if _PLAIN.fullmatch(word)))


def facet_token(key: str, value: str) -> str:
    """One indexed word for one facet value: ('tinh', 'Lạng Sơn') -> 'qqtlangsonz'. Pairs hold
    'qq' only between two words, so no pair and no syllable starts like a facet token."""
    return FACET_PREFIX + FACET_TOKENS[key] + "".join(_WORD.findall(fold(value))) + MARK


def record_index_words(agreement: Agreement, registry: Registry) -> tuple[list[str], list[str]]:
    """(key words, other words) of a record as indexed: marked syllables and pairs, the key
    words (record_key_texts) apart to be weighted, and the record's facet tokens."""
    key = marked(search_words(record_key_texts(agreement, registry)))
    tokens = [facet_token(k, v) for k, values in record_filters(agreement, registry).items()
              if k in FACET_TOKENS for v in values if v not in (UNKNOWN, UNKNOWN_PROVINCE)]
    # The current province of a record signed in a former one weighs less: "Hồ Chí Minh"
    # lists the city's own records before those of Bình Dương.
    unit = agreement.province_unit
    successor = registry.successor_of(agreement) if unit else None
    weak = [facet_token("tinh", successor.name)] if unit and successor.name != unit.name else []
    taken = set(key) | set(weak)
    rest = [word for word in marked(record_search_words(agreement, registry)) if word not in taken]
    return key + [t for t in tokens if t not in weak], rest + weak


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
    """What a result shows, with diacritics intact: title, province (as the record pages say it:
    'tỉnh Hà Nam (cũ), nay thuộc tỉnh Ninh Bình' only for a unit the 2025 merger changed), term,
    date, number. An unknown term or date is left out rather than shown as 'nhiệm kỳ Chưa rõ'."""
    meta = {
        "title": agreement.title,
        "loai": "quy-che",
        "tinh": province_label(registry.vocab, agreement.province_unit, UNKNOWN_PROVINCE),
        "tom-tat": plain_summary(agreement.summary, EXCERPT_LENGTH),
    }
    if agreement.get("term"):
        meta["nhiem-ky"] = term_text(agreement.get("term"))
    if agreement.get("signed"):  # left out when unknown rather than shown as "ký ngày chưa rõ"
        meta["ngay-ky"] = format_date_vi(agreement.get("signed"))
    if agreement.get("number"):
        meta["so-hieu"] = agreement.get("number")
    return meta


@dataclass(frozen=True)
class SearchData:
    """What a record page declares to the indexer (its `qc-search-data` element, the macro
    `search_data` of the templates): filters and metadata as (name, value) pairs, the sort key."""

    filters: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    sort_date: str


def record_search_data(agreement: Agreement, registry: Registry) -> SearchData:
    filters = tuple((k, v) for k, values in record_filters(agreement, registry).items() for v in values)
    return SearchData(filters, tuple(record_meta(agreement, registry).items()), agreement.data.get("signed") or "")


# --- the hidden block -------------------------------------------------------------


def hidden_block(words: list[str], filters: dict[str, list[str]], meta: dict[str, str],
                 key_words: Iterable[str] = ()) -> str:
    """HTML the indexer reads and readers never see: filters, metadata, folded words (the
    `key_words` first, in a paragraph Pagefind weighs KEY_WEIGHT times).

    One element per value: an inline `key:value` runs to the end of its attribute, so
    values may hold commas and colons.
    """
    spans = [_attr_span("data-pagefind-filter", k, v) for k, values in filters.items() for v in values]
    spans += [_attr_span("data-pagefind-meta", k, v) for k, v in meta.items()]
    key = " ".join(key_words)
    key = f'<p data-pagefind-weight="{KEY_WEIGHT}">{html.escape(key)}</p>' if key else ""
    return f'<div hidden>{"".join(spans)}{key}<p>{html.escape(" ".join(words))} {SENTINEL}</p></div>'


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


_SEARCH_DATA = re.compile(r'<div class="qc-search-data"[^>]*>.*?</div>', re.S)


def record_page_html(page_html: str, agreement: Agreement, registry: Registry) -> str:
    """An agreement page as the indexer should see it: its declared filters and metadata
    (rendered from record_filters/record_meta, the `qc-search-data` element) and the hidden
    block, without the visible text (its words would match as prefixes, unmarked). The block
    adds the kind of page and the topics as filters."""
    key, rest = record_index_words(agreement, registry)
    filters = {"loai": ["quy-che"], "chu-de": [topic.name for topic in registry.topics_of(agreement)]}
    return with_search_block(_search_data_only(page_html), hidden_block(rest, filters, {}, key))


def _search_data_only(page_html: str) -> str:
    body = _BODY.search(page_html)
    data = _SEARCH_DATA.search(page_html, body.end()) if body else None
    end = page_html.find("</article>", body.end()) if body else -1
    if data is None or end < data.end():
        return page_html
    return page_html[: body.end()] + data.group(0) + page_html[end:]


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


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def doc_page_html(page_html: str) -> str:
    """A hand-written page as the indexer should see it: folded copy of its own text, the words
    of its title (<h1>) apart and weighted, so "du lieu mo" finds the page "Dữ liệu mở" before
    pages that only mention open data."""
    heading = _H1.search(page_html[page_html.find("<article"):])
    title = article_text(f"<article>{heading.group(1)}</article>") if heading else ""
    key = marked(search_words([title]))
    words = [word for word in marked(search_words([article_text(page_html)])) if word not in set(key)]
    return with_search_block(page_html, hidden_block(words, {"loai": ["trang"]}, {"loai": "trang"}, key))


# --- what the browser knows about facets -------------------------------------------------

FACTS_FILE = "search-facts.json"


def _phrase(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def _abbreviation(form: str) -> bool:
    letters = re.sub(r"[^\w]", "", form)
    return len(letters) <= 10 and letters.isupper()


def search_facts(registry: Registry) -> dict:
    """Which folded phrases name a facet value, for the browser's reading of a query:
    provinces (every alias, former and current), parties (a form names the parties whose
    forms contain it: 'hdnd' is HĐND, TT HĐND, Đảng đoàn HĐND…), terms and numbers of
    parties that records have. Values are filter values (registry.site.facets)."""
    vocab = registry.vocab
    provinces: dict[str, str] = {}
    for unit in [*vocab.former.values(), *vocab.current.values()]:  # a current name wins
        for form in (unit.name, unit.full_name, *unit.aliases):
            provinces[_phrase(form)] = unit.name
    forms = {party.short: [f for f in (party.name, party.short, *party.aliases)
                           if len(_phrase(f).split()) > 1 or _abbreviation(f)] for party in vocab.parties.values()}
    shorts = {party.short: [party.short] for party in vocab.parties.values()}
    parties: dict[str, set[str]] = {}
    labels: dict[str, str] = {}  # phrase -> the short form of the party it names
    for short, own in forms.items():
        for form in own:
            phrase = _phrase(form)
            labels.setdefault(phrase, short)
            # A two-word phrase is looked for in short forms only: 'dang uy' is not inside
            # 'ban can su dang uy ban nhan dan'; an abbreviation or a longer phrase everywhere.
            pool = forms if len(phrase.split()) > 2 or _abbreviation(form) else shorts
            parties.setdefault(phrase, set()).add(short)
            parties[phrase] |= {other for other, theirs in pool.items()
                                if any(f" {phrase} " in f" {_phrase(f)} " for f in theirs)}
    values = {key: set() for key in ("nhiem-ky", "so-ben")}
    for agreement in registry.agreements:
        for key, found in record_filters(agreement, registry).items():
            if key in values:
                values[key] |= {v for v in found if v != UNKNOWN}
    counts = {}
    for value in values["so-ben"]:
        number = int(value.split()[0])
        counts[f"{number} ben"] = value
        if number in NUMBER_WORDS:
            counts[f"{NUMBER_WORDS[number]} ben"] = value
    return {
        "version": 1,
        "mark": MARK,
        "pair": PAIR_JOIN,
        "facetPrefix": FACET_PREFIX,
        "facetKeys": FACET_TOKENS,
        "provinces": dict(sorted(provinces.items())),
        "parties": {phrase: sorted(shorts) for phrase, shorts in sorted(parties.items())},
        "partyLabels": dict(sorted(labels.items())),
        "terms": {_phrase(value): value for value in sorted(values["nhiem-ky"])},
        "counts": dict(sorted(counts.items())),
    }


SHARDS_FILE = "pagefind/shards.json"


def write_search_facts(site_dir: Path, registry: Registry) -> Path:
    """Write the facts table beside the index, and `pagefind/shards.json` naming the one
    bundle when the index build wrote none (the browser reads it first, and a missing file
    would be a failed request in every reader's console)."""
    path = site_dir / FACTS_FILE
    path.write_text(json.dumps(search_facts(registry), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shards = site_dir / SHARDS_FILE
    if shards.parent.is_dir() and not shards.exists():
        shards.write_text(json.dumps({"version": 1, "bundles": [f"{BUNDLE_DIR}/"]}), encoding="utf-8")
    return path
