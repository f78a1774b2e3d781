//! `VALUE_OUT_OF_RANGE`: a typed number outside its property's bounds (inclusive or
//! exclusive). A value that is not a number is left to `VALUE_TYPE_INVALID`.

use super::typed::{each_typed, number, number_part};
use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueOutOfRange], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.range {
        return;
    }
    each_typed(ctx, |rp, c, text, at| {
        if c.min.is_none() && c.max.is_none() {
            return;
        }
        let Some(x) = number(number_part(text, &c.units)) else { return };
        let low = c.min.is_some_and(|b| !b.admits_above(x));
        let high = c.max.is_some_and(|b| !b.admits_below(x));
        if low || high {
            let kind = IssueKind::ValueOutOfRange {
                pid: Some(rp.prop.property.pid),
                prop: rp.prop.property.name.clone(),
                field: None,
                value: text.to_owned(),
                min: c.min,
                max: c.max,
            };
            sink.error(kind, ctx.value_path(rp.input, at));
        }
    });
}
