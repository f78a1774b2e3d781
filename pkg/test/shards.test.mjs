// The shard loader (`shelfcheck/shards`) over the demo shards the package ships, served from
// a local server: the category list, one shard per category with its hash checked against
// the index, the replaced catalog freed, and clear errors for a bad index, a stale shard, an
// unknown category and a load overtaken by a later one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Catalog, ShelfcheckError } from "shelfcheck";
import { openShards } from "shelfcheck/shards";

const SHARDS = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "demo", "shards");
const INDEX = JSON.parse(readFileSync(join(SHARDS, "index.json"), "utf8"));

// Serves the demo shards; `/bad/…` serves an index whose first entry's hash is wrong,
// `/broken/index.json` one with a bad field; `/slow/…` answers shards after 100 ms.
const requests = [];
const server = createServer((req, res) => {
  requests.push(req.url);
  const [, dir, file] = req.url.split("/");
  const send = (body) => res.writeHead(200, { "content-type": "application/json" }).end(body);
  if (file === "index.json" && dir === "bad") {
    return send(JSON.stringify({ ...INDEX, shards: INDEX.shards.map((s, i) => (i === 0 ? { ...s, hash: "sha256:0" } : s)) }));
  }
  if (file === "index.json" && dir === "broken") {
    return send(JSON.stringify({ ...INDEX, shards: [{ ...INDEX.shards[0], file: 7 }] }));
  }
  if (file === "index.json" && dir === "html") return send("<html>");
  let body;
  try {
    body = readFileSync(join(SHARDS, file.replace(/[^\w.-]/g, "")));
  } catch {
    return res.writeHead(404).end();
  }
  if (dir === "slow" && file !== "index.json") setTimeout(() => send(body), 100);
  else send(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;
test.after(() => server.close());

const LISTING = { category_id: 0, title: "T恤" };

// A browser's fetch refuses to be called as a method of another object ("Illegal invocation");
// Node's does not mind, so this one stands in for it.
function browserFetch(...args) {
  if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch': Illegal invocation");
  return fetch(...args);
}

test("the index gives every leaf category; one shard is fetched per category loaded", async () => {
  const shards = await openShards(`${base}/ok/index.json`, { Catalog, locale: "en", fetch: browserFetch });
  assert.equal(shards.categories.length, INDEX.shards.length);
  assert.ok(shards.categories.length >= 2);
  assert.equal(shards.snapshotHash, INDEX.snapshot_hash);
  const [first, second] = shards.categories;
  assert.deepEqual(first.path, INDEX.shards[0].path);
  requests.length = 0;
  const a = await shards.loadCategory(first.id);
  assert.equal(a.hash, first.hash);
  assert.equal(shards.catalog, a);
  const report = a.validate({ ...LISTING, category_id: first.id }, { locale: "en" });
  assert.equal(report.snapshot_hash, first.hash);
  const b = await shards.loadCategory(String(second.id));
  assert.equal(shards.categoryId, second.id);
  assert.deepEqual(requests, [`/ok/${first.file}`, `/ok/${second.file}`]);
  // The replaced catalog is freed: using it throws.
  assert.throws(() => a.validate(LISTING));
  assert.equal(b.validate({ ...LISTING, category_id: second.id }).snapshot_hash, second.hash);
  shards.free();
  assert.equal(shards.catalog, null);
  assert.throws(() => b.validate(LISTING));
});

test("a shard whose hash differs from the index is refused and the current catalog kept", async () => {
  const shards = await openShards(`${base}/bad/index.json`, { Catalog, locale: "en" });
  const kept = await shards.loadCategory(shards.categories[1].id);
  await assert.rejects(shards.loadCategory(shards.categories[0].id), (e) => {
    assert.equal(e.code, "SHARD_HASH_MISMATCH");
    assert.match(e.messages.en, /stale/);
    assert.match(e.messages["zh-CN"], /分片与索引不符/);
    return true;
  });
  assert.equal(shards.catalog, kept);
  assert.ok(kept.validate({ ...LISTING, category_id: shards.categories[1].id }));
  shards.free();
});

test("a bad index names the field; an unknown category and a missing shard say so", async () => {
  await assert.rejects(openShards(`${base}/broken/index.json`, { Catalog, locale: "en" }), (e) => {
    assert.equal(e.code, "INDEX_INVALID");
    assert.match(e.message, /\/shards\/0\/file/);
    return true;
  });
  await assert.rejects(openShards(`${base}/html/index.json`, { Catalog }), { code: "INDEX_INVALID" });
  await assert.rejects(openShards(`${base}/none/nothing.json`, { Catalog }), { code: "INDEX_UNREACHABLE" });
  const shards = await openShards(`${base}/ok/index.json`, { Catalog, locale: "zh-CN" });
  await assert.rejects(shards.loadCategory(123), (e) => e instanceof ShelfcheckError && e.code === "CATEGORY_UNKNOWN" && e.message.includes("123"));
  await assert.rejects(openShards(`${base}/ok/index.json`, {}), TypeError);
});

test("a load overtaken by a later one is rejected and the later category wins", async () => {
  const shards = await openShards(`${base}/slow/index.json`, { Catalog });
  const [first, second] = shards.categories;
  const early = shards.loadCategory(first.id);
  const late = shards.loadCategory(second.id);
  await assert.rejects(early, { code: "LOAD_SUPERSEDED" });
  assert.equal((await late).hash, second.hash);
  assert.equal(shards.categoryId, second.id);
  shards.free();
});
