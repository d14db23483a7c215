"""The Vietnamese UI checker: finds English UI words and Vietnamese written without diacritics
in an HTML page, a script's strings or a text (tests/site/test_vietnamese_ui.py runs it on every
built page, the web editor's test on Decap's screens).

What is scanned, per page:
- visible text (every text node outside the exclusions below);
- the texts a screen reader or a tooltip gives: aria-label, aria-description,
  aria-roledescription, aria-placeholder, aria-valuetext, title, alt, placeholder, label, the
  value of buttons, a meta description;
- the labels Material's script writes later (copy button, search states), read from the
  `translations` of its `__config` JSON.
Every text and attribute is also checked for Vietnamese written without diacritics, and so is
each title as a whole (the <title>, headings, the tab bar, the nav and the phone drawer, the
breadcrumb, the footer's previous/next links, buttons, labels, legends, summaries, table
headings, captions: a title split by inline elements is judged whole).
The strings of our own scripts (docs/assets/*.js, the web editor's scripts) that carry words
are scanned the same way; so is the web editor's index.html and its form configuration.

The English words: every English label Material can print (read from the installed theme's
own English translation, so a new Material label is covered), the labels Pagefind's
stock UI shows, and common web UI words (TOOLKIT_WORDS).
Unaccented Vietnamese: a text whose letters are all ASCII and that holds a syllable from
NEEDS_MARKS — common syllables that Vietnamese always writes with a mark or đ ("dong" for
Đóng/Đồng, "lieu" for Liệu), leaving out the plain forms that are also correct Vietnamese or
English words ("Gia Lai", "Long An", "Thanh tra", "Ban", "can", "so", "to").

Exclusions (each with its reason):
- elements with lang other than "vi" and their content: record sources quoted in English keep
  their English title (<cite lang="en">), marked so that readers and screen readers know;
- <code>, <pre>, <kbd>, <samp>, <script>, <style>, <template>: code, commands, file contents
  and data, not UI words (Material's __config is read apart);
- URLs, e-mail addresses, file names and paths, code-like slugs (lang-son, tt-hdnd);
- PROPER_NAMES: names of products, formats and organisations, written as their owners write
  them (GitHub, Pagefind, MkDocs, JSON, CSV, Atom, Decap, Creative Commons…);
- on the pages that describe the record format (FORMAT_PAGES) and in the editor's form, the
  format's own keys and codes (the property names and enum values of agreement.schema.json,
  written as in a file: source, language, tinh, huyen): what an editor types, code even where
  a sentence names them;
- the web editor's bundle (quan-tri/*.js from decap-cms) is not read as text: Decap's UI is
  made Vietnamese by its "vi" locale and our table of the phrases it lacks, plus dnd-kit's drag
  texts (registry/editors/cms_assets/setup.js). What it shows is scanned instead: its index.html
  with the built pages, its form configuration (config.js: labels, hints, descriptions) and our
  three scripts here, and the screens Decap draws (the list, a record, a new record) by the
  editor's browser test (tests/editors/test_cms_browser.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_EN = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
OUR_SCRIPTS = sorted((ROOT / "docs" / "assets").glob("*.js")) + sorted(
    (ROOT / "registry" / "editors" / "cms_assets").glob("*.js"))

# --- the word lists -----------------------------------------------------------------------

# Keys of Material's translation that are settings, not text.
_MATERIAL_SETTINGS = {"language", "direction", "search.config.lang", "search.config.pipeline",
                      "search.config.separator", "blog.categories.in"}


def material_labels() -> list[str]:
    """Every English label of the installed Material (its en.html translation), '#' and counts removed."""
    pairs = re.findall(r'^\s*"([\w.]+)": "(.*)",?$', MATERIAL_EN.read_text(encoding="utf-8"), re.M)
    assert len(pairs) > 40, MATERIAL_EN  # the file's shape changed: the list would be empty
    labels = []
    for key, value in pairs:
        if key not in _MATERIAL_SETTINGS:
            labels.append(re.sub(r"^[#\d]+\s+", "", value.replace("\\'", "'")))
    return labels


# Pagefind's stock UI (pagefind-ui, translations/en.json), in case it is ever loaded; and its
# "[COUNT] results for [SEARCH_TERM]" phrases without the placeholders.
PAGEFIND_LABELS = ["Please wait", "Search this site", "Load more results", "Filters", "No results for",
                   "results for", "result for", "Searching for", "Showing results for", "Try one of the following",
                   "Zero results"]
# Words every web page toolkit prints somewhere (buttons, landmarks, states, cookie banners).
TOOLKIT_WORDS = ["Tabs", "Search", "Skip to content", "Skip", "Back to top", "Back", "Top", "Share", "Copy",
                 "Copied", "Previous", "Next", "Table of contents", "Contents", "Navigation", "Menu", "Home",
                 "Clear", "Close", "Open", "Filter", "Filters", "Result", "Results", "Loading", "Edit", "View",
                 "Show", "Hide", "More", "Less", "Read more", "See all", "Download", "Print", "Submit",
                 "Cancel", "Toggle", "Expand", "Collapse", "Select", "Sort", "Language", "Dark mode",
                 "Light mode", "Switch to", "Cookie", "Cookies", "Consent", "Accept", "Reject", "Error",
                 "Warning", "Not found", "Page not found", "Powered by", "Made with", "logo", "Breadcrumb",
                 "Footer", "Header", "Sidebar", "Permalink", "Anchor", "Link", "Go to", "Sign in", "Log in",
                 "Type to start searching", "Initializing", "Metadata", "Contributors", "Last update",
                 "Source", "Feed", "RSS feed", "Page", "Of", "Yes", "No", "OK", "Sortable", "Draggable", "Droppable"]

# Written as their owners write them; some hold an English word ("Pages", "Schema", "Open").
PROPER_NAMES = ["GitHub Pages", "GitHub", "GitHub Actions", "Pagefind", "MkDocs", "Material for MkDocs",
                "Material", "ProperDocs", "Zensical", "Decap CMS", "Decap", "JSON Schema", "JSON-LD", "JSON",
                "CSV", "Atom", "RSS", "YAML", "Markdown", "Python", "Chromium", "Playwright", "Node.js", "npm",
                "Frictionless Data", "Frictionless", "Table Schema", "Data Package", "schema.org",
                "Legislation", "Draft 2020-12", "Creative Commons", "CC BY 4.0", "CC BY", "MIT", "Natural Earth", "W3C",
                "Nu Html Checker", "axe-core", "Open Government Licence", "OpenStreetMap", "Git"]

# The record format's keys and codes (agreement.schema.json), exempt where the format is described.
FORMAT_PAGES = {"dong-gop/truong-du-lieu/index.html"}


def record_codes() -> set[str]:
    codes: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            codes.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            codes.update(value for value in node.get("enum", ()) if isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "registry" / "data" / "agreement.schema.json").read_text(encoding="utf-8")))
    assert {"source", "language", "tinh", "huyen"} <= codes
    return codes


# Syllables written with a mark or đ in Vietnamese (folded: no marks, đ -> d) whose plain form is
# not also a common Vietnamese word or an English word: a title of ASCII letters holding one
# of them is Vietnamese that lost its diacritics. Left out on purpose: an, ban, bao, cap, can,
# dan, den, do, dung, gia, ghi, giang, hop, lai, long, ma, nam, ngay, quan, quy, so, ten,
# thang, thanh, them, tim, to, tom, tra, trang, van, xem (correct as written or English).
NEEDS_MARKS = frozenset("""
    bien bieu biet bo buoc cac chep che chinh chon chu chua chuan chuc chuong chuyen co cong cua cung
    cuu dai dang dau de den_ dia dich dien dieu doan doi dong duoc duoi duyet giam gioi giua giup gom
    gop hanh hiep hien hieu hoac huong huyen ke ket khong kiem ky lieu loai luat luc mau mo moi mot muc
    nao nen neu nghia nguoi nguon nha nhan nhap nhat nhieu nhiem nhung nien nuoc phan phap phat phoi
    phuong quoc quyet sach soan sua sung tai tac tat tep thao thieu thong thuc thuoc thuong tieng tiep
    tinh toan toi tren trinh tro truc truoc truong tuyen uy va vao ve viec viet voi xac xay xoa xuat
