//! A schema's field tree → one category's properties, values, required item fields and price
//! bounds.
//!
//! - `prop_<pid>` fields are properties, their options the values; those inside the `sku`
//!   table are sale properties. `in_prop_<pid>` (the text typed for "other") opens the property
//!   to custom values and adds its rules; `prop_extend_<pid>` with an alias column allows
//!   aliases, with a picture column marks a colour property.
//! - Item fields (`title`, `price`, `quantity`, `description`, images...) give the category's
//!   `required_fields`; `sku_price` (or `price` without a SKU table) its price bounds.
//! - Everything else is counted in [`SchemaSummary`], nothing is dropped silently.

use std::collections::{BTreeMap, BTreeSet};

use shelfcheck_core::model::rule_model::{Bound, Constraints, PriceBounds};
use shelfcheck_core::model::snapshot::{InputMode, PropValue, Property, Status};

use super::fields::{extend_pid, input_pid, item_field, prop_pid, SKU};
use super::rules::{item_rules, property_rules, PropRules};
use super::tree::{Field, FieldKind};
use super::SchemaSummary;

/// What one schema says about one category.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryRules {
    pub properties: Vec<Property>,
    pub values: Vec<PropValue>,
    /// Names from `ITEM_FIELDS`, sorted.
    pub required_fields: Vec<String>,
    pub price: Option<PriceBounds>,
}

/// Separates hints in [`Constraints::hint`].
const HINT_SEPARATOR: &str = "；";

pub fn map(fields: &[Field], cid: i64, summary: &mut SchemaSummary) -> CategoryRules {
    summary.schemas += 1;
    count_fields(fields, summary);
    let sku = fields.iter().find(|f| f.id == SKU);
    let sale_fields: Vec<&Field> =
        sku.map(|s| s.fields.iter().filter(|f| prop_pid(&f.id).is_some()).collect()).unwrap_or_default();
    let plain_fields: Vec<&Field> = fields.iter().filter(|f| prop_pid(&f.id).is_some()).collect();
    let known: BTreeSet<i64> = plain_fields.iter().chain(&sale_fields).filter_map(|f| prop_pid(&f.id)).collect();
    let is_known = |pid: i64| known.contains(&pid);

    let mut props: BTreeMap<i64, (Property, Vec<String>)> = BTreeMap::new();
    let mut values: BTreeMap<(i64, i64), PropValue> = BTreeMap::new();
    let mut order = 0;
    for (field, sale) in plain_fields.iter().map(|f| (*f, false)).chain(sale_fields.iter().map(|f| (*f, true))) {
        let Some(pid) = prop_pid(&field.id) else { continue };
        let rules = property_rules(field, &is_known, summary);
        order += 1;
        let entry = props.entry(pid).or_insert_with(|| (property(cid, pid, field, order), Vec::new()));
        let (prop, hints) = entry;
        prop.sale |= sale;
        prop.multi |= sale;
        apply(prop, hints, rules);
        for (i, o) in field.options.iter().enumerate() {
            match o.value.parse::<i64>() {
                // `-1` is the "other" switch that opens the `in_prop_<pid>` text box, not a
                // value: the property's custom input stands for it.
                Ok(-1) => {}
                Ok(vid) => {
                    values.entry((pid, vid)).or_insert_with(|| PropValue {
                        category_id: cid,
                        pid,
                        vid,
                        name: o.display_name.clone(),
                        alias: None,
                        status: Status::Normal,
                        sort_order: i as i64 + 1,
                        features: Default::default(),
                    });
                }
                Err(_) => summary.skipped_options += 1,
            }
        }
    }

    let mut required = BTreeSet::new();
    let (mut item_price, mut sku_price) = (None, None);
    for field in fields {
        if let Some(pid) = input_pid(&field.id) {
            match props.get_mut(&pid) {
                Some((prop, hints)) => custom_input(prop, hints, field, &is_known, summary),
                None => count_not_held(field, summary),
            }
        } else if let Some(pid) = extend_pid(&field.id) {
            if let Some((prop, _)) = props.get_mut(&pid) {
                prop.allow_alias |= field.fields.iter().any(|f| f.id == "alias_name");
                prop.color |= field.fields.iter().any(|f| f.id == "prop_image");
            }
            count_not_held_below(field, summary);
        } else if field.id == SKU {
            let mut hints = Vec::new();
            let own = item_rules(field, !sale_fields.is_empty(), summary);
            hints.extend(own.hints);
            for column in field.fields.iter().filter(|f| prop_pid(&f.id).is_none()) {
                let r = item_rules(column, !sale_fields.is_empty(), summary);
                if column.id == "sku_price" {
                    sku_price = bounds(r.min, r.max);
                }
                hints.extend(r.hints);
                count_not_held_below(column, summary);
            }
            for f in &sale_fields {
                if let Some((_, list)) = prop_pid(&f.id).and_then(|pid| props.get_mut(&pid)) {
                    list.extend(hints.iter().cloned());
                }
            }
        } else if let Some(name) = item_field(&field.id) {
            let mut r = item_rules(field, false, summary);
            // Groups (images, location) are required through their first column.
            for sub in &field.fields {
                r.required |= item_rules(sub, false, summary).required;
                count_not_held_below(sub, summary);
            }
            if r.required {
                required.insert(name.to_owned());
            }
            if name == "price" {
                item_price = bounds(r.min, r.max).map(|b| (b, r.bounds_read));
            }
        } else if prop_pid(&field.id).is_none() {
            count_not_held(field, summary);
        }
    }

    // SKU prices are what the engine bounds; the item price lies between them, so its own
    // bounds only stand in when there is no SKU table.
    let price = match (sku_price, item_price) {
        (Some(p), other) => {
            if let Some((_, n)) = other {
                summary.checked -= n;
                summary.not_held += n;
            }
            Some(p)
        }
        (None, p) => p.map(|(b, _)| b),
    };
    CategoryRules {
        properties: props
            .into_values()
            .map(|(mut p, hints)| {
                let mut uniq: Vec<String> = Vec::new();
                for h in hints {
                    if !uniq.contains(&h) {
                        uniq.push(h);
                    }
                }
                if !uniq.is_empty() {
                    p.constraints.get_or_insert_with(Default::default).hint = Some(uniq.join(HINT_SEPARATOR));
                }
                p
            })
            .collect(),
        values: values.into_values().collect(),
        required_fields: required.into_iter().collect(),
        price,
    }
}

