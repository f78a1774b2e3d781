//! `VALUE_PATTERN_MISMATCH`: a typed value that does not match a pattern it must match, or
//! matches one it must not (Tmall `regexRule`, `exProperty="not include"`).

use super::typed::each_typed;
use super::Rule;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::ValuePatternMismatch], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.cat.constraint_kinds.pattern {
        return;
    }
    each_typed(ctx, |rp, c, text, at| {
        let Some(compiled) = rp.prop.rules.as_ref() else { return };
        // Compiled patterns line up with the snapshot's (compiling refuses the snapshot
        // otherwise); the first that fails is reported.
        for (p, re) in c.patterns.iter().zip(&compiled.patterns) {
            if re.is_match(text.trim()) != p.must_match {
                let kind = IssueKind::ValuePatternMismatch {
                    pid: Some(rp.prop.property.pid),
                    prop: rp.prop.property.name.clone(),
                    field: None,
                    value: text.to_owned(),
                    pattern: p.regex.clone(),
                    must_match: p.must_match,
                    hint: p.hint.clone(),
                };
                sink.error(kind, ctx.value_path(rp.input, at));
                return;
            }
        }
    });
}
