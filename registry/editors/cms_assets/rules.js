/* The checks of `python -m registry validate` that Decap's widgets cannot express, run on the
 * record exactly as format.js will write it, before saving. Each message is the one
 * registry/records/validate.py (or schema.py / textpolicy.py / links.py) prints for the same
 * record; tests/editors/test_cms_config.py runs this file in Node against the real validator.
 * Returns [{field, message}] with field names as validate prints them ("sources[1].url").
 *
 * Not ported (the form cannot produce them, or only the whole registry can tell): unknown codes
 * (select lists), relation targets that do not exist (relation widget), cycles of relations and
 * two files for the same agreement (validate on the pull request reports them).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.RegistryRules = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var EDTF = /^(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  var DATE_PREFIX = /^(\d{4}-\d{2}-\d{2}|xxxx-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|chua-ro-ngay|nhiem-ky-\d{4}-\d{4})(?=-|$)/;
  var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
  var BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  var NONCHARACTER = /[\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
  var INVISIBLE = /^[\s\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800]+$/u;
  var SPECIAL_NAMES = ["localhost", "local", "internal", "intranet", "lan", "home", "corp", "test",
    "example", "invalid", "onion", "arpa", "home.arpa"];

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function pad(number, size) {
    var text = String(number);
    while (text.length < size) text = "0" + text;
    return text;
  }

  function leap(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }

  function daysIn(year, month) {
    return month === 2 ? (leap(year) ? 29 : 28) : MONTH_DAYS[month - 1];
  }

  // registry.records.text.parse_edtf: {year, month, day} or null.
  function parseEdtf(value) {
    var match = typeof value === "string" ? EDTF.exec(value) : null;
    if (!match) return null;
    var year = match[1] === "XXXX" ? null : parseInt(match[1], 10);
    var month = match[2] ? parseInt(match[2], 10) : null;
    var day = match[3] ? parseInt(match[3], 10) : null;
    if (month !== null && (month < 1 || month > 12)) return null;
    if (day !== null) {
      if (year !== null) {
        if (year < 1 || day < 1 || day > daysIn(year, month)) return null;
      } else if (day < 1 || day > MONTH_DAYS[month - 1]) {
        return null;
      }
    }
    return { year: year, month: month, day: day };
  }

  function earliest(parsed, year) {
    var y = parsed.year || year;
    if (!y) return null;
    var month = parsed.month || 1;
    var day = parsed.day || 1;
    if (month === 2 && day === 29 && !leap(y)) day = 28;
    return pad(y, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  function fullDate(value) {
    var parsed = typeof value === "string" && DATE.test(value) ? parseEdtf(value) : null;
    return parsed ? value : null;
  }

  function vietnameseDate(iso) {
    var parts = iso.split("-");
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function shown(value) {
    return value.split("-").reverse().filter(function (p) { return p !== "XXXX"; }).join("/");
  }

  function whyNotADay(value) {
    var parts = value.split("-");
    var month = parseInt(parts[1], 10);
    if (!(month >= 1 && month <= 12)) return "không có tháng " + month + "; kiểm tra lại thứ tự năm-tháng-ngày";
    var stated = /^\d+$/.test(parts[0]);
    var year = stated ? parseInt(parts[0], 10) : 2000;
    var days = daysIn(year, month);
    var when = month === 2 && stated ? "tháng " + month + " năm " + year : "tháng " + month;
    return stated || month !== 2 ? when + " chỉ có " + days + " ngày" : "tháng 2 có nhiều nhất 29 ngày";
  }

  function quoted(value) {
    return value === null || value === undefined ? "null" : "'" + value + "'";
  }

  // Python's json.dumps(value, ensure_ascii=False), cut at 80 characters like schema._show.
  function pyJson(value) {
    if (Array.isArray(value)) return "[" + value.map(pyJson).join(", ") + "]";
    if (isMapping(value)) {
      return "{" + Object.keys(value).map(function (k) { return JSON.stringify(k) + ": " + pyJson(value[k]); }).join(", ") + "}";
    }
    return value === undefined ? "null" : JSON.stringify(value);
  }

  function show(value) {
    var text = pyJson(value);
    return text.length <= 80 ? text : text.slice(0, 77) + "…";
  }

  // registry.records.text.slugify
  function slugify(text) {
    var folded = String(text).toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "");
    return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function fieldName(path) {
    var name = "";
    path.forEach(function (part) {
      if (typeof part === "number") name += "[" + (part + 1) + "]";
      else name += name ? "." + part : part;
    });
    return name || "front matter";
  }

  function items(data, key) {
    var value = data[key];
    var out = [];
    if (Array.isArray(value)) {
      value.forEach(function (entry, i) { if (isMapping(entry)) out.push([i, entry]); });
    }
    return out;
  }

  function strings(data, key) {
    var value = data[key];
    var out = [];
    if (Array.isArray(value)) {
      value.forEach(function (entry, i) { if (typeof entry === "string") out.push([i, entry]); });
    }
    return out;
  }

  function uncertainFields(data) {
    return items(data, "uncertain").map(function (e) { return e[1].field; });
  }

  function suggestedYear(data) {
    var year = null;
    items(data, "uncertain").some(function (pair) {
      var entry = pair[1];
      var value = String(entry.suggested === null || entry.suggested === undefined ? "" : entry.suggested);
      if (entry.field === "signed" && entry.reason === "nam-suy-luan" && /^\d{4}/.test(value)) {
        year = parseInt(value.slice(0, 4), 10);
        return true;
      }
      return false;
    });
    return year;
  }

  // registry.records.model.reference_date (as "YYYY-MM-DD")
  function referenceDate(data) {
    var signed = parseEdtf(data.signed);
    if (signed && earliest(signed, suggestedYear(data))) return earliest(signed, suggestedYear(data));
    var dated = items(data, "events").map(function (e) { return parseEdtf(e[1].date); })
      .filter(function (d) { return d && d.year; }).map(function (d) { return earliest(d); }).sort();
    if (dated.length) return dated[0];
    var found = null;
    ["term", "period"].some(function (key) {
      var value = data[key];
      if (typeof value === "string" && /^\d{4}/.test(value)) {
        found = value.slice(0, 4) + "-01-01";
        return true;
      }
      return false;
    });
    return found;
  }

  // registry.records.model.party_codes_of
  function partyCodes(parties) {
    var codes = [];
    (parties || []).forEach(function (p) {
      if (typeof p === "string") codes.push(p);
      else if (isMapping(p) && p.party) codes.push(p.party);
    });
    return codes;
  }

  // registry.records.model.file_stems
  function fileStems(signed, term, codes, unit) {
    var joined = [codes.join("-") || "chua-ro-cac-ben"];
    if (codes.length > 5) joined.push(codes.slice(0, 2).concat(["cac-co-quan"]).join("-"));
    var dates = signed ? [signed.toLowerCase()] : (term ? ["nhiem-ky-" + term] : []).concat(["chua-ro-ngay"]);
    var middles = unit ? ["-" + slugify(unit), ""] : [""];
    var stems = [];
    joined.forEach(function (c) {
      dates.forEach(function (d) {
        middles.forEach(function (m) { stems.push(d + m + "-" + c); });
      });
    });
    return stems;
  }

  // The file of a new record (record format v2): <signed or chua-ro-ngay>[-<unit>]-<party codes>.
  function newRecordPath(data, facts) {
    var signed = typeof data.signed === "string" ? data.signed.toLowerCase() : "chua-ro-ngay";
    var unit = typeof data.unit === "string" && data.unit ? "-" + slugify(data.unit) : "";
    var codes = partyCodes(data.parties);
    return {
      folder: typeof data.province === "string" && data.province ? data.province : facts.unknown_folder,
      slug: signed + unit + "-" + (codes.join("-") || "chua-ro-cac-ben"),
    };
  }

  function asCodes(text, codes) {
    var words = text ? text.split("-") : [];
    if (words.length > 1 && /^\d+$/.test(words[words.length - 1])) words = words.slice(0, -1);
    if (!words.length) return null;
    var known = {};
    codes.forEach(function (c) { known[c] = true; });
    known["cac-co-quan"] = true;
    var best = { 0: [] };
    for (var i = 0; i < words.length; i++) {
      if (!(i in best)) continue;
      for (var j = i + 1; j <= words.length; j++) {
        var piece = words.slice(i, j).join("-");
        if (known[piece] && !(j in best)) best[j] = best[i].concat([piece]);
      }
    }
    return best[words.length] || null;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function valueProblem(text) {
    var found;
    if ((found = CONTROL.exec(text))) return "có ký tự điều khiển không in được (" + codepoint(found[0]) + "); hãy xóa";
    if ((found = NONCHARACTER.exec(text))) return "có ký tự " + codepoint(found[0]) + " (không phải ký tự Unicode dùng được, làm hỏng tệp XML/JSON); hãy xóa";
    if ((found = BIDI.exec(text))) return "có ký tự điều khiển hướng chữ (" + codepoint(found[0]) + "), có thể làm chữ hiện sai thứ tự; hãy xóa";
    if (text && INVISIBLE.test(text)) return "giá trị chỉ gồm khoảng trắng hoặc ký tự vô hình (như U+200B); hãy viết nội dung thật";
    return null;
  }

  function codepoint(char) {
    return "U+" + pad(char.codePointAt(0).toString(16).toUpperCase(), 4);
  }

  function allStrings(value, path, out) {
    if (typeof value === "string") out.push([path, value]);
    else if (Array.isArray(value)) value.forEach(function (v, i) { allStrings(v, path.concat([i]), out); });
    else if (isMapping(value)) Object.keys(value).forEach(function (k) { allStrings(value[k], path.concat([k]), out); });
    return out;
  }

  function urlProblem(url) {
    if (!/^https?:\/\//i.test(url)) return null;
    if (url.indexOf("\\") >= 0) return "liên kết có dấu gạch chéo ngược (\\), trình duyệt đọc khác; hãy dùng dấu /";
    var authority = url.split("://")[1].split("/")[0].split("?")[0].split("#")[0];
    if (authority.indexOf("@") >= 0) return "liên kết không được chứa tên người dùng hoặc mật khẩu (phần trước @); hãy bỏ phần đó";
    var host = authority.replace(/:\d*$/, "").toLowerCase();
    if (!host) return "liên kết thiếu tên máy chủ (ví dụ https://baolangson.vn/...)";
    var name = host.replace(/\.+$/, "");
    var labels = name.split(".");
    var special = SPECIAL_NAMES.some(function (n) { return name === n || name.slice(-n.length - 1) === "." + n; });
    if (/^[a-z\p{L}\p{N}-]+(\.[a-z\p{L}\p{N}-]+)*$/u.test(name) && !/^\d+$/.test(labels[labels.length - 1]) &&
        (labels.length < 2 || special)) {
      return "'" + host + "' không phải tên miền công khai (máy nội bộ hoặc tên dành riêng)";
    }
    return null;
  }

  // --- the checks, in validate.py's order ------------------------------------------------------

  function checkSchemaRest(data, shape, report) {
    // What Decap checks before trimming and dropping empty items, checked again on the file.
    (function walk(value, spec, path) {
      if (!spec) return;
      if (spec.type === "object" && isMapping(value)) {
        spec.required.forEach(function (key) {
          if (!(key in value)) {
            if (path.length) report(path.concat([key]), "thiếu trường bắt buộc '" + key + "' trong mục này");
            else report([key], "thiếu trường bắt buộc '" + key + "'; thêm dòng '" + key + ": …' vào phần đầu tệp, trước dòng '---' này");
          }
        });
        Object.keys(value).forEach(function (key) { walk(value[key], spec.props[key], path.concat([key])); });
      } else if (spec.type === "array" && Array.isArray(value)) {
        if (spec.min_items && value.length < spec.min_items) {
          report(path, "cần ít nhất " + spec.min_items + " mục, nhận được " + value.length);
        }
        if (spec.unique) {
          var seen = value.map(function (v) { return JSON.stringify(v); });
          if (seen.some(function (v, i) { return seen.indexOf(v) !== i; })) report(path, "danh sách có mục bị lặp: " + show(value));
        }
        value.forEach(function (v, i) { walk(v, spec.items, path.concat([i])); });
      } else if (spec.type === "string" && typeof value === "string" && spec.min_length && value.length < spec.min_length) {
        report(path, "cần ít nhất " + spec.min_length + " ký tự, nhận được " + value.length);
      }
    })(data, shape, []);
  }

  function datePaths(data) {
    var paths = [["signed"], ["effective"], ["added"], ["updated"]];
    items(data, "events").forEach(function (e) { paths.push(["events", e[0], "date"]); });
    items(data, "sources").forEach(function (e) { paths.push(["sources", e[0], "date"]); });
    items(data, "relations").forEach(function (e) {
      if (isMapping(e[1].document)) paths.push(["relations", e[0], "document", "date"]);
    });
    return paths;
  }

  function get(data, path) {
    return path.reduce(function (value, part) {
      return value !== null && value !== undefined && typeof value === "object" ? value[part] : undefined;
    }, data);
  }

  function checkDates(data, ctx, report) {
    datePaths(data).forEach(function (path) {
      var value = get(data, path);
      if (typeof value !== "string") return;
      var fullOnly = path[0] === "added" || path[0] === "updated";
      if (!(fullOnly ? DATE : EDTF).test(value)) return;
      var parsed = parseEdtf(value);
      if (!parsed) report(path, "ngày không tồn tại: '" + value + "' (" + shown(value) + "); " + whyNotADay(value));
      else if (parsed.year && earliest(parsed) > ctx.today) {
        report(path, "ngày '" + value + "' ở tương lai (hôm nay là " + vietnameseDate(ctx.today) + ")");
      }
    });
    var effective = fullDate(data.effective);
    var signed = fullDate(data.signed);
    if (effective && signed && effective < signed) report(["effective"], "ngày hiệu lực " + effective + " trước ngày ký " + signed);
  }

  function checkSigningEvent(data, ctx, report) {
    var signed = data.signed;
    if (!parseEdtf(signed)) return;
    items(data, "events").forEach(function (pair) {
      var date = pair[1].date === undefined ? null : pair[1].date;
      if (pair[1].kind === "ky-ket" && date !== signed && (date === null || parseEdtf(date))) {
        report(["events", pair[0], "date"], "sự kiện ký kết ghi ngày " + quoted(date) + " nhưng signed là " + quoted(signed) + "; hai ngày phải trùng nhau (sửa một trong hai)");
      }
    });
  }

  function inCurrent(facts, slug) { return facts.current.indexOf(slug) >= 0; }
  function inFormer(facts, slug) { return Object.prototype.hasOwnProperty.call(facts.former, slug); }

  function checkProvince(data, ctx, report) {
    var slug = data.province;
    var facts = ctx.facts;
    if (slug === null || slug === undefined) {
      if (uncertainFields(data).indexOf("province") < 0 && "province" in data) {
        report(["province"], "để trống tỉnh thì phải thêm mục uncertain với field: province (ví dụ reason: nguon-khong-neu)");
      }
      return;
    }
    if (typeof slug !== "string" || !SLUG.test(slug)) return;
    var when = referenceDate(data);
    if (when && when >= facts.merger_date && !inCurrent(facts, slug) && inFormer(facts, slug)) {
      var successor = facts.former[slug];
      var move = ctx.id.split("/")[0] === successor ? "" : " và đặt tệp trong agreements/" + successor + "/";
      report(["province"], "từ " + facts.merger_text + " '" + slug + "' đã hợp nhất vào '" + successor + "'; quy chế ký sau ngày đó ghi province: " + successor + move);
    }
  }

  function checkFolder(data, ctx, report) {
    var facts = ctx.facts;
    var folder = ctx.id.split("/")[0];
    var slug = data.province === undefined ? null : data.province;
    if (slug !== null && typeof slug !== "string") return;
    var expected = slug === null ? facts.unknown_folder : slug;
    var known = slug === null || inCurrent(facts, slug) || inFormer(facts, slug);
    var when = referenceDate(data);
    if (slug !== null && inFormer(facts, slug) && !inCurrent(facts, slug) && when && when >= facts.merger_date) return;
    if (known && folder !== expected) {
      report(["province"], "tệp nằm trong thư mục '" + folder + "' nhưng tỉnh là '" + expected + "'; hãy chuyển tệp vào agreements/" + expected + "/");
    }
  }

  function checkUnit(data, ctx, report) {
    if ((data.level === "huyen" || data.level === "xa") && !data.unit) {
      report(["level"], "cấp huyện/xã cần trường 'unit' ghi tên huyện/xã");
    }
  }

  function checkLevel(data, ctx, report) {
    var parsed = parseEdtf(data.signed);
    var when = parsed ? earliest(parsed) : null;
    var after = when && when >= ctx.facts.merger_date;
    if (data.level === "huyen" && after) {
      report(["level"], "từ " + ctx.facts.merger_text + " không còn cấp huyện; quy chế ký ngày " + shown(data.signed) + " ghi level: xa (xã, phường, đặc khu) hoặc tinh");
    }
    items(data, "parties").forEach(function (pair) {
      if (pair[1].level === "huyen" && after) {
        report(["parties", pair[0], "level"], "từ " + ctx.facts.merger_text + " không còn cấp huyện; ghi level: xa hoặc tinh");
      }
    });
  }

  function checkTerm(data, ctx, report) {
    var term = data.term;
    if (typeof term === "string" && /^\d{4}-\d{4}$/.test(term) && ctx.facts.terms.indexOf(term) < 0) {
      report(["term"], "nhiệm kỳ '" + term + "' chưa có trong danh mục; được phép: " + ctx.facts.terms.join(", "));
    }
  }

  function checkCodes(data, ctx, report) {
    items(data, "parties").forEach(function (pair) {
      var entry = pair[1];
      if (!entry.party && !entry.name) {
        report(["parties", pair[0]], "bên ký dạng nhóm trường cần 'party' (mã trong danh mục) hoặc 'name' (tên như nguồn ghi)");
      }
      if (entry.level !== null && entry.level !== undefined && entry.level === data.level && !entry.unit && !entry.count) {
        report(["parties", pair[0], "level"], "chỉ ghi 'level' khi cấp của bên này khác cấp của bản ghi");
      }
    });
    var parties = strings(data, "parties").map(function (p) { return p[1]; })
      .concat(items(data, "parties").map(function (p) { return p[1].party; }));
    items(data, "signatories").forEach(function (pair) {
      var party = pair[1].party;
      if (typeof party === "string" && parties.indexOf(party) < 0) {
        report(["signatories", pair[0], "party"], "người ký thuộc '" + party + "' nhưng '" + party + "' không có trong parties");
      }
    });
  }

  function checkFileName(data, ctx, report) {
    var signed = data.signed === undefined ? null : data.signed;
    var parties = data.parties;
    if ((signed !== null && !parseEdtf(signed)) || !Array.isArray(parties) || parties.length < 2) return;
    var codes = partyCodes(parties);
    if (!codes.every(function (c) { return typeof c === "string" && ctx.facts.parties.indexOf(c) >= 0; })) return;
    var parsed = parseEdtf(signed);
    if (parsed && parsed.year && earliest(parsed) > ctx.today) return;
    var term = typeof data.term === "string" ? data.term : null;
    var unit = typeof data.unit === "string" ? data.unit : null;
    var stems = fileStems(signed, term, codes, unit);
    var name = ctx.id.split("/").pop();
    if (stems.some(function (stem) { return new RegExp("^" + escapeRegExp(stem) + "(-\\d+)?$").test(name); })) return;
    var prefix = DATE_PREFIX.exec(name);
    if (!prefix) return;
    var wanted = stems[0] + ".md";
    var dates = signed ? [signed.toLowerCase()] : ["chua-ro-ngay"].concat(term ? ["nhiem-ky-" + term] : []);
    if (dates.indexOf(prefix[1]) < 0) {
      report(["signed"], "tên tệp '" + name + ".md' không khớp ngày ký " + quoted(signed) + "; đổi tên tệp thành " + wanted + " (hoặc sửa signed)");
      return;
    }
    var rest = name.slice(prefix[0].length).replace(/^-+/, "");
    if (unit && rest.indexOf(slugify(unit) + "-") === 0) rest = rest.slice(slugify(unit).length + 1);
    if (asCodes(rest, ctx.facts.parties) !== null) {
      report(["parties"], "tên tệp '" + name + ".md' không khớp các bên ký (theo thứ tự trong parties); đổi tên tệp thành " + wanted);
    }
  }

  function checkStatus(data, ctx, report) {
    var status = data.status === "chua-ro" || data.status === undefined ? null : data.status;
    var number = data.status_source === undefined ? null : data.status_source;
    var count = items(data, "sources").length;
    if ((status === "con-hieu-luc" || status === "het-hieu-luc") && number === null) {
      report(["status"], "chỉ ghi status khi một nguồn nói quy chế còn/hết hiệu lực; thêm status_source: số thứ tự nguồn đó (từ 1), hoặc bỏ status");
    } else if (status === null && number !== null) {
      report(["status_source"], "status_source chỉ dùng kèm status; hãy bỏ trường này hoặc thêm status");
    } else if (typeof number === "number" && number > count) {
      report(["status_source"], "nguồn số " + number + " không tồn tại; bản ghi có " + count + " nguồn (đánh số từ 1)");
    }
  }

  function checkRelationShape(data, ctx, report) {
    items(data, "relations").forEach(function (pair) {
      var relation = pair[1];
      var hasTarget = relation.target !== null && relation.target !== undefined;
      var hasDocument = relation.document !== null && relation.document !== undefined;
      if (hasTarget === hasDocument) {
        report(["relations", pair[0]], !hasTarget
          ? "quan hệ cần 'target' (mã bản ghi trong sổ) hoặc 'document' (số, ngày của văn bản chưa có trong sổ)"
          : "quan hệ chỉ ghi một trong hai: 'target' hoặc 'document'");
      }
      var document = relation.document;
      if (isMapping(document) && !document.number && !document.date) {
        report(["relations", pair[0], "document"], "văn bản được nhắc tới cần ít nhất 'number' (số hiệu) hoặc 'date' (ngày)");
      }
      if (relation.target === ctx.id) report(["relations", pair[0], "target"], "bản ghi không thể quan hệ với chính nó");
    });
  }

  function checkEventSources(data, ctx, report) {
    var count = items(data, "sources").length;
    items(data, "events").forEach(function (pair) {
      var number = pair[1].source;
      if (typeof number === "number" && number > count) {
        report(["events", pair[0], "source"], "nguồn số " + number + " không tồn tại; bản ghi có " + count + " nguồn (đánh số từ 1)");
      }
    });
  }

  function checkCharacters(data, ctx, report) {
    allStrings(data, [], []).forEach(function (pair) {
      var path = pair[0];
      var text = pair[1];
      var refused = valueProblem(text);
      if (refused) report(path, refused);
      else if (text.indexOf("\n") >= 0 && path.some(function (p) { return ctx.facts.one_line.indexOf(String(p)) >= 0; })) {
        report(path, "giá trị này phải nằm trên một dòng (không xuống dòng)");
      }
    });
  }

  function checkSummary(body, ctx, report) {
    if (!String(body || "").trim()) {
      report(["summary"], "thiếu phần tóm tắt sau dòng '---' (viết bằng lời của mình, ghi nguồn)");
      return;
    }
    var limit = ctx.facts.max_summary_chars;
    if (body.length > limit) {
      report(["summary"], "phần tóm tắt quá dài (" + formatNumber(body.length) + " ký tự); tối đa " + formatNumber(limit) + " ký tự — hãy tóm tắt ngắn hơn");
      return;
    }
    var refused = INVISIBLE.test(body) ? null : valueProblem(body);
    if (refused) report(["summary"], refused);
    else if (INVISIBLE.test(body)) report(["summary"], "phần tóm tắt chỉ gồm khoảng trắng hoặc ký tự vô hình; hãy viết nội dung thật");
  }

  function checkLinks(data, ctx, report) {
    items(data, "sources").forEach(function (pair) {
      var url = pair[1].url;
      var problem = typeof url === "string" ? urlProblem(url) : null;
      if (problem) report(["sources", pair[0], "url"], problem);
    });
  }

  var CHECKS = [checkDates, checkSigningEvent, checkProvince, checkFolder, checkUnit, checkLevel, checkTerm,
    checkCodes, checkFileName, checkStatus, checkRelationShape, checkEventSources, checkCharacters, checkLinks];

  /* record: the front matter as it will be written; body: the summary;
   * ctx: {id: "province/file", isNew, today: "YYYY-MM-DD", facts, shape}. */
  function check(record, body, ctx) {
    var problems = [];
    function report(path, message) { problems.push({ field: fieldName(path), message: message }); }
    if (ctx.shape) checkSchemaRest(record, ctx.shape, report);
    CHECKS.forEach(function (fn) {
      if (fn === checkFileName && ctx.isNew) return;  // a new record's name is made from its fields
      fn(record, ctx, report);
    });
    checkSummary(body, ctx, report);
    return problems;
  }

  return { check: check, newRecordPath: newRecordPath, slugify: slugify, parseEdtf: parseEdtf, fileStems: fileStems };
});
