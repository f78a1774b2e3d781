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
        for (vid_key, alias) in aliases {
            let path = || pointer(&format!("{}/aliases", ctx.prop_path(rp.input)), vid_key);
            if !p.allow_alias {
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
