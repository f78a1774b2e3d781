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
use shelfcheck_core::completeness::{completeness, Completeness};
use shelfcheck_core::form::{form, FormDescriptor, FormError};
use shelfcheck_core::limits::{InputLimits, LimitError};
use shelfcheck_core::report::Pair;
use shelfcheck_core::{Catalog, Id, Listing, Locale, MatrixError, Report, Snapshot, ValidateOptions};
use std::cell::RefCell;

/// An input or a request that cannot be answered, with its message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Stable code, e.g. `LISTING_INVALID`.
    pub code: &'static str,
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
    pub fn new(code: &'static str, zh: String, en: String) -> Self {
        ApiError { code, zh, en, position: None }
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }

    fn form(e: &FormError) -> Self {
        ApiError::new(e.code(), e.message(Locale::ZhCn), e.message(Locale::En))
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
    fn code(self) -> &'static str {
        match self {
            Input::Snapshot => "SNAPSHOT_INVALID",
            Input::Listing => "LISTING_INVALID",
            Input::Options => "OPTIONS_INVALID",
            Input::Selection => "SELECTION_INVALID",
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
    #[cfg(feature = "fast-text")]
    // `parse` asks serde_json, which decides where the fast parser is unsure and words any
    // error the CLI's way (pointer, line and column).
    let listing = match Listing::from_json_fast(text) {
        Some(listing) => listing,
        None => parse::<Listing>(Input::Listing, text)?,
    };
    #[cfg(not(feature = "fast-text"))]
    let listing: Listing = parse(Input::Listing, text)?;
    limits.check_listing(&listing).map_err(over_limit)?;
    Ok(listing)
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
    ApiError::new("INPUT_OVER_LIMIT", e.message(Locale::ZhCn), e.message(Locale::En))
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
    let internal = |e: &dyn std::fmt::Display| {
        ApiError::new("INTERNAL", format!("结果无法序列化: {e}"), format!("result cannot be serialised: {e}"))
    };
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, AsciiJson)).map_err(|e| internal(&e))?;
    String::from_utf8(out).map_err(|e| internal(&e))
}

/// The chosen values of one sale property, for [`Api::sku_matrix`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkuSelection {
    #[serde(deserialize_with = "shelfcheck_core::ids::deserialize")]
    pub pid: Id,
    #[serde(deserialize_with = "shelfcheck_core::ids::deserialize_vec")]
    pub vids: Vec<Id>,
}

/// Every SKU combination of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkuMatrix {
    pub category_id: Id,
    /// Most SKUs the platform allows per listing.
    pub max_skus: u32,
    pub combinations: Vec<SkuCombination>,
}

/// One SKU combination: the SKU's `props`, ready to put in a listing, and their value names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SkuCombination {
    pub props: Vec<Pair>,
    /// Value names, one per entry of `props` (the vid as text for a seller's own value).
    pub names: Vec<String>,
}

fn matrix_error(e: &MatrixError) -> ApiError {
    let code = match e {
        MatrixError::CategoryNotFound { .. } => "CATEGORY_NOT_FOUND",
        MatrixError::TooMany { .. } => "SKU_LIMIT_EXCEEDED",
        _ => "SELECTION_INVALID",
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
            .map_err(|e| ApiError::new("SNAPSHOT_BROKEN", e.message(Locale::ZhCn), e.message(Locale::En)))?;
        Ok(Api { catalog, scratch: RefCell::default() })
    }

    /// Loads a binary snapshot (`shelfcheck snapshot compile`): it was compiled when it was
    /// written, so only its checks and directory are read here.
    pub fn from_binary(bytes: Vec<u8>) -> Result<Api, ApiError> {
        InputLimits::default().check_snapshot_bytes(bytes.len()).map_err(over_limit)?;
        let catalog = shelfcheck_core::binary::decode(bytes).map_err(|e| {
            let code = match e {
                shelfcheck_core::binary::BinaryError::Integrity(_) => "SNAPSHOT_BROKEN",
                _ => "SNAPSHOT_INVALID",
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

    /// Options from JSON text; empty text means the defaults.
    pub fn options(options_json: Option<&str>) -> Result<ValidateOptions, ApiError> {
        match options_json {
            None => Ok(ValidateOptions::default()),
            Some(t) => parse(Input::Options, t),
        }
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

    /// [`Api::completeness_json`] for a packed listing; `None`: take the JSON path.
    pub fn completeness_packed(&self, nums: &[i32], units: &[u16], locale: Locale) -> Result<Option<String>, ApiError> {
        with_packed(&self.scratch, nums, units, |listing| {
            let c = completeness(&self.catalog, listing, locale).map_err(|e| ApiError::form(&e))?;
            to_json(&c)
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
        let pairs: Vec<(Id, Vec<Id>)> = selection.iter().map(|s| (s.pid, s.vids.clone())).collect();
        let combos = self.catalog.sku_matrix(category_id, &pairs).map_err(|e| matrix_error(&e))?;
        let cat = self.catalog.category(category_id);
        let name = |p: &Pair| {
            cat.and_then(|c| c.property(p.pid))
                .and_then(|prop| prop.value(p.vid))
                .map_or_else(|| p.vid.to_string(), |v| v.name.clone())
        };
        Ok(SkuMatrix {
            category_id,
            max_skus: self.catalog.limits().max_skus,
            combinations: combos
                .into_iter()
                .map(|props| SkuCombination { names: props.iter().map(name).collect(), props })
                .collect(),
        })
    }

    pub fn sku_matrix_json(&self, category_id: i64, selection_json: &str) -> Result<String, ApiError> {
        let selection: Vec<SkuSelection> = parse(Input::Selection, selection_json)?;
        to_json(&self.sku_matrix(category_id, &selection)?)
    }

    pub fn completeness_json(&self, listing_json: &str, locale: Locale) -> Result<String, ApiError> {
        to_json(&self.completeness(listing_json, locale)?)
    }
}

/// Parses a locale name; `None` means the default (Simplified Chinese).
pub fn locale(name: Option<&str>) -> Result<Locale, ApiError> {
    match name {
        None => Ok(Locale::default()),
        Some(n) => Locale::parse(n).ok_or_else(|| {
            ApiError::new(
                "LOCALE_INVALID",
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
            "ARGUMENT_INVALID",
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
        let bytes = shelfcheck_core::binary::encode(api.catalog()).unwrap();
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
            (e.code, e.en.as_str()),
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
        assert_eq!(api.form(1, Locale::En).unwrap_err().code, "CATEGORY_NOT_FOUND");
        let sel = [
            SkuSelection { pid: 1627207, vids: vec![28320, 28341] },
            SkuSelection { pid: 20509, vids: vec![28383, 28384] },
        ];
        let m = api.sku_matrix(50010850, &sel).unwrap();
        assert_eq!(m.combinations.len(), 4);
        assert_eq!(m.combinations[0].names.len(), 2);
        let bad = [SkuSelection { pid: 20000, vids: vec![3233] }];
        assert_eq!(api.sku_matrix(50010850, &bad).unwrap_err().code, "SELECTION_INVALID");
        let c = api.completeness(TSHIRT, Locale::ZhCn).unwrap();
        assert_eq!(c.filled, c.required);
    }
}
