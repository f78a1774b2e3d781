
// --- Listing objects cross into the module without JSON text ------------------------------
// Appended to each build's glue by scripts/build-pkg.sh (it has `Catalog` in scope).
//
// `JSON.stringify` of a typical listing object costs more than validating it. `validate`,
// `isValid` and `completeness` given an object first walk it here, writing numbers, string
// lengths and what each member holds into one Float64Array and the strings' UTF-16 code units
// into one Uint16Array, in the listing's fixed member order (crates/wasm/src/packed.rs reads
// them back). Anything unusual (an unknown member, a fractional or unsafe number, a wrongly typed
// value, a getter that throws...) gives up, and so does the reader on a lone surrogate; the
// object then takes the JSON path as before, which decides and words every error. So results
// are always those of the JSON path.
const shelfcheckPack = (() => {
  // Each object starts with a header slot: two bits per member, in the member order of the
  // functions below, saying what follows for it: nothing (absent or null), an integer, a
  // string (its length; its units go to `units`), or a list (its length, then the elements).
  // Absent members, most of a listing's, so cost nothing.
  const NONE = 0, INT = 1, TEXT = 2, LIST = 3;
  const GIVE_UP = {};
  // Writes past the end of a typed array are dropped, so no write checks for room: a walk
  // that ran out is repeated with bigger arrays (rare: they only ever grow).
  let buf = new Float64Array(4096);
  let n = 0;
  let units = new Uint16Array(8192);
  let m = 0;

  const giveUp = () => {
    throw GIVE_UP;
  };
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

  // Copying code units costs less than appending the strings to one and checking that for
  // lone surrogates; the reader decodes the units and hands a lone surrogate over.
  const text = (s) => {
    const len = s.length;
    buf[n++] = len;
    // Locals, not the closure's variables, in the loop: the engine keeps them in registers.
    const u = units;
    let j = m;
    for (let i = 0; i < len; i++) u[j++] = s.charCodeAt(i);
    m = j;
    return TEXT;
  };
  const int = (x) => {
    if (!Number.isSafeInteger(x)) giveUp();
    buf[n++] = x === 0 ? 0 : x; // JSON writes -0 as 0
    return INT;
  };
  const absent = (v) => v === undefined || v === null;
  const optText = (v) => (absent(v) ? NONE : typeof v === "string" ? text(v) : giveUp());
  const id = (v) => (typeof v === "number" ? int(v) : typeof v === "string" ? text(v) : giveUp());
  // An id, or a SKU's price or quantity: a number or a string.
  const optId = (v) => (absent(v) ? NONE : id(v));
  const textElement = (v) => (typeof v === "string" ? text(v) : giveUp());
  // A list member: absent is empty; null or anything but an array is an error JSON reports.
  const array = (v) => {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype || v.toJSON !== undefined) giveUp();
    buf[n++] = v.length;
  };
  // Elements of a list of ids carry their own kind, in a slot of their own.
  const idList = (v) => {
    if (v === undefined) return NONE;
    array(v);
    for (let i = 0; i < v.length; i++) {
      const h = n++;
      buf[h] = id(v[i]);
    }
    return LIST;
  };
  const textList = (v) => {
    if (v === undefined) return NONE;
    array(v);
    for (let i = 0; i < v.length; i++) textElement(v[i]);
    return LIST;
  };
  const aliases = (v) => {
    if (v === undefined) return NONE;
    if (!plain(v)) giveUp();
    const keys = [];
    for (const k in v) if (v[k] !== undefined) keys.push(k);
    buf[n++] = keys.length;
    for (const k of keys) {
      if (typeof v[k] !== "string") giveUp();
      text(k);
      text(v[k]);
    }
    return LIST;
  };
  // `props` of a listing or a SKU: none, a native `pid:vid;...` string, or a list. The SKUs
  // and their pairs, most of a listing, get loops of their own: a call site that always calls
  // the same function is one the engine can inline.
  const props = (v) => {
    if (absent(v)) return NONE;
    if (typeof v === "string") return text(v);
    array(v);
    for (let i = 0; i < v.length; i++) prop(v[i]);
    return LIST;
  };
  const skuPairs = (v) => {
    if (absent(v)) return NONE;
    if (typeof v === "string") return text(v);
    array(v);
    for (let i = 0; i < v.length; i++) ref(v[i]);
    return LIST;
  };
  const skuList = (v) => {
    if (v === undefined) return NONE;
    array(v);
    for (let i = 0; i < v.length; i++) sku(v[i]);
    return LIST;
  };
  const qualifications = (v) => {
    if (v === undefined) return NONE;
    array(v);
    for (let i = 0; i < v.length; i++) qualification(v[i]);
    return LIST;
  };

  // Each object: its members gathered with `for...in`, then a header slot, filled in once its
  // members are written (`|` evaluates left to right, so the members go in header order).
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
    const h = n++;
    buf[h] = optId(pid) | (optText(name) << 2) | (idList(vids) << 4) | (textList(values) << 6) |
      (optText(txt) << 8) | (aliases(al) << 10);
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
    const h = n++;
    buf[h] = optId(pid) | (optText(name) << 2) | (optId(vid) << 4) | (optText(value) << 6);
  };
  const sku = (o) => {
    if (!plain(o)) giveUp();
    let pairs, properties, price, quantity, outer;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "props": pairs = v; break;
        case "price": price = v; break;
        case "quantity": quantity = v; break;
        case "outer_id": outer = v; break;
        case "properties": properties = v; break;
        default: unknown(v);
      }
    }
    const h = n++;
    buf[h] = skuPairs(pairs) | (optText(properties) << 2) | (optId(price) << 4) | (optId(quantity) << 6) |
      (optText(outer) << 8);
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
    const h = n++;
    buf[h] = textElement(name) | ((doc === undefined ? NONE : textElement(doc)) << 2);
  };
  const listing = (o) => {
    if (!plain(o)) giveUp();
    let cat, title, p, skus, quals;
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "category_id": cat = v; break;
        case "title": title = v; break;
        case "props": p = v; break;
        case "skus": skus = v; break;
        case "qualifications": quals = v; break;
        default: unknown(v);
      }
    }
    const h = n++;
    buf[h] = id(cat) | (optText(title) << 2) | (props(p) << 4) | (skuList(skus) << 6) | (qualifications(quals) << 8);
  };

  // Members or a toJSON every object would inherit: JSON's view of objects differs from a
  // plain walk, so such pages take the JSON path.
  const prototypesPlain = () => {
    for (const k in Object.prototype) return false;
    return Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined;
  };

  /** `{nums, units}` for a listing object, or `null` to take the JSON path. */
  return (o) => {
    if (!prototypesPlain()) return null;
    for (;;) {
      n = 0;
      m = 0;
      try {
        listing(o);
      } catch {
        return null;
      }
      if (n <= buf.length && m <= units.length) return { nums: buf.subarray(0, n), units: units.subarray(0, m) };
      if (n > buf.length) buf = new Float64Array(2 * n);
      if (m > units.length) units = new Uint16Array(2 * m);
    }
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
          const result = this.packed(op, p.nums, p.units, arg);
          if (result !== undefined) return result;
        }
      }
      return viaJson.call(this, listing, arg);
    },
  });
}
