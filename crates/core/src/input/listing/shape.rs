//! The listing's shape, declared once: its objects, their members in order, what kind of JSON
//! value each member holds and which input limit bounds it.
//!
//! Every reader and writer of a listing follows this declaration rather than its own list of
//! keys: the JSON scanner finds a member with `from_key` and must handle every member (its
//! `match` is exhaustive), the limits walk and the packed writer go through `ALL` in order,
//! and the packed layout of the npm package (`crates/wasm/src/layout.rs`) is derived from it.
//! The serde types in [`crate::input::listing`] are held to it by the field inventory test
//! (`listing/inventory.rs`), which fails when a struct has a member the declaration lacks or
//! the other way round. Adding a member is a line here, the field on its struct, and its value
//! in the inventory example; the compiler names every other place that must handle it.

/// What JSON value a member holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An id: an integer, or a string holding one. Required.
    Id,
    /// An id, or absent (`null` or a blank string).
    OptId,
    /// A string. Required.
    Text,
    /// A string, or absent (`null`).
    OptText,
    /// A string; absent is the empty string (`null` is not a string).
    DefaultText,
    /// A number or a string, kept as the text that was sent; or absent.
    Scalar,
    /// A list of ids.
    Ids,
    /// A list of strings.
    Texts,
    /// An object of strings keyed by strings.
    TextMap,
    /// One object, or absent (`null`).
    Object(&'static Object),
    /// A list of objects.
    Objects(&'static Object),
    /// A list of objects, or a Taobao-native `pid:vid;pid:vid` string.
    ObjectsOrNative(&'static Object),
}

impl Kind {
    /// The name used for the kind in machine-readable descriptions.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Id => "id",
            Kind::OptId => "opt_id",
            Kind::Text => "text",
            Kind::OptText => "opt_text",
            Kind::DefaultText => "default_text",
            Kind::Scalar => "scalar",
            Kind::Ids => "ids",
            Kind::Texts => "texts",
            Kind::TextMap => "text_map",
            Kind::Object(_) => "object",
            Kind::Objects(_) => "objects",
            Kind::ObjectsOrNative(_) => "objects_or_native",
        }
    }

    /// The object the member holds, alone or in a list.
    pub const fn object(self) -> Option<&'static Object> {
        match self {
            Kind::Object(o) | Kind::Objects(o) | Kind::ObjectsOrNative(o) => Some(o),
            _ => None,
        }
    }

    /// Whether the member holds strings of its own (every string is bounded by
    /// [`crate::input::limits::InputLimits::string_bytes`]).
    pub const fn holds_text(self) -> bool {
        !matches!(self, Kind::Object(_) | Kind::Objects(_))
    }
}

/// One member of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The member's JSON key, which is also the Rust field's name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// The field of [`crate::input::limits::InputLimits`] bounding its number of elements, for a list.
    pub count: Option<&'static str>,
}

/// One object of a listing: its members, in the order every reader and writer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Object {
    /// The object's name in machine-readable descriptions.
    pub name: &'static str,
    /// Its members, in order.
    pub members: &'static [Member],
}

impl Object {
    /// The member named `key`.
    pub fn member(&self, key: &str) -> Option<&'static Member> {
        self.members.iter().find(|m| m.name == key)
    }
}

macro_rules! count {
    () => {
        None
    };
    ($limit:literal) => {
        Some($limit)
    };
}

