//! Synthetic metadata and listings, shaped like the real data, for benchmarks and tests.
//!
//! Deterministic (a seeded linear congruential generator, no dependency): the same arguments
//! always give the same snapshot, so benchmark figures are comparable between runs.

use crate::catalog::Catalog;
use crate::input::listing::{Listing, PropInput, Props, Scalar, Sku, SkuPropRef, SkuProps};
use crate::model::ids::Id;
use crate::model::snapshot::{
    Category, InputMode, Limits, Platform, PropValue, Property, Snapshot, Status, FORMAT_VERSION,
};

mod platform;

pub use platform::{platform, PlatformShape};

/// Shape of one synthetic leaf category.
#[derive(Debug, Clone)]
pub struct CategoryShape {
    /// Properties in all, sale properties included.
    pub properties: usize,
    /// Values of each sale property (its length is the number of sale properties).
    pub sale_values: Vec<usize>,
    /// Values of each non-sale enum property.
    pub values_per_property: usize,
}

impl CategoryShape {
    /// The "typical listing" shape: 30 properties, two sale properties (6 colours × 10 sizes
    /// = 60 SKUs), 20 values per ordinary property.
    pub fn typical() -> Self {
        CategoryShape { properties: 30, sale_values: vec![6, 10], values_per_property: 20 }
    }
}

pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

const NAMES: &[&str] = &["材质", "风格", "领型", "袖长", "图案", "适用季节", "厚薄", "版型", "工艺", "适用场景"];

/// Adds one leaf category of the given shape to `snap` (properties and values included).
pub fn add_category(snap: &mut Snapshot, parent: Option<Id>, cid: Id, shape: &CategoryShape, seed: u64) {
    let mut rng = Lcg(seed ^ cid as u64);
    snap.categories.push(Category::new(cid, parent, format!("类目{cid}"), true));
    let sale = shape.sale_values.len();
    let mut vid = cid * 10_000;
    for i in 0..shape.properties {
        let pid = 100_000 + i as Id;
        let is_sale = i >= shape.properties.saturating_sub(sale);
        let text = !is_sale && i % 10 == 9;
        let base = NAMES[i % NAMES.len()];
        snap.properties.push(Property {
            category_id: cid,
            pid,
            name: if i < NAMES.len() { base.to_owned() } else { format!("{base}{i}") },
            key: i == 0,
            sale: is_sale,
            color: is_sale && i + sale == shape.properties,
            must: is_sale || i % 3 == 0,
            multi: is_sale || i % 4 == 1,
            input: if text { InputMode::Text } else { InputMode::Enum },
            sort_order: i as Id,
            allow_alias: is_sale,
            ..Default::default()
        });
        let count = if text {
            0
        } else if is_sale {
            shape.sale_values[i + sale - shape.properties]
        } else {
            shape.values_per_property
        };
        push_values(snap, cid, pid, count, &mut vid, &mut rng);
    }
}

/// Adds `count` non-sale properties (with `values_per_property` values each, every tenth a
/// free-text one) to category `cid`, numbered and flagged as [`add_category`] does. Real
/// sale-property recordings hold sale properties only; this completes them into a typical
/// category.
pub fn add_item_properties(snap: &mut Snapshot, cid: Id, count: usize, values_per_property: usize, seed: u64) {
    let mut rng = Lcg(seed ^ cid as u64);
    let mut vid = 900_000_000;
    for i in 0..count {
        let pid = 100_000 + i as Id;
        let text = i % 10 == 9;
        let base = NAMES[i % NAMES.len()];
        snap.properties.push(Property {
            category_id: cid,
            pid,
            name: if i < NAMES.len() { base.to_owned() } else { format!("{base}{i}") },
            key: i == 0,
            must: i % 3 == 0,
            multi: i % 4 == 1,
            input: if text { InputMode::Text } else { InputMode::Enum },
            sort_order: i as Id,
            ..Default::default()
        });
        push_values(snap, cid, pid, if text { 0 } else { values_per_property }, &mut vid, &mut rng);
    }
}

/// Appends `count` values to property `pid`, ids rising by 1–3 from `vid`; every fifth value
/// has an alias, as real value lists do.
fn push_values(snap: &mut Snapshot, cid: Id, pid: Id, count: usize, vid: &mut Id, rng: &mut Lcg) {
    for j in 0..count {
        *vid += 1 + rng.below(3) as Id;
        snap.values.push(PropValue {
            category_id: cid,
            pid,
            vid: *vid,
            name: format!("值{pid}-{j}"),
            alias: (j % 5 == 0).then(|| format!("别名{}", *vid)),
            status: Status::Normal,
            sort_order: j as Id,
            features: Default::default(),
        });
    }
}

