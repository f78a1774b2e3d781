//! Reading a whole input (a listing file, a snapshot) with a size limit, and the byte order
//! mark some editors put before UTF-8 text.
//!
//! The limit is applied while reading, not from the file's metadata alone: pipes, `<(...)`
//! and character devices such as `/dev/zero` report a length of 0 and could otherwise grow
//! the buffer until allocation fails. At most `limit + 1` bytes are ever read.

use crate::error::InputError;
use shelfcheck_core::input::limits::LimitError;
use std::io::{self, Read};
use std::path::Path;

/// A whole input, or how much of it was seen before the limit stopped the read.
#[derive(Debug, PartialEq, Eq)]
pub enum Bounded {
    Whole(Vec<u8>),
    /// Over the limit: the file's length when it is known (a regular file, refused before
    /// reading), else `limit + 1`, the bytes read before stopping.
    Over(usize),
}

/// Reads `path` whole if it holds at most `limit` bytes. A folder is an error of its own
/// (`IsADirectory`), so that it is not reported as a read failure.
pub fn read_file(path: &Path, limit: usize) -> io::Result<Bounded> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    let known = meta.is_file().then(|| usize::try_from(meta.len()).unwrap_or(usize::MAX));
    read_stream(file, limit, known)
}

/// Reads `reader` whole if it gives at most `limit` bytes. `known_len` (a regular file's
/// length) refuses an over-long input without reading it and sizes the buffer once.
pub fn read_stream(reader: impl Read, limit: usize, known_len: Option<usize>) -> io::Result<Bounded> {
    if let Some(len) = known_len.filter(|&len| len > limit) {
        return Ok(Bounded::Over(len));
    }
    let mut buf = Vec::new();
    // A regular file may still grow while it is read; the `take` below is what bounds it.
    buf.try_reserve_exact(known_len.unwrap_or(0).saturating_add(1)).map_err(io::Error::other)?;
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut buf)?;
    Ok(if buf.len() > limit { Bounded::Over(buf.len()) } else { Bounded::Whole(buf) })
}

/// Reads `path` (shown as `source`) whole, or says why not: unreadable, a folder, or over
/// `max` bytes (`limit` names the [`shelfcheck_core::input::limits::InputLimits`] field).
pub fn read_input(path: &Path, source: &str, limit: &'static str, max: usize) -> Result<Vec<u8>, InputError> {
    match read_file(path, max) {
        Ok(Bounded::Whole(bytes)) => Ok(bytes),
        Ok(Bounded::Over(found)) => {
            let error = LimitError { limit, pointer: String::new(), found, max };
            Err(InputError::OverLimit { source: source.to_owned(), error })
        }
        Err(e) => Err(InputError::io(source, &e)),
    }
}

/// The UTF-8 byte order mark, which Windows editors write at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// `bytes` without a leading byte order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Removes a leading byte order mark from `bytes`, in place.
pub fn drop_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
}

/// `bytes` as UTF-8 text without a leading byte order mark, keeping the buffer.
pub fn into_text(mut bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    drop_bom(&mut bytes);
    String::from_utf8(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_of_unknown_length_is_cut_one_byte_past_the_limit() {
        let endless = io::repeat(0);
        assert_eq!(read_stream(endless, 1000, None).unwrap(), Bounded::Over(1001));
        assert_eq!(read_stream(&b"12345"[..], 5, None).unwrap(), Bounded::Whole(b"12345".to_vec()));
        assert_eq!(read_stream(&b"123456"[..], 5, None).unwrap(), Bounded::Over(6));
    }

    #[test]
    fn a_known_length_over_the_limit_is_refused_without_reading() {
        // The reader would fail if it were read at all.
        struct Untouchable;
        impl Read for Untouchable {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("read"))
            }
        }
        assert_eq!(read_stream(Untouchable, 10, Some(11)).unwrap(), Bounded::Over(11));
    }

    #[test]
    fn folders_are_told_apart_from_read_failures() {
        let dir = std::env::temp_dir();
        assert_eq!(read_file(&dir, 10).unwrap_err().kind(), io::ErrorKind::IsADirectory);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_once() {
        assert_eq!(strip_bom(b"\xef\xbb\xbf{}"), b"{}");
        assert_eq!(strip_bom(b"{}"), b"{}");
        assert_eq!(into_text(b"\xef\xbb\xbf\xef\xbb\xbfx".to_vec()).unwrap(), "\u{feff}x");
    }
}
