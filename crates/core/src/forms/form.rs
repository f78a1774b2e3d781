//! Form descriptors: everything a listing form needs to render one category.
//!
//! A descriptor is plain data (serialisable, in the caller's locale) so that a web page can
//! draw the form without knowing the snapshot format: the category path, the fields in the
//! order the platform shows them, their options, which field depends on which value, the
//! qualification proofs and the title limits.

use crate::catalog::{Catalog, CompiledCategory, CompiledProperty};
use crate::model::ids::Id;
use crate::model::snapshot::{InputMode, Platform, Status};
use crate::validate::options::Locale;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What a form needs to render one leaf category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormDescriptor {
    /// The leaf category.
    pub category_id: Id,
    /// The platform the snapshot describes.
    pub platform: Platform,
    /// The language of the labels.
    pub locale: Locale,
    /// Category names from the top level down to this category, in the locale.
    pub category_path: Vec<String>,
    /// Whether listings may be published here (a leaf, not deleted, not frozen).
    pub publishable: bool,
    /// The title input.
    pub title: TitleField,
    /// The item fields (price, quantity, description, images, location...) in the listing's
    /// order, each saying whether the category or the platform requires it.
    pub item_fields: Vec<ItemField>,
    /// Properties in display order: required first where the platform does so, then by the
    /// platform's sort order; a dependent field follows the field it depends on.
    pub fields: Vec<FormField>,
    /// Proofs a sensitive category requires; any one alternative satisfies a proof.
    pub qualifications: Vec<QualificationField>,
    /// Most SKUs per listing.
    pub max_skus: u32,
    /// Longest value alias in bytes, a non-ASCII character counting as two.
    pub alias_max_bytes: u32,
    /// Whether sellers may define their own sale properties.
    pub custom_sale_props: bool,
    /// Content hash of the snapshot the descriptor comes from.
    pub snapshot_hash: String,
}

/// The title input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TitleField {
    /// Display name in the locale.
    pub label: String,
    /// Whether a listing needs a title (always, on every platform).
    pub required: bool,
    /// Longest title in characters.
    pub max_chars: u32,
    /// Longest title in bytes, a non-ASCII character counting as two.
    pub max_bytes: u32,
}

/// One item field input (the listing member of the same `name`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemField {
    /// The listing member (`price`, `images`, `location`...).
    pub name: String,
    /// Display name in the locale.
    pub label: String,
    /// The category (its `required_fields`) or the platform requires it.
    pub required: bool,
}

/// One property input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormField {
    /// The property id.
    pub pid: Id,
    /// Display name in the locale.
    pub label: String,
    /// The platform's own (Chinese) name, which listings may use instead of `pid`.
    pub name: String,
    /// The listing must give a value.
    pub required: bool,
    /// Several values may be chosen.
    pub multi: bool,
    /// How values are given: from the options, as free text, or either.
    pub input: InputMode,
    /// Sale property: its chosen values span the SKU table.
    pub sale: bool,
    /// Key property: identifies the product (brand, model).
    pub key: bool,
    /// Colour property: values may carry pictures.
    pub color: bool,
    /// Sellers may rename the chosen values.
    pub alias_allowed: bool,
    /// Longest free text in characters, for `enum_or_text` and `text` inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// For a sale property that takes values of the seller's own (a custom colour, a custom
    /// size): how they are given and their limits. Absent: only the listed values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_values: Option<CustomValues>,
    /// Allowed values in the platform's order (deleted values left out).
    pub options: Vec<FormOption>,
    /// Shown only while this value of another field is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Dependency>,
    /// Position among the fields, as the platform orders them.
    pub sort_order: i64,
    /// Typed constraints, conditions and the seller hint, as the snapshot gives them: a form
    /// can show a byte counter (`length_unit`), value bounds, a pattern hint, and re-check
    /// `required_when` / `disabled_when` as the seller fills in other fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<crate::model::snapshot::Constraints>,
    /// How to type the properties under a value of the seller's own, where the platform
    /// gives a template (Taobao `child_template`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_template: Option<ChildTemplate>,
    /// The platform's raw feature list of the property, as the snapshot keeps it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
}

/// The platform's template for the properties under a value the seller types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ChildTemplate {
    /// The template as the platform gives it.
    pub template: String,
    /// A sentence for the seller, in the locale, naming the property and quoting the template.
    pub hint: String,
}

