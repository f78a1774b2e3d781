//! WeChat shop (视频号小店 / 微信小店) categories: the three-level tree
//! (`channels.ec.category.all`, or the custom trade component's `shop.cat.get`) and each leaf's
//! detail (`channels.ec.category.detail`: typed attributes, floor price, brand limit, product
//! qualifications), as the snapshot's categories, properties, values and rules.
//!
//! Shop attributes and their options have names but no ids; properties and values get ids
//! derived from their names (see [`name_id`]), so they stay the same from one answer to the
//! next and listings may refer to them by name.

use serde::Deserialize;
use shelfcheck_core::snapshot::{
    Bound, Category, Constraints, InputMode, PriceBounds, PropValue, Property, Qualification, Status, ValueType,
};
use shelfcheck_fetch::{units_longest_first, LeftOut};

use crate::lenient;

/// Method names used in recordings.
pub const SHOP_ALL_METHOD: &str = "channels.ec.category.all";
pub const SHOP_DETAIL_METHOD: &str = "channels.ec.category.detail";
pub const SHOP_CAT_METHOD: &str = "shop.cat.get";

/// The name of the property a brand-limited category's brands are listed under.
pub const BRAND_PROPERTY: &str = "品牌";

/// A stable id for a name: FNV-1a over its UTF-8 bytes, kept to 53 bits (exact in JavaScript)
/// and never 0 (which means "none" for a parent).
pub fn name_id(name: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h >> 11) as i64).max(1)
}

/// The id of a value: its property's name and its own, so that equal option names under
/// different attributes differ.
fn value_id(property: &str, value: &str) -> i64 {
    name_id(&format!("{property}\u{1f}{value}"))
}

/// `cat` of `channels.ec.category.all`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopCat {
    #[serde(deserialize_with = "lenient::id")]
    pub cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub f_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::id")]
    pub level: i64,
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub leaf: Option<bool>,
}

/// A product qualification of a category.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProductQua {
    #[serde(default, deserialize_with = "lenient::text")]
    pub qua_id: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub tips: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatAndQua {
    pub cat: ShopCat,
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_qua_list: Vec<ProductQua>,
}

/// One chain, leaf first, up to the first level.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatChain {
    #[serde(default, deserialize_with = "lenient::list")]
    pub cat_and_qua: Vec<CatAndQua>,
}

/// `channels.ec.category.all`: the old tree (`cats`) and the current one (`cats_v2`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ShopAll {
    #[serde(default, deserialize_with = "lenient::list")]
    pub cats: Vec<CatChain>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub cats_v2: Vec<CatChain>,
}

/// One attribute of `product_attr_list` / `sale_attr_list`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopAttr {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, rename = "type", deserialize_with = "lenient::text")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub type_v2: String,
    /// The options (`;`-separated) of a select, the units of a `*_unit` number.
    #[serde(default, deserialize_with = "lenient::text")]
    pub value: String,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_required: bool,
    #[serde(default, deserialize_with = "lenient::text")]
    pub hint: String,
    #[serde(default, deserialize_with = "lenient::opt_flag")]
    pub append_allowed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Brand {
    #[serde(deserialize_with = "lenient::id")]
    pub brand_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
}

/// `attr` of the detail.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct DetailAttr {
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_attr_list: Vec<ShopAttr>,
    #[serde(default, deserialize_with = "lenient::list")]
    pub sale_attr_list: Vec<ShopAttr>,
    #[serde(default, deserialize_with = "lenient::flag")]
    pub is_limit_brand: bool,
    #[serde(default, deserialize_with = "lenient::list")]
    pub brand_list: Vec<Brand>,
    /// Lowest sale price, in fen.
    #[serde(default, deserialize_with = "lenient::id")]
    pub floor_price: i64,
    /// The flags and amounts kept as the category's features.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DetailInfo {
    #[serde(deserialize_with = "lenient::id")]
    pub cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
}

/// `channels.ec.category.detail`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ShopDetail {
    pub info: DetailInfo,
    #[serde(default)]
    pub attr: DetailAttr,
    #[serde(default, deserialize_with = "lenient::list")]
    pub product_qua_list: Vec<ProductQua>,
}

