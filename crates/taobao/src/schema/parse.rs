//! Reading the schema XML into a [`Field`] tree, bounded in size, depth and field count.
//!
//! roxmltree refuses DTDs (so no entity expansion) and counts nodes; the field walk has its own
//! depth and count limits because the platform's schemas nest fields inside `complex` and
//! `multiComplex` fields and inside depend groups.

use roxmltree::{Document, Node, ParsingOptions};
use shelfcheck_fetch::{Locale, Localized};

use super::tree::{Choice, DependExpress, DependGroup, Field, FieldKind, Rule};

/// Largest schema accepted. The largest real item schemas are a few hundred kilobytes.
pub const MAX_XML_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting of fields (the real ones nest three or four levels).
pub const MAX_FIELD_DEPTH: usize = 16;
/// Deepest nesting of depend groups.
pub const MAX_GROUP_DEPTH: usize = 8;
/// Most fields in one schema.
pub const MAX_FIELDS: usize = 20_000;
/// Most XML nodes (elements, attributes' text, text runs) in one schema.
const MAX_NODES: u32 = 2_000_000;

/// Why a schema document cannot be read: what, where (line) and in which field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.message(Locale::En))]
pub struct SchemaError {
    /// 1-based line in the XML text.
    pub line: u32,
    /// The field being read, when there is one.
    pub field: Option<String>,
    pub kind: SchemaErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SchemaErrorKind {
    /// The XML itself is broken (cut short, unbalanced tags...): the parser's own words.
    Xml(String),
    TooLarge {
        bytes: usize,
    },
    TooDeep,
    TooManyFields,
    /// A `<field>` without `id`, or a `<rule>` without `name`.
    MissingAttribute {
        element: &'static str,
        attribute: &'static str,
    },
}

impl Localized for SchemaError {
    fn message(&self, locale: Locale) -> String {
        let field = self.field.as_deref().unwrap_or("");
        let at = match (locale, self.field.is_some()) {
            (Locale::En, true) => format!("schema XML line {}, field `{field}`", self.line),
            (Locale::En, false) => format!("schema XML line {}", self.line),
            (Locale::ZhCn, true) => format!("规则 XML 第 {} 行, 字段 `{field}`", self.line),
            (Locale::ZhCn, false) => format!("规则 XML 第 {} 行", self.line),
        };
        let what = match (locale, &self.kind) {
            (Locale::En, SchemaErrorKind::Xml(d)) => format!("malformed XML: {d}"),
            (Locale::ZhCn, SchemaErrorKind::Xml(d)) => format!("XML 格式错误 ({d})"),
            (Locale::En, SchemaErrorKind::TooLarge { bytes }) => {
                format!("the schema is {bytes} bytes, more than the {MAX_XML_BYTES} accepted")
            }
            (Locale::ZhCn, SchemaErrorKind::TooLarge { bytes }) => {
                format!("规则文档有 {bytes} 字节, 超过上限 {MAX_XML_BYTES} 字节")
            }
            (Locale::En, SchemaErrorKind::TooDeep) => format!(
                "fields nest deeper than {MAX_FIELD_DEPTH} levels, or depend groups deeper than {MAX_GROUP_DEPTH}"
            ),
            (Locale::ZhCn, SchemaErrorKind::TooDeep) => {
                format!("字段嵌套超过 {MAX_FIELD_DEPTH} 层, 或依赖条件嵌套超过 {MAX_GROUP_DEPTH} 层")
            }
            (Locale::En, SchemaErrorKind::TooManyFields) => format!("more than {MAX_FIELDS} fields"),
            (Locale::ZhCn, SchemaErrorKind::TooManyFields) => format!("字段超过 {MAX_FIELDS} 个"),
            (Locale::En, SchemaErrorKind::MissingAttribute { element, attribute }) => {
                format!("a `<{element}>` has no `{attribute}`")
            }
            (Locale::ZhCn, SchemaErrorKind::MissingAttribute { element, attribute }) => {
                format!("`<{element}>` 缺少 `{attribute}` 属性")
            }
        };
        format!("{at}: {what}")
    }
}

/// The fields of a schema document. The root is usually `<itemRule>`; a document whose root
/// is itself a `<field>` (as update-field lists are quoted) is that one field.
pub fn parse(xml: &str) -> Result<Vec<Field>, SchemaError> {
    let xml = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    if xml.len() > MAX_XML_BYTES {
        return Err(SchemaError { line: 1, field: None, kind: SchemaErrorKind::TooLarge { bytes: xml.len() } });
    }
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(xml, options).map_err(|e| {
        let pos = crate::xml_pos::error_position(xml, &e);
        SchemaError { line: pos.row, field: field_before(xml, pos), kind: SchemaErrorKind::Xml(e.to_string()) }
    })?;
    // Line starts, searched per node: roxmltree's own position lookup scans from the start,
    // which is quadratic over a large schema.
    let lines: Vec<usize> =
        std::iter::once(0).chain(xml.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)).collect();
    let mut walk = Walk { lines: &lines, fields: 0 };
    let root = doc.root_element();
    if root.has_tag_name("field") {
        return Ok(vec![walk.field(root, 0)?]);
    }
    walk.fields_of(root, 0)
}

