//! Reads the comparison's typical listing (30 properties, 60 SKUs) from the npm package's
//! packed form a given number of times, into the space of the read before, as the package's
//! `Catalog` does; for a profiler. The packed form is what `pkg/js/packed.js` writes for the
//! listing object (`shelfcheck_wasm::packed::pack`). As with `validate_loop`:
//!
//! `valgrind --tool=cachegrind --cache-sim=no target/release/examples/packed_read 2000`
//!
//! run twice (with 1 and with 2000): the difference over 1999 is the count per listing.
//! Build it with `cargo build --release -p shelfcheck-bench --example packed_read`.

use shelfcheck_bench::cases;
use shelfcheck_core::input::limits::InputLimits;
use shelfcheck_core::Listing;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let (times, _, case) = match cases::for_loop("packed_read") {
        Ok(found) => found,
        Err(code) => return code,
    };
    let Some((nums, units)) = shelfcheck_wasm::packed::pack(&case.listing) else {
        eprintln!("the case cannot be packed / 该用例无法打包");
        return ExitCode::FAILURE;
    };
    let limits = InputLimits::default();
    let mut listing = Listing::default();
    let start = Instant::now();
    for _ in 0..times {
        if !shelfcheck_wasm::packed::read_into(black_box(&nums), black_box(&units), &limits, &mut listing) {
            eprintln!("the packed form was not read back / 打包形式未能读回");
            return ExitCode::FAILURE;
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / f64::from(times.max(1));
    if listing != case.listing {
        eprintln!("the listing read back differs / 读回的商品不一致");
        return ExitCode::FAILURE;
    }
    println!(
        "{}: {} slots, {} code units; {per:.2} µs per read / 每次读取 {per:.2} 微秒",
        case.name,
        nums.len(),
        units.len()
    );
    ExitCode::SUCCESS
}
