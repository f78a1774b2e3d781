//! The `shelfcheck` command line as a library, so that tests and other crates can run any
//! subcommand in-process with their own streams.
//!
//! `main.rs` only parses the arguments and maps the [`Outcome`] to an exit code.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly"))]

pub mod args;
pub mod batch;
pub mod commands;
pub mod error;
pub mod input;
pub mod json;
pub mod output;
pub mod progress;
pub mod read;
pub mod style;
pub mod terminal;
pub mod text;

use args::{Cli, ColorChoice, Command, FetchCommand, LocaleArg, SnapshotCommand};
use shelfcheck_core::Locale;
use std::io::{self, BufRead, IsTerminal, Write};

/// How a run ended; ordered from best to worst so that a batch keeps the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Every listing is valid (warnings allowed).
    Valid = 0,
    /// At least one listing has errors.
    Invalid = 1,
    /// Some input could not be used: unreadable, malformed, a broken snapshot.
    Unusable = 2,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The worse of two outcomes.
    pub fn worst(self, other: Outcome) -> Outcome {
        self.max(other)
    }
}

/// The streams and settings a command runs with.
pub struct Env<'a> {
    pub locale: Locale,
    /// Whether to colour `out` (decided by the caller: terminals only, `NO_COLOR` respected).
    pub color: bool,
    pub stdin: &'a mut dyn BufRead,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// The locale: `--locale`, else `SHELFCHECK_LOCALE`, else Simplified Chinese.
///
/// `LANG` is deliberately not consulted: build machines commonly run with `C.UTF-8` or
/// `en_US.UTF-8`, and a CI log should read the same as the developer's terminal.
pub fn resolve_locale(arg: Option<LocaleArg>, env_value: Option<&str>) -> Locale {
    match arg {
        Some(LocaleArg::ZhCn) => Locale::ZhCn,
        Some(LocaleArg::En) => Locale::En,
        None => env_value.and_then(Locale::parse).unwrap_or_default(),
    }
}

/// Whether to colour standard output.
pub fn resolve_color(choice: ColorChoice, stdout_is_terminal: bool, no_color: Option<&str>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal && no_color.is_none_or(str::is_empty),
    }
}

/// Runs a parsed command line.
///
/// Output errors are returned as they are; the caller decides what a closed pipe means.
pub fn run(cli: &Cli, env: &mut Env<'_>) -> io::Result<Outcome> {
    match &cli.command {
        Command::Validate(a) => commands::validate::run(a, env),
        Command::Snapshot(SnapshotCommand::Check(a)) => commands::snapshot::check(a, env),
        Command::Snapshot(SnapshotCommand::Diff(a)) => commands::diff::run(a, env),
        Command::Snapshot(SnapshotCommand::Import(a)) => commands::import::run(a, env),
        Command::Snapshot(SnapshotCommand::Compile(a)) => commands::compile::run(a, env),
        Command::Snapshot(SnapshotCommand::Shard(a)) => commands::shard::run(a, env),
        Command::Schema(a) => commands::schema::run(a, env),
        Command::Skus(a) => commands::skus::run(a, env),
        Command::Fetch(FetchCommand::Taobao(a)) => commands::fetch::taobao(a, shelfcheck_taobao::Market::Taobao, env),
        Command::Fetch(FetchCommand::Tmall(a)) => commands::fetch::taobao(a, shelfcheck_taobao::Market::Tmall, env),
        Command::Fetch(FetchCommand::Alibaba1688(a)) => commands::fetch::alibaba(a, env),
        Command::Fetch(FetchCommand::Wechat(a)) => commands::fetch::wechat(a, env),
    }
}

/// Runs the process: real streams, real environment.
pub fn main_with(cli: &Cli) -> u8 {
    let locale = resolve_locale(cli.locale, std::env::var("SHELFCHECK_LOCALE").ok().as_deref());
    let stdout = io::stdout();
    let color = resolve_color(cli.color, stdout.is_terminal(), std::env::var("NO_COLOR").ok().as_deref());
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let mut env = Env { locale, color, stdin: &mut stdin, out: &mut out, err: &mut err };
    let result = run(cli, &mut env).and_then(|o| env.out.flush().map(|()| o));
    match result {
        Ok(outcome) => outcome.code(),
        // `shelfcheck validate big/ | head` closes the pipe early: say nothing (the reader
        // left on purpose), but do not claim success for listings that were never checked.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Unusable.code(),
        Err(e) => {
            let _ = writeln!(io::stderr(), "{}", text::output_failed(locale, &e));
            Outcome::Unusable.code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_flag_beats_environment() {
        assert_eq!(resolve_locale(Some(LocaleArg::En), Some("zh-CN")), Locale::En);
        assert_eq!(resolve_locale(None, Some("en_US.UTF-8")), Locale::En);
        assert_eq!(resolve_locale(None, Some("fr")), Locale::ZhCn);
        assert_eq!(resolve_locale(None, None), Locale::ZhCn);
    }

    #[test]
    fn colour_only_on_terminals_without_no_color() {
        assert!(resolve_color(ColorChoice::Auto, true, None));
        assert!(resolve_color(ColorChoice::Auto, true, Some("")));
        assert!(!resolve_color(ColorChoice::Auto, true, Some("1")));
        assert!(!resolve_color(ColorChoice::Auto, false, None));
        assert!(resolve_color(ColorChoice::Always, false, Some("1")));
    }

    #[test]
    fn the_worst_outcome_wins() {
        assert_eq!(Outcome::Valid.worst(Outcome::Unusable).worst(Outcome::Invalid), Outcome::Unusable);
        assert_eq!(Outcome::Invalid.code(), 1);
    }
}
