//! `sixalign align`: the Chinese hub with one or more other versions, or two
//! sentence-per-line files (`--lines`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sixalign::corpus::{check_jobs, learn_batch, read_jobfile, run_batch, run_batch_guided};
use sixalign::engine::{AlignerBuilder, LineFile, Stats};
use sixalign::output::{self, Format, Output, Target, atomic, write_alignments, write_line_beads};
use sixalign::qa::Severity;
use sixalign::{Error, Lang, Result};

use super::AlignArgs;
use super::exit;
use super::style::{Stream, Style};
use super::write;

pub(crate) fn run(args: &AlignArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let format = args.format.format();
    let tags = args.format.tmx_tags()?;
    if args.lines {
        return lines(args, start);
    }
    let inputs = args.versions.versions()?;
    let paths: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
    atomic::refuse_repeated_inputs(&paths)?;
    let target = target(args)?;
    // Moses writes PREFIX.<code> for the languages found: checked once they
    // are (below, before anything is written); every other format now.
    let outputs = known_outputs(format, &target, &[Lang::Zh]);
    let read = with_lexicon(paths, args);
    atomic::check_outputs(&outputs, &read)?;
    args.lex.check_save(&outputs, &read)?;
    // Outputs are opened (their temporary files created) before the inputs
    // are read, so a run stopped while reading (a slow pipe) leaves nothing.
    // (Moses needs the languages found; every other format only the hub's.)
    let mut early = match format {
        Format::Moses => None,
        _ => Some(Output::open_tagged(format, &target, &[Lang::Zh], &tags)?),
    };
    let (hub, others) = super::read_versions(&inputs, args.symbol.as_deref())?;
    let mut langs = vec![hub.lang];
    langs.extend(others.iter().map(|d| d.lang));
    check_moses(format, &target, &langs, &read, args)?;
    if others.len() > 1 && !args.six_way && matches!(format, Format::Moses | Format::Beads) {
        return Err(Error::usage(format!(
            "the {} format holds one language pair; align one other version, or add --six-way (moses)",
            format
        )));
    }
    write::check_six_way(format, args.six_way)?;
    let aligner = aligner(args)?.build();
    let (mut pairs, learned) = aligner.align_all_learned(&hub, &others);
    if aligner.learns() {
        args.lex.save(learned.iter().map(|l| &**l))?;
    }
    if args.format.strip_labels {
        for (p, other) in pairs.iter_mut().zip(&others) {
            sixalign::output::strip_labels(p, hub.text.original(), other.text.original());
        }
    }

    let out = match early.take() {
        Some(o) => o,
        None => Output::open_tagged(format, &target, &langs, &tags)?,
    };
    let written = write::commit(out, |w| write_alignments(w, &pairs, args.six_way))?;

    if !args.quiet.quiet {
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
        summary(&mut e, format, &written, &stats, start)?;
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

/// The aligner the options ask for; `--save-lexicon` needs learning.
fn aligner(args: &AlignArgs) -> Result<AlignerBuilder> {
    let learn = !args.lex.no_learn && !args.lex.no_lexicon;
    if args.lex.save_lexicon.is_some() && !learn {
        return Err(Error::usage(
            "--save-lexicon writes the lexicon learned in a first pass: drop --no-learn / --no-lexicon",
        ));
    }
    let mut b = args.lex.builder()?;
    b.learn_lexicon(learn).fixed_priors(args.fixed_priors);
    Ok(b)
}

/// The inputs and the lexicons read (an output must not replace any of
/// them; `--save-lexicon` is an output, checked by `check_save`).
fn with_lexicon(mut paths: Vec<PathBuf>, args: &AlignArgs) -> Vec<PathBuf> {
    paths.extend(args.lex.lexicon.iter().cloned());
    paths
}

/// The files an output to `target` writes that are known before the
/// inputs are read: none for Moses (one per language found, see
/// [`check_moses`]), the one file otherwise.
fn known_outputs(format: Format, target: &Target, langs: &[Lang]) -> Vec<PathBuf> {
    match format {
        Format::Moses => Vec::new(),
        _ => output::target_paths(format, target, langs),
    }
}

/// Moses writes `PREFIX.<code>` for exactly the languages found: those
/// files, and no others, may replace no input and may not be the
/// `--save-lexicon` file. Checked before anything is written.
fn check_moses(
    format: Format,
    target: &Target,
    langs: &[Lang],
    read: &[PathBuf],
    args: &AlignArgs,
) -> Result<()> {
    if format != Format::Moses {
        return Ok(());
    }
    let outputs = output::target_paths(format, target, langs);
    atomic::check_outputs(&outputs, read)?;
    args.lex.check_save(&outputs, read)
}

/// Where the output goes; a Moses prefix that is a device is refused
/// before anything is read.
fn target(args: &AlignArgs) -> Result<Target> {
    let target = match &args.output {
        Some(p) => Target::from_arg(&p.to_string_lossy()),
        None => Target::Stdout,
    };
    output::check_moses_prefix(args.format.format(), &target)?;
    Ok(target)
}

/// `--lines --batch JOBFILE`: many sentence-per-line pairs in one process.
fn batch(args: &AlignArgs, jobfile: &Path, start: Instant) -> Result<ExitCode> {
    if !args.versions.files.is_empty()
        || args.output.is_some()
        || args.format.format.is_some_and(|f| f != Format::Beads)
    {
        return Err(Error::usage(
            "--batch takes its inputs and outputs from the job file and writes bead files: give no FILES or -o, and no --format but beads",
        ));
    }
    let jobs = read_jobfile(jobfile)?;
    check_jobs(&jobs, Some(jobfile))?;
    // No job may replace a `--lexicon` table, and `--save-lexicon` may
    // replace no job's input or output, nor the job file.
    let outs: Vec<&Path> = jobs.iter().map(|j| j.out.as_path()).collect();
    atomic::refuse_inputs(&outs, &args.lex.lexicon)?;
    let read: Vec<&Path> = jobs
        .iter()
        .flat_map(|j| [j.src.as_path(), j.tgt.as_path()])
        .chain([jobfile])
        .collect();
    args.lex.check_save(&outs, &read)?;
    let aligner = aligner(args)?.build();
    let results = if aligner.learns() {
        let first = learn_batch(&jobs, args.src_lang, args.tgt_lang, &aligner);
        args.lex.save(&first.lexicons)?;
        run_batch_guided(&jobs, args.src_lang, args.tgt_lang, &aligner, first)
    } else {
        run_batch(&jobs, args.src_lang, args.tgt_lang, &aligner)
    };
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
    if !args.quiet.quiet {
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
fn lines(args: &AlignArgs, start: Instant) -> Result<ExitCode> {
    let format = args.format.format();
    let tags = args.format.tmx_tags()?;
    if let Some(jobfile) = &args.batch {
        return batch(args, jobfile, start);
    }
    let [src_path, tgt_path] = args.versions.files.as_slice() else {
        return Err(Error::usage(
            "--lines takes exactly two files: SRC TGT (one sentence per line)",
        ));
    };
    if !args.versions.lang.is_empty() {
        return Err(Error::usage(
            "with --lines give the languages with --src-lang and --tgt-lang",
        ));
    }
    if args.format.strip_labels {
        return Err(Error::usage(
            "--strip-labels reads the paragraphs of documents; --lines files have none",
        ));
    }
    atomic::refuse_repeated_inputs([src_path, tgt_path])?;
    let target = target(args)?;
    let outputs = known_outputs(format, &target, &[]);
    let read = with_lexicon(vec![src_path.clone(), tgt_path.clone()], args);
    atomic::check_outputs(&outputs, &read)?;
    args.lex.check_save(&outputs, &read)?;
    // Opened before reading when the languages it needs are known: Moses
    // needs both, TMX the source's (detected from the text when not given).
    let mut early = match (format, args.src_lang) {
        (Format::Moses, _) | (Format::Tmx, None) => None,
        (_, given) => Some(Output::open_tagged(
            format,
            &target,
            &[given.unwrap_or(Lang::Zh)],
            &tags,
        )?),
    };
    let (src_file, tgt_file) = rayon::join(
        || LineFile::read(src_path, args.src_lang),
        || LineFile::read(tgt_path, args.tgt_lang),
    );
    let (src_file, tgt_file) = (src_file?, tgt_file?);
    let (src_lang, tgt_lang) = (src_file.lang, tgt_file.lang);
    check_moses(format, &target, &[src_lang, tgt_lang], &read, args)?;
    let (src, tgt) = (src_file.lines(), tgt_file.lines());
    let aligner = aligner(args)?.build();
    let beads = if aligner.learns() {
        let (beads, learned) = aligner.align_lines_learning(src_lang, tgt_lang, &src, &tgt);
        args.lex.save(std::slice::from_ref(&learned))?;
        beads
    } else {
        aligner.align_lines(src_lang, tgt_lang, &src, &tgt)
    };

    let out = match early.take() {
        Some(o) => o,
        None => Output::open_tagged(format, &target, &[src_lang, tgt_lang], &tags)?,
    };
    let doc = src_path.to_string_lossy();
    let written = write::commit(out, |w| {
        write_line_beads(w, &doc, (src_lang, tgt_lang), &src, &tgt, &beads)
    })?;
    if !args.quiet.quiet {
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
        summary(&mut e, format, &written, &stats, start)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What a person wants to know after a run: where the output went and how
/// the alignment looks.
fn summary(
    e: &mut impl Write,
    format: Format,
    written: &[PathBuf],
    s: &Stats,
    start: Instant,
) -> io::Result<()> {
    let style = Style::of(Stream::Stderr);
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
