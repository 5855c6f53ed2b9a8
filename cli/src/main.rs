//! The `sixalign` command: a thin user of the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// On SIGINT, SIGTERM or SIGHUP: remove every temporary file (and the
/// bench's temporary directory) and exit with 128 + the signal, as shells
/// report a death by signal. Runs on its own thread, not in the handler.
/// The first SIGINT of a corpus run only asks it to stop
/// ([`cli::interrupt`]): it reports what it did and exits with 130 itself.
fn remove_temporaries_on_signal() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGINT && cli::interrupt::request_stop() {
                continue;
            }
            sixalign::output::atomic::remove_temporaries_and_exit(128 + sig);
        }
    });
}

fn main() -> ExitCode {
    remove_temporaries_on_signal();
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
