//! The publish-schema document as the platform writes it: fields with their rules, options
//! and sub-fields. Nothing here is interpreted yet; `mapping` turns it into snapshot rules.

/// A field type. Types this importer does not know are kept by name so that the import can
/// count them instead of failing on a schema the platform extended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Input,
    MultiInput,
    SingleCheck,
    MultiCheck,
    /// A group of fields.
    Complex,
    /// Repeated groups of fields (SKUs, material composition, size tables).
    MultiComplex,
    /// Text shown to sellers, never a value.
    Label,
    Unknown(String),
}

impl FieldKind {
    pub fn parse(name: &str) -> FieldKind {
        match name {
            "input" => FieldKind::Input,
            "multiInput" => FieldKind::MultiInput,
            "singleCheck" => FieldKind::SingleCheck,
            "multiCheck" => FieldKind::MultiCheck,
            "complex" => FieldKind::Complex,
            "multiComplex" => FieldKind::MultiComplex,
            "label" => FieldKind::Label,
            other => FieldKind::Unknown(other.to_owned()),
        }
    }

    /// Several values may be given.
    pub fn is_multi(&self) -> bool {
        matches!(self, FieldKind::MultiInput | FieldKind::MultiCheck | FieldKind::MultiComplex)
    }

    /// Values are chosen from the field's options.
    pub fn is_check(&self) -> bool {
        matches!(self, FieldKind::SingleCheck | FieldKind::MultiCheck)
    }
}

/// One `<field>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub id: String,
    pub name: String,
    pub kind: FieldKind,
    pub rules: Vec<Rule>,
    pub options: Vec<Choice>,
    /// Sub-fields of a `complex` or `multiComplex` field.
    pub fields: Vec<Field>,
    /// 1-based line of the field's start tag.
    pub line: u32,
}

/// One `<option displayName=".." value=".."/>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub display_name: String,
    pub value: String,
}

/// One `<rule>`: `name`, `value`, optional `exProperty` and `unit`, optional condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub name: String,
    pub value: String,
    /// `include` / `not include`: whether a bound is itself allowed, or whether a pattern must
    /// match or must not.
    pub ex_property: Option<String>,
    pub unit: Option<String>,
    /// The rule applies only while this holds.
    pub depend: Option<DependGroup>,
    pub line: u32,
}

impl Rule {
    /// `exProperty="not include"`.
    pub fn excludes(&self) -> bool {
        self.ex_property.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case("not include"))
    }
}

/// `<depend-group operator="and|or">` with its expressions and nested groups.
#[derive(Debug, Clone, PartialEq)]
pub struct DependGroup {
    /// `or`; anything else (`and`, absent) is a conjunction, as the platform's own library reads it.
    pub any: bool,
    pub expresses: Vec<DependExpress>,
    pub groups: Vec<DependGroup>,
}

/// `<depend-express fieldId=".." value=".." symbol=".."/>`.
#[derive(Debug, Clone, PartialEq)]
pub struct DependExpress {
    pub field_id: String,
    pub value: String,
    pub symbol: String,
}
