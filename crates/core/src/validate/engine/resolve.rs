//! Matches listing properties and values (by id or by name) to the category's metadata.
//!
//! This is where `PROP_UNKNOWN`, `PROP_NAME_AMBIGUOUS`, `PROP_VALUE_UNKNOWN` and
//! `PROP_VALUE_AMBIGUOUS` come from: a reference that matches nothing (or too much) cannot be
//! checked further, so it is reported here and left out of what the rules see.

use super::{value_path, Ctx, ResolvedProp, ResolvedValue, ValueAt};
use crate::catalog::{CompiledCategory, CompiledProperty};
use crate::input::listing::PropInput;
use crate::model::snapshot::{InputMode, Status};
use crate::report::{Code, IssueKind, Sink};

/// What [`resolve_props`] can raise.
pub(super) const CODES: &[Code] =
    &[Code::PropUnknown, Code::PropNameAmbiguous, Code::PropValueUnknown, Code::PropValueAmbiguous];

pub(super) fn resolve_props(ctx: &mut Ctx<'_>, sink: &mut Sink) {
    // Names shared by several properties (地市 under each 省份) are settled after the
    // unambiguous ones, because which one is meant depends on the values chosen elsewhere.
    let mut deferred: Vec<(usize, Vec<u32>)> = Vec::new();
    for (i, input) in ctx.inputs.iter().enumerate() {
        match candidates(ctx, i, input, sink) {
            Some(Meant::One(pi)) => add(ctx, i, pi, sink),
            Some(Meant::Several(c)) => deferred.push((i, c)),
            None => {}
        }
    }
    // Parents first, whatever the listing's order: a 区县 can only be told apart once its
    // 地市 is settled.
    deferred.sort_by_key(|(_, cands)| cands.iter().map(|&pi| depth(ctx.cat, pi)).min());
    for (i, cands) in deferred {
        let input = &ctx.inputs[i];
        let fitting: Vec<u32> = cands
            .iter()
            .copied()
            .filter(|&pi| {
                let p = &ctx.cat.props[pi as usize];
                ctx.applies(p)
                    && input.values.iter().all(|v| !p.values_named(v).is_empty())
                    && input.vids.iter().all(|v| p.value(*v).is_some())
            })
            .collect();
        if fitting.len() == 1 {
            add(ctx, i, fitting[0], sink);
        } else {
            let name = input.name.clone().unwrap_or_default();
            let candidates = cands.iter().map(|&pi| ctx.cat.props[pi as usize].property.pid).collect();
            sink.error(IssueKind::PropNameAmbiguous { name, candidates }, ctx.prop_path(i));
        }
    }
}

/// How many dependency steps lead from an independent property to this one. Compilation has
/// rejected cycles; the walk is bounded by the number of properties anyway.
pub(super) fn depth(cat: &CompiledCategory, mut prop_idx: u32) -> usize {
    let mut d = 0;
    while let Some((ppid, _)) = cat.props[prop_idx as usize].property.parent() {
        match cat.prop_index(ppid) {
            Some(pi) if d < cat.props.len() => {
                prop_idx = pi;
                d += 1;
            }
            _ => break,
        }
    }
    d
}

/// Which category properties a listing property may mean.
enum Meant {
    /// One: the usual case (a pid, or a name no other property has), with no list to allocate.
    One(u32),
    /// Several properties share the name: settled once the others are resolved.
    Several(Vec<u32>),
}

/// The category properties an input may mean; `None` when it means none (reported).
fn candidates(ctx: &Ctx<'_>, i: usize, input: &PropInput, sink: &mut Sink) -> Option<Meant> {
    let live = |pi: &u32| ctx.cat.props[*pi as usize].property.status == Status::Normal;
    if let Some(pid) = input.pid {
        if let Some(pi) = ctx.cat.prop_index(pid).filter(live) {
            return Some(Meant::One(pi));
        }
        sink.error(
            IssueKind::PropUnknown { pid: Some(pid), name: input.name.clone(), suggestions: Vec::new() },
            ctx.prop_path(i),
        );
        return None;
    }
    let Some(name) = input.name.as_deref() else {
        sink.error(IssueKind::PropUnknown { pid: None, name: None, suggestions: Vec::new() }, ctx.prop_path(i));
        return None;
    };
    let found: Vec<u32> = ctx.cat.props_named(name).iter().copied().filter(live).collect();
    if found.is_empty() {
        let suggestions = ctx.cat.suggest_props(name);
        sink.error(IssueKind::PropUnknown { pid: None, name: Some(name.to_owned()), suggestions }, ctx.prop_path(i));
        return None;
    }
    Some(match found.as_slice() {
        [one] => Meant::One(*one),
        _ => Meant::Several(found),
    })
}

