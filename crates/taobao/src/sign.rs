//! TOP request signing.
//!
//! The signed string is every non-empty parameter except `sign` (file parameters are never
//! sent by this crate), sorted by key in byte order and concatenated as `key1value1key2value2`.
//! `md5` wraps it in the secret; `hmac` and `hmac-sha256` use the secret only as the MAC key
//! (a widely copied Java sample wraps the string for `hmac` too, which the gateway rejects).

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// The `sign_method` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignMethod {
    Md5,
    #[default]
    Hmac,
    HmacSha256,
}

impl SignMethod {
    pub fn as_param(self) -> &'static str {
        match self {
            Self::Md5 => "md5",
            Self::Hmac => "hmac",
            Self::HmacSha256 => "hmac-sha256",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "md5" => Some(Self::Md5),
            "hmac" => Some(Self::Hmac),
            "hmac-sha256" => Some(Self::HmacSha256),
            _ => None,
        }
    }
}

/// The string that is hashed: sorted `keyvalue` pairs, empty keys/values and `sign` left out.
/// `BTreeMap<String, _>` already orders keys by their bytes, which is the gateway's order.
pub fn signing_string(params: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (k, v) in params {
        if k.is_empty() || v.is_empty() || k == "sign" {
            continue;
        }
        out.push_str(k);
        out.push_str(v);
    }
    out
}

/// Upper-case hex signature of `params` (which must include `sign_method`).
pub fn sign(params: &BTreeMap<String, String>, secret: &str, method: SignMethod) -> String {
    let joined = signing_string(params);
    match method {
        SignMethod::Md5 => {
            let mut h = Md5::new();
            h.update(secret.as_bytes());
            h.update(joined.as_bytes());
            h.update(secret.as_bytes());
            hex_upper(&h.finalize())
        }
        SignMethod::Hmac => hmac_hex::<Hmac<Md5>>(secret, &joined),
        SignMethod::HmacSha256 => hmac_hex::<Hmac<Sha256>>(secret, &joined),
    }
}

fn hmac_hex<M: Mac + hmac::digest::KeyInit>(secret: &str, data: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail; an empty signature
    // would simply be rejected by the gateway.
    match <M as hmac::digest::KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(data.as_bytes());
            hex_upper(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published TOP example, with `sign_method` set per case.
    fn vector(method: SignMethod) -> BTreeMap<String, String> {
        [
            ("app_key", "12345678"),
            ("fields", "num_iid,title,nick,price,num"),
            ("format", "json"),
            ("method", "taobao.item.seller.get"),
            ("num_iid", "11223344"),
            ("session", "test"),
            ("sign_method", method.as_param()),
            ("timestamp", "2016-01-01 12:00:00"),
            ("v", "2.0"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn md5_matches_the_published_vector() {
        let p = vector(SignMethod::Md5);
        assert_eq!(sign(&p, "helloworld", SignMethod::Md5), "66987CB115214E59E6EC978214934FB8");
    }

    #[test]
    fn hmac_uses_the_secret_as_key_only() {
        let p = vector(SignMethod::Hmac);
        assert_eq!(sign(&p, "helloworld", SignMethod::Hmac), "D56D7858309C31B6251083A874D48273");
    }

    #[test]
    fn hmac_sha256_matches() {
        let p = vector(SignMethod::HmacSha256);
        assert_eq!(
            sign(&p, "helloworld", SignMethod::HmacSha256),
            "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8"
        );
    }

    #[test]
    fn empty_values_and_sign_are_not_signed() {
        let mut p = vector(SignMethod::Md5);
        p.insert("sign".into(), "XYZ".into());
        p.insert("partner_id".into(), String::new());
        assert_eq!(sign(&p, "helloworld", SignMethod::Md5), "66987CB115214E59E6EC978214934FB8");
    }
}
