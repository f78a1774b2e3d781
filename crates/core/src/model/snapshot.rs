//! The metadata snapshot format: one platform's category metadata, normalised.
//!
//! The lists are flat and reference each other by id (a property names its category, a value
//! names its category and property) because that is how every platform delivers them; keeping
//! the shape lets importers stream responses straight in and lets [`crate::Catalog::compile`]
//! name every dangling reference precisely.

use crate::model::ids::{self, Id};
pub use crate::model::rule_model::{
    Bound, Condition, Constraints, LengthUnit, Op, Operand, Pattern, PriceBounds, Test, ValueType,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The snapshot format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One platform's category metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Snapshot {
    /// Format version; see [`FORMAT_VERSION`].
    pub format: u32,
    /// Which platform the metadata describes.
    pub platform: Platform,
    /// When the snapshot was built (RFC 3339). Written by the builder: the core has no clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built_at: Option<String>,
    /// What it was built from (API names, recording files, a generator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// `sha256:<hex>` of the canonical serialisation with this field left out. Optional in
    /// files; when present, compiling checks it so a corrupted file is caught.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Platform limits; Taobao defaults apply to anything left out.
    #[serde(default)]
    pub limits: Limits,
    /// Every category, leaf or not.
    pub categories: Vec<Category>,
    /// Properties of leaf categories.
    #[serde(default)]
    pub properties: Vec<Property>,
    /// Allowed values of those properties.
    #[serde(default)]
    pub values: Vec<PropValue>,
    /// What a seller may publish (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seller: Option<SellerScope>,
}

/// Marketplace platforms whose metadata fits the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Taobao.
    Taobao,
    /// Tmall.
    Tmall,
    #[serde(rename = "1688")]
    /// 1688 (Alibaba's wholesale marketplace).
    Alibaba1688,
    /// WeChat mini program shops.
    Wechat,
}

impl Platform {
    /// The name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Taobao => "taobao",
            Platform::Tmall => "tmall",
            Platform::Alibaba1688 => "1688",
            Platform::Wechat => "wechat",
        }
    }
}

/// Whether a category, property or value is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    /// In use.
    Normal,
    /// Deleted by the platform: existing listings may still carry it, new ones may not.
    Deleted,
}

/// One category of the tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Category {
    #[serde(deserialize_with = "ids::deserialize")]
    /// Category id.
    pub id: Id,
    /// Parent category; absent or `0` for a top-level category.
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Id>,
    /// Name in Chinese, as the platform shows it.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Name in English, where the platform has one.
    pub name_en: Option<String>,
    /// Only leaf categories hold listings.
    pub leaf: bool,
    #[serde(default)]
    /// Whether the category is in use.
    pub status: Status,
    #[serde(default)]
    /// Position among its siblings, as the platform orders them.
    pub sort_order: i64,
    /// Publishing is forbidden (Taobao feature `freeze` containing `5`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub publish_frozen: bool,
    /// Sellers may define their own sale properties (Taobao feature `udsaleprop=1`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub custom_sale_props: bool,
    /// The platform's raw feature list, kept for reference.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
    /// Proofs a sensitive category requires before publishing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifications: Vec<Qualification>,
    /// Some of the platform's answers for this category were missing when the snapshot was
    /// built (a request that failed or was rate-limited), so its properties or values may have
    /// holes; listings in it are not judged from what is there.
    #[serde(default, skip_serializing_if = "is_false")]
    pub incomplete: bool,
    /// Category price limits, on top of the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PriceBounds>,
    /// Item fields the category requires (names from [`crate::model::rule_model::ITEM_FIELDS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_fields: Vec<String>,
}

