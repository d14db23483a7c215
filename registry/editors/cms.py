"""The web editor at /quan-tri/: Decap CMS, configured from the one schema at build time.

Nothing about the record is written here by hand except the short Vietnamese labels of the
fields the public pages do not already name (FIELD_LABELS in registry/site/pages.py) and the
few places where a field needs another widget than its JSON type suggests (WIDGETS). Every
field, its help text (the schema's description, its type, limits and allowed values in the
words of the field reference page), every select list (vocabularies and the name tables of
model.py), the key order and which empty values are written as null come from the schema and
the vocabularies; tests/editors/test_cms_config.py fails when a schema field has no form field.

What Decap's widgets cannot say (a party written as a code OR a mapping, one of `target` or
`document`, a province left empty only with an `uncertain` entry, dates that must exist and
not lie in the future…) is checked by cms_assets/rules.js before saving, with the messages of
registry/records/validate.py (the test runs it in Node against the real validator), and the
file is written by cms_assets/format.js in the exact shape `python -m registry validate` reads.

`write_cms(site_dir, settings)` writes the editor into the built site: index.html, the
generated config.js, our three small scripts, and the pinned decap-cms and js-yaml bundles
copied from node_modules (no third-party CDN).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from registry.records.model import UNKNOWN_PROVINCE_FOLDER
from registry.records.schema import _PATTERN_HINTS, load_schema
from registry.records.text import format_date_vi, vi_sort_key
from registry.records.textpolicy import MAX_SUMMARY_CHARS
from registry.records.validate import ONE_LINE_FIELDS
from registry.records.vocab import MERGER_DATE, Vocabularies, load_vocabularies
from registry.site.field_reference import ENUM_NAMES, VOCABULARY_OF, limits_text, type_text
from registry.site.pages import FIELD_LABELS

ADMIN_FOLDER = "quan-tri"
COLLECTION = "agreements"
FORMAT = "registry-md"
ASSETS = Path(__file__).parent / "cms_assets"
ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
DECAP_DIST = Path("decap-cms") / "dist"
JS_YAML = Path("js-yaml") / "dist" / "js-yaml.min.js"
# decap-server's default port; `make serve` starts it there. `?proxy=PORT` on /quan-tri/ picks another.
DEFAULT_PROXY_PORT = 8081
# Where a field is picked from something else than its JSON type says (path as in the field
# reference: list items get "[]").
WIDGETS = {
    "relations[].target": "relation",  # another record, searched by title
    "uncertain[].field": "field-name",  # a field of the record
}
# Labels the public pages do not have (FIELD_LABELS covers the main top-level fields).
LABELS = {
    "period": "Giai đoạn", "kind": "Loại văn bản", "status_source": "Nguồn nói về tình trạng (số thứ tự)",
    "uncertain": "Điều chưa chắc chắn", "former_ids": "Mã cũ của bản ghi", "updated": "Ngày sửa gần nhất",
    "parties[].party": "Cơ quan (trong danh mục)", "parties[].name": "Tên như nguồn ghi",
    "parties[].level": "Cấp (khi khác cấp của bản ghi)", "parties[].unit": "Đơn vị (khi khác đơn vị của bản ghi)",
    "parties[].count": "Số cơ quan (khi là nhiều cơ quan cùng loại)",
    "signatories[].name": "Họ tên", "signatories[].position": "Chức vụ", "signatories[].party": "Thuộc bên",
    "structure.chapters": "Số chương", "structure.articles": "Số điều",
    "events[].kind": "Loại sự kiện", "events[].date": "Ngày", "events[].note": "Ghi chú",
    "events[].source": "Nguồn (số thứ tự)",
    "relations[].type": "Loại quan hệ", "relations[].target": "Quy chế trong sổ",
    "relations[].document": "Văn bản chưa có trong sổ", "relations[].document.number": "Số hiệu",
    "relations[].document.date": "Ngày", "relations[].document.title": "Tên văn bản",
    "relations[].note": "Ghi chú",
    "sources[].publisher": "Cơ quan, báo đăng tin", "sources[].title": "Tiêu đề bài", "sources[].date": "Ngày đăng",
    "sources[].author": "Tác giả", "sources[].url": "Địa chỉ (http/https)", "sources[].language": "Ngôn ngữ",
    "uncertain[].field": "Trường", "uncertain[].reason": "Lý do", "uncertain[].suggested": "Giá trị gợi ý",
    "uncertain[].note": "Ghi chú",
}
BODY_LABEL = "Tóm tắt"
BODY_HINT = ("Tóm tắt bằng lời của mình (không chép nguyên bài), vài câu: ai ký, khi nào, phối hợp những việc gì. "
             "Ghi nguồn ở mục Nguồn.")
# Free text longer than this gets a multi-line box.
_TEXT_BOX = 500


class CmsError(Exception):
    """The editor cannot be built (message in Vietnamese, one line)."""


@dataclass(frozen=True)
class CmsSettings:
    repo: str = ""  # "owner/name" on GitHub, from mkdocs.yml repo_url
    branch: str = "main"
    site_url: str = ""
    auth_url: str = ""  # the OAuth provider for the GitHub backend ("" = Decap's default)
    proxy_port: int = DEFAULT_PROXY_PORT

    @classmethod
    def from_config(cls, config) -> CmsSettings:
        repo_url = (config.get("repo_url") or "").rstrip("/")
        repo = "/".join(repo_url.split("/")[-2:]) if "github.com/" in repo_url else ""
        extra = config.get("extra") or {}
        editor = extra.get("editor") or {}
        return cls(repo=repo, branch=editor.get("branch", "main"), site_url=config.get("site_url") or "",
                   auth_url=editor.get("auth_url", ""))


# --- the Decap configuration -----------------------------------------------------------------


def label_of(path: str) -> str:
    """The Vietnamese label of a field ('sources[].url' -> 'Địa chỉ (http/https)')."""
    return FIELD_LABELS.get(path) or LABELS[path]


def cms_config(settings: CmsSettings = CmsSettings(), schema: dict | None = None,
               vocab: Vocabularies | None = None) -> dict:
    """The whole Decap configuration (passed to CMS.init by setup.js)."""
    schema = schema or load_schema()
    vocab = vocab or load_vocabularies()
    fields = [_field(name, name, spec, name in schema.get("required", ()), schema, vocab)
              for name, spec in schema["properties"].items()]
    fields.append({"name": "body", "label": BODY_LABEL, "widget": "markdown", "hint": BODY_HINT,
                   "modes": ["raw", "rich_text"], "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                   "editor_components": []})
    # Filled by setup.js just before saving: the folder and file name of a new record.
    fields += [{"name": "__folder", "widget": "hidden", "required": False},
               {"name": "__slug", "widget": "hidden", "required": False}]
    backend = {"name": "github", "repo": settings.repo, "branch": settings.branch, "open_authoring": True,
               "commit_messages": {"create": "Thêm quy chế {{slug}}", "update": "Sửa quy chế {{slug}}",
                                   "delete": "Xóa quy chế {{slug}}",
                                   "openAuthoring": "{{message}}"}}
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    return {
        "load_config_file": False,
        "locale": "vi",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": f"http://127.0.0.1:{settings.proxy_port}/api/v1"},
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "media_folder": "docs/assets/tep-tai-len",
        "public_folder": "/assets/tep-tai-len",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": COLLECTION,
            "label": "Quy chế phối hợp",
            "label_singular": "quy chế",
            "description": "Mỗi mục là một quy chế (một tệp trong agreements/). Lưu xong, bản ghi được kiểm tra như lệnh python -m registry validate.",
            "folder": "agreements",
            "extension": "md",
            "format": FORMAT,
            "create": True,
            "delete": False,
            "identifier_field": "title",
            # Not {{fields.__folder}}: Decap turns the dot of a path template into '-' (prepareSlug).
            "path": "{{__folder}}/{{__slug}}",
            "summary": "{{title}}",
            "sortable_fields": ["title", "signed", "added"],
            "editor": {"preview": False},
            "fields": fields,
        }],
    }


def _resolve(spec: dict, schema: dict) -> dict:
    """Merge a local "$ref" into the spec. The schema validators rewrite refs in the cached schema
    to absolute ones ("https://…/agreement.schema.json#/$defs/date"), so only the part after '#' counts."""
    ref = spec.get("$ref", "")
    if "#/$defs/" not in ref:
        return spec
    return {**schema["$defs"][ref.split("#/$defs/", 1)[1]], **{k: v for k, v in spec.items() if k != "$ref"}}


def _types(spec: dict) -> list[str]:
    kind = spec.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def _nullable(spec: dict) -> bool:
    return "null" in _types(spec) or None in spec.get("enum", ())


def _field(path: str, name: str, spec: dict, required: bool, schema: dict, vocab: Vocabularies) -> dict:
    spec = _resolve(spec, schema)
    field = {"name": name, "label": label_of(path), "required": required and not _nullable(spec)}
    hint = _hint(spec)
    if hint:
        field["hint"] = hint
    field.update(_widget(path, spec, schema, vocab))
    return field


def _hint(spec: dict) -> str:
    """The help text under a field: the schema's description, else its type and limits."""
    if spec.get("description"):
        return spec["description"]
    parts = [type_text(spec), limits_text(spec)]
    return "; ".join(p for p in parts if p)


