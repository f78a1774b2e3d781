//! The platform-specific half of each fetch: credentials, client, options, cache key.

use super::{fail, finish, options, session, transport, Fetched};
use crate::args::{AlibabaFetchArgs, SignMethodArg, TopFetchArgs, WechatFetchArgs};
use crate::{Env, Outcome};
use shelfcheck_core::Locale;
use shelfcheck_fetch::{HttpConfig, Localized, Secret};
use std::io;

/// A credential read from `$VAR` or the file named by `$VAR_FILE`.
fn credential(var: &str, locale: Locale) -> Result<Secret, String> {
    Secret::required(var).map_err(|e| e.message(locale))
}

pub fn taobao(args: &TopFetchArgs, market: shelfcheck_taobao::Market, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_taobao::{cache_key, fetch, Credentials, FetchOptions, Market, Scope, SignMethod, TaobaoClient};
    let locale = env.locale;
    if let Err(e) = options::check(&args.common, locale) {
        return fail(env, &e);
    }
    let credentials = match Credentials::from_env() {
        Ok(c) => c,
        Err(e) => return fail(env, &e.message(locale)),
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
    let session = match session(&args.common, locale) {
        Ok(s) => s,
        Err(e) => return fail(env, &e),
    };
    let platform = shelfcheck_taobao::PLATFORM;
    let default_url = shelfcheck_taobao::DEFAULT_GATEWAY;
    let transport = match transport(platform, default_url, HttpConfig::default(), &args.common, &session, locale) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let sign = match args.sign_method {
        SignMethodArg::Md5 => SignMethod::Md5,
        SignMethodArg::Hmac => SignMethod::Hmac,
        SignMethodArg::HmacSha256 => SignMethod::HmacSha256,
    };
    let client = TaobaoClient::with_transport(transport, credentials).with_sign_method(sign);
    let scope = match (args.subtree, args.leaves.is_empty()) {
        (Some(cid), _) => Scope::Subtree(cid),
        (None, false) => Scope::Leaves(args.leaves.clone()),
        (None, true) => Scope::All,
    };
    let options = FetchOptions { market, scope, seller_scope: args.seller_scope, strict: args.common.strict };
    let name = if market == Market::Tmall { "tmall" } else { "taobao" };
    finish(&args.common, name, &cache_key(&options), &session, env, || {
        let r = session.runtime.block_on(fetch(&client, &options)).map_err(|e| e.message(locale))?;
        Ok(Fetched {
            skipped: r.problems(locale),
            snapshot: r.snapshot,
            calls: r.calls,
            built_at: r.import_options.built_at,
            source: r.import_options.source,
        })
    })
}

pub fn alibaba(args: &AlibabaFetchArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_1688::{fetch, recommended_config, AlibabaClient, FetchOptions, DEFAULT_BASE_URL, ENV_API_TOKEN};
    let locale = env.locale;
    if let Err(e) = options::check(&args.common, locale) {
        return fail(env, &e);
    }
    let token = match credential(ENV_API_TOKEN, locale) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let session = match session(&args.common, locale) {
        Ok(s) => s,
        Err(e) => return fail(env, &e),
    };
    let platform = shelfcheck_1688::PLATFORM;
    let transport = match transport(platform, DEFAULT_BASE_URL, recommended_config(), &args.common, &session, locale) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let client = AlibabaClient::with_transport(transport, token);
    let options = FetchOptions { root: args.root, strict: args.common.strict };
    let key = match args.root {
        Some(r) => format!("1688-subtree-{r}"),
        None => "1688-all".to_owned(),
    };
    finish(&args.common, "1688", &key, &session, env, || {
        let r = session.runtime.block_on(fetch(&client, &options)).map_err(|e| e.message(locale))?;
        Ok(Fetched {
            skipped: r.problems(locale),
            snapshot: r.snapshot,
            calls: r.calls,
            built_at: r.import_options.built_at,
            source: r.import_options.source,
        })
    })
}

pub fn wechat(args: &WechatFetchArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    use shelfcheck_wechat::{fetch, FetchOptions, WechatClient, DEFAULT_BASE_URL, ENV_ACCESS_TOKEN};
    let locale = env.locale;
    if let Err(e) = options::check(&args.common, locale) {
        return fail(env, &e);
    }
    let token = match credential(ENV_ACCESS_TOKEN, locale) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let session = match session(&args.common, locale) {
        Ok(s) => s,
        Err(e) => return fail(env, &e),
    };
    let platform = shelfcheck_wechat::PLATFORM;
    let transport = match transport(platform, DEFAULT_BASE_URL, HttpConfig::default(), &args.common, &session, locale) {
        Ok(t) => t,
        Err(e) => return fail(env, &e),
    };
    let client = WechatClient::with_transport(transport, token);
    let options = FetchOptions { account_state: args.account_state };
    let key = if args.account_state { "wechat-account" } else { "wechat" };
    finish(&args.common, "wechat", key, &session, env, || {
        let r = session.runtime.block_on(fetch(&client, &options)).map_err(|e| e.message(locale))?;
        Ok(Fetched {
            skipped: r.problems(locale),
            snapshot: r.snapshot,
            calls: r.calls,
            built_at: r.import_options.built_at,
            source: r.import_options.source,
        })
    })
}