/// How a sale property takes values of the seller's own (Taobao `input_custom_cpv`). Each is
/// a negative value id (`-1`, `-2`...) in the property's `vids`, with its text in `aliases`
/// under that id, in the listing as in a SKU matrix selection; SKUs use the same id. Each
/// becomes SKU rows like a listed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CustomValues {
    /// Longest text of one value, in platform bytes (the platform's alias limit: a Chinese
    /// character counts 2, as in titles).
    pub max_bytes: u32,
    /// Most values of the property, listed and own together, where its constraints bound
    /// them; the SKU limit (`max_skus`) bounds them in any case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_values: Option<u32>,
}

/// One allowed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FormOption {
    /// The value id.
    pub vid: Id,
    /// Display name.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Another name sellers may use for the value.
    pub alias: Option<String>,
    /// The platform's raw feature list of the value, as the snapshot keeps it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
}

/// The parent value a dependent field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Dependency {
    /// The parent property.
    pub pid: Id,
    /// The parent value that must be chosen.
    pub vid: Id,
}

/// One required proof.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QualificationField {
    /// Document names, any one of which satisfies the proof.
    pub alternatives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The platform's note on the proof.
    pub remark: Option<String>,
}

/// Why no descriptor can be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum FormError {
    /// The category id is not in the snapshot.
    CategoryNotFound {
        /// The category id asked for.
        category_id: Id,
    },
    /// The category holds no listings (it has children).
    CategoryNotLeaf {
        /// The category id asked for.
        category_id: Id,
        /// The category's name.
        name: String,
    },
    /// The category's metadata has holes (`incomplete` in the snapshot, or a body that does
    /// not decode), so nothing can be said about what it requires.
    CategoryIncomplete {
        /// The category id asked for.
        category_id: Id,
        /// The category's name.
        name: String,
    },
}

impl FormError {
    /// The message in the given locale.
    pub fn message(&self, locale: Locale) -> String {
        let zh = locale == Locale::ZhCn;
        match self {
            FormError::CategoryNotFound { category_id } => {
                if zh {
                    format!("类目 `{category_id}` 不存在")
                } else {
                    format!("category `{category_id}` does not exist")
                }
            }
            FormError::CategoryNotLeaf { category_id, name } => {
                if zh {
                    format!("类目 `{name}` ({category_id}) 不是叶子类目, 没有可填写的表单")
                } else {
                    format!("category `{name}` ({category_id}) is not a leaf: it has no listing form")
                }
            }
            FormError::CategoryIncomplete { category_id, name } => {
                if zh {
                    format!("类目 `{name}` ({category_id}) 的规则数据不完整, 请先更新快照")
                } else {
                    format!("the rules of category `{name}` ({category_id}) are incomplete: refresh the snapshot first")
                }
            }
        }
    }

