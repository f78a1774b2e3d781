// Example seller form over the `shelfcheck` package: pick a category, fill the form rendered
// from `catalog.form()`, see every issue next to its field as you type, build the SKU table
// from the chosen sale values, and watch completeness.
//
// Metadata comes as per-category shards (`shelfcheck snapshot shard`): the picker is built
// from /shards/index.json, and picking a category loads only that category's shard into a
// `Catalog` (the previous one is freed). When the server has no index (404), the page loads
// one whole snapshot from /snapshot.json instead.
import init, { Catalog } from "/pkg/shelfcheck.js";

const INDEX_URL = "/shards/index.json";
const SNAPSHOT_URL = "/snapshot.json";

const T = {
  "zh-CN": {
    heading: "商品发布表单", locale: "语言", loading: "加载中…", category: "类目",
    chooseCategory: "请选择类目", skus: "SKU 列表", otherIssues: "其他问题",
    price: "价格", quantity: "库存", outerId: "商家编码", custom: "自定义", qualification: "资质",
    document: "文件编号", completeness: (f, r) => `必填项已完成 ${f}/${r}`,
    valid: "校验通过, 可以发布", invalid: (e, w) => `${e} 个错误, ${w} 个警告`,
    ready: "就绪", failed: "加载失败: ", hash: "快照", shardHash: "分片",
    loadingCategory: "正在加载类目…", failedCategory: "类目加载失败: ",
  },
  en: {
    heading: "Listing form", locale: "Language", loading: "Loading…", category: "Category",
    chooseCategory: "Choose a category", skus: "SKUs", otherIssues: "Other issues",
    price: "Price", quantity: "Stock", outerId: "Outer id", custom: "Custom", qualification: "Qualification",
    document: "Document id", completeness: (f, r) => `Required inputs done: ${f}/${r}`,
    valid: "Valid: ready to publish", invalid: (e, w) => `${e} error(s), ${w} warning(s)`,
    ready: "Ready", failed: "Failed to load: ", hash: "snapshot", shardHash: "shard",
    loadingCategory: "Loading the category…", failedCategory: "Could not load the category: ",
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
  /** the shard index (shard mode), or null */
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
  /** pid → { vids: Set<number>, text: string } */
  values: new Map(),
  /** combination key → { price, quantity } */
  skuInputs: new Map(),
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
  status.textContent = t(key) + detail;
  document.body.dataset.status = key;
}

const errorText = (e) => String(e?.message ?? e);

/** The picker's categories from a shard index: every leaf that is not deleted. */
function entriesOfIndex(index) {
  return index.shards
    .filter((s) => (s.status ?? "normal") === "normal")
    .map((s) => ({ id: Number(s.category_id), path: s.path, path_en: s.path_en ?? s.path, file: s.file, hash: s.hash }));
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
  if (!state.values.has(pid)) state.values.set(pid, { vids: new Set(), text: "" });
  return state.values.get(pid);
}

function visible(field) {
  const d = field.depends_on;
  return !d || (state.values.get(d.pid)?.vids.has(d.vid) ?? false);
}

function renderField(f) {
  const v = fieldValue(f.pid);
  const box = el("div", {
    class: `field${f.required ? " required" : ""}${f.sale ? " sale" : ""}`,
    "data-pid": f.pid,
    "data-name": f.name,
  });
  box.append(el("div", { class: "label", text: f.label }));
  const input = el("div", { class: "input" });
  if (f.options.length && (f.multi || f.sale)) {
    const choices = el("div", { class: "choices" });
    for (const o of f.options) {
      const cb = el("input", { type: "checkbox", value: o.vid, checked: v.vids.has(o.vid) });
      cb.addEventListener("change", () => {
        if (cb.checked) v.vids.add(o.vid);
        else v.vids.delete(o.vid);
        update();
      });
      choices.append(el("label", {}, cb, " ", o.name));
    }
    input.append(choices);
  } else if (f.options.length) {
    const sel = el("select", {}, el("option", { value: "", text: "—" }));
    for (const o of f.options) {
      sel.append(el("option", { value: o.vid, text: o.alias ? `${o.name} (${o.alias})` : o.name, selected: v.vids.has(o.vid) }));
    }
    sel.addEventListener("change", () => {
      v.vids = new Set(sel.value ? [Number(sel.value)] : []);
      update();
    });
    input.append(sel);
  }
  if (f.input !== "enum") {
    const text = el("input", {
      type: "text",
      value: v.text,
      placeholder: f.options.length ? t("custom") : "",
      maxlength: f.max_length ?? undefined,
    });
    text.addEventListener("input", () => {
      v.text = text.value;
      update();
    });
    input.append(" ", text);
  }
  box.append(input, el("ul", { class: "issues" }));
  return box;
}

function renderForm() {
  const form = $("#listing");
  const f = state.form;
  form.replaceChildren();
  form.append(el("p", { class: "muted", text: f.category_path.join(" › ") }));

  const title = el("div", { class: "field required", "data-path": "/title" });
  const ti = el("input", { type: "text", name: "title", value: state.title, size: 40 });
  ti.addEventListener("input", () => {
    state.title = ti.value;
    update();
  });
  title.append(
    el("div", { class: "label", text: f.title.label }),
    el("div", { class: "input" }, ti, el("span", { class: "muted", text: ` ≤ ${f.title.max_chars} / ${f.title.max_bytes} B` })),
    el("ul", { class: "issues" }),
  );
  form.append(title);
  for (const field of f.fields) form.append(renderField(field));

  f.qualifications.forEach((q, i) => {
    const cur = state.quals.get(i) ?? { name: q.alternatives[0] ?? "", document: "" };
    state.quals.set(i, cur);
    const sel = el("select", {}, ...q.alternatives.map((a) => el("option", { value: a, text: a, selected: a === cur.name })));
    const doc = el("input", { type: "text", placeholder: t("document"), value: cur.document });
    sel.addEventListener("change", () => { cur.name = sel.value; update(); });
    doc.addEventListener("input", () => { cur.document = doc.value; update(); });
    form.append(el("div", { class: "field required qualification", "data-path": "/qualifications" },
      el("div", { class: "label", text: t("qualification") }),
      el("div", { class: "input" }, sel, " ", doc),
      el("ul", { class: "issues" })));
  });
}

// --- listing, SKU table, issues ---------------------------------------------------------

/** The sale fields that are shown and have chosen values, as a SKU matrix selection. */
function saleSelection() {
  return state.form.fields
    .filter((f) => f.sale && visible(f) && fieldValue(f.pid).vids.size > 0)
    .map((f) => ({ pid: f.pid, vids: f.options.map((o) => o.vid).filter((vid) => fieldValue(f.pid).vids.has(vid)) }));
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
    if (v.vids.size) entry.vids = f.options.map((o) => o.vid).filter((vid) => v.vids.has(vid));
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
    return sku;
  });
  const qualifications = [...state.quals.values()].filter((q) => q.document.trim());
  const listing = { category_id: state.form.category_id, title: state.title, props, skus };
  if (qualifications.length) listing.qualifications = qualifications;
  return { listing, propPid };
}

