//! A listing object from JavaScript without JSON text.
//!
//! `JSON.stringify` of a typical listing object costs more than validating it. The package's
//! packed writer (`pkg/js/packed.js`, generated from this layout by [`crate::glue`]) walks the object
//! instead, writing numbers and string lengths into one `Int32Array` and the strings' UTF-16
//! code units into one `Uint16Array`, in the listing's fixed field order; this module reads
//! that back into a [`Listing`].
//! - 32-bit integers, not JavaScript's own 64-bit floats: every number but a rare large id
//!   fits one, and reading a float back as an integer takes a conversion and a check of it per
//!   slot, which would be the larger part of reading a listing.
//! - Code units, not one joined string: appending a hundred strings and checking the result
//!   for lone surrogates cost the glue more than copying their units. Here each string is
//!   decoded on its own, which finds a lone surrogate anyway, and a short ASCII one (a price,
//!   a SKU code) goes straight into its place without decoding
//!   ([`ShortText::assign_ascii`]). In place, because in WebAssembly a text built aside and
//!   then moved into its field is written piecemeal (a runtime call for the copy of variable
//!   length, then byte by byte) and read straight back in words for the move, which stalls
//!   until the writes land.
//!
//! Like [`Listing::from_json`], the path is partial on purpose: the glue gives up on anything
//! unusual (an unknown field, a fractional number, a wrongly typed value...) and so does the
//! reader here (an id string that does not parse, a string that is not well-formed UTF-16,
//! such as a lone surrogate). The object then takes the JSON path, which decides and words any
//! error. So this path only ever gives the listing `JSON.stringify` + `serde_json` would give;
//! `pkg/test/packed.test.mjs` holds it to that.
//!
//! Each object (the listing, a property, a SKU, a SKU pair, a qualification) starts with a
//! header slot holding two bits per member, in the order of the listing's declaration
//! (`shelfcheck_core::input::listing::shape`, described as data by [`crate::layout`] and committed as
//! `pkg/js/layout.json`), that say what follows
//! for it: nothing (`NONE`: absent or `null`, where both mean "none"), a safe integer
//! (`INT`: one slot, or [`WIDE`] and two more when it does not fit one), a string (`TEXT`: its
//! length in UTF-16 code units; the units are next in the units array) or a list (`LIST`: its
//! length, then the elements). An element of a list of ids has a slot of its own with its
//! kind; elements of other lists are known by their place. A member holding one object (the
//! listing's `location`) is `LIST` with length 1 followed by the object, as a list of one.
//! A header is all 32 bits of its slot: an object has at most 16 members
//! ([`shelfcheck_core::input::listing::shape::MAX_MEMBERS`]).
//! One exception: a SKU's `props` whose pairs are each two integer ids and nothing else (nearly
//! every SKU) is `INT`, its count and then the ids, two per pair, with no header per pair.
//!
//! A string of more than [`LONG`] units may instead go as UTF-8: its length slot is then the
//! complement (`!b`, a negative number) of its length `b` in bytes, and the bytes are next in
//! the units array, two to a unit (the first in the low half), the last unit's high half
//! unused when `b` is odd. Engines with no native copy of UTF-16 code units (browsers) copy a
//! string unit by unit in JavaScript, several times slower than its JSON text, where
//! `TextEncoder.encodeInto` writes its UTF-8 in one native call. That writes U+FFFD for a lone
//! surrogate, as the JSON path reads one (see `crate::surrogates`), so the listing read is the
//! same.
//!
//! [`read_into`] reads into the space of an earlier listing, which the package's catalog keeps
//! from one call to the next; [`pack`] writes the form from a [`Listing`] as the glue would,
//! for tests and benchmarks (`crates/bench/examples/packed_read.rs`).

use shelfcheck_core::input::limits::InputLimits;
use shelfcheck_core::input::listing::shape::{
    ListingMember, LocationMember, Object, PriceRangeMember, PropertyMember, QualificationMember, SkuMember,
    SkuPairMember, LISTING, LOCATION, PRICE_RANGE, PROPERTY, QUALIFICATION, SKU, SKU_PAIR,
};
use shelfcheck_core::input::listing::{
    Location, PriceRange, PropInput, Props, QualificationDoc, Scalar, ShortText, Sku, SkuPropRef, SkuProps,
};
use shelfcheck_core::model::ids;
use shelfcheck_core::{Id, Listing};

/// What a member or an element holds (named in [`crate::layout`]'s description).
pub(crate) const NONE: u32 = 0;
pub(crate) const INT: u32 = 1;
pub(crate) const TEXT: u32 = 2;
pub(crate) const LIST: u32 = 3;

/// In place of an integer that does not fit a slot (or is this very value): the integer
/// follows in two slots, its low 32 bits and then its high 32 bits.
pub const WIDE: i32 = i32::MIN;

/// The largest integer the glue sends: JavaScript's `Number.MAX_SAFE_INTEGER`.
pub(crate) const MAX_SAFE: u64 = (1 << 53) - 1;

/// Strings of more units than this go in one native call where the engine has one (see the
/// module's notes); shorter ones are copied unit by unit, which costs less than the call.
pub const LONG: usize = 64;

/// An object's header: the kinds of its members, read off in order.
struct Members(u32);

impl Members {
    fn next(&mut self) -> u32 {
        let kind = self.0 & 3;
        self.0 >>= 2;
        kind
    }
}

/// An upper bound of the size of the object's JSON text, for the input limit, where every
/// string is UTF-16: every unit of a string escapes to at most six bytes and every slot stands
/// for at most one number or string with its member name and punctuation. A string sent as
/// UTF-8 adds six bytes for each of its bytes (each is at most one UTF-16 unit of the string),
/// which [`read_into`] adds once it has read them.
pub fn json_bound(nums: &[i32], units: &[u16]) -> usize {
    6 * units.len() + 48 * nums.len() + 64
}

/// The listing, or `None` where the JSON path must decide, which includes a listing over one
/// of `limits` (see [`InputLimits::check_listing`]; the JSON path then words the error): a
/// listing this returns is within them, with no second walk over it to check.
pub fn read(nums: &[i32], units: &[u16], limits: &InputLimits) -> Option<Listing> {
    let mut listing = Listing::default();
    read_into(nums, units, limits, &mut listing).then_some(listing)
}

/// [`read`] into `listing`, reusing the space its lists and strings already hold: a form
/// validates the same shape of listing again and again, and allocating (and freeing) a list
/// per SKU and a string per text would be a large share of reading it. `true` when the whole of
/// `listing` now holds what `read` would return; on `false` it holds a mix of old and new
/// and is only good for reuse.
pub fn read_into(nums: &[i32], units: &[u16], limits: &InputLimits, listing: &mut Listing) -> bool {
    let mut r = Reader { nums, at: 0, units, pos: 0, utf8: Vec::new(), utf8_bytes: 0, limits };
    r.listing(listing).is_some()
        && r.at == nums.len()
        && r.pos == units.len()
        && json_bound(nums, units).saturating_add(r.utf8_bytes.saturating_mul(6)) <= limits.listing_bytes
}

