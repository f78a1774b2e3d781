//! Recorded WeChat exchanges → snapshot.

use std::collections::{BTreeMap, BTreeSet};

use shelfcheck_core::model::snapshot::{
    AccountCategory as CoreAccount, AuditStatus, Category, Platform, Qualification, SellerScope, Snapshot,
};
use shelfcheck_fetch::{import_each, read_exchange_texts, reparent_orphans, Exchange};

use crate::client::{ACCOUNT_METHOD, ALL_METHOD, PLATFORM};
use crate::error::{decode, WechatError};
use crate::model::{AccountCategories, AllCategories, WxCategory};
use crate::shop::{
    chain_categories, detail_rules, third_cat_categories, DetailRules, ShopAll, ShopCatList, ShopDetail,
    SHOP_ALL_METHOD, SHOP_CAT_METHOD, SHOP_DETAIL_METHOD,
};

/// Fields of `getallcategories` that bear on whether a category may be used (the account may
/// still apply for it, the account's subject type may not use it, its scope, whether it is
/// hidden), kept as the category's features.
const MINI_PROGRAM_FEATURES: &[&str] = &["can_apply", "biz_cannot_use", "biz_sensitive_type", "scope", "is_hidden"];

pub use shelfcheck_fetch::{ImportOptions, ImportSummary};

/// An import that cannot use an exchange.
pub type ImportError = shelfcheck_fetch::ImportError<WechatError>;

fn category(c: &WxCategory) -> Category {
    let mut qualifications = Vec::new();
    if c.sensitive_type == 1 {
        if let Some(q) = &c.qualify {
            let remark = (!q.remark.is_empty()).then(|| q.remark.clone());
            for exter in &q.exter_list {
                let alternatives: Vec<String> =
                    exter.inner_list.iter().map(|i| i.name.clone()).filter(|n| !n.is_empty()).collect();
                if !alternatives.is_empty() {
                    qualifications.push(Qualification { alternatives, remark: remark.clone() });
                }
            }
        }
    }
    let features = MINI_PROGRAM_FEATURES
        .iter()
        .filter_map(|k| match c.rest.get(*k)? {
            serde_json::Value::String(s) => Some((k.to_string(), s.clone())),
            v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => Some((k.to_string(), v.to_string())),
            _ => None,
        })
        .collect();
    // Only first- and second-level categories exist; one without children takes listings.
    Category { qualifications, features, ..Category::new(c.id, Some(c.father), c.name.clone(), c.children.is_empty()) }
}

fn audit(status: i64) -> AuditStatus {
    match status {
        3 => AuditStatus::Approved,
        2 => AuditStatus::Rejected,
        // 1, or a state this version does not know: not approved yet.
        _ => AuditStatus::Pending,
    }
}

fn account_category(c: &crate::model::AccountCategory) -> CoreAccount {
    CoreAccount {
        first: c.first,
        second: c.second,
        audit_status: audit(c.audit_status),
        reason: (!c.audit_reason.is_empty()).then(|| c.audit_reason.clone()),
    }
}

