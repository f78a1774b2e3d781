// Example seller form over the `shelfcheck` package: pick a category, fill the form rendered
// from `catalog.form()`, see every issue next to its field as you type, build the SKU table
// from the chosen sale values, and watch completeness.
//
// Metadata comes as per-category shards (`shelfcheck snapshot shard`), read with the package's
// loader (`shelfcheck/shards`, served under /lib/): the picker is built from
// /shards/index.json, and picking a category loads only that category's shard into a
// `Catalog` (the previous one is freed). When the server has no index (404), the page loads
// one whole snapshot from /snapshot.json instead.
//
// As a seller sees it: a field shows its issues once the seller has touched it (or pressed
// Publish), issue codes, ids and hashes only with "Developer details" on, a title counter in
// platform bytes, and Publish shows the final report and the listing JSON.
import init, { Catalog } from "/pkg/shelfcheck.js";
import { openShards } from "/lib/shards.js";
import { titleLength } from "/lib/title.js";

const INDEX_URL = "/shards/index.json";
const SNAPSHOT_URL = "/snapshot.json";

const T = {
  "zh-CN": {
    heading: "商品发布表单", locale: "语言", loading: "加载中…", category: "类目",
    chooseCategory: "请选择类目", skus: "SKU 列表", otherIssues: "其他问题",
    price: "价格", quantity: "库存", outerId: "商家编码", custom: "自定义", qualification: "资质",
    ownValue: "自定义值, 如 雾霾蓝", addOwn: "添加",
    document: "文件编号", completeness: (f, r) => `必填项已完成 ${f}/${r}`,
    valid: "校验通过, 可以发布", invalid: (e, w) => `${e} 个错误, ${w} 个警告`,
    ready: "就绪", failed: "加载失败: ", hash: "快照", shardHash: "分片",
    loadingCategory: "正在加载类目…", failedCategory: "类目加载失败: ", tryAgain: "请稍后重试或选择其他类目。",
    dev: "开发者信息", bytes: "字节", publish: "发布", publishTitle: "发布结果",
    canPublish: "可以发布", cannotPublish: (e) => `还有 ${e} 个错误需要修改, 暂不能发布`,
    bulk: "批量填写", apply: "应用到全部 SKU", confirmSwitch: "切换类目会清空已填写的内容, 确定切换吗?",
    published: "校验通过, 可以提交到平台。以下是最终报告与商品 JSON:",
    notPublished: (e) => `有 ${e} 个错误, 不能发布。以下是最终报告与商品 JSON:`, listingJson: "商品 JSON",
  },
  en: {
    heading: "Listing form", locale: "Language", loading: "Loading…", category: "Category",
    chooseCategory: "Choose a category", skus: "SKUs", otherIssues: "Other issues",
    price: "Price", quantity: "Stock", outerId: "Outer id", custom: "Custom", qualification: "Qualification",
    ownValue: "Your own value, e.g. haze blue", addOwn: "Add",
    document: "Document id", completeness: (f, r) => `Required inputs done: ${f}/${r}`,
    valid: "Valid: ready to publish", invalid: (e, w) => `${e} error(s), ${w} warning(s)`,
    ready: "Ready", failed: "Failed to load: ", hash: "snapshot", shardHash: "shard",
    loadingCategory: "Loading the category…", failedCategory: "Could not load the category: ", tryAgain: "Please try again later or choose another category.",
    dev: "Developer details", bytes: "bytes", publish: "Publish", publishTitle: "Publish result",
    canPublish: "Ready to publish", cannotPublish: (e) => `${e} error(s) to fix before publishing`,
    bulk: "Fill all", apply: "Apply to every SKU", confirmSwitch: "Switching the category clears what you have entered. Switch?",
    published: "The listing passes: it can be sent to the platform. The final report and the listing JSON:",
    notPublished: (e) => `${e} error(s): the listing cannot be published. The final report and the listing JSON:`, listingJson: "Listing JSON",
  },
};

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  e.append(...kids);
  return e;
};

