//! One field's `<rule>`s → typed constraints, conditions and hints.
//!
//! Each rule is either checked (it became part of the snapshot's rules), kept as a hint text
//! for forms (server-side rules given only in words, image and file sizes, tips, rules under a
//! condition the snapshot cannot state), or, for developer notes, counted only: the platform
//! asks that they not be shown to sellers.

use shelfcheck_core::model::rule_model::{Bound, Condition, Constraints, LengthUnit, Pattern, ValueType};

use super::depend::{condition, negate};
use super::tree::{Field, Rule};
use super::SchemaSummary;

/// What a field's rules say about its property.
#[derive(Debug, Default)]
pub struct PropRules {
    pub must: bool,
    pub constraints: Constraints,
    pub hints: Vec<String>,
}

/// What a rule does once read.
enum Read {
    Checked,
    Hint(String),
    /// A rule name this importer does not know: kept as a hint, counted apart.
    Unknown(String),
    DevNote,
}

fn is_true(v: &str) -> bool {
    v.trim().eq_ignore_ascii_case("true")
}

fn number(v: &str) -> Option<f64> {
    v.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn count(v: &str) -> Option<u32> {
    v.trim().parse::<u32>().ok()
}

/// The words a seller sees for a rule kept as a hint: its own text, or for the size rules its
/// name and bound (`maxImageSizeRule 800 px`), which the platform gives no words for.
fn hint_text(rule: &Rule) -> String {
    let value = rule.value.trim();
    if rule.name.ends_with("SizeRule") {
        let bound = if rule.name.starts_with("max") { "≤" } else { "≥" };
        let what = if rule.name.contains("Image") { "图片尺寸" } else { "文件大小" };
        let unit = rule.unit.as_deref().unwrap_or("");
        return format!("{what} {bound} {value}{unit}");
    }
    value.to_owned()
}

/// Whether the name is one of the platform's server-side rules (`86848434_1`), given in words.
fn is_named(name: &str) -> bool {
    let mut parts = name.splitn(2, '_');
    let digits = |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    digits(parts.next()) && digits(parts.next())
}

/// Reads the rules of a property field (`prop_<pid>`, or its `in_prop_<pid>` custom input).
/// `known` says whether a property id belongs to this schema, for conditions.
pub fn property_rules(field: &Field, known: &dyn Fn(i64) -> bool, summary: &mut SchemaSummary) -> PropRules {
    let mut out = PropRules::default();
    let (mut required_always, mut required_when) = (false, Vec::new());
    let (mut disabled_always, mut disabled_when) = (false, Vec::new());
    for rule in &field.rules {
        summary.rules += 1;
        let read = match rule.name.as_str() {
            "requiredRule" | "disableRule" => {
                let (always, when) = if rule.name == "requiredRule" {
                    (&mut required_always, &mut required_when)
                } else {
                    (&mut disabled_always, &mut disabled_when)
                };
                match (is_true(&rule.value), &rule.depend) {
                    (false, _) => Read::Checked,
                    (true, None) => {
                        *always = true;
                        Read::Checked
                    }
                    (true, Some(g)) => match condition(g, known) {
                        Some(c) => {
                            when.push(c);
                            Read::Checked
                        }
                        None => Read::Hint(conditional_hint(rule, field)),
                    },
                }
            }
            _ if rule.depend.is_some() => Read::Hint(conditional_hint(rule, field)),
            _ => constrain(rule, &mut out.constraints),
        };
        record(read, &mut out.hints, summary);
    }
    let any = |mut list: Vec<Condition>| if list.len() == 1 { list.pop() } else { Some(Condition::Any(list)) };
    let disabled = if disabled_always {
        Some(Condition::All(Vec::new()))
    } else if disabled_when.is_empty() {
        None
    } else {
        any(disabled_when)
    };
    let required = (!required_when.is_empty()).then(|| any(required_when)).flatten();
    // The engine requires a property whatever else holds: a required property the schema also
    // switches off is required only while it is on.
    match disabled {
        Some(off) => {
            let on = negate(off.clone());
            out.constraints.required_when = match (required_always, required) {
                (true, _) => Some(on),
                (false, Some(r)) => Some(Condition::All(vec![r, on])),
                (false, None) => None,
            };
            out.constraints.disabled_when = Some(off);
        }
        None => {
            out.must = required_always;
            out.constraints.required_when = if required_always { None } else { required };
        }
    }
    out
}

/// Counts a read rule and keeps its hint.
fn record(read: Read, hints: &mut Vec<String>, summary: &mut SchemaSummary) {
    match read {
        Read::Checked => summary.checked += 1,
        Read::Hint(text) => {
            summary.hints += 1;
            if !text.is_empty() && !hints.contains(&text) {
                hints.push(text);
            }
        }
        Read::Unknown(text) => {
            summary.hints += 1;
            summary.unknown_rules += 1;
            if !text.is_empty() && !hints.contains(&text) {
                hints.push(text);
            }
        }
        Read::DevNote => summary.dev_notes += 1,
    }
}

/// A rule that holds only under a condition the snapshot cannot state, in words.
fn conditional_hint(rule: &Rule, field: &Field) -> String {
    match rule.name.as_str() {
        "requiredRule" => format!("{}在某些条件下必填", field.name),
        "disableRule" => format!("{}在某些条件下不可填写", field.name),
        "tipRule" => rule.value.trim().to_owned(),
        _ => String::new(),
    }
}

/// One unconditional rule onto `c`.
fn constrain(rule: &Rule, c: &mut Constraints) -> Read {
    let value = rule.value.trim();
    let exclusive = rule.excludes();
    match rule.name.as_str() {
        "valueTypeRule" => match value {
            "text" | "textarea" | "html" => set_type(c, ValueType::Text),
            "integer" | "long" => set_type(c, ValueType::Integer),
            "decimal" => set_type(c, ValueType::Decimal),
            "date" => set_type(c, ValueType::Date),
            "url" => set_type(c, ValueType::Url),
            // `time` (date and time of day) has no value type of its own.
            _ => Read::Hint(String::new()),
        },
        "maxLengthRule" | "minLengthRule" => {
            let Some(n) = count(value) else { return Read::Hint(String::new()) };
            let unit = match rule.unit.as_deref() {
                Some("byte") => LengthUnit::Bytes,
                _ => LengthUnit::Characters,
            };
            // One unit per property: a bound in the other unit stays a hint.
            if (c.min_length.is_some() || c.max_length.is_some()) && c.length_unit != unit {
                return Read::Hint(String::new());
            }
            c.length_unit = unit;
            if rule.name.starts_with("max") {
                c.max_length = Some(if exclusive { n.saturating_sub(1) } else { n });
            } else {
                c.min_length = Some(if exclusive { n.saturating_add(1) } else { n });
            }
            Read::Checked
        }
        "maxValueRule" | "minValueRule" => {
            let Some(v) = number(value) else { return Read::Hint(String::new()) };
            let bound = Some(Bound { value: v, exclusive });
            if rule.name.starts_with("max") {
                c.max = bound;
            } else {
                c.min = bound;
            }
            Read::Checked
        }
        "maxInputNumRule" | "minInputNumRule" => {
            let Some(n) = count(value) else { return Read::Hint(String::new()) };
            if rule.name.starts_with("max") {
                c.max_values = Some(if exclusive { n.saturating_sub(1) } else { n });
            } else {
                c.min_values = Some(if exclusive { n.saturating_add(1) } else { n });
            }
            Read::Checked
        }
        "maxDecimalDigitsRule" => match count(value) {
            Some(n) => {
                c.max_decimals = Some(if exclusive { n.saturating_sub(1) } else { n });
                Read::Checked
            }
            None => Read::Hint(String::new()),
        },
        "regexRule" => {
            // Patterns the engine's matcher refuses (look-around, back-references) stay hints.
            if regex_lite::Regex::new(value).is_err() {
                return Read::Hint(String::new());
            }
            c.patterns.push(Pattern { regex: value.to_owned(), must_match: !exclusive, hint: None });
            Read::Checked
        }
        "tipRule" => Read::Hint(value.to_owned()),
        "devTipRule" => Read::DevNote,
        "minDecimalDigitsRule"
        | "readOnlyRule"
        | "maxTargetSizeRule"
        | "minTargetSizeRule"
        | "maxImageSizeRule"
        | "minImageSizeRule" => Read::Hint(hint_text(rule)),
        name if is_named(name) => Read::Hint(value.to_owned()),
        _ => Read::Unknown(value.to_owned()),
    }
}

fn set_type(c: &mut Constraints, t: ValueType) -> Read {
    // Text is what a typed value is anyway; it never overrides a stricter type.
    if t != ValueType::Text || c.value_type.is_none() {
        c.value_type = Some(t);
    }
    Read::Checked
}

/// What the rules of an item field say, as far as the category's rules hold it.
#[derive(Debug, Default)]
pub struct ItemRules {
    pub required: bool,
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    /// How many rules `min` and `max` come from (counted as checked).
    pub bounds_read: usize,
    /// Server-side rules, tips and size rules, in words.
    pub hints: Vec<String>,
}

/// Reads the rules of an item field (or of a SKU column such as `sku_price`). The category
/// holds whether the field is required and numeric bounds; the words of server-side rules
/// and tips are kept when `kept` (a SKU column's go onto the sale properties), and everything
/// else is counted as not held.
pub fn item_rules(field: &Field, kept: bool, summary: &mut SchemaSummary) -> ItemRules {
    let mut out = ItemRules::default();
    for rule in &field.rules {
        summary.rules += 1;
        let exclusive = rule.excludes();
        let unconditional = rule.depend.is_none();
        let words = match rule.name.as_str() {
            "requiredRule" if unconditional => {
                out.required |= is_true(&rule.value);
                summary.checked += 1;
                continue;
            }
            "maxValueRule" | "minValueRule" if unconditional && number(&rule.value).is_some() => {
                let bound = number(&rule.value).map(|value| Bound { value, exclusive });
                if rule.name.starts_with("max") {
                    out.max = bound;
                } else {
                    out.min = bound;
                }
                out.bounds_read += 1;
                summary.checked += 1;
                continue;
            }
            "devTipRule" => {
                summary.dev_notes += 1;
                continue;
            }
            "tipRule" => Read::Hint(rule.value.trim().to_owned()),
            "maxTargetSizeRule" | "minTargetSizeRule" | "maxImageSizeRule" | "minImageSizeRule" => {
                Read::Hint(hint_text(rule))
            }
            name if is_named(name) => Read::Hint(rule.value.trim().to_owned()),
            "requiredRule"
            | "disableRule"
            | "readOnlyRule"
            | "valueTypeRule"
            | "maxLengthRule"
            | "minLengthRule"
            | "maxValueRule"
            | "minValueRule"
            | "maxInputNumRule"
            | "minInputNumRule"
            | "regexRule"
            | "maxDecimalDigitsRule"
            | "minDecimalDigitsRule" => {
                summary.not_held += 1;
                continue;
            }
            _ => Read::Unknown(rule.value.trim().to_owned()),
        };
        if kept {
            record(words, &mut out.hints, summary);
        } else {
            summary.not_held += 1;
            if matches!(words, Read::Unknown(_)) {
                summary.unknown_rules += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::schema::parse::parse;
    use shelfcheck_core::model::rule_model::{Op, Operand, Test};

    fn field(rules: &str) -> Field {
        let xml = format!(
            "<itemRule><field id=\"prop_1\" name=\"材质\" type=\"input\"><rules>{rules}</rules></field></itemRule>"
        );
        parse(&xml).unwrap().remove(0)
    }

    fn read(rules: &str) -> (PropRules, SchemaSummary) {
        let mut s = SchemaSummary::default();
        let r = property_rules(&field(rules), &|_| true, &mut s);
        (r, s)
    }

    #[test]
    fn bounds_follow_unit_and_ex_property() {
        let (r, s) = read(
            r#"<rule name="maxLengthRule" value="60" exProperty="include" unit="byte"/>
               <rule name="minLengthRule" value="0" exProperty="not include" unit="byte"/>
               <rule name="minValueRule" value="0.00" exProperty="not include"/>
               <rule name="maxValueRule" value="100" exProperty="include"/>
               <rule name="maxInputNumRule" value="3" exProperty="include"/>
               <rule name="minInputNumRule" value="1"/>
               <rule name="maxDecimalDigitsRule" value="2"/>
               <rule name="valueTypeRule" value="decimal"/>
               <rule name="valueTypeRule" value="text"/>"#,
        );
        let c = &r.constraints;
        assert_eq!((c.max_length, c.min_length, c.length_unit), (Some(60), Some(1), LengthUnit::Bytes));
        assert_eq!(c.min, Some(Bound { value: 0.0, exclusive: true }));
        assert_eq!(c.max, Some(Bound { value: 100.0, exclusive: false }));
        assert_eq!((c.min_values, c.max_values, c.max_decimals), (Some(1), Some(3), Some(2)));
        assert_eq!(c.value_type, Some(ValueType::Decimal));
        assert_eq!((s.rules, s.checked, s.hints), (9, 9, 0));
    }

    #[test]
    fn a_length_in_the_other_unit_is_a_hint_not_a_wrong_bound() {
        let (r, s) = read(
            r#"<rule name="maxLengthRule" value="20" unit="character"/><rule name="maxLengthRule" value="60" unit="byte"/>"#,
        );
        assert_eq!((r.constraints.max_length, r.constraints.length_unit), (Some(20), LengthUnit::Characters));
        assert_eq!((s.checked, s.hints), (1, 1));
    }

    #[test]
    fn regex_must_and_must_not_match() {
        let (r, _) = read(
            r#"<rule name="regexRule" value="^[0-9]*$"/><rule name="regexRule" value="其他" exProperty="not include"/><rule name="regexRule" value="(?=x)"/>"#,
        );
        let p = &r.constraints.patterns;
        assert_eq!(p.len(), 2);
        assert!(p[0].must_match && !p[1].must_match);
        assert!(r.hints.is_empty());
    }

    #[test]
    fn server_side_size_unknown_and_tip_rules_are_hints_and_counted() {
        let (r, s) = read(
            r#"<rule name="460299884_1" value="SKU价格受类目限制"/>
               <rule name="maxImageSizeRule" value="800" unit="px"/>
               <rule name="maxTargetSizeRule" value="1536" unit="kb"/>
               <rule name="frobnicateRule" value="新规则"/>
               <rule name="tipRule" value="请认真填写"/>
               <rule name="devTipRule" value="仅开发者可见"/>"#,
        );
        assert_eq!(r.hints, vec!["SKU价格受类目限制", "图片尺寸 ≤ 800px", "文件大小 ≤ 1536kb", "新规则", "请认真填写"]);
        assert_eq!((s.hints, s.unknown_rules, s.dev_notes, s.checked), (5, 1, 1, 0));
    }

    #[test]
    fn a_required_field_switched_off_by_a_condition_is_required_only_while_on() {
        let (r, _) = read(
            r#"<rule name="requiredRule" value="true"/>
               <rule name="disableRule" value="true"><depend-group operator="and"><depend-express fieldId="prop_20021" value="3323086" symbol="!="/></depend-group></rule>"#,
        );
        let off =
            Condition::Test(Test { pid: Some(20021), field: None, op: Op::Ne, values: vec![Operand::Vid(3323086)] });
        assert!(!r.must);
        let on =
            Condition::Test(Test { pid: Some(20021), field: None, op: Op::Eq, values: vec![Operand::Vid(3323086)] });
        assert_eq!(r.constraints.disabled_when, Some(off));
        assert_eq!(r.constraints.required_when, Some(on));
        let (r, _) = read(r#"<rule name="requiredRule" value="true"/>"#);
        assert!(r.must && r.constraints.required_when.is_none());
    }

    #[test]
    fn a_condition_on_a_field_the_snapshot_lacks_leaves_a_hint() {
        let (r, s) = read(
            r#"<rule name="disableRule" value="true"><depend-group operator="and"><depend-express fieldId="item_status" value="1" symbol="!="/></depend-group></rule>
               <rule name="maxLengthRule" value="5"><depend-group operator="and"><depend-express fieldId="prop_2" value="1" symbol="=="/></depend-group></rule>"#,
        );
        assert!(r.constraints.disabled_when.is_none() && r.constraints.max_length.is_none());
        assert_eq!(r.hints, vec!["材质在某些条件下不可填写"]);
        assert_eq!(s.hints, 2);
    }
}
