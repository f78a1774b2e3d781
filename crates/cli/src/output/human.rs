//! Output for people: grouped by listing, one line per issue, a summary at the end.

use super::Reporter;
use crate::error::InputError;
use crate::style::{paint, Style};
use crate::terminal::safe;
use crate::text::{self, Summary};
use shelfcheck_core::{Locale, Report, Severity};
use std::io::{self, Write};

pub struct Human<'a> {
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    locale: Locale,
    color: bool,
}

impl<'a> Human<'a> {
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, locale: Locale, color: bool) -> Self {
        Human { out, err, locale, color }
    }
}

impl Reporter for Human<'_> {
    fn report(&mut self, report: &Report) -> io::Result<()> {
        let (mark, style) = if report.valid { ("✓", Style::Green) } else { ("✗", Style::Red) };
        let source = safe(report.source.as_deref().unwrap_or("-"));
        write!(self.out, "{} {}", paint(self.color, style, mark), paint(self.color, Style::Bold, &source))?;
        if report.issues.is_empty() {
            writeln!(self.out)?;
        } else {
            writeln!(self.out, "  ({})", text::counts(self.locale, report.errors, report.warnings))?;
        }
        for issue in &report.issues {
            let sev_style = if issue.severity == Severity::Error { Style::Red } else { Style::Yellow };
            let path = safe(if issue.path.is_empty() { "/" } else { issue.path.as_str() });
            writeln!(
                self.out,
                "  {} {} {} {}",
                paint(self.color, sev_style, text::severity(self.locale, issue.severity)),
                paint(self.color, Style::Bold, &path),
                paint(self.color, Style::Dim, &format!("[{}]", issue.code().as_str())),
                safe(&issue.message)
            )?;
        }
        Ok(())
    }

    fn input_error(&mut self, error: &InputError) -> io::Result<()> {
        // Flush first so the error lands between the listings around it on a shared terminal.
        self.out.flush()?;
        writeln!(self.err, "{}{}", text::error_prefix(self.locale), safe(&error.line(self.locale)))
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if summary.listings + summary.unusable > 0 {
            writeln!(self.out)?;
        }
        let style = if summary.invalid + summary.unusable > 0 { Style::Red } else { Style::Green };
        writeln!(self.out, "{}", paint(self.color, style, &summary.line(self.locale)))
    }
}
