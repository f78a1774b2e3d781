// The packed writer (pkg/js/packed.js, generated from pkg/js/layout.json) writes what the Rust
// side's `pack()` writes, slot for slot, for the field inventory: listings with every member
// of every object. Needs no wasm build: the writer runs against a stand-in for the module's
// memory and room. (`pack()`'s output is committed as fixtures/inventory/every-member.packed.json
// by crates/wasm/src/packed.rs, which checks that it is current.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { listingWriter } from "../js/packed.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (...p) => readFileSync(join(ROOT, ...p), "utf8");
const listings = JSON.parse(read("fixtures", "inventory", "every-member.json"));
const layout = JSON.parse(read("pkg", "js", "layout.json"));
const expected = JSON.parse(read("fixtures", "inventory", "every-member.packed.json"));

/**
 * A writer over a stand-in for the module's memory, and a function packing one listing with
 * it: `{ nums, units }`, or undefined when the writer hands the listing to the JSON path.
 * `NativeBytes`: Node's `Buffer`, or nothing as in a browser.
 */
function writer(NativeBytes, make = listingWriter) {
  const buffer = new ArrayBuffer(1 << 20);
  // The two rooms, side by side, at addresses that are never 0 (which means "no room").
  const rooms = [8, 1 << 19];
  const room = (which, len) => (len * (which ? 2 : 4) <= 1 << 18 ? rooms[which] : 0);
  const write = make({ room, memory: () => ({ buffer }), Buffer: NativeBytes });
  const target = {
    packed(op, nums, units, arg) {
      return {
        op,
        arg,
        nums: Array.from(new Int32Array(buffer, rooms[0], nums)),
        units: Array.from(new Uint16Array(buffer, rooms[1], units)),
      };
    },
  };
  return (listing, op = "op", arg = "arg") => write(listing, target, op, arg);
}

// Browsers (no Buffer) send long strings as UTF-8 (`pack_as(.., LongText::Utf8)`).
const ENGINES = [
  ["as in a browser", undefined, (e) => e.browser],
  ["with Node's Buffer", Buffer, (e) => e],
];

for (const [engine, NativeBytes, form] of ENGINES) {
  test(`the writer writes pack()'s slots and units for every member of every object, ${engine}`, () => {
    const pack = writer(NativeBytes);
    assert.equal(listings.length, expected.length);
    for (const [i, listing] of listings.entries()) {
      const got = pack(listing);
      assert.ok(got, `inventory ${i} was handed to the JSON path`);
      assert.deepEqual(got.nums, form(expected[i]).nums, `inventory ${i}: slots`);
      assert.deepEqual(got.units, form(expected[i]).units, `inventory ${i}: units`);
    }
  });
}

const unitsOf = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

test("strings keep lone surrogates as they are for the reader to refuse, except long ones as UTF-8", () => {
  const short = "a\ud800";
  const long = "a".repeat(100) + "\udc00" + "b".repeat(100);
  for (const pack of [writer(Buffer), writer(undefined)]) assert.deepEqual(pack({ category_id: 1, title: short }).units, unitsOf(short));
  assert.deepEqual(writer(Buffer)({ category_id: 1, title: long }).units, unitsOf(long));
  // UTF-8 has no lone surrogates: U+FFFD in its place, as the JSON path reads it.
  const got = writer(undefined)({ category_id: 1, title: long });
  const utf8 = new TextEncoder().encode("a".repeat(100) + "\ufffd" + "b".repeat(100));
  assert.equal(got.nums[2], ~utf8.length);
  assert.deepEqual(new Uint8Array(Uint16Array.from(got.units).buffer).subarray(0, utf8.length), utf8);
  assert.equal(got.units.length, Math.ceil(utf8.length / 2));
});

