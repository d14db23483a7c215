"""Vietnamese everywhere: every built page, the strings our scripts put on pages, the editor's
form and the problems page are scanned for English UI words and for Vietnamese written without
diacritics (what is scanned, the word lists and the exclusions: tests/vietnamese_ui.py)."""

from __future__ import annotations

import json
from pathlib import Path

from vietnamese_ui import (
    FORMAT_PAGES,
    OUR_SCRIPTS,
    ROOT,
    Finding,
    check_html,
    check_script,
    check_text,
    script_texts,
    unaccented,
)

from registry.records.problems import Problem
from registry.site.rendering import problems_page


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_is_vietnamese(built_site):
    found = {}
    scanned = pages(built_site)
    for page in scanned:
        name = page.relative_to(built_site).as_posix()
        findings = check_html(page.read_text(encoding="utf-8"), codes=name in FORMAT_PAGES)
        if findings:
            found[name] = [str(f) for f in findings]
    # Every page of the site was read (the editor's index.html too), not a sample.
    assert len(scanned) > 60 and (built_site / "quan-tri" / "index.html") in scanned
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_our_scripts_and_the_editor_form_are_vietnamese(built_site):
    found = {}
    # The reader finds the texts (search.js alone shows some forty): it is not reading nothing.
    assert len(script_texts((ROOT / "docs" / "assets" / "search.js").read_text(encoding="utf-8"))) > 30
    for script in OUR_SCRIPTS:
        findings = check_script(script.read_text(encoding="utf-8"))
        if findings:
            found[str(script.relative_to(ROOT))] = [str(f) for f in findings]
    config = (built_site / "quan-tri" / "config.js").read_text(encoding="utf-8")
    form = json.loads(config.split("window.REGISTRY_CMS = ", 1)[1].rstrip().rstrip(";"))
    texts = list(_form_texts(form["config"]))
    assert len(texts) > 50
    findings = [f for where, text in texts for f in check_text(text, where, codes=True)]
    if findings:
        found["quan-tri/config.js"] = [str(f) for f in findings]
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_problems_page_is_vietnamese():
    """The page the preview server shows instead of the site when records have problems, with
    every problem of the golden invalid cases (the validator's messages)."""
    problems = []
    for expected in sorted((ROOT / "tests" / "cases" / "invalid").glob("*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            path, number, field, message = line.split(":", 3)
            problems.append(Problem(path, int(number), field.strip(), message.strip()))
    assert len(problems) > 50
    findings = check_html(problems_page(problems), codes=True)  # field names are the format's keys
    assert not findings, "\n".join(map(str, findings))


def _form_texts(node, key: str = ""):
    """(key, text) of every label, hint and description of the editor's configuration."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("label", "label_singular", "hint", "description") and isinstance(value, str):
                yield name, value
            else:
                yield from _form_texts(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _form_texts(item, key)


SAMPLE = """<!doctype html><html lang="vi"><head><title>Dong gop - Sổ</title>
<script id="__config" type="application/json">{"translations": {"clipboard.copy": "Copy to clipboard"}}</script>
</head><body>
<nav class="md-tabs" aria-label="Tabs"><a class="md-tabs__link" href="/">Trang chủ</a></nav>
<nav class="md-nav"><a class="md-nav__link" href="/mau/"><span class="md-ellipsis">Mau ban ghi</span></a></nav>
<a href="#top" title="Về đầu trang">Back to top</a>
<h1>Đóng góp</h1>
<p>Dữ liệu mở: <a href="https://github.com/x/y">https://github.com/x/y</a> trên GitHub, tải tệp quy-che.csv (CSV).</p>
<p>Nguồn: <cite lang="en">Search and Share: Tabs of the Provincial People's Council</cite> (tiếng Anh).</p>
<pre><button class="md-clipboard" title="Copy to clipboard"></button><code>Usage: Next Previous Dong gop</code></pre>
<p>An Giang, Gia Lai, Long An; Thanh tra; <a href="/lang-son/">lang-son</a></p>
<p>Xem thêm ở trang <a href="/dong-gop/">Huong dan</a> và <code>tinh-thanh/</code>.</p>
<input type="search" placeholder="Type to start searching">
<img src="x.png" alt="Tim kiem">
</body></html>"""


def test_the_checker_reports_english_words_and_missing_diacritics():
    problems = {(f.where, f.problem, f.text) for f in check_html(SAMPLE)}
    # Everything wrong in the sample, and nothing else: not the English <cite>, the code, the
    # URL, the file name, the slug, GitHub/CSV, nor the names correct without marks.
    assert problems == {
        ("heading", "tiếng Việt không dấu", "Dong gop - Sổ"),  # the page title before the site name
        ("translations", "English: Copy to clipboard", "Copy to clipboard"),
        ("@title", "English: Copy to clipboard", "Copy to clipboard"),  # a button a script put in a <pre>
        ("@aria-label", "English: Tabs", "Tabs"),
        ("heading", "tiếng Việt không dấu", "Mau ban ghi"),
        ("text", "English: Back to top", "Back to top"),
        ("@placeholder", "English: Type to start searching", "Type to start searching"),
        ("@alt", "tiếng Việt không dấu", "Tim kiem"),
        ("text", "tiếng Việt không dấu", "Huong dan"),  # body text too
    }, sorted(problems)
    assert unaccented("Tinh/thanh") and not unaccented("Tỉnh/thành") and not unaccented("Kon Tum, Gia Lai")
    assert check_script('el.textContent = "Dong gop"; x.title = `Show ${n} more`; k = "nhiem-ky";') == [
        Finding("script", "Dong gop", "tiếng Việt không dấu"),
        Finding("script", "Show more", "English: Show"),
        Finding("script", "Show more", "English: more"),
    ]


def test_what_the_scripts_write_into_pages_is_vietnamese(open_page, site_server):
    """The search page and the header box as the scripts leave them in Chromium (status lines,
    the reading of a query with its buttons, the filters, results), scanned like a built page."""
    page = open_page()
    found = {}
    status = "document.querySelector('[data-sqc-status]').textContent"
    for query in ("lang son 2022 giám sát", "xyzq"):
        page.goto(site_server + "tim-kiem/?q=" + query.replace(" ", "+"))
        page.wait_for_function(f"() => /kết quả|Không tìm thấy|Không có quy chế/.test({status})")
        page.click(".sqc-search__toggle")
        page.locator(".sqc-filter").first.wait_for()
        found[query] = [str(f) for f in check_html(page.content())]
    assert page.locator(".sqc-chip").count() == 0  # "xyzq" is read as a word: no facet button
    page.goto(site_server + "tim-kiem/?q=Đoàn+ĐBQH+Lạng+Sơn")  # each facet's button names its words
    page.locator(".sqc-chip").nth(1).wait_for()
    found["chips"] = [str(f) for f in check_html(page.content())]
    page.goto(site_server + "gioi-thieu/")
    page.locator(".md-header .sqc-header__input").press_sequentially("lang son", delay=20)
    page.locator(".sqc-header__panel .sqc-result").first.wait_for()
    found["header"] = [str(f) for f in check_html(page.content())]
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)
