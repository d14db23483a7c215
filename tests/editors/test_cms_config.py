"""The web editor's configuration (registry/editors/cms.py) and its two scripts, run in Node:
format.js (record file <-> form data) and rules.js (the validator's cross-field checks).

The Decap configuration must have a form field for every field of the schema, top-level or
nested; what format.js writes must pass the real validator; and for every record the form can
produce, rules.js must refuse exactly what `python -m registry validate` refuses, with the
same field and message.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from registry.editors import cms
from registry.records.frontmatter import read_source
from registry.records.loader import load_registry
from registry.records.schema import load_schema
from registry.records.vocab import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = load_schema()
VOCAB = load_vocabularies()
CONFIG = cms.cms_config(cms.CmsSettings(repo="quychephoihop/so-quy-che-phoi-hop"))
FIELDS = CONFIG["collections"][0]["fields"]
TODAY = "2026-12-02"
NODE_DRIVER = """
const fs = require("fs");
const assets = process.argv[1];
const F = require(assets + "/format.js"), R = require(assets + "/rules.js");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const shape = input.shape, facts = input.facts;
const out = input.jobs.map(job => {
  if (job.op === "fromFile") return F.fromFile(job.text, shape);
  const record = F.frontMatterOf(job.data, shape);
  const place = R.newRecordPath(record, facts);
  const id = job.id || place.folder + "/" + place.slug;
  const problems = R.check(record, job.data.body, {id, isNew: !job.id, today: input.today, facts, shape});
  return {id, text: F.toFile(job.data, shape), problems};
});
process.stdout.write(JSON.stringify(out));
"""


def node(jobs: list[dict]) -> list:
    """Run format.js / rules.js over `jobs` in Node (js-yaml from node_modules)."""
    if not (ROOT / "node_modules" / "js-yaml").is_dir() or shutil.which("node") is None:
        pytest.fail("Thiếu Node.js hoặc node_modules/js-yaml: chạy `npm ci` trong thư mục dự án.")
    payload = {"shape": cms.record_shape(), "facts": cms.rule_facts(), "today": TODAY, "jobs": jobs}
    done = subprocess.run(["node", "-e", NODE_DRIVER, str(cms.ASSETS)], input=json.dumps(payload), text=True,
                          capture_output=True, env={"NODE_PATH": str(ROOT / "node_modules"), "PATH": "/usr/bin:/bin"},
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- every schema field is in the form -------------------------------------------------------


def _resolve(spec: dict) -> dict:
    ref = spec.get("$ref", "")
    return {**SCHEMA["$defs"][ref.split("/")[-1]], **spec} if ref else spec


def schema_paths(spec: dict = SCHEMA, prefix: str = "") -> list[str]:
    """Every field path of the schema: 'sources', 'sources[].url', 'relations[].document.date'…"""
    paths = []
    for name, sub in spec.get("properties", {}).items():
        sub = _resolve(sub)
        path = prefix + name
        paths.append(path)
        items = sub.get("items", {})
        items = items.get("else", items)
        if "properties" in items:
            paths += schema_paths(items, path + "[].")
        elif "properties" in sub:
            paths += schema_paths(sub, path + ".")
    return paths


def form_fields(fields: list[dict] = FIELDS, prefix: str = "") -> dict[str, dict]:
    """The form's fields by the same paths."""
    found = {}
    for field in fields:
        path = prefix + field["name"]
        found[path] = field
        if field.get("widget") == "list" and "fields" in field:
            found.update(form_fields(field["fields"], path + "[]."))
        elif field.get("widget") == "object":
            found.update(form_fields(field["fields"], path + "."))
    return found


def test_every_schema_field_is_in_the_form_with_a_vietnamese_label_and_help() -> None:
    paths, form = schema_paths(), form_fields()
    assert len(paths) > 40  # top-level and nested fields
    missing = [path for path in paths if path not in form]
    assert not missing, f"schema fields without a form field: {missing}"
    for path in paths:
        field = form[path]
        assert field["label"] and field["label"] != field["name"], path
        assert field.get("hint"), path
    extra = set(form) - set(paths) - {"body", "__folder", "__slug"}
    assert not extra, f"form fields the schema does not have: {extra}"


