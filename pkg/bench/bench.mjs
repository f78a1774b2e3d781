// Speed of the npm package in Node: module instantiation, snapshot compilation, and
// validation of a typical listing (30 properties, 60 SKUs) including the JS <-> wasm
// crossing (the listing passed as an object, as a client has it).
//
//   node pkg/bench/bench.mjs [--quick] [--json] [--web]
//
// By default it measures the Node build (speed-tuned module); --web measures the browsers'
// size-tuned module (dist/web) in the same engine, without Node's Buffer as in a browser, for
// the figures a browser would see.
// Prints medians of CPU time; --json prints one JSON object instead. --quick runs few iterations (a
// smoke test of the script itself).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const PKG = join(dirname(fileURLToPath(import.meta.url)), "..");
const NODE_BUILD = join(PKG, "dist", "node", "shelfcheck.js");
const quick = process.argv.includes("--quick");
const asJson = process.argv.includes("--json");
const web = process.argv.includes("--web");
const WEB_BUILD = join(PKG, "dist", "web", "shelfcheck.js");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// --- module instantiation: a fresh process each time, so nothing is cached --------------
function instantiation(runs) {
  const script = `
    const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
    const t0 = cpu();
    require(${JSON.stringify(NODE_BUILD)});
    process.stdout.write(String((cpu() - t0) / 1000));
  `;
  return median(Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))));
}

// --- a typical category and listing -------------------------------------------------
const CAT = 50010850;
function snapshot() {
  const properties = [];
  const values = [];
  for (let p = 0; p < 28; p++) {
    const pid = 1000 + p;
    properties.push({ category_id: CAT, pid, name: `属性${p}`, must: p < 10, multi: p % 7 === 0, input: p % 5 === 4 ? "text" : "enum", sort_order: p });
    if (p % 5 !== 4) for (let v = 0; v < 8; v++) values.push({ category_id: CAT, pid, vid: pid * 100 + v, name: `值${p}-${v}` });
  }
  properties.push({ category_id: CAT, pid: 1627207, name: "颜色分类", sale: true, color: true, must: true, multi: true, input: "enum_or_text", allow_alias: true, sort_order: 40 });
  properties.push({ category_id: CAT, pid: 20509, name: "尺码", sale: true, must: true, multi: true, sort_order: 41 });
  for (let v = 0; v < 6; v++) values.push({ category_id: CAT, pid: 1627207, vid: 28300 + v, name: `颜色${v}` });
  for (let v = 0; v < 10; v++) values.push({ category_id: CAT, pid: 20509, vid: 28400 + v, name: `尺码${v}` });
  return {
    format: 1,
    platform: "taobao",
    // The listing's item property string (28 properties and 16 sale values) is longer than
    // Taobao's 35 pairs; raised as in the Rust benchmarks, so the rule still runs.
    limits: { props_max_pairs: 1000, props_max_bytes: 100000 },
    categories: [{ id: 30, name: "男装", leaf: false }, { id: CAT, parent_id: 30, name: "T恤", leaf: true }],
    properties,
    values,
  };
}

function listing() {
  const props = [];
  for (let p = 0; p < 28; p++) {
    const pid = 1000 + p;
    props.push(p % 5 === 4 ? { pid, text: `文本${p}` } : { pid, vids: [pid * 100 + (p % 8)] });
  }
  props.push({ pid: 1627207, vids: [0, 1, 2, 3, 4, 5].map((v) => 28300 + v) });
  props.push({ pid: 20509, vids: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => 28400 + v) });
  const skus = [];
  for (let c = 0; c < 6; c++) {
    for (let s = 0; s < 10; s++) {
      skus.push({ props: [{ pid: 1627207, vid: 28300 + c }, { pid: 20509, vid: 28400 + s }], price: "59.00", quantity: 10 + s, outer_id: `SKU-${c}-${s}` });
    }
  }
  return { category_id: CAT, title: "纯棉短袖T恤 男款 夏季 新款", props, skus };
}

// Time is the process's CPU time (user + system), not wall time: on a busy machine other
// processes' share of the cores would otherwise count as ours. The benchmark is single-
// threaded, so on an idle machine the two agree.
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function perCall(fn, iterations, rounds, warmUp = 200) {
  for (let i = 0; i < warmUp; i++) fn(); // lets the JIT compile the glue first, in --quick too
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = cpuUs();
    for (let i = 0; i < iterations; i++) fn();
    samples.push((cpuUs() - t0) / iterations);
  }
  return median(samples);
}