impl Category {
    /// A normal category with no features, qualifications or English name; a parent of `0`
    /// means top level, as the platforms write it.
    pub fn new(id: Id, parent_id: Option<Id>, name: impl Into<String>, leaf: bool) -> Category {
        Category {
            id,
            parent_id: parent_id.filter(|p| *p != 0),
            name: name.into(),
            name_en: None,
            leaf,
            status: Status::Normal,
            sort_order: 0,
            publish_frozen: false,
            custom_sale_props: false,
            features: BTreeMap::new(),
            qualifications: Vec::new(),
            incomplete: false,
            price: None,
            required_fields: Vec::new(),
        }
    }
}

/// How a property takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputMode {
    /// Only the listed values.
    #[default]
    Enum,
    /// The listed values or the seller's own text.
    EnumOrText,
    /// Free text only.
    Text,
}

// `Default` is a blank property for the code that builds them (importers, generators); the
// snapshot's reader still requires the ids and the name.
/// A property of a leaf category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Property {
    #[serde(deserialize_with = "ids::deserialize")]
    /// The leaf category it belongs to.
    pub category_id: Id,
    #[serde(deserialize_with = "ids::deserialize")]
    /// Property id.
    pub pid: Id,
    /// Name in Chinese, as the platform shows it.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Name in English, where the platform has one.
    pub name_en: Option<String>,
    /// Key property (identifies the product, e.g. brand, model).
    #[serde(default, skip_serializing_if = "is_false")]
    pub key: bool,
    /// Sale property: SKUs are built from its values.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sale: bool,
    /// Colour property (values may carry pictures).
    #[serde(default, skip_serializing_if = "is_false")]
    pub color: bool,
    /// Item property (describes the item, not the product).
    #[serde(default, skip_serializing_if = "is_false")]
    pub item: bool,
    /// Required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub must: bool,
    /// Several values may be chosen.
    #[serde(default, skip_serializing_if = "is_false")]
    pub multi: bool,
    #[serde(default)]
    /// How values are given: from the values, as free text, or either.
    pub input: InputMode,
    #[serde(default)]
    /// Whether the property is in use.
    pub status: Status,
    #[serde(default)]
    /// Position among the category's properties, as the platform orders them.
    pub sort_order: i64,
    /// With `parent_vid`: the property applies only when that value of that property is chosen.
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    pub parent_pid: Option<Id>,
    #[serde(default, deserialize_with = "ids::deserialize_opt", skip_serializing_if = "Option::is_none")]
    /// With `parent_pid`: the value that must be chosen.
    pub parent_vid: Option<Id>,
    /// Sellers may rename values (e.g. a colour shown as 米白).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_alias: bool,
    /// Longest free text accepted, in characters; [`Limits::text_max_chars`] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Typed constraints and conditions; absent for most properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Box<Constraints>>,
    /// How a seller types the children of a value of their own (Taobao `child_template`: a
    /// custom brand's series and model). The platform publishes no syntax for it, so it is
    /// not checked; forms show it beside the property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_template: Option<String>,
    /// The platform's raw feature list of the property (`attr_key` → `attr_value`), kept as
    /// data: no property feature has a documented meaning the rules could use.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
}

impl Property {
    /// The value this property depends on, if any (`0` means none, as on Taobao).
    pub fn parent(&self) -> Option<(Id, Id)> {
        match (self.parent_pid, self.parent_vid) {
            (Some(p), Some(v)) if p != 0 => Some((p, v)),
            _ => None,
        }
    }
}

/// An allowed value of a property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PropValue {
    #[serde(deserialize_with = "ids::deserialize")]
    /// The leaf category of its property.
    pub category_id: Id,
    #[serde(deserialize_with = "ids::deserialize")]
    /// The property it belongs to.
    pub pid: Id,
    #[serde(deserialize_with = "ids::deserialize")]
    /// Value id.
    pub vid: Id,
    /// Name in Chinese, as the platform shows it.
    pub name: String,
    /// Another name sellers may use for the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(default)]
    /// Whether the value is in use.
    pub status: Status,
    #[serde(default)]
    /// Position among the property's values, as the platform orders them.
    pub sort_order: i64,
    /// The platform's raw feature list of the value, kept as data (no value feature has a
    /// documented meaning).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, String>,
}

