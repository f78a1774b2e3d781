//! The WeChat client: GET calls with the caller's access token as a query parameter.

use serde::de::DeserializeOwned;
use shelfcheck_fetch::{CallContext, CallError, HttpConfig, Secret, SetupError, Transport};

use crate::error::{classify, WechatError};
use crate::model::{AccountCategories, AllCategories};
use crate::shop::{ShopAll, ShopDetail, SHOP_ALL_METHOD, SHOP_DETAIL_METHOD};

pub const DEFAULT_BASE_URL: &str = "https://api.weixin.qq.com";
pub const PLATFORM: &str = "wechat";
/// Environment variable holding the access token (or `<NAME>_FILE`, a file holding it); read
/// with `Secret::from_env_or_file`.
pub const ENV_ACCESS_TOKEN: &str = "SHELFCHECK_WECHAT_ACCESS_TOKEN";
/// Method names used in recordings.
pub const ALL_METHOD: &str = "getallcategories";
pub const ACCOUNT_METHOD: &str = "getcategory";

#[derive(Debug, Clone)]
pub struct WechatClient {
    transport: Transport,
    /// Obtaining and refreshing the token is the caller's business (it belongs to the account).
    access_token: Secret,
}

impl WechatClient {
    pub fn new(access_token: Secret, config: HttpConfig) -> Result<Self, SetupError> {
        Ok(Self::with_transport(Transport::new(PLATFORM, DEFAULT_BASE_URL, config)?, access_token))
    }

    /// The token's value is masked in whatever the gateway sends back.
    pub fn with_transport(transport: Transport, access_token: Secret) -> Self {
        Self { transport: transport.with_secrets([&access_token]), access_token }
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    async fn get<T: DeserializeOwned>(&self, method: &str) -> Result<T, CallError<WechatError>> {
        let ctx = CallContext::new(PLATFORM, method, Vec::<(String, String)>::new());
        let path = format!("cgi-bin/wxopen/{method}");
        self.transport
            .call(
                &ctx,
                |client, base| {
                    // Keeps any path prefix of an explicit base URL.
                    let url = shelfcheck_fetch::endpoint(base, &path);
                    client.get(url).query(&[("access_token", self.access_token.expose())])
                },
                classify::<T>,
            )
            .await
    }

    /// Every category the mini program may set (first and second level).
    pub async fn all_categories(&self) -> Result<AllCategories, CallError<WechatError>> {
        self.get(ALL_METHOD).await
    }

    /// The shop's category tree, three levels, with qualifications.
    pub async fn shop_categories(&self) -> Result<ShopAll, CallError<WechatError>> {
        let ctx = CallContext::new(PLATFORM, SHOP_ALL_METHOD, Vec::<(String, String)>::new());
        self.transport
            .call(
                &ctx,
                |client, base| {
                    let url = shelfcheck_fetch::endpoint(base, "channels/ec/category/all");
                    client.get(url).query(&[("access_token", self.access_token.expose())])
                },
                classify::<ShopAll>,
            )
            .await
    }

    /// A shop leaf category's attributes, floor price, brand limit and qualifications (a POST
    /// with `{"cat_id": "..."}`, the id as text, as the documentation sends it).
    pub async fn shop_category_detail(&self, cat_id: i64) -> Result<ShopDetail, CallError<WechatError>> {
        let ctx = CallContext::new(PLATFORM, SHOP_DETAIL_METHOD, [("cat_id".to_string(), cat_id.to_string())]);
        let body = serde_json::json!({ "cat_id": cat_id.to_string() }).to_string();
        self.transport
            .call(
                &ctx,
                |client, base| {
                    let url = shelfcheck_fetch::endpoint(base, "channels/ec/category/detail");
                    client
                        .post(url)
                        .query(&[("access_token", self.access_token.expose())])
                        .header(shelfcheck_fetch::reqwest::header::CONTENT_TYPE, "application/json")
                        .body(body.clone())
                },
                classify::<ShopDetail>,
            )
            .await
    }

    /// The categories set on the account, their audit state and the quota.
    pub async fn account_categories(&self) -> Result<AccountCategories, CallError<WechatError>> {
        self.get(ACCOUNT_METHOD).await
    }
}
