//! `PRICE_OUT_OF_RANGE`: a SKU price outside the platform's bounds (limits `price_min`,
//! `price_max`) or the category's price limits. Prices that are not valid decimals are
//! `SKU_PRICE_INVALID`'s, absent ones `SKU_PRICE_MISSING`'s.

use super::sku_price::price_ok;
use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::PriceOutOfRange], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let limits = &ctx.catalog.limits;
    let category = ctx.cat.category.price;
    for sku in &ctx.skus.list {
        let j = sku.index;
        let Some(price) = ctx.listing.skus[j].price.as_ref() else { continue };
        let text = price.as_text();
        if !price_ok(text.as_bytes()) {
            continue;
        }
        let Ok(x) = text.parse::<f64>() else { continue };
        let kind = if !limits.price_min.admits_above(x) || !limits.price_max.admits_below(x) {
            IssueKind::PriceOutOfRange {
                price: text.into_owned(),
                min: Some(limits.price_min),
                max: Some(limits.price_max),
                category: false,
            }
        } else if let Some(b) =
            category.filter(|b| b.min.is_some_and(|m| !m.admits_above(x)) || b.max.is_some_and(|m| !m.admits_below(x)))
        {
            IssueKind::PriceOutOfRange { price: text.into_owned(), min: b.min, max: b.max, category: true }
        } else {
            continue;
        };
        sink.error(kind, format!("/skus/{j}/price"));
    }
}