/// One proof a sensitive category requires; any one of its alternatives satisfies it
/// (WeChat `qualify.exter_list[].inner_list[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Qualification {
    /// Document names, any one of which satisfies the proof.
    pub alternatives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The platform's note on the proof.
    pub remark: Option<String>,
}

/// Platform limits. Defaults are Taobao's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, remote = "Self")]
pub struct Limits {
    /// Longest title in characters.
    pub title_max_chars: u32,
    /// Longest title in bytes, counting a non-ASCII character as two (as the platform does).
    pub title_max_bytes: u32,
    /// Most SKUs per listing.
    pub max_skus: u32,
    /// Longest value alias in bytes, a non-ASCII character counting two (as Taobao counts a
    /// title): 60. Snapshots written before this limit counted bytes give `alias_max_chars`,
    /// read as twice as many bytes (30 characters of Chinese are 60 bytes).
    #[serde(skip_serializing_if = "is_default_alias_max_bytes")]
    pub alias_max_bytes: u32,
    /// Longest free-text property value in characters, unless the property says otherwise.
    pub text_max_chars: u32,
    /// Words no typed input (free text, a seller's own value) may contain: Taobao forbids
    /// 其他 / 其它 / 其她 there. Aliases too when `filter_alias_words` is set.
    pub forbidden_alias_words: Vec<String>,
    // The limits from here on (and `alias_max_bytes`) are left out of the canonical form
    // while they have their Taobao value, so that the content hash of a snapshot written
    // before they existed still holds.
    /// Shortest title in characters (WeChat: 3).
    #[serde(skip_serializing_if = "is_zero")]
    pub title_min_chars: u32,
    /// Lowest SKU price the platform accepts, in yuan.
    #[serde(skip_serializing_if = "is_default_price_min")]
    pub price_min: Bound,
    /// Highest SKU price the platform accepts, in yuan.
    #[serde(skip_serializing_if = "is_default_price_max")]
    pub price_max: Bound,
    /// Highest SKU quantity the platform accepts.
    #[serde(skip_serializing_if = "is_default_sku_quantity_max")]
    pub sku_quantity_max: Bound,
    /// Highest item quantity (the listing's `quantity`) the platform accepts.
    #[serde(skip_serializing_if = "is_default_quantity_max")]
    pub quantity_max: Bound,
    /// Item fields every listing of the platform must give (names from
    /// [`crate::model::rule_model::ITEM_FIELDS`]), on top of each category's `required_fields`.
    /// Empty in every platform's profile: Taobao's `item.add` requires `description`,
    /// `images`, `location`, `price`, `quantity` and `stuff_status`, but listings are also
    /// checked before those are written (a draft of its properties and SKUs), so a snapshot
    /// or an importer that checks whole listings sets them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required_fields: Vec<String>,
    /// Longest title in bytes in a book category (Tmall: 120); 0 where books have no limit
    /// of their own. A book category is one whose path names 书籍 or 图书.
    #[serde(skip_serializing_if = "is_zero")]
    pub book_title_max_bytes: u32,
    /// A title must hold a character other than ASCII letters, digits, symbols and spaces
    /// (WeChat shops refuse a title of only those).
    #[serde(skip_serializing_if = "is_false")]
    pub title_needs_word: bool,
    /// Whether aliases are held to `forbidden_alias_words` as typed input is (the platforms
    /// do not document it either way; off unless a snapshot says so).
    #[serde(skip_serializing_if = "is_false")]
    pub filter_alias_words: bool,
    /// Most bytes of typed input in all (Taobao's `input_str`: 3,999), a non-ASCII character
    /// counting two.
    #[serde(skip_serializing_if = "is_default_typed_input_max_bytes")]
    pub typed_input_max_bytes: u32,
    /// Most characters of all aliases together, written as Taobao's `property_alias`
    /// (`pid:vid:alias;…`): 800.
    #[serde(skip_serializing_if = "is_default_aliases_max_chars")]
    pub aliases_max_chars: u32,
    /// Longest item or SKU `outer_id` in bytes, a non-ASCII character counting two.
    #[serde(skip_serializing_if = "is_default_outer_id_max_bytes")]
    pub outer_id_max_bytes: u32,
    /// Most `pid:vid` pairs in the item's property string (Taobao's `props`: 35); 0 where the
    /// platform takes no such string.
    #[serde(skip_serializing_if = "is_default_props_max_pairs")]
    pub props_max_pairs: u32,
    /// Longest item property string in bytes, separators included (Taobao's `props`: 549);
    /// 0 where the platform takes no such string.
    #[serde(skip_serializing_if = "is_default_props_max_bytes")]
    pub props_max_bytes: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_default_price_min(b: &Bound) -> bool {
    *b == Limits::for_platform(Platform::Taobao).price_min
}

fn is_default_price_max(b: &Bound) -> bool {
    *b == Limits::for_platform(Platform::Taobao).price_max
}

fn is_default_sku_quantity_max(b: &Bound) -> bool {
    *b == Limits::for_platform(Platform::Taobao).sku_quantity_max
}

fn is_default_typed_input_max_bytes(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).typed_input_max_bytes
}

