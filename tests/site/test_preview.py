"""Editors' preview (`make serve`, REGISTRY_PREVIEW=1): after a save only what the edit can change
is rebuilt. Library tests on the frozen seed registry, then a real `mkdocs serve` in preview mode
on a small registry: an edited record's page shows the new title, the open data stays as the first
build wrote it (as the banner says), a file with problems shows them on its page until fixed.
Timings come from `scripts/benchmark.py --preview`, not from here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_project
from test_failed_build import _free_port, _get, _wait_for

from registry.bench.synthetic import generate as generate_synthetic
from registry.generate import Settings
from registry.records.loader import LoadCache, load_registry
from registry.site import facets, preview
from registry.site import pages as site
from registry.site.urls import agreement_source

SEEDS = Path(__file__).parents[1] / "cases" / "seed-registry" / "agreements"
ADDED = Path(__file__).parents[1] / "cases" / "valid" / "minimal" / "agreements" / "lang-son" / "2022-05-06-tt-hdnd-ubnd.md"
EDITED = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"  # develops 2021-10-05 (a relation)
EARLIER = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
NEW_TITLE = "Quy chế phối hợp ĐÃ SỬA công tác tỉnh Lạng Sơn"


@pytest.fixture()
def agreements(tmp_path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "agreements")
    return tmp_path / "agreements"


def _session(agreements: Path) -> preview.Session:
    session = preview.Session()
    registry = load_registry(agreements, cache=session.cache).registry
    session.full_build_done(registry, [p.uri for p in site.build_pages(registry, repo_url="", edit_uri="edit/main/")], None)
    return session


def _retitle(agreements: Path, rid: str, title: str) -> None:
    """Replace the record's title line (as an editor saving the file)."""
    path = agreements / f"{rid}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def test_only_the_edited_file_is_parsed_again(agreements):
    cache = LoadCache()
    first = load_registry(agreements, cache=cache)
    assert first.ok and cache.parsed == len(first.registry) == 8
    _retitle(agreements, EDITED, NEW_TITLE)
    second = load_registry(agreements, cache=cache)
    assert second.ok and cache.parsed == 1
    assert "ĐÃ SỬA" in second.registry.by_id[EDITED].title
    assert second.registry.by_id[EARLIER].data is first.registry.by_id[EARLIER].data  # reused, not re-read


def test_an_edit_rebuilds_its_page_its_neighbours_and_its_groups_only(agreements):
    session = _session(agreements)
    _retitle(agreements, EDITED, NEW_TITLE)
    current = load_registry(agreements, cache=session.cache).registry
    change = preview.update(session, current, Settings())
    assert change.changed == {EDITED}
    sources = {page.uri: page.content for page in change.pages}
    records = {uri for uri in sources if uri.startswith("quy-che/")}
    assert records == {agreement_source(EDITED), agreement_source(EARLIER)}  # the earlier one shows the relation
    assert "ĐÃ SỬA" in sources[agreement_source(EDITED)] and "ĐÃ SỬA" in sources[agreement_source(EARLIER)]
    index = facets.facet_index(current)
    for facet in facets.published_facets():  # every group listing the record, and only those
        listed = {g.slug for g in index.groups_of(facet.kind, current.by_id[EDITED])}
        rebuilt = {g.slug for g in index.groups(facet.kind)
                   if site.source_uri(site.facet_page(facet.kind, g.slug)) in sources}
        assert rebuilt == listed, facet.kind
        for slug in listed:
            assert "ĐÃ SỬA" in sources[site.source_uri(site.facet_page(facet.kind, slug))]
    full = {page.uri: page.content for page in site.build_pages(current, repo_url="", edit_uri="edit/main/")}
    assert {uri: full[uri] for uri in sources} == sources  # the same pages a full build makes
    assert not change.removed


