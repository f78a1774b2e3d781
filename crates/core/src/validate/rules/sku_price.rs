//! `SKU_PRICE_MISSING`, `SKU_PRICE_INVALID`, `SKU_QUANTITY_INVALID`. An absent or blank price
//! is missing (the seller has to give one), not an invalid price ``.

use super::amount::{invalid_price, invalid_quantity};
use super::Rule;
use crate::input::listing::Scalar;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule =
    Rule { codes: &[Code::SkuPriceMissing, Code::SkuPriceInvalid, Code::SkuQuantityInvalid], check };

/// The value in cents of what the platforms accept as a price (a positive decimal with at
/// most two places, digits only: no sign, exponent or spaces), or `None`, in one pass: the
/// price rules read every SKU's price.
pub(crate) fn price_cents(b: &[u8]) -> Option<u64> {
    // Nineteen digits always fit: a price that short (every real one) is read without
    // overflow checks, which cost more than the digits themselves.
    if b.len() <= 19 {
        read_cents(b, |cents, d| cents * 10 + d)
    } else {
        // Past 17 whole digits the value only grows: it is beyond any bound anyway.
        read_cents(b, |cents, d| cents.saturating_mul(10).saturating_add(d))
    }
}

/// [`price_cents`] with `step` adding a digit to the whole part read so far: the digits up
/// to the first non-digit, then nothing, or a dot and one or two digits.
#[inline(always)]
fn read_cents(b: &[u8], step: impl Fn(u64, u64) -> u64) -> Option<u64> {
    let mut whole = 0u64;
    let mut i = 0;
    while let Some(d) = b.get(i).map(|c| c.wrapping_sub(b'0')).filter(|&d| d <= 9) {
        whole = step(whole, u64::from(d));
        i += 1;
    }
    let digit = |c: u8| Some(u64::from(c.wrapping_sub(b'0'))).filter(|&d| d <= 9);
    let fraction = match b.get(i..)? {
        [] => 0,
        [b'.', tenths] => digit(*tenths)? * 10,
        [b'.', tenths, hundredths] => digit(*tenths)? * 10 + digit(*hundredths)?,
        // `59.`, `59.999`, a second dot, a sign or space or letter after the digits.
        _ => return None,
    };
    // No digits before the dot (`.5`, ``) is not a price.
    if i == 0 {
        return None;
    }
    let cents = whole.saturating_mul(100).saturating_add(fraction);
    (cents > 0).then_some(cents)
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let facts = ctx.sku_facts();
    if facts.all_prices_valid && facts.all_quantities_whole {
        return;
    }
    for sku in &ctx.skus.list {
        let j = sku.index;
        let s = &ctx.listing.skus[j];
        let price_valid = ctx.sku_price(j).is_some();
        // Blankness is looked at only for a price that is not valid: this runs on every SKU.
        if !price_valid {
            let blank = match &s.price {
                Some(Scalar::Text(t)) => t.trim().is_empty(),
                Some(_) => false,
                None => true,
            };
            if blank {
                sink.error(IssueKind::SkuPriceMissing {}, format!("/skus/{j}/price"));
            } else {
                // Not blank, so given.
                if let Some(price) = &s.price {
                    sink.error(invalid_price(price), format!("/skus/{j}/price"));
                }
            }
        }
        if !s.quantity.as_ref().is_some_and(|q| q.is_non_negative_integer()) {
            sink.error(invalid_quantity(s.quantity.as_ref()), format!("/skus/{j}/quantity"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::PriceProblem;
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    #[test]
    fn prices() {
        for ok in ["59", "59.0", "59.00", "0.01", "100000"] {
            assert!(price_cents(ok.as_bytes()).is_some(), "{ok}");
        }
        for (text, cents) in [("59", 5900), ("59.9", 5990), ("59.90", 5990), ("0.01", 1), ("100000000", 10_000_000_000)]
        {
            assert_eq!(price_cents(text.as_bytes()), Some(cents), "{text}");
        }
        assert!(price_cents("9".repeat(30).as_bytes()).is_some_and(|c| c as f64 / 100.0 > 1e17));
        for bad in ["", "0", "0.00", "-1", "59.999", "5e3", " 59", "59.", ".5", "¥59", "1.2.3", "1..", ".", "00.0"] {
            assert!(price_cents(bad.as_bytes()).is_none(), "{bad}");
        }
    }

    #[test]
    fn short_and_long_prices_read_alike() {
        // Up to 19 characters a price is read without overflow checks, past them with.
        for (text, cents) in [
            ("1234567890123456.78", 123_456_789_012_345_678),
            ("12345678901234567.8", 1_234_567_890_123_456_780),
            ("123456789012345678.9", 12_345_678_901_234_567_890),
            ("9999999999999999999", u64::MAX),
            ("99999999999999999999", u64::MAX),
        ] {
            assert_eq!(price_cents(text.as_bytes()), Some(cents), "{text}");
        }
        assert_eq!(price_cents(b"1234567890123456.789"), None);
    }

    #[test]
    fn quantities() {
        use crate::input::listing::Scalar;
        let ok = |v: serde_json::Value| serde_json::from_value::<Scalar>(v).unwrap().is_non_negative_integer();
        assert!(ok(json!(0)) && ok(json!(100)) && ok(json!("100")));
        assert!(!ok(json!(-1)) && !ok(json!(1.5)) && !ok(json!("")) && !ok(json!("9".repeat(19))) && !ok(json!("-1")));
    }

    #[test]
    fn numbers_are_judged_and_reported_by_their_value_in_plain_decimal() {
        let scalar = |t: &str| serde_json::from_str::<Scalar>(t).unwrap();
        for (written, text) in
            [("1e2", "100"), ("100.0", "100"), ("-0", "-0"), ("59.999", "59.999"), ("1e-7", "0.0000001")]
        {
            assert_eq!(scalar(written).as_text(), text, "{written}");
        }
        assert!(scalar("1e2").is_non_negative_integer() && scalar("-0").is_non_negative_integer());
        assert!(!scalar("1e30").is_non_negative_integer() && !scalar("-1.0").is_non_negative_integer());
        let mut l = tshirt();
        set(&mut l, "/skus/0/price", serde_json::from_str("1e2").unwrap());
        set(&mut l, "/skus/1/price", serde_json::from_str("-0").unwrap());
        set(&mut l, "/skus/2/quantity", serde_json::from_str("1e2").unwrap());
        let report = run(&demo(), l, &crate::ValidateOptions::default());
        assert_eq!(pairs(&report), vec![("SKU_PRICE_INVALID".to_owned(), "/skus/1/price".to_owned())]);
        assert_eq!(
            report.issues[0].kind,
            IssueKind::SkuPriceInvalid { price: Some("-0".into()), reason: PriceProblem::NotPositive }
        );
    }

    #[test]
    fn each_refused_price_and_quantity_says_why() {
        let mut l = tshirt();
        set(&mut l, "/skus/0/price", json!("59.00 "));
        set(&mut l, "/skus/1/price", json!("５９.００"));
        set(&mut l, "/skus/2/price", json!("59.999"));
        set(&mut l, "/skus/0/quantity", json!("１００"));
        set(&mut l, "/skus/1/quantity", json!("9".repeat(19)));
        l["skus"][2].as_object_mut().unwrap().remove("quantity");
        let report = run(&demo(), l, &crate::ValidateOptions::default());
        let reasons: Vec<String> = report
            .issues
            .iter()
            .map(|i| match &i.kind {
                IssueKind::SkuPriceInvalid { reason, .. } => format!("{} {reason:?}", i.path),
                IssueKind::SkuQuantityInvalid { reason, .. } => format!("{} {reason:?}", i.path),
                other => format!("{} {other:?}", i.path),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "/skus/0/price Spaces",
                "/skus/0/quantity FullWidth",
                "/skus/1/price FullWidth",
                "/skus/1/quantity TooLarge",
                "/skus/2/price TooManyDecimals",
                "/skus/2/quantity Missing",
            ]
        );
        // The message names the problem and, for full-width digits, how to write them.
        assert_eq!(report.issues[2].message, "价格 `５９.００` 含有全角数字或符号, 请用半角数字填写, 如 `59.00`");
    }

    #[test]
    fn an_absent_or_blank_price_is_missing_not_invalid() {
        let mut l = tshirt();
        set(&mut l, "/skus/0/price", json!(""));
        set(&mut l, "/skus/1/price", json!("  "));
        l["skus"][2].as_object_mut().unwrap().remove("price");
        assert_eq!(paths_of(l.clone(), "SKU_PRICE_MISSING"), vec!["/skus/0/price", "/skus/1/price", "/skus/2/price"]);
        assert!(paths_of(l, "SKU_PRICE_INVALID").is_empty());
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
