//! Finding listings on disk and reading them one at a time.
//!
//! Listings are handed to a callback as they are read, never collected, so validating a large
//! NDJSON stream keeps memory flat in the number of listings.

use crate::error::InputError;
use crate::json;
use crate::read;
use shelfcheck_core::input::limits::InputLimits;
use shelfcheck_core::Listing;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One place listings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// NDJSON on standard input (`-`).
    Stdin,
    /// A file holding one listing.
    Json(PathBuf),
    /// A file holding one listing per line.
    Ndjson(PathBuf),
}

/// One listing as read, or why it could not be.
#[derive(Debug)]
pub struct Item {
    /// File path, `path:line` for NDJSON, `-:line` for standard input.
    pub source: String,
    pub listing: Result<Listing, InputError>,
}

/// Whether a file name is a one-listing-per-line file.
fn is_ndjson(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("ndjson" | "jsonl"))
}

fn is_listing_file(path: &Path) -> bool {
    is_ndjson(path) || path.extension().and_then(|e| e.to_str()) == Some("json")
}

/// Turns command-line paths into inputs, in a deterministic order: arguments as given, folder
/// contents walked recursively with each folder's entries sorted by name. A file named
/// explicitly is read whatever its extension; inside folders only `*.json`, `*.ndjson` and
/// `*.jsonl` count, and hidden entries (`.git`) are skipped.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        match fs::metadata(path) {
            Err(e) => out.push(Err(InputError::io(display(path), &e))),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(path, &mut out);
                if out.len() == before {
                    out.push(Err(InputError::NoListings { source: display(path) }));
                }
            }
            Ok(_) if is_ndjson(path) => out.push(Ok(Input::Ndjson(path.clone()))),
            Ok(_) => out.push(Ok(Input::Json(path.clone()))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<Input, InputError>>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(e) => e,
        Err(e) => {
            out.push(Err(InputError::io(display(dir), &e)));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Symbolic links to folders are not followed, so a link cycle cannot trap the walk;
        // links to files are read like files.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out);
        } else if is_listing_file(&path) && (ft.is_file() || path.is_file()) {
            out.push(Ok(if is_ndjson(&path) { Input::Ndjson(path) } else { Input::Json(path) }));
        } else if is_listing_file(&path) && ft.is_symlink() && !path.exists() {
            // A listing the user meant to check is missing: skipping it silently would let
            // the run pass without it.
            let target = fs::read_link(&path).map(|t| display(&t)).unwrap_or_default();
            out.push(Err(InputError::DanglingLink { source: display(&path), target }));
        }
    }
}

/// A path as shown to users.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads every listing of `input`, calling `each` as soon as one is parsed. Stops early only
/// when `each` fails (output closed); bad input becomes an [`Item`] with an error.
pub fn read(input: &Input, stdin: &mut dyn BufRead, each: &mut dyn FnMut(Item) -> io::Result<()>) -> io::Result<()> {
    match input {
        Input::Stdin => read_lines("-", stdin, each),
        Input::Json(path) => {
            let source = display(path);
            let limits = InputLimits::default();
            // A regular file over the limit is refused before reading; a pipe or device is
            // read one byte past it at most.
            let read = read::read_input(path, &source, "listing_bytes", limits.listing_bytes);
            let listing = match read {
                Err(e) => Err(e),
                Ok(bytes) => match read::into_text(bytes) {
                    Err(e) => Err(InputError::NotUtf8 { source: source.clone(), line: Some(line_of(&e)) }),
                    // A list of listings is a common first attempt; say what to do instead of
                    // "invalid type: sequence".
                    Ok(text) if text.trim_start().starts_with('[') => {
                        Err(InputError::ListInJsonFile { source: source.clone() })
                    }
                    Ok(text) => json::parse_listing(&text, &source, 0).and_then(|l| within(&source, l)),
                },
            };
            each(Item { source, listing })
        }
        Input::Ndjson(path) => {
            let source = display(path);
            match fs::File::open(path) {
                Err(e) => each(Item { listing: Err(InputError::io(source.clone(), &e)), source }),
                Ok(f) => read_lines(&source, &mut BufReader::new(f), each),
            }
        }
    }
}