def _widget(path: str, spec: dict, schema: dict, vocab: Vocabularies) -> dict:
    special = WIDGETS.get(path)
    if special == "relation":
        return {"widget": "relation", "collection": COLLECTION, "value_field": "{{slug}}",
                "search_fields": ["title", "number"], "display_fields": ["{{title}} — {{slug}}"],
                "options_length": 30}
    if special == "field-name":
        return _select([(name, f"{label_of(name)} ({name})") for name in schema["properties"]])
    if path in VOCABULARY_OF:
        return _vocabulary_widget(path, spec, schema, vocab)
    if "enum" in spec:
        names = ENUM_NAMES.get(path) or ENUM_NAMES.get(path.rsplit(".", 1)[-1], {})  # parties[].level: as level
        return _select([(v, f"{names[v]} ({v})" if v in names else v) for v in spec["enum"] if v is not None])
    types = [t for t in _types(spec) if t != "null"]
    if "array" in types:
        return _list(path, spec, schema, vocab)
    if "object" in types:
        return {"widget": "object", "collapsed": True,
                "fields": _object_fields(path + ".", spec, schema, vocab)}
    if "integer" in types:
        number = {"widget": "number", "value_type": "int"}
        number.update({key: spec[bound] for key, bound in (("min", "minimum"), ("max", "maximum")) if bound in spec})
        return number
    return _string(spec)


