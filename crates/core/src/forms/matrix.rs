//! The SKU matrix: every combination of the chosen sale values, dependency-aware.
//!
//! A sale property that depends on a value of another sale property (地市 under 省份) joins
//! only the combinations holding that value. The number of combinations is checked after each
//! property, so a selection that would explode is refused after at most `max` steps of work.
//!
//! Values of the seller's own (Taobao `input_custom_cpv`) take part like listed ones where the
//! property accepts them: a negative value id, named by its text in `aliases`, exactly as a
//! listing's `props` entry gives them, so a form can pass the same entry to both.

use crate::catalog::{Catalog, CompiledCategory, CompiledProperty};
use crate::model::ids::Id;
use crate::report::Pair;
use crate::validate::options::Locale;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a matrix cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatrixError {
    #[error("category `{category_id}` does not exist")]
    /// The category is not in the snapshot.
    CategoryNotFound {
        /// The category id asked for.
        category_id: Id,
    },
    #[error("{} is not a sale property of the category", quoted_or(prop_en.as_deref().unwrap_or(prop), "the property"))]
    /// The property is not a sale property of the category.
    NotSaleProperty {
        /// The property.
        pid: Id,
        /// Its name; empty when the category has no such property.
        prop: String,
        /// Its English name, where the snapshot has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        prop_en: Option<String>,
    },
    #[error("a value chosen is not one of the values of sale property `{}`", prop_en.as_deref().unwrap_or(prop))]
    /// The value is not one of the sale property's values.
    UnknownValue {
        /// The property.
        pid: Id,
        /// The property's name.
        prop: String,
        /// Its English name, where the snapshot has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        prop_en: Option<String>,
        /// The value.
        vid: Id,
    },
    #[error("sale property `{}` takes only its listed values, not values of your own", prop_en.as_deref().unwrap_or(prop))]
    /// A value of the seller's own (a negative id) on a property that takes listed values only.
    CustomValueNotAllowed {
        /// The property.
        pid: Id,
        /// The property's name.
        prop: String,
        /// Its English name, where the snapshot has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        prop_en: Option<String>,
        /// The value.
        vid: Id,
    },
    #[error("a value of your own for sale property `{}` has no name", prop_en.as_deref().unwrap_or(prop))]
    /// A value of the seller's own without its text: a SKU row would have no name to show.
    CustomValueUnnamed {
        /// The property.
        pid: Id,
        /// The property's name.
        prop: String,
        /// Its English name, where the snapshot has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        prop_en: Option<String>,
        /// The value.
        vid: Id,
    },
    #[error("the selection gives more than {max} combinations (at least {count})")]
    /// The selection spans more combinations than the platform allows SKUs.
    TooMany {
        /// How many combinations were counted before giving up.
        count: usize,
        /// The platform's SKU limit.
        max: u32,
    },
}

/// A name in backticks, or the words for "it" when the snapshot has no name: messages name
/// things, never ids (those stay in the fields).
fn quoted_or(name: &str, otherwise: &str) -> String {
    if name.is_empty() {
        otherwise.to_owned()
    } else {
        format!("`{name}`")
    }
}

/// [`quoted_or`] as the subject of a Chinese sentence: a quoted name is followed by a space.
fn zh_subject(name: &str, otherwise: &str) -> String {
    if name.is_empty() {
        otherwise.to_owned()
    } else {
        format!("`{name}` ")
    }
}

impl MatrixError {
    /// The error in the given locale.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (_, Locale::En) => self.to_string(),
            (MatrixError::CategoryNotFound { category_id }, Locale::ZhCn) => format!("类目 `{category_id}` 不存在"),
            (MatrixError::NotSaleProperty { prop, .. }, Locale::ZhCn) => {
                format!("{}不是该类目的销售属性", zh_subject(prop, "所选属性"))
            }
            (MatrixError::UnknownValue { prop, .. }, Locale::ZhCn) => format!("所选的值不是销售属性 `{prop}` 的可选值"),
            (MatrixError::CustomValueNotAllowed { prop, .. }, Locale::ZhCn) => {
                format!("销售属性 `{prop}` 只能选择列出的值, 不能自定义")
            }
            (MatrixError::CustomValueUnnamed { prop, .. }, Locale::ZhCn) => {
                format!("销售属性 `{prop}` 有一个自定义值没有填写名称")
            }
            (MatrixError::TooMany { count, max }, Locale::ZhCn) => {
                format!("所选值的组合超过 {max} 个 (至少 {count} 个)")
            }
        }
    }
}

