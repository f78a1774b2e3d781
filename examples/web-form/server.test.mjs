// The example server: answers compressed as the browser accepts (brotli, else gzip, else
// none) with the same bytes once decoded, a favicon, the package's loader under /lib/, and
// nothing outside its folders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WASM = join(ROOT, "pkg", "dist", "web", "shelfcheck_bg.wasm");
const server = await start({ shards: join(ROOT, "pkg", "dist", "demo", "shards") });
test.after(() => server.close());

/** `{ status, headers, body }` of a GET with these request headers. */
function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    request(new URL(path, server.url), { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", fail).end();
  });
}

test("the module is sent in brotli, else gzip, else as it is; the same bytes decoded", async () => {
  const raw = readFileSync(WASM);
  const br = await get("/pkg/shelfcheck_bg.wasm", { "accept-encoding": "gzip, deflate, br" });
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers.vary, "accept-encoding");
  assert.ok(br.body.length < raw.length * 0.5, `${br.body.length} of ${raw.length} bytes`);
  assert.deepEqual(brotliDecompressSync(br.body), raw);
  const gz = await get("/pkg/shelfcheck_bg.wasm", { "accept-encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(gz.body), raw);
  const plain = await get("/pkg/shelfcheck_bg.wasm");
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.deepEqual(plain.body, raw);
  assert.equal(plain.headers["content-type"], "application/wasm");
});

test("a favicon, the loader under /lib/, and nothing outside the served folders", async () => {
  const icon = await get("/favicon.ico");
  assert.equal(icon.status, 200);
  assert.equal(icon.headers["content-type"], "image/svg+xml");
  assert.match(icon.body.toString(), /^<svg/);
  const loader = await get("/lib/shards.js");
  assert.equal(loader.status, 200);
  assert.match(loader.body.toString(), /export async function openShards/);
  for (const path of ["/lib/../../Cargo.toml", "/lib/%2e%2e/%2e%2e/Cargo.toml", "/pkg/../../Cargo.toml", "/shards/..%2fsnapshot.json"]) {
    assert.equal((await get(path)).status, 404, path);
  }
});
