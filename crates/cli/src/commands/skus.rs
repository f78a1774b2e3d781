//! `shelfcheck skus`: every SKU combination of the chosen sale values, as the core's matrix
//! helper builds it (dependency-aware, bounded by the SKU limit).

use super::load_catalog;
use crate::args::{SimpleFormat, SkusArgs};
use crate::style::{paint, Style};
use crate::terminal::safe;
use crate::text::{error_prefix, tr};
use crate::{Env, Outcome};
use serde::Serialize;
use shelfcheck_core::catalog::{CompiledCategory, CompiledProperty};
use shelfcheck_core::forms::matrix::{SkuCombination, SkuSelection};
use shelfcheck_core::input::normalize::normalize;
use shelfcheck_core::report::Pair;
use shelfcheck_core::{Id, Locale, MatrixError};
use std::collections::HashSet;
use std::io;

/// A `--select` argument that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectError {
    /// Only leaf categories have SKUs; a parent's properties are not those of its leaves.
    NotLeaf { category_id: Id, name: String },
    /// Not `PROPERTY:VALUE,VALUE`.
    Syntax { arg: String },
    /// No sale property of the category has that name.
    UnknownProperty { name: String },
    /// Several sale properties share the name (dependent properties do).
    AmbiguousProperty { name: String, pids: Vec<Id> },
    /// No value of the property has that name or alias.
    UnknownValue { prop: String, value: String },
}

impl SelectError {
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match self {
            SelectError::NotLeaf { category_id, name } => {
                if zh {
                    format!("类目 `{name}` ({category_id}) 不是叶子类目, 只有叶子类目才有 SKU")
                } else {
                    format!("category `{name}` ({category_id}) is not a leaf category; only leaf categories have SKUs")
                }
            }
            SelectError::Syntax { arg } => {
                if zh {
                    format!("无法理解 `--select {arg}`: 应为 `属性:值,值`, 如 `1627207:28321,28320` 或 `尺码:M,L`")
                } else {
                    format!("cannot read `--select {arg}`: expected `PROPERTY:VALUE,VALUE`, e.g. `1627207:28321,28320` or `尺码:M,L`")
                }
            }
            SelectError::UnknownProperty { name } => {
                if zh {
                    format!("该类目没有名为 `{name}` 的销售属性")
                } else {
                    format!("the category has no sale property named `{name}`")
                }
            }
            SelectError::AmbiguousProperty { name, pids } => {
                let ids = pids.iter().map(Id::to_string).collect::<Vec<_>>().join(", ");
                if zh {
                    format!("有多个销售属性名为 `{name}` ({ids}), 请改用属性 id")
                } else {
                    format!("several sale properties are named `{name}` ({ids}); use the property id")
                }
            }
            SelectError::UnknownValue { prop, value } => {
                if zh {
                    format!("销售属性 `{prop}` 没有名为 `{value}` 的值")
                } else {
                    format!("sale property `{prop}` has no value named `{value}`")
                }
            }
        }
    }
}

/// Parses `--select` arguments against a category: ids as they are, names resolved to ids.
/// Unknown ids are left for the matrix helper, which names them precisely. A value chosen
/// twice (`28321,28321`, or by id and by name, or in two `--select` of one property) counts
/// once, so no combination is listed twice. A name the property does not list is a value of
/// the seller's own where the property takes those (`颜色分类:白色,雾霾蓝`): a negative id
/// named by that text, as a listing gives it.
pub fn parse_selection(cat: &CompiledCategory, args: &[String]) -> Result<Vec<SkuSelection>, SelectError> {
    if !cat.category.leaf {
        return Err(SelectError::NotLeaf { category_id: cat.category.id, name: cat.category.name.clone() });
    }
    let mut out: Vec<SkuSelection> = Vec::with_capacity(args.len());
    let mut chosen: HashSet<(Id, Id)> = HashSet::new();
    for arg in args {
        let syntax = || SelectError::Syntax { arg: arg.clone() };
        let (p, vs) = arg.split_once(':').ok_or_else(syntax)?;
        let values: Vec<&str> = vs.split(',').map(str::trim).filter(|v| !v.is_empty()).collect();
        if p.trim().is_empty() || values.is_empty() {
            return Err(syntax());
        }
        let prop = match p.trim().parse::<Id>() {
            Ok(pid) => cat.property(pid),
            Err(_) => Some(property_named(cat, p.trim())?),
        };
        let pid = match (prop, p.trim().parse::<Id>()) {
            (_, Ok(pid)) => pid,
            (Some(prop), Err(_)) => prop.property.pid,
            (None, Err(_)) => return Err(SelectError::UnknownProperty { name: p.trim().to_owned() }),
        };
        let at = match out.iter().position(|s| s.pid == pid) {
            Some(i) => i,
            None => {
                out.push(SkuSelection { pid, vids: Vec::with_capacity(values.len()), ..SkuSelection::default() });
                out.len() - 1
            }
        };
        for v in values {
            let vid = match (v.parse::<Id>(), prop) {
                (Ok(vid), _) => vid,
                (Err(_), Some(prop)) => match value_named(prop, v) {
                    Ok(vid) => vid,
                    Err(_) if prop.property.sale && cat.accepts_custom(prop) => own_value(&mut out[at], v),
                    Err(e) => return Err(e),
                },
                (Err(_), None) => return Err(SelectError::UnknownValue { prop: pid.to_string(), value: v.to_owned() }),
            };
            if chosen.insert((pid, vid)) {
                out[at].vids.push(vid);
            }
        }
    }
    Ok(out)
}

