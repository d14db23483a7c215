"""Zero errors from the W3C Nu Html Checker (vnu.jar from the npm package vnu-jar, pinned in
package.json) on a page of every kind of the built site, in one Java run.

Java: the checker needs a Java runtime (17 here). On a fresh Debian machine run as root (CI),
tests/tools.py (run by `make test` before pytest) installs `default-jre-headless` with apt;
elsewhere the test stops with one Vietnamese line saying what to install (a failure, never a skip)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import tools

ROOT = Path(__file__).parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One page of every kind (hand-written, generated, theme templates).
PAGES = (
    "index.html",
    "quy-che/lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq/index.html",
    "quy-che/thai-nguyen/xxxx-10-14-hdnd-ubmttq/index.html",
    "tinh-thanh/index.html",
    "tinh-thanh/thai-nguyen/index.html",
    "tinh-thanh/phu-tho/index.html",
    "tinh-thanh/truoc-2025/bac-giang/index.html",
    "tinh-thanh/chua-ro-tinh/index.html",
    "nhiem-ky/index.html",
    "nhiem-ky/2021-2026/index.html",
    "to-hop-co-quan/index.html",
    "co-quan/index.html",
    "co-quan/ubnd/index.html",
    "chu-de/index.html",
    "nam/index.html",
    "cap/index.html",
    "tinh-trang/index.html",
    "can-bo-sung/index.html",
    "thong-ke/index.html",
    "tim-kiem/index.html",
    "du-lieu-mo/index.html",
    "dong-gop/index.html",
    "mau-ban-ghi/index.html",
    "dong-gop/truong-du-lieu/index.html",
    "gioi-thieu/index.html",
    "404.html",
)


def java() -> str:
    """The java command (tests/tools.py installs it where it can), else one Vietnamese line."""
    found = tools.java()
    if found is None:
        pytest.fail(tools.JAVA_MISSING, pytrace=False)
    if not VNU.exists():
        pytest.fail("Thiếu node_modules/vnu-jar: chạy npm ci --no-audit --no-fund rồi chạy lại make test.", pytrace=False)
    return found


def check(files: list[Path]) -> list[dict]:
    done = subprocess.run([java(), "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_every_kind_of_page_has_no_html_error(built_site):
    files = [built_site / path for path in PAGES]
    missing = [str(f) for f in files if not f.exists()]
    assert not missing, missing
    errors = check(files)
    lines = [f"{Path(e.get('url', '')).as_posix().split(str(built_site.as_posix()))[-1]}:{e.get('lastLine')}: "
             f"{e.get('message')} [{e.get('extract', '').strip()[:80]}]" for e in errors]
    assert errors == [], "\n".join(lines)


def test_the_checker_finds_errors(tmp_path):
    """The run is real: a page with Material's old markup is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head><body>'
                    '<input type="checkbox" autocomplete="off"><label tabindex="">a</label></body></html>',
                    encoding="utf-8")
    messages = " ".join(e["message"] for e in check([page]))
    assert "autocomplete" in messages and "tabindex" in messages
