"""MkDocs glue: load and check the agreements, add the generated pages, write the open data and
the Pagefind search index. Logic lives in `registry`; each handler only calls it."""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from registry import generate
from registry.bench.timing import record, stage
from registry.editors import cms
from registry.records.loader import load_registry
from registry.site import html_fixes, preview, search_index, shell, staging
from registry.site import pages as site
from registry.site.rendering import problems_page
from registry.site.search import write_search_facts

log = logging.getLogger("mkdocs.hooks.registry")

# State of one build: the registry (on_config) and, for the pages that are pure HTML, the function
# that renders each one's body (on_files): called just before its page is written (on_page_context),
# so no page's HTML is held longer than its own rendering.
# In preview mode (`make serve`; registry/site/preview.py) "preview" keeps what a rebuild after a
# save needs from the last one, and "update" is set when this build renders only what changed.
_state: dict = {"registry": None, "bodies": {}, "problems": [], "serve": False, "dirty": False,
                "staging": None, "warnings": None, "preview": None, "update": None, "incremental": False}


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"], _state["dirty"] = command == "serve", dirty
    _state["preview"] = preview.Session() if command == "serve" and preview.enabled() else None


def on_config(config):
    session, _state["started"], _state["update"] = _state["preview"], time.perf_counter(), None
    with stage("load_validate"):
        result = load_registry(Path(config.config_file_path).parent / "agreements", cache=session and session.cache)
    lines = "\n".join(str(problem) for problem in result.problems)
    if result.problems and not _state["serve"]:
        raise PluginError(f"{len(result.problems)} lỗi trong dữ liệu quy chế, không xuất bản trang:\n{lines}")
    if result.problems:  # `mkdocs serve`: build a page that lists them instead of hanging
        log.error("%d lỗi trong dữ liệu quy chế:\n%s", len(result.problems), lines)
    _state["registry"], _state["problems"] = result.registry, result.problems
    if not _state["serve"]:
        # The registry lives as long as the build: out of the garbage collector's full passes, which
        # would walk its millions of objects again and again (`mkdocs build` ends with the build).
        gc.freeze()
    _state["incremental"] = bool(session and not _state["dirty"] and session.incremental(config.config_file_path))
    _start_staging(config)
    return config


def _start_staging(config) -> None:
    """Build into a staging folder; on_post_build swaps it in only if nothing failed."""
    if _state["dirty"]:
        return  # a --dirty build updates the folder in place
    _state["staging"] = staging.start(config.site_dir)
    config.site_dir = str(_state["staging"].folder)
    _state["warnings"] = CountHandler()
    _state["warnings"].setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(_state["warnings"])


def _finish_staging(succeeded: bool) -> None:
    if _state["staging"] is None:
        return
    logging.getLogger("mkdocs").removeHandler(_state["warnings"])
    if succeeded and _state["update"] is not None:  # a preview rebuild: its pages over the served site
        preview.publish(_state["staging"].folder, _state["staging"].target, _state["rendered"], _state["update"].removed)
    else:
        (staging.commit if succeeded else staging.discard)(_state["staging"])
    _state["staging"] = None


def on_serve(server, config, builder):
    # Preview mode: saves noticed through file events, not by polling 20,000 files twice a second.
    return preview.native_watching(server) if _state["preview"] else server


def on_files(files: Files, config) -> Files:
    _state["bodies"], _state["records"] = {}, []
    _state.pop("writer", None)
    if _state["problems"]:  # only the theme's assets: every page is the list of problems
        return Files([file for file in files if not file.is_documentation_page()])
    with stage("generate_pages"):
        pages = _generated_pages(config)
    if shell.enabled():  # record pages written from one rendered shell (on_post_page), not by MkDocs
        _state["records"] = [page for page in pages if page.slots]
        pages = [site.shell_page(), *(page for page in pages if not page.slots)] if _state["records"] else pages
    _state["bodies"] = {page.uri: page.body for page in pages if page.html_only}
    generated = []
    for page in pages:
        # Agreements and sub-pages stay out of the nav: Material renders the whole nav into every page.
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        # A pure-HTML page is only its front matter (title, feeds) until it is written.
        content = page.head if page.html_only else page.content
        generated.append(File.generated(config, page.uri, content=content, inclusion=inclusion))
    # Generated pages first (the shell first of all), so the record pages are written early.
    files = Files([*generated, *files])
    # Every page of the site, known before the record pages are written (not the shell's own page).
    html_pages = [f.dest_uri for f in files if f.is_documentation_page() and f.src_uri != shell.SHELL_SOURCE]
    html_pages += [page.slots.file for page in _state["records"]]
    if _state["update"] is not None:  # a preview rebuild: the search index stays as served
        # What moves over the served site: every page, and the files of docs/ (assets); not the theme's.
        assets = [f.dest_uri for f in files if f.src_dir == config.docs_dir and not f.is_documentation_page()]
        _state["rendered"] = html_pages + assets
        return files
    _state["sources"] = [page.uri for page in (*pages, *_state["records"]) if page.uri != shell.SHELL_SOURCE]
    _state["html_pages"] = html_pages  # the sitemap's
    # Pagefind's input depends on the registry only: index the records while MkDocs renders (from
    # the shell's page on, when the same process writes each record's page as it indexes it).
    _state["documents"] = {p.uri: p.search for p in (*pages, *_state["records"]) if p.search}
    if not _state["records"]:
        _start_search(config)
    return files


