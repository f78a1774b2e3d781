//! `alibaba.category.attribute.get`: a leaf category's attributes, their values and the
//! cascades between them, as the snapshot's properties, values and conditions.
//!
//! `inputType`: 0 text, -1 number, 1 drop-down, 2 multi-check, 3 radio, 4 drop-down list,
//! 5 date. `isSKUAttribute` makes a sale property; `parentAttrID` / `parentAttrValueID` (or a
//! value's `childAttrs`) a property that applies only under that value; each entry of
//! `attributeLevelMapStr` (`pid:vid>pid:vid` → `pid,pid`) makes the listed attributes required
//! while every step of its path is chosen.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use shelfcheck_core::model::snapshot::{
    Condition, Constraints, InputMode, Op, Operand, PropValue, Property, Status, Test, ValueType,
};
use shelfcheck_fetch::{units_longest_first, LeftOut};

use crate::lenient;

/// One attribute value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttrValue {
    #[serde(rename = "attrValueID", deserialize_with = "lenient::id")]
    pub attr_value_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    /// Attributes that apply once this value is chosen.
    #[serde(default)]
    pub child_attrs: Vec<serde_json::Value>,
    #[serde(default, rename = "isSKU", deserialize_with = "lenient::flag")]
    pub is_sku: bool,
}

/// One attribute of `attributes[]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribute {
    #[serde(rename = "attrID", deserialize_with = "lenient::id")]
    pub attr_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub required: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub field_type: String,
    #[serde(default, rename = "isSKUAttribute", deserialize_with = "lenient::flag")]
    pub is_sku_attribute: bool,
    #[serde(default, deserialize_with = "lenient::list")]
    pub attr_values: Vec<AttrValue>,
    /// A number or a numeric string; absent on some attributes.
    #[serde(default, deserialize_with = "lenient::text")]
    pub input_type: String,
    #[serde(default, deserialize_with = "lenient::list")]
    pub units: Vec<String>,
    #[serde(default, rename = "parentAttrID", deserialize_with = "lenient::id")]
    pub parent_attr_id: i64,
    #[serde(default, rename = "parentAttrValueID", deserialize_with = "lenient::id")]
    pub parent_attr_value_id: i64,
    /// Values of this attribute may carry pictures (colours).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_spec_pic_attr: bool,
}

/// The answer: attributes, and the cascades as a map or as the JSON text of one.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeAnswer {
    #[serde(default, deserialize_with = "lenient::list")]
    pub attributes: Vec<Attribute>,
    #[serde(default)]
    pub attribute_level_map_str: Option<serde_json::Value>,
}

/// What one category's answer becomes.
#[derive(Debug, Default)]
pub struct Converted {
    pub properties: Vec<Property>,
    pub values: Vec<PropValue>,
    pub left_out: Vec<LeftOut>,
}

/// How an `inputType` takes values: input mode, several values or one, and the value type of
/// typed input. `None` for a code this version does not know.
fn input_of(code: &str) -> Option<(InputMode, bool, Option<ValueType>)> {
    Some(match code.trim() {
        "0" => (InputMode::Text, false, Some(ValueType::Text)),
        "-1" => (InputMode::Text, false, Some(ValueType::Decimal)),
        "1" | "3" | "4" => (InputMode::Enum, false, None),
        "2" => (InputMode::Enum, true, None),
        "5" => (InputMode::Text, false, Some(ValueType::Date)),
        _ => return None,
    })
}

fn left_out(category: i64, zh: String, en: String) -> LeftOut {
    LeftOut { category, zh, en }
}

/// One cascade step `pid:vid`.
fn step(text: &str) -> Option<(i64, i64)> {
    let (p, v) = text.split_once(':')?;
    Some((p.trim().parse().ok()?, v.trim().parse().ok()?))
}

/// The cascade entries (`path` → child attribute ids), from a map or the JSON text of one.
fn cascades(raw: Option<&serde_json::Value>) -> Result<Vec<(String, String)>, String> {
    let parsed;
    let map = match raw {
        None | Some(serde_json::Value::Null) => return Ok(Vec::new()),
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => return Ok(Vec::new()),
        Some(serde_json::Value::String(s)) => {
            parsed = serde_json::from_str::<serde_json::Value>(s)
                .map_err(|e| format!("`attributeLevelMapStr` is not a JSON object: {e}"))?;
            &parsed
        }
        Some(other) => other,
    };
    let serde_json::Value::Object(map) = map else {
        return Err(String::from("`attributeLevelMapStr` is not an object"));
    };
    Ok(map
        .iter()
        .map(|(k, v)| {
            let children = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), children)
        })
        .collect())
}

