"""The registry in memory: agreements with resolved vocabularies and relations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from registry.records.text import PartialDate, format_partial_date_vi, parse_edtf, slugify
from registry.records.vocab import Party, Province, Topic, Vocabularies

UNKNOWN_PROVINCE_FOLDER = "chua-ro-tinh"

# Status as shown: written (con-hieu-luc, het-hieu-luc: only with status_source) or derived
# from relations (bi-thay-the, duoc-sua-doi), otherwise chua-ro.
STATUS_NAMES = {
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc": "Hết hiệu lực",
    "bi-thay-the": "Bị thay thế",
    "duoc-sua-doi": "Được sửa đổi, bổ sung",
    "chua-ro": "Chưa rõ",
}
LEVEL_NAMES = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã", "trung-uong": "trung ương"}
KIND_NAMES = {
    "quy-che-phoi-hop": "Quy chế phối hợp",
    "quy-che-lien-tich": "Quy chế liên tịch",
    "chuong-trinh-phoi-hop": "Chương trình phối hợp",
    "ke-hoach-phoi-hop": "Kế hoạch phối hợp",
    "thoa-thuan-phoi-hop": "Thỏa thuận phối hợp",
}
DEFAULT_KIND = "quy-che-phoi-hop"
LANGUAGE_NAMES = {"vi": "tiếng Việt", "en": "tiếng Anh"}
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
    # not written in records: open questions the site finds itself
    "ngoai-danh-muc": "cơ quan chưa có trong danh mục (ghi theo tên trong nguồn)",
    "thieu-lien-ket": "nguồn chưa có địa chỉ http(s)",
}
# Uncertain reasons that leave a question open for editors (the "Cần bổ sung" list). The others
# (suy-luan, nam-suy-luan, nguon-khong-neu) say how a fact was obtained or that the source is
# silent: they are shown on the record page, not listed as work to do.
OPEN_REASONS = ("chua-ro", "can-kiem-tra")
# Facts whose absence (null) is an open question unless an `uncertain` entry explains it.
MISSING_IS_OPEN = ("signed", "province")
# Relation type -> (label on the record that states it, label on its target).
RELATION_NAMES = {
    "phat-trien-tu": ("Xây dựng trên cơ sở", "Được phát triển thành"),
    "thay-the": ("Thay thế", "Bị thay thế bởi"),
    "sua-doi": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
}


def suggested_year(data: dict, field: str = "signed") -> int | None:
    """The year an `uncertain` entry (reason nam-suy-luan) suggests for a date without a year."""
    for entry in data.get("uncertain") or []:
        if isinstance(entry, dict) and entry.get("field") == field and entry.get("reason") == "nam-suy-luan":
            value = str(entry.get("suggested") or "")
            if value[:4].isdigit():
                return int(value[:4])
    return None


def reference_date(data: dict) -> dt.date | None:
    """The date that decides which province a record means (former or current unit).

    The signing date (a partial one counts from its first day; a date without a year takes
    the suggested year); else the earliest dated event; else the start of the term or period.
    """
    signed = parse_edtf(data.get("signed"))
    if signed and signed.earliest(suggested_year(data)):
        return signed.earliest(suggested_year(data))
    events = [parse_edtf(e.get("date")) for e in data.get("events") or [] if isinstance(e, dict)]
    dated = sorted(d.earliest() for d in events if d and d.year)
    if dated:
        return dated[0]
    for key in ("term", "period"):
        value = data.get(key)
        if isinstance(value, str) and value[:4].isdigit():
            return dt.date(int(value[:4]), 1, 1)
    return None


def file_stems(signed: str | None, term: str | None, party_codes: list[str], unit: str | None = None) -> list[str]:
    """File names (without '-2' and '.md') that agree with the front matter, the usual one first.

    '<signed, lowercase>[-<unit>]-<party codes in front-matter order>': 'xxxx-10-14-hdnd-ubmttq',
    '2024-03-15-xa-tan-lap-ubnd-ubmttq'. Without a signing date: 'nhiem-ky-<term>-…' or
    'chua-ro-ngay-…'. A district or commune unit may be in the name (communes sign the same
    combination on the same day); more than five parties may be shortened to the first two and
    'cac-co-quan'."""
    joined = ["-".join(party_codes) or "chua-ro-cac-ben"]
    if len(party_codes) > 5:  # a long list may be shortened: the first two and "các cơ quan"
        joined.append("-".join([*party_codes[:2], "cac-co-quan"]))
    if signed:
        dates = [signed.lower()]
    else:
        dates = ([f"nhiem-ky-{term}"] if term else []) + ["chua-ro-ngay"]
    middles = [f"-{slugify(unit)}", ""] if unit else [""]
    return [f"{date}{middle}-{codes}" for codes in joined for date in dates for middle in middles]


def party_codes_of(parties: list) -> list[str]:
    """The code of each party item in order (a named-only body contributes none)."""
    return [p if isinstance(p, str) else p.get("party") for p in parties
            if isinstance(p, str) or (isinstance(p, dict) and p.get("party"))]


@dataclass(frozen=True)
class PartyItem:
    """One entry of `parties`: a vocabulary code, or a mapping with a name, level, unit or count."""

    code: str | None
    name: str | None = None
    level: str | None = None
    unit: str | None = None
    count: int | None = None

    @classmethod
    def of(cls, entry) -> PartyItem:
        if isinstance(entry, str):
            return cls(entry)
        return cls(entry.get("party"), entry.get("name"), entry.get("level"), entry.get("unit"), entry.get("count"))

    @property
    def named_only(self) -> bool:
        """A body not in the vocabulary, kept as the source writes it."""
        return self.code is None

    def label(self, vocab_party=None, record_level: str | None = None) -> str:
        """'Thường trực HĐND 15 phường', 'Báo và Phát thanh, Truyền hình Thanh Hóa' (Vietnamese)."""
        if self.name:
            base = self.name
        else:
            base = vocab_party.name if vocab_party else (self.code or "")
            if self.unit:
                base = f"{base} {self.unit}"
            elif self.level and self.level != record_level:
                base = f"{base} {LEVEL_NAMES.get(self.level, self.level)}"
        if self.count and not self.unit:
            base = f"{base} ({self.count} cơ quan)"
        return base


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
        """The signing date when day, month and year are all stated."""
        parsed = self.signed_date
        return parsed.full if parsed else None

    @property
    def signed_date(self) -> PartialDate | None:
        return parse_edtf(self.data.get("signed"))

    @property
    def suggested_year(self) -> int | None:
        """Year inferred for a signing date written without one (uncertain: nam-suy-luan)."""
        parsed = self.signed_date
        return suggested_year(self.data) if parsed and parsed.year is None else None

    @property
    def year(self) -> int | None:
        """The signing year the source states (never an inferred one)."""
        parsed = self.signed_date
        return parsed.year if parsed else None

    @property
    def signed_text(self) -> str:
        """'14/10/2021', '14/10, chưa rõ năm, có thể năm 2021', 'chưa rõ'."""
        year = self.suggested_year
        return format_partial_date_vi(self.data.get("signed"), str(year) if year else None)

    @property
    def kind(self) -> str:
        return self.data.get("kind") or DEFAULT_KIND

    @property
    def party_items(self) -> list[PartyItem]:
        return [PartyItem.of(entry) for entry in self.data["parties"]]

    @property
    def parties(self) -> list[str]:
        """Vocabulary codes of the parties, each once, in front-matter order (named-only bodies left out)."""
        codes = []
        for item in self.party_items:
            if item.code and item.code not in codes:
                codes.append(item.code)
        return codes

    @property
    def named_only_parties(self) -> list[str]:
        return [item.name for item in self.party_items if item.named_only and item.name]

    @property
    def uncertain_fields(self) -> dict[str, dict]:
        return {entry["field"]: entry for entry in self.get("uncertain", [])}

    @property
    def open_questions(self) -> list[tuple[str, str | None, str | None]]:
        """(field, reason, note) of every question an editor can act on: an uncertain entry with
        an open reason, a missing date or province nobody explained (reason None), a party not
        in the vocabulary, a source without a link."""
        entries = self.get("uncertain", [])
        questions = [(e["field"], e["reason"], e.get("note")) for e in entries if e["reason"] in OPEN_REASONS]
        explained = {e["field"] for e in entries}
        questions += [(f, None, None) for f in MISSING_IS_OPEN if self.data.get(f) is None and f not in explained]
        questions += [("parties", "ngoai-danh-muc", name) for name in self.named_only_parties]
        questions += [("sources", "thieu-lien-ket", f"Nguồn {i}: {s['title']}")
                      for i, s in enumerate(self.get("sources", []), start=1) if not s.get("url")]
        return questions

    @property
    def sort_date(self) -> str:
        """Signing date for ordering, a missing year replaced by the suggested one; unknown years
        ('0000…') sort last in 'newest first' lists."""
        parsed = self.signed_date
        return parsed.sort_key(self.suggested_year) if parsed else "0000-00-00"

    @property
    def status(self) -> str:
        """Status shown everywhere (set by the Registry from relations; see Registry.status_basis)."""
        return self._status or self.data.get("status") or "chua-ro"

    _status: str | None = None


@dataclass(frozen=True)
class Relation:
    label: str
    other: Agreement | None
    note: str | None = None
    document: dict | None = None  # a regulation not in the registry: number, date, title


@dataclass
class Registry:
    agreements: list[Agreement]
    vocab: Vocabularies
    by_id: dict[str, Agreement] = field(default_factory=dict)
    _incoming: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    _status_basis: dict[str, Agreement] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.agreements.sort(key=lambda a: a.id)
        self.by_id = {a.id: a for a in self.agreements}
        for agreement in self.agreements:
            for relation in agreement.get("relations", []):
                if relation.get("target"):
                    self._incoming.setdefault(relation["target"], []).append(
                        (relation["type"], agreement.id, relation.get("note"))
                    )
        for agreement in self.agreements:
            self._derive_status(agreement)

    def _derive_status(self, agreement: Agreement) -> None:
        """Replaced when a record says it replaces this one; amended when one amends it; else
        what a source says (status + status_source); else unknown. The basis is kept."""
        for kind, status in (("thay-the", "bi-thay-the"), ("sua-doi", "duoc-sua-doi")):
            later = [self.by_id[s] for k, s, _ in self.incoming(agreement.id) if k == kind]
            if later:
                agreement._status = status
                self._status_basis[agreement.id] = min(later, key=lambda a: (a.sort_date, a.id))
                return
        written = agreement.data.get("status")
        agreement._status = written if written in ("con-hieu-luc", "het-hieu-luc") and agreement.data.get("status_source") else "chua-ro"

    def status_basis(self, agreement: Agreement) -> Agreement | None:
        """The record whose relation makes this one replaced or amended."""
        return self._status_basis.get(agreement.id)

    def status_source(self, agreement: Agreement) -> dict | None:
        """The source that states a written status (status_source, counted from 1)."""
        number = agreement.data.get("status_source")
        sources = agreement.get("sources", [])
        return sources[number - 1] if agreement.data.get("status") and number and number <= len(sources) else None

    def __len__(self) -> int:
        return len(self.agreements)

    def relations_of(self, agreement: Agreement) -> list[Relation]:
        """Relations both ways: those the record states and those pointing at it."""
        outgoing = [
            Relation(RELATION_NAMES[r["type"]][0], self.by_id.get(r.get("target")), r.get("note"), r.get("document"))
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

    def party_labels(self, agreement: Agreement) -> list[str]:
        """Each party as the record states it: level, count and unit included."""
        level = agreement.data.get("level")
        return [item.label(self.vocab.parties.get(item.code), level) for item in agreement.party_items]

    def topics_of(self, agreement: Agreement) -> list[Topic]:
        return [self.vocab.topics[code] for code in agreement.get("topics", [])]

    def successor_of(self, agreement: Agreement) -> Province | None:
        unit = agreement.province_unit
        return self.vocab.successor_of(unit) if unit else None

    def newest_first(self, agreements: list[Agreement] | None = None) -> list[Agreement]:
        items = self.agreements if agreements is None else agreements
        return sorted(items, key=lambda a: (a.sort_date, a.id), reverse=True)
