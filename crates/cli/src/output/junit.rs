//! JUnit XML for CI dashboards: one test case per listing, its errors as the failure, its
//! warnings as captured output, unusable inputs as test errors.
//!
//! The suite's totals are attributes of its opening tag, so the cases are kept until the end;
//! JUnit is for CI runs over fixture folders, where that is small. Use `--format json` for
//! large streams.

use super::Reporter;
use crate::error::InputError;
use crate::text::{self, Summary};
use shelfcheck_core::{Locale, Report, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct Junit<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    locale: Locale,
    cases: String,
}

impl<'a> Junit<'a> {
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, locale: Locale) -> Self {
        Junit { out, err, locale, cases: String::new() }
    }
}

/// Escapes text for XML attributes and content, dropping the control characters XML 1.0
/// cannot carry at all.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

impl Reporter for Junit<'_> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        let source = escape(report.source.as_deref().unwrap_or("-"));
        let _ = writeln!(self.cases, "    <testcase name=\"{source}\" classname=\"shelfcheck.validate\">");
        let lines = |sev: Severity| -> String {
            report
                .issues
                .iter()
                .filter(|i| i.severity == sev)
                .map(|i| format!("{} [{}] {}\n", i.path, i.code().as_str(), i.message))
                .collect()
        };
        if !report.valid {
            let first = report.issues.iter().find(|i| i.severity == Severity::Error);
            let kind = first.map(|i| i.code().as_str()).unwrap_or("ERROR");
            let _ = writeln!(
                self.cases,
                "      <failure message=\"{}\" type=\"{kind}\">{}</failure>",
                escape(&text::counts(self.locale, report.errors, report.warnings)),
                escape(&lines(Severity::Error))
            );
        }
        if report.warnings > 0 {
            let _ = writeln!(self.cases, "      <system-out>{}</system-out>", escape(&lines(Severity::Warning)));
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn input_error(&mut self, error: &InputError) -> io::Result<()> {
        let _ = write!(
            self.cases,
            "    <testcase name=\"{}\" classname=\"shelfcheck.validate\">\n      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n",
            escape(error.source()),
            escape(&error.message(self.locale)),
            error.kind(),
            escape(&error.line(self.locale)),
        );
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let tests = summary.listings + summary.unusable;
        let (failures, errors) = (summary.invalid, summary.unusable);
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            self.out,
            "<testsuites name=\"shelfcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        writeln!(
            self.out,
            "  <testsuite name=\"shelfcheck validate\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
        )?;
        self.out.write_all(self.cases.as_bytes())?;
        writeln!(self.out, "  </testsuite>\n</testsuites>")?;
        self.out.flush()?;
        writeln!(self.err, "{}", summary.line(self.locale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }
}
