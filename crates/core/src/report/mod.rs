//! Validation reports: every issue with a stable code, a severity, a JSON Pointer into the
//! listing, typed parameters and a localised message.
//!
//! The last stage of the pipeline: [`crate::validate`] fills a [`Report`], and the caller (the
//! command line, the npm package, a backend) renders or serialises it as it is. `messages`
//! words each issue for a seller in Simplified Chinese and English.

pub(crate) mod messages;

use crate::model::ids::Id;
use crate::model::rule_model::{Bound, LengthUnit, Op, ValueType};
use crate::validate::options::Locale;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether an issue blocks publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks publishing: the platform would reject the listing.
    Error,
    /// Worth a look; the listing can be published.
    Warning,
}

/// Why an alias is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AliasProblem {
    /// Longer than the platform allows.
    TooLong,
    /// Contains a word the platform forbids.
    ForbiddenWord,
    /// Blank.
    Empty,
    /// The alias names a value that is not chosen (or not an id at all).
    ValueNotChosen,
}

/// Why a SKU price is not one the platforms accept, so that the message can say what to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PriceProblem {
    /// Spaces before or after the digits.
    Spaces,
    /// Full-width digits or a full-width point, as a Chinese input method types them.
    FullWidth,
    /// A currency sign or unit with the number (`¥59`, `59元`).
    Currency,
    /// Zero or negative.
    NotPositive,
    /// More than two decimal places.
    TooManyDecimals,
    /// Not a number at all.
    NotANumber,
}

/// Why a SKU quantity is not one the platforms accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityProblem {
    /// No quantity given (absent or blank).
    Missing,
    /// Spaces before or after the digits.
    Spaces,
    /// Full-width digits, as a Chinese input method types them.
    FullWidth,
    /// Below zero.
    Negative,
    /// Not a whole number.
    NotWhole,
    /// More digits than any stock level (over 18).
    TooLarge,
    /// Not a number at all.
    NotANumber,
}

/// One property/value pair, as used in SKU combinations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Pair {
    /// Property id.
    pub pid: Id,
    /// Value id.
    pub vid: Id,
}

/// A condition as a message shows it: property and field names, value names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Every part holds.
    All(Vec<When>),
    /// At least one part holds.
    Any(Vec<When>),
    /// The part does not hold.
    Not(Box<When>),
    /// One comparison.
    Test {
        /// The property compared, if it is a property.
        pid: Option<Id>,
        /// The property's name (empty for an item field).
        subject: String,
        /// The property's English name, where the snapshot has one.
        subject_en: Option<String>,
        /// The item field compared, if it is one.
        field: Option<String>,
        /// The comparison.
        op: Op,
        /// The operands: value names, texts or numbers.
        values: Vec<String>,
    },
}

// The kinds and their codes are declared once; the macro derives the plain `Code` enum, its
// list and the kind → code mapping, so a code can never drift from its kind.
macro_rules! issue_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal { $($field:ident : $ty:ty),* $(,)? } )*) => {
        /// What went wrong, with its typed parameters. Serialised as `code` + `params`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "code", content = "params")]
        #[non_exhaustive]
        pub enum IssueKind {
            $( $(#[$doc])* #[serde(rename = $code)] $variant { $( #[doc = concat!("The issue's `", stringify!($field), "` parameter.")] $field: $ty ),* }, )*
        }

        /// Stable issue codes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[ $(Code::$variant),* ];

            /// The code as it appears in reports.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// Parses a code as it appears in reports.
            pub fn parse(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$variant),)* _ => None }
            }
        }

        impl IssueKind {
            /// The stable code of this kind.
            pub fn code(&self) -> Code {
                match self { $(IssueKind::$variant { .. } => Code::$variant),* }
            }
        }
    };
}

