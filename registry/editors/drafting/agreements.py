"""Which agreements the item reports, and between whom.

Parties come from the regulation's name ("Quy chế phối hợp … giữa X và Y") or
from the subject of the signing sentence ("X và Y tổ chức ký kết …"), never
from people who attend, chair or speak. An event may sign several agreements,
each named with its own structure ("Quy chế … giữa A và B gồm 3 chương, 12 điều;
Quy chế … giữa C và B gồm 3 chương, 13 điều").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from registry.editors.drafting.facts import structure_in
from registry.editors.drafting.parties import PartyMention, find_parties
from registry.editors.drafting.places import district_matches
from registry.editors.drafting.scanning import Span
from registry.records.vocab import Vocabularies

# Where the list of parties after "giữa" ends.
_CLAUSE_END = re.compile(r"\b(?:gom|nhiem ky|giai doan|duoc|co hieu luc|nham|theo|trong|ve viec|tai|da|se|do|"
                         r"quy dinh|la|thuc hien|ky ket|to chuc|sau|dong tren|co y nghia)\b|[;.(:\"“”]")
_SIGNING = re.compile(r"\b(?:to chuc\s+(?:hoi nghi\s+|le\s+)?ky ket|(?:da\s+|cung\s+|thong nhat\s+|tien hanh\s+)?ky ket"
                      r"|(?:da|thong nhat|cung|vua)\s+(?:ky|ban hanh)(?:\s+ban hanh)?"
                      r"|held\s+a\s+(?:conference|summary|ceremony|meeting)|signed|held)\b")
_PERSON = re.compile(r"\b(?:dong chi|d/c|ong|ba|chu tich|bi thu|truong doan|chanh van phong|pho chu tich|"
                     r"chairman|chairwoman|comrades?|secretary|mr|ms|mrs)\b")
_ENGLISH_END = re.compile(r"\b(?:in|for|during|on|held|signed|to|has|have|was|were|of [a-z ]{2,20} province)\b"
                          r"|[;.(:\"“”]")
_LEADING_DATE = re.compile(r"^\W*(?:\([^)]{1,30}\)\s*[-–—:]?\s*)?(?:[\w. ]{0,30}(?:tv|\.vn|online|dtn)\s*[-–—:]\s*)?"
                           r"(?:(?:sang|chieu|toi|trua|ngay|hom nay|on)[^,]{0,40},\s*)?"
                           r"(?:(?:tai|in) [^,]{0,60},\s*)?(?:lanh dao\s+|recently,\s*)?")
_VIETNAMESE = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE)
_AGREEMENT = re.compile(r"quy che|regulation")
_BETWEEN = re.compile(r"\b(?:giua|between)\s+(?:the\s+)?")

# After a party's name: the level of the body ("UBND xã"), or several bodies ("HĐND 15 phường",
# "Công an 3 địa phương Duy Xuyên, Điện Bàn và Hội An").
_LEVEL_AFTER = re.compile(r"\s+(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)\b")
_COUNTED = re.compile(r"\s+(\d{1,4})\s+(phuong|xa|thi tran|dac khu|huyen|quan|thi xa|tinh|dia phuong|don vi)\b")
_LISTED = re.compile(r"\s+(?:(\d{1,2})\s+)?(?:dia phuong|cac huyen|cac quan|cac xa|cac phuong)\s+")
LEVEL_WORDS = {"tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "quan": "huyen", "thi xa": "huyen",
               "xa": "xa", "phuong": "xa", "thi tran": "xa", "dac khu": "xa", "dia phuong": "huyen", "don vi": None}
# Bodies a record names as written (a newspaper, a department), as record-v2 asks.
NAMED_KINDS = ("bao-dai", "so-nganh", "bo-nganh")


@dataclass
class Named:
    """One agreement as the text names it.

    parties: record items, each a code or a mapping {party, name, level, unit, count};
    levels: the level each item's name states (None when it states none)."""

    parties: list
    mentions: list[PartyMention]
    structure: tuple[int | None, int | None] | None = None
    position: int = 0
    levels: list = field(default_factory=list)
    counted: list = field(default_factory=list)  # items standing for several bodies (not the record's own level)
    province: str | None = None  # when one event signs the same agreement with several provinces

    @property
    def codes(self) -> list[str]:
        return [code for code in (party_code(item) for item in self.parties) if code]


