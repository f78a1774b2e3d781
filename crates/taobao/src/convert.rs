//! TOP domain objects → `shelfcheck-core` snapshot records.

use std::collections::BTreeMap;

use shelfcheck_core::model::snapshot::{Category, InputMode, Platform, PropValue, Property, Status};

use crate::model::{Feature, ItemCat, ItemProp, PropValue as TopValue};

/// TOP uses `0` for "no parent"; the snapshot uses absence.
fn nonzero(id: i64) -> Option<i64> {
    (id != 0).then_some(id)
}

/// Anything but `normal` (`deleted`, or an unknown state) is treated as unusable, so a listing
/// on it is flagged rather than silently accepted.
fn status(s: &str) -> Status {
    match s {
        "" | "normal" => Status::Normal,
        _ => Status::Deleted,
    }
}

fn feature_map(features: &[Feature]) -> BTreeMap<String, String> {
    features.iter().filter(|f| !f.attr_key.is_empty()).map(|f| (f.attr_key.clone(), f.attr_value.clone())).collect()
}

pub fn category(cat: &ItemCat) -> Category {
    let features = feature_map(&cat.features);
    // `freeze` lists frozen actions: 0 = editing, 5 = publishing.
    let publish_frozen = features.get("freeze").is_some_and(|v| v.split(',').any(|x| x.trim() == "5"));
    let custom_sale_props = features.get("udsaleprop").is_some_and(|v| v.trim() == "1");
    Category {
        id: cat.cid,
        parent_id: nonzero(cat.parent_cid),
        name: cat.name.clone(),
        name_en: None,
        leaf: !cat.is_parent,
        status: status(&cat.status),
        sort_order: cat.sort_order,
        publish_frozen,
        custom_sale_props,
        features,
        qualifications: Vec::new(),
        incomplete: false,
        price: None,
        required_fields: Vec::new(),
    }
}

/// A category known only through its properties (recorded sale-property files, or a recording
/// without `itemcats` calls): described as a top-level leaf named by its id.
pub fn placeholder_category(cid: i64) -> Category {
    Category::new(cid, None, cid.to_string(), true)
}

fn input_mode(p: &ItemProp, platform: Platform) -> InputMode {
    let mode = match p.kind.as_str() {
        "multiCheck" | "optional" => InputMode::Enum,
        "multiCheckText" | "optionalText" => InputMode::EnumOrText,
        "text" => InputMode::Text,
        // `type` was not requested: derive it from the flags. An enum property that also
        // takes input accepts the seller's own values.
        _ => match (p.is_enum_prop, p.is_input_prop) {
            (Some(true), true) => InputMode::EnumOrText,
            (Some(true), false) => InputMode::Enum,
            // Neither `type` nor `is_enum_prop` was sent (old answers): free text, until the
            // importer sees values for it (see `mode_unstated`).
            (Some(false) | None, _) => InputMode::Text,
        },
    };
    // Tmall (B-sellers) may not type their own brand or model even where Taobao allows it.
    if platform == Platform::Tmall && p.is_key_prop && mode == InputMode::EnumOrText {
        InputMode::Enum
    } else {
        mode
    }
}

/// Whether the answer said nothing of how the property takes values.
pub fn mode_unstated(p: &ItemProp) -> bool {
    p.kind.is_empty() && p.is_enum_prop.is_none()
}

/// `parent` is the value the property hangs under, as [`crate::children::stated_parent`] reads
/// it from the answer and its call.
pub fn property(p: &ItemProp, cid: i64, platform: Platform, parent: Option<(i64, i64)>) -> Property {
    Property {
        category_id: cid,
        pid: p.pid,
        name: p.name.clone(),
        name_en: None,
        key: p.is_key_prop,
        sale: p.is_sale_prop,
        color: p.is_color_prop,
        item: p.is_item_prop,
        must: p.must,
        multi: p.multi || p.kind.starts_with("multiCheck"),
        input: input_mode(p, platform),
        status: status(&p.status),
        sort_order: p.sort_order,
        parent_pid: parent.map(|(pid, _)| pid),
        parent_vid: parent.map(|(_, vid)| vid),
        // `is_allow_alias` is only sent when requested; sale-property values are the ones
        // sellers rename (`property_alias`), so that is the default when it is missing.
        allow_alias: p.is_allow_alias.unwrap_or(p.is_sale_prop),
        max_length: None,
        constraints: None,
        child_template: Some(p.child_template.trim()).filter(|t| !t.is_empty()).map(str::to_owned),
        features: feature_map(&p.features),
    }
}

