//! `PRICE_OUT_OF_RANGE`: a SKU price outside the platform's bounds (limits `price_min`,
//! `price_max`) or the category's price limits. Prices that are not valid decimals are
//! `SKU_PRICE_INVALID`'s, absent ones `SKU_PRICE_MISSING`'s.
//!
//! It runs on every SKU of every listing: a price is read from its digits (no float parsing,
//! no formatting), which keeps the rule to a few nanoseconds a SKU.

use super::sku_price::price_cents;
use super::Rule;
use crate::input::listing::Scalar;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::PriceOutOfRange], check };

/// The value of digits with an optional dot (a quantity). Past 18 whole
/// digits the value only grows: it is beyond any bound anyway.
pub(crate) fn decimal_value(b: &[u8]) -> f64 {
    let (mut whole, mut frac, mut scale, mut after_dot) = (0u64, 0u64, 1u64, false);
    for &c in b {
        match c {
            b'.' => after_dot = true,
            d if after_dot && scale < 1_000_000 => {
                frac = frac * 10 + u64::from(d - b'0');
                scale *= 10;
            }
            _ if after_dot => {}
            d => whole = whole.saturating_mul(10).saturating_add(u64::from(d - b'0')),
        }
    }
    whole as f64 + frac as f64 / scale as f64
}

/// A price's value when it is a valid price, without allocating for the usual forms (a
/// string, a whole number).
pub(crate) fn value(price: &Scalar) -> Option<f64> {
    let cents = match price {
        Scalar::Text(t) => price_cents(t.as_bytes()),
        Scalar::Number(n) => match n.as_u64() {
            Some(u) => return (u > 0).then_some(u as f64),
            None => price_cents(price.as_text().as_bytes()),
        },
    };
    cents.map(|c| c as f64 / 100.0)
}

/// The issue for price `price` of value `x` when it is outside the platform's bounds or else
/// the category's.
pub(crate) fn out_of_bounds(ctx: &Ctx<'_>, price: &Scalar, x: f64) -> Option<IssueKind> {
    let limits = &ctx.catalog.limits;
    if !limits.price_min.admits_above(x) || !limits.price_max.admits_below(x) {
        return Some(IssueKind::PriceOutOfRange {
            price: price.as_text().into_owned(),
            min: Some(limits.price_min),
            max: Some(limits.price_max),
            category: false,
        });
    }
    let b = ctx.cat.category.price?;
    (b.min.is_some_and(|m| !m.admits_above(x)) || b.max.is_some_and(|m| !m.admits_below(x))).then(|| {
        IssueKind::PriceOutOfRange { price: price.as_text().into_owned(), min: b.min, max: b.max, category: true }
    })
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let limits = &ctx.catalog.limits;
    let category = ctx.cat.category.price;
    let facts = ctx.sku_facts();
    if facts.prices_within(Some(limits.price_min), Some(limits.price_max))
        && category.is_none_or(|b| facts.prices_within(b.min, b.max))
    {
        return;
    }
    // Without category limits and with the platform's usual (0, 100,000,000), a price written
    // in at most 8 characters is within bounds whatever its digits: most SKUs stop here.
    let short_is_fine = category.is_none() && limits.price_min.value <= 0.0 && limits.price_max.value >= 1e8;
    for sku in &ctx.skus.list {
        let j = sku.index;
        let Some(price) = ctx.listing.skus[j].price.as_ref() else { continue };
        if short_is_fine && matches!(price, Scalar::Text(t) if t.len() <= 8) {
            continue;
        }
        let Some(x) = ctx.sku_price(j) else { continue };
        let Some(kind) = out_of_bounds(ctx, price, x) else { continue };
        sink.error(kind, format!("/skus/{j}/price"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_from_the_digits() {
        for (text, v) in
            [("59", 59.0), ("59.9", 59.9), ("0.01", 0.01), ("100000000", 1e8), ("99999999.99", 99_999_999.99)]
        {
            assert_eq!(decimal_value(text.as_bytes()), v, "{text}");
        }
        assert!(decimal_value("9".repeat(30).as_bytes()) > 1e17);
    }
}