def _string(spec: dict) -> dict:
    widget = {"widget": "text" if spec.get("maxLength", 0) >= _TEXT_BOX else "string"}
    pattern = _pattern(spec)
    if pattern:
        widget["pattern"] = pattern
    return widget


def _pattern(spec: dict) -> list[str] | None:
    """[regex, Vietnamese message] for Decap: the schema's pattern and its length limits."""
    pattern, low, high = spec.get("pattern"), spec.get("minLength"), spec.get("maxLength")
    if not pattern and low is None and high is None:
        return None
    message = ""
    if pattern:
        message = next((hint for prefix, hint in _PATTERN_HINTS.items() if pattern.startswith(prefix)),
                       f"cần khớp mẫu {pattern}")
    limits = limits_text({k: v for k, v in spec.items() if k in ("minLength", "maxLength")})
    message = "; ".join(p for p in (message, f"độ dài {limits}" if limits else "") if p)
    length = f"(?=^[\\s\\S]{{{low or 0},{'' if high is None else high}}}$)" if (low or high is not None) else ""
    return [length + (pattern or ""), message]


def _select(options: list[tuple[str, str]], multiple: bool = False) -> dict:
    widget = {"widget": "select", "options": [{"value": value, "label": label} for value, label in options]}
    if multiple:
        widget["multiple"] = True
    return widget


