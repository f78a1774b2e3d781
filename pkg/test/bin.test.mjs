// The package's `shelfcheck` command (pkg/bin/) against the Rust CLI: for the same command
// line, in the same folder, the same standard output, standard error and exit code, and for
// `snapshot shard` the same files byte for byte. Covers valid, invalid and malformed
// listings in files, folders, NDJSON and standard input, JSON and binary snapshots, broken
// snapshots, both formats and both locales.
//
// The CLI is $SHELFCHECK_BIN, else target/{debug,release}/shelfcheck; without one the test is
// skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(PKG, "..");
const BIN = join(PKG, "bin", "shelfcheck.mjs");
const cli = [process.env.SHELFCHECK_BIN, join(ROOT, "target", "debug", "shelfcheck"), join(ROOT, "target", "release", "shelfcheck")]
  .find((p) => p && existsSync(p));
const skip = cli ? false : "no shelfcheck binary (set SHELFCHECK_BIN or build the CLI) / 未找到 shelfcheck 可执行文件";

const work = mkdtempSync(join(tmpdir(), "shelfcheck-bin-"));
test.after(() => rmSync(work, { recursive: true, force: true }));

/** Both commands' `{ status, stdout, stderr }` for one command line in folder `cwd`. */
function both(args, { cwd = work, input, env = {} } = {}) {
  const opts = { cwd, input, encoding: "utf8", env: { ...process.env, SHELFCHECK_LOCALE: "", NO_COLOR: "1", ...env } };
  const pick = (r) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  return [pick(spawnSync(cli, args, opts)), pick(spawnSync(process.execPath, [BIN, ...args], opts))];
}

function same(args, options) {
  const [native, js] = both(args, options);
  assert.deepEqual(js, native, `shelfcheck ${args.join(" ")}`);
  return native;
}

// The inputs: the repository's examples and CLI fixtures, copied so that sources read the same.
function setUp() {
  const listings = join(work, "listings");
  mkdirSync(join(listings, "nested"), { recursive: true });
  for (const f of readdirSync(join(ROOT, "examples", "listings"))) copyFileSync(join(ROOT, "examples", "listings", f), join(listings, f));
  copyFileSync(join(ROOT, "examples", "broken", "tshirt-with-mistakes.json"), join(listings, "nested", "broken.json"));
  writeFileSync(join(listings, ".hidden.json"), "not read");
  writeFileSync(join(listings, "notes.txt"), "not read");
  for (const f of ["batch.ndjson", "invalid.json", "valid.json"]) copyFileSync(join(ROOT, "fixtures", "cli", "listings", f), join(work, f));
  copyFileSync(join(ROOT, "fixtures", "cli", "malformed", "malformed.json"), join(work, "malformed.json"));
  copyFileSync(join(ROOT, "fixtures", "cli", "snapshots", "broken.json"), join(work, "broken-snapshot.json"));
  copyFileSync(join(ROOT, "crates", "core", "demo", "snapshot.json"), join(work, "demo.json"));
  const valid = readFileSync(join(work, "valid.json"), "utf8").replace(/\s*\n\s*/g, " ");
  writeFileSync(join(work, "mixed.ndjson"), `\uFEFF${valid}\n\n{"category_id": "x"}\n{"category_id": 50010850,\n[1]\n${valid}\r\n`);
  writeFileSync(join(work, "blank.ndjson"), "\n  \n");
  writeFileSync(join(work, "list.json"), `[${valid}]`);
  writeFileSync(join(work, "latin1.json"), Buffer.from([0x7b, 0x0a, 0xe9, 0x7d]));
  mkdirSync(join(work, "empty-folder"), { recursive: true });
  writeFileSync(join(work, "stdin.ndjson"), `${valid}\n{"title": 1}\n`);
  // Over the 16 MiB listing limit: a line (the next one still read) and a whole file.
  const huge = `{"category_id": 1, "title": "${"x".repeat(16 << 20)}"}`;
  writeFileSync(join(work, "huge.ndjson"), `${huge}\n${valid}\n`);
  writeFileSync(join(work, "huge.json"), huge);
  const compiled = spawnSync(cli, ["snapshot", "compile", join(work, "demo.json"), "-o", join(work, "demo.bin")], { encoding: "utf8" });
  assert.equal(compiled.status, 0, compiled.stderr);
}

test("validate: same reports, summaries, errors and exit codes as the CLI", { skip }, () => {
  setUp();
  const inputs = [
    ["listings"],
    ["valid.json"],
    ["invalid.json", "valid.json"],
    ["batch.ndjson"],
    ["mixed.ndjson"],
    ["malformed.json"],
    ["blank.ndjson", "list.json", "latin1.json", "missing.json", "empty-folder"],
    ["huge.ndjson", "huge.json"],
  ];
  const seen = new Set();
  for (const paths of inputs) {
    for (const format of ["human", "json"]) {
      for (const locale of ["zh-CN", "en"]) {
        const r = same(["validate", "--format", format, "--locale", locale, ...paths]);
        seen.add(r.status);
      }
    }
  }
  assert.deepEqual([...seen].sort(), [0, 1, 2], "the inputs cover every exit code");
  same(["validate", "--snapshot", "demo.bin", "--format", "json", "listings"]);
  same(["validate", "--snapshot", "demo.json", "--missing-combinations", "error", "--no-seller-scope", "listings"]);
  same(["validate", "--snapshot", "broken-snapshot.json", "valid.json"]);
  same(["validate", "--snapshot", "malformed.json", "--locale", "en", "valid.json"]);
  same(["validate", "--snapshot", "missing.json", "valid.json"]);
  same(["validate", "--format", "json", "-"], { input: readFileSync(join(work, "stdin.ndjson")) });
  same(["validate", "-"], { input: "" });
  same(["validate", "valid.json"], { env: { SHELFCHECK_LOCALE: "en_US.UTF-8" } });
});