/// One entry of `shop.cat.get`'s `third_cat_list`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ThirdCat {
    #[serde(deserialize_with = "lenient::id")]
    pub third_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub third_cat_name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub qualification: String,
    /// 0 none, 1 required, 2 optional.
    #[serde(default, deserialize_with = "lenient::id")]
    pub qualification_type: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub product_qualification: String,
    #[serde(default, deserialize_with = "lenient::id")]
    pub product_qualification_type: i64,
    #[serde(deserialize_with = "lenient::id")]
    pub first_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub first_cat_name: String,
    #[serde(deserialize_with = "lenient::id")]
    pub second_cat_id: i64,
    #[serde(default, deserialize_with = "lenient::text")]
    pub second_cat_name: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ShopCatList {
    #[serde(default, deserialize_with = "lenient::list")]
    pub third_cat_list: Vec<ThirdCat>,
}

/// Mandatory product qualifications, one proof each.
fn qualifications(list: &[ProductQua]) -> Vec<Qualification> {
    list.iter()
        .filter(|q| q.mandatory && !q.name.trim().is_empty())
        .map(|q| Qualification {
            alternatives: vec![q.name.clone()],
            remark: (!q.tips.is_empty()).then(|| q.tips.clone()),
        })
        .collect()
}

/// The categories of one chain of `channels.ec.category.all`. Shop categories have exactly
/// three levels: a chain whose levels are not 3, 2, 1 from the leaf up, each the parent of the
/// one before, is refused with the category named.
pub fn chain_categories(chain: &CatChain) -> Result<Vec<Category>, String> {
    let mut out = Vec::new();
    for (i, entry) in chain.cat_and_qua.iter().enumerate() {
        let c = &entry.cat;
        let expected = 3 - i as i64;
        let parent_ok = match chain.cat_and_qua.get(i + 1) {
            Some(up) => c.f_cat_id == up.cat.cat_id,
            None => c.f_cat_id == 0,
        };
        if c.level != expected || !parent_ok || c.leaf.is_some_and(|leaf| leaf != (expected == 3)) {
            return Err(format!(
                "category {} ({}) is at level {} under {}, but WeChat shop categories have exactly three levels, listed from the leaf up",
                c.name, c.cat_id, c.level, c.f_cat_id
            ));
        }
        let mut cat = Category::new(c.cat_id, Some(c.f_cat_id), c.name.clone(), expected == 3);
        cat.qualifications = qualifications(&entry.product_qua_list);
        out.push(cat);
    }
    if out.len() != 3 {
        return Err(format!("a category chain has {} levels; WeChat shop categories have exactly three", out.len()));
    }
    Ok(out)
}

/// The three categories of one `shop.cat.get` entry; the required category and product
/// qualifications (type 1) are the leaf's proofs.
pub fn third_cat_categories(t: &ThirdCat) -> [Category; 3] {
    let first = Category::new(t.first_cat_id, None, t.first_cat_name.clone(), false);
    let second = Category::new(t.second_cat_id, Some(t.first_cat_id), t.second_cat_name.clone(), false);
    let mut third = Category::new(t.third_cat_id, Some(t.second_cat_id), t.third_cat_name.clone(), true);
    for (text, kind) in
        [(&t.qualification, t.qualification_type), (&t.product_qualification, t.product_qualification_type)]
    {
        if kind == 1 && !text.trim().is_empty() {
            third.qualifications.push(Qualification { alternatives: vec![text.clone()], remark: None });
        }
    }
    [first, second, third]
}

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
            name_en: None,
            key: false,
            sale,
            color: false,
            item: false,
            must: a.is_required,
            multi: multi || sale,
            input,
            status: Status::Normal,
            sort_order: order as i64,
            parent_pid: None,
            parent_vid: None,
            allow_alias: false,
            max_length: None,
            constraints: (constraints != Constraints::default()).then(|| Box::new(constraints)),
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
        name_en: None,
        key: true,
        sale: false,
        color: false,
        item: false,
        must: false,
        multi: false,
        input: InputMode::Enum,
        status: Status::Normal,
        sort_order: out.properties.len() as i64,
        parent_pid: None,
        parent_vid: None,
        allow_alias: false,
        max_length: None,
        constraints: Some(Box::new(constraints)),
    });
    // Brands are known by id; the name, where the answer gives one, is what sellers see.
    let brands = d.attr.brand_list.iter().map(|b| {
        let name = if b.name.trim().is_empty() { b.brand_id.to_string() } else { b.name.clone() };
        (b.brand_id, name)
    });
    push_values(&mut out.values, cid, pid, brands);
}
