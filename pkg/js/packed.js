
// --- Listing objects cross into the module without JSON text ------------------------------
// Appended to each build's glue by scripts/build-pkg.sh (it has `Catalog` in scope).
//
// `JSON.stringify` of a typical listing object costs more than validating it. `validate`,
// `isValid` and `completeness` given an object first walk it here, writing numbers and
// string lengths into one Float64Array and the strings into one string, in the listing's
// fixed field order (crates/wasm/src/packed.rs reads it back). Anything unusual (an unknown
// member, a fractional or unsafe number, a wrongly typed value, a lone surrogate, a getter
// that throws...) gives up, and the object takes the JSON path as before, which decides and
// words every error. So results are always those of the JSON path.
const shelfcheckPack = (() => {
  const ABSENT = 0, INT = 1, TEXT = 2, LIST = 3;
  const GIVE_UP = {};
  let buf = new Float64Array(4096);
  let n = 0;
  let parts = [];

  const giveUp = () => {
    throw GIVE_UP;
  };
  const push = (x) => {
    if (n === buf.length) {
      const bigger = new Float64Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    buf[n++] = x;
  };
  const wellFormed =
    typeof "".isWellFormed === "function"
      ? (s) => s.isWellFormed()
      : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
  // A plain object JSON.stringify would write member by member (no `toJSON` of its own).
  const plain = (o) => {
    if (typeof o !== "object" || o === null) return false;
    const proto = Object.getPrototypeOf(o);
    return (proto === Object.prototype || proto === null) && o.toJSON === undefined;
  };
  // Members JSON would carry but the listing does not know: give up (JSON.stringify leaves
  // out members whose value is undefined, and so may we).
  const onlyKnown = (o, known) => {
    for (const k in o) if (!known.has(k) && o[k] !== undefined) giveUp();
  };

  const text = (s) => {
    if (!wellFormed(s)) giveUp();
    push(TEXT);
    push(s.length);
    parts.push(s);
  };
  const int = (x) => {
    if (!Number.isSafeInteger(x)) giveUp();
    push(INT);
    push(x === 0 ? 0 : x); // JSON writes -0 as 0
  };
  const absent = (v) => v === undefined || v === null;
  const optText = (v) => {
    if (absent(v)) push(ABSENT);
    else if (typeof v === "string") text(v);
    else giveUp();
  };
  const id = (v) => {
    if (typeof v === "number") int(v);
    else if (typeof v === "string") text(v);
    else giveUp();
  };
  const optId = (v) => (absent(v) ? push(ABSENT) : id(v));
  const scalar = (v) => (absent(v) ? push(ABSENT) : id(v));
  const textElement = (v) => (typeof v === "string" ? text(v) : giveUp());
  // A list member: absent is empty; null or anything but an array is an error JSON reports.
  const list = (v, each) => {
    if (v === undefined) return push(ABSENT);
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.toJSON !== undefined) giveUp();
    push(LIST);
    push(v.length);
    for (let i = 0; i < v.length; i++) each(v[i]);
  };
  // `props` of a listing or a SKU: none, a native `pid:vid;...` string, or a list.
  const propsOf = (v, each) => {
    if (absent(v)) push(ABSENT);
    else if (typeof v === "string") text(v);
    else list(v, each);
  };

  const LISTING = new Set(["category_id", "title", "props", "skus", "qualifications"]);
  const PROP = new Set(["pid", "name", "vids", "values", "text", "aliases"]);
  const SKU = new Set(["props", "properties", "price", "quantity", "outer_id"]);
  const REF = new Set(["pid", "name", "vid", "value"]);
  const QUALIFICATION = new Set(["name", "document"]);

  const aliases = (v) => {
    if (v === undefined) return push(ABSENT);
    if (!plain(v)) giveUp();
    // Own keys, as JSON.stringify takes them.
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    push(LIST);
    push(keys.length);
    for (const k of keys) {
      if (typeof v[k] !== "string") giveUp();
      text(k);
      text(v[k]);
    }
  };
  const prop = (o) => {
    if (!plain(o)) giveUp();
    onlyKnown(o, PROP);
    optId(o.pid);
    optText(o.name);
    list(o.vids, id);
    list(o.values, textElement);
    optText(o.text);
    aliases(o.aliases);
  };
  const ref = (o) => {
    if (!plain(o)) giveUp();
    onlyKnown(o, REF);
    optId(o.pid);
    optText(o.name);
    optId(o.vid);
    optText(o.value);
  };
  const sku = (o) => {
    if (!plain(o)) giveUp();
    onlyKnown(o, SKU);
    propsOf(o.props, ref);
    optText(o.properties);
    scalar(o.price);
    scalar(o.quantity);
    optText(o.outer_id);
  };
  const qualification = (o) => {
    if (!plain(o)) giveUp();
    onlyKnown(o, QUALIFICATION);
    textElement(o.name);
    if (o.document === undefined) push(ABSENT);
    else textElement(o.document);
  };
  const listing = (o) => {
    if (!plain(o)) giveUp();
    onlyKnown(o, LISTING);
    id(o.category_id);
    optText(o.title);
    propsOf(o.props, prop);
    list(o.skus, sku);
    list(o.qualifications, qualification);
  };

  /** `{nums, text}` for a listing object, or `null` to take the JSON path. */
  return (o) => {
    n = 0;
    parts = [];
    try {
      listing(o);
    } catch {
      return null;
    }
    return { nums: buf.subarray(0, n), text: parts.join("") };
  };
})();

for (const [op, name] of ["validate", "isValid", "completeness"].entries()) {
  const viaJson = Catalog.prototype[name];
  Object.defineProperty(Catalog.prototype, name, {
    configurable: true,
    writable: true,
    value: function (listing, arg) {
      if (typeof listing === "object" && listing !== null) {
        const p = shelfcheckPack(listing);
        if (p !== null) {
          const result = this.packed(op, p.nums, p.text, arg);
          if (result !== undefined) return result;
        }
      }
      return viaJson.call(this, listing, arg);
    },
  });
}
