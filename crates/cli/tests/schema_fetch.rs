//! `shelfcheck fetch tmall --schema product-add --leaves ...` against a local gateway on
//! 127.0.0.1 serving recorded publish-schema answers: the recording rebuilds the fetched
//! snapshot, and a cut schema is a skipped category named by field and line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::{root, run};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "PLANTED-CLI-SECRET-9c2e";
const METHOD: &str = "tmall.product.add.schema.get";

fn answer(name: &str) -> String {
    let text = std::fs::read_to_string(root().join(format!("fixtures/recordings/tmall-schema/{name}.ndjson"))).unwrap();
    let line: serde_json::Value = serde_json::from_str(&text).unwrap();
    line["response"].to_string()
}

/// Serves the jade schema for 99000002 and `bag` for 99000003.
fn gateway(rt: &tokio::runtime::Runtime, bag: String) -> MockServer {
    rt.block_on(async {
        let server = MockServer::start().await;
        for (cid, body) in [(99000002, answer("product-add-jade")), (99000003, bag)] {
            Mock::given(method("POST"))
                .and(path("/router/rest"))
                .and(body_string_contains(format!("method={METHOD}&")))
                .and(body_string_contains(format!("category_id={cid}&")))
                .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
                .mount(&server)
                .await;
        }
        server
    })
}

fn fetch(server: &MockServer, extra: &[&str]) -> (i32, String, String) {
    let gateway = format!("{}/router/rest", server.uri());
    let leaves = ["--no-progress", "--schema", "product-add", "--leaves", "99000002,99000003"];
    common::fetch_top("tmall", &gateway, SECRET, &[&leaves[..], extra].concat())
}

#[test]
fn fetched_schemas_write_a_snapshot_the_recording_rebuilds() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = gateway(&rt, answer("product-add-bag"));
    let dir = tempfile::tempdir().unwrap();
    let (snap, rec, again) = (dir.path().join("s.json"), dir.path().join("r.ndjson"), dir.path().join("a.json"));
    let (code, out, err) = fetch(&server, &["-o", snap.to_str().unwrap(), "--record", rec.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let recording = std::fs::read_to_string(&rec).unwrap();
    assert!(!recording.contains(SECRET) && recording.contains(METHOD));
    let snapshot: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&snap).unwrap()).unwrap();
    let built_at = snapshot["built_at"].as_str().unwrap();
    let source = snapshot["source"].as_str().unwrap();
    let args = ["snapshot", "import", "tmall", rec.to_str().unwrap(), "--built-at", built_at, "--source", source];
    let (code, out, err) = run(&[&args[..], &["-o", again.to_str().unwrap()]].concat(), None);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read(&snap).unwrap(), std::fs::read(&again).unwrap());
    // The bag schema's conditional rule made it into the fetched snapshot.
    let text = std::fs::read_to_string(&snap).unwrap();
    assert!(text.contains("\"disabled_when\""), "{text}");
}

#[test]
fn a_cut_schema_is_a_skipped_category_named_by_field() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let whole = answer("product-add-bag");
    let cut = format!("{}\"}}}}", &whole[..whole.find("牛仔布").unwrap()]);
    let server = gateway(&rt, cut);
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("s.json");
    let (code, out, err) = fetch(&server, &["--locale", "en", "-o", snap.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("category 99000003 skipped") && err.contains("field `prop_20021`: malformed XML"), "{err}");
    let (code, _, err) = fetch(&server, &["--strict", "-o", dir.path().join("strict.json").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("字段 `prop_20021`: XML 格式错误"), "{err}");
}