/// Builds a snapshot from exchanges; later answers win, output is ordered by id.
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut categories: BTreeMap<i64, Category> = BTreeMap::new();
    let mut shop_tree: BTreeMap<i64, Category> = BTreeMap::new();
    let mut details: BTreeMap<i64, (String, DetailRules)> = BTreeMap::new();
    let mut failed: BTreeSet<i64> = BTreeSet::new();
    let mut seller: Option<SellerScope> = None;
    let mut summary = ImportSummary::default();
    import_each(exchanges, options, &mut summary, "not a WeChat category call", |ex, body| {
        match (ex.platform.as_str(), ex.method.as_str()) {
            (PLATFORM, ALL_METHOD) => Some(decode::<AllCategories>(body).map(|all| {
                categories.clear();
                for c in all.categories_list.categories.iter().filter(|c| c.id != 0) {
                    categories.insert(c.id, category(c));
                }
            })),
            (PLATFORM, ACCOUNT_METHOD) => Some(decode::<AccountCategories>(body).map(|a| {
                let scope = seller.get_or_insert_with(SellerScope::default);
                scope.account_categories = Some(a.categories.iter().map(account_category).collect());
                scope.quota = a.quota;
                scope.limit = a.limit;
                scope.category_limit = a.category_limit;
            })),
            (PLATFORM, SHOP_ALL_METHOD) => Some(decode::<ShopAll>(body).and_then(|all| {
                let chains = all.cats.iter().chain(&all.cats_v2);
                let cats = chains
                    .map(chain_categories)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|detail| WechatError::Shape { detail })?;
                cats.into_iter().flatten().for_each(|c| merge(&mut shop_tree, c));
                Ok(())
            })),
            (PLATFORM, SHOP_CAT_METHOD) => Some(decode::<ShopCatList>(body).map(|list| {
                for t in &list.third_cat_list {
                    third_cat_categories(t).into_iter().for_each(|c| merge(&mut shop_tree, c));
                }
            })),
            (PLATFORM, SHOP_DETAIL_METHOD) => Some(apply_detail(&mut details, &mut failed, ex, body)),
            _ => None,
        }
    })?;
    let mut snapshot = options.empty_snapshot(Platform::Wechat);
    for (id, c) in shop_tree {
        categories.insert(id, c);
    }
    for &cid in details.keys().chain(&failed) {
        if let std::collections::btree_map::Entry::Vacant(slot) = categories.entry(cid) {
            let name = details.get(&cid).map_or_else(|| cid.to_string(), |(n, _)| n.clone());
            slot.insert(Category::new(cid, None, name, true));
            summary.synthesised.push(cid);
        }
    }
    summary.synthesised.sort_unstable();
    summary.synthesised.dedup();
    for (cid, (_, rules)) in details {
        if let Some(c) = categories.get_mut(&cid) {
            c.price = rules.price;
            c.features.extend(rules.features);
            // The detail's product qualifications are the category's own; they replace the
            // tree's copy.
            c.qualifications = rules.qualifications;
        }
        snapshot.properties.extend(rules.properties);
        snapshot.values.extend(rules.values);
        summary.left_out.extend(rules.left_out);
    }
    summary.incomplete.extend(shelfcheck_fetch::mark_incomplete(categories.values_mut(), failed));
    snapshot.categories = categories.into_values().collect();
    summary.reparented = reparent_orphans(&mut snapshot.categories);
    snapshot.seller = seller;
    snapshot.seal();
    Ok((snapshot, summary))
}

/// A category from a tree answer; a later answer about the same id wins, keeping the
/// qualifications an earlier one gave when it gives none.
fn merge(tree: &mut BTreeMap<i64, Category>, mut c: Category) {
    if let Some(old) = tree.get(&c.id) {
        if c.qualifications.is_empty() {
            c.qualifications = old.qualifications.clone();
        }
    }
    tree.insert(c.id, c);
}

/// The category a detail call asked about: `cat_id` in the parameters, else the answer's.
fn detail_category(ex: &Exchange) -> Option<i64> {
    ex.params.get("cat_id").and_then(|c| c.trim().parse().ok())
}

fn apply_detail(
    details: &mut BTreeMap<i64, (String, DetailRules)>,
    failed: &mut BTreeSet<i64>,
    ex: &Exchange,
    body: &str,
) -> Result<(), WechatError> {
    match decode::<ShopDetail>(body) {
        Ok(d) => {
            let cid = d.info.cat_id;
            failed.remove(&cid);
            details.insert(cid, (d.info.name.clone(), detail_rules(&d)));
            Ok(())
        }
        Err(e) => {
            // Without an earlier good answer the category's rules are missing.
            if let Some(cid) = detail_category(ex).filter(|c| !details.contains_key(c)) {
                failed.insert(cid);
            }
            Err(e)
        }
    }
}

/// Imports NDJSON recordings (one text per input).
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    import_exchanges(&read_exchange_texts(texts)?, options)
}
