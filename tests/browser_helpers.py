"""Shared by the browser tests (accessibility, print, mobile): headless Chromium that never
reaches the network, and the site's pages in Material's light or dark palette.

Imported as a plain module: pytest puts tests/ on sys.path (rootdir-relative, no package).
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
# Material's header asks GitHub's API for the repository's stars; answer with canned facts.
GITHUB_FACTS = json.dumps({"stargazers_count": 0, "forks_count": 0, "tag_name": "v0.1.0"})
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


def require(path: str | Path, what: str) -> None:
    """Skip locally when a browser-test prerequisite is missing; fail under CI (never skip there)."""
    if Path(path).exists():
        return
    message = f"{what} not found at {path}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


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
    require(CHROMIUM, "Chromium (set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, base_url: str, width: int = 1280, scheme: str = "default", **options):
    """A browser context that serves only the local site (GitHub's API answered, the rest refused)."""
    local = urlsplit(base_url).netloc
    color_scheme = "dark" if scheme == "slate" else "light"
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme, **options)

    def route(request_route) -> None:
        host = urlsplit(request_route.request.url).netloc
        if host == local:
            request_route.continue_()
        elif host == "api.github.com":
            request_route.fulfill(status=200, content_type="application/json", body=GITHUB_FACTS)
        else:
            request_route.abort()

    context.route("**/*", route)
    return context


def use_scheme(page, scheme: str) -> None:
    """Make sure Material shows `scheme`: the palette follows prefers-color-scheme unless a
    choice is stored, so set the attribute too (as the toggle does) and let styles settle."""
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_timeout(50)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
