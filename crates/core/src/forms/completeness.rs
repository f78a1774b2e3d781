//! How much of a listing's required input is filled in, so a form can show progress.
//!
//! This is not validation, but it is read off the same evaluation: the listing is resolved as
//! `validate` resolves it, and the rules that report a missing input (`TITLE_MISSING`,
//! `PROP_REQUIRED`, `SKU_REQUIRED`, `QUALIFICATION_MISSING`) say what is required and what is
//! given. An input is missing here exactly when `validate` reports it missing.

use crate::catalog::{Catalog, CompiledProperty};
use crate::forms::form::FormError;
use crate::input::listing::Listing;
use crate::model::ids::Id;
use crate::report::Sink;
use crate::validate::engine::{resolved, Ctx};
use crate::validate::options::{Locale, ValidateOptions};
use crate::validate::rules::{field_required, qualification, required, sku_required, title};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Progress of a listing towards a complete form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Completeness {
    /// The listing's category.
    pub category_id: Id,
    /// Number of required inputs.
    pub required: usize,
    /// How many of them are filled.
    pub filled: usize,
    /// `filled / required`, `1` when nothing is required.
    pub ratio: f64,
    /// The required inputs still empty, in form order.
    pub missing: Vec<MissingField>,
}

/// Which kind of input is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// The title.
    Title,
    /// A required property.
    Prop,
    /// The SKUs, when a required sale property needs them.
    Skus,
    /// A qualification proof.
    Qualification,
    /// An item field the category or the platform requires (`price`, `images`...).
    Field,
}

/// One required input still empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MissingField {
    /// What kind of input it is.
    pub kind: FieldKind,
    /// The property, for `prop` (and for `skus`: the required sale property).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<Id>,
    /// The item field's name, for `field`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Display name in the locale.
    pub label: String,
    /// JSON Pointer of the listing member that takes the input.
    pub path: String,
}

fn label(prop: &CompiledProperty, locale: Locale) -> String {
    match (locale, prop.property.name_en.as_deref()) {
        (Locale::En, Some(en)) if !en.trim().is_empty() => en.to_owned(),
        _ => prop.property.name.clone(),
    }
}

/// The completeness of `listing` against its category.
pub fn completeness(catalog: &Catalog, listing: &Listing, locale: Locale) -> Result<Completeness, FormError> {
    let category_id = listing.category_id;
    let cat = catalog.category(category_id).ok_or(FormError::CategoryNotFound { category_id })?;
    if !cat.category.leaf {
        return Err(FormError::CategoryNotLeaf { category_id, name: cat.category.name.clone() });
    }
    // What resolving reports (unknown values and the like) is the report's business.
    // Every issue is kept: the listing's input limits bound how many there can be.
    let mut sink = Sink::new(false, usize::MAX);
    resolved(catalog, listing, &ValidateOptions::default(), &mut sink, |ctx, _| of(ctx, locale))
        .ok_or_else(|| FormError::CategoryIncomplete { category_id, name: cat.category.name.clone() })
}

