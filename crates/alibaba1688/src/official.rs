//! The official 1688 open API (`gw.open.1688.com/openapi`): request signing, the client for
//! `alibaba.category.get` and `alibaba.category.attribute.get`, and a fetch of chosen leaves.
//!
//! Signing, as the platform's documentation (API 签名规则) gives it: the URL path from
//! `param2` to the `?` (`param2/1/<namespace>/<method>/<appKey>`), followed by every
//! parameter as `keyvalue`, those strings sorted; HMAC-SHA1 of that with the app secret as the
//! key; upper-case hex, sent as `_aop_signature`.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use shelfcheck_fetch::{
    for_each_bounded, CallContext, CallError, FetchReport, HttpConfig, Secret, SetupError, Skipped, Stage, Transport,
};

use crate::attribute::AttributeAnswer;
use crate::client::PLATFORM;
use crate::error::{classify_official, AlibabaError};
use crate::import::{import_exchanges, ATTRIBUTE_METHOD, OFFICIAL_METHOD};
use crate::model::OfficialAnswer;

pub const OFFICIAL_BASE_URL: &str = "https://gw.open.1688.com/openapi";
/// Environment variables holding the app's key and secret and, for calls that need a
/// seller's authorisation, the access token (each also as `<NAME>_FILE`).
pub const ENV_APP_KEY: &str = "SHELFCHECK_1688_APP_KEY";
pub const ENV_APP_SECRET: &str = "SHELFCHECK_1688_APP_SECRET";
pub const ENV_ACCESS_TOKEN: &str = "SHELFCHECK_1688_ACCESS_TOKEN";
/// The namespace of the product APIs in the URL path.
const NAMESPACE: &str = "com.alibaba.product";

/// The signature of a call: `url_path` from `param2` on, `params` without `_aop_signature`.
pub fn signature(url_path: &str, params: &[(String, String)], secret: &str) -> String {
    let mut pairs: Vec<String> = params.iter().map(|(k, v)| format!("{k}{v}")).collect();
    pairs.sort();
    let mut mac = match Hmac::<Sha1>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC takes a key of any length; keep the function total all the same.
        Err(_) => return String::new(),
    };
    mac.update(url_path.as_bytes());
    for p in &pairs {
        mac.update(p.as_bytes());
    }
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

/// The app's credentials. The key is part of every URL (and so of recordings' context, never
/// of their parameters); the secret and token are masked in whatever the gateway sends back.
#[derive(Debug, Clone)]
pub struct OfficialCredentials {
    pub app_key: Secret,
    pub app_secret: Secret,
    pub access_token: Option<Secret>,
}

#[derive(Debug, Clone)]
pub struct OfficialClient {
    transport: Transport,
    credentials: OfficialCredentials,
}

impl OfficialClient {
    pub fn new(credentials: OfficialCredentials, config: HttpConfig) -> Result<Self, SetupError> {
        Ok(Self::with_transport(Transport::new(PLATFORM, OFFICIAL_BASE_URL, config)?, credentials))
    }

    pub fn with_transport(transport: Transport, credentials: OfficialCredentials) -> Self {
        let secrets = [Some(&credentials.app_key), Some(&credentials.app_secret), credentials.access_token.as_ref()];
        Self { transport: transport.with_secrets(secrets.into_iter().flatten()), credentials }
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    async fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: &str,
        params: Vec<(String, String)>,
    ) -> Result<T, CallError<AlibabaError>> {
        let ctx = CallContext::new(PLATFORM, method, params.clone());
        let url_path = format!("param2/1/{NAMESPACE}/{method}/{}", self.credentials.app_key.expose());
        let mut signed = params;
        if let Some(token) = &self.credentials.access_token {
            signed.push(("access_token".into(), token.expose().to_string()));
        }
        let sig = signature(&url_path, &signed, self.credentials.app_secret.expose());
        signed.push(("_aop_signature".into(), sig));
        self.transport
            .call(
                &ctx,
                |client, base| client.get(shelfcheck_fetch::endpoint(base, &url_path)).query(&signed),
                classify_official::<T>,
            )
            .await
    }

    fn category_params(cid: i64) -> Vec<(String, String)> {
        vec![("categoryID".into(), cid.to_string()), ("webSite".into(), "1688".into())]
    }

    /// A category: name, leafness, parents, children, features (`0`: the first level).
    pub async fn category(&self, cid: i64) -> Result<OfficialAnswer, CallError<AlibabaError>> {
        self.call(OFFICIAL_METHOD, Self::category_params(cid)).await
    }

    /// A leaf category's attributes and cascades.
    pub async fn attributes(&self, cid: i64) -> Result<AttributeAnswer, CallError<AlibabaError>> {
        self.call(ATTRIBUTE_METHOD, Self::category_params(cid)).await
    }
}

/// Fetches each leaf's category record and attributes. A leaf whose call fails is skipped
/// (its category marked incomplete), or ends the fetch when `strict`.
pub async fn fetch_leaves(
    client: &OfficialClient,
    leaves: &[i64],
    strict: bool,
) -> Result<FetchReport<AlibabaError>, shelfcheck_fetch::FetchError<AlibabaError>> {
    let transport = client.transport();
    let start = transport.recorder().len();
    transport.stage_started(Stage::Properties, Some(leaves.len() as u64));
    let mut skipped = Vec::new();
    let work = |cid: i64| {
        let c = client.clone();
        async move {
            let result = match c.category(cid).await {
                Ok(_) => c.attributes(cid).await.map(|_| ()),
                Err(e) => Err(e),
            };
            (cid, result)
        }
    };
    let limit = transport.max_concurrency();
    for_each_bounded(
        leaves.to_vec(),
        limit,
        work,
        |joined| -> Result<(), shelfcheck_fetch::FetchError<AlibabaError>> {
            let (cid, result) = joined?;
            transport.advanced(Stage::Properties);
            match result {
                Ok(()) => Ok(()),
                Err(e) if strict => Err(e.into()),
                Err(e) => {
                    Skipped::push(&mut skipped, transport, cid, Stage::Properties, e);
                    Ok(())
                }
            }
        },
    )
    .await?;
    transport.stage_finished(Stage::Properties);
    let source = format!("{PLATFORM} official API");
    FetchReport::from_recording(transport, start, &source, import_exchanges, skipped, Vec::new())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn the_documentation_s_signature_example() {
        // API 签名规则: urlPath param2/1/system/currentTime/1000000, b=2&a=1, secret test123.
        let params = [("b".to_string(), "2".to_string()), ("a".to_string(), "1".to_string())];
        assert_eq!(
            signature("param2/1/system/currentTime/1000000", &params, "test123"),
            "33E54F4F7B989E3E0E912D3FBD2F1A03CA7CCE88"
        );
    }
}
