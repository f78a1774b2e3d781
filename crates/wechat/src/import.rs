//! Recorded WeChat exchanges → snapshot.

use std::collections::BTreeMap;

use shelfcheck_core::snapshot::{
    AccountCategory as CoreAccount, AuditStatus, Category, Limits, Platform, Qualification, SellerScope, Snapshot,
    FORMAT_VERSION,
};
use shelfcheck_fetch::{read_exchange_texts, CallContext, Exchange};

use crate::client::{ACCOUNT_METHOD, ALL_METHOD, PLATFORM};
use crate::error::{decode, WechatError};
use crate::model::{AccountCategories, AllCategories, WxCategory};

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
    // Only first- and second-level categories exist; one without children takes listings.
    Category { qualifications, ..Category::new(c.id, Some(c.father), c.name.clone(), c.children.is_empty()) }
}

fn audit(status: i64) -> AuditStatus {
    match status {
        3 => AuditStatus::Approved,
        2 => AuditStatus::Rejected,
        // 1, or a state this version does not know: not approved yet.
        _ => AuditStatus::Pending,
    }
}

/// Builds a snapshot from exchanges; later answers win, output is ordered by id.
pub fn import_exchanges(
    exchanges: &[Exchange],
    options: &ImportOptions,
) -> Result<(Snapshot, ImportSummary), ImportError> {
    let mut categories: BTreeMap<i64, Category> = BTreeMap::new();
    let mut seller: Option<SellerScope> = None;
    let mut summary = ImportSummary::default();
    for (index, ex) in exchanges.iter().enumerate() {
        let call = CallContext::new(&ex.platform, &ex.method, ex.params.clone()).to_string();
        let body = ex.json_body().unwrap_or("");
        let result = match (ex.platform.as_str(), ex.method.as_str()) {
            (PLATFORM, ALL_METHOD) => decode::<AllCategories>(body).map(|all| {
                categories.clear();
                for c in all.categories_list.categories.iter().filter(|c| c.id != 0) {
                    categories.insert(c.id, category(c));
                }
            }),
            (PLATFORM, ACCOUNT_METHOD) => decode::<AccountCategories>(body).map(|a| {
                let scope = seller.get_or_insert_with(SellerScope::default);
                scope.account_categories = Some(
                    a.categories
                        .iter()
                        .map(|c| CoreAccount {
                            first: c.first,
                            second: c.second,
                            audit_status: audit(c.audit_status),
                            reason: (!c.audit_reason.is_empty()).then(|| c.audit_reason.clone()),
                        })
                        .collect(),
                );
                scope.quota = a.quota;
                scope.limit = a.limit;
                scope.category_limit = a.category_limit;
            }),
            _ => {
                summary.ignored.push((index, call, String::from("not a WeChat category call")));
                continue;
            }
        };
        match result {
            Ok(()) => summary.used += 1,
            Err(error) if options.strict => return Err(ImportError::Exchange { index, call, error }),
            Err(error) => summary.ignored.push((index, call, error.to_string())),
        }
    }
    let ids: std::collections::BTreeSet<i64> = categories.keys().copied().collect();
    for c in categories.values_mut() {
        if c.parent_id.is_some_and(|p| !ids.contains(&p)) {
            c.parent_id = None;
            summary.reparented.push(c.id);
        }
    }
    let mut snapshot = Snapshot {
        format: FORMAT_VERSION,
        platform: Platform::Wechat,
        built_at: options.built_at.clone(),
        source: options.source.clone(),
        hash: None,
        limits: Limits::for_platform(Platform::Wechat),
        categories: categories.into_values().collect(),
        properties: Vec::new(),
        values: Vec::new(),
        seller,
    };
    snapshot.seal();
    Ok((snapshot, summary))
}

/// Imports NDJSON recordings (one text per input).
pub fn import_texts(texts: &[&str], options: &ImportOptions) -> Result<(Snapshot, ImportSummary), ImportError> {
    import_exchanges(&read_exchange_texts(texts)?, options)
}
