//! `FIELD_UNKNOWN` (a warning): a member the listing format does not have, in any object of
//! the listing. It is not read, so a misspelt member (`titel`, a SKU's `vid` inside `props`)
//! would otherwise leave its value unchecked without a word; the issue names the closest
//! members of that object.

use super::Rule;
use crate::report::{Code, IssueKind, Severity, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::FieldUnknown], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for u in ctx.listing.unknown_members() {
        let suggestions = crate::input::suggest::closest(u.key, u.object.members.iter().map(|m| m.name));
        let kind = IssueKind::FieldUnknown { field: u.key.to_owned(), object: u.object.name.to_owned(), suggestions };
        sink.push(kind, Severity::Warning, u.pointer);
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    #[test]
    fn a_pair_in_props_is_named_with_the_member_meant() {
        let mut l = tshirt();
        set(&mut l, "/props/0", json!({"pid": 20000, "vid": 3233}));
        let report = run(&demo(), l, &ValidateOptions::default());
        let unknown = report.issues.iter().find(|i| i.code().as_str() == "FIELD_UNKNOWN").unwrap();
        assert_eq!(unknown.path, "/props/0/vid");
        assert_eq!(unknown.severity, crate::Severity::Warning);
        assert_eq!(unknown.message, "属性中没有字段 `vid`, 它的值不会被检查; 您是不是要找 `vids`、`pid`?");
        let en = run(
            &demo(),
            {
                let mut l = tshirt();
                set(&mut l, "/props/0", json!({"pid": 20000, "vid": 3233}));
                l
            },
            &ValidateOptions { locale: Locale::En, ..Default::default() },
        );
        let unknown = en.issues.iter().find(|i| i.code().as_str() == "FIELD_UNKNOWN").unwrap();
        assert_eq!(
            unknown.message,
            "a property has no field `vid`; its value is not checked; did you mean `vids`, `pid`?"
        );
    }

    #[test]
    fn every_object_reports_its_unknown_members_as_warnings_only() {
        let mut l = tshirt();
        l["titel"] = json!("x");
        l["skus"][1]["prise"] = json!("59.00");
        l["location"] = json!({"state": "浙江", "town": "杭州"});
        assert_eq!(paths_of(l.clone(), "FIELD_UNKNOWN"), ["/titel", "/skus/1/prise", "/location/town"]);
        let report = run(&demo(), l, &ValidateOptions::default());
        assert!(report.valid, "{:?}", report.issues);
        assert!(paths_of(tshirt(), "FIELD_UNKNOWN").is_empty());
    }
}