/// Converts one category's answer. Cascades naming an attribute or value the answer does not
/// describe cannot be checked and are left out, each named.
pub fn convert(category_id: i64, answer: &AttributeAnswer) -> Result<Converted, String> {
    let mut out = Converted::default();
    let mut seen = BTreeSet::new();
    // Parents a value's `childAttrs` gives, for attributes that do not name their own.
    let mut parent_by_child: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for a in &answer.attributes {
        for v in &a.attr_values {
            for child in v.child_attrs.iter().filter_map(json_id) {
                parent_by_child.entry(child).or_insert((a.attr_id, v.attr_value_id));
            }
        }
    }
    for (order, a) in answer.attributes.iter().enumerate() {
        if !seen.insert(a.attr_id) {
            out.left_out.push(left_out(
                category_id,
                format!("属性 {}({})重复出现,只保留第一次", a.name, a.attr_id),
                format!("attribute {} ({}) is listed twice; the first is kept", a.name, a.attr_id),
            ));
            continue;
        }
        let (input, multi, value_type) = match input_of(&a.input_type) {
            Some(known) => known,
            None => {
                out.left_out.push(left_out(
                    category_id,
                    format!("属性 {}({})的输入方式 `{}` 未知,按可选可填处理", a.name, a.attr_id, a.input_type),
                    format!(
                        "attribute {} ({}) has an unknown input type `{}`; its values or any text are accepted",
                        a.name, a.attr_id, a.input_type
                    ),
                ));
                let input = if a.attr_values.is_empty() { InputMode::Text } else { InputMode::EnumOrText };
                (input, false, None)
            }
        };
        let (parent_pid, parent_vid) = if a.parent_attr_id != 0 {
            (Some(a.parent_attr_id), Some(a.parent_attr_value_id))
        } else {
            parent_by_child.get(&a.attr_id).map_or((None, None), |&(p, v)| (Some(p), Some(v)))
        };
        // Sellers name their own SKU values (colours, sizes), and 1688 keys SKUs by that text:
        // a SKU attribute takes the seller's own values, and names (aliases) for listed ones.
        let custom_values = a.is_sku_attribute.then_some(true);
        let units = units_longest_first(a.units.iter().map(String::as_str));
        let constraints = Constraints { value_type, units, custom_values, ..Constraints::default() };
        out.properties.push(Property {
            category_id,
            pid: a.attr_id,
            name: a.name.clone(),
            sale: a.is_sku_attribute,
            color: a.is_spec_pic_attr,
            must: a.required,
            multi: multi || a.is_sku_attribute,
            input,
            sort_order: order as i64,
            parent_pid,
            parent_vid,
            allow_alias: a.is_sku_attribute,
            constraints: (constraints != Constraints::default()).then(|| Box::new(constraints)),
            ..Default::default()
        });
        let mut vids = BTreeSet::new();
        for (j, v) in a.attr_values.iter().enumerate() {
            if vids.insert(v.attr_value_id) {
                out.values.push(PropValue {
                    category_id,
                    pid: a.attr_id,
                    vid: v.attr_value_id,
                    name: v.name.clone(),
                    alias: None,
                    status: Status::Normal,
                    sort_order: j as i64,
                    features: Default::default(),
                });
            }
        }
    }
    check_parents(category_id, &mut out);
    apply_cascades(category_id, answer, &mut out)?;
    Ok(out)
}