def _start_search(config, writer: shell.PageWriter | None = None) -> None:
    _state["search"] = search_index.start(Path(config.site_dir), _state["registry"], _state.pop("documents"),
                                          also=writer)


def _generated_pages(config) -> list[site.GeneratedPage]:
    if _state["incremental"]:  # only what the saved edit can change
        _state["update"] = preview.update(_state["preview"], _state["registry"], generate.Settings.from_config(config))
        return _state["update"].pages
    # The same function `python -m registry generate DIR` uses.
    return generate.site_pages(_state["registry"], generate.Settings.from_config(config))


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri == "index.md":
        return generate.home_markdown(_state["registry"], markdown)
    return markdown


def on_page_context(context, page, config, nav):
    # A pure-HTML page: its body, one raw HTML block that Markdown would pass through unchanged
    # after parsing every tag twice, is rendered now and used as the page's HTML.
    body = _state["bodies"].get(page.file.src_uri)
    if body is not None:
        page.content = body()
    return context


def on_post_page(output: str, page, config) -> str:
    if page.file.src_uri in _state["bodies"]:
        page.content = ""  # written: not kept until the end of the build
    output = html_fixes.valid_html(output)
    output = preview.with_banner(output) if _state["preview"] else output
    if page.file.src_uri == shell.SHELL_SOURCE:  # every record page from this one, beside MkDocs
        _write_records(config, shell.Shell.parse(output))
    return output


def _write_records(config, record_shell: shell.Shell) -> None:
    writer = shell.PageWriter(record_shell, Path(config.site_dir), {page.uri: page for page in _state.pop("records")})
    if _state["update"] is not None:  # a preview rebuild: the few records the edit changed
        writer.write_all()
        return
    # The indexing process writes the pages of the records it indexes first, each as it indexes it;
    # this process writes the others once MkDocs has rendered its pages (on_post_build): two cores.
    indexer, _state["writer"] = writer.split(search_index.first_sources(_state["registry"].agreements))
    _start_search(config, indexer)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return html_fixes.valid_html(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config) -> None:
    # Runs after MkDocs wrote its sitemap (ours replaces it), for `build` and `serve` alike.
    site_dir = Path(config.site_dir)
    if _state["problems"]:
        _publish_problems(site_dir)
        return
    shell.remove_shell_page(site_dir)
    if _state["update"] is not None:  # a preview rebuild: open data and search index stay as served
        _finish_staging(succeeded=True)
        preview.updated(_state["preview"], _state["registry"], _state["update"])
        log.info(preview.terminal_line(_state["update"], time.perf_counter() - _state["started"]))
        return
    if "writer" in _state:
        with stage("record_pages_main"):
            _state.pop("writer").write_all()
    with stage("exports"):
        report = generate.write_data(_state["registry"], site_dir, generate.Settings.from_config(config),
                                     html_pages=_state.pop("html_pages"), unlisted=(shell.SHELL_PAGE,))
    log.info(str(report))
    _write_editor(config, site_dir)
    with stage("pagefind"):
        plan = search_index.finish(_state.pop("search"), site_dir, search_index.hand_written_pages(Path(config.docs_dir)))
        write_search_facts(site_dir, _state["registry"])
    log.info("Pagefind: %d trang được lập chỉ mục tìm kiếm, %d gói", len(plan.pages), len(plan.bundles))
    record("pagefind_runs", sum(plan.seconds.values()))  # in the indexing process, beside rendering
    record("record_pages", plan.side_seconds)  # written by the indexing process, from the shell
    # MkDocs aborts a strict build on any warning right after this event: keep the old site then.
    succeeded = not (config.strict and _state["warnings"] and _state["warnings"].get_counts())
    _finish_staging(succeeded)
    if succeeded and _state["preview"] is not None:
        _state["preview"].full_build_done(_state["registry"], _state.pop("sources"), config.config_file_path)
        log.info(preview.terminal_line(None, time.perf_counter() - _state["started"]))


def _publish_problems(site_dir: Path) -> None:
    page = problems_page(_state["problems"])
    if _state["incremental"]:  # preview: the pages concerned show the problems, the rest stays
        preview.show_problems(_state["preview"], _state["staging"].target, _state["problems"], page)
        _finish_staging(succeeded=False)
        return
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")
    _finish_staging(succeeded=True)


def _write_editor(config, site_dir: Path) -> None:
    """The web editor at /quan-tri/ (Decap CMS configured from the schema)."""
    try:
        cms.write_cms(site_dir, cms.CmsSettings.from_config(config))
    except cms.CmsError as error:
        raise PluginError(str(error)) from None


def on_build_error(error) -> None:
    search_index.cancel(_state.pop("search", None))
    if _state["staging"] is not None:
        log.error("Dựng trang thất bại; giữ nguyên bản dựng trước trong %s", _state["staging"].target)
        _finish_staging(succeeded=False)