const state = {
  locale: "zh-CN",
  /** the shard set (`openShards`, shard mode), or null */
  index: null,
  /** the whole snapshot (snapshot mode), or null */
  snapshot: null,
  /** the picker's categories: { id, path, path_en, file, hash } */
  entries: [],
  catalog: null,
  /** in shard mode, the category whose shard `catalog` holds */
  catalogId: null,
  /** what #status shows: a message key and a detail after it */
  status: { key: "loading", detail: "" },
  form: null,
  title: "",
  /** pid → { vids: Set<number>, text: string, own: Map<number, string> }: chosen value ids,
   * typed text, and a sale property's own values (negative id → text, as the listing names them) */
  values: new Map(),
  /** combination key → { price, quantity, outer_id } */
  skuInputs: new Map(),
  /** what the seller has touched: "/title", "pid:<pid>", "sku:<key>", "quals" */
  touched: new Set(),
  /** after Publish: every issue is shown */
  showAll: false,
  /** for the figures in the README: validate durations (ms) and the first validation's time */
  metrics: { validate: [], firstValidation: null, picked: null },
  /** proof index → { name, document } */
  quals: new Map(),
  /** the rows of the SKU table, as last built */
  rows: [],
};

const t = (key) => T[state.locale][key];

function translateChrome() {
  document.documentElement.lang = state.locale;
  for (const n of document.querySelectorAll("[data-t]")) {
    const v = t(n.dataset.t);
    if (typeof v === "string") n.textContent = v;
  }
  for (const n of document.querySelectorAll("[data-t-label]")) {
    n.setAttribute("aria-label", t(n.dataset.tLabel));
    n.placeholder = t(n.dataset.tLabel);
  }
  renderStatus();
}

function setStatus(key, detail = "") {
  state.status = { key, detail };
  renderStatus();
}

function renderStatus() {
  const { key, detail } = state.status;
  const status = $("#status");
  status.dataset.state = key;
  if (detail?.category !== undefined) {
    // A category that failed to load: its name and what to do for the seller; the error
    // itself (URLs, ids) for developers. The error keeps both languages.
    const entry = state.entries.find((c) => c.id === detail.category);
    const name = entry ? (state.locale === "en" ? entry.path_en : entry.path).join(" › ") : "";
    const e = detail.error;
    const why = e?.messages?.[state.locale] ?? String(e?.message ?? e);
    status.replaceChildren(`${t(key)}${name}. ${t("tryAgain")}`, el("code", { class: "dev-only", text: ` ${why}` }));
  } else {
    status.textContent = t(key) + (typeof detail === "string" ? detail : String(detail?.message ?? detail));
  }
  document.body.dataset.status = key;
}

const errorText = (e) => String(e?.message ?? e);

/** The picker's categories from a shard set: every leaf that is not deleted. */
function entriesOfShards(shards) {
  return shards.categories
    .filter((c) => c.status === "normal")
    .map((c) => ({ id: c.id, path: c.path, path_en: c.pathEn }));
}

/** The picker's categories from a whole snapshot: every leaf that is not deleted. */
function entriesOfSnapshot(snapshot) {
  const byId = new Map(snapshot.categories.map((c) => [c.id, c]));
  const pathOf = (id, name) => {
    const names = [];
    for (let c = byId.get(id), n = 0; c && n < 64; c = byId.get(c.parent_id), n++) names.unshift(name(c));
    return names;
  };
  return snapshot.categories
    .filter((c) => c.leaf && (c.status ?? "normal") === "normal")
    .map((c) => ({ id: c.id, path: pathOf(c.id, (x) => x.name), path_en: pathOf(c.id, (x) => x.name_en ?? x.name) }));
}

function fillCategoryPicker() {
  const sel = $("#category");
  const current = sel.value;
  sel.replaceChildren(el("option", { value: "", text: t("chooseCategory") }));
  for (const c of state.entries) {
    sel.append(el("option", { value: String(c.id), text: (state.locale === "en" ? c.path_en : c.path).join(" › ") }));
  }
  sel.value = current;
}

