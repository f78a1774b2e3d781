// `npm pack` gives a tarball that installs into a fresh project and works there: as an ES
// module and through require(), with TypeScript types that check a typed usage example.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, copyFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const TSC = join(PKG, "node_modules", ".bin", "tsc");
const TSC5 = join(PKG, "node_modules", "typescript-5", "bin", "tsc");
const DEMO = join(PKG, "..", "crates", "core", "demo", "snapshot.json");

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const work = mkdtempSync(join(tmpdir(), "shelfcheck-pack-"));
const project = join(work, "app");
let tarball;

test.after(() => rmSync(work, { recursive: true, force: true }));

test("npm pack holds the three builds, the types and the README, nothing else", () => {
  const [info] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], PKG));
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path).sort();
  for (const f of [
    "README.md", "package.json",
    "dist/web/shelfcheck.js", "dist/web/shelfcheck_bg.wasm", "dist/web/shelfcheck.d.ts", "dist/web/types.d.ts",
    "dist/bundler/shelfcheck.js",
    "dist/node/shelfcheck.js", "dist/node/shelfcheck.mjs", "dist/node/shelfcheck.d.mts", "dist/node/package.json",
    "LICENSE-MIT", "LICENSE-APACHE", "bin/shelfcheck.mjs", "js/shards.js", "js/shards.d.ts", "js/title.js", "js/error.js",
    "dist/demo/snapshot.json", "dist/demo/shards/index.json", "dist/demo/shards/50010850.json",
    "dist/schema/snapshot.schema.json", "dist/schema/listing.schema.json", "dist/schema/report.schema.json",
  ]) {
    assert.ok(files.includes(f), `${f} missing from the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith("test/") || f.includes("node_modules")), files.join("\n"));
  // The minified browser glue comes with a source map holding the readable glue.
  assert.ok(files.includes("dist/web/shelfcheck.js.map"), "no source map");
  const map = JSON.parse(readFileSync(join(PKG, "dist", "web", "shelfcheck.js.map"), "utf8"));
  assert.ok(map.sourcesContent.some((s) => /export function catalogClass/.test(s)), map.sources.join());
  assert.match(readFileSync(join(PKG, "dist", "web", "shelfcheck.js"), "utf8"), /\/\/# sourceMappingURL=shelfcheck\.js\.map\n$/);
  // One copy of each module: the browsers' (shared with bundlers) and Node's.
  assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), ["dist/node/shelfcheck_bg.wasm", "dist/web/shelfcheck_bg.wasm"]);
});

test("the tarball installs into a fresh project and works from ESM and CommonJS", () => {
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project);
  copyFileSync(DEMO, join(project, "snapshot.json"));
  writeFileSync(join(project, "esm.mjs"), `
    import { readFileSync } from "node:fs";
    import init, { Catalog } from "shelfcheck";
    await init();
    const c = new Catalog(readFileSync("snapshot.json", "utf8"));
    const r = c.validate({ category_id: 50010850, title: "T恤" }, { locale: "en" });
    console.log(JSON.stringify({ valid: r.valid, codes: r.issues.map((i) => i.code), hash: c.hash === r.snapshot_hash }));
  `);
  writeFileSync(join(project, "cjs.cjs"), `
    const { Catalog } = require("shelfcheck");
    const c = new Catalog(require("fs").readFileSync("snapshot.json", "utf8"));
    try { c.validate("{"); } catch (e) { console.log(e.code); }
    console.log(c.form(50010850, "en").fields[0].label);
  `);
  const esm = JSON.parse(run("node", ["esm.mjs"], project));
  assert.equal(esm.valid, false);
  assert.ok(esm.codes.includes("PROP_REQUIRED"), esm.codes.join());
  assert.equal(esm.hash, true);
  assert.deepEqual(run("node", ["cjs.cjs"], project).trim().split("\n"), ["LISTING_INVALID", "Brand"]);
});

test("the installed package's command validates with the shipped demo (npx shelfcheck)", () => {
  writeFileSync(join(project, "listing.json"), JSON.stringify({ category_id: 50010850, title: "T恤" }));
  const r = spawnSync("npx", ["--no-install", "shelfcheck", "validate", "--format", "json", "--locale", "en", "listing.json"], { cwd: project, encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.source, "listing.json");
  assert.ok(report.issues.some((i) => i.code === "PROP_REQUIRED"));
  const schema = spawnSync("npx", ["--no-install", "shelfcheck", "schema", "listing"], { cwd: project, encoding: "utf8" });
  assert.equal(JSON.parse(schema.stdout).title, "Listing");
});

test("the types check a typed usage example (tsc --noEmit), for Node and for bundlers", () => {
  copyFileSync(join(PKG, "test", "types", "usage.ts"), join(project, "usage.ts"));
  copyFileSync(join(PKG, "test", "types", "tools.ts"), join(project, "tools.ts"));
  copyFileSync(join(PKG, "test", "types", "commonjs.cts"), join(project, "commonjs.cts"));
  copyFileSync(join(PKG, "test", "types", "node10.ts"), join(project, "node10.ts"));
  const base = { strict: true, noEmit: true, target: "es2022", skipLibCheck: false, lib: ["es2022", "dom"], types: [] };
  const both = ["usage.ts", "tools.ts"];
  for (const [name, options, files] of [
    ["tsconfig.node.json", { ...base, module: "nodenext", moduleResolution: "nodenext" }, both],
    ["tsconfig.bundler.json", { ...base, module: "esnext", moduleResolution: "bundler" }, both],
    // A lib that has `Symbol.dispose` of its own: the package's declaration of it must agree.
    ["tsconfig.esnext.json", { ...base, lib: ["esnext", "dom"], module: "esnext", moduleResolution: "bundler" }, both],
    // A CommonJS module of a project (require through the `require` condition).
    ["tsconfig.commonjs.json", { ...base, module: "node16", moduleResolution: "node16" }, ["commonjs.cts"]],
  ]) {
    writeFileSync(join(project, name), JSON.stringify({ compilerOptions: options, files }));
    try {
      run(TSC, ["-p", name], project);
    } catch (e) {
      assert.fail(`tsc -p ${name}:\n${e.stdout}${e.stderr}`);
    }
  }
});

// TypeScript 7 has no `node10` resolution any more; projects still on it use TypeScript 5, which
// ignores `exports` there and reads only `types` and `typesVersions`.
test("the types check under the legacy node10 resolution (TypeScript 5)", () => {
  copyFileSync(join(PKG, "test", "types", "node10.ts"), join(project, "node10.ts"));
  const options = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], module: "commonjs", moduleResolution: "node10" };
  writeFileSync(join(project, "tsconfig.node10.json"), JSON.stringify({ compilerOptions: options, files: ["node10.ts"] }));
  try {
    run(TSC5, ["-p", "tsconfig.node10.json"], project);
  } catch (e) {
    assert.fail(`tsc 5 -p tsconfig.node10.json:\n${e.stdout}${e.stderr}`);
  }
});