fn bounds(min: Option<Bound>, max: Option<Bound>) -> Option<PriceBounds> {
    (min.is_some() || max.is_some()).then_some(PriceBounds { min, max })
}

fn property(cid: i64, pid: i64, field: &Field, order: i64) -> Property {
    Property {
        category_id: cid,
        pid,
        name: field.name.clone(),
        multi: field.kind.is_multi(),
        input: if field.kind.is_check() { InputMode::Enum } else { InputMode::Text },
        sort_order: order,
        ..Default::default()
    }
}

/// Adds a field's rules to its property (a property named twice keeps what either says).
fn apply(prop: &mut Property, hints: &mut Vec<String>, rules: PropRules) {
    prop.must |= rules.must;
    hints.extend(rules.hints);
    if rules.constraints != Constraints::default() {
        let c = prop.constraints.get_or_insert_with(Default::default);
        merge(c, rules.constraints);
    }
}

/// Fills what `c` does not say yet from `more`.
fn merge(c: &mut Constraints, more: Constraints) {
    let Constraints {
        value_type,
        min_length,
        max_length,
        length_unit,
        min,
        max,
        max_decimals,
        min_values,
        max_values,
        patterns,
        units,
        custom_values,
        required_when,
        disabled_when,
        hint: _,
    } = more;
    if c.min_length.is_none() && c.max_length.is_none() {
        c.length_unit = length_unit;
        c.min_length = min_length;
        c.max_length = max_length;
    }
    c.value_type = c.value_type.or(value_type);
    c.min = c.min.or(min);
    c.max = c.max.or(max);
    c.max_decimals = c.max_decimals.or(max_decimals);
    c.min_values = c.min_values.or(min_values);
    c.max_values = c.max_values.or(max_values);
    c.patterns.extend(patterns);
    c.units.extend(units);
    c.custom_values = c.custom_values.or(custom_values);
    c.required_when = c.required_when.take().or(required_when);
    c.disabled_when = c.disabled_when.take().or(disabled_when);
}

/// `in_prop_<pid>`: the property takes the seller's own text, under the input's rules. Its
/// own required and disable rules only say when the text box shows, which the custom value
/// itself expresses.
fn custom_input(
    prop: &mut Property,
    hints: &mut Vec<String>,
    field: &Field,
    known: &dyn Fn(i64) -> bool,
    summary: &mut SchemaSummary,
) {
    if prop.input == InputMode::Enum {
        prop.input = InputMode::EnumOrText;
    }
    let mut typed = field.clone();
    typed.rules.retain(|r| {
        let structural = r.name == "requiredRule" || r.name == "disableRule";
        if structural {
            summary.rules += 1;
            summary.checked += 1;
        }
        !structural
    });
    let mut rules = property_rules(&typed, known, summary);
    rules.must = false;
    rules.constraints.required_when = None;
    rules.constraints.disabled_when = None;
    apply(prop, hints, rules);
}

