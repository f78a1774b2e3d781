//! `shelfcheck fetch wechat --shop` and `fetch 1688 --attributes` against a local gateway on
//! 127.0.0.1 serving the documentation's samples (`fixtures/recordings/`), and `snapshot
//! import` of what they record: the same snapshot, byte for byte; a partial import says what
//! is missing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::root;
use serde_json::Value;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "PLANTED-CLI-SHOP-TOKEN-8a2c";
const APP_SECRET: &str = "PLANTED-CLI-APP-SECRET-d40e";

fn response(file: &str) -> String {
    let text = std::fs::read_to_string(root().join("fixtures/recordings").join(file)).unwrap();
    serde_json::from_str::<Value>(text.lines().next().unwrap()).unwrap()["response"].to_string()
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shelfcheck-fetch-rules-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn reply(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "application/json")
}

/// A gateway on 127.0.0.1 answering with `mocks`.
fn serve(rt: &tokio::runtime::Runtime, mocks: Vec<Mock>) -> MockServer {
    rt.block_on(async {
        let server = MockServer::start().await;
        for mock in mocks {
            mock.mount(&server).await;
        }
        server
    })
}

/// The options every fetch here ends with: the local gateway, no rate limit, and where the
/// snapshot and the recording go.
fn to_gateway<'a>(uri: &'a str, snap: &'a std::path::Path, rec: &'a std::path::Path) -> [&'a str; 8] {
    ["--gateway", uri, "--rps", "0", "-o", snap.to_str().unwrap(), "--record", rec.to_str().unwrap()]
}

