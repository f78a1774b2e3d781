//! Wall-clock formatting for gateways that want China Standard Time (GMT+8) and for snapshot
//! headers (UTC, RFC 3339).
//!
//! A calendar crate would be a heavy dependency for two fixed formats; the civil-date
//! conversion below is the standard days-from-epoch algorithm.

use std::time::{SystemTime, UNIX_EPOCH};

/// China Standard Time has no daylight saving, so a fixed offset is exact.
const CST_OFFSET_SECS: i64 = 8 * 3600;

/// `yyyy-MM-dd HH:mm:ss` in GMT+8, as the `timestamp` system parameter requires (the gateway
/// rejects a skew of more than ten minutes).
pub fn top_timestamp(now: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(unix_secs(now) + CST_OFFSET_SECS);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// `yyyy-MM-ddTHH:mm:ssZ` (UTC), for `Snapshot::built_at`.
pub fn rfc3339_utc(now: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(unix_secs(now));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

fn unix_secs(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 2),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX / 2),
    }
}

/// Seconds since the epoch to (year, month, day, hour, minute, second).
fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // All of these are bounded by the arithmetic above (day ≤ 31, month ≤ 12, rem < 86 400).
    let small = |v: i64| u32::try_from(v).unwrap_or(0);
    (y, small(m), small(d), small(rem / 3600), small(rem % 3600 / 60), small(rem % 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_in_china_standard_time() {
        // 2016-01-01 04:00:00 UTC is noon in Beijing.
        let t = UNIX_EPOCH + Duration::from_secs(1_451_620_800);
        assert_eq!(top_timestamp(t), "2016-01-01 12:00:00");
        assert_eq!(rfc3339_utc(t), "2016-01-01T04:00:00Z");
    }

    #[test]
    fn crosses_the_date_line_and_leap_days() {
        // 2024-02-28 20:30:15 UTC = 2024-02-29 04:30:15 in GMT+8.
        let t = UNIX_EPOCH + Duration::from_secs(1_709_152_215);
        assert_eq!(top_timestamp(t), "2024-02-29 04:30:15");
        assert_eq!(top_timestamp(UNIX_EPOCH), "1970-01-01 08:00:00");
    }
}
