//! Credentials that must never reach logs, errors, recordings or snapshots.

use std::fmt;

/// A credential (app secret, session key, access token, `apiToken`).
///
/// `Debug` and `Display` print `***` so that a secret embedded in a config struct or an error
/// cannot leak through `{:?}` formatting; the value is only reachable through [`Secret::expose`],
/// which makes every use greppable.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for signing or for the one request parameter that carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Reads a secret from an environment variable: secrets are not taken from command-line
    /// arguments because those are visible in process lists.
    pub fn from_env(var: &str) -> Option<Self> {
        std::env::var(var).ok().filter(|v| !v.is_empty()).map(Self)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Request parameters that carry credentials or per-request signing data. They are dropped
/// from recordings and from error contexts whatever the platform.
pub const SECRET_PARAMS: &[&str] = &[
    "app_key",
    "app_secret",
    "secret",
    "sign",
    "session",
    "access_token",
    "authorizer_access_token",
    "apiToken",
    "api_token",
    "key",
    "timestamp",
];

/// Whether a parameter name must be kept out of recordings and messages.
pub fn is_secret_param(name: &str) -> bool {
    SECRET_PARAMS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn signing_params_are_secret() {
        for p in ["sign", "session", "access_token", "apiToken", "app_key"] {
            assert!(is_secret_param(p), "{p}");
        }
        assert!(!is_secret_param("cid"));
    }
}
