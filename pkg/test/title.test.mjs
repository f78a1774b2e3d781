// The title counter (`shelfcheck/title`) counts as the engine's TITLE_TOO_LONG rule does:
// for titles around both limits, `over` is exactly whether the report has TITLE_TOO_LONG.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Catalog } from "shelfcheck";
import { titleLength } from "shelfcheck/title";

const DEMO = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "demo", "snapshot.json");

test("a Chinese character counts 2 bytes, ASCII 1, surrounding white space nothing", () => {
  const limits = { max_chars: 30, max_bytes: 60 };
  assert.deepEqual(titleLength("  纯棉T恤 \u3000", limits), { chars: 4, bytes: 7, maxChars: 30, maxBytes: 60, remaining: 53, over: false });
  assert.equal(titleLength("😀", limits).chars, 1);
  assert.equal(titleLength("\uFEFFa", limits).bytes, 3, "U+FEFF is not white space to the engine");
  assert.equal(titleLength("a\u0085", limits).bytes, 1, "U+0085 is");
  assert.equal(titleLength("中".repeat(31), limits).over, true);
  assert.equal(titleLength(undefined, null).over, false);
});

test("over is exactly when the engine reports TITLE_TOO_LONG", () => {
  const catalog = new Catalog(readFileSync(DEMO, "utf8"));
  const { title: limits } = catalog.form(50010850, "en");
  const titles = [];
  for (let n = limits.max_bytes - 3; n <= limits.max_bytes + 3; n++) {
    titles.push("a".repeat(n), "中".repeat(Math.ceil(n / 2)), `${"中".repeat(Math.floor(n / 2))}a`, ` ${"b".repeat(n)}\u3000`, "😀".repeat(Math.ceil(n / 2)));
  }
  titles.push("a".repeat(limits.max_chars + 1), "\u0085".repeat(3) + "x");
  let over = 0;
  for (const title of titles) {
    const report = catalog.validate({ category_id: 50010850, title });
    const engine = report.issues.some((i) => i.code === "TITLE_TOO_LONG");
    assert.equal(titleLength(title, limits).over, engine, JSON.stringify(title));
    over += engine;
  }
  assert.ok(over > 0 && over < titles.length);
  catalog.free();
});
