//! `snapshot import tmall` on recorded publish-schema answers: the import says how many of the
//! schema's rules became checks, repeats byte for byte, refuses a cut XML by line and field,
//! and `snapshot diff` shows the rules a later version of the schema tightened.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod common;

use common::run;

const V1: &str = "fixtures/recordings/tmall-schema/product-add-jade.ndjson";
const V2: &str = "fixtures/recordings/tmall-schema/product-add-jade-v2.ndjson";

#[test]
fn a_schema_imports_with_its_rule_counts_and_repeats_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let (code, out, err) = run(&["snapshot", "import", "--locale", "en", "tmall", V1, "-o", a.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 categories (1 leaves), 8 properties, 46 values"), "{out}");
    assert!(out.contains("publish schemas: 1; 15 rules: 9 checked offline, 0 kept as hints"), "{out}");
    let (code, out, _) = run(&["snapshot", "import", "tmall", V1, "-o", b.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert!(out.contains("发布规则 1 份: 共 15 条规则, 9 条可离线校验"), "{out}");
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn snapshot_diff_shows_the_rules_a_later_schema_tightened() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("v1.json"), dir.path().join("v2.json"));
    for (rec, out) in [(V1, &a), (V2, &b)] {
        let (code, o, e) = run(&["snapshot", "import", "tmall", rec, "-o", out.to_str().unwrap()], None);
        assert_eq!(code, 0, "{o}{e}");
    }
    let (code, out, err) = run(&["snapshot", "diff", "--locale", "en", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("property `图案/形状` (20603) of category 99000002 is now required"), "{out}");
    assert!(
        out.contains("property `货号` (13021751) of category 99000002 has stricter constraints: max_length"),
        "{out}"
    );
    let (_, out, _) = run(&["snapshot", "diff", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert!(out.contains("类目 99000002 的属性 `货号` (13021751) 的限制变严: max_length"), "{out}");
}

#[test]
fn a_cut_schema_is_refused_by_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(V1)).unwrap();
    // Cut inside the 种地类型 field's options, keeping the envelope whole.
    let at = text.find("冰糯种").unwrap();
    let cut = format!("{}\"}}}}}}\n", &text[..at]);
    let rec = dir.path().join("cut.ndjson");
    std::fs::write(&rec, cut).unwrap();
    let out = dir.path().join("snap.json");
    let args = ["snapshot", "import", "--locale", "en", "--strict", "tmall", rec.to_str().unwrap(), "-o"];
    let (code, _, err) = run(&[&args[..], &[out.to_str().unwrap()]].concat(), None);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("schema XML line 1, field `prop_122216385`: malformed XML"), "{err}");
    assert!(!out.exists());
    let args = ["snapshot", "import", "tmall", rec.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let (code, _, err) = run(&args, None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("导入不完整"), "{err}");
}
