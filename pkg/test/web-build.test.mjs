// The browser build (one minified file) in Node, loaded with initSync as a page's bundle
// would be: its classes keep their names, it exports the package's API only, and listing
// objects take the packed path with the answers of JSON text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const web = await import(pathToFileURL(join(PKG, "dist", "web", "shelfcheck.js")).href);
web.initSync({ module: readFileSync(join(PKG, "dist", "web", "shelfcheck_bg.wasm")) });
const DEMO = readFileSync(join(PKG, "..", "crates", "core", "demo", "snapshot.json"), "utf8");

test("the browser build's classes keep their names and nothing internal is exported", () => {
  assert.equal(web.Catalog.name, "Catalog");
  assert.equal(web.ShelfcheckError.name, "ShelfcheckError");
  assert.deepEqual(Object.keys(web).sort(), ["Catalog", "ShelfcheckError", "default", "initSync"]);
});

test("the browser build answers objects as it answers their JSON text, and throws ShelfcheckErrors", () => {
  const catalog = new web.Catalog(DEMO);
  const listing = { category_id: 50010850, title: "纯棉T恤", props: [{ pid: 20000, vids: [3233] }] };
  assert.deepEqual(catalog.validate(listing, { locale: "en" }), catalog.validate(JSON.stringify(listing), { locale: "en" }));
  assert.throws(() => catalog.validate(listing, { missingCombinations: "error" }), (e) => e instanceof web.ShelfcheckError && e.code === "OPTIONS_INVALID");
  assert.equal(catalog.completeness(listing, "en").required, catalog.completeness(JSON.stringify(listing), "en").required);
  catalog.free();
  assert.throws(() => catalog.form(50010850), (e) => e.code === "CATALOG_FREED");
});

test("without Node's Buffer, as in browsers, long strings cross as UTF-8 with the answers of JSON text", async () => {
  // Another instance of the bundle, made while the global Buffer is hidden.
  const saved = globalThis.Buffer;
  globalThis.Buffer = undefined;
  let browser;
  try {
    browser = await import(pathToFileURL(join(PKG, "dist", "web", "shelfcheck.js")).href + "?without-buffer");
  } finally {
    globalThis.Buffer = saved;
  }
  browser.initSync({ module: readFileSync(join(PKG, "dist", "web", "shelfcheck_bg.wasm")) });
  const catalog = new browser.Catalog(DEMO);
  const sku = (outer_id) => ({ props: [{ pid: 1627207, vid: 28321 }, { pid: 20509, vid: 28383 }], price: "59.00", quantity: 1, outer_id });
  const titles = ["纯棉T恤".repeat(30), "x".repeat(64), "x".repeat(65), "😀".repeat(40), "a".repeat(80) + "\ud83d", "\ude00" + "b".repeat(80), "纯棉" + "x".repeat(100) + "\ud83d\ud83d\ude00"];
  for (const title of titles) {
    // Both titles and SKU codes: a title over the limit is an issue, a code of that length too.
    const listing = { category_id: 50010850, title, props: [{ pid: 20000, vids: [3233] }, { pid: 1627207, vids: [28321] }, { pid: 20509, vids: [28383] }], skus: [sku(title)] };
    // A getter counts the reads: the object path reads it once, the JSON path again.
    let reads = 0;
    const counted = { ...listing, get title() { reads++; return title; } };
    const got = catalog.validate(counted, { locale: "en" });
    assert.equal(reads, 1, `took the JSON path: ${JSON.stringify(title)}`);
    assert.deepEqual(got, catalog.validate(JSON.stringify(listing), { locale: "en" }), JSON.stringify(title));
    assert.equal(catalog.isValid(listing), catalog.isValid(JSON.stringify(listing)));
  }
  catalog.free();
});
