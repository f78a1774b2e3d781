//! Credentials that must never reach logs, errors, recordings or snapshots.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Locale;

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
    ///
    /// At most [`SECRET_FILE_BYTES`] are read: the variable may name a pipe or a device
    /// (`/dev/zero`), whose length is not known in advance. A folder is refused by name.
    pub fn from_file(path: &Path) -> Result<Self, SecretFileError> {
        let file = std::fs::File::open(path).map_err(SecretFileError::Io)?;
        if file.metadata().map_err(SecretFileError::Io)?.is_dir() {
            return Err(SecretFileError::Folder);
        }
        let mut bytes = Vec::new();
        file.take(SECRET_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(SecretFileError::Io)?;
        if bytes.len() > SECRET_FILE_BYTES {
            return Err(SecretFileError::TooLarge);
        }
        let text = String::from_utf8(bytes).map_err(|_| SecretFileError::NotText)?;
        let first = text.lines().next().unwrap_or("").trim();
        if first.is_empty() {
            return Err(SecretFileError::Empty);
        }
        Ok(Self(first.to_string()))
    }

    /// `$VAR`, or else the file named by `$VAR_FILE`; `None` when neither is set.
    pub fn from_env_or_file(var: &str) -> Result<Option<Self>, CredentialError> {
        if let Some(s) = Self::from_env(var) {
            return Ok(Some(s));
        }
        match std::env::var_os(format!("{var}_FILE")) {
            Some(path) => Self::from_file(Path::new(&path)).map(Some).map_err(|error| CredentialError::Unreadable {
                var: var.to_string(),
                path: PathBuf::from(path),
                error,
            }),
            None => Ok(None),
        }
    }

    /// Like [`Secret::from_env_or_file`], for a credential the call cannot do without.
    pub fn required(var: &str) -> Result<Self, CredentialError> {
        Self::from_env_or_file(var)?.ok_or_else(|| CredentialError::Missing { var: var.to_string() })
    }
}

/// Why the file a `*_FILE` variable names gives no secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretFileError {
    #[error("{}", io_text(.0, Locale::En))]
    Io(std::io::Error),
    #[error("it names a folder, not a file")]
    Folder,
    #[error("the secret file is larger than 64 KiB")]
    TooLarge,
    #[error("the secret file is not UTF-8 text")]
    NotText,
    #[error("the secret file is empty")]
    Empty,
}

impl SecretFileError {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Io(e)) => io_text(e, locale),
            (Locale::ZhCn, Self::Folder) => String::from("它指向一个文件夹, 而不是文件"),
            (Locale::ZhCn, Self::TooLarge) => String::from("密钥文件超过 64 KiB"),
            (Locale::ZhCn, Self::NotText) => String::from("密钥文件不是 UTF-8 文本"),
            (Locale::ZhCn, Self::Empty) => String::from("密钥文件是空的"),
        }
    }
}

/// The operating system's words in English; in Chinese, the common cases by kind (the system's
/// own text is English only).
fn io_text(e: &std::io::Error, locale: Locale) -> String {
    match (locale, e.kind()) {
        (Locale::En, _) => e.to_string(),
        (Locale::ZhCn, std::io::ErrorKind::NotFound) => String::from("文件不存在"),
        (Locale::ZhCn, std::io::ErrorKind::PermissionDenied) => String::from("没有读取该文件的权限"),
        (Locale::ZhCn, _) => String::from("读取该文件失败"),
    }
}

/// A credential that cannot be had: each cause with its own message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialError {
    /// Neither `$VAR` nor `$VAR_FILE` is set.
    #[error("`{var}` is not set (nor `{var}_FILE`)")]
    Missing { var: String },
    /// `$VAR_FILE` is set, but its file gives no secret.
    #[error("`{var}_FILE` names {}, which cannot be used: {error}", .path.display())]
    Unreadable { var: String, path: PathBuf, error: SecretFileError },
}

impl CredentialError {
    pub fn message(&self, locale: Locale) -> String {
        match (locale, self) {
            (Locale::En, _) => self.to_string(),
            (Locale::ZhCn, Self::Missing { var }) => format!("未设置 `{var}`(也没有 `{var}_FILE`)"),
            (Locale::ZhCn, Self::Unreadable { var, path, error }) => {
                format!("`{var}_FILE` 指向的 {} 无法使用:{}", path.display(), error.message(locale))
            }
        }
    }
}

/// The largest secret file read: credentials are tens of bytes, certificates a few KiB.
pub const SECRET_FILE_BYTES: usize = 64 * 1024;

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