/// The 1-based line of the first invalid UTF-8 byte.
fn line_of(e: &std::string::FromUtf8Error) -> usize {
    let valid = e.utf8_error().valid_up_to();
    1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count()
}

/// Reads raw lines, numbering them from 1.
pub struct Lines<'a> {
    reader: &'a mut dyn BufRead,
    line_no: usize,
}

impl<'a> Lines<'a> {
    pub fn new(reader: &'a mut dyn BufRead) -> Self {
        Lines { reader, line_no: 0 }
    }

    /// The next line (with its ending) into `buf` and its number; `None` at the end. A read
    /// error ends the input: the line it happened on is reported and nothing after it.
    ///
    /// A line longer than the listing size limit is cut at one byte past the limit (which
    /// `parse_line` then reports) and the rest of it is skipped without being kept, so a
    /// newline-free stream cannot exhaust memory.
    pub fn next_into(&mut self, buf: &mut Vec<u8>) -> Option<Result<usize, (usize, io::Error)>> {
        buf.clear();
        let max = InputLimits::default().listing_bytes as u64 + 1;
        loop {
            match Read::take(&mut *self.reader, max).read_until(b'\n', buf) {
                Ok(0) => return None,
                Ok(_) => {
                    self.line_no += 1;
                    if buf.last() != Some(&b'\n') && buf.len() as u64 >= max {
                        if let Err(e) = skip_line(self.reader) {
                            return Some(Err((self.line_no, e)));
                        }
                    } else if self.line_no == 1 {
                        // Editors on Windows start a file with a byte order mark; it is not
                        // JSON. Kept on a line cut at the limit, which is reported by length.
                        read::drop_bom(buf);
                    }
                    return Some(Ok(self.line_no));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err((self.line_no + 1, e))),
            }
        }
    }
}