/// The id of the last field opened before a position, for errors in XML that did not parse.
fn field_before(xml: &str, pos: roxmltree::TextPos) -> Option<String> {
    let offset = crate::xml_pos::offset(xml, pos);
    let before = xml.get(..offset.min(xml.len()))?;
    let start = before.rfind("<field ")?;
    let tag = &before[start..];
    let id_at = tag.find(" id=\"")? + 5;
    let id = &tag[id_at..];
    Some(id[..id.find('"')?].to_owned())
}

struct Walk<'a> {
    lines: &'a [usize],
    fields: usize,
}

impl Walk<'_> {
    fn line(&self, node: Node<'_, '_>) -> u32 {
        let line = self.lines.partition_point(|&start| start <= node.range().start);
        u32::try_from(line).unwrap_or(u32::MAX)
    }

    fn error(&self, node: Node<'_, '_>, field: Option<&str>, kind: SchemaErrorKind) -> SchemaError {
        SchemaError { line: self.line(node), field: field.map(str::to_owned), kind }
    }

    /// The `<field>` children of `parent`, directly or inside a `<fields>` wrapper.
    fn fields_of(&mut self, parent: Node<'_, '_>, depth: usize) -> Result<Vec<Field>, SchemaError> {
        let mut out = Vec::new();
        for child in parent.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "field" => out.push(self.field(child, depth)?),
                "fields" => out.extend(self.fields_of(child, depth)?),
                _ => {}
            }
        }
        Ok(out)
    }

    fn field(&mut self, node: Node<'_, '_>, depth: usize) -> Result<Field, SchemaError> {
        let Some(id) = node.attribute("id") else {
            let kind = SchemaErrorKind::MissingAttribute { element: "field", attribute: "id" };
            return Err(self.error(node, None, kind));
        };
        if depth >= MAX_FIELD_DEPTH {
            return Err(self.error(node, Some(id), SchemaErrorKind::TooDeep));
        }
        self.fields += 1;
        if self.fields > MAX_FIELDS {
            return Err(self.error(node, Some(id), SchemaErrorKind::TooManyFields));
        }
        let mut field = Field {
            id: id.to_owned(),
            name: node.attribute("name").unwrap_or("").trim().to_owned(),
            kind: FieldKind::parse(node.attribute("type").unwrap_or("")),
            rules: Vec::new(),
            options: Vec::new(),
            fields: Vec::new(),
            line: self.line(node),
        };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "rules" => {
                    for r in child.children().filter(|n| n.has_tag_name("rule")) {
                        field.rules.push(self.rule(r, id)?);
                    }
                }
                "options" => {
                    field.options.extend(child.children().filter(|n| n.has_tag_name("option")).map(|o| Choice {
                        display_name: o.attribute("displayName").unwrap_or("").trim().to_owned(),
                        value: o.attribute("value").unwrap_or("").trim().to_owned(),
                    }))
                }
                "fields" => field.fields.extend(self.fields_of(child, depth + 1)?),
                "field" => field.fields.push(self.field(child, depth + 1)?),
                _ => {}
            }
        }
        Ok(field)
    }

    fn rule(&self, node: Node<'_, '_>, field: &str) -> Result<Rule, SchemaError> {
        let Some(name) = node.attribute("name") else {
            let kind = SchemaErrorKind::MissingAttribute { element: "rule", attribute: "name" };
            return Err(self.error(node, Some(field), kind));
        };
        let depend = match node.children().find(|n| n.has_tag_name("depend-group")) {
            Some(g) => Some(self.group(g, field, 0)?),
            None => None,
        };
        Ok(Rule {
            name: name.trim().to_owned(),
            value: node.attribute("value").unwrap_or("").to_owned(),
            ex_property: node.attribute("exProperty").map(str::to_owned),
            unit: node.attribute("unit").map(|u| u.trim().to_owned()),
            depend,
            line: self.line(node),
        })
    }

    fn group(&self, node: Node<'_, '_>, field: &str, depth: usize) -> Result<DependGroup, SchemaError> {
        if depth >= MAX_GROUP_DEPTH {
            return Err(self.error(node, Some(field), SchemaErrorKind::TooDeep));
        }
        let any = node.attribute("operator").is_some_and(|o| o.trim().eq_ignore_ascii_case("or"));
        let mut group = DependGroup { any, expresses: Vec::new(), groups: Vec::new() };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "depend-express" => group.expresses.push(DependExpress {
                    field_id: child.attribute("fieldId").unwrap_or("").trim().to_owned(),
                    value: child.attribute("value").unwrap_or("").to_owned(),
                    symbol: child.attribute("symbol").unwrap_or("").trim().to_owned(),
                }),
                "depend-group" => group.groups.push(self.group(child, field, depth + 1)?),
                _ => {}
            }
        }
        Ok(group)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn fields_rules_options_and_groups_are_read_with_their_lines() {
        let xml = "<itemRule>\n<field id=\"prop_1\" name=\"品牌\" type=\"singleCheck\">\n<rules><rule name=\"requiredRule\" value=\"true\"><depend-group operator=\"or\"><depend-express fieldId=\"prop_2\" value=\"3\" symbol=\"==\"/></depend-group></rule></rules>\n<options><option displayName=\"A\" value=\"10\"/></options></field>\n<field id=\"sku\" type=\"multiComplex\"><fields><field id=\"sku_price\" type=\"input\"/></fields></field></itemRule>";
        let fields = parse(xml).unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!((fields[0].line, fields[0].kind.clone()), (2, FieldKind::SingleCheck));
        let rule = &fields[0].rules[0];
        assert_eq!((rule.name.as_str(), rule.line), ("requiredRule", 3));
        let group = rule.depend.as_ref().unwrap();
        assert!(group.any);
        assert_eq!(group.expresses[0].field_id, "prop_2");
        assert_eq!(fields[0].options[0], Choice { display_name: "A".into(), value: "10".into() });
        assert_eq!(fields[1].fields[0].id, "sku_price");
    }

    #[test]
    fn truncated_xml_names_the_line_and_the_field() {
        let xml = "<itemRule>\n<field id=\"title\" type=\"input\"></field>\n<field id=\"prop_5\" type=\"input\"><rules><rule name=\"maxLengthRule\" val";
        let e = parse(xml).unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.field.as_deref(), Some("prop_5"));
        assert!(e.to_string().starts_with("schema XML line 3, field `prop_5`: malformed XML"), "{e}");
        assert!(e.message(Locale::ZhCn).starts_with("规则 XML 第 3 行, 字段 `prop_5`: XML 格式错误"));
    }

    #[test]
    fn a_field_without_id_and_a_rule_without_name_are_named() {
        let e = parse("<itemRule>\n\n<field type=\"input\"/></itemRule>").unwrap_err();
        assert_eq!((e.line, e.field.clone()), (3, None));
        let e =
            parse("<itemRule><field id=\"x\" type=\"input\"><rules>\n<rule value=\"1\"/></rules></field></itemRule>")
                .unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (2, Some("x")));
    }

    #[test]
    fn depth_count_size_and_entities_are_bounded() {
        let deep = format!("{}{}", "<field id=\"f\" type=\"complex\">".repeat(40), "</field>".repeat(40));
        assert_eq!(parse(&format!("<itemRule>{deep}</itemRule>")).unwrap_err().kind, SchemaErrorKind::TooDeep);
        let many = "<field id=\"f\" type=\"input\"/>".repeat(MAX_FIELDS + 1);
        let e = parse(&format!("<itemRule>{many}</itemRule>")).unwrap_err();
        assert_eq!(e.kind, SchemaErrorKind::TooManyFields);
        let big = " ".repeat(MAX_XML_BYTES + 1);
        assert!(matches!(parse(&big).unwrap_err().kind, SchemaErrorKind::TooLarge { .. }));
        let bomb = "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><itemRule>&a;</itemRule>";
        assert!(matches!(parse(bomb).unwrap_err().kind, SchemaErrorKind::Xml(_)));
        let groups = format!("{}{}", "<depend-group>".repeat(20), "</depend-group>".repeat(20));
        let xml = format!("<itemRule><field id=\"g\" type=\"input\"><rules><rule name=\"disableRule\" value=\"true\">{groups}</rule></rules></field></itemRule>");
        assert_eq!(parse(&xml).unwrap_err().kind, SchemaErrorKind::TooDeep);
    }
}
