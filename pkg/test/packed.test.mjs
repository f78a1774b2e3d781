// Listing objects take the packed path (pkg/js/packed.js, crates/wasm/src/packed.rs) instead
// of JSON text. Whatever it answers must be what the JSON path answers for the same object
// (`validate(JSON.stringify(listing))`), and ordinary listings must actually take it, or the
// speed it exists for is silently lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { Catalog } from "shelfcheck";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DEMO = readFileSync(join(ROOT, "crates", "core", "demo", "snapshot.json"), "utf8");

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".json") ? [join(dir, e.name)] : []);
}

const catalogs = new Map();
const catalogFor = (ref) => {
  if (!catalogs.has(ref)) {
    catalogs.set(ref, new Catalog(ref === "demo" ? DEMO : readFileSync(join(ROOT, "fixtures", ref), "utf8")));
  }
  return catalogs.get(ref);
};
const fixtures = walk(join(ROOT, "fixtures", "cases"))
  .map((f) => JSON.parse(readFileSync(f, "utf8")))
  .filter((c) => c.listing && typeof c.listing === "object" && !Array.isArray(c.listing))
  .map((c) => ({ listing: c.listing, ref: c.snapshot }));
const examples = walk(join(ROOT, "examples", "listings")).map((f) => ({ listing: JSON.parse(readFileSync(f, "utf8")), ref: "demo" }));

// Counts the calls the packed path answered (instead of handing over to JSON), at the entry
// point of the engine's glue (internal to the package) that the package's `Catalog` calls.
const glue = createRequire(import.meta.url)(join(ROOT, "pkg", "dist", "node", "glue.js"));
let answered = 0;
const packed = glue.Catalog.prototype.packed;
glue.Catalog.prototype.packed = function (...args) {
  const r = packed.apply(this, args);
  if (r !== undefined) answered++;
  return r;
};


/** The outcome of a call: its result, or the error's code and message. */
function outcome(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return { code: e.code, message: e.message };
  }
}

/** Checks the object path against the JSON path for one listing, for all three methods. */
function agrees(catalog, listing, label) {
  let text;
  try {
    text = JSON.stringify(listing);
  } catch {
    text = undefined;
  }
  for (const [name, arg] of [["validate", { locale: "en" }], ["isValid", undefined], ["completeness", "en"]]) {
    const viaObject = outcome(() => catalog[name](listing, arg));
    if (text === undefined) {
      // JSON itself cannot carry it: the call must fail, as before.
      assert.ok(viaObject.code, `${label}: ${name} should throw`);
      continue;
    }
    const viaText = outcome(() => catalog[name](text, arg));
    if (viaText.code && viaObject.code) {
      // The JSON path words errors with positions in the text it made; the codes must agree.
      assert.equal(viaObject.code, viaText.code, `${label}: ${name}`);
    } else {
      assert.deepEqual(viaObject, viaText, `${label}: ${name} (${text.slice(0, 200)})`);
      // Member order too: a report the glue writes itself must print as the JSON path's.
      assert.equal(JSON.stringify(viaObject), JSON.stringify(viaText), `${label}: ${name}`);
    }
  }
}

test("fixture and example listings take the packed path and agree with the JSON path", () => {
  const all = [...fixtures, ...examples];
  assert.ok(all.length > 100, `only ${all.length} listings`);
  const before = answered;
  for (const [i, c] of all.entries()) agrees(catalogFor(c.ref), c.listing, `listing ${i}`);
  // Three calls per listing; the few with a fractional price or an unknown member hand over.
  assert.ok(answered - before >= 0.8 * 3 * all.length, `packed path answered ${answered - before} of ${3 * all.length}`);
});

test("the field inventory (every member of every object) takes the packed path and agrees", () => {
  // Written by crates/core/src/input/listing/inventory.rs from the listing's declaration.
  const inventory = JSON.parse(readFileSync(join(ROOT, "fixtures", "inventory", "every-member.json"), "utf8"));
  assert.equal(inventory.length, 2);
  for (const [i, listing] of inventory.entries()) {
    const before = answered;
    agrees(catalogFor("demo"), listing, `inventory ${i}`);
    assert.equal(answered - before, 3, `inventory ${i}: a member the walk does not know hands over to JSON`);
  }
});