    /// The stable code, as in reports.
    pub fn code(&self) -> &'static str {
        match self {
            FormError::CategoryNotFound { .. } => "CATEGORY_NOT_FOUND",
            FormError::CategoryNotLeaf { .. } => "CATEGORY_NOT_LEAF",
            FormError::CategoryIncomplete { .. } => "CATEGORY_METADATA_INCOMPLETE",
        }
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl std::error::Error for FormError {}

fn localised(name: &str, name_en: Option<&str>, locale: Locale) -> String {
    match (locale, name_en) {
        (Locale::En, Some(en)) if !en.trim().is_empty() => en.to_owned(),
        _ => name.to_owned(),
    }
}

/// Taobao and Tmall list required properties before optional ones; the other platforms keep
/// their sort order as it is.
fn required_first(platform: Platform) -> bool {
    matches!(platform, Platform::Taobao | Platform::Tmall)
}

/// The seller's sentence for a property's `child_template`: the template's syntax is not
/// published, so it is quoted as given rather than explained.
fn child_template(label: &str, template: &str, locale: Locale) -> ChildTemplate {
    let hint = match locale {
        Locale::ZhCn => format!("自行填写{label}时, 其下级属性请按平台模板填写: {template}"),
        Locale::En => format!("When you type a {label} of your own, fill in the properties under it as the platform's template shows: {template}"),
    };
    ChildTemplate { template: template.to_owned(), hint }
}

fn field(
    cat: &CompiledCategory,
    p: &CompiledProperty,
    limits: &crate::model::snapshot::Limits,
    locale: Locale,
) -> FormField {
    let prop = &p.property;
    let mut values: Vec<_> = p.values.iter().filter(|v| v.status == Status::Normal).collect();
    values.sort_by_key(|v| v.sort_order);
    let label = localised(&prop.name, prop.name_en.as_deref(), locale);
    FormField {
        pid: prop.pid,
        child_template: prop.child_template.as_deref().map(|t| child_template(&label, t, locale)),
        features: prop.features.clone(),
        label,
        name: prop.name.clone(),
        required: prop.must,
        multi: prop.multi,
        input: prop.input,
        sale: prop.sale,
        key: prop.key,
        color: prop.color,
        alias_allowed: prop.allow_alias,
        max_length: match prop.input {
            InputMode::Enum => None,
            InputMode::EnumOrText | InputMode::Text => prop.max_length,
        },
        custom_values: (prop.sale && cat.accepts_custom(p)).then(|| CustomValues {
            max_bytes: limits.alias_max_bytes,
            max_values: p.constraints().and_then(|c| c.max_values),
        }),
        options: values
            .into_iter()
            .map(|v| FormOption {
                vid: v.vid,
                name: v.name.clone(),
                alias: v.alias.clone(),
                features: v.features.clone(),
            })
            .collect(),
        depends_on: prop.parent().map(|(pid, vid)| Dependency { pid, vid }),
        sort_order: prop.sort_order,
        constraints: prop.constraints.as_deref().cloned(),
    }
}

/// Orders fields for display (`fields` holds each field's property index), then moves each
/// dependent field right after its parent (after the parent's earlier dependants), so that a
/// form reveals it in place. Sale fields keep the category's sale order among themselves
/// (`sale_rank`, the order of SKU combinations and reports), in the places the display order
/// gives sale fields: a required size does not jump ahead of an optional colour.
fn order(mut fields: Vec<(u32, FormField)>, required_first: bool, sale_rank: impl Fn(u32) -> usize) -> Vec<FormField> {
    fields.sort_by(|(ai, a), (bi, b)| {
        let req = if required_first { b.required.cmp(&a.required) } else { std::cmp::Ordering::Equal };
        req.then(a.sort_order.cmp(&b.sort_order)).then(ai.cmp(bi))
    });
    let mut slots: Vec<Option<(u32, FormField)>> = fields.into_iter().map(Some).collect();
    let mut sale: Vec<(u32, FormField)> =
        slots.iter_mut().filter(|s| s.as_ref().is_some_and(|(_, f)| f.sale)).filter_map(Option::take).collect();
    sale.sort_by_key(|(i, _)| sale_rank(*i));
    let mut sale = sale.into_iter();
    let fields: Vec<(u32, FormField)> = slots.into_iter().filter_map(|s| s.or_else(|| sale.next())).collect();
    let fields: Vec<FormField> = fields.into_iter().map(|(_, f)| f).collect();
    let known: rustc_hash::FxHashSet<Id> = fields.iter().map(|f| f.pid).collect();
    let (roots, mut dependants): (Vec<_>, Vec<_>) =
        fields.into_iter().partition(|f| f.depends_on.is_none_or(|d| !known.contains(&d.pid)));
    let mut out = Vec::with_capacity(roots.len() + dependants.len());
    // Depth-first: a dependant can itself have dependants. Each step removes a field from
    // `dependants`, so the walk ends even for a cycle (which compiling rejects anyway).
    fn place(out: &mut Vec<FormField>, f: FormField, dependants: &mut Vec<FormField>) {
        let pid = f.pid;
        out.push(f);
        while let Some(i) = dependants.iter().position(|d| d.depends_on.is_some_and(|dep| dep.pid == pid)) {
            let d = dependants.remove(i);
            place(out, d, dependants);
        }
    }
    for f in roots {
        place(&mut out, f, &mut dependants);
    }
    // Dependants whose parent chain never reached a root keep their sorted order at the end.
    out.extend(dependants);
    out
}

/// The form descriptor of one leaf category.
pub fn form(catalog: &Catalog, category_id: Id, locale: Locale) -> Result<FormDescriptor, FormError> {
    let cat: &CompiledCategory = catalog.category(category_id).ok_or(FormError::CategoryNotFound { category_id })?;
    let c = &cat.category;
    if !c.leaf {
        return Err(FormError::CategoryNotLeaf { category_id, name: c.name.clone() });
    }
    let limits = catalog.limits();
    let fields = (0u32..)
        .zip(cat.properties())
        .filter(|(_, p)| p.property.status == Status::Normal)
        .map(|(i, p)| (i, field(cat, p, limits, locale)))
        .collect();
    Ok(FormDescriptor {
        category_id,
        platform: catalog.platform(),
        locale,
        category_path: catalog
            .path(category_id)
            .iter()
            .map(|p| localised(&p.category.name, p.category.name_en.as_deref(), locale))
            .collect(),
        publishable: cat.is_publishable(),
        title: TitleField {
            label: match locale {
                Locale::ZhCn => "宝贝标题".to_owned(),
                Locale::En => "Title".to_owned(),
            },
            required: true,
            max_chars: limits.title_max_chars,
            max_bytes: limits.title_max_bytes,
        },
        item_fields: crate::model::rule_model::ITEM_FIELDS
            .iter()
            .filter(|name| **name != "title")
            .map(|name| ItemField {
                name: (*name).to_owned(),
                label: crate::report::messages::field_label(name, locale),
                required: limits.required_fields.iter().chain(&c.required_fields).any(|f| f == name),
            })
            .collect(),
        fields: order(fields, required_first(catalog.platform()), |i| cat.sale_rank(i)),
        qualifications: c
            .qualifications
            .iter()
            .map(|q| QualificationField { alternatives: q.alternatives.clone(), remark: q.remark.clone() })
            .collect(),
        max_skus: limits.max_skus,
        alias_max_bytes: limits.alias_max_bytes,
        custom_sale_props: c.custom_sale_props,
        snapshot_hash: catalog.hash().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::rules::testkit::demo;

    fn pids(f: &FormDescriptor) -> Vec<Id> {
        f.fields.iter().map(|f| f.pid).collect()
    }

    #[test]
    fn item_fields_say_whether_they_are_required() {
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        s["limits"] = serde_json::json!({"required_fields": ["location"]});
        s["categories"][1]["required_fields"] = serde_json::json!(["description"]);
        let catalog = Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let f = form(&catalog, 50010850, Locale::En).unwrap();
        let names: Vec<&str> = f.item_fields.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, crate::model::rule_model::ITEM_FIELDS[1..]);
        let required: Vec<&str> = f.item_fields.iter().filter(|i| i.required).map(|i| i.label.as_str()).collect();
        assert_eq!(required, ["Description", "Location"]);
        let zh = form(&catalog, 50010850, Locale::ZhCn).unwrap();
        assert!(zh.item_fields.iter().any(|i| i.label == "主图" && !i.required));
    }

    #[test]
    fn fields_carry_their_constraints_and_hint() {
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        let article = s["properties"].as_array_mut().unwrap().iter_mut().find(|p| p["pid"] == 13021751).unwrap();
        article["constraints"] =
            serde_json::json!({"max_length": 20, "length_unit": "bytes", "hint": "字母和数字", "min_values": 1});
        let catalog = crate::Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let f = form(&catalog, 50010850, Locale::ZhCn).unwrap();
        let field = f.fields.iter().find(|x| x.pid == 13021751).unwrap();
        let c = field.constraints.as_ref().unwrap();
        assert_eq!(
            (c.max_length, c.length_unit, c.hint.as_deref()),
            (Some(20), crate::model::snapshot::LengthUnit::Bytes, Some("字母和数字"))
        );
        assert!(f.fields.iter().filter(|x| x.pid != 13021751).all(|x| x.constraints.is_none()));
    }

    #[test]
    fn fields_show_the_child_template_and_features() {
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        let brand = s["properties"].as_array_mut().unwrap().iter_mut().find(|p| p["pid"] == 20000).unwrap();
        brand["child_template"] = "系列;型号".into();
        brand["features"] = serde_json::json!({"k": "v"});
        let value = s["values"].as_array_mut().unwrap().iter_mut().find(|v| v["pid"] == 20000).unwrap();
        value["features"] = serde_json::json!({"vk": "vv"});
        let vid = value["vid"].as_i64().unwrap();
        let catalog = crate::Catalog::compile(serde_json::from_value(s).unwrap()).unwrap();
        let zh = form(&catalog, 50010850, Locale::ZhCn).unwrap();
        let brand = zh.fields.iter().find(|x| x.pid == 20000).unwrap();
        let t = brand.child_template.as_ref().unwrap();
        assert_eq!(t.template, "系列;型号");
        assert_eq!(t.hint, "自行填写品牌时, 其下级属性请按平台模板填写: 系列;型号");
        assert_eq!(brand.features["k"], "v");
        assert_eq!(brand.options.iter().find(|o| o.vid == vid).unwrap().features["vk"], "vv");
        let en = form(&catalog, 50010850, Locale::En).unwrap();
        let hint = &en.fields.iter().find(|x| x.pid == 20000).unwrap().child_template.as_ref().unwrap().hint;
        assert_eq!(hint, "When you type a Brand of your own, fill in the properties under it as the platform's template shows: 系列;型号");
        // Fields without them carry neither, and write neither.
        let others: Vec<_> = zh.fields.iter().filter(|x| x.pid != 20000).collect();
        assert!(others.iter().all(|x| x.child_template.is_none() && x.features.is_empty()));
        let json = serde_json::to_string(others[0]).unwrap();
        assert!(!json.contains("child_template") && !json.contains("features"), "{json}");
    }

    #[test]
    fn required_fields_first_and_dependants_after_their_parent() {
        let f = form(&demo(), 50010850, Locale::ZhCn).unwrap();
        // Required (by sort order): brand, article number, material, colour, size; then the
        // optional season and origin, with province right after origin.
        assert_eq!(pids(&f), vec![20000, 13021751, 20021, 1627207, 20509, 122216347, 21299, 122216608]);
        let province = f.fields.iter().find(|x| x.pid == 122216608).unwrap();
        assert_eq!(province.depends_on, Some(Dependency { pid: 21299, vid: 27013 }));
        assert_eq!(f.category_path, vec!["男装", "T恤"]);
        assert_eq!(f.title.max_chars, 60);
        assert!(f.publishable);
    }

    /// The demo snapshot with `edit` applied to it.
    fn demo_with(edit: impl FnOnce(&mut serde_json::Value)) -> Catalog {
        let mut s: serde_json::Value = serde_json::from_str(crate::demo::SNAPSHOT_JSON).unwrap();
        edit(&mut s);
        Catalog::compile(serde_json::from_value(s).unwrap()).unwrap()
    }

    fn sale_pids(f: &FormDescriptor) -> Vec<Id> {
        f.fields.iter().filter(|x| x.sale).map(|x| x.pid).collect()
    }

    #[test]
    fn sale_fields_in_the_category_sale_order_not_by_id() {
        // Colour and size sorted alike, and the colour optional: the form keeps colour before
        // size, as the SKU matrix and reports do, where ids (20509 < 1627207) or
        // required-first would put size first.
        let c = demo_with(|s| {
            for p in s["properties"].as_array_mut().unwrap().iter_mut().filter(|p| p["category_id"] == 50010850) {
                if p["pid"] == 1627207 || p["pid"] == 20509 {
                    p["sort_order"] = serde_json::json!(7);
                }
                if p["pid"] == 1627207 {
                    p["must"] = serde_json::json!(false);
                }
            }
        });
        let f = form(&c, 50010850, Locale::En).unwrap();
        assert_eq!(sale_pids(&f), vec![1627207, 20509]);
        let cat = c.category(50010850).unwrap();
        let order: Vec<Id> = cat.sale_properties().map(|p| p.property.pid).collect();
        assert_eq!(sale_pids(&f), order);
        let rows = c.sku_matrix(50010850, &[(20509, vec![28383]), (1627207, vec![28320])]).unwrap();
        assert_eq!(rows[0].iter().map(|p| p.pid).collect::<Vec<_>>(), order);
        // The two take the places the display order gives sale fields: colour the one the
        // required size had among the required fields, size the optional colour's.
        assert_eq!(pids(&f), vec![20000, 13021751, 20021, 1627207, 122216347, 21299, 122216608, 20509]);
    }

    #[test]
    fn every_form_shows_sale_fields_in_the_sale_order() {
        let (catalogs, _) = crate::validate::rules::testkit::fixtures();
        let mut checked = 0;
        for (name, catalog) in &catalogs {
            for cat in catalog.categories().filter(|c| c.category.leaf) {
                let Ok(f) = form(catalog, cat.category.id, Locale::ZhCn) else { continue };
                let order: Vec<Id> = cat.sale_properties().map(|p| p.property.pid).collect();
                assert_eq!(sale_pids(&f), order, "{name} category {}", cat.category.id);
                checked += usize::from(order.len() > 1);
            }
        }
        assert!(checked >= 5, "only {checked} forms with several sale fields");
    }

    #[test]
    fn sale_fields_say_whether_they_take_values_of_the_sellers_own() {
        let f = form(&demo(), 50010850, Locale::ZhCn).unwrap();
        let custom =
            |f: &FormDescriptor, pid: Id| f.fields.iter().find(|x| x.pid == pid).unwrap().custom_values.clone();
        // T恤 takes own sale values: colour and size alike, with the alias limit for their text.
        let own = Some(CustomValues { max_bytes: 60, max_values: None });
        assert_eq!((custom(&f, 1627207), custom(&f, 20509)), (own.clone(), own));
        // Not a sale property: its own text is `max_length`'s matter.
        assert_eq!(custom(&f, 20000), None);
        let c = demo_with(|s| {
            let cat = s["categories"].as_array_mut().unwrap().iter_mut().find(|c| c["id"] == 50010850).unwrap();
            cat["custom_sale_props"] = serde_json::json!(false);
            let props = s["properties"].as_array_mut().unwrap();
            let colour = props.iter_mut().find(|p| p["pid"] == 1627207 && p["category_id"] == 50010850).unwrap();
            colour["constraints"] = serde_json::json!({"max_values": 24});
        });
        let f = form(&c, 50010850, Locale::En).unwrap();
        // The enum-only size now takes listed values only; the colour takes typed input, at
        // most 24 values in all.
        assert_eq!(custom(&f, 20509), None);
        assert_eq!(custom(&f, 1627207), Some(CustomValues { max_bytes: 60, max_values: Some(24) }));
    }

    #[test]
    fn options_leave_out_deleted_values_and_keep_aliases() {
        let f = form(&demo(), 50010850, Locale::ZhCn).unwrap();
        let material = f.fields.iter().find(|x| x.pid == 20021).unwrap();
        assert!(material.options.iter().all(|o| o.name != "麻"));
        let colour = f.fields.iter().find(|x| x.pid == 1627207).unwrap();
        assert!(colour.sale && colour.alias_allowed && colour.multi);
        assert_eq!(colour.options[0].alias.as_deref(), Some("乳白"));
        assert_eq!(colour.input, InputMode::EnumOrText);
        let article = f.fields.iter().find(|x| x.pid == 13021751).unwrap();
        assert_eq!(article.max_length, Some(20));
    }

    #[test]
    fn english_labels_fall_back_to_chinese() {
        let f = form(&demo(), 50010850, Locale::En).unwrap();
        assert_eq!(f.category_path, vec!["Men's clothing", "T-shirts"]);
        assert_eq!(f.fields[0].label, "Brand");
        assert_eq!(f.fields[0].name, "品牌");
        assert_eq!(f.title.label, "Title");
    }

    #[test]
    fn qualifications_and_unusable_categories() {
        let c = demo();
        let legal = form(&c, 50023000, Locale::ZhCn).unwrap();
        assert_eq!(legal.qualifications.len(), 2);
        assert_eq!(legal.qualifications[0].alternatives, vec!["律师执业资格证", "律师事务所执业许可证"]);
        assert!(!form(&c, 50011111, Locale::ZhCn).unwrap().publishable);
        let missing = form(&c, 1, Locale::En).unwrap_err();
        assert_eq!(missing.code(), "CATEGORY_NOT_FOUND");
        assert_eq!(missing.message(Locale::En), "category `1` does not exist");
        let branch = form(&c, 30, Locale::ZhCn).unwrap_err();
        assert_eq!(branch.code(), "CATEGORY_NOT_LEAF");
        assert!(branch.message(Locale::ZhCn).contains("不是叶子类目"));
    }
}
