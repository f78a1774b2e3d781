//! Validation output: one reporter per `--format`, fed one report at a time.

pub mod human;
pub mod json;
pub mod junit;

use crate::args::Format;
use crate::error::InputError;
use crate::text::Summary;
use shelfcheck_core::{Locale, Report};
use std::io::{self, Write};

/// Receives the outcome of each listing as soon as it is known.
pub trait Reporter {
    /// A listing was validated (its `source` is set).
    fn report(&mut self, report: &Report) -> io::Result<()>;
    /// An input could not be used.
    fn input_error(&mut self, error: &InputError) -> io::Result<()>;
    /// Everything has been read.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The reporter of a format, writing reports to `out` and diagnostics to `err`.
pub fn reporter<'a>(
    format: Format,
    locale: Locale,
    color: bool,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Human => Box::new(human::Human::new(out, err, locale, color)),
        Format::Json => Box::new(json::Json::new(out, err, locale)),
        Format::Junit => Box::new(junit::Junit::new(out, err, locale)),
    }
}