/// Declares each object: a `const` [`Object`] and an enum of its members in the same order,
/// so that code handling members by name can `match` on them exhaustively.
macro_rules! objects {
    ($(
        $(#[$doc:meta])*
        $obj:ident, $members:ident, $what:literal {
            $($(#[$mdoc:meta])* $var:ident $name:literal: $kind:expr $(, count $limit:literal)?;)*
        }
    )*) => {$(
        $(#[$doc])*
        pub const $obj: Object = Object {
            name: $what,
            members: &[$(Member { name: $name, kind: $kind, count: count!($($limit)?) }),*],
        };

        #[doc = concat!("The members of ", stringify!($obj), ", in order.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $members {
            $($(#[$mdoc])* $var,)*
        }

        impl $members {
            /// Every member, in order.
            pub const ALL: &'static [$members] = &[$($members::$var),*];

            /// The member with JSON key `key`.
            #[inline(always)]
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($name => Some($members::$var),)*
                    _ => None,
                }
            }

            /// Its position in the object (and in a packed header).
            #[inline(always)]
            pub const fn index(self) -> u32 {
                self as u32
            }

            /// Its declaration.
            pub const fn member(self) -> &'static Member {
                &$obj.members[self as usize]
            }
        }
    )*};
}

objects! {
    /// A draft listing.
    LISTING, ListingMember, "listing" {
        /// The leaf category.
        CategoryId "category_id": Kind::Id;
        /// The title.
        Title "title": Kind::OptText;
        /// Property values.
        Props "props": Kind::ObjectsOrNative(&PROPERTY), count "props";
        /// The SKUs.
        Skus "skus": Kind::Objects(&SKU), count "skus";
        /// Qualification documents.
        Qualifications "qualifications": Kind::Objects(&QUALIFICATION), count "qualifications";
        /// The seller's own code for the item.
        OuterId "outer_id": Kind::OptText;
        /// The item price (Taobao `price`), between the lowest and highest SKU price.
        Price "price": Kind::Scalar;
        /// The item's total stock (Taobao `num`), the sum of the SKUs' when it has SKUs.
        Quantity "quantity": Kind::Scalar;
        /// The item description.
        Description "description": Kind::OptText;
        /// Main images: addresses or picture-space ids.
        Images "images": Kind::Texts, count "images";
        /// Where the item ships from.
        Location "location": Kind::Object(&LOCATION);
        /// The item's barcode.
        Barcode "barcode": Kind::OptText;
        /// New or second-hand (Taobao `stuff_status`: `new`, `second`).
        StuffStatus "stuff_status": Kind::OptText;
        /// 1688 prices by quantity ordered.
        PriceRanges "price_ranges": Kind::Objects(&PRICE_RANGE), count "price_ranges";
        /// 1688 minimum order quantity.
        MinOrderQuantity "min_order_quantity": Kind::Scalar;
        /// 1688 unit of sale (件, 个, 套).
        Unit "unit": Kind::OptText;
    }

    /// One property of a listing.
    PROPERTY, PropertyMember, "property" {
        /// Property id.
        Pid "pid": Kind::OptId;
        /// Property name.
        Name "name": Kind::OptText;
        /// Chosen value ids.
        Vids "vids": Kind::Ids, count "values_per_prop";
        /// Chosen values by name.
        Values "values": Kind::Texts, count "values_per_prop";
        /// Free text.
        Text "text": Kind::OptText;
        /// The seller's names for chosen values.
        Aliases "aliases": Kind::TextMap, count "values_per_prop";
    }

    /// One SKU.
    SKU, SkuMember, "sku" {
        /// The combination of sale values.
        Props "props": Kind::ObjectsOrNative(&SKU_PAIR), count "props";
        /// Taobao-native `pid:vid;pid:vid`.
        Properties "properties": Kind::OptText;
        /// Price.
        Price "price": Kind::Scalar;
        /// Stock.
        Quantity "quantity": Kind::Scalar;
        /// The seller's own SKU code.
        OuterId "outer_id": Kind::OptText;
        /// The SKU's barcode.
        Barcode "barcode": Kind::OptText;
        /// The price shown struck through (WeChat `market_price`), above the sale price.
        MarketPrice "market_price": Kind::Scalar;
    }

    /// One property value of a SKU.
    SKU_PAIR, SkuPairMember, "sku_pair" {
        /// Property id.
        Pid "pid": Kind::OptId;
        /// Property name.
        Name "name": Kind::OptText;
        /// Value id.
        Vid "vid": Kind::OptId;
        /// Value name.
        Value "value": Kind::OptText;
    }

    /// A qualification document.
    QUALIFICATION, QualificationMember, "qualification" {
        /// Document name.
        Name "name": Kind::Text;
        /// Reference to the uploaded document.
        Document "document": Kind::DefaultText;
    }

    /// Where an item ships from.
    LOCATION, LocationMember, "location" {
        /// Province.
        State "state": Kind::OptText;
        /// City.
        City "city": Kind::OptText;
    }

    /// One 1688 price tier: the price from an order quantity up.
    PRICE_RANGE, PriceRangeMember, "price_range" {
        /// The order quantity the tier starts at (起批量).
        StartQuantity "start_quantity": Kind::Scalar;
        /// The tier's unit price.
        Price "price": Kind::Scalar;
    }
}

/// Every object of a listing, the listing first.
pub const OBJECTS: [&Object; 7] = [&LISTING, &PROPERTY, &SKU, &SKU_PAIR, &QUALIFICATION, &LOCATION, &PRICE_RANGE];

/// The most members an object may have: a packed header holds two bits for each in 32 bits.
pub const MAX_MEMBERS: usize = 16;

const _: () = {
    let mut i = 0;
    while i < OBJECTS.len() {
        assert!(OBJECTS[i].members.len() <= MAX_MEMBERS, "a packed header holds 16 members");
        i += 1;
    }
};

/// The listing's members that are not item fields: the category, the properties, the SKUs and
/// the qualification documents each have rules of their own.
const NOT_ITEM_FIELDS: [&str; 4] = ["category_id", "props", "skus", "qualifications"];

/// How many item fields the listing has.
pub const ITEM_FIELD_COUNT: usize = LISTING.members.len() - NOT_ITEM_FIELDS.len();

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The names of the listing's item fields, in declaration order: the members conditions and
/// a category's `required_fields` may name ([`crate::model::rule_model::ITEM_FIELDS`]).
pub const fn item_fields() -> [&'static str; ITEM_FIELD_COUNT] {
    let mut out = [""; ITEM_FIELD_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < LISTING.members.len() {
        let name = LISTING.members[i].name;
        let mut j = 0;
        let mut item = true;
        while j < NOT_ITEM_FIELDS.len() {
            if same(name, NOT_ITEM_FIELDS[j]) {
                item = false;
            }
            j += 1;
        }
        if item {
            out[n] = name;
            n += 1;
        }
        i += 1;
    }
    out
}
