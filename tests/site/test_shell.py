"""Record pages are written from one rendered shell (registry/site/shell.py), not rendered one by
one by MkDocs: the pages must be exactly the ones MkDocs renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, build_site, make_project

from registry.site.shell import CONTENT, FEED_HREF, FEED_TITLE, SHELL_PAGE, TITLE, Shell, ShellError, Slots

SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_record_pages_from_the_shell_are_the_pages_mkdocs_renders(tmp_path, hostile_record):
    records = {str(p.relative_to(SEEDS)): p.read_text(encoding="utf-8") for p in SEEDS.rglob("*.md")}
    name, text = hostile_record
    records[name] = text
    config = make_project(tmp_path, records)
    shelled = build_site(config, tmp_path / "shell")
    rendered = build_site(config, tmp_path / "mkdocs", env={"REGISTRY_SHELL": "0"})
    assert shelled.returncode == 0 and rendered.returncode == 0, shelled.output + rendered.output
    ours, theirs = _pages(shelled.site), _pages(rendered.site)
    assert sorted(ours) == sorted(theirs)  # the shell's own page is not published
    records_written = [f"quy-che/{name.removesuffix('.md')}/index.html" for name in records]
    assert set(records_written) <= set(ours)
    different = [path for path in records_written if ours[path] != theirs[path]]
    assert different == []
    # the hostile title went through both ways: escaped in <title>, the header and the feeds
    hostile = ours["quy-che/" + name.removesuffix(".md") + "/index.html"].decode()
    assert "<script>alert(1)" not in hostile
    assert hostile.count("&lt;script&gt;alert(1)&lt;/script&gt; *x*") >= 3  # <title>, header, <h1>


def _shell_page(**changes: str) -> str:
    parts = {"head": f'<title>{TITLE} - Sổ</title>\n  <link rel="alternate" title="{FEED_TITLE}" '
                     f'href="../../../{FEED_HREF}">\n<link rel="canonical" href="https://x.org/{SHELL_PAGE}">',
             "header": f"<span>{TITLE}</span>", "body": f"<article>{CONTENT}</article>"}
    parts.update(changes)
    return "\n".join(parts.values())


def test_a_record_page_is_the_shell_with_its_values_escaped_once():
    shell = Shell.parse(_shell_page())
    slots = Slots("quy-che/lang-son/2022-x/", 'Quy chế "A" & <B>',
                  [{"title": "Sổ — quy chế mới", "href": "feeds/quy-che-moi.xml"},
                   {"title": "Sổ — O'Neil", "href": "feeds/tinh-thanh/lang-son.xml"}])
    page = shell.fill(slots, "<h1>Quy chế</h1><p>thân</p>")
    assert page.count("Quy chế &quot;A&quot; &amp; &lt;B&gt;") == 2
    assert '<link rel="canonical" href="https://x.org/quy-che/lang-son/2022-x/">' in page
    assert ('\n  <link rel="alternate" title="Sổ — quy chế mới" href="../../../feeds/quy-che-moi.xml">'
            '\n  <link rel="alternate" title="Sổ — O&#39;Neil" href="../../../feeds/tinh-thanh/lang-son.xml">') in page
    assert "<article><h1>Quy chế</h1><p>thân</p></article>" in page
    assert "qcslot" not in page


@pytest.mark.parametrize("missing", ["header", "body"])
def test_a_theme_without_a_slot_fails_the_build(missing):
    with pytest.raises(ShellError, match="slots found"):
        Shell.parse(_shell_page(**{missing: ""}))


def test_a_page_the_shell_does_not_fit_is_refused():
    shell = Shell.parse(_shell_page())
    with pytest.raises(ShellError, match="depth"):
        shell.fill(Slots("quy-che/x/", "A", []), "<h1>A</h1>")
    with pytest.raises(ShellError, match="<h1>"):
        shell.fill(Slots("quy-che/a/b/", "A", []), "<p>A</p>")


def test_the_indexing_process_writes_the_pages_of_the_first_shards_and_this_process_the_rest(tmp_path):
    """The MkDocs hook hands the indexer a writer of the first half of the shards' record pages
    (each written as the record is staged for Pagefind) and writes the rest itself."""
    from registry import generate
    from registry.records.loader import load_registry
    from registry.site.search_index import first_sources, index_records
    from registry.site.shell import PageWriter

    registry = load_registry(SEEDS).registry
    pages = {page.uri: page for page in generate.site_pages(registry, generate.Settings()) if page.slots}
    writer = PageWriter(Shell.parse(_shell_page()), tmp_path, pages)
    first = first_sources(registry.agreements, size=2)
    assert 0 < len(first) < len(pages)
    indexer, rest = writer.split(first)
    plan = index_records(tmp_path, registry, {uri: page.search for uri, page in pages.items()}, 2, also=indexer)
    written = {uri for uri, page in pages.items() if (tmp_path / page.slots.page / "index.html").is_file()}
    assert written == first and plan.missing == [] and len(plan.bundles) == -(-len(pages) // 2)
    assert rest.write_all() == len(pages) - len(first)
    for page in pages.values():
        html = (tmp_path / page.slots.page / "index.html").read_text(encoding="utf-8")
        assert html.startswith("<title>") and page.body() in html
