"""Look drafts up in the registry: numbers, reviewed agreements, duplicates.

Reads front matter only (no validation): a registry with problems elsewhere
must not stop an editor from drafting.
"""

from __future__ import annotations

from pathlib import Path

from registry.editors.drafting.agreements import party_code, party_key
from registry.editors.drafting.references import same_number
from registry.records.frontmatter import read_source
from registry.records.loader import agreement_files, record_id
from registry.records.vocab import Vocabularies


def existing_records(root: Path) -> dict[str, dict]:
    """record id -> front matter, for every readable file under `root`."""
    records = {}
    if not root.is_dir():
        return records
    for path in agreement_files(root):
        source, _ = read_source(path.name, path.read_bytes())
        if source is not None:
            records[record_id(root, path)] = source.data
    return records


def by_number(records: dict[str, dict], number: str) -> str | None:
    return next((rid for rid, data in sorted(records.items()) if same_number(data.get("number"), number)), None)


def reviewed_agreement(records: dict[str, dict], vocab: Vocabularies, province: str | None, parties: list[str],
                       term: str | None) -> tuple[str | None, bool]:
    """(record id, matched on province) of the one agreement a review is about, if any.

    Same province (or, when the item names none, the only candidate), the same
    term, and at least half of the parties in common.
    """
    candidates = []
    for rid, data in sorted(records.items()):
        theirs = {code for code in map(party_code, data.get("parties") or []) if code}
        common = len(theirs & set(parties))
        if not theirs or common < 2 or common * 2 < max(len(theirs), len(parties)):
            continue
        if term and vocab.standard_term(data.get("term")) != vocab.standard_term(term):
            continue
        if province is None or data.get("province") == province:
            candidates.append((common, rid, data.get("province") == province))
    if not candidates:
        return None, False
    candidates.sort(reverse=True)
    if province is None and len(candidates) > 1:
        return None, False
    return candidates[0][1], candidates[0][2]


def duplicate_of(records: dict[str, dict], record: dict) -> str | None:
    """An existing record for the same agreement: same place and parties, and the same
    signing date (or, when the draft has none, the same term)."""
    def key(data: dict) -> tuple:
        when = data.get("signed") or (None if record.get("signed") else data.get("term"))
        return data.get("province"), data.get("unit"), when, frozenset(map(party_key, data.get("parties") or []))

    if not (record.get("signed") or record.get("term")):
        return None
    return next((rid for rid, data in sorted(records.items()) if key(data) == key(record)), None)
