//! Requests-per-second and concurrency limits for one platform.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Limits for one platform; each platform client owns its own limiter so a slow platform
/// does not throttle the others.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimit {
    /// Requests started per second (spaced evenly); `None` = unlimited.
    pub requests_per_second: Option<f64>,
    /// Requests in flight at once (at least 1).
    pub max_concurrency: usize,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { requests_per_second: Some(5.0), max_concurrency: 4 }
    }
}

impl RateLimit {
    pub fn unlimited() -> Self {
        Self { requests_per_second: None, max_concurrency: 64 }
    }
}

/// Shared by every call of one platform client.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    interval: Option<Duration>,
    max_concurrency: usize,
    slots: Arc<Semaphore>,
    next_start: Arc<Mutex<Instant>>,
}

/// Held while a request is in flight; dropping it frees the concurrency slot.
#[derive(Debug)]
pub struct Permit {
    _slot: Option<OwnedSemaphorePermit>,
}

impl RateLimiter {
    /// Absurd limits (from a library caller; the CLI refuses them) are clamped, never a panic:
    /// a rate so low that its interval cannot be represented starts one request a day, and a
    /// concurrency above what a semaphore can count is that maximum.
    pub fn new(limit: &RateLimit) -> Self {
        const LONGEST_INTERVAL: Duration = Duration::from_secs(86_400);
        let interval = limit
            .requests_per_second
            .filter(|r| r.is_finite() && *r > 0.0)
            .map(|r| Duration::try_from_secs_f64(1.0 / r).unwrap_or(LONGEST_INTERVAL).min(LONGEST_INTERVAL));
        let slots = limit.max_concurrency.clamp(1, Semaphore::MAX_PERMITS);
        Self {
            interval,
            max_concurrency: slots,
            slots: Arc::new(Semaphore::new(slots)),
            next_start: Arc::new(Mutex::new(Instant::now())),
        }
    }

    pub fn max_concurrency(&self) -> usize {
        self.max_concurrency
    }

    /// Waits for a concurrency slot, then for the next start time.
    pub async fn acquire(&self) -> Permit {
        // The semaphore is never closed, so acquisition cannot fail; a closed one would mean
        // no limit, which is the safe degradation.
        let slot = Arc::clone(&self.slots).acquire_owned().await.ok();
        if let Some(interval) = self.interval {
            let start = {
                let mut next = self.next_start.lock().await;
                let now = Instant::now();
                let start = (*next).max(now);
                *next = start + interval;
                start
            };
            tokio::time::sleep_until(start).await;
        }
        Permit { _slot: slot }
    }

    /// Pushes every later start back by `pause`: after a rate-limit answer the whole platform
    /// should slow down, not only the request that was refused.
    pub async fn pause(&self, pause: Duration) {
        let mut next = self.next_start.lock().await;
        // A pause too long to represent (an absurd `max_delay`) is capped at a day.
        let now = Instant::now();
        let until = now.checked_add(pause).unwrap_or(now + Duration::from_secs(86_400));
        if *next < until {
            *next = until;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_requests() {
        let l = RateLimiter::new(&RateLimit { requests_per_second: Some(10.0), max_concurrency: 10 });
        let t0 = Instant::now();
        for _ in 0..5 {
            drop(l.acquire().await);
        }
        // Five starts at 10/s: the fifth begins 400 ms after the first.
        assert!(Instant::now() - t0 >= Duration::from_millis(400));
    }

    #[test]
    fn absurd_limits_are_clamped_not_a_panic() {
        for rps in [1e-300, f64::MIN_POSITIVE, 1e-9] {
            let l = RateLimiter::new(&RateLimit { requests_per_second: Some(rps), max_concurrency: usize::MAX });
            assert_eq!(l.interval, Some(Duration::from_secs(86_400)), "{rps}");
            assert_eq!(l.max_concurrency(), Semaphore::MAX_PERMITS);
        }
        let l = RateLimiter::new(&RateLimit { requests_per_second: Some(1e300), max_concurrency: 0 });
        assert_eq!((l.interval, l.max_concurrency()), (Some(Duration::ZERO), 1));
    }

    #[tokio::test]
    async fn bounds_concurrency() {
        let l = RateLimiter::new(&RateLimit { requests_per_second: None, max_concurrency: 2 });
        let a = l.acquire().await;
        let _b = l.acquire().await;
        let third = tokio::time::timeout(Duration::from_millis(20), l.acquire()).await;
        assert!(third.is_err(), "third permit must wait");
        drop(a);
        let third = tokio::time::timeout(Duration::from_millis(200), l.acquire()).await;
        assert!(third.is_ok());
    }
}
