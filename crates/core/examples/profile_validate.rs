//! Validates the typical synthetic listing in a loop, for profilers:
//! `cargo run --release -p shelfcheck-core --example profile_validate -- 200000`.

use shelfcheck_core::synth::{self, CategoryShape};
use shelfcheck_core::{Catalog, ValidateOptions};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let Ok(catalog) = Catalog::compile(synth::snapshot(1, &CategoryShape::typical())) else { return };
    let Some(listing) = synth::listing_for(&catalog, 1, 10) else { return };
    let opts = ValidateOptions::default();
    let start = std::time::Instant::now();
    let mut issues = 0;
    for _ in 0..n {
        issues += catalog.validate(std::hint::black_box(&listing), &opts).issues.len();
    }
    println!("{n} validations, {issues} issues, {:.2} µs each", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
