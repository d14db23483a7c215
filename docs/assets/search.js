// Search with Pagefind: a box in the header of every page and the full page "Tìm kiếm".
//
// Vietnamese is written in syllables, and Pagefind matches every query word as a prefix.
// So the index (registry/site/search.py) holds every syllable folded (no diacritics, đ -> d)
// and followed by a mark ("son" -> "sonz"): a query syllable is searched with the mark and
// matches that syllable only. While the reader types in the header box, the last syllable
// goes without the mark (a prefix). A query is first read for facets, from a table written
// at build time (search-facts.json): "lang son 2022" is the province Lạng Sơn and the year
// 2022, each searched as one indexed token; parties become a filter; what is left is free
// words, searched first as a phrase (adjacent pairs, "dangqqdoanz"), then as words. The
// reading is shown above the results, each part with a button that undoes it.
// Records and guide pages are searched apart (filter "loai"): records first.
(() => {
  "use strict";

  // assets/search.js -> the site root, wherever the site is served (a sub-path too).
  const ROOT = new URL("../", document.currentScript.src);
  const SENTINEL = "\u2042"; // ends the folded copy in a hand-written page's indexed text
  const FILTERS = [
    ["tinh", "Tỉnh/thành"],
    ["nhiem-ky", "Nhiệm kỳ"],
    ["co-quan", "Cơ quan ký"],
    ["chu-de", "Chủ đề"],
    ["so-ben", "Số bên ký"],
    ["tinh-trang", "Tình trạng"],
  ];
  // A record matches the chosen bodies only if it has all of them; other filters are "any of".
  const ALL_OF = new Set(["co-quan"]);
  const UNKNOWN = "Chưa rõ";
  const PAGE_SIZE = 10;
  const HEADER_RESULTS = 5;
  const GUIDE_RESULTS = 3;
  const EXCERPT_WORDS = 30;
  const DEFAULT_FACTS = { mark: "z", pair: "qq", facetPrefix: "qq", facetKeys: {}, provinces: {}, parties: {}, terms: {}, counts: {} };
  const TERM_WORDS = [["nhiem", "ky"], ["giai", "doan"]]; // may precede a term: "nhiệm kỳ 2021–2026"
  const collator = new Intl.Collator("vi", { numeric: true });

  // --- text ---------------------------------------------------------------------

  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  const SYLLABLE = /[\p{L}\p{N}]+/gu;

  function dashes(value) {
    return value.replace(/(\d)-(\d)/g, "$1–$2");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- Pagefind and the facts table ------------------------------------------------

  let loading = null;
  let factsLoading = null;
  let bundleNumbers = [];

  async function json(path) {
    try {
      const response = await fetch(new URL(path, ROOT));
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  }

  // One bundle, or several (pagefind/shards.json) merged into the first.
  function pagefind() {
    loading ??= (async () => {
      const shards = await json("pagefind/shards.json");
      const bundles = shards?.bundles?.length ? shards.bundles : ["pagefind/"];
      bundleNumbers = bundles.map((_, index) => String(index));
      const pf = await import(new URL(`${bundles[0]}pagefind.js`, ROOT).href);
      await pf.options({ baseUrl: ROOT.pathname });
      await pf.init();
      for (const bundle of bundles.slice(1)) {
        await pf.mergeIndex(new URL(bundle, ROOT).href, { baseUrl: ROOT.pathname });
      }
      return pf;
    })();
    return loading;
  }

  function facts() {
    factsLoading ??= json("search-facts.json").then((table) => ({ ...DEFAULT_FACTS, ...(table || {}) }));
    return factsLoading;
  }

  // --- reading a query -----------------------------------------------------------------

  // The query's syllables, folded, with their written form; a document number ("794/QCPH")
  // is kept apart: its parts are free words, never facets.
  function syllables(query) {
    const out = [];
    for (const chunk of (query || "").split(/\s+/).filter(Boolean)) {
      const number = /\d/.test(chunk) && chunk.includes("/");
      for (const written of chunk.match(SYLLABLE) || []) out.push({ word: fold(written), written, number });
    }
    return out;
  }

  function token(table, key, value) {
    const code = table.facetKeys[key];
    return code ? table.facetPrefix + code + (fold(value).match(/[a-z0-9]+/g) || []).join("") + table.mark : null;
  }

  // The longest facet starting at `index`: {key, values, label, length} or null.
  function facetAt(table, items, index, undone) {
    const words = items.map((item) => item.word);
    for (let length = Math.min(7, items.length - index); length >= 1; length--) {
      const slice = items.slice(index, index + length);
      if (slice.some((item) => item.number)) continue;
      const phrase = words.slice(index, index + length).join(" ");
      const written = slice.map((item) => item.written).join(" ");
      if (undone.has(phrase)) continue;
      if (table.provinces[phrase]) return { key: "tinh", values: [table.provinces[phrase]], label: table.provinces[phrase], phrase, length };
      if (table.parties[phrase]) {
        const values = table.parties[phrase];
        const label = table.partyLabels?.[phrase] || (values.length === 1 ? values[0] : written);
        return { key: "co-quan", values, label, phrase, length, words: true };
      }
      if (table.counts[phrase]) return { key: "so-ben", values: [table.counts[phrase]], label: table.counts[phrase], phrase, length };
      const term = termAt(table, words, index, length);
      if (term) return { key: "nhiem-ky", values: [term], label: `nhiệm kỳ ${dashes(term)}`, phrase, length };
      const year = yearAt(words, index, length);
      if (year) return { key: "nam", values: [year], label: `năm ${year}`, phrase, length };
    }
    return null;
  }

  function termAt(table, words, index, length) {
    for (const lead of [[], ...TERM_WORDS]) {
      const rest = words.slice(index, index + length);
      if (length !== lead.length + 2 || rest.slice(0, lead.length).join(" ") !== lead.join(" ")) continue;
      const term = table.terms[rest.slice(lead.length).join(" ")];
      if (term) return term;
    }
    return null;
  }

  const YEAR = /^(19[4-9]\d|20\d\d)$/;

  // A year ("2022", "năm 2022"), unless it is one end of a span ("2018–2020"), which stays words.
  function yearAt(words, index, length) {
    const slice = words.slice(index, index + length);
    const year = slice[slice.length - 1];
    const lead = slice.slice(0, -1).join(" ");
    const span = YEAR.test(words[index + length] || "") || YEAR.test(words[index - 1] || "");
    return YEAR.test(year) && !span && (lead === "" || lead === "nam") ? year : null;
  }

  // {facets, free, runs, written}: the facets found, the free words (folded), the runs of adjacent
  // free words, and the free words as the reader wrote them (shown back: "giám sát", not "giam sat").
  function understand(table, query, undone = new Set()) {
    const items = syllables(query);
    const facets = [];
    const runs = [[]];
    const written = [];
    for (let index = 0; index < items.length;) {
      const facet = facetAt(table, items, index, undone);
      if (facet && facet.key === "nam" && facets.some((f) => f.key === "nam")) facet.key = null; // one year
      if (facet?.key) {
        facets.push(facet);
        if (facet.words) facet.syllables = items.slice(index, index + facet.length).map((item) => item.word);
        facet.written = items.slice(index, index + facet.length).map((item) => item.written).join(" ");
        runs.push([]);
        index += facet.length;
      } else {
        runs[runs.length - 1].push(items[index].word);
        written.push(items[index].written);
        index += 1;
      }
    }
    return { facets, runs: runs.filter((run) => run.length), free: runs.flat(), written };
  }

  // --- searching -------------------------------------------------------------------------

  // Pagefind never says "no match": for a term it cannot find it searches the term's longest
  // indexed prefix instead, and a multi-word query silently loses that word. Every result of
  // an AND search holds every term, so the first result tells whether a term was lost.
  function holdsAll(content, terms) {
    const words = new Set(content.split(/\s+/).map((word) => word.replace(/[^a-z0-9]/g, "")));
    return terms.every(([term, prefix]) => (prefix ? [...words].some((word) => word.startsWith(term)) : words.has(term)));
  }

  // The index is in bundles (pagefind/shards.json), each its own Pagefind index merged into one:
  // a term may be lost in one bundle and not in another. Every page is filtered by its bundle
  // (SHARD_FILTER, registry/site/search_index.py), so the first result of each bundle that has
  // results tells whether that bundle lost a term; the search is run again without those.
  const SHARD_FILTER = "goi";

  async function checkedFirst(search, terms) {
    if (!terms.length || !search.results.length) return search;
    const first = await search.results[0].data();
    return holdsAll(first.content, terms) ? search : { results: [], filters: {} };
  }

  async function holdsAllIn(pf, query, terms, filters) {
    const search = await pf.search(query, { filters });
    return search.results.length > 0 && holdsAll((await search.results[0].data()).content, terms);
  }

  async function searchTerms(pf, terms, filters) {
    const query = terms.length ? terms.map(([term]) => term).join(" ") : null;
    if (!terms.length || bundleNumbers.length < 2) return checkedFirst(await pf.search(query, { filters }), terms);
    // Every page is in one of the bundles: the same results, with a count per bundle.
    const search = await pf.search(query, { filters: { all: [filters, { [SHARD_FILTER]: { any: bundleNumbers } }] } });
    if (!search.results.length) return search;
    const counts = search.filters?.[SHARD_FILTER] || {};
    const bundles = Object.keys(counts).filter((bundle) => counts[bundle] > 0);
    if (bundles.length < 2) return checkedFirst(search, terms);
    const held = await Promise.all(bundles.map((bundle) => holdsAllIn(pf, query, terms, { all: [filters, { [SHARD_FILTER]: bundle }] })));
    const kept = bundles.filter((_, index) => held[index]);
    if (kept.length === bundles.length) return search;
    if (!kept.length) return { results: [], filters: {} };
    return pf.search(query, { filters: { all: [filters, { [SHARD_FILTER]: { any: kept } }] } });
  }

  function explicitFilters(selected) {
    const filters = [];
    for (const [key, values] of Object.entries(selected)) {
      if (!values.length) continue;
      if (ALL_OF.has(key)) values.forEach((value) => filters.push({ [key]: value }));
      else filters.push({ [key]: { any: values } });
    }
    return filters;
  }

  // Returns null when there is nothing to search for, else
  // {records, guides, counts, reading, highlight}: records matching every facet and word
  // (phrase matches first), guide pages apart.
  async function find(query, options = {}) {
    const found = await findAs(query, options);
    if (!found || found.records.length || !found.reading.facets.length) return found;
    // Nothing has every part as read: search the same words as plain words, and say so. Only
    // where they stand together ('Báo Phú Thọ' for "phu tho"): "son la", a province without
    // records, must not list every record that has the syllables "sơn" and "là" somewhere.
    const undone = new Set([...(options.undone || []), ...found.reading.facets.map((facet) => facet.phrase)]);
    const plain = await findAs(query, { ...options, undone });
    return plain.records.length && plain.phrase ? { ...plain, unread: found.reading } : found;
  }

  async function findAs(query, { selected = {}, undone = new Set(), typing = false } = {}) {
    const table = await facts();
    const reading = understand(table, query, undone);
    const extra = explicitFilters(selected);
    if (!reading.facets.length && !reading.free.length && !extra.length) return null;
    const pf = await pagefind();
    const mark = table.mark;
    const last = typing && reading.free.length && reading.runs.at(-1).length
      && syllables(query).at(-1)?.word === reading.free.at(-1) && !/\s$/.test(query) ? reading.free.at(-1) : null;
    const word = (w, isLast) => (isLast ? [w, true] : [w + mark, false]);
    const words = reading.free.map((w, i) => word(w, w === last && i === reading.free.length - 1));
    const pairs = reading.runs.flatMap((run, r) => run.slice(1).map((w, i) => {
      const isLast = last !== null && r === reading.runs.length - 1 && i === run.length - 2;
      return word(run[i] + table.pair + w, isLast);
    }));
    const facetTerms = [];
    const filters = [{ loai: "quy-che" }, ...extra];
    for (const facet of reading.facets) {
      const tokenTerm = token(table, facet.key, facet.values[0]);
      if (tokenTerm && facet.values.length === 1) facetTerms.push([tokenTerm, false]);
      if (facet.key === "co-quan") filters.push({ "co-quan": { any: facet.values } });
      if (facet.words) facetTerms.push(...facet.syllables.map((s) => [s + mark, false]));
    }
    const recordFilters = { all: filters };
    const base = facetTerms.concat(words);
    const [phrase, loose] = await Promise.all([
      pairs.length ? searchTerms(pf, base.concat(pairs), recordFilters) : Promise.resolve(null),
      searchTerms(pf, base, recordFilters),
    ]);
    let guides = [];
    // Guide pages answer words, not facets or document numbers ("794", "794/QCPH").
    const numberQuery = syllables(query).some((item) => item.number || /^\d+$/.test(item.word));
    if (!reading.facets.length && !extra.length && words.length && !numberQuery) {
      const guideFilters = { loai: "trang" };
      const [guidePhrase, guideLoose] = await Promise.all([
        pairs.length ? searchTerms(pf, words.concat(pairs), guideFilters) : Promise.resolve(null),
        searchTerms(pf, words, guideFilters),
      ]);
      // Beside records, a guide page must have the words together: one that has "năm" here and
      // "cần" there is no answer to "nam can". Without records, any guide page with the words.
      const scattered = pairs.length && loose.results.length ? [] : guideLoose.results;
      guides = guidePhrase?.results.length ? guidePhrase.results : scattered;
    }
    // What to mark: each free word, and each facet's words where they stand together.
    const highlight = reading.free.filter((w) => w !== last).map((w) => [w])
      .concat(reading.facets.map((facet) => (facet.key === "nam" ? facet.values : facet.phrase.split(" "))));
    // Pages with the words as a phrase if there are any, else pages with all the words.
    const together = phrase?.results.length > 0;
    const records = await exactFirst(together ? phrase.results : loose.results, query);
    return {
      records,
      phrase: together || !pairs.length,
      guides,
      counts: loose.filters,
      reading,
      highlight,
      prefix: last,
    };
  }

  // A query written with diacritics matches other tones too, but the results that have the
  // syllables exactly as written (in their title or summary) come first, among the first few.
  const EXACT_WINDOW = 30;

  async function exactFirst(results, query) {
    const written = (query.toLowerCase().match(SYLLABLE) || []).filter((word) => fold(word) !== word);
    if (!written.length || results.length < 2) return results;
    const head = results.slice(0, EXACT_WINDOW);
    const data = await Promise.all(head.map((result) => result.data()));
    const score = data.map((d) => {
      const words = new Set(`${d.meta.title || ""} ${d.meta["tom-tat"] || ""}`.toLowerCase().match(SYLLABLE) || []);
      return written.filter((word) => words.has(word)).length;
    });
    const order = head.map((result, index) => index).sort((a, b) => score[b] - score[a] || a - b);
    return order.map((index) => head[index]).concat(results.slice(EXACT_WINDOW));
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

  // Which syllables of `folded` to mark: every run equal to a highlighted sequence, and the
  // syllables starting with the prefix being typed. Whole syllables only.
  function hits(folded, found) {
    const marked = folded.map((word) => found.prefix !== null && word.startsWith(found.prefix));
    for (const sequence of found.highlight) {
      for (let i = 0; i + sequence.length <= folded.length; i++) {
        if (sequence.every((word, k) => folded[i + k] === word)) sequence.forEach((_, k) => { marked[i + k] = true; });
      }
    }
    return marked;
  }

  // An excerpt of `text` around its first hit, whole syllables marked (the start when no hit).
  function excerpt(text, found) {
    const parts = text.split(/([\p{L}\p{N}]+)/u); // odd indexes are syllables
    const syllableIndexes = parts.map((_, i) => i).filter((i) => i % 2 === 1);
    const marked = hits(syllableIndexes.map((i) => fold(parts[i])), found);
    const first = marked.indexOf(true);
    const from = Math.max(0, first - 8);
    const start = from > 0 ? syllableIndexes[from] : 0;
    const end = syllableIndexes[from + EXCERPT_WORDS] ?? parts.length;
    const hit = new Set(syllableIndexes.filter((_, k) => marked[k]));
    const paragraph = element("p", "sqc-result__excerpt");
    if (start > 0) paragraph.append("… ");
    // Marked syllables that follow each other ("Lạng Sơn") share one mark, the space included.
    for (let i = start; i < end; i++) {
      if (!hit.has(i)) {
        paragraph.append(parts[i]);
        continue;
      }
      let last = i;
      while (last + 2 < end && hit.has(last + 2) && /^ +$/.test(parts[last + 1])) last += 2;
      paragraph.append(element("mark", "", parts.slice(i, last + 1).join("")));
      i = last;
    }
    if (end < parts.length) paragraph.append(" …");
    return paragraph;
  }

  function factsLine(meta) {
    if (meta.loai === "trang") return "Trang hướng dẫn";
    const parts = [meta.tinh, meta["nhiem-ky"] && `nhiệm kỳ ${dashes(meta["nhiem-ky"])}`];
    if (meta["ngay-ky"]) parts.push(`ký ngày ${meta["ngay-ky"]}`);
    if (meta["so-hieu"]) parts.push(`số ${meta["so-hieu"]}`);
    return parts.filter(Boolean).join(" · ");
  }

  function resultItem(data, found) {
    const item = element("li", "sqc-result");
    const link = element("a", "sqc-result__title", data.meta.title || data.url);
    link.href = data.url;
    item.append(link, element("p", "sqc-result__facts", factsLine(data.meta)));
    const text = data.meta.loai === "trang" ? readableText(data) : data.meta["tom-tat"] || "";
    item.append(excerpt(text, found));
    return item;
  }

  function resultCount(found) {
    if (found.unread) {
      const parts = found.unread.facets.map((facet) => facet.label).join(" · ");
      return `Không có quy chế nào đúng cách hiểu “${parts}”; ${found.records.length.toLocaleString("vi-VN")} kết quả chứa các từ đã gõ`;
    }
    const count = found.records.length;
    const guides = found.guides.length;
    if (!count && !guides) return "Không tìm thấy kết quả nào.";
    const loose = found.phrase || !count ? "" : " chứa đủ các từ đã gõ (không đứng liền nhau)";
    const records = count ? `${count.toLocaleString("vi-VN")} kết quả${loose}` : "Không có quy chế nào khớp";
    return guides ? `${records} · ${guides.toLocaleString("vi-VN")} trang hướng dẫn` : records;
  }

  // "Lạng Sơn · năm 2022 · từ khóa “giám sát”": how the query was read.
  function readingText(found) {
    const parts = found.reading.facets.map((facet) => facet.label);
    if (found.reading.free.length && parts.length) parts.push(`từ khóa “${found.reading.written.join(" ")}”`);
    return parts.join(" · ");
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
    const found = await find(query, { typing: true });
    const results = found ? found.records.slice(0, HEADER_RESULTS) : [];
    const guides = found ? found.guides.slice(0, HEADER_RESULTS - results.length) : [];
    const shown = await Promise.all(results.concat(guides).map((r) => r.data()));
    if (query !== box.input.value) return; // the reader typed on; a newer search shows
    box.panel.replaceChildren();
    box.panel.hidden = !found;
    if (!found) return;
    const list = element("ol", "sqc-results sqc-results--compact");
    list.append(...shown.map((data) => resultItem(data, found)));
    box.panel.append(element("p", "sqc-header__count", resultCount(found)));
    const reading = readingText(found);
    if (reading) box.panel.append(element("p", "sqc-header__reading", `Đã hiểu: ${reading}`));
    box.panel.append(list);
    if (found.records.length || found.guides.length) {
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
    box.input.addEventListener("focus", () => Promise.all([pagefind(), facts()]).catch(report), { once: true });
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

  function selectedFilters(page) {
    const selected = {};
    for (const box of page.filters.querySelectorAll("input[data-filter]:checked")) {
      (selected[box.dataset.filter] ??= []).push(box.value);
    }
    const years = yearsInRange(page);
    if (years) selected.nam = years;
    return selected;
  }

  // The years of records between the two chosen years (either may be left open).
  function yearsInRange(page) {
    const from = page.root.querySelector("[data-sqc-from]")?.value;
    const to = page.root.querySelector("[data-sqc-to]")?.value;
    if (!from && !to) return null;
    return page.years.filter((year) => (!from || year >= from) && (!to || year <= to));
  }

  function sortedValues(key, counts) {
    const values = Object.keys(counts);
    const unknownLast = (a, b) => a.startsWith(UNKNOWN) - b.startsWith(UNKNOWN);
    return values.sort((a, b) => unknownLast(a, b) || collator.compare(a, b));
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

  function yearSelect(label, attribute, years, chosen) {
    const wrap = element("label", "sqc-range__end", label);
    const select = element("select");
    select.setAttribute(attribute, "");
    select.append(new Option("—", ""), ...years.map((year) => new Option(year, year, false, year === chosen)));
    wrap.append(" ", select);
    return wrap;
  }

  function yearRange(page, range) {
    const group = element("fieldset", "sqc-filter sqc-range");
    group.append(element("legend", "", "Năm ký"));
    group.append(yearSelect("Từ năm", "data-sqc-from", page.years, range.from),
      yearSelect("đến năm", "data-sqc-to", page.years, range.to));
    return group;
  }

  function renderFilters(page, totals, selected, range) {
    const groups = FILTERS.filter(([key]) => totals[key] && Object.keys(totals[key]).length)
      .map(([key, label]) => filterGroup(key, label, totals[key], selected[key] || []));
    if (page.years.length) groups.splice(3, 0, yearRange(page, range));
    page.filters.replaceChildren(...groups);
  }

  // Counts of the current results for each value (Pagefind gives them with each search).
  function updateCounts(page, counts) {
    for (const box of page.filters.querySelectorAll("input[data-filter]")) {
      const count = counts?.[box.dataset.filter]?.[box.value];
      box.parentElement.querySelector(".sqc-filter__count").textContent = String(count ?? 0);
    }
  }

  function activeCount(page) {
    const boxes = page.filters.querySelectorAll("input[data-filter]:checked").length;
    return boxes + (yearsInRange(page) ? 1 : 0);
  }

  function writeUrl(page, query) {
    const url = new URL(location.href);
    url.search = "";
    if (query) url.searchParams.set("q", query);
    for (const box of page.filters.querySelectorAll("input[data-filter]:checked")) url.searchParams.append(box.dataset.filter, box.value);
    const from = page.root.querySelector("[data-sqc-from]")?.value;
    const to = page.root.querySelector("[data-sqc-to]")?.value;
    if (from) url.searchParams.set("tu-nam", from);
    if (to) url.searchParams.set("den-nam", to);
    for (const phrase of page.undone) url.searchParams.append("tu-khoa", phrase);
    history.replaceState(null, "", url);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const selected = {};
    for (const [key] of FILTERS) if (params.getAll(key).length) selected[key] = params.getAll(key);
    const years = params.getAll("nam"); // a link to one year: the range from it to it
    const range = { from: params.get("tu-nam") || years[0] || "", to: params.get("den-nam") || years.at(-1) || "" };
    return { query: params.get("q") || "", selected, range, undone: new Set(params.getAll("tu-khoa")) };
  }

  // The reading of the query, each facet with a button that searches its words as words.
  function showReading(page, found) {
    page.reading.replaceChildren();
    if (!found || !found.reading.facets.length) {
      page.reading.hidden = true;
      return;
    }
    page.reading.hidden = false;
    page.reading.append(element("span", "sqc-reading__label", "Đã hiểu:"));
    for (const facet of found.reading.facets) {
      const chip = element("button", "sqc-chip", facet.label);
      chip.type = "button";
      chip.title = `Bỏ cách hiểu này: tìm “${facet.written}” như từ khóa`;
      chip.setAttribute("aria-label", `Bỏ “${facet.label}”, tìm “${facet.written}” như từ khóa`);
      chip.append(element("span", "sqc-chip__x", "×"));
      chip.addEventListener("click", () => {
        page.undone.add(facet.phrase);
        runPageSearch(page).catch(report);
      });
      page.reading.append(" ", chip);
    }
    if (found.reading.free.length) page.reading.append(" ", element("span", "sqc-reading__free", `từ khóa “${found.reading.written.join(" ")}”`));
  }

  async function showMore(page) {
    const batch = page.pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    page.results.append(...data.map((d) => resultItem(d, page.found)));
    page.more.hidden = page.pending.length === 0;
  }

  async function showGuides(page, guides) {
    page.guides.replaceChildren();
    page.guidesBox.hidden = !guides.length;
    const data = await Promise.all(guides.slice(0, GUIDE_RESULTS).map((result) => result.data()));
    page.guides.append(...data.map((d) => resultItem(d, page.found)));
  }

  async function runPageSearch(page) {
    const query = page.input.value;
    if (query !== page.lastQuery) page.undone = page.lastQuery === undefined ? page.undone : new Set();
    page.lastQuery = query;
    const selected = selectedFilters(page);
    writeUrl(page, query);
    const active = activeCount(page);
    page.activeCount.textContent = active ? ` (${active})` : "";
    const serial = ++page.serial;
    page.status.textContent = "Đang tìm…";
    const found = await find(query, { selected, undone: page.undone });
    if (serial !== page.serial) return; // a newer search has started
    page.results.replaceChildren();
    page.more.hidden = true;
    showReading(page, found);
    if (!found) {
      page.status.textContent = "Nhập từ khóa (có dấu hoặc không dấu) hoặc chọn bộ lọc để tìm.";
      updateCounts(page, page.totals || {});
      await showGuides(page, []);
      return;
    }
    updateCounts(page, found.counts);
    page.found = found;
    page.pending = found.records.slice();
    await Promise.all([showMore(page), showGuides(page, found.guides)]);
    // Last, so that the count is announced (aria-live) once the results are there.
    page.status.textContent = resultCount(found);
  }

  async function installPage(root) {
    const page = {
      root,
      serial: 0,
      input: root.querySelector("[data-sqc-query]"),
      panel: root.querySelector("[data-sqc-panel]"),
      activeCount: root.querySelector("[data-sqc-active]"),
      filters: root.querySelector("[data-sqc-filters]"),
      status: root.querySelector("[data-sqc-status]"),
      reading: root.querySelector("[data-sqc-reading]"),
      results: root.querySelector("[data-sqc-results]"),
      more: root.querySelector("[data-sqc-more]"),
      guidesBox: root.querySelector("[data-sqc-guides-box]"),
      guides: root.querySelector("[data-sqc-guides]"),
    };
    // Filters fold behind one button (with the number of active filters), so that results come
    // first; they are loaded when opened, or at once when the link chose some.
    const { query, selected, range, undone } = readUrl();
    page.input.value = query;
    page.undone = undone;
    page.years = [];
    page.loadFilters = async () => {
      page.loadFilters = async () => {};
      const pf = await pagefind();
      page.totals = await pf.filters();
      delete page.totals.loai;
      page.years = Object.keys(page.totals.nam || {}).filter((year) => /^\d{4}$/.test(year)).sort();
      renderFilters(page, page.totals, selected, range);
    };
    await facts();
    if (page.panel.open || Object.keys(selected).length || range.from || range.to) await page.loadFilters();
    page.panel.addEventListener("toggle", () => {
      if (page.panel.open) page.loadFilters().then(() => runPageSearch(page)).catch(report);
    });
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