async function load() {
  if (!web) return createRequire(import.meta.url)(NODE_BUILD);
  // Browsers have no Buffer: the package is loaded while Node's is hidden, so that it copies
  // strings as it does in a browser (see pkg/js/packed.js).
  const saved = globalThis.Buffer;
  globalThis.Buffer = undefined;
  let glue;
  try {
    glue = await import(WEB_BUILD);
  } finally {
    globalThis.Buffer = saved;
  }
  glue.initSync({ module: readFileSync(join(PKG, "dist", "web", "shelfcheck_bg.wasm")) });
  return glue;
}
const { Catalog } = await load();
const snap = snapshot();
const snapText = JSON.stringify(snap);
const compileUs = perCall(() => new Catalog(snapText).free(), quick ? 5 : 50, quick ? 3 : 9);
const catalog = new Catalog(snapText);
const l = listing();
const lText = JSON.stringify(l);
const report = catalog.validate(l);
if (!report.valid || report.issues.length) throw new Error(`the benchmark listing should be valid: ${JSON.stringify(report.issues.slice(0, 3))}`);

const iterations = quick ? 50 : 1000;
// The package's speed target for one validation, the crossing included.
const TARGET_US = 50;
const rounds = quick ? 3 : 9;
const result = {
  listing: { props: l.props.length, skus: l.skus.length, json_bytes: Buffer.byteLength(lText) },
  build: web ? "web (size-tuned)" : "node (speed-tuned)",
  instantiate_ms: web ? null : instantiation(quick ? 2 : 9),
  compile_snapshot_us: compileUs,
  validate_object_us: perCall(() => catalog.validate(l), iterations, rounds),
  validate_json_text_us: perCall(() => catalog.validate(lText), iterations, rounds),
  is_valid_object_us: perCall(() => catalog.isValid(l), iterations, rounds),
  form_us: perCall(() => catalog.form(CAT), iterations, rounds),
  completeness_us: perCall(() => catalog.completeness(l), iterations, rounds),
  // The part of an object's crossing that is V8's own work, for reading the figures above.
  stringify_us: perCall(() => JSON.stringify(l), iterations, rounds),
  // Listings whose strings are long: as an object a listing must cost at most 20% more than
  // as its JSON text, at any size. `isValid`, so that the many duplicate SKUs' report is not
  // what is measured.
  text_heavy: [
    [480, 2000],
    [6, 10000],
  ].map(([count, chars]) => {
    const skus = Array.from({ length: count }, (_, i) => ({ ...l.skus[i % l.skus.length], outer_id: `${i}-`.padEnd(chars, "x") }));
    const heavy = { ...l, skus };
    const heavyText = JSON.stringify(heavy);
    const n = quick ? 2 : Math.max(5, Math.round(2e6 / heavyText.length));
    return {
      skus: count,
      outer_id_chars: chars,
      object_us: perCall(() => catalog.isValid(heavy), n, rounds, 20),
      json_text_us: perCall(() => catalog.isValid(heavyText), n, rounds, 20),
    };
  }),
};
if (asJson) {
  console.log(JSON.stringify(result));
} else {
  const f = (x) => x.toFixed(1);
  console.log(`listing: ${result.listing.props} properties, ${result.listing.skus} SKUs, ${result.listing.json_bytes} bytes of JSON`);
  console.log(`module / 模块: ${result.build}`);
  if (result.instantiate_ms !== null) {
    console.log(`module instantiation (require in a fresh process: read, compile, instantiate) / 模块实例化: ${f(result.instantiate_ms)} ms`);
  }
  console.log(`compile snapshot / 编译快照: ${f(result.compile_snapshot_us)} µs`);
  console.log(`validate(object) / 校验 (对象): ${f(result.validate_object_us)} µs per call (median)`);
  console.log(`validate(JSON text) / 校验 (JSON 文本): ${f(result.validate_json_text_us)} µs`);
  console.log(`isValid(object): ${f(result.is_valid_object_us)} µs; form(): ${f(result.form_us)} µs; completeness(): ${f(result.completeness_us)} µs`);
  const mark = (us) => (us <= TARGET_US ? "met / 达到" : "missed / 未达到");
  for (const t of result.text_heavy) {
    const ratio = t.object_us / t.json_text_us;
    console.log(`isValid, ${t.skus} SKUs with ${t.outer_id_chars}-character outer ids / 长文本: object ${f(t.object_us)} µs, JSON text ${f(t.json_text_us)} µs (${ratio.toFixed(2)}×, target ≤ 1.20×)`);
  }
  console.log(`target ≤ ${TARGET_US} µs per validate / 目标: JSON text ${mark(result.validate_json_text_us)}; object ${mark(result.validate_object_us)} (JSON.stringify alone: ${f(result.stringify_us)} µs)`);
}
