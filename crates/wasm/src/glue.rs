//! The package's JavaScript writer of the packed form (`pkg/js/packed.js`), generated from the
//! packed layout ([`crate::layout::describe`], committed as `pkg/js/layout.json`).
//!
//! The writer walks a listing object and writes what [`crate::packed`] reads, member by
//! member in the declared order. Every object's walk is spelled out in straight code, the
//! objects of a list inlined into the list's loop: V8 compiles that to about what a careful
//! hand-written walk gives, while the same through one generic, table-driven walk is several
//! times slower. So the walk is generated, once per change of the layout, and committed;
//! `tests/layout.rs` checks that the committed copy is current. Only the walk's fixed parts
//! (the room in the module's memory, strings and numbers) are written by hand, in
//! `PRELUDE` and `DRIVER`.
//!
//! Each member is written according to its JSON kind (`json` in the layout) and the header
//! kinds it may take (`packed`). A kind the generator does not know is an error, not a
//! guess: a new kind of member needs its rule here (see `null_is_none` and `element`).

use serde_json::{Map, Value};
use std::fmt::Write;

/// JSON kinds whose member is none when it is `null`, as when it is absent (serde reads
/// `null` as `None` for these). For the others `null` is a type error, which the JSON path
/// words, so the writer gives up on it.
fn null_is_none(json: &str) -> Result<bool, String> {
    match json {
        "opt_id" | "opt_text" | "scalar" | "objects_or_native" | "object" => Ok(true),
        "id" | "text" | "default_text" | "ids" | "texts" | "text_map" | "objects" => Ok(false),
        other => Err(format!("the packed writer has no rule for members of JSON kind `{other}`")),
    }
}

/// How the elements of a `LIST` are written, by the layout's `elements`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    /// An id: its kind (`INT` or `TEXT`) in a slot before it.
    Id,
    /// A string.
    Text,
    /// A key and a value, both strings (a plain object's members).
    TextPair,
    /// An object, with its own header.
    Object,
}

fn element(name: &str) -> Result<Element, String> {
    match name {
        "id" => Ok(Element::Id),
        "text" => Ok(Element::Text),
        "text_pair" => Ok(Element::TextPair),
        "object" => Ok(Element::Object),
        other => Err(format!("the packed writer has no rule for list elements `{other}`")),
    }
}

/// The objects whose members are read by name (see [`Gen::read`]): those a listing has many of.
const BY_NAME: &[&str] = &["sku", "sku_pair"];

/// One member of an object, as the layout describes it.
struct Member<'a> {
    name: &'a str,
    json: &'a str,
    packed: Vec<&'a str>,
    elements: Option<Element>,
    object: Option<&'a str>,
}

impl Member<'_> {
    fn may_be(&self, kind: &str) -> bool {
        self.packed.contains(&kind)
    }
}

fn members<'a>(objects: &'a Map<String, Value>, name: &str) -> Result<Vec<Member<'a>>, String> {
    let list =
        objects.get(name).and_then(Value::as_array).ok_or_else(|| format!("the layout has no object `{name}`"))?;
    list.iter()
        .map(|m| {
            let text = |key: &str| m.get(key).and_then(Value::as_str);
            let name = text("name").ok_or("a member without a name")?;
            // Member names become parts of JavaScript identifiers.
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
                return Err(format!("member name `{name}` is not a snake_case identifier"));
            }
            let packed = m
                .get("packed")
                .and_then(Value::as_array)
                .map(|k| k.iter().filter_map(Value::as_str).collect())
                .ok_or_else(|| format!("member `{name}` has no packed kinds"))?;
            Ok(Member {
                name,
                json: text("json").ok_or_else(|| format!("member `{name}` has no JSON kind"))?,
                packed,
                elements: text("elements").map(element).transpose()?,
                object: text("object"),
            })
        })
        .collect()
}

/// Writes the walk of one kind of object.
struct Gen<'a> {
    objects: &'a Map<String, Value>,
    out: String,
}

impl<'a> Gen<'a> {
    fn line(&mut self, indent: usize, code: &str) {
        let _ = writeln!(self.out, "{:width$}{code}", "", width = 2 * indent);
    }

