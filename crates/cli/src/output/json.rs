//! NDJSON output: one report per listing per line, in input order, for machines.
//!
//! An input that could not be used gets a line too (`valid: false` and an `error` object),
//! so a consumer can account for every source. The summary goes to standard error to keep
//! standard output pure NDJSON.

use super::Reporter;
use crate::error::InputError;
use crate::text::Summary;
use serde::Serialize;
use shelfcheck_core::{Locale, Report};
use std::io::{self, Write};

pub struct Json<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    locale: Locale,
}

impl<'a> Json<'a> {
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, locale: Locale) -> Self {
        Json { out, err, locale }
    }
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    source: &'a str,
    valid: bool,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    #[serde(flatten)]
    error: &'a InputError,
    message: String,
}

fn write_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

impl Reporter for Json<'_> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        write_line(self.out, report)
    }

    fn input_error(&mut self, error: &InputError) -> io::Result<()> {
        let line = ErrorLine {
            source: error.source(),
            valid: false,
            error: ErrorBody { error, message: error.message(self.locale) },
        };
        write_line(self.out, &line)
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.flush()?;
        writeln!(self.err, "{}", summary.line(self.locale))
    }
}
