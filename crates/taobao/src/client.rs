//! The TOP client: one method per API, each a signed POST to the router.

use std::collections::BTreeMap;
use std::time::SystemTime;

use serde::de::DeserializeOwned;
use shelfcheck_fetch::{CallContext, CallError, HttpConfig, Secret, SetupError, Transport};

use crate::envelope::classify;
use crate::model::{
    AuthorizeBody, ItemCat, ItemCatBody, ItemCatsBody, ItemProp, ItemPropsBody, PropValue, PropValuesBody,
    SellerAuthorize,
};
use crate::sign::{sign, SignMethod};
use crate::TaobaoError;
use shelfcheck_fetch::top_timestamp;

/// The production router. Tests pass their own base URL through [`HttpConfig::base_url`].
pub const DEFAULT_GATEWAY: &str = "https://eco.taobao.com/router/rest";
/// The platform name used in recordings and progress events.
pub const PLATFORM: &str = "taobao";
/// `taobao.itemcats.get` accepts at most this many ids per call.
pub const MAX_CIDS_PER_CALL: usize = 1000;

pub const CAT_FIELDS: &str = "cid,parent_cid,name,is_parent,status,sort_order,features,taosir_cat";
pub const PROP_FIELDS: &str = "pid,name,parent_pid,parent_vid,child_template,is_key_prop,\
is_sale_prop,is_color_prop,is_enum_prop,is_input_prop,is_item_prop,is_allow_alias,must,multi,\
status,sort_order,features,type";
pub const VALUE_FIELDS: &str = "cid,pid,prop_name,vid,name,name_alias,is_parent,status,sort_order,features";

pub type CallResult<T> = Result<T, CallError<TaobaoError>>;

/// App credentials. The secret and session are [`Secret`]s: never printed, never recorded.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub app_key: String,
    pub app_secret: Secret,
    /// Seller session key; only `taobao.itemcats.authorize.get` needs it.
    pub session: Option<Secret>,
}

/// Environment variables the credentials are read from (each also as `<NAME>_FILE`, a file
/// holding the value). Command-line arguments are avoided: process lists show them.
pub const ENV_APP_KEY: &str = "SHELFCHECK_TAOBAO_APP_KEY";
pub const ENV_APP_SECRET: &str = "SHELFCHECK_TAOBAO_APP_SECRET";
pub const ENV_SESSION: &str = "SHELFCHECK_TAOBAO_SESSION";

/// A credential that is not configured, or whose `*_FILE` cannot be used.
pub type MissingCredential = shelfcheck_fetch::CredentialError;

impl Credentials {
    /// App key and secret are required; the session is optional (only seller-scope calls use it).
    pub fn from_env() -> Result<Self, MissingCredential> {
        Ok(Self {
            app_key: Secret::required(ENV_APP_KEY)?.expose().to_string(),
            app_secret: Secret::required(ENV_APP_SECRET)?,
            session: Secret::from_env_or_file(ENV_SESSION)?,
        })
    }
}

/// Taobao (C-sellers) or Tmall (B-sellers): `type` 1 or 2 of `taobao.itemprops.get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Market {
    #[default]
    Taobao,
    Tmall,
}

impl Market {
    pub fn type_param(self) -> &'static str {
        match self {
            Self::Taobao => "1",
            Self::Tmall => "2",
        }
    }
}

/// Optional filters of `taobao.itemprops.get`.
#[derive(Debug, Clone, Default)]
pub struct PropsQuery {
    pub market: Option<Market>,
    pub pid: Option<i64>,
    pub parent_pid: Option<i64>,
    /// `pid:vid;pid:vid`
    pub child_path: Option<String>,
    /// Defaults to [`PROP_FIELDS`].
    pub fields: Option<String>,
}

#[derive(Debug, Clone)]
pub struct TaobaoClient {
    transport: Transport,
    credentials: Credentials,
    sign_method: SignMethod,
}

impl TaobaoClient {
    pub fn new(credentials: Credentials, config: HttpConfig) -> Result<Self, SetupError> {
        let transport = Transport::new(PLATFORM, DEFAULT_GATEWAY, config)?;
        Ok(Self::with_transport(transport, credentials))
    }

    /// Uses an already configured transport (progress sink, shared recorder).
    /// The credentials' values are masked in whatever the gateway sends back.
    pub fn with_transport(transport: Transport, credentials: Credentials) -> Self {
        let transport = transport.with_secrets(std::iter::once(&credentials.app_secret).chain(&credentials.session));
        Self { transport, credentials, sign_method: SignMethod::default() }
    }