// Small deterministic random source, so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const ODD_VALUES = [
  undefined, null, 0, -0, 1, -1, 7, 1.5, 59.9, 2 ** 53, -(2 ** 53), 1e21, NaN, Infinity, "", " ", "12", " 42 ",
  "abc", "59.00", "\ud800", "a\udc00", "😀", "颜色", true, false, [], [1], ["x"], [null], [undefined], {}, { pid: 1 },
  Object.create(null), new Date(0), { toJSON: () => 5 }, () => 1, Symbol("s"),
];

function mutate(value, r, depth = 0) {
  if (Array.isArray(value)) {
    const out = value.map((v) => (r() < 0.3 ? mutate(v, r, depth + 1) : v));
    if (r() < 0.1) out.push(ODD_VALUES[Math.floor(r() * ODD_VALUES.length)]);
    if (r() < 0.05) out.length += 1; // a hole
    return out;
  }
  if (value && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const x = r();
      if (x < 0.1) out[k] = ODD_VALUES[Math.floor(r() * ODD_VALUES.length)];
      else if (x < 0.15) continue; // left out
      else out[k] = depth < 4 && r() < 0.5 ? mutate(v, r, depth + 1) : v;
    }
    if (r() < 0.05) out.unknown_member = r() < 0.5 ? 1 : undefined;
    if (r() < 0.03) Object.defineProperty(out, "title", { enumerable: true, get() { throw new Error("getter"); } });
    return out;
  }
  return r() < 0.2 ? ODD_VALUES[Math.floor(r() * ODD_VALUES.length)] : value;
}

test("mutated listings agree with the JSON path, whichever path answers", () => {
  const base = [...fixtures, ...examples];
  const r = rng(20261124);
  let handedOver = 0;
  for (let i = 0; i < 3000; i++) {
    const c = base[i % base.length];
    const listing = mutate(c.listing, r);
    const before = answered;
    agrees(catalogFor(c.ref), listing, `mutation ${i}`);
    if (answered === before) handedOver++;
  }
  // Both paths must have been exercised.
  assert.ok(handedOver > 100 && handedOver < 2900, `handed over ${handedOver} of 3000`);
});

// The same listing with every object's members in another order.
function shuffled(value, r) {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, r));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffled(v, r)]));
}

test("members in any order take the packed path as often and agree with the JSON path", () => {
  const all = [...fixtures, ...examples];
  const r = rng(7);
  const before = answered;
  for (const c of all) agrees(catalogFor(c.ref), c.listing, "in order");
  const inOrder = answered - before;
  for (const [i, c] of all.entries()) agrees(catalogFor(c.ref), shuffled(c.listing, r), `shuffled ${i}`);
  assert.equal(answered - before - inOrder, inOrder, "shuffling members changed which listings the packed path answered");
});

test("a surrogate pair split between two strings is the JSON path's to judge", () => {
  const catalog = catalogFor("demo");
  const good = examples[0].listing;
  // The glue sends the units of all strings joined: these two halves pair up there, but
  // each string alone is malformed, and JSON text carries them as lone escapes.
  const split = { ...good, title: `${good.title ?? ""}\ud83d`, skus: (good.skus ?? []).map((s, i) =>
    i === 0 ? { ...s, outer_id: "\ude00" } : s) };
  const also = { ...good, title: "\ud83d", props: "\ude00" };
  for (const listing of [split, also]) {
    const before = answered;
    agrees(catalog, listing, "split surrogate pair");
    assert.equal(answered, before, "the packed path answered a listing with lone surrogates");
  }
});

test("a listing larger than the glue's arrays grows them and still agrees", () => {
  const catalog = catalogFor("demo");
  const good = examples.find((e) => Array.isArray(e.listing.skus) && e.listing.skus.length > 0).listing;
  // Past the 4,096 slots and 8,192 code units the glue starts with: the walk runs out, is
  // repeated with bigger arrays, and must still answer what the JSON path answers.
  const skus = Array.from({ length: 1500 }, (_, i) => ({ ...good.skus[i % good.skus.length], outer_id: `CODE-${i}-${"x".repeat(i % 7)}` }));
  const big = { ...good, title: "长".repeat(30), skus };
  const before = answered;
  agrees(catalog, big, "1,500 SKUs");
  assert.equal(answered - before, 3, "the packed path handed a large listing over");
  // And a small one after it, with the grown arrays.
  agrees(catalog, good, "small after large");
});

