// GENERATED from pkg/js/layout.json by crates/wasm/src/glue.rs: do not edit. Regenerate with
//   SHELFCHECK_UPDATE_SCHEMAS=1 cargo test -p shelfcheck-wasm --test layout
//
// Listing objects cross into the module without JSON text. `JSON.stringify` of a typical
// listing object costs more than validating it, so `listingWriter` walks the object instead,
// writing numbers, string lengths and what each member holds into one Int32Array and the
// strings' UTF-16 code units into one Uint16Array, both in the module's memory, in the
// listing's declared member order. The packed layout is documented in one place,
// crates/wasm/src/packed.rs, which reads it back. Anything unusual (an unknown member, a
// fractional or unsafe number, a wrongly typed value, a getter that throws...) gives up, and
// so does the reader on a lone surrogate; the object then takes the JSON path, which decides
// and words every error. So results are always those of the JSON path.

const NONE = 0, INT = 1, TEXT = 2, LIST = 3;
const WIDE = -2147483648;
const LONG = 64;

/**
 * A writer of listing objects into the module's packed-listing room.
 * - `room(which, length)`: sizes the room's slots (`which` 0) or code units (1) and returns
 *   their address, 0 when it cannot.
 * - `memory()`: the module's `WebAssembly.Memory`.
 * - `Buffer`: Node's `Buffer`, which copies a long string's code units in one native call;
 *   absent in browsers, where a long string goes as UTF-8 through `TextEncoder.encodeInto`
 *   (see crates/wasm/src/packed.rs) and others are copied unit by unit.
 * The writer, `(listing, target, op, arg)`, walks `listing` into the room and returns
 * `target.packed(op, slots, units, arg)`, the module's answer, or `undefined` when the
 * listing takes the JSON path.
 */
