//! A listing object from JavaScript without JSON text.
//!
//! `JSON.stringify` of a typical listing object costs more than validating it. The package's
//! glue (`pkg/js/packed.js`, appended to each build by `scripts/build-pkg.sh`) walks the object
//! instead, writing numbers and string lengths into one `Float64Array` and the strings' UTF-16
//! code units into one `Uint16Array`, in the listing's fixed field order; this module reads
//! that back into a [`Listing`]. (Code units, not one joined string: appending a hundred
//! strings and checking the result for lone surrogates cost the glue more than copying their
//! units, and here each string is decoded on its own, which finds a lone surrogate anyway.)
//!
//! Like [`Listing::from_json`], the path is partial on purpose: the glue gives up on anything
//! unusual (an unknown field, a fractional number, a wrongly typed value...) and so does the
//! reader here (an id string that does not parse, a string that is not well-formed UTF-16,
//! such as a lone surrogate). The object then takes the JSON path, which decides and words any
//! error. So this path only ever gives the listing `JSON.stringify` + `serde_json` would give;
//! `pkg/test/packed.test.mjs` holds it to that.
//!
//! Each object (the listing, a property, a SKU, a SKU pair, a qualification) starts with a
//! header slot holding two bits per member, in a fixed member order, that say what follows
//! for it: nothing (`NONE`: absent or `null`, where both mean "none"), a safe integer
//! (`INT`), a string (`TEXT`: its length in UTF-16 code units; the units are next in the
//! units array) or a list (`LIST`: its length, then the elements). An element of a list of ids
//! has a slot of its own with its kind; elements of other lists are known by their place.

use shelfcheck_core::limits::InputLimits;
use shelfcheck_core::listing::{PropInput, Props, QualificationDoc, Scalar, Sku, SkuPropRef, SkuProps};
use shelfcheck_core::{ids, Id, Listing};
use std::collections::BTreeMap;

/// What a member or an element holds.
const NONE: u32 = 0;
const INT: u32 = 1;
const TEXT: u32 = 2;
const LIST: u32 = 3;

/// An object's header: the kinds of its members, read off in order.
struct Members(u32);

impl Members {
    fn next(&mut self) -> u32 {
        let kind = self.0 & 3;
        self.0 >>= 2;
        kind
    }
}

/// An upper bound of the size of the object's JSON text, for the input limit: every UTF-16
/// unit of a string escapes to at most six bytes and every slot stands for at most one number
/// or string with its member name and punctuation.
pub fn json_bound(nums: &[f64], units: &[u16]) -> usize {
    6 * units.len() + 48 * nums.len() + 64
}

/// The listing, or `None` where the JSON path must decide, which includes a listing over one
/// of `limits` (see [`InputLimits::check_listing`]; the JSON path then words the error): a
/// listing this returns is within them, with no second walk over it to check.
pub fn read(nums: &[f64], units: &[u16], limits: &InputLimits) -> Option<Listing> {
    let text = decode(units)?;
    let mut r = Reader { nums, at: 0, units, pos: 0, text: &text, byte: 0, limits };
    let listing = r.listing()?;
    (r.at == nums.len() && r.pos == units.len()).then_some(listing)
}

/// All the strings' units as one UTF-8 string, decoded in one pass; `None` on a lone
/// surrogate. Most units of a listing (prices, codes) are ASCII.
fn decode(units: &[u16]) -> Option<String> {
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while let Some(&u) = units.get(i) {
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
        out.extend_from_slice(char::from_u32(c)?.encode_utf8(&mut [0; 4]).as_bytes());
    }
    String::from_utf8(out).ok()
}

/// UTF-8 bytes of one UTF-16 unit's share of a character (each half of a pair: two).
fn utf8_len(u: u16) -> usize {
    match u {
        0..0x80 => 1,
        0x80..0x800 | 0xD800..0xE000 => 2,
        _ => 3,
    }
}

struct Reader<'a> {
    nums: &'a [f64],
    at: usize,
    units: &'a [u16],
    /// Position in `units`.
    pos: usize,
    /// `units` decoded (see [`decode`]).
    text: &'a str,
    /// Position in `text` matching `pos`.
    byte: usize,
    limits: &'a InputLimits,
}

