// Parity with the native CLI: every fixture case (fixtures/cases, see fixtures/README.md) is
// validated through the npm package and must give exactly the report that
// `shelfcheck validate --format json` prints for it (and the case's own expectation); bad
// listings must throw the message the CLI prints for them.
//
// The CLI binary is $SHELFCHECK_BIN, else target/{debug,release}/shelfcheck; without one the
// comparisons with it are skipped (the expectations are still checked).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Catalog } from "shelfcheck";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "fixtures");
const DEMO = join(ROOT, "crates", "core", "demo", "snapshot.json");

const cli = [process.env.SHELFCHECK_BIN, join(ROOT, "target", "debug", "shelfcheck"), join(ROOT, "target", "release", "shelfcheck")]
  .find((p) => p && existsSync(p));
const skipCli = cli ? false : "no shelfcheck binary (set SHELFCHECK_BIN or build the CLI) / 未找到 shelfcheck 可执行文件";

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".json") ? [join(dir, e.name)] : []);
}

const cases = existsSync(join(FIXTURES, "cases"))
  ? walk(join(FIXTURES, "cases")).sort().map((file) => ({ file, name: relative(FIXTURES, file), ...JSON.parse(readFileSync(file, "utf8")) }))
  : [];
const snapshotPath = (ref) => (ref === "demo" ? DEMO : join(FIXTURES, ref));

const catalogs = new Map();
const catalogFor = (ref) => {
  if (!catalogs.has(ref)) catalogs.set(ref, new Catalog(readFileSync(snapshotPath(ref), "utf8")));
  return catalogs.get(ref);
};

/** Every case's report through the package (the listing sent as the object a client has). */
const reports = new Map(cases.map((c) => [c.name, catalogFor(c.snapshot).validate(c.listing, c.options)]));

test("there are fixture cases to run", () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases under fixtures/cases`);
});

test("every case gives the report its expectation describes", () => {
  const wrong = [];
  for (const c of cases) {
    const r = reports.get(c.name);
    const got = { valid: r.valid, issues: r.issues.map((i) => ({ code: i.code, path: i.path })) };
    try {
      assert.deepEqual(got, c.expect);
    } catch {
      wrong.push(`${c.name}: got ${JSON.stringify(got)}`);
    }
    assert.equal(catalogFor(c.snapshot).isValid(c.listing, c.options), r.valid, `${c.name}: isValid`);
  }
  assert.deepEqual(wrong, []);
});

/** Runs the CLI over NDJSON listings; returns its stdout lines. */
function runCli(snapshot, options, listings) {
  const args = ["validate", "--snapshot", snapshotPath(snapshot), "--format", "json", "--locale", options?.locale ?? "zh-CN"];
  if (options?.missing_combinations === "error") args.push("--missing-combinations", "error");
  if (options?.seller_scope === false) args.push("--no-seller-scope");
  if (options?.incomplete_metadata) args.push("--incomplete-metadata", options.incomplete_metadata);
  if (options?.max_issues !== undefined) args.push("--max-issues", String(options.max_issues));
  args.push("-");
  const out = spawnSync(cli, args, { input: listings.map((l) => JSON.stringify(l)).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(out.status === 0 || out.status === 1, `shelfcheck exited ${out.status}: ${out.stderr}`);
  return out.stdout.split("\n").filter(Boolean);
}

test("every case's report is byte for byte the CLI's --format json line", { skip: skipCli }, () => {
  const groups = new Map();
  for (const c of cases) {
    const key = JSON.stringify([c.snapshot, c.options ?? {}]);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  let compared = 0;
  for (const group of groups.values()) {
    const lines = runCli(group[0].snapshot, group[0].options, group.map((c) => c.listing));
    assert.equal(lines.length, group.length);
    lines.forEach((line, i) => {
      const c = group[i];
      const native = JSON.parse(line);
      assert.equal(native.source, `-:${i + 1}`);
      delete native.source;
      const js = reports.get(c.name);
      assert.deepEqual(js, native, c.name);
      assert.equal(JSON.stringify(js), line.replace(`"source":"-:${i + 1}",`, ""), `${c.name}: JSON text`);
      compared++;
    });
  }
  assert.equal(compared, cases.length);
});

test("malformed listings throw the message, line, column and pointer the CLI reports", { skip: skipCli }, () => {
  const bad = [
    '{"category_id": 50010850, "props": [{"pid": true}]}',
    '{"category_id": "x"}',
    '{"title": "no category"}',
    '{"category_id": 50010850, "skus": [{"props": [{"pid": 1627207, "vid": 28320}], "price": [59]}]}',
    '{"category_id": 50010850,\n "props": [{"pid": 20000, "vids": [3233, "x"]}]}',
    '{"category_id": 50010850, "props": {"pid": 1}}',
    '{"category_id": 50010850, "qualifications": [{"document": "m"}]}',
    '{"category_id": 1,',
    '{"category_id": 1,,}',
    '{"category_id": 1} trailing',
    // (A file holding a JSON array gets a CLI hint about NDJSON files instead: not a JS case.)
    '{"category_id": 50010850, "props": [{"pid": 1, "aliases": {"1": 2}}]}',
  ];
  const dir = mkdtempSync(join(tmpdir(), "shelfcheck-parity-"));
  try {
    bad.forEach((text, i) => {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, text);
      for (const locale of ["zh-CN", "en"]) {
        const out = spawnSync(cli, ["validate", "--format", "json", "--locale", locale, file], { encoding: "utf8" });
        assert.equal(out.status, 2, `${text}: exit ${out.status}`);
        const native = JSON.parse(out.stdout.split("\n")[0]).error;
        let thrown;
        try {
          catalogFor("demo").validate(text, { locale });
        } catch (e) {
          thrown = e;
        }
        assert.ok(thrown, `${text}: no error thrown`);
        assert.equal(thrown.code, "LISTING_INVALID");
        assert.equal(thrown.message, native.message, text);
        assert.deepEqual([thrown.line, thrown.column, thrown.pointer], [native.line, native.column, native.pointer], text);
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a broken snapshot throws the CLI's message", { skip: skipCli }, () => {
  const dir = mkdtempSync(join(tmpdir(), "shelfcheck-parity-"));
  try {
    const broken = JSON.parse(readFileSync(DEMO, "utf8"));
    broken.categories.push({ id: 7, parent_id: 999, name: "孤儿", leaf: true });
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify(broken));
    const listing = join(dir, "l.json");
    writeFileSync(listing, "{}");
    for (const locale of ["zh-CN", "en"]) {
      const out = spawnSync(cli, ["validate", "--snapshot", file, "--locale", locale, listing], { encoding: "utf8" });
      assert.equal(out.status, 2);
      let thrown;
      try {
        new Catalog(broken, locale);
      } catch (e) {
        thrown = e;
      }
      assert.equal(thrown?.code, "SNAPSHOT_BROKEN");
      assert.ok(out.stderr.includes(`${file}: ${thrown.message}\n`), `${out.stderr}\n---\n${thrown.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
