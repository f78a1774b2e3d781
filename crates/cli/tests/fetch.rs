//! `shelfcheck fetch taobao` against a local gateway on 127.0.0.1 that answers with the
//! bodies of `fixtures/cli/recordings/taobao.ndjson`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::root;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "PLANTED-CLI-SECRET-5e1d";

/// A gateway answering each recorded call; `fail_leaf` answers the leaf's property call with
/// a server error every time.
fn gateway(rt: &tokio::runtime::Runtime, fail_leaf: bool) -> MockServer {
    gateway_with(rt, |api, _| (fail_leaf && api == "taobao.itemprops.get").then(|| ResponseTemplate::new(500)))
}

/// A gateway answering each recorded call after `damage` had its say: it may change the
/// recorded answer of a method, or give a reply of its own.
fn gateway_with(
    rt: &tokio::runtime::Runtime,
    damage: impl Fn(&str, &mut serde_json::Value) -> Option<ResponseTemplate>,
) -> MockServer {
    rt.block_on(async {
        let server = MockServer::start().await;
        let text = std::fs::read_to_string(root().join("fixtures/cli/recordings/taobao.ndjson")).unwrap();
        for line in text.lines() {
            let ex: serde_json::Value = serde_json::from_str(line).unwrap();
            let api = ex["method"].as_str().unwrap();
            let mut mock = Mock::given(method("POST"))
                .and(path("/router/rest"))
                .and(body_string_contains(format!("method={api}&")));
            for key in ["parent_cid", "cid"] {
                if let Some(v) = ex["params"][key].as_str() {
                    mock = mock.and(body_string_contains(format!("&{key}={v}&")));
                }
            }
            let mut answer = ex["response"].clone();
            let reply = damage(api, &mut answer)
                .unwrap_or_else(|| ResponseTemplate::new(200).set_body_raw(answer.to_string(), "application/json"));
            mock.respond_with(reply).mount(&server).await;
        }
        server
    })
}