fn count_fields(fields: &[Field], summary: &mut SchemaSummary) {
    for f in fields {
        summary.fields += 1;
        if let FieldKind::Unknown(_) = f.kind {
            summary.unknown_field_types += 1;
        }
        count_fields(&f.fields, summary);
    }
}

/// A field whose rules the snapshot has no place for, with everything below it.
fn count_not_held(field: &Field, summary: &mut SchemaSummary) {
    item_rules(field, false, summary);
    count_not_held_below(field, summary);
}

fn count_not_held_below(field: &Field, summary: &mut SchemaSummary) {
    for sub in &field.fields {
        count_not_held(sub, summary);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::schema::parse::parse;

    fn mapped(xml: &str) -> (CategoryRules, SchemaSummary) {
        let mut s = SchemaSummary::default();
        let rules = map(&parse(xml).unwrap(), 7, &mut s);
        (rules, s)
    }

    #[test]
    fn unknown_field_types_and_rule_names_are_counted_not_fatal() {
        let (rules, s) = mapped(
            r#"<itemRule><field id="prop_1" name="颜色" type="colorPicker"><rules><rule name="fancyRule" value="新规则"/></rules></field>
               <field id="gift" name="赠品" type="input"><rules><rule name="strangeRule" value="x"/></rules></field></itemRule>"#,
        );
        assert_eq!((s.unknown_field_types, s.unknown_rules, s.hints, s.not_held), (1, 2, 1, 1));
        let p = &rules.properties[0];
        assert_eq!(p.input, InputMode::Text);
        assert_eq!(p.constraints.as_ref().unwrap().hint.as_deref(), Some("新规则"));
    }

    #[test]
    fn item_fields_give_required_fields_and_sku_prices_the_price_bounds() {
        let (rules, s) = mapped(
            r#"<itemRule>
               <field id="title" type="input"><rules><rule name="requiredRule" value="true"/><rule name="maxLengthRule" value="60" unit="byte"/></rules></field>
               <field id="item_images" type="complex"><fields><field id="item_image_0" type="input"><rules><rule name="requiredRule" value="true"/></rules></field></fields></field>
               <field id="price" type="input"><rules><rule name="minValueRule" value="1.00" exProperty="not include"/></rules></field>
               <field id="sku" type="multiComplex"><rules><rule name="123_1" value="SKU与类目销售属性必须匹配"/></rules><fields>
                 <field id="prop_1627207" name="颜色分类" type="singleCheck"><options><option displayName="红色" value="28326"/></options></field>
                 <field id="sku_price" type="input"><rules><rule name="minValueRule" value="0" exProperty="not include"/><rule name="maxValueRule" value="100000000" exProperty="not include"/></rules></field>
               </fields></field></itemRule>"#,
        );
        assert_eq!(rules.required_fields, ["images", "title"]);
        let price = rules.price.unwrap();
        assert_eq!(price.min, Some(Bound { value: 0.0, exclusive: true }));
        assert_eq!(price.max, Some(Bound { value: 100_000_000.0, exclusive: true }));
        let colour = &rules.properties[0];
        assert!(colour.sale && colour.multi);
        assert_eq!(colour.constraints.as_ref().unwrap().hint.as_deref(), Some("SKU与类目销售属性必须匹配"));
        assert_eq!(rules.values.len(), 1);
        // title's length and the item price's bound are not held; the rest is checked or a hint.
        assert_eq!((s.rules, s.checked, s.hints, s.not_held), (7, 4, 1, 2));
    }

    #[test]
    fn a_custom_input_field_opens_its_property_and_adds_its_rules() {
        let (rules, s) = mapped(
            r#"<itemRule><field id="prop_5" name="图案" type="singleCheck"><options><option displayName="其它" value="-1"/><option displayName="条纹" value="29452"/></options></field>
               <field id="in_prop_5" name="图案" type="input"><rules><rule name="maxLengthRule" value="20" unit="character"/>
               <rule name="disableRule" value="true"><depend-group operator="and"><depend-express fieldId="prop_5" value="-1" symbol="!="/></depend-group></rule></rules></field></itemRule>"#,
        );
        let p = &rules.properties[0];
        assert_eq!(p.input, InputMode::EnumOrText);
        let c = p.constraints.as_deref().unwrap();
        assert_eq!(c.max_length, Some(20));
        assert!(c.disabled_when.is_none() && c.required_when.is_none());
        assert_eq!(rules.values.iter().map(|v| v.vid).collect::<Vec<_>>(), [29452]);
        assert_eq!((s.rules, s.checked), (2, 2));
    }
}
