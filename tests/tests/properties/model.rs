//! Random categories, and listings generated valid from them.
//!
//! A category has a few plain properties (random flags and input modes, sometimes a deleted
//! value, sometimes one depending on a value of another) and one to three sale properties, the
//! first of them required and sometimes one depending on a value of the first. The listing gives
//! every required property that applies and some optional ones, by id or by name, and the full
//! (dependency-aware) SKU matrix of the chosen sale values, by id or by name, with valid prices
//! and quantities. [`Built`] remembers where everything went, so that a mutation knows the JSON
//! Pointer of what it breaks.

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use shelfcheck_core::model::snapshot::InputMode;

pub const CATEGORY: i64 = 50_000_001;
/// An id no generated property or value uses.
pub const UNKNOWN: i64 = 999_999_999;

#[derive(Debug, Clone)]
pub struct Prop {
    pub pid: i64,
    pub name: String,
    pub sale: bool,
    pub must: bool,
    pub multi: bool,
    pub input: InputMode,
    pub allow_alias: bool,
    /// Longest text accepted (the property's own limit or the platform's 60).
    pub max_length: u32,
    pub own_max_length: Option<u32>,
    /// Normal values.
    pub values: Vec<i64>,
    pub deleted: Option<i64>,
    pub parent: Option<(i64, i64)>,
}

impl Prop {
    pub fn value_name(vid: i64) -> String {
        format!("值{vid}")
    }
}

#[derive(Debug, Clone)]
pub struct Category {
    pub props: Vec<Prop>,
    pub custom_sale_props: bool,
}

#[derive(Debug, Clone)]
struct PropSpec {
    must: bool,
    multi: bool,
    input: InputMode,
    allow_alias: bool,
    values: usize,
    deleted: bool,
    max_length: Option<u32>,
}

fn plain_spec() -> impl Strategy<Value = PropSpec> {
    let input = prop_oneof![Just(InputMode::Enum), Just(InputMode::EnumOrText), Just(InputMode::Text)];
    (any::<bool>(), any::<bool>(), input, any::<bool>(), 2..=5usize, any::<bool>(), proptest::option::of(5..=20u32))
        .prop_map(|(must, multi, input, allow_alias, values, deleted, max_length)| PropSpec {
            must,
            multi,
            input,
            allow_alias,
            values,
            deleted,
            max_length,
        })
}

fn sale_spec() -> impl Strategy<Value = PropSpec> {
    let input = prop_oneof![Just(InputMode::Enum), Just(InputMode::EnumOrText)];
    (any::<bool>(), input, any::<bool>(), 1..=4usize, any::<bool>()).prop_map(
        |(must, input, allow_alias, values, deleted)| PropSpec {
            must,
            multi: true,
            input,
            allow_alias,
            values,
            deleted,
            max_length: None,
        },
    )
}

fn prop_from(spec: &PropSpec, pid: i64, name: String, sale: bool) -> Prop {
    let text = spec.input == InputMode::Text;
    Prop {
        pid,
        name,
        sale,
        must: spec.must,
        multi: spec.multi,
        input: spec.input,
        allow_alias: spec.allow_alias,
        max_length: spec.max_length.unwrap_or(60),
        own_max_length: spec.max_length,
        values: if text { Vec::new() } else { (0..spec.values as i64).map(|j| pid * 10 + j).collect() },
        deleted: (spec.deleted && !text).then_some(pid * 10 + 9),
        parent: None,
    }
}

pub fn category() -> impl Strategy<Value = Category> {
    let dependency = proptest::option::of(0..5usize);
    (vec(plain_spec(), 1..=4), vec(sale_spec(), 1..=3), dependency.clone(), dependency, any::<bool>()).prop_map(
        |(plain, mut sale, dependency, sale_dependency, custom_sale_props)| {
            // SKUs are then always needed: every mutation of a SKU has one to work on.
            sale[0].must = true;
            let mut props: Vec<Prop> = plain
                .iter()
                .enumerate()
                .map(|(i, s)| prop_from(s, 100_000 + i as i64, format!("属性{i}"), false))
                .collect();
            let n = props.len();
            if let (Some(k), true) = (dependency, n >= 2 && !props[0].values.is_empty()) {
                let parent = (props[0].pid, props[0].values[k % props[0].values.len()]);
                props[n - 1].parent = Some(parent);
            }
            let first_sale = props.len();
            props.extend(
                sale.iter().enumerate().map(|(i, s)| prop_from(s, 1_627_000 + i as i64, format!("销售属性{i}"), true)),
            );
            // A sale property that only SKUs with one value of the first sale property take
            // (地市 under one 省份), which makes the SKU matrix dependency-aware.
            let last = props.len() - 1;
            if let (Some(k), true) = (sale_dependency, last > first_sale) {
                let values = &props[first_sale].values;
                props[last].parent = Some((props[first_sale].pid, values[k % values.len()]));
            }
            Category { props, custom_sale_props }
        },
    )
}

