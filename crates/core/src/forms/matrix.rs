//! The SKU matrix: every combination of the chosen sale values, dependency-aware.
//!
//! A sale property that depends on a value of another sale property (地市 under 省份) joins
//! only the combinations holding that value. The number of combinations is checked after each
//! property, so a selection that would explode is refused after at most `max` steps of work.

use crate::catalog::{Catalog, CompiledCategory, CompiledProperty};
use crate::model::ids::Id;
use crate::report::Pair;
use crate::validate::options::Locale;
use serde::Serialize;

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
            if let Some(&vid) = vids.iter().find(|&&v| v >= 0 && prop.value(v).is_none()) {
                let (prop, prop_en) = (prop.property.name.clone(), prop.property.name_en.clone());
                return Err(MatrixError::UnknownValue { pid: *pid, prop, prop_en, vid });
            }
            ordered.push((pi, vids.clone()));
        }
        let rank = |pi: u32| cat.sale.iter().position(|&s| s == pi).unwrap_or(usize::MAX);
        ordered.sort_by_key(|(pi, _)| rank(*pi));
        build(cat, &ordered, self.limits.max_skus, |prop, combo| match prop.property.parent() {
            None => true,
            Some((ppid, pvid)) => combo.iter().any(|p| p.pid == ppid && p.vid == pvid),
        })
    }
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
