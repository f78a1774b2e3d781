//! Exponential back-off with jitter.

use std::time::Duration;

/// How often and how patiently a retryable failure is tried again.
///
/// Jitter spreads the retries of concurrent requests so that they do not hit a rate-limited
/// gateway again in lock-step. Tests set tiny delays instead of sleeping for real.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts including the first (1 = never retry).
    pub max_attempts: u32,
    /// Delay before the second attempt; doubled for each further attempt.
    pub base_delay: Duration,
    /// Ceiling for any single delay, including a platform's "wait at least" hint.
    pub max_delay: Duration,
    /// Fraction of the delay that is randomised (0.0 = none, 1.0 = anywhere in `0..=delay`).
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
            jitter: 0.5,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Fast retries for tests: milliseconds, no jitter.
    pub fn immediate(max_attempts: u32) -> Self {
        Self { max_attempts, base_delay: Duration::from_millis(1), max_delay: Duration::from_millis(20), jitter: 0.0 }
    }

    /// The delay after failed attempt number `attempt` (1-based), at least `min_wait` when the
    /// platform asked for one (still capped by `max_delay`).
    pub fn delay(&self, attempt: u32, min_wait: Option<Duration>) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let raw = self.base_delay.saturating_mul(1u32 << exp).min(self.max_delay);
        // A NaN or infinite jitter (from a hand-written config) means none, never a panic.
        let jitter = if self.jitter.is_finite() { self.jitter.clamp(0.0, 1.0) } else { 0.0 };
        // Subtractive jitter keeps the ceiling at `raw`, so `max_delay` stays a real bound.
        let cut = raw.mul_f64(jitter * fastrand::f64());
        let d = raw.saturating_sub(cut);
        match min_wait {
            Some(w) => d.max(w).min(self.max_delay),
            None => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_and_caps() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            jitter: 0.0,
        };
        let ms: Vec<u128> = (1..=6).map(|a| p.delay(a, None).as_millis()).collect();
        assert_eq!(ms, vec![100, 200, 400, 800, 1000, 1000]);
    }

    #[test]
    fn jitter_stays_within_bounds() {
        let p = RetryPolicy { jitter: 0.5, base_delay: Duration::from_millis(100), ..RetryPolicy::default() };
        for _ in 0..200 {
            let d = p.delay(2, None);
            assert!(d >= Duration::from_millis(100) && d <= Duration::from_millis(200));
        }
    }

    #[test]
    fn absurd_settings_do_not_panic() {
        let p = RetryPolicy { jitter: f64::NAN, base_delay: Duration::MAX, ..RetryPolicy::default() };
        assert_eq!(p.delay(40, None), p.max_delay);
    }

    #[test]
    fn min_wait_is_honoured_but_capped() {
        let p = RetryPolicy::immediate(3);
        assert_eq!(p.delay(1, Some(Duration::from_millis(5))), Duration::from_millis(5));
        assert_eq!(p.delay(1, Some(Duration::from_secs(60))), p.max_delay);
    }
}
