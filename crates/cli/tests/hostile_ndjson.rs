//! Peak memory of a parallel NDJSON run over lines just under the 16 MiB listing limit.
//!
//! Alone in its file, so that the process's peak resident set (`VmHWM`, Linux) is this run's.
//! The input is generated as it is read, so the test itself holds none of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use shelfcheck_cli::batch;
use shelfcheck_core::{Catalog, ValidateOptions};
use std::io::{self, BufReader, Read};

/// Peak resident memory of this process in KiB (Linux only).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `lines` NDJSON lines of `len` bytes each: a listing whose title is padded with spaces
/// inside the object (cheap to parse, so the test measures holding lines, not parsing).
struct Lines {
    lines: usize,
    len: usize,
    /// Position in the current line.
    at: usize,
}

const HEAD: &[u8] = b"{\"category_id\": 50010850, \"title\": \"t\"";
const TAIL: &[u8] = b"}\n";

impl Read for Lines {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < out.len() && self.lines > 0 {
            let byte = if self.at < HEAD.len() {
                HEAD[self.at]
            } else if self.at >= self.len - TAIL.len() {
                TAIL[self.at - (self.len - TAIL.len())]
            } else {
                b' '
            };
            out[n] = byte;
            n += 1;
            self.at += 1;
            if self.at == self.len {
                self.at = 0;
                self.lines -= 1;
            }
        }
        Ok(n)
    }
}

#[test]
fn lines_near_the_listing_limit_with_two_jobs_keep_memory_bounded() {
    let catalog = Catalog::compile(serde_json::from_str(shelfcheck_core::demo::SNAPSHOT_JSON).unwrap()).unwrap();
    let (lines, len) = (40, (16 << 20) - 64);
    let mut reader = BufReader::with_capacity(64 << 10, Lines { lines, len, at: 0 });
    let before = peak_kib();
    let mut seen = 0;
    let mut issues = 0;
    batch::run("big.ndjson", &mut reader, &catalog, &ValidateOptions::default(), 2, &mut |checked| {
        let report = checked.unwrap();
        seen += 1;
        issues += report.issues.len();
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, lines);
    // Each listing lacks its required properties: every line was validated, not skipped.
    assert!(issues >= lines);
    if let (Some(b), Some(a)) = (before, peak_kib()) {
        let grew = a.saturating_sub(b);
        eprintln!("peak grew by {} MiB over {} MiB of input", grew >> 10, (lines * len) >> 20);
        // 640 MiB of input; chunks sized by lines alone held all of it at once.
        assert!(grew < 160 << 10, "peak grew by {} MiB", grew >> 10);
    }
}
