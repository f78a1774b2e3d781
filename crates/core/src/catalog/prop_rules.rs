//! Compiling a property's constraints: patterns built once, conditions with their property
//! references turned into indices and their operands into value ids, so that evaluating one
//! costs a few lookups and no allocation for id operands.

use super::{CategoryBody, Problem};
use crate::input::normalize::normalize;
use crate::model::ids::Id;
use crate::model::rule_model::{Condition, Constraints, Op, Operand, ValueType, ITEM_FIELDS};

/// Deepest condition accepted: real platform conditions nest two or three levels, and the
/// evaluator recurses.
pub(crate) const MAX_CONDITION_DEPTH: usize = 16;

/// Largest compiled pattern, in bytes of automaton: a hostile snapshot cannot make one huge.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// A property's compiled constraints; only properties that have constraints carry one.
#[derive(Debug, Clone)]
pub(crate) struct PropRules {
    /// The patterns of `Constraints::patterns`, in order.
    pub patterns: Vec<regex_lite::Regex>,
    pub required_when: Option<Cond>,
    pub disabled_when: Option<Cond>,
}

/// Which kinds of constraint some property of a category has, so that a rule about a kind
/// no property has costs one test per listing rather than a walk of its properties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ConstraintKinds {
    /// A bound on the number of values (`min_values`, `max_values`).
    pub value_count: bool,
    /// A bound on a typed value's length (`min_length`, `max_length`).
    pub length: bool,
    /// A bound on a typed number (`min`, `max`).
    pub range: bool,
    /// A pattern that compiled.
    pub pattern: bool,
    /// A type other than text.
    pub value_type: bool,
    /// A condition that disables the property.
    pub disabled_when: bool,
}

impl ConstraintKinds {
    /// Adds the kinds of one property's constraints and their compiled form.
    pub(crate) fn add(&mut self, c: &Constraints, rules: &PropRules) {
        self.value_count |= c.min_values.is_some() || c.max_values.is_some();
        self.length |= c.min_length.is_some() || c.max_length.is_some();
        self.range |= c.min.is_some() || c.max.is_some();
        self.pattern |= !rules.patterns.is_empty();
        self.value_type |= c.value_type.is_some_and(|t| t != ValueType::Text);
        self.disabled_when |= rules.disabled_when.is_some();
    }
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    All(Box<[Cond]>),
    Any(Box<[Cond]>),
    Not(Box<Cond>),
    /// A property's chosen values (index into the category's properties).
    Prop {
        idx: u32,
        op: Op,
        operands: Box<[Arg]>,
    },
    /// An item field, by its index in [`ITEM_FIELDS`].
    Field {
        field: u8,
        op: Op,
        operands: Box<[Arg]>,
    },
}

/// A compiled operand.
#[derive(Debug, Clone)]
pub(crate) struct Arg {
    /// The value id it names, when it names a value of the subject property.
    pub vid: Option<Id>,
    /// Normalised text, for typed values and item fields.
    pub text: String,
    /// As a number, for `<` and friends.
    pub number: Option<f64>,
    /// As the snapshot wrote it, or the value's name, for messages.
    pub shown: String,
}

/// Why a condition does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionFault {
    /// A test names neither a property nor a field, or both.
    Subject,
    /// The operator takes another number of operands.
    Operands,
    /// A `<`, `>`, `<=` or `>=` operand is not a number.
    NotANumber,
    /// Nested deeper than the evaluator allows.
    TooDeep,
}

pub(crate) fn compile(
    category_id: Id,
    pid: Id,
    c: &Constraints,
    body: &CategoryBody,
    problems: &mut Vec<Problem>,
) -> PropRules {
    let mut patterns = Vec::with_capacity(c.patterns.len());
    for p in &c.patterns {
        match regex_lite::RegexBuilder::new(&p.regex).size_limit(PATTERN_SIZE_LIMIT).build() {
            Ok(r) => patterns.push(r),
            Err(e) => problems.push(Problem::PatternInvalid {
                category_id,
                pid,
                pattern: p.regex.clone(),
                error: e.to_string(),
            }),
        }
    }
    let mut cond = |c: &Option<Condition>| {
        c.as_ref().and_then(|c| match compile_cond(c, body, 0) {
            Ok(c) => Some(c),
            Err(fault) => {
                problems.push(fault.into_problem(category_id, pid));
                None
            }
        })
    };
    let required_when = cond(&c.required_when);
    let disabled_when = cond(&c.disabled_when);
    PropRules { patterns, required_when, disabled_when }
}

