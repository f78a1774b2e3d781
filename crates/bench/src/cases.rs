//! The comparison cases: one category, three listings.
//!
//! The category is a real one when the Taobao recordings are present (`fixtures/
//! taobao-sale-props/`, imported with the Taobao importer): shoes, 50019278, whose sale
//! properties are 颜色分类 (56 values) and 鞋码 (63 values). The recordings hold sale
//! properties only, so `synth::add_item_properties` adds the 28 ordinary properties a typical
//! listing fills in. Without the recordings a synthetic category of the same shape is used.

use serde_json::Value;
use shelfcheck_core::input::listing::{Props, Scalar, Sku, SkuPropRef, SkuProps};
use shelfcheck_core::synth::{self, CategoryShape};
use shelfcheck_core::{Catalog, Id, Listing, Snapshot, ValidateOptions};
use std::path::Path;

/// The real category used when its recording is present.
pub const REAL_CATEGORY: Id = 50019278;
const SYNTHETIC_CATEGORY: Id = 50010850;

/// One listing, in every form the contenders take it.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: &'static str,
    pub listing: Listing,
    pub json: String,
    pub value: Value,
    /// What the engine says (the reference verdict).
    pub valid: bool,
    pub errors: usize,
    pub skus: usize,
    pub props: usize,
}

/// The category, its schema and the cases.
pub struct Setup {
    /// Where the category came from, for the report.
    pub origin: String,
    pub snapshot: Snapshot,
    pub catalog: Catalog,
    pub category_id: Id,
    pub schema: Value,
    pub cases: Vec<Case>,
}

/// Builds the setup; `data` is the folder of sale-property recordings.
pub fn setup(data: &Path) -> Result<Setup, String> {
    let (mut snapshot, category_id, origin) = match std::fs::read_to_string(data.join(format!("{REAL_CATEGORY}.json")))
    {
        Ok(text) => {
            let (snap, _) = shelfcheck_taobao::import_texts(&[&text], &Default::default())
                .map_err(|e| format!("cannot import the recording: {e}"))?;
            let origin = format!("real category {REAL_CATEGORY} (taobao-sale-props) + 28 synthetic item properties");
            (snap, REAL_CATEGORY, origin)
        }
        Err(_) => (
            synth::snapshot(
                SYNTHETIC_CATEGORY,
                &CategoryShape { properties: 2, sale_values: vec![60, 60], values_per_property: 20 },
            ),
            SYNTHETIC_CATEGORY,
            "synthetic category (the taobao-sale-props recordings were not found)".to_owned(),
        ),
    };
    let existing = snapshot.properties.iter().filter(|p| p.category_id == category_id).count();
    synth::add_item_properties(&mut snapshot, category_id, 30usize.saturating_sub(existing), 20, 7);
    // The typical listing's item property string (30 properties, 16 sale values) is longer
    // than Taobao's 35 pairs / 549 bytes, which the JSON Schema export cannot state either. The
    // limits are raised, as in every synthetic snapshot, so both sides see a valid listing and
    // the rule still runs.
    snapshot.limits.props_max_pairs = synth::BENCH_PROPS_MAX_PAIRS;
    snapshot.limits.props_max_bytes = synth::BENCH_PROPS_MAX_BYTES;
    snapshot.seal();
    let catalog = Catalog::compile(snapshot.clone()).map_err(|e| e.to_string())?;
    let schema = shelfcheck_core::forms::export::json_schema(&catalog, category_id).map_err(|e| e.to_string())?;

    let typical = listing(&catalog, category_id, 6, 10)?;
    let mut invalid = typical.clone();
    break_five_ways(&catalog, category_id, &mut invalid)?;
    let large = listing(&catalog, category_id, 10, 60)?;
    let cases = [("typical valid", typical), ("typical invalid (5 issues)", invalid), ("large (600 SKUs)", large)]
        .into_iter()
        .map(|(name, l)| case(&catalog, name, l))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Setup { origin, snapshot, catalog, category_id, schema, cases })
}

fn case(catalog: &Catalog, name: &'static str, listing: Listing) -> Result<Case, String> {
    let json = serde_json::to_string(&listing).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let report = catalog.validate(&listing, &ValidateOptions::default());
    let props = match &listing.props {
        Props::List(p) => p.len(),
        Props::Native(_) => 0,
    };
    Ok(Case { name, skus: listing.skus.len(), props, valid: report.valid, errors: report.errors, listing, json, value })
}

