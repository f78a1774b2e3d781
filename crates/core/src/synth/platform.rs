//! A synthetic whole-platform snapshot, shaped like Taobao's: a three-level category tree,
//! ten thousand leaf categories with brand, colour, size and a handful of other properties,
//! and a few categories whose brand property has thousands of values (as apparel and
//! cosmetics do on the real platform).
//!
//! Deterministic like the rest of [`crate::synth`]: same shape, same bytes.

use crate::model::ids::Id;
use crate::model::snapshot::{Category, InputMode, Platform, PropValue, Property, Snapshot, Status};
use crate::synth::{empty, Lcg};

/// Shape of a synthetic platform.
#[derive(Debug, Clone)]
pub struct PlatformShape {
    /// Top-level categories.
    pub top: usize,
    /// Second-level categories under each top-level one.
    pub mid: usize,
    /// Leaf categories under each second-level one.
    pub leaves: usize,
    /// Every `brand_heavy_every`-th leaf has `brand_heavy_values` brand values.
    pub brand_heavy_every: usize,
    /// How many brand values each such leaf has.
    pub brand_heavy_values: usize,
}

impl PlatformShape {
    /// The full platform: 40 × 25 × 10 = 10,000 leaf categories, about 520,000 values, five
    /// categories with 4,000 to 8,000 brands.
    pub fn full() -> Self {
        PlatformShape { top: 40, mid: 25, leaves: 10, brand_heavy_every: 2_000, brand_heavy_values: 4_000 }
    }

    /// A small platform for tests: 2 × 3 × 4 = 24 leaves.
    pub fn small() -> Self {
        PlatformShape { top: 2, mid: 3, leaves: 4, brand_heavy_every: 10, brand_heavy_values: 300 }
    }

    /// Number of leaf categories.
    pub fn leaf_count(&self) -> usize {
        self.top * self.mid * self.leaves
    }
}

const BRAND: Id = 20000;
const COLOUR: Id = 1627207;
const SIZE: Id = 20509;
const MODEL: Id = 13021751;
const OTHER: &[(&str, &str)] = &[
    ("材质", "material"),
    ("风格", "style"),
    ("适用季节", "season"),
    ("适用人群", "audience"),
    ("产地", "origin"),
    ("功能", "function"),
    ("包装", "packaging"),
    ("规格", "specification"),
];
const COLOURS: &[&str] = &[
    "白色",
    "黑色",
    "红色",
    "蓝色",
    "绿色",
    "黄色",
    "粉色",
    "紫色",
    "灰色",
    "米白",
    "卡其色",
    "藏青色",
    "酒红色",
    "浅蓝色",
    "深灰色",
    "橙色",
    "军绿色",
    "咖啡色",
    "杏色",
    "银色",
];
const SIZES: &[&str] =
    &["XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL", "均码", "35", "36", "37", "38", "39", "40", "41"];

/// The platform snapshot of `shape`.
pub fn platform(shape: &PlatformShape) -> Snapshot {
    let mut snap = empty(Platform::Taobao);
    snap.source = Some(format!("synthetic platform: {} × {} × {} categories", shape.top, shape.mid, shape.leaves));
    let mut rng = Lcg(0x5eed);
    let mut leaf_no = 0usize;
    for t in 0..shape.top {
        let top_id = 1_000 + t as Id;
        snap.categories.push(Category::new(top_id, None, format!("一级类目{t}"), false));
        for m in 0..shape.mid {
            let mid_id = 100_000 + (t * shape.mid + m) as Id;
            snap.categories.push(Category::new(mid_id, Some(top_id), format!("二级类目{t}-{m}"), false));
            for l in 0..shape.leaves {
                let cid = 50_000_000 + leaf_no as Id;
                snap.categories.push(Category::new(cid, Some(mid_id), format!("叶子类目{t}-{m}-{l}"), true));
                let heavy =
                    shape.brand_heavy_every > 0 && leaf_no % shape.brand_heavy_every == shape.brand_heavy_every / 2;
                let brands =
                    if heavy { shape.brand_heavy_values * (1 + leaf_no % 2) } else { 5 + rng.below(11) as usize };
                add_leaf(&mut snap, cid, brands, &mut rng);
                leaf_no += 1;
            }
        }
    }
    snap
}