// --- the form ------------------------------------------------------------------------

function fieldValue(pid) {
  if (!state.values.has(pid)) state.values.set(pid, { vids: new Set(), text: "", own: new Map() });
  return state.values.get(pid);
}

/** A field's chosen value ids: listed ones in the platform's order, then the seller's own in
 * the order they were added. */
function chosenVids(f) {
  const v = fieldValue(f.pid);
  return [...f.options.map((o) => o.vid), ...v.own.keys()].filter((vid) => v.vids.has(vid));
}

/** The text of each chosen value of the seller's own, keyed by its (negative) id, as the
 * listing's `aliases` and skuMatrix's selection take it; null when there is none. */
function ownAliases(f) {
  const v = fieldValue(f.pid);
  const chosen = [...v.own].filter(([vid]) => v.vids.has(vid));
  return chosen.length ? Object.fromEntries(chosen.map(([vid, text]) => [String(vid), text])) : null;
}

/** Adds a value the seller typed to a sale field that takes values of their own: a listed
 * value of that name (or alias) is chosen instead, and the same text twice is one value. */
function addOwnValue(f, typed) {
  const text = typed.trim();
  if (!text) return false;
  const v = fieldValue(f.pid);
  const same = (a) => a.trim().toLowerCase() === text.toLowerCase();
  const listed = f.options.find((o) => same(o.name) || (o.alias && same(o.alias)));
  const own = [...v.own].find(([, t]) => same(t));
  if (listed) v.vids.add(listed.vid);
  else if (own) v.vids.add(own[0]);
  else {
    // The platform's convention: -1, -2, ... per property.
    const vid = -1 - v.own.size;
    v.own.set(vid, text);
    v.vids.add(vid);
  }
  return true;
}

function visible(field) {
  const d = field.depends_on;
  return !d || (state.values.get(d.pid)?.vids.has(d.vid) ?? false);
}

/** Marks an input as touched by the seller: its issues show from now on. */
function touch(key) {
  state.touched.add(key);
}