""".split()) - {"den_"}

# --- text helpers -----------------------------------------------------------------------------

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+|\S+@\S+\.\w+", re.I)
_FILE = re.compile(r"(?<![\w/])[\w.-]*[\w-]\.(?:md|json|jsonl|csv|xml|yml|yaml|html|js|css|py|txt|gz|svg|png|zip)\b", re.I)
# A path has a dot, a hyphen, two slashes or a leading/trailing one ("agreements/lang-son/",
# "tim-kiem/"); "Tinh/thanh" is a title.
_PATH = re.compile(r"(?<!\S)(?=\S*/)(?=\S*[-.]|\S*/\S*/|/|\S*/(?!\S))\S+")
_SLUG = re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")
_LETTERS = re.compile(r"[^\W\d_]+")


def _phrases(words: list[str]) -> re.Pattern:
    longest_first = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in longest_first) + r")(?![\w'’-])", re.I)


ENGLISH = _phrases(material_labels() + PAGEFIND_LABELS + TOOLKIT_WORDS)
_NAMES = _phrases(PROPER_NAMES)
# Case-sensitive: "source" as in a file, not "Source".
_CODES = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(record_codes(), key=len, reverse=True))) + r")(?![\w-])")


def strip_exempt(text: str, codes: bool = False) -> str:
    """The text without URLs, file names, paths, slugs and proper names (each becomes a space);
    with `codes`, without the record format's keys and codes too."""
    for pattern in (_URL, _FILE, _PATH, _NAMES) + ((_CODES,) if codes else ()):
        text = pattern.sub(" ", text)
    return _SLUG.sub(lambda m: " " if m.group(0).islower() else m.group(0), text)