fn is_default_aliases_max_chars(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).aliases_max_chars
}

fn is_default_outer_id_max_bytes(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).outer_id_max_bytes
}

fn is_default_alias_max_bytes(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).alias_max_bytes
}

fn is_default_props_max_pairs(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).props_max_pairs
}

fn is_default_props_max_bytes(n: &u32) -> bool {
    *n == Limits::for_platform(Platform::Taobao).props_max_bytes
}

fn is_default_quantity_max(b: &Bound) -> bool {
    *b == Limits::for_platform(Platform::Taobao).quantity_max
}

impl Default for Limits {
    fn default() -> Self {
        Limits::for_platform(Platform::Taobao)
    }
}

impl Limits {
    /// The platform's published limits, which importers start from and a snapshot's `limits`
    /// override key by key.
    ///
    /// Taobao counts a title in bytes only (60, a Chinese character counting 2: a 60-letter
    /// title is accepted), so its character limit is set where it never binds first; 1688
    /// counts characters only (128), and WeChat 3 to 60 characters. Prices are in yuan: (0,
    /// 100,000,000) everywhere but WeChat, whose SKU price is at most 10,000,000 fen.
    pub fn for_platform(platform: Platform) -> Limits {
        let open = |value: f64| Bound { value, exclusive: true };
        let shut = |value: f64| Bound { value, exclusive: false };
        let base = Limits {
            title_max_chars: 60,
            title_max_bytes: 60,
            max_skus: 600,
            alias_max_bytes: 60,
            text_max_chars: 60,
            forbidden_alias_words: vec!["其他".into(), "其它".into(), "其她".into()],
            title_min_chars: 0,
            price_min: open(0.0),
            price_max: open(100_000_000.0),
            sku_quantity_max: shut(900_000_000.0),
            quantity_max: shut(900_000_000.0),
            required_fields: Vec::new(),
            book_title_max_bytes: 0,
            title_needs_word: false,
            outer_id_max_bytes: 64,
            filter_alias_words: false,
            typed_input_max_bytes: 3_999,
            aliases_max_chars: 800,
            props_max_pairs: 35,
            props_max_bytes: 549,
        };
        // 1688 and WeChat take properties as a list of attributes, not as one `props` string.
        let no_props_string = Limits { props_max_pairs: 0, props_max_bytes: 0, ..base.clone() };
        match platform {
            Platform::Taobao => base,
            Platform::Tmall => Limits { sku_quantity_max: open(1_000_000.0), book_title_max_bytes: 120, ..base },
            // Every title of at most 128 characters is at most 256 bytes: only characters bind.
            Platform::Alibaba1688 => Limits { title_max_chars: 128, title_max_bytes: 256, ..no_props_string },
            Platform::Wechat => Limits {
                title_min_chars: 3,
                title_needs_word: true,
                title_max_chars: 60,
                title_max_bytes: 120,
                price_max: shut(100_000.0),
                sku_quantity_max: shut(10_000_000.0),
                ..no_props_string
            },
        }
    }
}