/// Builds combinations over `selection` (category property index, chosen vids), which must be
/// in the category's sale order (parents first); each combination's pairs come in that order.
/// `applies` decides whether a property joins a partial combination.
pub(crate) fn build(
    cat: &CompiledCategory,
    selection: &[(u32, Vec<Id>)],
    max: u32,
    applies: impl Fn(&CompiledProperty, &[Pair]) -> bool,
) -> Result<Vec<Vec<Pair>>, MatrixError> {
    let mut combos: Vec<Vec<Pair>> = vec![Vec::new()];
    for (pi, vids) in selection {
        let prop = &cat.props[*pi as usize];
        if vids.is_empty() {
            continue;
        }
        let mut next = Vec::with_capacity(combos.len() * vids.len());
        for combo in combos {
            if applies(prop, &combo) {
                for &vid in vids {
                    if next.len() >= max as usize {
                        return Err(MatrixError::TooMany { count: next.len() + 1, max });
                    }
                    let mut c = combo.clone();
                    c.push(Pair { pid: prop.property.pid, vid });
                    next.push(c);
                }
            } else {
                next.push(combo);
            }
        }
        combos = next;
    }
    // Each combination keeps its pairs in the selection's order, the category's sale order
    // (colour before size, as the platform lists them), which is how sellers read a SKU.
    combos.retain(|c| !c.is_empty());
    Ok(combos)
}

impl Catalog {
    /// Every SKU combination of the chosen sale values (`pid` → chosen `vid`s) of a category,
    /// dependency-aware and bounded by the platform's SKU limit. The pairs of a combination
    /// come in the category's order of sale properties (parents first, then as the platform
    /// sorts them), whatever the order of `selection`.
    pub fn sku_matrix(&self, category_id: Id, selection: &[(Id, Vec<Id>)]) -> Result<Vec<Vec<Pair>>, MatrixError> {
        let cat = self.category(category_id).ok_or(MatrixError::CategoryNotFound { category_id })?;
        let mut ordered: Vec<(u32, Vec<Id>)> = Vec::with_capacity(selection.len());
        for (pid, vids) in selection {
            let not_sale = || MatrixError::NotSaleProperty {
                pid: *pid,
                prop: cat.property(*pid).map(|p| p.property.name.clone()).unwrap_or_default(),
                prop_en: cat.property(*pid).and_then(|p| p.property.name_en.clone()),
            };
            let pi = cat.prop_index(*pid).filter(|&i| cat.props[i as usize].property.sale).ok_or_else(not_sale)?;
            let prop = &cat.props[pi as usize];
            let names = || (prop.property.name.clone(), prop.property.name_en.clone());
            if let Some(&vid) = vids.iter().find(|&&v| v >= 0 && prop.value(v).is_none()) {
                let (prop, prop_en) = names();
                return Err(MatrixError::UnknownValue { pid: *pid, prop, prop_en, vid });
            }
            // The same rule as a listing's `props` and SKUs: a value of the seller's own only
            // where the property (or its category) accepts them.
            if let Some(&vid) = vids.iter().find(|&&v| v < 0).filter(|_| !cat.accepts_custom(prop)) {
                let (prop, prop_en) = names();
                return Err(MatrixError::CustomValueNotAllowed { pid: *pid, prop, prop_en, vid });
            }
            ordered.push((pi, vids.clone()));
        }
        ordered.sort_by_key(|(pi, _)| cat.sale_rank(*pi));
        build(cat, &ordered, self.limits.max_skus, |prop, combo| match prop.property.parent() {
            None => true,
            Some((ppid, pvid)) => combo.iter().any(|p| p.pid == ppid && p.vid == pvid),
        })
    }

