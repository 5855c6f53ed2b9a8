//! `sixalign review`: writes the review page of an alignment (made here as
//! `align` makes it, or read with `--from`), or, with `--apply`, writes the
//! alignment a reviewer corrected in the page.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use sixalign::output::{self, Format, Output, Target, atomic, write_alignments};
use sixalign::qa;
use sixalign::review::{Review, page};
use sixalign::{Document, Error, Lang, Result};

use super::LexiconArgs;
use super::write;

/// Arguments of `sixalign review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The versions of the document.
    #[command(flatten)]
    pub versions: super::VersionsArgs,
    /// Where to write: the page (default `review.html`), or with `--apply`
    /// the corrected alignment (default standard output; `-` too).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Review this alignment (`sixalign align -f jsonl` output of the same
    /// versions) instead of aligning.
    #[arg(long, value_name = "PAIRS.jsonl", conflicts_with = "apply")]
    pub from: Option<PathBuf>,
    /// Write the corrected alignment of a work file saved from the page
    /// ("save"), in `--format`, exactly as `sixalign align` writes beads.
    #[arg(long, value_name = "EDITS")]
    pub apply: Option<PathBuf>,
    /// With `--apply`: tsv, jsonl (default), tmx, moses or beads.
    #[arg(long, short = 'f', value_parser = super::parsed::<Format>, requires = "apply")]
    pub format: Option<Format>,
    /// With `--apply`: one row per group of Chinese sentences with every language in it.
    #[arg(long, requires = "apply")]
    pub six_way: bool,
    /// With `--apply`: only the pair of the hub with this language (`en`),
    /// as a bead file needs.
    #[arg(long, value_name = "LANG", value_parser = super::parsed::<Lang>, requires = "apply")]
    pub pair: Option<Lang>,
    /// The document symbol, when the text does not say it.
    #[arg(long)]
    pub symbol: Option<String>,
    /// Lexicon options.
    #[command(flatten)]
    pub lex: LexiconArgs,
    /// Quiet.
    #[command(flatten)]
    pub quiet: super::QuietArg,
}

