//! `platform`: how long a whole-platform snapshot takes to load, and how much memory.
//!
//! `platform FILE [--repeat N]` loads FILE (JSON: read, parse, compile; binary: read, check,
//! decode the directory) N times, validates one listing of one category after each load (the
//! first use decodes that category's body in the binary form), and prints one JSON line: the
//! median and minimum load time, the first validation's time, and the process's peak
//! resident memory (`VmHWM`). Run it once per file so each form's peak is its own.

use shelfcheck_bench::peak_rss_kib;
use shelfcheck_core::storage::binary;
use shelfcheck_core::{synth, Catalog, Snapshot, ValidateOptions};
use std::process::ExitCode;
use std::time::Instant;

fn load(path: &str) -> Result<(Catalog, &'static str), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    if binary::is_binary(&bytes) {
        return binary::decode(bytes).map(|c| (c, "binary")).map_err(|e| e.to_string());
    }
    let snapshot: Snapshot = serde_json::from_slice(&bytes).map_err(|e| format!("{path}: {e}"))?;
    Catalog::compile(snapshot).map(|c| (c, "json")).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), repeat) = (
        args.first(),
        match args.get(1).map(String::as_str) {
            Some("--repeat") => args.get(2).and_then(|n| n.parse::<usize>().ok()).unwrap_or(1),
            _ => 1,
        },
    ) else {
        eprintln!("usage: platform FILE [--repeat N]");
        return ExitCode::from(2);
    };
    let mut loads = Vec::new();
    let mut first_validate = Vec::new();
    let mut summary = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let (catalog, form) = match load(path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("platform: {e}");
                return ExitCode::from(2);
            }
        };
        loads.push(t.elapsed().as_secs_f64() * 1e3);
        let Some(cid) = catalog.categories().filter(|c| c.category.leaf).map(|c| c.category.id).nth(4_321) else {
            eprintln!("platform: fewer leaf categories than expected");
            return ExitCode::from(2);
        };
        let t = Instant::now();
        let listing = synth::listing_for(&catalog, cid, 3);
        let valid = listing.map(|l| catalog.validate(&l, &ValidateOptions::default()).valid);
        first_validate.push(t.elapsed().as_secs_f64() * 1e3);
        summary = Some((form, catalog.categories().count(), valid));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (form, categories, valid) = summary.unwrap_or(("?", 0, None));
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "file": path,
            "form": form,
            "bytes": bytes,
            "categories": categories,
            "runs": loads.len(),
            "load_ms_median": median(&mut loads.clone()),
            "load_ms_min": loads.iter().copied().fold(f64::INFINITY, f64::min),
            "first_validate_ms_median": median(&mut first_validate),
            "listing_valid": valid,
            "peak_rss_kib": peak_rss_kib(),
        })
    );
    ExitCode::SUCCESS
}
