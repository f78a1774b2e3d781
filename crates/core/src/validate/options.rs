//! Validation options.

use crate::report::Severity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Language of report messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum Locale {
    /// Simplified Chinese (the default: the platforms' own language).
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    /// English.
    En,
}

impl Locale {
    /// Parses `zh-CN`, `zh`, `en`, `en-US`... (case-insensitive).
    pub fn parse(s: &str) -> Option<Locale> {
        let l = s.to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh-") || l.starts_with("zh_") {
            Some(Locale::ZhCn)
        } else if l == "en" || l.starts_with("en-") || l.starts_with("en_") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the text for this locale.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }

    /// The locale's tag, as `parse` reads it (`zh-CN`, `en`).
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
}

/// How to validate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ValidateOptions {
    /// The language of the messages.
    pub locale: Locale,
    /// Severity of `SKU_COMBINATION_MISSING`: a seller may leave a combination out on purpose
    /// (sold out for good), so it is a warning unless asked otherwise.
    pub missing_combinations: Severity,
    /// Check the snapshot's seller scope (authorised categories and brands, account audit).
    pub seller_scope: bool,
    /// Severity of `CATEGORY_METADATA_INCOMPLETE`. As an error the listing is not checked
    /// further (its category's metadata has holes); as a warning the rules run on what is there.
    pub incomplete_metadata: Severity,
    /// Most issues one report lists; past it they are counted in one `ISSUES_TRUNCATED`.
    pub max_issues: usize,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            locale: Locale::ZhCn,
            missing_combinations: Severity::Warning,
            seller_scope: true,
            incomplete_metadata: Severity::Error,
            max_issues: 1_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_parse_leniently() {
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("EN-us"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
    }
}
