//! A listing object from JavaScript without JSON text.
//!
//! `JSON.stringify` of a typical listing object costs more than validating it. The package's
//! glue (`pkg/js/packed.js`, appended to each build by `scripts/build-pkg.sh`) walks the object
//! instead, writing numbers and string lengths into one `Float64Array` and the strings into one
//! string, in the listing's fixed field order; this module reads that back into a [`Listing`].
//!
//! Like [`Listing::from_json`], the path is partial on purpose: the glue gives up on anything
//! unusual (an unknown field, a fractional number, a wrongly typed value...) and so does the
//! reader here (an id string that does not parse, a string that ends inside a character: the
//! glue looks for lone surrogates in the joined text, where a pair split between neighbouring
//! strings looks whole). The object then takes the JSON path, which decides and words any
//! error. So this path only ever gives the listing `JSON.stringify` + `serde_json` would give;
//! `pkg/test/packed.test.mjs` holds it to that.
//!
//! Each value starts with a tag: `ABSENT` (absent or `null`, where both mean "none"),
//! `INT` + a safe integer, `TEXT` + its length in UTF-16 code units (the string is next
//! in the text), or `LIST` + a count and the elements.

use shelfcheck_core::listing::{PropInput, Props, QualificationDoc, Scalar, Sku, SkuPropRef, SkuProps};
use shelfcheck_core::{ids, Id, Listing};
use std::collections::BTreeMap;

const ABSENT: f64 = 0.0;
const INT: f64 = 1.0;
const TEXT: f64 = 2.0;
const LIST: f64 = 3.0;

/// A value's first slot.
enum Tag {
    Absent,
    Int(i64),
    /// A string of this many UTF-16 code units.
    Text(usize),
    /// A list of this many elements.
    List(usize),
}

/// An upper bound of the size of the object's JSON text, for the input limit: every UTF-16
/// unit of a string escapes to at most six bytes and every slot stands for at most one number
/// or string with its member name and punctuation.
pub fn json_bound(nums: &[f64], text: &str) -> usize {
    6 * text.len() + 48 * nums.len() + 64
}

/// The listing, or `None` where the JSON path must decide.
pub fn read(nums: &[f64], text: &str) -> Option<Listing> {
    let mut r = Reader { nums, at: 0, text, pos: 0 };
    let listing = r.listing()?;
    (r.at == nums.len() && r.pos == text.len()).then_some(listing)
}