/// Drops each parent link naming an attribute or value the answer does not describe (an
/// abridged answer), so the rest of the category stays usable; each is listed.
fn check_parents(category_id: i64, out: &mut Converted) {
    let known: BTreeSet<(i64, i64)> = out.values.iter().map(|v| (v.pid, v.vid)).collect();
    for p in out.properties.iter_mut() {
        let Some((pid, vid)) = p.parent() else { continue };
        if !known.contains(&(pid, vid)) {
            out.left_out.push(left_out(
                category_id,
                format!("属性 {}({})依赖的属性 {pid} 的值 {vid} 不在应答中,按不依赖处理", p.name, p.pid),
                format!(
                    "attribute {} ({}) depends on value {vid} of attribute {pid}, which the answer does not describe; it is kept as independent",
                    p.name, p.pid
                ),
            ));
            p.parent_pid = None;
            p.parent_vid = None;
        }
    }
}

fn json_id(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Adds each cascade as a `required_when` condition on the attributes it lists; several paths
/// to the same attribute make it required when any of them holds.
fn apply_cascades(category_id: i64, answer: &AttributeAnswer, out: &mut Converted) -> Result<(), String> {
    let known: BTreeSet<(i64, i64)> = out.values.iter().map(|v| (v.pid, v.vid)).collect();
    let props: BTreeSet<i64> = out.properties.iter().map(|p| p.pid).collect();
    let names: BTreeMap<i64, &str> = out.properties.iter().map(|p| (p.pid, p.name.as_str())).collect();
    let mut when: BTreeMap<i64, Vec<Condition>> = BTreeMap::new();
    for (path, children) in cascades(answer.attribute_level_map_str.as_ref())? {
        let steps: Option<Vec<(i64, i64)>> = path.split('>').map(step).collect();
        let Some(steps) = steps.filter(|s| !s.is_empty()) else {
            out.left_out.push(left_out(
                category_id,
                format!("级联条件 `{path}` 无法读取"),
                format!("the cascade condition `{path}` cannot be read"),
            ));
            continue;
        };
        if let Some((p, v)) = steps.iter().find(|s| !known.contains(s)) {
            let attribute = match names.get(p) {
                Some(name) => format!("{name} ({p})"),
                None => p.to_string(),
            };
            out.left_out.push(left_out(
                category_id,
                format!("级联 `{path}` → {children}:应答中没有属性 {attribute} 的值 {v}"),
                format!("cascade `{path}` → {children}: the answer has no value {v} of attribute {attribute}"),
            ));
            continue;
        }
        let tests: Vec<Condition> = steps
            .iter()
            .map(|&(pid, vid)| {
                Condition::Test(Test { pid: Some(pid), field: None, op: Op::Contains, values: vec![Operand::Vid(vid)] })
            })
            .collect();
        let condition = if tests.len() == 1 { tests.into_iter().next() } else { Some(Condition::All(tests)) };
        for child in children.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            match child.parse::<i64>() {
                Ok(pid) if props.contains(&pid) => {
                    when.entry(pid).or_default().extend(condition.clone());
                }
                _ => out.left_out.push(left_out(
                    category_id,
                    format!("级联 `{path}` 要求的属性 {child} 不在应答中"),
                    format!("cascade `{path}` requires attribute {child}, which the answer does not describe"),
                )),
            }
        }
    }
    for p in out.properties.iter_mut() {
        let Some(mut conditions) = when.remove(&p.pid) else { continue };
        let condition = if conditions.len() == 1 { conditions.remove(0) } else { Condition::Any(conditions) };
        p.constraints.get_or_insert_with(Box::default).required_when = Some(condition);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn answer(text: &str) -> AttributeAnswer {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn input_types_become_value_types_and_single_or_multi() {
        let a = answer(
            r#"{"attributes":[
              {"attrID":1,"name":"货号","inputType":"0"},
              {"attrID":2,"name":"重量","inputType":-1,"units":["克","千克"]},
              {"attrID":3,"name":"风格","inputType":"2","attrValues":[{"attrValueID":31,"name":"通勤"}]},
              {"attrID":4,"name":"上市时间","inputType":"5"},
              {"attrID":5,"name":"颜色","inputType":"1","isSKUAttribute":true,"isSpecPicAttr":true,
               "attrValues":[{"attrValueID":51,"name":"红色"}]}]}"#,
        );
        let c = convert(9, &a).unwrap();
        let p = |pid: i64| c.properties.iter().find(|p| p.pid == pid).unwrap();
        assert_eq!(p(1).input, InputMode::Text);
        let weight = p(2).constraints.as_deref().unwrap();
        assert_eq!(
            (weight.value_type, weight.units.as_slice()),
            (Some(ValueType::Decimal), &["千克".into(), "克".into()][..])
        );
        assert!(p(3).multi && p(3).input == InputMode::Enum && p(3).constraints.is_none());
        assert_eq!(p(4).constraints.as_deref().unwrap().value_type, Some(ValueType::Date));
        assert!(p(5).sale && p(5).color && p(5).multi);
        assert_eq!(p(5).constraints.as_deref().unwrap().custom_values, Some(true));
        assert!(c.left_out.is_empty());
    }

    #[test]
    fn multi_level_cascades_become_conditions_and_unknown_steps_are_named() {
        let a = answer(
            r#"{"attributeLevelMapStr":"{\"1:11>2:21\":\"3\",\"1:12\":\"3,4\",\"1:99\":\"4\",\"1:11\":\"77\"}",
              "attributes":[
              {"attrID":1,"name":"货源类别","inputType":"1","attrValues":[{"attrValueID":11,"name":"现货"},{"attrValueID":12,"name":"订货"}]},
              {"attrID":2,"name":"是否库存","inputType":"1","attrValues":[{"attrValueID":21,"name":"是"}]},
              {"attrID":3,"name":"库存类型","inputType":"1","attrValues":[{"attrValueID":31,"name":"整单"}]},
              {"attrID":4,"name":"加工方式","inputType":"0"}]}"#,
        );
        let c = convert(9, &a).unwrap();
        let when = |pid: i64| {
            c.properties.iter().find(|p| p.pid == pid).unwrap().constraints.as_deref().unwrap().required_when.clone()
        };
        let test = |pid, vid| {
            Condition::Test(Test { pid: Some(pid), field: None, op: Op::Contains, values: vec![Operand::Vid(vid)] })
        };
        assert_eq!(when(3), Some(Condition::Any(vec![Condition::All(vec![test(1, 11), test(2, 21)]), test(1, 12)])));
        assert_eq!(when(4), Some(test(1, 12)));
        let en: Vec<&str> = c.left_out.iter().map(|l| l.en.as_str()).collect();
        assert_eq!(
            en,
            [
                "cascade `1:11` requires attribute 77, which the answer does not describe",
                "cascade `1:99` → 4: the answer has no value 99 of attribute 货源类别 (1)",
            ]
        );
    }

    #[test]
    fn parents_come_from_the_attribute_or_from_a_value_s_children() {
        let a = answer(
            r#"{"attributes":[
              {"attrID":1,"name":"品牌","inputType":"1","attrValues":[{"attrValueID":11,"name":"某牌","childAttrs":[2]}]},
              {"attrID":2,"name":"系列","inputType":"1","attrValues":[{"attrValueID":21,"name":"A系列"}]},
              {"attrID":3,"name":"型号","inputType":"1","parentAttrID":"2","parentAttrValueID":"21"},
              {"attrID":4,"name":"款式","inputType":"1","parentAttrID":"7","parentAttrValueID":"70"}]}"#,
        );
        let c = convert(9, &a).unwrap();
        let parent = |pid: i64| c.properties.iter().find(|p| p.pid == pid).unwrap().parent();
        assert_eq!((parent(1), parent(2), parent(3)), (None, Some((1, 11)), Some((2, 21))));
        // A parent the abridged answer does not describe is dropped and named.
        assert_eq!(parent(4), None);
        assert_eq!(c.left_out.len(), 1);
        assert!(
            c.left_out[0].en.starts_with("attribute 款式 (4) depends on value 70 of attribute 7"),
            "{:?}",
            c.left_out
        );
    }

    #[test]
    fn an_unknown_input_type_is_lenient_and_named() {
        let a = answer(
            r#"{"attributes":[{"attrID":1,"name":"材质","inputType":"9","attrValues":[{"attrValueID":2,"name":"棉"}]}]}"#,
        );
        let c = convert(9, &a).unwrap();
        assert_eq!(c.properties[0].input, InputMode::EnumOrText);
        assert!(c.left_out[0].zh.contains("输入方式 `9` 未知"), "{:?}", c.left_out);
        assert!(convert(9, &answer(r#"{"attributes":[],"attributeLevelMapStr":"[1]"}"#)).is_err());
    }
}
