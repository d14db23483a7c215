"""The built site in real Chromium: pages render their heading with no console errors,
on a desktop and a phone-sized screen. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
PAGES = {
    "trang-chu": ("", "Sổ Quy chế phối hợp"),
    "quy-che-lang-son-2022": ("quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq/",
                              "Quy chế phối hợp công tác giữa Đoàn ĐBQH"),
    "tinh-thanh-bac-ninh": ("tinh-thanh/bac-ninh/", "Quy chế phối hợp — Bắc Ninh"),
}
WIDTHS = {"desktop": 1280, "mobile": 375}
# Material's header asks GitHub's API for the repository's stars and latest release.
GITHUB_FACTS = json.dumps({"stargazers_count": 0, "forks_count": 0, "tag_name": "v0.1.0"})


def _offline(local: str, route) -> None:
    """Serve the site; answer GitHub's API with canned facts; refuse any other third party."""
    host = urlsplit(route.request.url).netloc
    if host == local:
        route.continue_()
    elif host == "api.github.com":
        route.fulfill(status=200, content_type="application/json", body=GITHUB_FACTS)
    else:
        route.abort()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser test, never skip it
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_pages_render_without_console_errors(browser, site_server, device):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.route("**/*", functools.partial(_offline, urlsplit(site_server).netloc))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{msg.text} @ {msg.location}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for name, (path, heading) in PAGES.items():
        response = page.goto(site_server + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        h1 = page.locator("article h1").first
        assert heading in h1.inner_text(), f"{path} at {width}px shows h1 {h1.inner_text()!r}"
        assert h1.is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), full_page=True)
    context.close()
    assert errors == [], f"console errors at {width}px: {errors}"