pub(crate) fn run(args: &ReviewArgs) -> Result<ExitCode> {
    if let Some(edits) = &args.apply {
        return apply(args, edits);
    }
    let inputs = inputs(args)?;
    let paths: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
    atomic::refuse_repeated_inputs(&paths)?;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("review.html"));
    let to_stdout = out.as_os_str() == "-";
    let mut read = paths.clone();
    read.extend(args.from.iter().cloned());
    read.extend(args.lex.lexicon.iter().cloned());
    let outputs: Vec<PathBuf> = if to_stdout {
        Vec::new()
    } else {
        vec![out.clone()]
    };
    atomic::check_outputs(&outputs, &read)?;
    args.lex.check_save(&outputs, &read)?;
    let (hub, others) = super::read_versions(&inputs, args.symbol.as_deref())?;
    let learn = !args.lex.no_learn && !args.lex.no_lexicon && args.from.is_none();
    let mut b = args.lex.builder()?;
    b.learn_lexicon(learn);
    let aligner = b.build();
    let (pairs, learned) = aligner.align_all_learned(&hub, &others);
    if aligner.learns() {
        args.lex.save(learned.iter().map(|l| &**l))?;
    }
    // QA reads the aligner's alignment (its findings are about sentences,
    // which stay where they are whatever the beads).
    let findings: Vec<_> = pairs
        .iter()
        .zip(&others)
        .map(|(p, o)| qa::check_pair(&hub, o, p))
        .collect();
    let other_refs: Vec<&Document> = others.iter().collect();
    let mut review = Review::new(&hub, &other_refs, &pairs, &findings);
    if let Some(from) = &args.from {
        // The sentences come from the documents, the beads from the file.
        let text = String::from_utf8(sixalign::input::read_input(from)?)
            .map_err(|_| Error::malformed("not UTF-8").with_path(from))?;
        review.load_jsonl(&text).map_err(|e| e.with_path(from))?;
    }
    if to_stdout {
        let mut o = atomic::stdout();
        page::write_page(&review, &mut o)?;
        o.flush()?;
    } else {
        atomic::write_file(&out, |w| page::write_page(&review, w))?;
    }
    if !args.quiet.quiet {
        let beads: usize = review.pairs.iter().map(|p| p.beads.len()).sum();
        let nf: usize = review.pairs.iter().map(|p| p.findings.len()).sum();
        let size = if to_stdout {
            String::new()
        } else {
            std::fs::metadata(&out)
                .map(|m| format!(", {:.1} MB", m.len() as f64 / 1e6))
                .unwrap_or_default()
        };
        let codes: Vec<&str> = review.pairs.iter().map(|p| p.other.lang.code()).collect();
        writeln!(
            io::stderr().lock(),
            "sixalign: review page of {} ({} with {}): {beads} beads, {nf} findings{size}\n  open {} in a browser; save your work there and write it with `sixalign review --apply FILE -o OUT -f tmx`",
            review.doc,
            review.hub.lang,
            codes.join(", "),
            if to_stdout {
                "it".to_string()
            } else {
                out.display().to_string()
            }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--apply EDITS`: the corrected alignment, through the writers `align` uses.
fn apply(args: &ReviewArgs, edits: &Path) -> Result<ExitCode> {
    if !args.versions.is_empty() {
        return Err(Error::usage(
            "--apply reads everything from the work file: give no documents",
        ));
    }
    if args.lex.save_lexicon.is_some() {
        return Err(Error::usage(
            "--apply learns no lexicon: drop --save-lexicon (it writes what `review` learns when it builds a page)",
        ));
    }
    let format = args.format.unwrap_or(Format::Jsonl);
    let target = match &args.output {
        Some(p) => Target::from_arg(&p.to_string_lossy()),
        None => Target::Stdout,
    };
    output::check_moses_prefix(format, &target)?;
    // Moses writes one file per language of the work file: checked once
    // it is read, before anything is written.
    if format != Format::Moses {
        atomic::check_outputs(
            &output::target_paths(format, &target, &[]),
            &[edits.to_path_buf()],
        )?;
    }
    let mut review = Review::read(edits)?;
    if let Some(lang) = args.pair {
        review.pairs.retain(|p| p.other.lang == lang);
        if review.pairs.is_empty() {
            return Err(Error::usage(format!(
                "the work file has no {}-{lang} pair",
                review.hub.lang
            ))
            .with_path(edits));
        }
    }
    let pairs = review.alignments()?;
    if pairs.len() > 1 && !args.six_way && matches!(format, Format::Moses | Format::Beads) {
        let codes: Vec<&str> = review.pairs.iter().map(|p| p.other.lang.code()).collect();
        return Err(Error::usage(format!(
            "the {format} format holds one language pair and the work file has {} ({}): choose one with --pair {}{}",
            pairs.len(),
            codes.join(", "),
            codes[0],
            if format == Format::Moses {
                ", or add --six-way"
            } else {
                ""
            }
        )));
    }
    write::check_six_way(format, args.six_way)?;
    let mut langs = vec![review.hub.lang];
    langs.extend(review.pairs.iter().map(|p| p.other.lang));
    atomic::check_outputs(
        &output::target_paths(format, &target, &langs),
        &[edits.to_path_buf()],
    )?;
    let out = Output::open(format, &target, &langs)?;
    let written = write::commit(out, |w| write_alignments(w, &pairs, args.six_way))?;
    if !args.quiet.quiet {
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

/// The documents to review, with their language when the user gave it.
fn inputs(args: &ReviewArgs) -> Result<Vec<(PathBuf, Option<Lang>)>> {
    if args.versions.files.len() + args.versions.lang.len() < 2 {
        return Err(Error::usage(
            "give the Chinese version and at least one other (sixalign review zh.txt en.txt …), or --apply FILE",
        ));
    }
    args.versions.versions()
}