    /// [`Catalog::sku_matrix`] with each combination's value names, for a SKU table: a listed
    /// value by its name, a value of the seller's own by its text (the same in every locale,
    /// as the seller typed it). Each of those must have a text that is not blank.
    pub fn sku_rows(&self, category_id: Id, selection: &[SkuSelection]) -> Result<Vec<SkuCombination>, MatrixError> {
        let cat = self.category(category_id).ok_or(MatrixError::CategoryNotFound { category_id })?;
        for s in selection {
            let unnamed = s.vids.iter().find(|&&v| v < 0 && s.custom_text(v).is_none());
            // (A property that is not a sale one, or takes no own values, is named by the
            // matrix's own errors: those come first.)
            if let (Some(&vid), Some(prop)) = (unnamed, cat.property(s.pid)) {
                if prop.property.sale && cat.accepts_custom(prop) {
                    let (prop, prop_en) = (prop.property.name.clone(), prop.property.name_en.clone());
                    return Err(MatrixError::CustomValueUnnamed { pid: s.pid, prop, prop_en, vid });
                }
            }
        }
        let ids: Vec<(Id, Vec<Id>)> = selection.iter().map(|s| (s.pid, s.vids.clone())).collect();
        let combos = self.sku_matrix(category_id, &ids)?;
        let name = |p: &Pair| match cat.property(p.pid).and_then(|prop| prop.value(p.vid)) {
            Some(v) => v.name.clone(),
            None => selection
                .iter()
                .filter(|s| s.pid == p.pid)
                .find_map(|s| s.custom_text(p.vid))
                .map_or_else(|| p.vid.to_string(), str::to_owned),
        };
        Ok(combos.into_iter().map(|props| SkuCombination { names: props.iter().map(name).collect(), props }).collect())
    }
}

/// The chosen values of one sale property, as a listing's `props` entry gives them: value
/// ids, negative for values of the seller's own (Taobao `input_custom_cpv`), whose text is in
/// `aliases` keyed by the id, e.g. `{"pid": 1627207, "vids": [28321, -1], "aliases": {"-1":
/// "雾霾蓝"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SkuSelection {
    /// The sale property.
    #[serde(deserialize_with = "crate::model::ids::deserialize")]
    pub pid: Id,
    /// The chosen value ids; negative ids are the seller's own values.
    #[serde(deserialize_with = "crate::model::ids::deserialize_vec")]
    pub vids: Vec<Id>,
    /// The text of each value of the seller's own, keyed by its id (`"-1"`); other entries
    /// (aliases of listed values) do not change a SKU row's names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aliases: BTreeMap<String, String>,
}

impl SkuSelection {
    /// The text of the seller's own value `vid`, trimmed; `None` when it is missing or blank.
    fn custom_text(&self, vid: Id) -> Option<&str> {
        self.aliases.get(&vid.to_string()).map(|t| t.trim()).filter(|t| !t.is_empty())
    }
}

