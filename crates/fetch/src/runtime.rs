//! Running the async fetchers from synchronous code (the CLI).

use std::future::Future;

/// Runs `future` to completion on a fresh single-threaded runtime.
///
/// The fetchers are async so that one process can keep several calls in flight under the rate
/// limiter; a command-line tool has nothing else to do meanwhile, so one thread suffices.
pub fn block_on<F: Future>(future: F) -> std::io::Result<F::Output> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    Ok(rt.block_on(future))
}
