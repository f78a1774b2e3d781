//! The platform-specific half of each fetch: credentials, client, options, cache key.

use super::{fail, finish, options, session, transport, Fetched, Session};
use crate::args::{AlibabaFetchArgs, SignMethodArg, TopFetchArgs, WechatFetchArgs};
use crate::{Env, Outcome};
use shelfcheck_core::Locale;
use shelfcheck_fetch::{FetchError, FetchReport, HttpConfig, Localized, Secret, Transport};
use std::future::Future;
use std::io;

/// A credential read from `$VAR` or the file named by `$VAR_FILE`.
fn credential(var: &str, locale: Locale) -> Result<Secret, String> {
    Secret::required(var).map_err(|e| e.message(locale))
}

/// The session (recording, progress bars, runtime) and the platform's transport. Opened only
/// once the options and credentials are known to be good: the session creates `--record`.
fn connect(
    common: &crate::args::CommonFetchArgs,
    platform: &str,
    default_url: &str,
    base: HttpConfig,
    locale: Locale,
) -> Result<(Session, Transport), String> {
    let session = session(common, locale)?;
    let transport = transport(platform, default_url, base, common, &session, locale)?;
    Ok((session, transport))
}

/// The header a platform's import options give the snapshot.
trait Header {
    fn header(self) -> (Option<String>, Option<String>);
}

impl Header for shelfcheck_fetch::ImportOptions {
    fn header(self) -> (Option<String>, Option<String>) {
        (self.built_at, self.source)
    }
}

impl Header for shelfcheck_taobao::ImportOptions {
    fn header(self) -> (Option<String>, Option<String>) {
        (self.built_at, self.source)
    }
}

/// Runs a platform's fetch to its end and keeps what the command prints and writes.
fn run<E: Localized, I: Localized, S, O: Header>(
    session: &Session,
    fetch: impl Future<Output = Result<FetchReport<E, S, O>, FetchError<E, I>>>,
    locale: Locale,
) -> Result<Fetched, String> {
    let report = session.runtime.block_on(fetch).map_err(|e| e.message(locale))?;
    let skipped = report.problems(locale);
    let (built_at, source) = report.import_options.header();
    Ok(Fetched { snapshot: report.snapshot, calls: report.calls, skipped, built_at, source })
}

pub fn taobao(args: &TopFetchArgs, market: shelfcheck_taobao::Market, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_taobao::{cache_key, fetch, Credentials, FetchOptions, Market, Scope, SignMethod, TaobaoClient};
    let locale = env.locale;
    let credentials = match options::check(&args.common, locale)
        .and_then(|()| Credentials::from_env().map_err(|e| e.message(locale)))
    {
        Ok(c) => c,
        Err(e) => return fail(env, &e),
    };
    if args.seller_scope && credentials.session.is_none() {
        let msg = match locale {
            Locale::ZhCn => format!("--seller-scope 需要卖家 SessionKey: 请设置 `{}`", shelfcheck_taobao::ENV_SESSION),
            Locale::En => {
                format!("--seller-scope needs a seller session key: set `{}`", shelfcheck_taobao::ENV_SESSION)
            }
        };
        return fail(env, &msg);
    }
    let (platform, default_url) = (shelfcheck_taobao::PLATFORM, shelfcheck_taobao::DEFAULT_GATEWAY);
    let (session, transport) = match connect(&args.common, platform, default_url, HttpConfig::default(), locale) {
        Ok(ready) => ready,
        Err(e) => return fail(env, &e),
    };
    let sign = match args.sign_method {
        SignMethodArg::Md5 => SignMethod::Md5,
        SignMethodArg::Hmac => SignMethod::Hmac,
        SignMethodArg::HmacSha256 => SignMethod::HmacSha256,
    };
    let client = TaobaoClient::with_transport(transport, credentials).with_sign_method(sign);
    if let Some(kind) = args.schema {
        return taobao_schemas(args, kind, market, &client, &session, env);
    }
    let scope = match (args.subtree, args.leaves.is_empty()) {
        (Some(cid), _) => Scope::Subtree(cid),
        (None, false) => Scope::Leaves(args.leaves.clone()),
        (None, true) => Scope::All,
    };
    let options = FetchOptions {
        market,
        scope,
        seller_scope: args.seller_scope,
        strict: args.common.strict,
        ..FetchOptions::default()
    };
    let name = if market == Market::Tmall { "tmall" } else { "taobao" };
    finish(&args.common, name, &cache_key(&options), &session, env, || run(&session, fetch(&client, &options), locale))
}

