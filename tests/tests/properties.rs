//! Property tests: a listing generated valid from a random category has no issue at all, and
//! one mutation of it gives exactly the expected issues.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

#[path = "properties/model.rs"]
mod model;
#[path = "properties/mutations.rs"]
mod mutations;

use model::{build, category, choices, Built, Category};
use mutations::Mutation;
use proptest::prelude::*;
use serde_json::{json, Value};
use shelfcheck_core::{Catalog, Listing, Report, Snapshot, ValidateOptions};

/// A random category with a listing generated valid from it.
fn generated() -> impl Strategy<Value = (Category, Built)> {
    category().prop_flat_map(|cat| {
        let n = cat.props.len();
        (Just(cat), choices(n)).prop_map(|(cat, ch)| {
            let built = build(&cat, &ch);
            (cat, built)
        })
    })
}

fn compile(cat: &Category) -> Catalog {
    let snapshot: Snapshot = serde_json::from_value(cat.snapshot()).unwrap();
    Catalog::compile(snapshot).unwrap()
}

fn validate(catalog: &Catalog, listing: &Value) -> Report {
    let listing: Listing = serde_json::from_value(listing.clone()).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    assert_eq!(catalog.is_valid(&listing), report.valid, "is_valid disagrees with validate");
    report
}

fn pairs(report: &Report) -> Vec<(String, String)> {
    report.issues.iter().map(|i| (i.code().as_str().to_owned(), i.path.clone())).collect()
}

/// 64 cases per test keep the suite to seconds; `PROPTEST_CASES` asks for more (a longer
/// hunt, e.g. before a release).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_listing_generated_valid_has_no_issue((cat, built) in generated()) {
        let report = validate(&compile(&cat), &built.listing);
        prop_assert!(report.issues.is_empty(), "{:#?}\nlisting: {}", pairs(&report), built.listing);
    }

    #[test]
    fn its_taobao_native_form_is_valid_too((cat, built) in generated()) {
        // Native strings carry ids only: listings with free text have no native form.
        if built.entries.iter().any(|e| e.text.is_some()) {
            return Ok(());
        }
        let mut listing = built.listing.clone();
        let props: Vec<String> =
            built.entries.iter().flat_map(|e| e.vids.iter().map(move |v| format!("{}:{v}", e.pid))).collect();
        listing["props"] = json!(props.join(";"));
        for (j, pairs) in built.skus.iter().enumerate() {
            let native: Vec<String> = pairs.iter().map(|(p, v)| format!("{p}:{v}")).collect();
            let sku = listing["skus"][j].as_object_mut().unwrap();
            sku.remove("props");
            sku.insert("properties".into(), json!(native.join(";")));
        }
        let report = validate(&compile(&cat), &listing);
        prop_assert!(report.issues.is_empty(), "{:#?}\nlisting: {}", pairs(&report), listing);
    }

    #[test]
    fn the_order_of_skus_does_not_change_the_report((cat, built) in generated(), rotate in 0..8usize) {
        let catalog = compile(&cat);
        let mut listing = built.listing.clone();
        if let Some(skus) = listing["skus"].as_array_mut() {
            let n = skus.len();
            skus.rotate_left(rotate % n.max(1));
        }
        prop_assert!(validate(&catalog, &listing).issues.is_empty());
    }
}

proptest! {
    #![proptest_config(config())]

    /// Each SKU removed from the full matrix leaves exactly one combination uncovered, a
    /// warning that does not make the listing invalid.
    #[test]
    fn each_removed_sku_is_one_missing_combination((cat, built) in generated(), keep in proptest::collection::vec(any::<bool>(), 64)) {
        let catalog = compile(&cat);
        let mut listing = built.listing.clone();
        let Some(skus) = listing["skus"].as_array_mut() else { return Ok(()) };
        let kept = |j: usize| keep[j % keep.len()];
        let mut j = 0;
        skus.retain(|_| { j += 1; kept(j - 1) });
        let removed = built.skus.len() - skus.len();
        // Only the properties the remaining SKUs use span the matrix: when the last SKU with
        // a dependent property goes, its cells go with it.
        let used = |only_kept: bool| -> std::collections::BTreeSet<i64> {
            built.skus.iter().enumerate().filter(|(j, _)| !only_kept || kept(*j)).flat_map(|(_, s)| s.iter().map(|p| p.0)).collect()
        };
        if skus.is_empty() || used(true) != used(false) {
            return Ok(());
        }
        let report = validate(&catalog, &listing);
        prop_assert!(report.valid);
        let all_missing = report.issues.iter().all(|i| i.code().as_str() == "SKU_COMBINATION_MISSING" && i.path == "/skus");
        prop_assert!(all_missing, "{:?}", pairs(&report));
        prop_assert_eq!(report.issues.len(), removed);
    }
}

/// One property test per mutation, so that a failure names the mutation and each gets its
/// own share of cases instead of the rare ones being drawn seldom.
macro_rules! mutation_tests {
    ($($name:ident => $mutation:ident,)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name((cat, built) in generated(), pick in any::<usize>()) {
                    check(Mutation::$mutation, &cat, &built, pick)?;
                }
            )*
        }

        #[test]
        fn every_mutation_has_a_test() {
            let tested = [$(Mutation::$mutation),*];
            for m in Mutation::ALL {
                assert!(tested.contains(m), "{m:?} has no property test");
            }
        }
    };
}

fn check(m: Mutation, cat: &Category, built: &Built, pick: usize) -> Result<(), TestCaseError> {
    let Some((listing, expected)) = m.apply(cat, built, pick) else {
        // Nothing to target in this listing (no text property, say); other cases have one.
        return Ok(());
    };
    let report = validate(&compile(cat), &listing);
    let got = pairs(&report);
    prop_assert_eq!(&got, &expected, "{:?} of listing {}\nmutated: {}", m, built.listing, listing);
    prop_assert!(!report.valid);
    Ok(())
}

mutation_tests! {
    unknown_vid => UnknownVid,
    deleted_value => DeletedValue,
    extra_value_on_a_single_value_property => ExtraValueOnSingle,
    removed_required_property => RemoveRequired,
    unknown_pid => UnknownPid,
    text_on_an_enum_only_property => TextOnEnum,
    dependency_unmet => DependencyUnmet,
    text_too_long => TextTooLong,
    alias_where_not_allowed => AliasNotAllowed,
    alias_with_a_forbidden_word => AliasForbiddenWord,
    duplicated_sku => DuplicateSku,
    bad_price => BadPrice,
    bad_quantity => BadQuantity,
    non_sale_pid_in_a_sku => NonSalePidInSku,
    sku_value_not_in_props => SkuValueNotInProps,
    sku_value_unknown => SkuValueUnknown,
    sku_pair_dropped => DropSkuPair,
    sku_naming_one_property_twice => RepeatedSkuProp,
    skus_removed => RemoveSkus,
    title_removed => NoTitle,
    title_too_long => LongTitle,
}
