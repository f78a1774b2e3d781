// The browser build's download budget: module + glue, gzipped, at most 240 KB, with the typed
// constraints, conditions and their messages of the rule model, the item-level members and
// rules, and messages naming properties in both languages. Node's build is tuned for speed and
// has no budget (it is read from disk).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
const BUDGET = 240_000;

test("the browser build fits its download budget", () => {
  const gz = (f) => gzipSync(readFileSync(join(WEB, f)), { level: 9 }).length;
  const wasm = gz("shelfcheck_bg.wasm");
  const glue = gz("shelfcheck.js");
  assert.ok(wasm + glue <= BUDGET, `wasm ${wasm} B + glue ${glue} B gzipped = ${wasm + glue} B > ${BUDGET} B`);
});