def test_a_field_added_to_the_schema_appears_in_the_form(monkeypatch) -> None:
    schema = copy.deepcopy(SCHEMA)
    schema["properties"]["sources"]["items"]["properties"]["archive_url"] = {"type": ["string", "null"]}
    monkeypatch.setitem(cms.LABELS, "sources[].archive_url", "Bản lưu")
    fields = cms.cms_config(schema=schema)["collections"][0]["fields"]
    assert form_fields(fields)["sources[].archive_url"]["label"] == "Bản lưu"
    monkeypatch.delitem(cms.LABELS, "sources[].archive_url")
    with pytest.raises(KeyError):  # a new field without a label fails the build, not silently
        cms.cms_config(schema=schema)


def test_required_and_optional_follow_the_schema() -> None:
    form = form_fields()
    assert form["title"]["required"] and form["parties"]["required"] and form["added"]["required"]
    # required but nullable: the form may leave them empty, the file then says null
    assert not form["province"]["required"] and not form["signed"]["required"] and not form["term"]["required"]
    assert not form["number"]["required"] and form["sources[].publisher"]["required"]
    assert form["parties"]["min"] == 2 and form["sources"]["min"] == 1
    assert form["structure.chapters"] == {**form["structure.chapters"], "widget": "number", "value_type": "int", "min": 1, "max": 50}


def test_select_lists_are_the_vocabularies_and_the_enums() -> None:
    form = form_fields()

    def values(path: str) -> set[str]:
        return {option["value"] for option in form[path]["options"]}

    assert values("province") == set(VOCAB.current) | set(VOCAB.former)
    assert values("parties[].party") == values("signatories[].party") == set(VOCAB.parties)
    assert values("topics") == set(VOCAB.topics) and form["topics"]["multiple"]
    assert values("term") == set(VOCAB.terms)
    assert values("events[].kind") == set(SCHEMA["properties"]["events"]["items"]["properties"]["kind"]["enum"])
    assert values("uncertain[].field") == set(SCHEMA["properties"])
    assert values("parties[].level") == {"tinh", "huyen", "xa", "trung-uong"}
    labels = {o["value"]: o["label"] for o in form["province"]["options"]}
    assert labels["lang-son"] == "Lạng Sơn" and labels["bac-giang"].startswith("Bắc Giang (trước 01/07/2025, nay thuộc Bắc Ninh")
    assert form["relations[].target"]["widget"] == "relation" and form["relations[].target"]["value_field"] == "{{slug}}"


def test_patterns_and_their_messages_come_from_the_schema() -> None:
    form = form_fields()
    assert form["signed"]["pattern"][0] == SCHEMA["$defs"]["edtf_or_null"]["pattern"]
    assert "XXXX-MM-DD" in form["signed"]["pattern"][1]
    assert form["sources[].url"]["pattern"][1].startswith("chỉ chấp nhận liên kết bắt đầu bằng http:// hoặc https://")
    assert form["title"]["pattern"] == ["(?=^[\\s\\S]{10,400}$)", "độ dài từ 10 đến 400 ký tự"]


def test_the_backend_opens_pull_requests_from_forks_and_uses_decap_server_locally() -> None:
    assert CONFIG["backend"] == {**CONFIG["backend"], "name": "github", "repo": "quychephoihop/so-quy-che-phoi-hop",
                                 "branch": "main", "open_authoring": True}
    assert CONFIG["publish_mode"] == "editorial_workflow" and CONFIG["locale"] == "vi"
    assert CONFIG["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"
    settings = cms.CmsSettings.from_config({"repo_url": "https://github.com/quychephoihop/so-quy-che-phoi-hop/"})
    assert settings.repo == "quychephoihop/so-quy-che-phoi-hop"


# --- what format.js writes validates -----------------------------------------------------------


BASE = {
    "title": "Quy chế phối hợp công tác giữa UBND và Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn",
    "province": "lang-son", "level": "tinh", "signed": "2022-05-06", "term": "2021-2026",
    "number": "", "unit": "", "topics": [], "principles": [], "events": [], "relations": [],
    "parties": [{"party": "ubnd"}, {"party": "ubmttq"}],
    "sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế phối hợp", "date": "",
                 "url": "https://baolangson.vn/tin-ky-ket"}],
    "structure": {"chapters": "", "articles": ""},
    "added": "2026-11-30", "body": "UBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh ký quy chế phối hợp.\n",
    "__folder": "x", "__slug": "y",
}


