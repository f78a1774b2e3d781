//! Range checks of the numeric fetch options. Clap accepts any number of the right type, but a
//! rate of 1e-300 requests per second, a concurrency of 2^64 or a time-to-live of 1e300 hours
//! means nothing and used to panic; they are refused with the range instead (exit 2).

use crate::args::CommonFetchArgs;
use shelfcheck_core::Locale;

/// Requests per second: 0 (no limit) or one every 100 s up to a thousand a second; the
/// platforms allow a few dozen at most.
pub const RPS: (f64, f64) = (0.01, 1000.0);
/// Requests in flight: every platform refuses more than a handful.
pub const CONCURRENCY: (usize, usize) = (1, 256);
pub const ATTEMPTS: (u32, u32) = (1, 100);
/// Cache time-to-live in hours: up to ten years.
pub const TTL_HOURS: (f64, f64) = (0.0, 87_600.0);

/// The first option out of range, as a message naming it, its range and the value given.
pub fn check(common: &CommonFetchArgs, locale: Locale) -> Result<(), String> {
    let rps = common.rps;
    if !(rps == 0.0 || (RPS.0..=RPS.1).contains(&rps)) {
        return Err(match locale {
            Locale::ZhCn => format!("`--rps` 必须为 0 (不限) 或介于 {} 与 {} 之间, 而不是 {rps:?}", RPS.0, RPS.1),
            Locale::En => format!("`--rps` must be 0 (no limit) or between {} and {}, not {rps:?}", RPS.0, RPS.1),
        });
    }
    let n = common.concurrency;
    if !(CONCURRENCY.0..=CONCURRENCY.1).contains(&n) {
        return Err(out_of_range("--concurrency", CONCURRENCY.0, CONCURRENCY.1, n.to_string(), locale));
    }
    if let Some(n) = common.attempts.filter(|n| !(ATTEMPTS.0..=ATTEMPTS.1).contains(n)) {
        return Err(out_of_range("--attempts", ATTEMPTS.0, ATTEMPTS.1, n.to_string(), locale));
    }
    // NaN is in no range, so it is refused too.
    if !(TTL_HOURS.0..=TTL_HOURS.1).contains(&common.ttl) {
        return Err(out_of_range("--ttl", TTL_HOURS.0, TTL_HOURS.1, format!("{:?}", common.ttl), locale));
    }
    Ok(())
}

/// `given` is formatted by the caller: a float's `Debug` form keeps 1e-300 short.
fn out_of_range<T: std::fmt::Display>(option: &str, min: T, max: T, given: String, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!("`{option}` 必须介于 {min} 与 {max} 之间, 而不是 {given}"),
        Locale::En => format!("`{option}` must be between {min} and {max}, not {given}"),
    }
}
