//! Validating NDJSON on every core while keeping the input order and flat memory.
//!
//! The calling thread reads lines and writes results (its streams need not be `Send`); worker
//! threads parse and validate chunks of lines. At most a fixed number of chunks is between
//! reading and writing at any time, so memory does not grow with the length of the stream,
//! and chunks are written back in the order they were read, so the output is the same as a
//! single-threaded run.

use crate::error::InputError;
use crate::input::{parse_line, read_error, Item, Lines};
use shelfcheck_core::{Catalog, Report, ValidateOptions};
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::sync::{mpsc, Mutex};

/// A validated listing, or why a line could not be used.
pub type Checked = Result<Report, InputError>;

/// Lines per chunk: large enough that channel traffic is negligible next to validation,
/// small enough that the first results show up at once.
const CHUNK: usize = 256;

/// Validates one item and labels the report with its source.
pub fn check(item: Item, catalog: &Catalog, options: &ValidateOptions) -> Checked {
    let listing = item.listing?;
    let mut report = catalog.validate(&listing, options);
    report.source = Some(item.source);
    Ok(report)
}

/// Validates every line of `reader` (named `name` in sources) with `jobs` worker threads,
/// handing results to `sink` in input order. Stops early when `sink` fails.
pub fn run(
    name: &str,
    reader: &mut dyn BufRead,
    catalog: &Catalog,
    options: &ValidateOptions,
    jobs: usize,
    sink: &mut dyn FnMut(Checked) -> io::Result<()>,
) -> io::Result<()> {
    let jobs = jobs.max(1);
    let max_in_flight = (jobs * 4) as u64;
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Vec<(usize, Vec<u8>)>)>(jobs * 4);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Checked>)>();
        for _ in 0..jobs {
            let (rx, tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = match rx.lock() {
                    Ok(guard) => guard.recv(),
                    Err(poisoned) => poisoned.into_inner().recv(),
                };
                let Ok((seq, lines)) = job else { break };
                let out: Vec<Checked> = lines
                    .into_iter()
                    .filter_map(|(n, bytes)| parse_line(name, n, &bytes))
                    .map(|item| check(item, catalog, options))
                    .collect();
                if tx.send((seq, out)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);

        let mut lines = Lines::new(reader);
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK);
        let mut buf = Vec::new();
        let mut pending: BTreeMap<u64, Vec<Checked>> = BTreeMap::new();
        let (mut sent, mut written) = (0u64, 0u64);
        let mut read_failure: Option<Item> = None;
        loop {
            let at_end = match lines.next_into(&mut buf) {
                Some(Ok(n)) => {
                    chunk.push((n, std::mem::take(&mut buf)));
                    false
                }
                Some(Err((n, e))) => {
                    read_failure = Some(read_error(name, n, &e));
                    true
                }
                None => true,
            };
            if chunk.len() == CHUNK || (at_end && !chunk.is_empty()) {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if work_tx.send((sent, full)).is_err() {
                    break;
                }
                sent += 1;
            }
            // Write what is ready; wait while too much is in flight, or at the end until all is.
            while sent - written >= max_in_flight || (at_end && written < sent) {
                let Ok((seq, out)) = done_rx.recv() else { break };
                pending.insert(seq, out);
                while let Some(out) = pending.remove(&written) {
                    written += 1;
                    for checked in out {
                        sink(checked)?;
                    }
                }
            }
            if at_end {
                break;
            }
        }
        drop(work_tx);
        match read_failure {
            Some(item) => sink(check(item, catalog, options)),
            None => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Catalog {
        Catalog::compile(serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()).unwrap()
    }

    #[test]
    fn parallel_output_matches_the_input_order() {
        let catalog = demo();
        let mut text = String::new();
        for i in 0..2000 {
            match i % 7 {
                0 => text.push_str("{\"category_id\": 50010850,\n"),
                1 => text.push('\n'),
                _ => text.push_str(&format!("{{\"category_id\": {}}}\n", 50010850 + (i % 3))),
            }
        }
        let collect = |jobs: usize| {
            let mut out = Vec::new();
            run("-", &mut text.as_bytes(), &catalog, &ValidateOptions::default(), jobs, &mut |c| {
                out.push(match c {
                    Ok(r) => format!("{} {}", r.source.unwrap_or_default(), r.errors),
                    Err(e) => e.location(),
                });
                Ok(())
            })
            .unwrap();
            out
        };
        let one = collect(1);
        assert_eq!(one.len(), 2000 - 286);
        assert_eq!(collect(3), one);
        assert_eq!(one[0], "-:1:26");
        assert!(one[1].starts_with("-:3 "), "{}", one[1]);
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let catalog = demo();
        let text = "{\"category_id\": 1}\n".repeat(5000);
        let mut seen = 0;
        let r = run("-", &mut text.as_bytes(), &catalog, &ValidateOptions::default(), 2, &mut |_| {
            seen += 1;
            if seen == 10 {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            } else {
                Ok(())
            }
        });
        assert!(r.is_err());
        assert_eq!(seen, 10);
    }
}
