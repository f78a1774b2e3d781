//! Every message of every fixture case, in both locales, read as a seller would: no ids, no
//! English left in Chinese text, no Chinese in English text but names without an English
//! form, and English names wherever the snapshot has them.

use super::*;
use crate::validate::rules::testkit::fixtures;
use crate::{Catalog, Issue, ValidateOptions};
use std::collections::BTreeSet;

#[test]
fn both_locales_differ_and_carry_parameters() {
    let k = IssueKind::SkuLimitExceeded { count: 700, max: 600 };
    let zh = message(&k, Locale::ZhCn);
    let en = message(&k, Locale::En);
    assert!(zh.contains("700") && zh.contains("上限"));
    assert!(en.contains("700") && en.contains("limit"));
}

#[test]
fn suggestions_become_a_hint() {
    let k = IssueKind::PropUnknown { pid: None, name: Some("颜色".into()), suggestions: vec!["颜色分类".into()] };
    assert!(message(&k, Locale::En).ends_with("did you mean `颜色分类`?"));
    assert!(message(&k, Locale::ZhCn).contains("您是不是要找"));
}

/// Form labels of item fields: English capitalised without its article, Chinese as it is, an
/// unknown field quoted as it came.
#[test]
fn field_labels_capitalise_the_english_name() {
    assert_eq!(field_label("images", Locale::En), "Main images");
    assert_eq!(field_label("outer_id", Locale::En), "Seller's item code");
    assert_eq!(field_label("stuff_status", Locale::En), "Condition (new or used)");
    assert_eq!(field_label("price", Locale::ZhCn), "价格");
    assert_eq!(field_label("colour", Locale::En), "`colour`");
}

/// ASCII words Chinese text may hold outside quoted names: the SKU (as Chinese sellers call
/// it), the native `pid:vid` form's parts, web addresses.
const ZH_ASCII_WORDS: &[&str] = &["SKU", "pid", "vid", "http", "https"];

/// Quoted examples and formats the messages show.
const QUOTED_FORMS: &[&str] = &["pid:vid", "59.00", "2024-03-01"];

/// Every string a message may quote for this issue: the names and texts its params carry
/// (value ids, the only ids params hold as strings, excepted), the names of the listing's
/// category, its properties and their values, and the listing's alias keys that are not ids.
fn quotable(issue: &Issue, catalog: &Catalog, listing: &crate::Listing) -> BTreeSet<String> {
    let category_id = listing.category_id;
    fn strings(v: &serde_json::Value, key: &str, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::String(s) if key != "vid" => {
                out.insert(s.clone());
                out.insert(crate::validate::rules::amount::to_half_width(s));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, key, out)),
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| strings(v, k, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    strings(&serde_json::to_value(&issue.kind).unwrap()["params"], "", &mut out);
    for c in catalog.path(category_id) {
        out.extend([c.category.name.clone()].into_iter().chain(c.category.name_en.clone()));
        for p in c.properties() {
            out.extend([p.property.name.clone()].into_iter().chain(p.property.name_en.clone()));
            out.extend(p.values.iter().flat_map(|v| [v.name.clone()].into_iter().chain(v.alias.clone())));
        }
    }
    if let crate::input::listing::Props::List(props) = &listing.props {
        let keys = props.iter().flat_map(|p| p.aliases.keys());
        out.extend(keys.filter(|k| k.trim().parse::<i64>().is_err()).cloned());
    }
    out.extend(QUOTED_FORMS.iter().map(|s| (*s).to_owned()));
    out
}

/// Chinese names of the category's properties and categories that have an English name.
fn with_english_names(catalog: &Catalog, category_id: i64) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in catalog.path(category_id) {
        if c.category.name_en.as_deref().is_some_and(|e| e != c.category.name) {
            out.insert(c.category.name.clone());
        }
        for p in c.properties() {
            if p.property.name_en.as_deref().is_some_and(|e| e != p.property.name) {
                out.insert(p.property.name.clone());
            }
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// What is wrong with one message; empty when a seller can read it.
fn problems(message: &str, locale: Locale, quotable: &BTreeSet<String>, english: &BTreeSet<String>) -> Vec<String> {
    let ids = regex_lite::Regex::new(r"\d{5,}|\d+:\d+").unwrap();
    let mut out = Vec::new();
    // Quoted parts are names and texts when the params or the snapshot hold them (a SKU
    // combination quotes its values joined by " / "); anything else quoted is read as text.
    let mut bare = String::new();
    for (i, part) in message.split('`').enumerate() {
        let allowed = |s: &str| quotable.contains(s);
        let names_it = i % 2 == 1 && (allowed(part) || part.split(" / ").all(allowed));
        if !names_it {
            bare.push_str(part);
            bare.push(' ');
        } else if locale == Locale::En && english.contains(part) {
            out.push(format!("`{part}` has an English name"));
        }
    }
    if let Some(m) = ids.find(&bare) {
        out.push(format!("raw id `{}`", m.as_str()));
    }
    match locale {
        Locale::ZhCn => {
            for word in bare.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
                if !ZH_ASCII_WORDS.contains(&word) {
                    out.push(format!("English word `{word}`"));
                }
            }
        }
        Locale::En => {
            if let Some(c) = bare.chars().find(|&c| is_cjk(c)) {
                out.push(format!("Chinese `{c}` outside a name"));
            }
        }
    }
    out
}

#[test]
fn every_fixture_message_reads_well_in_both_locales() {
    let (catalogs, cases) = fixtures();
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let catalog = &catalogs[&case.snapshot];
        for locale in [Locale::ZhCn, Locale::En] {
            let options = ValidateOptions { locale, ..case.options.clone() };
            let report = catalog.validate(&case.listing, &options);
            let english = with_english_names(catalog, case.listing.category_id);
            for issue in &report.issues {
                seen.insert((issue.code(), locale == Locale::En));
                let quotable = quotable(issue, catalog, &case.listing);
                for p in problems(&issue.message, locale, &quotable, &english) {
                    failures.push(format!("{} {}: {p} in {:?}", case.file, issue.code().as_str(), issue.message));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} unreadable messages:\n{}", failures.len(), failures.join("\n"));
    // Every code's message was read in both locales.
    for code in crate::Code::ALL {
        for en in [false, true] {
            assert!(seen.contains(&(*code, en)), "no fixture gives {} (en: {en})", code.as_str());
        }
    }
}

#[test]
fn the_reading_rules_catch_what_they_are_for() {
    let quotable: BTreeSet<String> = ["尺码", "M", "乳白色", "Size"].iter().map(|s| (*s).to_owned()).collect();
    let english: BTreeSet<String> = ["尺码".to_owned()].into();
    let check = |m: &str, l: Locale| problems(m, l, &quotable, &english);
    assert!(check("SKU 组合 `M / 乳白色` 与第 1 个 SKU 重复", Locale::ZhCn).is_empty());
    assert!(!check("SKU 组合 `20509:28383;1627207:28321` 重复", Locale::ZhCn).is_empty());
    assert!(!check("缺少必填属性 `尺码` (20509)", Locale::ZhCn).is_empty());
    assert!(!check("JSON 意外结束: EOF while parsing a value", Locale::ZhCn).is_empty());
    assert!(check("required property `Size` is missing", Locale::En).is_empty());
    assert!(!check("required property `尺码` is missing", Locale::En).is_empty());
    assert!(!check("the price is 无效", Locale::En).is_empty());
}
