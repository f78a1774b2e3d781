//! Every public entry point that takes untrusted bytes, wrapped as `fn(&[u8])`.
//!
//! The cargo-fuzz targets under `fuzz/` call these, and so does the regression test that
//! replays `fuzz/regressions/<target>/*`, so a crash found once stays fixed on stable Rust
//! too. A function here must never panic, whatever the bytes: returning an error is the
//! expected outcome for most inputs.

use shelfcheck_core::{Catalog, Listing, Snapshot, ValidateOptions};
use std::sync::OnceLock;

/// A target: its name (the fuzz target's and the regression folder's) and its body.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// All targets.
pub const TARGETS: &[Target] = &[
    Target { name: "listing_json", run: listing_json },
    Target { name: "native_pairs", run: native_pairs },
    Target { name: "snapshot_json", run: snapshot_json },
    Target { name: "compile_validate", run: compile_validate },
    Target { name: "snapshot_binary", run: snapshot_binary },
    Target { name: "taobao_response", run: taobao_response },
    Target { name: "schema_xml", run: schema_xml },
    Target { name: "wechat_response", run: wechat_response },
    Target { name: "alibaba_response", run: alibaba_response },
    Target { name: "onebound_item", run: onebound_item },
    Target { name: "recorded_exchanges", run: recorded_exchanges },
    Target { name: "packed_listing", run: packed_listing },
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

fn demo() -> Option<&'static Catalog> {
    static DEMO: OnceLock<Option<Catalog>> = OnceLock::new();
    DEMO.get_or_init(|| {
        let snap: Snapshot = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).ok()?;
        Catalog::compile(snap).ok()
    })
    .as_ref()
}

/// A listing parsed from JSON and validated against the demo catalog in both locales.
pub fn listing_json(data: &[u8]) {
    let (Some(t), Some(catalog)) = (text(data), demo()) else { return };
    // The specialised parser must give exactly serde_json's answer, errors included.
    let theirs = serde_json::from_str::<Listing>(t).map_err(|e| e.to_string());
    assert_eq!(
        Listing::from_json(t).map_err(|e| e.to_string()),
        theirs,
        "Listing::from_json disagrees with serde_json"
    );
    if let Ok(listing) = theirs {
        let report = catalog.validate(&listing, &ValidateOptions::default());
        let en = ValidateOptions { locale: shelfcheck_core::Locale::En, ..ValidateOptions::default() };
        let _ = catalog.validate(&listing, &en);
        // The fast answer must agree with the full one.
        assert_eq!(report.valid, catalog.is_valid(&listing), "is_valid disagrees with validate");
    }
}

/// Taobao-native `pid:vid;pid:vid` strings.
pub fn native_pairs(data: &[u8]) {
    if let Some(t) = text(data) {
        if let Ok(pairs) = shelfcheck_core::input::listing::parse_native_pairs(t) {
            let _ = shelfcheck_core::input::listing::group_native(&pairs);
        }
    }
}

/// A snapshot parsed from JSON and compiled; when it compiles, its hash is stable.
pub fn snapshot_json(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok(snap) = serde_json::from_str::<Snapshot>(t) {
        let hash = snap.content_hash();
        if let Ok(catalog) = Catalog::compile(snap) {
            assert_eq!(catalog.hash(), hash, "compiled hash differs from content hash");
        }
    }
}

/// The binary snapshot form; what loads must validate like any catalog.
pub fn snapshot_binary(data: &[u8]) {
    if let Ok(catalog) = shelfcheck_core::storage::binary::decode(data.to_vec()) {
        if let Some(cat) = catalog.categories().next() {
            let listing = Listing { category_id: cat.category.id, ..Listing::default() };
            let report = catalog.validate(&listing, &ValidateOptions::default());
            assert_eq!(report.valid, catalog.is_valid(&listing), "is_valid disagrees with validate");
        }
    }
}

/// The first line is a snapshot, the rest a listing: compile, then validate and build the
/// matrix of whatever the listing chose, by ids and as its `props` entries give them.
pub fn compile_validate(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let (snap, listing) = t.split_once('\n').unwrap_or((t, "{}"));
    let Ok(snap) = serde_json::from_str::<Snapshot>(snap) else { return };
    let Ok(catalog) = Catalog::compile(snap) else { return };
    let Ok(listing) = serde_json::from_str::<Listing>(listing) else { return };
    let report = catalog.validate(&listing, &ValidateOptions::default());
    assert_eq!(report.valid, catalog.is_valid(&listing), "is_valid disagrees with validate");
    if let Some(cat) = catalog.category(listing.category_id) {
        let selection: Vec<(i64, Vec<i64>)> =
            cat.sale_properties().map(|p| (p.property.pid, p.values.iter().take(3).map(|v| v.vid).collect())).collect();
        let _ = catalog.sku_matrix(listing.category_id, &selection);
    }
    // The listing's own `props` entries as a SKU selection, as a form passes them (values of
    // the seller's own named in `aliases`): every row it gives names each of its values.
    if let shelfcheck_core::input::listing::Props::List(props) = &listing.props {
        let chosen: Vec<shelfcheck_core::forms::matrix::SkuSelection> = props
            .iter()
            .filter_map(|p| {
                Some(shelfcheck_core::forms::matrix::SkuSelection {
                    pid: p.pid?,
                    vids: p.vids.clone(),
                    aliases: p.aliases.clone(),
                })
            })
            .collect();
        if let Ok(rows) = catalog.sku_rows(listing.category_id, &chosen) {
            assert!(rows.iter().all(|r| r.names.len() == r.props.len()), "a SKU row without a name per value");
        }
    }
}