/// Discards the rest of the current line.
fn skip_line(reader: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

/// Applies the count and string limits to a parsed listing.
fn within(source: &str, listing: Listing) -> Result<Listing, InputError> {
    match InputLimits::default().check_listing(&listing) {
        Ok(()) => Ok(listing),
        Err(error) => Err(InputError::OverLimit { source: source.to_owned(), error }),
    }
}

/// Parses line `line_no` of input `name`; `None` for a blank line.
pub fn parse_line(name: &str, line_no: usize, bytes: &[u8]) -> Option<Item> {
    let source = format!("{name}:{line_no}");
    if let Err(error) = InputLimits::default().check_listing_bytes(bytes.len()) {
        return Some(Item { listing: Err(InputError::OverLimit { source: source.clone(), error }), source });
    }
    let listing = match std::str::from_utf8(bytes) {
        Err(_) => Err(InputError::NotUtf8 { source: source.clone(), line: Some(line_no) }),
        Ok(text) if text.trim().is_empty() => return None,
        // Without its line ending, so an unfinished line is reported on its own line.
        Ok(text) => json::parse_listing(text.trim_end_matches(['\n', '\r']), &source, line_no - 1)
            .and_then(|l| within(&source, l)),
    };
    Some(Item { source, listing })
}

/// The item reporting a read error on line `line_no`.
pub fn read_error(name: &str, line_no: usize, e: &io::Error) -> Item {
    let source = format!("{name}:{line_no}");
    Item { listing: Err(InputError::io(source.clone(), e)), source }
}

/// One listing per non-blank line, one line in memory at a time.
fn read_lines(name: &str, reader: &mut dyn BufRead, each: &mut dyn FnMut(Item) -> io::Result<()>) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut lines = Lines::new(reader);
    while let Some(next) = lines.next_into(&mut buf) {
        match next {
            Ok(line_no) => {
                if let Some(item) = parse_line(name, line_no, &buf) {
                    each(item)?;
                }
            }
            Err((line_no, e)) => return each(read_error(name, line_no, &e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &Input, stdin: &str) -> Vec<Item> {
        let mut items = Vec::new();
        read(input, &mut stdin.as_bytes(), &mut |i| {
            items.push(i);
            Ok(())
        })
        .unwrap();
        items
    }

    #[test]
    fn an_over_long_line_is_refused_without_losing_the_next_one() {
        let huge =
            format!("{{\"category_id\": 1, \"title\": \"{}\"}}", "x".repeat(InputLimits::default().listing_bytes));
        let items = collect(&Input::Stdin, &format!("{huge}\n{{\"category_id\": 2}}\n"));
        assert_eq!(items.len(), 2);
        let Err(InputError::OverLimit { error, source }) = &items[0].listing else { panic!("over limit expected") };
        assert_eq!((error.limit, source.as_str()), ("listing_bytes", "-:1"));
        assert_eq!(items[1].listing.as_ref().map(|l| l.category_id).ok(), Some(2));
    }

    #[test]
    fn a_byte_order_mark_opens_only_the_first_line_and_never_hides_an_over_long_one() {
        let items = collect(&Input::Stdin, "\u{feff}{\"category_id\": 1}\n\u{feff}{\"category_id\": 2}\n");
        assert_eq!(items[0].listing.as_ref().map(|l| l.category_id).ok(), Some(1));
        assert!(matches!(items[1].listing, Err(InputError::Malformed { line: 2, .. })));
        // Cut at the limit with its mark: still reported by length, and the next line kept.
        let max = InputLimits::default().listing_bytes;
        let long = format!("\u{feff}{{\"title\": \"{}\"}}", "x".repeat(max - 12));
        let items = collect(&Input::Stdin, &format!("{long}\n{{\"category_id\": 3}}\n"));
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0].listing, Err(InputError::OverLimit { .. })), "{:?}", items[0].listing);
        assert_eq!(items[1].listing.as_ref().map(|l| l.category_id).ok(), Some(3));
    }

    #[test]
    fn count_limits_apply_after_parsing() {
        let skus = vec!["{}"; InputLimits::default().skus + 1].join(",");
        let items = collect(&Input::Stdin, &format!("{{\"category_id\": 1, \"skus\": [{skus}]}}\n"));
        let Err(InputError::OverLimit { error, .. }) = &items[0].listing else { panic!("over limit expected") };
        assert_eq!((error.limit, error.pointer.as_str()), ("skus", "/skus"));
        assert!(items[0].listing.as_ref().unwrap_err().message(shelfcheck_core::Locale::ZhCn).contains("上限"));
    }

    #[test]
    fn stdin_lines_are_numbered_and_blank_lines_skipped() {
        let items = collect(&Input::Stdin, "{\"category_id\": 1}\n\n{\"category_id\": \n{\"category_id\": 3}");
        let sources: Vec<&str> = items.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["-:1", "-:3", "-:4"]);
        assert!(items[0].listing.is_ok());
        let Err(InputError::Malformed { line, .. }) = &items[1].listing else { panic!("malformed expected") };
        assert_eq!(*line, 3);
        assert_eq!(items[2].listing.as_ref().map(|l| l.category_id).ok(), Some(3));
    }

    #[test]
    fn invalid_utf8_lines_are_reported_not_fatal() {
        let mut items = Vec::new();
        let data: &[u8] = b"\xff\xfe\n{\"category_id\": 2}\n";
        read(&Input::Stdin, &mut &data[..], &mut |i| {
            items.push(i);
            Ok(())
        })
        .unwrap();
        assert!(matches!(items[0].listing, Err(InputError::NotUtf8 { .. })));
        assert!(items[1].listing.is_ok());
    }

    #[test]
    fn an_array_in_a_json_file_is_explained() {
        let path = std::env::temp_dir().join(format!("shelfcheck-array-{}.json", std::process::id()));
        fs::write(&path, " [{\"category_id\": 1}]").unwrap();
        let items = collect(&Input::Json(path.clone()), "");
        fs::remove_file(&path).unwrap();
        assert!(matches!(items[0].listing, Err(InputError::ListInJsonFile { .. })));
    }

    #[test]
    fn missing_paths_are_errors_in_place() {
        let found = discover(&[PathBuf::from("-"), PathBuf::from("/definitely/not/here.json")]);
        assert_eq!(found[0], Ok(Input::Stdin));
        assert!(
            matches!(&found[1], Err(InputError::Unreadable { source, .. }) if source == "/definitely/not/here.json")
        );
    }
}
