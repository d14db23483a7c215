"""The web editor in real Chromium against its real local backend.

The test copies the seed registry into a temporary folder, starts decap-server there (Decap's
proxy: the editor reads and writes that folder's agreements/), writes /quan-tri/ with
registry.editors.cms.write_cms and drives the form: a new record with a relation to another
record, a refusal (province left empty without saying why) with validate's message, a record
whose province the source does not state, and an edit of an existing record. The files the
editor wrote must pass `python -m registry validate` untouched, and a real build of the folder
must have the new records' pages. `pytest --screenshots` keeps the screenshots.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import new_context, serve
from conftest import ROOT, build_site, make_project
from vietnamese_ui import check_html

from registry.editors import cms

SEEDS = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
RELATED = "lang-son/2022-05-06-doan-dbqh-tt-hdnd-ubnd-btt-ubmttq"
EDITED = "lang-son/2021-10-05-tt-hdnd-ubnd-btt-ubmttq"
NEW = "lang-son/2024-03-15-ubnd-ubmttq"
UNKNOWN_PROVINCE = "chua-ro-tinh/xxxx-10-07-vp-tinh-uy-vp-ubnd"
FAILED = ROOT / "test-output" / "screenshots" / "cms-failed.png"
TIMEOUT = 60_000  # a loaded CI machine is slow with a 5 MB single-page application


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as answer:
                json.load(answer)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser):
    """(repository folder, editor URL, browser context) with decap-server running on the folder."""
    server = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    if not server.is_file() or shutil.which("node") is None:
        pytest.fail(cms.NPM_MISSING)
    repo = tmp_path_factory.mktemp("editor-repo")
    shutil.copytree(SEEDS, repo / "agreements")
    site = tmp_path_factory.mktemp("editor-site")
    cms.write_cms(site, cms.CmsSettings(repo="quychephoihop/so-quy-che-phoi-hop"))
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    proxy = subprocess.Popen(["node", str(server)], cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/v1")
        with serve(site) as base_url:
            context = new_context(browser, base_url)
            # the editor's only other address: its local backend
            context.route(f"http://127.0.0.1:{port}/**", lambda route: route.continue_())
            yield repo, f"{base_url}quan-tri/?proxy={port}", context
            context.close()
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


@pytest.fixture(scope="module")
def page(editor):
    repo, url, context = editor
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT)
    tab.goto(url, wait_until="commit")
    tab.get_by_role("button", name="Đăng nhập").click(timeout=60_000)  # 5 MB of JavaScript first
    tab.get_by_text("Quy chế phối hợp công tác giữa Đoàn ĐBQH").first.wait_for()
    yield tab
    tab.close()


# --- driving Decap's widgets by their Vietnamese labels ------------------------------------------


def field(page, label: str, nth: int = -1):
    """The input of the field labelled `label` (the last one: a list item just added)."""
    labels = page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}( \\(không bắt buộc\\))?$"))
    return page.locator(f'[id="{labels.nth(nth).get_attribute("for")}"]')


def pick(page, label: str, typed: str, shown: str, nth: int = -1) -> None:
    """Type `typed` into a select/relation field and click the option whose text contains `shown`."""
    box = field(page, label, nth)
    box.click()
    box.press_sequentially(typed)
    page.locator("[class*=option]").filter(has_text=shown).first.click()


def add_item(page, list_label: str) -> None:
    page.get_by_role("button", name=f"Thêm {list_label}").click()


def write_summary(page, text: str) -> None:
    editor_box = page.locator("[data-slate-editor]").last
    editor_box.click()
    page.keyboard.type(text)


TOASTS = ("Mục đã được lưu", "Không thể giữ lại mục", "Bạn còn thiếu vài thông tin bắt buộc")


def publish(page) -> str:
    """Save (Decap's "Công bố" > "Công bố ngay") and return the toast that answers."""
    # An earlier answer must not be read as this one's. Its toast is marked rather than closed: a toast
    # that is sliding in or out cannot be clicked (its close button is "not stable"), and CI hit that.
    page.evaluate("() => document.querySelectorAll('[class*=toast]').forEach(t => { t.dataset.seen = '1'; })")
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem", name="Công bố ngay").click()
    toast = page.locator(".Toastify__toast:not([data-seen])").filter(has_text=re.compile("|".join(TOASTS))).first
    toast.wait_for()
    return toast.inner_text()


def new_entry(page, url: str) -> None:
    page.goto(url + "#/collections/agreements", wait_until="commit")
    page.locator('a[href$="/collections/agreements/new"]').click()  # the collection's "＋ quy chế"
    page.locator("label").filter(has_text=re.compile("^Tên quy chế$")).wait_for()


def wait_for_file(path: Path, page, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            FAILED.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(FAILED))
            errors = [line for line in page.locator("body").inner_text().splitlines()
                      if "bắt buộc nhập" in line or "không khớp" in line or "phải" in line or "Không thể" in line]
            pytest.fail(f"the editor did not write {path} (screen: {FAILED}): {errors}")
        time.sleep(0.2)
    time.sleep(0.3)  # decap-server writes the file in one call; let it finish
    return path.read_text(encoding="utf-8")


def show_file(context, text: str, screenshots, name: str) -> None:
    """A screenshot of the file the editor wrote, as a reviewer sees it."""
    tab = context.new_page()
    tab.set_content(f"<!doctype html><meta charset=utf-8><pre style='font:15px sans-serif;white-space:pre-wrap'>{html.escape(text)}</pre>")
    screenshots(tab, name)
    tab.close()


def validate(repo: Path, *paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "registry", "validate", "--root", "agreements", *paths],
                          cwd=repo, capture_output=True, text=True, timeout=120)


