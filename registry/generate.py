"""Generation as a library step: every generated page and the open data, for any site generator.

`generate(registry, folder, settings)` writes
  folder/docs/   every generated page as Markdown (agreements, facet pages, statistics, field
                 reference) and the home page with its generated summary: copy it over the
                 hand-written docs/ and any MkDocs-compatible generator has every page;
  folder/site/   the open data (JSON API, CSV, feeds, redirects, sitemap), to copy into the
                 built site.
The MkDocs hook calls the same functions (`site_pages`, `home_markdown`, `write_data`) inside
MkDocs events; `python -m registry generate DIR` calls `generate`.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from registry.exports import OpenDataReport, write_open_data
from registry.records.model import Registry
from registry.site import pages as site
from registry.site.search_index import doc_page_path

HOME_PAGE = "index.md"


@dataclass(frozen=True)
class Settings:
    """The few settings of mkdocs.yml that generation needs."""

    site_url: str = ""
    repo_url: str = ""
    edit_uri: str = "edit/main/"  # relative to the repository root (agreements/ sits beside docs/)
    site_name: str = site.DEFAULT_SITE_NAME
    docs_dir: Path | None = None  # the hand-written pages (for the home page and the sitemap)

    @classmethod
    def from_config(cls, config) -> Settings:
        """From a loaded MkDocs configuration or the plain mapping of mkdocs.yml; relative
        docs_dir is resolved against `config_dir`."""
        docs_dir = Path(config.get("docs_dir") or "docs")
        return cls(
            site_url=config.get("site_url") or "",
            repo_url=config.get("repo_url") or "",
            edit_uri=site.repository_edit_uri(config.get("edit_uri"), docs_dir.name),
            site_name=config.get("site_name") or site.DEFAULT_SITE_NAME,
            docs_dir=docs_dir,
        )

    @classmethod
    def read(cls, config_file: Path) -> Settings:
        """From mkdocs.yml itself (YAML tags such as !relative are ignored: not needed here)."""
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        settings = cls.from_config(config)
        docs_dir = settings.docs_dir if settings.docs_dir.is_absolute() else config_file.parent / settings.docs_dir
        return cls(settings.site_url, settings.repo_url, settings.edit_uri, settings.site_name, docs_dir)


class _TolerantLoader(yaml.SafeLoader):
    pass


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_pages(registry: Registry, settings: Settings) -> list[site.GeneratedPage]:
    """Every generated page (what the MkDocs hook adds in on_files)."""
    return site.build_pages(registry, repo_url=settings.repo_url, edit_uri=settings.edit_uri,
                            site_url=settings.site_url, site_name=settings.site_name)


def home_markdown(registry: Registry, markdown: str) -> str:
    """The hand-written home page with the generated totals and latest additions in it."""
    return site.inject_home_summary(markdown, site.home_summary(registry))


def write_data(registry: Registry, site_dir: Path, settings: Settings, generated_at: dt.datetime | None = None,
               html_pages: list[str] | None = None, unlisted: tuple[str, ...] = ()) -> OpenDataReport:
    """The open data, written into a built site (what the hook runs in on_post_build)."""
    return write_open_data(registry, site_dir, settings.site_url, generated_at, html_pages=html_pages, unlisted=unlisted)


@dataclass
class Generation:
    """What `generate` wrote."""

    pages: list[str] = field(default_factory=list)  # Markdown files under folder/docs/
    data: OpenDataReport | None = None
    seconds: float = 0.0

    def __str__(self) -> str:
        return f"Đã tạo {len(self.pages)} trang Markdown; {self.data} ({self.seconds:.2f} s tổng cộng)"


def generate(registry: Registry, folder: Path, settings: Settings, generated_at: dt.datetime | None = None) -> Generation:
    """Write every generated page into folder/docs/ and the open data into folder/site/."""
    started = time.perf_counter()
    docs = Path(folder) / "docs"
    result = Generation()
    for page in site_pages(registry, settings):
        _write(docs / page.uri, page.content)
        result.pages.append(page.uri)
    hand_written = sorted(p.relative_to(settings.docs_dir).as_posix() for p in settings.docs_dir.rglob("*.md")) \
        if settings.docs_dir and settings.docs_dir.is_dir() else []
    if HOME_PAGE in hand_written:
        _write(docs / HOME_PAGE, home_markdown(registry, (settings.docs_dir / HOME_PAGE).read_text(encoding="utf-8")))
        result.pages.append(HOME_PAGE)
    html_pages = sorted({doc_page_path(uri) for uri in (*result.pages, *hand_written)})
    result.data = write_data(registry, Path(folder) / "site", settings, generated_at, html_pages=html_pages)
    result.seconds = time.perf_counter() - started
    return result


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