enum Fault {
    Shape(ConditionFault),
    UnknownProperty(Id),
    UnknownField(String),
}

impl Fault {
    fn into_problem(self, category_id: Id, pid: Id) -> Problem {
        match self {
            Fault::Shape(fault) => Problem::ConditionInvalid { category_id, pid, fault },
            Fault::UnknownProperty(subject) => Problem::ConditionOnUnknownProperty { category_id, pid, subject },
            Fault::UnknownField(field) => {
                let suggestions = crate::input::suggest::closest(&field, ITEM_FIELDS.iter().copied());
                Problem::ConditionOnUnknownField { category_id, pid, field, suggestions }
            }
        }
    }
}

fn compile_cond(c: &Condition, body: &CategoryBody, depth: usize) -> Result<Cond, Fault> {
    if depth >= MAX_CONDITION_DEPTH {
        return Err(Fault::Shape(ConditionFault::TooDeep));
    }
    let parts = |list: &[Condition]| -> Result<Box<[Cond]>, Fault> {
        list.iter().map(|c| compile_cond(c, body, depth + 1)).collect()
    };
    Ok(match c {
        Condition::All(list) => Cond::All(parts(list)?),
        Condition::Any(list) => Cond::Any(parts(list)?),
        Condition::Not(inner) => Cond::Not(Box::new(compile_cond(inner, body, depth + 1)?)),
        Condition::Test(t) => {
            let wanted_ok = match t.op {
                Op::IsNull => t.values.is_empty(),
                Op::In => !t.values.is_empty(),
                _ => t.values.len() == 1,
            };
            if !wanted_ok {
                return Err(Fault::Shape(ConditionFault::Operands));
            }
            let numeric = matches!(t.op, Op::Lt | Op::Gt | Op::Le | Op::Ge);
            match (t.pid, t.field.as_deref()) {
                (Some(pid), None) => {
                    let idx = body.by_pid.get(&pid).copied().ok_or(Fault::UnknownProperty(pid))?;
                    let prop = &body.props[idx as usize];
                    let operands = args(
                        &t.values,
                        numeric,
                        |a| match a {
                            Operand::Vid(v) => Some(*v),
                            Operand::Text(s) => match prop.values_named(s).as_slice() {
                                [one] => Some(one.vid),
                                _ => None,
                            },
                        },
                        |vid| prop.value(vid).map(|v| v.name.clone()),
                    )?;
                    Cond::Prop { idx, op: t.op, operands }
                }
                (None, Some(name)) => {
                    let field = ITEM_FIELDS
                        .iter()
                        .position(|f| *f == name)
                        .ok_or_else(|| Fault::UnknownField(name.to_owned()))?;
                    let operands = args(&t.values, numeric, |_| None, |_| None)?;
                    Cond::Field { field: field as u8, op: t.op, operands }
                }
                _ => return Err(Fault::Shape(ConditionFault::Subject)),
            }
        }
    })
}

fn args(
    values: &[Operand],
    numeric: bool,
    vid_of: impl Fn(&Operand) -> Option<Id>,
    name_of: impl Fn(Id) -> Option<String>,
) -> Result<Box<[Arg]>, Fault> {
    values
        .iter()
        .map(|a| {
            let raw = match a {
                Operand::Vid(v) => v.to_string(),
                Operand::Text(s) => s.clone(),
            };
            let number = crate::input::number::finite(raw.trim());
            if numeric && number.is_none() {
                return Err(Fault::Shape(ConditionFault::NotANumber));
            }
            let vid = vid_of(a);
            let shown = vid.and_then(&name_of).unwrap_or_else(|| raw.clone());
            Ok(Arg { vid, text: normalize(&raw), number, shown })
        })
        .collect()
}