/// The id of the seller's own value `text` in `selection`: the one it already has, else the
/// next negative id, named by `text`.
fn own_value(selection: &mut SkuSelection, text: &str) -> Id {
    let key = normalize(text);
    if let Some(vid) =
        selection.aliases.iter().find(|(_, t)| normalize(t) == key).and_then(|(vid, _)| vid.parse::<Id>().ok())
    {
        return vid;
    }
    let vid = -1 - selection.aliases.len() as Id;
    selection.aliases.insert(vid.to_string(), text.to_owned());
    vid
}

fn property_named<'a>(cat: &'a CompiledCategory, name: &str) -> Result<&'a CompiledProperty, SelectError> {
    let key = normalize(name);
    let found: Vec<&CompiledProperty> = cat.sale_properties().filter(|p| normalize(&p.property.name) == key).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(SelectError::UnknownProperty { name: name.to_owned() }),
        many => Err(SelectError::AmbiguousProperty {
            name: name.to_owned(),
            pids: many.iter().map(|p| p.property.pid).collect(),
        }),
    }
}

fn value_named(prop: &CompiledProperty, name: &str) -> Result<Id, SelectError> {
    let key = normalize(name);
    let by_name = prop.values.iter().find(|v| normalize(&v.name) == key);
    let by_alias = || prop.values.iter().find(|v| v.alias.as_deref().is_some_and(|a| normalize(a) == key));
    by_name
        .or_else(by_alias)
        .map(|v| v.vid)
        .ok_or_else(|| SelectError::UnknownValue { prop: prop.property.name.clone(), value: name.to_owned() })
}

/// One combination as printed by `--format json`.
#[derive(Debug, Serialize)]
pub struct Combination {
    /// Taobao-native `pid:vid;pid:vid`, ready for a SKU's `properties`.
    pub properties: String,
    pub names: Vec<String>,
    pub pairs: Vec<Pair>,
}

/// A combination with each value named after its property (`颜色分类:雾霾蓝`); the value names
/// are the matrix's (a value of the seller's own by its text).
fn describe(cat: &CompiledCategory, combo: SkuCombination) -> Combination {
    let names = combo
        .props
        .iter()
        .zip(combo.names)
        .map(|(p, value)| match cat.property(p.pid) {
            Some(c) => format!("{}:{value}", c.property.name),
            None => value,
        })
        .collect();
    let properties = combo.props.iter().map(|p| format!("{}:{}", p.pid, p.vid)).collect::<Vec<_>>().join(";");
    Combination { properties, names, pairs: combo.props }
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    error: &'a MatrixError,
    message: String,
}

pub fn run(args: &SkusArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let catalog = match load_catalog(args.snapshot.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            e.write(env)?;
            return Ok(Outcome::Unusable);
        }
    };
    let selection = match catalog.category(args.category) {
        Some(cat) => match parse_selection(cat, &args.selections) {
            Ok(s) => s,
            Err(e) => {
                writeln!(env.err, "{}{}", error_prefix(env.locale), safe(&e.message(env.locale)))?;
                return Ok(Outcome::Unusable);
            }
        },
        // The matrix helper reports the unknown category.
        None => Vec::new(),
    };
    let matrix = catalog.sku_rows(args.category, &selection);
    let combos = match (matrix, args.format) {
        (Ok(m), _) => m,
        (Err(e), SimpleFormat::Json) => {
            let out = ErrorOut { error: &e, message: e.message(env.locale) };
            serde_json::to_writer(&mut *env.out, &out).map_err(io::Error::from)?;
            writeln!(env.out)?;
            return Ok(Outcome::Unusable);
        }
        (Err(e), SimpleFormat::Human) => {
            writeln!(env.err, "{}{}", error_prefix(env.locale), safe(&e.message(env.locale)))?;
            return Ok(Outcome::Unusable);
        }
    };
    // The category exists: the matrix helper checked it.
    let Some(cat) = catalog.category(args.category) else { return Ok(Outcome::Unusable) };
    let described: Vec<Combination> = combos.into_iter().map(|c| describe(cat, c)).collect();
    match args.format {
        SimpleFormat::Json => {
            let out = serde_json::json!({
                "category_id": args.category,
                "count": described.len(),
                "combinations": described,
            });
            serde_json::to_writer(&mut *env.out, &out).map_err(io::Error::from)?;
            writeln!(env.out)?;
        }
        SimpleFormat::Human => {
            let name = safe(&cat.category.name);
            let head = match env.locale {
                Locale::ZhCn => format!("类目 `{name}` ({}): {} 个 SKU 组合", args.category, described.len()),
                Locale::En => format!("category `{name}` ({}): {} SKU combination(s)", args.category, described.len()),
            };
            writeln!(env.out, "{}", paint(env.color, Style::Bold, &head))?;
            let width = described.len().to_string().len();
            for (i, c) in described.iter().enumerate() {
                writeln!(
                    env.out,
                    "  {:>width$}. {}  {}",
                    i + 1,
                    safe(&c.names.join(" / ")),
                    paint(env.color, Style::Dim, &c.properties)
                )?;
            }
            if described.is_empty() {
                writeln!(env.out, "  {}", tr(env.locale, "(无)", "(none)"))?;
            }
        }
    }
    Ok(Outcome::Valid)
}
