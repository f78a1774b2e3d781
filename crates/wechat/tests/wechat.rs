//! The WeChat client against a local server on 127.0.0.1 serving the documentation's examples
//! (seeds `001_...` and `002_...`), with the undocumented fields real answers carry.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use shelfcheck_core::{Catalog, Listing, ValidateOptions};
use shelfcheck_fetch::test_support::{json_reply, local_config, recorded};
use shelfcheck_fetch::{FailureKind, Locale, Localized, Recorder, Secret};
use shelfcheck_wechat::{
    decode, fetch, import_exchanges, FetchOptions, WechatClient, WechatError, DEFAULT_BASE_URL, PLATFORM,
};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "PLANTED-ACCESS-TOKEN-5c2e";

/// Seed `001_...`'s example, plus fields real answers add (`scope`, `type_list`, ...).
fn all_categories() -> String {
    json!({
      "errcode": 0, "errmsg": "ok",
      "categories_list": {"categories": [
        {"id": 0, "children": [1, 402], "qualify": {"exter_list": [], "remark": ""}},
        {"id": 1, "name": "快递业与邮政", "level": 1, "father": 0, "children": [2, 5, 556, 558, 1033],
         "sensitive_type": 0, "qualify": {"exter_list": [], "remark": ""}, "scope": "", "is_hidden": false},
        {"id": 920, "name": "律师", "level": 2, "father": 402, "children": [], "sensitive_type": 1,
         "qualify": {"exter_list": [{"inner_list": [{"name": "《律师执业资格证》", "url": ""}]}]},
         "type_list": [{"type": 1}], "available_api_list": []}
      ]}
    })
    .to_string()
}

/// Seed `002_...`'s example as printed: it is not valid JSON (a quote is missing).
const SEED_002_VERBATIM: &str = r#"{
  "errcode": 0,
  "errmsg": "ok",
  "categories": [
    {
      "first": 8,
      "first_name": "education,"
      "second": 39,
      second_name": "emigration abroad,"
      "audit_status": 1,
      "audit_reason": ""
    }
  ],
  "limit": 5,
  "quota": 4,
  "category_limit": 20
}"#;

fn account_categories() -> String {
    json!({"errcode": 0, "errmsg": "ok",
      "categories": [{"first": 402, "first_name": "法律服务", "second": 920, "second_name": "律师",
                      "audit_status": 1, "audit_reason": ""}],
      "limit": 5, "quota": 4, "category_limit": 20})
    .to_string()
}

fn client(base: &str) -> (WechatClient, Arc<Recorder>) {
    let h = recorded(PLATFORM, DEFAULT_BASE_URL, local_config(base)).unwrap();
    (WechatClient::with_transport(h.transport, Secret::new(TOKEN)), h.recorder)
}

fn get(p: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path(format!("/cgi-bin/wxopen/{p}"))).and(query_param("access_token", TOKEN))
}

fn body(s: String) -> ResponseTemplate {
    json_reply(s)
}