impl<'a> Reader<'a> {
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn slot(&mut self) -> Option<f64> {
        let v = *self.nums.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    /// A count, length, header or kind: a non-negative whole number. (Casts, not `fract()`:
    /// the cast back and forth is a check of its own, and `fract` is a library call on some
    /// targets.)
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn count(&mut self) -> Option<usize> {
        let v = self.slot()?;
        let n = v as u32; // saturating: NaN is 0, anything out of range differs below
        (f64::from(n) == v).then_some(n as usize)
    }

    /// The header of an object with `members` members.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn header(&mut self, members: u32) -> Option<Members> {
        let h = self.count()? as u32;
        (h >> (2 * members) == 0).then_some(Members(h))
    }

    /// A safe integer (|v| < 2^53, exact in both f64 and i64: the glue sends no other).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn int(&mut self) -> Option<i64> {
        let v = self.slot()?;
        let i = v as i64;
        (i as f64 == v && i.abs() <= 9_007_199_254_740_991).then_some(i)
    }

    /// The next string, of `len` UTF-16 code units; `None` when it ends inside a surrogate
    /// pair (whose halves are then two lone surrogates, which the joined units hide).
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn take(&mut self, len: usize) -> Option<&'a str> {
        let end = self.pos.checked_add(len)?;
        let units = self.units.get(self.pos..end)?;
        if units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            return None;
        }
        let bytes: usize = units.iter().map(|&u| utf8_len(u)).sum();
        if bytes > self.limits.string_bytes {
            return None;
        }
        let s = self.text.get(self.byte..self.byte + bytes)?;
        self.pos = end;
        self.byte += bytes;
        Some(s)
    }

    /// A string: its length, then its units.
    #[cfg_attr(feature = "fast-text", inline(always))]
    fn string(&mut self) -> Option<&'a str> {
        let len = self.count()?;
        self.take(len)
    }

    /// A member that must be a string.
    fn text(&mut self, kind: u32) -> Option<&'a str> {
        if kind == TEXT {
            self.string()
        } else {
            None
        }
    }

    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_text(&mut self, kind: u32) -> Option<Option<&'a str>> {
        match kind {
            NONE => Some(None),
            TEXT => self.string().map(Some),
            _ => None,
        }
    }

    fn opt_string(&mut self, kind: u32) -> Option<Option<String>> {
        Some(self.opt_text(kind)?.map(str::to_owned))
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

    #[cfg_attr(feature = "fast-text", inline(always))]
    fn opt_scalar(&mut self, kind: u32) -> Option<Option<Scalar>> {
        match kind {
            NONE => Some(None),
            // `serde_json` reads a non-negative integer as unsigned, a negative one as signed.
            INT => {
                let v = self.int()?;
                Some(Some(Scalar::Number(if v >= 0 { (v as u64).into() } else { v.into() })))
            }
            TEXT => Some(Some(Scalar::Text(self.string()?.into()))),
            _ => None,
        }
    }

    /// A list member that may be absent (then empty), of at most `max` elements; `each`
    /// reads one element.
    fn list<T>(&mut self, kind: u32, max: usize, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        match kind {
            NONE => Some(Vec::new()),
            LIST => {
                let n = self.count().filter(|&n| n <= max)?;
                // Bounded by the slots left, so a bad count cannot ask for a huge allocation.
                let mut out = Vec::with_capacity(n.min(self.nums.len() - self.at));
                for _ in 0..n {
                    out.push(each(self)?);
                }
                Some(out)
            }
            _ => None,
        }
    }

    fn listing(&mut self) -> Option<Listing> {
        let mut m = self.header(5)?;
        let category_id = self.id(m.next())?;
        let title = self.opt_string(m.next())?;
        let props = match m.next() {
            NONE => Props::default(),
            TEXT => Props::Native(self.string()?.to_owned()),
            LIST => Props::List(self.list(LIST, self.limits.props, Self::prop)?),
            _ => return None,
        };
        let skus = self.list(m.next(), self.limits.skus, Self::sku)?;
        let qualifications = self.list(m.next(), self.limits.qualifications, Self::qualification)?;
        Some(Listing { category_id, title, props, skus, qualifications })
    }

    fn prop(&mut self) -> Option<PropInput> {
        let mut m = self.header(6)?;
        let pid = self.opt_id(m.next())?;
        let name = self.opt_string(m.next())?;
        let most = self.limits.values_per_prop;
        let vids = self.list(m.next(), most, |r| {
            let kind = r.count()? as u32;
            r.id(kind)
        })?;
        let values = self.list(m.next(), most - vids.len(), |r| r.string().map(str::to_owned))?;
        let text = self.opt_string(m.next())?;
        let mut aliases = BTreeMap::new();
        for (k, v) in self.list(m.next(), most, |r| Some((r.string()?.to_owned(), r.string()?.to_owned())))? {
            aliases.insert(k, v);
        }
        Some(PropInput { pid, name, vids, values, text, aliases })
    }

    fn pair(&mut self) -> Option<SkuPropRef> {
        let mut m = self.header(4)?;
        Some(SkuPropRef {
            pid: self.opt_id(m.next())?,
            name: self.opt_string(m.next())?,
            vid: self.opt_id(m.next())?,
            value: self.opt_string(m.next())?,
        })
    }

    fn sku(&mut self) -> Option<Sku> {
        let mut m = self.header(5)?;
        let props = match m.next() {
            NONE => SkuProps::default(),
            TEXT => SkuProps::Native(self.string()?.to_owned()),
            LIST => SkuProps::List(self.list(LIST, self.limits.props, Self::pair)?),
            _ => return None,
        };
        Some(Sku {
            props,
            properties: self.opt_string(m.next())?,
            price: self.opt_scalar(m.next())?,
            quantity: self.opt_scalar(m.next())?,
            // Straight from the units: SKU codes are short and `CompactString` holds them inline.
            outer_id: self.opt_text(m.next())?.map(Into::into),
        })
    }

    fn qualification(&mut self) -> Option<QualificationDoc> {
        let mut m = self.header(2)?;
        let name = self.text(m.next())?.to_owned();
        let document = self.opt_string(m.next())?.unwrap_or_default();
        Some(QualificationDoc { name, document })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Within the default limits.
    fn read(nums: &[f64], units: &[u16]) -> Option<Listing> {
        super::read(nums, units, &InputLimits::default())
    }

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    /// A header slot from its members' kinds.
    fn h(kinds: &[u32]) -> f64 {
        f64::from(kinds.iter().rev().fold(0, |h, k| (h << 2) | k))
    }

    #[test]
    fn reads_a_listing_and_counts_strings_in_utf16_units() {
        // {"category_id": 7, "title": "T恤😀", "props": [{"pid": "12", "vids": [3]}],
        //  "skus": [{"props": [{"pid": 1, "vid": 2}], "price": "59.00", "quantity": 0, "outer_id": "A"}]}
        let text = "T恤😀1259.00A";
        let nums = [
            h(&[INT, TEXT, LIST, LIST, NONE]),
            7.0, // category_id
            4.0, // title: T, 恤, and a surrogate pair
            1.0, // props
            h(&[TEXT, NONE, LIST, NONE, NONE, NONE]),
            2.0, // pid "12"
            1.0,
            f64::from(INT),
            3.0, // vids [3]
            1.0, // skus
            h(&[LIST, NONE, TEXT, INT, TEXT]),
            1.0, // its pairs
            h(&[INT, NONE, INT, NONE]),
            1.0,
            2.0,
            5.0, // price
            0.0, // quantity
            1.0, // outer_id
        ];
        let l = read(&nums, &units(text)).unwrap();
        let json = r#"{"category_id":7,"title":"T恤😀","props":[{"pid":"12","vids":[3]}],
            "skus":[{"props":[{"pid":1,"vid":2}],"price":"59.00","quantity":0,"outer_id":"A"}]}"#;
        assert_eq!(l, Listing::from_json(json).unwrap());
    }

    #[test]
    fn anything_unexpected_is_left_to_the_json_path() {
        let only_id = h(&[INT]);
        assert!(read(&[only_id, 1.0], &[]).is_some());
        // An id string that does not parse: `serde_json` words that error.
        assert_eq!(read(&[h(&[TEXT]), 3.0], &units("abc")), None);
        // A missing category id, leftover slots or units, a short text.
        assert_eq!(read(&[0.0], &[]), None);
        assert_eq!(read(&[only_id, 1.0, 0.0], &[]), None);
        assert_eq!(read(&[only_id, 1.0], &units("x")), None);
        assert_eq!(read(&[h(&[INT, TEXT]), 1.0, 5.0], &units("abc")), None);
        // A header with bits past its members, or not a whole number; a fractional or unsafe id.
        assert_eq!(read(&[f64::from(1u32 << 10 | 1), 1.0], &[]), None);
        assert_eq!(read(&[1.5, 1.0], &[]), None);
        assert_eq!(read(&[only_id, 1.5], &[]), None);
        assert_eq!(read(&[only_id, 9_007_199_254_740_992.0], &[]), None);
        // A number where a string or a list belongs.
        assert_eq!(read(&[h(&[INT, INT]), 1.0, 2.0], &[]), None);
        assert_eq!(read(&[h(&[INT, NONE, INT]), 1.0, 2.0], &[]), None);
        // A huge count with nothing behind it.
        assert_eq!(read(&[h(&[INT, NONE, NONE, LIST]), 1.0, 4e9], &[]), None);
    }

    #[test]
    fn strings_that_are_not_well_formed_are_left_to_the_json_path() {
        // A title of two units: a lone high surrogate, a lone low one, a whole pair.
        let nums = [h(&[INT, TEXT]), 1.0, 2.0];
        assert_eq!(read(&nums, &[0x61, 0xD83D]), None);
        assert_eq!(read(&nums, &[0xDE00, 0x61]), None);
        assert_eq!(read(&nums, &[0xD83D, 0xDE00]).unwrap().title.as_deref(), Some("😀"));
        // A pair split between the title and a property's text: whole when joined, but
        // neither string is well-formed on its own.
        let nums = [h(&[INT, TEXT, LIST]), 1.0, 1.0, 1.0, h(&[INT, NONE, NONE, NONE, TEXT]), 5.0, 1.0];
        assert_eq!(read(&nums, &[0xD83D, 0xDE00]), None);
        assert_eq!(read(&nums, &[0x61, 0x62]).unwrap().title.as_deref(), Some("a"));
    }

    #[test]
    fn a_listing_over_a_limit_is_left_to_the_json_path() {
        let limits = InputLimits { props: 1, values_per_prop: 2, skus: 1, string_bytes: 3, ..InputLimits::default() };
        let within = |nums: &[f64], text: &str| super::read(nums, &units(text), &limits);
        // A title of 3 bytes and of 4 ("恤" is three bytes in UTF-8, one unit in UTF-16).
        assert!(within(&[h(&[INT, TEXT]), 1.0, 3.0], "abc").is_some());
        assert_eq!(within(&[h(&[INT, TEXT]), 1.0, 2.0], "a恤"), None);
        // Two properties; one property with two ids and a name (three values).
        let prop = h(&[INT]);
        assert_eq!(within(&[h(&[INT, NONE, LIST]), 1.0, 2.0, prop, 5.0, prop, 6.0], ""), None);
        let values = h(&[INT, NONE, LIST, LIST]);
        let two_ids = [h(&[INT, NONE, LIST]), 1.0, 1.0, values, 5.0, 2.0, 1.0, 7.0, 1.0, 8.0];
        assert!(within(&[&two_ids[..], &[0.0]].concat(), "").is_some());
        assert_eq!(within(&[&two_ids[..], &[1.0, 1.0]].concat(), "x"), None);
        // Two SKUs.
        let sku = h(&[]);
        assert_eq!(within(&[h(&[INT, NONE, NONE, LIST]), 1.0, 2.0, sku, sku], ""), None);
        // Whatever the reader returns, the limits' own check accepts.
        let l = within(&[&two_ids[..], &[0.0]].concat(), "").unwrap();
        assert_eq!(limits.check_listing(&l), Ok(()));
    }
}
