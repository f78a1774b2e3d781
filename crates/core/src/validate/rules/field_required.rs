//! `FIELD_REQUIRED`: an item field the category (`required_fields` in the snapshot) or the
//! platform (`required_fields` of the limits profile) requires is absent or blank. A field
//! is given as conditions see it (`engine::condition`); the location needs both its province
//! and its city, as Taobao's `location.state` and `location.city` are each required.

use super::Rule;
use crate::input::listing::Location;
use crate::model::rule_model::ITEM_FIELDS;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::condition::field_values;
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::FieldRequired], check };

fn given(ctx: &Ctx<'_>, field: &str) -> bool {
    let filled = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
    if field == "location" {
        return ctx.listing.location.as_ref().is_some_and(|l: &Location| filled(&l.state) && filled(&l.city));
    }
    // A name the format does not have is refused when the snapshot is compiled.
    match ITEM_FIELDS.iter().position(|f| *f == field) {
        Some(i) => !field_values(ctx, i as u8).is_empty(),
        None => true,
    }
}

/// Calls `f` with each required item field (the platform's first, then the category's own),
/// whether the category (rather than the platform) requires it, and whether the listing
/// gives it: what this rule reports and what completeness counts.
pub(crate) fn each_required(ctx: &Ctx<'_>, mut f: impl FnMut(&str, bool, bool)) {
    let platform = &ctx.catalog.limits.required_fields;
    let category = &ctx.cat.category.required_fields;
    // Nearly always both empty.
    if platform.is_empty() && category.is_empty() {
        return;
    }
    for field in platform {
        f(field, false, given(ctx, field));
    }
    for field in category.iter().filter(|f| !platform.contains(f)) {
        f(field, true, given(ctx, field));
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_required(ctx, |field, category, given| {
        if !given {
            sink.error(IssueKind::FieldRequired { field: field.to_owned(), category }, format!("/{field}"));
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Catalog, Locale, Snapshot, ValidateOptions};
    use serde_json::{json, Value};

    /// The demo catalog with the T-shirt category requiring `category` and the platform `platform`.
    fn requiring(category: Value, platform: Value) -> Catalog {
        let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
        let cats = s["categories"].as_array_mut().unwrap();
        let tee = cats.iter_mut().find(|c| c["id"] == json!(50010850)).unwrap();
        tee["required_fields"] = category;
        s["limits"]["required_fields"] = platform;
        Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).unwrap()
    }

    #[test]
    fn an_unknown_field_is_refused_when_compiling() {
        let compile = |category: Value, platform: Value| {
            let mut s: Value = serde_json::to_value(demo_snapshot()).unwrap();
            s["categories"][1]["required_fields"] = category;
            s["limits"]["required_fields"] = platform;
            Catalog::compile(serde_json::from_value::<Snapshot>(s).unwrap()).map(|_| ()).unwrap_err().problems
        };
        let p = compile(json!(["descripton"]), json!(["images", "pic"]));
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(
            matches!(&p[0], crate::Problem::RequiredFieldUnknown { category_id: None, field, .. } if field == "pic")
        );
        assert!(matches!(&p[1],
            crate::Problem::RequiredFieldUnknown { category_id: Some(50010850), suggestions, .. } if suggestions[0] == "description"));
        assert!(p[1].message(Locale::En).contains("did you mean `description`?"), "{}", p[1].message(Locale::En));
        assert!(p[1].message(Locale::ZhCn).contains("您是不是要找 `description`?"));
    }

    #[test]
    fn required_fields_of_the_category_and_the_platform() {
        let cat = requiring(json!(["description", "images", "location"]), json!(["price", "description"]));
        let report = run(&cat, tshirt(), &ValidateOptions::default());
        let found: Vec<(String, String)> = pairs(&report);
        let expected = [
            ("FIELD_REQUIRED", "/price"),
            ("FIELD_REQUIRED", "/description"),
            ("FIELD_REQUIRED", "/images"),
            ("FIELD_REQUIRED", "/location"),
        ];
        assert_eq!(found, expected.map(|(c, p)| (c.to_owned(), p.to_owned())));
        assert_eq!(report.issues[0].message, "平台要求填写价格, 但未填写");
        assert_eq!(report.issues[2].message, "该类目要求填写主图, 但未填写");
        let en = run(&cat, tshirt(), &ValidateOptions { locale: Locale::En, ..Default::default() });
        assert_eq!(en.issues[3].message, "the category requires the location, and it is missing");
        // Given (a blank text is not), and a location needs its city too.
        let mut l = tshirt();
        l["price"] = json!("59.00");
        l["description"] = json!("  ");
        l["images"] = json!(["a.jpg"]);
        l["location"] = json!({"state": "浙江"});
        assert_eq!(paths_of_in(&cat, l.clone()), ["/description", "/location"]);
        l["description"] = json!("纯棉");
        l["location"]["city"] = json!("杭州");
        assert_eq!(paths_of_in(&cat, l), Vec::<String>::new());
    }

    fn paths_of_in(cat: &Catalog, l: Value) -> Vec<String> {
        pairs(&run(cat, l, &ValidateOptions::default())).into_iter().map(|(_, p)| p).collect()
    }
}
