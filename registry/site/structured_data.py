"""JSON-LD (schema.org `Legislation`) for a record page, so search engines and citation tools
read the regulation's name, number, date, place, parties, status and sources.

Only stated facts go in: a date without a year is not given as a date, an unknown province is
left out, the status only when it is known. The JSON is made safe for a <script> element
(`<`, `>`, `&` written as \\u escapes), so no record text can close the element.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from registry.records.model import Agreement, Registry
from registry.records.text import parse_edtf

# schema.org LegalForceStatus for our derived statuses (chua-ro: not stated).
LEGAL_FORCE = {
    "con-hieu-luc": "https://schema.org/InForce",
    "het-hieu-luc": "https://schema.org/NotInForce",
    "bi-thay-the": "https://schema.org/NotInForce",
    "duoc-sua-doi": "https://schema.org/PartiallyInForce",
}


def _iso_date(value: str | None) -> str | None:
    """An ISO 8601 date (or year-month, year) only when the year is stated."""
    parsed = parse_edtf(value) if value else None
    return value if parsed and parsed.year and "X" not in value else None


def legislation(registry: Registry, agreement: Agreement, page_url: str, site_name: str, site_url: str = "") -> dict:
    """The record as a schema.org Legislation object."""
    data = agreement.data
    unit = agreement.province_unit
    item: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": agreement.title,
        "url": page_url,
        "inLanguage": "vi",
        "legislationType": "Quy chế phối hợp",
    }
    if data.get("number"):
        item["legislationIdentifier"] = data["number"]
    if signed := _iso_date(data.get("signed")):
        item["legislationDate"] = signed
    if effective := _iso_date(data.get("effective")):
        item["legislationDateVersion"] = effective
    if unit:
        item["legislationJurisdiction"] = {"@type": "AdministrativeArea", "name": unit.full_name,
                                           "containedInPlace": {"@type": "Country", "name": "Việt Nam"}}
    passed_by = [{"@type": "GovernmentOrganization", "name": label} for label in registry.party_labels(agreement)]
    if passed_by:
        item["legislationPassedBy"] = passed_by
    if agreement.status in LEGAL_FORCE:
        item["legislationLegalForce"] = LEGAL_FORCE[agreement.status]
    if data.get("term"):
        item["temporalCoverage"] = data["term"].replace("-", "/")
    sources = [s["url"] for s in data.get("sources", []) if s.get("url")]
    if sources:
        item["isBasedOn"] = sources
    item["isPartOf"] = {"@type": "Dataset", "name": site_name, **({"url": site_url} if site_url else {})}
    return item


def script_json(value: dict) -> Markup:
    """JSON for inside <script type="application/ld+json">: nothing in it can end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