struct Reader<'a> {
    nums: &'a [f64],
    at: usize,
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn slot(&mut self) -> Option<f64> {
        let v = *self.nums.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    /// A count or length: a non-negative whole number.
    fn count(&mut self) -> Option<usize> {
        let v = self.slot()?;
        (v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64).then_some(v as usize)
    }

    fn tag(&mut self) -> Option<Tag> {
        let t = self.slot()?;
        if t == ABSENT {
            Some(Tag::Absent)
        } else if t == INT {
            let v = self.slot()?;
            // The glue sends safe integers only (|v| < 2^53), exact in both f64 and i64.
            (v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_991.0).then_some(Tag::Int(v as i64))
        } else if t == TEXT {
            Some(Tag::Text(self.count()?))
        } else if t == LIST {
            Some(Tag::List(self.count()?))
        } else {
            None
        }
    }

    /// The next `units` UTF-16 code units of the text; `None` when they end inside a
    /// character (half of a surrogate pair).
    fn take(&mut self, units: usize) -> Option<&'a str> {
        let rest = self.text.get(self.pos..)?;
        let bytes = rest.as_bytes();
        // Most strings of a listing (prices, codes, ids) are ASCII: one byte per unit.
        let end = if bytes.len() >= units && bytes[..units].is_ascii() {
            units
        } else {
            let mut seen = 0;
            let mut end = 0;
            for c in rest.chars() {
                if seen >= units {
                    break;
                }
                seen += c.len_utf16();
                end += c.len_utf8();
            }
            if seen != units {
                return None;
            }
            end
        };
        let s = rest.get(..end)?;
        self.pos += end;
        Some(s)
    }

    fn string(&mut self) -> Option<&'a str> {
        match self.tag()? {
            Tag::Text(n) => self.take(n),
            _ => None,
        }
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.tag()? {
            Tag::Absent => Some(None),
            Tag::Text(n) => self.take(n).map(|s| Some(s.to_owned())),
            _ => None,
        }
    }

    /// A required id: an integer, or a string holding one (as `serde_json` reads ids).
    fn id(&mut self) -> Option<Id> {
        match self.tag()? {
            Tag::Int(v) => Some(v),
            Tag::Text(n) => ids::from_text(self.take(n)?),
            _ => None,
        }
    }

    /// An optional id: absent, `null` and a blank string are none.
    fn opt_id(&mut self) -> Option<Option<Id>> {
        match self.tag()? {
            Tag::Absent => Some(None),
            Tag::Int(v) => Some(Some(v)),
            Tag::Text(n) => ids::opt_from_text(self.take(n)?),
            Tag::List(_) => None,
        }
    }

    fn opt_scalar(&mut self) -> Option<Option<Scalar>> {
        match self.tag()? {
            Tag::Absent => Some(None),
            // `serde_json` reads a non-negative integer as unsigned, a negative one as signed.
            Tag::Int(v) if v >= 0 => Some(Some(Scalar::Number((v as u64).into()))),
            Tag::Int(v) => Some(Some(Scalar::Number(v.into()))),
            Tag::Text(n) => self.take(n).map(|s| Some(Scalar::Text(s.into()))),
            Tag::List(_) => None,
        }
    }

    /// A list that may be absent (then empty); `each` reads one element.
    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        match self.tag()? {
            Tag::Absent => Some(Vec::new()),
            Tag::List(n) => {
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
        let category_id = self.id()?;
        let title = self.opt_string()?;
        let props = match self.tag()? {
            Tag::Absent => Props::default(),
            Tag::Text(n) => Props::Native(self.take(n)?.to_owned()),
            Tag::List(n) => {
                let mut list = Vec::with_capacity(n.min(self.nums.len() - self.at));
                for _ in 0..n {
                    list.push(self.prop()?);
                }
                Props::List(list)
            }
            Tag::Int(_) => return None,
        };
        let skus = self.list(Self::sku)?;
        let qualifications = self.list(Self::qualification)?;
        Some(Listing { category_id, title, props, skus, qualifications })
    }

    fn prop(&mut self) -> Option<PropInput> {
        let pid = self.opt_id()?;
        let name = self.opt_string()?;
        let vids = self.list(Self::id)?;
        let values = self.list(|r| r.string().map(str::to_owned))?;
        let text = self.opt_string()?;
        let mut aliases = BTreeMap::new();
        for (k, v) in self.list(|r| Some((r.string()?.to_owned(), r.string()?.to_owned())))? {
            aliases.insert(k, v);
        }
        Some(PropInput { pid, name, vids, values, text, aliases })
    }

    fn sku(&mut self) -> Option<Sku> {
        let props = match self.tag()? {
            Tag::Absent => SkuProps::default(),
            Tag::Text(n) => SkuProps::Native(self.take(n)?.to_owned()),
            Tag::List(n) => {
                let mut list = Vec::with_capacity(n.min(self.nums.len() - self.at));
                for _ in 0..n {
                    list.push(SkuPropRef {
                        pid: self.opt_id()?,
                        name: self.opt_string()?,
                        vid: self.opt_id()?,
                        value: self.opt_string()?,
                    });
                }
                SkuProps::List(list)
            }
            Tag::Int(_) => return None,
        };
        Some(Sku {
            props,
            properties: self.opt_string()?,
            price: self.opt_scalar()?,
            quantity: self.opt_scalar()?,
            // Straight from the text: SKU codes are short and `CompactString` holds them inline.
            outer_id: match self.tag()? {
                Tag::Absent => None,
                Tag::Text(n) => Some(self.take(n)?.into()),
                _ => return None,
            },
        })
    }

    fn qualification(&mut self) -> Option<QualificationDoc> {
        let name = self.string()?.to_owned();
        let document = self.opt_string()?.unwrap_or_default();
        Some(QualificationDoc { name, document })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_listing_and_counts_strings_in_utf16_units() {
        // {"category_id": 7, "title": "T恤😀", "props": [{"pid": "12", "vids": [3]}],
        //  "skus": [{"props": [{"pid": 1, "vid": 2}], "price": "59.00", "quantity": 0, "outer_id": "A"}]}
        let text = "T恤😀1259.00A";
        let nums = [
            INT, 7.0, // category_id
            TEXT, 4.0, // title: T, 恤, and a surrogate pair
            LIST, 1.0, // props
            TEXT, 2.0, ABSENT, LIST, 1.0, INT, 3.0, ABSENT, ABSENT, ABSENT, // one prop
            LIST, 1.0, // skus
            LIST, 1.0, INT, 1.0, ABSENT, INT, 2.0, ABSENT, // props of the SKU
            ABSENT, TEXT, 5.0, INT, 0.0, TEXT, 1.0,    // properties, price, quantity, outer_id
            ABSENT, // qualifications
        ];
        let l = read(&nums, text).unwrap();
        let json = r#"{"category_id":7,"title":"T恤😀","props":[{"pid":"12","vids":[3]}],
            "skus":[{"props":[{"pid":1,"vid":2}],"price":"59.00","quantity":0,"outer_id":"A"}]}"#;
        assert_eq!(l, Listing::from_json(json).unwrap());
    }

    #[test]
    fn anything_unexpected_is_left_to_the_json_path() {
        // An id string that does not parse: `serde_json` words that error.
        assert_eq!(read(&[TEXT, 3.0, ABSENT, ABSENT, ABSENT, ABSENT], "abc"), None);
        // Leftover slots or text, a short text, an unknown tag, a fractional integer.
        assert_eq!(read(&[INT, 1.0, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT], ""), None);
        assert_eq!(read(&[INT, 1.0, ABSENT, ABSENT, ABSENT, ABSENT], "x"), None);
        assert_eq!(read(&[INT, 1.0, TEXT, 5.0, ABSENT, ABSENT, ABSENT], "abc"), None);
        assert_eq!(read(&[9.0, 1.0, ABSENT, ABSENT, ABSENT, ABSENT], ""), None);
        assert_eq!(read(&[INT, 1.5, ABSENT, ABSENT, ABSENT, ABSENT], ""), None);
        // A huge count with nothing behind it.
        assert_eq!(read(&[INT, 1.0, ABSENT, ABSENT, LIST, 4e9, ABSENT], ""), None);
        assert!(read(&[INT, 1.0, ABSENT, ABSENT, ABSENT, ABSENT], "").is_some());
    }
}