/// The keys of `limits`, for the unknown-key check: the members the derived reader reads.
fn limit_keys() -> &'static [&'static str] {
    crate::model::field_names::of(Limits::deserialize)
}

/// The key older snapshots give the per-alias limit under, in characters; read as
/// `alias_max_bytes` of twice the number.
const LEGACY_ALIAS_KEY: &str = "alias_max_chars";

// An unknown key in `limits` is refused with the nearest known one: a key the derived reader
// ignored (`max_sku` for `max_skus`) silently left the default in force. The fields are read
// by the derived reader (`remote = "Self"`); a map (JSON) is first checked key by key, the
// binary form's sequence (it has no keys) goes to it directly.
impl<'de> Deserialize<'de> for Limits {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Limits;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a limits object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Limits, A::Error> {
                use serde::de::Error;
                let keys = limit_keys();
                let mut fields = serde_json::Map::new();
                let mut legacy_alias_chars = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == LEGACY_ALIAS_KEY {
                        legacy_alias_chars = Some(map.next_value::<u32>()?);
                        continue;
                    }
                    if !keys.contains(&key.as_str()) {
                        let near = crate::input::suggest::closest(&key, keys.iter().copied());
                        let hint = match near.first() {
                            Some(n) => format!("; did you mean `{n}`?"),
                            None => format!("; the limits are {}", keys.join(", ")),
                        };
                        return Err(A::Error::custom(format!("unknown limit `{key}`{hint}")));
                    }
                    fields.insert(key, map.next_value()?);
                }
                if let Some(chars) = legacy_alias_chars {
                    if fields.contains_key("alias_max_bytes") {
                        return Err(A::Error::custom(format!(
                            "`{LEGACY_ALIAS_KEY}` and `alias_max_bytes` are both given: `{LEGACY_ALIAS_KEY}` is the \
                             older, character-counted form of `alias_max_bytes`; keep only `alias_max_bytes`"
                        )));
                    }
                    fields.insert("alias_max_bytes".into(), chars.saturating_mul(2).into());
                }
                Limits::deserialize(serde_json::Value::Object(fields)).map_err(A::Error::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Limits, A::Error> {
                Limits::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
            }
        }
        // Text formats name every limit, so only a map is taken there (an array would set
        // the limits by position); the binary form writes them in order without names.
        if d.is_human_readable() {
            d.deserialize_map(V)
        } else {
            d.deserialize_struct("Limits", limit_keys(), V)
        }
    }
}

impl Serialize for Limits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Limits::serialize(self, s)
    }
}

/// What one seller (or one mini program account) may publish.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct SellerScope {
    /// Authorised categories (Tmall `itemcats.authorize.get`); a category is authorised when
    /// it or one of its ancestors is listed. Absent: not restricted.
    #[serde(default, deserialize_with = "deserialize_opt_ids", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<Id>>")]
    pub categories: Option<Vec<Id>>,
    /// Authorised brand values. Absent: not restricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brands: Option<Vec<BrandGrant>>,
    /// Property that holds the brand when `brands` is empty (Taobao: 20000).
    #[serde(default = "default_brand_pid")]
    pub brand_pid: Id,
    /// WeChat account categories and their audit state. Absent: not restricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_categories: Option<Vec<AccountCategory>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// WeChat: category changes the account may still make in this period.
    pub quota: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// WeChat: category changes the account may make per period.
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// WeChat: most categories the account may hold.
    pub category_limit: Option<u32>,
}

