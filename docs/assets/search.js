// Search with Pagefind: a box in the header of every page and the full page "Tìm kiếm".
//
// Pagefind folds tones but not đ -> d and drops a query word that matches nothing. The
// index holds a folded copy of every page (registry/search.py), so the query is folded
// here the same way (no diacritics, đ -> d, lowercase) and always meets that copy.
// Results show Pagefind metadata, which keeps the diacritics.
(() => {
  "use strict";

  // assets/search.js -> the site root, wherever the site is served (a sub-path too).
  const ROOT = new URL("../", document.currentScript.src);
  const SENTINEL = "\u2042"; // ends the folded copy in the indexed text
  const PAIR_JOIN = "qq"; // joins the words of a phrase pair in the index (registry/search.py)
  const FILTERS = [
    ["tinh", "Tỉnh/thành"],
    ["nhiem-ky", "Nhiệm kỳ"],
    ["co-quan", "Cơ quan ký"],
    ["so-ben", "Số bên ký"],
    ["nam", "Năm ký"],
    ["tinh-trang", "Tình trạng"],
  ];
  // A record matches the chosen bodies only if it has all of them; other filters are "any of".
  const ALL_OF = new Set(["co-quan"]);
  const PAGE_SIZE = 10;
  const HEADER_RESULTS = 5;
  const EXCERPT_WORDS = 32;
  const SUMMARY_HEADING = ["Tóm", "tắt"]; // the heading of a record page's summary
  const collator = new Intl.Collator("vi", { numeric: true });

  // --- text ---------------------------------------------------------------------

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function queryWords(query) {
    return fold(query || "").split(/\s+/).filter((word) => /[a-z0-9]/.test(word));
  }

  function dashes(value) {
    return value.replace(/(\d)-(\d)/g, "$1–$2");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- Pagefind -------------------------------------------------------------------

  let loading = null;

  function pagefind() {
    loading ??= import(new URL("pagefind/pagefind.js", ROOT).href).then(async (pf) => {
      await pf.options({ baseUrl: ROOT.pathname });
      await pf.init();
      return pf;
    });
    return loading;
  }

  function pagefindFilters(selected) {
    const filters = {};
    for (const [key, values] of Object.entries(selected)) {
      if (values.length) filters[key] = ALL_OF.has(key) ? { all: values } : { any: values };
    }
    return filters;
  }

  // Whether some indexed word starts with `term`. Pagefind never says "no match": for a
  // term it cannot find it searches the term's longest prefix that is indexed instead
  // ("soctrang" -> "so"), and a multi-word query would silently lose that word. Without
  // a substitution every result has the term, so the best one tells.
  const known = new Map();

  function termExists(pf, term) {
    if (!known.has(term)) {
      known.set(term, pf.search(term).then(async (search) => {
        if (!search.results.length) return false;
        const data = await search.results[0].data();
        return fold(data.content).split(/\s+/).some((word) => word.replace(/^[^a-z0-9]+/, "").startsWith(term));
      }));
    }
    return known.get(term);
  }

  async function searchAll(pf, terms, filters) {
    const found = await Promise.all(terms.map((term) => termExists(pf, term)));
    if (found.includes(false)) return { results: [], filters: {} };
    return pf.search(terms.length ? terms.join(" ") : null, { filters });
  }

  // Adjacent words joined, as the index holds them: "dang doan" -> dangqqdoan.
  function phraseTerms(query) {
    const parts = fold(query || "").match(/[a-z0-9]+/g) || [];
    return parts.slice(1).map((part, index) => parts[index] + PAIR_JOIN + part);
  }

  // Returns null when there is nothing to search for, else {results, filters, words, phrase}:
  // pages with the words as a phrase if there are any, else pages with all the words.
  async function find(query, selected = {}) {
    const words = queryWords(query);
    const filters = pagefindFilters(selected);
    if (!words.length && !Object.keys(filters).length) return null;
    const pf = await pagefind();
    const pairs = phraseTerms(query);
    if (pairs.length) {
      const phrase = await searchAll(pf, pairs, filters);
      if (phrase.results.length) return { results: phrase.results, filters: phrase.filters, words, phrase: true };
    }
    const search = await searchAll(pf, words, filters);
    return { results: search.results, filters: search.filters, words, phrase: !pairs.length };
  }

  // --- results ----------------------------------------------------------------------

  // The page text as readers see it: after the folded copy, without the leading title.
  function readableText(data) {
    let text = data.content.includes(SENTINEL) ? data.content.split(SENTINEL).pop() : data.content;
    text = text.trim();
    const title = data.meta.title || "";
    if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[\s.:]+/, "");
    return text;
  }

  function isHit(word, words) {
    const folded = fold(word).replace(/^[^a-z0-9]+/, "");
    return words.some((w) => folded.startsWith(w));
  }

  // The first hit, preferring the record's summary: the facts above it are in the result already.
  function firstHit(tokens, words) {
    const summary = tokens.indexOf(SUMMARY_HEADING[0]);
    const from = summary >= 0 && tokens[summary + 1]?.startsWith(SUMMARY_HEADING[1]) ? summary : 0;
    const hit = (token) => isHit(token, words);
    const inSummary = tokens.slice(from).findIndex(hit);
    return inSummary >= 0 ? from + inSummary : tokens.findIndex(hit);
  }

  // An excerpt around the first hit, hits marked; null when the text has no hit.
  function excerpt(data, words) {
    const tokens = readableText(data).split(/\s+/).filter(Boolean);
    const first = firstHit(tokens, words);
    if (first < 0) return null;
    const start = Math.max(0, first - 8);
    const paragraph = element("p", "sqc-result__excerpt");
    if (start > 0) paragraph.append("… ");
    tokens.slice(start, start + EXCERPT_WORDS).forEach((token, index) => {
      if (index) paragraph.append(" ");
      paragraph.append(isHit(token, words) ? element("mark", "", token) : token);
    });
    if (start + EXCERPT_WORDS < tokens.length) paragraph.append(" …");
    return paragraph;
  }

  function facts(meta) {
    if (meta.loai === "trang") return "Trang hướng dẫn";
    const parts = [meta.tinh, meta["nhiem-ky"] && `nhiệm kỳ ${dashes(meta["nhiem-ky"])}`];
    if (meta["ngay-ky"]) parts.push(`ký ngày ${meta["ngay-ky"]}`);
    if (meta["so-hieu"]) parts.push(`số ${meta["so-hieu"]}`);
    return parts.filter(Boolean).join(" · ");
  }

  function resultItem(data, words) {
    const item = element("li", "sqc-result");
    const link = element("a", "sqc-result__title", data.meta.title || data.url);
    link.href = data.url;
    item.append(link, element("p", "sqc-result__facts", facts(data.meta)));
    const summary = data.meta["tom-tat"];
    item.append(excerpt(data, words) || element("p", "sqc-result__excerpt", summary || ""));
    return item;
  }

  function resultCount(found) {
    const count = found.results.length;
    if (!count) return "Không tìm thấy kết quả nào.";
    const loose = found.phrase ? "" : " chứa đủ các từ đã gõ (không đứng liền nhau)";
    return `${count.toLocaleString("vi-VN")} kết quả${loose}`;
  }

  // --- the header box --------------------------------------------------------------

  function searchPageUrl(query) {
    const url = new URL("tim-kiem/", ROOT);
    if (query) url.searchParams.set("q", query);
    return url.href;
  }

  function headerBox() {
    const form = element("form", "sqc-header");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Tìm nhanh ở đầu trang"); // told apart from the search page's form
    form.action = searchPageUrl("");
    form.method = "get";
    const input = element("input", "sqc-header__input");
    Object.assign(input, { type: "search", name: "q", autocomplete: "off", spellcheck: false });
    input.placeholder = "Tìm quy chế…";
    input.setAttribute("aria-label", "Tìm kiếm quy chế (gõ có dấu hoặc không dấu)");
    const panel = element("div", "sqc-header__panel md-typeset");
    panel.hidden = true;
    panel.setAttribute("aria-live", "polite");
    form.append(input, panel);
    return { form, input, panel };
  }

  async function showHeaderResults(box) {
    const query = box.input.value;
    const found = await find(query);
    const shown = found ? await Promise.all(found.results.slice(0, HEADER_RESULTS).map((r) => r.data())) : [];
    if (query !== box.input.value) return; // the reader typed on; a newer search shows
    box.panel.replaceChildren();
    box.panel.hidden = !found;
    if (!found) return;
    const list = element("ol", "sqc-results sqc-results--compact");
    list.append(...shown.map((data) => resultItem(data, found.words)));
    const count = found.results.length;
    box.panel.append(element("p", "sqc-header__count", resultCount(found)), list);
    if (count) {
      const more = element("a", "sqc-header__more", "Xem tất cả trên trang Tìm kiếm →");
      more.href = searchPageUrl(query);
      box.panel.append(more);
    }
  }

  function debounce(action, delay) {
    let timer;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(action, delay);
    };
  }

  function installHeader() {
    const inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".sqc-header")) return;
    const box = headerBox();
    inner.insertBefore(box.form, inner.querySelector(".md-header__source"));
    box.input.addEventListener("input", debounce(() => showHeaderResults(box).catch(report), 150));
    box.input.addEventListener("focus", () => pagefind().catch(report), { once: true });
    box.input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") box.panel.hidden = true;
    });
    document.addEventListener("click", (event) => {
      if (!box.form.contains(event.target)) box.panel.hidden = true;
    });
    document.addEventListener("keydown", (event) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
      if (event.key === "/" && !typing) {
        event.preventDefault();
        box.input.focus();
      }
    });
  }

  // --- the search page ---------------------------------------------------------------

  function selectedFilters(root) {
    const selected = {};
    for (const box of root.querySelectorAll("input[data-filter]:checked")) {
      (selected[box.dataset.filter] ??= []).push(box.value);
    }
    return selected;
  }

  function sortedValues(key, counts) {
    const values = Object.keys(counts);
    const unknownLast = (a, b) => (a === "Chưa rõ") - (b === "Chưa rõ");
    const order = key === "nam" ? (a, b) => collator.compare(b, a) : (a, b) => collator.compare(a, b);
    return values.sort((a, b) => unknownLast(a, b) || order(a, b));
  }

  function filterGroup(key, label, counts, chosen) {
    const group = element("fieldset", "sqc-filter");
    group.append(element("legend", "", label));
    for (const value of sortedValues(key, counts)) {
      const option = element("label", "sqc-filter__option");
      const box = element("input");
      Object.assign(box, { type: "checkbox", value, checked: chosen.includes(value) });
      box.dataset.filter = key;
      const count = element("span", "sqc-filter__count", String(counts[value]));
      option.append(box, ` ${key === "nhiem-ky" ? dashes(value) : value} `, count);
      group.append(option);
    }
    return group;
  }

  function renderFilters(page, totals, selected) {
    const groups = FILTERS.filter(([key]) => totals[key] && Object.keys(totals[key]).length)
      .map(([key, label]) => filterGroup(key, label, totals[key], selected[key] || []));
    page.filters.replaceChildren(...groups);
  }

  // Counts of the current results for each value (Pagefind gives them with each search).
  function updateCounts(page, counts) {
    for (const box of page.filters.querySelectorAll("input[data-filter]")) {
      const count = counts?.[box.dataset.filter]?.[box.value];
      box.parentElement.querySelector(".sqc-filter__count").textContent = String(count ?? 0);
    }
  }

  function writeUrl(query, selected) {
    const url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    for (const [key, values] of Object.entries(selected)) values.forEach((v) => url.searchParams.append(key, v));
    history.replaceState(null, "", url);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const selected = {};
    for (const [key] of FILTERS) if (params.getAll(key).length) selected[key] = params.getAll(key);
    return { query: params.get("q") || "", selected };
  }

  async function showMore(page) {
    const batch = page.pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    page.results.append(...data.map((d) => resultItem(d, page.words)));
    page.more.hidden = page.pending.length === 0;
  }

  async function runPageSearch(page) {
    const query = page.input.value;
    const selected = selectedFilters(page.root);
    writeUrl(query, selected);
    const serial = ++page.serial;
    page.status.textContent = "Đang tìm…";
    const found = await find(query, selected);
    if (serial !== page.serial) return; // a newer search has started
    page.results.replaceChildren();
    page.more.hidden = true;
    if (!found) {
      page.status.textContent = "Nhập từ khóa (có dấu hoặc không dấu) hoặc chọn bộ lọc để tìm.";
      updateCounts(page, page.totals);
      return;
    }
    updateCounts(page, found.filters);
    page.words = found.words;
    page.pending = found.results.slice();
    await showMore(page);
    // Last, so that the count is announced (aria-live) once the results are there.
    page.status.textContent = resultCount(found);
  }

  async function installPage(root) {
    const page = {
      root,
      serial: 0,
      input: root.querySelector("[data-sqc-query]"),
      filters: root.querySelector("[data-sqc-filters]"),
      status: root.querySelector("[data-sqc-status]"),
      results: root.querySelector("[data-sqc-results]"),
      more: root.querySelector("[data-sqc-more]"),
    };
    const pf = await pagefind();
    page.totals = await pf.filters();
    const { query, selected } = readUrl();
    page.input.value = query;
    renderFilters(page, page.totals, selected);
    const search = () => runPageSearch(page).catch(report);
    root.querySelector("form").addEventListener("submit", (event) => {
      event.preventDefault();
      search();
    });
    page.input.addEventListener("input", debounce(search, 200));
    page.filters.addEventListener("change", search);
    page.more.addEventListener("click", () => showMore(page).catch(report));
    await runPageSearch(page);
  }

  function report(error) {
    console.error("Tìm kiếm:", error);
    for (const status of document.querySelectorAll("[data-sqc-status]")) {
      status.textContent = "Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.";
    }
  }

  installHeader();
  const root = document.querySelector("[data-sqc-search]");
  if (root) installPage(root).catch(report);
})();
