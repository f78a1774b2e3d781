//! The item's property string. Taobao's `item.add` takes the chosen values as one `props`
//! string, `pid:vid;pid:vid`, and refuses more than `props_max_pairs` (35) pairs or more
//! than `props_max_bytes` (549) bytes, separators included. A native `props` string is
//! measured as given; a list as the string it stands for: one pair per chosen value id,
//! listed or the seller's own (typed text travels apart, in `input_str`).
//! `PROPS_LIMIT_EXCEEDED` for the pairs, `VALUE_TOO_LONG` in bytes for the length, each once
//! on `/props`. A limit of 0 is none (1688 and WeChat take no such string).

use super::aliases_total::digits;
use super::Rule;
use crate::input::listing::Props;
use crate::model::rule_model::LengthUnit;
use crate::report::{Code, IssueKind, Sink};
use crate::validate::engine::Ctx;

pub(crate) const RULE: Rule = Rule { codes: &[Code::PropsLimitExceeded, Code::ValueTooLong], check };

/// The pairs and the bytes of the listing's property string.
fn measure(ctx: &Ctx<'_>) -> (usize, usize) {
    if let Props::Native(text) = &ctx.listing.props {
        return (ctx.inputs.iter().map(|p| p.vids.len()).sum(), text.len());
    }
    let (mut pairs, mut bytes) = (0usize, 0usize);
    for rp in &ctx.props {
        let pid = digits(rp.prop.property.pid);
        for vid in rp.values.iter().filter_map(|v| v.vid) {
            pairs += 1;
            bytes += pid + 1 + digits(vid);
        }
    }
    // A `;` between every two pairs.
    (pairs, bytes + pairs.saturating_sub(1))
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let limits = &ctx.catalog.limits;
    let (max_pairs, max_bytes) = (limits.props_max_pairs, limits.props_max_bytes);
    if max_pairs == 0 && max_bytes == 0 {
        return;
    }
    let (pairs, bytes) = measure(ctx);
    if max_pairs > 0 && pairs > max_pairs as usize {
        sink.error(IssueKind::PropsLimitExceeded { count: pairs, max: max_pairs }, "/props");
    }
    if max_bytes > 0 && bytes > max_bytes as usize {
        let kind = IssueKind::ValueTooLong {
            pid: None,
            prop: String::new(),
            field: Some("props".into()),
            value: String::new(),
            length: bytes,
            max: max_bytes,
            unit: LengthUnit::Bytes,
        };
        sink.error(kind, "/props");
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::rules::testkit::*;
    use crate::{Locale, ValidateOptions};
    use serde_json::json;

    /// The demo snapshot with a property string of at most `pairs` pairs and `bytes` bytes.
    fn limited(pairs: u32, bytes: u32) -> crate::Catalog {
        let mut s: serde_json::Value = serde_json::to_value(demo_snapshot()).unwrap();
        s["limits"]["props_max_pairs"] = json!(pairs);
        s["limits"]["props_max_bytes"] = json!(bytes);
        crate::Catalog::compile(serde_json::from_value(s).unwrap()).unwrap()
    }

    /// This rule's issues (the listings below are otherwise valid but for what the native
    /// form cannot say: typed text, hence required properties).
    fn found(catalog: &crate::Catalog, listing: serde_json::Value) -> Vec<(String, String)> {
        let all = pairs(&run(catalog, listing, &ValidateOptions::default()));
        all.into_iter().filter(|(code, _)| code == "PROPS_LIMIT_EXCEEDED" || code == "VALUE_TOO_LONG").collect()
    }

    #[test]
    fn a_list_counts_as_the_string_it_stands_for() {
        // The T-shirt chooses a brand, two colours and two sizes by id and 棉 (105255) by
        // name; its article number is typed text, not a pair. 20000:3233;1627207:28321;
        // 1627207:28320;20509:28383;20509:28384;20021:105255 is 6 pairs and 75 bytes.
        let l = tshirt();
        assert!(found(&limited(6, 75), l.clone()).is_empty());
        assert_eq!(found(&limited(5, 75), l.clone()), vec![("PROPS_LIMIT_EXCEEDED".into(), "/props".into())]);
        assert_eq!(found(&limited(6, 74), l.clone()), vec![("VALUE_TOO_LONG".into(), "/props".into())]);
        // A value of the seller's own is a pair too (`1627207:-1`, 10 bytes and a `;`).
        let mut own = l;
        own["props"][3]["vids"] = json!([28321, 28320, -1]);
        own["props"][3]["aliases"]["-1"] = json!("雾霾蓝");
        assert_eq!(found(&limited(6, 86), own.clone()), vec![("PROPS_LIMIT_EXCEEDED".into(), "/props".into())]);
        assert_eq!(found(&limited(7, 85), own), vec![("VALUE_TOO_LONG".into(), "/props".into())]);
    }

    #[test]
    fn a_native_string_is_measured_as_given() {
        let mut l = tshirt();
        l["props"] = json!("20000:3233;1627207:28321;1627207:28320;20509:28383;20509:28384");
        // 62 bytes, 5 pairs.
        assert!(found(&limited(5, 62), l.clone()).is_empty());
        assert_eq!(
            found(&limited(4, 61), l.clone()),
            vec![("PROPS_LIMIT_EXCEEDED".into(), "/props".into()), ("VALUE_TOO_LONG".into(), "/props".into())]
        );
        let message = |locale, code: &str| {
            let report = run(&limited(4, 61), l.clone(), &ValidateOptions { locale, ..Default::default() });
            report.issues.into_iter().find(|i| i.code().as_str() == code).map(|i| i.message).unwrap_or_default()
        };
        assert_eq!(
            message(Locale::En, "PROPS_LIMIT_EXCEEDED"),
            "the listing chooses 5 property values; the platform takes at most 4: choose fewer"
        );
        assert_eq!(
            message(Locale::En, "VALUE_TOO_LONG"),
            "the property string (all chosen values together) is too long: 62 bytes, the limit is 61 bytes"
        );
        assert_eq!(message(Locale::ZhCn, "VALUE_TOO_LONG"), "属性串 (全部所选属性值) 过长: 62 字节, 上限 61 字节");
        assert_eq!(message(Locale::ZhCn, "PROPS_LIMIT_EXCEEDED"), "所选属性值过多: 5 个, 平台上限 4 个, 请减少");
        // No limit on a platform without the string.
        assert!(found(&limited(0, 0), l).is_empty());
    }
}
