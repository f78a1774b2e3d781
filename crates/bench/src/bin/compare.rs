//! `compare`: shelfcheck against the JSON Schema route, on the same listings and category, in
//! one run on one machine.
//!
//! - `shelfcheck-core` native against the `jsonschema` crate (compiled validator, every error
//!   collected with `iter_errors`) on the schema `shelfcheck_core::forms::export` produces, both on
//!   parsed listings and including JSON parsing;
//! - the npm package in Node against `ajv` 8 (compiled, `allErrors: true`), listings passed as
//!   JavaScript objects, so the package's time includes the JS ↔ wasm crossing.
//!
//! Both sides must agree on valid / invalid for every case. Targets, on the typical valid
//! listing: native ≥ 20× `jsonschema` on a parsed listing and ≥ 5× including parsing;
//! package ≥ 20× `ajv`.
//!
//! Flags: `--quick` (short samples; timing targets are reported, not enforced, unless
//! `--enforce`), `--enforce`, `--no-node` (Rust half only), `--data DIR` (sale-property
//! recordings). Exit status: 0 all well, 1 a target missed or a disagreement, 2 set-up failure.

use serde_json::{json, Value};
use shelfcheck_bench::cases::{self, Case, Setup};
use shelfcheck_bench::repo_root;
use shelfcheck_bench::timing::{paired_us, Plan};
use shelfcheck_core::{Listing, ValidateOptions};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Native against `jsonschema` on a parsed listing: the engine's own speed.
const NATIVE_PARSED_TARGET: f64 = 20.0;
/// Native against `jsonschema` including JSON parsing, which both sides pay and which takes
/// most of either's time, so the ratio is lower.
const NATIVE_WITH_PARSING_TARGET: f64 = 5.0;
const NODE_TARGET: f64 = 20.0;

struct Args {
    quick: bool,
    enforce: bool,
    node: bool,
    data: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a =
        Args { quick: false, enforce: false, node: true, data: repo_root().join("fixtures").join("taobao-sale-props") };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => a.quick = true,
            "--enforce" => a.enforce = true,
            "--no-node" => a.node = false,
            "--data" => a.data = it.next().map(PathBuf::from).ok_or("--data needs a folder")?,
            "-h" | "--help" => {
                return Err("usage: compare [--quick] [--enforce] [--no-node] [--data DIR]".into());
            }
            other => return Err(format!("unknown argument `{other}` / 未知参数 `{other}`")),
        }
    }
    if !a.quick {
        a.enforce = true;
    }
    Ok(a)
}

/// One measured pair.
struct Pair {
    what: &'static str,
    case: &'static str,
    ours_us: f64,
    theirs_us: f64,
    /// Target ratio, when this pair has one.
    target: Option<f64>,
}

impl Pair {
    fn ratio(&self) -> f64 {
        self.theirs_us / self.ours_us
    }
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let setup = match cases::setup(&args.data) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("set-up failed / 准备失败: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = if args.quick { Plan::QUICK } else { Plan::FULL };
    println!("shelfcheck compare / 对比测试 ({})", if args.quick { "quick / 快速" } else { "full / 完整" });
    println!("  category / 类目: {} — {}", setup.category_id, setup.origin);
    println!("  load average / 负载: {}", load_average());
    for c in &setup.cases {
        println!(
            "  case / 用例 `{}`: {} props, {} SKUs, {} bytes, engine: {} ({} errors)",
            c.name,
            c.props,
            c.skus,
            c.json.len(),
            if c.valid { "valid" } else { "invalid" },
            c.errors
        );
    }

    let mut disagreements = Vec::new();
    let mut pairs = match rust_half(&setup, plan, &mut disagreements) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("jsonschema set-up failed / jsonschema 准备失败: {e}");
            return ExitCode::from(2);
        }
    };
    let node_state =
        if args.node { node_half(&setup, args.quick, &mut pairs, &mut disagreements) } else { NodeState::Off };

    print_table(&pairs);
    for d in &disagreements {
        println!("DISAGREEMENT / 结论不一致: {d}");
    }
    let missed: Vec<&Pair> = pairs.iter().filter(|p| misses(p)).collect();
    for p in &missed {
        println!(
            "target missed / 未达目标: {} on `{}`: {:.1}× < {:.0}×{}",
            p.what,
            p.case,
            p.ratio(),
            p.target.unwrap_or(0.0),
            if args.enforce { "" } else { " (not enforced / 未强制)" }
        );
    }
    if let NodeState::Skipped(why) = &node_state {
        println!("Node half SKIPPED / 跳过 Node 部分: {why}");
    }
    let failed = !disagreements.is_empty()
        || (args.enforce && !missed.is_empty())
        || (args.enforce && matches!(node_state, NodeState::Skipped(_)));
    println!("{}", summary_line(&pairs, &node_state, &disagreements, failed));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn rust_half(setup: &Setup, plan: Plan, disagreements: &mut Vec<String>) -> Result<Vec<Pair>, String> {
    let validator = jsonschema::draft202012::new(&setup.schema).map_err(|e| e.to_string())?;
    let opts = ValidateOptions::default();
    let catalog = &setup.catalog;
    let mut pairs = Vec::new();
    for (i, c) in setup.cases.iter().enumerate() {
        let by_schema = validator.is_valid(&c.value);
        let errors = validator.iter_errors(&c.value).count();
        if by_schema != c.valid {
            disagreements.push(format!(
                "`{}`: shelfcheck valid = {}, jsonschema valid = {by_schema} ({errors} errors)",
                c.name, c.valid
            ));
        }
        let (native, theirs) = paired_us(
            plan,
            || {
                black_box(catalog.validate(black_box(&c.listing), &opts));
            },
            || {
                black_box(validator.iter_errors(black_box(&c.value)).collect::<Vec<_>>());
            },
        );
        let (native_text, theirs_text) = paired_us(
            plan,
            || {
                if let Ok(l) = Listing::from_json(black_box(&c.json)) {
                    black_box(catalog.validate(&l, &opts));
                }
            },
            || {
                if let Ok(v) = serde_json::from_str::<Value>(black_box(&c.json)) {
                    black_box(validator.iter_errors(&v).collect::<Vec<_>>());
                }
            },
        );
        pairs.extend(native_pairs(c.name, i == 0, (native, theirs), (native_text, theirs_text)));
    }
    Ok(pairs)
}