test("a long string as UTF-8 that finds no room asks for the most it can take", () => {
  // 3,000 units of Chinese, 9,000 bytes: more than the first room of 8,192 units' bytes can
  // hold with the units before them, so the walk is repeated in a larger room.
  const sizes = [];
  const buffer = new ArrayBuffer(1 << 20);
  const room = (which, len) => {
    if (which) sizes.push(len);
    return len * (which ? 2 : 4) <= 1 << 18 ? [8, 1 << 19][which] : 0;
  };
  const write = listingWriter({ room, memory: () => ({ buffer }), Buffer: undefined });
  const description = "详".repeat(3000);
  const title = "标".repeat(6000);
  const got = write({ category_id: 1, title, description }, { packed: (op, nums, units) => ({ nums: Array.from(new Int32Array(buffer, 8, nums)), units }) });
  assert.ok(sizes.length > 1 && sizes.at(-1) > sizes[0], JSON.stringify(sizes));
  assert.equal(got.nums[2], ~18000);
  assert.equal(got.nums[3], ~9000);
  assert.equal(got.units, 13500);
});

test("the operation and its argument reach the module as given", () => {
  const got = writer()(listings[0], "validate", { locale: "en" });
  assert.equal(got.op, "validate");
  assert.deepEqual(got.arg, { locale: "en" });
});

test("a member the writer does not know hands the listing to the JSON path", () => {
  const pack = writer();
  assert.equal(pack({ ...listings[0], pictures: ["a.jpg"] }), undefined);
  // Unless it is undefined, which JSON leaves out too.
  assert.deepEqual(pack({ ...listings[0], pictures: undefined }).nums, expected[0].nums);
});

test("a SKU pair with more than two ids turns the pairs before it into the general form", () => {
  const pack = writer();
  const ids = pack({ category_id: 1, skus: [{ props: [{ pid: 1, vid: 2 }, { pid: 3, vid: 4 }] }] });
  const mixed = pack({ category_id: 1, skus: [{ props: [{ pid: 1, vid: 2 }, { pid: 3, vid: 4, value: "x" }] }] });
  // listing header, category_id, skus count, SKU header, pairs count, then the pairs.
  assert.deepEqual(ids.nums.slice(4), [2, 1, 2, 3, 4]);
  const pair = 1 | (1 << 4);
  assert.deepEqual(mixed.nums.slice(4), [2, pair, 1, 2, pair | (2 << 6), 3, 4, 1]);
  assert.equal(ids.nums[3] & 3, 1, "INT: the ids alone");
  assert.equal(mixed.nums[3] & 3, 3, "LIST: the general form");
});

test("what JSON cannot carry or reads otherwise hands the listing to the JSON path", () => {
  const pack = writer();
  for (const [i, listing] of [
    { category_id: 1.5 },
    { category_id: 2 ** 60 },
    { category_id: 1, title: 7 },
    { category_id: 1, skus: null },
    { category_id: 1, props: [{ pid: 1, vids: [true] }] },
    { category_id: 1, qualifications: [{ document: "x" }] },
    Object.assign(Object.create({ inherited: 1 }), { category_id: 1 }),
    { category_id: 1, get title() { throw new Error("getter"); } },
  ].entries()) {
    assert.equal(pack(listing), undefined, `case ${i}`);
  }
  // null is none where JSON reads it so.
  assert.ok(pack({ category_id: 1, title: null, props: null }));
});

test("a single nested object is a list of one: its count, then its header and members", () => {
  const pack = writer(undefined);
  // `location` is the eleventh member of the listing: its header bits.
  const LOCATION = 2 * layout.objects.listing.findIndex((m) => m.name === "location");
  assert.deepEqual(pack({ category_id: 1, location: { state: "浙江", city: "杭州" } }).nums, [1 | (3 << LOCATION), 1, 1, 2 | (2 << 2), 2, 2]);
  assert.deepEqual(pack({ category_id: 1, location: { city: "杭州" } }).nums, [1 | (3 << LOCATION), 1, 1, 2 << 2, 2]);
  assert.deepEqual(pack({ category_id: 1, location: { city: "杭州" } }).units, Array.from("杭州", (c) => c.charCodeAt(0)));
  // Absent and null are none.
  assert.deepEqual(pack({ category_id: 1, location: null }).nums, [1, 1]);
  assert.deepEqual(pack({ category_id: 1 }).nums, [1, 1]);
  // What JSON would read otherwise, or an unknown member of it, takes the JSON path.
  for (const location of [[{ city: "杭州" }], "杭州", { city: 7 }, { town: "西湖" }]) {
    assert.equal(pack({ category_id: 1, location }), undefined, JSON.stringify(location));
  }
  // The rest of the listing is written as by the writer without it.
  assert.deepEqual(pack(listings[0]).nums, expected[0].nums);
});