#[tokio::test]
async fn fetches_categories_and_account_state_into_a_snapshot() {
    let server = MockServer::start().await;
    get("getallcategories")
        .respond_with(body(r#"{"errcode":-1,"errmsg":"system error"}"#.into()))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    get("getallcategories").respond_with(body(all_categories())).with_priority(2).mount(&server).await;
    get("getcategory")
        .respond_with(body(r#"{"errcode":45011,"errmsg":"api minute-quota reach limit"}"#.into()))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    get("getcategory").respond_with(body(account_categories())).with_priority(2).mount(&server).await;

    let (c, recorder) = client(&server.uri());
    let report = fetch(&c, &FetchOptions { account_state: true }).await.unwrap();
    assert_eq!(report.calls, 4, "busy and minute-quota answers are retried");
    let snap = &report.snapshot;
    assert_eq!(snap.categories.iter().map(|c| c.id).collect::<Vec<_>>(), vec![1, 920]);
    let lawyer = &snap.categories[1];
    assert!(lawyer.leaf && lawyer.parent_id.is_none(), "402 is absent from the excerpt: made top level");
    assert_eq!(report.summary.reparented, vec![920]);
    assert_eq!(lawyer.qualifications[0].alternatives, vec!["《律师执业资格证》".to_string()]);
    let scope = snap.seller.as_ref().unwrap();
    assert_eq!((scope.quota, scope.limit, scope.category_limit), (Some(4), Some(5), Some(20)));

    // The recording rebuilds the same snapshot and never holds the token.
    let lines: Vec<String> = recorder.exchanges().iter().map(|e| e.to_line()).collect();
    assert!(lines.iter().all(|l| !l.contains(TOKEN)));
    let (again, _) = import_exchanges(&recorder.exchanges(), &report.import_options).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(snap).unwrap());

    // Validation against it: the lawyer category needs its licence and the account's audit.
    let catalog = Catalog::compile(snap.clone()).unwrap();
    let listing: Listing = serde_json::from_value(json!({"category_id": 920, "title": "法律咨询服务"})).unwrap();
    let report = catalog.validate(&listing, &ValidateOptions::default());
    let codes: Vec<String> =
        report.issues.iter().map(|i| serde_json::to_value(i).unwrap()["code"].as_str().unwrap().to_string()).collect();
    assert!(codes.contains(&"QUALIFICATION_MISSING".to_string()), "{codes:?}");
    assert!(codes.contains(&"CATEGORY_AUDIT_PENDING".to_string()), "{codes:?}");
}

#[tokio::test]
async fn credential_and_daily_quota_errors_are_not_retried() {
    for (code, msg) in [(40001, "invalid credential"), (42001, "access_token expired"), (45009, "daily limit")] {
        let server = MockServer::start().await;
        get("getallcategories")
            .respond_with(body(format!(r#"{{"errcode":{code},"errmsg":"{msg}"}}"#)))
            .expect(1)
            .mount(&server)
            .await;
        let (c, _) = client(&server.uri());
        let err = c.all_categories().await.unwrap_err();
        assert_eq!(err.attempts, 1);
        let FailureKind::Platform(e) = &err.kind else { panic!("{err}") };
        if code == 45009 {
            assert!(matches!(e, WechatError::DailyQuota { .. }));
        } else {
            assert!(matches!(e, WechatError::Credential { .. }));
        }
        for text in [err.to_string(), format!("{err:?}"), err.message(Locale::ZhCn)] {
            assert!(!text.contains(TOKEN), "{text}");
        }
        server.verify().await;
    }
}

#[tokio::test]
async fn a_timeout_then_success_and_a_truncated_body() {
    let server = MockServer::start().await;
    get("getcategory")
        .respond_with(body(account_categories()).set_delay(Duration::from_millis(800)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let full = account_categories();
    get("getcategory")
        .respond_with(body(full[..full.len() - 10].to_string()))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    get("getcategory").respond_with(body(account_categories())).with_priority(3).mount(&server).await;
    let (c, recorder) = client(&server.uri());
    let state = c.account_categories().await.unwrap();
    assert_eq!(state.categories[0].second, 920);
    // The timed-out attempt has no body; the truncated one is recorded as a string.
    assert_eq!(recorder.exchanges().len(), 2);
}

#[test]
fn the_seed_example_as_printed_is_reported_with_its_position() {
    let err = decode::<shelfcheck_wechat::model::AccountCategories>(SEED_002_VERBATIM).unwrap_err();
    assert!(matches!(err, WechatError::Malformed { .. }));
    assert!(err.to_string().contains("line 8"), "{err}");
}

#[tokio::test]
async fn categories_naming_each_other_as_parents_are_refused_with_the_cycle_named() {
    let server = MockServer::start().await;
    let cyclic = r#"{"errcode":0,"errmsg":"ok","categories_list":{"categories":[
        {"id":0,"children":[402]},
        {"id":402,"name":"法律服务","level":1,"father":403,"children":[403]},
        {"id":403,"name":"律师","level":2,"father":402,"children":[402]}]}}"#;
    get("getallcategories").respond_with(body(cyclic.into())).mount(&server).await;
    let (c, _) = client(&server.uri());
    let err = fetch(&c, &FetchOptions::default()).await.unwrap_err();
    let shelfcheck_wechat::FetchError::Integrity(e) = &err else { panic!("{err:?}") };
    assert!(!e.problems.is_empty());
    let en = err.to_string();
    assert!(en.contains("402") && en.contains("403"), "{en}");
    assert!(err.message(shelfcheck_fetch::Locale::ZhCn).contains("完整性问题"));
}

#[tokio::test]
async fn a_token_echoed_in_errmsg_is_masked() {
    let server = MockServer::start().await;
    let echo = format!(r#"{{"errcode":40001,"errmsg":"invalid credential, access_token is {TOKEN}"}}"#);
    get("getallcategories").respond_with(body(echo)).mount(&server).await;
    let (c, recorder) = client(&server.uri());
    let err = fetch(&c, &FetchOptions::default()).await.unwrap_err();
    let mut texts = vec![err.to_string(), format!("{err:?}"), err.message(shelfcheck_fetch::Locale::ZhCn)];
    texts.extend(recorder.exchanges().iter().map(|e| e.to_line()));
    assert!(texts.iter().all(|t| !t.contains(TOKEN)), "{texts:?}");
    assert!(texts[0].contains("access_token is ***"), "{}", texts[0]);
}
