//! The snapshot derived from real recorded data must stay a faithful subset of the recording:
//! the cases built on it are only worth something if its properties and values are the
//! platform's own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use shelfcheck_core::snapshot::InputMode;
use shelfcheck_core::Snapshot;
use shelfcheck_tests::fixtures_dir;
use std::collections::HashMap;

const CID: i64 = 125060030;

fn recording() -> Option<Value> {
    let path = fixtures_dir().join("../../shared/data/taobao-sale-props").join(format!("{CID}.json"));
    let text = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&text).unwrap())
}

fn list<'a>(v: &'a Value, pointer: &str) -> &'a [Value] {
    v.pointer(pointer).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

#[test]
fn the_cities_snapshot_is_a_subset_of_the_recording() {
    let Some(rec) = recording() else {
        eprintln!("skipped: the recorded responses (../shared/data/taobao-sale-props) are not present");
        return;
    };
    let text = std::fs::read_to_string(fixtures_dir().join("snapshots/taobao-125060030-cities.json")).unwrap();
    let snapshot: Snapshot = serde_json::from_str(&text).unwrap();
    let props: HashMap<i64, &Value> = list(&rec, "/props/itemprops_get_response/item_props/item_prop")
        .iter()
        .map(|p| (p["pid"].as_i64().unwrap(), p))
        .collect();
    let values: HashMap<(i64, i64), &Value> =
        list(&rec, "/propvalues/itempropvalues_get_response/prop_values/prop_value")
            .iter()
            .map(|v| ((v["pid"].as_i64().unwrap(), v["vid"].as_i64().unwrap()), v))
            .collect();
    assert!(snapshot.properties.len() >= 5 && snapshot.values.len() >= 10, "the subset is too small to be useful");
    for p in &snapshot.properties {
        let r = props.get(&p.pid).unwrap_or_else(|| panic!("pid {} is not in the recording", p.pid));
        assert_eq!(p.category_id, CID);
        assert_eq!(p.name, r["name"].as_str().unwrap(), "name of {}", p.pid);
        assert_eq!(p.sale, r["is_sale_prop"].as_bool().unwrap(), "sale flag of {}", p.pid);
        assert_eq!(p.must, r["must"].as_bool().unwrap(), "must flag of {}", p.pid);
        assert_eq!(p.multi, r["multi"].as_bool().unwrap(), "multi flag of {}", p.pid);
        let parent = (r["parent_pid"].as_i64().unwrap(), r["parent_vid"].as_i64().unwrap());
        assert_eq!(p.parent(), Some(parent).filter(|(pid, _)| *pid != 0), "parent of {}", p.pid);
        let enum_prop = r["is_enum_prop"].as_bool().unwrap();
        let input = r["is_input_prop"].as_bool().unwrap();
        let expected = match (enum_prop, input) {
            (false, _) => InputMode::Text,
            (true, true) => InputMode::EnumOrText,
            (true, false) => InputMode::Enum,
        };
        assert_eq!(p.input, expected, "input mode of {}", p.pid);
    }
    for v in &snapshot.values {
        let r =
            values.get(&(v.pid, v.vid)).unwrap_or_else(|| panic!("value {}:{} is not in the recording", v.pid, v.vid));
        assert_eq!(v.category_id, r["cid"].as_i64().unwrap());
        assert_eq!(v.name, r["name"].as_str().unwrap(), "name of {}:{}", v.pid, v.vid);
        let alias = r["name_alias"].as_str().filter(|a| *a != v.name);
        assert_eq!(v.alias.as_deref(), alias, "alias of {}:{}", v.pid, v.vid);
    }
}