fn default_brand_pid() -> Id {
    20000
}

fn deserialize_opt_ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<Id>>, D::Error> {
    Option::<Vec<ids::IdOf>>::deserialize(d).map(|v| v.map(|v| v.into_iter().map(|i| i.0).collect()))
}

/// One authorised brand value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BrandGrant {
    #[serde(deserialize_with = "ids::deserialize")]
    /// The brand property.
    pub pid: Id,
    #[serde(deserialize_with = "ids::deserialize")]
    /// The brand value the seller may use.
    pub vid: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The brand's name, for messages.
    pub name: Option<String>,
}

/// A category added to a WeChat mini program account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AccountCategory {
    #[serde(deserialize_with = "ids::deserialize")]
    /// First-level WeChat category.
    pub first: Id,
    #[serde(deserialize_with = "ids::deserialize")]
    /// Second-level WeChat category.
    pub second: Id,
    /// Where the account's application for the category stands.
    pub audit_status: AuditStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Why the application was rejected, as WeChat gives it.
    pub reason: Option<String>,
}

/// Audit state of an account category (WeChat `audit_status` 1, 2, 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AuditStatus {
    /// Under review.
    Pending,
    /// Rejected.
    Rejected,
    /// Approved: listings may be published.
    Approved,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Snapshot {
    /// `sha256:<hex>` of the canonical serialisation: the typed structure written back as
    /// compact JSON with `hash` left out. Field order is fixed by the types and maps are
    /// ordered, so equal content gives an equal hash whatever the input's layout.
    pub fn content_hash(&self) -> String {
        let mut hasher = Sha256::new();
        let canonical = CanonicalView(self);
        // Writing into a hasher cannot fail, and the model holds no non-string map keys.
        if serde_json::to_writer(HashWriter(&mut hasher), &canonical).is_err() {
            return String::from("sha256:unavailable");
        }
        hash_text(hasher)
    }

    /// Whether `declared` is the hash versions before the per-alias limit counted bytes gave
    /// this content: their canonical form held `"alias_max_chars":n` (half of
    /// `alias_max_bytes`) between `max_skus` and `text_max_chars`, and never
    /// `alias_max_bytes`. A snapshot sealed then still loads; compiling asks only when the
    /// content hash differs, so the copy made here is not made for current snapshots.
    pub fn has_legacy_hash(&self, declared: &str) -> bool {
        if self.limits.alias_max_bytes % 2 != 0 {
            return false;
        }
        let mut copy = self.clone();
        copy.hash = None;
        copy.limits.alias_max_bytes = Limits::default().alias_max_bytes;
        let Ok(text) = serde_json::to_string(&copy) else { return false };
        // The members before `limits` are numbers and escaped strings, in which `,"` cannot
        // occur: the first `,"text_max_chars":` is the member of `limits`.
        let Some(at) = text.find(",\"text_max_chars\":") else { return false };
        let mut hasher = Sha256::new();
        hasher.update(&text[..at]);
        hasher.update(format!(",\"alias_max_chars\":{}", self.limits.alias_max_bytes / 2));
        hasher.update(&text[at..]);
        hash_text(hasher) == declared
    }

    /// Sets [`Snapshot::hash`] to the content hash, as builders do before writing a file.
    pub fn seal(&mut self) {
        self.hash = None;
        self.hash = Some(self.content_hash());
    }
}

/// `sha256:<hex>` of what `hasher` was given.
fn hash_text(hasher: Sha256) -> String {
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

struct CanonicalView<'a>(&'a Snapshot);

