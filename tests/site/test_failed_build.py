"""A failed build never destroys the last good site; `mkdocs serve` shows the problems in Vietnamese.

Real builds of a small project: once to make a good site, then with a crash after MkDocs has
started writing (an extra hook that raises) and with a strict-mode warning; the good site must be
left exactly as it was, with no staging folder behind. Then a real `mkdocs serve`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import build_site, make_project

CASES = Path(__file__).parents[1] / "cases"
GOOD = (CASES / "valid/minimal/agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md").read_text(encoding="utf-8")
BROKEN = GOOD.replace("title: Quy chế phối hợp", 'title: "\\u202eQuy chế phối hợp')
BROKEN = BROKEN.replace("Lạng Sơn\nnumber", 'Lạng Sơn"\nnumber', 1)


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _with_extra_hook(config: Path, code: str) -> Path:
    hook = config.parent / "failing_hook.py"
    hook.write_text(code, encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("hooks:\n", f"hooks:\n  - {hook}\n")
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("atomic")
    config = make_project(directory, {"lang-son/2022-05-06-tt-hdnd-ubnd.md": GOOD})
    build = build_site(config, directory / "site")
    assert build.returncode == 0, build.output
    return directory, config, _snapshot(directory / "site")


@pytest.mark.parametrize(("name", "hook"), [
    ("crash-while-writing", "def on_post_page(output, page, config):\n    raise RuntimeError('hỏng giữa chừng')\n"),
    ("strict-warning", "import logging\n\ndef on_post_build(config):\n    logging.getLogger('mkdocs.plugins.x').warning('cảnh báo')\n"),
])
def test_a_failed_build_leaves_the_last_good_site_untouched(good_site, name, hook):
    directory, config, before = good_site
    failing = _with_extra_hook(make_project(directory / name, {"lang-son/2022-05-06-tt-hdnd-ubnd.md": GOOD}), hook)
    build = build_site(failing, directory / "site")
    assert build.returncode != 0
    assert _snapshot(directory / "site") == before
    assert [p.name for p in directory.iterdir() if p.name.startswith(".site-")] == []


def test_a_build_with_problems_fails_before_touching_the_site(good_site):
    directory, _, before = good_site
    build = build_site(make_project(directory / "broken", {"lang-son/2022-05-06-tt-hdnd-ubnd.md": BROKEN}), directory / "site")
    assert build.returncode != 0 and "U+202E" in build.output
    assert _snapshot(directory / "site") == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 240) -> tuple[int, str]:
    deadline, last = time.monotonic() + seconds, (0, "")
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if text in last[1]:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}; last: {last[0]} {last[1][:300]}")


def test_serve_shows_the_problems_in_the_browser_and_recovers(tmp_path):
    config = make_project(tmp_path, {"lang-son/2022-05-06-tt-hdnd-ubnd.md": BROKEN})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        status, page = _wait_for(base, "lỗi dữ liệu")
        assert status == 200 and '<html lang="vi">' in page
        assert "agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md:2</code>: <strong>title</strong>: có ký tự điều khiển hướng chữ (U+202E)" in page
        status, page = _get(base + "quy-che/lang-son/2022-05-06-tt-hdnd-ubnd/")
        assert status == 404 and "U+202E" in page  # every address shows the problems
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_rebuilds_once_the_record_is_fixed(tmp_path):
    config = make_project(tmp_path, {"lang-son/2022-05-06-tt-hdnd-ubnd.md": BROKEN})
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base, "lỗi dữ liệu")
        (tmp_path / "agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md").write_text(GOOD, encoding="utf-8")
        status, page = _wait_for(base + "quy-che/lang-son/2022-05-06-tt-hdnd-ubnd/", "Lạng Sơn")
        assert status == 200 and "lỗi dữ liệu" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