/// The required inputs of a resolved listing, in form order: title, item fields, properties,
/// SKUs, qualifications.
fn of(ctx: &Ctx<'_>, locale: Locale) -> Completeness {
    let mut required = 1usize;
    let mut missing = Vec::new();
    if title::title(ctx).is_empty() {
        let label = match locale {
            Locale::ZhCn => "宝贝标题",
            Locale::En => "Title",
        };
        missing.push(MissingField {
            kind: FieldKind::Title,
            pid: None,
            field: None,
            label: label.to_owned(),
            path: "/title".to_owned(),
        });
    }
    field_required::each_required(ctx, |field, _, given| {
        required += 1;
        if !given {
            missing.push(MissingField {
                kind: FieldKind::Field,
                pid: None,
                field: Some(field.to_owned()),
                label: crate::report::messages::field_label(field, locale),
                path: format!("/{field}"),
            });
        }
    });
    required::each_required(ctx, |prop, present, _| {
        required += 1;
        if !present {
            let (pid, label) = (Some(prop.property.pid), label(prop, locale));
            missing.push(MissingField { kind: FieldKind::Prop, pid, field: None, label, path: "/props".to_owned() });
        }
    });
    if let Some(prop) = sku_required::sku_reason(ctx) {
        required += 1;
        if ctx.listing.skus.is_empty() {
            let name = label(prop, locale);
            let label = match locale {
                Locale::ZhCn => format!("SKU ({name})"),
                Locale::En => format!("SKUs ({name})"),
            };
            let pid = Some(prop.property.pid);
            missing.push(MissingField { kind: FieldKind::Skus, pid, field: None, label, path: "/skus".to_owned() });
        }
    }
    for (alternatives, supplied) in qualification::proofs(ctx) {
        required += 1;
        if !supplied {
            let label = alternatives.join(" / ");
            missing.push(MissingField {
                kind: FieldKind::Qualification,
                pid: None,
                field: None,
                label,
                path: "/qualifications".to_owned(),
            });
        }
    }
    let filled = required - missing.len();
    Completeness {
        category_id: ctx.listing.category_id,
        required,
        filled,
        ratio: filled as f64 / required as f64,
        missing,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::validate::rules::testkit::{demo, tshirt};
    use serde_json::json;

    fn of(listing: serde_json::Value, locale: Locale) -> Completeness {
        let listing: Listing = serde_json::from_value(listing).unwrap();
        completeness(&demo(), &listing, locale).unwrap()
    }

    #[test]
    fn a_complete_listing_is_complete() {
        let c = of(tshirt(), Locale::ZhCn);
        // Title, five required properties, the SKUs.
        assert_eq!((c.filled, c.required), (7, 7));
        assert!(c.missing.is_empty());
        assert!((c.ratio - 1.0).abs() < f64::EPSILON);
    }

    #[test]
    fn an_empty_listing_lists_what_remains_in_form_order() {
        let c = of(json!({"category_id": 50010850}), Locale::En);
        assert_eq!((c.filled, c.required), (0, 7));
        let labels: Vec<&str> = c.missing.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels[0], "Title");
        assert!(labels.contains(&"Brand") && labels.contains(&"Size"));
        assert_eq!(c.missing.last().map(|m| m.kind), Some(FieldKind::Skus));
    }

    #[test]
    fn names_count_and_blank_values_do_not() {
        let c = of(
            json!({"category_id": 50010850, "title": " ", "props": [
                {"name": "品牌", "values": ["优衣库"]}, {"pid": 13021751, "text": "  "}]}),
            Locale::ZhCn,
        );
        let missing: Vec<Option<Id>> = c.missing.iter().map(|m| m.pid).collect();
        assert!(!missing.contains(&Some(20000)));
        assert!(missing.contains(&Some(13021751)));
        assert_eq!(c.missing[0].kind, FieldKind::Title);
    }

    #[test]
    fn sale_values_only_in_skus_are_missing_as_validate_says_and_proofs_need_documents() {
        let l = json!({"category_id": 50010850, "skus": [{"props": "1627207:28320;20509:28383"}]});
        let c = of(l.clone(), Locale::ZhCn);
        let pids: Vec<Option<Id>> = c.missing.iter().map(|m| m.pid).collect();
        // The platform wants sale values among the listing's properties too.
        assert!(pids.contains(&Some(1627207)) && pids.contains(&Some(20509)));
        assert!(crate::validate::rules::testkit::paths_of(l, "PROP_REQUIRED").len() >= 2);
        assert!(c.missing.iter().all(|m| m.kind != FieldKind::Skus));

        let legal = of(
            json!({"category_id": 50023000, "title": "合同审查", "props": [{"pid": 1000, "vids": [1]}],
                   "qualifications": [{"name": "营业执照", "document": "media:1"}, {"name": "律师执业资格证", "document": ""}]}),
            Locale::ZhCn,
        );
        assert_eq!((legal.filled, legal.required), (3, 4));
        assert_eq!(legal.missing[0].kind, FieldKind::Qualification);
        assert_eq!(legal.missing[0].label, "律师执业资格证 / 律师事务所执业许可证");
    }

    #[test]
    fn a_value_that_does_not_resolve_is_a_value_problem_not_a_missing_property() {
        let mut l = tshirt();
        crate::validate::rules::testkit::set(&mut l, "/props/0", json!({"pid": 20000, "vids": [999999]}));
        crate::validate::rules::testkit::set(&mut l, "/props/2", json!({"name": "材质", "values": ["不存在的材质"]}));
        let c = of(l.clone(), Locale::ZhCn);
        assert_eq!((c.filled, c.required), (7, 7));
        assert_eq!(c.missing.iter().filter(|m| m.kind == FieldKind::Prop).count(), 0);
        assert!(crate::validate::rules::testkit::paths_of(l.clone(), "PROP_REQUIRED").is_empty());
        assert_eq!(crate::validate::rules::testkit::paths_of(l, "PROP_VALUE_UNKNOWN").len(), 2);
    }

    #[test]
    fn skus_as_a_native_properties_string_count_as_skus_as_a_list() {
        // Sale values given only in the SKUs, once as pair lists and once as native strings.
        let mut listed = tshirt();
        listed["props"].as_array_mut().unwrap().truncate(3);
        let mut l = listed.clone();
        for sku in l["skus"].as_array_mut().unwrap() {
            let p = sku["props"].take();
            let native = format!("{}:{};{}:{}", p[0]["pid"], p[0]["vid"], p[1]["pid"], p[1]["vid"]);
            sku.as_object_mut().unwrap().remove("props");
            sku["properties"] = json!(native);
        }
        assert_eq!(of(l, Locale::ZhCn), of(listed, Locale::ZhCn));
    }

    /// `(code, pid)` of an input `validate` reports missing.
    fn reported_missing(report: &crate::Report) -> Vec<(String, Option<Id>, Option<String>)> {
        let issues = serde_json::to_value(&report.issues).unwrap();
        let mut out: Vec<(String, Option<Id>, Option<String>)> = issues
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| {
                ["TITLE_MISSING", "FIELD_REQUIRED", "PROP_REQUIRED", "SKU_REQUIRED", "QUALIFICATION_MISSING"]
                    .contains(&i["code"].as_str().unwrap())
            })
            .map(|i| {
                let field = i["params"]["field"].as_str().map(str::to_owned);
                (i["code"].as_str().unwrap().to_owned(), i["params"]["pid"].as_i64(), field)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn completeness_agrees_with_validate_over_every_fixture() {
        let (catalogs, cases) = crate::validate::rules::testkit::fixtures();
        let mut compared = 0;
        for case in &cases {
            let catalog = &catalogs[&case.snapshot];
            let Ok(c) = completeness(catalog, &case.listing, Locale::ZhCn) else { continue };
            let mut got: Vec<(String, Option<Id>, Option<String>)> = c
                .missing
                .iter()
                .map(|m| {
                    let code = match m.kind {
                        FieldKind::Title => "TITLE_MISSING",
                        FieldKind::Prop => "PROP_REQUIRED",
                        FieldKind::Skus => "SKU_REQUIRED",
                        FieldKind::Qualification => "QUALIFICATION_MISSING",
                        FieldKind::Field => "FIELD_REQUIRED",
                    };
                    (code.to_owned(), m.pid, m.field.clone())
                })
                .collect();
            got.sort();
            // Completeness keeps every issue; so must the report it is compared with.
            let options = ValidateOptions { max_issues: usize::MAX, ..case.options.clone() };
            assert_eq!(got, reported_missing(&catalog.validate(&case.listing, &options)), "{}", case.file);
            assert_eq!(c.filled + c.missing.len(), c.required, "{}", case.file);
            compared += 1;
        }
        assert!(compared > 100, "only {compared} fixtures compared");
    }

    #[test]
    fn required_item_fields_count_after_the_title() {
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        s["limits"] = json!({"required_fields": ["price"]});
        s["categories"][1]["required_fields"] = json!(["images"]);
        let catalog = Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let mut l = tshirt();
        l["images"] = json!(["a.jpg"]);
        let listing: Listing = serde_json::from_value(l).unwrap();
        let c = completeness(&catalog, &listing, Locale::En).unwrap();
        // Title, price, images, five required properties, the SKUs.
        assert_eq!((c.filled, c.required), (8, 9));
        assert_eq!(c.missing[0].kind, FieldKind::Field);
        assert_eq!(c.missing[0].field.as_deref(), Some("price"));
        assert_eq!(c.missing[0].label, "Price");
        assert_eq!(c.missing[0].path, "/price");
        let zh = completeness(&catalog, &listing, Locale::ZhCn).unwrap();
        assert_eq!(zh.missing[0].label, "价格");
    }

    #[test]
    fn unknown_category_is_an_error() {
        let listing: Listing = serde_json::from_value(json!({"category_id": 7})).unwrap();
        assert_eq!(completeness(&demo(), &listing, Locale::ZhCn).unwrap_err().code(), "CATEGORY_NOT_FOUND");
    }
}
