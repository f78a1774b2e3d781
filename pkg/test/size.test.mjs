// The browser build's download budget: module + glue, gzipped, at most 235 KB, with the typed
// constraints, conditions and their messages of the rule model, the item-level members and
// rules, messages naming properties in both languages, values of the seller's own in SKU
// matrices and forms, child templates and features in snapshots. Node's build is tuned for speed and
// has no budget (it is read from disk).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
const BUDGET = 235_000;

test("the browser build fits its download budget", () => {
  const gz = (f) => gzipSync(readFileSync(join(WEB, f)), { level: 9 }).length;
  const wasm = gz("shelfcheck_bg.wasm");
  const glue = gz("shelfcheck.js");
  assert.ok(wasm + glue <= BUDGET, `wasm ${wasm} B + glue ${glue} B gzipped = ${wasm + glue} B > ${BUDGET} B`);
});
