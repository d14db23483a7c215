"""Document numbers and the earlier regulations a new one builds on, replaces or amends.

"… được bổ sung, phát triển trên cơ sở Quy chế số 794/QCPH-…, ngày 05/10/2021 về
phối hợp công tác giữa A-B-C, nhiệm kỳ 2021-2026" names an earlier record known
only by its number, date, parties and term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry.editors.drafting.dates import iso_from_match
from registry.records.text import fold

# A document number: digits, a slash, then a code ("794/QCPH-TTHĐND-UBND-BTTUBMTTQ", "01/QC-HĐND").
_NUMBER = re.compile(r"\bsố\s*:?\s*(\d{1,5}/[0-9A-Za-zĐđÀ-ỹ&./\-]*[0-9A-Za-zĐđÀ-ỹ])", re.IGNORECASE)
_RELATION_CUES = [
    ("sua-doi", re.compile(r"sua doi,?\s*(?:va\s*)?bo sung\s+(?:mot so dieu\s+(?:cua\s+)?)?$")),
    ("thay-the", re.compile(r"thay the\s+(?:cho\s+)?$")),
    ("phat-trien-tu", re.compile(r"(?:tren co so|phat trien tu|ke thua|tiep noi)\s+(?:cua\s+)?$")),
]


@dataclass
class Reference:
    """A numbered regulation the text mentions."""

    number: str
    start: int
    end: int
    relation: str | None  # phat-trien-tu / thay-the / sua-doi, or None: the agreement's own number
    date: str | None = None
    clause: str = ""  # folded text that describes it (its parties and term)


def _is_regulation(folded_before: str, number: str) -> bool:
    """Only numbers of quy chế count: not of nghị quyết, quyết định, kế hoạch."""
    return bool(re.search(r"quy che(?: phoi hop)?\s*(?:cong tac\s*)?$", folded_before)) or "/QC" in number.upper()


def references_in(text: str, folded: str) -> list[Reference]:
    found = []
    for match in _NUMBER.finditer(text):
        before = folded[max(0, match.start() - 80):match.start()].rstrip()
        number = match.group(1)
        if not _is_regulation(before, number):
            continue
        head = re.sub(r"\s*quy che(?: phoi hop)?(?: cong tac)?\s*$", "", before) + " "
        relation = next((kind for kind, cue in _RELATION_CUES if cue.search(head)), None)
        if any(same_number(number, seen.number) for seen in found):
            continue  # cited again: the first mention says what it is
        reference = Reference(number, match.start(), match.end(), relation)
        _describe(reference, folded)
        found.append(reference)
    return found


def _describe(reference: Reference, folded: str) -> None:
    """Its date (', ngày 05/10/2021') and the clause after it, up to the end of the sentence."""
    after = folded[reference.end:reference.end + 400]
    date = re.match(r"\s*,?\s*(?:ky\s+|ban hanh\s+)?ngay\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", after)
    if date:
        reference.date = iso_from_match(*date.groups())
    reference.clause = re.split(r"(?<=[a-z0-9)])\.\s|;", after, maxsplit=1)[0]


def same_number(a: str | None, b: str | None) -> bool:
    """Numbers compared without case, spaces or diacritics of the code letters."""
    def key(value: str | None) -> str:
        return re.sub(r"[\s.]", "", fold(value or ""))

    return bool(a and b) and key(a) == key(b)