def _vocabulary_widget(path: str, spec: dict, schema: dict, vocab: Vocabularies) -> dict:
    if path == "province":
        return _select(province_options(vocab))
    if path == "term":
        return _select([(t.code, t.name) for t in sorted(vocab.terms.values(), key=lambda t: (t.start, t.end))])
    if path == "topics":
        return {**_select([(t.code, t.name) for t in sorted(vocab.topics.values(), key=lambda t: vi_sort_key(t.name))],
                          multiple=True), **_count_limits(spec)}
    if path == "parties":  # items are a code or a mapping: one list of mappings, codes collapsed on save
        return _list(path, spec, schema, vocab)
    return _party_select(vocab)


def _party_select(vocab: Vocabularies) -> dict:
    parties = sorted(vocab.parties.values(), key=lambda p: vi_sort_key(p.name))
    return _select([(p.code, f"{p.name} ({p.short})") for p in parties])


def province_options(vocab: Vocabularies) -> list[tuple[str, str]]:
    """Current units by name, then the former ones not continued under the same code."""
    merger = format_date_vi(MERGER_DATE.isoformat())
    options = [(p.slug, p.name) for p in vocab.sorted_current()]
    former = sorted((p for p in vocab.former.values() if p.slug not in vocab.current), key=lambda p: vi_sort_key(p.name))
    options += [(p.slug, f"{p.name} (trước {merger}, nay thuộc {vocab.current[p.successor].name})") for p in former]
    return options


def _count_limits(spec: dict) -> dict:
    return {key: spec[bound] for key, bound in (("min", "minItems"), ("max", "maxItems")) if bound in spec}


def _list(path: str, spec: dict, schema: dict, vocab: Vocabularies) -> dict:
    items = _item_object(spec)
    widget = {"widget": "list", "collapsed": True, **_count_limits(spec)}
    if items is None:  # a list of plain values
        item = {"name": "value", "label": label_of(path), "required": True, **_string(spec.get("items", {}))}
        return {**widget, "field": item}
    fields = _object_fields(path + "[].", items, schema, vocab)
    if path == "parties":
        for field in fields:
            if field["name"] == "party":
                field.update(_party_select(vocab))
    widget["fields"] = fields
    widget["summary"] = " · ".join("{{fields." + f["name"] + "}}" for f in fields[:2])
    return widget


def _item_object(spec: dict) -> dict | None:
    """The object an array's items are (also the `else` of a code-or-mapping item), or None."""
    items = spec.get("items", {})
    if "object" in _types(items):
        return items
    if "else" in items and "object" in _types(items["else"]):
        return items["else"]
    return None


def _object_fields(prefix: str, spec: dict, schema: dict, vocab: Vocabularies) -> list[dict]:
    required = set(spec.get("required", ()))
    return [_field(prefix + name, name, sub, name in required, schema, vocab)
            for name, sub in spec.get("properties", {}).items()]


# --- what format.js and rules.js need to know -----------------------------------------------


def record_shape(schema: dict | None = None) -> dict:
    """The schema as format.js walks it: key order, keys written as null when empty, list items,
    and the code-or-mapping lists (their mapping key that collapses to a bare code)."""
    schema = schema or load_schema()
    return _shape(schema, schema)