function renderField(f) {
  const v = fieldValue(f.pid);
  const id = `f-${f.pid}`;
  const issuesId = `issues-${f.pid}`;
  const box = el("div", {
    class: `field${f.required ? " required" : ""}${f.sale ? " sale" : ""}`,
    "data-pid": f.pid,
    "data-name": f.name,
  });
  const own = f.sale && f.custom_values ? f.custom_values : null;
  const grouped = (f.options.length || own) && (f.multi || f.sale);
  // A group of checkboxes is labelled as a group; a select or a text input by its label.
  box.append(grouped
    ? el("div", { class: "label", id: `label-${f.pid}`, text: f.label })
    : el("label", { class: "label", for: id, text: f.label }));
  const input = el("div", { class: "input" });
  let text = null;
  let sel = null;
  const boxes = [];
  // A property holds listed values or the seller's own text, never both: choosing one
  // clears the other.
  const clearText = () => {
    if (text && v.text) {
      v.text = "";
      text.value = "";
    }
  };
  if (grouped) {
    const choices = el("div", { class: "choices", role: "group", "aria-labelledby": `label-${f.pid}`, "aria-describedby": issuesId });
    f.options.forEach((o, i) => {
      const cb = el("input", { type: "checkbox", id: `${id}-${i}`, value: o.vid, checked: v.vids.has(o.vid) });
      boxes.push(cb);
      cb.addEventListener("change", () => {
        if (cb.checked) v.vids.add(o.vid);
        else v.vids.delete(o.vid);
        if (cb.checked) clearText();
        touch(`pid:${f.pid}`);
        if (f.sale) touch("skus");
        update();
      });
      choices.append(el("label", { for: `${id}-${i}` }, cb, " ", o.name));
    });
    // The seller's own values (a custom colour): chosen or not like listed ones.
    for (const [vid, name] of v.own) {
      const cb = el("input", { type: "checkbox", id: `${id}-own${-vid}`, value: vid, checked: v.vids.has(vid) });
      cb.addEventListener("change", () => {
        if (cb.checked) v.vids.add(vid);
        else v.vids.delete(vid);
        touch(`pid:${f.pid}`);
        touch("skus");
        update();
      });
      choices.append(el("label", { for: `${id}-own${-vid}`, class: "own" }, cb, " ", name));
    }
    input.append(choices);
  } else if (f.options.length) {
    sel = el("select", { id, "aria-describedby": issuesId }, el("option", { value: "", text: "—" }));
    for (const o of f.options) {
      sel.append(el("option", { value: o.vid, text: o.alias ? `${o.name} (${o.alias})` : o.name, selected: v.vids.has(o.vid) }));
    }
    sel.addEventListener("change", () => {
      v.vids = new Set(sel.value ? [Number(sel.value)] : []);
      if (sel.value) clearText();
      touch(`pid:${f.pid}`);
      update();
    });
    input.append(sel);
  }
  if (own) {
    // A sale value of the seller's own is a value like a listed one (a negative id named in
    // `aliases`), so it is added beside the listed ones rather than typed instead of them.
    const typed = el("input", {
      type: "text", id: `${id}-own`, size: 26, maxlength: own.max_bytes, placeholder: t("ownValue"),
      "aria-label": `${f.label} · ${t("ownValue")}`, "aria-describedby": issuesId,
    });
    const add = el("button", { type: "button", id: `${id}-add`, text: t("addOwn") });
    const commit = () => {
      if (!addOwnValue(f, typed.value)) return;
      touch(`pid:${f.pid}`);
      touch("skus");
      // Drawn again with the new value among the choices, the input ready for the next one.
      box.replaceWith(renderField(f));
      update();
      $(`#${id}-own`)?.focus();
    };
    add.addEventListener("click", commit);
    typed.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      commit();
    });
    input.append(" ", typed, " ", add);
  } else if (f.input !== "enum") {
    text = el("input", {
      type: "text",
      id: f.options.length ? `${id}-text` : id,
      value: v.text,
      placeholder: f.options.length ? t("custom") : "",
      maxlength: f.max_length ?? undefined,
      "aria-describedby": issuesId,
      "aria-label": f.options.length ? `${f.label} · ${t("custom")}` : undefined,
    });
    text.addEventListener("input", () => {
      v.text = text.value;
      if (v.text.trim() && v.vids.size) {
        v.vids.clear();
        if (sel) sel.value = "";
        for (const cb of boxes) cb.checked = false;
      }
      touch(`pid:${f.pid}`);
      update();
    });
    input.append(" ", text);
  }
  box.append(input, el("ul", { class: "issues", id: issuesId }));
  return box;
}

function renderForm() {
  const form = $("#listing");
  const f = state.form;
  form.replaceChildren();
  form.append(el("p", { class: "muted", text: f.category_path.join(" › ") }));

  const title = el("div", { class: "field required", "data-path": "/title" });
  const ti = el("input", { type: "text", id: "f-title", name: "title", value: state.title, size: 40, "aria-describedby": "title-count issues-title" });
  ti.addEventListener("input", () => {
    state.title = ti.value;
    touch("/title");
    update();
  });
  title.append(
    el("label", { class: "label", for: "f-title", text: f.title.label }),
    el("div", { class: "input" }, ti, " ", el("span", { id: "title-count", class: "counter", "aria-live": "polite" })),
    el("ul", { class: "issues", id: "issues-title" }),
  );
  form.append(title);
  for (const field of f.fields) form.append(renderField(field));

  f.qualifications.forEach((q, i) => {
    const cur = state.quals.get(i) ?? { name: q.alternatives[0] ?? "", document: "" };
    state.quals.set(i, cur);
    const sel = el("select", { id: `q-${i}`, "aria-describedby": `issues-q-${i}` },
      ...q.alternatives.map((a) => el("option", { value: a, text: a, selected: a === cur.name })));
    const doc = el("input", { type: "text", placeholder: t("document"), "aria-label": t("document"), value: cur.document, "aria-describedby": `issues-q-${i}` });
    sel.addEventListener("change", () => { cur.name = sel.value; touch("quals"); update(); });
    doc.addEventListener("input", () => { cur.document = doc.value; touch("quals"); update(); });
    form.append(el("div", { class: "field required qualification", "data-path": "/qualifications" },
      el("label", { class: "label", for: `q-${i}`, text: t("qualification") }),
      el("div", { class: "input" }, sel, " ", doc),
      el("ul", { class: "issues", id: `issues-q-${i}` })));
  });
}

