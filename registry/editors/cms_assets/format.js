/* One record file <-> the editor's data (Decap custom format "registry-md").
 *
 * fromFile: front matter (YAML, read with the core schema so dates stay strings) and the
 * Markdown summary as `body`; a party written as a bare code becomes {party: code} so that
 * one list of mappings can edit both forms; null values are left out (empty widgets).
 * toFile: walks the record shape generated from the schema (registry/editors/cms.py): keys in
 * the schema's order, empty optional values dropped, the empty required-but-nullable ones
 * written as null (province, signed, term, events[].date), a mapping that only names a party
 * collapsed back to its code, helper keys (__folder, __slug) removed; strings that YAML 1.1
 * (PyYAML, which `python -m registry validate` uses) would read as something else are quoted.
 *
 * Works in the browser (window.jsyaml) and in Node (the tests run it there).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("js-yaml"));
  } else {
    root.RegistryFormat = factory(root.jsyaml);
  }
})(typeof self !== "undefined" ? self : this, function (yaml) {
  "use strict";

  // Plain scalars that PyYAML's safe loader resolves to bool, int, float, null or the merge and
  // value keys (YAML 1.1 implicit types); js-yaml's dumper quotes a string matching any
  // implicit type of its schema, so this type is only there to make it quote these.
  var YAML11 = new RegExp([
    "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
    "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
    "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
    "^(?:~|null|Null|NULL|<<|=)?$",
    "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
  ].join("|"));
  var quoteYaml11 = new yaml.Type("tag:registry,2026:yaml11", {
    kind: "scalar",
    resolve: function (text) { return text !== null && YAML11.test(text); },
    construct: function (text) { return text; },
  });
  var DUMP_SCHEMA = yaml.DEFAULT_SCHEMA.extend({ implicit: [quoteYaml11] });

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    return typeof value === "object" && Object.keys(value).length === 0;
  }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The value as the record file holds it (see the header).
  function clean(value, shape) {
    if (!shape) return value;
    if (shape.type === "object") return cleanObject(value, shape);
    if (shape.type === "array") {
      if (!Array.isArray(value)) return value;
      return value.map(function (item) { return clean(item, shape.items); })
        .filter(function (item) { return !isEmpty(item); });
    }
    if (typeof value === "string") {
      var text = value.trim();
      if (shape.type === "integer" && /^[0-9]+$/.test(text)) return parseInt(text, 10);
      return text;
    }
    return value;
  }

  function cleanObject(value, shape) {
    if (!isMapping(value)) return value;
    var out = {};
    var filled = false;
    shape.keys.forEach(function (key) {
      var item = clean(value[key], shape.props[key]);
      if (!isEmpty(item)) {
        out[key] = item;
        filled = true;
      } else if (shape.null_when_empty.indexOf(key) >= 0) {
        out[key] = null;
      }
    });
    Object.keys(value).forEach(function (key) {  // a key the form does not know: kept for validate to judge
      if (!(key in shape.props) && key.slice(0, 2) !== "__" && key !== "body" && !isEmpty(value[key])) {
        out[key] = value[key];
        filled = true;
      }
    });
    if (!filled) return {};
    var keys = Object.keys(out);
    if (shape.collapse && keys.length === 1 && keys[0] === shape.collapse && typeof out[shape.collapse] === "string") {
      return out[shape.collapse];
    }
    return out;
  }

  // File data -> editor data: bare codes as mappings, nulls left out.
  function expand(value, shape) {
    if (value === null || value === undefined) return undefined;
    if (shape && shape.type === "array" && Array.isArray(value)) {
      return value.map(function (item) {
        if (shape.items && shape.items.collapse && typeof item === "string") {
          var mapping = {};
          mapping[shape.items.collapse] = item;
          return mapping;
        }
        return expand(item, shape.items);
      });
    }
    if (isMapping(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var item = expand(value[key], shape && shape.props ? shape.props[key] : null);
        if (item !== undefined) out[key] = item;
      });
      return out;
    }
    return value;
  }

  function splitFile(content) {
    var text = String(content || "").replace(/\r\n?/g, "\n");
    var match = /^---\n([\s\S]*?)\n?---[ \t]*(?:\n|$)/.exec(text);
    if (!match) return { frontMatter: "", body: text };
    return { frontMatter: match[1], body: text.slice(match[0].length) };
  }

  function fromFile(content, shape) {
    var parts = splitFile(content);
    var data = parts.frontMatter ? yaml.load(parts.frontMatter, { schema: yaml.CORE_SCHEMA }) : {};
    var out = expand(isMapping(data) ? data : {}, shape) || {};
    out.body = parts.body.replace(/^\n+/, "");
    return out;
  }

  function frontMatterOf(data, shape) {
    var record = {};
    Object.keys(data || {}).forEach(function (key) {
      if (key !== "body") record[key] = data[key];
    });
    return clean(record, shape);
  }

  function toFile(data, shape) {
    var record = frontMatterOf(data, shape);
    var body = String((data && data.body) || "").replace(/\s+$/, "");
    var front = yaml.dump(record, { schema: DUMP_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });
    return "---\n" + front + "---\n" + (body ? body + "\n" : "");
  }

  return { fromFile: fromFile, toFile: toFile, clean: clean, frontMatterOf: frontMatterOf, isEmpty: isEmpty };
});
