//! `VALUE_TOO_LONG`, `VALUE_TOO_SHORT`: typed values against their property's length bounds,
//! counted in the property's unit (characters, or bytes as Taobao counts them).

use super::typed::each_typed;
use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValueTooLong, Code::ValueTooShort], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.length {
        return;
    }
    each_typed(ctx, |rp, c, text, at| {
        if c.min_length.is_none() && c.max_length.is_none() {
            return;
        }
        let unit = c.length_unit;
        let length = unit.measure(text.trim());
        let (pid, prop, value) = (Some(rp.prop.property.pid), rp.prop.property.name.clone(), text.to_owned());
        let kind = match (c.min_length, c.max_length) {
            (_, Some(max)) if length > max as usize => {
                IssueKind::ValueTooLong { pid, prop, field: None, value, length, max, unit }
            }
            (Some(min), _) if length < min as usize => {
                IssueKind::ValueTooShort { pid, prop, field: None, value, length, min, unit }
            }
            _ => return,
        };
        sink.error(kind, ctx.value_path(rp.input, at));
    });
}
