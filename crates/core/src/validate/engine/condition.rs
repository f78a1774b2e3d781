//! Evaluating compiled conditions against a resolved listing, and describing them for
//! messages. A test looks at one property's chosen values through the slot table (no search)
//! or at one item field, so a condition costs its own size, whatever the listing's.

use super::Ctx;
use crate::catalog::prop_rules::{Arg, Cond};
use crate::input::listing::shape::ListingMember;
use crate::input::listing::Scalar;
use crate::input::normalize::normalize;
use crate::model::rule_model::{Op, ITEM_FIELDS};
use crate::report::When;
use smallvec::SmallVec;
use std::borrow::Cow;

/// The values of item field `field` (an index into [`ITEM_FIELDS`]) as a test sees them: none
/// when the listing leaves it out or blank. A text or number field has one value; `images` one
/// per image; `location` its province and city; `price_ranges` the price of each tier.
pub(crate) fn field_values<'a>(ctx: &Ctx<'a>, field: u8) -> SmallVec<[Seen<'a>; 4]> {
    let l = ctx.listing;
    let text = |t: &'a Option<String>| t.as_deref().map(|t| Seen { vid: None, text: Some(Cow::Borrowed(t)) });
    let scalar = |v: &'a Option<Scalar>| v.as_ref().map(|v| Seen { vid: None, text: Some(v.as_text()) });
    let mut out: SmallVec<[Seen<'a>; 4]> = SmallVec::new();
    let Some(member) = ITEM_FIELDS.get(field as usize).and_then(|f| ListingMember::from_key(f)) else { return out };
    match member {
        ListingMember::Title => out.extend(text(&l.title)),
        ListingMember::OuterId => out.extend(text(&l.outer_id)),
        ListingMember::Description => out.extend(text(&l.description)),
        ListingMember::Barcode => out.extend(text(&l.barcode)),
        ListingMember::StuffStatus => out.extend(text(&l.stuff_status)),
        ListingMember::Unit => out.extend(text(&l.unit)),
        ListingMember::Price => out.extend(scalar(&l.price)),
        ListingMember::Quantity => out.extend(scalar(&l.quantity)),
        ListingMember::MinOrderQuantity => out.extend(scalar(&l.min_order_quantity)),
        ListingMember::Images => out.extend(l.images.iter().map(|t| Seen { vid: None, text: Some(Cow::Borrowed(t)) })),
        ListingMember::Location => {
            if let Some(loc) = &l.location {
                out.extend(text(&loc.state));
                out.extend(text(&loc.city));
            }
        }
        ListingMember::PriceRanges => out.extend(l.price_ranges.iter().filter_map(|r| scalar(&r.price))),
        // Not item fields (see `shape::item_fields`).
        ListingMember::CategoryId | ListingMember::Props | ListingMember::Skus | ListingMember::Qualifications => {}
    }
    out.retain(|v| v.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
    out
}

/// One chosen value, seen by a test: its id when it has one, its text otherwise.
pub(crate) struct Seen<'a> {
    vid: Option<crate::model::ids::Id>,
    text: Option<Cow<'a, str>>,
}

impl Ctx<'_> {
    /// Whether `cond` holds for the listing.
    pub(crate) fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::All(parts) => parts.iter().all(|c| self.holds(c)),
            Cond::Any(parts) => parts.iter().any(|c| self.holds(c)),
            Cond::Not(inner) => !self.holds(inner),
            Cond::Prop { idx, op, operands } => {
                let prop = &self.cat.props[*idx as usize];
                let seen: smallvec::SmallVec<[Seen<'_>; 4]> = self
                    .chosen(*idx)
                    .map(|r| {
                        r.values
                            .iter()
                            .filter(|v| v.text.is_none_or(|t| !t.trim().is_empty()))
                            .map(|v| Seen {
                                vid: v.vid,
                                text: v
                                    .text
                                    .or_else(|| v.vid.and_then(|id| prop.value(id)).map(|pv| pv.name.as_str()))
                                    .map(Cow::Borrowed),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                test(*op, &seen, operands)
            }
            Cond::Field { field, op, operands } => test(*op, &field_values(self, *field), operands),
        }
    }

    /// `cond` with names instead of indices and ids, for a message.
    pub(crate) fn describe(&self, cond: &Cond) -> When {
        match cond {
            Cond::All(parts) => When::All(parts.iter().map(|c| self.describe(c)).collect()),
            Cond::Any(parts) => When::Any(parts.iter().map(|c| self.describe(c)).collect()),
            Cond::Not(inner) => When::Not(Box::new(self.describe(inner))),
            Cond::Prop { idx, op, operands } => {
                let p = &self.cat.props[*idx as usize].property;
                When::Test {
                    pid: Some(p.pid),
                    subject: p.name.clone(),
                    subject_en: p.name_en.clone(),
                    field: None,
                    op: *op,
                    values: operands.iter().map(|a| a.shown.clone()).collect(),
                }
            }
            Cond::Field { field, op, operands } => When::Test {
                pid: None,
                subject: String::new(),
                subject_en: None,
                field: ITEM_FIELDS.get(*field as usize).map(|f| (*f).to_owned()),
                op: *op,
                values: operands.iter().map(|a| a.shown.clone()).collect(),
            },
        }
    }
}

fn same(v: &Seen<'_>, a: &Arg) -> bool {
    match (v.vid, a.vid) {
        (Some(x), Some(y)) => x == y,
        _ => v.text.as_deref().is_some_and(|t| normalize(t) == a.text),
    }
}

fn number(v: &Seen<'_>) -> Option<f64> {
    v.text.as_deref().and_then(|t| crate::input::number::finite(t.trim()))
}

fn test(op: Op, seen: &[Seen<'_>], args: &[Arg]) -> bool {
    let first = args.first();
    let eq = || seen.len() == 1 && first.is_some_and(|a| same(&seen[0], a));
    let contains = || {
        first.is_some_and(|a| {
            seen.iter().any(|v| {
                same(v, a)
                    || (v.vid.is_none() && v.text.as_deref().is_some_and(|t| normalize(t).contains(a.text.as_str())))
            })
        })
    };
    let cmp = |f: fn(f64, f64) -> bool| match (seen.first().and_then(number), first.and_then(|a| a.number)) {
        (Some(x), Some(y)) => f(x, y),
        _ => false,
    };
    match op {
        Op::IsNull => seen.is_empty(),
        Op::Eq => eq(),
        Op::Ne => !eq(),
        Op::Contains => contains(),
        Op::NotContains => !contains(),
        Op::In => seen.iter().any(|v| args.iter().any(|a| same(v, a))),
        Op::Lt => cmp(|x, y| x < y),
        Op::Gt => cmp(|x, y| x > y),
        Op::Le => cmp(|x, y| x <= y),
        Op::Ge => cmp(|x, y| x >= y),
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, Snapshot};
    use serde_json::{json, Value};

    /// The demo catalog with 季节 (122216347) required while `cond` holds.
    fn with_condition(cond: Value) -> Catalog {
        let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
        let props = s["properties"].as_array_mut().unwrap();
        let season = props.iter_mut().find(|p| p["pid"] == json!(122216347)).unwrap();
        season["constraints"] = json!({"required_when": cond});
        Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).unwrap()
    }

    fn required(cond: Value, edit: impl Fn(&mut Value)) -> bool {
        let mut l = tshirt();
        edit(&mut l);
        let report = run(&with_condition(cond), l, &crate::ValidateOptions::default());
        report.issues.iter().any(|i| i.code().as_str() == "PROP_REQUIRED")
    }

    #[test]
    fn every_operator_on_chosen_values() {
        let material = |op: &str, values: Value| json!({"test": {"pid": 20021, "op": op, "values": values}});
        let none = |_: &mut Value| {};
        assert!(required(material("contains", json!(["棉"])), none));
        assert!(!required(material("not_contains", json!(["棉"])), none));
        assert!(required(material("==", json!(["棉"])), none));
        assert!(!required(material("!=", json!(["棉"])), none));
        assert!(required(material("in", json!(["涤纶", "棉"])), none));
        assert!(!required(material("is_null", json!([])), none));
        assert!(required(material("is_null", json!([])), |l| {
            l["props"].as_array_mut().unwrap().remove(2);
        }));
        // Typed text compared as a number.
        let article = |op: &str, n: &str| json!({"test": {"pid": 13021751, "op": op, "values": [n]}});
        let number = |l: &mut Value| set(l, "/props/1", json!({"pid": 13021751, "text": "1024"}));
        assert!(required(article(">", "1000"), number) && !required(article("<", "1000"), number));
        assert!(required(article(">=", "1024"), number) && required(article("<=", "1024"), number));
        assert!(!required(article(">", "1000"), none), "text that is not a number compares as false");
    }

    #[test]
    fn and_or_not_and_item_fields() {
        let cotton = json!({"test": {"pid": 20021, "op": "contains", "values": ["棉"]}});
        let summer = json!({"test": {"field": "title", "op": "contains", "values": ["夏季"]}});
        let winter = json!({"test": {"field": "title", "op": "contains", "values": ["冬季"]}});
        let none = |_: &mut Value| {};
        assert!(required(json!({"all": [cotton.clone(), summer.clone()]}), none));
        assert!(!required(json!({"all": [cotton.clone(), winter.clone()]}), none));
        assert!(required(json!({"any": [winter.clone(), cotton.clone()]}), none));
        assert!(required(json!({"not": winter}), none));
        // Item fields: absent, typed, numbers, lists and the location.
        assert!(required(json!({"test": {"field": "description", "op": "is_null"}}), none));
        let described = |l: &mut Value| l["description"] = json!("纯棉");
        assert!(!required(json!({"test": {"field": "description", "op": "is_null"}}), described));
        assert!(!required(json!({"test": {"field": "price", "op": ">", "values": ["1"]}}), none));
        let priced = |l: &mut Value| l["price"] = json!(59.5);
        assert!(required(json!({"test": {"field": "price", "op": ">", "values": ["50"]}}), priced));
        assert!(!required(json!({"test": {"field": "price", "op": ">", "values": ["60"]}}), priced));
        let typed = |l: &mut Value| l["quantity"] = json!("100");
        assert!(required(json!({"test": {"field": "quantity", "op": ">=", "values": ["100"]}}), typed));
        let images = |l: &mut Value| l["images"] = json!(["a.jpg", "b.jpg"]);
        assert!(required(json!({"test": {"field": "images", "op": "contains", "values": ["b.jpg"]}}), images));
        let located = |l: &mut Value| l["location"] = json!({"state": "浙江", "city": "杭州"});
        assert!(required(json!({"test": {"field": "location", "op": "contains", "values": ["杭州"]}}), located));
        assert!(required(json!({"test": {"field": "location", "op": "is_null"}}), none));
        let blank = |l: &mut Value| l["location"] = json!({"state": " "});
        assert!(required(json!({"test": {"field": "location", "op": "is_null"}}), blank));
        let second = |l: &mut Value| l["stuff_status"] = json!("second");
        assert!(required(json!({"test": {"field": "stuff_status", "op": "==", "values": ["second"]}}), second));
    }

    #[test]
    fn the_issue_names_the_condition_in_both_languages() {
        let cat = with_condition(json!({"test": {"pid": 20021, "op": "contains", "values": ["棉"]}}));
        let zh = run(&cat, tshirt(), &crate::ValidateOptions::default());
        assert_eq!(zh.issues[0].message, "当 `材质` 包含 `棉` 时, 属性 `上市年份季节` 为必填, 但未填写");
        let en = run(&cat, tshirt(), &crate::ValidateOptions { locale: crate::Locale::En, ..Default::default() });
        assert_eq!(
            en.issues[0].message,
            "property `Season` is required when `Material` contains `棉`, and it is missing"
        );
    }

    #[test]
    fn bad_conditions_are_refused_when_compiling() {
        let compile = |cond: Value| {
            let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
            s["properties"][0]["constraints"] = json!({"required_when": cond});
            Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).map(|_| ()).unwrap_err().problems
        };
        let p = compile(json!({"test": {"pid": 424242, "op": "is_null"}}));
        assert!(matches!(p[0], crate::Problem::ConditionOnUnknownProperty { subject: 424242, .. }), "{p:?}");
        let p = compile(json!({"test": {"field": "prise", "op": "is_null"}}));
        assert!(
            matches!(&p[0], crate::Problem::ConditionOnUnknownField { suggestions, .. } if suggestions[0] == "price")
        );
        let p = compile(json!({"test": {"pid": 20021, "op": "<", "values": ["many"]}}));
        assert!(p[0].message(crate::Locale::En).contains("not a number"), "{p:?}");
        let mut deep = json!({"test": {"pid": 20021, "op": "is_null"}});
        for _ in 0..20 {
            deep = json!({"not": deep});
        }
        assert!(compile(deep)[0].message(crate::Locale::En).contains("nested too deeply"));
    }
}