/// The UTF-8 bytes `units` hold (see the module's notes), `bytes` of them, into `out`, which
/// is emptied first.
fn bytes_into(units: &[u16], bytes: usize, out: &mut Vec<u8>) {
    // Sized once and then stored into: growing it a unit at a time would check its capacity
    // for every two bytes, which the size-tuned build does not optimise away.
    out.clear();
    out.resize(2 * units.len(), 0);
    for (pair, u) in out.chunks_exact_mut(2).zip(units) {
        if let [lo, hi] = pair {
            [*lo, *hi] = u.to_le_bytes();
        }
    }
    out.truncate(bytes);
}

/// `units` as UTF-8 into `out`, which is emptied first; `None` when they are not well-formed
/// UTF-16: a lone surrogate, which includes half of a pair cut off by either end.
fn decode_into(units: &[u16], out: &mut Vec<u8>) -> Option<()> {
    out.clear();
    let mut i = 0;
    loop {
        // Four ASCII units at a time, as long as they last: a third less time in all.
        while let Some(&[a, b, c, d]) = units.get(i..i + 4) {
            if (a | b | c | d) >= 0x80 {
                break;
            }
            out.extend_from_slice(&[a as u8, b as u8, c as u8, d as u8]);
            i += 4;
        }
        let Some(&u) = units.get(i) else { break };
        i += 1;
        let c = match u {
            0..0x80 => {
                out.push(u as u8);
                continue;
            }
            0xD800..0xDC00 => {
                let low = *units.get(i).filter(|l| (0xDC00..0xE000).contains(*l))?;
                i += 1;
                0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xDC00..0xE000 => return None,
            _ => u32::from(u),
        };
        // Byte by byte, not through `char::encode_utf8`: its copy of 2 to 4 bytes is of
        // variable length, a call in WebAssembly for every character of a Chinese title.
        // (`Reader::decode` checks the result.)
        let cont = |shift: u32| 0x80 | (c >> shift & 0x3F) as u8;
        match c {
            0..0x800 => out.extend_from_slice(&[0xC0 | (c >> 6) as u8, cont(0)]),
            0x800..0x10000 => out.extend_from_slice(&[0xE0 | (c >> 12) as u8, cont(6), cont(0)]),
            _ => out.extend_from_slice(&[0xF0 | (c >> 18) as u8, cont(12), cont(6), cont(0)]),
        }
    }
    Some(())
}

struct Reader<'a> {
    nums: &'a [i32],
    at: usize,
    units: &'a [u16],
    /// Position in `units`.
    pos: usize,
    /// The string last decoded (see [`Reader::decode`]), its space reused for the next.
    utf8: Vec<u8>,
    /// Bytes of the strings sent as UTF-8, for the bound of the JSON text's size.
    utf8_bytes: usize,
    limits: &'a InputLimits,
}

impl<'a> Reader<'a> {
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn slot(&mut self) -> Option<i32> {
        let v = *self.nums.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    /// A count, length, header or kind: a non-negative number.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.slot()?).ok()
    }

