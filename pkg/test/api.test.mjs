// The package's API in Node, through its own name (the `node` export condition).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, * as pkg from "shelfcheck";
import { createRequire } from "node:module";

const { Catalog, ShelfcheckError } = pkg;

const DEMO = readFileSync(new URL("../../crates/core/demo/snapshot.json", import.meta.url), "utf8");

const tshirt = () => ({
  category_id: 50010850,
  title: "纯棉短袖T恤 男款 夏季",
  props: [
    { pid: 20000, vids: [3233] },
    { pid: 13021751, text: "A-1024" },
    { name: "材质", values: ["棉"] },
    { pid: 1627207, vids: [28321, 28320], aliases: { 28321: "米白" } },
    { pid: 20509, vids: [28383, 28384] },
  ],
  skus: [
    { props: [{ pid: 1627207, vid: 28321 }, { pid: 20509, vid: 28383 }], price: "59.00", quantity: 100 },
    { props: [{ pid: 1627207, vid: 28321 }, { pid: 20509, vid: 28384 }], price: "59.00", quantity: 100 },
    { props: [{ pid: 1627207, vid: 28320 }, { pid: 20509, vid: 28383 }], price: "59.00", quantity: 0 },
    { props: [{ pid: 1627207, vid: 28320 }, { pid: 20509, vid: 28384 }], price: 59, quantity: 5 },
  ],
});

await init(); // a no-op in Node; kept so the same code runs in browsers
const catalog = new Catalog(DEMO);

/** A good call, made after every bad one: the module must still work. */
function stillWorks() {
  const r = catalog.validate(tshirt());
  assert.equal(r.valid, true, JSON.stringify(r.issues));
}

/** Asserts `fn` throws a ShelfcheckError with `code`; returns the error. */
function throwsCode(fn, code) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return e instanceof ShelfcheckError && e.name === "ShelfcheckError" && e.code === code;
  }, `expected ${code}`);
  assert.equal(typeof caught.messages["zh-CN"], "string");
  assert.equal(typeof caught.messages.en, "string");
  stillWorks();
  return caught;
}

