//! What the value rules share: the typed values of constrained properties, and reading a
//! number (with an allowed unit) out of one.

use crate::model::rule_model::Constraints;
use crate::validate::engine::{Ctx, ResolvedProp, ValueAt};

/// Calls `each` with every non-blank typed value (free text, a custom value's text) of every
/// property that has constraints. Properties without constraints are skipped with one test.
pub(crate) fn each_typed<'a>(
    ctx: &Ctx<'a>,
    mut each: impl FnMut(&ResolvedProp<'a>, &'a Constraints, &'a str, ValueAt),
) {
    for rp in &ctx.props {
        let Some(c) = rp.prop.property.constraints.as_deref() else { continue };
        for v in &rp.values {
            if let Some(t) = v.text.filter(|t| !t.trim().is_empty()) {
                each(rp, c, t, v.at);
            }
        }
    }
}

/// The number part of `text`: trimmed, without one of the allowed `units` at its end.
pub(crate) fn number_part<'t>(text: &'t str, units: &[String]) -> &'t str {
    let t = text.trim();
    units.iter().find_map(|u| t.strip_suffix(u.as_str()).map(str::trim_end)).unwrap_or(t)
}

/// A plain decimal: optional sign, digits, optionally a dot and digits. Returns the number of
/// decimal places, or `None` when `s` is not one.
pub(crate) fn decimal_places(s: &str) -> Option<usize> {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    (!whole.is_empty() && digits(whole) && digits(frac) && (frac.is_empty() != s.contains('.'))).then_some(frac.len())
}

/// `s` as a number, when it is a plain decimal.
pub(crate) fn number(s: &str) -> Option<f64> {
    decimal_places(s)?;
    crate::input::number::finite(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_only() {
        assert_eq!(decimal_places("12"), Some(0));
        assert_eq!(decimal_places("-1.25"), Some(2));
        for bad in ["", ".5", "5.", "1e3", "1,5", "abc", "--1", "1.2.3"] {
            assert_eq!(decimal_places(bad), None, "{bad}");
        }
        assert_eq!(number_part(" 12.5 cm ", &["cm".into()]), "12.5");
        assert_eq!(number(number_part("30克", &["克".into()])), Some(30.0));
    }
}