impl Serialize for CanonicalView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.hash.is_none() {
            return self.0.serialize(s);
        }
        let mut copy = self.0.clone();
        copy.hash = None;
        copy.serialize(s)
    }
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    fn tiny() -> Snapshot {
        serde_json::from_str(
            r#"{"format":1,"platform":"1688","categories":[
                {"id":"1","name":"服装","leaf":false},
                {"id":"2","parent_id":"1","name":"T恤","leaf":true}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn string_ids_and_defaults_are_accepted() {
        let s = tiny();
        assert_eq!(s.platform, Platform::Alibaba1688);
        assert_eq!(s.categories[1].parent_id, Some(1));
        assert_eq!(s.limits.title_max_chars, 60);
        assert_eq!(s.limits.forbidden_alias_words.len(), 3);
    }

    #[test]
    fn hash_ignores_layout_and_its_own_field() {
        let a = tiny();
        let mut b: Snapshot = serde_json::from_str(&serde_json::to_string_pretty(&a).unwrap()).unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        b.seal();
        assert_eq!(b.hash.as_deref(), Some(a.content_hash().as_str()));
        assert_eq!(b.content_hash(), a.content_hash());
    }

    #[test]
    fn unknown_limits_are_refused_with_the_nearest_key() {
        let parse = |limits: &str| {
            serde_json::from_str::<Snapshot>(&format!(
                r#"{{"format":1,"platform":"taobao","categories":[],"limits":{limits}}}"#
            ))
        };
        let s = parse(r#"{"max_skus": 300, "title_max_chars": 60}"#).unwrap();
        assert_eq!((s.limits.max_skus, s.limits.title_max_chars, s.limits.title_max_bytes), (300, 60, 60));
        let e = parse(r#"{"max_sku": 300}"#).unwrap_err().to_string();
        assert!(e.contains("unknown limit `max_sku`; did you mean `max_skus`?"), "{e}");
        let e = parse(r#"{"colour": 1}"#).unwrap_err().to_string();
        assert!(e.contains("unknown limit `colour`; the limits are title_max_chars,"), "{e}");
        assert!(parse(r#"{"max_skus": "many"}"#).unwrap_err().to_string().contains("invalid type"));
        assert!(parse("[1]").is_err());
        let v = serde_json::to_value(&s.limits).unwrap();
        assert_eq!(serde_json::from_value::<Limits>(v).unwrap(), s.limits);
    }

    #[test]
    fn every_limit_a_profile_writes_is_read_back() {
        // The unknown-key check takes its keys from the reader: a limit added to the struct
        // is accepted without being listed anywhere else.
        for platform in [Platform::Taobao, Platform::Tmall, Platform::Alibaba1688, Platform::Wechat] {
            let mut limits = Limits::for_platform(platform);
            limits.alias_max_bytes = 8;
            let text = serde_json::to_string(&limits).unwrap();
            assert_eq!(serde_json::from_str::<Limits>(&text).unwrap(), limits, "{text}");
        }
    }

    #[test]
    fn child_templates_and_features_are_written_only_when_given() {
        let text = r#"{"format":1,"platform":"taobao","categories":[{"id":2,"name":"T恤","leaf":true}],
            "properties":[{"category_id":2,"pid":20000,"name":"品牌"}],
            "values":[{"category_id":2,"pid":20000,"vid":1,"name":"甲"}]}"#;
        let plain: Snapshot = serde_json::from_str(text).unwrap();
        let written = serde_json::to_string(&plain).unwrap();
        assert!(!written.contains("child_template") && !written.contains("features"), "{written}");
        let mut rich = plain.clone();
        rich.properties[0].child_template = Some("系列;型号".into());
        rich.properties[0].features.insert("k".into(), "v".into());
        rich.values[0].features.insert("vk".into(), "vv".into());
        assert_ne!(rich.content_hash(), plain.content_hash());
        let back: Snapshot = serde_json::from_str(&serde_json::to_string(&rich).unwrap()).unwrap();
        assert_eq!(back, rich);
        assert_eq!(back.values[0].features["vk"], "vv");
    }

    #[test]
    fn hash_changes_with_content() {
        let a = tiny();
        let mut b = tiny();
        b.categories[1].name.push('男');
        assert_ne!(a.content_hash(), b.content_hash());
    }
}
