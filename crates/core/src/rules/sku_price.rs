//! `SKU_PRICE_INVALID`, `SKU_QUANTITY_INVALID`.

use super::Rule;
use crate::engine::Ctx;
use crate::report::{Code, IssueKind, Sink};

pub(crate) const RULE: Rule = Rule { codes: &[Code::SkuPriceInvalid, Code::SkuQuantityInvalid], check };

/// A positive decimal with at most two places, digits only (no sign, exponent or spaces):
/// what the platforms accept as a price.
pub(crate) fn price_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], Some(&b[dot + 1..])),
        None => (b, None),
    };
    let digits = |t: &[u8]| t.iter().all(u8::is_ascii_digit);
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.len() <= 2 && digits(f));
    !int.is_empty() && digits(int) && frac_ok && b.iter().any(|&c| c != b'0' && c != b'.')
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for sku in &ctx.skus.list {
        let j = sku.index;
        let s = &ctx.listing.skus[j];
        // Prices are usually strings ("59.00"): checking the borrowed text allocates nothing.
        let price = s.price.as_ref().map(|p| p.as_text());
        if !price.as_deref().is_some_and(price_ok) {
            sink.error(IssueKind::SkuPriceInvalid { price: price.map(|p| p.into_owned()) }, format!("/skus/{j}/price"));
        }
        if !s.quantity.as_ref().is_some_and(|q| q.is_non_negative_integer()) {
            let quantity = s.quantity.as_ref().map(|q| q.as_text().into_owned());
            sink.error(IssueKind::SkuQuantityInvalid { quantity }, format!("/skus/{j}/quantity"));
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
        use crate::listing::Scalar;
        let ok = |v: serde_json::Value| serde_json::from_value::<Scalar>(v).unwrap().is_non_negative_integer();
        assert!(ok(json!(0)) && ok(json!(100)) && ok(json!("100")));
        assert!(!ok(json!(-1)) && !ok(json!(1.5)) && !ok(json!("")) && !ok(json!("9".repeat(19))) && !ok(json!("-1")));
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
