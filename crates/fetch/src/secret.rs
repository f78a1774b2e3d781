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

    /// Reads a secret from a file (first line, surrounding whitespace removed), for secrets
    /// kept by a secret manager or a mounted volume.
    pub fn from_file(path: &std::path::Path) -> std::io::Result<Self> {
        let text = std::fs::read_to_string(path)?;
        let first = text.lines().next().unwrap_or("").trim();
        if first.is_empty() {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "the secret file is empty"));
        }
        Ok(Self(first.to_string()))
    }

    /// `$VAR`, or else the file named by `$VAR_FILE`.
    pub fn from_env_or_file(var: &str) -> std::io::Result<Option<Self>> {
        if let Some(s) = Self::from_env(var) {
            return Ok(Some(s));
        }
        match std::env::var_os(format!("{var}_FILE")) {
            Some(path) => Self::from_file(std::path::Path::new(&path)).map(Some),
            None => Ok(None),
        }
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
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
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
    fn reads_the_first_line_of_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        std::fs::write(&p, "  abc \nignored\n").unwrap();
        assert_eq!(Secret::from_file(&p).map(|s| s.expose().to_string()).ok(), Some("abc".to_string()));
        std::fs::write(&p, "\n").unwrap();
        assert!(Secret::from_file(&p).is_err());
    }

    #[test]
    fn signing_params_are_secret() {
        for p in ["sign", "session", "access_token", "apiToken", "app_key"] {
            assert!(is_secret_param(p), "{p}");
        }
        assert!(!is_secret_param("cid"));
    }
}
