//! `shelfcheck validate`: every listing of every input, reported as it is read.

use super::load_catalog;
use crate::args::{SeverityArg, ValidateArgs};
use crate::input::{self, Item};
use crate::output;
use crate::text::Summary;
use crate::{Env, Outcome};
use shelfcheck_core::{Severity, ValidateOptions};
use std::io;

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
    };
    let mut summary = Summary::default();
    let mut reporter = output::reporter(args.format, env.locale, env.color, &mut *env.out, &mut *env.err);
    let stdin = &mut *env.stdin;
    let mut stdin_used = false;
    for found in input::discover(&args.paths) {
        let input = match found {
            Ok(i) => i,
            Err(e) => {
                summary.unusable += 1;
                reporter.input_error(&e)?;
                continue;
            }
        };
        // Standard input can be read once; `- -` would silently validate nothing the second time.
        if input == input::Input::Stdin {
            if stdin_used {
                continue;
            }
            stdin_used = true;
        }
        input::read(&input, stdin, &mut |Item { source, listing }| match listing {
            Ok(listing) => {
                let mut report = catalog.validate(&listing, &options);
                report.source = Some(source);
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
        })?;
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