impl Category {
    pub fn snapshot(&self) -> Value {
        let input = |m: InputMode| match m {
            InputMode::Enum => "enum",
            InputMode::EnumOrText => "enum_or_text",
            InputMode::Text => "text",
        };
        let mut properties = Vec::new();
        let mut values = Vec::new();
        for p in &self.props {
            let mut o = json!({"category_id": CATEGORY, "pid": p.pid, "name": p.name, "sale": p.sale, "must": p.must,
                               "multi": p.multi, "input": input(p.input), "allow_alias": p.allow_alias});
            if let Some(max) = p.own_max_length {
                o["max_length"] = json!(max);
            }
            if let Some((pp, pv)) = p.parent {
                o["parent_pid"] = json!(pp);
                o["parent_vid"] = json!(pv);
            }
            properties.push(o);
            for &vid in &p.values {
                values.push(json!({"category_id": CATEGORY, "pid": p.pid, "vid": vid, "name": Prop::value_name(vid)}));
            }
            if let Some(vid) = p.deleted {
                values.push(json!({"category_id": CATEGORY, "pid": p.pid, "vid": vid, "name": Prop::value_name(vid),
                                   "status": "deleted"}));
            }
        }
        // Aliases are held to the forbidden words (off by default), so that a mutation can put
        // one in.
        json!({"format": 1, "platform": "taobao", "limits": {"filter_alias_words": true},
               "categories": [{"id": 1, "name": "生成", "leaf": false},
                              {"id": CATEGORY, "parent_id": 1, "name": "生成类目", "leaf": true,
                               "custom_sale_props": self.custom_sale_props}],
               "properties": properties, "values": values})
    }

    pub fn prop(&self, pid: i64) -> Option<&Prop> {
        self.props.iter().find(|p| p.pid == pid)
    }
}

/// How one property appears in the listing.
#[derive(Debug, Clone)]
pub struct PropChoice {
    include: bool,
    mask: u8,
    by_name: bool,
    as_text: bool,
    alias: bool,
}

/// Everything random about a listing, given its category.
#[derive(Debug, Clone)]
pub struct Choices {
    props: Vec<PropChoice>,
    prices: Vec<(u32, Option<u8>, bool)>,
    quantities: Vec<(u32, bool)>,
    title_len: usize,
    reverse_pairs: bool,
    skus_by_name: bool,
}

pub fn choices(props: usize) -> impl Strategy<Value = Choices> {
    let prop = (any::<bool>(), any::<u8>(), any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(include, mask, by_name, as_text, alias)| PropChoice { include, mask, by_name, as_text, alias });
    (
        vec(prop, props),
        vec((1..100_000u32, proptest::option::of(0..100u8), any::<bool>()), 8),
        vec((0..100_000u32, any::<bool>()), 8),
        1..=30usize,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(props, prices, quantities, title_len, reverse_pairs, skus_by_name)| Choices {
            props,
            prices,
            quantities,
            title_len,
            reverse_pairs,
            skus_by_name,
        })
}

/// One listing property: which category property, and what was chosen.
#[derive(Debug, Clone)]
pub struct Entry {
    pub pid: i64,
    pub vids: Vec<i64>,
    pub text: Option<String>,
}

/// A generated listing and where its parts are.
#[derive(Debug, Clone)]
pub struct Built {
    pub listing: Value,
    /// In listing order: `entries[i]` is `/props/i`.
    pub entries: Vec<Entry>,
    /// Pairs of each SKU in listing order: `skus[j][k]` is `/skus/j/props/k`.
    pub skus: Vec<Vec<(i64, i64)>>,
}

impl Built {
    pub fn entry_of(&self, pid: i64) -> Option<usize> {
        self.entries.iter().position(|e| e.pid == pid)
    }

    pub fn has_value(&self, pid: i64, vid: i64) -> bool {
        self.entry_of(pid).is_some_and(|i| self.entries[i].vids.contains(&vid))
    }

