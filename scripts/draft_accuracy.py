"""How often `python -m registry draft` gets the real articles right, field by field.

Reads the real golden cases (tests/cases/draft/real/NN.txt, NN.args.json) and the facts entered
by hand from the same articles (tests/cases/draft/real/facts.tsv), drafts every article against
an empty registry (an article the tool has never seen, no matching with existing records) and
prints one row per article and the share of matches per field.

    .venv/bin/python scripts/draft_accuracy.py            # the table
    .venv/bin/python scripts/draft_accuracy.py --misses   # and what the draft said where it missed
    .venv/bin/python scripts/draft_accuracy.py --cases DIR   # other articles: DIR/NN.txt + DIR/facts.tsv

Fields: agreements (how many agreements the article reports: drafts that carry an event, plus
events proposed for known records; 0 when the tool refuses the article), province (every draft's
province; "-?code" = left empty with that suggestion), date (the reported event's date, v2 form),
term (term and period both as the article states them), chapters, articles, parties (the items of
the first draft: codes, "code*" for several bodies, "(name)" for a body outside the vocabulary;
compared without order), kind (the event's kind).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from registry.editors.drafting import ArticleError, decode, draft_article  # noqa: E402

CASES = ROOT / "tests" / "cases" / "draft" / "real"
TODAY = dt.date(2026, 12, 2)
FIELDS = ("agreements", "province", "date", "term", "chapters", "articles", "parties", "kind")


def read_facts(path: Path = CASES / "facts.tsv") -> dict[str, dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {row["case"]: row for row in csv.DictReader(lines, delimiter="\t")}


def _party_key(item) -> str:
    if isinstance(item, str):
        return item
    code = item.get("party") or "(name)"
    return code + ("*" if (item.get("count") or 1) >= 2 else "")


def _province(record: dict) -> str:
    if record.get("province"):
        return record["province"]
    hint = next((u.get("suggested") for u in record.get("uncertain", []) if u["field"] == "province"), None)
    return f"-?{hint}" if hint else "-"


def _value(value) -> str:
    return "-" if value in (None, "") else str(value)


def measured(case: Path) -> dict[str, str]:
    """What the draft says, in the form of facts.tsv."""
    args = case.with_suffix(".args.json")
    options = json.loads(args.read_text(encoding="utf-8")) if args.exists() else {}
    try:
        text, _ = decode(case.read_bytes())
        result = draft_article(text, today=TODAY, records={}, **options)
    except ArticleError:
        return {"agreements": "0"}
    reported = [d.record for d in result.drafts if d.record.get("events")]
    out = {"agreements": str(len(reported) + len(result.events))}
    if not reported:
        return out
    first = reported[0]
    structure = first.get("structure") or {}
    event = first["events"][0]
    out.update({
        "province": ",".join(sorted(_province(r) for r in reported)),
        "date": _value(event.get("date")),
        "term": f"{_value(first.get('term'))} / {_value(first.get('period'))}",
        "chapters": _value(structure.get("chapters")),
        "articles": _value(structure.get("articles")),
        "parties": ",".join(sorted(_party_key(p) for p in first.get("parties", []))),
        "kind": event.get("kind", "-"),
    })
    return out


def expected(row: dict[str, str]) -> dict[str, str]:
    out = {name: row[name] for name in FIELDS if row.get(name)}
    if "province" in out:
        out["province"] = ",".join(sorted(out["province"].split(",")))
    if "parties" in out:
        out["parties"] = ",".join(sorted(out["parties"].split(",")))
    if row.get("term"):
        out["term"] = f"{row['term']} / {row['period'] or '-'}"
    return out


def compare(facts: dict[str, dict[str, str]], cases: Path = CASES) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    rows = []
    for name, row in sorted(facts.items()):
        case = cases / f"{name}.txt"
        if case.exists():
            rows.append((name, expected(row), measured(case)))
    return rows


def table(rows, misses: bool = False) -> str:
    head = f"{'case':<5}" + "".join(f"{field:>11}" for field in FIELDS)
    lines = [head, "-" * len(head)]
    for name, want, got in rows:
        marks = []
        for field in FIELDS:
            marks.append("" if field not in want else ("ok" if want[field] == got.get(field) else "MISS"))
        lines.append(f"{name:<5}" + "".join(f"{mark:>11}" for mark in marks))
    lines.append("-" * len(head))
    totals = []
    for field in FIELDS:
        scored = [(want, got) for _, want, got in rows if field in want]
        hits = sum(want[field] == got.get(field) for want, got in scored)
        totals.append(f"{hits}/{len(scored)}")
    lines.append(f"{'hits':<5}" + "".join(f"{t:>11}" for t in totals))
    shares = []
    for field in FIELDS:
        scored = [(want, got) for _, want, got in rows if field in want]
        hits = sum(want[field] == got.get(field) for want, got in scored)
        shares.append(f"{100 * hits / len(scored):.0f} %" if scored else "")
    lines.append(f"{'%':<5}" + "".join(f"{s:>11}" for s in shares))
    all_scored = sum(len(want) for _, want, _ in rows)
    all_hits = sum(want[f] == got.get(f) for _, want, got in rows for f in want)
    lines.append(f"all fields: {all_hits}/{all_scored} = {100 * all_hits / all_scored:.0f} %  ({len(rows)} articles)")
    if misses:
        lines.append("")
        for name, want, got in rows:
            for field in FIELDS:
                if field in want and want[field] != got.get(field):
                    lines.append(f"{name} {field}: expected {want[field]!r}, draft {got.get(field, '(no draft)')!r}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss with both values")
    parser.add_argument("--cases", type=Path, default=CASES, help="folder with NN.txt, NN.args.json and facts.tsv")
    args = parser.parse_args()
    print(table(compare(read_facts(args.cases / "facts.tsv"), args.cases), args.misses))


if __name__ == "__main__":
    main()