// --- listing, SKU table, issues ---------------------------------------------------------

/** The sale fields that are shown and have chosen values, as a SKU matrix selection. */
function saleSelection() {
  return state.form.fields
    .filter((f) => f.sale && visible(f) && fieldValue(f.pid).vids.size > 0)
    .map((f) => {
      const entry = { pid: f.pid, vids: chosenVids(f) };
      const aliases = ownAliases(f);
      if (aliases) entry.aliases = aliases;
      return entry;
    });
}

const comboKey = (combo) => combo.map((p) => `${p.pid}:${p.vid}`).join(";");

function buildRows() {
  const selection = saleSelection();
  if (selection.length === 0) return [];
  try {
    const matrix = state.catalog.skuMatrix(state.form.category_id, selection);
    return matrix.combinations.map((c) => ({ combo: c.props, names: c.names }));
  } catch (e) {
    return { error: e };
  }
}

function buildListing() {
  const props = [];
  const propPid = [];
  for (const f of state.form.fields) {
    if (!visible(f)) continue;
    const v = fieldValue(f.pid);
    const entry = { pid: f.pid };
    if (v.vids.size) entry.vids = chosenVids(f);
    const aliases = ownAliases(f);
    if (aliases) entry.aliases = aliases;
    if (v.text.trim()) entry.text = v.text.trim();
    if (!entry.vids && entry.text === undefined) continue;
    propPid.push(f.pid);
    props.push(entry);
  }
  const skus = state.rows.map((r) => {
    const inp = state.skuInputs.get(comboKey(r.combo)) ?? {};
    const sku = { props: r.combo };
    if (inp.price) sku.price = inp.price;
    if (inp.quantity) sku.quantity = /^-?\d+$/.test(inp.quantity) ? Number(inp.quantity) : inp.quantity;
    if (inp.outer_id?.trim()) sku.outer_id = inp.outer_id.trim();
    return sku;
  });
  const qualifications = [...state.quals.values()].filter((q) => q.document.trim());
  const listing = { category_id: state.form.category_id, title: state.title, props, skus };
  if (qualifications.length) listing.qualifications = qualifications;
  return { listing, propPid };
}

