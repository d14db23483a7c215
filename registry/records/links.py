"""Source links: public http(s) addresses whose host every parser reads the same way.

The schema only asks for 'http(s)://' and no spaces. Python's urllib and browsers (the WHATWG
URL standard) disagree on some strings: 'https://a.vn\\@b.vn/' is host b.vn for urllib and
a.vn for a browser; '2130706433' or '0x7f.1' is a name for urllib and 127.0.0.1 for a
browser; a full-width dot (U+FF0E) is a dot for a browser only. A source link must therefore
have no user name or password, no backslash, and a host that is either a plain DNS name
(letters, digits, hyphens; IDN labels allowed, shown as written and as punycode) or a public
IP address written canonically. Loopback, private, link-local and reserved addresses and
names (localhost, *.local, single-label intranet names) are not public sources.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
# One DNS label: letters (any script) or digits, hyphens inside, at most 63 characters.
_LABEL = re.compile(r"^(?!-)[^\W_]+(?:-+[^\W_]+)*$")
_IPV4 = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")
# WHATWG parses a host whose last label is a number (decimal, 0x-hex, octal) as an IPv4 address.
_NUMERIC_LABEL = re.compile(r"^(\d+|0[xX][0-9a-fA-F]*)$")
# IDNA 2003 (Python) and UTS 46 (browsers) map these four differently.
_DEVIATIONS = set("ßς\u200c\u200d")
_SPECIAL_NAMES = ("localhost", "local", "internal", "intranet", "lan", "home", "corp", "test",
                  "example", "invalid", "onion", "arpa", "home.arpa")


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable public source link, in Vietnamese; None when it is."""
    if not _SCHEME.match(url):
        return None  # the schema reports the scheme
    if "\\" in url:
        return "liên kết có dấu gạch chéo ngược (\\), trình duyệt đọc khác; hãy dùng dấu /"
    authority = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in authority:
        return "liên kết không được chứa tên người dùng hoặc mật khẩu (phần trước @); hãy bỏ phần đó"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return "liên kết có tên máy chủ hoặc cổng không hợp lệ"
    host = parts.hostname or ""
    if not host:
        return "liên kết thiếu tên máy chủ (ví dụ https://baolangson.vn/...)"
    if host.startswith("[") or ":" in host:
        return _ip_problem(host.strip("[]"))
    return _name_problem(host)


def _ip_problem(text: str) -> str | None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return "liên kết có địa chỉ IP không hợp lệ"
    if not address.is_global:
        return f"liên kết trỏ tới địa chỉ nội bộ ({address}), không phải trang công khai"
    return None


def _name_problem(host: str) -> str | None:
    if unicodedata.normalize("NFKC", host).lower() != host.lower() or _DEVIATIONS & set(host):
        return (f"tên máy chủ '{host}' có ký tự mà trình duyệt và các chương trình đọc khác nhau "
                "(chữ toàn độ rộng, dấu chấm lạ, ß…); hãy viết bằng chữ thường")
    name = host.rstrip(".")
    labels = name.split(".")
    if _IPV4.match(name):
        return _ip_problem(name)
    if _NUMERIC_LABEL.match(labels[-1]):
        return f"tên máy chủ '{host}' kết thúc bằng số: trình duyệt đọc thành một địa chỉ IP; hãy viết tên miền"
    if not all(_LABEL.match(label) and len(label) <= 63 for label in labels):
        return f"tên máy chủ '{host}' không hợp lệ; tên miền chỉ gồm chữ, số và gạch ngang, nối bằng dấu chấm"
    if len(labels) < 2 or name in _SPECIAL_NAMES or any(name.endswith("." + n) for n in _SPECIAL_NAMES):
        return f"'{host}' không phải tên miền công khai (máy nội bộ hoặc tên dành riêng)"
    try:
        name.encode("idna")
    except UnicodeError:
        return f"tên miền quốc tế '{host}' không chuyển được sang dạng punycode"
    return None


def punycode_host(url: str | None) -> str:
    """The punycode form of an IDN host ('xn--…'), or '' for an ASCII host or no URL."""
    host = urlsplit(url).hostname or "" if url else ""
    if host.isascii():
        return ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def display_host(url: str) -> str:
    """The host as written, with its punycode form when it is an IDN: 'bộ.vn (xn--b-1ga.vn)'."""
    host, ascii_form = urlsplit(url).hostname or "", punycode_host(url)
    return f"{host} ({ascii_form})" if ascii_form else host


def check_links(ctx) -> None:
    """Every source link of one record (a validate check over `ctx.data`)."""
    sources = ctx.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        url = source.get("url") if isinstance(source, dict) else None
        if isinstance(url, str):
            problem = url_problem(url)
            if problem:
                ctx.report(("sources", index, "url"), problem)
