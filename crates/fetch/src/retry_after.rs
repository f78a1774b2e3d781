//! The `Retry-After` header of a 429 or 503 answer (RFC 9110, section 10.2.3): a number of
//! seconds, or an HTTP-date.

use std::time::{Duration, SystemTime};

/// How long `value` asks the client to wait, counted from `now`; `None` when it is neither
/// form. A date in the past asks for no wait. A number of seconds too large to represent is
/// the longest wait there is: the retry policy caps every wait at its maximum delay.
pub fn parse(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v.parse::<u64>().map(Duration::from_secs).unwrap_or(Duration::MAX));
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn seconds_and_http_dates() {
        // 2015-10-21 07:28:00 UTC.
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse("99999999999999999999999", now), Some(Duration::MAX));
        assert_eq!(parse("Wed, 21 Oct 2015 07:28:09 GMT", now), Some(Duration::from_secs(9)));
        // The obsolete forms a server may still send.
        assert_eq!(parse("Wednesday, 21-Oct-15 07:28:30 GMT", now), Some(Duration::from_secs(30)));
        assert_eq!(parse("Wed Oct 21 07:29:00 2015", now), Some(Duration::from_secs(60)));
        assert_eq!(parse("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
        for bad in ["", "-1", "1.5", "soon", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            assert_eq!(parse(bad, now), None, "{bad}");
        }
    }
}
