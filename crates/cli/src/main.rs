//! The `shelfcheck` binary: everything lives in the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = shelfcheck_cli::args::Cli::parse();
    ExitCode::from(shelfcheck_cli::main_with(&cli))
}