/// `fetch 1688 --attributes CID,...`: the official API, signed with the app's key and secret.
fn alibaba_official(args: &AlibabaFetchArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_1688::{
        fetch_leaves, OfficialClient, OfficialCredentials, ENV_ACCESS_TOKEN, ENV_APP_KEY, ENV_APP_SECRET,
    };
    let locale = env.locale;
    let credentials = options::check(&args.common, locale).and_then(|()| {
        Ok(OfficialCredentials {
            app_key: credential(ENV_APP_KEY, locale)?,
            app_secret: credential(ENV_APP_SECRET, locale)?,
            access_token: Secret::from_env_or_file(ENV_ACCESS_TOKEN).map_err(|e| e.message(locale))?,
        })
    });
    let credentials = match credentials {
        Ok(c) => c,
        Err(e) => return fail(env, &e),
    };
    let base = shelfcheck_1688::OFFICIAL_BASE_URL;
    let (session, transport) =
        match connect(&args.common, shelfcheck_1688::PLATFORM, base, shelfcheck_1688::recommended_config(), locale) {
            Ok(ready) => ready,
            Err(e) => return fail(env, &e),
        };
    let client = OfficialClient::with_transport(transport, credentials);
    let ids: Vec<String> = args.attributes.iter().map(i64::to_string).collect();
    let key = format!("1688-attributes-{}", ids.join("-"));
    let strict = args.common.strict;
    finish(&args.common, "1688", &key, &session, env, || {
        run(&session, fetch_leaves(&client, &args.attributes, strict), locale)
    })
}

/// `fetch taobao|tmall --schema KIND --leaves ...`: one publish schema per leaf.
fn taobao_schemas(
    args: &TopFetchArgs,
    kind: crate::args::SchemaArg,
    market: shelfcheck_taobao::Market,
    client: &shelfcheck_taobao::TaobaoClient,
    session: &Session,
    env: &mut Env<'_>,
) -> io::Result<Outcome> {
    use crate::args::SchemaArg;
    use shelfcheck_taobao::schema::{fetch_schemas, SchemaFetchOptions, SchemaKind};
    let kind = match kind {
        SchemaArg::ItemAdd => SchemaKind::ItemAdd,
        SchemaArg::ProductAdd => SchemaKind::ProductAdd,
        SchemaArg::ProductMatch => SchemaKind::ProductMatch,
        SchemaArg::ItemPublish => SchemaKind::ItemPublish,
    };
    let options = SchemaFetchOptions {
        kind,
        categories: args.leaves.clone(),
        product_id: args.product_id,
        market,
        strict: args.common.strict,
    };
    let name = if market == shelfcheck_taobao::Market::Tmall { "tmall" } else { "taobao" };
    let scope = shelfcheck_taobao::Scope::Leaves(args.leaves.clone()).key();
    let product = args.product_id.map(|p| format!("-product-{p}")).unwrap_or_default();
    let key = format!("{name}-schema-{}-{scope}{product}", kind.key());
    let locale = env.locale;
    finish(&args.common, name, &key, session, env, || run(session, fetch_schemas(client, &options), locale))
}

pub fn alibaba(args: &AlibabaFetchArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    if !args.attributes.is_empty() {
        return alibaba_official(args, env);
    }
    use shelfcheck_1688::{fetch, recommended_config, AlibabaClient, FetchOptions, DEFAULT_BASE_URL, ENV_API_TOKEN};
    let locale = env.locale;
    let token = match options::check(&args.common, locale).and_then(|()| credential(ENV_API_TOKEN, locale)) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let (session, transport) =
        match connect(&args.common, shelfcheck_1688::PLATFORM, DEFAULT_BASE_URL, recommended_config(), locale) {
            Ok(ready) => ready,
            Err(e) => return fail(env, &e),
        };
    let client = AlibabaClient::with_transport(transport, token);
    let options = FetchOptions { root: args.root, strict: args.common.strict };
    let key = match args.root {
        Some(r) => format!("1688-subtree-{r}"),
        None => "1688-all".to_owned(),
    };
    finish(&args.common, "1688", &key, &session, env, || run(&session, fetch(&client, &options), locale))
}

pub fn wechat(args: &WechatFetchArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_wechat::{fetch, FetchOptions, WechatClient, DEFAULT_BASE_URL, ENV_ACCESS_TOKEN};
    let locale = env.locale;
    let token = match options::check(&args.common, locale).and_then(|()| credential(ENV_ACCESS_TOKEN, locale)) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let (session, transport) =
        match connect(&args.common, shelfcheck_wechat::PLATFORM, DEFAULT_BASE_URL, HttpConfig::default(), locale) {
            Ok(ready) => ready,
            Err(e) => return fail(env, &e),
        };
    let client = WechatClient::with_transport(transport, token);
    if args.shop {
        let options =
            shelfcheck_wechat::ShopFetchOptions { leaves: args.shop_leaves.clone(), strict: args.common.strict };
        let ids: Vec<String> = args.shop_leaves.iter().map(i64::to_string).collect();
        let key = if ids.is_empty() { "wechat-shop".to_owned() } else { format!("wechat-shop-{}", ids.join("-")) };
        let fetch = shelfcheck_wechat::fetch_shop(&client, &options);
        return finish(&args.common, "wechat", &key, &session, env, || run(&session, fetch, locale));
    }
    let options = FetchOptions { account_state: args.account_state };
    let key = if args.account_state { "wechat-account" } else { "wechat" };
    finish(&args.common, "wechat", key, &session, env, || run(&session, fetch(&client, &options), locale))
}
