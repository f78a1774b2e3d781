//! Validates the comparison's typical listing (30 properties, 60 SKUs) a given number of
//! times, for a profiler. Timings on a shared machine vary by several percent from run to run;
//! an instruction count does not, so engine changes are compared with
//!
//! `valgrind --tool=cachegrind --cache-sim=no target/release/examples/validate_loop 2000`
//!
//! run twice (with 1 and with 2000): the difference over 1999 is the count per listing.
//! Build it with `cargo build --release -p shelfcheck-bench --example validate_loop`.

use shelfcheck_bench::cases;
use shelfcheck_core::ValidateOptions;
use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (times, setup, case) = match cases::for_loop("validate_loop") {
        Ok(found) => found,
        Err(code) => return code,
    };
    let options = ValidateOptions::default();
    let mut valid = 0u64;
    for _ in 0..times {
        valid += u64::from(setup.catalog.is_valid_with(black_box(&case.listing), &options));
    }
    println!("{}: {valid} of {times} valid / 有效", case.name);
    ExitCode::SUCCESS
}