def test_a_record_that_now_replaces_another_moves_that_one_to_another_status(agreements):
    session = _session(agreements)
    served = {page.uri: page.content for page in site.build_pages(session.registry, repo_url="", edit_uri="edit/main/")}
    path = agreements / f"{EDITED}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("type: phat-trien-tu", "type: thay-the", 1), encoding="utf-8")
    current = load_registry(agreements, cache=session.cache).registry
    assert current.by_id[EARLIER].status == "bi-thay-the" != session.registry.by_id[EARLIER].status
    change = preview.update(session, current, Settings())
    assert change.changed == {EDITED}
    full = {page.uri: page.content for page in site.build_pages(current, repo_url="", edit_uri="edit/main/")}
    sources = {page.uri: page.content for page in change.pages}
    assert {uri: full[uri] for uri in sources} == sources
    assert {uri for uri, content in full.items() if served.get(uri) != content} <= set(sources)
    assert facets.facet_index(current).groups_of(facets.STATUSES, current.by_id[EARLIER])[0].slug == "bi-thay-the"


def test_a_removed_record_removes_its_page_and_leaves_its_groups(agreements):
    session = _session(agreements)
    (agreements / f"{EARLIER}.md").unlink()
    # The later record names the removed one in its relations: drop them so the registry stays valid.
    path = agreements / f"{EDITED}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("relations:")] + text[text.index("sources:"):], encoding="utf-8")
    result = load_registry(agreements, cache=session.cache)
    assert result.ok, result.problems
    change = preview.update(session, result.registry, Settings())
    assert change.changed == {EDITED, EARLIER}
    assert agreement_source(EARLIER) in change.removed
    assert all(uri in session.sources for uri in change.removed)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, preview.Session, dict[str, str]]:
    """1,200 synthetic records: lists of many pages (the parties' and topics' run to several)."""
    root = tmp_path_factory.mktemp("preview-synthetic") / "agreements"
    generate_synthetic(root, 1200)
    session = _session(root)
    full = {page.uri: page.content for page in site.build_pages(session.registry, repo_url="", edit_uri="edit/main/")}
    return root, session, full


def _longest_list(registry, rid):
    index = facets.facet_index(registry)
    return max(((facet.kind, g) for facet in facets.published_facets() if facet.kind != facets.PROVINCES
                for g in index.groups_of(facet.kind, registry.by_id[rid])), key=lambda item: item[1].count)


def test_a_new_title_rebuilds_only_the_page_of_each_list_it_is_on(synthetic):
    root, session, _ = synthetic
    rid = session.registry.agreements[600].id
    kind, group = _longest_list(session.registry, rid)
    assert group.count > 3 * site.PER_PAGE
    _retitle(root, rid, "Quy chế phối hợp ĐÃ SỬA")
    current = load_registry(root, cache=session.cache).registry
    change = preview.update(session, current, Settings())
    sources = {page.uri: page.content for page in change.pages}
    base = site.facet_page(kind, group.slug)
    on = [uri for uri in sources if uri.startswith(base)]
    assert len(on) == 1 and "ĐÃ SỬA" in sources[on[0]]  # one page of that list, the one it is on
    full = {page.uri: page.content for page in site.build_pages(current, repo_url="", edit_uri="edit/main/")}
    assert {uri: full[uri] for uri in sources} == sources
    # Every page of the full build that differs from the served one is among those rebuilt.
    served = synthetic[2]
    assert {uri for uri, content in full.items() if served.get(uri) != content} <= set(sources)


def test_a_record_renamed_to_a_new_date_rebuilds_the_lists_it_moves_in(synthetic):
    root, session, served = synthetic
    # A record of the 2016-2021 term that no other record points to, moved to the term's first days:
    # a new file name (a new id), so its old page goes and every list it was on shifts.
    moving = next(a for a in session.registry.agreements[200:] if a.data["term"] == "2016-2021"
                  and not session.registry.incoming(a.id) and a.data["signed"] > "2017")
    old_path = root / f"{moving.id}.md"
    signed = moving.data["signed"]
    new_path = old_path.with_name(old_path.name.replace(signed, "2016-07-02"))
    new_path.write_text(old_path.read_text(encoding="utf-8").replace(signed, "2016-07-02"), encoding="utf-8")
    old_path.unlink()
    result = load_registry(root, cache=session.cache)
    assert result.ok, result.problems[:3]
    change = preview.update(session, result.registry, Settings())
    new_id = new_path.relative_to(root).with_suffix("").as_posix()
    assert {moving.id, new_id} <= change.changed
    assert agreement_source(moving.id) in change.removed
    full = {page.uri: page.content for page in site.build_pages(result.registry, repo_url="", edit_uri="edit/main/")}
    sources = {page.uri: page.content for page in change.pages}
    assert {uri: full[uri] for uri in sources} == sources
    assert {uri for uri, content in full.items() if served.get(uri) != content} <= set(sources)
    assert change.removed == set(served) - set(full)


