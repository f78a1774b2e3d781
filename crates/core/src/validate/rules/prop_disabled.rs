//! `PROP_DISABLED`: a value given for a property whose `disabled_when` condition holds (the
//! platform wants it empty then, Tmall `disableRule`).

use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropDisabled], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.disabled_when {
        return;
    }
    for rp in &ctx.props {
        let Some(cond) = rp.prop.rules.as_ref().and_then(|r| r.disabled_when.as_ref()) else { continue };
        let given = rp.values.iter().any(|v| v.text.is_none_or(|t| !t.trim().is_empty()));
        if given && ctx.holds(cond) {
            let kind = IssueKind::PropDisabled {
                pid: rp.prop.property.pid,
                prop: rp.prop.property.name.clone(),
                condition: ctx.describe(cond),
            };
            sink.error(kind, ctx.prop_path(rp.input));
        }
    }
}
