"""No third-party requests: every request a page of each kind makes while it loads (and until the
network is idle) goes to the site's own host. Nothing is answered for other hosts (they are
aborted), so a request that would leave a visitor's browser is caught, not faked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_helpers import PAGES_OF_EVERY_KIND

# The audited kinds of page, and the others: former unit, a term, the guide pages, 404.
PAGE_KINDS = {
    **PAGES_OF_EVERY_KIND,
    "tinh-thanh-cu": "tinh-thanh/truoc-2025/bac-giang/",
    "nhiem-ky-nhom": "nhiem-ky/2021-2026/",
    "tim-kiem-ket-qua": "tim-kiem/?q=lang+son",
    "du-lieu-mo": "du-lieu-mo/",
    "dong-gop": "dong-gop/",
    "gioi-thieu": "gioi-thieu/",
    "khong-tim-thay": "404.html",
}


@pytest.fixture(scope="module")
def recording_context(browser, site_server):
    """A context of its own: local requests go through, every other one is recorded and aborted."""
    local = urlsplit(site_server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[tuple[str, str]] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if urlsplit(url).netloc == local or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            outside.append((context.current_page, url))
            request_route.abort()

    context.current_page = ""
    context.outside = outside
    context.route("**/*", route)
    yield context
    context.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_makes_no_third_party_request(recording_context, site_server, kind):
    recording_context.current_page = kind
    page = recording_context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    try:
        page.goto(site_server + PAGE_KINDS[kind], wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # scripts that fetch after idle (Material's repository facts did)
    finally:
        page.close()
    local = urlsplit(site_server).netloc
    hosts = {urlsplit(url).netloc for url in seen if not url.startswith(("data:", "blob:"))}
    assert len(seen) > 1, f"{kind}: no request recorded besides the page itself"
    assert hosts == {local}, f"{kind}: requests to {sorted(hosts - {local})}"
    assert [url for k, url in recording_context.outside if k == kind] == []
