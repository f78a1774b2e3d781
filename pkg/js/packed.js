
// --- Listing objects cross into the module without JSON text ------------------------------
// Appended to each build's glue by scripts/build-pkg.sh (it has `Catalog` and `wasm`, the
// module's own exports, in scope).
//
// `JSON.stringify` of a typical listing object costs more than validating it. `validate`,
// `isValid` and `completeness` given an object first walk it here, writing numbers, string
// lengths and what each member holds into one Int32Array and the strings' UTF-16 code units
// into one Uint16Array, both in the module's memory, in the listing's fixed member order
// (crates/wasm/src/packed.rs reads them back). Anything unusual (an unknown member, a
// fractional or unsafe number, a wrongly typed value, a getter that throws...) gives up, and
// so does the reader on a lone surrogate; the object then takes the JSON path as before,
// which decides and words every error. So results are always those of the JSON path.
const shelfcheckPack = (() => {
  // Each object starts with a header slot: two bits per member, in the member order of the
  // functions below, saying what follows for it: nothing (absent or null), an integer, a
  // string (its length; its units go to `units`), or a list (its length, then the elements).
  // Absent members, most of a listing's, so cost nothing.
  const NONE = 0, INT = 1, TEXT = 2, LIST = 3;
  const GIVE_UP = {};
  // The walk writes straight into the module's memory, into the room `__packedRoom` keeps
  // there (crates/wasm/src/lib.rs), through these views: passing arrays in would allocate and
  // copy them on every call. Writes past the end of a typed array are dropped, so no write
  // checks for room: a walk that ran out is repeated with a bigger room. When the module's
  // memory grows, its old buffer is detached and the views are left empty: they are made
  // again before the next walk.
  const FIRST = 4096;
  let room = FIRST, unitRoom = 2 * FIRST;
  let buf = new Int32Array(0);
  let units = new Uint16Array(0);
  // The units' room as bytes, for copying a long string in one native call where the engine
  // has one (Node's Buffer writes a string's UTF-16 code units as they are, lone surrogates
  // too); elsewhere strings are copied unit by unit.
  const NativeBytes = typeof Buffer === "function" && typeof Buffer.from === "function" ? Buffer : undefined;
  let unitBytes;
  let m = 0;
  // Sizes the room and makes the views over it; false when the module cannot give it.
  const place = () => {
    const at = wasm.__packedRoom(0, room) >>> 0;
    const unitsAt = wasm.__packedRoom(1, unitRoom) >>> 0;
    if (at === 0 || unitsAt === 0) return false;
    buf = new Int32Array(wasm.memory.buffer, at, room);
    units = new Uint16Array(wasm.memory.buffer, unitsAt, unitRoom);
    if (NativeBytes !== undefined) unitBytes = NativeBytes.from(wasm.memory.buffer, unitsAt, 2 * unitRoom);
    return true;
  };

  const giveUp = () => {
    throw GIVE_UP;
  };
  // A plain object, which JSON.stringify writes member by member. Its members are read with
  // `for...in`, as JSON reads them (own enumerable ones: pack() gives up when the prototypes
  // have enumerable members or a toJSON), and an unknown member gives up unless undefined.
  const plain = (o) => typeof o === "object" && o !== null && plainProto(o);
  const plainProto = (o) => {
    const proto = Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null;
  };
  // For the many properties, SKUs and pairs, a member no object has (a symbol of this module's
  // own) is looked up before the prototype is asked for. The lookup reads nothing (no getter
  // runs, unlike a read of a real member, which one more time could see another value), but
  // it gives the engine the object's shape, from which it knows the prototype without a call
  // into the runtime, a large share of a listing's walk. Spelled out at each place: through
  // a shared function it is slower.
  const PROBE = Symbol("shelfcheck probe");
  const unknown = (v) => {
    if (v !== undefined) giveUp();
  };

  // The writers take the index of the next free slot in `buf` and return the one after what
  // they wrote: the walk keeps its position in a local, which costs less than one in the
  // closure. A header is worked out from its members' values (`kind`), once they are written.
  const kind = (v) => (v === undefined || v === null ? NONE : typeof v === "number" ? INT : typeof v === "string" ? TEXT : LIST);

  // Copying code units costs less than appending the strings to one and checking that for
  // lone surrogates; the reader decodes the units and hands a lone surrogate over. Only
  // into room there is: writes past the end of a typed array are dropped, but a loop of them
  // runs many times slower, and a walk that ran out of room is repeated anyway. A long string
  // goes in one native call where there is one: unit by unit, a text-heavy listing would cost
  // several times its JSON text.
  const LONG = 64;
  const text = (s, n) => {
    const len = s.length;
    buf[n] = len;
    // Locals, not the closure's variables, in the loop: the engine keeps them in registers.
    const u = units;
    const j = m;
    m = j + len;
    if (m <= u.length) {
      if (len > LONG && unitBytes !== undefined) unitBytes.write(s, 2 * j, 2 * len, "utf16le");
      else for (let i = 0; i < len; i++) u[j + i] = s.charCodeAt(i);
    }
    return n + 1;
  };
  const absent = (v) => v === undefined || v === null;
  const optText = (v, n) => (absent(v) ? n : typeof v === "string" ? text(v, n) : giveUp());
  // A safe integer: one slot when it fits one, as nearly every number does, or else `WIDE`
  // and its low and high 32 bits. `v | 0` is v itself exactly when it fits, and 0 for -0,
  // which JSON writes as 0. The hot loops below spell out the first case.
  const WIDE = -2147483648;
  const int = (v, n) => {
    const x = v | 0;
    if (x === v && x !== WIDE) {
      buf[n] = x;
      return n + 1;
    }
    if (!Number.isSafeInteger(v)) giveUp();
    const low = v >>> 0;
    buf[n] = WIDE;
    buf[n + 1] = low;
    buf[n + 2] = (v - low) / 4294967296;
    return n + 3;
  };
  // An id: a number or a string.
  const id = (v, n) => {
    if (typeof v === "string") return text(v, n);
    if (typeof v !== "number") giveUp();
    return int(v, n);
  };
  const textElement = (v, n) => (typeof v === "string" ? text(v, n) : giveUp());
  // A list member: absent is empty; null or anything but an array is an error JSON reports.
  const array = (v, n) => {
    // `toJSON` first, for the same reason as the objects' member read (see `plainProto`).
    if (!Array.isArray(v) || v.toJSON !== undefined || Object.getPrototypeOf(v) !== Array.prototype) giveUp();
    buf[n] = v.length;
    return n + 1;
  };
  const textList = (v, n) => {
    n = array(v, n);
    for (let i = 0; i < v.length; i++) n = textElement(v[i], n);
    return n;
  };
  const aliases = (v, n) => {
    if (!plain(v)) giveUp();
    const keys = [];
    for (const k in v) if (v[k] !== undefined) keys.push(k);
    buf[n++] = keys.length;
    for (const k of keys) {
      if (typeof v[k] !== "string") giveUp();
      n = text(k, n);
      n = text(v[k], n);
    }
    return n;
  };

  // The listing's properties, then its SKUs and their pairs: most of a listing. Each gets a
  // loop of its own with the members' checks and writes spelled out in it, which the engine
  // compiles to straight code; the same through small helpers is slower. A list of ids
  // gives each element its kind, in a slot before the element.
  const props = (v, n) => {
    if (absent(v)) return n;
    if (typeof v === "string") return text(v, n);
    n = array(v, n);
    const b = buf;
    for (let i = 0; i < v.length; i++) {
      const o = v[i];
      if (typeof o !== "object" || o === null || o[PROBE] !== undefined || !plainProto(o)) giveUp();
      let pid, name, vids, values, txt, al;
      for (const k in o) {
        const x = o[k];
        switch (k) {
          case "pid": pid = x; break;
          case "name": name = x; break;
          case "vids": vids = x; break;
          case "values": values = x; break;
          case "text": txt = x; break;
          case "aliases": al = x; break;
          default: unknown(x);
        }
      }
      const h = n++;
      let hd = 0;
      if (pid === undefined || pid === null) {
      } else if (typeof pid === "number") {
        n = int(pid, n);
        hd = INT;
      } else if (typeof pid === "string") {
        n = text(pid, n);
        hd = TEXT;
      } else giveUp();
      if (name !== undefined) {
        n = optText(name, n);
        hd |= kind(name) << 2;
      }
      if (vids !== undefined) {
        n = array(vids, n);
        hd |= LIST << 4;
        for (let j = 0; j < vids.length; j++) {
          const e = vids[j];
          if (typeof e === "number") {
            b[n++] = INT;
            const x = e | 0;
            if (x === e && x !== WIDE) b[n++] = x;
            else n = int(e, n);
          } else if (typeof e === "string") {
            b[n++] = TEXT;
            n = text(e, n);
          } else giveUp();
        }
      }
      if (values !== undefined) {
        n = textList(values, n);
        hd |= LIST << 6;
      }
      if (txt === undefined || txt === null) {
      } else if (typeof txt === "string") {
        n = text(txt, n);
        hd |= TEXT << 8;
      } else giveUp();
      if (al !== undefined) {
        n = aliases(al, n);
        hd |= LIST << 10;
      }
      b[h] = hd;
    }
    return n;
  };
  // `props` of a SKU, like the listing's: none, a native `pid:vid;...` string, or a list of
  // pairs (INT instead of LIST when every pair is just two integer ids, see below).
  const skuList = (v, n) => {
    if (v === undefined) return n;
    n = array(v, n);
    const b = buf;
    for (let i = 0; i < v.length; i++) {
      const o = v[i];
      if (typeof o !== "object" || o === null || o[PROBE] !== undefined || !plainProto(o)) giveUp();
      let pairs, properties, price, quantity, outer;
      for (const k in o) {
        const x = o[k];
        switch (k) {
          case "props": pairs = x; break;
          case "price": price = x; break;
          case "quantity": quantity = x; break;
          case "outer_id": outer = x; break;
          case "properties": properties = x; break;
          default: unknown(x);
        }
      }
      const h = n++;
      let hd = 0;
      if (pairs === undefined || pairs === null) {
      } else if (typeof pairs === "string") {
        n = text(pairs, n);
        hd = TEXT;
      } else {
        n = array(pairs, n);
        // Pairs that are two integer ids of a slot each and nothing else, nearly all of them,
        // go as the two ids alone, with no header each: `props` then says INT. The first pair
        // that is not turns the ones before it into the general form, and the rest follow in
        // it.
        const first = n;
        let ids = true;
        for (let j = 0; j < pairs.length; j++) {
          const r = pairs[j];
          if (typeof r !== "object" || r === null || r[PROBE] !== undefined || !plainProto(r)) giveUp();
          let pid, name, vid, value;
          for (const k in r) {
            const x = r[k];
            switch (k) {
              case "pid": pid = x; break;
              case "vid": vid = x; break;
              case "name": name = x; break;
              case "value": value = x; break;
              default: unknown(x);
            }
          }
          if (ids) {
            // (`typeof` first: `| 0` of an object would call its `valueOf`.)
            const p = typeof pid === "number" ? pid | 0 : WIDE, q = typeof vid === "number" ? vid | 0 : WIDE;
            if (p === pid && q === vid && p !== WIDE && q !== WIDE && absent(name) && absent(value)) {
              b[n++] = p;
              b[n++] = q;
              continue;
            }
            // Last to first, as each pair grows from two slots to three. (Past the end of
            // `buf` these read and write nothing useful, and the walk is repeated anyway.)
            for (let t = j - 1; t >= 0; t--) {
              const p = b[first + 2 * t], v = b[first + 2 * t + 1];
              b[first + 3 * t] = INT | (INT << 4);
              b[first + 3 * t + 1] = p;
              b[first + 3 * t + 2] = v;
            }
            n = first + 3 * j;
            ids = false;
          }
          const g = n++;
          let gd = 0;
          if (pid === undefined || pid === null) {
          } else if (typeof pid === "number") {
            n = int(pid, n);
            gd = INT;
          } else if (typeof pid === "string") {
            n = text(pid, n);
            gd = TEXT;
          } else giveUp();
          if (name === undefined || name === null) {
          } else if (typeof name === "string") {
            n = text(name, n);
            gd |= TEXT << 2;
          } else giveUp();
          if (vid === undefined || vid === null) {
          } else if (typeof vid === "number") {
            n = int(vid, n);
            gd |= INT << 4;
          } else if (typeof vid === "string") {
            n = text(vid, n);
            gd |= TEXT << 4;
          } else giveUp();
          if (value === undefined || value === null) {
          } else if (typeof value === "string") {
            n = text(value, n);
            gd |= TEXT << 6;
          } else giveUp();
          b[g] = gd;
        }
        hd = ids ? INT : LIST;
      }
      if (properties === undefined || properties === null) {
      } else if (typeof properties === "string") {
        n = text(properties, n);
        hd |= TEXT << 2;
      } else giveUp();
      if (price === undefined || price === null) {
      } else if (typeof price === "number") {
        n = int(price, n);
        hd |= INT << 4;
      } else if (typeof price === "string") {
        n = text(price, n);
        hd |= TEXT << 4;
      } else giveUp();
      if (quantity === undefined || quantity === null) {
      } else if (typeof quantity === "number") {
        n = int(quantity, n);
        hd |= INT << 6;
      } else if (typeof quantity === "string") {
        n = text(quantity, n);
        hd |= TEXT << 6;
      } else giveUp();
      if (outer === undefined || outer === null) {
      } else if (typeof outer === "string") {
        n = text(outer, n);
        hd |= TEXT << 8;
      } else giveUp();
      b[h] = hd;
    }
    return n;
  };
  const qualifications = (v, n) => {
    if (v === undefined) return n;
    n = array(v, n);
    for (let i = 0; i < v.length; i++) {
      const o = v[i];
      if (!plain(o)) giveUp();
      let name, doc;
      for (const k in o) {
        const x = o[k];
        switch (k) {
          case "name": name = x; break;
          case "document": doc = x; break;
          default: unknown(x);
        }
      }
      const h = n;
      n = textElement(name, n + 1);
      if (doc !== undefined) n = textElement(doc, n);
      buf[h] = TEXT | (kind(doc) << 2);
    }
    return n;
  };
  // The listing's header takes slot 0.
  const listing = (o) => {
    if (!plain(o)) giveUp();
    let cat, title, p, skus, quals, outer;
    for (const k in o) {
      const x = o[k];
      switch (k) {
        case "category_id": cat = x; break;
        case "title": title = x; break;
        case "props": p = x; break;
        case "skus": skus = x; break;
        case "qualifications": quals = x; break;
        case "outer_id": outer = x; break;
        default: unknown(x);
      }
    }
    let n = id(cat, 1);
    n = optText(title, n);
    n = props(p, n);
    n = skuList(skus, n);
    n = qualifications(quals, n);
    n = optText(outer, n);
    buf[0] = kind(cat) | (kind(title) << 2) | (kind(p) << 4) | (kind(skus) << 6) | (kind(quals) << 8) | (kind(outer) << 10);
    return n;
  };

  // Members or a toJSON every object would inherit: JSON's view of objects differs from a
  // plain walk, so such pages take the JSON path.
  const prototypesPlain = () => {
    for (const k in Object.prototype) return false;
    return Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined;
  };

  /**
   * `catalog.packed` for a listing object: `op` 0 (`validate`), 1 (`isValid`) or 2
   * (`completeness`) with their second argument; `undefined` to take the JSON path.
   */
  // A getter that validates another listing object in the middle of a walk, or an option's
  // getter in the call after it, would write that one over this one's room: such an inner
  // listing takes the JSON path instead.
  let busy = false;
  return (catalog, op, o, arg) => {
    if (busy || !prototypesPlain()) return undefined;
    busy = true;
    try {
      for (let moved = 0; ; ) {
        if (buf.length === 0 && !place()) return undefined;
        let n;
        m = 0;
        try {
          n = listing(o);
        } catch {
          return undefined;
        }
        // The memory grew under the walk (a getter called into the module): its writes are
        // lost, so it is walked again; twice more at most.
        if (buf.length === 0) {
          if (++moved > 2) return undefined;
          continue;
        }
        if (n <= room && m <= unitRoom) {
          const result = catalog.packed(op, n, m, arg);
          // A huge listing's room (past 1 MiB) is given back, not kept for the life of the
          // page.
          if (room > 64 * FIRST || unitRoom > 128 * FIRST) {
            room = FIRST;
            unitRoom = 2 * FIRST;
            if (!place()) buf = new Int32Array(0);
          }
          return result;
        }
        if (n > room) room = 2 * n;
        if (m > unitRoom) unitRoom = 2 * m;
        if (!place()) return undefined;
      }
    } finally {
      busy = false;
    }
  };
})();

// A report without issues comes back as the number 0 (`CLEAN` in crates/wasm/src/lib.rs), and
// is written here, member for member as its JSON would read: passing that JSON over and
// parsing it costs more than the rest of the report's making. The snapshot's hash is asked for
// once per catalog.
const shelfcheckHashes = new WeakMap();
const shelfcheckClean = (catalog) => {
  let hash = shelfcheckHashes.get(catalog);
  if (hash === undefined) shelfcheckHashes.set(catalog, (hash = catalog.hash));
  return { valid: true, snapshot_hash: hash, errors: 0, warnings: 0, issues: [] };
};

for (const [op, name] of ["validate", "isValid", "completeness"].entries()) {
  const viaJson = Catalog.prototype[name];
  Object.defineProperty(Catalog.prototype, name, {
    configurable: true,
    writable: true,
    value: function (listing, arg) {
      if (typeof listing === "object" && listing !== null) {
        const result = shelfcheckPack(this, op, listing, arg);
        if (result === 0) return shelfcheckClean(this);
        if (result !== undefined) return result;
      }
      return viaJson.call(this, listing, arg);
    },
  });
}
