"""Print and phone layouts of the built site, in real Chromium.

Print: an agreement page keeps its content (all metadata, sources with their addresses written
out) and drops the site chrome (header, tabs, sidebars, footer). Phone: at 375 px no page
scrolls sideways. Screenshots and the PDF go to test-output/ for a person to look at.
"""

from __future__ import annotations

import pytest
from browser_helpers import PAGES_OF_EVERY_KIND, ROOT, SCREENSHOTS, launch, new_context, use_scheme

AGREEMENT = "quy-che/thai-nguyen/2021-10-14-ubnd-ubmttq/"  # has a source with a URL
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


@pytest.fixture(scope="module")
def browser():
    with launch() as browser:
        yield browser


@pytest.fixture()
def printed(browser, site_server):
    """The agreement page as Chromium lays it out for print."""
    context = new_context(browser, site_server)
    page = context.new_page()
    page.goto(site_server + AGREEMENT, wait_until="networkidle")
    page.emulate_media(media="print")
    yield page
    context.close()


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


def test_print_to_pdf(printed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    printed.screenshot(path=str(SCREENSHOTS / "print-quy-che.png"), full_page=True)
    pdf = printed.pdf(format="A4", print_background=False)
    (ROOT / "test-output" / "quy-che.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_horizontal_scroll_on_a_phone(browser, site_server, built_site, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, site_server, width=PHONE, scheme=scheme)
    page = context.new_page()
    too_wide = {}
    for name, path in PAGES.items():
        if not (built_site / path / "index.html").exists():
            continue  # a page another part of the site has not added yet (the search page)
        page.goto(site_server + path, wait_until="networkidle")
        use_scheme(page, scheme)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > PHONE:
            too_wide[path] = width
        suffix = "" if scheme == "default" else "-dark"
        page.screenshot(path=str(SCREENSHOTS / f"mobile-{name}{suffix}.png"), full_page=True)
    context.close()
    assert not too_wide, f"pages wider than {PHONE} px (scrollWidth): {too_wide}"


def test_statistics_page_on_desktop(browser, site_server):
    """Screenshots of the charts and map in both palettes (for review), and the map fits."""
    for scheme in ("default", "slate"):
        context = new_context(browser, site_server, scheme=scheme)
        page = context.new_page()
        page.goto(site_server + "thong-ke/", wait_until="networkidle")
        use_scheme(page, scheme)
        box = page.locator("svg.qc-map").bounding_box()
        assert box and 200 < box["width"] <= 1280
        page.screenshot(path=str(SCREENSHOTS / f"thong-ke-desktop-{scheme}.png"), full_page=True)
        context.close()