issue_kinds! {
    /// Category id not in the snapshot.
    CategoryNotFound = "CATEGORY_NOT_FOUND" { category_id: Id }
    /// Listing placed on a non-leaf category.
    CategoryNotLeaf = "CATEGORY_NOT_LEAF" { category_id: Id, name: String }
    /// Category status is not normal.
    CategoryDeleted = "CATEGORY_DELETED" { category_id: Id, name: String }
    /// Category features forbid publishing.
    CategoryPublishFrozen = "CATEGORY_PUBLISH_FROZEN" { category_id: Id, name: String }
    /// Seller scope given and category not authorised.
    CategoryNotAuthorized = "CATEGORY_NOT_AUTHORIZED" { category_id: Id, name: String }
    /// WeChat account category still under review.
    CategoryAuditPending = "CATEGORY_AUDIT_PENDING" { category_id: Id, name: String }
    /// WeChat account category rejected.
    CategoryAuditRejected = "CATEGORY_AUDIT_REJECTED" { category_id: Id, name: String, reason: Option<String> }
    /// Sensitive category: a required proof has no matching document.
    QualificationMissing = "QUALIFICATION_MISSING" { category_id: Id, alternatives: Vec<String> }
    /// Title empty.
    TitleMissing = "TITLE_MISSING" {}
    /// Title over the platform limit.
    TitleTooLong = "TITLE_TOO_LONG" { chars: usize, bytes: usize, max_chars: u32, max_bytes: u32, unit: LengthUnit }
    /// A required property (applicable to this listing) is absent; `condition` is what made
    /// it required, when that is a condition rather than always.
    PropRequired = "PROP_REQUIRED" { pid: Id, prop: String, condition: Option<When> }
    /// A value given for a property that a condition disables (it must stay empty).
    PropDisabled = "PROP_DISABLED" { pid: Id, prop: String, condition: When }
    /// A typed value (or item field) longer than allowed, in `unit`.
    ValueTooLong = "VALUE_TOO_LONG" { pid: Option<Id>, prop: String, field: Option<String>, value: String, length: usize, max: u32, unit: LengthUnit }
    /// A typed value (or item field) shorter than allowed, in `unit`.
    ValueTooShort = "VALUE_TOO_SHORT" { pid: Option<Id>, prop: String, field: Option<String>, value: String, length: usize, min: u32, unit: LengthUnit }
    /// A number outside the property's (or field's) bounds.
    ValueOutOfRange = "VALUE_OUT_OF_RANGE" { pid: Option<Id>, prop: String, field: Option<String>, value: String, min: Option<Bound>, max: Option<Bound> }
    /// More or fewer values than the property allows.
    ValueCountOutOfRange = "VALUE_COUNT_OUT_OF_RANGE" { pid: Id, prop: String, count: usize, min: Option<u32>, max: Option<u32> }
    /// A typed value that does not match (or matches) a pattern.
    ValuePatternMismatch = "VALUE_PATTERN_MISMATCH" { pid: Option<Id>, prop: String, field: Option<String>, value: String, pattern: String, must_match: bool, hint: Option<String> }
    /// A typed value not of the property's type (or with too many decimal places).
    ValueTypeInvalid = "VALUE_TYPE_INVALID" { pid: Option<Id>, prop: String, field: Option<String>, value: String, expected: ValueType, max_decimals: Option<u32> }
    /// A SKU price outside the platform's or the category's bounds.
    PriceOutOfRange = "PRICE_OUT_OF_RANGE" { price: String, min: Option<Bound>, max: Option<Bound>, category: bool }
    /// The item price not between the lowest and the highest SKU price (Taobao
    /// `IC_CHECKSTEP_ITME_SKU_PRICE_UNMATCH`); `min` and `max` as the SKUs give them.
    ItemPriceOutOfSkuRange = "ITEM_PRICE_OUT_OF_SKU_RANGE" { price: String, min: String, max: String }
    /// The item quantity not the sum of the SKU quantities.
    ItemQuantityMismatch = "ITEM_QUANTITY_MISMATCH" { quantity: String, sum: u64 }
    /// An item field the category (`category: true`) or the platform requires is absent or blank.
    FieldRequired = "FIELD_REQUIRED" { field: String, category: bool }
    /// A SKU without a price (absent or blank).
    SkuPriceMissing = "SKU_PRICE_MISSING" {}
    /// A member the listing format does not have (`object` names the object it is in, as the
    /// listing's declaration does); it is not read.
    FieldUnknown = "FIELD_UNKNOWN" { field: String, object: String, suggestions: Vec<String> }
    /// Property id or name not a property of the category.
    PropUnknown = "PROP_UNKNOWN" { pid: Option<Id>, name: Option<String>, suggestions: Vec<String> }
    /// A name matches several properties and cannot be resolved.
    PropNameAmbiguous = "PROP_NAME_AMBIGUOUS" { name: String, candidates: Vec<Id> }
    /// Value id or name not allowed for the property.
    PropValueUnknown = "PROP_VALUE_UNKNOWN" { pid: Id, prop: String, vid: Option<Id>, value: Option<String>, suggestions: Vec<String> }
    /// A value name matches several values of the property.
    PropValueAmbiguous = "PROP_VALUE_AMBIGUOUS" { pid: Id, prop: String, value: String, candidates: Vec<Id> }
    /// Value exists but its status is not normal.
    PropValueDeleted = "PROP_VALUE_DELETED" { pid: Id, prop: String, vid: Id, value: String }
    /// Several values on a single-value property.
    PropNotMulti = "PROP_NOT_MULTI" { pid: Id, prop: String, count: usize }
    /// Free text on an enum-only property.
    PropCustomValueNotAllowed = "PROP_CUSTOM_VALUE_NOT_ALLOWED" { pid: Id, prop: String, value: String }
    /// Dependent property used while its parent value is not chosen.
    PropDependencyUnmet = "PROP_DEPENDENCY_UNMET" { pid: Id, prop: String, parent_pid: Id, parent_vid: Id, parent_prop: String, parent_value: String }
    /// Free text over its limit.
    PropTextTooLong = "PROP_TEXT_TOO_LONG" { pid: Id, prop: String, length: usize, max: u32 }
    /// Seller scope given and brand value not authorised.
    BrandNotAuthorized = "BRAND_NOT_AUTHORIZED" { pid: Id, vid: Id, value: String }
    /// Alias on a property that forbids it.
    AliasNotAllowed = "ALIAS_NOT_ALLOWED" { pid: Id, prop: String, vid: String }
    /// Alias too long (over `max`, in `unit`), a forbidden word, or for a value that is not chosen.
    AliasInvalid = "ALIAS_INVALID" { pid: Id, vid: String, alias: String, problem: AliasProblem, max: u32, unit: LengthUnit }
    /// A SKU uses a property that is not a sale property.
    SkuPropNotSale = "SKU_PROP_NOT_SALE" { pid: Id, prop: String }
    /// A SKU lacks a value for a sale property it needs.
    SkuPropMissing = "SKU_PROP_MISSING" { pid: Id, prop: String }
    /// A SKU's value not allowed for that sale property.
    SkuValueUnknown = "SKU_VALUE_UNKNOWN" { pid: Id, prop: String, vid: Option<Id>, value: Option<String>, suggestions: Vec<String> }
    /// A SKU's value not among the listing's chosen values for that property.
    SkuValueNotInProps = "SKU_VALUE_NOT_IN_PROPS" { pid: Id, prop: String, vid: Id, value: String }
    /// Two SKUs with the same combination.
    SkuDuplicate = "SKU_DUPLICATE" { first: usize, combination: Vec<Pair>, names: Vec<String> }
    /// A combination of the chosen sale values has no SKU.
    SkuCombinationMissing = "SKU_COMBINATION_MISSING" { combination: Vec<Pair>, names: Vec<String> }
    /// More SKUs than the platform allows.
    SkuLimitExceeded = "SKU_LIMIT_EXCEEDED" { count: usize, max: u32 }
    /// More chosen values (`pid:vid` pairs of the item's property string) than the platform
    /// takes (Taobao: 35).
    PropsLimitExceeded = "PROPS_LIMIT_EXCEEDED" { count: usize, max: u32 }
    /// Price not a positive decimal with at most two places; `reason` says why.
    SkuPriceInvalid = "SKU_PRICE_INVALID" { price: Option<String>, reason: PriceProblem }
    /// Quantity absent, negative or not a whole number; `reason` says why.
    SkuQuantityInvalid = "SKU_QUANTITY_INVALID" { quantity: Option<String>, reason: QuantityProblem }
    /// The category has a required sale property and the listing has no SKUs.
    SkuRequired = "SKU_REQUIRED" { pid: Id, prop: String }
    /// A Taobao-native `pid:vid;pid:vid` string does not parse.
    NativeSyntaxInvalid = "NATIVE_SYNTAX_INVALID" { offset: usize, fragment: String }
    /// The category's metadata has holes (some platform answers were missing when the snapshot
    /// was built): the listing cannot be judged from it.
    CategoryMetadataIncomplete = "CATEGORY_METADATA_INCOMPLETE" { category_id: Id, name: String }
    /// More issues than the report holds: the rest are counted, not listed.
    IssuesTruncated = "ISSUES_TRUNCATED" { omitted: usize, errors: usize, warnings: usize, max: usize }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Issue {
    #[serde(flatten)]
    /// What was found, with its code and parameters.
    pub kind: IssueKind,
    /// Whether it blocks publishing.
    pub severity: Severity,
    /// JSON Pointer into the listing, e.g. `/skus/3/props/1`.
    pub path: String,
    /// Human-readable message in the report's locale.
    pub message: String,
}

impl Issue {
    /// The stable code.
    pub fn code(&self) -> Code {
        self.kind.code()
    }
}

/// The outcome of validating one listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Where the listing came from (file, line); set by callers that read files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// No issue of severity `error`.
    pub valid: bool,
    /// Content hash of the snapshot the listing was checked against.
    pub snapshot_hash: String,
    /// Number of issues of severity `error`.
    pub errors: usize,
    /// Number of issues of severity `warning`.
    pub warnings: usize,
    /// All issues, in the order the rules run (category, then title, properties, SKUs).
    pub issues: Vec<Issue>,
}

