//! Validating NDJSON on every core while keeping the input order and bounded memory.
//!
//! The calling thread reads lines and writes results (its streams need not be `Send`); worker
//! threads parse and validate chunks of lines. A chunk closes at [`CHUNK_LINES`] lines or
//! [`CHUNK_BYTES`] bytes, whichever comes first, and the chunks between reading and writing
//! hold at most [`IN_FLIGHT_BYTES`] of input (always at least one chunk), so memory depends
//! neither on the length of the stream nor on the size of its lines. Workers hand each result
//! over as soon as it is made; the results of the oldest chunk go straight to the writer and
//! only those of later chunks wait, so the output is the same as a single-threaded run.

use crate::error::{InputError, IoKind};
use crate::input::{parse_line, read_error, Item, Lines};
use shelfcheck_core::{Catalog, Report, ValidateOptions};
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead};
use std::sync::{mpsc, Mutex};

/// A validated listing, or why a line could not be used.
pub type Checked = Result<Report, InputError>;

/// Most lines per chunk: large enough that channel traffic is negligible next to validation,
/// small enough that the first results show up at once.
const CHUNK_LINES: usize = 256;

/// A chunk closes once its lines reach this many bytes: 256 lines just under the 16 MiB
/// listing limit made one 4 GiB chunk.
const CHUNK_BYTES: usize = 1 << 20;

/// Most input bytes read and not yet written, over all chunks (past it the reader waits for
/// the writer). A chunk is sent whatever its size, so one line at the listing limit still
/// goes through.
const IN_FLIGHT_BYTES: usize = 32 << 20;

/// Validates one item and labels the report with its source.
pub fn check(item: Item, catalog: &Catalog, options: &ValidateOptions) -> Checked {
    let listing = item.listing?;
    // A category whose body in a binary snapshot fails its checks has no metadata to judge
    // from: that is a broken snapshot, not an invalid listing.
    if let Err(e) = catalog.check_category(listing.category_id) {
        return Err(InputError::Unreadable {
            source: item.source,
            io_kind: IoKind::Other,
            reason: e.message(options.locale),
        });
    }
    let mut report = catalog.validate(&listing, options);
    report.source = Some(item.source);
    Ok(report)
}

/// What a worker hands back: one result of chunk `seq`, or the end of that chunk.
enum Done {
    One(u64, Checked),
    End(u64),
}

/// Results waiting for their turn, and the writer's place.
struct Writer<'s> {
    sink: &'s mut dyn FnMut(Checked) -> io::Result<()>,
    /// The chunk being written: its results go straight to the sink.
    oldest: u64,
    /// Results of later chunks, and whether each has ended.
    waiting: BTreeMap<u64, (Vec<Checked>, bool)>,
    /// Input bytes of each chunk not yet written, oldest first.
    sizes: VecDeque<usize>,
    in_flight: usize,
}