/** The SKU table: one row per combination, price, stock and outer_id inputs per row. */
function renderSkuTable() {
  const table = $("#skus");
  const sale = state.form.fields.filter((f) => f.sale);
  // Fixed column widths, so that issues appearing in a row do not make the table jump.
  table.querySelector("colgroup")?.remove();
  table.prepend(el("colgroup", {},
    ...sale.map(() => el("col", { class: "c-value" })),
    el("col", { class: "c-price" }), el("col", { class: "c-qty" }), el("col", { class: "c-outer" }), el("col", { class: "c-issues" })));
  table.tHead.replaceChildren(el("tr", {},
    ...sale.map((f) => el("th", { scope: "col", text: f.label })),
    el("th", { scope: "col", text: t("price") }), el("th", { scope: "col", text: t("quantity") }),
    el("th", { scope: "col", text: t("outerId") }), el("th", { scope: "col", text: "" })));
  const body = table.tBodies[0];
  body.replaceChildren();
  state.rows.forEach((r, i) => {
    const key = comboKey(r.combo);
    const inp = state.skuInputs.get(key) ?? { price: "", quantity: "", outer_id: "" };
    state.skuInputs.set(key, inp);
    const names = r.names.join(" / ");
    const issuesId = `issues-sku-${i}`;
    const cell = (name, mode, label) => {
      const input = el("input", { type: "text", name, inputmode: mode, value: inp[name] ?? "", "aria-label": `${names} · ${label}`, "aria-describedby": issuesId });
      input.addEventListener("input", () => {
        inp[name] = input.value;
        touch(`sku:${key}`);
        touch("skus");
        update();
      });
      return el("td", {}, input);
    };
    const cells = sale.map((f) => {
      const at = r.combo.findIndex((p) => p.pid === f.pid);
      return el("td", { text: at >= 0 ? (r.names[at] ?? "") : "" });
    });
    body.append(el("tr", { class: "sku", "data-path": `/skus/${i}`, "data-key": key },
      ...cells, cell("price", "decimal", t("price")), cell("quantity", "numeric", t("quantity")),
      cell("outer_id", "text", t("outerId")), el("td", {}, el("ul", { class: "issues", id: issuesId }))));
  });
}

/** Bulk fill: the price and stock typed above the table go into every SKU row. */
function applyBulk() {
  const price = $("#bulk-price").value.trim();
  const quantity = $("#bulk-quantity").value.trim();
  for (const r of state.rows) {
    const key = comboKey(r.combo);
    const inp = state.skuInputs.get(key);
    if (price) inp.price = price;
    if (quantity) inp.quantity = quantity;
    if (price || quantity) touch(`sku:${key}`);
    if (price || quantity) touch("skus");
  }
  renderSkuTable();
  update();
}

function issueItem(issue) {
  return el("li", { class: `issue ${issue.severity}`, "data-code": issue.code, "data-path": issue.path },
    issue.message, el("code", { class: "dev-only", text: `${issue.code} ${issue.path}` }));
}

/** The touched-input key an issue belongs to, or null for issues about the whole listing. */
function touchKeyOf(issue, propPid) {
  const path = issue.path ?? "";
  if (path === "/title") return "/title";
  const sku = /^\/skus\/(\d+)/.exec(path);
  if (sku) return `sku:${comboKey(state.rows[Number(sku[1])]?.combo ?? [])}`;
  const m = /^\/props\/(\d+)/.exec(path);
  const pid = m ? propPid[Number(m[1])] : issue.params?.pid;
  if ((path.startsWith("/props") || path === "/skus") && pid !== undefined) return `pid:${pid}`;
  if (path.startsWith("/qualifications")) return "quals";
  if (path.startsWith("/skus")) return "skus";
  return null;
}

/** Whether the seller should see an issue now: after Publish, or once its input is touched. */
function shown(issue, propPid) {
  if (state.showAll) return true;
  const key = touchKeyOf(issue, propPid);
  return key === null || state.touched.has(key);
}

/** The element an issue belongs next to: its field, its SKU row, or the general list. */
function targetOf(issue, propPid) {
  const path = issue.path ?? "";
  const m = /^\/props\/(\d+)/.exec(path);
  const pid = m ? propPid[Number(m[1])] : issue.params?.pid;
  if (path === "/title") return $('#listing [data-path="/title"] .issues');
  const sku = /^\/skus\/(\d+)/.exec(path);
  if (sku) return $(`#skus tr[data-path="/skus/${sku[1]}"] .issues`);
  if (path.startsWith("/props") && pid !== undefined) {
    const f = $(`#listing .field[data-pid="${pid}"] .issues`);
    if (f) return f;
  }
  if (path.startsWith("/qualifications")) return $('#listing [data-path="/qualifications"] .issues') ?? $('#other-issues .issues');
  if (path === "/skus") {
    if (pid !== undefined) return $(`#listing .field[data-pid="${pid}"] .issues`) ?? $("#sku-section .issues");
    return $("#sku-section .issues");
  }
  return $("#other-issues .issues");
}

