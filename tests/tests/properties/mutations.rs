//! Single mutations of a valid listing, each with the exact report it must produce.
//!
//! A mutation picks its target with `pick` among the parts it can break without breaking
//! anything else (for example, a required property no other chosen property depends on), and
//! says which issues follow: its own error, and nothing more for the combination a broken SKU
//! was meant for (the SKU's error says it), unless the SKU names a property twice and so fits
//! no combination: then the one `SKU_COMBINATION_MISSING` warning follows.

use crate::model::{Built, Category, UNKNOWN};
use serde_json::{json, Value};
use shelfcheck_core::model::snapshot::InputMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    UnknownVid,
    DeletedValue,
    ExtraValueOnSingle,
    RemoveRequired,
    UnknownPid,
    TextOnEnum,
    DependencyUnmet,
    TextTooLong,
    AliasNotAllowed,
    AliasForbiddenWord,
    DuplicateSku,
    BadPrice,
    BadQuantity,
    NonSalePidInSku,
    SkuValueNotInProps,
    SkuValueUnknown,
    DropSkuPair,
    RepeatedSkuProp,
    RemoveSkus,
    NoTitle,
    LongTitle,
}

/// The mutated listing and its expected `(code, path)` list, in report order.
pub type Outcome = (Value, Vec<(String, String)>);

const MISSING: &str = "SKU_COMBINATION_MISSING";

fn one(code: &str, path: String) -> Vec<(String, String)> {
    vec![(code.to_owned(), path)]
}

fn with_missing(code: &str, path: String) -> Vec<(String, String)> {
    vec![(code.to_owned(), path), (MISSING.to_owned(), "/skus".to_owned())]
}

fn nth<T>(items: Vec<T>, pick: usize) -> Option<T> {
    let n = items.len();
    items.into_iter().nth(pick.checked_rem(n)?)
}

/// Appends to the array at `key` of a JSON object, creating it; returns the new element's index.
fn push(obj: &mut Value, key: &str, v: Value) -> usize {
    if obj.get(key).is_none() {
        obj[key] = json!([]);
    }
    let arr = obj[key].as_array_mut().unwrap();
    arr.push(v);
    arr.len() - 1
}

