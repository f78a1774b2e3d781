//! The package's operations on JSON text, free of any JavaScript type.
//!
//! Every input crosses from JavaScript as JSON text and every answer goes back as JSON text
//! (see `lib.rs`). Two things follow: the reports are the JSON the CLI prints with
//! `--format json`, because both serialise the same `Report` with `serde_json` (only written
//! in ASCII here, see [`AsciiJson`]); and a bad input gets the same message in JS as on the
//! command line, because both parse with the same code. This module is compiled and tested
//! natively too.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use shelfcheck_core::forms::completeness::{completeness, Completeness};
use shelfcheck_core::forms::form::{form, FormDescriptor, FormError};
use shelfcheck_core::input::limits::{InputLimits, LimitError};
use shelfcheck_core::{Catalog, Id, Listing, Locale, MatrixError, Report, Snapshot, ValidateOptions};
use std::cell::RefCell;

/// The codes of everything the package throws (a `ShelfcheckError`'s `code`). None is also an
/// issue code (`shelfcheck_core::report::Code`): a thrown error and a report's issue are told
/// apart by their code alone. The declarations' union (`lib.rs`) is checked against
/// [`ErrorCode::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// An argument of the wrong type, or missing.
    ArgumentInvalid,
    /// A snapshot that is not one (malformed JSON, wrong types, not a binary snapshot).
    SnapshotInvalid,
    /// A snapshot that parses but does not hold together.
    SnapshotBroken,
    /// A listing that is not one (malformed JSON, wrong types).
    ListingInvalid,
    /// Validation options that are not ones (an unknown key, a wrong value).
    OptionsInvalid,
    /// A SKU selection that is not one.
    SelectionInvalid,
    /// A locale other than `zh-CN` and `en`.
    LocaleInvalid,
    /// An input past the input limits.
    InputOverLimit,
    /// A category the snapshot (or the shard index) does not have.
    CategoryUnknown,
    /// A category that is not a leaf, where a leaf is needed.
    CategoryIsBranch,
    /// A category whose metadata has holes, where complete metadata is needed.
    CategoryIncomplete,
    /// A SKU selection with more combinations than the platform allows.
    SkuMatrixTooLarge,
    /// A catalog used after `free()` (thrown by the glue, `pkg/js/catalog.js`).
    CatalogFreed,
    /// A shard index that cannot be used (thrown by `pkg/js/shards.js`, as are the next four).
    IndexInvalid,
    IndexUnreachable,
    ShardUnreachable,
    ShardHashMismatch,
    LoadSuperseded,
    /// A fault of the package itself.
    Internal,
}

impl ErrorCode {
    /// Every code.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::ArgumentInvalid,
        ErrorCode::SnapshotInvalid,
        ErrorCode::SnapshotBroken,
        ErrorCode::ListingInvalid,
        ErrorCode::OptionsInvalid,
        ErrorCode::SelectionInvalid,
        ErrorCode::LocaleInvalid,
        ErrorCode::InputOverLimit,
        ErrorCode::CategoryUnknown,
        ErrorCode::CategoryIsBranch,
        ErrorCode::CategoryIncomplete,
        ErrorCode::SkuMatrixTooLarge,
        ErrorCode::CatalogFreed,
        ErrorCode::IndexInvalid,
        ErrorCode::IndexUnreachable,
        ErrorCode::ShardUnreachable,
        ErrorCode::ShardHashMismatch,
        ErrorCode::LoadSuperseded,
        ErrorCode::Internal,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ArgumentInvalid => "ARGUMENT_INVALID",
            ErrorCode::SnapshotInvalid => "SNAPSHOT_INVALID",
            ErrorCode::SnapshotBroken => "SNAPSHOT_BROKEN",
            ErrorCode::ListingInvalid => "LISTING_INVALID",
            ErrorCode::OptionsInvalid => "OPTIONS_INVALID",
            ErrorCode::SelectionInvalid => "SELECTION_INVALID",
            ErrorCode::LocaleInvalid => "LOCALE_INVALID",
            ErrorCode::InputOverLimit => "INPUT_OVER_LIMIT",
            ErrorCode::CategoryUnknown => "CATEGORY_UNKNOWN",
            ErrorCode::CategoryIsBranch => "CATEGORY_IS_BRANCH",
            ErrorCode::CategoryIncomplete => "CATEGORY_INCOMPLETE",
            ErrorCode::SkuMatrixTooLarge => "SKU_MATRIX_TOO_LARGE",
            ErrorCode::CatalogFreed => "CATALOG_FREED",
            ErrorCode::IndexInvalid => "INDEX_INVALID",
            ErrorCode::IndexUnreachable => "INDEX_UNREACHABLE",
            ErrorCode::ShardUnreachable => "SHARD_UNREACHABLE",
            ErrorCode::ShardHashMismatch => "SHARD_HASH_MISMATCH",
            ErrorCode::LoadSuperseded => "LOAD_SUPERSEDED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An input or a request that cannot be answered, with its message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub zh: String,
    pub en: String,
    /// Where malformed JSON text went wrong.
    pub position: Option<Position>,
}