let lastSelection = "";

function update() {
  if (!state.form) return;
  for (const f of state.form.fields) {
    const box = $(`#listing .field[data-pid="${f.pid}"]`);
    if (box) box.hidden = !visible(f);
  }
  const selKey = JSON.stringify(saleSelection());
  if (selKey !== lastSelection) {
    lastSelection = selKey;
    const rows = buildRows();
    state.rows = Array.isArray(rows) ? rows : [];
    renderSkuTable();
  }
  $("#sku-section").hidden = state.rows.length === 0;

  const { listing, propPid } = buildListing();
  const started = performance.now();
  const report = state.catalog.validate(listing, { locale: state.locale });
  const m = state.metrics;
  m.validate.push(performance.now() - started);
  m.firstValidation ??= performance.now();
  for (const ul of document.querySelectorAll(".issues")) ul.replaceChildren();
  for (const tr of document.querySelectorAll("#skus tr.sku")) tr.classList.remove("has-error");
  let hidden = 0;
  for (const issue of report.issues) {
    if (!shown(issue, propPid)) {
      hidden++;
      continue;
    }
    const target = targetOf(issue, propPid) ?? $("#other-issues .issues");
    target.append(issueItem(issue));
    target.closest("tr.sku")?.classList.add("has-error");
  }
  $("#other-issues").hidden = $("#other-issues .issues").childElementCount === 0;

  const count = titleLength(state.title, state.form.title);
  const counter = $("#title-count");
  counter.textContent = `${count.bytes}/${count.maxBytes} ${t("bytes")}`;
  counter.classList.toggle("over", count.over);

  const c = state.catalog.completeness(listing, state.locale);
  $("#completeness-bar").value = c.ratio;
  $("#completeness-text").textContent = `${t("completeness")(c.filled, c.required)} (${Math.round(c.ratio * 100)}%)`;
  // Completeness counts required inputs; whether the listing can be published is the report's.
  const publishable = $("#publishable");
  publishable.textContent = report.valid ? t("canPublish") : t("cannotPublish")(report.errors);
  publishable.className = report.valid ? "valid" : "invalid";
  $("#missing").replaceChildren(...c.missing.map((x) => el("li", { "data-kind": x.kind, text: x.label })));

  const verdict = $("#verdict");
  verdict.hidden = false;
  verdict.className = report.valid ? "valid" : "invalid";
  verdict.textContent = report.valid ? t("valid") : t("invalid")(report.errors, report.warnings);
  document.body.dataset.valid = String(report.valid);
  document.body.dataset.issues = String(report.issues.length);
  document.body.dataset.hiddenIssues = String(hidden);
  state.lastReport = { report, listing };
}

/** Publish: every issue shown, and the final report and the listing JSON. */
function publish() {
  state.showAll = true;
  update();
  const { report, listing } = state.lastReport;
  const box = $("#publish-result");
  box.hidden = false;
  box.className = report.valid ? "valid" : "invalid";
  box.replaceChildren(
    el("h2", { text: t("publishTitle") }),
    el("p", { class: "summary", text: report.valid ? t("published") : t("notPublished")(report.errors) }),
    el("ul", { class: "final-issues" }, ...report.issues.map(issueItem)),
    el("details", { open: true }, el("summary", { text: t("listingJson") }), el("pre", { id: "listing-json", text: JSON.stringify(listing, null, 2) })),
  );
  box.scrollIntoView?.({ block: "nearest" });
}

/** Whether the seller has entered anything a category switch would clear. */
function hasInput() {
  return state.title.trim() !== "" ||
    [...state.values.values()].some((v) => v.vids.size || v.text.trim()) ||
    [...state.skuInputs.values()].some((i) => i.price || i.quantity || i.outer_id) ||
    [...state.quals.values()].some((q) => q.document.trim());
}

