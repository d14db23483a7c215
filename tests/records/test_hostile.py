"""Hostile input that the golden cases cannot hold (FIFOs, rendering time) and the policy's units.

What validates must build: the summary renderer is linear on pathological bodies of the maximum
size, any number of images renders, a FIFO is reported without being opened, and the link and
text policies give one message per class.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from registry.records.links import display_host, url_problem
from registry.records.loader import load_registry
from registry.records.textpolicy import MAX_SUMMARY_CHARS, body_problems, value_problem
from registry.site.rendering import render_summary

TODAY = dt.date(2026, 11, 23)
CASES = Path(__file__).parents[1] / "cases"


def _max(unit: str) -> str:
    return (unit * (MAX_SUMMARY_CHARS // len(unit) + 1))[:MAX_SUMMARY_CHARS]


# Bodies of the maximum size that Python-Markdown handled in quadratic time or worse (before:
# 16 s for 8 KB of '[', minutes at 20 KB) or that overflowed its stack ('1. 1. 1. …').
PATHOLOGICAL = {
    "brackets": _max("["),
    "bracket-paren": _max("[]("),
    "open-link": _max("[a]("),
    "image-brackets": _max("!["),
    "words-in-brackets": _max("[a "),
    "reference": _max("[a]["),
    "link-title": _max('[a](b "'),
    "link-spaces": _max("[a](b" + " " * 50),
    "valid-links": _max("[a](https://a.vn/x) "),
    "images": _max("![a](https://a.vn/i.png) "),
    "emphasis": _max("**a*"),
    "backticks": "".join("`" * n + "a" for n in range(1, 200))[:MAX_SUMMARY_CHARS],
    "autolinks": _max("<http://"),
    "quotes": _max("> " * 8 + "a\n\n"),
    "list-items": _max("- a\n\n"),
    "headings": _max("# a\n\n"),
    # The longest paragraphs allowed, full of what makes the block parser re-read the paragraph.
    "setext-paragraphs": _max("a\n=\n" * 100 + "\n"),
    "rule-paragraphs": _max("***\n" * 200 + "\n"),
    "nested-lists": _max("1. " * 8 + "a\n\n"),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_summaries_of_the_maximum_size_render_in_bounded_time(name):
    text = PATHOLOGICAL[name]
    assert list(body_problems(text)) == [], "the body must be one that validates"
    started = time.process_time()  # CPU time: other processes on a busy machine do not count
    html = render_summary(text)
    # Linear: 0.1-0.8 s of CPU here. The bound is loose on purpose (slow CI machines); before
    # the fix the first case took minutes.
    assert time.process_time() - started < 5, name
    assert html.startswith("<") and "<img" not in html and "<script" not in html


@pytest.mark.parametrize("text", ["1. " * 50, "+ " * 50, "> - " * 20, "a\n=\n" * 150, "***\n" * 300])
def test_what_python_markdown_cannot_render_is_refused_by_validate(text):
    """Deep nesting overflows the stack, long paragraphs of headings/rules are quadratic."""
    assert [message for _, message in body_problems("Tóm tắt.\n\n" + text)]


def test_any_number_of_images_becomes_their_alt_text():
    html = render_summary("Ảnh ![a](https://a.vn/1.png) và ![b](x) rồi ![c](y)![d](z) cuối.\n\n![e](x)")
    assert html == "<p>Ảnh a và b rồi cd cuối.</p>\n<p>e</p>"


def test_links_keep_working_with_the_bounded_parser():
    html = render_summary('[bài](https://a.vn/x_(y) "tiêu đề") [x](javascript:alert(1)) <https://b.vn> [r]\n\n[r]: https://c.vn')
    assert '<a href="https://a.vn/x_(y)" rel="nofollow noopener">bài</a>' in html
    assert "<span>x</span>" in html and '<a href="https://b.vn" rel="nofollow noopener">https://b.vn</a>' in html
    assert '<a href="https://c.vn" rel="nofollow noopener">r</a>' in html


def test_a_fifo_is_reported_without_being_opened(tmp_path):
    folder = tmp_path / "agreements" / "lang-son"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2022-05-06-tt-hdnd-ubnd.md")
    signal.alarm(20)  # reading a FIFO would block for ever
    try:
        result = load_registry(tmp_path / "agreements", today=TODAY)
    finally:
        signal.alarm(0)
    assert [str(p) for p in result.problems] == [
        "agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md:1: file: không phải tệp thường (FIFO, socket hay thiết bị); hãy thay bằng tệp .md thật"
    ]


def test_a_missing_or_linked_records_folder_is_a_problem(tmp_path):
    assert [p.message for p in load_registry(tmp_path / "agreements").problems] == [
        "không có thư mục bản ghi (cần một thư mục thật, không phải symlink)"
    ]


def test_the_golden_symbolic_link_is_committed_as_a_link():
    assert (CASES / "invalid/not-record-files/agreements/bac-giang").is_symlink()


@pytest.mark.parametrize(("value", "class_"), [
    ("Quy chế\x07", "điều khiển không in được (U+0007)"),
    ("Quy chế\x9b", "điều khiển không in được (U+009B)"),
    ("Quy chế\ufffe", "U+FFFE"),
    ("Quy chế\U0010ffff", "U+10FFFF"),
    ("Quy chế\ufdd0", "U+FDD0"),
    ("\u202eQuy chế", "hướng chữ (U+202E)"),
    ("Quy chế\u2066", "hướng chữ (U+2066)"),
    ("\u200b\u200b\u200b\u200b", "vô hình"),
    ("\u3164\u3164", "vô hình"),
    ("   ", "vô hình"),
])
def test_one_message_per_class(value, class_):
    assert class_ in value_problem(value)


@pytest.mark.parametrize("value", ["Quy chế phối hợp", "Hòa Bình – Phú Thọ", "Tab\tvà\nxuống dòng", "😀 emoji", "ZWJ 👩\u200d💻"])
def test_ordinary_text_passes(value):
    assert value_problem(value) is None


@pytest.mark.parametrize("url", [
    "https://baolangson.vn/ky-ket", "http://www.bacninh.gov.vn/a?b=1#c", "https://bộ-tư-pháp.vn/tin",
    "https://xn--b-t-php-mwa37p164l.vn/", "https://203.113.131.1/x", "https://baolangson.vn:8443/a",
    "https://baolangson.vn./a",
])
def test_public_links_pass(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(("url", "why"), [
    ("https://u:p@a.vn/", "tên người dùng"), ("https://a.vn@b.vn/", "tên người dùng"),
    ("https://a.vn\\@b.vn/", "gạch chéo ngược"), ("http://127.0.0.1/", "nội bộ"), ("http://[::1]/", "nội bộ"),
    ("http://169.254.169.254/", "nội bộ"), ("http://192.168.1.1/", "nội bộ"), ("http://[fe80::1]/", "nội bộ"),
    ("http://localhost/", "công khai"), ("http://a.localhost/", "công khai"), ("http://intranet/", "công khai"),
    ("http://2130706433/", "kết thúc bằng số"), ("http://0x7f.1/", "kết thúc bằng số"), ("http://1.2.3.08/", "kết thúc bằng số"),
    ("https://a\uff0evn/", "trình duyệt"), ("https://ＡＢ.vn/", "trình duyệt"), ("https://faß.de/", "trình duyệt"),
    ("https://a_b.vn/", "không hợp lệ"), ("https://a.vn:99999/", "cổng"), ("https://%61.vn/", "không hợp lệ"),
])
def test_links_that_are_not_public_or_read_differently_are_refused(url, why):
    problem = url_problem(url)
    assert problem and why in problem, (url, problem)


def test_an_idn_is_shown_as_written_and_as_punycode():
    assert display_host("https://bộ-tư-pháp.vn/tin") == "bộ-tư-pháp.vn (xn--b-t-php-mwa37p164l.vn)"
    assert display_host("https://baolangson.vn/") == "baolangson.vn"


def test_an_idn_source_link_shows_its_punycode_on_the_record_page(tmp_path):
    from registry.site import pages as site

    text = (CASES / "valid/minimal/agreements/lang-son/2022-05-06-tt-hdnd-ubnd.md").read_text(encoding="utf-8")
    folder = tmp_path / "agreements" / "lang-son"
    folder.mkdir(parents=True)
    (folder / "2022-05-06-tt-hdnd-ubnd.md").write_text(text.replace("https://baolangson.vn/ky-ket", "https://bộ-tư-pháp.vn/tin"), encoding="utf-8")
    result = load_registry(tmp_path / "agreements", today=TODAY)
    assert result.ok, result.problems
    pages = {p.uri: p.content for p in site.build_pages(result.registry, repo_url="https://github.com/x/y", edit_uri="edit/main/",
                                                        site_url="https://example.org/")}
    page = next(content for uri, content in pages.items() if "2022-05-06-tt-hdnd-ubnd" in uri)
    assert ">https://bộ-tư-pháp.vn/tin</a> (tên miền quốc tế, dạng punycode: <code>xn--b-t-php-mwa37p164l.vn</code>)" in page
