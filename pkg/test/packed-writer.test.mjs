// The JS walk (pkg/js/packed.js) writes what the Rust side's `pack()` writes, slot for slot,
// for the field inventory: listings with every member of every object. Needs no wasm build:
// the walk runs against a stand-in for the module's memory and its `Catalog`.
// (`pack()`'s output is committed as fixtures/inventory/every-member.packed.json by
// crates/wasm/src/packed.rs, which checks that it is current.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (...p) => readFileSync(join(ROOT, ...p), "utf8");
const listings = JSON.parse(read("fixtures", "inventory", "every-member.json"));
const expected = JSON.parse(read("fixtures", "inventory", "every-member.packed.json"));

/**
 * Runs packed.js as the build's glue would, and returns a function packing one listing.
 * `globals`: what the engine has besides the module (Node's `Buffer`, or nothing as in a
 * browser).
 */
function walk(globals) {
  const memory = { buffer: new ArrayBuffer(1 << 20) };
  // The two rooms, side by side, at addresses that are never 0 (which means "no room").
  const rooms = [8, 1 << 19];
  const wasm = { memory, __packedRoom: (which, len) => (len * (which ? 2 : 4) <= 1 << 18 ? rooms[which] : 0) };
  let got;
  class Catalog {
    packed(op, nums, units) {
      got = {
        nums: Array.from(new Int32Array(memory.buffer, rooms[0], nums)),
        units: Array.from(new Uint16Array(memory.buffer, rooms[1], units)),
      };
      return 1;
    }
    validate() {
      return "json path";
    }
    isValid() {}
    completeness() {}
  }
  const context = vm.createContext({ wasm, Catalog, ...globals });
  vm.runInContext(read("pkg", "js", "packed.js"), context);
  // `more`: members to add, as JavaScript source.
  return (listing, more = "") => {
    got = undefined;
    // The context's own `Object`/`Array` prototypes are the walk's "plain" ones: the listing
    // is made there.
    const inside = vm.runInContext(`({ ...${JSON.stringify(listing)}, ${more} })`, context);
    const result = Catalog.prototype.validate.call(new Catalog(), inside);
    return result === "json path" ? undefined : got;
  };
}

const ENGINES = [
  ["as in a browser", {}],
  ["with Node's Buffer", { Buffer }],
];

for (const [engine, globals] of ENGINES) {
  test(`the JS walk writes pack()'s slots and units for every member of every object, ${engine}`, () => {
    const pack = walk(globals);
    assert.equal(listings.length, expected.length);
    for (const [i, listing] of listings.entries()) {
      const got = pack(listing);
      assert.ok(got, `inventory ${i} was handed to the JSON path`);
      assert.deepEqual(got.nums, expected[i].nums, `inventory ${i}: slots`);
      assert.deepEqual(got.units, expected[i].units, `inventory ${i}: units`);
    }
  });

  test(`long and short strings keep lone surrogates as they are for the reader to refuse, ${engine}`, () => {
    const pack = walk(globals);
    for (const title of ["a\ud800", "a".repeat(100) + "\udc00" + "b".repeat(100)]) {
      const got = pack({ category_id: 1, title });
      assert.deepEqual(got.units, Array.from({ length: title.length }, (_, i) => title.charCodeAt(i)));
    }
  });
}

test("a member the walk does not know hands the listing to the JSON path", () => {
  const pack = walk({});
  assert.equal(pack(listings[0], `images: ["a.jpg"]`), undefined);
  // Unless it is undefined, which JSON leaves out too.
  assert.deepEqual(pack(listings[0], "images: undefined"), expected[0]);
});