function renderSkuTable() {
  const table = $("#skus");
  const sale = state.form.fields.filter((f) => f.sale);
  table.tHead.replaceChildren(el("tr", {},
    ...sale.map((f) => el("th", { text: f.label })),
    el("th", { text: t("price") }), el("th", { text: t("quantity") }), el("th", { text: "" })));
  const body = table.tBodies[0];
  body.replaceChildren();
  state.rows.forEach((r, i) => {
    const key = comboKey(r.combo);
    const inp = state.skuInputs.get(key) ?? { price: "", quantity: "" };
    state.skuInputs.set(key, inp);
    const price = el("input", { type: "text", name: "price", inputmode: "decimal", value: inp.price });
    const qty = el("input", { type: "text", name: "quantity", inputmode: "numeric", value: inp.quantity });
    price.addEventListener("input", () => { inp.price = price.value; update(); });
    qty.addEventListener("input", () => { inp.quantity = qty.value; update(); });
    const cells = sale.map((f) => {
      const at = r.combo.findIndex((p) => p.pid === f.pid);
      return el("td", { text: at >= 0 ? (r.names[at] ?? "") : "" });
    });
    body.append(el("tr", { class: "sku", "data-path": `/skus/${i}`, "data-key": key },
      ...cells, el("td", {}, price), el("td", {}, qty), el("td", {}, el("ul", { class: "issues" }))));
  });
}