    /// The header of an `object`: a kind for each of its declared members and nothing more.
    /// All 32 bits of the slot are the header's (an object of 16 members fills them, and
    /// JavaScript's `<<` then writes it as a negative number).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn header(&mut self, object: &Object) -> Option<Members> {
        let h = self.slot()? as u32;
        (h.checked_shr(2 * object.members.len() as u32).unwrap_or(0) == 0).then_some(Members(h))
    }

    /// A safe integer (|v| < 2^53: the glue sends no other), in one slot or after [`WIDE`].
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn int(&mut self) -> Option<i64> {
        let v = self.slot()?;
        if v != WIDE {
            return Some(i64::from(v));
        }
        let (low, high) = (self.slot()? as u32, self.slot()?);
        let i = i64::from(high) << 32 | i64::from(low);
        (i.unsigned_abs() <= MAX_SAFE).then_some(i)
    }

    /// The units of the next string (its length, then its units). A string of more units
    /// than the limit's bytes is over it: every unit is a byte of UTF-8 at least.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn take(&mut self) -> Option<&'a [u16]> {
        let len = self.count().filter(|&n| n <= self.limits.string_bytes)?;
        let end = self.pos.checked_add(len)?;
        let units = self.units.get(self.pos..end)?;
        self.pos = end;
        Some(units)
    }

    /// Whether the next string was sent as UTF-8 (see the module's notes): its length slot
    /// is negative. Asked before [`Reader::take`], whose path, taken by nearly every string,
    /// stays as it would be without UTF-8.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn utf8_next(&self) -> bool {
        self.nums.get(self.at).is_some_and(|&slot| slot < 0)
    }

    /// The next string, sent as UTF-8, within the limit; `None` when it is not well-formed.
    #[cold]
    #[inline(never)]
    fn utf8_string(&mut self) -> Option<&str> {
        let bytes = usize::try_from(!self.slot()?).ok().filter(|&b| b <= self.limits.string_bytes)?;
        let end = self.pos.checked_add(bytes.div_ceil(2))?;
        let units = self.units.get(self.pos..end)?;
        self.pos = end;
        self.utf8_bytes = self.utf8_bytes.saturating_add(bytes);
        bytes_into(units, bytes, &mut self.utf8);
        std::str::from_utf8(&self.utf8).ok()
    }

    /// `units` as a string, within the limit; `None` when they are not well-formed UTF-16.
    fn decode(&mut self, units: &[u16]) -> Option<&str> {
        decode_into(units, &mut self.utf8)?;
        if self.utf8.len() > self.limits.string_bytes {
            return None;
        }
        std::str::from_utf8(&self.utf8).ok()
    }

    /// The next string.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn string(&mut self) -> Option<&str> {
        if self.utf8_next() {
            return self.utf8_string();
        }
        let units = self.take()?;
        self.decode(units)
    }

    /// A string into `dst`, in place and without decoding when it is short and ASCII (nearly
    /// always: prices and SKU codes).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn short_into(&mut self, dst: &mut ShortText) -> Option<()> {
        if self.utf8_next() {
            *dst = ShortText::new(self.utf8_string()?);
            return Some(());
        }
        let units = self.take()?;
        if !dst.assign_ascii(units) {
            *dst = ShortText::new(self.decode(units)?);
        }
        Some(())
    }

    /// An optional string member into `dst`, in place where it can be.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_short_into(&mut self, kind: u32, dst: &mut Option<ShortText>) -> Option<()> {
        match (kind, dst.as_mut()) {
            (NONE, _) => *dst = None,
            (TEXT, Some(t)) => self.short_into(t)?,
            (TEXT, None) => self.short_into(dst.insert(ShortText::default()))?,
            _ => return None,
        }
        Some(())
    }

    /// An optional number or string into `dst`, written in place where it can be (see
    /// [`ShortText::assign_ascii`]).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn scalar_into(&mut self, kind: u32, dst: &mut Option<Scalar>) -> Option<()> {
        match kind {
            NONE => *dst = None,
            INT => {
                let v = self.int()?;
                // `serde_json` reads a non-negative integer as unsigned, a negative one as signed.
                let n = if v >= 0 { (v as u64).into() } else { v.into() };
                match dst {
                    Some(Scalar::Number(d)) => *d = n,
                    _ => *dst = Some(Scalar::Number(n)),
                }
            }
            TEXT => {
                if !matches!(dst, Some(Scalar::Text(_))) {
                    *dst = Some(Scalar::Text(ShortText::default()));
                }
                if let Some(Scalar::Text(t)) = dst {
                    self.short_into(t)?;
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// A member that must be a string.
    fn text(&mut self, kind: u32) -> Option<&str> {
        if kind == TEXT {
            self.string()
        } else {
            None
        }
    }

    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_text(&mut self, kind: u32) -> Option<Option<&str>> {
        match kind {
            NONE => Some(None),
            TEXT => self.string().map(Some),
            _ => None,
        }
    }

    /// An optional string member into `dst`, reusing its space.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_string(&mut self, kind: u32, dst: &mut Option<String>) -> Option<()> {
        match (self.opt_text(kind)?, dst.as_mut()) {
            (None, _) => *dst = None,
            (Some(s), Some(d)) => set(d, s),
            (Some(s), None) => *dst = Some(s.to_owned()),
        }
        Some(())
    }

    /// A required id: an integer, or a string holding one (as `serde_json` reads ids).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn id(&mut self, kind: u32) -> Option<Id> {
        match kind {
            INT => self.int(),
            TEXT => ids::from_text(self.string()?),
            _ => None,
        }
    }

    /// An optional id: absent, `null` and a blank string are none.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_id(&mut self, kind: u32) -> Option<Option<Id>> {
        match kind {
            NONE => Some(None),
            INT => self.int().map(Some),
            TEXT => ids::opt_from_text(self.string()?),
            _ => None,
        }
    }

    /// A list member that may be absent (then empty), of at most `max` elements: `out` with
    /// that many elements, for the caller to read each into in place.
    // The caller's loop reads the elements, not a function passed in: one passed in is not
    // always inlined, and each such call takes the reader through memory.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn items<'o, T: Default>(&mut self, kind: u32, max: usize, out: &'o mut Vec<T>) -> Option<&'o mut [T]> {
        match kind {
            NONE => out.clear(),
            LIST => {
                let n = self.count().filter(|&n| n <= max)?;
                // Every element takes a slot at least: a bad count fails here, before it can
                // grow `out` past the number of slots.
                if n > self.nums.len().saturating_sub(self.at) {
                    return None;
                }
                // (Both are calls, and the length is nearly always the same as last time.)
                if out.len() != n {
                    out.truncate(n);
                    out.resize_with(n, T::default);
                }
            }
            _ => return None,
        }
        Some(out)
    }

    // Inlined into `read_into`, as everything it calls is: a call that is given the reader
    // takes it through memory.
    #[inline(always)]
    fn listing(&mut self, l: &mut Listing) -> Option<()> {
        let mut m = self.header(&LISTING)?;
        // The glue sends no unknown member (it takes the JSON path for one).
        l.unknown.clear();
        l.category_id = self.id(m.next())?;
        self.opt_string(m.next(), &mut l.title)?;
        match m.next() {
            NONE => l.props = Props::default(),
            TEXT => l.props = Props::Native(self.string()?.to_owned()),
            LIST => {
                if !matches!(l.props, Props::List(_)) {
                    l.props = Props::default();
                }
                let Props::List(props) = &mut l.props else { return None };
                for p in self.items(LIST, self.limits.props, props)? {
                    self.prop(p)?;
                }
                // Entries for one property add up; each was within the limit on its own.
                self.limits.check_merged_values(props).ok()?;
            }
            _ => return None,
        }
        for s in self.items(m.next(), self.limits.skus, &mut l.skus)? {
            self.sku(s)?;
        }
        for q in self.items(m.next(), self.limits.qualifications, &mut l.qualifications)? {
            self.qualification(q)?;
        }
        self.opt_string(m.next(), &mut l.outer_id)?;
        // The item fields: absent in most listings, each then one `NONE` in the header.
        self.scalar_into(m.next(), &mut l.price)?;
        self.scalar_into(m.next(), &mut l.quantity)?;
        self.opt_string(m.next(), &mut l.description)?;
        for image in self.items(m.next(), self.limits.images, &mut l.images)? {
            set(image, self.string()?);
        }
        match m.next() {
            NONE => l.location = None,
            // One object, sent as a list of one.
            LIST if self.count()? == 1 => self.location(l.location.get_or_insert_with(Location::default))?,
            _ => return None,
        }
        self.opt_string(m.next(), &mut l.barcode)?;
        self.opt_string(m.next(), &mut l.stuff_status)?;
        for r in self.items(m.next(), self.limits.price_ranges, &mut l.price_ranges)? {
            self.price_range(r)?;
        }
        self.scalar_into(m.next(), &mut l.min_order_quantity)?;
        self.opt_string(m.next(), &mut l.unit)
    }

    fn location(&mut self, loc: &mut Location) -> Option<()> {
        let mut m = self.header(&LOCATION)?;
        loc.unknown.clear();
        self.opt_string(m.next(), &mut loc.state)?;
        self.opt_string(m.next(), &mut loc.city)
    }

    fn price_range(&mut self, r: &mut PriceRange) -> Option<()> {
        let mut m = self.header(&PRICE_RANGE)?;
        r.unknown.clear();
        self.scalar_into(m.next(), &mut r.start_quantity)?;
        self.scalar_into(m.next(), &mut r.price)
    }

    fn prop(&mut self, p: &mut PropInput) -> Option<()> {
        let mut m = self.header(&PROPERTY)?;
        p.unknown.clear();
        p.pid = self.opt_id(m.next())?;
        self.opt_string(m.next(), &mut p.name)?;
        let most = self.limits.values_per_prop;
        for vid in self.items(m.next(), most, &mut p.vids)? {
            let kind = self.count()? as u32;
            *vid = self.id(kind)?;
        }
        let left = most - p.vids.len();
        for value in self.items(m.next(), left, &mut p.values)? {
            set(value, self.string()?);
        }
        self.opt_string(m.next(), &mut p.text)?;
        // (Clearing an empty map still builds and drops an iterator.)
        if !p.aliases.is_empty() {
            p.aliases.clear();
        }
        match m.next() {
            NONE => {}
            LIST => {
                let n = self.count().filter(|&n| n <= most)?;
                for _ in 0..n {
                    let k = self.string()?.to_owned();
                    p.aliases.insert(k, self.string()?.to_owned());
                }
            }
            _ => return None,
        }
        Some(())
    }

    fn pair(&mut self, p: &mut SkuPropRef) -> Option<()> {
        let mut m = self.header(&SKU_PAIR)?;
        p.unknown.clear();
        // Almost every pair a form sends: an integer `pid` and `vid`, nothing else.
        if m.0 == INT | INT << 4 {
            return self.id_pair(p);
        }
        p.pid = self.opt_id(m.next())?;
        self.opt_string(m.next(), &mut p.name)?;
        p.vid = self.opt_id(m.next())?;
        self.opt_string(m.next(), &mut p.value)
    }

    /// A SKU pair of two integer ids and nothing else: the two ids.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn id_pair(&mut self, p: &mut SkuPropRef) -> Option<()> {
        p.pid = Some(self.int()?);
        p.unknown.clear();
        p.name = None;
        p.vid = Some(self.int()?);
        p.value = None;
        Some(())
    }

    fn sku(&mut self, s: &mut Sku) -> Option<()> {
        let mut m = self.header(&SKU)?;
        s.unknown.clear();
        match m.next() {
            NONE => s.props = SkuProps::default(),
            TEXT => s.props = SkuProps::Native(self.string()?.to_owned()),
            kind @ (INT | LIST) => {
                if !matches!(s.props, SkuProps::List(_)) {
                    s.props = SkuProps::default();
                }
                let SkuProps::List(pairs) = &mut s.props else { return None };
                // `INT`: pairs of two ids, with no header each (see the module's notes).
                let pairs = self.items(LIST, self.limits.props, pairs)?;
                if kind == INT {
                    for p in pairs {
                        self.id_pair(p)?;
                    }
                } else {
                    for p in pairs {
                        self.pair(p)?;
                    }
                }
            }
            _ => return None,
        }
        self.opt_string(m.next(), &mut s.properties)?;
        self.scalar_into(m.next(), &mut s.price)?;
        self.scalar_into(m.next(), &mut s.quantity)?;
        self.opt_short_into(m.next(), &mut s.outer_id)?;
        self.opt_string(m.next(), &mut s.barcode)?;
        self.scalar_into(m.next(), &mut s.market_price)
    }

    #[inline(always)]
    fn qualification(&mut self, q: &mut QualificationDoc) -> Option<()> {
        let mut m = self.header(&QUALIFICATION)?;
        q.unknown.clear();
        set(&mut q.name, self.text(m.next())?);
        match self.opt_text(m.next())? {
            Some(d) => set(&mut q.document, d),
            None => q.document.clear(),
        }
        Some(())
    }
}