#[expect(clippy::too_many_arguments, reason = "one argument per column of the property it builds")]
fn prop(cid: Id, pid: Id, name: &str, en: &str, sale: bool, must: bool, multi: bool, input: InputMode) -> Property {
    Property {
        category_id: cid,
        pid,
        name: name.to_owned(),
        name_en: Some(en.to_owned()),
        key: pid == BRAND || pid == MODEL,
        sale,
        color: pid == COLOUR,
        must,
        multi,
        input,
        sort_order: 0,
        allow_alias: sale,
        ..Default::default()
    }
}

fn add_leaf(snap: &mut Snapshot, cid: Id, brands: usize, rng: &mut Lcg) {
    snap.properties.push(prop(cid, BRAND, "品牌", "brand", false, true, false, InputMode::EnumOrText));
    for j in 0..brands {
        // Brand ids are shared across categories, as on the real platform.
        push_value(
            snap,
            cid,
            BRAND,
            3_000_000 + j as Id,
            format!("品牌{j}"),
            (j % 7 == 0).then(|| format!("Brand{j}")),
        );
    }
    snap.properties.push(prop(cid, MODEL, "货号", "model", false, false, false, InputMode::Text));
    snap.properties.push(prop(cid, COLOUR, "颜色分类", "colour", true, true, true, InputMode::EnumOrText));
    let colours = 6 + rng.below(10) as usize;
    for j in 0..colours {
        let name = COLOURS.get(j).map(|s| (*s).to_owned()).unwrap_or_else(|| format!("颜色{j}"));
        push_value(snap, cid, COLOUR, 28_320 + j as Id, name, None);
    }
    snap.properties.push(prop(cid, SIZE, "尺码", "size", true, rng.below(2) == 0, true, InputMode::Enum));
    let sizes = 4 + rng.below(8) as usize;
    for j in 0..sizes {
        let name = SIZES.get(j).map(|s| (*s).to_owned()).unwrap_or_else(|| format!("尺码{j}"));
        push_value(snap, cid, SIZE, 28_380 + j as Id, name, None);
    }
    let others = 3 + rng.below(6) as usize;
    for k in 0..others {
        let (name, en) = OTHER[(k + cid as usize) % OTHER.len()];
        let pid = 122_216_000 + k as Id;
        let must = rng.below(3) == 0;
        snap.properties.push(prop(cid, pid, name, en, false, must, rng.below(4) == 0, InputMode::Enum));
        let count = 2 + rng.below(5) as usize;
        for j in 0..count {
            push_value(snap, cid, pid, 4_000_000 + (k * 100 + j) as Id, format!("{name}{j}"), None);
        }
    }
}

fn push_value(snap: &mut Snapshot, cid: Id, pid: Id, vid: Id, name: String, alias: Option<String>) {
    snap.values.push(PropValue {
        category_id: cid,
        pid,
        vid,
        name,
        alias,
        status: Status::Normal,
        sort_order: 0,
        features: Default::default(),
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog::Catalog;
    use std::collections::BTreeMap;

    #[test]
    fn the_small_platform_compiles_and_its_listings_are_valid() {
        let shape = PlatformShape::small();
        let catalog = Catalog::compile(platform(&shape)).unwrap();
        let leaves: Vec<Id> = catalog.categories().filter(|c| c.category.leaf).map(|c| c.category.id).collect();
        assert_eq!(leaves.len(), shape.leaf_count());
        for cid in leaves {
            let listing = crate::synth::listing_for(&catalog, cid, 3).unwrap();
            let report = catalog.validate(&listing, &crate::ValidateOptions::default());
            assert!(report.valid, "{cid}: {:?}", report.issues);
        }
    }

    #[test]
    fn the_full_shape_is_platform_sized() {
        let shape = PlatformShape::full();
        assert!(shape.leaf_count() >= 10_000);
        let snap = platform(&shape);
        assert!(snap.values.len() >= 300_000, "{}", snap.values.len());
        let mut brands: BTreeMap<Id, usize> = BTreeMap::new();
        for v in snap.values.iter().filter(|v| v.pid == BRAND) {
            *brands.entry(v.category_id).or_default() += 1;
        }
        assert!(brands.values().filter(|&&n| n >= 1_000).count() >= 3);
    }
}