def test_banner_names_what_is_stale_and_the_full_build():
    page = '<html><body><header class="md-header">x</header></body></html>'
    shown = preview.with_banner(page)
    assert shown.index("qc-preview-banner") < shown.index('<header class="md-header')
    for stale in preview.STALE:
        assert stale in shown
    assert "make serve FULL=1" in shown
    assert preview.enabled({"REGISTRY_PREVIEW": "1"}) and not preview.enabled({})


def test_saves_are_noticed_through_file_events_and_reads_are_not(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    watched = tmp_path / "agreements"
    watched.mkdir()
    (watched / "a.md").write_text("một", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(watched))
    assert isinstance(server.observer, PollingObserver)  # MkDocs' own: stats every file twice a second
    preview.native_watching(server)
    assert not isinstance(server.observer, PollingObserver)
    server.observer.start()
    try:
        time.sleep(0.5)
        (watched / "a.md").read_text(encoding="utf-8")  # what every build does to every record
        time.sleep(1)
        assert not server._want_rebuild
        (watched / "a.md").write_text("hai", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()


def _serve(project: Path, config: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", preview.ENVIRONMENT: "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=(project / "serve.log").open("wb"), stderr=subprocess.STDOUT)


def test_serve_in_preview_mode_rebuilds_the_edited_record_page(tmp_path):
    records = {str(p.relative_to(SEEDS)): p.read_text(encoding="utf-8") for p in SEEDS.rglob("*.md")}
    config = make_project(tmp_path, records)
    port = _free_port()
    server = _serve(tmp_path, config, port)
    base = f"http://127.0.0.1:{port}/"
    page_url = f"{base}quy-che/{EDITED}/"
    try:
        status, page = _wait_for(page_url, "qc-preview-banner")
        assert status == 200 and "ĐÃ SỬA" not in page
        _retitle(tmp_path / "agreements", EDITED, NEW_TITLE)
        status, page = _wait_for(page_url, "ĐÃ SỬA")
        assert status == 200 and "qc-preview-banner" in page
        assert "ĐÃ SỬA" in _get(f"{base}tinh-thanh/lang-son/")[1]  # the list of its province
        assert "ĐÃ SỬA" in _get(f"{base}quy-che/{EARLIER}/")[1]  # the record it develops shows the relation
        assert "ĐÃ SỬA" not in _get(f"{base}api/v1/agreements.json")[1]  # open data: stale, as the banner says
        assert _get(f"{base}pagefind/shards.json")[0] == 200  # the search index of the first build is still served

        _retitle(tmp_path / "agreements", EDITED, '"\\u202eQuy chế phối hợp"')  # a save with a problem
        status, page = _wait_for(page_url, "U+202E")
        assert "lỗi dữ liệu" in page and "lỗi dữ liệu" not in _get(f"{base}quy-che/{EARLIER}/")[1]
        _retitle(tmp_path / "agreements", EDITED, NEW_TITLE.replace("ĐÃ SỬA", "SỬA LẦN HAI"))
        status, page = _wait_for(page_url, "SỬA LẦN HAI")
        assert status == 200 and "U+202E" not in page and "U+202E" not in _get(base)[1]

        added = tmp_path / "agreements" / "lang-son" / ADDED.name  # a new record, then deleted
        added.write_bytes(ADDED.read_bytes())
        new_url = f"{base}quy-che/lang-son/{ADDED.stem}/"
        status, _ = _wait_for(new_url, "Lạng Sơn")
        assert status == 200 and ADDED.stem in _get(f"{base}tinh-thanh/lang-son/")[1]
        added.unlink()
        deadline = time.monotonic() + 240
        while _get(new_url)[0] != 404 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _get(new_url)[0] == 404 and ADDED.stem not in _get(f"{base}tinh-thanh/lang-son/")[1]
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Xem trước: đã dựng đầy đủ" in log and "Xem trước: 1 bản ghi thay đổi" in log
