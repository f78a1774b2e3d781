
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
  let str = "";

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
  // A plain object, which JSON.stringify writes member by member. Its members are read with
  // `for...in`, as JSON reads them (own enumerable ones: pack() gives up when the prototypes
  // have enumerable members or a toJSON), and an unknown member gives up unless undefined.
  const plain = (o) => {
    if (typeof o !== "object" || o === null) return false;
    const proto = Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null;
  };
  const unknown = (v) => {
    if (v !== undefined) giveUp();
  };

  // The strings are appended to one (a rope, which the crossing flattens once); lone
  // surrogates are looked for in the whole string at the end. Two halves of a pair split
  // between neighbouring strings look well-formed there, but the reader counts every string's
  // code units and hands such a listing over.
  const text = (s) => {
    push(TEXT);
    push(s.length);
    str += s;
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
  const array = (v) => {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.toJSON !== undefined) giveUp();
    push(LIST);
    push(v.length);
  };
  const list = (v, each) => {
    if (v === undefined) return push(ABSENT);
    array(v);
    for (let i = 0; i < v.length; i++) each(v[i]);
  };
  // `props` of a listing or a SKU: none, a native `pid:vid;...` string, or a list. The SKUs
  // and their pairs, most of a listing, get loops of their own: a call site that always calls
  // the same function is one the engine can inline.
  const propsOf = (v, each) => {
    if (absent(v)) push(ABSENT);
    else if (typeof v === "string") text(v);
    else list(v, each);
  };
  const skuPairs = (v) => {
    if (absent(v)) return push(ABSENT);
    if (typeof v === "string") return text(v);
    array(v);
    for (let i = 0; i < v.length; i++) ref(v[i]);
  };
  const skuList = (v) => {
    if (v === undefined) return push(ABSENT);
    array(v);
    for (let i = 0; i < v.length; i++) sku(v[i]);
  };

  const aliases = (v) => {
    if (v === undefined) return push(ABSENT);
    if (!plain(v)) giveUp();
    const keys = [];
    for (const k in v) if (v[k] !== undefined) keys.push(k);
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
    let pid, name, vids, values, txt, al;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "pid": pid = v; break;
        case "name": name = v; break;
        case "vids": vids = v; break;
        case "values": values = v; break;
        case "text": txt = v; break;
        case "aliases": al = v; break;
        default: unknown(v);
      }
    }
    optId(pid);
    optText(name);
    list(vids, id);
    list(values, textElement);
    optText(txt);
    aliases(al);
  };
  const ref = (o) => {
    if (!plain(o)) giveUp();
    let pid, name, vid, value;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "pid": pid = v; break;
        case "vid": vid = v; break;
        case "name": name = v; break;
        case "value": value = v; break;
        default: unknown(v);
      }
    }
    optId(pid);
    optText(name);
    optId(vid);
    optText(value);
  };
  const sku = (o) => {
    if (!plain(o)) giveUp();
    let props, properties, price, quantity, outer;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "props": props = v; break;
        case "price": price = v; break;
        case "quantity": quantity = v; break;
        case "outer_id": outer = v; break;
        case "properties": properties = v; break;
        default: unknown(v);
      }
    }
    skuPairs(props);
    optText(properties);
    scalar(price);
    scalar(quantity);
    optText(outer);
  };
  const qualification = (o) => {
    if (!plain(o)) giveUp();
    let name, doc;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "name": name = v; break;
        case "document": doc = v; break;
        default: unknown(v);
      }
    }
    textElement(name);
    if (doc === undefined) push(ABSENT);
    else textElement(doc);
  };
  const listing = (o) => {
    if (!plain(o)) giveUp();
    let cat, title, props, skus, quals;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "category_id": cat = v; break;
        case "title": title = v; break;
        case "props": props = v; break;
        case "skus": skus = v; break;
        case "qualifications": quals = v; break;
        default: unknown(v);
      }
    }
    id(cat);
    optText(title);
    propsOf(props, prop);
    skuList(skus);
    list(quals, qualification);
  };

  // Members or a toJSON every object would inherit: JSON's view of objects differs from a
  // plain walk, so such pages take the JSON path.
  const prototypesPlain = () => {
    for (const k in Object.prototype) return false;
    return Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined;
  };

  /** `{nums, text}` for a listing object, or `null` to take the JSON path. */
  return (o) => {
    n = 0;
    str = "";
    try {
      if (!prototypesPlain()) return null;
      listing(o);
    } catch {
      return null;
    }
    return wellFormed(str) ? { nums: buf.subarray(0, n), text: str } : null;
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