test("members are JSON's own enumerable ones: hidden and inherited members are not written", () => {
  const pack = writer();
  // SKUs and their pairs, whose members the writer reads by name.
  const listing = (sku, pair = { pid: 1, vid: 2 }) => ({ category_id: 1, skus: [{ props: [pair], ...sku }] });
  const plain = pack(listing({ price: "1.00" }));
  const same = (got) => got === undefined || JSON.stringify(got) === JSON.stringify(plain);
  const hidden = (o, name) => Object.defineProperty(o, name, { value: "隐藏", enumerable: false });
  // JSON leaves a member that is not enumerable out: the writer does not write it...
  assert.ok(same(pack(listing(hidden({ price: "1.00" }, "outer_id")))));
  assert.ok(same(pack(listing({ price: "1.00" }, hidden({ pid: 1, vid: 2 }, "value")))));
  // ...nor does it count it against an unknown member, or one that is undefined.
  assert.equal(pack(listing(hidden({ price: "1.00", pictures: ["a.jpg"] }, "outer_id"))), undefined);
  assert.ok(same(pack(listing(hidden({ price: "1.00", barcode: undefined }, "outer_id")))));
  assert.ok(same(pack(listing({ price: "1.00" }, hidden({ pid: 1, vid: 2, name: undefined }, "value")))));
  // Members of Object.prototype that are not enumerable (for...in and JSON skip them).
  Object.defineProperty(Object.prototype, "outer_id", { value: "继承", configurable: true, writable: true });
  Object.defineProperty(Object.prototype, "value", { value: "继承", configurable: true, writable: true });
  try {
    assert.ok(same(pack(listing({ price: "1.00" }))));
    assert.ok(same(pack(listing({ price: "1.00", barcode: undefined }, { pid: 1, vid: 2, name: undefined }))));
    assert.equal(pack(listing({ price: "1.00", pictures: ["a.jpg"] })), undefined);
  } finally {
    delete Object.prototype.outer_id;
    delete Object.prototype.value;
  }
  // A member that is undefined is left out, as JSON leaves it out.
  assert.deepEqual(pack(listing({ price: "1.00", outer_id: undefined })), plain);
  assert.deepEqual(pack(listing({ barcode: undefined, price: "1.00", pictures: undefined }, { vid: 2, name: undefined, pid: 1 })), plain);
  // Each getter runs once, as in JSON.
  let reads = 0;
  const counted = pack(listing({ get price() { reads++; return "1.00"; } }, { pid: 1, get vid() { reads++; return 2; } }));
  assert.equal(reads, 2);
  assert.deepEqual(counted, plain);
});

test("a room grown for a listing under 1 MiB is kept at its size; a huge listing's is given back", () => {
  const buffer = new ArrayBuffer(16 << 20);
  const calls = [];
  const room = (which, len) => {
    calls.push([which, len]);
    return len * (which ? 2 : 4) <= 8 << 20 ? [8, 8 << 20][which] : 0;
  };
  for (const NativeBytes of [Buffer, undefined]) {
    const write = listingWriter({ room, memory: () => ({ buffer }), Buffer: NativeBytes });
    const target = { packed: (op, nums, units) => units };
    // 300,000 units (or bytes of UTF-8: 150,000 units): the room grows past 1 MiB for it,
    // then shrinks to what it took, which the same listing finds again.
    const large = { category_id: 1, title: "x".repeat(300_000) };
    const used = write(large, target);
    assert.equal(used, NativeBytes ? 300_000 : 150_000);
    assert.deepEqual(calls.at(-1), [1, used]);
    calls.length = 0;
    assert.equal(write(large, target), used);
    assert.deepEqual(calls, [], "the second call sized the room again");
    // 1,200,000 units (600,000 as UTF-8), past 1 MiB: the room goes back to its first size.
    assert.equal(write({ category_id: 1, title: "x".repeat(1_200_000) }, target), NativeBytes ? 1_200_000 : 600_000);
    assert.deepEqual(calls.slice(-2), [[0, 4096], [1, 8192]]);
    calls.length = 0;
  }
});
