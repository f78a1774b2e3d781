//! A parser for listing JSON specialised to the listing's shape.
//!
//! Parsing is most of the cost of checking a listing that arrives as text: `serde_json`
//! spends it in generic visitor dispatch rather than in reading bytes. This parser reads the
//! one shape a listing has, straight into [`Listing`].
//!
//! It is *partial on purpose*: it answers only where the answer is certain and gives up
//! (`None`) on anything unusual (a duplicate field, a fractional id, a lone surrogate, a
//! syntax error, deep nesting in an ignored field...). [`Listing::from_json`] then asks
//! `serde_json`, which decides and words any error. So whatever this parser returns is exactly
//! what `serde_json` returns for the same text; the differential tests and the fuzz target
//! `listing_json` hold it to that.

use super::shape::{
    ListingMember, LocationMember, PriceRangeMember, PropertyMember, QualificationMember, SkuMember, SkuPairMember,
};
use super::{
    Listing, Location, PriceRange, PropInput, Props, QualificationDoc, Scalar, ShortText, Sku, SkuPropRef, SkuProps,
};
use crate::model::ids::{self, Id};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Nesting allowed inside the value of an unknown member (its key is noted, its value skipped) before handing over to `serde_json`,
/// which has its own limit and error for it.
const SKIP_DEPTH: usize = 64;

/// Parses `text` as a listing, or `None` where `serde_json` should decide.
pub(crate) fn parse(text: &str) -> Option<Listing> {
    let mut p = Parser { s: text, b: text.as_bytes(), i: 0 };
    let listing = p.listing()?;
    p.ws();
    (p.i == p.b.len()).then_some(listing)
}

// Inlining the string and number readers into their callers pays natively; in the
// size-optimised wasm module it makes the module larger and no faster.
struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

/// Marks members already read, because `serde` rejects a duplicate field and so must we.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    /// `None` when member `n` (its place in the declaration) was read before.
    #[inline(always)]
    fn first(&mut self, n: u32) -> Option<()> {
        let bit = 1 << n;
        if self.0 & bit != 0 {
            return None;
        }
        self.0 |= bit;
        Some(())
    }
}

