//! `shelfcheck validate`: every listing of every input, reported as it is read.

use super::load_catalog;
use crate::args::{SeverityArg, ValidateArgs};
use crate::batch::{self, Checked};
use crate::input::{self, Input};
use crate::output::{self, Reporter};
use crate::text::Summary;
use crate::{Env, Outcome};
use shelfcheck_core::{Severity, ValidateOptions};
use std::io::{self, BufRead, BufReader};

/// The worker threads for `--jobs N` (0: every core).
fn jobs(requested: usize) -> usize {
    match requested {
        0 => std::thread::available_parallelism().map(usize::from).unwrap_or(1),
        n => n,
    }
}

/// Counts one result and hands it to the reporter.
fn record(checked: Checked, summary: &mut Summary, reporter: &mut dyn Reporter) -> io::Result<()> {
    match checked {
        Ok(report) => {
            summary.listings += 1;
            if report.valid {
                summary.valid += 1;
            } else {
                summary.invalid += 1;
            }
            summary.errors += report.errors;
            summary.warnings += report.warnings;
            reporter.report(&report)
        }
        Err(e) => {
            summary.unusable += 1;
            reporter.input_error(&e)
        }
    }
}

pub fn run(args: &ValidateArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let catalog = match load_catalog(args.snapshot.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            e.write(env)?;
            return Ok(Outcome::Unusable);
        }
    };
    let options = ValidateOptions {
        locale: env.locale,
        missing_combinations: match args.missing_combinations {
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        },
        seller_scope: !args.no_seller_scope,
        ..ValidateOptions::default()
    };
    let jobs = jobs(args.jobs);
    let mut summary = Summary::default();
    let mut reporter = output::reporter(args.format, env.locale, env.color, &mut *env.out, &mut *env.err);
    let stdin = &mut *env.stdin;
    let mut stdin_used = false;
    for found in input::discover(&args.paths) {
        let input = match found {
            Ok(i) => i,
            Err(e) => {
                record(Err(e), &mut summary, reporter.as_mut())?;
                continue;
            }
        };
        let mut sink = |c: Checked| record(c, &mut summary, reporter.as_mut());
        match &input {
            // Standard input can be read once; `- -` would silently validate nothing the second time.
            Input::Stdin if stdin_used => {}
            Input::Stdin if jobs > 1 => {
                stdin_used = true;
                batch::run("-", stdin, &catalog, &options, jobs, &mut sink)?;
            }
            Input::Ndjson(path) if jobs > 1 => {
                let name = input::display(path);
                match std::fs::File::open(path) {
                    Err(e) => sink(Err(crate::error::InputError::io(name, &e)))?,
                    Ok(f) => {
                        let mut reader: Box<dyn BufRead> = Box::new(BufReader::new(f));
                        batch::run(&name, reader.as_mut(), &catalog, &options, jobs, &mut sink)?;
                    }
                }
            }
            _ => {
                stdin_used |= input == Input::Stdin;
                input::read(&input, stdin, &mut |item| sink(batch::check(item, &catalog, &options)))?;
            }
        }
    }
    reporter.finish(&summary)?;
    Ok(if summary.unusable > 0 {
        Outcome::Unusable
    } else if summary.invalid > 0 {
        Outcome::Invalid
    } else {
        Outcome::Valid
    })
}