/// Collects issues while the rules run.
///
/// At most `max_issues` are kept: one listing inside every input limit can still produce
/// millions (every value of a huge property unknown), and a report's size must not follow the
/// listing's. The rest are only counted, by severity, and reported as one `ISSUES_TRUNCATED`.
#[derive(Debug)]
pub struct Sink {
    pub(crate) issues: Vec<(IssueKind, Severity, String)>,
    /// In `is_valid` mode the first error is enough.
    pub(crate) stop_at_first_error: bool,
    max_issues: usize,
    /// Errors and warnings found past `max_issues`.
    omitted_errors: usize,
    omitted_warnings: usize,
    /// Whether any issue so far is an error (kept or not).
    any_error: bool,
}

impl Sink {
    pub(crate) fn new(stop_at_first_error: bool, max_issues: usize) -> Self {
        Sink {
            issues: Vec::new(),
            stop_at_first_error,
            max_issues,
            omitted_errors: 0,
            omitted_warnings: 0,
            any_error: false,
        }
    }

    pub(crate) fn error(&mut self, kind: IssueKind, path: impl Into<String>) {
        self.push(kind, Severity::Error, path);
    }

    pub(crate) fn push(&mut self, kind: IssueKind, severity: Severity, path: impl Into<String>) {
        self.any_error |= severity == Severity::Error;
        if self.issues.len() < self.max_issues {
            self.issues.push((kind, severity, path.into()));
        } else if severity == Severity::Error {
            self.omitted_errors += 1;
        } else {
            self.omitted_warnings += 1;
        }
    }