/// A snapshot with one leaf category of the given shape.
pub fn snapshot(cid: Id, shape: &CategoryShape) -> Snapshot {
    let mut snap = empty(Platform::Taobao);
    add_category(&mut snap, None, cid, shape, 7);
    snap
}

/// The item property string's pair limit of generated snapshots: far above any generated
/// listing, so the rule runs on every validation without refusing one.
pub const BENCH_PROPS_MAX_PAIRS: u32 = 1_000;

/// The item property string's byte limit of generated snapshots (see [`BENCH_PROPS_MAX_PAIRS`]).
pub const BENCH_PROPS_MAX_BYTES: u32 = 100_000;

/// An empty snapshot of a platform.
pub fn empty(platform: Platform) -> Snapshot {
    Snapshot {
        format: FORMAT_VERSION,
        platform,
        built_at: None,
        source: Some("synthetic".into()),
        hash: None,
        // Every property is filled and the generated value ids are twelve digits long, so the
        // listings, valid otherwise, would go past Taobao's `props` string (35 pairs, 549
        // bytes). Its limits are raised, not lifted, so that validating still measures it.
        limits: Limits {
            props_max_pairs: BENCH_PROPS_MAX_PAIRS,
            props_max_bytes: BENCH_PROPS_MAX_BYTES,
            ..Limits::default()
        },
        categories: Vec::new(),
        properties: Vec::new(),
        values: Vec::new(),
        seller: None,
    }
}

/// A valid listing for a category: every applicable property filled (first values; text for
/// text properties), the first `per_sale` values of each sale property chosen, and one SKU per
/// combination. `None` when the category is unknown or its matrix is over the SKU limit.
pub fn listing_for(catalog: &Catalog, category_id: Id, per_sale: usize) -> Option<Listing> {
    let cat = catalog.category(category_id)?;
    let mut props: Vec<PropInput> = Vec::new();
    let mut chosen: Vec<(Id, Id)> = Vec::new();
    let mut selection: Vec<(Id, Vec<Id>)> = Vec::new();
    let applies = |p: &Property, chosen: &[(Id, Id)]| p.parent().is_none_or(|pv| chosen.contains(&pv));
    // Sale properties first, in dependency order, so a dependant sees its parent's values.
    let order: Vec<_> = cat.sale_properties().chain(cat.properties().iter().filter(|p| !p.property.sale)).collect();
    for p in order {
        let prop = &p.property;
        if prop.status != Status::Normal || !applies(prop, &chosen) {
            continue;
        }
        let live: Vec<Id> = p.values.iter().filter(|v| v.status == Status::Normal).map(|v| v.vid).collect();
        let want = if prop.sale { per_sale.max(1) } else { 1 };
        let vids: Vec<Id> = live.iter().copied().take(if prop.multi { want } else { 1 }).collect();
        if vids.is_empty() {
            if prop.input != InputMode::Enum && !prop.sale {
                props.push(PropInput { pid: Some(prop.pid), text: Some("A-1024".into()), ..PropInput::default() });
            }
            continue;
        }
        chosen.extend(vids.iter().map(|&v| (prop.pid, v)));
        if prop.sale {
            selection.push((prop.pid, vids.clone()));
        }
        props.push(PropInput { pid: Some(prop.pid), vids, ..PropInput::default() });
    }
    let combos = if selection.is_empty() { Vec::new() } else { catalog.sku_matrix(category_id, &selection).ok()? };
    let skus = combos
        .into_iter()
        .enumerate()
        .map(|(i, combo)| Sku {
            props: SkuProps::List(
                combo
                    .iter()
                    .map(|p| SkuPropRef { pid: Some(p.pid), vid: Some(p.vid), ..SkuPropRef::default() })
                    .collect(),
            ),
            properties: None,
            price: Some(Scalar::Text(format!("{}.90", 10 + i % 90).into())),
            quantity: Some(Scalar::Number((i as u64 % 7 * 10).into())),
            outer_id: Some(format!("SKU-{i}").into()),
            ..Sku::default()
        })
        .collect();
    Some(Listing {
        category_id,
        title: Some("夏季新款纯棉短袖T恤".into()),
        props: Props::List(props),
        skus,
        ..Listing::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ValidateOptions;

    #[test]
    fn the_typical_listing_is_valid_and_typical() {
        let catalog = Catalog::compile(snapshot(50010850, &CategoryShape::typical())).unwrap();
        let listing = listing_for(&catalog, 50010850, 10).unwrap();
        let report = catalog.validate(&listing, &ValidateOptions::default());
        assert!(report.issues.is_empty(), "{:?}", report.issues);
        let Props::List(props) = &listing.props else { unreachable!() };
        assert_eq!(props.len(), 30);
        assert_eq!(listing.skus.len(), 60);
    }
}
