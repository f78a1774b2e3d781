//! `ALIAS_NOT_ALLOWED`, `ALIAS_INVALID`: seller names for chosen values. An alias is at most
//! `alias_max_bytes` (60) long, counted as Taobao counts a title's bytes (a Chinese character
//! is two).

use super::Rule;
use crate::input::normalize::platform_bytes;
use crate::model::rule_model::LengthUnit;
use crate::report::{pointer, AliasProblem, Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::AliasNotAllowed, Code::AliasInvalid], check };

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let limits = &ctx.catalog.limits;
    for rp in &ctx.props {
        let aliases = &ctx.inputs[rp.input].aliases;
        let p = &rp.prop.property;
        let custom_ok = ctx.cat.accepts_custom(rp.prop);
        for (vid_key, alias) in aliases {
            let path = || pointer(&format!("{}/aliases", ctx.prop_path(rp.input)), vid_key);
            // A value of the seller's own is named by its entry here (Taobao sends it as
            // `input_custom_cpv`, not as an alias): a property that takes own values takes their
            // text, whether or not it lets sellers rename its listed values.
            let own_value = custom_ok && vid_key.trim().parse::<i64>().is_ok_and(|vid| vid < 0);
            if !p.allow_alias && !own_value {
                sink.error(
                    IssueKind::AliasNotAllowed { pid: p.pid, prop: p.name.clone(), vid: vid_key.clone() },
                    path(),
                );
                continue;
            }
            let chosen =
                vid_key.trim().parse::<i64>().ok().is_some_and(|vid| rp.values.iter().any(|v| v.vid == Some(vid)));
            let problem = if !chosen {
                Some(AliasProblem::ValueNotChosen)
            } else if alias.trim().is_empty() {
                Some(AliasProblem::Empty)
            } else if platform_bytes(alias) > limits.alias_max_bytes as usize {
                Some(AliasProblem::TooLong)
            } else if limits.filter_alias_words
                && limits.forbidden_alias_words.iter().any(|w| !w.is_empty() && alias.contains(w.as_str()))
            {
                Some(AliasProblem::ForbiddenWord)
            } else {
                None
            };
            if let Some(problem) = problem {
                let kind = IssueKind::AliasInvalid {
                    pid: p.pid,
                    vid: vid_key.clone(),
                    alias: alias.clone(),
                    problem,
                    max: limits.alias_max_bytes,
                    unit: LengthUnit::Bytes,
                };
                sink.error(kind, path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use serde_json::json;

    fn alias(prop: usize, aliases: serde_json::Value) -> Vec<(String, String)> {
        let mut l = tshirt();
        set(&mut l, &format!("/props/{prop}/aliases"), aliases);
        issues(l)
    }

    #[test]
    fn aliases_only_where_allowed() {
        let mut l = tshirt();
        set(&mut l, "/props/4", json!({"pid": 20509, "vids": [28383, 28384], "aliases": {"28383": "中号"}}));
        assert_eq!(issues(l), vec![("ALIAS_NOT_ALLOWED".into(), "/props/4/aliases/28383".into())]);
    }

    #[test]
    fn a_value_of_the_sellers_own_is_named_where_its_property_takes_own_values() {
        // 尺码 lets no listed value be renamed, but T恤 takes sale values of the seller's own:
        // the text of the own size -2 is its name, not a forbidden alias.
        let mut l = tshirt();
        set(&mut l, "/props/4", json!({"pid": 20509, "vids": [28383, 28384, -2], "aliases": {"-2": "加大码"}}));
        let skus = l["skus"].as_array_mut().unwrap();
        for colour in [28321, 28320] {
            let props = json!([{"pid": 1627207, "vid": colour}, {"pid": 20509, "vid": -2}]);
            skus.push(json!({"props": props, "price": "59.00", "quantity": 1}));
        }
        assert_eq!(issues(l.clone()), vec![]);
        // Its text is held to what any alias is held to.
        set(&mut l, "/props/4/aliases/-2", json!(" "));
        assert_eq!(issues(l.clone()), vec![("ALIAS_INVALID".into(), "/props/4/aliases/-2".into())]);
        // A listed size still cannot be renamed.
        set(&mut l, "/props/4/aliases", json!({"-2": "加大码", "28383": "中号"}));
        assert_eq!(issues(l), vec![("ALIAS_NOT_ALLOWED".into(), "/props/4/aliases/28383".into())]);
        // 材质 takes no own values: the own value is refused, and so is naming it.
        let mut l = tshirt();
        set(&mut l, "/props/2", json!({"pid": 20021, "vids": [-3], "aliases": {"-3": "竹纤维"}}));
        assert_eq!(
            issues(l),
            vec![
                ("PROP_CUSTOM_VALUE_NOT_ALLOWED".into(), "/props/2/vids/0".into()),
                ("ALIAS_NOT_ALLOWED".into(), "/props/2/aliases/-3".into())
            ]
        );
    }

    #[test]
    fn bad_aliases_are_invalid() {
        let at = |k: &str| vec![("ALIAS_INVALID".to_owned(), format!("/props/3/aliases/{k}"))];
        // Forbidden words only where the snapshot asks for aliases to be filtered.
        assert!(alias(3, json!({"28321": "其他颜色"})).is_empty());
        let mut s: serde_json::Value = serde_json::to_value(demo_snapshot()).unwrap();
        s["limits"]["filter_alias_words"] = json!(true);
        let filtering = crate::Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let mut l = tshirt();
        set(&mut l, "/props/3/aliases", json!({"28321": "其他颜色"}));
        assert_eq!(pairs(&run(&filtering, l, &crate::ValidateOptions::default())), at("28321"));
        // 60 bytes: 30 Chinese characters, or 60 letters; one more byte is over.
        assert!(alias(3, json!({"28321": "米".repeat(30), "28320": "W".repeat(60)})).is_empty());
        assert_eq!(alias(3, json!({"28321": format!("{}W", "米".repeat(30))})), at("28321"));
        assert_eq!(alias(3, json!({"28321": "W".repeat(61)})), at("28321"));
        assert_eq!(alias(3, json!({"28341": "墨黑"})), at("28341"));
        assert_eq!(alias(3, json!({"28321": ""})), at("28321"));
        assert!(alias(3, json!({"28321": "米白", "28320": "雪白"})).is_empty());
    }
}
