//! What an error says about the call that failed: platform, method and non-secret params.

use std::collections::BTreeMap;
use std::fmt;

use crate::secret::is_secret_param;

/// The identity of one API call, safe to print: secret parameters are dropped on construction
/// so no error built from it can carry a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallContext {
    pub platform: String,
    pub method: String,
    pub params: BTreeMap<String, String>,
}

impl CallContext {
    pub fn new<K, V>(
        platform: impl Into<String>,
        method: impl Into<String>,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let params =
            params.into_iter().map(|(k, v)| (k.into(), v.into())).filter(|(k, _)| !is_secret_param(k)).collect();
        Self { platform: platform.into(), method: method.into(), params }
    }
}

impl fmt::Display for CallContext {
    /// `taobao.itemprops.get(cid=50010850, fields=pid,name)`: long values are shortened so a
    /// 1000-id `cids` list does not flood the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.method)?;
        for (i, (k, v)) in self.params.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            if v.chars().count() > 80 {
                let head: String = v.chars().take(77).collect();
                write!(f, "{k}={head}...")?;
            } else {
                write!(f, "{k}={v}")?;
            }
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_params_are_dropped() {
        let c =
            CallContext::new("taobao", "taobao.itemprops.get", [("cid", "1"), ("session", "s3cr3t"), ("sign", "ABC")]);
        let shown = c.to_string();
        assert_eq!(shown, "taobao.itemprops.get(cid=1)");
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }
}