def party_code(item) -> str | None:
    return item if isinstance(item, str) else item.get("party")


def party_key(item) -> str:
    """A hashable form of an item, for comparing party lists."""
    return item if isinstance(item, str) else json.dumps(item, sort_keys=True, ensure_ascii=False)


def is_english(text: str) -> bool:
    return len(_VIETNAMESE.findall(text)) * 50 < len(text) and bool(re.search(r"\b(?:the|and|of)\b", text.lower()))


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
        if not _AGREEMENT.search(piece):
            continue
        named = _first_between(piece, start, sentence, vocab, excluded)
        if named:
            named.structure = structure_in(piece)
            found.append(named)
    return found


def _first_between(piece: str, start: int, sentence: Span, vocab: Vocabularies,
                   excluded: list[tuple[int, int]]) -> Named | None:
    agreement = _AGREEMENT.search(piece).start()
    ends = _ENGLISH_END if is_english(sentence.text) else _CLAUSE_END
    for match in _BETWEEN.finditer(piece, agreement):
        begin = match.end()
        end = _list_end(piece, begin, ends, vocab)
        if any(s <= start + begin < e for s, e in excluded):
            continue
        named = _named(sentence, start + begin, start + end, vocab)
        if named:
            return named
    return None


def _named(sentence: Span, begin: int, end: int, vocab: Vocabularies, skip: tuple[int, int] | None = None) -> Named | None:
    """The parties named between two positions of the sentence (at least two items), leaving out `skip`."""
    local = begin - sentence.start
    mentions = find_parties(sentence.folded[local:end - sentence.start], vocab, begin)
    if skip:
        mentions = [m for m in mentions if not skip[0] <= m.start < skip[1]]
    items, levels, counted = [], [], []
    for mention in mentions:
        for item, level, several in _items(mention, sentence, vocab):
            if party_key(item) not in {party_key(i) for i in items}:
                items.append(item)
                levels.append(level)
                counted.append(several)
    if len(items) < 2:
        return None
    return Named(items, mentions, position=begin, levels=levels, counted=counted)


def _items(mention: PartyMention, sentence: Span, vocab: Vocabularies) -> list[tuple[object, str | None, bool]]:
    """The record items one mention stands for: usually its code; several items or a counted
    item when the name is followed by a count or a list of units."""
    after = mention.end - sentence.start
    folded_after, text_after = sentence.folded[after:after + 120], sentence.text[after:after + 120]
    listed = _LISTED.match(folded_after)
    if listed and text_after[listed.end():listed.end() + 1].isupper():
        names = _unit_names(text_after[listed.end():])
        if len(names) >= 2 and (not listed.group(1) or int(listed.group(1)) == len(names)):
            return [({"party": mention.code, "unit": _unit_label(name, vocab)}, "huyen", True) for name in names]
    counted = _COUNTED.match(folded_after)
    if counted and int(counted.group(1)) >= 2:
        word = counted.group(2)
        unit = text_after[counted.start(1):counted.end(2)]
        level = LEVEL_WORDS.get(word)
        item = {"party": mention.code, "count": int(counted.group(1)), "unit": unit}
        if level:
            item = {"party": mention.code, "level": level, "count": int(counted.group(1)), "unit": unit}
        return [(item, level, True)]
    level_match = _LEVEL_AFTER.match(folded_after)
    level = LEVEL_WORDS[level_match.group(1)] if level_match else None
    if mention.code in NAMED_KINDS:
        name = sentence.text[mention.start - sentence.start:mention.end - sentence.start]
        tail = _capitalised(text_after)
        item = {"party": mention.code, "name": f"{name} {tail}".strip() if tail else name}
        if tail and vocab.find_province(tail) and not level:
            level = item["level"] = "tinh"  # 'Báo … Thanh Hóa': a provincial body
        return [(item, level, False)]
    return [(mention.code, level, False)]


