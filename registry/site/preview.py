"""Editors' preview for `mkdocs serve` on a big registry: after a save, rebuild only what the
edit can change.

A full build of 20,000 records takes minutes on a small machine; an editor who saves one record
wants its page back in seconds. In preview mode (environment variable REGISTRY_PREVIEW=1, which
`make serve` sets; `make serve FULL=1` turns it off) the first build of `serve` is the full
build, and every later one

- reloads the registry through a `LoadCache`: only files whose bytes changed are parsed and
  checked again; the checks across files (relations, look-alike records) run on all of them;
- finds the records that changed (edited, added, removed) against the last good build, and the
  records whose page shows them (relations both ways, records signed at the same event);
- generates only those records' pages; in each list that shows one of them (old and new: a record
  that moves from one term to another leaves one list and enters the other) the page it is on if
  it keeps its place in a list of the same length, else every page of the list; every facet
  overview, the first page of the review list (and the pages that changed), the statistics, the
  field reference, the home page (the facet index and the review list are carried over from the
  last build, with only the changed records looked at again);
- lets MkDocs render just those pages (and the hand-written ones) into a staging folder and moves
  them over the served site; pages no longer generated (a removed record, a shorter list) are
  deleted. Everything else stays as the first build wrote it.

Saves are noticed through the system's file events, not by MkDocs' polling (`native_watching`).
Stale until a full build (STALE): the search index, the open data (JSON, CSV, per-record JSON,
Data Package), the Atom feeds, the sitemap and redirects, the web editor's configuration.
A saved file with problems shows the problems on the home page, the 404 page and the page of each
file concerned; the rest of the site stays as it was until the file is fixed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from registry.generate import Settings
from registry.records.loader import LoadCache
from registry.records.model import Registry
from registry.records.problems import Problem
from registry.site import facets, navigation
from registry.site import pages as site
from registry.site.facets import PROVINCES
from registry.site.search_index import doc_page_path
from registry.site.urls import REVIEW_PAGE, agreement_source, facet_page, source_uri

ENVIRONMENT = "REGISTRY_PREVIEW"
FULL_COMMAND = "make serve FULL=1"
# What a preview rebuild leaves as the first build wrote it (shown on the banner and in the terminal).
STALE = ("tìm kiếm", "dữ liệu mở (JSON, CSV)", "nguồn tin Atom", "sơ đồ trang")
ALWAYS_COPIED = ("404.html",)
WHOLE_LISTS = {PROVINCES}  # a current unit's list is cut by former unit: regenerated whole  # besides the rendered pages: MkDocs renders it from the theme in every build


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    """Preview mode is on when REGISTRY_PREVIEW is 1 (or true/yes/on)."""
    return environ.get(ENVIRONMENT, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass
class Session:
    """What a preview keeps from one `serve` build to the next."""

    cache: LoadCache = field(default_factory=LoadCache)
    registry: Registry | None = None  # of the last good build whose pages are served
    sources: set[str] = field(default_factory=set)  # generated page sources (docs-relative) being served
    config_stamp: tuple = ()  # mkdocs.yml as it was at the full build: a change means a full build again
    problem_pages: set[str] = field(default_factory=set)  # served pages that show a problems page

    def incremental(self, config_file: str | os.PathLike | None) -> bool:
        """Whether this build may be a preview rebuild (a full build was served, same mkdocs.yml)."""
        return self.registry is not None and _stamp(config_file) == self.config_stamp

    def full_build_done(self, registry: Registry, sources: Iterable[str], config_file) -> None:
        """A full build is served: `sources` are its generated pages (docs-relative)."""
        self.registry, self.sources = registry, set(sources)
        self.config_stamp, self.problem_pages = _stamp(config_file), set()


def _stamp(config_file) -> tuple:
    try:
        status = os.stat(config_file)
    except (OSError, TypeError):
        return ()
    return (status.st_mtime_ns, status.st_size)


# --- what changed, which pages show it -------------------------------------------------------


def changed_records(previous: Registry, current: Registry) -> set[str]:
    """Ids of records added, removed or edited (front matter, body or file) between two registries."""
    changed = set(previous.by_id).symmetric_difference(current.by_id)
    for rid, agreement in current.by_id.items():
        old = previous.by_id.get(rid)
        if old is not None and old.data is not agreement.data and \
                (old.data != agreement.data or old.summary != agreement.summary or old.path != agreement.path):
            changed.add(rid)
    return changed


def _neighbours(registry: Registry, ids: Iterable[str]) -> set[str]:
    """Records whose page shows one of `ids`: relations both ways, records signed at the same event."""
    same_event = navigation.same_event(registry)
    found: set[str] = set()
    for rid in ids:
        agreement = registry.by_id.get(rid)
        if agreement is not None:
            found.update(r.other.id for r in registry.relations_of(agreement) if r.other is not None)
            found.update(other.id for other in same_event.get(rid, ()))
    return found


class _Positions:
    """Where each record stands in a group's list (computed once per group)."""

    def __init__(self) -> None:
        self._of: dict[int, dict[str, int]] = {}

    def __call__(self, records: tuple, rid: str) -> int | None:
        if id(records) not in self._of:
            self._of[id(records)] = {a.id: i for i, a in enumerate(records)}
        return self._of[id(records)].get(rid)


