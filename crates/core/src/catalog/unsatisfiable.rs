//! Categories no listing can satisfy: a required, enum-only property that applies to every
//! listing (it depends on no other value) but has no value in use. Such a hole usually comes
//! from a values call that failed while the snapshot was built; every listing in the category
//! would be reported for the missing property, whatever the seller does.

use crate::catalog::Catalog;
use crate::model::ids::Id;
use crate::model::snapshot::{InputMode, Status};
use serde::Serialize;

/// A category and the property it cannot have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unsatisfiable {
    /// The category's id.
    pub category_id: Id,
    /// The category's name.
    pub category: String,
    /// The required property no value can satisfy.
    pub pid: Id,
    /// Its name.
    pub prop: String,
    /// The category is marked incomplete: the hole is known to be a missing answer.
    pub incomplete: bool,
}

impl Catalog {
    /// Every leaf category with a property no listing can give a value for, in snapshot order
    /// (one entry per property). Decodes every category body of a binary snapshot.
    pub fn unsatisfiable(&self) -> Vec<Unsatisfiable> {
        let mut out = Vec::new();
        for cat in self.categories().filter(|c| c.category.leaf) {
            for p in cat.properties() {
                let prop = &p.property;
                let usable = p.values.iter().any(|v| v.status == Status::Normal);
                if prop.must
                    && prop.status == Status::Normal
                    && prop.input == InputMode::Enum
                    && prop.parent().is_none()
                    && !usable
                {
                    out.push(Unsatisfiable {
                        category_id: cat.category.id,
                        category: cat.category.name.clone(),
                        pid: prop.pid,
                        prop: prop.name.clone(),
                        incomplete: cat.category.incomplete,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::snapshot::{InputMode, Status};
    use crate::{Catalog, Snapshot};
    use serde_json::json;

    fn snapshot(props: serde_json::Value, values: serde_json::Value) -> Catalog {
        let snap: Snapshot = serde_json::from_value(json!({"format": 1, "platform": "taobao",
            "categories": [{"id": 1, "name": "服装", "leaf": false}, {"id": 2, "parent_id": 1, "name": "T恤", "leaf": true}],
            "properties": props, "values": values}))
        .unwrap();
        Catalog::compile(snap).unwrap()
    }

    #[test]
    fn a_required_enum_property_with_no_usable_value_is_found() {
        let prop = |pid: i64, name: &str| json!({"category_id": 2, "pid": pid, "name": name, "must": true});
        let c = snapshot(
            json!([prop(10, "包装方式"), prop(11, "材质"), prop(12, "颜色")]),
            json!([{"category_id": 2, "pid": 11, "vid": 1, "name": "棉"},
                   {"category_id": 2, "pid": 12, "vid": 2, "name": "红", "status": "deleted"}]),
        );
        let found = c.unsatisfiable();
        let found: Vec<(i64, i64, &str, &str)> =
            found.iter().map(|u| (u.category_id, u.pid, u.category.as_str(), u.prop.as_str())).collect();
        assert_eq!(found, vec![(2, 10, "T恤", "包装方式"), (2, 12, "T恤", "颜色")]);
    }

    #[test]
    fn optional_free_text_dependent_or_retired_properties_are_not() {
        let c = snapshot(
            json!([
                {"category_id": 2, "pid": 10, "name": "包装方式"},
                {"category_id": 2, "pid": 11, "name": "货号", "must": true, "input": "text"},
                {"category_id": 2, "pid": 12, "name": "品牌", "must": true, "input": "enum_or_text"},
                {"category_id": 2, "pid": 13, "name": "地区", "must": true},
                {"category_id": 2, "pid": 14, "name": "城市", "must": true, "parent_pid": 13, "parent_vid": 1},
                {"category_id": 2, "pid": 15, "name": "旧属性", "must": true, "status": "deleted"}
            ]),
            json!([{"category_id": 2, "pid": 13, "vid": 1, "name": "浙江"}]),
        );
        assert!(c.unsatisfiable().is_empty(), "{:?}", c.unsatisfiable());
        // The defaults the cases rely on.
        assert_eq!((InputMode::default(), Status::default()), (InputMode::Enum, Status::Normal));
    }
}
