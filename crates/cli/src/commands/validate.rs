//! `shelfcheck validate`: every listing of every input, reported as it is read.

use super::load_catalog;
use crate::args::ValidateArgs;
use crate::batch::{self, Checked};
use crate::error::InputError;
use crate::input::{self, Input};
use crate::output::{self, Reporter};
use crate::text::Summary;
use crate::{Env, Outcome};
use shelfcheck_core::ValidateOptions;
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
        missing_combinations: args.missing_combinations.into(),
        seller_scope: !args.no_seller_scope,
        incomplete_metadata: args.incomplete_metadata.into(),
        max_issues: args.max_issues as usize,
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
        // Listings and unusable lines read from this input; a stream or NDJSON file that
        // gives neither validated nothing, which must not pass (an empty folder does not).
        let mut seen = 0usize;
        let mut sink = |c: Checked| {
            seen += 1;
            record(c, &mut summary, reporter.as_mut())
        };
        let streamed = match &input {
            // Standard input can be read once; `- -` would silently validate nothing the second time.
            Input::Stdin if stdin_used => false,
            Input::Stdin if jobs > 1 => {
                stdin_used = true;
                batch::run("-", stdin, &catalog, &options, jobs, &mut sink)?;
                true
            }
            Input::Ndjson(path) if jobs > 1 => {
                let name = input::display(path);
                match std::fs::File::open(path) {
                    Err(e) => sink(Err(InputError::io(name, &e)))?,
                    Ok(f) => {
                        let mut reader: Box<dyn BufRead> = Box::new(BufReader::new(f));
                        batch::run(&name, reader.as_mut(), &catalog, &options, jobs, &mut sink)?;
                    }
                }
                true
            }
            _ => {
                stdin_used |= input == Input::Stdin;
                input::read(&input, stdin, &mut |item| sink(batch::check(item, &catalog, &options)))?;
                matches!(input, Input::Stdin | Input::Ndjson(_))
            }
        };
        if streamed && seen == 0 {
            let source = match &input {
                Input::Ndjson(path) => input::display(path),
                _ => "-".to_owned(),
            };
            record(Err(InputError::Empty { source }), &mut summary, reporter.as_mut())?;
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