fn add(ctx: &mut Ctx<'_>, i: usize, prop_idx: u32, sink: &mut Sink) {
    let (inputs, cat) = (ctx.inputs, ctx.cat);
    let input = &inputs[i];
    let prop: &CompiledProperty = &cat.props[prop_idx as usize];
    let native = ctx.native_props;
    // The values go straight into their place in `ctx.props`: a resolved property is large,
    // and building its list aside would mean moving it there afterwards.
    let rp = match ctx.slot[prop_idx as usize] {
        // The same property listed twice: its values add up (that is how a native
        // `pid:vid;pid:vid` string with a repeated pid reads, too).
        s if s > 0 => &mut ctx.props[s as usize - 1],
        _ => {
            // Built in its place with an empty inline list, reserved after: a list built aside
            // (`with_capacity`) would be moved into the property and the property into the
            // vector, two block copies per property, which WebAssembly engines make calls.
            ctx.props.push(ResolvedProp { input: i, prop, values: smallvec::SmallVec::new(), maybe_deleted: false });
            ctx.slot[prop_idx as usize] = ctx.props.len() as u32;
            let last = ctx.props.len() - 1;
            let rp = &mut ctx.props[last];
            let wanted = input.vids.len() + input.values.len() + usize::from(input.text.is_some());
            // Only past the inline room: `reserve_exact` itself is a call even when it has
            // nothing to do.
            if wanted > rp.values.inline_size() {
                rp.values.reserve_exact(wanted);
            }
            rp
        }
    };
    let (values, maybe_deleted) = (&mut rp.values, &mut rp.maybe_deleted);
    for (j, &vid) in input.vids.iter().enumerate() {
        // Negative ids are the seller's own values (Taobao convention); whether the property
        // accepts them is a rule of its own.
        let known = if vid < 0 { None } else { prop.value(vid) };
        if let Some(value) = known {
            *maybe_deleted |= value.status != Status::Normal;
        }
        if vid < 0 || known.is_some() {
            values.push(ResolvedValue { vid: Some(vid), text: None, at: ValueAt::Vid(j) });
        } else {
            let kind = IssueKind::PropValueUnknown {
                pid: prop.property.pid,
                prop: prop.property.name.clone(),
                vid: Some(vid),
                value: None,
                suggestions: Vec::new(),
            };
            sink.error(kind, value_path(native, i, ValueAt::Vid(j)));
        }
    }
    for (j, name) in input.values.iter().enumerate() {
        let at = ValueAt::Name(j);
        let found = prop.values_named(name);
        match found.as_slice() {
            [v] => {
                // Looked up by name, not by id: the rules look the id up themselves.
                *maybe_deleted = true;
                values.push(ResolvedValue { vid: Some(v.vid), text: None, at })
            }
            [] if prop.property.input != InputMode::Enum => {
                values.push(ResolvedValue { vid: None, text: Some(name.as_str()), at })
            }
            [] => {
                let kind = IssueKind::PropValueUnknown {
                    pid: prop.property.pid,
                    prop: prop.property.name.clone(),
                    vid: None,
                    value: Some(name.clone()),
                    suggestions: prop.suggest_values(name),
                };
                sink.error(kind, value_path(native, i, at));
            }
            many => {
                let kind = IssueKind::PropValueAmbiguous {
                    pid: prop.property.pid,
                    prop: prop.property.name.clone(),
                    value: name.clone(),
                    candidates: many.iter().map(|v| v.vid).collect(),
                };
                sink.error(kind, value_path(native, i, at));
            }
        }
    }
    if let Some(text) = input.text.as_deref() {
        values.push(ResolvedValue { vid: None, text: Some(text), at: ValueAt::Text });
    }
}