/// Replaces the exact values of configured secrets with `***` in text that came from outside:
/// a gateway may echo a credential it was sent (TOP's `sub_msg`, WeChat's `errmsg`, a proxy's
/// error page), and that text would otherwise reach messages and recordings.
///
/// Each secret is searched as sent and as it appears JSON-escaped or percent-encoded (in an
/// echoed URL). Values shorter than [`Redactor::MIN_LEN`] bytes are left alone: no platform
/// issues credentials that short, and replacing a short string would mangle ordinary text.
#[derive(Clone, Default)]
pub struct Redactor {
    needles: Vec<String>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redactor({} forms)", self.needles.len())
    }
}

impl Redactor {
    pub const MIN_LEN: usize = 8;

    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut r = Self::default();
        for s in secrets {
            r.add(s);
        }
        r
    }

    pub fn add(&mut self, secret: &Secret) {
        let raw = secret.expose();
        if raw.len() < Self::MIN_LEN {
            return;
        }
        let json = serde_json::to_string(raw).unwrap_or_default();
        let json = json.get(1..json.len().saturating_sub(1)).unwrap_or_default().to_string();
        for form in [raw.to_string(), json, percent_encode(raw)] {
            if !form.is_empty() && !self.needles.contains(&form) {
                self.needles.push(form);
            }
        }
        // Longest first, so a form containing another is replaced whole.
        self.needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    pub fn redact<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let mut out = std::borrow::Cow::Borrowed(text);
        for n in &self.needles {
            if out.contains(n.as_str()) {
                out = std::borrow::Cow::Owned(out.replace(n.as_str(), "***"));
            }
        }
        out
    }
}

/// Every byte outside RFC 3986's unreserved set as `%XX`.
fn percent_encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    // 1688's official gateway: the request signature.
    "_aop_signature",
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

    #[cfg(unix)]
    #[test]
    fn endless_files_and_folders_are_refused() {
        let err = Secret::from_file(std::path::Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("larger than 64 KiB"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = Secret::from_file(dir.path()).unwrap_err();
        assert!(matches!(err, SecretFileError::Folder), "{err:?}");
    }

    #[test]
    fn secret_file_errors_speak_chinese_without_english() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("token");
        std::fs::write(&p, [0xff, 0xfe]).unwrap();
        let not_text = Secret::from_file(&p).unwrap_err();
        std::fs::write(&p, "\n").unwrap();
        let empty = Secret::from_file(&p).unwrap_err();
        let missing = Secret::from_file(&dir.path().join("absent")).unwrap_err();
        let folder = Secret::from_file(dir.path()).unwrap_err();
        let errors = [not_text, empty, missing, folder, SecretFileError::TooLarge];
        let zh: Vec<String> = errors.iter().map(|e| e.message(Locale::ZhCn)).collect();
        assert_eq!(
            zh,
            [
                "密钥文件不是 UTF-8 文本",
                "密钥文件是空的",
                "文件不存在",
                "它指向一个文件夹, 而不是文件",
                "密钥文件超过 64 KiB"
            ]
        );
        assert_eq!(errors[1].message(Locale::En), "the secret file is empty");
    }

    #[test]
    fn a_missing_credential_and_an_unusable_file_are_told_apart() {
        let missing = CredentialError::Missing { var: "X_KEY".into() };
        assert_eq!(missing.message(Locale::En), "`X_KEY` is not set (nor `X_KEY_FILE`)");
        assert_eq!(missing.message(Locale::ZhCn), "未设置 `X_KEY`(也没有 `X_KEY_FILE`)");
        let big = CredentialError::Unreadable {
            var: "X_KEY".into(),
            path: PathBuf::from("/run/key"),
            error: SecretFileError::TooLarge,
        };
        assert_eq!(
            big.message(Locale::En),
            "`X_KEY_FILE` names /run/key, which cannot be used: the secret file is larger than 64 KiB"
        );
        assert_eq!(big.message(Locale::ZhCn), "`X_KEY_FILE` 指向的 /run/key 无法使用:密钥文件超过 64 KiB");
        assert!(!big.to_string().contains("is not set"));
    }

    #[test]
    fn configured_values_are_redacted_in_every_form() {
        let r = Redactor::new([&Secret::new("tok/en\"42+x"), &Secret::new("short")]);
        let text = "a tok/en\"42+x b tok/en\\\"42+x c tok%2Fen%2242%2Bx d short";
        assert_eq!(r.redact(text), "a *** b *** c *** d short");
        assert!(matches!(r.redact("nothing here"), std::borrow::Cow::Borrowed(_)));
        assert!(!format!("{r:?}").contains("tok"));
    }

    #[test]
    fn signing_params_are_secret() {
        for p in ["sign", "session", "access_token", "apiToken", "app_key"] {
            assert!(is_secret_param(p), "{p}");
        }
        assert!(!is_secret_param("cid"));
    }
}