/// Line and column (as the parser counts them) and JSON Pointer of a parse failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub pointer: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, zh: String, en: String) -> Self {
        ApiError { code, zh, en, position: None }
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }

    /// A form or completeness request that cannot be answered. The core names these failures
    /// with the issue codes of the same problems in a listing; thrown, they have their own.
    fn form(e: &FormError) -> Self {
        let code = match e {
            FormError::CategoryNotFound { .. } => ErrorCode::CategoryUnknown,
            FormError::CategoryNotLeaf { .. } => ErrorCode::CategoryIsBranch,
            FormError::CategoryIncomplete { .. } => ErrorCode::CategoryIncomplete,
            // (`FormError` is non-exhaustive: a failure the core adds is the request's.)
            _ => ErrorCode::ArgumentInvalid,
        };
        ApiError::new(code, e.message(Locale::ZhCn), e.message(Locale::En))
    }

    /// A fault of the package: a result that cannot be written.
    pub(crate) fn internal(e: &dyn std::fmt::Display) -> Self {
        ApiError::new(ErrorCode::Internal, format!("结果无法序列化: {e}"), format!("result cannot be serialised: {e}"))
    }
}

/// What a piece of JSON text was meant to be, for error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Snapshot,
    Listing,
    Options,
    Selection,
}

impl Input {
    pub(crate) fn code(self) -> ErrorCode {
        match self {
            Input::Snapshot => ErrorCode::SnapshotInvalid,
            Input::Listing => ErrorCode::ListingInvalid,
            Input::Options => ErrorCode::OptionsInvalid,
            Input::Selection => ErrorCode::SelectionInvalid,
        }
    }
}

/// Parses JSON text into `T`; a failure carries the CLI's message for it.
pub fn parse<T: DeserializeOwned>(what: Input, text: &str) -> Result<T, ApiError> {
    crate::parse::parse(text).map_err(|m| ApiError {
        code: what.code(),
        zh: m.message(Locale::ZhCn),
        en: m.message(Locale::En),
        position: Some(Position { line: m.line, column: m.column, pointer: m.pointer }),
    })
}

/// A listing from JSON text within the input limits: pages we do not control may send
/// anything, and the module must answer instead of running out of memory.
fn parse_listing(text: &str) -> Result<Listing, ApiError> {
    let limits = InputLimits::default();
    limits.check_listing_bytes(text.len()).map_err(over_limit)?;
    let listing = match read_listing(text) {
        Ok(listing) => listing,
        // A string cut through a surrogate pair (a title cut with `.slice()` through an emoji)
        // is valid JSON that serde_json refuses; the listing is read with U+FFFD in its place,
        // as a decoder of UTF-16 would, so that the seller gets a report.
        Err(e) => match crate::surrogates::replace_lone(text) {
            Some(fixed) => read_listing(&fixed).map_err(|_| e)?,
            None => return Err(e),
        },
    };
    limits.check_listing(&listing).map_err(over_limit)?;
    Ok(listing)
}

fn read_listing(text: &str) -> Result<Listing, ApiError> {
    #[cfg(feature = "fast-text")]
    // `parse` asks serde_json, which decides where the fast parser is unsure and words any
    // error the CLI's way (pointer, line and column).
    if let Some(listing) = Listing::from_json_fast(text) {
        return Ok(listing);
    }
    parse::<Listing>(Input::Listing, text)
}

