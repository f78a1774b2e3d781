//! The records of the binary form. They mirror the snapshot types field for field, without the
//! JSON-only serde attributes (skipped fields, lenient ids) that a non-self-describing format
//! cannot carry; keeping them separate also lets the JSON format evolve without changing this
//! layout by accident.

use crate::model::ids::Id;
use crate::model::snapshot::{Category, InputMode, Platform, PropValue, Property, Qualification, Status};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Directory {
    pub platform: Platform,
    /// Content hash of the snapshot (canonical JSON), echoed by reports.
    pub hash: String,
    pub built_at: Option<String>,
    pub source: Option<String>,
    /// The limits as JSON: their serde form leaves out limits at their default, which a
    /// non-self-describing format cannot carry.
    pub limits: String,
    /// The seller scope as JSON: small, rarely present, and its serde form is lenient.
    pub seller: Option<String>,
    pub categories: Vec<BinCategory>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BinCategory {
    pub id: Id,
    pub parent_id: Option<Id>,
    pub name: String,
    pub name_en: Option<String>,
    pub leaf: bool,
    pub status: Status,
    pub sort_order: i64,
    pub publish_frozen: bool,
    pub custom_sale_props: bool,
    pub features: Vec<(String, String)>,
    pub qualifications: Vec<(Vec<String>, Option<String>)>,
    pub incomplete: bool,
    /// Price bounds and required item fields, as JSON (rare and small).
    pub rules: Option<String>,
    /// Body offset from the start of the bodies, and length.
    pub offset: u64,
    pub len: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BinBody {
    pub props: Vec<BinProperty>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BinProperty {
    pub pid: Id,
    pub name: String,
    pub name_en: Option<String>,
    /// key, sale, color, item, must, multi, allow_alias as bits 0..7.
    pub flags: u8,
    pub input: InputMode,
    pub status: Status,
    pub sort_order: i64,
    pub parent_pid: Option<Id>,
    pub parent_vid: Option<Id>,
    pub max_length: Option<u32>,
    /// The constraints as JSON: rare, and their serde form has skipped fields a
    /// non-self-describing format cannot carry.
    pub constraints: Option<String>,
    pub child_template: Option<String>,
    pub features: Vec<(String, String)>,
    pub values: Vec<BinValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BinValue {
    pub vid: Id,
    pub name: String,
    pub alias: Option<String>,
    pub status: Status,
    pub sort_order: i64,
    pub features: Vec<(String, String)>,
}

impl BinCategory {
    pub fn from_category(c: &Category, offset: u64, len: u64) -> Self {
        BinCategory {
            id: c.id,
            parent_id: c.parent_id,
            name: c.name.clone(),
            name_en: c.name_en.clone(),
            leaf: c.leaf,
            status: c.status,
            sort_order: c.sort_order,
            publish_frozen: c.publish_frozen,
            custom_sale_props: c.custom_sale_props,
            features: pairs(&c.features),
            qualifications: c.qualifications.iter().map(|q| (q.alternatives.clone(), q.remark.clone())).collect(),
            incomplete: c.incomplete,
            rules: (c.price.is_some() || !c.required_fields.is_empty())
                .then(|| serde_json::to_string(&(c.price, &c.required_fields)).ok())
                .flatten(),
            offset,
            len,
        }
    }

    /// The category; `Err` when its rules do not decode.
    pub fn into_category(self) -> Result<Category, serde_json::Error> {
        let (price, required_fields) = match &self.rules {
            Some(json) => serde_json::from_str(json)?,
            None => (None, Vec::new()),
        };
        Ok(Category {
            id: self.id,
            parent_id: self.parent_id,
            name: self.name,
            name_en: self.name_en,
            leaf: self.leaf,
            status: self.status,
            sort_order: self.sort_order,
            publish_frozen: self.publish_frozen,
            custom_sale_props: self.custom_sale_props,
            features: self.features.into_iter().collect(),
            qualifications: self
                .qualifications
                .into_iter()
                .map(|(alternatives, remark)| Qualification { alternatives, remark })
                .collect(),
            incomplete: self.incomplete,
            price,
            required_fields,
        })
    }
}

impl BinProperty {
    pub fn from_property(p: &Property, values: &[PropValue]) -> Self {
        let flags = [p.key, p.sale, p.color, p.item, p.must, p.multi, p.allow_alias]
            .iter()
            .enumerate()
            .fold(0u8, |acc, (i, &b)| acc | (u8::from(b) << i));
        BinProperty {
            pid: p.pid,
            name: p.name.clone(),
            name_en: p.name_en.clone(),
            flags,
            input: p.input,
            status: p.status,
            sort_order: p.sort_order,
            parent_pid: p.parent_pid,
            parent_vid: p.parent_vid,
            max_length: p.max_length,
            constraints: p.constraints.as_ref().and_then(|c| serde_json::to_string(c).ok()),
            child_template: p.child_template.clone(),
            features: pairs(&p.features),
            values: values
                .iter()
                .map(|v| BinValue {
                    vid: v.vid,
                    name: v.name.clone(),
                    alias: v.alias.clone(),
                    status: v.status,
                    sort_order: v.sort_order,
                    features: pairs(&v.features),
                })
                .collect(),
        }
    }

    /// The property and its values, for category `category_id`; `Err` when its constraints do
    /// not decode.
    pub fn into_parts(self, category_id: Id) -> Result<(Property, Vec<PropValue>), serde_json::Error> {
        let constraints = match &self.constraints {
            Some(json) => Some(Box::new(serde_json::from_str(json)?)),
            None => None,
        };
        let bit = |i: u8| self.flags & (1 << i) != 0;
        let property = Property {
            category_id,
            pid: self.pid,
            name: self.name,
            name_en: self.name_en,
            key: bit(0),
            sale: bit(1),
            color: bit(2),
            item: bit(3),
            must: bit(4),
            multi: bit(5),
            input: self.input,
            status: self.status,
            sort_order: self.sort_order,
            parent_pid: self.parent_pid,
            parent_vid: self.parent_vid,
            allow_alias: bit(6),
            max_length: self.max_length,
            constraints,
            child_template: self.child_template,
            features: self.features.into_iter().collect(),
        };
        let pid = self.pid;
        let values = self
            .values
            .into_iter()
            .map(|v| PropValue {
                category_id,
                pid,
                vid: v.vid,
                name: v.name,
                alias: v.alias,
                status: v.status,
                sort_order: v.sort_order,
                features: v.features.into_iter().collect(),
            })
            .collect();
        Ok((property, values))
    }
}

/// A feature map as the pairs the binary form stores (in key order, as the map holds them).
fn pairs(features: &std::collections::BTreeMap<String, String>) -> Vec<(String, String)> {
    features.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}