/// The two native pairs of one case, `(ours, theirs)` in µs on the parsed listing and with
/// parsing; only the typical listing's carry targets.
fn native_pairs(case: &'static str, typical: bool, parsed: (f64, f64), with_parsing: (f64, f64)) -> [Pair; 2] {
    [
        Pair {
            what: "native vs jsonschema, parsed",
            case,
            ours_us: parsed.0,
            theirs_us: parsed.1,
            target: typical.then_some(NATIVE_PARSED_TARGET),
        },
        Pair {
            what: "native vs jsonschema, incl. JSON parsing",
            case,
            ours_us: with_parsing.0,
            theirs_us: with_parsing.1,
            target: typical.then_some(NATIVE_WITH_PARSING_TARGET),
        },
    ]
}

/// Whether a pair misses its target.
fn misses(p: &Pair) -> bool {
    p.target.is_some_and(|t| p.ratio() < t)
}

enum NodeState {
    Off,
    Ran,
    Skipped(String),
}

fn node_half(setup: &Setup, quick: bool, pairs: &mut Vec<Pair>, disagreements: &mut Vec<String>) -> NodeState {
    match run_node(setup, quick) {
        Err(why) => NodeState::Skipped(why),
        Ok(out) => {
            let rows = out["rows"].as_array().cloned().unwrap_or_default();
            println!(
                "  node {} · ajv {} · module load {:.1} ms · catalog {:.1} ms · ajv compile {:.1} ms",
                out["node"].as_str().unwrap_or("?"),
                out["ajv"].as_str().unwrap_or("?"),
                out["instantiate_ms"].as_f64().unwrap_or(0.0),
                out["catalog_ms"].as_f64().unwrap_or(0.0),
                out["ajv_compile_ms"].as_f64().unwrap_or(0.0),
            );
            for (i, (row, c)) in rows.iter().zip(&setup.cases).enumerate() {
                let ours = row["shelfcheck_valid"].as_bool();
                let theirs = row["ajv_valid"].as_bool();
                if ours != Some(c.valid) || theirs != Some(c.valid) {
                    disagreements.push(format!(
                        "`{}`: npm package valid = {ours:?}, ajv valid = {theirs:?}, native valid = {}",
                        c.name, c.valid
                    ));
                }
                let us = |k: &str| row[k].as_f64().unwrap_or(f64::NAN);
                pairs.push(Pair {
                    what: "npm package vs ajv, JS objects (incl. JS↔wasm)",
                    case: c.name,
                    ours_us: us("shelfcheck_us"),
                    theirs_us: us("ajv_us"),
                    target: (i == 0).then_some(NODE_TARGET),
                });
                pairs.push(Pair {
                    what: "npm package vs ajv, from JSON text",
                    case: c.name,
                    ours_us: us("shelfcheck_text_us"),
                    theirs_us: us("ajv_text_us"),
                    target: None,
                });
            }
            if rows.len() != setup.cases.len() {
                return NodeState::Skipped(format!("the Node script returned {} rows", rows.len()));
            }
            NodeState::Ran
        }
    }
}