    /// True when a caller only wants a yes/no and an error is already known.
    pub(crate) fn done(&self) -> bool {
        self.stop_at_first_error && self.has_errors()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.any_error
    }

    /// The report, with every message in `locale`; `names` are the listing's category's.
    pub(crate) fn into_report(mut self, snapshot_hash: &str, locale: Locale, names: &messages::Names<'_>) -> Report {
        let (errors, warnings) = (self.omitted_errors, self.omitted_warnings);
        if errors + warnings > 0 {
            // An error among the omitted ones keeps the report invalid even when every kept
            // issue is a warning.
            let severity = if errors > 0 { Severity::Error } else { Severity::Warning };
            let kind =
                IssueKind::IssuesTruncated { omitted: errors + warnings, errors, warnings, max: self.max_issues };
            self.issues.push((kind, severity, String::new()));
        }
        let issues: Vec<Issue> = self
            .issues
            .into_iter()
            .map(|(kind, severity, path)| Issue {
                message: messages::message_with(&kind, locale, names),
                kind,
                severity,
                path,
            })
            .collect();
        let errors = issues.iter().filter(|i| i.severity == Severity::Error).count();
        Report {
            source: None,
            valid: errors == 0,
            snapshot_hash: snapshot_hash.to_owned(),
            errors,
            warnings: issues.len() - errors,
            issues,
        }
    }
}

