//! The tmapi category client: `GET /1688/category/info?cat_id=` with the caller's `apiToken`.

use std::time::Duration;

use shelfcheck_fetch::{CallContext, CallError, HttpConfig, Secret, SetupError, Transport};

use crate::error::{classify, AlibabaError};
use crate::model::InfoData;

pub const DEFAULT_BASE_URL: &str = "https://api.tmapi.top";
pub const PLATFORM: &str = "1688";
/// Environment variable holding the `apiToken` (or `<NAME>_FILE`, a file holding it); read
/// with `Secret::from_env_or_file`.
pub const ENV_API_TOKEN: &str = "SHELFCHECK_TMAPI_API_TOKEN";
/// Method name used in recordings.
pub const INFO_METHOD: &str = "category.info";

/// The provider asks for a 60 s client timeout (its code 499 means it gave up first).
pub fn recommended_config() -> HttpConfig {
    HttpConfig {
        read_timeout: Duration::from_secs(60),
        total_timeout: Duration::from_secs(90),
        ..HttpConfig::default()
    }
}

#[derive(Debug, Clone)]
pub struct AlibabaClient {
    transport: Transport,
    api_token: Secret,
}

impl AlibabaClient {
    pub fn new(api_token: Secret, config: HttpConfig) -> Result<Self, SetupError> {
        Ok(Self::with_transport(Transport::new(PLATFORM, DEFAULT_BASE_URL, config)?, api_token))
    }

    /// The token's value is masked in whatever the gateway sends back.
    pub fn with_transport(transport: Transport, api_token: Secret) -> Self {
        Self { transport: transport.with_secrets([&api_token]), api_token }
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// A category with its children and path; `None` lists the first-level categories.
    pub async fn category_info(&self, cat_id: Option<i64>) -> Result<InfoData, CallError<AlibabaError>> {
        let params: Vec<(String, String)> = cat_id.map(|c| ("cat_id".to_string(), c.to_string())).into_iter().collect();
        let ctx = CallContext::new(PLATFORM, INFO_METHOD, params.clone());
        self.transport
            .call(
                &ctx,
                |client, base| {
                    let url = shelfcheck_fetch::endpoint(base, "1688/category/info");
                    let mut query = params.clone();
                    query.push(("apiToken".into(), self.api_token.expose().to_string()));
                    client.get(url).query(&query)
                },
                classify,
            )
            .await
    }
}
