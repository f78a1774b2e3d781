// The package in the three bundlers a front-end team is likely to use: for each, a small page
// importing `shelfcheck` is built with the bundler (the set-up in pkg/README.md, "Bundlers"),
// served from 127.0.0.1 and opened in headless Chromium, where it validates a listing; the
// report must be the one Node gives. One Chromium serves every bundler.
//
// Needs pkg/dist (scripts/build-pkg.sh), the package's development dependencies (esbuild,
// vite, webpack, playwright-core) and a Chromium ($CHROMIUM, else /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Catalog } from "shelfcheck";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(PKG, "package.json"));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (scripts/setup-wasm.sh installs it)`;
const DEMO = join(PKG, "dist", "demo", "snapshot.json");

const LISTING = { category_id: 50010850, title: "纯棉短袖T恤 男款 夏季", props: [{ pid: 20000, vids: [3233] }] };
const expected = (() => {
  const c = new Catalog(readFileSync(DEMO, "utf8"));
  const r = c.validate(LISTING, { locale: "en" });
  c.free();
  return { valid: r.valid, codes: r.issues.map((i) => i.code) };
})();

// The page: fetch the demo snapshot, validate a listing, put the outcome on <body>.
const page = (prelude, initArg = "") => `${prelude}
async function main() {
  await init(${initArg});
  const catalog = new Catalog(await (await fetch("./snapshot.json")).text());
  const r = catalog.validate(${JSON.stringify(LISTING)}, { locale: "en" });
  document.body.dataset.result = JSON.stringify({ valid: r.valid, codes: r.issues.map((i) => i.code) });
}
main().catch((e) => { document.body.dataset.result = JSON.stringify({ error: String(e && e.stack || e) }); });
`;
const HTML = (script, type = "module") => `<!doctype html><meta charset="utf-8"><title>t</title><body><script type="${type}" src="${script}"></script></body>`;

const work = mkdtempSync(join(tmpdir(), "shelfcheck-bundlers-"));
let browser;

before(async () => {
  // A project with the package installed (linked) in node_modules.
  mkdirSync(join(work, "node_modules"), { recursive: true });
  symlinkSync(PKG, join(work, "node_modules", "shelfcheck"), "dir");
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  if (!skip) {
    const { chromium } = require("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  }
});
after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** Serves `dir` (and the demo snapshot) on 127.0.0.1; opens the page; returns its outcome. */
async function runPage(dir) {
  const served = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    served.push(path);
    const file = path === "/snapshot.json" ? DEMO : resolve(dir, "." + sep + (path === "/" ? "index.html" : path));
    if (!(file === DEMO || file.startsWith(resolve(dir) + sep)) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const p = await browser.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(e.message));
  try {
    await p.goto(`http://127.0.0.1:${server.address().port}/`);
    await p.waitForSelector("body[data-result]", { state: "attached", timeout: 30_000 });
    const result = JSON.parse(await p.locator("body").getAttribute("data-result"));
    return { result, errors, served };
  } finally {
    await p.close();
    await new Promise((ok) => server.close(ok));
  }
}

function check({ result, errors, served }) {
  assert.deepEqual(errors, []);
  assert.deepEqual(result, expected);
  assert.ok(served.some((p) => p.endsWith(".wasm")), `no module fetched: ${served.join(" ")}`);
}

test("esbuild, ES module output: the wasm file is imported with the file loader", { skip }, async () => {
  const dir = join(work, "esbuild-esm");
  mkdirSync(dir);
  writeFileSync(join(work, "esbuild.js"), page(`import init, { Catalog } from "shelfcheck";\nimport wasmUrl from "shelfcheck/shelfcheck_bg.wasm";`, "{ module_or_path: wasmUrl }"));
  execFileSync(require.resolve("esbuild/bin/esbuild"), ["esbuild.js", "--bundle", "--format=esm", "--loader:.wasm=file", "--outdir=" + dir, "--log-level=error"], { cwd: work });
  writeFileSync(join(dir, "index.html"), HTML("esbuild.js"));
  check(await runPage(dir));
});

test("esbuild, IIFE output (a classic <script>): the same set-up works", { skip }, async () => {
  const dir = join(work, "esbuild-iife");
  mkdirSync(dir);
  execFileSync(require.resolve("esbuild/bin/esbuild"), ["esbuild.js", "--bundle", "--format=iife", "--loader:.wasm=file", "--outdir=" + dir, "--log-level=error"], { cwd: work });
  writeFileSync(join(dir, "index.html"), HTML("esbuild.js", "text/javascript"));
  check(await runPage(dir));
});

test("Vite: no set-up, the module is emitted as an asset", { skip }, async () => {
  const src = join(work, "vite-src");
  mkdirSync(src);
  writeFileSync(join(src, "main.js"), page(`import init, { Catalog } from "shelfcheck";`));
  writeFileSync(join(src, "index.html"), HTML("./main.js"));
  const { build } = await import(require.resolve("vite"));
  await build({ root: src, logLevel: "silent", configFile: false, build: { outDir: join(work, "vite"), target: "es2022" } });
  check(await runPage(join(work, "vite")));
});

test("webpack 5: no set-up for the default entry (new URL(…, import.meta.url) is an asset)", { skip }, async () => {
  writeFileSync(join(work, "webpack.js"), page(`import init, { Catalog } from "shelfcheck";`));
  await webpackBuild({ entry: join(work, "webpack.js"), output: { path: join(work, "webpack"), filename: "main.js" } });
  writeFileSync(join(work, "webpack", "index.html"), HTML("main.js"));
  check(await runPage(join(work, "webpack")));
});

test("webpack 5 with asyncWebAssembly: the `shelfcheck/bundler` entry", { skip }, async () => {
  writeFileSync(join(work, "webpack-bundler.js"), page(`import { Catalog } from "shelfcheck/bundler";\nconst init = async () => {};`));
  await webpackBuild({
    entry: join(work, "webpack-bundler.js"),
    output: { path: join(work, "webpack-bundler"), filename: "main.js" },
    experiments: { asyncWebAssembly: true },
  });
  writeFileSync(join(work, "webpack-bundler", "index.html"), HTML("main.js"));
  check(await runPage(join(work, "webpack-bundler")));
});

async function webpackBuild(config) {
  const webpack = require("webpack");
  const stats = await new Promise((ok, fail) =>
    webpack({ mode: "production", context: work, target: "web", ...config }, (e, s) => (e ? fail(e) : ok(s))));
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
}
