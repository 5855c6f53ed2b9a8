//! `sixalign align`: the Chinese hub with one or more other versions, or two
//! sentence-per-line files (`--lines`).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use sixalign::corpus::run_batch_keeping;
use sixalign::engine::{LineFile, Stats};
use sixalign::output::{Format, Output, write_alignments, write_line_beads};
use sixalign::qa::Severity;
use sixalign::{Lang, Result};

use super::args::AlignArgs;
use super::config::Terminal;
use super::config::align::{Align, Batch, Documents, Lines};
use super::exit;
use super::style::Style;
use super::write;

pub(crate) fn run(args: &AlignArgs, term: Terminal) -> Result<ExitCode> {
    let start = Instant::now();
    match Align::new(args, term)? {
        Align::Documents(c) => documents(&c, start),
        Align::Lines(c) => lines(&c, start),
        Align::Batch(c) => batch(&c, start),
    }
}

/// The hub and the other versions of a document.
fn documents(c: &Documents, start: Instant) -> Result<ExitCode> {
    let w = &c.written;
    // Outputs are opened (their temporary files created) before the inputs
    // are read, so a run stopped while reading (a slow pipe) leaves nothing.
    // (Moses needs the languages found; every other format only the hub's.)
    let mut early = match w.format {
        Format::Moses => None,
        _ => Some(Output::open_tagged(
            w.format,
            &w.target,
            &[Lang::Zh],
            &w.tags,
        )?),
    };
    let (hub, others) = super::read_versions(&c.inputs, c.symbol.as_deref())?;
    let mut langs = vec![hub.lang];
    langs.extend(others.iter().map(|d| d.lang));
    w.check_moses(&langs, &c.read, &c.lex)?;
    let (mut pairs, learned) = c.lex.aligner()?.align_all_learned(&hub, &others);
    c.lex.save(learned.iter().map(|l| &**l))?;
    if c.strip_labels {
        for (p, other) in pairs.iter_mut().zip(&others) {
            sixalign::output::strip_labels(p, hub.text.original(), other.text.original());
        }
    }

    let out = match early.take() {
        Some(o) => o,
        None => Output::open_tagged(w.format, &w.target, &langs, &w.tags)?,
    };
    let written = write::commit(out, |o| write_alignments(o, &pairs, c.six_way))?;

    if let Some(style) = c.summary {
        let mut stats = Stats::default();
        for p in &pairs {
            stats.add_pair(p);
        }
        let codes: Vec<&str> = others.iter().map(|d| d.lang.code()).collect();
        let mut e = io::stderr().lock();
        writeln!(
            e,
            "sixalign: aligned {} ({}) with {}",
            pairs.first().map_or(hub.name.as_str(), |p| p.doc.as_str()),
            hub.lang,
            codes.join(", ")
        )?;
        summary(&mut e, style, w.format, &written, &stats, start)?;
        for d in std::iter::once(&hub).chain(&others) {
            let worth: Vec<_> = d
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .collect();
            if !worth.is_empty() {
                let mut kinds: Vec<&str> = worth.iter().map(|f| f.kind.name()).collect();
                kinds.dedup();
                writeln!(
                    e,
                    "  {} ({}): {} parser finding(s): {} — see `sixalign inspect`",
                    d.name,
                    d.lang,
                    worth.len(),
                    kinds.join(", ")
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--lines --batch JOBFILE`: many sentence-per-line pairs in one process;
/// a learning aligner's first pass runs over the whole batch, and its
/// lexicons are saved before the second writes any job.
fn batch(c: &Batch, start: Instant) -> Result<ExitCode> {
    let aligner = c.lex.aligner()?;
    let results = run_batch_keeping(&c.jobs, c.src_lang, c.tgt_lang, &aligner, |learned| {
        c.lex.save(learned)
    })?;
    let mut e = io::stderr().lock();
    let (mut ok, mut sentences) = (0usize, 0usize);
    for r in &results {
        match &r.error {
            Some(err) => writeln!(e, "sixalign: job {}: {err}", r.out.display())?,
            None => {
                ok += 1;
                sentences += r.src_sentences + r.tgt_sentences;
            }
        }
    }
    if !c.quiet {
        let secs = start.elapsed().as_secs_f64();
        writeln!(
            e,
            "sixalign: {ok} of {} jobs aligned, {sentences} sentences in {secs:.3} s ({:.0} sentences/s)",
            results.len(),
            sentences as f64 / secs.max(1e-9)
        )?;
    }
    Ok(exit::found_if(ok != results.len()))
}

/// `--lines SRC TGT`: one sentence per line, no structure.
fn lines(c: &Lines, start: Instant) -> Result<ExitCode> {
    let w = &c.written;
    // Opened before reading when the languages it needs are known: Moses
    // needs both, TMX the source's (detected from the text when not given).
    let mut early = match (w.format, c.src_lang) {
        (Format::Moses, _) | (Format::Tmx, None) => None,
        (_, given) => Some(Output::open_tagged(
            w.format,
            &w.target,
            &[given.unwrap_or(Lang::Zh)],
            &w.tags,
        )?),
    };
    let (src_file, tgt_file) = rayon::join(
        || LineFile::read(&c.src, c.src_lang),
        || LineFile::read(&c.tgt, c.tgt_lang),
    );
    let (src_file, tgt_file) = (src_file?, tgt_file?);
    let (src_lang, tgt_lang) = (src_file.lang, tgt_file.lang);
    w.check_moses(&[src_lang, tgt_lang], &c.read, &c.lex)?;
    let (src, tgt) = (src_file.lines(), tgt_file.lines());
    let (beads, learned) = c
        .lex
        .aligner()?
        .align_lines_learned(src_lang, tgt_lang, &src, &tgt);
    c.lex.save(learned.iter())?;

    let out = match early.take() {
        Some(o) => o,
        None => Output::open_tagged(w.format, &w.target, &[src_lang, tgt_lang], &w.tags)?,
    };
    let doc = c.src.to_string_lossy();
    let written = write::commit(out, |o| {
        write_line_beads(o, &doc, (src_lang, tgt_lang), &src, &tgt, &beads)
    })?;
    if let Some(style) = c.summary {
        let mut stats = Stats {
            pairs: 1,
            regions: 1,
            src_sentences: src.len(),
            tgt_sentences: tgt.len(),
            ..Stats::default()
        };
        stats.add_beads(&beads);
        let mut e = io::stderr().lock();
        writeln!(
            e,
            "sixalign: aligned {} lines ({src_lang}) with {} lines ({tgt_lang})",
            src.len(),
            tgt.len()
        )?;
        summary(&mut e, style, w.format, &written, &stats, start)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What a person wants to know after a run: where the output went and how
/// the alignment looks.
fn summary(
    e: &mut impl Write,
    style: Style,
    format: Format,
    written: &[PathBuf],
    s: &Stats,
    start: Instant,
) -> io::Result<()> {
    let bold = |t: &str| style.bold(t);
    if written.is_empty() {
        writeln!(e, "  {}    standard output ({format})", bold("output"))?;
    } else {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        writeln!(e, "  {}    {} ({format})", bold("output"), names.join(", "))?;
    }
    writeln!(
        e,
        "  {}   {} ({} anchored by numbering) over {} language pair(s)",
        bold("regions"),
        s.regions,
        s.anchored_regions,
        s.pairs
    )?;
    let types: Vec<String> = s
        .beads_by_type
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    writeln!(
        e,
        "  {}     {} ({})",
        bold("beads"),
        s.beads(),
        types.join(", ")
    )?;
    writeln!(e, "  {} {:.3}", bold("mean score"), s.mean_score())?;
    let secs = start.elapsed().as_secs_f64();
    writeln!(
        e,
        "  {}      {:.3} s, {:.0} sentences/s",
        bold("time"),
        secs,
        (s.src_sentences + s.tgt_sentences) as f64 / secs.max(1e-9)
    )
}