export function listingWriter({ room: sizeRoom, memory, Buffer: NativeBytes }) {
  const GIVE_UP = {};
  // The walk writes straight into the module's memory through these views: passing arrays
  // in would allocate and copy them on every call. Writes past the end of a typed array are
  // dropped, so no write checks for room: a walk that ran out is repeated with a bigger
  // room. When the module's memory grows, its old buffer is detached and the views are left
  // empty: they are made again before the next walk.
  const FIRST = 4096;
  let room = FIRST, unitRoom = 2 * FIRST;
  let buf = new Int32Array(0);
  let units = new Uint16Array(0);
  // Over the units: Node's Buffer, or bytes for `TextEncoder.encodeInto` where it has none.
  let unitBytes;
  let bytes = new Uint8Array(0);
  const encoder = NativeBytes === undefined && typeof TextEncoder === "function" ? new TextEncoder() : undefined;
  let m = 0;
  // Sizes the room and makes the views over it; false when the module cannot give it.
  const place = () => {
    const at = sizeRoom(0, room) >>> 0;
    const unitsAt = sizeRoom(1, unitRoom) >>> 0;
    if (at === 0 || unitsAt === 0) return false;
    const { buffer } = memory();
    buf = new Int32Array(buffer, at, room);
    units = new Uint16Array(buffer, unitsAt, unitRoom);
    if (NativeBytes !== undefined) unitBytes = NativeBytes.from(buffer, unitsAt, 2 * unitRoom);
    else bytes = new Uint8Array(buffer, unitsAt, 2 * unitRoom);
    return true;
  };

  const giveUp = () => {
    throw GIVE_UP;
  };
  // A plain object, which JSON.stringify writes member by member. Its members are read with
  // `for...in`, as JSON reads them, or (SKUs and their pairs) by name and checked with
  // `for...in` to be those (own enumerable ones: the writer gives up when the prototypes have
  // enumerable members or a toJSON), and an unknown member gives up unless undefined.
  const plainProto = (o) => {
    const proto = Object.getPrototypeOf(o);
    return proto === Object.prototype || proto === null;
  };
  // A member no object has (a symbol of this module's own) is looked up before the
  // prototype is asked for. The lookup reads nothing (no getter runs), but it gives the
  // engine the object's shape, from which it knows the prototype without a call into the
  // runtime, a large share of a listing's walk.
  const PROBE = Symbol("shelfcheck probe");
  const unknown = (v) => {
    if (v !== undefined) giveUp();
  };
  const absent = (v) => v === undefined || v === null;

  // Copying code units costs less than appending the strings to one and checking that for
  // lone surrogates; the reader decodes the units and hands a lone surrogate over. Only
  // into room there is: writes past the end of a typed array are dropped, but a loop of them
  // runs many times slower, and a walk that ran out of room is repeated anyway. A long string
  // goes in one native call where there is one: unit by unit, a text-heavy listing would cost
  // several times its JSON text. Without Node's Buffer that call writes UTF-8: its length slot
  // is the complement of its bytes, and a string that did not fit asks for room for the most
  // it can take, three bytes a unit.
  const text = (s, n) => {
    const len = s.length;
    // Locals, not the closure's variables, in the loop: the engine keeps them in registers.
    const u = units;
    const j = m;
    if (len > LONG && unitBytes === undefined && encoder !== undefined) {
      // (A view left empty by the memory's growth makes no subarray: the walk is repeated.)
      let read = 0, written = 0;
      if (2 * j < bytes.length) ({ read, written } = encoder.encodeInto(s, bytes.subarray(2 * j)));
      buf[n] = ~written;
      m = j + (read < len ? (3 * len + 1) >> 1 : (written + 1) >> 1);
      return n + 1;
    }
    buf[n] = len;
    m = j + len;
    if (m <= u.length) {
      if (len > LONG && unitBytes !== undefined) unitBytes.write(s, 2 * j, 2 * len, "utf16le");
      else for (let i = 0; i < len; i++) u[j + i] = s.charCodeAt(i);
    }
    return n + 1;
  };
  // A safe integer: one slot when it fits one, as nearly every number does, or else `WIDE`
  // and its low and high 32 bits. `v | 0` is v itself exactly when it fits, and 0 for -0,
  // which JSON writes as 0.
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
  // A list: its length. Only a plain array, which JSON writes element by element.
  const array = (v, n) => {
    // `toJSON` first, for the same reason as the objects' member read (see `plainProto`).
    if (!Array.isArray(v) || v.toJSON !== undefined || Object.getPrototypeOf(v) !== Array.prototype) giveUp();
    buf[n] = v.length;
    return n + 1;
  };
  // A plain object of strings: its number of members, then each key and value.
  const textPairs = (v, n) => {
    if (typeof v !== "object" || v === null || !plainProto(v)) giveUp();
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

  // The listing into the room: its header at slot 0. Generated from the layout.
  const listing = (o0) => {
    const b = buf;
    let n = 0;
    if (typeof o0 !== "object" || o0 === null || o0[PROBE] !== undefined || !plainProto(o0)) giveUp();
    let v0_category_id, v0_title, v0_props, v0_skus, v0_qualifications, v0_outer_id, v0_price, v0_quantity, v0_description, v0_images, v0_location, v0_barcode, v0_stuff_status, v0_price_ranges, v0_min_order_quantity, v0_unit;
    for (const k in o0) {
      const x = o0[k];
      switch (k) {
        case "category_id": v0_category_id = x; break;
        case "title": v0_title = x; break;
        case "props": v0_props = x; break;
        case "skus": v0_skus = x; break;
        case "qualifications": v0_qualifications = x; break;
        case "outer_id": v0_outer_id = x; break;
        case "price": v0_price = x; break;
        case "quantity": v0_quantity = x; break;
        case "description": v0_description = x; break;
        case "images": v0_images = x; break;
        case "location": v0_location = x; break;
        case "barcode": v0_barcode = x; break;
        case "stuff_status": v0_stuff_status = x; break;
        case "price_ranges": v0_price_ranges = x; break;
        case "min_order_quantity": v0_min_order_quantity = x; break;
        case "unit": v0_unit = x; break;
        default: unknown(x);
      }
    }
    const h0 = n++;
    let hd0 = 0;
    if (typeof v0_category_id === "number") {
      n = int(v0_category_id, n);
      hd0 |= INT << 0;
    } else if (typeof v0_category_id === "string") {
      n = text(v0_category_id, n);
      hd0 |= TEXT << 0;
    } else giveUp();
    if (v0_title === undefined || v0_title === null) {
    } else if (typeof v0_title === "string") {
      n = text(v0_title, n);
      hd0 |= TEXT << 2;
    } else giveUp();
    if (v0_props === undefined || v0_props === null) {
    } else if (typeof v0_props === "string") {
      n = text(v0_props, n);
      hd0 |= TEXT << 4;
    } else {
      n = array(v0_props, n);
      hd0 |= LIST << 4;
      for (let j0 = 0; j0 < v0_props.length; j0++) {
        const o1 = v0_props[j0];
        if (typeof o1 !== "object" || o1 === null || o1[PROBE] !== undefined || !plainProto(o1)) giveUp();
        let v1_pid, v1_name, v1_vids, v1_values, v1_text, v1_aliases;
        for (const k in o1) {
          const x = o1[k];
          switch (k) {
            case "pid": v1_pid = x; break;
            case "name": v1_name = x; break;
            case "vids": v1_vids = x; break;
            case "values": v1_values = x; break;
            case "text": v1_text = x; break;
            case "aliases": v1_aliases = x; break;
            default: unknown(x);
          }
        }
        const h1 = n++;
        let hd1 = 0;
        if (v1_pid === undefined || v1_pid === null) {
        } else if (typeof v1_pid === "number") {
          n = int(v1_pid, n);
          hd1 |= INT << 0;
        } else if (typeof v1_pid === "string") {
          n = text(v1_pid, n);
          hd1 |= TEXT << 0;
        } else giveUp();
        if (v1_name === undefined || v1_name === null) {
        } else if (typeof v1_name === "string") {
          n = text(v1_name, n);
          hd1 |= TEXT << 2;
        } else giveUp();
        if (v1_vids === undefined) {
        } else {
          n = array(v1_vids, n);
          hd1 |= LIST << 4;
          for (let j1 = 0; j1 < v1_vids.length; j1++) {
            const e = v1_vids[j1];
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
        if (v1_values === undefined) {
        } else {
          n = array(v1_values, n);
          hd1 |= LIST << 6;
          for (let j1 = 0; j1 < v1_values.length; j1++) {
            const e = v1_values[j1];
            if (typeof e === "string") n = text(e, n);
            else giveUp();
          }
        }
        if (v1_text === undefined || v1_text === null) {
        } else if (typeof v1_text === "string") {
          n = text(v1_text, n);
          hd1 |= TEXT << 8;
        } else giveUp();
        if (v1_aliases === undefined) {
        } else {
          n = textPairs(v1_aliases, n);
          hd1 |= LIST << 10;
        }
        b[h1] = hd1;
      }
    }
    if (v0_skus === undefined) {
    } else {
      n = array(v0_skus, n);
      hd0 |= LIST << 6;
      for (let j0 = 0; j0 < v0_skus.length; j0++) {
        const o1 = v0_skus[j0];
        if (typeof o1 !== "object" || o1 === null || o1[PROBE] !== undefined || !plainProto(o1)) giveUp();
        const v1_props = o1.props, v1_properties = o1.properties, v1_price = o1.price, v1_quantity = o1.quantity, v1_outer_id = o1.outer_id, v1_barcode = o1.barcode, v1_market_price = o1.market_price;
        let c1 = 0;
        for (const k in o1) {
          if ((k === "props" && v1_props !== undefined) || (k === "properties" && v1_properties !== undefined) || (k === "price" && v1_price !== undefined) || (k === "quantity" && v1_quantity !== undefined) || (k === "outer_id" && v1_outer_id !== undefined) || (k === "barcode" && v1_barcode !== undefined) || (k === "market_price" && v1_market_price !== undefined)) c1++;
          else unknown(o1[k]);
        }
        if (c1 !== (v1_props !== undefined) + (v1_properties !== undefined) + (v1_price !== undefined) + (v1_quantity !== undefined) + (v1_outer_id !== undefined) + (v1_barcode !== undefined) + (v1_market_price !== undefined)) giveUp();
        const h1 = n++;
        let hd1 = 0;
        if (v1_props === undefined || v1_props === null) {
        } else if (typeof v1_props === "string") {
          n = text(v1_props, n);
          hd1 |= TEXT << 0;
        } else {
          n = array(v1_props, n);
          const first1 = n;
          let ids1 = true;
          for (let j1 = 0; j1 < v1_props.length; j1++) {
            const o2 = v1_props[j1];
            if (typeof o2 !== "object" || o2 === null || o2[PROBE] !== undefined || !plainProto(o2)) giveUp();
            const v2_pid = o2.pid, v2_name = o2.name, v2_vid = o2.vid, v2_value = o2.value;
            let c2 = 0;
            for (const k in o2) {
              if ((k === "pid" && v2_pid !== undefined) || (k === "name" && v2_name !== undefined) || (k === "vid" && v2_vid !== undefined) || (k === "value" && v2_value !== undefined)) c2++;
              else unknown(o2[k]);
            }
            if (c2 !== (v2_pid !== undefined) + (v2_name !== undefined) + (v2_vid !== undefined) + (v2_value !== undefined)) giveUp();
            if (ids1) {
              const p0 = typeof v2_pid === "number" ? v2_pid | 0 : WIDE;
              const p1 = typeof v2_vid === "number" ? v2_vid | 0 : WIDE;
              if (p0 === v2_pid && p0 !== WIDE && p1 === v2_vid && p1 !== WIDE && absent(v2_name) && absent(v2_value)) {
                b[n++] = p0;
                b[n++] = p1;
                continue;
              }
              for (let t = j1 - 1; t >= 0; t--) {
                const q0 = b[first1 + 2 * t + 0];
                const q1 = b[first1 + 2 * t + 1];
                b[first1 + 3 * t] = INT << 0 | INT << 4;
                b[first1 + 3 * t + 1] = q0;
                b[first1 + 3 * t + 2] = q1;
              }
              n = first1 + 3 * j1;
              ids1 = false;
            }
            const h2 = n++;
            let hd2 = 0;
            if (v2_pid === undefined || v2_pid === null) {
            } else if (typeof v2_pid === "number") {
              n = int(v2_pid, n);
              hd2 |= INT << 0;
            } else if (typeof v2_pid === "string") {
              n = text(v2_pid, n);
              hd2 |= TEXT << 0;
            } else giveUp();
            if (v2_name === undefined || v2_name === null) {
            } else if (typeof v2_name === "string") {
              n = text(v2_name, n);
              hd2 |= TEXT << 2;
            } else giveUp();
            if (v2_vid === undefined || v2_vid === null) {
            } else if (typeof v2_vid === "number") {
              n = int(v2_vid, n);
              hd2 |= INT << 4;
            } else if (typeof v2_vid === "string") {
              n = text(v2_vid, n);
              hd2 |= TEXT << 4;
            } else giveUp();
            if (v2_value === undefined || v2_value === null) {
            } else if (typeof v2_value === "string") {
              n = text(v2_value, n);
              hd2 |= TEXT << 6;
            } else giveUp();
            b[h2] = hd2;
          }
          hd1 |= (ids1 ? INT : LIST) << 0;
        }
        if (v1_properties === undefined || v1_properties === null) {
        } else if (typeof v1_properties === "string") {
          n = text(v1_properties, n);
          hd1 |= TEXT << 2;
        } else giveUp();
        if (v1_price === undefined || v1_price === null) {
        } else if (typeof v1_price === "number") {
          n = int(v1_price, n);
          hd1 |= INT << 4;
        } else if (typeof v1_price === "string") {
          n = text(v1_price, n);
          hd1 |= TEXT << 4;
        } else giveUp();
        if (v1_quantity === undefined || v1_quantity === null) {
        } else if (typeof v1_quantity === "number") {
          n = int(v1_quantity, n);
          hd1 |= INT << 6;
        } else if (typeof v1_quantity === "string") {
          n = text(v1_quantity, n);
          hd1 |= TEXT << 6;
        } else giveUp();
        if (v1_outer_id === undefined || v1_outer_id === null) {
        } else if (typeof v1_outer_id === "string") {
          n = text(v1_outer_id, n);
          hd1 |= TEXT << 8;
        } else giveUp();
        if (v1_barcode === undefined || v1_barcode === null) {
        } else if (typeof v1_barcode === "string") {
          n = text(v1_barcode, n);
          hd1 |= TEXT << 10;
        } else giveUp();
        if (v1_market_price === undefined || v1_market_price === null) {
        } else if (typeof v1_market_price === "number") {
          n = int(v1_market_price, n);
          hd1 |= INT << 12;
        } else if (typeof v1_market_price === "string") {
          n = text(v1_market_price, n);
          hd1 |= TEXT << 12;
        } else giveUp();
        b[h1] = hd1;
      }
    }
    if (v0_qualifications === undefined) {
    } else {
      n = array(v0_qualifications, n);
      hd0 |= LIST << 8;
      for (let j0 = 0; j0 < v0_qualifications.length; j0++) {
        const o1 = v0_qualifications[j0];
        if (typeof o1 !== "object" || o1 === null || o1[PROBE] !== undefined || !plainProto(o1)) giveUp();
        let v1_name, v1_document;
        for (const k in o1) {
          const x = o1[k];
          switch (k) {
            case "name": v1_name = x; break;
            case "document": v1_document = x; break;
            default: unknown(x);
          }
        }
        const h1 = n++;
        let hd1 = 0;
        if (typeof v1_name === "string") {
          n = text(v1_name, n);
          hd1 |= TEXT << 0;
        } else giveUp();
        if (v1_document === undefined) {
        } else if (typeof v1_document === "string") {
          n = text(v1_document, n);
          hd1 |= TEXT << 2;
        } else giveUp();
        b[h1] = hd1;
      }
    }
    if (v0_outer_id === undefined || v0_outer_id === null) {
    } else if (typeof v0_outer_id === "string") {
      n = text(v0_outer_id, n);
      hd0 |= TEXT << 10;
    } else giveUp();
    if (v0_price === undefined || v0_price === null) {
    } else if (typeof v0_price === "number") {
      n = int(v0_price, n);
      hd0 |= INT << 12;
    } else if (typeof v0_price === "string") {
      n = text(v0_price, n);
      hd0 |= TEXT << 12;
    } else giveUp();
    if (v0_quantity === undefined || v0_quantity === null) {
    } else if (typeof v0_quantity === "number") {
      n = int(v0_quantity, n);
      hd0 |= INT << 14;
    } else if (typeof v0_quantity === "string") {
      n = text(v0_quantity, n);
      hd0 |= TEXT << 14;
    } else giveUp();
    if (v0_description === undefined || v0_description === null) {
    } else if (typeof v0_description === "string") {
      n = text(v0_description, n);
      hd0 |= TEXT << 16;
    } else giveUp();
    if (v0_images === undefined) {
    } else {
      n = array(v0_images, n);
      hd0 |= LIST << 18;
      for (let j0 = 0; j0 < v0_images.length; j0++) {
        const e = v0_images[j0];
        if (typeof e === "string") n = text(e, n);
        else giveUp();
      }
    }
    if (v0_location === undefined || v0_location === null) {
    } else {
      hd0 |= LIST << 20;
      b[n++] = 1;
      const o1 = v0_location;
      if (typeof o1 !== "object" || o1 === null || o1[PROBE] !== undefined || !plainProto(o1)) giveUp();
      let v1_state, v1_city;
      for (const k in o1) {
        const x = o1[k];
        switch (k) {
          case "state": v1_state = x; break;
          case "city": v1_city = x; break;
          default: unknown(x);
        }
      }
      const h1 = n++;
      let hd1 = 0;
      if (v1_state === undefined || v1_state === null) {
      } else if (typeof v1_state === "string") {
        n = text(v1_state, n);
        hd1 |= TEXT << 0;
      } else giveUp();
      if (v1_city === undefined || v1_city === null) {
      } else if (typeof v1_city === "string") {
        n = text(v1_city, n);
        hd1 |= TEXT << 2;
      } else giveUp();
      b[h1] = hd1;
    }
    if (v0_barcode === undefined || v0_barcode === null) {
    } else if (typeof v0_barcode === "string") {
      n = text(v0_barcode, n);
      hd0 |= TEXT << 22;
    } else giveUp();
    if (v0_stuff_status === undefined || v0_stuff_status === null) {
    } else if (typeof v0_stuff_status === "string") {
      n = text(v0_stuff_status, n);
      hd0 |= TEXT << 24;
    } else giveUp();
    if (v0_price_ranges === undefined) {
    } else {
      n = array(v0_price_ranges, n);
      hd0 |= LIST << 26;
      for (let j0 = 0; j0 < v0_price_ranges.length; j0++) {
        const o1 = v0_price_ranges[j0];
        if (typeof o1 !== "object" || o1 === null || o1[PROBE] !== undefined || !plainProto(o1)) giveUp();
        let v1_start_quantity, v1_price;
        for (const k in o1) {
          const x = o1[k];
          switch (k) {
            case "start_quantity": v1_start_quantity = x; break;
            case "price": v1_price = x; break;
            default: unknown(x);
          }
        }
        const h1 = n++;
        let hd1 = 0;
        if (v1_start_quantity === undefined || v1_start_quantity === null) {
        } else if (typeof v1_start_quantity === "number") {
          n = int(v1_start_quantity, n);
          hd1 |= INT << 0;
        } else if (typeof v1_start_quantity === "string") {
          n = text(v1_start_quantity, n);
          hd1 |= TEXT << 0;
        } else giveUp();
        if (v1_price === undefined || v1_price === null) {
        } else if (typeof v1_price === "number") {
          n = int(v1_price, n);
          hd1 |= INT << 2;
        } else if (typeof v1_price === "string") {
          n = text(v1_price, n);
          hd1 |= TEXT << 2;
        } else giveUp();
        b[h1] = hd1;
      }
    }
    if (v0_min_order_quantity === undefined || v0_min_order_quantity === null) {
    } else if (typeof v0_min_order_quantity === "number") {
      n = int(v0_min_order_quantity, n);
      hd0 |= INT << 28;
    } else if (typeof v0_min_order_quantity === "string") {
      n = text(v0_min_order_quantity, n);
      hd0 |= TEXT << 28;
    } else giveUp();
    if (v0_unit === undefined || v0_unit === null) {
    } else if (typeof v0_unit === "string") {
      n = text(v0_unit, n);
      hd0 |= TEXT << 30;
    } else giveUp();
    b[h0] = hd0;
    return n;
  };

  // Members or a toJSON every object would inherit: JSON's view of objects differs from a
  // plain walk, so such pages take the JSON path.
  const prototypesPlain = () => {
    for (const k in Object.prototype) return false;
    return Object.prototype.toJSON === undefined && Array.prototype.toJSON === undefined;
  };

  // A getter that validates another listing object in the middle of a walk, or an option's
  // getter in the call after it, would write that one over this one's room: such an inner
  // listing takes the JSON path instead.
  let busy = false;
  return (o, target, op, arg) => {
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
          const result = target.packed(op, n, m, arg);
          // A room past 1 MiB is not kept for the life of the page: it shrinks to what this
          // listing took when that is within 1 MiB (a room grown for it may be twice as
          // large, or three times, for a long string as UTF-8 that found no room), and to its
          // first size after a huge listing. Given back whole every time, a room grown for a
          // listing under 1 MiB would be grown again, and the listing walked twice, on every
          // call.
          if (room > 64 * FIRST || unitRoom > 128 * FIRST) {
            room = n <= 64 * FIRST ? Math.max(n, FIRST) : FIRST;
            unitRoom = m <= 128 * FIRST ? Math.max(m, 2 * FIRST) : 2 * FIRST;
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
}
