//! `VALUE_COUNT_OUT_OF_RANGE`: a property given with fewer or more values than its bounds
//! (色系 1 to 3, 材质成分 at most 5). A property not given is `PROP_REQUIRED`'s business.

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueCountOutOfRange], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.value_count {
        return;
    }
    for rp in &ctx.props {
        let Some(c) = rp.prop.property.constraints.as_deref() else { continue };
        if c.min_values.is_none() && c.max_values.is_none() {
            continue;
        }
        let count = rp.values.iter().filter(|v| v.text.is_none_or(|t| !t.trim().is_empty())).count();
        let low = count > 0 && c.min_values.is_some_and(|m| count < m as usize);
        let high = c.max_values.is_some_and(|m| count > m as usize);
        if low || high {
            let kind = IssueKind::ValueCountOutOfRange {
                pid: rp.prop.property.pid,
                prop: rp.prop.property.name.clone(),
                count,
                min: c.min_values,
                max: c.max_values,
            };
            sink.error(kind, ctx.prop_path(rp.input));
        }
    }
}