    /// Listing properties whose category property depends on a value of `pid`.
    pub fn has_dependants(&self, cat: &Category, pid: i64) -> bool {
        self.entries.iter().any(|e| cat.prop(e.pid).is_some_and(|p| p.parent.is_some_and(|(pp, _)| pp == pid)))
    }
}

const TITLE: &[char] = &['纯', '棉', '短', '袖', 'T', '恤', '男', '款', ' ', '夏', '季', 'X', 'L'];

pub fn build(cat: &Category, ch: &Choices) -> Built {
    let mut entries: Vec<Entry> = Vec::new();
    let mut props_json = Vec::new();
    for (p, c) in cat.props.iter().zip(&ch.props) {
        let applies = p.parent.is_none_or(|(pp, pv)| entries.iter().any(|e| e.pid == pp && e.vids.contains(&pv)));
        if !applies || !(p.must || c.include) {
            continue;
        }
        let mut o = Map::new();
        if c.by_name {
            o.insert("name".into(), json!(p.name));
        } else {
            o.insert("pid".into(), json!(p.pid));
        }
        let mut entry = Entry { pid: p.pid, vids: Vec::new(), text: None };
        if p.input == InputMode::Text || (p.input == InputMode::EnumOrText && !p.sale && c.as_text) {
            let len = 1 + usize::from(c.mask) % p.max_length as usize;
            let text = "款".repeat(len);
            o.insert("text".into(), json!(text));
            entry.text = Some(text);
        } else {
            let mut vids: Vec<i64> =
                p.values.iter().enumerate().filter(|(j, _)| c.mask & (1 << j) != 0).map(|(_, &v)| v).collect();
            if vids.is_empty() {
                vids.push(p.values[usize::from(c.mask) % p.values.len()]);
            }
            if !p.multi {
                vids.truncate(1);
            }
            if c.by_name {
                o.insert("values".into(), json!(vids.iter().map(|&v| Prop::value_name(v)).collect::<Vec<_>>()));
            } else {
                o.insert("vids".into(), json!(vids));
            }
            if p.allow_alias && c.alias {
                o.insert("aliases".into(), json!({ vids[0].to_string(): format!("别名{}", vids[0] % 1000) }));
            }
            entry.vids = vids;
        }
        entries.push(entry);
        props_json.push(Value::Object(o));
    }
    // The full matrix over the sale properties the listing gives; a dependent one joins only
    // the combinations holding its parent value.
    let mut skus: Vec<Vec<(i64, i64)>> = vec![Vec::new()];
    for e in entries.iter() {
        let Some(p) = cat.prop(e.pid).filter(|p| p.sale) else { continue };
        let joins = |s: &[(i64, i64)]| p.parent.is_none_or(|parent| s.contains(&parent));
        skus = skus
            .iter()
            .flat_map(|s| match joins(s) {
                true => e.vids.iter().map(|&v| [s.as_slice(), &[(e.pid, v)]].concat()).collect(),
                false => vec![s.clone()],
            })
            .collect();
    }
    skus.retain(|s| !s.is_empty());
    if ch.reverse_pairs {
        skus.iter_mut().for_each(|s| s.reverse());
    }
    let skus_json: Vec<Value> = skus
        .iter()
        .enumerate()
        .map(|(j, pairs)| {
            let (int, cents, text) = ch.prices[j % ch.prices.len()];
            let price = match (cents, text) {
                (Some(c), _) => json!(format!("{int}.{c:02}")),
                (None, true) => json!(int.to_string()),
                (None, false) => json!(int),
            };
            let (q, qtext) = ch.quantities[j % ch.quantities.len()];
            let quantity = if qtext { json!(q.to_string()) } else { json!(q) };
            let props: Vec<Value> = pairs
                .iter()
                .map(|&(p, v)| match (ch.skus_by_name, cat.prop(p)) {
                    (true, Some(prop)) => json!({"name": prop.name, "value": Prop::value_name(v)}),
                    _ => json!({"pid": p, "vid": v}),
                })
                .collect();
            json!({"props": props, "price": price, "quantity": quantity})
        })
        .collect();
    let title: String = std::iter::once('恤').chain((1..ch.title_len).map(|i| TITLE[i % TITLE.len()])).collect();
    let mut listing = json!({"category_id": CATEGORY, "title": title, "props": props_json});
    if !skus_json.is_empty() {
        listing["skus"] = json!(skus_json);
    }
    Built { listing, entries, skus }
}
