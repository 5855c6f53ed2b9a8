//! `sixalign review`: writes the review page of an alignment (made here as
//! `align` makes it, or read with `--from`), or, with `--apply`, writes the
//! alignment a reviewer corrected in the page.

use std::io::{self, Write};
use std::process::ExitCode;

use sixalign::output::{Output, atomic, write_alignments};
use sixalign::{Document, Error, Lang, Result};
use sixalign::{qa, review};

use super::args::ReviewArgs;
use super::config::review::{Apply, Page, Review};
use super::write;

pub(crate) fn run(args: &ReviewArgs) -> Result<ExitCode> {
    match Review::new(args)? {
        Review::Page(c) => page(&c),
        Review::Apply(c) => apply(&c),
    }
}

/// The review page of the versions' alignment (made here, or read with `--from`).
fn page(c: &Page) -> Result<ExitCode> {
    let (hub, others) = super::read_versions(&c.inputs, c.symbol.as_deref())?;
    let (pairs, learned) = c.lex.aligner()?.align_all_learned(&hub, &others);
    c.lex.save(learned.iter().map(|l| &**l))?;
    // QA reads the aligner's alignment (its findings are about sentences,
    // which stay where they are whatever the beads).
    let findings: Vec<_> = pairs
        .iter()
        .zip(&others)
        .map(|(p, o)| qa::check_pair(&hub, o, p))
        .collect();
    let other_refs: Vec<&Document> = others.iter().collect();
    let mut review = review::Review::new(&hub, &other_refs, &pairs, &findings);
    if let Some(from) = &c.from {
        // The sentences come from the documents, the beads from the file.
        let text = String::from_utf8(sixalign::input::read_input(from)?)
            .map_err(|_| Error::malformed("not UTF-8").with_path(from))?;
        review.load_jsonl(&text).map_err(|e| e.with_path(from))?;
    }
    match &c.out {
        None => {
            let mut o = atomic::stdout();
            review::page::write_page(&review, &mut o)?;
            o.flush()?;
        }
        Some(out) => atomic::write_file(out, |w| review::page::write_page(&review, w))?,
    }
    if !c.quiet {
        let beads: usize = review.pairs.iter().map(|p| p.beads.len()).sum();
        let nf: usize = review.pairs.iter().map(|p| p.findings.len()).sum();
        let size = match &c.out {
            None => String::new(),
            Some(out) => std::fs::metadata(out)
                .map(|m| format!(", {:.1} MB", m.len() as f64 / 1e6))
                .unwrap_or_default(),
        };
        let codes: Vec<&str> = review.pairs.iter().map(|p| p.other.lang.code()).collect();
        writeln!(
            io::stderr().lock(),
            "sixalign: review page of {} ({} with {}): {beads} beads, {nf} findings{size}\n  open {} in a browser; save your work there and write it with `sixalign review --apply FILE -o OUT -f tmx`",
            review.doc,
            review.hub.lang,
            codes.join(", "),
            c.out
                .as_ref()
                .map_or("it".to_string(), |out| out.display().to_string())
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--apply EDITS`: the corrected alignment, through the writers `align` uses.
fn apply(c: &Apply) -> Result<ExitCode> {
    let format = c.format;
    let mut review = review::Review::read(&c.edits)?;
    if let Some(lang) = c.pair {
        review.pairs.retain(|p| p.other.lang == lang);
    }
    let others: Vec<Lang> = review.pairs.iter().map(|p| p.other.lang).collect();
    c.check_pairs(review.hub.lang, &others)?;
    let pairs = review.alignments()?;
    let mut langs = vec![review.hub.lang];
    langs.extend(others);
    let out = Output::open(format, &c.target, &langs)?;
    let written = write::commit(out, |w| write_alignments(w, &pairs, c.six_way))?;
    if !c.quiet {
        let beads: usize = review.pairs.iter().map(|p| p.beads.len()).sum();
        let confirmed: usize = review
            .pairs
            .iter()
            .flat_map(|p| &p.beads)
            .filter(|b| b.confirmed())
            .count();
        let changed: usize = review
            .pairs
            .iter()
            .flat_map(|p| &p.beads)
            .filter(|b| b.changed())
            .count();
        let to = if written.is_empty() {
            "standard output".to_string()
        } else {
            written
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            io::stderr().lock(),
            "sixalign: {} ({format}): {beads} beads of {}, {changed} edited, {confirmed} confirmed",
            to,
            review.doc
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
