// Node half of `compare`: the shelfcheck npm package against ajv 8 on the exported schema.
//
// Usage: node compare.mjs DIR PKG_NODE_DIR [--quick]
//   DIR holds snapshot.json, schema.json and cases.json (written by the `compare` binary);
//   PKG_NODE_DIR is the package's Node build (pkg/dist/node).
// Prints one JSON object on standard output: versions and, per case, medians in µs and
// verdicts. Listings are passed to both sides as JavaScript objects, as a web form holds
// them, so the package's figure includes the JS ↔ wasm crossing (and the report coming back
// as an object).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";

const [dir, pkgDir, ...flags] = process.argv.slice(2);
const quick = flags.includes("--quick");
const plan = quick ? { samples: 9, sampleMs: 10 } : { samples: 41, sampleMs: 30 };

const ns = () => Number(process.hrtime.bigint());

/**
 * Calls per sample for `f`, after a warm-up. The warm-up lasts at least 200 calls and at
 * least a tenth of a second (up to a quarter of a second for slow calls): V8 optimises a
 * function only after many calls, and compiles a WebAssembly module's hot functions again in
 * the background once they have run for a while, which 200 calls of a fast one do not
 * cover. A quick run's short samples would otherwise time code before that and print ratios
 * of unoptimised code (9.8–26.4× for the same build, against 22–23× in full runs).
 */
function calibrate(f) {
  let start = ns();
  for (let calls = 0; (calls < 200 || ns() - start < 100e6) && ns() - start < 250e6; calls++) f();
  start = ns();
  let calls = 0;
  while (ns() - start < plan.sampleMs * 1e6 || calls < 3) {
    f();
    calls++;
  }
  const perCall = (ns() - start) / calls;
  return Math.max(1, Math.ceil((plan.sampleMs * 1e6) / perCall));
}

function sample(iters, f) {
  const t = ns();
  for (let i = 0; i < iters; i++) f();
  return (ns() - t) / 1e3 / iters;
}

const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

/**
 * Median µs per call of `f` and of `g`, from interleaved batched samples (as the Rust side
 * does), so that load from elsewhere falls on both.
 */
function pairedUs(f, g) {
  const fi = calibrate(f);
  const gi = calibrate(g);
  const fs = [];
  const gs = [];
  for (let s = 0; s < plan.samples; s++) {
    if (s % 2 === 0) {
      fs.push(sample(fi, f));
      gs.push(sample(gi, g));
    } else {
      gs.push(sample(gi, g));
      fs.push(sample(fi, f));
    }
  }
  return [median(fs), median(gs)];
}

const snapshot = readFileSync(join(dir, "snapshot.json"), "utf8");
const schema = JSON.parse(readFileSync(join(dir, "schema.json"), "utf8"));
const cases = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8"));

let t0 = performance.now();
const { Catalog } = await import(pathToFileURL(join(pkgDir, "shelfcheck.mjs")).href);
const instantiateMs = performance.now() - t0;
t0 = performance.now();
const catalog = new Catalog(snapshot, "zh-CN");
const catalogMs = performance.now() - t0;

t0 = performance.now();
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(schema);
const ajvCompileMs = performance.now() - t0;

const require = createRequire(import.meta.url);
const ajvVersion = require("ajv/package.json").version;

const rows = [];
let sink = 0;
for (const c of cases) {
  const listing = c.listing;
  const report = catalog.validate(listing);
  const ajvValid = validate(listing);
  const ajvErrors = ajvValid ? 0 : validate.errors.length;
  const [shelfcheckUs, ajvUs] = pairedUs(
    () => {
      sink += catalog.validate(listing).issues.length;
    },
    () => {
      if (!validate(listing)) sink += validate.errors.length;
    },
  );
  // From JSON text: the package parses in wasm, ajv needs JSON.parse first.
  const [shelfcheckTextUs, ajvTextUs] = pairedUs(
    () => {
      sink += catalog.validate(c.json).issues.length;
    },
    () => {
      if (!validate(JSON.parse(c.json))) sink += validate.errors.length;
    },
  );
  rows.push({
    case: c.name,
    shelfcheck_valid: report.valid,
    shelfcheck_errors: report.errors,
    ajv_valid: ajvValid,
    ajv_errors: ajvErrors,
    shelfcheck_us: shelfcheckUs,
    ajv_us: ajvUs,
    shelfcheck_text_us: shelfcheckTextUs,
    ajv_text_us: ajvTextUs,
  });
}
catalog.free();
process.stdout.write(
  JSON.stringify({
    node: process.version,
    ajv: ajvVersion,
    instantiate_ms: instantiateMs,
    catalog_ms: catalogMs,
    ajv_compile_ms: ajvCompileMs,
    rows,
    sink,
  }) + "\n",
);
