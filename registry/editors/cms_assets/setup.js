/* Starts Decap CMS with the configuration generated from the schema (config.js):
 * registers the record format (format.js) and, before each save, fills the dates the registry
 * keeps, runs the validator's cross-field checks (rules.js) and refuses to save with their
 * messages, and names a new record's file agreements/<province>/<signed>-<parties>.md.
 * On 127.0.0.1/localhost the editor talks to decap-server (`make serve`; `?proxy=PORT` picks
 * its port) and writes into the working copy; elsewhere it uses GitHub and opens pull requests.
 */
(function () {
  "use strict";
  var setup = window.REGISTRY_CMS;
  var config = setup.config;
  var facts = setup.facts;
  var Format = window.RegistryFormat;
  var Rules = window.RegistryRules;

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  var port = new URLSearchParams(window.location.search).get("proxy");
  if (port && /^[0-9]{2,5}$/.test(port)) {
    config.local_backend = { url: "http://" + window.location.hostname + ":" + port + "/api/v1" };
  } else if (window.location.hostname === "localhost") {
    config.local_backend.url = config.local_backend.url.replace("127.0.0.1", "localhost");
  }

  var collection = config.collections.filter(function (c) { return c.name === setup.collection; })[0];
  collection.fields.forEach(function (field) {
    if (field.name === facts.created_field) field.default = today();
  });

  // Phrases decap-cms-locales' Vietnamese table lacks (3.x) that our form shows; our own wording.
  var MISSING_VI = {
    editor: {
      // Decap fills %{widgetLabel} with the widget's type (select, string, relation…): not a word to show.
      editorControl: { field: { widgetLabel: "Trường nhập liệu" } },
      editorInterface: { togglePreview: "Bật/tắt xem trước" },
      editorWidgets: {
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" },
        markdown: {
          bold: "Đậm", italic: "Nghiêng", link: "Liên kết", linkPrompt: "Nhập địa chỉ của liên kết",
          bulletedList: "Danh sách dấu đầu dòng", numberedList: "Danh sách đánh số",
          toggleMode: { rich: "Chuyển sang soạn thảo định dạng", markdown: "Chuyển sang Markdown" },
        },
      },
    },
    collection: {
      collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
      entries: { unpublishedHeader: "Chưa công bố" },
    },
    ui: { settingsDropdown: { account: "Tài khoản" } },
  };

  function fillIn(target, extra) {
    Object.keys(extra).forEach(function (key) {
      if (typeof extra[key] === "object") fillIn(target[key] = target[key] || {}, extra[key]);
      else if (!(key in target)) target[key] = extra[key];
    });
    return target;
  }
  CMS.registerLocale("vi", fillIn(CMS.getLocale("vi") || {}, MISSING_VI));

  // Decap sorts list items with dnd-kit, whose screen-reader texts are English and cannot be
  // passed in through Decap: the instructions (a hidden element), the announcements (a live
  // region) of each list and the handles' role description ("sortable") are rewritten in
  // Vietnamese as they appear. Only the value of a text node or attribute React owns changes, so
  // React's later updates still find it.
  var DRAG_TEXTS = [
    [/^\s*To pick up a draggable item[\s\S]*$/, "Để nhấc một mục lên, nhấn phím cách. Khi đang kéo, dùng các phím mũi tên "
      + "để di chuyển mục. Nhấn phím cách lần nữa để thả mục vào vị trí mới, hoặc nhấn Esc để hủy."],
    [/^Picked up draggable item (.*)\.$/, "Đã nhấc mục $1."],
    [/^Draggable item (.*) was moved over droppable area (.*)\.$/, "Mục $1 đang ở trên vị trí $2."],
    [/^Draggable item (.*) is no longer over a droppable area\.$/, "Mục $1 không còn ở trên vị trí thả nào."],
    [/^Draggable item (.*) was dropped over droppable area (.*)$/, "Đã thả mục $1 vào vị trí $2."],
    [/^Dragging was cancelled\. Draggable item (.*) was dropped\.$/, "Đã hủy kéo. Đã thả mục $1."],
    [/^Draggable item (.*) was dropped\.$/, "Đã thả mục $1."],
  ];
  function translateDragTexts(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var rule = DRAG_TEXTS.filter(function (r) { return r[0].test(node.nodeValue); })[0];
      if (rule) node.nodeValue = node.nodeValue.replace(rule[0], rule[1]);
    }
  }
  var dragTextObserver = new MutationObserver(function (records) {
    records.forEach(function (record) {
      var target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      if (target) translateDragTexts(target);
    });
  });
  var DRAG_TEXT_ELEMENTS = '[id^="DndDescribedBy-"], [id^="DndLiveRegion-"]';
  // English attributes of elements Decap's libraries add: [selector, attribute, Vietnamese].
  var ATTRIBUTE_TEXTS = [
    ['[aria-roledescription="sortable"]', "aria-roledescription", "mục kéo để sắp xếp"],
    ['[aria-label="close"]', "aria-label", "Đóng"],  // the close button of a notification (toast)
  ];
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType !== 1) return;
        ATTRIBUTE_TEXTS.forEach(function (rule) {
          var elements = node.matches(rule[0]) ? [node] : node.querySelectorAll(rule[0]);
          Array.prototype.forEach.call(elements, function (element) { element.setAttribute(rule[1], rule[2]); });
        });
        var found = node.matches(DRAG_TEXT_ELEMENTS) ? [node] : node.querySelectorAll(DRAG_TEXT_ELEMENTS);
        Array.prototype.forEach.call(found, function (element) {
          translateDragTexts(element);
          dragTextObserver.observe(element, { childList: true, characterData: true, subtree: true });
        });
      });
    });
  }).observe(document.body, { childList: true, subtree: true });

  CMS.registerCustomFormat(setup.format, "md", {
    fromFile: function (content) { return Format.fromFile(content, setup.shape); },
    toFile: function (data) { return Format.toFile(data, setup.shape); },
  });

  function recordId(path) {
    return String(path || "").replace(new RegExp("^" + collection.folder + "/"), "").replace(/\.md$/, "");
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      var data = entry.get("data");
      var isNew = Boolean(entry.get("newRecord"));
      var when = today();
      if (isNew && !data.get(facts.created_field)) data = data.set(facts.created_field, when);
      if (!isNew) data = data.set(facts.edited_field, when);
      var plain = data.toJS();
      var record = Format.frontMatterOf(plain, setup.shape);
      var place = Rules.newRecordPath(record, facts);
      var id = isNew ? place.folder + "/" + place.slug : recordId(entry.get("path"));
      var problems = Rules.check(record, plain.body, { id: id, isNew: isNew, today: when, facts: facts, shape: setup.shape });
      if (problems.length) {
        var error = new Error(problems.map(function (p) { return p.field + ": " + p.message; }).join(" · "));
        error.name = "Bản ghi chưa hợp lệ, chưa lưu";
        throw error;
      }
      return data.set("__folder", place.folder).set("__slug", place.slug);
    },
  });

  CMS.init({ config: config });
})();