test("snapshot check: same counts, hash and problems as the CLI", { skip }, () => {
  for (const file of ["demo.json", "broken-snapshot.json", "malformed.json", "demo.bin", "missing.json"]) {
    for (const format of ["human", "json"]) {
      for (const locale of ["zh-CN", "en"]) same(["snapshot", "check", file, "--format", format, "--locale", locale]);
    }
  }
  // Incomplete and unsatisfiable categories: the recorded rate-limited snapshot (both, the
  // hole in an incomplete category), and the demo with a required property's values gone
  // (a hole in a complete category), a name with a terminal escape, and more than 20
  // incomplete categories (the id list is cut).
  const demo = JSON.parse(readFileSync(join(work, "demo.json"), "utf8"));
  const tshirt = demo.categories.find((c) => c.id === 50010850);
  tshirt.name = "T恤\u001b[2J";
  const material = demo.properties.find((p) => p.category_id === 50010850 && p.pid === 20021);
  material.name = "材质\u202e";
  demo.values = demo.values.filter((v) => !(v.category_id === 50010850 && v.pid === 20021));
  for (let i = 0; i < 23; i++) demo.categories.push({ id: 900000 + i, name: `空类目${i}`, leaf: false, incomplete: true });
  writeFileSync(join(work, "unsatisfiable.json"), JSON.stringify(demo));
  const seen = new Set();
  const files = [...readdirSync(join(ROOT, "fixtures", "snapshots")).map((f) => join(ROOT, "fixtures", "snapshots", f)), "unsatisfiable.json"];
  for (const file of files) {
    for (const format of ["human", "json"]) {
      for (const locale of ["zh-CN", "en"]) {
        const r = same(["snapshot", "check", file, "--format", format, "--locale", locale]);
        seen.add(r.status);
        if (format === "human" && file.endsWith("taobao-rate-limited.json")) {
          assert.match(r.stdout, locale === "en" ? /\n! 2 categories have incomplete/ : /\n! 2 个类目的平台数据不完整/);
          assert.match(r.stdout, locale === "en" ? /\(6939376\) \(incomplete category\)\n/ : /\(6939376\) \(类目数据不完整\)\n/);
        }
        if (format === "human" && file === "unsatisfiable.json") {
          assert.ok(r.stdout.includes("T恤\\u{1b}[2J` (50010850)") && r.stdout.includes("材质\\u{202e}` (20021)\n"), r.stdout);
          assert.ok(r.stdout.includes(", 900019, … (+3)\n"), r.stdout);
        }
      }
    }
  }
  assert.deepEqual([...seen].sort(), [0, 1], "sound snapshots and ones with unsatisfiable categories");
});

test("snapshot shard: the same files byte for byte, the same line, stale shards removed", { skip }, () => {
  const [a, b] = [join(work, "shard-cli"), join(work, "shard-js")];
  mkdirSync(a);
  mkdirSync(b);
  const run = (cwd, args) => {
    const opts = { cwd, encoding: "utf8", env: { ...process.env, SHELFCHECK_LOCALE: "" } };
    const r = args[0] === "cli" ? spawnSync(cli, args.slice(1), opts) : spawnSync(process.execPath, [BIN, ...args.slice(1)], opts);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const files = (dir) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
  for (const snapshot of [join(ROOT, "crates", "core", "demo", "snapshot.json"), join(ROOT, "fixtures", "snapshots", "tmall-apparel.json")]) {
    for (const locale of ["zh-CN", "en"]) {
      const args = ["snapshot", "shard", snapshot, "-o", "out", "--locale", locale];
      assert.deepEqual(run(b, ["js", ...args]), run(a, ["cli", ...args]));
      assert.deepEqual(files(join(b, "out")), files(join(a, "out")));
    }
  }
  assert.ok(Object.keys(files(join(a, "out"))).length > 2);
  same(["snapshot", "shard", "broken-snapshot.json", "-o", "broken-out"]);
  same(["snapshot", "shard", "demo.bin", "-o", "bin-out"]);
  same(["snapshot", "shard", "demo.json", "-o", "valid.json"]);
});

test("schema: the same JSON Schemas", { skip }, () => {
  for (const kind of ["snapshot", "listing", "report"]) same(["schema", kind]);
});

test("a wrong command line exits 2 like the CLI's", { skip }, () => {
  for (const args of [["validate"], ["validate", "--format", "xml", "valid.json"], ["frobnicate"], ["validate", "--locale", "fr", "valid.json"]]) {
    const [native, js] = both(args);
    assert.equal(native.status, 2, args.join(" "));
    assert.equal(js.status, 2, args.join(" "));
    assert.ok(js.stderr.includes("usage"), js.stderr);
  }
});