impl Writer<'_> {
    fn take(&mut self, done: Done) -> io::Result<()> {
        match done {
            Done::One(seq, checked) if seq == self.oldest => (self.sink)(checked)?,
            Done::One(seq, checked) => self.waiting.entry(seq).or_default().0.push(checked),
            Done::End(seq) => self.waiting.entry(seq).or_default().1 = true,
        }
        // Each ended chunk in turn makes the next one the oldest: its waiting results go out.
        while let Some((_, true)) = self.waiting.get(&self.oldest) {
            self.waiting.remove(&self.oldest);
            self.oldest += 1;
            self.in_flight -= self.sizes.pop_front().unwrap_or(0);
            if let Some((results, _)) = self.waiting.get_mut(&self.oldest) {
                for checked in std::mem::take(results) {
                    (self.sink)(checked)?;
                }
            }
        }
        Ok(())
    }
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
    let max_chunks = (jobs * 4) as u64;
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Vec<(usize, Vec<u8>)>)>(jobs * 4);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        for _ in 0..jobs {
            let (rx, tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || loop {
                let job = match rx.lock() {
                    Ok(guard) => guard.recv(),
                    Err(poisoned) => poisoned.into_inner().recv(),
                };
                let Ok((seq, lines)) = job else { break };
                // One line at a time: each line's bytes are dropped once parsed, and each
                // report leaves as soon as it is made.
                for (n, bytes) in lines {
                    let Some(item) = parse_line(name, n, &bytes) else { continue };
                    drop(bytes);
                    if tx.send(Done::One(seq, check(item, catalog, options))).is_err() {
                        return;
                    }
                }
                if tx.send(Done::End(seq)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);

        let mut writer = Writer { sink, oldest: 0, waiting: BTreeMap::new(), sizes: VecDeque::new(), in_flight: 0 };
        let mut lines = Lines::new(reader);
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut chunk_bytes = 0;
        let mut buf = Vec::new();
        let mut sent = 0u64;
        let mut read_failure: Option<Item> = None;
        loop {
            let at_end = match lines.next_into(&mut buf) {
                Some(Ok(n)) => {
                    chunk_bytes += buf.len();
                    chunk.push((n, std::mem::take(&mut buf)));
                    false
                }
                Some(Err((n, e))) => {
                    read_failure = Some(read_error(name, n, &e));
                    true
                }
                None => true,
            };
            if chunk.len() == CHUNK_LINES || chunk_bytes >= CHUNK_BYTES || (at_end && !chunk.is_empty()) {
                if work_tx.send((sent, std::mem::take(&mut chunk))).is_err() {
                    break;
                }
                writer.sizes.push_back(chunk_bytes);
                writer.in_flight += chunk_bytes;
                chunk_bytes = 0;
                sent += 1;
            }
            // Write what is ready; wait while too much is in flight, or at the end until all is.
            while writer.oldest < sent
                && (sent - writer.oldest >= max_chunks || writer.in_flight >= IN_FLIGHT_BYTES || at_end)
            {
                let Ok(done) = done_rx.recv() else { break };
                writer.take(done)?;
            }
            if at_end {
                break;
            }
        }
        drop(work_tx);
        match read_failure {
            Some(item) => (writer.sink)(check(item, catalog, options)),
            None => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shelfcheck_core::Locale;

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

    /// The demo snapshot in the binary form with its last bytes (the last category's body)
    /// damaged and the checksum recomputed, and the id of the category that no longer decodes.
    fn forged() -> (Catalog, i64) {
        // Assumes the demo's last category in snapshot order is a leaf (法律咨询).
        use sha2::Digest;
        let mut bytes = shelfcheck_core::storage::binary::encode(&demo()).unwrap();
        let n = bytes.len();
        bytes[n - 3..].fill(0xff);
        let digest = sha2::Sha256::digest(&bytes[52..]);
        bytes[20..52].copy_from_slice(&digest);
        let catalog = shelfcheck_core::storage::binary::decode(bytes).unwrap();
        let ids: Vec<i64> = catalog.categories().map(|c| c.category.id).collect();
        let broken = ids.into_iter().find(|&id| catalog.check_category(id).is_err()).unwrap();
        (catalog, broken)
    }

    #[test]
    fn a_listing_in_a_category_whose_binary_body_is_broken_is_unusable_not_valid() {
        let (catalog, broken) = forged();
        let line = format!("{{\"category_id\": {broken}}}\n{{\"category_id\": 1}}\n");
        for locale in [Locale::ZhCn, Locale::En] {
            let options = ValidateOptions { locale, ..Default::default() };
            let mut out = Vec::new();
            run("-", &mut line.as_bytes(), &catalog, &options, 2, &mut |c| {
                out.push(c);
                Ok(())
            })
            .unwrap();
            let Err(e) = &out[0] else { panic!("{:?}", out[0]) };
            assert_eq!(e.source(), "-:1");
            let expected = match locale {
                Locale::ZhCn => "无法读取: 二进制快照已损坏: 类目 `法律咨询` (50023000) 的属性数据无法解码",
                Locale::En => "cannot be read: binary snapshot is corrupt: the properties of category `法律咨询` (50023000) cannot be decoded",
            };
            assert_eq!(e.message(locale), expected);
            assert!(out[1].as_ref().is_ok_and(|r| !r.valid));
        }
    }

    #[test]
    fn an_ndjson_line_holding_an_array_is_not_a_listing() {
        let catalog = demo();
        let text = "[50010850, \"纯棉T恤\"]\n{\"category_id\": 50010850}\n";
        let mut out = Vec::new();
        run("-", &mut text.as_bytes(), &catalog, &ValidateOptions::default(), 2, &mut |c| {
            out.push(c);
            Ok(())
        })
        .unwrap();
        let Err(e) = &out[0] else { panic!("{:?}", out[0]) };
        assert_eq!(e.kind(), "malformed");
        assert!(e.message(Locale::En).contains("invalid type: sequence, expected a listing object"), "{e:?}");
        assert!(out[1].is_ok());
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