def english_words(text: str, codes: bool = False) -> list[str]:
    return [m.group(0) for m in ENGLISH.finditer(strip_exempt(text, codes))]


# Parts of a title judged apart: "Dong gop - Sổ Quy chế phối hợp" is an unaccented page title.
_PARTS = re.compile(r"\s+[-–—·|]\s+|[—–·|:;,()\[\]“”\"/]")


def unaccented(text: str, codes: bool = False) -> bool:
    """Vietnamese written without diacritics: a part of the text in ASCII letters only that holds
    a syllable needing marks."""
    for part in _PARTS.split(strip_exempt(text, codes)):
        letters = _LETTERS.findall(part)
        if letters and all(w.isascii() for w in letters) and any(w.lower() in NEEDS_MARKS for w in letters):
            return True
    return False


# --- the page walker ------------------------------------------------------------------------

UI_ATTRIBUTES = ("aria-label", "aria-description", "aria-roledescription", "aria-placeholder",
                 "aria-valuetext", "title", "alt", "placeholder", "label")
# Code: its text is not UI (the attributes of what a script adds inside, e.g. Material's copy
# button in a <pre>, still are); scripts and styles: nothing in them is (__config read apart).
CODE = {"code", "pre", "kbd", "samp"}
SKIPPED = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
TITLE_TAGS = {"title", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "legend", "summary", "th",
              "caption", "option", "figcaption", "dt"}
# Classes of Material's and our navigation: the tab bar, the nav and drawer, the breadcrumb, the footer.
TITLE_CLASSES = re.compile(r"\b(md-tabs__link|md-nav__link|md-nav__title|md-ellipsis|qc-breadcrumb|"
                           r"md-footer__title|md-footer__direction|md-header__topic|md-source__repository)\b")


@dataclass(frozen=True)
class Finding:
    where: str  # "text", "heading" (a title: see TITLE_TAGS), "@attribute", "translations", "script", a form key
    text: str
    problem: str  # "English: Tabs" or "không dấu"

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}: {self.text!r}"


@dataclass
class _Element:
    tag: str
    skipped: bool  # nothing inside is scanned (another language, scripts)
    code: bool  # the text inside is not scanned
    titled: bool
    text: list[str]