    /// Checks that `o{d}` is a plain object and reads its members into `v{d}_{name}`.
    ///
    /// The objects a listing has many of (SKUs and their pairs) have each member read by its
    /// name, and `for...in` then only checks that JSON's view of the object (its own
    /// enumerable members) is those read: every key must be a member read as defined (or one
    /// that is undefined, an unknown one included, as in `unknown`), and the keys so counted
    /// must be all the members read as defined; else a read member came from the prototype
    /// or is not enumerable, and the writer gives up. Reads by name are what the engine does
    /// fastest (the object's shape gives each member's place), where reading each value
    /// through its key is a lookup per key; the checks take more code, so the other objects,
    /// one or a few per listing, are read through their keys. Getters run in the declared
    /// order rather than the object's, once each as in JSON (twice for one that gives
    /// undefined).
    fn read(&mut self, object: &str, d: usize, at: usize) -> Result<Vec<Member<'a>>, String> {
        let objects = self.objects;
        let ms = members(objects, object)?;
        self.line(at, &format!("if (typeof o{d} !== \"object\" || o{d} === null || o{d}[PROBE] !== undefined || !plainProto(o{d})) giveUp();"));
        if !BY_NAME.contains(&object) {
            let vars: Vec<String> = ms.iter().map(|m| format!("v{d}_{}", m.name)).collect();
            self.line(at, &format!("let {};", vars.join(", ")));
            self.line(at, &format!("for (const k in o{d}) {{"));
            self.line(at + 1, &format!("const x = o{d}[k];"));
            self.line(at + 1, "switch (k) {");
            for m in &ms {
                self.line(at + 2, &format!("case \"{}\": v{d}_{} = x; break;", m.name, m.name));
            }
            self.line(at + 2, "default: unknown(x);");
            self.line(at + 1, "}");
            self.line(at, "}");
            return Ok(ms);
        }
        let reads: Vec<String> = ms.iter().map(|m| format!("v{d}_{} = o{d}.{}", m.name, m.name)).collect();
        self.line(at, &format!("const {};", reads.join(", ")));
        let defined = |m: &Member<'_>| format!("v{d}_{} !== undefined", m.name);
        let read: Vec<String> = ms.iter().map(|m| format!("(k === \"{}\" && {})", m.name, defined(m))).collect();
        let count: Vec<String> = ms.iter().map(|m| format!("({})", defined(m))).collect();
        self.line(at, &format!("let c{d} = 0;"));
        self.line(at, &format!("for (const k in o{d}) {{"));
        self.line(at + 1, &format!("if ({}) c{d}++;", read.join(" || ")));
        // (A member read as undefined is read again here, and left out as JSON leaves it.)
        self.line(at + 1, &format!("else unknown(o{d}[k]);"));
        self.line(at, "}");
        self.line(at, &format!("if (c{d} !== {}) giveUp();", count.join(" + ")));
        Ok(ms)
    }

    /// Writes the header and members of `o{d}`, read by [`Gen::read`].
    fn write(&mut self, ms: &[Member<'_>], d: usize, at: usize) -> Result<(), String> {
        self.line(at, &format!("const h{d} = n++;"));
        self.line(at, &format!("let hd{d} = 0;"));
        for (i, m) in ms.iter().enumerate() {
            self.member(m, &format!("v{d}_{}", m.name), &format!("hd{d}"), 2 * i, d, at)?;
        }
        self.line(at, &format!("b[h{d}] = hd{d};"));
        Ok(())
    }

    /// One object, `o{d}`: read, then written.
    fn object(&mut self, object: &str, d: usize, at: usize) -> Result<(), String> {
        let ms = self.read(object, d, at)?;
        self.write(&ms, d, at)
    }

    /// Member `m`, held in `v`, into the header `hd` at bit `shift`.
    fn member(&mut self, m: &Member<'_>, v: &str, hd: &str, shift: usize, d: usize, at: usize) -> Result<(), String> {
        let set = |kind: &str| format!("{hd} |= {kind} << {shift};");
        let mut branches: Vec<(String, Vec<String>)> = Vec::new();
        if m.may_be("NONE") {
            let none = if null_is_none(m.json)? {
                format!("{v} === undefined || {v} === null")
            } else {
                format!("{v} === undefined")
            };
            branches.push((none, Vec::new()));
        } else {
            null_is_none(m.json)?;
        }
        let listed = m.elements.is_some() || m.json == "object";
        if m.may_be("INT") && !listed {
            branches.push((format!("typeof {v} === \"number\""), vec![format!("n = int({v}, n);"), set("INT")]));
        }
        if m.may_be("TEXT") {
            branches.push((format!("typeof {v} === \"string\""), vec![format!("n = text({v}, n);"), set("TEXT")]));
        }
        for (i, (cond, body)) in branches.iter().enumerate() {
            let open = if i == 0 { format!("if ({cond}) {{") } else { format!("}} else if ({cond}) {{") };
            self.line(at, &open);
            for b in body {
                self.line(at + 1, b);
            }
        }
        let inner = if branches.is_empty() { at } else { at + 1 };
        if m.may_be("LIST") {
            if !branches.is_empty() {
                self.line(at, "} else {");
            }
            if m.json == "object" {
                // A single object: a list of one, so that the reader has one way to read objects.
                self.line(inner, &set("LIST"));
                self.line(inner, "b[n++] = 1;");
                self.line(inner, &format!("const o{} = {v};", d + 1));
                let object = m.object.ok_or_else(|| format!("member `{}` names no object", m.name))?;
                self.object(object, d + 1, inner)?;
            } else {
                self.list(m, v, &set("LIST"), hd, shift, d, inner)?;
            }
            if !branches.is_empty() {
                self.line(at, "}");
            }
        } else if !branches.is_empty() {
            self.line(at, "} else giveUp();");
        } else {
            return Err(format!("member `{}` has no kind to write", m.name));
        }
        Ok(())
    }

    /// The list member `m` in `v`, which is not none.
    #[allow(clippy::too_many_arguments, reason = "the generator's position: names, nesting and indentation")]
    fn list(
        &mut self,
        m: &Member<'_>,
        v: &str,
        set: &str,
        hd: &str,
        shift: usize,
        d: usize,
        at: usize,
    ) -> Result<(), String> {
        let j = format!("j{d}");
        match m.elements.ok_or_else(|| format!("list member `{}` has no elements", m.name))? {
            Element::TextPair => {
                self.line(at, &format!("n = textPairs({v}, n);"));
                self.line(at, set);
            }
            Element::Text => {
                self.line(at, &format!("n = array({v}, n);"));
                self.line(at, set);
                self.line(at, &format!("for (let {j} = 0; {j} < {v}.length; {j}++) {{"));
                self.line(at + 1, &format!("const e = {v}[{j}];"));
                self.line(at + 1, "if (typeof e === \"string\") n = text(e, n);");
                self.line(at + 1, "else giveUp();");
                self.line(at, "}");
            }
            Element::Id => {
                self.line(at, &format!("n = array({v}, n);"));
                self.line(at, set);
                self.line(at, &format!("for (let {j} = 0; {j} < {v}.length; {j}++) {{"));
                self.line(at + 1, &format!("const e = {v}[{j}];"));
                self.line(at + 1, "if (typeof e === \"number\") {");
                self.line(at + 2, "b[n++] = INT;");
                self.line(at + 2, "const x = e | 0;");
                self.line(at + 2, "if (x === e && x !== WIDE) b[n++] = x;");
                self.line(at + 2, "else n = int(e, n);");
                self.line(at + 1, "} else if (typeof e === \"string\") {");
                self.line(at + 2, "b[n++] = TEXT;");
                self.line(at + 2, "n = text(e, n);");
                self.line(at + 1, "} else giveUp();");
                self.line(at, "}");
            }
            Element::Object => {
                let object = m.object.ok_or_else(|| format!("member `{}` names no object", m.name))?;
                self.line(at, &format!("n = array({v}, n);"));
                if m.may_be("INT") {
                    return self.id_list(object, v, hd, shift, d, at);
                }
                self.line(at, set);
                self.line(at, &format!("for (let {j} = 0; {j} < {v}.length; {j}++) {{"));
                self.line(at + 1, &format!("const o{} = {v}[{j}];", d + 1));
                self.object(object, d + 1, at + 1)?;
                self.line(at, "}");
            }
        }
        Ok(())
    }

    /// A list of objects that goes as their ids alone (`INT` in the header) while every
    /// element is its `opt_id` members as integers of a slot each, with nothing else; the
    /// first element that is not turns the ones before it into the general form (`LIST`), and
    /// the rest follow in it.
    fn id_list(&mut self, object: &str, v: &str, hd: &str, shift: usize, d: usize, at: usize) -> Result<(), String> {
        let ms = members(self.objects, object)?;
        let ids: Vec<usize> = (0..ms.len()).filter(|&i| ms[i].json == "opt_id").collect();
        if ids.is_empty() {
            return Err(format!("`{object}` has no id members to go alone"));
        }
        let k = ids.len();
        let e = d + 1;
        let (first, all, j) = (format!("first{d}"), format!("ids{d}"), format!("j{d}"));
        let header: String = ids.iter().map(|i| format!("INT << {}", 2 * i)).collect::<Vec<_>>().join(" | ");
        self.line(at, &format!("const {first} = n;"));
        self.line(at, &format!("let {all} = true;"));
        self.line(at, &format!("for (let {j} = 0; {j} < {v}.length; {j}++) {{"));
        self.line(at + 1, &format!("const o{e} = {v}[{j}];"));
        self.read(object, e, at + 1)?;
        self.line(at + 1, &format!("if ({all}) {{"));
        // (`typeof` first: `| 0` of an object would call its `valueOf`.)
        let mut fits = Vec::new();
        for (t, &i) in ids.iter().enumerate() {
            let var = format!("v{e}_{}", ms[i].name);
            self.line(at + 2, &format!("const p{t} = typeof {var} === \"number\" ? {var} | 0 : WIDE;"));
            fits.push(format!("p{t} === {var} && p{t} !== WIDE"));
        }
        for (i, m) in ms.iter().enumerate() {
            if !ids.contains(&i) {
                fits.push(format!("absent(v{e}_{})", m.name));
            }
        }
        self.line(at + 2, &format!("if ({}) {{", fits.join(" && ")));
        for t in 0..k {
            self.line(at + 3, &format!("b[n++] = p{t};"));
        }
        self.line(at + 3, "continue;");
        self.line(at + 2, "}");
        // Last to first, as each element grows by its header slot. (Past the end of `buf`
        // these read and write nothing useful, and the walk is repeated anyway.)
        self.line(at + 2, &format!("for (let t = {j} - 1; t >= 0; t--) {{"));
        for t in 0..k {
            self.line(at + 3, &format!("const q{t} = b[{first} + {k} * t + {t}];"));
        }
        self.line(at + 3, &format!("b[{first} + {} * t] = {header};", k + 1));
        for t in 0..k {
            self.line(at + 3, &format!("b[{first} + {} * t + {}] = q{t};", k + 1, t + 1));
        }
        self.line(at + 2, "}");
        self.line(at + 2, &format!("n = {first} + {} * {j};", k + 1));
        self.line(at + 2, &format!("{all} = false;"));
        self.line(at + 1, "}");
        self.write(&ms, e, at + 1)?;
        self.line(at, "}");
        self.line(at, &format!("{hd} |= ({all} ? INT : LIST) << {shift};"));
        Ok(())
    }
}

