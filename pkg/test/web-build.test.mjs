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