test("after a listing that outgrows the room's keep, the next one still takes the packed path", () => {
  const catalog = catalogFor("demo");
  const good = examples.find((e) => Array.isArray(e.listing.skus) && e.listing.skus.length > 0).listing;
  // Past the 262,144 slots the module keeps between calls: the room grows for this one (which
  // is over the SKU limit, so the JSON path answers it) and is given back after it.
  const skus = Array.from({ length: 40000 }, (_, i) => ({ ...good.skus[i % good.skus.length], outer_id: `C${i}` }));
  agrees(catalog, { ...good, skus }, "40,000 SKUs");
  const before = answered;
  agrees(catalog, good, "small after huge");
  assert.equal(answered - before, 3, "the packed path handed the small listing over");
});

test("a SKU whose pairs stop being two ids part way agrees with the JSON path", () => {
  const catalog = catalogFor("demo");
  const byIds = (k) => Array.isArray(k.props) && k.props.length > 1 && k.props.every((r) => typeof r.pid === "number");
  const good = examples.find((e) => Array.isArray(e.listing.skus) && e.listing.skus.some(byIds)).listing;
  const sku = good.skus.find(byIds);
  const [a, b] = sku.props;
  // Pairs of two ids go as the ids alone; the first pair that is not turns the ones before
  // it into the general form: at the start, in the middle, at the end, or not at all.
  const variants = {
    "ids only": [a, b],
    "ids, then a name": [a, b, { name: "颜色", value: "红色" }],
    "a string id first": [{ ...a, pid: String(a.pid) }, b],
    "ids with a null name": [{ ...a, name: null }, { ...b, value: null }],
    "ids, then a name, then ids": [a, { pid: b.pid, value: "x" }, b],
  };
  for (const [label, props] of Object.entries(variants)) {
    const listing = { ...good, skus: [{ ...sku, props }, ...good.skus] };
    const before = answered;
    agrees(catalog, listing, label);
    assert.equal(answered - before, 3, `${label}: the packed path handed it over`);
  }
  // The same where the turn happens past the end of the glue's first arrays.
  const skus = Array.from({ length: 1200 }, () => ({ ...sku, props: [a, b, a] }));
  skus.push({ ...sku, props: [a, b, { name: "颜色", value: "红色" }] });
  const before = answered;
  agrees(catalog, { ...good, skus }, "turn past the first arrays");
  assert.equal(answered - before, 3);
});

test("a getter that validates another listing mid-walk leaves this one's packing whole", () => {
  const catalog = catalogFor("demo");
  const good = examples.find((e) => Array.isArray(e.listing.skus) && e.listing.skus.length > 1).listing;
  const other = examples.find((e) => e.listing !== good).listing;
  const outer = structuredClone(good);
  const price = outer.skus[1].price;
  let inner;
  Object.defineProperty(outer.skus[1], "price", {
    enumerable: true,
    get() {
      inner = catalog.validate(other);
      return price;
    },
  });
  const before = answered;
  const viaObject = catalog.validate(outer);
  // The outer listing is still answered by the packed path (the inner one by the JSON path),
  // and both answers are the JSON path's.
  assert.equal(answered - before, 1);
  assert.deepEqual(viaObject, catalog.validate(JSON.stringify(good)));
  assert.deepEqual(inner, catalog.validate(JSON.stringify(other)));
});

test("a bad call through the packed path leaves the module working", () => {
  const catalog = catalogFor("demo");
  const good = examples[0].listing;
  assert.throws(() => catalog.validate(good, { locale: 42 }));
  assert.throws(() => catalog.validate({ category_id: "abc" }), (e) => typeof e.code === "string");
  assert.deepEqual(catalog.validate(good), catalog.validate(JSON.stringify(good)));
});
