//! `SKU_PRICE_INVALID`, `SKU_QUANTITY_INVALID`.

use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuPriceInvalid, Code::SkuQuantityInvalid], check };

/// A positive decimal with at most two places, digits only (no sign, exponent or spaces):
/// what the platforms accept as a price.
pub(crate) fn price_ok(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || frac.len() > 2 || (s.contains('.') && frac.is_empty()) {
        return false;
    }
    int.bytes().chain(frac.bytes()).any(|b| b != b'0')
}

/// A whole number of at least zero (`3`, `"3"`; not `3.5`, `-1`, `""`).
pub(crate) fn quantity_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit())
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for sku in &ctx.skus.list {
        let j = sku.index;
        let s = &ctx.listing.skus[j];
        let price = s.price.as_ref().map(|p| p.as_text());
        if !price.as_deref().is_some_and(price_ok) {
            sink.error(IssueKind::SkuPriceInvalid { price: price.map(|p| p.into_owned()) }, format!("/skus/{j}/price"));
        }
        let quantity = s.quantity.as_ref().map(|q| q.as_text());
        if !quantity.as_deref().is_some_and(quantity_ok) {
            sink.error(
                IssueKind::SkuQuantityInvalid { quantity: quantity.map(|q| q.into_owned()) },
                format!("/skus/{j}/quantity"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn prices() {
        for ok in ["59", "59.0", "59.00", "0.01", "100000"] {
            assert!(price_ok(ok), "{ok}");
        }
        for bad in ["", "0", "0.00", "-1", "59.999", "5e3", " 59", "59.", ".5", "¥59"] {
            assert!(!price_ok(bad), "{bad}");
        }
    }

    #[test]
    fn quantities() {
        assert!(quantity_ok("0") && quantity_ok("100"));
        assert!(!quantity_ok("-1") && !quantity_ok("1.5") && !quantity_ok("") && !quantity_ok("9".repeat(19).as_str()));
    }

    #[test]
    fn reported_at_the_sku_field() {
        let mut l = tshirt();
        set(&mut l, "/skus/2/price", json!("59.999"));
        set(&mut l, "/skus/3/quantity", json!(-2));
        assert_eq!(paths_of(l.clone(), "SKU_PRICE_INVALID"), vec!["/skus/2/price"]);
        assert_eq!(paths_of(l, "SKU_QUANTITY_INVALID"), vec!["/skus/3/quantity"]);
    }
}