def _page_of(position: int) -> int:
    return position // site.PER_PAGE + 1


def _selection(previous: Registry, current: Registry, changed: set[str], moved: set[str]) -> dict[str, dict]:
    """{facet kind: {slug: page numbers, None for every page}} of the groups that list a record of
    `changed` or `moved`, in either registry. Where the record keeps its place in a list of the
    same length, only the page it is on changes (a new title, say); otherwise (it enters or leaves
    the list, its date moves it, a neighbour's status changed) every page of the list does."""
    old_index, new_index = facets.facet_index(previous), facets.facet_index(current)
    position = _Positions()
    selection: dict[str, dict] = {}
    for rid in changed | moved:
        before, after = previous.by_id.get(rid), current.by_id.get(rid)
        for facet in facets.published_facets():
            chosen = selection.setdefault(facet.kind, {})
            old = {g.slug: g for g in old_index.groups_of(facet.kind, before)} if before else {}
            new = {g.slug: g for g in new_index.groups_of(facet.kind, after)} if after else {}
            for slug in old.keys() | new.keys():
                was, now = old.get(slug), new.get(slug)
                place = position(was.agreements, rid) if was else None
                kept = facet.kind not in WHOLE_LISTS and rid not in moved and now is not None and was is not None \
                    and was.count == now.count and place == position(now.agreements, rid)
                if not kept:
                    chosen[slug] = None
                elif chosen.get(slug, set()) is not None:
                    chosen.setdefault(slug, set()).add(_page_of(place))
        if (before and before.province_unit is None) or (after and after.province_unit is None):
            # Listed apart on the page of the unit its editors suggest: every current unit's page.
            selection[PROVINCES].update({g.slug: None for g in new_index.groups(PROVINCES)})
    return selection


def _review_selection(previous: Registry, current: Registry, changed: set[str]) -> set[int] | None:
    """Pages of the review list to generate: the first always (it is in the nav), the page of each
    changed record that keeps its place; None (every page) when the list changed otherwise."""
    old, new = facets.needs_review(previous), facets.needs_review(current)
    position = _Positions()
    numbers = {1}
    for rid in changed:
        was, now = position(old, rid), position(new, rid)
        if was is None and now is None:
            continue
        if was != now or len(old) != len(new):
            return None
        numbers.add(_page_of(was))
    return numbers


def _moved(previous: Registry, current: Registry, ids: Iterable[str]) -> set[str]:
    """Of `ids`, the records listed in other groups than before (a neighbour whose derived status
    changed because an edited record now replaces or amends it)."""
    old, new = facets.facet_index(previous), facets.facet_index(current)
    moved = set()
    for rid in ids:
        before, after = previous.by_id.get(rid), current.by_id.get(rid)
        if before is None or after is None or any(
                [g.slug for g in old.groups_of(f.kind, before)] != [g.slug for g in new.groups_of(f.kind, after)]
                for f in facets.published_facets()):
            moved.add(rid)
    return moved


@dataclass
class Update:
    """The pages of one preview rebuild."""

    pages: list[site.GeneratedPage]
    changed: set[str]  # record ids edited, added or removed
    removed: set[str]  # generated page sources served before and no longer generated

    def __str__(self) -> str:
        return f"{len(self.changed)} bản ghi thay đổi, dựng lại {len(self.pages)} trang"


def update(session: Session, current: Registry, settings: Settings) -> Update:
    """The pages an edit can change, from the last good build's registry to `current`."""
    previous = session.registry
    shown_problems = {_record_of(page) for page in session.problem_pages} - {None}
    changed = changed_records(previous, current) | shown_problems
    facets.carry_facet_index(previous, current, changed)
    facets.carry_needs_review(previous, current, changed)
    neighbours = (_neighbours(previous, changed) | _neighbours(current, changed)) - changed
    # A neighbour's line in a list shows nothing of the edited record: its lists only if it moved.
    groups = _selection(previous, current, changed, _moved(previous, current, neighbours))
    review = _review_selection(previous, current, changed)
    pages = site.Site(current, repo_url=settings.repo_url, edit_uri=settings.edit_uri, site_url=settings.site_url,
                      site_name=settings.site_name).pages(records=changed | neighbours, groups=groups, review=review)
    generated = {page.uri for page in pages}
    # Pages no longer generated: a removed record's, the tail of a list that got shorter.
    bases = [source_uri(facet_page(kind, slug)).removesuffix("index.md")
             for kind, chosen in groups.items() for slug, numbers in chosen.items() if numbers is None]
    bases += [REVIEW_PAGE] if review is None else []
    gone = {agreement_source(rid) for rid in changed if rid not in current.by_id}
    removed = {uri for uri in session.sources if uri not in generated and (uri in gone or uri.startswith(tuple(bases)))}
    removed |= {agreement_source(rid) for rid in shown_problems if rid not in current.by_id}  # a new file, deleted
    return Update(pages, changed, removed)