/// A valid listing whose two sale properties use the first `a` and `b` values.
fn listing(catalog: &Catalog, cid: Id, a: usize, b: usize) -> Result<Listing, String> {
    let mut l = synth::listing_for(catalog, cid, 1).ok_or("no listing for the category")?;
    let cat = catalog.category(cid).ok_or("no category")?;
    let sale: Vec<_> = cat.sale_properties().filter(|p| !p.values.is_empty()).take(2).collect();
    let [first, second] = sale.as_slice() else { return Err("the category needs two sale properties".into()) };
    let pick = |p: &shelfcheck_core::catalog::CompiledProperty, n: usize| -> Vec<Id> {
        p.values.iter().take(n).map(|v| v.vid).collect()
    };
    let (va, vb) = (pick(first, a), pick(second, b));
    let Props::List(props) = &mut l.props else { return Err("list props expected".into()) };
    props.retain(|p| p.pid != Some(first.property.pid) && p.pid != Some(second.property.pid));
    for (p, vids) in [(first, &va), (second, &vb)] {
        props.push(shelfcheck_core::input::listing::PropInput {
            pid: Some(p.property.pid),
            vids: vids.clone(),
            ..Default::default()
        });
    }
    let mut skus = Vec::new();
    for &x in &va {
        for &y in &vb {
            let i = skus.len();
            skus.push(Sku {
                props: SkuProps::List(vec![
                    SkuPropRef { pid: Some(first.property.pid), vid: Some(x), ..Default::default() },
                    SkuPropRef { pid: Some(second.property.pid), vid: Some(y), ..Default::default() },
                ]),
                properties: None,
                price: Some(Scalar::Text(format!("{}.90", 100 + i % 300).into())),
                quantity: Some(Scalar::Number((i as u64 % 50).into())),
                outer_id: Some(format!("SKU-{i}").into()),
                ..Sku::default()
            });
        }
    }
    l.skus = skus;
    l.title = Some("夏季新款透气运动鞋 男款".into());
    Ok(l)
}

/// Five independent errors, each one a JSON Schema validator can see too.
fn break_five_ways(catalog: &Catalog, cid: Id, l: &mut Listing) -> Result<(), String> {
    l.title = Some("超".repeat(31)); // TITLE_TOO_LONG
    let second = catalog
        .category(cid)
        .and_then(|c| c.property(100_000))
        .and_then(|p| p.values.get(1))
        .map(|v| v.vid)
        .ok_or("property 100000 has no second value")?;
    let Props::List(props) = &mut l.props else { return Err("list props expected".into()) };
    let single = props.iter().position(|p| p.pid == Some(100_000)).ok_or("no property 100000")?;
    props[single].vids.push(second); // PROP_NOT_MULTI
    let other = props.iter().position(|p| p.pid == Some(100_002)).ok_or("no property 100002")?;
    props[other].vids = vec![1]; // PROP_VALUE_UNKNOWN
    l.skus[7].price = Some(Scalar::Text("59.999".into())); // SKU_PRICE_INVALID
    l.skus[12].quantity = Some(Scalar::Number((-3).into())); // SKU_QUANTITY_INVALID
    Ok(())
}

/// For the profiling examples (`validate_loop`, `packed_read`): how many times to repeat, from
/// the first argument (100,000 when there is none), the comparison's setup and its first case,
/// the typical listing. On a bad argument or missing data the message is printed and `Err`
/// holds the exit code.
pub fn for_loop(example: &str) -> Result<(u32, Setup, Case), std::process::ExitCode> {
    let times = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 100_000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("usage: {example} [TIMES] / 用法: {example} [次数]");
            return Err(std::process::ExitCode::from(2));
        }
    };
    let data = crate::repo_root().join("fixtures/taobao-sale-props");
    let mut setup = setup(&data).map_err(|e| {
        eprintln!("{e}");
        std::process::ExitCode::from(2)
    })?;
    if setup.cases.is_empty() {
        eprintln!("no comparison case / 没有对比用例");
        return Err(std::process::ExitCode::FAILURE);
    }
    let case = setup.cases.remove(0);
    Ok((times, setup, case))
}
