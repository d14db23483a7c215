"""CSV tables for spreadsheets: one row per agreement, and a long table of parties.

UTF-8 with a BOM so Excel on Windows reads the diacritics; RFC 4180 quoting
(Python's csv with CRLF line ends), so commas, quotes and line breaks inside a
title survive a round trip. A cell that a spreadsheet would run as a formula is
neutralised as OWASP recommends (see `spreadsheet_safe`); the JSON keeps the exact value.
"""

from __future__ import annotations

import csv
import io

from registry.exports.output import Output
from registry.exports.records import ExportContext
from registry.records.model import Agreement
from registry.site.urls import API_ROOT, agreement_page

AGREEMENTS_CSV = f"{API_ROOT}/quy-che.csv"
PARTIES_CSV = f"{API_ROOT}/quy-che-co-quan.csv"
LIST_SEPARATOR = "; "

# The one list of columns: the writer, the tests and docs/du-lieu-mo.md follow it.
CSV_COLUMNS = (
    "id", "title", "number", "province", "province_name", "successor_name", "level", "unit",
    "signed", "effective", "term", "parties", "party_names", "topics", "status", "chapters",
    "articles", "source_urls", "uncertain_fields", "url", "added", "status_basis", "signed_year_suggested",
)
PARTY_CSV_COLUMNS = ("agreement_id", "party_code", "party_name", "party_short")


def agreement_row(ctx: ExportContext, agreement: Agreement) -> dict[str, str]:
    data, unit = agreement.data, agreement.province_unit
    structure = data.get("structure") or {}
    row = {
        "id": agreement.id,
        "title": data["title"],
        "number": data.get("number"),
        "province": data.get("province"),
        "province_name": unit.name if unit else None,
        "successor_name": ctx.current_unit(agreement).name if unit else None,
        "level": data["level"],
        "unit": data.get("unit"),
        "signed": data.get("signed"),
        "effective": data.get("effective"),
        "term": data.get("term"),
        "parties": LIST_SEPARATOR.join(agreement.parties),
        "party_names": LIST_SEPARATOR.join(ctx.registry.party_labels(agreement)),
        "topics": LIST_SEPARATOR.join(agreement.get("topics", [])),
        "status": agreement.status,
        "status_basis": _status_basis(ctx, agreement),
        "signed_year_suggested": agreement.suggested_year,
        "chapters": structure.get("chapters"),
        "articles": structure.get("articles"),
        "source_urls": LIST_SEPARATOR.join(s["url"] for s in data["sources"] if s.get("url")),
        "uncertain_fields": LIST_SEPARATOR.join(agreement.uncertain_fields),
        "url": ctx.site.url(agreement_page(agreement.id)),
        "added": data["added"],
    }
    return {column: "" if row[column] is None else str(row[column]) for column in CSV_COLUMNS}


def _status_basis(ctx: ExportContext, agreement: Agreement) -> str | None:
    """Id of the later record that replaces/amends this one, or 'nguon N' for a written status."""
    basis = ctx.registry.status_basis(agreement)
    if basis:
        return basis.id
    return f"nguon {agreement.data['status_source']}" if ctx.registry.status_source(agreement) else None


def party_rows(ctx: ExportContext, agreement: Agreement) -> list[tuple[str, str, str, str]]:
    """One row per party as the record states it (a body outside the vocabulary has no code)."""
    level = agreement.data.get("level")
    rows = []
    for item in agreement.party_items:
        party = ctx.registry.vocab.parties.get(item.code) if item.code else None
        rows.append((agreement.id, item.code or "", item.label(party, level), party.short if party else ""))
    return rows


# OWASP "CSV Injection": Excel, LibreOffice and Google Sheets run a cell that begins with one
# of these as a formula ('=HYPERLINK(...)', '+1', '@SUM', a tab or CR before '='). A cell that
# already begins with an apostrophe gets one too, so that the rule can always be undone.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHE = "'"


def spreadsheet_safe(cell: str) -> str:
    """The documented rule (docs/du-lieu-mo.md): a cell starting with = + - @, a tab, a carriage
    return or an apostrophe gets a leading apostrophe, so a spreadsheet shows it as text."""
    return APOSTROPHE + cell if cell.startswith((*FORMULA_TRIGGERS, APOSTROPHE)) else cell


def original_value(cell: str) -> str:
    """The exact value of a CSV cell: `spreadsheet_safe` undone (drop one leading apostrophe)."""
    return cell[1:] if cell.startswith(APOSTROPHE) else cell


def to_csv_bytes(header: tuple[str, ...], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(ctx: ExportContext, out: Output) -> None:
    agreements = ctx.registry.agreements
    rows = [list(agreement_row(ctx, a).values()) for a in agreements]
    out.publish(AGREEMENTS_CSV, to_csv_bytes(CSV_COLUMNS, rows), "csv", len(rows))
    party_table = [row for a in agreements for row in party_rows(ctx, a)]
    out.publish(PARTIES_CSV, to_csv_bytes(PARTY_CSV_COLUMNS, party_table), "csv", len(party_table))