/// Packed listings of up to this bound of their JSON text (see [`crate::packed::json_bound`])
/// leave their space for the next one; a larger one's is freed, so that one huge listing
/// does not hold its memory for the life of the catalog.
const KEEP_BYTES: usize = 1 << 20;

/// Runs `f` on the listing of the glue's packed form (see [`crate::packed`]) if it is within
/// the input limits; `None` when the JSON path must decide, which includes any listing over a
/// limit (its JSON text might exceed the size limit, which the JSON path measures exactly, or
/// a count or a string is over one): the JSON path reports it in the CLI's words, and no
/// listing is checked twice. The listing is read into `scratch`, reusing the space of the
/// previous one.
fn with_packed<R>(scratch: &RefCell<Listing>, nums: &[i32], units: &[u16], f: impl FnOnce(&Listing) -> R) -> Option<R> {
    let limits = InputLimits::default();
    let bound = crate::packed::json_bound(nums, units);
    if limits.check_listing_bytes(bound).is_err() {
        return None;
    }
    // Busy only if `f` came back here, which nothing does; a fresh listing then.
    let mut fresh = None;
    let mut kept = scratch.try_borrow_mut().ok();
    let listing = match kept.as_deref_mut() {
        Some(l) => l,
        None => fresh.insert(Listing::default()),
    };
    let read = crate::packed::read_into(nums, units, &limits, listing);
    let out = read.then(|| f(listing));
    if bound > KEEP_BYTES || !read {
        *listing = Listing::default();
    }
    out
}

/// The CLI's words for the same limit.
fn over_limit(e: LimitError) -> ApiError {
    ApiError::new(ErrorCode::InputOverLimit, e.message(Locale::ZhCn), e.message(Locale::En))
}

/// JSON with every character past ASCII written as a `\u` escape (two, past U+FFFF); the
/// same JSON value as `serde_json` writes, in other text.
///
/// The answers go to JavaScript, which decodes them and runs `JSON.parse`. Text that is all
/// ASCII is decoded by a plain copy into a one-byte string, while Chinese text (messages,
/// labels, value names) must be decoded into a two-byte string, which is then also slower
/// to parse; the escapes cost less than both.
pub struct AsciiJson;

impl serde_json::ser::Formatter for AsciiJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut rest = fragment;
        while let Some(at) = rest.find(|c: char| !c.is_ascii()) {
            let (ascii, tail) = rest.split_at(at);
            w.write_all(ascii.as_bytes())?;
            let mut chars = tail.chars();
            let Some(c) = chars.next() else { break };
            for unit in c.encode_utf16(&mut [0; 2]) {
                let [hi, lo] = unit.to_be_bytes();
                let hex = |b: u8| HEX[usize::from(b & 15)];
                w.write_all(&[b'\\', b'u', hex(hi >> 4), hex(hi), hex(lo >> 4), hex(lo)])?;
            }
            rest = chars.as_str();
        }
        w.write_all(rest.as_bytes())
    }
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    let internal = |e: &dyn std::fmt::Display| ApiError::internal(e);
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiJson)).map_err(|e| internal(&e))?;
    String::from_utf8(out).map_err(|e| internal(&e))
}

// A selection entry is a listing's `props` entry (values of the seller's own as negative
// ids, their text in `aliases`), and a combination names its values: the core's types.
pub use shelfcheck_core::forms::matrix::{SkuCombination, SkuSelection};

/// Every SKU combination of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkuMatrix {
    pub category_id: Id,
    /// Most SKUs the platform allows per listing.
    pub max_skus: u32,
    pub combinations: Vec<SkuCombination>,
}

fn matrix_error(e: &MatrixError) -> ApiError {
    let code = match e {
        MatrixError::CategoryNotFound { .. } => ErrorCode::CategoryUnknown,
        MatrixError::TooMany { .. } => ErrorCode::SkuMatrixTooLarge,
        _ => ErrorCode::SelectionInvalid,
    };
    ApiError::new(code, e.message(Locale::ZhCn), e.message(Locale::En))
}

/// A packed listing's report, as the bindings hand it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackedReport {
    /// No issue at all, the usual answer for a finished listing: the glue writes the report
    /// (`{valid: true, snapshot_hash, errors: 0, warnings: 0, issues: []}`) itself, which
    /// costs less than passing its JSON over and parsing it.
    Clean,
    /// Any other report, as the JSON [`Api::validate`] returns.
    Json(String),
}

