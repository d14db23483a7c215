"""Record pages written from one rendered shell, not rendered one by one by the site generator.

Every record page sits at the same depth (quy-che/<folder>/<file>/), is out of the nav and has
the same section, so the theme's page around its body (header, nav, tabs, footer, scripts,
relative asset links) is the same for all of them. Only four things differ: the title (in
<title> and the header), the page's URL (the canonical link), the Atom feeds in the head and
the body. So the generator renders one page, the shell, whose title, feeds and body are
markers; `Shell.parse` cuts it at the markers and `Shell.fill` puts each record's values in:
a join of strings per page instead of a theme render (Material spends ~5 ms a page
rendering its nav and partials; 100,000 records would be 8 minutes of that on one core).

The result is the page the generator would have written, byte for byte: the values are
escaped exactly as the theme escapes them (the title is HTML-escaped once in the front matter
and written as it is; a feed's title goes through Jinja's `e`), and a test builds the seed
registry both ways and compares every record page. No generator import.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from markupsafe import escape

from registry.site.urls import agreement_source

# Where the shell is rendered: a page at the depth of a record page, deleted after the build.
SHELL_PAGE = "quy-che/qc-khuon/qc-khuon/"
SHELL_SOURCE = SHELL_PAGE.rstrip("/") + ".md"
TITLE = "qcslot-title-8e1d"
# The body holds an <h1>, as every record page does: Material adds the title as an <h1> otherwise.
CONTENT = "<h1>qcslot-content-8e1d</h1>"
FEED_TITLE = "qcslot-feed-title-8e1d"
FEED_HREF = "qcslot-feed-href-8e1d"
# The shell's feeds: one, whose <link> line is repeated for each feed of a record.
SHELL_FEEDS = [{"title": FEED_TITLE, "href": FEED_HREF}]
# The line of one feed link (overrides/main.html writes each on its own line).
_FEED_LINE = re.compile(rf"\n[^\n]*{FEED_TITLE}[^\n]*(?=\n)")


class ShellError(ValueError):
    """The theme's page does not have the slots a record page needs (a theme change)."""


@dataclass(frozen=True)
class Slots:
    """What differs between two record pages."""

    page: str  # site-relative URL, 'quy-che/<id>/'
    title: str  # as written in the record
    feeds: Sequence[dict]  # {title, href}, href from the site root

    @property
    def file(self) -> str:
        """The page's file in the site: 'quy-che/<id>/index.html'."""
        return f"{self.page}index.html"


@dataclass(frozen=True)
class Shell:
    """A rendered record page cut at its slots."""

    parts: tuple[str, ...]  # literal text, and between them the names of the slots
    feed_line: str  # one feed's <link> line, with FEED_TITLE and FEED_HREF in it

    @classmethod
    def parse(cls, page_html: str) -> Shell:
        """Cut the shell page the generator wrote (title TITLE, feeds SHELL_FEEDS, body CONTENT)."""
        feed_lines = _FEED_LINE.findall(page_html)
        counts = {"title": page_html.count(TITLE), "content": page_html.count(CONTENT),
                  "page": page_html.count(SHELL_PAGE), "feeds": len(feed_lines)}
        expected = {"title": 2, "content": 1, "page": 1, "feeds": 1}
        if counts != expected or page_html.count(FEED_HREF) != 1:
            raise ShellError(f"record page shell: slots found {counts}, expected {expected}")
        marked = page_html.replace(feed_lines[0], "\0feeds\0")
        for name, marker in (("title", TITLE), ("content", CONTENT), ("page", SHELL_PAGE)):
            marked = marked.replace(marker, f"\0{name}\0")
        return cls(tuple(marked.split("\0")), feed_lines[0])

    def fill(self, slots: Slots, content: str) -> str:
        """The record page: the shell with this record's title, URL, feeds and body."""
        if slots.page.count("/") != SHELL_PAGE.count("/"):
            raise ShellError(f"record page {slots.page}: not at the depth of {SHELL_PAGE}")
        if "<h1" not in content:
            raise ShellError(f"record page {slots.page}: a body without <h1>")
        values = {
            "title": html.escape(slots.title),  # as the front matter holds it (rendering.front_matter)
            "page": slots.page,
            "content": content,
            "feeds": "".join(self.feed_line.replace(FEED_TITLE, str(escape(feed["title"])))
                             .replace(FEED_HREF, feed["href"]) for feed in slots.feeds),
        }
        parts = self.parts
        return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


def enabled() -> bool:
    """Record pages from the shell unless REGISTRY_SHELL=0 (every page rendered by the generator:
    the comparison in tests/site/test_shell.py)."""
    return os.environ.get("REGISTRY_SHELL", "1") != "0"


class Page(Protocol):
    slots: Slots | None
    body: Callable[[], str]


@dataclass
class PageWriter:
    """Writes the record pages `pages` (by source, 'quy-che/<id>.md') from the shell into a site
    folder: all of them (`write_all`), or one as its agreement comes by (call it with any object
    with an `id`; a record that is not its to write is left alone)."""

    shell: Shell
    site_dir: Path
    pages: Mapping[str, Page]

    def write(self, page: Page) -> str:
        """Write the page (its body rendered now, then dropped); the site-relative file."""
        relative = page.slots.file
        target = self.site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.shell.fill(page.slots, page.body()), encoding="utf-8")
        return relative

    def write_all(self) -> int:
        for page in self.pages.values():
            self.write(page)
        return len(self.pages)

    def __call__(self, agreement) -> None:
        page = self.pages.get(agreement_source(agreement.id))
        if page is not None:
            self.write(page)

    def split(self, sources: Collection[str]) -> tuple[PageWriter, PageWriter]:
        """(a writer of the pages `sources`, a writer of the others)."""
        return (PageWriter(self.shell, self.site_dir, {s: p for s, p in self.pages.items() if s in sources}),
                PageWriter(self.shell, self.site_dir, {s: p for s, p in self.pages.items() if s not in sources}))


def remove_shell_page(site_dir: Path) -> None:
    """The shell's own page is not published."""
    folder = site_dir / SHELL_PAGE
    shutil.rmtree(folder, ignore_errors=True)
    if folder.parent.is_dir() and not any(folder.parent.iterdir()):
        folder.parent.rmdir()
