//! A shop leaf's detail (`channels.ec.category.detail`): typed attributes, floor price, brand
//! limit and product qualifications.

use shelfcheck_core::model::snapshot::{
    Bound, Constraints, InputMode, PriceBounds, PropValue, Property, Qualification, Status, ValueType,
};
use shelfcheck_fetch::{units_longest_first, LeftOut};

use super::model::ShopDetail;
use super::tree::qualifications;
use super::{name_id, value_id, BRAND_PROPERTY};

/// What one detail answer adds to its category.
#[derive(Debug, Default)]
pub struct DetailRules {
    pub properties: Vec<Property>,
    pub values: Vec<PropValue>,
    pub price: Option<PriceBounds>,
    pub qualifications: Vec<Qualification>,
    pub features: Vec<(String, String)>,
    pub left_out: Vec<LeftOut>,
}

/// How a `type_v2` (or, without one, the older `type`) takes values.
struct Kind {
    input: InputMode,
    multi: bool,
    value_type: Option<ValueType>,
    max_decimals: Option<u32>,
    /// `value` lists the units a number may carry, not options.
    unit_list: bool,
}

/// `None`: a kind this version does not know.
fn kind_of(kind: &str) -> Option<Kind> {
    let typed = |value_type, max_decimals, unit_list| Kind {
        input: InputMode::Text,
        multi: false,
        value_type: Some(value_type),
        max_decimals,
        unit_list,
    };
    let select = |multi| Kind { input: InputMode::Enum, multi, value_type: None, max_decimals: None, unit_list: false };
    Some(match kind {
        "string" => typed(ValueType::Text, None, false),
        "select_one" => select(false),
        "select_many" => select(true),
        "integer" => typed(ValueType::Integer, None, false),
        "decimal4" => typed(ValueType::Decimal, Some(4), false),
        "integer_unit" => typed(ValueType::Integer, None, true),
        "decimal4_unit" => typed(ValueType::Decimal, Some(4), true),
        _ => return None,
    })
}

fn split(list: &str) -> Vec<String> {
    list.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// A scalar feature as text (`true`, `500000`); objects and lists are not features.
fn feature_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Converts a detail answer's rules for its category.
pub fn detail_rules(d: &ShopDetail) -> DetailRules {
    let cid = d.info.cat_id;
    let mut out = DetailRules::default();
    let attrs =
        d.attr.product_attr_list.iter().map(|a| (a, false)).chain(d.attr.sale_attr_list.iter().map(|a| (a, true)));
    for (order, (a, sale)) in attrs.enumerate() {
        let kind = if a.type_v2.is_empty() { a.kind.as_str() } else { a.type_v2.as_str() };
        let pid = name_id(&a.name);
        if a.name.trim().is_empty() || out.properties.iter().any(|p| p.pid == pid) {
            out.left_out.push(LeftOut {
                category: cid,
                zh: format!("属性「{}」没有名称或重复出现,只保留第一次", a.name),
                en: format!("attribute `{}` has no name or is listed twice; the first is kept", a.name),
            });
            continue;
        }
        let Kind { mut input, multi, value_type, max_decimals, unit_list } = kind_of(kind).unwrap_or_else(|| {
            out.left_out.push(LeftOut {
                category: cid,
                zh: format!("属性「{}」的类型 `{kind}` 未知,按可选可填处理", a.name),
                en: format!(
                    "attribute `{}` has an unknown type `{kind}`; its options or any text are accepted",
                    a.name
                ),
            });
            Kind { input: InputMode::EnumOrText, multi: false, value_type: None, max_decimals: None, unit_list: false }
        });
        let options = if unit_list || value_type.is_some() { Vec::new() } else { split(&a.value) };
        let enumerated = matches!(input, InputMode::Enum | InputMode::EnumOrText);
        let custom_values = if enumerated { a.append_allowed } else { None };
        if enumerated && a.append_allowed == Some(true) {
            input = InputMode::EnumOrText;
        }
        let constraints = Constraints {
            value_type,
            max_decimals,
            units: if unit_list { units_longest_first(a.value.split(';')) } else { Vec::new() },
            custom_values,
            hint: (!a.hint.is_empty()).then(|| a.hint.clone()),
            ..Constraints::default()
        };
        out.properties.push(Property {
            category_id: cid,
            pid,
            name: a.name.clone(),
            sale,
            must: a.is_required,
            multi: multi || sale,
            input,
            sort_order: order as i64,
            constraints: (constraints != Constraints::default()).then(|| Box::new(constraints)),
            ..Default::default()
        });
        push_values(&mut out.values, cid, pid, options.iter().map(|o| (value_id(&a.name, o), o.clone())));
    }
    if d.attr.is_limit_brand {
        brand_property(d, &mut out);
    }
    if d.attr.floor_price > 0 {
        // The sale price may not be below the floor (fen → yuan).
        let floor = Bound { value: d.attr.floor_price as f64 / 100.0, exclusive: false };
        out.price = Some(PriceBounds { min: Some(floor), max: None });
    }
    out.qualifications = qualifications(&d.product_qua_list);
    out.features = d.attr.rest.iter().filter_map(|(k, v)| Some((k.clone(), feature_text(v)?))).collect();
    out.features.push((String::from("is_limit_brand"), d.attr.is_limit_brand.to_string()));
    out.features.sort();
    out
}

fn push_values(into: &mut Vec<PropValue>, cid: i64, pid: i64, values: impl Iterator<Item = (i64, String)>) {
    let start = into.len();
    for (j, (vid, name)) in values.enumerate() {
        if into[start..].iter().any(|v| v.vid == vid) {
            continue;
        }
        into.push(PropValue {
            category_id: cid,
            pid,
            vid,
            name,
            alias: None,
            status: Status::Normal,
            sort_order: j as i64,
            features: Default::default(),
        });
    }
}

/// A brand-limited category: only the listed brands may be chosen, under [`BRAND_PROPERTY`].
fn brand_property(d: &ShopDetail, out: &mut DetailRules) {
    let cid = d.info.cat_id;
    let pid = name_id(BRAND_PROPERTY);
    if out.properties.iter().any(|p| p.pid == pid) {
        out.left_out.push(LeftOut {
            category: cid,
            zh: format!("品牌限制未导入:类目已有名为「{BRAND_PROPERTY}」的属性"),
            en: format!("the brand limit is left out: the category already has an attribute named `{BRAND_PROPERTY}`"),
        });
        return;
    }
    let constraints = Constraints { custom_values: Some(false), ..Constraints::default() };
    out.properties.push(Property {
        category_id: cid,
        pid,
        name: String::from(BRAND_PROPERTY),
        key: true,
        sort_order: out.properties.len() as i64,
        constraints: Some(Box::new(constraints)),
        ..Default::default()
    });
    // Brands are known by id; the name, where the answer gives one, is what sellers see.
    let brands = d.attr.brand_list.iter().map(|b| {
        let name = if b.name.trim().is_empty() { b.brand_id.to_string() } else { b.name.clone() };
        (b.brand_id, name)
    });
    push_values(&mut out.values, cid, pid, brands);
}