test("a snapshot compiles from JSON text or from an object, with the same hash", () => {
  const fromObject = new Catalog(JSON.parse(DEMO));
  assert.match(catalog.hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(fromObject.hash, catalog.hash);
  fromObject.free();
});

test("a valid listing gives a valid report echoing the snapshot hash", () => {
  const r = catalog.validate(tshirt());
  assert.deepEqual(r, { valid: true, snapshot_hash: catalog.hash, errors: 0, warnings: 0, issues: [] });
  assert.equal(catalog.isValid(tshirt()), true);
  assert.deepEqual(catalog.validate(JSON.stringify(tshirt())), r);
});

test("issues carry code, severity, path, params and a message in the chosen locale", () => {
  const l = tshirt();
  l.skus[1].price = "59.999";
  l.title = "";
  const zh = catalog.validate(l);
  assert.equal(zh.valid, false);
  assert.deepEqual(zh.issues.map((i) => [i.code, i.path]), [["TITLE_MISSING", "/title"], ["SKU_PRICE_INVALID", "/skus/1/price"]]);
  assert.equal(zh.issues[1].severity, "error");
  assert.deepEqual(zh.issues[1].params, { price: "59.999", reason: "too_many_decimals" });
  assert.match(zh.issues[1].message, /[\u4e00-\u9fff]/);
  const en = catalog.validate(l, { locale: "en" });
  assert.doesNotMatch(en.issues[1].message, /[\u4e00-\u9fff]/);
  assert.equal(catalog.isValid(l), false);
  const warn = tshirt();
  warn.skus.pop();
  assert.equal(catalog.validate(warn).valid, true);
  assert.equal(catalog.validate(warn, { missing_combinations: "error" }).valid, false);
});

test("bad listings throw the CLI's message, and the catalog keeps working", () => {
  const malformed = throwsCode(() => catalog.validate('{"category_id": 1,'), "LISTING_INVALID");
  assert.equal(malformed.message, "JSON 意外结束: 此处缺少值");
  assert.equal(malformed.messages.en, "JSON ends unexpectedly: EOF while parsing a value");
  assert.deepEqual([malformed.line, malformed.column], [1, 19]);

  const wrongType = throwsCode(() => catalog.validate({ category_id: 50010850, props: [{ pid: true }] }, { locale: "en" }), "LISTING_INVALID");
  assert.equal(wrongType.pointer, "/props/0/pid");
  assert.match(wrongType.message, /^unexpected content at `\/props\/0\/pid`: invalid type: boolean `true`/);

  throwsCode(() => catalog.validate({ title: "x" }), "LISTING_INVALID"); // missing category_id
  throwsCode(() => catalog.validate(42), "LISTING_INVALID");
  throwsCode(() => catalog.validate(null), "LISTING_INVALID");
  throwsCode(() => catalog.validate(undefined), "ARGUMENT_INVALID");
  throwsCode(() => catalog.validate({ category_id: 1n }), "ARGUMENT_INVALID"); // BigInt
  const cyclic = tshirt();
  cyclic.self = cyclic;
  throwsCode(() => catalog.validate(cyclic), "ARGUMENT_INVALID");
  throwsCode(() => catalog.isValid("not json"), "LISTING_INVALID");
  throwsCode(() => catalog.completeness("[]"), "LISTING_INVALID");
  // Nesting deeper than the parser's limit is an error, not a stack overflow.
  throwsCode(() => catalog.validate("[".repeat(100000)), "LISTING_INVALID");
});

test("bad options and locales throw", () => {
  throwsCode(() => catalog.validate(tshirt(), { locale: "fr" }), "OPTIONS_INVALID");
  throwsCode(() => catalog.validate(tshirt(), { missing_combinations: "fatal" }), "OPTIONS_INVALID");
  throwsCode(() => catalog.validate(tshirt(), "{"), "OPTIONS_INVALID");
  throwsCode(() => catalog.form(50010850, "fr"), "LOCALE_INVALID");
});

test("broken snapshots throw naming every problem; malformed ones the CLI's message", () => {
  const broken = JSON.parse(DEMO);
  broken.categories.push({ id: 7, parent_id: 999, name: "孤儿", leaf: true });
  broken.properties.push({ category_id: 30, pid: 1, name: "挂在非叶子类目" });
  const e = throwsCode(() => new Catalog(broken, "en"), "SNAPSHOT_BROKEN");
  assert.match(e.message, /^the snapshot has 2 integrity problem\(s\):/);
  assert.match(e.messages["zh-CN"], /^快照有 2 处完整性问题/);
  throwsCode(() => new Catalog("{"), "SNAPSHOT_INVALID");
  throwsCode(() => new Catalog({ format: 1 }), "SNAPSHOT_INVALID");
  throwsCode(() => new Catalog({ format: 1, platform: "amazon", categories: [] }), "SNAPSHOT_INVALID");
  throwsCode(() => new Catalog(), "ARGUMENT_INVALID");
});

test("form(): fields in display order with options, dependencies and both locales", () => {
  const zh = catalog.form(50010850);
  assert.deepEqual(zh.category_path, ["男装", "T恤"]);
  assert.deepEqual(zh.fields.slice(0, 5).map((f) => [f.pid, f.required]), [
    [20000, true], [13021751, true], [20021, true], [1627207, true], [20509, true],
  ]);
  const colour = zh.fields.find((f) => f.pid === 1627207);
  assert.equal(colour.sale && colour.alias_allowed && colour.multi, true);
  assert.equal(colour.options.length, 5);
  assert.deepEqual(zh.fields.find((f) => f.pid === 122216608).depends_on, { pid: 21299, vid: 27013 });
  assert.equal(zh.title.max_chars, 60); // Taobao counts 60 bytes only; the character bound never binds first
  const en = catalog.form("50010850", "en");
  assert.deepEqual(en.category_path, ["Men's clothing", "T-shirts"]);
  assert.equal(en.fields[0].label, "Brand");
  assert.equal(catalog.form(50023000).qualifications.length, 2);
  throwsCode(() => catalog.form(1), "CATEGORY_UNKNOWN");
  throwsCode(() => catalog.form(30), "CATEGORY_IS_BRANCH");
  throwsCode(() => catalog.form("abc"), "ARGUMENT_INVALID");
  throwsCode(() => catalog.form(1.5), "ARGUMENT_INVALID");
  // The message quotes what was passed as JavaScript writes it, with no Rust debug text.
  for (const [arg, shown] of [[undefined, "undefined"], [null, "null"], [true, "true"], [{}, "{}"]]) {
    const e = throwsCode(() => catalog.form(arg), "ARGUMENT_INVALID");
    assert.equal(e.messages["zh-CN"], `类目编号必须是整数, 收到 \`${shown}\``);
    assert.equal(e.messages.en, `a category id must be an integer, got \`${shown}\``);
  }
});

test("skuMatrix(): every combination with names; the SKU limit is enforced", () => {
  const m = catalog.skuMatrix(50010850, [{ pid: 1627207, vids: [28320, 28341] }, { pid: 20509, vids: [28383, 28384] }]);
  assert.equal(m.combinations.length, 4);
  assert.deepEqual(m.combinations[0].props.map((p) => p.pid).sort(), [1627207, 20509]);
  assert.equal(m.combinations[0].names.length, 2);
  throwsCode(() => catalog.skuMatrix(50010850, [{ pid: 20000, vids: [3233] }]), "SELECTION_INVALID");
  throwsCode(() => catalog.skuMatrix(1, []), "CATEGORY_UNKNOWN");
  throwsCode(() => catalog.skuMatrix(50010850, { pid: 1 }), "SELECTION_INVALID");
  const small = JSON.parse(DEMO);
  small.limits = { max_skus: 3 };
  const c = new Catalog(small);
  const e = throwsCode(() => c.skuMatrix(50010850, [{ pid: 1627207, vids: [28320, 28341] }, { pid: 20509, vids: [28383, 28384] }], "en"), "SKU_MATRIX_TOO_LARGE");
  assert.match(e.message, /more than 3 combinations/);
  c.free();
});

test("skuMatrix(): a custom colour (negative id, its text in aliases) becomes rows named by its text; the listing they make validates", () => {
  const colour = { pid: 1627207, vids: [28321, -1], aliases: { "-1": "雾霾蓝" } };
  const size = { pid: 20509, vids: [28383, 28384] };
  for (const locale of ["zh-CN", "en"]) {
    const m = catalog.skuMatrix(50010850, [size, colour], locale);
    assert.deepEqual(m.combinations.map((c) => c.names.join(" / ")), ["乳白色 / M", "乳白色 / L", "雾霾蓝 / M", "雾霾蓝 / L"]);
    assert.deepEqual(m.combinations[2].props, [{ pid: 1627207, vid: -1 }, { pid: 20509, vid: 28383 }]);
  }
  // Through JSON text, the same.
  const m = catalog.skuMatrix(50010850, JSON.stringify([size, colour]));
  // The selection entries are the listing's props entries; the rows its SKUs.
  const listing = tshirt();
  listing.props[3] = colour;
  listing.props[4] = size;
  listing.skus = m.combinations.map((c) => ({ props: c.props, price: "59.00", quantity: 10 }));
  const r = catalog.validate(listing, { missing_combinations: "error" });
  assert.deepEqual(r.issues.map((i) => i.code), []);
  assert.equal(r.valid, true);
  // A custom value needs its text, in both languages of the error.
  const e = throwsCode(() => catalog.skuMatrix(50010850, [{ pid: 1627207, vids: [-1] }]), "SELECTION_INVALID");
  assert.equal(e.messages["zh-CN"], "销售属性 `颜色分类` 有一个自定义值没有填写名称");
  assert.equal(e.messages.en, "a value of your own for sale property `Colour` has no name");
  // Where the category takes no custom sale values, the enum-only size refuses them.
  const closed = JSON.parse(DEMO);
  closed.categories.find((c) => c.id === 50010850).custom_sale_props = false;
  const c = new Catalog(closed);
  const refused = throwsCode(() => c.skuMatrix(50010850, [{ pid: 20509, vids: [-2], aliases: { "-2": "加大码" } }], "en"), "SELECTION_INVALID");
  assert.equal(refused.message, "sale property `Size` takes only its listed values, not values of your own");
  // Custom values count towards the SKU limit.
  const texts = Object.fromEntries(Array.from({ length: 121 }, (_, i) => [String(-1 - i), `色${i + 1}`]));
  const many = { pid: 1627207, vids: Array.from({ length: 121 }, (_, i) => -1 - i), aliases: texts };
  throwsCode(() => catalog.skuMatrix(50010850, [many, { pid: 20509, vids: [28381, 28383, 28384, 28385, 6145171] }]), "SKU_MATRIX_TOO_LARGE");
  c.free();
});

test("form(): a sale field says whether it takes custom values, and their limits", () => {
  const f = catalog.form(50010850, "en");
  const sale = f.fields.filter((x) => x.sale);
  assert.deepEqual(sale.map((x) => x.label), ["Colour", "Size"]);
  assert.deepEqual(sale.map((x) => x.custom_values), [{ max_bytes: 60 }, { max_bytes: 60 }]);
  assert.equal(f.fields.find((x) => x.pid === 20000).custom_values, undefined);
});

test("completeness(): share of required inputs filled, and which remain", () => {
  const full = catalog.completeness(tshirt());
  assert.deepEqual([full.filled, full.required, full.ratio, full.missing], [7, 7, 1, []]);
  const empty = catalog.completeness({ category_id: 50010850 }, "en");
  assert.equal(empty.filled, 0);
  assert.equal(empty.missing[0].kind, "title");
  assert.equal(empty.missing[0].label, "Title");
  throwsCode(() => catalog.completeness({ category_id: 1 }), "CATEGORY_UNKNOWN");
});

test("a listing with 100,000 SKUs is answered with SKU_LIMIT_EXCEEDED quickly", () => {
  const l = tshirt();
  const sku = l.skus[0];
  l.skus = Array.from({ length: 100000 }, () => sku);
  const t0 = performance.now();
  const r = catalog.validate(l);
  const ms = performance.now() - t0;
  assert.equal(r.issues[0].code, "SKU_LIMIT_EXCEEDED");
  assert.ok(ms < 2000, `${ms} ms`);
});

test("free() disposes of the catalog for good: later calls throw CATALOG_FREED, a second free() does nothing", () => {
  const c = new Catalog(DEMO);
  const hash = c.hash;
  c.free();
  for (const call of [() => c.validate(tshirt()), () => c.validate("{}"), () => c.isValid(tshirt()), () => c.form(50010850), () => c.hash,
    () => c.skuMatrix(50010850, []), () => c.completeness(tshirt())]) {
    assert.throws(call, (e) => e instanceof ShelfcheckError && e.code === "CATALOG_FREED" && /free\(\)/.test(e.messages.en));
  }
  c.free();
  stillWorks();
  const again = new Catalog(DEMO);
  assert.equal(again.hash, hash);
  assert.equal(again.isValid(tshirt()), true);
  if (typeof Symbol.dispose === "symbol") {
    again[Symbol.dispose]();
    assert.throws(() => again.isValid(tshirt()), (e) => e.code === "CATALOG_FREED");
  } else {
    again.free();
  }
});

test("ShelfcheckError is a class: instanceof holds for the engine's errors and the CommonJS build's", () => {
  const e = throwsCode(() => catalog.validate("{"), "LISTING_INVALID");
  assert.ok(e instanceof Error);
  assert.equal(Object.getPrototypeOf(e), ShelfcheckError.prototype);
  const cjs = createRequire(import.meta.url)("shelfcheck");
  assert.ok(e instanceof cjs.ShelfcheckError);
  assert.ok(!(new Error("x") instanceof ShelfcheckError));
});

test("the package exports its API and none of the engine's internals", () => {
  assert.deepEqual(Object.keys(pkg).sort(), ["Catalog", "ShelfcheckError", "default", "initSync"]);
  const cjs = createRequire(import.meta.url)("shelfcheck");
  assert.deepEqual(Object.keys(cjs).sort(), ["Catalog", "ShelfcheckError"]);
  assert.equal(catalog.packed, undefined);
});

test("an unknown option is refused, naming the nearest one", () => {
  const e = throwsCode(() => catalog.validate(tshirt(), { missingCombinations: "error", locale: "en" }), "OPTIONS_INVALID");
  assert.equal(e.message, "unknown option `missingCombinations`; did you mean `missing_combinations`?");
  assert.equal(e.messages["zh-CN"], "没有校验选项 `missingCombinations`, 是否要写 `missing_combinations`?");
  throwsCode(() => catalog.isValid(tshirt(), { max_isues: 3 }), "OPTIONS_INVALID");
  throwsCode(() => catalog.validate(JSON.stringify(tshirt()), { sellerScope: false }), "OPTIONS_INVALID");
});

test("options and selections are read as objects, as JSON reads them", () => {
  // A member that is undefined is left out, as JSON.stringify leaves it out.
  assert.equal(catalog.validate(tshirt(), { locale: undefined, max_issues: undefined }).valid, true);
  assert.equal(catalog.validate(tshirt(), { locale: "en" }).issues.length, 0);
  const capped = catalog.validate({ category_id: 50010850 }, { locale: "en", max_issues: 1 });
  assert.equal(capped.issues.length, 2, JSON.stringify(capped.issues.map((i) => i.code))); // one, then ISSUES_TRUNCATED
  // Ids as strings holding one, as in listings.
  const bySelection = catalog.skuMatrix("50010850", [{ pid: "1627207", vids: [28320, "28341"] }]);
  assert.deepEqual(bySelection, catalog.skuMatrix(50010850, JSON.stringify([{ pid: 1627207, vids: [28320, 28341] }])));
  const e = throwsCode(() => catalog.skuMatrix(50010850, [{ pid: 1627207, vids: "28320" }], "en"), "SELECTION_INVALID");
  assert.doesNotMatch(e.messages["zh-CN"], /invalid type|expected/);
  throwsCode(() => catalog.skuMatrix(50010850), "ARGUMENT_INVALID");
  throwsCode(() => catalog.validate(tshirt(), { max_issues: "many" }), "OPTIONS_INVALID");
  throwsCode(() => catalog.validate(tshirt(), 5), "OPTIONS_INVALID");
});

test("a title cut through an emoji gives a report, as an object and as JSON text", () => {
  const l = tshirt();
  l.title = "纯棉T恤😀".slice(0, 5); // a lone high surrogate at the end
  const viaObject = catalog.validate(l, { locale: "en" });
  assert.equal(viaObject.valid, true, JSON.stringify(viaObject.issues));
  assert.deepEqual(catalog.validate(JSON.stringify(l), { locale: "en" }), viaObject);
  assert.equal(catalog.isValid(l), true);
  assert.equal(catalog.completeness(l).filled, 7);
});
