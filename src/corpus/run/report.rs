//! What a corpus run reports: each document's status and figures, the run's
//! summary, and the `--report` file written as documents finish.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::Stats;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::output::atomic::AtomicFile;

/// What happened to one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStatus {
    /// Aligned and written (perhaps with some languages missing or failed).
    Aligned,
    /// Left out by `--resume`: its outputs were complete (its figures, when
    /// an earlier run recorded them, are that run's).
    Done,
    /// Not aligned; see the reason.
    Skipped,
}

/// The figures of one language pair of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairFigures {
    /// The other language.
    pub lang: Lang,
    /// Counts of the alignment.
    pub stats: Stats,
}

/// What happened to one document, with its figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocReport {
    /// The document id.
    pub id: String,
    /// Aligned, done already, or skipped.
    pub status: DocStatus,
    /// Why it was skipped (a short category: `no hub version`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Languages asked for but not found.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Lang>,
    /// Errors met (a version that would not load or parse, a failed write).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Versions whose text is not in the language their name or manifest
    /// gives (aligned as given, as `align --lang` does, and flagged):
    /// `PATH: the language given is en but the text looks like fr`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_mismatch: Vec<String>,
    /// One entry per language pair aligned.
    pub pairs: Vec<PairFigures>,
    /// Bytes of input read.
    pub bytes: u64,
}

impl DocReport {
    pub(super) fn new(id: &str, status: DocStatus) -> DocReport {
        DocReport {
            id: id.to_string(),
            status,
            reason: None,
            missing: Vec::new(),
            errors: Vec::new(),
            language_mismatch: Vec::new(),
            pairs: Vec::new(),
            bytes: 0,
        }
    }

    pub(super) fn skipped(mut self, reason: &str) -> DocReport {
        self.status = DocStatus::Skipped;
        self.reason = Some(reason.to_string());
        self
    }
}

/// The figures of a whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Documents in the corpus.
    pub corpus_documents: usize,
    /// Documents considered (fewer than `corpus_documents` when interrupted).
    pub documents: usize,
    /// The run was stopped (Ctrl-C) before every document was considered;
    /// `--resume` goes on where it stopped.
    pub interrupted: bool,
    /// Documents aligned.
    pub aligned: usize,
    /// Documents left out by `--resume`.
    pub done: usize,
    /// Documents skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Documents missing a language, by language.
    pub missing: BTreeMap<Lang, usize>,
    /// Errors met (documents may be aligned in part despite them).
    pub errors: usize,
    /// Versions whose text is not in their declared language.
    #[serde(default)]
    pub language_mismatch: usize,
    /// Files found but left out of the run (listed in the report's
    /// `skipped_files`): hidden, not a document, no language, …
    #[serde(default)]
    pub skipped_files: usize,
    /// Counts over every pair aligned, in this run and (with `--resume`,
    /// as recorded in the journal) in earlier ones.
    pub stats: Stats,
    /// Bytes of input of those pairs' documents.
    pub bytes: u64,
    /// Sentence pairs aligned by this run (the rates count these).
    pub run_pairs: usize,
    /// Bytes read by this run.
    pub run_bytes: u64,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Wall-clock seconds of the learning pass before it (0 without one);
    /// rates count both.
    pub learn_seconds: f64,
}

impl Summary {
    /// Seconds end to end: the learning pass and the run.
    pub fn total_seconds(&self) -> f64 {
        self.seconds + self.learn_seconds
    }

    /// Adds one document's figures.
    pub fn add(&mut self, d: &DocReport) {
        self.documents += 1;
        match d.status {
            DocStatus::Aligned => self.aligned += 1,
            DocStatus::Done => self.done += 1,
            DocStatus::Skipped => {
                *self
                    .skipped
                    .entry(d.reason.clone().unwrap_or_default())
                    .or_default() += 1
            }
        }
        for &l in &d.missing {
            *self.missing.entry(l).or_default() += 1;
        }
        self.errors += d.errors.len();
        self.language_mismatch += d.language_mismatch.len();
        for p in &d.pairs {
            merge_stats(&mut self.stats, &p.stats);
        }
        self.bytes += d.bytes;
        if d.status == DocStatus::Aligned {
            self.run_pairs += d.pairs.iter().map(|p| p.stats.linked_beads).sum::<usize>();
            self.run_bytes += d.bytes;
        }
    }

    /// Sentence pairs (beads linking both sides) aligned by this run per second.
    pub fn pairs_per_sec(&self) -> f64 {
        rate(self.run_pairs as f64, self.total_seconds())
    }

    /// Documents per second (aligned ones).
    pub fn docs_per_sec(&self) -> f64 {
        rate(self.aligned as f64, self.total_seconds())
    }

    /// Megabytes (10^6 bytes) of input read by this run per second.
    pub fn mb_per_sec(&self) -> f64 {
        rate(self.run_bytes as f64 / 1e6, self.total_seconds())
    }