fn fetch(server: &MockServer, extra: &[&str]) -> (i32, String, String) {
    common::fetch_top("taobao", &format!("{}/router/rest", server.uri()), SECRET, extra)
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shelfcheck-cli-fetch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_fetch_writes_a_snapshot_and_a_recording_without_secrets() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = gateway(&rt, false);
    let dir = temp("ok");
    let (snap, rec) = (dir.join("snap.json"), dir.join("rec.ndjson"));
    let (code, out, err) = fetch(&server, &["-o", snap.to_str().unwrap(), "--record", rec.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 个类目 (1 个叶子), 2 个属性, 3 个属性值"), "{out}");
    assert!(out.contains("离线重建同一快照: shelfcheck snapshot import taobao"), "{out}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    assert_eq!(recording.lines().count(), 4, "{recording}");
    for text in [&recording, &out, &err] {
        assert!(!text.contains(SECRET));
    }
    // The recording rebuilds a snapshot with the same content.
    let rebuilt = dir.join("rebuilt.json");
    let (code, _, _) =
        common::run(&["snapshot", "import", "taobao", rec.to_str().unwrap(), "-o", rebuilt.to_str().unwrap()], None);
    assert_eq!(code, 0);
    let content = |p: &std::path::Path| {
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        for k in ["built_at", "source", "hash"] {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    };
    assert_eq!(content(&snap), content(&rebuilt));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failing_category_is_skipped_listed_and_exits_1() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = gateway(&rt, true);
    let dir = temp("skip");
    let snap = dir.join("snap.json");
    let (code, out, err) = fetch(&server, &["--locale", "en", "-o", snap.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("category 50000671 skipped"), "{err}");
    assert!(snap.exists());
    // A partial refresh never replaces a cached snapshot; as nothing was written, there is no
    // snapshot to rebuild from the recording either.
    let rec = dir.join("rec.ndjson");
    let cache = dir.join("cache");
    let (code, out, err) =
        fetch(&server, &["--locale", "en", "--cache", cache.to_str().unwrap(), "--record", rec.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the refresh is incomplete; there was no previous snapshot"), "{err}");
    assert!(!out.contains("rebuild"), "{out}");
    // Strict: nothing written, exit 2.
    let strict = dir.join("strict.json");
    let (code, _, err) = fetch(&server, &["--strict", "-o", strict.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(!strict.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Gateway text in skipped-category lines and error messages cannot drive the terminal: no
/// escape sequence, bell or forged line reaches it, in either language.
#[test]
fn gateway_text_is_escaped_in_skipped_lines_and_errors() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let hostile = r"bad cid\u001b]0;pwned\u0007\u001b[2J\n\u001b[32m✓ forged";
    let server = gateway_with(&rt, |api, _| {
        (api == "taobao.itemprops.get").then(|| {
            let body = format!(
                r#"{{"error_response":{{"code":15,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"{hostile}"}}}}"#
            );
            ResponseTemplate::new(200).set_body_raw(body, "application/json")
        })
    });
    let dir = temp("escape");
    for (locale, extra) in [("en", None), ("zh-CN", None), ("en", Some("--strict")), ("zh-CN", Some("--strict"))] {
        let snap = dir.join(format!("{locale}-{}.json", extra.is_some()));
        let mut args = vec!["--locale", locale, "-o", snap.to_str().unwrap()];
        args.extend(extra);
        let (code, out, err) = fetch(&server, &args);
        assert_eq!(code, if extra.is_some() { 2 } else { 1 }, "{out}{err}");
        assert!(err.contains("bad cid\\u{1b}]0;pwned\\u{7}"), "{err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(!err.lines().any(|l| l.starts_with("✓ forged")), "{err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_cache_serves_a_fresh_copy_and_keeps_it_when_a_refresh_fails() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let good = gateway(&rt, false);
    let dir = temp("cache");
    let cache = dir.join("cache");
    let c = cache.to_str().unwrap();
    let (code, out, err) = fetch(&good, &["--locale", "en", "--cache", c]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("refreshed the cached snapshot"), "{out}");
    let (code, out, _) = fetch(&good, &["--locale", "en", "--cache", c]);
    assert_eq!(code, 0);
    assert!(out.contains("using the fresh cached snapshot"), "{out}");
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
    let before: Vec<Vec<u8>> = cached.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let bad = gateway(&rt, true);
    let (code, _, err) = fetch(&bad, &["--locale", "en", "--cache", c, "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("the previous snapshot is kept"), "{err}");
    let after: Vec<Vec<u8>> = cached.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_credentials_are_named() {
    let mut cmd = cargo_bin_cmd!("shelfcheck");
    let out = cmd
        .current_dir(root())
        .env_remove("SHELFCHECK_TAOBAO_APP_KEY")
        .env_remove("SHELFCHECK_TAOBAO_APP_KEY_FILE")
        .env_remove("SHELFCHECK_WECHAT_ACCESS_TOKEN")
        .env_remove("SHELFCHECK_WECHAT_ACCESS_TOKEN_FILE")
        .args(["fetch", "wechat", "--locale", "en", "-o", "/nonexistent/x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("`SHELFCHECK_WECHAT_ACCESS_TOKEN` is not set"), "{err}");
    let out = cargo_bin_cmd!("shelfcheck")
        .current_dir(root())
        .env_remove("SHELFCHECK_TAOBAO_APP_KEY")
        .env_remove("SHELFCHECK_TAOBAO_APP_KEY_FILE")
        .args(["fetch", "tmall", "-o", "/nonexistent/x.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("SHELFCHECK_TAOBAO_APP_KEY"));
}

/// A `*_FILE` credential that cannot be used is named for what it is, not also as "not set",
/// and in Chinese without the English of the file check.
#[test]
fn an_unusable_credential_file_has_its_own_message_in_both_languages() {
    for (platform, var) in [("tmall", "SHELFCHECK_TAOBAO_APP_KEY"), ("1688", "SHELFCHECK_TMAPI_API_TOKEN")] {
        let run = |locale: &str| {
            let out = cargo_bin_cmd!("shelfcheck")
                .current_dir(root())
                .env_remove(var)
                .env(format!("{var}_FILE"), "/dev/zero")
                .args(["fetch", platform, "--locale", locale, "-o", "/nonexistent/x.json"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{platform} {locale}");
            String::from_utf8(out.stderr).unwrap()
        };
        let en = run("en");
        assert!(en.contains(&format!("`{var}_FILE` names /dev/zero")), "{en}");
        assert!(en.contains("larger than 64 KiB") && !en.contains("is not set"), "{en}");
        let zh = run("zh-CN");
        assert!(zh.contains("密钥文件超过 64 KiB"), "{zh}");
        assert!(!zh.contains("larger") && !zh.contains("secret file"), "{zh}");
    }
}

#[test]
fn a_wechat_fetch_sends_the_token_and_never_records_it() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        let text = std::fs::read_to_string(root().join("fixtures/cli/recordings/wechat.ndjson")).unwrap();
        let ex: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        Mock::given(method("GET"))
            .and(path("/cgi-bin/wxopen/getallcategories"))
            .and(wiremock::matchers::query_param("access_token", SECRET))
            .respond_with(ResponseTemplate::new(200).set_body_raw(ex["response"].to_string(), "application/json"))
            .mount(&server)
            .await;
        server
    });
    let dir = temp("wechat");
    let (snap, rec) = (dir.join("snap.json"), dir.join("rec.ndjson"));
    let out = cargo_bin_cmd!("shelfcheck")
        .current_dir(root())
        .env("SHELFCHECK_WECHAT_ACCESS_TOKEN", SECRET)
        .args(["fetch", "wechat", "--locale", "en", "--gateway", &server.uri(), "--rps", "0"])
        .args(["-o", snap.to_str().unwrap(), "--record", rec.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("2 categories (1 leaves)"), "{stdout}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    assert!(!recording.contains(SECRET) && !stdout.contains(SECRET) && !stderr.contains(SECRET));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A property depending on a property its category does not have.
fn unknown_parent(api: &str, answer: &mut serde_json::Value) -> Option<ResponseTemplate> {
    if api == "taobao.itemprops.get" {
        if let Some(p) = answer.pointer_mut("/itemprops_get_response/item_props/item_prop/1") {
            p["parent_pid"] = serde_json::json!(99999);
            p["parent_vid"] = serde_json::json!(1);
        }
    }
    None
}

#[test]
fn answers_that_do_not_compile_never_replace_a_snapshot_and_are_named() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let good = gateway(&rt, false);
    let dir = temp("integrity");
    let cache = dir.join("cache");
    let c = cache.to_str().unwrap();
    assert_eq!(fetch(&good, &["--cache", c]).0, 0);
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
    let before: Vec<Vec<u8>> = cached.iter().map(|p| std::fs::read(p).unwrap()).collect();

    let bad = gateway_with(&rt, unknown_parent);
    let (code, out, err) = fetch(&bad, &["--locale", "en", "--cache", c, "--force"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("the previous snapshot is kept"), "{err}");
    assert!(err.contains("1 integrity problem") && err.contains("99999"), "{err}");
    let after: Vec<Vec<u8>> = cached.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after, "the cached snapshot must stay byte for byte");

    // With -o, an existing file stays as it was too.
    let out_file = dir.join("snap.json");
    assert_eq!(fetch(&good, &["-o", out_file.to_str().unwrap()]).0, 0);
    let previous = std::fs::read(&out_file).unwrap();
    let (code, _, err) = fetch(&bad, &["-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("完整性问题"), "{err}");
    assert_eq!(std::fs::read(&out_file).unwrap(), previous);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_category_listed_under_itself_is_fetched_once_and_reported() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = gateway_with(&rt, |api, answer| {
        let children = answer.pointer_mut("/itemcats_get_response/item_cats/item_cat")?.as_array_mut()?;
        if api == "taobao.itemcats.get" && children.iter().any(|c| c["parent_cid"] == 16) {
            children.push(serde_json::json!({"cid": 16, "parent_cid": 0, "name": "女装/女士精品", "is_parent": true}));
        }
        None
    });
    let dir = temp("cycle");
    let snap = dir.join("snap.json");
    let (code, out, err) = fetch(&server, &["--locale", "en", "-o", snap.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("the category tree has a cycle: 女装/女士精品 (16) → 女装/女士精品 (16)"), "{err}");
    let requests = rt.block_on(server.received_requests()).unwrap();
    let walks =
        requests.iter().filter(|r| String::from_utf8_lossy(&r.body).contains("method=taobao.itemcats.get")).count();
    assert_eq!(walks, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_fresh_but_corrupt_cached_snapshot_is_fetched_again() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let good = gateway(&rt, false);
    let dir = temp("corrupt");
    let cache = dir.join("cache");
    let c = cache.to_str().unwrap();
    assert_eq!(fetch(&good, &["--cache", c]).0, 0);
    let file = std::fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let (code, out, err) = fetch(&good, &["--locale", "en", "--cache", c]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("cannot be used; fetching it again"), "{err}");
    assert!(out.contains("refreshed the cached snapshot"), "{out}");
    let again: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(again["categories"].as_array().is_some_and(|c| c.len() == 2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn out_of_range_numeric_options_are_refused_with_exit_2() {
    let cases: [(&[&str], &str); 7] = [
        (&["--rps", "1e-300"], "`--rps` must be 0 (no limit) or between 0.01 and 1000, not 1e-300"),
        (&["--rps", "NaN"], "`--rps` must be"),
        (&["--rps=-1"], "`--rps` must be"),
        (&["--concurrency", "18446744073709551615"], "`--concurrency` must be between 1 and 256"),
        (&["--concurrency", "0"], "`--concurrency` must be between 1 and 256, not 0"),
        (&["--attempts", "0"], "`--attempts` must be between 1 and 100, not 0"),
        (&["--cache", "/nonexistent", "--ttl", "1e300"], "`--ttl` must be between 0 and 87600, not 1e300"),
    ];
    for (extra, said) in cases {
        let out = cargo_bin_cmd!("shelfcheck")
            .current_dir(root())
            .env("SHELFCHECK_TAOBAO_APP_KEY", "12345678")
            .env("SHELFCHECK_TAOBAO_APP_SECRET", SECRET)
            .args([
                "fetch",
                "taobao",
                "--locale",
                "en",
                "--gateway",
                "http://127.0.0.1:9/",
                "-o",
                "/nonexistent/x.json",
            ])
            .args(extra)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains(said), "{extra:?}: {err}");
    }
}

#[test]
fn a_token_the_gateway_echoes_is_masked_in_the_output_and_the_recording() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(async {
        let server = MockServer::start().await;
        let echo = format!(r#"{{"errcode":40001,"errmsg":"invalid credential, access_token is {SECRET}"}}"#);
        Mock::given(method("GET"))
            .and(path("/cgi-bin/wxopen/getallcategories"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(echo, "application/json"))
            .mount(&server)
            .await;
        server
    });
    let dir = temp("echo");
    let rec = dir.join("rec.ndjson");
    let out = cargo_bin_cmd!("shelfcheck")
        .current_dir(root())
        .env("SHELFCHECK_WECHAT_ACCESS_TOKEN", SECRET)
        .args(["fetch", "wechat", "--locale", "en", "--gateway", &server.uri(), "--rps", "0"])
        .args(["-o", dir.join("snap.json").to_str().unwrap(), "--record", rec.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("access_token is ***"), "{stderr}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    for text in [&stdout, &stderr, &recording] {
        assert!(!text.contains(SECRET), "{text}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