def _shape(spec: dict, schema: dict) -> dict:
    spec = _resolve(spec, schema)
    types = _types(spec)
    if "object" in types:
        required = set(spec.get("required", ()))
        props = spec.get("properties", {})
        nullable = [k for k, s in props.items() if k in required and _nullable(_resolve(s, schema))]
        return {"type": "object", "keys": list(props), "null_when_empty": nullable,
                "required": [k for k in props if k in required and k not in nullable],
                "props": {k: _shape(s, schema) for k, s in props.items()}}
    if "array" in types:
        items = spec.get("items", {})
        limits = {"min_items": spec.get("minItems", 0), "unique": bool(spec.get("uniqueItems"))}
        if "else" in items:  # a code (then) or a mapping (else)
            shape = _shape(items["else"], schema)
            code_pattern = items["then"].get("pattern")
            shape["collapse"] = next(k for k, s in items["else"]["properties"].items() if s.get("pattern") == code_pattern)
            return {"type": "array", "items": shape, **limits}
        return {"type": "array", "items": _shape(items, schema), **limits}
    if "integer" in types:
        return {"type": "integer"}
    return {"type": "string", "min_length": spec.get("minLength", 0)}


def rule_facts(vocab: Vocabularies | None = None, schema: dict | None = None) -> dict:
    """The vocabulary facts rules.js checks against (the same tables validate uses)."""
    vocab = vocab or load_vocabularies()
    schema = schema or load_schema()
    date_fields = {name: name in schema["required"] for name, spec in schema["properties"].items()
                   if _resolve(spec, schema).get("format") == "date"}
    return {
        "merger_date": MERGER_DATE.isoformat(),
        "merger_text": f"{MERGER_DATE:%d/%m/%Y}",
        "unknown_folder": UNKNOWN_PROVINCE_FOLDER,
        "current": sorted(vocab.current),
        "former": {slug: p.successor for slug, p in sorted(vocab.former.items())},
        "parties": sorted(vocab.parties),
        "terms": sorted(vocab.terms),
        "fields": list(schema["properties"]),
        "one_line": sorted(ONE_LINE_FIELDS),
        "max_summary_chars": MAX_SUMMARY_CHARS,
        # format: date fields: the required one is filled on creation, the optional one on each edit
        "created_field": next(name for name, required in date_fields.items() if required),
        "edited_field": next(name for name, required in date_fields.items() if not required),
    }


def cms_setup(settings: CmsSettings = CmsSettings()) -> dict:
    """Everything setup.js receives (window.REGISTRY_CMS)."""
    return {"config": cms_config(settings), "shape": record_shape(), "facts": rule_facts(),
            "format": FORMAT, "collection": COLLECTION}


# --- writing the editor into the built site -------------------------------------------------

NPM_MISSING = ("Thiếu node_modules/decap-cms (trình soạn thảo /quan-tri/): chạy `npm ci` "
               "trong thư mục dự án rồi dựng lại trang.")


def write_cms(site_dir: Path, settings: CmsSettings, node_modules: Path = NODE_MODULES) -> Path:
    """Write /quan-tri/ into `site_dir`; returns its folder. CmsError when npm packages are missing."""
    dist, js_yaml = node_modules / DECAP_DIST, node_modules / JS_YAML
    if not (dist / "decap-cms.js").is_file() or not js_yaml.is_file():
        raise CmsError(NPM_MISSING)
    target = Path(site_dir) / ADMIN_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for source in dist.iterdir():
        if _is_decap_file(source.name):
            shutil.copyfile(source, target / source.name)
    shutil.copyfile(js_yaml, target / "js-yaml.min.js")
    for name in ("index.html", "format.js", "rules.js", "setup.js"):
        shutil.copyfile(ASSETS / name, target / name)
    (target / "config.js").write_text(config_script(settings), encoding="utf-8")
    return target


def config_script(settings: CmsSettings) -> str:
    """config.js: tells Decap to wait for setup.js, and hands it the generated setup."""
    data = json.dumps(cms_setup(settings), ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f"window.CMS_MANUAL_INIT = true;\nwindow.REGISTRY_CMS = {data};\n"


def _is_decap_file(name: str) -> bool:
    """decap-cms.js, its lazily loaded chunks (NNNN.decap-cms.js), the wasm files and the licence;
    not the second bundle (cms.js and its chunks) nor source maps."""
    if name.endswith(".map"):
        return False
    return name in ("decap-cms.js", "decap-cms.js.LICENSE.txt") or name.endswith(".decap-cms.js") or name.endswith(".wasm")
