//! The `sixalign` command: a thin user of the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::run(cli::Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`sixalign inspect … | head`) is not a failure.
            if let sixalign::ErrorKind::Io(e) = err.kind()
                && e.kind() == std::io::ErrorKind::BrokenPipe
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("sixalign: {err}");
            ExitCode::from(cli::exit::ERROR)
        }
    }
}