impl Mutation {
    pub const ALL: &'static [Mutation] = &[
        Mutation::UnknownVid,
        Mutation::DeletedValue,
        Mutation::ExtraValueOnSingle,
        Mutation::RemoveRequired,
        Mutation::UnknownPid,
        Mutation::TextOnEnum,
        Mutation::DependencyUnmet,
        Mutation::TextTooLong,
        Mutation::AliasNotAllowed,
        Mutation::AliasForbiddenWord,
        Mutation::DuplicateSku,
        Mutation::BadPrice,
        Mutation::BadQuantity,
        Mutation::NonSalePidInSku,
        Mutation::SkuValueNotInProps,
        Mutation::SkuValueUnknown,
        Mutation::DropSkuPair,
        Mutation::RepeatedSkuProp,
        Mutation::RemoveSkus,
        Mutation::NoTitle,
        Mutation::LongTitle,
    ];

    /// Applies the mutation, or `None` when the generated listing has nothing it can target.
    pub fn apply(self, cat: &Category, b: &Built, pick: usize) -> Option<Outcome> {
        let mut l = b.listing.clone();
        let prop_of = |i: usize| cat.prop(b.entries[i].pid).unwrap();
        let entries = 0..b.entries.len();
        let sku_index = pick.checked_rem(b.skus.len());
        let expected = match self {
            Mutation::UnknownVid => {
                let i = nth(entries.collect(), pick)?;
                let j = push(&mut l["props"][i], "vids", json!(UNKNOWN));
                one("PROP_VALUE_UNKNOWN", format!("/props/{i}/vids/{j}"))
            }
            Mutation::DeletedValue => {
                let i = nth(
                    entries.filter(|&i| !prop_of(i).sale && prop_of(i).multi && prop_of(i).deleted.is_some()).collect(),
                    pick,
                )?;
                let j = push(&mut l["props"][i], "vids", json!(prop_of(i).deleted));
                one("PROP_VALUE_DELETED", format!("/props/{i}/vids/{j}"))
            }
            Mutation::ExtraValueOnSingle => {
                // A value that no dependant waits for, so that adding it changes nothing else.
                let extra = |i: usize| {
                    let p = prop_of(i);
                    p.values.iter().copied().find(|&v| {
                        !b.entries[i].vids.contains(&v) && !cat.props.iter().any(|d| d.parent == Some((p.pid, v)))
                    })
                };
                let i = nth(entries.filter(|&i| !prop_of(i).multi && extra(i).is_some()).collect(), pick)?;
                push(&mut l["props"][i], "vids", json!(extra(i)));
                one("PROP_NOT_MULTI", format!("/props/{i}"))
            }
            Mutation::RemoveRequired => {
                let i = nth(
                    entries
                        .filter(|&i| prop_of(i).must && !prop_of(i).sale && !b.has_dependants(cat, prop_of(i).pid))
                        .collect(),
                    pick,
                )?;
                l["props"].as_array_mut()?.remove(i);
                one("PROP_REQUIRED", "/props".to_owned())
            }
            Mutation::UnknownPid => {
                let i = push(&mut l, "props", json!({"pid": UNKNOWN, "vids": [1]}));
                one("PROP_UNKNOWN", format!("/props/{i}"))
            }
            Mutation::TextOnEnum => {
                let i = nth(
                    entries
                        .filter(|&i| {
                            let p = prop_of(i);
                            p.input == InputMode::Enum && !p.sale && !b.has_dependants(cat, p.pid)
                        })
                        .collect(),
                    pick,
                )?;
                l["props"][i] = json!({"pid": prop_of(i).pid, "text": "自定义"});
                one("PROP_CUSTOM_VALUE_NOT_ALLOWED", format!("/props/{i}/text"))
            }
            Mutation::DependencyUnmet => {
                let d = cat.props.iter().find(|d| d.parent.is_some_and(|(pp, pv)| !b.has_value(pp, pv)))?;
                let o = match d.values.first() {
                    Some(v) => json!({"pid": d.pid, "vids": [v]}),
                    None => json!({"pid": d.pid, "text": "文本"}),
                };
                let i = push(&mut l, "props", o);
                one("PROP_DEPENDENCY_UNMET", format!("/props/{i}"))
            }
            Mutation::TextTooLong => {
                let i = nth(entries.filter(|&i| b.entries[i].text.is_some()).collect(), pick)?;
                l["props"][i]["text"] = json!("长".repeat(prop_of(i).max_length as usize + 1));
                one("PROP_TEXT_TOO_LONG", format!("/props/{i}/text"))
            }
            Mutation::AliasNotAllowed | Mutation::AliasForbiddenWord => {
                let allowed = self == Mutation::AliasForbiddenWord;
                let i = nth(
                    entries.filter(|&i| prop_of(i).allow_alias == allowed && !b.entries[i].vids.is_empty()).collect(),
                    pick,
                )?;
                let vid = b.entries[i].vids[0];
                l["props"][i]["aliases"] = json!({ vid.to_string(): "其他款式" });
                let code = if allowed { "ALIAS_INVALID" } else { "ALIAS_NOT_ALLOWED" };
                one(code, format!("/props/{i}/aliases/{vid}"))
            }
            Mutation::DuplicateSku => {
                let copy = l["skus"][sku_index?].clone();
                let j = push(&mut l, "skus", copy);
                one("SKU_DUPLICATE", format!("/skus/{j}"))
            }
            Mutation::BadPrice => {
                let j = sku_index?;
                let bad = [json!("0"), json!(-1), json!("12.345"), json!("¥9"), json!("1e3"), json!(" 5")];
                l["skus"][j]["price"] = bad[pick % bad.len()].clone();
                one("SKU_PRICE_INVALID", format!("/skus/{j}/price"))
            }
            Mutation::BadQuantity => {
                let j = sku_index?;
                let bad = [json!(-1), json!(2.5), json!("3.0"), json!("many"), Value::Null];
                l["skus"][j]["quantity"] = bad[pick % bad.len()].clone();
                one("SKU_QUANTITY_INVALID", format!("/skus/{j}/quantity"))
            }
            Mutation::NonSalePidInSku => {
                let j = sku_index?;
                let p = nth(cat.props.iter().filter(|p| !p.sale).collect(), pick)?;
                let k = push(&mut l["skus"][j], "props", json!({"pid": p.pid, "vid": p.values.first().unwrap_or(&1)}));
                one("SKU_PROP_NOT_SALE", format!("/skus/{j}/props/{k}"))
            }
            Mutation::SkuValueNotInProps | Mutation::SkuValueUnknown | Mutation::DropSkuPair => {
                let j = sku_index?;
                let sku = &b.skus[j];
                // A pair whose value a dependent pair of the same SKU needs would break that
                // one too; it is left alone.
                let needed_by_another =
                    |k: usize| sku.iter().any(|&(pid, _)| cat.prop(pid).is_some_and(|d| d.parent == Some(sku[k])));
                let used_elsewhere =
                    |pid: i64| b.skus.iter().enumerate().any(|(jj, s)| jj != j && s.iter().any(|p| p.0 == pid));
                // A property no other SKU uses is needed only when it is required.
                let targets = (0..sku.len()).filter(|&k| {
                    !needed_by_another(k)
                        && (self != Mutation::DropSkuPair
                            || used_elsewhere(sku[k].0)
                            || cat.prop(sku[k].0).is_some_and(|p| p.must))
                });
                let k = nth(targets.collect(), pick / 7)?;
                let pid = sku[k].0;
                let path = format!("/skus/{j}/props/{k}");
                // The combination the broken SKU covered, if it still spans the matrix, is the
                // one it was meant for: its error is the only issue.
                let (code, path) = match self {
                    Mutation::SkuValueUnknown => {
                        l["skus"][j]["props"][k]["vid"] = json!(UNKNOWN);
                        ("SKU_VALUE_UNKNOWN", path)
                    }
                    Mutation::SkuValueNotInProps => {
                        let unchosen =
                            cat.prop(pid)?.values.iter().copied().find(|&v| {
                                !b.has_value(pid, v) && !cat.props.iter().any(|d| d.parent == Some((pid, v)))
                            })?;
                        l["skus"][j]["props"][k]["vid"] = json!(unchosen);
                        ("SKU_VALUE_NOT_IN_PROPS", path)
                    }
                    _ => {
                        l["skus"][j]["props"].as_array_mut()?.remove(k);
                        ("SKU_PROP_MISSING", format!("/skus/{j}/props"))
                    }
                };
                one(code, path)
            }
            Mutation::RepeatedSkuProp => {
                // Pair k takes another chosen value of the property of pair m instead of its
                // own: the SKU names one property twice and lacks another.
                let j = sku_index?;
                let sku = &b.skus[j];
                let plain = |pid: i64| {
                    cat.prop(pid).is_some_and(|p| p.parent.is_none())
                        && !cat.props.iter().any(|d| d.parent.is_some_and(|(pp, _)| pp == pid))
                };
                let used_elsewhere =
                    |pid: i64| b.skus.iter().enumerate().any(|(jj, s)| jj != j && s.iter().any(|p| p.0 == pid));
                let other_value = |m: usize| {
                    let (pid, vid) = sku[m];
                    b.entries[b.entry_of(pid)?].vids.iter().copied().find(|&v| v != vid)
                };
                let targets: Vec<(usize, usize)> = (0..sku.len())
                    .flat_map(|k| (0..sku.len()).map(move |m| (k, m)))
                    .filter(|&(k, m)| {
                        k != m
                            && plain(sku[k].0)
                            && plain(sku[m].0)
                            && used_elsewhere(sku[k].0)
                            && other_value(m).is_some()
                    })
                    .collect();
                let (k, m) = nth(targets, pick / 7)?;
                l["skus"][j]["props"][k] = json!({"pid": sku[m].0, "vid": other_value(m)});
                // The repeat is reported where it was written last, then the property it lacks.
                let mut expected = one("PROP_NOT_MULTI", format!("/skus/{j}/props/{}", k.max(m)));
                expected.extend(with_missing("SKU_PROP_MISSING", format!("/skus/{j}/props")));
                expected
            }
            Mutation::RemoveSkus => {
                l.as_object_mut()?.remove("skus")?;
                one("SKU_REQUIRED", "/skus".to_owned())
            }
            Mutation::NoTitle => {
                l.as_object_mut()?.remove("title");
                one("TITLE_MISSING", "/title".to_owned())
            }
            Mutation::LongTitle => {
                l["title"] = json!("恤".repeat(31));
                one("TITLE_TOO_LONG", "/title".to_owned())
            }
        };
        Some((l, expected))
    }
}