def _unit_names(text: str) -> list[str]:
    """'Duy Xuyên, Điện Bàn và Hội An tổ chức …' -> ['Duy Xuyên', 'Điện Bàn', 'Hội An']."""
    names = []
    for part in re.split(r",\s*|\s+và\s+", text):
        name = _capitalised(" " + part)
        if not name:
            break
        names.append(name)
        if name != part.strip():
            break  # the list ended inside this part
    return names


def _capitalised(text: str) -> str | None:
    words = []
    for word in text.split():
        clean = word.rstrip(",.;:)")
        if not clean or not (clean[0].isupper() or clean.isdigit()):
            break
        words.append(clean)
        if clean != word or len(words) == 5:
            break
    return " ".join(words) or None


def _unit_label(name: str, vocab: Vocabularies) -> str:
    kinds = {kind for kind, _ in district_matches(name)}
    return f"{kinds.pop()} {name}" if len(kinds) == 1 else name


def signing_subject(sentence: Span, vocab: Vocabularies) -> Named | None:
    """'Chiều 25/01, A và B tổ chức ký kết quy chế' -> A, B (not when people are the subject)."""
    verb = _SIGNING.search(sentence.folded)
    if not verb or not _AGREEMENT.search(sentence.folded[verb.start():]):
        return None
    subject = sentence.folded[:verb.start()]
    lead = _LEADING_DATE.match(subject)
    begin = lead.end() if lead else 0
    if re.match(r"\W*(?:du|cung du|tham du)\b", subject):
        return None
    if _PERSON.search(subject[begin:]) and not _REPRESENTING.search(subject):
        return None  # people sign, but not "on behalf of the two bodies": their offices are not the parties
    named = _named(sentence, sentence.start + begin, sentence.start + verb.start(), vocab)
    if named is None or len(named.parties) < 2:
        # 'UBND tỉnh ký kết Quy chế phối hợp công tác với Tỉnh đoàn': the other party after "với"
        partner = _WITH.search(sentence.folded, verb.end())
        if partner:
            named = _named(sentence, sentence.start + begin, _clause_end(sentence, partner.end(), vocab), vocab,
                           skip=(sentence.start + verb.start(), sentence.start + partner.end()))
    return named


_REPRESENTING = re.compile(r"\b(?:dai dien|thay mat)\s+(?:cho\s+)?(?:hai|ba|bon|nam|cac|\d)\s+(?:co quan|ben|don vi|nganh)\b")
_WITH = re.compile(r"\b(?:quy che|regulations?)\b[^.;]{0,60}?\b(?:voi|with)\s+(?:the\s+)?")


def _clause_end(sentence: Span, begin: int, vocab: Vocabularies) -> int:
    """Where the list of parties starting at `begin` (sentence offset) ends, as an article offset."""
    ends = _ENGLISH_END if is_english(sentence.text) else _CLAUSE_END
    return sentence.start + _list_end(sentence.folded, begin, ends, vocab)


_ASIDE = re.compile(r"\([^()]{1,30}\)")


def _list_end(folded: str, begin: int, ends: re.Pattern, vocab: Vocabularies) -> int:
    """The first clause end after `begin` that is not inside a party's name or a short aside
    ('Công an thị xã Thuận An (Bình Dương) và …')."""
    inside = [(m.start, m.end) for m in find_parties(folded[begin:], vocab, begin)]
    inside += [(m.start(), m.end()) for m in _ASIDE.finditer(folded, begin)]
    return next((e.start() for e in ends.finditer(folded, begin)
                 if not any(s <= e.start() < t for s, t in inside)), len(folded))


def several_agreements(clauses: list[Named]) -> list[Named]:
    """Distinct party sets that each carry their own structure: separate agreements."""
    seen, separate = set(), []
    for clause in clauses:
        key = frozenset(party_key(p) for p in clause.parties)
        if clause.structure and key not in seen:
            seen.add(key)
            separate.append(clause)
    return separate if len(separate) >= 2 else []


def choose_parties(*groups: list[Named]) -> Named | None:
    """The single agreement's parties from the first group that names any: the regulation's name
    ('… giữa A và B') in the body, then in the headline, then the signing subject in the body, then
    in the headline."""
    for group in groups:
        if group:
            return max(group, key=lambda n: (len(n.parties), -n.position))
    return None
