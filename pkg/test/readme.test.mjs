// The examples in pkg/README.md run, and print what their comments say: every ```js block
// with `// →` comments is run as an ES module in a project where the package is installed,
// and each line it prints must be the text after the next `// →` (a line starting with
// `// →` continues the expected output of the statement above it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const README = readFileSync(join(PKG, "README.md"), "utf8");
const blocks = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes("// →"));

/** The lines a block says it prints: `// → x` after code, and `// → y` lines continuing it. */
function expectedOutput(block) {
  const out = [];
  for (const line of block.split("\n")) {
    const at = line.indexOf("// → ");
    if (at < 0) continue;
    // "(…)" after the value is a note for the reader, not output.
    out.push(line.slice(at + 5).replace(/ \([^)]*\)$/, ""));
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), "shelfcheck-readme-"));
test.after(() => rmSync(work, { recursive: true, force: true }));
mkdirSync(join(work, "node_modules"));
symlinkSync(PKG, join(work, "node_modules", "shelfcheck"), "dir");
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "readme", private: true, type: "module" }));

test("the README has examples to run", () => {
  assert.ok(blocks.length >= 3, `${blocks.length} runnable blocks`);
});

blocks.forEach((block, i) => {
  const first = block.split("\n").find((l) => l.trim() && !l.startsWith("import")) ?? "";
  test(`README example ${i + 1} prints what it says (${first.slice(0, 50)})`, () => {
    const file = join(work, `example-${i + 1}.mjs`);
    writeFileSync(file, block);
    const r = spawnSync(process.execPath, [file], { cwd: work, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split("\n"), expectedOutput(block));
  });
});
