//! `VALUE_TYPE_INVALID`: a typed value that is not of its property's type (integer, decimal,
//! date, url), or a number with more decimal places than allowed.

use super::typed::{decimal_places, each_typed, number_part};
use super::Rule;
use crate::model::rule_model::ValueType;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueTypeInvalid], check };

/// `YYYY-MM-DD` with a month of 1 to 12 and a day that month can have.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (s[0..4].parse::<u32>(), s[5..7].parse::<u32>(), s[8..10].parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn is_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.chars().any(char::is_whitespace))
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.value_type {
        return;
    }
    each_typed(ctx, |rp, c, text, at| {
        let t = text.trim();
        let ok = match c.value_type {
            None | Some(ValueType::Text) => true,
            Some(ValueType::Integer) => decimal_places(number_part(t, &c.units)) == Some(0),
            Some(ValueType::Decimal) => decimal_places(number_part(t, &c.units))
                .is_some_and(|places| c.max_decimals.is_none_or(|max| places <= max as usize)),
            Some(ValueType::Date) => is_date(t),
            Some(ValueType::Url) => is_url(t),
        };
        if !ok {
            let kind = IssueKind::ValueTypeInvalid {
                pid: Some(rp.prop.property.pid),
                prop: rp.prop.property.name.clone(),
                field: None,
                value: text.to_owned(),
                expected: c.value_type.unwrap_or(ValueType::Text),
                max_decimals: c.max_decimals.filter(|_| c.value_type == Some(ValueType::Decimal)),
            };
            sink.error(kind, ctx.value_path(rp.input, at));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_urls() {
        assert!(is_date("2024-02-29") && !is_date("2023-02-29") && !is_date("2024-13-01") && !is_date("2024-1-01"));
        assert!(is_url("https://a.example/x") && !is_url("https://") && !is_url("ftp://a") && !is_url("http://a b"));
    }
}