def record(**changes) -> dict:
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is KeyError:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def validate_written(tmp_path: Path, written: dict[str, str]) -> set[tuple[str, str]]:
    """(field, message) of every problem `validate` finds in the files format.js wrote."""
    root = tmp_path / "agreements"
    shutil.rmtree(root, ignore_errors=True)
    for record_id, text in written.items():
        path = root / f"{record_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = load_registry(root, today=dt.date.fromisoformat(TODAY))
    return {(p.field, p.message) for p in result.problems if p.path.endswith(tuple(f"{i}.md" for i in written))}


def test_a_form_record_with_empty_optional_fields_is_written_valid(tmp_path: Path) -> None:
    [out] = node([{"data": record()}])
    assert out["id"] == "lang-son/2022-05-06-ubnd-ubmttq" and out["problems"] == []
    text = out["text"]
    assert text.startswith("---\ntitle: Quy chế") and "__" not in text and "number" not in text
    assert "parties:\n  - ubnd\n  - ubmttq\n" in text and 'signed: "2022-05-06"' in text
    assert text.endswith("---\nUBND tỉnh và Ủy ban MTTQ Việt Nam tỉnh ký quy chế phối hợp.\n")
    assert validate_written(tmp_path, {out["id"]: text}) == set()


def test_yaml_1_1_lookalikes_stay_strings() -> None:
    tricky = ["yes", "No", "on", "1:20", "0x1F", "012", "1_000", "1e5", ".inf", "~", "null", "2024-01-25", "=",
              "- a", "#b", "a: b", "'q'", '"dq"', "@x", "%y"]
    principles = [f"{value} là nguyên tắc" if len(value) < 3 else value for value in tricky]
    [out] = node([{"data": record(principles=principles, number="1:20", unit="yes", level="xa")}])
    source = read_source_text(out["text"])
    assert source.data["principles"] == principles and source.data["number"] == "1:20" and source.data["unit"] == "yes"


def read_source_text(text: str):
    source, problems = read_source("one.md", text.encode("utf-8"))
    assert not problems, problems
    return source


def _records() -> list[Path]:
    seeds = ROOT / "tests" / "cases" / "seed-registry" / "agreements"
    return sorted((ROOT / "agreements").rglob("*.md")) + sorted(seeds.rglob("*.md"))


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def test_every_record_survives_the_form_unchanged(tmp_path: Path) -> None:
    """Open each record in the form and save it without touching a field: same facts, valid."""
    paths = [p for p in _records() if p.name != "LICENSE"]
    assert len(paths) >= 8
    outs = node([{"op": "fromFile", "text": p.read_text(encoding="utf-8")} for p in paths])
    saved = node([{"data": data, "id": _id(path)} for data, path in zip(outs, paths, strict=True)])
    for path, out in zip(paths, saved, strict=True):
        before, after = read_source_text(path.read_text(encoding="utf-8")), read_source_text(out["text"])
        assert _without_nulls(after.data) == _without_nulls(before.data), path
        assert after.body.strip() == before.body.strip(), path
        assert out["problems"] == [], (path, out["problems"])


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


# --- rules.js refuses what validate refuses, with the same words ----------------------------------

EDIT = "lang-son/2022-05-06-ubnd-ubmttq"
OTHER = {"title": "Quy chế phối hợp giữa Thường trực HĐND và UBND tỉnh Lạng Sơn", "province": "lang-son", "level": "tinh",
         "signed": "2021-10-05", "term": "2021-2026", "parties": ["tt-hdnd", "ubnd"],
         "sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế", "url": "https://baolangson.vn/a"}],
         "added": "2026-11-30"}