const TAOBAO_METHODS: &[&str] =
    &["taobao.itemcats.get", "taobao.item.cat.get", "taobao.itemprops.get", "taobao.itempropvalues.get"];

/// A TOP response body, decoded as each category API's envelope.
pub fn taobao_response(data: &[u8]) {
    let Some(t) = text(data) else { return };
    use shelfcheck_taobao::model::{ItemCatBody, ItemCatsBody, ItemPropsBody, PropValuesBody};
    let _ = shelfcheck_taobao::decode::<ItemCatsBody>(TAOBAO_METHODS[0], t);
    let _ = shelfcheck_taobao::decode::<ItemCatBody>(TAOBAO_METHODS[1], t);
    let _ = shelfcheck_taobao::decode::<ItemPropsBody>(TAOBAO_METHODS[2], t);
    let _ = shelfcheck_taobao::decode::<PropValuesBody>(TAOBAO_METHODS[3], t);
}

/// Publish-schema XML (`tmall.item.add.schema.get` and friends), read and mapped onto a
/// category: every rule read is counted exactly once, and mapping twice gives the same rules.
pub fn schema_xml(data: &[u8]) {
    use shelfcheck_taobao::schema::{map, parse, SchemaSummary};
    let Some(t) = text(data) else { return };
    let Ok(fields) = parse(t) else { return };
    let mut s = SchemaSummary::default();
    let rules = map(&fields, 1, &mut s);
    assert_eq!(s.rules, s.checked + s.hints + s.dev_notes + s.not_held, "a schema rule is not counted once: {s:?}");
    assert_eq!(rules, map(&fields, 1, &mut SchemaSummary::default()), "schema mapping is not reproducible");
}

/// A WeChat response body, decoded as both category APIs.
pub fn wechat_response(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let _ = shelfcheck_wechat::decode::<shelfcheck_wechat::model::AllCategories>(t);
    let _ = shelfcheck_wechat::decode::<shelfcheck_wechat::model::AccountCategories>(t);
}

/// A 1688 category response body.
pub fn alibaba_response(data: &[u8]) {
    if let Some(t) = text(data) {
        let _ = shelfcheck_1688::decode(t);
    }
}

/// A OneBound `item_get` body, imported with and without the demo snapshot.
pub fn onebound_item(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let _ = shelfcheck_1688::import_item(t, None);
    let snap: Option<Snapshot> = serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).ok();
    let _ = shelfcheck_1688::import_item(t, snap.as_ref());
}

/// Recorded exchanges (NDJSON), imported by every platform's importer; an import that
/// succeeds must be reproducible byte for byte.
pub fn recorded_exchanges(data: &[u8]) {
    let Some(t) = text(data) else { return };
    if let Ok((a, _)) = shelfcheck_taobao::import_texts(&[t], &Default::default()) {
        let b = shelfcheck_taobao::import_texts(&[t], &Default::default()).map(|(s, _)| s);
        assert_eq!(Ok(&a), b.as_ref().map_err(|_| ()), "taobao import is not reproducible");
    }
    let _ = shelfcheck_wechat::import_texts(&[t], &Default::default());
    let _ = shelfcheck_1688::import_texts(&[t], &Default::default());
}

/// The npm package's packed listing form (`crates/wasm/src/packed.rs`): any page can write
/// anything into the module's room and call its `packed` method. The first byte says how many
/// of the next bytes are slots (each a small number, or one of a few awkward values: the
/// marker of a wide integer, a negative count, the extremes); the rest, two bytes each, are
/// the strings' UTF-16 code units.
pub fn packed_listing(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else { return };
    let k = usize::from(k).min(rest.len());
    let nums: Vec<i32> = rest[..k]
        .iter()
        .map(|&b| match b {
            249 => shelfcheck_wasm::packed::WIDE,
            250 => -1,
            251 => i32::MAX,
            252 => 0x0020_0000, // the high half of 2^53
            253 => -0x0020_0000,
            254 => -2,
            255 => 0x001F_FFFF,
            _ => i32::from(b % 16),
        })
        .collect();
    // Pairs of bytes are UTF-16 code units, lone surrogates included.
    let units: Vec<u16> = rest[k..].chunks(2).map(|c| u16::from_le_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
    let limits = shelfcheck_core::input::limits::InputLimits::default();
    let fresh = shelfcheck_wasm::packed::read(&nums, &units, &limits);
    // Reading into the space of the inputs before (as the module does) gives the same answer:
    // nothing of an earlier listing shows through.
    thread_local!(static KEPT: std::cell::RefCell<Listing> = std::cell::RefCell::default());
    KEPT.with_borrow_mut(|kept| {
        let read = shelfcheck_wasm::packed::read_into(&nums, &units, &limits, kept);
        assert_eq!(read.then_some(&*kept), fresh.as_ref(), "reading into used space differs from a fresh read");
    });
    let Some(listing) = fresh else { return };
    // The packed path skips the limits' own check: the reader must have kept to them.
    assert_eq!(limits.check_listing(&listing), Ok(()), "the packed reader let a listing over a limit through");
    if let Some(catalog) = demo() {
        let report = catalog.validate(&listing, &ValidateOptions::default());
        assert_eq!(report.valid, catalog.is_valid(&listing), "is_valid disagrees with validate");
    }
}
