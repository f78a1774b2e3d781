// The package's `Catalog`: the engine's compiled snapshot (wasm-bindgen's `Catalog`, one per
// build) behind a class of the package's own, which
// - sends listing objects through the packed writer (./packed.js, generated from the packed
//   layout) instead of JSON text, and writes a report without issues itself;
// - throws `ShelfcheckError`s (./error.js) that `instanceof` recognises;
// - is disposed for good by `free()`, which may be called again, after which every call
//   throws `CATALOG_FREED` instead of reaching freed memory.
// `catalogClass(glue)` makes the class over one build's glue (its module namespace, or its
// CommonJS exports), so the three builds share this file.
import { listingWriter } from "./packed.js";
import { ShelfcheckError, adopt } from "./error.js";

const FREED = {
  "zh-CN": "这个 Catalog 已经释放 (调用过 free()), 不能再使用; 请重新创建一个",
  en: "this Catalog was freed (free() was called) and cannot be used any more; create a new one",
};

/** The `Catalog` class over the glue of one build. */
export function catalogClass(glue) {
  const { PackedOp, PackedReply } = glue;
  const write = listingWriter({
    room: glue.__packedRoom,
    memory: glue.__packedMemory,
    // Node's Buffer copies a long string's code units in one call (see ./packed.js).
    Buffer: typeof Buffer === "function" && typeof Buffer.from === "function" ? Buffer : undefined,
  });
  // Marks the constructor call that wraps a catalog the engine made (`fromBinary`).
  const WRAP = Symbol("wrap");

  class Catalog {
    #inner;
    #hash;

    /**
     * Compiles a snapshot given as an object or as JSON text; `locale` picks the language of
     * the error thrown when it is unusable.
     */
    constructor(snapshot, locale) {
      try {
        this.#inner = snapshot === WRAP ? locale : new glue.Catalog(snapshot, locale);
      } catch (e) {
        throw adopt(e);
      }
    }

    /** Content hash of the snapshot, echoed by every report. */
    get hash() {
      const inner = this.#live();
      return (this.#hash ??= inner.hash);
    }

    /** Validates a listing (object or JSON text). */
    validate(listing, options) {
      const inner = this.#live();
      try {
        if (typeof listing === "object" && listing !== null) {
          const result = write(listing, inner, PackedOp.Validate, options);
          // Member for member as the report's JSON would read: passing that JSON over and
          // parsing it costs more than the rest of the report's making.
          if (result === PackedReply.CleanReport) return { valid: true, snapshot_hash: this.hash, errors: 0, warnings: 0, issues: [] };
          if (result !== undefined) return result;
        }
        return inner.validate(listing, options);
      } catch (e) {
        throw adopt(e);
      }
    }

    /** Whether a listing has no errors: the cheapest answer (stops at the first error). */
    isValid(listing, options) {
      const inner = this.#live();
      try {
        if (typeof listing === "object" && listing !== null) {
          const result = write(listing, inner, PackedOp.IsValid, options);
          if (result !== undefined) return result;
        }
        return inner.isValid(listing, options);
      } catch (e) {
        throw adopt(e);
      }
    }

    /** Share of the required inputs a listing fills, and which remain. */
    completeness(listing, locale) {
      const inner = this.#live();
      try {
        if (typeof listing === "object" && listing !== null) {
          const result = write(listing, inner, PackedOp.Completeness, locale);
          if (result !== undefined) return result;
        }
        return inner.completeness(listing, locale);
      } catch (e) {
        throw adopt(e);
      }
    }

    /** What a form needs to render one leaf category. */
    form(categoryId, locale) {
      const inner = this.#live();
      try {
        return inner.form(categoryId, locale);
      } catch (e) {
        throw adopt(e);
      }
    }

    /**
     * Every SKU combination of the chosen sale values: `[{pid, vids, aliases}]`, each entry as a
     * listing's `props` gives it (a value of the seller's own is a negative id named in
     * `aliases`), each row with its value names.
     */
    skuMatrix(categoryId, selection, locale) {
      const inner = this.#live();
      try {
        return inner.skuMatrix(categoryId, selection, locale);
      } catch (e) {
        throw adopt(e);
      }
    }

    /** Releases the compiled snapshot; calling it again does nothing. */
    free() {
      const inner = this.#inner;
      this.#inner = undefined;
      inner?.free();
    }

    #live() {
      const inner = this.#inner;
      if (inner === undefined) throw new ShelfcheckError("CATALOG_FREED", FREED, "zh-CN");
      return inner;
    }
  }

  // Its name survives minification (developer tools and error reports show it).
  Object.defineProperty(Catalog, "name", { value: "Catalog" });

  // The `using` statement's hook, where the engine has it.
  if (typeof Symbol.dispose === "symbol") {
    Object.defineProperty(Catalog.prototype, Symbol.dispose, {
      value: function dispose() {
        this.free();
      },
      writable: true,
      configurable: true,
    });
  }

  // Binary snapshots: the Node build only (the browser build leaves them out).
  if (typeof glue.Catalog.fromBinary === "function") {
    Object.defineProperty(Catalog, "fromBinary", {
      value: function fromBinary(bytes, locale) {
        try {
          return new Catalog(WRAP, glue.Catalog.fromBinary(bytes, locale));
        } catch (e) {
          throw adopt(e);
        }
      },
      writable: true,
      configurable: true,
    });
  }
  return Catalog;
}
