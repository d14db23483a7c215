"""Which agreements the item reports, and between whom.

Parties come from the regulation's name ("Quy chế phối hợp … giữa X và Y") or
from the subject of the signing sentence ("X và Y tổ chức ký kết …"), never
from people who attend, chair or speak. An event may sign several agreements,
each named with its own structure ("Quy chế … giữa A và B gồm 3 chương, 12 điều;
Quy chế … giữa C và B gồm 3 chương, 13 điều").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry.editors.drafting.facts import structure_in
from registry.editors.drafting.parties import PartyMention, find_parties
from registry.editors.drafting.scanning import Span
from registry.records.vocab import Vocabularies

# Where the list of parties after "giữa" ends.
_CLAUSE_END = re.compile(r"\b(?:gom|nhiem ky|giai doan|duoc|co hieu luc|nham|theo|trong|ve viec|tai|da|se|do|"
                         r"quy dinh|la|thuc hien|ky ket|to chuc|sau)\b|[;.(:\"“”]")
_SIGNING = re.compile(r"\b(?:to chuc\s+(?:hoi nghi\s+|le\s+)?ky ket|(?:da\s+|cung\s+|thong nhat\s+|tien hanh\s+)?ky ket"
                      r"|(?:da|thong nhat|cung)\s+ky(?:\s+ban hanh)?)\b")
_PERSON = re.compile(r"\b(?:dong chi|d/c|ong|ba|chu tich|bi thu|truong doan|chanh van phong|pho chu tich)\b")
_LEADING_DATE = re.compile(r"^\W*(?:\([^)]{1,30}\)\s*[-–—:]?\s*)?(?:(?:sang|chieu|toi|trua|ngay|hom nay)[^,]{0,30},\s*)?"
                           r"(?:tai [^,]{0,60},\s*)?(?:lanh dao\s+)?")


@dataclass
class Named:
    """One agreement as the text names it."""

    parties: list[str]
    mentions: list[PartyMention]
    structure: tuple[int | None, int | None] | None = None
    position: int = 0


def between_clauses(sentence: Span, vocab: Vocabularies, excluded: list[tuple[int, int]]) -> list[Named]:
    """'Quy chế … giữa A, B và C …' in one sentence, one per ';'-separated piece."""
    found = []
    offset = 0
    for piece in re.split(r"(;)", sentence.folded):
        if piece == ";":
            offset += 1
            continue
        start = sentence.start + offset
        offset += len(piece)
        if "quy che" not in piece:
            continue
        named = _first_between(piece, start, vocab, excluded)
        if named:
            named.structure = structure_in(piece)
            found.append(named)
    return found


def _first_between(piece: str, start: int, vocab: Vocabularies, excluded: list[tuple[int, int]]) -> Named | None:
    quy_che = piece.index("quy che")
    for match in re.finditer(r"\bgiua\s+", piece[quy_che:]):
        begin = quy_che + match.end()
        end_match = _CLAUSE_END.search(piece, begin)
        end = end_match.start() if end_match else len(piece)
        if any(s <= start + begin < e for s, e in excluded):
            continue
        mentions = find_parties(piece[begin:end], vocab, start + begin)
        codes = _unique([m.code for m in mentions])
        if len(codes) >= 2:
            return Named(codes, mentions, position=start + begin)
    return None


def signing_subject(sentence: Span, vocab: Vocabularies) -> Named | None:
    """'Chiều 25/01, A và B tổ chức ký kết quy chế' -> A, B (not when people are the subject)."""
    verb = _SIGNING.search(sentence.folded)
    if not verb or "quy che" not in sentence.folded[verb.start():]:
        return None
    subject = sentence.folded[:verb.start()]
    lead = _LEADING_DATE.match(subject)
    begin = lead.end() if lead else 0
    if _PERSON.search(subject[begin:]) or re.match(r"\W*(?:du|cung du|tham du)\b", subject):
        return None
    mentions = find_parties(subject[begin:], vocab, sentence.start + begin)
    codes = _unique([m.code for m in mentions])
    return Named(codes, mentions, position=sentence.start + begin) if len(codes) >= 2 else None


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def several_agreements(clauses: list[Named]) -> list[Named]:
    """Distinct party sets that each carry their own structure: separate agreements."""
    seen, separate = set(), []
    for clause in clauses:
        key = frozenset(clause.parties)
        if clause.structure and key not in seen:
            seen.add(key)
            separate.append(clause)
    return separate if len(separate) >= 2 else []


def choose_parties(body_clauses: list[Named], subjects: list[Named], headline_named: list[Named]) -> Named | None:
    """The single agreement's parties: its name in the body, else the signing subject, else the headline."""
    for group in (body_clauses, subjects, headline_named):
        if group:
            return max(group, key=lambda n: (len(n.parties), -n.position))
    return None