/// A compiled snapshot.
#[derive(Debug)]
pub struct Api {
    catalog: Catalog,
    /// The last packed listing's space (see [`with_packed`]).
    scratch: RefCell<Listing>,
}

impl Api {
    /// Parses and compiles a snapshot.
    pub fn new(snapshot_json: &str) -> Result<Api, ApiError> {
        let limits = InputLimits::default();
        limits.check_snapshot_bytes(snapshot_json.len()).map_err(over_limit)?;
        let snapshot: Snapshot = parse(Input::Snapshot, snapshot_json)?;
        limits.check_snapshot(&snapshot).map_err(over_limit)?;
        let catalog = Catalog::compile(snapshot)
            .map_err(|e| ApiError::new(ErrorCode::SnapshotBroken, e.message(Locale::ZhCn), e.message(Locale::En)))?;
        Ok(Api { catalog, scratch: RefCell::default() })
    }

    /// Loads a binary snapshot (`shelfcheck snapshot compile`): it was compiled when it was
    /// written, so only its checks and directory are read here.
    pub fn from_binary(bytes: Vec<u8>) -> Result<Api, ApiError> {
        InputLimits::default().check_snapshot_bytes(bytes.len()).map_err(over_limit)?;
        let catalog = shelfcheck_core::storage::binary::decode(bytes).map_err(|e| {
            let code = match e {
                shelfcheck_core::storage::binary::BinaryError::Integrity(_) => ErrorCode::SnapshotBroken,
                _ => ErrorCode::SnapshotInvalid,
            };
            ApiError::new(code, e.message(Locale::ZhCn), e.message(Locale::En))
        })?;
        Ok(Api { catalog, scratch: RefCell::default() })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Content hash of the snapshot.
    pub fn hash(&self) -> &str {
        self.catalog.hash()
    }

    /// Options from JSON text; empty text means the defaults. An unknown key is an error
    /// naming the nearest option: serde leaves it out, so a misspelt option would silently
    /// keep its default.
    pub fn options(options_json: Option<&str>) -> Result<ValidateOptions, ApiError> {
        let Some(text) = options_json else { return Ok(ValidateOptions::default()) };
        let options = parse(Input::Options, text)?;
        if let Ok(serde_json::Value::Object(given)) = serde_json::from_str::<serde_json::Value>(text) {
            if let Some(key) = given.keys().find(|k| !OPTION_KEYS.contains(&k.as_str())) {
                return Err(unknown_option(key));
            }
        }
        Ok(options)
    }

    /// The report, as the JSON the CLI prints (without its `source` field).
    pub fn validate(&self, listing_json: &str, options: &ValidateOptions) -> Result<String, ApiError> {
        let report: Report = self.validate_report(listing_json, options)?;
        to_json(&report)
    }

    pub fn validate_report(&self, listing_json: &str, options: &ValidateOptions) -> Result<Report, ApiError> {
        let listing = parse_listing(listing_json)?;
        Ok(self.catalog.validate(&listing, options))
    }

    pub fn is_valid(&self, listing_json: &str, options: &ValidateOptions) -> Result<bool, ApiError> {
        let listing = parse_listing(listing_json)?;
        Ok(self.catalog.is_valid_with(&listing, options))
    }

    /// [`Api::validate`] for a packed listing; `None`: take the JSON path.
    pub fn validate_packed(
        &self,
        nums: &[i32],
        units: &[u16],
        options: &ValidateOptions,
    ) -> Result<Option<PackedReport>, ApiError> {
        with_packed(&self.scratch, nums, units, |listing| {
            let report = self.catalog.validate(listing, options);
            Ok(if report.issues.is_empty() && report.source.is_none() {
                PackedReport::Clean
            } else {
                PackedReport::Json(to_json(&report)?)
            })
        })
        .transpose()
    }

    /// [`Api::is_valid`] for a packed listing; `None`: take the JSON path.
    pub fn is_valid_packed(&self, nums: &[i32], units: &[u16], options: &ValidateOptions) -> Option<bool> {
        with_packed(&self.scratch, nums, units, |listing| self.catalog.is_valid_with(listing, options))
    }

    /// [`Api::completeness`] for a packed listing; `None`: take the JSON path.
    pub fn completeness_packed(
        &self,
        nums: &[i32],
        units: &[u16],
        locale: Locale,
    ) -> Result<Option<Completeness>, ApiError> {
        with_packed(&self.scratch, nums, units, |listing| {
            completeness(&self.catalog, listing, locale).map_err(|e| ApiError::form(&e))
        })
        .transpose()
    }

    pub fn form(&self, category_id: i64, locale: Locale) -> Result<FormDescriptor, ApiError> {
        form(&self.catalog, category_id, locale).map_err(|e| ApiError::form(&e))
    }

    pub fn form_json(&self, category_id: i64, locale: Locale) -> Result<String, ApiError> {
        to_json(&self.form(category_id, locale)?)
    }

    pub fn completeness(&self, listing_json: &str, locale: Locale) -> Result<Completeness, ApiError> {
        let listing = parse_listing(listing_json)?;
        completeness(&self.catalog, &listing, locale).map_err(|e| ApiError::form(&e))
    }

    /// Every SKU combination of the chosen sale values, dependency-aware and bounded by the
    /// platform's SKU limit.
    pub fn sku_matrix(&self, category_id: i64, selection: &[SkuSelection]) -> Result<SkuMatrix, ApiError> {
        let combinations = self.catalog.sku_rows(category_id, selection).map_err(|e| matrix_error(&e))?;
        Ok(SkuMatrix { category_id, max_skus: self.catalog.limits().max_skus, combinations })
    }

    /// [`Api::sku_matrix`] of a selection given as JSON text.
    pub fn sku_matrix_of_text(&self, category_id: i64, selection_json: &str) -> Result<SkuMatrix, ApiError> {
        self.sku_matrix(category_id, &parse::<Vec<SkuSelection>>(Input::Selection, selection_json)?)
    }
}

/// The keys of [`ValidateOptions`], as the JSON names them (a test holds this to the type).
pub(crate) const OPTION_KEYS: &[&str] =
    &["locale", "missing_combinations", "seller_scope", "incomplete_metadata", "max_issues"];

/// An option key that is not one, with the nearest ones, or else the list of all.
pub(crate) fn unknown_option(key: &str) -> ApiError {
    let near = shelfcheck_core::input::suggest::closest(key, OPTION_KEYS.iter().copied());
    let quoted = |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let (zh, en) = if near.is_empty() {
        let all = quoted(&mut OPTION_KEYS.iter().copied());
        (format!("没有校验选项 `{key}`; 可用的选项: {all}"), format!("unknown option `{key}`; the options are {all}"))
    } else {
        let near = quoted(&mut near.iter().map(String::as_str));
        (format!("没有校验选项 `{key}`, 是否要写 {near}?"), format!("unknown option `{key}`; did you mean {near}?"))
    };
    ApiError::new(ErrorCode::OptionsInvalid, zh, en)
}

/// Parses a locale name; `None` means the default (Simplified Chinese).
pub fn locale(name: Option<&str>) -> Result<Locale, ApiError> {
    match name {
        None => Ok(Locale::default()),
        Some(n) => Locale::parse(n).ok_or_else(|| {
            ApiError::new(
                ErrorCode::LocaleInvalid,
                format!("不支持的语言 `{n}`, 可用: zh-CN, en"),
                format!("unsupported locale `{n}`; use zh-CN or en"),
            )
        }),
    }
}

/// A category id given as a number or a numeric string.
pub fn category_id(text: &str) -> Result<i64, ApiError> {
    let t = text.trim();
    t.parse::<i64>().map_err(|_| {
        ApiError::new(
            ErrorCode::ArgumentInvalid,
            format!("类目编号必须是整数, 收到 `{t}`"),
            format!("a category id must be an integer, got `{t}`"),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]
    use super::*;

    fn demo() -> Api {
        Api::new(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()
    }

    const TSHIRT: &str = r#"{"category_id": 50010850, "title": "纯棉短袖T恤 男款 夏季",
        "props": [{"pid": 20000, "vids": [3233]}, {"pid": 13021751, "text": "A-1024"},
                  {"name": "材质", "values": ["棉"]}, {"pid": 1627207, "vids": [28320]}, {"pid": 20509, "vids": [28383]}],
        "skus": [{"props": [{"pid": 1627207, "vid": 28320}, {"pid": 20509, "vid": 28383}], "price": "59.00", "quantity": 1}]}"#;

    #[test]
    fn binary_snapshots_load_and_report_like_their_json() {
        let api = demo();
        let bytes = shelfcheck_core::storage::binary::encode(api.catalog()).unwrap();
        let opts = ValidateOptions::default();
        let loaded = Api::from_binary(bytes.clone()).unwrap();
        assert_eq!(loaded.hash(), api.hash());
        assert_eq!(loaded.validate(TSHIRT, &opts).unwrap(), api.validate(TSHIRT, &opts).unwrap());
        let mut corrupt = bytes;
        let last = corrupt.len() - 1;
        corrupt[last] ^= 1;
        let e = Api::from_binary(corrupt).unwrap_err();
        assert_eq!(e.code, "SNAPSHOT_INVALID");
        assert!(e.en.contains("checksum"), "{}", e.en);
        assert_eq!(Api::from_binary(b"{}".to_vec()).unwrap_err().code, "SNAPSHOT_INVALID");
    }

    #[test]
    fn reports_are_the_core_report_as_json() {
        let api = demo();
        let opts = ValidateOptions::default();
        let text = api.validate(TSHIRT, &opts).unwrap();
        let listing: Listing = serde_json::from_str(TSHIRT).unwrap();
        assert_eq!(text, serde_json::to_string(&api.catalog().validate(&listing, &opts)).unwrap());
        assert!(api.is_valid(TSHIRT, &opts).unwrap());
        assert!(text.contains("\"valid\":true"));
    }

    #[test]
    fn answers_are_written_in_ascii_with_the_same_json_value() {
        let api = demo();
        // A value name that is echoed in the report's params and message: Chinese, a
        // character past U+FFFF, quotes, a backslash and control characters.
        let mut listing: serde_json::Value = serde_json::from_str(TSHIRT).unwrap();
        listing["props"][2]["values"][0] = "𝄞 \"引号\" \\ \n \u{1} é 棉".into();
        let listing = listing.to_string();
        let opts = ValidateOptions { locale: Locale::ZhCn, ..ValidateOptions::default() };
        let text = api.validate(&listing, &opts).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\\ud834\\udd1e"), "{text}");
        let report = api.catalog().validate(&serde_json::from_str(&listing).unwrap(), &opts);
        assert!(!report.issues.is_empty());
        let plain: serde_json::Value = serde_json::to_value(&report).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), plain);
        let form = api.form_json(50010850, Locale::ZhCn).unwrap();
        assert!(form.is_ascii());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&form).unwrap(),
            serde_json::to_value(api.form(50010850, Locale::ZhCn).unwrap()).unwrap()
        );
    }

    #[test]
    fn input_over_the_limits_is_refused_with_the_limit_named() {
        let api = demo();
        let skus = vec!["{}"; InputLimits::default().skus + 1].join(",");
        let e = api
            .validate(&format!(r#"{{"category_id": 1, "skus": [{skus}]}}"#), &ValidateOptions::default())
            .unwrap_err();
        assert_eq!(e.code, "INPUT_OVER_LIMIT");
        assert!(e.en.contains("number of SKUs"), "{}", e.en);
        let huge = format!(r#"{{"category_id": 1, "title": "{}"}}"#, "x".repeat(InputLimits::default().listing_bytes));
        assert_eq!(api.is_valid(&huge, &ValidateOptions::default()).unwrap_err().code, "INPUT_OVER_LIMIT");
        // The module goes on answering.
        assert!(api.is_valid(r#"{"category_id": 1}"#, &ValidateOptions::default()).is_ok());
    }

    #[test]
    fn bad_input_names_what_and_where() {
        let api = demo();
        let e = api.validate(r#"{"category_id": "x"}"#, &ValidateOptions::default()).unwrap_err();
        assert_eq!(e.code, "LISTING_INVALID");
        assert_eq!(e.position.as_ref().and_then(|p| p.pointer.as_deref()), Some("/category_id"));
        assert!(e.en.starts_with("unexpected content at `/category_id`: "), "{}", e.en);
        let e = Api::new("{").unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.en.as_str()),
            ("SNAPSHOT_INVALID", "JSON ends unexpectedly: EOF while parsing an object")
        );
        let broken = r#"{"format":1,"platform":"taobao","categories":[{"id":1,"parent_id":9,"name":"x","leaf":true}]}"#;
        let e = Api::new(broken).unwrap_err();
        assert_eq!(e.code, "SNAPSHOT_BROKEN");
        assert!(e.zh.starts_with("快照有 1 处完整性问题"), "{}", e.zh);
        assert_eq!(Api::options(Some(r#"{"locale": "fr"}"#)).unwrap_err().code, "OPTIONS_INVALID");
        assert_eq!(locale(Some("fr")).unwrap_err().code, "LOCALE_INVALID");
        assert_eq!(category_id("12a").unwrap_err().code, "ARGUMENT_INVALID");
        assert_eq!(category_id(" 50010850 ").unwrap(), 50010850);
    }

    /// The JSON of a [`PackedReport::Clean`] report, as the glue writes it.
    fn clean_report(api: &Api) -> String {
        format!(r#"{{"valid":true,"snapshot_hash":"{}","errors":0,"warnings":0,"issues":[]}}"#, api.hash())
    }

    #[test]
    fn packed_listings_reuse_the_space_of_the_last_one_unless_it_was_huge() {
        let api = demo();
        let opts = ValidateOptions::default();
        let small: Listing = serde_json::from_str(TSHIRT).unwrap();
        let mut huge = small.clone();
        huge.skus = vec![small.skus[0].clone(); 20_000];
        for (listing, kept) in [(&small, true), (&huge, false), (&small, true)] {
            let (nums, units) = crate::packed::pack(listing).unwrap();
            let report = match api.validate_packed(&nums, &units, &opts).unwrap().unwrap() {
                PackedReport::Clean => clean_report(&api),
                PackedReport::Json(json) => json,
            };
            // The same report as the JSON path, whatever was read before.
            assert_eq!(report, api.validate(&serde_json::to_string(listing).unwrap(), &opts).unwrap());
            assert_eq!(api.scratch.borrow().skus.capacity() > 0, kept, "{} SKUs", listing.skus.len());
        }
    }

    #[test]
    fn a_report_without_issues_is_left_to_the_glue_to_write() {
        let api = demo();
        let opts = ValidateOptions::default();
        let mut listing: Listing = serde_json::from_str(TSHIRT).unwrap();
        let (nums, units) = crate::packed::pack(&listing).unwrap();
        assert_eq!(api.validate_packed(&nums, &units, &opts).unwrap(), Some(PackedReport::Clean));
        assert_eq!(clean_report(&api), api.validate(TSHIRT, &opts).unwrap());
        // A warning is an issue too: the report then comes as JSON, as does one with an error.
        listing.skus.truncate(1);
        listing.title = None;
        let (nums, units) = crate::packed::pack(&listing).unwrap();
        let json = api.validate(&serde_json::to_string(&listing).unwrap(), &opts).unwrap();
        assert!(json.contains("TITLE_MISSING"), "{json}");
        assert_eq!(api.validate_packed(&nums, &units, &opts).unwrap(), Some(PackedReport::Json(json)));
    }

    #[test]
    fn forms_matrices_and_completeness() {
        let api = demo();
        assert_eq!(api.form(50010850, Locale::En).unwrap().fields[0].label, "Brand");
        assert_eq!(api.form(1, Locale::En).unwrap_err().code, "CATEGORY_UNKNOWN");
        let sel = [
            SkuSelection { pid: 1627207, vids: vec![28320, 28341], ..Default::default() },
            SkuSelection { pid: 20509, vids: vec![28383, 28384], ..Default::default() },
        ];
        let m = api.sku_matrix(50010850, &sel).unwrap();
        assert_eq!(m.combinations.len(), 4);
        assert_eq!(m.combinations[0].names.len(), 2);
        let bad = [SkuSelection { pid: 20000, vids: vec![3233], ..Default::default() }];
        assert_eq!(api.sku_matrix(50010850, &bad).unwrap_err().code, "SELECTION_INVALID");
        let c = api.completeness(TSHIRT, Locale::ZhCn).unwrap();
        assert_eq!(c.filled, c.required);
    }

    #[test]
    fn a_matrix_with_values_of_the_sellers_own_names_them_by_their_text() {
        let api = demo();
        // The selection as a listing's `props` entries give the values.
        let sel = r#"[{"pid": 20509, "vids": [28383]},
            {"pid": 1627207, "vids": [28321, -1], "aliases": {"-1": "雾霾蓝", "28321": "米白"}}]"#;
        let m = api.sku_matrix_of_text(50010850, sel).unwrap();
        let names: Vec<String> = m.combinations.iter().map(|c| c.names.join(" / ")).collect();
        assert_eq!(names, ["乳白色 / M", "雾霾蓝 / M"]);
        let json: serde_json::Value = serde_json::from_str(&to_json(&m).unwrap()).unwrap();
        assert_eq!(
            json["combinations"][1]["props"],
            serde_json::json!([{"pid": 1627207, "vid": -1}, {"pid": 20509, "vid": 28383}])
        );
        let unnamed = api.sku_matrix_of_text(50010850, r#"[{"pid": 1627207, "vids": [-1]}]"#).unwrap_err();
        assert_eq!(unnamed.code, "SELECTION_INVALID");
        assert_eq!(unnamed.message(Locale::En), "a value of your own for sale property `Colour` has no name");
    }

    #[test]
    fn thrown_codes_are_never_issue_codes() {
        for code in ErrorCode::ALL {
            let clash = shelfcheck_core::report::Code::ALL.iter().find(|c| c.as_str() == code.as_str());
            assert!(clash.is_none(), "{} is also an issue code", code.as_str());
        }
        let api = demo();
        assert_eq!(api.form(1, Locale::En).unwrap_err().code, "CATEGORY_UNKNOWN");
        assert_eq!(api.form(30, Locale::En).unwrap_err().code, "CATEGORY_IS_BRANCH");
        assert_eq!(api.sku_matrix(1, &[]).unwrap_err().code, "CATEGORY_UNKNOWN");
    }

    #[test]
    fn the_option_keys_are_the_options_fields() {
        let fields = serde_json::to_value(ValidateOptions::default()).unwrap();
        let mut fields: Vec<&str> = fields.as_object().unwrap().keys().map(String::as_str).collect();
        let mut keys = OPTION_KEYS.to_vec();
        fields.sort_unstable();
        keys.sort_unstable();
        assert_eq!(keys, fields);
    }

    #[test]
    fn an_unknown_option_is_refused_naming_the_nearest() {
        let e = Api::options(Some(r#"{"missingCombinations": "error"}"#)).unwrap_err();
        assert_eq!(e.code, "OPTIONS_INVALID");
        assert_eq!(e.en, "unknown option `missingCombinations`; did you mean `missing_combinations`?");
        assert_eq!(e.zh, "没有校验选项 `missingCombinations`, 是否要写 `missing_combinations`?");
        let e = Api::options(Some(r#"{"strict": true}"#)).unwrap_err();
        assert!(e.en.starts_with("unknown option `strict`; the options are `locale`, "), "{}", e.en);
        let known = Api::options(Some(r#"{"missing_combinations": "error", "locale": "en"}"#)).unwrap();
        assert_eq!(known.missing_combinations, shelfcheck_core::Severity::Error);
    }

    #[test]
    fn a_title_cut_through_a_surrogate_pair_gets_a_report() {
        let api = demo();
        let opts = ValidateOptions::default();
        // `"T恤😀".slice(0, 3)` as JSON.stringify writes it.
        let cut = TSHIRT.replace("纯棉短袖T恤 男款 夏季", r"T恤\ud83d");
        let report: serde_json::Value = serde_json::from_str(&api.validate(&cut, &opts).unwrap()).unwrap();
        assert_eq!(report["valid"], true, "{report}");
        assert!(api.is_valid(&cut, &opts).unwrap());
        assert!(api.completeness(&cut, Locale::En).is_ok());
        // Other malformed text is still refused with the parser's message.
        let e = api.validate(r#"{"category_id": 1, "title": "\ud83d"#, &opts).unwrap_err();
        assert_eq!(e.code, "LISTING_INVALID");
    }
}
