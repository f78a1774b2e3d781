//! One task per item, with a bounded number of tasks alive at once.

use std::future::Future;

use tokio::task::{JoinError, JoinSet};

/// Runs `work(item)` for every item as a task, at most `limit` tasks at a time, and hands each
/// result to `done` as it completes. The first `Err` from `done` ends the run; dropping the
/// task set aborts the tasks still running.
///
/// Tasks are spawned as earlier ones finish, never all up front: a task costs kilobytes, so a
/// gateway listing 300,000 leaves would otherwise cost a gigabyte before the first request. The
/// rate limiter already decides how many calls run at once, so `limit` only needs to keep it
/// busy.
pub async fn for_each_bounded<I, W, Fut, T, D, E>(items: I, limit: usize, work: W, mut done: D) -> Result<(), E>
where
    I: IntoIterator,
    W: Fn(I::Item) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    D: FnMut(Result<T, JoinError>) -> Result<(), E>,
{
    let mut items = items.into_iter();
    let mut tasks = JoinSet::new();
    let limit = limit.max(1);
    loop {
        while tasks.len() < limit {
            let Some(item) = items.next() else { break };
            tasks.spawn(work(item));
        }
        match tasks.join_next().await {
            Some(joined) => done(joined)?,
            None => return Ok(()),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn never_more_than_the_limit_alive_and_every_item_done() {
        let alive = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut seen = Vec::new();
        let work = |i: u32| {
            let (alive, peak) = (alive.clone(), peak.clone());
            // Counted when the task is created, so a queue spawning everything up front shows.
            let now = alive.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            async move {
                tokio::task::yield_now().await;
                alive.fetch_sub(1, Ordering::SeqCst);
                i
            }
        };
        let r: Result<(), ()> = for_each_bounded(0..1000u32, 3, work, |j| {
            seen.push(j.unwrap());
            Ok(())
        })
        .await;
        assert!(r.is_ok());
        seen.sort_unstable();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        assert_eq!(peak.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn the_first_error_stops_the_run() {
        let started = AtomicUsize::new(0);
        let r = for_each_bounded(
            0..100u32,
            2,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                async move { i }
            },
            |j| if j.unwrap() == 5 { Err(5) } else { Ok(()) },
        )
        .await;
        assert_eq!(r, Err(5));
        assert!(started.load(Ordering::SeqCst) < 10);
    }
}
