"""Shared fixtures: the real site built once per session, and a local HTTP server for it.

`built_site` (the site directory) and `site_server` (its base URL) are meant for every test
that looks at the built site; `build_site` and `make_project` build other projects (e.g. a
registry with one hostile record) with the repository's configuration.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_helpers import Contexts, Screenshots, launch, serve

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass(frozen=True)
class Build:
    site: Path
    output: str  # everything MkDocs printed (INFO lines, warnings, errors)
    returncode: int
    seconds: float


def build_site(config: Path, site_dir: Path, env: dict[str, str] | None = None) -> Build:
    """Run `mkdocs build --strict` for `config` into `site_dir` (with `env` added to the environment)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    started = time.perf_counter()
    done = subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=600,
    )
    return Build(site_dir, done.stdout + done.stderr, done.returncode, time.perf_counter() - started)


def make_project(directory: Path, records: dict[str, str]) -> Path:
    """A project using the repository's mkdocs.yml, docs, overrides and hooks, with its own
    agreements/ holding `records` ({'lang-son/x.md': text}). Returns its mkdocs.yml."""
    for name, text in records.items():
        path = directory / "agreements" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # docs/dong-gop.md includes CONTRIBUTING.md from the project's folder ($config_dir).
    (directory / "CONTRIBUTING.md").write_bytes((ROOT / "CONTRIBUTING.md").read_bytes())
    config = directory / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {ROOT / 'docs'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'registry_hooks.py'}\n"
        "watch:\n  - agreements\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site built once for the whole session from the frozen seed registry
    (tests/cases/seed-registry: the eight seed records whose facts the tests assert)."""
    seeds = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
    records = {str(p.relative_to(seeds)): p.read_text(encoding="utf-8") for p in seeds.rglob("*.md")}
    project = tmp_path_factory.mktemp("built")
    build = build_site(make_project(project, records), project / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    return site_build.site


def pytest_addoption(parser) -> None:
    parser.addoption("--screenshots", action="store_true",
                     help="save screenshots of the browser tests under test-output/screenshots/")


@pytest.fixture(scope="session")
def screenshots(request) -> Screenshots:
    """`screenshots(page, name)`: saved only with --screenshots (looking at them is a person's job)."""
    return Screenshots(request.config.getoption("--screenshots"))


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run (it stops the run with one line if Chromium is missing)."""
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def contexts(browser):
    """Browser contexts reused across tests: contexts.get(base_url, width, scheme)."""
    pool = Contexts(browser)
    yield pool
    pool.close()


@pytest.fixture
def open_page(contexts, site_server):
    """open_page(width=1280, scheme='default', base_url=site_server) -> a new page in a reused
    context; pages are closed when the test ends."""
    opened = []

    def factory(width: int = 1280, scheme: str = "default", base_url: str | None = None):
        page = contexts.get(base_url or site_server, width, scheme).new_page()
        opened.append(page)
        return page

    yield factory
    for page in opened:
        page.close()


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on 127.0.0.1 (a free port) in a background thread; yields the base URL."""
    with serve(built_site) as base_url:
        yield base_url


# A record written to attack the site: HTML, Markdown and javascript: links in every text field.
HOSTILE_TITLE = "<script>alert(1)</script> *x* [a](javascript:alert(1))"
HOSTILE_RECORD = """---
title: "<script>alert(1)</script> *x* [a](javascript:alert(1))"
number: "<b>12</b>/QC"
province: lang-son
level: tinh
signed: 2022-05-06
term: 2021-2026
parties: [tt-hdnd, ubnd]
principles:
  - "<iframe src=javascript:alert(1)></iframe> **đậm**"
status: chua-ro
sources:
  - publisher: "<img src=x onerror=alert(2)>"
    title: "Tin [b](javascript:alert(3))"
    date: 2022-05-07
    author: '" onmouseover="alert(4)'
    url: https://example.org/tin?a=1&b=2&c=%22x
uncertain:
  - field: signed
    reason: nam-suy-luan
    note: '" onmouseover="alert(5)" x="'
added: 2026-11-23
---
Tóm tắt có <img src=x onerror=alert(1)> và [liên kết độc](javascript:alert(1)),
[liên kết tốt](https://example.org/a) và <script>alert(6)</script>.
"""


@pytest.fixture
def hostile_record() -> tuple[str, str]:
    """(path under agreements/, file text) of a valid record full of hostile text."""
    return "lang-son/2022-05-06-hostile.md", HOSTILE_RECORD
