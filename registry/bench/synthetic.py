"""Synthetic but realistic registries, for the benchmark (never for the real data).

Records are valid against the schema and the vocabularies, spread over all 34
current and 63 former provinces, all standard terms, realistic party
combinations, topics, relations and Vietnamese text of realistic length.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from registry.records.vocab import MERGER_DATE, Vocabularies, load_vocabularies

PARTY_COMBINATIONS = [
    ["tt-hdnd", "ubnd", "ubmttq"],
    ["tt-hdnd", "ubnd", "btt-ubmttq"],
    ["doan-dbqh", "tt-hdnd", "ubnd", "btt-ubmttq"],
    ["hdnd", "ubmttq"],
    ["ubnd", "ubmttq"],
    ["doan-dbqh", "ubmttq"],
    ["dang-doan-hdnd", "bcs-dang-ubnd"],
    ["vp-tinh-uy", "vp-doan-dbqh-hdnd", "vp-ubnd"],
    ["tt-hdnd", "ubnd"],
    ["ubnd", "toa-an", "vien-kiem-sat"],
]
# (term, first day, last day) of plausible signing dates.
TERMS = [
    ("2016-2021", dt.date(2016, 7, 1), dt.date(2021, 5, 31)),
    ("2021-2026", dt.date(2021, 7, 1), dt.date(2026, 2, 28)),
    ("2026-2031", dt.date(2026, 3, 1), dt.date(2026, 10, 31)),
]
SENTENCES = [
    "Quy chế quy định nguyên tắc, nội dung và phương thức phối hợp giữa các cơ quan trong thực hiện nhiệm vụ chính trị của địa phương.",
    "Các bên thống nhất chế độ giao ban định kỳ, trao đổi thông tin và báo cáo kết quả phối hợp sáu tháng, hằng năm.",
    "Nội dung phối hợp gồm tiếp xúc cử tri, giám sát, phản biện xã hội, tiếp công dân và giải quyết khiếu nại, tố cáo.",
    "Việc phối hợp bảo đảm sự lãnh đạo của Đảng, tuân thủ pháp luật và không làm phát sinh thủ tục hành chính.",
    "Hội nghị ký kết có sự tham dự của lãnh đạo Thường trực HĐND, UBND, Ủy ban MTTQ Việt Nam và Đoàn ĐBQH.",
    "Quy chế có hiệu lực kể từ ngày ký và được sơ kết giữa nhiệm kỳ, tổng kết vào cuối nhiệm kỳ.",
]
UNIT_KINDS = ["Xã", "Phường", "Xã", "Xã", "Thị trấn"]
UNIT_NAMES = ["Tân Lập", "Hòa Bình", "Đồng Tâm", "Quang Trung", "Bắc Sơn", "Yên Thế", "Đại Đồng", "Minh Khai",
              "Hưng Đạo", "Thống Nhất", "Kim Liên", "Ea Kar", "Phước Long", "Thạnh Hóa", "Đông Hưng"]


def generate(root: Path, count: int, seed: int = 2026, vocab: Vocabularies | None = None) -> list[Path]:
    """Write `count` records under `root` (an agreements folder); return their paths."""
    vocab = vocab or load_vocabularies()
    rng = random.Random(seed)
    written, by_province, taken = [], {}, set()
    for number in range(count):
        record = _record(rng, vocab, number)
        while (key := _identity(record)) in taken:  # the validator rejects look-alike records
            record = _record(rng, vocab, number)
        taken.add(key)
        earlier = by_province.get(record["province"], [])
        if earlier and rng.random() < 0.1:
            record["relations"] = [{"type": "phat-trien-tu", "target": rng.choice(earlier)}]
        path = root / record["province"] / f"{record['signed']}-so-{number:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_to_markdown(record, rng), encoding="utf-8")
        by_province.setdefault(record["province"], []).append(f"{record['province']}/{path.stem}")
        written.append(path)
    return written


def _record(rng: random.Random, vocab: Vocabularies, number: int) -> dict:
    term, first, last = rng.choice(TERMS)
    signed = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    table = vocab.former if signed < MERGER_DATE else vocab.current
    province = rng.choice(sorted(table.values(), key=lambda p: p.slug))
    # Districts were abolished on 01/07/2025: no district-level record after that.
    levels = {"tinh": 3, "huyen": 2, "xa": 5} if signed < MERGER_DATE else {"tinh": 3, "xa": 5}
    level = rng.choices(list(levels), weights=list(levels.values()))[0]
    return {
        "title": f"Quy chế phối hợp công tác số {number} giữa các cơ quan {_level_name(level)} {province.name}, nhiệm kỳ {term}",
        "number": f"{number}/QCPH-{rng.choice(['HĐND-UBND', 'UBND-MTTQ', 'ĐBQH-HĐND'])}" if rng.random() < 0.4 else None,
        "province": province.slug,
        "level": level,
        "unit": f"{rng.choice(UNIT_KINDS)} {rng.choice(UNIT_NAMES)} {rng.randint(1, 99)}" if level != "tinh" else None,
        "signed": signed.isoformat(),
        "term": term,
        "parties": rng.choice(PARTY_COMBINATIONS),
        "topics": rng.sample(sorted(vocab.topics), rng.randint(2, 6)),
        "structure": {"chapters": rng.randint(2, 5), "articles": rng.randint(8, 25)},
        # Stated only as a source says it (status_source); otherwise the site derives it.
        "status": rng.choice(["con-hieu-luc", "het-hieu-luc", None]),
    }


def _identity(record: dict) -> tuple:
    return record["province"], record["unit"], record["signed"], tuple(sorted(record["parties"]))


def _level_name(level: str) -> str:
    return {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}[level]


def _to_markdown(record: dict, rng: random.Random) -> str:
    lines = ["---", f"title: {record['title']}", f"number: {record['number'] or 'null'}"]
    lines += [f"{key}: {record[key]}" for key in ("province", "level", "signed", "term")]
    if record["status"]:
        lines += [f"status: {record['status']}", "status_source: 1"]
    if record["unit"]:
        lines.append(f"unit: {record['unit']}")
    lines.append(f"parties: [{', '.join(record['parties'])}]")
    lines.append(f"topics: [{', '.join(record['topics'])}]")
    lines += ["structure:", f"  chapters: {record['structure']['chapters']}", f"  articles: {record['structure']['articles']}"]
    lines += ["events:", "  - kind: ky-ket", f"    date: {record['signed']}", "    source: 1"]
    for relation in record.get("relations", []):
        lines += ["relations:", f"  - type: {relation['type']}", f"    target: {relation['target']}"]
    lines += [
        "sources:", "  - publisher: Cổng Thông tin điện tử tỉnh", f"    title: Ký kết {record['title'][:80]}",
        f"    date: {record['signed']}", f"    url: https://example.gov.vn/tin/{record['signed']}",
    ]
    if rng.random() < 0.15:
        lines += ["uncertain:", "  - field: signed", "    reason: nam-suy-luan", "    note: Năm lấy theo ngày đăng bài."]
    lines += ["added: 2026-11-01", "---", " ".join(rng.sample(SENTENCES, 4)), ""]
    return "\n".join(lines)