/// Runs the Node script; `Err` says why the Node half cannot run.
fn run_node(setup: &Setup, quick: bool) -> Result<Value, String> {
    let root = repo_root();
    let pkg = root.join("pkg").join("dist").join("node");
    if !pkg.join("shelfcheck.mjs").is_file() {
        return Err(format!(
            "the npm package is not built ({} missing); run scripts/build-pkg.sh / npm 包尚未构建, 请先运行 scripts/build-pkg.sh",
            pkg.join("shelfcheck.mjs").display()
        ));
    }
    let js = root.join("crates").join("bench").join("js");
    ensure_ajv(&js)?;
    let dir = std::env::temp_dir().join(format!("shelfcheck-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = write_inputs(&dir, setup).and_then(|()| {
        let mut cmd = Command::new("node");
        cmd.arg(js.join("compare.mjs")).arg(&dir).arg(&pkg);
        if quick {
            cmd.arg("--quick");
        }
        let out = cmd.output().map_err(|e| format!("cannot run node / 无法运行 node: {e}"))?;
        if !out.status.success() {
            return Err(format!("the Node script failed / Node 脚本失败: {}", String::from_utf8_lossy(&out.stderr)));
        }
        serde_json::from_slice::<Value>(&out.stdout).map_err(|e| format!("unreadable Node output: {e}"))
    });
    // SHELFCHECK_COMPARE_KEEP=1 keeps the inputs, to run the Node side by hand.
    if std::env::var_os("SHELFCHECK_COMPARE_KEEP").is_some() {
        println!("  Node inputs kept in / Node 输入保存在 {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

/// Installs ajv beside the script unless it is there already.
fn ensure_ajv(js: &Path) -> Result<(), String> {
    if js.join("node_modules").join("ajv").join("package.json").is_file() {
        return Ok(());
    }
    let install = if js.join("package-lock.json").is_file() { "ci" } else { "install" };
    let status = Command::new("npm")
        .args([install, "--no-audit", "--no-fund", "--silent"])
        .current_dir(js)
        .status()
        .map_err(|e| format!("cannot run npm to install ajv / 无法运行 npm 安装 ajv: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("npm could not install ajv / npm 无法安装 ajv".into())
    }
}

fn write_inputs(dir: &Path, setup: &Setup) -> Result<(), String> {
    let write = |name: &str, v: &Value| {
        std::fs::write(dir.join(name), v.to_string()).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let snapshot = serde_json::to_value(&setup.snapshot).map_err(|e| e.to_string())?;
    write("snapshot.json", &snapshot)?;
    write("schema.json", &setup.schema)?;
    let cases: Vec<Value> =
        setup.cases.iter().map(|c: &Case| json!({"name": c.name, "listing": c.value, "json": c.json})).collect();
    write("cases.json", &Value::Array(cases))
}

fn print_table(pairs: &[Pair]) {
    println!();
    println!(
        "{:<48} {:<28} {:>12} {:>12} {:>8} {:>8}",
        "pair / 对比", "case / 用例", "ours µs", "theirs µs", "ratio", "target"
    );
    for p in pairs {
        println!(
            "{:<48} {:<28} {:>12.2} {:>12.2} {:>7.1}× {:>8}",
            p.what,
            p.case,
            p.ours_us,
            p.theirs_us,
            p.ratio(),
            p.target.map(|t| format!("≥{t:.0}×")).unwrap_or_default()
        );
    }
    println!();
}

fn summary_line(pairs: &[Pair], node: &NodeState, disagreements: &[String], failed: bool) -> String {
    let ratio_of = |what: &str| pairs.iter().find(|p| p.what == what && p.target.is_some()).map(Pair::ratio);
    let fmt = |r: Option<f64>| r.map(|r| format!("{r:.1}×")).unwrap_or_else(|| "n/a".into());
    let node_part = match node {
        NodeState::Ran => fmt(ratio_of("npm package vs ajv, JS objects (incl. JS↔wasm)")),
        NodeState::Off => "not run".into(),
        NodeState::Skipped(_) => "SKIPPED".into(),
    };
    format!(
        "summary / 汇总: native/jsonschema parsed {} (≥{NATIVE_PARSED_TARGET:.0}×), incl. parsing {} (≥{NATIVE_WITH_PARSING_TARGET:.0}×); npm/ajv {} (≥{NODE_TARGET:.0}×); agreement {}; {}",
        fmt(ratio_of("native vs jsonschema, parsed")),
        fmt(ratio_of("native vs jsonschema, incl. JSON parsing")),
        node_part,
        if disagreements.is_empty() { "ok" } else { "FAILED" },
        if failed { "FAIL" } else { "PASS" }
    )
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsed_listing_must_be_twenty_times_faster_the_parsing_one_five() {
        // 16.3× parsed and 5.0× with parsing, as measured before the engine's speed-up.
        let [parsed, with_parsing] = native_pairs("typical valid", true, (3.7, 60.0), (23.5, 117.5));
        assert!(misses(&parsed), "16.2× must miss 20×");
        assert!(!misses(&with_parsing), "5.0× meets 5×");
        let [parsed, with_parsing] = native_pairs("typical valid", true, (3.0, 60.0), (23.0, 110.0));
        assert!(!misses(&parsed) && misses(&with_parsing), "20× meets, 4.8× misses");
        let [parsed, with_parsing] = native_pairs("large (600 SKUs)", false, (34.2, 352.2), (185.8, 854.2));
        assert!(parsed.target.is_none() && with_parsing.target.is_none());
    }
}