    pub fn with_sign_method(mut self, method: SignMethod) -> Self {
        self.sign_method = method;
        self
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Calls `method` with its own `params`; system parameters and the signature are added
    /// per attempt (the timestamp must be fresh after a back-off). Only `params` are recorded.
    pub async fn call<T: DeserializeOwned>(&self, method: &str, params: Vec<(String, String)>) -> CallResult<T> {
        let ctx = CallContext::new(PLATFORM, method, params.clone());
        self.transport
            .call(
                &ctx,
                |client, url| {
                    let form = self.signed_params(method, &params, SystemTime::now());
                    client.post(url.clone()).form(&form)
                },
                |reply| classify::<T>(method, reply),
            )
            .await
    }

    fn signed_params(&self, method: &str, params: &[(String, String)], now: SystemTime) -> BTreeMap<String, String> {
        let mut all: BTreeMap<String, String> = params.iter().cloned().collect();
        let system = [
            ("method", method.to_string()),
            ("app_key", self.credentials.app_key.clone()),
            ("v", "2.0".to_string()),
            ("format", "json".to_string()),
            ("sign_method", self.sign_method.as_param().to_string()),
            ("timestamp", top_timestamp(now)),
        ];
        for (k, v) in system {
            all.insert(k.to_string(), v);
        }
        if let Some(s) = &self.credentials.session {
            all.insert("session".into(), s.expose().to_string());
        }
        let signature = sign(&all, self.credentials.app_secret.expose(), self.sign_method);
        all.insert("sign".into(), signature);
        all
    }

    /// Children of `parent_cid` (0 = top level).
    pub async fn itemcats_by_parent(&self, parent_cid: i64) -> CallResult<Vec<ItemCat>> {
        let body: ItemCatsBody = self
            .call(
                "taobao.itemcats.get",
                vec![("parent_cid".into(), parent_cid.to_string()), ("fields".into(), CAT_FIELDS.into())],
            )
            .await?;
        Ok(body.item_cats)
    }

    /// The given categories, in batches of at most [`MAX_CIDS_PER_CALL`].
    pub async fn itemcats_by_cids(&self, cids: &[i64]) -> CallResult<Vec<ItemCat>> {
        let mut out = Vec::with_capacity(cids.len());
        for chunk in cids.chunks(MAX_CIDS_PER_CALL) {
            let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            let body: ItemCatsBody = self
                .call("taobao.itemcats.get", vec![("cids".into(), list), ("fields".into(), CAT_FIELDS.into())])
                .await?;
            out.extend(body.item_cats);
        }
        Ok(out)
    }

    /// One category (`None` when the gateway answers without an `item_cat`).
    pub async fn item_cat(&self, cid: i64) -> CallResult<Option<ItemCat>> {
        let body: ItemCatBody = self
            .call("taobao.item.cat.get", vec![("cid".into(), cid.to_string()), ("fields".into(), CAT_FIELDS.into())])
            .await?;
        Ok(body.item_cat)
    }

    /// Properties of a leaf category. Entries often lack `cid`; it is filled in from the call.
    pub async fn itemprops(&self, cid: i64, query: &PropsQuery) -> CallResult<Vec<ItemProp>> {
        let mut params = vec![
            ("cid".to_string(), cid.to_string()),
            ("fields".to_string(), query.fields.clone().unwrap_or_else(|| PROP_FIELDS.into())),
        ];
        if let Some(m) = query.market {
            params.push(("type".into(), m.type_param().into()));
        }
        if let Some(p) = query.pid {
            params.push(("pid".into(), p.to_string()));
        }
        if let Some(p) = query.parent_pid {
            params.push(("parent_pid".into(), p.to_string()));
        }
        if let Some(p) = &query.child_path {
            params.push(("child_path".into(), p.clone()));
        }
        let body: ItemPropsBody = self.call("taobao.itemprops.get", params).await?;
        Ok(body
            .item_props
            .into_iter()
            .map(|mut p| {
                if p.cid == 0 {
                    p.cid = cid;
                }
                p
            })
            .collect())
    }

    /// Values of a category's properties; `pvs` = `pid1;pid2` or `pid:vid;pid:vid` narrows it.
    pub async fn itempropvalues(
        &self,
        cid: i64,
        pvs: Option<&str>,
        market: Option<Market>,
    ) -> CallResult<Vec<PropValue>> {
        let mut params = vec![("cid".to_string(), cid.to_string()), ("fields".to_string(), VALUE_FIELDS.to_string())];
        if let Some(p) = pvs {
            params.push(("pvs".into(), p.to_string()));
        }
        if let Some(m) = market {
            params.push(("type".into(), m.type_param().into()));
        }
        let body: PropValuesBody = self.call("taobao.itempropvalues.get", params).await?;
        Ok(body.prop_values)
    }

    /// What the session's (Tmall) seller may publish: categories and brands.
    pub async fn itemcats_authorize(&self) -> CallResult<SellerAuthorize> {
        let body: AuthorizeBody = self
            .call(
                "taobao.itemcats.authorize.get",
                vec![(
                    "fields".into(),
                    "brand.vid,brand.name,brand.pid,brand.prop_name,item_cat.cid,item_cat.name,\
item_cat.parent_cid,item_cat.is_parent,xinpin_item_cat.cid"
                        .into(),
                )],
            )
            .await?;
        Ok(body.seller_authorize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn signed_params_carry_system_fields_and_a_valid_signature() {
        let c = TaobaoClient::new(
            Credentials {
                app_key: "12345678".into(),
                app_secret: Secret::new("helloworld"),
                session: Some(Secret::new("test")),
            },
            HttpConfig::default(),
        )
        .map(|c| c.with_sign_method(SignMethod::Md5));
        let Ok(c) = c else {
            return assert!(c.is_ok(), "client");
        };
        let now = UNIX_EPOCH + Duration::from_secs(1_451_620_800);
        let p = c.signed_params(
            "taobao.item.seller.get",
            &[("fields".into(), "num_iid,title,nick,price,num".into()), ("num_iid".into(), "11223344".into())],
            now,
        );
        assert_eq!(p.get("timestamp").map(String::as_str), Some("2016-01-01 12:00:00"));
        assert_eq!(p.get("sign").map(String::as_str), Some("66987CB115214E59E6EC978214934FB8"));
        assert!(!format!("{c:?}").contains("helloworld"));
    }
}