/// Runs the command; (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.current_dir(root()).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Imports `recording` with the header the fetched snapshot carries and checks the result is
/// the fetched file byte for byte.
fn reimport(platform: &str, recording: &std::path::Path, fetched: &std::path::Path) {
    let snapshot: Value = serde_json::from_str(&std::fs::read_to_string(fetched).unwrap()).unwrap();
    let again = fetched.with_extension("again.json");
    let (code, stdout, stderr) = run(cargo_bin_cmd!("shelfcheck").args([
        "snapshot",
        "import",
        platform,
        recording.to_str().unwrap(),
        "--built-at",
        snapshot["built_at"].as_str().unwrap(),
        "--source",
        snapshot["source"].as_str().unwrap(),
        "--allow-partial",
        "-o",
        again.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(fetched).unwrap());
}

#[test]
fn a_shop_fetch_writes_typed_rules_and_its_recording_imports_to_the_same_file() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = serve(
        &rt,
        vec![
            Mock::given(method("GET"))
                .and(path("/channels/ec/category/all"))
                .and(query_param("access_token", TOKEN))
                .respond_with(reply(response("wechat-shop/channels.ec.category.all.ndjson"))),
            Mock::given(method("POST"))
                .and(path("/channels/ec/category/detail"))
                .respond_with(reply(response("wechat-shop/channels.ec.category.detail__6194.ndjson"))),
        ],
    );
    let dir = temp("shop");
    let (snap, rec) = (dir.join("snap.json"), dir.join("rec.ndjson"));
    let (code, stdout, stderr) = run(cargo_bin_cmd!("shelfcheck")
        .env("SHELFCHECK_WECHAT_ACCESS_TOKEN", TOKEN)
        .args(["fetch", "wechat", "--shop", "--shop-leaves", "6194", "--locale", "en", "--no-progress"])
        .args(to_gateway(&server.uri(), &snap, &rec)));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let written = std::fs::read_to_string(&snap).unwrap();
    assert!(written.contains("\"decimal\"") && written.contains("\"max_decimals\": 4"), "{written}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    assert_eq!(recording.lines().count(), 2);
    assert!(!recording.contains(TOKEN) && !stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    reimport("wechat", &rec, &snap);
    // The fixture listing validates against the fetched snapshot as against the committed one.
    let listing = root().join("fixtures/cases/wechat-shop/integer-with-decimals.json");
    let case: Value = serde_json::from_str(&std::fs::read_to_string(listing).unwrap()).unwrap();
    let file = dir.join("listing.json");
    std::fs::write(&file, case["listing"].to_string()).unwrap();
    let (code, stdout, _) = run(cargo_bin_cmd!("shelfcheck").args([
        "validate",
        "--locale",
        "en",
        "--format",
        "json",
        "--snapshot",
        snap.to_str().unwrap(),
        file.to_str().unwrap(),
    ]));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("VALUE_TYPE_INVALID") && stdout.contains("/props/1/text"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_attribute_fetch_signs_with_the_app_and_never_records_its_secret() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let category = r#"{"categoryInfo":[{"categoryID":1,"name":"连衣裙","isLeaf":true,"parentIDs":[0]}]}"#;
    let server = serve(
        &rt,
        vec![
            Mock::given(method("GET"))
                .and(path("/param2/1/com.alibaba.product/alibaba.category.get/8265012"))
                .respond_with(reply(category.to_string())),
            Mock::given(method("GET"))
                .and(path("/param2/1/com.alibaba.product/alibaba.category.attribute.get/8265012"))
                .and(query_param("categoryID", "1"))
                .respond_with(reply(response("1688/alibaba.category.attribute.get__official-doc-example.ndjson"))),
        ],
    );
    let dir = temp("1688");
    let (snap, rec) = (dir.join("snap.json"), dir.join("rec.ndjson"));
    let (code, stdout, stderr) = run(cargo_bin_cmd!("shelfcheck")
        .env("SHELFCHECK_1688_APP_KEY", "8265012")
        .env("SHELFCHECK_1688_APP_SECRET", APP_SECRET)
        .args(["fetch", "1688", "--attributes", "1", "--locale", "en", "--no-progress"])
        .args(to_gateway(&server.uri(), &snap, &rec)));
    assert_eq!(code, 0, "{stdout}{stderr}");
    let written = std::fs::read_to_string(&snap).unwrap();
    assert!(written.contains("风格类型") && written.contains("连衣裙"), "{written}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    assert!(!recording.contains(APP_SECRET) && !recording.contains("_aop_signature"), "{recording}");
    let requests = rt.block_on(server.received_requests()).unwrap();
    assert!(requests.iter().all(|r| r.url.query().unwrap_or("").contains("_aop_signature=")));
    reimport("1688", &rec, &snap);
    // Without the secret nothing is fetched, and the variable is named.
    let (code, _, stderr) = run(cargo_bin_cmd!("shelfcheck")
        .env("SHELFCHECK_1688_APP_KEY", "8265012")
        .env_remove("SHELFCHECK_1688_APP_SECRET")
        .args(["fetch", "1688", "--attributes", "1", "--locale", "en", "-o", snap.to_str().unwrap()]));
    assert_eq!(code, 2);
    assert!(stderr.contains("SHELFCHECK_1688_APP_SECRET"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_partial_import_says_what_is_missing_in_both_languages() {
    let dir = temp("partial");
    let rec = dir.join("rec.ndjson");
    let failed = r#"{"platform":"wechat","method":"channels.ec.category.detail","params":{"cat_id":"6194"},"response":{"errcode":-1,"errmsg":"system error"}}"#;
    let tree = std::fs::read_to_string(root().join("fixtures/recordings/wechat-shop/channels.ec.category.all.ndjson"))
        .unwrap();
    std::fs::write(&rec, format!("{tree}{failed}\n")).unwrap();
    let out = dir.join("snap.json");
    let import = |locale: &str, partial: bool| {
        let mut cmd = cargo_bin_cmd!("shelfcheck");
        cmd.args([
            "snapshot",
            "import",
            "wechat",
            rec.to_str().unwrap(),
            "--locale",
            locale,
            "-o",
            out.to_str().unwrap(),
        ]);
        if partial {
            cmd.arg("--allow-partial");
        }
        run(&mut cmd)
    };
    let (code, _, stderr) = import("en", false);
    assert_eq!(code, 1);
    assert!(stderr.contains("skipped exchange 1 of") && stderr.contains("system error"), "{stderr}");
    assert!(stderr.contains("the import is partial") && !out.exists(), "{stderr}");
    let (code, _, stderr) = import("zh-CN", false);
    assert_eq!(code, 1);
    assert!(stderr.contains("导入不完整"), "{stderr}");
    let (code, stdout, _) = import("en", true);
    assert_eq!(code, 0);
    assert!(stdout.contains("categories marked incomplete (a call failed): 6194"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn snapshot_diff_shows_a_shop_category_s_tightened_rules() {
    let dir = temp("diff");
    let sample = std::fs::read_to_string(
        root().join("fixtures/recordings/wechat-shop/channels.ec.category.detail__6194.ndjson"),
    )
    .unwrap();
    // The next version of the answer: a floor price appears and 精度 takes whole numbers only.
    let mut next: Value = serde_json::from_str(&sample).unwrap();
    next["response"]["attr"]["floor_price"] = Value::from("1990");
    for a in next["response"]["attr"]["product_attr_list"].as_array_mut().unwrap() {
        if a["name"] == "精度" {
            a["type_v2"] = Value::from("integer");
        }
    }
    let (before, after) = (dir.join("v1.ndjson"), dir.join("v2.ndjson"));
    std::fs::write(&before, &sample).unwrap();
    std::fs::write(&after, format!("{next}\n")).unwrap();
    for (rec, out) in [(&before, "v1.json"), (&after, "v2.json")] {
        let out = dir.join(out);
        let (code, stdout, stderr) = run(cargo_bin_cmd!("shelfcheck").args([
            "snapshot",
            "import",
            "wechat",
            rec.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]));
        assert_eq!(code, 0, "{stdout}{stderr}");
    }
    let (v1, v2) = (dir.join("v1.json"), dir.join("v2.json"));
    let (code, stdout, _) = run(cargo_bin_cmd!("shelfcheck").args([
        "snapshot",
        "diff",
        "--locale",
        "en",
        v1.to_str().unwrap(),
        v2.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("category `安全座椅` (6194) has stricter price limits"), "{stdout}");
    assert!(stdout.contains("property `精度`") && stdout.contains("has stricter constraints: value_type"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_import_lists_the_rules_it_left_out_in_both_languages() {
    let dir = temp("left-out");
    let out = dir.join("snap.json");
    let recordings = [
        "fixtures/recordings/1688/alibaba.category.attribute.get__official-doc-example.ndjson",
        "fixtures/recordings/1688/alibaba.category.attribute.get__attributeLevelMapStr__official-doc-example.ndjson",
    ];
    for (locale, header, line) in [
        ("en", "rules left out (they name what the answers do not describe): 3", "category 1: cascade `2489638:9955810` → 973: the answer has no value 9955810 of attribute 风格类型 (2489638)"),
        ("zh-CN", "未导入的规则 (所涉属性或属性值不在应答中): 3", "类目 1:级联 `2489638:9955810` → 973:应答中没有属性 风格类型 (2489638) 的值 9955810"),
    ] {
        let (code, stdout, stderr) = run(cargo_bin_cmd!("shelfcheck")
            .args(["snapshot", "import", "1688", "--locale", locale])
            .args(recordings)
            .args(["-o", out.to_str().unwrap()]));
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains(header) && stdout.contains(line), "{stdout}");
    }
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(root().join("fixtures/snapshots/1688-attributes.json")).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