/// One SKU combination with its value names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SkuCombination {
    /// The SKU's `props`, in the category's order of sale properties, ready for a listing.
    pub props: Vec<Pair>,
    /// Value names, one per entry of `props`.
    pub names: Vec<String>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::validate::rules::testkit::demo;

    #[test]
    fn full_product_of_two_properties() {
        let c = demo();
        let m = c.sku_matrix(50010850, &[(20509, vec![28383, 28384]), (1627207, vec![28321, 28320, 28341])]).unwrap();
        assert_eq!(m.len(), 6);
        // Colour before size, as the category lists them, not by property id.
        assert_eq!(m[0], vec![Pair { pid: 1627207, vid: 28321 }, Pair { pid: 20509, vid: 28383 }]);
        assert_eq!(m[1], vec![Pair { pid: 1627207, vid: 28321 }, Pair { pid: 20509, vid: 28384 }]);
    }

    fn own(pid: Id, vids: Vec<Id>, aliases: &[(&str, &str)]) -> SkuSelection {
        let aliases = aliases.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        SkuSelection { pid, vids, aliases }
    }

    #[test]
    fn values_of_the_sellers_own_become_rows_named_by_their_text() {
        let c = demo();
        let selection = [
            own(20509, vec![28383, -2], &[("-2", " 加大码 ")]),
            own(1627207, vec![28321, -1], &[("-1", "雾霾蓝"), ("28321", "米白")]),
        ];
        let rows = c.sku_rows(50010850, &selection).unwrap();
        let names: Vec<String> = rows.iter().map(|r| r.names.join(" / ")).collect();
        // Colour before size; a listed value by its name (its alias is a listing matter), an
        // own value by its text, trimmed.
        assert_eq!(names, ["乳白色 / M", "乳白色 / 加大码", "雾霾蓝 / M", "雾霾蓝 / 加大码"]);
        assert_eq!(rows[3].props, vec![Pair { pid: 1627207, vid: -1 }, Pair { pid: 20509, vid: -2 }]);
        // The same rows as the ids alone give.
        let ids = c.sku_matrix(50010850, &[(20509, vec![28383, -2]), (1627207, vec![28321, -1])]).unwrap();
        assert_eq!(rows.iter().map(|r| r.props.clone()).collect::<Vec<_>>(), ids);
    }

    #[test]
    fn values_of_the_sellers_own_need_a_text_and_a_property_that_takes_them() {
        let c = demo();
        for text in [None, Some(""), Some("  ")] {
            let aliases: Vec<(&str, &str)> = text.map(|t| ("-1", t)).into_iter().collect();
            let err = c.sku_rows(50010850, &[own(1627207, vec![28321, -1], &aliases)]).unwrap_err();
            let prop_en = Some("Colour".to_owned());
            assert_eq!(
                err,
                MatrixError::CustomValueUnnamed { pid: 1627207, prop: "颜色分类".into(), prop_en, vid: -1 }
            );
            assert_eq!(err.message(Locale::ZhCn), "销售属性 `颜色分类` 有一个自定义值没有填写名称");
            assert_eq!(err.message(Locale::En), "a value of your own for sale property `Colour` has no name");
        }
        // Where the category does not take own sale values, an enum-only size refuses them
        // (as a listing's `props` and SKUs do), while the colour, which takes typed input,
        // still accepts them.
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        let tshirt = s["categories"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == 50010850).unwrap();
        tshirt["custom_sale_props"] = serde_json::json!(false);
        let closed = Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let err = closed.sku_rows(50010850, &[own(20509, vec![28383, -2], &[("-2", "加大码")])]).unwrap_err();
        let prop_en = Some("Size".to_owned());
        assert_eq!(err, MatrixError::CustomValueNotAllowed { pid: 20509, prop: "尺码".into(), prop_en, vid: -2 });
        assert_eq!(err.message(Locale::ZhCn), "销售属性 `尺码` 只能选择列出的值, 不能自定义");
        assert_eq!(
            err.message(Locale::En),
            "sale property `Size` takes only its listed values, not values of your own"
        );
        assert!(closed.sku_matrix(50010850, &[(20509, vec![-2])]).is_err());
        assert_eq!(closed.sku_rows(50010850, &[own(1627207, vec![-1], &[("-1", "雾霾蓝")])]).unwrap().len(), 1);
    }

    #[test]
    fn values_of_the_sellers_own_count_towards_the_sku_limit() {
        let c = demo();
        let texts: Vec<(String, String)> = (1..=150).map(|i| (format!("-{i}"), format!("色{i}"))).collect();
        let aliases: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let colours = own(1627207, (1..=150).map(|i| -i).collect(), &aliases);
        let four = own(20509, vec![28381, 28383, 28384, 28385], &[]);
        assert_eq!(c.sku_rows(50010850, &[colours.clone(), four]).unwrap().len(), 600);
        let five = own(20509, vec![28381, 28383, 28384, 28385, -9], &[("-9", "加大码")]);
        let err = c.sku_rows(50010850, &[colours, five]).unwrap_err();
        assert!(matches!(err, MatrixError::TooMany { max: 600, .. }), "{err:?}");
    }

    #[test]
    fn errors_name_what_is_wrong() {
        let c = demo();
        assert_eq!(c.sku_matrix(9, &[]), Err(MatrixError::CategoryNotFound { category_id: 9 }));
        let not_sale = c.sku_matrix(50010850, &[(20000, vec![3233])]).unwrap_err();
        let prop_en = Some("Brand".to_owned());
        assert_eq!(not_sale, MatrixError::NotSaleProperty { pid: 20000, prop: "品牌".into(), prop_en });
        // Named, never by id, in both locales.
        assert_eq!(not_sale.message(Locale::ZhCn), "`品牌` 不是该类目的销售属性");
        assert_eq!(not_sale.message(Locale::En), "`Brand` is not a sale property of the category");
        let unknown = c.sku_matrix(50010850, &[(20509, vec![1])]).unwrap_err();
        assert_eq!(
            unknown,
            MatrixError::UnknownValue { pid: 20509, prop: "尺码".into(), prop_en: Some("Size".into()), vid: 1 }
        );
        assert_eq!(unknown.message(Locale::ZhCn), "所选的值不是销售属性 `尺码` 的可选值");
        let many: Vec<i64> = (1..=200).map(|i| -i).collect();
        let err = c
            .sku_matrix(50010850, &[(1627207, many.clone()), (20509, vec![28381, 28383, 28384, 28385, 6145171])])
            .unwrap_err();
        assert!(matches!(err, MatrixError::TooMany { max: 600, .. }), "{err:?}");
        let err = c.sku_matrix(50010850, &[(1627207, (1..=700).map(|i| -i).collect())]).unwrap_err();
        assert!(err.message(Locale::ZhCn).contains("600"));
    }
}