class _Walker(HTMLParser):
    def __init__(self, codes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.codes = codes
        self.findings: list[Finding] = []
        self.stack: list[_Element] = []
        self._config = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        lang = attributes.get("lang", "").lower()
        parent = self.stack[-1] if self.stack else None
        skipped = bool(parent and parent.skipped) or tag in SKIPPED or (lang != "" and not lang.startswith("vi"))
        self._config = tag == "script" and attributes.get("id") == "__config"
        if not skipped:
            self._attributes(tag, attributes)
        if tag in VOID:
            return
        code = skipped or bool(parent and parent.code) or tag in CODE
        titled = tag in TITLE_TAGS or bool(TITLE_CLASSES.search(attributes.get("class", "")))
        self.stack.append(_Element(tag, skipped, code, titled, []))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1].tag == tag:
            self.handle_endtag(tag)

    def _attributes(self, tag: str, attributes: dict[str, str]) -> None:
        values = [(name, attributes[name]) for name in UI_ATTRIBUTES if attributes.get(name)]
        if tag == "input" and attributes.get("type") in ("submit", "button", "reset") and attributes.get("value"):
            values.append(("value", attributes["value"]))
        if tag == "meta" and attributes.get("name") in ("description", "og:title", "og:description"):
            values.append(("meta " + attributes["name"], attributes.get("content", "")))
        for name, value in values:
            self.findings += check_text(value, "@" + name, codes=self.codes)

    def handle_endtag(self, tag):
        if not any(element.tag == tag for element in self.stack):
            return  # a stray end tag
        while self.stack:
            element = self.stack.pop()
            if element.titled and not element.code and len(element.text) > 1:  # one text: told already
                self.findings += check_text(" ".join(element.text), "heading", english=False,
                                            codes=self.codes)
            if element.tag == tag:
                break

    def handle_data(self, data):
        if self._config and self.stack and self.stack[-1].tag == "script":
            self.findings += check_config(data)
            return
        if (self.stack and self.stack[-1].code) or not data.strip():
            return
        titles = [element for element in self.stack if element.titled]
        self.findings += check_text(data, "heading" if titles else "text", codes=self.codes)
        for element in titles:
            element.text.append(data)


def check_text(text: str, where: str, english: bool = True, codes: bool = False) -> list[Finding]:
    """The findings for one text: its English UI words, and Vietnamese without diacritics."""
    text = " ".join(text.split())
    found = [Finding(where, text, f"English: {word}") for word in english_words(text, codes)] if english else []
    if unaccented(text, codes):
        found.append(Finding(where, text, "tiếng Việt không dấu"))
    return found


def check_config(data: str) -> list[Finding]:
    """Material's __config: the labels its script writes into pages (translations)."""
    translations = json.loads(data).get("translations") or {}
    return [f for value in translations.values() for f in check_text(value, "translations")]


def check_html(html: str, codes: bool = False) -> list[Finding]:
    """Every finding on one HTML page (`codes`: a page describing the record format)."""
    walker = _Walker(codes)
    walker.feed(html)
    walker.close()
    return list(dict.fromkeys(walker.findings))  # a text inside two titled elements is told once


# --- scripts ------------------------------------------------------------------------------------

_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*", re.S)


def script_texts(source: str) -> list[str]:
    """The string literals of a script that read as words for people: with a letter outside
    ASCII, or two words or more (keys, classes, selectors, regexps and names are left out)."""
    texts = []
    for match in _STRING.finditer(_COMMENT.sub("", source)):
        text = next(group for group in match.groups() if group is not None)
        text = re.sub(r"\$\{[^}]*\}", " ", text)
        if re.search(r"[.#\[\]=:(){}<>|\\^$*+?]|--", text) and not re.search(r"[^\x00-\x7f]", text):
            continue  # selectors, regexps, markup, code
        letters = _LETTERS.findall(text)
        if any(not w.isascii() for w in letters) or len(letters) >= 2 and " " in text.strip():
            texts.append(text)
    return texts


def check_script(source: str) -> list[Finding]:
    return [f for text in script_texts(source) for f in check_text(text, "script")]
