//! The specialised listing parser against `serde_json`: whatever it answers must be exactly
//! `serde_json`'s answer, and it must answer (not hand over) for ordinary listings, or the
//! speed it exists for is silently lost.

use super::scan;
use crate::Listing;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// The property both parsers are held to.
fn agree(text: &str) -> Result<(), String> {
    let theirs = serde_json::from_str::<Listing>(text);
    match (scan::parse(text), &theirs) {
        (Some(ours), Ok(t)) if &ours == t => Ok(()),
        (Some(ours), _) => Err(format!("scan gave {ours:?}, serde_json gave {theirs:?} for {text}")),
        (None, _) => match (Listing::from_json(text), theirs) {
            (Ok(a), Ok(b)) if a == b => Ok(()),
            (Err(a), Err(b)) if a.to_string() == b.to_string() => Ok(()),
            (a, b) => Err(format!("from_json gave {a:?}, serde_json gave {b:?} for {text}")),
        },
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_and_example_listing_parses_the_same_and_takes_the_fast_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    json_files(&root.join("fixtures/cases"), &mut files);
    json_files(&root.join("examples/listings"), &mut files);
    json_files(&root.join("examples/broken"), &mut files);
    let mut listings = 0;
    let mut handed_over = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // Fixture files wrap the listing with expectations; the listing is under `listing`.
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(_) => {
                agree(&text).unwrap();
                continue;
            }
        };
        let listing_text = match value.get("listing") {
            Some(l) => serde_json::to_string(l).unwrap(),
            None => text.clone(),
        };
        agree(&listing_text).unwrap();
        if serde_json::from_str::<Listing>(&listing_text).is_ok() {
            listings += 1;
            if scan::parse(&listing_text).is_none() {
                handed_over.push(f.display().to_string());
            }
        }
    }
    assert!(listings > 100, "only {listings} listings found");
    assert!(handed_over.is_empty(), "valid listings not read by the fast parser: {handed_over:?}");
}

#[test]
fn edge_cases_agree() {
    let cases = [
        r#"{"category_id":1}"#,
        r#" {"category_id" : "  12 " } "#,
        r#"{"category_id":1}x"#,
        r#"{"category_id":1,"category_id":2}"#,
        r#"{"category_id":1.0}"#,
        r#"{"category_id":-0}"#,
        r#"{"category_id":9223372036854775807}"#,
        r#"{"category_id":9223372036854775808}"#,
        r#"{"category_id":-9223372036854775808}"#,
        r#"{"category_id":18446744073709551616}"#,
        r#"{"category_id":01}"#,
        r#"{"category_id":1,"title":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"}"#,
        r#"{"category_id":1,"title":"\ud83d"}"#,
        r#"{"category_id":1,"title":"\udc00x"}"#,
        "{\"category_id\":1,\"title\":\"tab\there\"}",
        r#"{"categ\u006fry_id":5}"#,
        r#"{"category_id":1,"props":null,"skus":[{"props":null,"price":null,"quantity":null,"outer_id":null}]}"#,
        r#"{"category_id":1,"skus":null}"#,
        r#"{"category_id":1,"props":"1:2;3:4","skus":[{"properties":"1:2","price":1e2,"quantity":-3}]}"#,
        r#"{"category_id":1,"skus":[{"price":59.999,"quantity":1.5e300}]}"#,
        r#"{"category_id":1,"skus":[{"price":-0,"quantity":18446744073709551615}]}"#,
        r#"{"category_id":1,"skus":[{"price":true}]}"#,
        r#"{"category_id":1,"skus":[[{"pid":1,"vid":2}]]}"#,
        r#"{"category_id":1,"props":[{"pid":"","vids":["3"," 4 "],"aliases":{"3":"a","3":"b"}}]}"#,
        r#"{"category_id":1,"props":[{"pid":null,"name":"颜色","values":["红",null]}]}"#,
        r#"{"category_id":1,"props":[{"pid":1,"vids":[null]}]}"#,
        r#"{"category_id":1,"props":[{"pid":1,"vids":null}]}"#,
        r#"{"category_id":1,"qualifications":[{"name":"x"},{"document":"y"}]}"#,
        r#"{"category_id":1,"qualifications":[{"name":"x","document":null}]}"#,
        r#"{"category_id":1,"extra":{"a":[1,2.5e-3,"s",true,false,null,{"b":[]}]}}"#,
        r#"{"category_id":1,"extra":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        r#"{"category_id":1,"extra":tru}"#,
        r#"{"category_id":1,"extra":1.}"#,
        r#"{"category_id":1,"extra":-}"#,
        r#"{"category_id":1,}"#,
        r#"{"category_id":1"#,
        r#"[1]"#,
        "",
        "\u{feff}{\"category_id\":1}",
    ];
    for c in cases {
        agree(c).unwrap();
    }
}

