//! Where the time of reading a listing goes, for each comparison case: the floor (bytes read
//! and thrown away), `serde_json` into a `Value` (what a schema validator needs), `serde_json`
//! into `Listing`, and `Listing::from_json`.
//!
//! `cargo run --release -p shelfcheck-bench --example parse_cost [--data DIR]`; with `loop`
//! as the only argument it parses the typical listing 200,000 times, for a profiler.

use serde::de::IgnoredAny;
use shelfcheck_bench::cases;
use shelfcheck_bench::timing::{median_us, Plan};
use shelfcheck_core::Listing;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut data = shelfcheck_bench::repo_root().join("fixtures/taobao-sale-props");
    let mut profile = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().map(PathBuf::from).unwrap_or(data),
            "loop" => profile = true,
            other => {
                eprintln!("unknown argument `{other}` / 未知参数 `{other}`");
                return ExitCode::from(2);
            }
        }
    }
    let setup = match cases::setup(&data) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if profile {
        if let Some(c) = setup.cases.first() {
            for _ in 0..200_000 {
                black_box(Listing::from_json(black_box(&c.json)).ok());
            }
        }
        return ExitCode::SUCCESS;
    }
    let plan = Plan::FULL;
    println!(
        "{:<28} {:>8} {:>10} {:>10} {:>10} {:>10}",
        "case", "bytes", "floor µs", "Value µs", "serde µs", "ours µs"
    );
    for c in &setup.cases {
        let j = c.json.as_str();
        if Listing::from_json(j).ok().as_ref() != Some(&c.listing) {
            eprintln!("`{0}`: Listing::from_json does not give the case's listing / `{0}`: Listing::from_json 的结果与用例不符", c.name);
            return ExitCode::FAILURE;
        }
        let floor = median_us(plan, || drop(black_box(serde_json::from_str::<IgnoredAny>(black_box(j)))));
        let value = median_us(plan, || drop(black_box(serde_json::from_str::<serde_json::Value>(black_box(j)))));
        let serde = median_us(plan, || drop(black_box(serde_json::from_str::<Listing>(black_box(j)))));
        let ours = median_us(plan, || drop(black_box(Listing::from_json(black_box(j)))));
        println!("{:<28} {:>8} {floor:>10.1} {value:>10.1} {serde:>10.1} {ours:>10.1}", c.name, j.len());
    }
    ExitCode::SUCCESS
}
