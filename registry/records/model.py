"""The registry in memory: agreements with resolved vocabularies and relations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from registry.records.text import parse_iso_date
from registry.records.vocab import Party, Province, Topic, Vocabularies

UNKNOWN_PROVINCE_FOLDER = "chua-ro-tinh"

STATUS_NAMES = {
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc": "Hết hiệu lực",
    "bi-thay-the": "Bị thay thế",
    "chua-ro": "Chưa rõ",
}
LEVEL_NAMES = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
EVENT_NAMES = {
    "ky-ket": "Ký kết",
    "so-ket": "Sơ kết",
    "tong-ket": "Tổng kết",
    "sua-doi": "Sửa đổi, bổ sung",
    "ban-hanh": "Ban hành",
    "trien-khai": "Triển khai",
    "khac": "Sự kiện khác",
}
UNCERTAIN_NAMES = {
    "chua-ro": "chưa rõ",
    "suy-luan": "suy luận, chưa được nguồn nêu trực tiếp",
    "nam-suy-luan": "năm được suy luận",
    "nguon-khong-neu": "nguồn không nêu",
    "can-kiem-tra": "cần kiểm tra",
}
# Relation type -> (label on the record that states it, label on its target).
RELATION_NAMES = {
    "phat-trien-tu": ("Xây dựng trên cơ sở", "Được phát triển thành"),
    "thay-the": ("Thay thế", "Bị thay thế bởi"),
    "sua-doi": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
}


def reference_date(data: dict) -> dt.date | None:
    """The date that decides which province a record means (former or current unit).

    The signing date; else the earliest dated event; else the start of the term.
    """
    dates = [data.get("signed")] + sorted(
        e.get("date") for e in data.get("events") or [] if isinstance(e, dict) and isinstance(e.get("date"), str)
    )
    for value in dates:
        parsed = parse_iso_date(value) if isinstance(value, str) else None
        if parsed:
            return parsed
    term = data.get("term")
    return dt.date(int(term[:4]), 1, 1) if isinstance(term, str) and term[:4].isdigit() else None


@dataclass
class Agreement:
    """One validated record. `data` is the front matter exactly as written."""

    id: str
    path: str
    data: dict
    summary: str
    province_unit: Province | None = None

    def get(self, key: str, default=None):
        value = self.data.get(key)
        return default if value is None else value

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def signed(self) -> dt.date | None:
        return parse_iso_date(self.data["signed"]) if self.data.get("signed") else None

    @property
    def year(self) -> int | None:
        return self.signed.year if self.signed else None

    @property
    def parties(self) -> list[str]:
        return self.data["parties"]

    @property
    def uncertain_fields(self) -> dict[str, dict]:
        return {entry["field"]: entry for entry in self.get("uncertain", [])}

    @property
    def sort_date(self) -> str:
        """Signing date for ordering; unknown dates sort last in 'newest first' lists."""
        return self.data.get("signed") or "0000-00-00"


@dataclass(frozen=True)
class Relation:
    label: str
    other: Agreement
    note: str | None = None


@dataclass
class Registry:
    agreements: list[Agreement]
    vocab: Vocabularies
    by_id: dict[str, Agreement] = field(default_factory=dict)
    _incoming: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.agreements.sort(key=lambda a: a.id)
        self.by_id = {a.id: a for a in self.agreements}
        for agreement in self.agreements:
            for relation in agreement.get("relations", []):
                self._incoming.setdefault(relation["target"], []).append(
                    (relation["type"], agreement.id, relation.get("note"))
                )

    def __len__(self) -> int:
        return len(self.agreements)

    def relations_of(self, agreement: Agreement) -> list[Relation]:
        """Relations both ways: those the record states and those pointing at it."""
        outgoing = [
            Relation(RELATION_NAMES[r["type"]][0], self.by_id[r["target"]], r.get("note"))
            for r in agreement.get("relations", [])
        ]
        incoming = [
            Relation(RELATION_NAMES[kind][1], self.by_id[source], note)
            for kind, source, note in self.incoming(agreement.id)
        ]
        return outgoing + incoming

    def incoming(self, agreement_id: str) -> list[tuple[str, str, str | None]]:
        """Relations other records state towards this one: (type, source id, note)."""
        return self._incoming.get(agreement_id, [])

    def parties_of(self, agreement: Agreement) -> list[Party]:
        return [self.vocab.parties[code] for code in agreement.parties]

    def topics_of(self, agreement: Agreement) -> list[Topic]:
        return [self.vocab.topics[code] for code in agreement.get("topics", [])]

    def successor_of(self, agreement: Agreement) -> Province | None:
        unit = agreement.province_unit
        return self.vocab.successor_of(unit) if unit else None

    def newest_first(self, agreements: list[Agreement] | None = None) -> list[Agreement]:
        items = self.agreements if agreements is None else agreements
        return sorted(items, key=lambda a: (a.sort_date, a.id), reverse=True)