/// `dst` holding `s`, in the space it has.
fn set(dst: &mut String, s: &str) {
    dst.clear();
    dst.push_str(s);
}

/// How the packed writer sends strings of more than [`LONG`] units (see the module's notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LongText {
    /// As UTF-16 code units, like every other string (Node, with its `Buffer`).
    #[default]
    Utf16,
    /// As UTF-8 (browsers, with `TextEncoder.encodeInto`).
    Utf8,
}

/// The packed form of `l`, as the packed writer (`pkg/js/packed.js`) writes it in Node for
/// the object `JSON.parse(serde_json::to_string(l))`; `None` where the glue takes the JSON
/// path instead (a number that is not a safe integer, a member the listing format does not
/// have). For tests and benchmarks of the reader.
pub fn pack(l: &Listing) -> Option<(Vec<i32>, Vec<u16>)> {
    pack_as(l, LongText::Utf16)
}

/// [`pack`], with long strings sent as `long` says.
pub fn pack_as(l: &Listing, long: LongText) -> Option<(Vec<i32>, Vec<u16>)> {
    if !l.unknown_members().is_empty() {
        return None;
    }
    #[derive(Default)]
    struct P {
        nums: Vec<i32>,
        units: Vec<u16>,
        /// A number the glue gives up on.
        unsafe_number: bool,
        long: LongText,
    }
    impl P {
        fn header(&mut self) -> usize {
            self.nums.push(0);
            self.nums.len() - 1
        }
        fn text(&mut self, s: &str) -> u32 {
            if self.long == LongText::Utf8 && s.encode_utf16().count() > LONG {
                // Two bytes a unit, the first in the low half.
                let byte = |c: &[u8], i: usize| c.get(i).copied().unwrap_or(0);
                self.units.extend(s.as_bytes().chunks(2).map(|c| u16::from_le_bytes([byte(c, 0), byte(c, 1)])));
                self.nums.push(!(s.len() as i32));
                return TEXT;
            }
            let before = self.units.len();
            self.units.extend(s.encode_utf16());
            self.nums.push((self.units.len() - before) as i32);
            TEXT
        }
        fn int(&mut self, v: i64) -> u32 {
            self.unsafe_number |= v.unsigned_abs() > MAX_SAFE;
            match one_slot(v) {
                Some(small) => self.nums.push(small),
                None => self.nums.extend([WIDE, v as u32 as i32, (v >> 32) as i32]),
            }
            INT
        }
        fn opt_text(&mut self, s: &Option<String>) -> u32 {
            s.as_deref().map_or(NONE, |s| self.text(s))
        }
        fn opt_int(&mut self, v: Option<i64>) -> u32 {
            v.map_or(NONE, |v| self.int(v))
        }
        fn scalar(&mut self, v: &Option<Scalar>) -> u32 {
            match v {
                None => NONE,
                Some(Scalar::Text(s)) => self.text(s),
                Some(Scalar::Number(n)) => match n.as_i64() {
                    Some(v) => self.int(v),
                    None => {
                        self.unsafe_number = true;
                        NONE
                    }
                },
            }
        }
        fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) -> u32 {
            self.nums.push(items.len() as i32);
            items.iter().for_each(|t| each(self, t));
            LIST
        }
        /// A list member that the JSON leaves out when empty.
        fn opt_list<T>(&mut self, items: &[T], each: impl FnMut(&mut Self, &T)) -> u32 {
            if items.is_empty() {
                NONE
            } else {
                self.list(items, each)
            }
        }
        /// Fills in the header slot `h` (from [`P::header`]) once its members are written.
        fn close(&mut self, h: usize, kinds: &[u32]) {
            if let Some(slot) = self.nums.get_mut(h) {
                *slot = h_of(kinds);
            }
        }
    }
    /// `v` in one slot, when it fits one (see [`WIDE`]).
    fn one_slot(v: Id) -> Option<i32> {
        i32::try_from(v).ok().filter(|&v| v != WIDE)
    }
    fn h_of(kinds: &[u32]) -> i32 {
        kinds.iter().rev().fold(0u32, |h, k| (h << 2) | k) as i32
    }
    fn pack_prop(p: &mut P, q: &PropInput) {
        let h = p.header();
        let kinds: Vec<u32> = PropertyMember::ALL
            .iter()
            .map(|m| match m {
                PropertyMember::Pid => p.opt_int(q.pid),
                PropertyMember::Name => p.opt_text(&q.name),
                PropertyMember::Vids => p.opt_list(&q.vids, |p, &v| {
                    // The element's kind goes in the slot before it.
                    let k = p.header();
                    let kind = p.int(v);
                    p.close(k, &[kind]);
                }),
                PropertyMember::Values => p.opt_list(&q.values, |p, v| {
                    p.text(v);
                }),
                PropertyMember::Text => p.opt_text(&q.text),
                PropertyMember::Aliases => p.opt_list(&q.aliases.iter().collect::<Vec<_>>(), |p, (k, v)| {
                    p.text(k);
                    p.text(v);
                }),
            })
            .collect();
        p.close(h, &kinds);
    }

    fn pack_sku(p: &mut P, s: &Sku) {
        let h = p.header();
        let kinds: Vec<u32> = SkuMember::ALL
            .iter()
            .map(|m| match m {
                SkuMember::Props => match &s.props {
                    SkuProps::Native(n) => p.text(n),
                    // Every pair two ids of a slot each and nothing else: the ids alone, as
                    // the glue writes them.
                    SkuProps::List(pairs) if pairs.iter().all(id_pair) => {
                        p.list(pairs, |p, r| {
                            p.opt_int(r.pid);
                            p.opt_int(r.vid);
                        });
                        INT
                    }
                    SkuProps::List(pairs) => p.list(pairs, pack_pair),
                },
                SkuMember::Properties => p.opt_text(&s.properties),
                SkuMember::Price => p.scalar(&s.price),
                SkuMember::Quantity => p.scalar(&s.quantity),
                SkuMember::OuterId => p.opt_text(&s.outer_id.as_ref().map(ToString::to_string)),
                SkuMember::Barcode => p.opt_text(&s.barcode),
                SkuMember::MarketPrice => p.scalar(&s.market_price),
            })
            .collect();
        p.close(h, &kinds);
    }

    /// Whether a SKU pair goes as its two ids alone (see the module's notes).
    fn id_pair(r: &SkuPropRef) -> bool {
        let slot = |id: Option<Id>| id.and_then(one_slot).is_some();
        SkuPairMember::ALL.iter().all(|m| match m {
            SkuPairMember::Pid => slot(r.pid),
            SkuPairMember::Vid => slot(r.vid),
            SkuPairMember::Name => r.name.is_none(),
            SkuPairMember::Value => r.value.is_none(),
        })
    }

    fn pack_pair(p: &mut P, r: &SkuPropRef) {
        let h = p.header();
        let kinds: Vec<u32> = SkuPairMember::ALL
            .iter()
            .map(|m| match m {
                SkuPairMember::Pid => p.opt_int(r.pid),
                SkuPairMember::Name => p.opt_text(&r.name),
                SkuPairMember::Vid => p.opt_int(r.vid),
                SkuPairMember::Value => p.opt_text(&r.value),
            })
            .collect();
        p.close(h, &kinds);
    }

    fn pack_location(p: &mut P, loc: &Location) {
        let h = p.header();
        let kinds: Vec<u32> = LocationMember::ALL
            .iter()
            .map(|m| match m {
                LocationMember::State => p.opt_text(&loc.state),
                LocationMember::City => p.opt_text(&loc.city),
            })
            .collect();
        p.close(h, &kinds);
    }

    fn pack_price_range(p: &mut P, r: &PriceRange) {
        let h = p.header();
        let kinds: Vec<u32> = PriceRangeMember::ALL
            .iter()
            .map(|m| match m {
                PriceRangeMember::StartQuantity => p.scalar(&r.start_quantity),
                PriceRangeMember::Price => p.scalar(&r.price),
            })
            .collect();
        p.close(h, &kinds);
    }

    // Member by member as the declaration orders them (`shelfcheck_core::input::listing::shape`):
    // each `match` is exhaustive, so a declared member is written or the build fails.
    let mut p = P { long, ..P::default() };
    let h = p.header();
    let mut kinds = Vec::with_capacity(LISTING.members.len());
    for &member in ListingMember::ALL {
        kinds.push(match member {
            ListingMember::CategoryId => p.int(l.category_id),
            ListingMember::Title => p.opt_text(&l.title),
            ListingMember::OuterId => p.opt_text(&l.outer_id),
            ListingMember::Price => p.scalar(&l.price),
            ListingMember::Quantity => p.scalar(&l.quantity),
            ListingMember::Description => p.opt_text(&l.description),
            ListingMember::Images => p.opt_list(&l.images, |p, v| {
                p.text(v);
            }),
            // One object goes as a list of one (see the module's notes).
            ListingMember::Location => match &l.location {
                None => NONE,
                Some(loc) => p.list(std::slice::from_ref(loc), pack_location),
            },
            ListingMember::Barcode => p.opt_text(&l.barcode),
            ListingMember::StuffStatus => p.opt_text(&l.stuff_status),
            ListingMember::PriceRanges => p.opt_list(&l.price_ranges, pack_price_range),
            ListingMember::MinOrderQuantity => p.scalar(&l.min_order_quantity),
            ListingMember::Unit => p.opt_text(&l.unit),
            ListingMember::Props => match &l.props {
                Props::Native(s) => p.text(s),
                Props::List(list) => p.list(list, pack_prop),
            },
            ListingMember::Skus => p.opt_list(&l.skus, pack_sku),
            ListingMember::Qualifications => p.opt_list(&l.qualifications, |p, q| {
                let h = p.header();
                let kinds: Vec<u32> = QualificationMember::ALL
                    .iter()
                    .map(|m| match m {
                        QualificationMember::Name => p.text(&q.name),
                        QualificationMember::Document => p.text(&q.document),
                    })
                    .collect();
                p.close(h, &kinds);
            }),
        });
    }
    p.close(h, &kinds);
    (!p.unsafe_number).then_some((p.nums, p.units))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    /// Within the default limits.
    fn read(nums: &[i32], units: &[u16]) -> Option<Listing> {
        super::read(nums, units, &InputLimits::default())
    }

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// A header slot from its members' kinds.
    fn h(kinds: &[u32]) -> i32 {
        kinds.iter().rev().fold(0u32, |h, k| (h << 2) | k) as i32
    }

    #[test]
    fn reads_a_listing_and_counts_strings_in_utf16_units() {
        // {"category_id": 7, "title": "T恤😀", "props": [{"pid": "12", "vids": [3]}],
        //  "skus": [{"props": [{"pid": 1, "vid": 2}], "price": "59.00", "quantity": 0, "outer_id": "A"}]}
        let text = "T恤😀1259.00A";
        let nums = [
            h(&[INT, TEXT, LIST, LIST, NONE]),
            7, // category_id
            4, // title: T, 恤, and a surrogate pair
            1, // props
            h(&[TEXT, NONE, LIST, NONE, NONE, NONE]),
            2, // pid "12"
            1,
            INT as i32,
            3, // vids [3]
            1, // skus
            h(&[LIST, NONE, TEXT, INT, TEXT]),
            1, // its pairs
            h(&[INT, NONE, INT, NONE]),
            1,
            2,
            5, // price
            0, // quantity
            1, // outer_id
        ];
        let l = read(&nums, &units(text)).unwrap();
        let json = r#"{"category_id":7,"title":"T恤😀","props":[{"pid":"12","vids":[3]}],
            "skus":[{"props":[{"pid":1,"vid":2}],"price":"59.00","quantity":0,"outer_id":"A"}]}"#;
        assert_eq!(l, Listing::from_json(json).unwrap());
    }

    #[test]
    fn a_skus_pairs_of_two_ids_read_as_the_ids_alone() {
        // {"category_id": 7, "skus": [{"props": [{"pid": 1, "vid": 2}, {"pid": 3, "vid": -4}]}]}
        let sku = h(&[INT]);
        let nums = [h(&[INT, NONE, LIST, LIST]), 7, 0, 1, sku, 2, 1, 2, 3, -4];
        let json = r#"{"category_id":7,"skus":[{"props":[{"pid":1,"vid":2},{"pid":3,"vid":-4}]}]}"#;
        let l = read(&nums, &[]).unwrap();
        assert_eq!(l, Listing::from_json(json).unwrap());
        // What `pack` writes for it, and for pairs that are not all ids.
        assert_eq!(pack(&l).unwrap().0, nums);
        let json = r#"{"category_id":7,"skus":[{"props":[{"pid":1,"vid":2},{"pid":3,"value":"x"}]}]}"#;
        let (nums, units) = pack(&Listing::from_json(json).unwrap()).unwrap();
        assert_eq!(nums[4], h(&[LIST]));
        assert_eq!(read(&nums, &units), Some(Listing::from_json(json).unwrap()));
        // An id too wide for one slot, too, as the glue does.
        let json = r#"{"category_id":7,"skus":[{"props":[{"pid":1,"vid":2},{"pid":3,"vid":4294967296}]}]}"#;
        let (nums, units) = pack(&Listing::from_json(json).unwrap()).unwrap();
        assert_eq!(nums[4], h(&[LIST]));
        assert_eq!(read(&nums, &units), Some(Listing::from_json(json).unwrap()));
        // A count the slots cannot hold, or an id that is not one.
        let only = |rest: &[i32]| [&[h(&[INT, NONE, LIST, LIST]), 7, 0, 1, sku][..], rest].concat();
        assert_eq!(read(&only(&[2, 1, 2, 3]), &[]), None);
        assert_eq!(read(&only(&[1, 1, WIDE, 0]), &[]), None);
        assert!(read(&only(&[0]), &[]).is_some());
    }

    /// Every fixture listing the glue would pack, in the order of their files.
    fn fixture_listings() -> Vec<Listing> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "json") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/cases"), &mut files);
        files
            .iter()
            .filter_map(|f| {
                let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
                serde_json::from_value::<Listing>(case.get("listing")?.clone()).ok()
            })
            .filter(|l| pack(l).is_some())
            .collect()
    }

    #[test]
    fn the_field_inventory_goes_through_the_packed_form_unchanged() {
        // Listings with every member of every object (`shelfcheck_core::input::listing::inventory`).
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/inventory/every-member.json");
        let all: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(all.len(), 2);
        for value in all {
            let text = serde_json::to_string(&value).unwrap();
            let l = Listing::from_json(&text).unwrap();
            assert_eq!(serde_json::from_value::<Listing>(value).unwrap(), l);
            let (nums, units) = pack(&l).unwrap();
            assert_eq!(read(&nums, &units).as_ref(), Some(&l), "{text}");
            // Every member of the listing is present, and so in its header.
            let header = nums[0] as u32;
            for (i, m) in LISTING.members.iter().enumerate() {
                assert_ne!(header >> (2 * i) & 3, NONE, "{}", m.name);
            }
            let mut kept = Listing::default();
            assert!(read_into(&nums, &units, &InputLimits::default(), &mut kept));
            assert_eq!(kept, l);
        }
    }

    #[test]
    fn the_committed_packed_inventory_is_current() {
        // What `pack` writes for the field inventory, in Node and (`browser`) with long
        // strings as UTF-8, for the JS walk's own test (pkg/test/packed-writer.test.mjs), which
        // needs no wasm build.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/inventory");
        let all: Vec<Listing> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("every-member.json")).unwrap()).unwrap();
        let packed: Vec<serde_json::Value> = all
            .iter()
            .map(|l| {
                let (nums, units) = pack(l).unwrap();
                let (b_nums, b_units) = pack_as(l, LongText::Utf8).unwrap();
                serde_json::json!({ "nums": nums, "units": units, "browser": { "nums": b_nums, "units": b_units } })
            })
            .collect();
        let fresh = serde_json::to_string(&packed).unwrap() + "\n";
        let path = dir.join("every-member.packed.json");
        if std::env::var_os("SHELFCHECK_UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        assert!(
            std::fs::read_to_string(&path).unwrap_or_default() == fresh,
            "{} is stale: run SHELFCHECK_UPDATE_FIXTURES=1 cargo test -p shelfcheck-wasm packed_inventory",
            path.display()
        );
    }

    #[test]
    fn one_object_goes_as_a_list_of_one() {
        let at = LISTING.members.iter().position(|m| m.name == "location").unwrap();
        let header = |nums: &[i32]| nums[0] as u32 >> (2 * at) & 3;
        // Absent and `null` are none; `{}` is an object with an empty header.
        for (json, kind) in [
            (r#"{"category_id":7}"#, NONE),
            (r#"{"category_id":7,"location":null}"#, NONE),
            (r#"{"category_id":7,"location":{}}"#, LIST),
            (r#"{"category_id":7,"location":{"state":"浙江","city":"杭州"}}"#, LIST),
        ] {
            let l = Listing::from_json(json).unwrap();
            let (nums, units) = pack(&l).unwrap();
            assert_eq!(header(&nums), kind, "{json}");
            assert_eq!(read(&nums, &units), Some(l), "{json}");
        }
        // After the listing's header, its id and its empty props: the length 1, the location's
        // header and its two strings.
        let l = Listing::from_json(r#"{"category_id":7,"location":{"state":"浙江","city":"杭州"}}"#).unwrap();
        let (nums, _) = pack(&l).unwrap();
        assert_eq!(nums[3..], [1, h(&[TEXT, TEXT]), 2, 2]);
        // A length other than one is not an object.
        let mut two = nums.clone();
        two[3] = 2;
        assert_eq!(read(&two, &units("浙江杭州")), None);
    }

    #[test]
    fn a_header_of_sixteen_members_uses_every_bit_of_its_slot() {
        let all = [TEXT; 16];
        assert!(h(&all) < 0);
        let l = Listing::from_json(r#"{"category_id":7,"unit":"件"}"#).unwrap();
        let (nums, units) = pack(&l).unwrap();
        assert!(nums[0] < 0, "{nums:?}");
        assert_eq!(read(&nums, &units), Some(l));
    }

    #[test]
    fn strings_of_every_width_in_every_order_read_back() {
        // Texts of ASCII, two-byte, three-byte and four-byte characters in lengths around the
        // decoder's four-unit steps, placed before, between and after one another.
        let pieces =
            ["", "a", "ab", "abc", "abcd", "abcde", "é", "恤", "😀", "a恤", "abc恤", "abcd😀", "😀abcd", "é😀恤z"];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 16) as usize
        };
        for _ in 0..500 {
            let mut text = || (0..next() % 4).map(|_| pieces[next() % pieces.len()]).collect::<String>();
            let mut l = Listing { category_id: 1, title: Some(text()), ..Listing::default() };
            l.props = Props::List(
                (0..3).map(|i| PropInput { pid: Some(i), text: Some(text()), ..PropInput::default() }).collect(),
            );
            l.skus = (0..3)
                .map(|_| Sku {
                    price: Some(Scalar::Text(text().into())),
                    outer_id: Some(text().into()),
                    ..Sku::default()
                })
                .collect();
            let (nums, units) = pack(&l).unwrap();
            assert_eq!(read(&nums, &units).as_ref(), Some(&l));
        }
    }

    #[test]
    fn an_id_too_wide_for_a_slot_takes_three_and_reads_back() {
        let safe = MAX_SAFE as i64;
        for id in [safe, -safe, 1 << 31, -(1 << 31) - 1, i64::from(WIDE), i64::from(i32::MAX), -7] {
            let l = Listing { category_id: id, ..Listing::default() };
            let (nums, units) = pack(&l).unwrap();
            let wide = i32::try_from(id).map_or(true, |v| v == WIDE);
            // The header, the id, and the empty list of properties.
            assert_eq!(nums.len(), if wide { 5 } else { 3 }, "{id}: {nums:?}");
            assert_eq!(read(&nums, &units), Some(l), "{id}");
        }
        // A small id after the marker is still that id.
        assert_eq!(read(&[h(&[INT]), WIDE, 5, 0], &[]).map(|l| l.category_id), Some(5));
    }

    #[test]
    fn pack_leaves_out_what_the_glue_gives_up_on() {
        let mut l = Listing { category_id: (1 << 53) - 1, ..Listing::default() };
        assert!(pack(&l).is_some());
        l.category_id = 1 << 53;
        assert!(pack(&l).is_none());
        l.category_id = 7;
        l.skus =
            vec![Sku { price: Some(Scalar::Number(serde_json::Number::from_f64(59.5).unwrap())), ..Sku::default() }];
        assert!(pack(&l).is_none());
    }

    #[test]
    fn reading_into_a_used_listing_leaves_nothing_of_it() {
        let listings = fixture_listings();
        assert!(listings.len() > 100, "{} fixture listings", listings.len());
        let mut kept = Listing::default();
        // Each listing read over the one before, and then over the one with most in it.
        let richest = listings.iter().max_by_key(|l| serde_json::to_string(l).unwrap().len()).unwrap();
        for l in &listings {
            let (nums, units) = pack(l).unwrap();
            assert_eq!(read(&nums, &units).as_ref(), Some(l));
            assert!(read_into(&nums, &units, &InputLimits::default(), &mut kept));
            assert_eq!(&kept, l);
            let mut rich = richest.clone();
            assert!(read_into(&nums, &units, &InputLimits::default(), &mut rich));
            assert_eq!(&rich, l);
        }
        // A failed read leaves a listing that the next read still fills in whole.
        assert!(!read_into(&[0], &[], &InputLimits::default(), &mut kept));
        let (nums, units) = pack(richest).unwrap();
        assert!(read_into(&nums, &units, &InputLimits::default(), &mut kept));
        assert_eq!(&kept, richest);
    }

    #[test]
    fn unknown_members_go_the_json_way_and_leave_nothing_in_a_reused_listing() {
        let json = r#"{"category_id":7,"titel":"x","props":[{"pid":1,"vid":2}],
            "skus":[{"props":[{"pid":1,"vid":2,"x":0}],"prise":1}],"qualifications":[{"name":"n","doc":""}],
            "location":{"town":"余杭"},"price_ranges":[{"max":3}]}"#;
        let mut kept = Listing::from_json(json).unwrap();
        assert_eq!(kept.unknown_members().len(), 7);
        // The glue takes the JSON path for an unknown member, and so does `pack`.
        assert_eq!(pack(&kept), None);
        // Read over it, a listing of the same shape without them has none left.
        let clean = r#"{"category_id":7,"props":[{"pid":1}],"skus":[{"props":[{"pid":1,"vid":2,"value":"v"}]}],
            "qualifications":[{"name":"n"}],"location":{},"price_ranges":[{}]}"#;
        let l = Listing::from_json(clean).unwrap();
        let (nums, units) = pack(&l).unwrap();
        assert!(read_into(&nums, &units, &InputLimits::default(), &mut kept));
        assert_eq!(kept, l);
        assert!(kept.unknown_members().is_empty());
    }

    #[test]
    fn anything_unexpected_is_left_to_the_json_path() {
        let only_id = h(&[INT]);
        assert!(read(&[only_id, 1], &[]).is_some());
        // An id string that does not parse: `serde_json` words that error.
        assert_eq!(read(&[h(&[TEXT]), 3], &units("abc")), None);
        // A missing category id, leftover slots or units, a short text.
        assert_eq!(read(&[0], &[]), None);
        assert_eq!(read(&[only_id, 1, 0], &[]), None);
        assert_eq!(read(&[only_id, 1], &units("x")), None);
        assert_eq!(read(&[h(&[INT, TEXT]), 1, 5], &units("abc")), None);
        // A header with bits past its members, or negative; an id past the safe integers, or
        // cut short after its marker.
        assert_eq!(read(&[1 << 10 | 1, 1], &[]), None);
        assert_eq!(read(&[-1, 1], &[]), None);
        assert_eq!(read(&[only_id, WIDE, 0, 1 << 21], &[]), None);
        assert_eq!(read(&[only_id, WIDE, 0, -(1 << 21)], &[]), None);
        assert_eq!(read(&[only_id, WIDE, 0], &[]), None);
        // A number where a string or a list belongs.
        assert_eq!(read(&[h(&[INT, INT]), 1, 2], &[]), None);
        assert_eq!(read(&[h(&[INT, NONE, INT]), 1, 2], &[]), None);
        // A huge count with nothing behind it, a negative one.
        assert_eq!(read(&[h(&[INT, NONE, NONE, LIST]), 1, i32::MAX], &[]), None);
        assert_eq!(read(&[h(&[INT, NONE, NONE, LIST]), 1, -1], &[]), None);
    }

    #[test]
    fn strings_that_are_not_well_formed_are_left_to_the_json_path() {
        // A title of two units: a lone high surrogate, a lone low one, a whole pair.
        let nums = [h(&[INT, TEXT]), 1, 2];
        assert_eq!(read(&nums, &[0x61, 0xD83D]), None);
        assert_eq!(read(&nums, &[0xDE00, 0x61]), None);
        assert_eq!(read(&nums, &[0xD83D, 0xDE00]).unwrap().title.as_deref(), Some("😀"));
        // A pair split between the title and a property's text: whole when joined, but
        // neither string is well-formed on its own.
        let nums = [h(&[INT, TEXT, LIST]), 1, 1, 1, h(&[INT, NONE, NONE, NONE, TEXT]), 5, 1];
        assert_eq!(read(&nums, &[0xD83D, 0xDE00]), None);
        assert_eq!(read(&nums, &[0x61, 0x62]).unwrap().title.as_deref(), Some("a"));
    }

    #[test]
    fn long_strings_sent_as_utf8_read_back() {
        // Long strings of every width, in every place a string goes, the last of an odd
        // number of bytes; short ones stay UTF-16.
        let long = |s: &str| s.repeat(1 + LONG / s.chars().count());
        let json = serde_json::json!({
            "category_id": 7,
            "title": long("纯棉T恤😀"),
            "props": [
                {"pid": 1, "text": long("a")},
                {"pid": 2, "values": [long("é"), "短"], "aliases": {long("k"): long("值")}},
            ],
            "skus": [{"props": [{"pid": 2, "vid": 3}], "price": "59.00", "outer_id": long("SKU-"), "barcode": long("0")}],
            "description": long("<p>详情</p>"),
            "images": [long("https://img.example/a.jpg")],
        });
        let l: Listing = serde_json::from_value(json).unwrap();
        let (nums, units) = pack_as(&l, LongText::Utf8).unwrap();
        assert_eq!(read(&nums, &units), Some(l.clone()));
        let mut kept = read(&pack(&l).unwrap().0, &pack(&l).unwrap().1).unwrap();
        assert!(read_into(&nums, &units, &InputLimits::default(), &mut kept));
        assert_eq!(kept, l);
        // The title goes as UTF-8, the short price as UTF-16.
        let title = l.title.as_deref().unwrap();
        assert_eq!(nums[2], !(title.len() as i32));
        assert_eq!(&units[..2], &[u16::from_le_bytes([0xE7, 0xBA]), u16::from_le_bytes([0xAF, 0xE6])]);
    }

    #[test]
    fn utf8_that_is_not_well_formed_or_too_long_is_left_to_the_json_path() {
        let title = |bytes: &[u8]| {
            let units: Vec<u16> =
                bytes.chunks(2).map(|c| u16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)])).collect();
            read(&[h(&[INT, TEXT]), 1, !(bytes.len() as i32)], &units).map(|l| l.title.unwrap_or_default())
        };
        assert_eq!(title("T恤".as_bytes()).as_deref(), Some("T恤"));
        assert_eq!(title(b"").as_deref(), Some(""));
        // Cut inside a character, a surrogate's encoding, a stray continuation byte.
        assert_eq!(title(&"T恤".as_bytes()[..3]), None);
        assert_eq!(title(&[0xED, 0xA0, 0x80]), None);
        assert_eq!(title(&[0x61, 0x80]), None);
        // More units than the bytes take, or fewer.
        assert_eq!(read(&[h(&[INT, TEXT]), 1, !3], &[0x6261, 0x63, 0x64]), None);
        assert_eq!(read(&[h(&[INT, TEXT]), 1, !5], &[0x6261, 0x6463]), None);
        // Over the string limit, counted in bytes.
        let limits = InputLimits { string_bytes: 3, ..InputLimits::default() };
        assert!(super::read(&[h(&[INT, TEXT]), 1, !3], &[0x6261, 0x63], &limits).is_some());
        assert_eq!(super::read(&[h(&[INT, TEXT]), 1, !4], &[0x6261, 0x6463], &limits), None);
    }

    #[test]
    fn utf8_strings_count_towards_the_json_size_limit() {
        // 48 barcodes of 64 KiB of U+0001, which JSON writes as `\u0001`: 18 MiB of JSON,
        // over the 16 MiB limit, in 1.5 Mi units (9 MiB at six bytes a unit).
        let code = "\u{1}".repeat(64 << 10);
        let skus: Vec<serde_json::Value> =
            (0..48).map(|_| serde_json::json!({"props": [{"pid": 1, "vid": 2}], "barcode": code})).collect();
        let l: Listing = serde_json::from_value(serde_json::json!({"category_id": 1, "skus": skus})).unwrap();
        let json_len = serde_json::to_string(&l).unwrap().len();
        let limits = InputLimits::default();
        assert!(limits.check_listing_bytes(json_len).is_err());
        let (nums, units) = pack_as(&l, LongText::Utf8).unwrap();
        assert!(limits.check_listing_bytes(json_bound(&nums, &units)).is_ok());
        assert_eq!(read(&nums, &units), None);
        // As UTF-16 the bound alone sees it.
        let (nums, units) = pack(&l).unwrap();
        assert!(limits.check_listing_bytes(json_bound(&nums, &units)).is_err());
    }

    #[test]
    fn a_listing_over_a_limit_is_left_to_the_json_path() {
        let limits = InputLimits { props: 1, values_per_prop: 2, skus: 1, string_bytes: 3, ..InputLimits::default() };
        let within = |nums: &[i32], text: &str| super::read(nums, &units(text), &limits);
        // A title of 3 bytes and of 4 ("恤" is three bytes in UTF-8, one unit in UTF-16).
        assert!(within(&[h(&[INT, TEXT]), 1, 3], "abc").is_some());
        assert_eq!(within(&[h(&[INT, TEXT]), 1, 2], "a恤"), None);
        // Two properties; one property with two ids and a name (three values).
        let prop = h(&[INT]);
        assert_eq!(within(&[h(&[INT, NONE, LIST]), 1, 2, prop, 5, prop, 6], ""), None);
        let values = h(&[INT, NONE, LIST, LIST]);
        let two_ids = [h(&[INT, NONE, LIST]), 1, 1, values, 5, 2, 1, 7, 1, 8];
        assert!(within(&[&two_ids[..], &[0]].concat(), "").is_some());
        assert_eq!(within(&[&two_ids[..], &[1, 1]].concat(), "x"), None);
        // Two SKUs.
        let sku = h(&[]);
        assert_eq!(within(&[h(&[INT, NONE, NONE, LIST]), 1, 2, sku, sku], ""), None);
        // Two entries for one property, each within the limit, over it together.
        let merged = InputLimits { props: 2, ..limits };
        let two_entries = |second_pid: i32| {
            let nums = [h(&[INT, NONE, LIST]), 1, 2, values, 5, 2, 1, 7, 1, 8, 0, values, second_pid, 1, 1, 9, 0];
            super::read(&nums, &[], &merged)
        };
        assert_eq!(two_entries(5), None);
        assert!(two_entries(6).is_some());
        // Whatever the reader returns, the limits' own check accepts.
        let l = within(&[&two_ids[..], &[0]].concat(), "").unwrap();
        assert_eq!(limits.check_listing(&l), Ok(()));
    }
}