function issueItem(issue) {
  return el("li", { class: `issue ${issue.severity}`, "data-code": issue.code, "data-path": issue.path },
    el("code", { text: issue.code }), " ", issue.message);
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
  const report = state.catalog.validate(listing, { locale: state.locale });
  for (const ul of document.querySelectorAll(".issues")) ul.replaceChildren();
  for (const tr of document.querySelectorAll("#skus tr.sku")) tr.classList.remove("has-error");
  for (const issue of report.issues) {
    const target = targetOf(issue, propPid) ?? $("#other-issues .issues");
    target.append(issueItem(issue));
    target.closest("tr.sku")?.classList.add("has-error");
  }
  $("#other-issues").hidden = $("#other-issues .issues").childElementCount === 0;

  const c = state.catalog.completeness(listing, state.locale);
  $("#completeness-bar").value = c.ratio;
  $("#completeness-text").textContent = `${t("completeness")(c.filled, c.required)} (${Math.round(c.ratio * 100)}%)`;
  $("#missing").replaceChildren(...c.missing.map((m) => el("li", { "data-kind": m.kind, text: m.label })));

  const verdict = $("#verdict");
  verdict.hidden = false;
  verdict.className = report.valid ? "valid" : "invalid";
  verdict.textContent = report.valid ? t("valid") : t("invalid")(report.errors, report.warnings);
  document.body.dataset.valid = String(report.valid);
  document.body.dataset.issues = String(report.issues.length);
}

/** Fetches one category's shard and compiles it; checks it against the index's hash. */
async function loadShard(entry) {
  const url = new URL(entry.file, new URL(INDEX_URL, location.href));
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} ${url.pathname}`);
  const catalog = new Catalog(await res.text(), state.locale);
  if (entry.hash && catalog.hash !== entry.hash) {
    catalog.free();
    throw new Error(`${url.pathname}: ${catalog.hash.slice(0, 19)}… ≠ index.json ${entry.hash.slice(0, 19)}…`);
  }
  return catalog;
}

/** Counts picks, so that a shard arriving after the seller picked again is dropped. */
let picks = 0;

async function chooseCategory(id) {
  const pick = ++picks;
  state.form = null;
  state.values.clear();
  state.skuInputs.clear();
  state.quals.clear();
  state.title = "";
  state.rows = [];
  lastSelection = "";
  $("#listing").hidden = $("#progress").hidden = true;
  $("#verdict").hidden = $("#sku-section").hidden = $("#other-issues").hidden = true;
  delete document.body.dataset.category;
  if (!id) {
    setStatus("ready");
    return;
  }
  try {
    if (state.index && state.catalogId !== id) {
      const entry = state.entries.find((e) => e.id === id);
      if (!entry) throw new Error(`${id}?`);
      setStatus("loadingCategory");
      const catalog = await loadShard(entry);
      if (pick !== picks) {
        catalog.free();
        return;
      }
      state.catalog?.free();
      state.catalog = catalog;
      state.catalogId = id;
      showHash();
    }
    state.form = state.catalog.form(id, state.locale);
  } catch (e) {
    if (pick === picks) setStatus("failedCategory", errorText(e));
    return;
  }
  setStatus("ready");
  $("#listing").hidden = $("#progress").hidden = false;
  renderForm();
  update();
  document.body.dataset.category = String(id);
}

function showHash() {
  const [key, hash] = state.catalog ? [state.index ? "shardHash" : "hash", state.catalog.hash] : ["hash", state.index.snapshot_hash];
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
  const res = await fetch(INDEX_URL);
  if (res.ok) {
    const index = await res.json();
    if (index?.format !== 1 || !Array.isArray(index.shards)) throw new Error(`${INDEX_URL}: format ${index?.format}?`);
    state.index = index;
    state.entries = entriesOfIndex(index);
    return;
  }
  if (res.status !== 404) throw new Error(`HTTP ${res.status} ${INDEX_URL}`);
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
  $("#category").addEventListener("change", (e) => chooseCategory(Number(e.target.value) || null));
  $("#locale").addEventListener("change", (e) => setLocale(e.target.value));
}

main();