# --- the tests (in order: the build at the end shows what the others wrote) -------------------------


def test_a_new_record_with_a_relation_through_the_form(editor, page, screenshots) -> None:
    repo, url, context = editor
    new_entry(page, url)
    field(page, "Tên quy chế").fill("Quy chế phối hợp giữa UBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn về giám sát")
    pick(page, "Tỉnh/thành", "Lạng", "Lạng Sơn")
    pick(page, "Cấp", "tinh", "tỉnh (tinh)")
    field(page, "Ngày ký").fill("2024-03-15")
    pick(page, "Nhiệm kỳ", "2021", "Nhiệm kỳ 2021–2026")
    add_item(page, "Các bên ký")
    pick(page, "Cơ quan (trong danh mục)", "Ủy ban nhân dân", "Ủy ban nhân dân (UBND)")
    add_item(page, "Các bên ký")
    pick(page, "Cơ quan (trong danh mục)", "Ủy ban Mặt trận", "Ủy ban Mặt trận Tổ quốc Việt Nam (UBMTTQ)")
    pick(page, "Nội dung phối hợp", "Giám sát", "Giám sát, khảo sát")
    add_item(page, "Quan hệ")
    pick(page, "Loại quan hệ", "phat-trien-tu", "phat-trien-tu")
    pick(page, "Quy chế trong sổ", "Đoàn ĐBQH", RELATED)
    add_item(page, "Nguồn")
    field(page, "Cơ quan, báo đăng tin").fill("Báo Lạng Sơn")
    field(page, "Tiêu đề bài").fill("Ký kết quy chế phối hợp giám sát")
    field(page, "Địa chỉ (http/https)").fill("https://baolangson.vn/ky-ket-quy-che-giam-sat")
    write_summary(page, "UBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn ký quy chế phối hợp giám sát.")
    screenshots(page, "cms-form-new")
    assert "Mục đã được lưu" in publish(page)
    text = wait_for_file(repo / "agreements" / f"{NEW}.md", page)
    show_file(context, text, screenshots, "cms-saved-file")
    assert text.startswith("---\ntitle: Quy chế phối hợp giữa UBND tỉnh")
    assert "parties:\n  - ubnd\n  - ubmttq\n" in text and f"target: {RELATED}\n" in text
    assert f"added: \"{dt.date.today().isoformat()}\"" in text and "__" not in text
    assert text.rstrip().endswith("ký quy chế phối hợp giám sát.")
    done = validate(repo, f"agreements/{NEW}.md")
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_empty_province_without_a_reason_is_refused_with_validates_message(editor, page, screenshots) -> None:
    repo, url, context = editor
    new_entry(page, url)
    field(page, "Tên quy chế").fill("Quy chế phối hợp công tác giữa Văn phòng Tỉnh ủy và Văn phòng UBND tỉnh")
    pick(page, "Cấp", "tinh", "tỉnh (tinh)")
    field(page, "Ngày ký").fill("XXXX-10-07")
    add_item(page, "Các bên ký")
    pick(page, "Cơ quan (trong danh mục)", "Văn phòng Tỉnh", "Văn phòng Tỉnh ủy")
    add_item(page, "Các bên ký")
    pick(page, "Cơ quan (trong danh mục)", "Văn phòng Ủy ban", "Văn phòng Ủy ban nhân dân")
    add_item(page, "Nguồn")
    field(page, "Cơ quan, báo đăng tin").fill("Báo Phú Thọ")
    field(page, "Tiêu đề bài").fill("Ký kết quy chế phối hợp giữa ba văn phòng")
    field(page, "Địa chỉ (http/https)").fill("https://baophutho.vn/ky-ket-quy-che-ba-van-phong")
    write_summary(page, "Văn phòng Tỉnh ủy và Văn phòng UBND tỉnh ký quy chế phối hợp; bài không nêu tỉnh.")
    refusal = publish(page)
    assert "province: để trống tỉnh thì phải thêm mục uncertain với field: province" in refusal
    if screenshots.enabled:
        page.wait_for_timeout(1000)  # the notification slides in from the right edge
    screenshots(page, "cms-refusal")
    assert "Bản ghi chưa hợp lệ, chưa lưu" in refusal
    assert not (repo / "agreements" / f"{UNKNOWN_PROVINCE}.md").exists()
    # saying why the province is empty makes the same record valid: it goes to chua-ro-tinh/
    add_item(page, "Điều chưa chắc chắn")
    pick(page, "Trường", "province", "Tỉnh/thành (province)")
    pick(page, "Lý do", "nguon-khong-neu", "nguồn không nêu (nguon-khong-neu)")
    field(page, "Ghi chú", -1).fill("Bài do Báo Phú Thọ đăng nhưng không nêu tên tỉnh.")
    assert "Mục đã được lưu" in publish(page)
    text = wait_for_file(repo / "agreements" / f"{UNKNOWN_PROVINCE}.md", page)
    assert "province: null\n" in text and "field: province\n" in text and 'signed: XXXX-10-07' in text
    done = validate(repo, f"agreements/{UNKNOWN_PROVINCE}.md")
    assert done.returncode == 0, done.stdout + done.stderr


