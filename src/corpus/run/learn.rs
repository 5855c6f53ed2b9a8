//! The learning pass before a corpus run: lexicons learned from the first
//! documents, whose loaded versions the run then reuses.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::DocFiles;
use crate::engine::Aligner;

use super::{RunOptions, load_version};

/// Documents the first pass of `sixalign corpus` learns from by default.
pub const LEARN_DOCS: usize = 200;

/// Input bytes of the documents a learning pass keeps loaded for the run
/// (beyond this, the run reads them again): the sample is bounded in
/// documents, this bounds it in memory too (a parsed document holds some
/// 10 to 20 bytes per input byte).
const KEEP_BYTES: u64 = 16 << 20;

/// What the learning pass gives the run: the lexicons learned, how many
/// documents taught them, and the documents it read and parsed (up to
/// `KEEP_BYTES`, 16 MiB, of input), so the run does not read and parse them again.
pub struct Learned {
    /// One lexicon per language pair.
    pub lexicons: Vec<crate::score::Lexicon>,
    /// Documents the first pass read (those with a hub version and at least
    /// one other version that loaded, among the first `sample`).
    pub documents: usize,
    /// The versions read, by path.
    pub loaded: Loaded,
}

/// Versions already read and parsed, by path: each is taken once by the
/// run (and its memory freed with the document's alignment).
#[derive(Default)]
pub struct Loaded(std::sync::Mutex<std::collections::HashMap<PathBuf, (crate::Document, u64)>>);

impl Loaded {
    pub(super) fn take(&self, path: &Path) -> Option<(crate::Document, u64)> {
        self.0.lock().ok()?.remove(path)
    }
}

/// A first pass over the first `sample` documents that have a hub version:
/// their confident 1-1 beads teach one lexicon per language pair (see
/// [`crate::engine::learn_lexicons`]) for the real run, which also gets the
/// documents read ([`Learned::loaded`]). Versions that do not load are
/// left out here; the real run reports them.
pub fn learn_lexicons(
    docs: &[DocFiles],
    opts: &RunOptions,
    sample: usize,
    aligner: &Aligner,
) -> Learned {
    learn_lexicons_with(docs, opts, sample, aligner, &|| {})
}

/// The documents a first pass of `sample` documents reads: the first
/// `sample` with a hub version (for a progress bar's length).
pub fn learning_sample(docs: &[DocFiles], opts: &RunOptions, sample: usize) -> usize {
    docs.iter()
        .filter(|d| d.files.contains_key(&opts.hub))
        .take(sample)
        .count()
}

/// [`learn_lexicons`], calling `on_doc` as each document of the first pass
/// is done (from any thread). A [stop](RunOptions::stop) leaves the
/// documents not started out.
pub fn learn_lexicons_with(
    docs: &[DocFiles],
    opts: &RunOptions,
    sample: usize,
    aligner: &Aligner,
    on_doc: &(dyn Fn() + Sync),
) -> Learned {
    let others = opts.others();
    let picked: Vec<&DocFiles> = docs
        .iter()
        .filter(|d| d.files.contains_key(&opts.hub))
        .take(sample)
        .collect();
    let keep = crate::corpus::keep_within(picked.iter().map(|d| d.files.values()), KEEP_BYTES);
    let aligner = aligner.single_pass();
    let loaded = Loaded::default();
    let per_doc: Vec<Vec<crate::engine::PairAlignment>> = picked
        .par_iter()
        .zip(&keep)
        .map(|(d, &keep)| {
            if opts.stopped() {
                return Vec::new();
            }
            let aligned = (|| {
                let Ok(hub) = load_version(&d.files[&opts.hub], opts.hub, &d.id) else {
                    return Vec::new();
                };
                let mut read: Vec<(&PathBuf, u64)> = Vec::new();
                let mut versions: Vec<crate::Document> = Vec::new();
                for l in &others {
                    if let Some(p) = d.files.get(l)
                        && let Ok((v, n)) = load_version(p, *l, &d.id)
                    {
                        read.push((p, n));
                        versions.push(v);
                    }
                }
                let aligned = aligner.align_all(&hub.0, &versions);
                if keep && let Ok(mut m) = loaded.0.lock() {
                    m.insert(d.files[&opts.hub].clone(), hub);
                    for ((p, n), v) in read.into_iter().zip(versions) {
                        m.insert(p.clone(), (v, n));
                    }
                }
                aligned
            })();
            on_doc();
            aligned
        })
        .collect();
    let documents = per_doc.iter().filter(|p| !p.is_empty()).count();
    let pairs: Vec<crate::engine::PairAlignment> = per_doc.into_iter().flatten().collect();
    Learned {
        lexicons: crate::engine::learn_lexicons(&pairs, crate::engine::LEARN_MIN_SCORE),
        documents,
        loaded,
    }
}
