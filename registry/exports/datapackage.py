"""A Frictionless Data Package for the two CSV tables: api/v1/datapackage.json.

Tools that read Data Packages (frictionless, Open Data portals, Excel's Power Query via a plugin,
R's frictionless package) then know every column's type, what an empty cell means, the key
of each table and how the long party table points into the records table. The tests validate
the published package and both tables with the `frictionless` package itself.

The fields follow csv_export.CSV_COLUMNS / PARTY_CSV_COLUMNS (one list of columns); titles and
descriptions are the short Vietnamese words of docs/du-lieu-mo.md.
"""

from __future__ import annotations

import hashlib

from registry.exports.csv_export import AGREEMENTS_CSV, CSV_COLUMNS, PARTIES_CSV, PARTY_CSV_COLUMNS
from registry.exports.output import Output
from registry.exports.records import ExportContext
from registry.records.model import LEVEL_NAMES, STATUS_NAMES
from registry.site.urls import API_ROOT, SCHEMA_VERSION

DATAPACKAGE = f"{API_ROOT}/datapackage.json"
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
EDTF = "Ngày theo ISO 8601-2/EDTF đúng như bản ghi: 2024-01-25, 2024-01, 2024, hoặc XXXX-10-14 khi nguồn không nêu năm."
LIST = "Nhiều giá trị nối bằng “; ”."

# column -> (type, title, description, extra keys such as format or constraints)
AGREEMENT_FIELDS: dict[str, tuple[str, str, str, dict]] = {
    "id": ("string", "Mã bản ghi", "tỉnh/tên-tệp; khóa của bảng.", {"constraints": {"required": True, "unique": True}}),
    "title": ("string", "Tên quy chế", "", {"constraints": {"required": True}}),
    "number": ("string", "Số hiệu", "Số hiệu văn bản, nếu nguồn nêu.", {}),
    "province": ("string", "Mã tỉnh/thành lúc ký", "Trống nếu nguồn không nêu.", {}),
    "province_name": ("string", "Tỉnh/thành lúc ký", "", {}),
    "successor_name": ("string", "Tỉnh/thành hiện nay", "Đơn vị từ 01/07/2025 bao gồm tỉnh/thành lúc ký.", {}),
    "level": ("string", "Cấp", "", {"constraints": {"required": True, "enum": list(LEVEL_NAMES)}}),
    "unit": ("string", "Đơn vị cấp huyện/xã", "", {}),
    "signed": ("string", "Ngày ký", EDTF, {}),
    "effective": ("string", "Ngày có hiệu lực", EDTF, {}),
    "term": ("string", "Nhiệm kỳ", "Như nguồn ghi, ví dụ 2021-2026.", {}),
    "parties": ("string", "Mã các bên ký", LIST, {}),
    "party_names": ("string", "Tên các bên ký", LIST, {}),
    "topics": ("string", "Mã các chủ đề", LIST, {}),
    "status": ("string", "Tình trạng đã suy ra", "", {"constraints": {"required": True, "enum": list(STATUS_NAMES)}}),
    "chapters": ("integer", "Số chương", "", {"constraints": {"minimum": 1}}),
    "articles": ("integer", "Số điều", "", {"constraints": {"minimum": 1}}),
    "source_urls": ("string", "Địa chỉ các nguồn tin", LIST, {}),
    "uncertain_fields": ("string", "Trường chưa chắc chắn", LIST, {}),
    "url": ("string", "Trang web của bản ghi", "", {"format": "uri", "constraints": {"required": True}}),
    "added": ("date", "Ngày thêm vào sổ", "", {"constraints": {"required": True}}),
    "status_basis": ("string", "Căn cứ của tình trạng", "Mã bản ghi thay thế/sửa đổi, hoặc “nguon N”.", {}),
    "signed_year_suggested": ("integer", "Năm ký suy luận", "Khi ngày ký không có năm.", {}),
}
PARTY_FIELDS: dict[str, tuple[str, str, str, dict]] = {
    "agreement_id": ("string", "Mã bản ghi", "Cột id của quy-che.csv.", {"constraints": {"required": True}}),
    "party_code": ("string", "Mã cơ quan", "Trống với cơ quan chưa có trong danh mục.", {}),
    "party_name": ("string", "Tên cơ quan như bản ghi nêu", "", {"constraints": {"required": True}}),
    "party_short": ("string", "Tên viết tắt", "", {}),
}


def _fields(columns: tuple[str, ...], table: dict[str, tuple[str, str, str, dict]]) -> list[dict]:
    if set(columns) != set(table):
        raise ValueError(f"datapackage fields differ from the CSV columns: {sorted(set(columns) ^ set(table))}")
    fields = []
    for name in columns:
        kind, title, description, extra = table[name]
        fields.append({"name": name, "type": kind, "title": title, **({"description": description} if description else {}),
                       **extra})
    return fields


def _resource(out: Output, path: str, name: str, title: str, schema: dict) -> dict:
    data = (out.site_dir / path).read_bytes()
    return {
        "name": name, "title": title, "path": path.removeprefix(f"{API_ROOT}/"), "profile": "tabular-data-resource",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        "schema": {"missingValues": [""], **schema},
    }


def datapackage(ctx: ExportContext, out: Output) -> dict:
    """The package describing the CSV files already written into `out` (sizes and hashes read back)."""
    agreements = _resource(out, AGREEMENTS_CSV, "quy-che", "Quy chế phối hợp, mỗi bản ghi một dòng", {
        "fields": _fields(CSV_COLUMNS, AGREEMENT_FIELDS), "primaryKey": ["id"]})
    parties = _resource(out, PARTIES_CSV, "quy-che-co-quan", "Các bên ký, mỗi cặp bản ghi–cơ quan một dòng", {
        "fields": _fields(PARTY_CSV_COLUMNS, PARTY_FIELDS),
        "foreignKeys": [{"fields": ["agreement_id"], "reference": {"resource": "quy-che", "fields": ["id"]}}]})
    return {
        "profile": "tabular-data-package",
        "name": "so-quy-che-phoi-hop",
        "title": "Sổ Quy chế phối hợp",
        "description": "Các quy chế phối hợp giữa Thường trực HĐND, UBND, Ủy ban MTTQ Việt Nam, Đoàn ĐBQH và các cơ "
                       "quan ở địa phương; mỗi bản ghi dẫn nguồn tin gốc. Ô CSV bắt đầu bằng = + - @ hay ' được thêm một "
                       "dấu ' ở đầu (chống chèn công thức); tệp JSON giữ giá trị gốc.",
        "homepage": ctx.site.url(""),
        # Like every JSON file of api/v1 (docs/du-lieu-mo.md); extra properties are allowed by the spec.
        "schema_version": SCHEMA_VERSION,
        "generated_at": ctx.generated_at,
        "licenses": [LICENSE],
        "sources": [{"title": "Các nguồn tin ghi trong từng bản ghi (cột source_urls)"}],
        "resources": [agreements, parties],
    }


def write_datapackage(ctx: ExportContext, out: Output) -> None:
    """api/v1/datapackage.json, after write_csv."""
    out.publish_json(DATAPACKAGE, datapackage(ctx, out), "datapackage")