/** The category the form shows (the picker's value to go back to when a switch is cancelled). */
let shownCategory = "";

async function chooseCategory(id) {
  if (hasInput() && !window.confirm(t("confirmSwitch"))) {
    $("#category").value = shownCategory;
    return;
  }
  shownCategory = id ? String(id) : "";
  state.form = null;
  state.values.clear();
  state.skuInputs.clear();
  state.quals.clear();
  state.touched.clear();
  state.showAll = false;
  state.title = "";
  state.rows = [];
  lastSelection = "";
  $("#listing").hidden = $("#progress").hidden = $("#publish-bar").hidden = true;
  $("#verdict").hidden = $("#sku-section").hidden = $("#other-issues").hidden = $("#publish-result").hidden = true;
  delete document.body.dataset.category;
  if (!id) {
    setStatus("ready");
    return;
  }
  state.metrics.picked = performance.now();
  state.metrics.firstValidation = null;
  try {
    if (state.index && state.catalogId !== id) {
      setStatus("loadingCategory");
      state.catalog = await state.index.loadCategory(id);
      state.catalogId = id;
      showHash();
    }
    state.form = state.catalog.form(id, state.locale);
  } catch (e) {
    // A later pick overtook this one: that pick owns the status.
    if (e?.code === "LOAD_SUPERSEDED") return;
    state.catalog = state.index ? state.index.catalog : state.catalog;
    state.catalogId = state.index ? state.index.categoryId : state.catalogId;
    setStatus("failedCategory", { category: id, error: e });
    return;
  }
  setStatus("ready");
  $("#listing").hidden = $("#progress").hidden = $("#publish-bar").hidden = false;
  renderForm();
  update();
  document.body.dataset.category = String(id);
}

function showHash() {
  const [key, hash] = state.catalog ? [state.index ? "shardHash" : "hash", state.catalog.hash] : ["hash", state.index.snapshotHash];
  $("#hash").textContent = `${t(key)} ${hash.slice(0, 19)}…`;
}

function setLocale(locale) {
  state.locale = locale;
  translateChrome();
  if (state.catalog || state.index) showHash();
  fillCategoryPicker();
  if (state.form) {
    state.form = state.catalog.form(state.form.category_id, locale);
    renderForm();
    lastSelection = "";
    update();
  }
}

/** Loads the shard index, or (when the server has none) the whole snapshot. */
async function loadMetadata() {
  try {
    state.index = await openShards(INDEX_URL, { Catalog, locale: state.locale });
    state.entries = entriesOfShards(state.index);
    return;
  } catch (e) {
    if (!(e?.code === "INDEX_UNREACHABLE" && e.params?.why === "HTTP 404")) throw e;
  }
  const whole = await fetch(SNAPSHOT_URL);
  if (!whole.ok) throw new Error(`HTTP ${whole.status} ${SNAPSHOT_URL}`);
  state.snapshot = await whole.json();
  state.catalog = new Catalog(state.snapshot, state.locale);
  state.entries = entriesOfSnapshot(state.snapshot);
}

async function main() {
  setStatus("loading");
  try {
    await init();
    await loadMetadata();
  } catch (e) {
    setStatus("failed", errorText(e));
    return;
  }
  showHash();
  fillCategoryPicker();
  $("#picker").hidden = false;
  setStatus("ready");
  document.body.dataset.mode = state.index ? "shards" : "snapshot";
  document.body.dataset.ready = "true";
  state.metrics.ready = performance.now();
  $("#category").addEventListener("change", (e) => chooseCategory(Number(e.target.value) || null));
  $("#locale").addEventListener("change", (e) => setLocale(e.target.value));
  $("#dev").addEventListener("change", (e) => document.body.classList.toggle("dev", e.target.checked));
  $("#publish").addEventListener("click", publish);
  $("#bulk-apply").addEventListener("click", applyBulk);
  window.shelfcheckMetrics = state.metrics;
}

main();