/// The writer module for `layout` (the value [`crate::layout::describe`] returns).
pub fn packed_js(layout: &Value) -> Result<String, String> {
    let objects = layout.get("objects").and_then(Value::as_object).ok_or("the layout has no objects")?;
    let kind = |name: &str| {
        layout
            .get("kinds")
            .and_then(|k| k.get(name))
            .and_then(Value::as_i64)
            .ok_or(format!("the layout has no kind {name}"))
    };
    let wide = layout.get("wide").and_then(Value::as_i64).ok_or("the layout has no wide marker")?;
    let mut g = Gen { objects, out: String::new() };
    g.line(1, "// The listing into the room: its header at slot 0. Generated from the layout.");
    g.line(1, "const listing = (o0) => {");
    g.line(2, "const b = buf;");
    g.line(2, "let n = 0;");
    g.object("listing", 0, 2)?;
    g.line(2, "return n;");
    g.line(1, "};");
    let mut out = String::new();
    let _ = write!(
        out,
        "{}const NONE = {}, INT = {}, TEXT = {}, LIST = {};\nconst WIDE = {wide};\nconst LONG = {};\n{}{}{}",
        HEAD,
        kind("NONE")?,
        kind("INT")?,
        kind("TEXT")?,
        kind("LIST")?,
        crate::packed::LONG,
        PRELUDE,
        g.out,
        DRIVER
    );
    Ok(out)
}

const HEAD: &str = r#"// GENERATED from pkg/js/layout.json by crates/wasm/src/glue.rs: do not edit. Regenerate with
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

"#;

const PRELUDE: &str = r#"
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

"#;

const DRIVER: &str = r#"
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
"#;