/// Appends one JSON Pointer segment, escaping `~` and `/` as RFC 6901 requires.
pub fn pointer(base: &str, segment: impl std::fmt::Display) -> String {
    let seg = segment.to_string();
    let mut out = String::with_capacity(base.len() + seg.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in seg.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn issues_serialise_as_code_and_params() {
        let issue = Issue {
            kind: IssueKind::SkuLimitExceeded { count: 601, max: 600 },
            severity: Severity::Error,
            path: "/skus".into(),
            message: "m".into(),
        };
        let v = serde_json::to_value(&issue).unwrap();
        assert_eq!(v["code"], "SKU_LIMIT_EXCEEDED");
        assert_eq!(v["params"]["count"], 601);
        assert_eq!(v["severity"], "error");
        let back: Issue = serde_json::from_value(v).unwrap();
        assert_eq!(back, issue);
    }

    #[test]
    fn codes_round_trip() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
        assert!(Code::ALL.len() >= 33);
    }

    #[test]
    fn issues_past_the_cap_are_counted_in_one_truncation_issue() {
        let mut sink = Sink::new(false, 3);
        for _ in 0..3 {
            sink.push(IssueKind::TitleMissing {}, Severity::Warning, "/title");
        }
        for _ in 0..5 {
            sink.error(IssueKind::TitleMissing {}, "/title");
        }
        sink.push(IssueKind::TitleMissing {}, Severity::Warning, "/title");
        let r = sink.into_report("h", Locale::En, &messages::Names::default());
        assert_eq!(r.issues.len(), 4);
        let last = &r.issues[3];
        assert_eq!(last.kind, IssueKind::IssuesTruncated { omitted: 6, errors: 5, warnings: 1, max: 3 });
        // Every kept issue is a warning: an omitted error still makes the listing invalid.
        assert_eq!(last.severity, Severity::Error);
        assert!(!r.valid);
        assert!(last.message.contains("first 3") && last.message.contains("6 more"));
        let mut sink = Sink::new(false, 3);
        for _ in 0..4 {
            sink.push(IssueKind::TitleMissing {}, Severity::Warning, "/title");
        }
        let r = sink.into_report("h", Locale::ZhCn, &messages::Names::default());
        assert!(r.valid);
        assert_eq!(r.issues[3].severity, Severity::Warning);
        assert!(r.issues[3].message.contains("前 3 个"));
    }

    #[test]
    fn pointers_escape() {
        assert_eq!(pointer("/props/2/aliases", "a/b~c"), "/props/2/aliases/a~1b~0c");
    }
}