def test_editing_an_existing_record_keeps_its_file_and_facts(editor, page, screenshots) -> None:
    repo, url, context = editor
    path = repo / "agreements" / f"{EDITED}.md"
    before = path.read_text(encoding="utf-8")
    page.goto(url + f"#/collections/agreements/entries/{EDITED}", wait_until="commit")
    page.reload(wait_until="commit")  # a fresh editor, not the draft of the previous entry
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value.startsWith('794/QCPH'))")
    assert field(page, "Số hiệu").input_value() == "794/QCPH-TTHĐND-UBND-BTTUBMTTQ"
    pick(page, "Nội dung phối hợp", "Giám sát", "Giám sát, khảo sát")
    screenshots(page, "cms-form-edit")
    assert "Mục đã được lưu" in publish(page)
    deadline = time.monotonic() + 90
    while path.read_text(encoding="utf-8") == before:
        assert time.monotonic() < deadline, "the edit was not saved"
        time.sleep(0.2)
    time.sleep(0.3)
    after = path.read_text(encoding="utf-8")
    assert "topics:\n  - giam-sat\n" in after and f"updated: \"{dt.date.today().isoformat()}\"" in after
    assert "number: 794/QCPH-TTHĐND-UBND-BTTUBMTTQ\n" in after and "province: lang-son\n" in after
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(p.name for p in (SEEDS / "lang-son").iterdir()) + [f"{NEW.split('/')[1]}.md"]
    done = validate(repo)  # the whole registry: relations between the records too
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_editors_screens_are_vietnamese(editor, page) -> None:
    """Decap's screens (the list, a record, a new record) scanned like a built page: no English UI
    word, no Vietnamese without diacritics (tests/vietnamese_ui.py; the format's keys and codes
    in the hints, such as source or tinh, are code), dnd-kit's drag texts included."""
    _, url, _ = editor
    page.goto(url + "#/collections/agreements", wait_until="commit")
    page.get_by_text("Quy chế phối hợp công tác giữa Đoàn ĐBQH").first.wait_for()
    screens = {"list": check_html(page.content(), codes=True)}
    page.goto(url + f"#/collections/agreements/entries/{EDITED}", wait_until="commit")
    page.reload(wait_until="commit")
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value.startsWith('794/QCPH'))")
    assert page.locator('[id^="DndDescribedBy-"]').count() > 0  # the lists' drag instructions are on the page
    screens["record"] = check_html(page.content(), codes=True)
    new_entry(page, url)
    screens["new"] = check_html(page.content(), codes=True)
    assert not any(screens.values()), {name: [str(f) for f in found] for name, found in screens.items()}


def test_the_built_site_shows_the_records_written_by_the_editor(editor, tmp_path) -> None:
    repo, _, _ = editor
    done = validate(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    records = {str(p.relative_to(repo / "agreements")): p.read_text(encoding="utf-8") for p in (repo / "agreements").rglob("*.md")}
    build = build_site(make_project(tmp_path, records), tmp_path / "site")
    assert build.returncode == 0, build.output
    for record_id in (NEW, UNKNOWN_PROVINCE, EDITED):
        page = tmp_path / "site" / "quy-che" / record_id / "index.html"
        assert page.is_file(), record_id
    new_page = (tmp_path / "site" / "quy-che" / NEW / "index.html").read_text(encoding="utf-8")
    assert "Quy chế phối hợp giữa UBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn về giám sát" in new_page
    assert f"quy-che/{RELATED}/" in new_page  # the relation, linked
    # one click from the public page: the editor on this record, and the issue form with its id
    assert f'href="../../../quan-tri/#/collections/agreements/entries/{NEW}"' in new_page
    report = "https://github.com/quychephoihop/so-quy-che-phoi-hop/issues/new?template=bao-sai-sot.yml&amp;"
    assert report in new_page and f"ma-ban-ghi={NEW.replace('/', '%2F')}" in new_page
    assert (tmp_path / "site" / "quan-tri" / "index.html").is_file()
