//! `sixalign eval`: strict and lax precision, recall and F1 of bead files.

use std::io::{self, Write};
use std::process::ExitCode;

use sixalign::Result;
use sixalign::eval::eval_paths;

use super::args::EvalArgs;

pub(crate) fn run(args: &EvalArgs) -> Result<ExitCode> {
    let scores = eval_paths(&args.gold, &args.test)?;
    let mut out = sixalign::output::atomic::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &scores).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{scores}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
