"""Shared by the browser tests: headless Chromium that never reaches the network, one browser
per test run with its contexts reused (fixtures in conftest.py), pages opened by waiting for an
element instead of for network idle, the site's pages in Material's light or dark palette, and
screenshots only when asked (`pytest --screenshots`).

Imported as a plain module: pytest puts tests/ on sys.path (rootdir-relative, no package).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import tools

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = str(tools.CHROMIUM)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
SCHEMES = ("default", "slate")  # Material's light and dark palettes
# One page of every kind the site has, for the audits that look at all of them.
PAGES_OF_EVERY_KIND = {
    "trang-chu": "",
    "quy-che": "quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq/",
    "tinh-thanh": "tinh-thanh/",
    "tinh-thanh-bac-ninh": "tinh-thanh/bac-ninh/",
    "nhiem-ky": "nhiem-ky/",
    "to-hop-co-quan": "to-hop-co-quan/",
    "co-quan": "co-quan/",
    "chu-de": "chu-de/",
    "nam": "nam/",
    "can-bo-sung": "can-bo-sung/",
    "thong-ke": "thong-ke/",
    "tim-kiem": "tim-kiem/",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the stdlib's parameter name)
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) in a background thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def launch() -> Iterator:
    """Chromium, after tools.ensure() installed what it could; stops the run with one
    Vietnamese line when Chromium or axe-core is still missing (never a skip)."""
    problem = tools.ensure()
    if problem:
        pytest.exit(problem, returncode=3)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, base_url: str, width: int = 1280, scheme: str = "default", **options):
    """A browser context that serves only the local site (every other host refused: the site makes no
    third-party request, tests/site/test_no_third_party.py)."""
    local = urlsplit(base_url).netloc
    color_scheme = "dark" if scheme == "slate" else "light"
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme, **options)

    def route(request_route) -> None:
        host = urlsplit(request_route.request.url).netloc
        if host == local:
            request_route.continue_()
        else:
            request_route.abort()

    context.route("**/*", route)
    return context


class Contexts:
    """Browser contexts of one run, one per (site, width, palette), created on first use and
    reused by every test; each test gets fresh pages (closed after it)."""

    def __init__(self, browser):
        self.browser = browser
        self._contexts: dict[tuple, object] = {}

    def get(self, base_url: str, width: int = 1280, scheme: str = "default"):
        key = (base_url, width, scheme)
        if key not in self._contexts:
            self._contexts[key] = new_context(self.browser, base_url, width=width, scheme=scheme)
        return self._contexts[key]

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()
        self._contexts.clear()


# Present once the site's own script ran (it adds the header search box to every page).
READY = ".md-header .sqc-header__input"


def visit(page, url: str, selector: str = READY) -> None:
    """Open `url` and wait until `selector` is in the page (not for network idle, which waits
    half a second after the last request); stylesheets are loaded by then ('load')."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    page.wait_for_selector(selector, state="attached")


class Screenshots:
    """Saves screenshots under test-output/screenshots/ only with `pytest --screenshots`."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, page, name: str) -> None:
        if self.enabled:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def use_scheme(page, scheme: str) -> None:
    """Make sure Material shows `scheme`: the palette follows prefers-color-scheme unless a
    choice is stored, so set the attribute too (as the toggle does) and let styles settle."""
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_timeout(50)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
