"""Safe rendering: Jinja templates with autoescape, record summaries as restricted Markdown.

Front matter and summaries come from strangers' pull requests. Pages are Markdown whose
dynamic parts are HTML blocks with every value escaped, so neither HTML nor Markdown syntax
in a value can take effect. Summaries are real Markdown, with raw HTML shown as text and
only http(s) links kept.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import markdown
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from registry.records.links import punycode_host
from registry.records.text import format_date_vi
from registry.records.wording import term_text

TEMPLATES = Path(__file__).parent / "templates"
SAFE_SCHEMES = {"http", "https"}
# Control characters and whitespace browsers ignore inside a URL scheme ("java\tscript:").
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    cleaned = _URL_NOISE.sub("", html.unescape(url))
    parts = urlsplit(cleaned)
    return cleaned if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


# Templates whose output is plain Markdown (no HTML block): HTML autoescape would be wrong there,
# so every value goes through one of the Markdown filters below (`cell`, `text`, `code`).
MARKDOWN_TEMPLATES = frozenset({"field_reference.md.j2"})

# -- escaping: vocabulary and schema text is data; it must not turn into HTML or table syntax --

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def md_text(value: object) -> str:
    """Text safe inside Markdown: HTML-escaped, Markdown punctuation backslash-escaped, one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text))


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: md_text plus an escaped '|'."""
    return md_text(value).replace("|", "&#124;")


def md_code(value: object) -> str:
    """A code span for plain codes; anything unusual falls back to escaped text."""
    text = str(value)
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._/\[\]-]+", text) else md_cell(text)


def _autoescape(name: str | None) -> bool:
    return name not in MARKDOWN_TEMPLATES


@cache
def environment() -> jinja2.Environment:
    """The one template environment: HTML autoescape (except MARKDOWN_TEMPLATES, which escape
    through filters), undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(date_vi=format_date_vi, safe_url=safe_url, term=term_text,
                       cell=md_cell, text=md_text, code=md_code, punycode_host=punycode_host)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def front_matter(title: str, feeds: list[dict] | None = None, section: str | None = None) -> str:
    """YAML front matter with the title HTML-escaped: Material writes `page.meta.title`
    unescaped into <title> and the header, so the escaped text shows literally there.
    `feeds` ({title, href} from the site root) become <link rel="alternate"> in the head;
    `section` names the top-level nav entry a page out of the nav belongs to (the tab bar,
    overrides/partials/tabs.html, marks it active)."""
    # JSON is valid YAML (flow style), so json.dumps gives safe scalars and lists.
    meta = f"title: {json.dumps(html.escape(title), ensure_ascii=False)}\n"
    if feeds:
        meta += f"feeds: {json.dumps(feeds, ensure_ascii=False)}\n"
    if section:
        meta += f"section: {json.dumps(section, ensure_ascii=False)}\n"
    return f"---\n{meta}---\n\n"


# --- summaries ---------------------------------------------------------------


class _SafeLinks(Treeprocessor):
    """Keep http(s) links (marked nofollow); turn any other link into plain text; drop images;
    push headings below the page's own h1/h2."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            if any(child.tag == "img" for child in parent):
                _drop_images(parent)
            for child in parent:
                if child.tag == "a":
                    self._check_link(child)
                elif re.fullmatch(r"h[1-6]", child.tag):
                    child.tag = f"h{min(int(child.tag[1]) + 2, 6)}"

    @staticmethod
    def _check_link(link: etree.Element) -> None:
        url = safe_url(link.get("href"))
        link.attrib.clear()
        if url:
            link.set("href", url)
            link.set("rel", "nofollow noopener")
        else:
            link.tag = "span"


def _drop_images(parent: etree.Element) -> None:
    """Replace each image by its alt text (and keep its tail): the text joins the previous kept
    sibling's tail, or the parent's text. The children are rebuilt in one pass, so any number
    of images in one paragraph is fine."""
    kept: list[etree.Element] = []
    for child in list(parent):
        if child.tag != "img":
            kept.append(child)
            continue
        extra = (child.get("alt") or "") + (child.tail or "")
        if kept:
            kept[-1].tail = (kept[-1].tail or "") + extra
        else:
            parent.text = (parent.text or "") + extra
    parent[:] = kept


# Python-Markdown finds the end of a link's [text] and (target) by scanning to the matching
# bracket, from every '[': a body of '[' runs or '[](' repeats costs quadratic time (16 s for
# 8 KB). These regular expressions stop at the next bracket or parenthesis, so the scans from
# successive '[' never overlap by more than one segment: linear time. What they give up:
# brackets inside a link's text ('[a [b] c](url)' stays text) and parentheses nested twice
# in a URL.
_LINK_TEXT = re.compile(r"[^\[\]]*\]")
_LINK_TARGET = re.compile(
    r"""\(\s*(?:<([^<>\n]*)>|((?:[^\s()<>]|\([^\s()<>]*\))*))"""
    r"""(?:\s+("[^"\n]*"|'[^'\n]*'))?\s*\)"""
)


class _BoundedLinkText:
    """getText/getLink for Python-Markdown's link processors without the quadratic scans."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 (Markdown's API name)
        match = _LINK_TEXT.match(data, index)
        return (match.group()[:-1], match.end(), True) if match else ("", index, False)

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        match = _LINK_TARGET.match(data, index)
        if not match:
            return "", None, index, False
        href = match.group(1) if match.group(1) is not None else match.group(2)
        title = match.group(3)
        if title is not None:
            title = re.sub(r"\s", " ", self.unescape(title[1:-1]))
        return self.unescape(href).strip(), title, match.end(), True


def _bounded(processor: type) -> type:
    return type(f"Bounded{processor.__name__}", (_BoundedLinkText, processor), {})


# (registered name, processor class, pattern, priority): Python-Markdown's own table.
_LINK_PROCESSORS = [
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    ("image_reference", inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 140),
    ("short_reference", inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130),
    ("short_image_ref", inlinepatterns.ShortImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 125),
]


class _SafeSummary(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        # Without these, raw HTML is not passed through: it is escaped like any text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name, processor, pattern, priority in _LINK_PROCESSORS:
            md.inlinePatterns.register(_bounded(processor)(pattern, md), name, priority)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@cache
def _summary_markdown() -> markdown.Markdown:
    # One converter for all records: building its parser costs more than converting a summary.
    return markdown.Markdown(extensions=[_SafeSummary()], output_format="html")


def render_summary(text: str) -> Markup:
    """The record's body as HTML: Markdown with raw HTML escaped and only http(s) links."""
    md = _summary_markdown()
    md.reset()
    return Markup(md.convert(text or ""))


def problems_page(problems: list) -> str:
    """A standalone Vietnamese HTML page listing `path:line: field: message` (every value
    escaped), shown by the preview server instead of a site when the records have problems."""
    return render("problems.html.j2", problems=problems)