pub fn value(v: &TopValue, cid: i64, pid: i64) -> PropValue {
    let alias = (!v.name_alias.is_empty() && v.name_alias != v.name).then(|| v.name_alias.clone());
    PropValue {
        category_id: cid,
        pid,
        vid: v.vid,
        name: v.name.clone(),
        alias,
        status: status(&v.status),
        sort_order: v.sort_order,
        features: feature_map(&v.features),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn cat(features: &[(&str, &str)]) -> ItemCat {
        ItemCat {
            cid: 2,
            parent_cid: 0,
            name: "T恤".into(),
            is_parent: false,
            status: "normal".into(),
            sort_order: 3,
            features: features
                .iter()
                .map(|(k, v)| Feature { attr_key: (*k).into(), attr_value: (*v).into() })
                .collect(),
        }
    }

    #[test]
    fn freeze_5_blocks_publishing_and_udsaleprop_allows_custom_sale_props() {
        let c = category(&cat(&[("freeze", "0,5"), ("udsaleprop", "1")]));
        assert!(c.publish_frozen && c.custom_sale_props && c.leaf);
        assert_eq!(c.parent_id, None);
        let c = category(&cat(&[("freeze", "0")]));
        assert!(!c.publish_frozen && !c.custom_sale_props);
    }

    #[test]
    fn child_templates_and_features_reach_the_snapshot_json_or_xml() {
        use crate::import::{import_exchanges, ImportOptions};
        use shelfcheck_fetch::Exchange;
        let props = r#"{"itemprops_get_response":{"item_props":{"item_prop":[
            {"pid":20000,"name":"品牌","is_enum_prop":true,"is_input_prop":true,"child_template":"系列;型号",
             "features":{"feature":[{"attr_key":"k","attr_value":"v"},{"attr_key":"","attr_value":"x"}]}},
            {"pid":2,"name":"材质","is_enum_prop":true,"child_template":"  "}]}}}"#;
        let values = r#"<itempropvalues_get_response><prop_values list="true"><prop_value>
            <pid>20000</pid><vid>1</vid><name>甲</name>
            <features list="true"><feature><attr_key>vk</attr_key><attr_value>vv</attr_value></feature></features>
            </prop_value><prop_value><pid>2</pid><vid>3</vid><name>棉</name></prop_value></prop_values>
            </itempropvalues_get_response>"#;
        let exchanges = [
            Exchange::new("taobao", "taobao.itemprops.get", [("cid", "9")], props),
            Exchange::new("taobao", "taobao.itempropvalues.get", [("cid", "9")], values),
        ];
        let (snap, _) = import_exchanges(&exchanges, &ImportOptions::default()).unwrap();
        let brand = snap.properties.iter().find(|p| p.pid == 20000).unwrap();
        assert_eq!(brand.child_template.as_deref(), Some("系列;型号"));
        // A feature without a key names nothing and is left out.
        assert_eq!(brand.features, BTreeMap::from([("k".to_owned(), "v".to_owned())]));
        let material = snap.properties.iter().find(|p| p.pid == 2).unwrap();
        assert!(material.child_template.is_none() && material.features.is_empty());
        let value = |vid| snap.values.iter().find(|v| v.vid == vid).unwrap();
        assert_eq!(value(1).features.get("vk").map(String::as_str), Some("vv"));
        assert!(value(3).features.is_empty());
        // What is empty is not written, so a snapshot without them keeps its bytes.
        let text = String::from_utf8(crate::import::snapshot_bytes(&snap)).unwrap();
        assert_eq!(text.matches("child_template").count(), 1, "{text}");
        assert_eq!(text.matches("\"features\"").count(), 2, "{text}");
    }

    #[test]
    fn tmall_key_props_are_enum_only() {
        let p: ItemProp = serde_json::from_str(
            r#"{"pid":20000,"name":"品牌","is_key_prop":true,"is_enum_prop":true,"is_input_prop":true}"#,
        )
        .unwrap();
        assert_eq!(property(&p, 1, Platform::Taobao, None).input, InputMode::EnumOrText);
        assert_eq!(property(&p, 1, Platform::Tmall, None).input, InputMode::Enum);
    }
}