    /// A few lines for people (the end-of-run summary on stderr).
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{} documents: {} aligned, {} done already, {} skipped\n",
            self.documents,
            self.aligned,
            self.done,
            self.skipped.values().sum::<usize>()
        );
        if self.interrupted {
            s.push_str(&format!(
                "  interrupted: {} of {} documents not reached (rerun with --resume)\n",
                self.corpus_documents - self.documents.min(self.corpus_documents),
                self.corpus_documents
            ));
        }
        for (why, n) in &self.skipped {
            s.push_str(&format!("  skipped {n}: {why}\n"));
        }
        for (l, n) in &self.missing {
            s.push_str(&format!("  missing {l}: {n} documents\n"));
        }
        if self.errors > 0 {
            s.push_str(&format!(
                "  {} errors (see the report for which)\n",
                self.errors
            ));
        }
        if self.language_mismatch > 0 {
            s.push_str(&format!(
                "  {} versions not in the language their name or manifest gives (aligned as given; see the report)\n",
                self.language_mismatch
            ));
        }
        if self.skipped_files > 0 {
            s.push_str(&format!(
                "  {} files left out (hidden, not a document, no language, …; listed in the report)\n",
                self.skipped_files
            ));
        }
        let beads: Vec<String> = self
            .stats
            .beads_by_type
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        s.push_str(&format!(
            "{} sentence pairs ({}), mean score {:.3}\n",
            self.stats.linked_beads,
            beads.join(", "),
            self.stats.mean_score()
        ));
        if self.done > 0 {
            s.push_str(&format!(
                "  (with the {} documents done in earlier runs; this run aligned {} pairs)\n",
                self.done, self.run_pairs
            ));
        }
        if self.learn_seconds > 0.0 {
            s.push_str(&format!(
                "{:.2} s learning a lexicon (first pass), {:.2} s aligning; end to end:\n",
                self.learn_seconds, self.seconds
            ));
        }
        s.push_str(&format!(
            "{:.2} s, {:.0} pairs/s, {:.1} documents/s, {:.2} MB/s\n",
            self.total_seconds(),
            self.pairs_per_sec(),
            self.docs_per_sec(),
            self.mb_per_sec()
        ));
        s
    }
}

fn rate(x: f64, secs: f64) -> f64 {
    if secs > 0.0 { x / secs } else { 0.0 }
}

fn merge_stats(into: &mut Stats, s: &Stats) {
    into.pairs += s.pairs;
    into.regions += s.regions;
    into.anchored_regions += s.anchored_regions;
    into.src_sentences += s.src_sentences;
    into.tgt_sentences += s.tgt_sentences;
    for (k, v) in &s.beads_by_type {
        *into.beads_by_type.entry(k.clone()).or_default() += v;
    }
    into.score_sum += s.score_sum;
    into.linked_beads += s.linked_beads;
}

/// The JSON report, written as the run goes so it costs no memory per
/// document, through the [atomic writer](crate::output::atomic) until the
/// summary closes it.
pub(super) struct ReportFile {
    file: AtomicFile,
    path: PathBuf,
    w: io::BufWriter<crate::output::atomic::NamedWriter<std::fs::File>>,
    first: bool,
}

impl ReportFile {
    pub(super) fn create(path: &Path) -> Result<ReportFile> {
        let file = AtomicFile::create(path)?;
        let mut w = file.writer()?;
        w.write_all(b"{\"documents\":[")
            .map_err(|e| Error::from(e).with_path(path))?;
        Ok(ReportFile {
            file,
            path: path.to_path_buf(),
            w,
            first: true,
        })
    }

    pub(super) fn document(&mut self, d: &DocReport) -> Result<()> {
        let w = &mut self.w;
        let res = (|| -> io::Result<()> {
            if !self.first {
                w.write_all(b",")?;
            }
            w.write_all(b"\n")?;
            serde_json::to_writer(&mut *w, d)?;
            Ok(())
        })();
        self.first = false;
        res.map_err(|e| Error::from(e).with_path(&self.path))
    }

    pub(super) fn finish(
        self,
        skipped_files: &[&crate::corpus::Problem],
        s: &Summary,
    ) -> Result<()> {
        let ReportFile {
            file, path, mut w, ..
        } = self;
        #[derive(Serialize)]
        struct Tail<'a> {
            #[serde(flatten)]
            s: &'a Summary,
            pairs_per_sec: f64,
            docs_per_sec: f64,
            mb_per_sec: f64,
            mean_score: f64,
        }
        let res = (|| -> io::Result<()> {
            w.write_all(b"\n],\"skipped_files\":")?;
            serde_json::to_writer(&mut w, skipped_files)?;
            w.write_all(b",\"summary\":")?;
            serde_json::to_writer(
                &mut w,
                &Tail {
                    s,
                    pairs_per_sec: s.pairs_per_sec(),
                    docs_per_sec: s.docs_per_sec(),
                    mb_per_sec: s.mb_per_sec(),
                    mean_score: s.stats.mean_score(),
                },
            )?;
            w.write_all(b"}\n")?;
            w.flush()
        })();
        res.map_err(|e| Error::from(e).with_path(&path))?;
        drop(w);
        file.commit()
    }
}
