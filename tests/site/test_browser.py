"""The built site in real Chromium: pages render their heading with no console errors,
on a desktop and a phone-sized screen (screenshots with `pytest --screenshots`)."""

from __future__ import annotations

import pytest
from browser_helpers import visit

PAGES = {
    "trang-chu": ("", "Sổ Quy chế phối hợp"),
    "quy-che-lang-son-2022": ("quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq/",
                              "Quy chế phối hợp công tác giữa Đoàn ĐBQH"),
    "tinh-thanh-bac-ninh": ("tinh-thanh/bac-ninh/", "Quy chế phối hợp — Bắc Ninh"),
}
WIDTHS = {"desktop": 1280, "mobile": 375}


@pytest.mark.parametrize("device", WIDTHS)
def test_pages_render_without_console_errors(open_page, site_server, screenshots, device):
    width = WIDTHS[device]
    page = open_page(width=width)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{msg.text} @ {msg.location}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for name, (path, heading) in PAGES.items():
        visit(page, site_server + path)
        h1 = page.locator("article h1").first
        assert heading in h1.inner_text(), f"{path} at {width}px shows h1 {h1.inner_text()!r}"
        assert h1.is_visible()
        screenshots(page, f"{name}-{device}")
    assert errors == [], f"console errors at {width}px: {errors}"