/// A JSON number as `serde_json` would hand it to a visitor.
enum Num {
    U64(u64),
    I64(i64),
    /// The fractional or exponent form (rare), or an integer `serde_json` reads as a float;
    /// its text starts at this byte and ends where the parser stands.
    Float(usize),
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    #[inline(always)]
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// Consumes `null` if it is next.
    #[inline(always)]
    fn null(&mut self) -> bool {
        if matches!(self.peek(), Some(b'n')) && self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            true
        } else {
            false
        }
    }

    /// Calls `member` with each key of an object, the parser placed at its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            member(self, key)?;
            match self.peek()? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Calls `element` for each element of an array, the parser placed at it.
    fn array(&mut self, mut element: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.i += 1;
            return Some(());
        }
        loop {
            element(self)?;
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A string, borrowed from the input unless it holds escapes.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.i;
        self.skip_plain();
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    let s = self.s.get(start..self.i)?;
                    self.i += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                // Control characters must be escaped; `serde_json` words the error.
                0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        let mut out = String::from(self.s.get(start..self.i)?);
        loop {
            let run = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.s.get(run..self.i)?);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.i += 1;
                    out.push(self.escape()?);
                }
                _ => return None,
            }
        }
    }

    /// Moves past string bytes that need no attention, eight at a time: strings are most of
    /// a listing's bytes.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        while let Some(chunk) = self.b.get(self.i..self.i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            // A zero byte in `x ^ c` marks `c`; `x - 0x20` borrows into the high bit below 0x20.
            let quote = (x ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES) & !(x ^ (ONES * u64::from(b'"')));
            let slash = (x ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES) & !(x ^ (ONES * u64::from(b'\\')));
            let control = x.wrapping_sub(ONES * 0x20) & !x;
            if (quote | slash | control) & HIGHS != 0 {
                return;
            }
            self.i += 8;
        }
    }

    /// One escape, the backslash already read.
    fn escape(&mut self) -> Option<char> {
        let c = *self.b.get(self.i)?;
        self.i += 1;
        Some(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                match hi {
                    0xD800..=0xDBFF => {
                        // Only a proper surrogate pair; anything else is `serde_json`'s to word.
                        if self.b.get(self.i..self.i + 2)? != b"\\u" {
                            return None;
                        }
                        self.i += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                    }
                    0xDC00..=0xDFFF => return None,
                    _ => char::from_u32(hi)?,
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.b.get(self.i..self.i + 4)?;
        let mut v = 0;
        for &d in digits {
            v = v * 16 + (d as char).to_digit(16)?;
        }
        self.i += 4;
        Some(v)
    }

    /// A number in strict JSON syntax; the text is returned for the fractional form.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn number(&mut self) -> Option<Num> {
        self.ws();
        let start = self.i;
        let negative = matches!(self.b.get(self.i), Some(b'-'));
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        let mut magnitude: u64 = 0;
        while let Some(&d @ b'0'..=b'9') = self.b.get(self.i) {
            // Wraps only past 19 digits, which are checked below; unchecked arithmetic here
            // keeps a 128-bit multiply out of the loop on 32-bit targets.
            magnitude = magnitude.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            self.i += 1;
        }
        let digits = self.i - int_start;
        let overflow = digits > 19 && self.s.get(int_start..self.i).and_then(|t| t.parse::<u64>().ok()).is_none();
        if digits == 0 || (digits > 1 && self.b[int_start] == b'0') {
            return None;
        }
        let mut float = false;
        if let Some(b'.') = self.b.get(self.i) {
            self.i += 1;
            float = true;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
            float = true;
            if let Some(b'+' | b'-') = self.b.get(self.i) {
                self.i += 1;
            }
            self.digits()?;
        }
        // Huge integers become floats in `serde_json`; `-0` too.
        Some(if float || overflow {
            Num::Float(start)
        } else if !negative {
            Num::U64(magnitude)
        } else if magnitude == 0 || magnitude > i64::MIN.unsigned_abs() {
            Num::Float(start)
        } else {
            Num::I64(0i64.wrapping_sub_unsigned(magnitude))
        })
    }

    #[inline(always)]
    fn digits(&mut self) -> Option<()> {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        (self.i > start).then_some(())
    }

    /// Skips any value of an ignored field.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > SKIP_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(|p, _| p.skip(depth + 1)),
            b'[' => self.array(|p| p.skip(depth + 1)),
            b'"' => self.string().map(drop),
            b'n' => self.null().then_some(()),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            _ => self.number().map(drop),
        }
    }

    #[inline(always)]
    fn word(&mut self, w: &[u8]) -> Option<()> {
        self.b[self.i..].starts_with(w).then(|| self.i += w.len())
    }

    /// A required id: an integer or a string holding one (see [`crate::model::ids`]).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn id(&mut self) -> Option<Id> {
        if self.peek()? == b'"' {
            return ids::from_text(&self.string()?);
        }
        match self.number()? {
            Num::U64(v) => Id::try_from(v).ok(),
            Num::I64(v) => Some(v),
            Num::Float(_) => None,
        }
    }

    /// An optional id: `null` and a blank string are absent.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn opt_id(&mut self) -> Option<Option<Id>> {
        if self.null() {
            return Some(None);
        }
        if self.peek()? == b'"' {
            return ids::opt_from_text(&self.string()?);
        }
        self.id().map(Some)
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        if self.null() {
            return Some(None);
        }
        self.string().map(|s| Some(s.into_owned()))
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn opt_scalar(&mut self) -> Option<Option<Scalar>> {
        if self.null() {
            return Some(None);
        }
        if self.peek()? == b'"' {
            return self.string().map(|s| Some(Scalar::Text(ShortText::from(s))));
        }
        let num = self.number()?;
        let n = match num {
            Num::U64(v) => v.into(),
            Num::I64(v) => v.into(),
            // The float is read by `serde_json` itself so that it rounds the same way.
            Num::Float(start) => {
                serde_json::Number::from_f64(serde_json::from_str::<f64>(self.s.get(start..self.i)?).ok()?)?
            }
        };
        Some(Some(Scalar::Number(n)))
    }

    fn listing(&mut self) -> Option<Listing> {
        let mut category_id = None;
        let mut l = Listing::default();
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = ListingMember::from_key(&key) else {
                l.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                ListingMember::CategoryId => category_id = Some(p.id()?),
                ListingMember::Title => l.title = p.opt_string()?,
                ListingMember::Props => l.props = p.props()?,
                ListingMember::Skus => {
                    p.array(|p| {
                        // Filled in place: a SKU is large, and moving each one showed in profiles.
                        l.skus.push(Sku::default());
                        p.sku(l.skus.last_mut()?)
                    })?;
                }
                ListingMember::Qualifications => {
                    p.array(|p| {
                        l.qualifications.push(p.qualification()?);
                        Some(())
                    })?;
                }
                ListingMember::OuterId => l.outer_id = p.opt_string()?,
                ListingMember::Price => l.price = p.opt_scalar()?,
                ListingMember::Quantity => l.quantity = p.opt_scalar()?,
                ListingMember::Description => l.description = p.opt_string()?,
                ListingMember::Images => {
                    p.array(|p| {
                        l.images.push(p.string()?.into_owned());
                        Some(())
                    })?;
                }
                ListingMember::Location => l.location = p.location()?,
                ListingMember::Barcode => l.barcode = p.opt_string()?,
                ListingMember::StuffStatus => l.stuff_status = p.opt_string()?,
                ListingMember::PriceRanges => {
                    p.array(|p| {
                        l.price_ranges.push(p.price_range()?);
                        Some(())
                    })?;
                }
                ListingMember::MinOrderQuantity => l.min_order_quantity = p.opt_scalar()?,
                ListingMember::Unit => l.unit = p.opt_string()?,
            }
            Some(())
        })?;
        l.category_id = category_id?;
        Some(l)
    }

    fn props(&mut self) -> Option<Props> {
        if self.null() {
            return Some(Props::default());
        }
        if self.peek()? == b'"' {
            return Some(Props::Native(self.string()?.into_owned()));
        }
        let mut list = Vec::new();
        self.array(|p| {
            list.push(PropInput::default());
            p.prop(list.last_mut()?)
        })?;
        Some(Props::List(list))
    }

    fn prop(&mut self, prop: &mut PropInput) -> Option<()> {
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = PropertyMember::from_key(&key) else {
                prop.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                PropertyMember::Pid => prop.pid = p.opt_id()?,
                PropertyMember::Name => prop.name = p.opt_string()?,
                PropertyMember::Vids => {
                    p.array(|p| {
                        prop.vids.push(p.id()?);
                        Some(())
                    })?;
                }
                PropertyMember::Values => {
                    p.array(|p| {
                        prop.values.push(p.string()?.into_owned());
                        Some(())
                    })?;
                }
                PropertyMember::Text => prop.text = p.opt_string()?,
                PropertyMember::Aliases => {
                    let mut map = BTreeMap::new();
                    p.object(|p, k| {
                        // A repeated key keeps its last value, as a map does in `serde`.
                        map.insert(k.into_owned(), p.string()?.into_owned());
                        Some(())
                    })?;
                    prop.aliases = map;
                }
            }
            Some(())
        })?;
        Some(())
    }

    fn sku(&mut self, sku: &mut Sku) -> Option<()> {
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = SkuMember::from_key(&key) else {
                sku.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                SkuMember::Props => sku.props = p.sku_props()?,
                SkuMember::Properties => sku.properties = p.opt_string()?,
                SkuMember::Price => sku.price = p.opt_scalar()?,
                SkuMember::Quantity => sku.quantity = p.opt_scalar()?,
                SkuMember::OuterId => {
                    sku.outer_id = if p.null() { None } else { Some(ShortText::from(p.string()?)) };
                }
                SkuMember::Barcode => sku.barcode = p.opt_string()?,
                SkuMember::MarketPrice => sku.market_price = p.opt_scalar()?,
            }
            Some(())
        })?;
        Some(())
    }

    fn sku_props(&mut self) -> Option<SkuProps> {
        if self.null() {
            return Some(SkuProps::default());
        }
        if self.peek()? == b'"' {
            return Some(SkuProps::Native(self.string()?.into_owned()));
        }
        let mut list = Vec::new();
        self.array(|p| {
            list.push(SkuPropRef::default());
            p.sku_prop(list.last_mut()?)
        })?;
        Some(SkuProps::List(list))
    }

    fn sku_prop(&mut self, r: &mut SkuPropRef) -> Option<()> {
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = SkuPairMember::from_key(&key) else {
                r.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                SkuPairMember::Pid => r.pid = p.opt_id()?,
                SkuPairMember::Name => r.name = p.opt_string()?,
                SkuPairMember::Vid => r.vid = p.opt_id()?,
                SkuPairMember::Value => r.value = p.opt_string()?,
            }
            Some(())
        })?;
        Some(())
    }

    fn location(&mut self) -> Option<Option<Location>> {
        if self.null() {
            return Some(None);
        }
        let mut loc = Location::default();
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = LocationMember::from_key(&key) else {
                loc.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                LocationMember::State => loc.state = p.opt_string()?,
                LocationMember::City => loc.city = p.opt_string()?,
            }
            Some(())
        })?;
        Some(Some(loc))
    }

    fn price_range(&mut self) -> Option<PriceRange> {
        let mut r = PriceRange::default();
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = PriceRangeMember::from_key(&key) else {
                r.unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                PriceRangeMember::StartQuantity => r.start_quantity = p.opt_scalar()?,
                PriceRangeMember::Price => r.price = p.opt_scalar()?,
            }
            Some(())
        })?;
        Some(r)
    }

    fn qualification(&mut self) -> Option<QualificationDoc> {
        let mut name = None;
        let mut document = String::new();
        let mut unknown = Vec::new();
        let mut seen = Seen::default();
        self.object(|p, key| {
            let Some(member) = QualificationMember::from_key(&key) else {
                unknown.push(key.into_owned());
                return p.skip(0);
            };
            seen.first(member.index())?;
            match member {
                QualificationMember::Name => name = Some(p.string()?.into_owned()),
                QualificationMember::Document => document = p.string()?.into_owned(),
            }
            Some(())
        })?;
        Some(QualificationDoc { name: name?, document, unknown })
    }
}