#[test]
fn the_typical_listing_takes_the_fast_path() {
    let catalog = crate::Catalog::compile(crate::synth::snapshot(1, &crate::synth::CategoryShape::typical())).unwrap();
    let listing = crate::synth::listing_for(&catalog, 1, 10).unwrap();
    let text = serde_json::to_string(&listing).unwrap();
    assert_eq!(scan::parse(&text), Some(listing.clone()));
    let pretty = serde_json::to_string_pretty(&listing).unwrap();
    assert_eq!(scan::parse(&pretty), Some(listing));
}

/// JSON text shaped like a listing, with the oddities the parser must either read exactly or
/// hand over: numbers in every form, escapes, nulls, unknown and repeated keys, wrong types.
fn value(depth: u32) -> BoxedStrategy<String> {
    let number = prop_oneof![
        any::<i64>().prop_map(|v| v.to_string()),
        any::<u64>().prop_map(|v| v.to_string()),
        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(|v| format!("{v:?}")),
        Just("-0".to_owned()),
        Just("1e2".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("01".to_owned()),
        (0u32..1000).prop_map(|v| format!("{v}.90")),
    ];
    let string =
        prop_oneof!["[a-z0-9 ]{0,8}", Just(" 42 ".to_owned()), Just(String::new()), "[\\u{0}-\\u{ffff}]{0,6}",]
            .prop_map(|s| {
                let mut out = serde_json::to_string(&s).unwrap_or_default();
                // Sometimes write a character as an escape, which the parser must decode.
                if out.len() > 2 && s.len() % 3 == 0 {
                    out.insert_str(1, "\\u00e9\\ud83d\\ude00\\n");
                }
                out
            });
    let leaf = prop_oneof![
        3 => number,
        3 => string,
        1 => Just("null".to_owned()),
        1 => Just("true".to_owned()),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let keys = prop_oneof![
        Just("pid"),
        Just("vid"),
        Just("vids"),
        Just("name"),
        Just("values"),
        Just("value"),
        Just("text"),
        Just("aliases"),
        Just("props"),
        Just("properties"),
        Just("price"),
        Just("quantity"),
        Just("outer_id"),
        Just("document"),
        Just("other"),
    ];
    prop_oneof![
        2 => leaf,
        1 => prop::collection::vec(value(depth - 1), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
        2 => prop::collection::vec((keys, value(depth - 1)), 0..5).prop_map(|m| {
            let members: Vec<String> = m.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", members.join(","))
        }),
    ]
    .boxed()
}

fn listing_text() -> impl Strategy<Value = String> {
    let id = prop_oneof![any::<i64>().prop_map(|v| v.to_string()), Just("\"7\"".to_owned()), Just("1.5".to_owned())];
    let top = prop_oneof![Just("title"), Just("props"), Just("skus"), Just("qualifications"), Just("x")];
    (id, prop::collection::vec((top, value(3)), 0..5), any::<bool>()).prop_map(|(id, members, spaced)| {
        let mut parts = vec![format!("\"category_id\":{id}")];
        parts.extend(members.into_iter().map(|(k, v)| format!("\"{k}\":{v}")));
        let sep = if spaced { " ,\n " } else { "," };
        format!("{{{}}}", parts.join(sep))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_listings_parse_as_serde_json_parses_them(text in listing_text()) {
        prop_assert_eq!(agree(&text), Ok(()));
    }

    #[test]
    fn cut_or_damaged_text_parses_as_serde_json_parses_it(text in listing_text(), at in any::<prop::sample::Index>(), byte in 0u8..128) {
        let cut = at.index(text.len() + 1);
        let head: String = text.chars().take(cut).collect();
        prop_assert_eq!(agree(&head), Ok(()));
        let mut damaged = text.clone();
        let pos = damaged.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(damaged.len());
        damaged.insert(pos, char::from(byte));
        prop_assert_eq!(agree(&damaged), Ok(()));
    }
}
