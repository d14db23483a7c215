"""Print and phone layouts of the built site, in real Chromium.

Print: an agreement page keeps its content (all metadata, sources with their addresses written
out) and drops the site chrome (header, tabs, sidebars, footer). Phone: at 375 px no page
scrolls sideways. With `pytest --screenshots`, screenshots (both palettes) and the PDF go to
test-output/ for a person to look at.
"""

from __future__ import annotations

import pytest
from browser_helpers import PAGES_OF_EVERY_KIND, ROOT, SCHEMES, use_scheme, visit

AGREEMENT = "quy-che/thai-nguyen/xxxx-10-14-ubnd-ubmttq/"  # has a source with a URL
PHONE = 375
PAGES = PAGES_OF_EVERY_KIND
CHROME = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top")
HIDDEN = """sel => [...document.querySelectorAll(sel)].every(e => {
  for (let n = e; n; n = n.parentElement) if (getComputedStyle(n).display === "none") return true;
  return false;
})"""
# Every external link in the record, with the text a reader of the paper sees for it.
PRINTED_LINKS = """() => [...document.querySelectorAll('.qc-record a[href^="http"]')].map(a => ({
  href: a.href, text: a.innerText, after: getComputedStyle(a, "::after").content,
  hidden: !a.getClientRects().length,
}))"""


@pytest.fixture()
def printed(open_page, site_server):
    """The agreement page as Chromium lays it out for print."""
    page = open_page()
    visit(page, site_server + AGREEMENT)
    page.emulate_media(media="print")
    return page


def test_print_hides_site_chrome(printed):
    for selector in CHROME:
        if printed.locator(selector).count():
            assert printed.evaluate(HIDDEN, selector), f"{selector} is printed"
    assert printed.locator("article.qc-record h1").is_visible()


def test_print_shows_all_metadata(printed):
    terms = printed.locator(".qc-facts dt")
    values = printed.locator(".qc-facts dd")
    assert terms.count() >= 5 and terms.count() == values.count()
    for index in range(terms.count()):
        assert terms.nth(index).is_visible() and values.nth(index).is_visible()
        assert values.nth(index).inner_text().strip(), f"empty value for {terms.nth(index).inner_text()}"


def test_print_writes_out_source_addresses(printed):
    links = [link for link in printed.evaluate(PRINTED_LINKS) if not link["hidden"]]
    sources = printed.locator(".qc-sources a[href^='http']")
    assert sources.count() >= 1, "the test record should have a source with a URL"
    for link in links:
        assert link["href"] in link["text"] or link["href"] in link["after"], f"address not printed: {link}"


def test_print_to_pdf(printed, screenshots):
    screenshots(printed, "print-quy-che")
    pdf = printed.pdf(format="A4", print_background=False)
    if screenshots.enabled:
        (ROOT / "test-output" / "quy-che.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_no_horizontal_scroll_on_a_phone(open_page, site_server, built_site, screenshots):
    """Every kind of page at 375 px. The palettes change colours only, so the width is measured
    once; with --screenshots each page is also shot in the dark palette."""
    page = open_page(width=PHONE)
    too_wide = {}
    for name, path in PAGES.items():
        assert (built_site / path / "index.html").exists(), f"{path} is missing from the built site"
        visit(page, site_server + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE:
            too_wide[path] = width
        if screenshots.enabled:
            for scheme in SCHEMES:
                use_scheme(page, scheme)
                screenshots(page, f"mobile-{name}" + ("" if scheme == "default" else "-dark"))
    assert not too_wide, f"pages wider than {PHONE} px (scrollWidth): {too_wide}"


def test_statistics_page_on_desktop(open_page, site_server, screenshots):
    """The map fits a desktop screen; with --screenshots, the charts and map in both palettes."""
    page = open_page()
    visit(page, site_server + "thong-ke/", "svg.qc-map")
    box = page.locator("svg.qc-map").bounding_box()
    assert box and 200 < box["width"] <= 1280
    for scheme in SCHEMES if screenshots.enabled else ():
        use_scheme(page, scheme)
        screenshots(page, f"thong-ke-desktop-{scheme}")