CASES = {
    "valid": ({}, None),
    "province empty without uncertain": ({"province": ""}, None),
    "province empty with uncertain": ({"province": "", "uncertain": [{"field": "province", "reason": "nguon-khong-neu"}]}, None),
    "day does not exist": ({"signed": "2021-02-30"}, None),
    "no month 13": ({"signed": "2021-13-01"}, None),
    "29 february without year": ({"signed": "XXXX-02-30", "term": ""}, None),
    "future": ({"signed": "2027-01-05", "term": "2026-2031"}, None),
    "effective before signed": ({"effective": "2022-05-01"}, None),
    "signing event on another day": ({"events": [{"kind": "ky-ket", "date": "2022-05-07", "source": ""}]}, None),
    "signing event without date": ({"events": [{"kind": "ky-ket", "date": ""}]}, None),
    "commune without unit": ({"level": "xa"}, None),
    "district after the reform": ({"level": "huyen", "unit": "Huyện Cao Lộc", "signed": "2025-08-01"}, None),
    "former province after the merger": ({"province": "bac-giang", "signed": "2025-08-01", "term": ""}, None),
    "party mapping without code or name": ({"parties": [{"party": "ubnd"}, {"party": "ubmttq"}, {"level": "xa", "count": 3}]}, None),
    "party level equal to the record's": ({"parties": [{"party": "ubnd", "level": "tinh"}, {"party": "ubmttq"}]}, None),
    "duplicate parties": ({"parties": [{"party": "ubnd"}, {"party": "ubnd"}, {"party": "ubmttq"}]}, None),
    "one party left after empty items": ({"parties": [{"party": "ubnd"}, {"party": ""}]}, None),
    "signatory of another party": ({"signatories": [{"name": "Nguyễn Văn A", "position": "", "party": "tt-hdnd"}]}, None),
    "status without its source": ({"status": "con-hieu-luc"}, None),
    "status source without status": ({"status_source": 1}, None),
    "status source beyond the sources": ({"status": "het-hieu-luc", "status_source": 3}, None),
    "relation without target or document": ({"relations": [{"type": "thay-the", "note": "x"}]}, None),
    "relation with both": ({"relations": [{"type": "thay-the", "target": "lang-son/2021-10-05-tt-hdnd-ubnd",
                                           "document": {"number": "12/QC"}}]}, None),
    "document without number or date": ({"relations": [{"type": "sua-doi", "document": {"title": "Quy chế cũ"}}]}, None),
    "document dated": ({"relations": [{"type": "sua-doi", "document": {"number": "", "date": "2019-05-10"}}]}, None),
    "event source beyond the sources": ({"events": [{"kind": "so-ket", "date": "2023", "source": 5}]}, None),
    "control character": ({"title": "Quy chế phối hợp\u0007 giữa UBND và MTTQ"}, None),
    "bidi character": ({"sources": [{"publisher": "Báo\u202e Lạng Sơn", "title": "Ký kết quy chế"}]}, None),
    "invisible value": ({"number": "\u200b\u200b\u200b"}, None),
    "line break in a code": ({"number": "12/QC\nthêm"}, None),
    "url with a user name": ({"sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế", "url": "https://a@baolangson.vn/x"}]}, None),
    "url to localhost": ({"sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế", "url": "http://localhost/x"}]}, None),
    "url with a backslash": ({"sources": [{"publisher": "Báo Lạng Sơn", "title": "Ký kết quy chế", "url": "https://baolangson.vn\\x"}]}, None),
    "empty summary": ({"body": "  \n"}, None),
    "whitespace-only publisher": ({"sources": [{"publisher": "   ", "title": "Ký kết quy chế"}]}, None),
    "short title after trimming": ({"title": "  Quy chế  "}, None),
    "edit: folder of another province": ({}, "ha-noi/2022-05-06-ubnd-ubmttq"),
    "edit: file name with another date": ({}, "lang-son/2021-01-01-ubnd-ubmttq"),
    "edit: file name with other parties": ({}, "lang-son/2022-05-06-ubnd-tt-hdnd"),
    "edit: relation to itself": ({"relations": [{"type": "thay-the", "target": EDIT}]}, EDIT),
    "edit: unchanged": ({}, EDIT),
    "commune with unit": ({"level": "xa", "unit": "Xã Tân Thanh"}, None),
    "unknown date and many parties": ({"signed": "", "parties": [{"party": p} for p in
                                       ("tt-hdnd", "ubnd", "ubmttq", "doan-dbqh", "vp-ubnd", "cong-an")]}, None),
}


