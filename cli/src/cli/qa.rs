//! `sixalign qa`: translation QA of the hub against its other versions.

use std::io::{self, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use sixalign::Result;
use sixalign::engine::Aligner;
use sixalign::output::atomic;
use sixalign::qa::{self, PairReport, Severity, SeverityCounts};

use super::args::QaArgs;
use super::config::Terminal;
use super::config::qa::Qa;
use super::exit;
use super::style::Style;

pub(crate) fn run(args: &QaArgs, term: Terminal) -> Result<ExitCode> {
    let c = Qa::new(args, term)?;
    let (hub, others) = super::read_versions(&c.inputs, None)?;
    let aligner = Aligner::new();
    let reports: Vec<PairReport> = others
        .par_iter()
        .map(|other| PairReport::new(&aligner, &hub, other))
        .collect();

    if let Some(path) = &c.html {
        atomic::write_file(path, |w| qa::html::write_html(&hub, &reports, w))?;
    }
    let mut out = atomic::stdout();
    if c.json {
        qa::write_json(&hub, &reports, &mut out)?;
    } else if let Some(style) = c.summary {
        write_summary(&reports, style, &mut out)?;
    }
    out.flush()?;
    let counts = SeverityCounts::of(reports.iter().flat_map(|r| &r.findings));
    Ok(exit::found_if(counts.error > 0))
}

fn write_summary(reports: &[PairReport], style: Style, out: &mut impl Write) -> io::Result<()> {
    let paint = |sev: Severity, s: &str| -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        style.paint(code, s)
    };
    for r in reports {
        let c = r.counts();
        writeln!(
            out,
            "{} {}-{} ({}): {} errors, {} warnings, {} info",
            r.alignment.doc,
            r.alignment.src_lang,
            r.alignment.tgt_lang,
            r.other_name,
            c.error,
            c.warning,
            c.info
        )?;
    }
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let all: Vec<_> = reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == sev)
            .collect();
        if all.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(sev, &format!("{} ({})", sev.name(), all.len()))
        )?;
        for f in all {
            let lines = match (f.src_line, f.tgt_line) {
                (Some(a), Some(b)) => format!(" (lines {a}/{b})"),
                (Some(a), None) => format!(" ({} line {a})", f.src_lang),
                (None, Some(b)) => format!(" ({} line {b})", f.tgt_lang),
                (None, None) => String::new(),
            };
            writeln!(
                out,
                "  {}-{} [{}] {}: {}{}",
                f.src_lang,
                f.tgt_lang,
                f.label.as_deref().unwrap_or(&f.region),
                f.kind.name(),
                f.message,
                lines
            )?;
        }
    }
    let c = SeverityCounts::of(reports.iter().flat_map(|r| &r.findings));
    writeln!(out)?;
    let total = format!(
        "{} errors, {} warnings, {} info",
        c.error, c.warning, c.info
    );
    let sev = if c.error > 0 {
        Severity::Error
    } else if c.warning > 0 {
        Severity::Warning
    } else {
        Severity::Info
    };
    writeln!(out, "{}", paint(sev, &total))
}
