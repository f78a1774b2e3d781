//! Why a SKU price or quantity is refused, in the terms a seller can act on: a space around
//! the digits, full-width digits from a Chinese input method (`１２.５０`), a currency sign,
//! too many decimals, a number too large. Only asked once a value is known to be refused, so
//! none of this runs for a valid listing.

use crate::input::listing::Scalar;
use crate::report::{IssueKind, PriceProblem, QuantityProblem};

/// `SKU_PRICE_INVALID` for a refused price (a SKU's, the item's, a market price or a price
/// tier's), with why.
pub(crate) fn invalid_price(price: &Scalar) -> IssueKind {
    let text = price.as_text().into_owned();
    let reason = price_problem(&text);
    IssueKind::SkuPriceInvalid { price: Some(text), reason }
}

/// `SKU_QUANTITY_INVALID` for a refused quantity (a SKU's or the item's), with why.
pub(crate) fn invalid_quantity(quantity: Option<&Scalar>) -> IssueKind {
    IssueKind::SkuQuantityInvalid {
        quantity: quantity.map(|q| q.as_text().into_owned()),
        reason: quantity_problem(quantity),
    }
}

/// Whether `c` is a space a seller may type around a number: ASCII, the ideographic space of
/// Chinese input methods, and the rest of Unicode's white space.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// A full-width digit, point or minus (U+FF10–FF19, `．`, `－`) and the ideographic full stop
/// some input methods type for a decimal point, as the ASCII character it stands for.
pub(crate) fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' | '。' => Some('.'),
        '－' => Some('-'),
        _ => None,
    }
}

/// `text` with full-width digits and points made ASCII: what the seller meant to type.
pub(crate) fn to_half_width(text: &str) -> String {
    text.chars().map(|c| half_width(c).unwrap_or(c)).collect()
}

/// Digits with at most one point, digits on both sides of it: `(whole, places)`.
fn plain_decimal(t: &str) -> Option<(&str, &str)> {
    let (whole, places) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let ok = !whole.is_empty() && digits(whole) && digits(places) && (!t.contains('.') || !places.is_empty());
    ok.then_some((whole, places))
}

/// Why a price that is neither blank nor valid is refused. The first problem found is the
/// one named: once it is fixed, the next check names the next.
pub(crate) fn price_problem(text: &str) -> PriceProblem {
    let trimmed = text.trim_matches(is_space);
    if trimmed.len() != text.len() {
        return PriceProblem::Spaces;
    }
    if text.chars().any(|c| half_width(c).is_some()) {
        return PriceProblem::FullWidth;
    }
    let bare = text.trim_start_matches(['¥', '￥', '$']).trim_end_matches(['元', '圆']).trim_matches(is_space);
    if bare.len() != text.len() && plain_decimal(bare.trim_start_matches('-')).is_some() {
        return PriceProblem::Currency;
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    match plain_decimal(unsigned) {
        Some(_) if negative => PriceProblem::NotPositive,
        Some((_, places)) if places.len() > 2 => PriceProblem::TooManyDecimals,
        Some(_) => PriceProblem::NotPositive,
        None => PriceProblem::NotANumber,
    }
}

/// Why a quantity that is not a whole number of at least zero is refused.
pub(crate) fn quantity_problem(quantity: Option<&Scalar>) -> QuantityProblem {
    let text = match quantity {
        None => return QuantityProblem::Missing,
        Some(Scalar::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::MAX);
            return if x < 0.0 {
                QuantityProblem::Negative
            } else if x.fract() != 0.0 {
                QuantityProblem::NotWhole
            } else {
                QuantityProblem::TooLarge
            };
        }
        Some(Scalar::Text(t)) => t.as_str(),
    };
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return QuantityProblem::Missing;
    }
    if trimmed.len() != text.len() {
        return QuantityProblem::Spaces;
    }
    if text.chars().any(|c| half_width(c).is_some()) {
        return QuantityProblem::FullWidth;
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    match plain_decimal(unsigned) {
        Some(_) if negative => QuantityProblem::Negative,
        Some((_, places)) if !places.is_empty() => QuantityProblem::NotWhole,
        Some(_) => QuantityProblem::TooLarge,
        None => QuantityProblem::NotANumber,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_price_problem_is_told_apart() {
        use PriceProblem as P;
        for (text, want) in [
            (" 59.00", P::Spaces),
            ("59.00 ", P::Spaces),
            ("59.00\u{3000}", P::Spaces),
            ("１２.５０", P::FullWidth),
            ("12．50", P::FullWidth),
            ("¥59", P::Currency),
            ("￥59.00", P::Currency),
            ("59元", P::Currency),
            ("0", P::NotPositive),
            ("0.00", P::NotPositive),
            ("-5", P::NotPositive),
            ("-0", P::NotPositive),
            ("59.999", P::TooManyDecimals),
            ("5e3", P::NotANumber),
            ("59.", P::NotANumber),
            (".5", P::NotANumber),
            ("1.2.3", P::NotANumber),
            ("十元", P::NotANumber),
            ("¥", P::NotANumber),
        ] {
            assert_eq!(price_problem(text), want, "{text:?}");
        }
    }

    #[test]
    fn each_quantity_problem_is_told_apart() {
        use QuantityProblem as Q;
        let text = |t: &str| serde_json::from_value::<Scalar>(serde_json::json!(t)).ok();
        let number = |t: &str| serde_json::from_str::<Scalar>(t).ok();
        for (q, want) in [
            (None, Q::Missing),
            (text(""), Q::Missing),
            (text("  "), Q::Missing),
            (text(" 10"), Q::Spaces),
            (text("１０"), Q::FullWidth),
            (text("-1"), Q::Negative),
            (number("-1"), Q::Negative),
            (text("1.5"), Q::NotWhole),
            (text("10.0"), Q::NotWhole),
            (number("1.5"), Q::NotWhole),
            (text(&"9".repeat(19)), Q::TooLarge),
            (number("1e30"), Q::TooLarge),
            (text("十"), Q::NotANumber),
            (text("10件"), Q::NotANumber),
        ] {
            assert_eq!(quantity_problem(q.as_ref()), want, "{q:?}");
        }
    }

    #[test]
    fn full_width_text_reads_as_what_was_meant() {
        assert_eq!(to_half_width("１２．５０"), "12.50");
        assert_eq!(to_half_width("１２。５"), "12.5");
        assert_eq!(to_half_width("棉"), "棉");
    }
}