@pytest.fixture(scope="module")
def rule_outputs() -> dict[str, dict]:
    """rules.js and format.js over every case, in one Node run."""
    jobs = [{"data": record(**changes), **({"id": record_id} if record_id else {})} for changes, record_id in CASES.values()]
    return dict(zip(CASES, node(jobs), strict=True))


@pytest.mark.parametrize("name", list(CASES))
def test_rules_refuse_what_validate_refuses_with_the_same_message(name: str, rule_outputs, tmp_path: Path) -> None:
    out = rule_outputs[name]
    refused = {(p["field"], p["message"]) for p in out["problems"]}
    other = f"---\n{yaml.safe_dump(OTHER, allow_unicode=True)}---\nQuy chế ba bên của tỉnh.\n"  # a relation target
    assert validate_written(tmp_path, {out["id"]: out["text"], "lang-son/2021-10-05-tt-hdnd-ubnd": other}) == refused
    assert (name in ("valid", "province empty with uncertain", "document dated", "edit: unchanged",
                     "commune with unit", "unknown date and many parties")) == (not refused)


def test_new_record_paths_follow_the_file_name_rule() -> None:
    outs = node([{"data": record(**changes)} for changes in (
        {}, {"province": "", "uncertain": [{"field": "province", "reason": "nguon-khong-neu"}], "signed": "XXXX-10-14"},
        {"signed": "", "level": "xa", "unit": "Xã Tân Thanh"},
        {"parties": [{"party": "tt-hdnd", "level": "xa", "count": 15, "unit": "15 phường"}, {"name": "Báo Lạng Sơn"}, {"party": "ubnd"}]},
    )])
    assert [o["id"] for o in outs] == [
        "lang-son/2022-05-06-ubnd-ubmttq", "chua-ro-tinh/xxxx-10-14-ubnd-ubmttq",
        "lang-son/chua-ro-ngay-xa-tan-thanh-ubnd-ubmttq", "lang-son/2022-05-06-tt-hdnd-ubnd",
    ]


# --- writing the editor into a site ---------------------------------------------------------------


def test_write_cms_copies_the_pinned_bundle_without_source_maps(tmp_path: Path) -> None:
    folder = cms.write_cms(tmp_path, cms.CmsSettings(repo="a/b"))
    names = {p.name for p in folder.iterdir()}
    assert {"index.html", "config.js", "setup.js", "format.js", "rules.js", "decap-cms.js", "js-yaml.min.js"} <= names
    assert not any(n.endswith(".map") for n in names) and "cms.js" not in names
    assert any(n.endswith(".decap-cms.js") for n in names) and any(n.endswith(".wasm") for n in names)
    script = (folder / "config.js").read_text(encoding="utf-8")
    assert script.startswith("window.CMS_MANUAL_INIT = true;\nwindow.REGISTRY_CMS = ")
    setup = json.loads(script.split("window.REGISTRY_CMS = ", 1)[1].rstrip(";\n"))
    assert setup["config"]["backend"]["repo"] == "a/b" and setup["shape"]["null_when_empty"] == ["province", "signed", "term"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in page and "https://" not in page  # nothing from a CDN


def test_write_cms_without_node_modules_says_to_run_npm_ci(tmp_path: Path) -> None:
    with pytest.raises(cms.CmsError) as refused:
        cms.write_cms(tmp_path / "site", cms.CmsSettings(), node_modules=tmp_path / "node_modules")
    assert str(refused.value) == cms.NPM_MISSING and "npm ci" in cms.NPM_MISSING
