"""Who signed, when the text says so: 'Đồng chí X, <chức vụ> và đồng chí Y, <chức vụ> ký kết quy chế'.

People who merely attend ("Dự hội nghị có …") or chair and speak are not signatories.
"""

from __future__ import annotations

import re

from registry.editors.drafting.scanning import Span
from registry.records.text import fold

_ATTENDANCE = re.compile(r"^\W*(?:du|cung du|tham du|toi du|den du|hoi nghi co su tham du|chu tri)\b")
_SIGNING_VERB = re.compile(r"\b(?:ky ket|ky ban hanh|(?:da|cung|thay mat \w+ \w+)?\s*ky)\s+(?:quy che|qc|van ban|tai)|\bky ket\s*\.?$")
# Words between the last position and the verb: "… Chủ tịch UBND xã đã cùng ký".
_TRAILING = re.compile(r"(?:\s*\b(?:và|đã|cùng|thay mặt|tiến hành|thống nhất|chính thức)\b)+\s*$", re.IGNORECASE)
_PERSON_MARK = re.compile(r"(?:^|[\s,;:(]|\bva\s)(dong chi|d/c|ong|ba)\s+", re.IGNORECASE)
# Words that head the position of the person who signs for a party.
_PARTY_ROLES = {
    "dang-doan-hdnd": [r"dang doan"], "bcs-dang-ubnd": [r"ban can su"], "dang-doan-mttq": [r"dang doan"],
    "tt-hdnd": [r"hdnd", r"hoi dong nhan dan"], "hdnd": [r"hdnd", r"hoi dong nhan dan"],
    "ubnd": [r"ubnd", r"uy ban nhan dan"], "ubmttq": [r"mttq", r"mat tran"], "btt-ubmttq": [r"mttq", r"mat tran"],
    "doan-dbqh": [r"doan dbqh", r"doan dai bieu quoc hoi", r"truong doan"],
    "vp-tinh-uy": [r"van phong tinh uy", r"van phong thanh uy"],
    "vp-doan-dbqh-hdnd": [r"van phong doan"], "vp-ubnd": [r"van phong (?:ubnd|uy ban)"],
}


def signatories_in(sentences: list[Span], parties: list[str]) -> list[dict]:
    for sentence in sentences:
        if _ATTENDANCE.search(sentence.folded):
            continue
        verb = _SIGNING_VERB.search(sentence.folded)
        if not verb:
            continue
        people = _people(sentence.text[:verb.start()])
        if people:
            return [_with_party(person, parties) for person in people]
    return []


def _people(subject: str) -> list[dict]:
    """Split 'Đồng chí A, chức vụ … và đồng chí B, chức vụ …' into name + position."""
    marks = list(_PERSON_MARK.finditer(fold_keep(subject)))
    people = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(subject)
        name, _, position = subject[mark.end():end].partition(",")
        position = _TRAILING.sub("", position.strip(" ,;")).strip(" ,;")
        if _is_name(name.strip()):
            people.append({"name": name.strip(), "position": position or None})
    return people


def fold_keep(text: str) -> str:
    return "".join((fold(c) or " ")[0] for c in text)


def _is_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and all(w[0].isupper() for w in words)


def _with_party(person: dict, parties: list[str]) -> dict:
    position = fold(person["position"] or "")
    matching = [code for code in parties if any(re.search(rf"\b{p}\b", position) for p in _PARTY_ROLES.get(code, []))]
    person = dict(person)
    person["party"] = matching[0] if len(matching) == 1 else None
    return person