def _record_of(page: str) -> str | None:
    """'quy-che/lang-son/x/index.html' -> 'lang-son/x'."""
    if page.startswith("quy-che/") and page.endswith("/index.html"):
        return page.removeprefix("quy-che/").removesuffix("/index.html")
    return None


def updated(session: Session, current: Registry, change: Update) -> None:
    """After a preview rebuild was published: it is the last good build now."""
    session.registry = current
    session.sources = (session.sources - change.removed) | {page.uri for page in change.pages}
    session.problem_pages = set()


# --- publishing a preview rebuild ----------------------------------------------------------------


def dest_path(source: str) -> str:
    """Where a page source is served: 'quy-che/x/y.md' -> 'quy-che/x/y/index.html'."""
    return doc_page_path(source) + "index.html"


def publish(staging: Path, target: Path, rendered: Iterable[str], removed: Iterable[str] = ()) -> int:
    """Move the pages `rendered` (site-relative files MkDocs wrote into `staging`) over the served
    site `target`, delete the pages of the sources `removed`, throw the staging folder away.
    Returns the number of files moved."""
    moved = 0
    for relative in (*rendered, *ALWAYS_COPIED):
        built = staging / relative
        if built.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(built, target / relative)
            moved += 1
    for source in removed:
        page = target / dest_path(source)
        page.unlink(missing_ok=True)
        _remove_empty_folders(page.parent, target)
    shutil.rmtree(staging, ignore_errors=True)
    return moved


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def show_problems(session: Session, target: Path, problems: list[Problem], page_html: str) -> list[str]:
    """A saved file has problems: its page (if it is a record), the home page and the 404 page show
    them; the rest of the served site stays. Returns the pages written."""
    pages = ["index.html", "404.html"]
    for problem in problems:
        match = _RECORD_PATH.match(problem.path)
        if match:
            pages.append(dest_path(agreement_source(match.group(1))))
    for relative in dict.fromkeys(pages):
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(page_html, encoding="utf-8")
    session.problem_pages.update(pages)
    return pages


_RECORD_PATH = re.compile(r"^[^/]+/([a-z0-9-]+/[a-z0-9-]+)\.md$")


# --- noticing a save ------------------------------------------------------------------------------------


def native_watching(server):
    """Let `mkdocs serve` notice saves through the system's file events (inotify on Linux) instead
    of its polling observer, which lists and stats every watched file twice a second: at 20,000
    records that is a quarter of a core all the time, and it competes with each rebuild. Only
    events that change a file count (a build reads every record: opening one is no reason to
    build again). Kept as it is where the native observer cannot watch the same paths (a file
    system without events, a watch limit). `server` is MkDocs' LiveReloadServer, before it starts."""
    observer = _content_observer()
    paths = dict(getattr(server, "_watched_paths", {}))
    if not paths or not hasattr(server, "observer") or not _native_works(observer, paths):
        return server
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return server


def _content_observer():
    from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers import Observer

    changes = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent]

    class ContentObserver(Observer):
        def schedule(self, handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or changes, **options)

    return ContentObserver


def _native_works(observer_class, paths) -> bool:
    probe = observer_class()
    try:
        for path in paths:
            probe.schedule(_Ignore(), path, recursive=True)
        probe.start()
        return True
    except OSError:
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()


class _Ignore:
    def dispatch(self, event) -> None:
        pass


# --- telling the editor -------------------------------------------------------------------------------


def banner_html() -> str:
    """A line above every served page in preview mode: what is stale and how to get the full build."""
    stale = ", ".join(STALE)
    return (
        '<div class="qc-preview-banner" role="note" aria-label="Chế độ xem trước" data-pagefind-ignore '
        'style="background:#fff3c4;color:#1f1a00;border-bottom:1px solid #c9a400;padding:.4rem 1rem;'
        'font-size:.75rem;line-height:1.4">'
        "<strong>Chế độ xem trước:</strong> sau mỗi lần lưu chỉ dựng lại những trang bản ghi vừa sửa làm thay đổi; "
        f"{html.escape(stale)} vẫn là của lần dựng đầu. "
        f"Dựng đầy đủ: <code>{html.escape(FULL_COMMAND)}</code>.</div>"
    )


_HEADER = re.compile(r'<header class="md-header')


def with_banner(page_html: str) -> str:
    """The page with the preview banner above Material's header (unchanged if it has none)."""
    match = _HEADER.search(page_html)
    return page_html[:match.start()] + banner_html() + page_html[match.start():] if match else page_html


def terminal_line(change: Update | None, seconds: float) -> str:
    """What the terminal says after a build in preview mode (`change` None: the full first build)."""
    if change is None:
        return (f"Xem trước: đã dựng đầy đủ trong {seconds:.1f} s; từ lần lưu sau chỉ dựng lại những trang "
                f"bản ghi sửa đổi ảnh hưởng (dựng đầy đủ mỗi lần: {FULL_COMMAND})")
    return (f"Xem trước: {change} trong {seconds:.1f} s; chưa cập nhật: {', '.join(STALE)} "
            f"(dựng đầy đủ: {FULL_COMMAND})")
